"""Pasting a block of numbers into a table, and copying cells out: pure Python, no Textual.

A block copied from Excel, WPS or a web page arrives as lines separated by line
breaks and cells separated by tabs. It fills the table from the cursor rightwards
and downwards into the entered cells, passing over the computed ones — or, when the
block was copied from a table laid out like the official one (its 总计 column or
（七）总计 row included), cell for cell, with each pasted total checked against the
sum of the pasted items. Either every value goes in or none does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from ..formats import Table
from ..model import CellRef, Report, cell_label
from ..values import InvalidValue, Value, format_value, parse_typed

Block = list[list[str]]


class PasteRefused(Exception):
    """The paste cannot go in; ``message`` says why and where (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PastePlan:
    changes: list[tuple[CellRef, Value]]
    rows: int
    columns: int


def split_block(text: str) -> Block:
    """Lines of tab-separated cells; the line break after the last line is not a line.

    Terminals paste a line break as CR, so a spreadsheet's CR LF arrives as two CRs:
    when every run of CRs is even and there is no LF, each pair is one line break. An
    empty line has no cells: it leaves its row as it is.
    """
    if "\n" not in text and all(len(run) % 2 == 0 for run in re.findall(r"\r+", text)):
        text = text.replace("\r\r", "\n")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") if line.strip() else [] for line in lines]


def is_single_value(block: Block) -> bool:
    return len(block) == 1 and len(block[0]) == 1


def block_width(block: Block) -> int:
    """Columns up to the last cell holding something (empty cells after it carry nothing)."""
    widths = [
        max((i + 1 for i, cell in enumerate(line) if cell.strip()), default=0) for line in block
    ]
    return max(widths, default=0)


def _axis_maps(derived: list[bool], start: int, size: int) -> list[list[int]]:
    """Candidate positions for ``size`` pasted values from ``start``: cell for cell (computed
    positions included) first, then the entered positions only; those that fit."""
    maps: list[list[int]] = []
    if start + size <= len(derived):
        maps.append(list(range(start, start + size)))
    entered = [i for i in range(start, len(derived)) if not derived[i]][:size]
    if len(entered) == size and entered not in maps:
        maps.append(entered)
    return maps


def plan_paste(report: Report, table: Table, row: int, col: int, block: Block) -> PastePlan:
    """The values a paste puts where, or ``PasteRefused``."""
    if table.rows[row].derived or table.columns[col].derived:
        raise PasteRefused("光标在程序计算的总计上：请把光标移到要粘贴的第一个单元格")
    height, width = len(block), block_width(block)
    if height == 0 or width == 0:
        raise PasteRefused("粘贴的内容是空的")
    row_maps = _axis_maps([r.derived for r in table.rows], row, height)
    col_maps = _axis_maps([c.derived for c in table.columns], col, width)
    rows_left = sum(1 for r in table.rows[row:] if not r.derived)
    cols_left = sum(1 for c in table.columns[col:] if not c.derived)
    room = (
        f"粘贴的内容有 {height} 行 {width} 列，从光标处起本表只有 {rows_left} 行 "
        f"{cols_left} 列可以输入"
    )
    if not row_maps or not col_maps:
        raise PasteRefused(f"{room}（多出的部分无处可放）")
    refusal: PasteRefused | None = None
    for rows, cols in product(row_maps, col_maps):
        try:
            return _place(report, table, block, rows, cols)
        except PasteRefused as exc:
            refusal = exc  # the last tried is the plainest reading: entered cells only
    assert refusal is not None
    if height > rows_left or width > cols_left:  # read as including totals, and they differ
        raise PasteRefused(f"{refusal.message}；若粘贴的内容不含总计，则{room}")
    raise refusal


def _place(
    report: Report, table: Table, block: Block, rows: list[int], cols: list[int]
) -> PastePlan:
    fmt = report.format
    changes: list[tuple[CellRef, Value]] = []
    totals: list[tuple[int, int, int, int, str]] = []
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            if j >= len(block[i]):
                continue  # a shorter line leaves the cells after it as they are
            text = block[i][j]
            if table.rows[r].derived or table.columns[c].derived:
                totals.append((i, j, r, c, text))
                continue
            ref = CellRef(table.key, table.rows[r].key, table.columns[c].key)
            try:
                value = parse_typed(text, table.columns[c].kind)
            except InvalidValue as exc:
                raise PasteRefused(
                    f"第 {i + 1} 行第 {j + 1} 个值（{cell_label(fmt, ref)}）：{exc.message}"
                ) from None
            changes.append((ref, value))
    if totals:
        after = report.copy()
        for ref, value in changes:
            after.set(ref, value)
        grid = after.grid(table)
        for i, j, r, c, text in totals:
            _check_total(table, fmt, grid[r][c], i, j, r, c, text)
    return PastePlan(changes, len(rows), len(cols))


def _check_total(table, fmt, computed, i, j, r, c, text) -> None:
    if not text.strip():
        return  # an empty total: nothing to check
    ref = CellRef(table.key, table.rows[r].key, table.columns[c].key)
    where = f"第 {i + 1} 行第 {j + 1} 个值（{cell_label(fmt, ref)}，由程序计算）"
    try:
        stated = parse_typed(text, table.columns[c].kind)
    except InvalidValue as exc:
        raise PasteRefused(f"{where}：{exc.message}") from None
    if computed is None or stated != computed:
        shown = format_value(computed) if computed is not None else "未知"
        raise PasteRefused(f"{where}是 {format_value(stated)}，而各项之和为 {shown}")


def cell_text(report: Report, ref: CellRef) -> str:
    """A cell as it goes to the clipboard (empty when its value is unknown)."""
    return format_value(report.get(ref))


def row_text(report: Report, table: Table, row: int) -> str:
    """A row's values, computed ones included, tab-separated: a spreadsheet takes it as a row."""
    return "\t".join(format_value(value) for value in report.grid(table)[row])
