"""Pasting a block of numbers into a table, and copying cells out: pure Python, no Textual.

A block copied from Excel, WPS or a web page arrives as lines separated by line
breaks and cells separated by tabs. It fills the table from the cursor rightwards
and downwards into the entered cells, passing over the computed ones — or, when the
block was copied from a table laid out like the official one (its 总计 column or
（七）总计 row included), cell for cell, with each pasted total checked against the
sum of the pasted items. Either every value goes in or none does.

A spreadsheet copies a rectangle, and an empty cell in it is a cell with nothing in
it: pasted, it empties the cell it lands on. A report's cell always holds a number
(the file has no empty cell), so emptied means 0, as Delete leaves a cell. The
rectangle is as wide as its widest line (a shorter line ends in empty cells), and a
line with nothing in it is a row of empty cells. Cells emptied are counted and said;
an old number is never left standing where the copy had an empty cell.

Two layouts of published reports are read as well: a row copied with its label in
front (``（一）予以公开⇥20⇥3…``, checked against the row it lands on), and part 四's
official one row of 15 numbers (three groups of five), folded into its three rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from ..formats import ReportFormat, Row, Table
from ..report.model import CellRef, Report, cell_label
from ..report.values import InvalidValue, Value, format_value, normalize_typed, parse_typed

Block = list[list[str]]

# A number written with a unit (12件, 3.5万元): a wrong value, not a label.
_NUMBER_WITH_UNIT = re.compile(r"[+-]?[\d,.]+\s*(万元|元|万|件|个|条|项)")
_HAN = re.compile(r"[\u4e00-\u9fff]")


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
    values: int = 0  # cells given a number
    cleared: int = 0  # cells that held something else and are emptied (to 0)

    def describe(self) -> str:
        """``粘贴 3 个值，已清空 3 格（1 行 × 6 列）`` (empty for one value, said as typed)."""
        if len(self.changes) <= 1 and not self.cleared:
            return ""
        what = f"粘贴 {self.values} 个值"
        if self.cleared:
            what += f"，已清空 {self.cleared} 格"
        return f"{what}（{self.rows} 行 × {self.columns} 列）"


def is_empty(cell: str) -> bool:
    return not cell.strip()


def split_block(text: str) -> Block:
    """Lines of tab-separated cells, as a spreadsheet copies a rectangle.

    Terminals paste a line break as CR, so a spreadsheet's CR LF arrives as two CRs:
    when every run of CRs is even and there is no LF, each pair is one line break. The
    line break after the last line ends it (a spreadsheet always writes one). A line
    with nothing in it is a row of empty cells — in a one-column block, where that is
    how a spreadsheet writes an empty cell, also at the end; in a wider block a
    spreadsheet writes an empty row as tabs, so empty lines after the last row there
    are only the end of the text.
    """
    if "\n" not in text and all(len(run) % 2 == 0 for run in re.findall(r"\r+", text)):
        text = text.replace("\r\r", "\n")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the line break after the last line
    block = [line.split("\t") for line in lines]
    if block_width(block) > 1:
        while len(block) > 1 and len(block[-1]) == 1 and is_empty(block[-1][0]):
            block.pop()
    return block


def is_single_value(block: Block) -> bool:
    return len(block) == 1 and len(block[0]) == 1


def block_width(block: Block) -> int:
    """The widest line's cells (a shorter line ends in empty cells)."""
    return max((len(line) for line in block), default=0)


def has_values(block: Block) -> bool:
    return any(not is_empty(cell) for line in block for cell in line)


# --- labels copied with the numbers ------------------------------------------------------


def is_label(cell: str) -> bool:
    """A row label (Chinese words, not a number with a unit such as 12件)."""
    text = normalize_typed(cell)
    return bool(_HAN.search(text)) and not _NUMBER_WITH_UNIT.fullmatch(text)


@dataclass(frozen=True)
class PastedLine:
    """A pasted line: the label copied in front of its numbers, if any, and the numbers."""

    label: str | None
    cells: list[str]


def read_line(cells: list[str], width: int) -> PastedLine:
    """Take the label cells off the front of a line: the words before the numbers
    (and the empty cells among them, which merged label cells leave), the last of
    which names the row. Empty cells between the label and the numbers are merged
    label cells too where the numbers alone fill a row (``width`` columns)."""
    end = 0
    for i, cell in enumerate(cells):
        if is_label(cell):
            end = i + 1
        elif not is_empty(cell):
            break
    if end == 0:
        return PastedLine(None, cells)
    label = next(cell for cell in reversed(cells[:end]) if is_label(cell)).strip()
    numbers = cells[end:]
    while len(numbers) > width and is_empty(numbers[0]):
        numbers = numbers[1:]
    return PastedLine(label, numbers)


def label_matches(text: str, row: Row) -> bool:
    """Whether a copied label names this row (punctuation, spaces, the group's number
    and a character or two may differ; a long label may be shortened: （二）部分公开)."""
    from ..importing.labels import MIN_SIMILARITY, ends_with_label, key, official_key

    written = key(text)
    if not written:
        return False
    for label in (row.label, row.qualified_label):
        wanted = official_key(label)
        if ends_with_label(written, wanted) >= MIN_SIMILARITY:
            return True
        if len(written) >= 4 and wanted.startswith(written):
            return True
    return False


def _label_refusal(table: Table, lines: list[PastedLine], rows: list[int]) -> PasteRefused:
    """The first line whose label is not the row it would go into, and where it belongs."""
    for i, (line, r) in enumerate(zip(lines, rows, strict=False)):
        if line.label is None or label_matches(line.label, table.rows[r]):
            continue
        here = table.rows[r].qualified_label
        owner = next((row for row in table.rows if label_matches(line.label, row)), None)
        where = (
            f"请把光标移到“{owner.qualified_label}”一行再粘贴"
            if owner is not None
            else "本表没有这一行；请只复制数字"
        )
        return PasteRefused(
            f"第 {i + 1} 行第一列是文字“{line.label}”，与光标所在处的“{here}”一行不符：{where}"
        )
    return PasteRefused("粘贴的各行第一列是文字，与表中的行对不上：请只复制数字")


# --- placing the block ---------------------------------------------------------------------


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


def _without_empty_edges(lines: list[PastedLine], rows_room: int, cols_room: int) -> Block:
    """The numbers as a rectangle, less the empty rows and columns that run past the
    table's edge: there is no cell there for them to empty."""
    block = [list(line.cells) for line in lines]
    width = block_width(block)
    while width > cols_room and all(len(line) < width or is_empty(line[-1]) for line in block):
        width -= 1
        block = [line[:width] for line in block]
    while len(block) > rows_room and not any(not is_empty(c) for c in block[-1]):
        block.pop()
    return block


def _one_row_folds(table: Table, lines: list[PastedLine], row: int) -> list[Block]:
    """Part 四's official one row (行政复议 and two 行政诉讼 groups side by side, 15
    numbers with the totals, 12 without) as the rows it is edited in. A label copied in
    front of it must name the row it goes into first (行政复议)."""
    rows_room = len(table.rows) - row
    if not table.one_row or len(lines) != 1:
        return []
    if lines[0].label is not None and not label_matches(lines[0].label, table.rows[row]):
        return []
    cells = lines[0].cells
    folds: list[Block] = []
    for size in (len(table.columns), len(table.entered_columns)):
        length = len(cells)
        while length > size and (length % size or length // size > rows_room):
            if not is_empty(cells[length - 1]):
                break
            length -= 1  # empty cells at the end, past the table
        if length > size and length % size == 0 and length // size <= rows_room:
            folds.append([cells[i : i + size] for i in range(0, length, size)])
    return folds


def plan_paste(report: Report, table: Table, row: int, col: int, block: Block) -> PastePlan:
    """The values a paste puts where, or ``PasteRefused``."""
    if table.rows[row].derived:
        raise PasteRefused("光标在程序计算的总计上：请把光标移到要粘贴的第一个单元格")
    lines = [read_line(line, len(table.columns)) for line in block]
    labelled = any(line.label is not None for line in lines)
    rows_room = len(table.rows) - row
    folds = _one_row_folds(table, lines, row)
    label = lines[0].label if len(lines) == 1 else None
    if table.one_row and label is not None and not label_matches(label, table.rows[row]):
        raise _label_refusal(table, lines, [row])  # another row's label, or words that name none
    if labelled or folds:
        col = 0  # a whole row of the official table: from its first column
    elif table.columns[col].derived:
        raise PasteRefused("光标在程序计算的总计上：请把光标移到要粘贴的第一个单元格")
    numbers = _without_empty_edges(lines, rows_room, len(table.columns) - col)
    height, width = len(numbers), block_width(numbers)
    if not has_values(numbers):
        raise PasteRefused("粘贴的内容中没有数字")
    rows_left = sum(1 for r in table.rows[row:] if not r.derived)
    cols_left = sum(1 for c in table.columns[col:] if not c.derived)
    room = (
        f"粘贴的内容有 {height} 行 {width} 列，从光标处起本表只有 {rows_left} 行 "
        f"{cols_left} 列可以输入"
    )
    shapes = [(fold, [PastedLine(None, f) for f in fold], len(fold[0])) for fold in folds]
    shapes.append((numbers, lines, 0))
    refusal: PasteRefused | None = None
    label_refusal: PasteRefused | None = None
    for shape, shape_lines, folded in shapes:
        row_maps = _axis_maps([r.derived for r in table.rows], row, len(shape))
        col_maps = _axis_maps([c.derived for c in table.columns], col, block_width(shape))
        for rows, cols in product(row_maps, col_maps):
            if labelled and not all(
                line.label is None or label_matches(line.label, table.rows[r])
                for line, r in zip(shape_lines, rows, strict=True)
            ):
                label_refusal = label_refusal or _label_refusal(table, shape_lines, rows)
                continue
            try:
                return _place(report, table, shape, rows, cols, folded)
            except PasteRefused as exc:
                refusal = exc  # the last tried is the plainest reading: entered cells only
                if folded:  # the official row, totals and all: its own reading
                    raise
    if refusal is None and label_refusal is not None:
        raise label_refusal
    if refusal is None:
        if folds or (table.one_row and width > len(table.columns) - col):
            room += (
                "（第四部分可粘贴官方表格的一行：行政复议、未经复议直接起诉、复议后起诉各 5 个数，"
                "共 15 个，或不含总计的 12 个，从“行政复议”一行起）"
            )
        raise PasteRefused(f"{room}（多出的部分无处可放）")
    if height > rows_left or width > cols_left:  # read as including totals, and they differ
        raise PasteRefused(f"{refusal.message}；若粘贴的内容不含总计，则{room}")
    raise refusal


def _position(i: int, j: int, folded: int) -> str:
    """Where a value was in what was pasted: its line and place, or its place in the
    one line that was folded into rows of ``folded`` values."""
    if folded:
        return f"第 {i * folded + j + 1} 个值"
    return f"第 {i + 1} 行第 {j + 1} 个值"


def _place(
    report: Report, table: Table, block: Block, rows: list[int], cols: list[int], folded: int = 0
) -> PastePlan:
    fmt = report.format
    changes: list[tuple[CellRef, Value]] = []
    totals: list[tuple[int, int, int, int, str]] = []
    values = cleared = 0
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            text = block[i][j] if j < len(block[i]) else ""  # a shorter line: empty cells
            if table.rows[r].derived or table.columns[c].derived:
                totals.append((i, j, r, c, text))
                continue
            ref = CellRef(table.key, table.rows[r].key, table.columns[c].key)
            if is_empty(text):
                old = report.get(ref)
                if old is None or old != 0:  # 0 as written (0.00) stays as it is
                    changes.append((ref, parse_typed("", table.columns[c].kind)))
                    cleared += 1
                continue
            try:
                value = parse_typed(text, table.columns[c].kind)
            except InvalidValue as exc:
                raise PasteRefused(
                    f"{_position(i, j, folded)}（{cell_label(fmt, ref)}）：{exc.message}"
                ) from None
            changes.append((ref, value))
            values += 1
    if totals:
        after = report.copy()
        for ref, value in changes:
            after.set(ref, value)
        grid = after.grid(table)
        for i, j, r, c, text in totals:
            where = _position(i, j, folded)
            _check_total(table, fmt, grid[r][c], where, r, c, text)
    return PastePlan(changes, len(rows), len(cols), values, cleared)


def _check_total(
    table: Table,
    fmt: ReportFormat,
    computed: Value | None,
    position: str,
    r: int,
    c: int,
    text: str,
) -> None:
    if not text.strip():
        return  # an empty total: nothing to check
    ref = CellRef(table.key, table.rows[r].key, table.columns[c].key)
    where = f"{position}（{cell_label(fmt, ref)}，由程序计算）"
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
