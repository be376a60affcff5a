"""``tui-report diff A B``: every changed value, in official words, and changed paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from ..formats import ReportFormat, Table
from .model import CellRef, Report, cell_label
from .values import format_value


def changed_values(a: Report, b: Report) -> list[str]:
    """``三 （四）1.本机关不掌握相关政府信息 · 自然人：3 → 5`` for every entered cell that
    differs, part by part in the report's order. Between two formats, a cell only one of
    them has is listed where it holds something; those that hold 0 are counted, one line
    per table (``二 第二十条第（一）项：另有 6 个旧格式没有的数，都是 0``)."""
    lines: list[str] = []
    for label, old, new in (("发布机关", a.agency, b.agency), ("年度", a.year, b.year)):
        if old != new:
            lines.append(f"{label}：{old} → {new}")
    if a.format is not b.format:
        lines.append(f"格式：{a.format.version} → {b.format.version}")
    if a.total_of != b.total_of:
        lines.append(f"合计标记（total_of）：{total_in_words(a)} → {total_in_words(b)}")
    for section in b.format.sections:
        for table in section.tables:
            lines += _table_changes(a, b, table)
        if a.format is not b.format:  # the old format's tables of this part, as they were
            old_section = next((s for s in a.format.sections if s.key == section.key), None)
            for table in old_section.tables if old_section else ():
                lines += _only_in_old_format(a, b, table)
    return lines


def total_in_words(report: Report) -> str:
    """Whether a report is a total written by ``sum`` (``total_of``), in words."""
    if report.total_of is None:
        return "无（单位的报告）"
    return f"{report.total_of} 份报告的合计（sum 写出）"


def _table_changes(a: Report, b: Report, table: Table) -> list[str]:
    lines: list[str] = []
    for ref in _entered(table):
        if a.format.has_cell(*ref):
            old, new = _shown(a, ref), _shown(b, ref)
            if old != new:
                lines.append(f"{cell_label(b.format, ref)}：{old} → {new}")
        elif b.get(ref) != 0:
            lines.append(f"{cell_label(b.format, ref)}：（旧格式无此项） → {_shown(b, ref)}")
    return lines + _zeros_alone(b, a.format, table, "旧格式")


def _only_in_old_format(a: Report, b: Report, table: Table) -> list[str]:
    """Entered cells of a table of ``a`` that the format of ``b`` has no place for."""
    lines = [
        f"{cell_label(a.format, ref)}：{_shown(a, ref)} → （新格式无此项）"
        for ref in _entered(table)
        if not b.format.has_cell(*ref) and a.get(ref) != 0
    ]
    return lines + _zeros_alone(a, b.format, table, "新格式")


def _zeros_alone(report: Report, other: ReportFormat, table: Table, named: str) -> list[str]:
    """One line counting the cells of ``report``'s table that the ``other`` format (called
    ``named``) has no place for and that hold 0 (none when there are none)."""
    zeros = sum(1 for ref in _entered(table) if not other.has_cell(*ref) and report.get(ref) == 0)
    if not zeros:
        return []
    return [f"{table_label(report.format, table)}：另有 {zeros} 个{named}没有的数，都是 0"]


def _entered(table: Table) -> Iterator[CellRef]:
    """Every entered cell of a table, row by row."""
    for row in table.entered_rows:
        for column in table.entered_columns:
            yield CellRef(table.key, row.key, column.key)


def _shown(report: Report, ref: CellRef) -> str:
    """A cell's value as written; an unusable one as written too (``1a（不合格）``), not as
    if the cell were empty; a missing one ``（无）``."""
    value = format_value(report.get(ref))
    if value:
        return value
    bad = report.bad_cells.get(ref)
    return f"{bad.raw}（不合格）" if bad and bad.raw else "（无）"


def table_label(fmt: ReportFormat, table: Table) -> str:
    """A table in official words: ``二 第二十条第（一）项``, or its part's heading."""
    section = fmt.section_of_table[table.key]
    return f"{section.number} {table.title}" if table.title else section.heading


def changed_paragraphs(a: Report, b: Report) -> list[str]:
    """The paragraphs of each narrative part that were removed (-) or added (+)."""
    lines: list[str] = []
    for key in a.format.text_keys:
        if key not in b.format.text_keys and a.texts.get(key, "").strip():
            lines.append(f"{a.format.text_label(key)}：（新格式无此部分）")
    for key in b.format.text_keys:
        old = [p for p in a.texts.get(key, "").split("\n") if p.strip()]
        new = [p for p in b.texts[key].split("\n") if p.strip()]
        if old == new:
            continue
        lines.append(f"{b.format.text_label(key)}：")
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            lines += [f"  - 第 {i + 1} 段：{old[i]}" for i in range(i1, i2)]
            lines += [f"  + 第 {j + 1} 段：{new[j]}" for j in range(j1, j2)]
    return lines
