"""Markdown: headings, paragraphs and pipe tables (labels verbatim, totals computed)."""

from __future__ import annotations

import re

from tabulate import tabulate

from ..formats import Table
from ..report.model import Report
from ..report.values import format_value
from .sanitize import clean_line, clean_text

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for line in clean_text(text).split("\n"):
        if line.strip():
            out += [_escape(line.strip()), ""]
    return out


def _table(report: Report, table: Table) -> str:
    grid = report.grid(table)
    if table.one_row:  # the template's one row (part 四), each heading naming its group
        headers = [
            _escape(" ".join((*row.groups, row.label, column.label)))
            for row in table.rows
            for column in table.columns
        ]
        values = [format_value(v) for line in grid for v in line]
        drawn: str = tabulate(
            [values],
            headers=headers,
            tablefmt="pipe",
            disable_numparse=True,
            colalign=("right",) * len(values),
        )
        return drawn
    headers = [
        _escape(table.corner or ""),
        *(" ".join((*c.groups[1:], c.label)) for c in table.columns),
    ]
    rows = []
    for row, line in zip(table.rows, grid, strict=True):
        label = " ".join((*row.groups[-1:], row.label))
        rows.append([_escape(label), *(format_value(v) for v in line)])
    table_text: str = tabulate(
        rows,
        headers=headers,
        tablefmt="pipe",
        disable_numparse=True,
        colalign=("left", *("right" for _ in table.columns)),
    )
    return table_text


def export_markdown(report: Report) -> str:
    fmt = report.format
    out = [f"# {_escape(clean_line(report.agency))} {report.title}", ""]
    out += _paragraphs(report.texts[fmt.intro_key])
    for section in fmt.sections:
        out += [f"## {section.heading}", ""]
        if section.text_key:
            out += _paragraphs(report.texts[section.text_key])
        for table in section.tables:
            if table.title:
                out += [f"### {table.title}", ""]
            if table.note:
                out += [table.note, ""]
            out += [_table(report, table), ""]
    return "\n".join(out).rstrip("\n") + "\n"
