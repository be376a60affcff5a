"""The plain-text official layout, for upload to a government portal.

Title, intro, parts 一 to 六 with the official headings, and every table with
the official labels verbatim and computed totals. Tables are drawn with
tabulate in ASCII (``+-|=``: box-drawing characters are ambiguous-width in
Chinese fonts and break alignment); numbers are printed exactly as stored.
"""

from __future__ import annotations

from types import SimpleNamespace

import tabulate as tabulate_module
from tabulate import tabulate

from ..formats import Table
from ..model import Report
from ..textwidth import cjk_width, wrap, wrap_header
from ..values import format_value
from .layout import add_group_headers
from .sanitize import clean_line, clean_text

DEFAULT_WIDTH = 100
INDENT = "  "
PARAGRAPH_INDENT = "\u3000\u3000"
MIN_LABEL_WIDTH = 12


def export_text(report: Report, max_width: int = DEFAULT_WIDTH) -> str:
    fmt = report.format
    out: list[str] = [clean_line(report.agency), report.title, ""]
    out += _paragraphs(report.texts[fmt.intro_key])
    for section in fmt.sections:
        out += [section.heading, ""]
        if section.text_key:
            out += _paragraphs(report.texts[section.text_key])
        for table in section.tables:
            if table.title:
                out.append(table.title)
            out += [render_table(report, table, max_width), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _paragraphs(text: str) -> list[str]:
    """One paragraph per line, first line indented by two full-width spaces (首行缩进)."""
    lines = [line.strip() for line in clean_text(text).split("\n")]
    kept = [PARAGRAPH_INDENT + line for line in lines if line]
    return [*kept, ""] if kept else []


def render_table(report: Report, table: Table, max_width: int = DEFAULT_WIDTH) -> str:
    """One table in the ``grid`` layout, fitted to ``max_width`` by wrapping labels."""
    grid = report.grid(table)
    values = [[format_value(v) for v in line] for line in grid]
    labels = [(line.label, INDENT * line.level, line.row) for line in table.outline]
    corner = table.note or table.corner or ""
    number_widths = [
        max([cjk_width(c.label)] + [cjk_width(line[i]) for line in values])
        for i, c in enumerate(table.columns)
    ]
    label_width = max(cjk_width(indent + label) for label, indent, _ in labels)
    label_width = max(label_width, cjk_width(table.corner or ""))
    headers = [c.label for c in table.columns]
    if _table_width([label_width, *number_widths]) > max_width:
        number_widths = [
            max([4] + [cjk_width(line[i]) for line in values]) for i in range(len(table.columns))
        ]
        headers = [
            wrap_header(c.label, w, cjk_width)
            for c, w in zip(table.columns, number_widths, strict=True)
        ]
        label_width = max(max_width - _table_width([0, *number_widths]), MIN_LABEL_WIDTH)
    body = []
    for label, indent, index in labels:
        cells = values[index] if index is not None else [""] * len(table.columns)
        body.append(["\n".join(wrap(indent + label, label_width, indent, cjk_width)), *cells])
    corner_text = "\n".join(wrap(corner, label_width, measure=cjk_width)) if corner else ""
    # tabulate pads headers by 2 (MIN_PADDING) beyond the cell padding, and measures
    # with wcwidth (ambiguous characters narrow); our widths are computed without the
    # padding and with Chinese-font widths, so that tables fit and line up.
    saved = tabulate_module.MIN_PADDING, tabulate_module.wcwidth
    tabulate_module.MIN_PADDING = 0
    tabulate_module.wcwidth = _CJK_WCWIDTH
    try:
        rendered = tabulate(
            body,
            headers=[corner_text, *headers],
            tablefmt="grid",
            disable_numparse=True,
            colalign=("left", *("right" for _ in table.columns)),
            headersalign=("left", *("center" for _ in table.columns)),
            preserve_whitespace=True,
        )
    finally:
        tabulate_module.MIN_PADDING, tabulate_module.wcwidth = saved
    return add_group_headers(rendered, [(), *(c.groups for c in table.columns)])


_CJK_WCWIDTH = SimpleNamespace(wcswidth=cjk_width, wcwidth=cjk_width)


def _table_width(widths: list[int]) -> int:
    """Width of a ``grid`` table whose columns have these content widths."""
    return 1 + sum(w + 3 for w in widths)
