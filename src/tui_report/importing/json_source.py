"""Import of this program's own JSON export (``export --format json``): read by its
stable keys, not by its labels, and every value through the same checks as a report
file's (``report_from_data``), so the report comes back exactly or not at all."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..export.json_export import SCHEMA_VERSION
from ..formats import FORMATS, ReportFormat
from ..report.model import Report
from ..storage.reading import report_from_data
from .problems import ImportFailure

NOT_OURS = (
    "只能导入本程序导出的 JSON（tui-report export --format json）；"
    "其他 JSON 请先转换成报告文件的格式"
)
_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")  # how the export writes an amount


def looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n").startswith("{")


def report_from_json(text: str, source: Path) -> Report:
    """The report of a JSON export; ``ImportFailure`` when the text is not one, or when a
    value in it is not one a report may hold (nothing is guessed or filled in)."""
    try:
        document = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFailure(
            f"JSON 语法错误：第 {exc.lineno} 行第 {exc.colno} 列", exc.lineno
        ) from None
    if not isinstance(document, dict) or "schema" not in document:
        raise ImportFailure(NOT_OURS)
    if document.get("schema") != SCHEMA_VERSION:
        raise ImportFailure(
            f"JSON 的 schema 为 {document.get('schema')!r}，本程序读取 schema {SCHEMA_VERSION}"
        )
    fmt = FORMATS.get(str(document.get("format")))
    if fmt is None:
        raise ImportFailure(f"JSON 中的格式版本 format = {document.get('format')!r} 不认识")
    try:
        data = _as_stored(document, fmt)
    except (KeyError, TypeError, AttributeError):
        raise ImportFailure(f"{NOT_OURS}（缺少或不认识其中的键）") from None
    report, structure = report_from_data(source, data)
    bad = [f"{p.location.key}：{p.message}" for p in structure if p.is_error]
    bad += [
        f"{ref.table}.{ref.row} {fmt.table(ref.table).column(ref.column).label}：{cell.reason}"
        for ref, cell in report.bad_cells.items()
    ]
    bad += [f"{name}：{cell.reason}" for name, cell in report.bad_fields.items()]
    if bad:
        more = f"等 {len(bad)} 处" if len(bad) > 3 else ""
        raise ImportFailure(f"JSON 中有不能导入的值：{'；'.join(bad[:3])}{more}")
    return report


def _as_stored(document: dict[str, Any], fmt: ReportFormat) -> dict[str, Any]:
    """The JSON document in the shape of a report file's data (what ``tomllib`` gives)."""
    data: dict[str, Any] = {
        "format": fmt.version,
        "agency": document["agency"],
        "year": document["year"],
        fmt.intro_key: {"text": document["intro"]},
    }
    sections = {s["key"]: s for s in document["sections"]}
    for section in fmt.sections:
        given = sections[section.key]
        if section.text_key:
            data[section.text_key] = {"text": given["text"] if given["text"] is not None else ""}
        tables = {t["key"]: t for t in given["tables"]}
        for table in section.tables:
            rows = {r["key"]: r["cells"] for r in tables[table.key]["rows"]}
            data[table.key] = {
                row.key: [_stored(rows[row.key][c.key]) for c in table.entered_columns]
                for row in table.entered_rows
            }
    return data


def _stored(value: Any) -> Any:
    """An amount written as a string (``"128.40"``) as the Decimal a report file holds;
    anything else as it is, for the reader's checks to accept or refuse."""
    if isinstance(value, str) and _PLAIN_DECIMAL.fullmatch(value):
        return Decimal(value)
    return value
