"""The whole report as JSON for machines: computed totals included, labels verbatim.

Shape (documented in the README and, exactly, in ``report.schema.json`` beside this
file): ``schema`` is the version of that shape; each row has its values twice, as
``cells`` by the stable column keys and as ``values`` by the official column labels;
amounts are strings so that no digit is lost (``"1234.50"``); counts are integers; an
unknown value is ``null``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from ..report.model import Report
from ..report.values import Value, format_value
from .sanitize import clean_line, clean_text

SCHEMA_VERSION = 1  # raised whenever a key is removed or changes meaning
SCHEMA_FILE = Path(__file__).with_name("report.schema.json")


def _value(value: Value | None) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format_value(value)
    return value


def report_as_dict(report: Report) -> dict[str, object]:
    fmt = report.format
    sections = []
    for section in fmt.sections:
        tables = []
        for table in section.tables:
            grid = report.grid(table)
            tables.append(
                {
                    "key": table.key,
                    "title": table.title,
                    "corner": table.corner,
                    "note": table.note,
                    "columns": [
                        {
                            "key": c.key,
                            "label": c.label,
                            "groups": list(c.groups),
                            "kind": c.kind.name,
                            "derived": c.derived,
                        }
                        for c in table.columns
                    ],
                    "rows": [
                        {
                            "key": row.key,
                            "label": row.label,
                            "groups": list(row.groups),
                            "derived": row.derived,
                            "cells": {
                                c.key: _value(v) for c, v in zip(table.columns, line, strict=True)
                            },
                            "values": {
                                c.label: _value(v) for c, v in zip(table.columns, line, strict=True)
                            },
                        }
                        for row, line in zip(table.rows, grid, strict=True)
                    ],
                }
            )
        sections.append(
            {
                "key": section.key,
                "number": section.number,
                "heading": section.heading,
                "text": clean_text(report.texts[section.text_key]) if section.text_key else None,
                "tables": tables,
            }
        )
    return {
        "schema": SCHEMA_VERSION,
        "format": fmt.version,
        "format_name": fmt.name,
        "agency": clean_line(report.agency),
        "year": report.year,
        "title": report.title,
        "intro": clean_text(report.texts[fmt.intro_key]),
        "sections": sections,
    }


def export_json(report: Report) -> str:
    return json.dumps(report_as_dict(report), ensure_ascii=False, indent=2) + "\n"
