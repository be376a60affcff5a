"""The report model: agency, year, narrative texts and the entered table cells.

Derived cells (总计 columns and rows) are computed from the entered cells on
demand and never held. A cell whose value is unknown (missing from a file, or
holding something that is not a valid value) is ``None``; why it is unknown is
kept in ``Report.bad_cells`` so validation can say so at the right place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..formats import DEFAULT_FORMAT, CellKind, ReportFormat, Table
from ..formats.spec import CellRef
from .values import Value, same_value, total


@dataclass(frozen=True)
class BadCell:
    """Why a cell read from a file has no usable value.

    ``raw`` is the value as written (empty when missing); ``reason`` is in Chinese.
    """

    raw: str
    reason: str


Grid = list[list[Value | None]]


@dataclass
class Report:
    """One annual report. ``cells[table][row]`` lists the values of the entered columns."""

    format: ReportFormat
    agency: str
    year: int | None
    texts: dict[str, str]
    cells: dict[str, dict[str, list[Value | None]]]
    # Derived cells written in a file by hand (e.g. a published 总计): checked, never computed.
    published: dict[CellRef, Value] = field(default_factory=dict)
    bad_cells: dict[CellRef, BadCell] = field(default_factory=dict)
    # Metadata read from a file with an unusable value (e.g. ``year = "二〇二三"``).
    bad_fields: dict[str, BadCell] = field(default_factory=dict)
    # A total written by ``sum``: how many reports it adds up (it is never added again).
    total_of: int | None = None

    @classmethod
    def empty(
        cls, agency: str, year: int | None, report_format: ReportFormat = DEFAULT_FORMAT
    ) -> Report:
        """An all-zero report whose texts are empty."""
        cells: dict[str, dict[str, list[Value | None]]] = {
            t.key: {r.key: [zero(c.kind) for c in t.entered_columns] for r in t.entered_rows}
            for t in report_format.tables
        }
        texts = dict.fromkeys(report_format.text_keys, "")
        return cls(report_format, agency, year, texts, cells)

    @property
    def title(self) -> str:
        return self.format.title(self.year)

    # --- cells -----------------------------------------------------------

    def get(self, ref: CellRef) -> Value | None:
        """The value of any cell, entered or derived."""
        table = self.format.table(ref.table)
        row, column = table.row(ref.row), table.column(ref.column)
        if column.derived:
            return total([self.get(CellRef(ref.table, ref.row, c)) for c in column.sum_of])
        if row.derived:
            return total([self.get(CellRef(ref.table, r, ref.column)) for r in row.sum_of])
        return self.cells[ref.table][ref.row][self._entered_position(table, ref.column)]

    def set(self, ref: CellRef, value: Value) -> dict[CellRef, Value]:
        """Set an entered cell. Raises ``KeyError`` for a derived cell.

        Totals written in the file (published) that include this cell no longer
        hold, so they are dropped (a derived row's all at once, as it is one line
        in the file); the dropped ones are returned, for undo.
        """
        table = self.format.table(ref.table)
        if table.row(ref.row).derived or table.column(ref.column).derived:
            raise KeyError(f"{ref} is derived and cannot be set")
        self.cells[ref.table][ref.row][self._entered_position(table, ref.column)] = value
        self.bad_cells.pop(ref, None)
        return self._forget_published(table, ref)

    def _forget_published(self, table: Table, ref: CellRef) -> dict[CellRef, Value]:
        if not self.published:
            return {}
        derived_rows = {r.key for r in table.rows if r.derived and ref.row in r.sum_of}
        dropped = {
            cell: value
            for cell, value in self.published.items()
            if cell.table == ref.table
            and (
                (cell.row == ref.row and table.column(cell.column).derived)
                or cell.row in derived_rows
            )
        }
        for cell in dropped:
            del self.published[cell]
        return dropped

    def restore(
        self,
        ref: CellRef,
        value: Value | None,
        bad: BadCell | None,
        published: dict[CellRef, Value] | None = None,
    ) -> None:
        """Put back a cell exactly as it was (for undo): an unusable file value, and the
        published totals its edit had dropped."""
        table = self.format.table(ref.table)
        self.cells[ref.table][ref.row][self._entered_position(table, ref.column)] = value
        if bad is None:
            self.bad_cells.pop(ref, None)
        else:
            self.bad_cells[ref] = bad
        self.published.update(published or {})

    def same_content(self, other: Report) -> bool:
        """Whether saving ``self`` over a file holding ``other`` would change nothing."""
        if (self.format, self.agency, self.year, self.texts) != (
            other.format,
            other.agency,
            other.year,
            other.texts,
        ):
            return False
        if self.published.keys() != other.published.keys():
            return False
        return all(
            same_value(a, b)
            for table, rows in self.cells.items()
            for row, values in rows.items()
            for a, b in zip(values, other.cells[table][row], strict=True)
        )

    @staticmethod
    def _entered_position(table: Table, column: str) -> int:
        for i, c in enumerate(table.entered_columns):
            if c.key == column:
                return i
        raise KeyError(column)

    def grid(self, table: Table) -> Grid:
        """All cells of a table, derived ones computed, rows × columns in official order.

        Computed in one pass (derived rows and columns as sums of the already
        filled grid), which keeps validation of a whole report well under a millisecond;
        computed once while ``grids_kept`` (the caller must not change what it gets).
        """
        kept: dict[str, Grid] | None = self.__dict__.get("_grids")
        if kept is None:
            return self._grid(table)
        found = kept.get(table.key)
        if found is None:
            found = kept[table.key] = self._grid(table)
        return found

    @contextmanager
    def grids_kept(self) -> Iterator[None]:
        """While the report does not change (validation): each table's grid computed once."""
        if "_grids" in self.__dict__:
            yield
            return
        self.__dict__["_grids"] = {}
        try:
            yield
        finally:
            del self.__dict__["_grids"]

    def _grid(self, table: Table) -> Grid:
        entered = self.cells[table.key]
        width = len(table.columns)
        positions = table.entered_column_positions
        if _one_total_column(table):
            return self._grid_with_total(table)
        grid: Grid = []
        for row in table.rows:
            line: list[Value | None] = [None] * width
            if not row.sum_of:
                for position, value in zip(positions, entered[row.key], strict=True):
                    line[position] = value
            grid.append(line)
        for r, sources in table.derived_row_positions:
            for c in positions:
                grid[r][c] = total([grid[s][c] for s in sources])
        for c, parts in table.derived_column_positions:
            for line in grid:
                line[c] = total([line[p] for p in parts])
        return grid

    def _grid_with_total(self, table: Table) -> Grid:
        """``grid`` of the usual table: entered columns, then one 总计 of them all (the
        same sums, with whole rows added at once where no value is unknown)."""
        entered = self.cells[table.key]
        grid = [[] if row.sum_of else list(entered[row.key]) for row in table.rows]
        columns = len(table.entered_columns)
        for r, sources in table.derived_row_positions:
            parts = [grid[s] for s in sources]
            if any(None in part for part in parts):
                grid[r] = [total([part[c] for part in parts]) for c in range(columns)]
            else:
                grid[r] = [sum(column) for column in zip(*parts, strict=True)]
        for line in grid:
            line.append(None if None in line else sum(line))  # type: ignore[arg-type]
        return grid

    def copy(self) -> Report:
        return Report(
            self.format,
            self.agency,
            self.year,
            dict(self.texts),
            {t: {r: list(v) for r, v in rows.items()} for t, rows in self.cells.items()},
            dict(self.published),
            dict(self.bad_cells),
            dict(self.bad_fields),
            self.total_of,
        )


@lru_cache(maxsize=64)
def _one_total_column(table: Table) -> bool:
    """The usual table: entered columns, then one column adding them all up, and
    totals rows that add up entered rows."""
    width = len(table.columns)
    entered = tuple(range(width - 1))
    return (
        table.entered_column_positions == entered
        and table.derived_column_positions == ((width - 1, entered),)
        and all(
            not table.rows[s].sum_of for _, sources in table.derived_row_positions for s in sources
        )
    )


def zero(kind: CellKind) -> Value:
    return 0 if kind.is_integer else Decimal(0)


def cell_label(report_format: ReportFormat, ref: CellRef) -> str:
    """Where a cell is, in official words: ``三 （四）1.本机关不掌握相关政府信息 · 自然人``."""
    table = report_format.table(ref.table)
    section = report_format.section_of_table[ref.table]
    row = table.row(ref.row)
    column = table.column(ref.column)
    place = f"{table.title} {row.qualified_label}" if table.title else row.qualified_label
    return f"{section.number} {place} · {column.label}"
