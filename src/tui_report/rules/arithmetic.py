"""The arithmetic of the tables (勾稽关系): totals and the per-column identity."""

from __future__ import annotations

from functools import lru_cache

from ..formats import Column, ReportFormat, Table
from ..report.model import CellRef, Report
from ..report.problems import Location, Problem
from ..report.rule_ids import RuleId, rule_problem
from ..report.values import Value, format_value, total
from .places import cell_location


def published_totals(report: Report) -> list[Problem]:
    """Totals written in the file (e.g. as published) must equal the sum of their parts."""
    fmt = report.format
    problems: list[Problem] = []
    grids: dict[str, list[list[Value | None]]] = {}
    for ref, published in report.published.items():
        table = fmt.table(ref.table)
        if ref.table not in grids:
            grids[ref.table] = report.grid(table)
        grid = grids[ref.table]
        r, c = table.row_index[ref.row], table.column_index[ref.column]
        computed = grid[r][c]
        if computed is None or computed == published:
            continue
        problems.append(_total_problem(fmt, table, ref, published, computed))
    return problems


def _total_problem(
    fmt: ReportFormat, table: Table, ref: CellRef, published: Value, computed: Value
) -> Problem:
    row, column = table.row(ref.row), table.column(ref.column)
    if column.derived:
        parts = " + ".join(table.column(k).label for k in column.sum_of)
        rule = column.rule or RuleId.TOTAL_COLUMN
        what = f"{row.qualified_label}：{column.label}为 {format_value(published)}，{parts} = "
        parts_refs = tuple(CellRef(ref.table, ref.row, k) for k in column.sum_of)
    else:
        rule = row.rule or RuleId.TOTAL_ROW
        first, last = table.row(row.sum_of[0]), table.row(row.sum_of[-1])
        what = (
            f"{column.label} 列：{row.label}为 {format_value(published)}，"
            f"{first.qualified_label}至{last.qualified_label}各项之和 = "
        )
        parts_refs = tuple(CellRef(ref.table, k, ref.column) for k in row.sum_of)
    gap = published - computed
    difference = format_value(-gap if gap < 0 else gap)
    return rule_problem(
        rule,
        f"{what}{format_value(computed)}，相差 {difference}",
        cell_location(fmt, ref),
        (ref, *parts_refs),
    )


def identities(report: Report) -> list[Problem]:
    """Per-column identities such as 一 + 二 = 三（七）+ 四, for every column including 总计."""
    fmt = report.format
    problems: list[Problem] = []
    for table in fmt.tables:
        if not table.identities:
            continue
        grid = report.grid(table)
        index = table.row_index
        for identity in table.identities:
            for c, column in enumerate(table.columns):
                left = total([grid[index[k]][c] for k in identity.left])
                right = total([grid[index[k]][c] for k in identity.right])
                if left is None or right is None or left == right:
                    continue
                refs = tuple(
                    CellRef(table.key, k, column.key) for k in (*identity.left, *identity.right)
                )
                location = cell_location(fmt, refs[0])
                problems.append(
                    rule_problem(
                        identity.rule,
                        f"{column.label} 列：{identity.left_text} = {format_value(left)}，"
                        f"{identity.right_text} = {format_value(right)}，"
                        f"相差 {format_value(left - right if left > right else right - left)}",
                        Location(
                            section=location.section,
                            table=location.table,
                            column=column.label,
                            key=location.key,
                        ),
                        refs,
                    )
                )
    return problems


def changes(report: Report) -> list[Problem]:
    """A decrease (本年增/减 of the 2019 format) cannot exceed the count it changes."""
    fmt = report.format
    problems: list[Problem] = []
    for table, column, base in _changing_columns(fmt):
        for row in table.rows:
            change_ref = CellRef(table.key, row.key, column.key)
            base_ref = CellRef(table.key, row.key, base.key)
            change, before = report.get(change_ref), report.get(base_ref)
            if change is None or before is None or before + change >= 0:
                continue
            problems.append(
                rule_problem(
                    RuleId.CHANGE_BELOW_ZERO,
                    f"{row.qualified_label}：{base.label} {format_value(before)}，"
                    f"{column.label} {format_value(change)}，"
                    f"相加为 {format_value(before + change)}：本年项目数量不能少于 0",
                    cell_location(fmt, change_ref),
                    (change_ref, base_ref),
                )
            )
    return problems


@lru_cache(maxsize=8)
def _changing_columns(fmt: ReportFormat) -> tuple[tuple[Table, Column, Column], ...]:
    """(table, column, the column it changes) for each change column of the format."""
    return tuple(
        (table, column, table.column(column.change_of))
        for table in fmt.tables
        for column in table.columns
        if column.change_of is not None
    )
