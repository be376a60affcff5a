"""The official template's tables, cell by cell, with their merged cells.

Published reports (portal pages, the Word file, the PDF) lay the tables out as
the template does (FORMAT.md, "The official template's tables"): part 二 is one
table with the four 第二十条 titles as rows inside it, part 三 has merged cells
beside its items instead of rows of their own, part 四 is one row of 15 numbers
under a three-level header. This module derives that layout from the format
description — it types no label of its own — so that every writer (HTML, Word,
plain text, Excel) and reader of published tables shares one layout.

A layout is a list of rows; each row lists only the cells that *start* in it
(as HTML does): a cell covered by a rowspan from above is not repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from .spec import CellRef, Column, ReportFormat, Row, Section, Table

Role = Literal["title", "header", "label", "value"]


@dataclass(frozen=True)
class TemplateCell:
    """One cell: a label (``text``) or the number of a report cell (``ref``)."""

    role: Role
    text: str = ""
    ref: CellRef | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class TemplateTable:
    """A published table: ``width`` columns, ``header_rows`` heading rows at the top,
    the first ``label_columns`` columns holding row labels."""

    section: str
    width: int
    header_rows: int
    label_columns: int
    rows: tuple[tuple[TemplateCell, ...], ...]

    @property
    def value_rows(self) -> tuple[tuple[TemplateCell, ...], ...]:
        return self.rows[self.header_rows :]


@dataclass(frozen=True)
class _Leaf:
    """A column of numbers in a header: its labels from the outermost group down."""

    path: tuple[str, ...]
    span: int = 1


def column_headers(
    leaves: Sequence[_Leaf], corner: str | None, label_columns: int
) -> list[list[TemplateCell]]:
    """Header rows over ``leaves``: each group spans the leaves under it, and a label
    whose path ends above the last level spans the levels below it."""
    depth = max(len(leaf.path) for leaf in leaves)
    rows: list[list[TemplateCell]] = [[] for _ in range(depth)]
    if label_columns:
        rows[0].append(TemplateCell("header", corner or "", rowspan=depth, colspan=label_columns))
    for level in range(depth):
        i = 0
        while i < len(leaves):
            path = leaves[i].path
            if len(path) <= level:  # covered by a label spanning down from above
                i += 1
                continue
            if len(path) == level + 1:
                down, span = depth - level, leaves[i].span
                rows[level].append(TemplateCell("header", path[level], rowspan=down, colspan=span))
                i += 1
                continue
            group, span = path[: level + 1], 0
            while (
                i < len(leaves)
                and leaves[i].path[: level + 1] == group
                and len(leaves[i].path) > level + 1
            ):
                span += leaves[i].span
                i += 1
            rows[level].append(TemplateCell("header", group[-1], colspan=span))
    return rows


def row_labels(rows: Sequence[Row], label_columns: int) -> list[list[TemplateCell]]:
    """The label cells of each row: a group label once, spanning the rows of its group;
    the row's own label spanning the label columns its groups leave free."""
    out: list[list[TemplateCell]] = []
    for i, row in enumerate(rows):
        cells: list[TemplateCell] = []
        for level, group in enumerate(row.groups):
            prefix = row.groups[: level + 1]
            if i > 0 and rows[i - 1].groups[: level + 1] == prefix:
                continue  # covered by the group's cell above
            run = 1
            while i + run < len(rows) and rows[i + run].groups[: level + 1] == prefix:
                run += 1
            cells.append(TemplateCell("label", group, rowspan=run))
        cells.append(TemplateCell("label", row.label, colspan=label_columns - len(row.groups)))
        out.append(cells)
    return out


def _value(table: Table, row: Row, column: Column, colspan: int = 1) -> TemplateCell:
    return TemplateCell("value", ref=CellRef(table.key, row.key, column.key), colspan=colspan)


def table_layout(section: Section, table: Table, one_row: bool | None = None) -> TemplateTable:
    """One table of the format as published: rows × columns with merged group labels,
    or (``one_row``, the template's part 四) all rows side by side in a single row."""
    if table.one_row if one_row is None else one_row:
        leaves = [
            _Leaf((*row.groups, row.label, *column.groups, column.label))
            for row in table.rows
            for column in table.columns
        ]
        header = column_headers(leaves, None, 0)
        values = [_value(table, row, column) for row in table.rows for column in table.columns]
        rows = [*header, values]
        return TemplateTable(section.key, len(leaves), len(header), 0, _tuples(rows))
    label_columns = 1 + max(len(row.groups) for row in table.rows)
    leaves = [_Leaf((*column.groups, column.label)) for column in table.columns]
    header = column_headers(leaves, table.note or table.corner, label_columns)
    body = [
        [*labels, *(_value(table, row, column) for column in table.columns)]
        for row, labels in zip(table.rows, row_labels(table.rows, label_columns), strict=True)
    ]
    width = label_columns + len(table.columns)
    return TemplateTable(section.key, width, len(header), label_columns, _tuples(header + body))


def titled_tables_layout(section: Section) -> TemplateTable:
    """Several captioned tables as one (the template's part 二): each caption a row across
    the table, then its header and rows; a table with fewer columns than the widest
    stretches its last column over the rest."""
    numbers = max(len(table.columns) for table in section.tables)
    width = 1 + numbers
    rows: list[list[TemplateCell]] = []
    for table in section.tables:
        spans = [1] * (len(table.columns) - 1) + [numbers - len(table.columns) + 1]
        rows.append([TemplateCell("title", table.title or "", colspan=width)])
        leaves = [_Leaf((c.label,), span) for c, span in zip(table.columns, spans, strict=True)]
        rows += column_headers(leaves, table.corner, 1)
        for row in table.rows:
            values = [_value(table, row, c, s) for c, s in zip(table.columns, spans, strict=True)]
            rows.append([TemplateCell("label", row.label), *values])
    return TemplateTable(section.key, width, 0, 1, _tuples(rows))


def section_layout(section: Section, one_row: bool | None = None) -> TemplateTable | None:
    """The published table of a part, or None for a part of prose only."""
    if not section.tables:
        return None
    if len(section.tables) > 1:
        return titled_tables_layout(section)
    return table_layout(section, section.tables[0], one_row)


@cache
def published_tables(fmt: ReportFormat) -> dict[str, TemplateTable]:
    """The template's table of each part that has tables, by section key."""
    found = {s.key: section_layout(s) for s in fmt.sections}
    return {key: layout for key, layout in found.items() if layout is not None}


def placed_cells(layout: TemplateTable) -> list[tuple[int, int, TemplateCell]]:
    """Each cell with the row and column where it starts (skipping the places that
    merged cells above and to the left cover), as a table grid is read."""
    covered: set[tuple[int, int]] = set()
    found: list[tuple[int, int, TemplateCell]] = []
    for r, cells in enumerate(layout.rows):
        c = 0
        for cell in cells:
            while (r, c) in covered:
                c += 1
            found.append((r, c, cell))
            covered |= {
                (rr, cc) for rr in range(r, r + cell.rowspan) for cc in range(c, c + cell.colspan)
            }
            c += cell.colspan
    return found


def _tuples(rows: list[list[TemplateCell]]) -> tuple[tuple[TemplateCell, ...], ...]:
    return tuple(tuple(row) for row in rows)
