"""``tui-report diff A B``: every changed value, in official words, and changed paragraphs."""

from __future__ import annotations

from difflib import SequenceMatcher

from .model import CellRef, Report, cell_label
from .values import format_value


def changed_values(a: Report, b: Report) -> list[str]:
    """``三 （四）1.本机关不掌握相关政府信息 · 自然人：3 → 5`` for every entered cell that
    differs (cells of a table only one format has are listed as such)."""
    lines: list[str] = []
    for label, old, new in (("发布机关", a.agency, b.agency), ("年度", a.year, b.year)):
        if old != new:
            lines.append(f"{label}：{old} → {new}")
    if a.format is not b.format:
        lines.append(f"格式：{a.format.version} → {b.format.version}")
    for table in b.format.tables:
        for row in table.entered_rows:
            for column in table.entered_columns:
                ref = CellRef(table.key, row.key, column.key)
                new = _shown(b, ref)
                if not a.format.has_cell(*ref):
                    lines.append(f"{cell_label(b.format, ref)}：（旧格式无此项） → {new}")
                    continue
                old = _shown(a, ref)
                if old != new:
                    lines.append(f"{cell_label(b.format, ref)}：{old} → {new}")
    if a.format is not b.format:
        lines += _only_in_old_format(a, b)
    return lines


def _shown(report: Report, ref: CellRef) -> str:
    """A cell's value as written; an unusable one as written too (``1a（不合格）``), not as
    if the cell were empty; a missing one ``（无）``."""
    value = format_value(report.get(ref))
    if value:
        return value
    bad = report.bad_cells.get(ref)
    return f"{bad.raw}（不合格）" if bad and bad.raw else "（无）"


def _only_in_old_format(a: Report, b: Report) -> list[str]:
    """Entered cells of ``a`` that the format of ``b`` has no place for."""
    lines: list[str] = []
    for table in a.format.tables:
        for row in table.entered_rows:
            for column in table.entered_columns:
                ref = CellRef(table.key, row.key, column.key)
                if not b.format.has_cell(*ref):
                    old = _shown(a, ref)
                    lines.append(f"{cell_label(a.format, ref)}：{old} → （新格式无此项）")
    return lines


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
