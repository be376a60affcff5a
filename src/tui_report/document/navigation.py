"""Where Tab, Shift+Tab, Enter and Ctrl+Home/End go in a table: pure arithmetic, no Textual.

A spreadsheet user's keys move between the cells a person enters; the cells the
program computes (总计 columns, the （七）总计 row) are passed over, as a
spreadsheet passes over protected cells.
"""

from __future__ import annotations

from ..formats import Table

Cell = tuple[int, int]  # (row index, column index) in the table


def is_entry(table: Table, row: int, col: int) -> bool:
    return not (table.rows[row].derived or table.columns[col].derived)


def entry_cells(table: Table) -> list[Cell]:
    """Every entered cell in reading order: along each row, then down."""
    return [
        (r, c)
        for r in range(len(table.rows))
        for c in range(len(table.columns))
        if is_entry(table, r, c)
    ]


def next_entry_cell(table: Table, row: int, col: int, step: int) -> Cell | None:
    """The entered cell after (``step`` 1) or before (-1) a cell in reading order, or None."""
    width = len(table.columns)
    position = row * width + col + step
    while 0 <= position < len(table.rows) * width:
        r, c = divmod(position, width)
        if is_entry(table, r, c):
            return r, c
        position += step
    return None


def next_entry_row(table: Table, row: int, step: int = 1) -> int | None:
    """The next row below (or above, ``step`` -1) that is entered, not computed."""
    r = row + step
    while 0 <= r < len(table.rows):
        if not table.rows[r].derived:
            return r
        r += step
    return None


def first_entry_cell(table: Table) -> Cell:
    cells = entry_cells(table)
    return cells[0]


def last_entry_cell(table: Table) -> Cell:
    cells = entry_cells(table)
    return cells[-1]


def entry_column_near(table: Table, col: int) -> int:
    """``col`` itself if the table has it, else its last column (tables of a part differ
    in width)."""
    return min(col, len(table.columns) - 1)
