"""Telling the readings of mangled rows apart by solving, not by guessing.

A table's printed numbers are bound by the format's own arithmetic, read from its
description: each 总计 column is the sum of its columns (in every printed row), each
总计 row the sum of its rows (in every printed column), and each identity (一 + 二 =
三（七）+ 四) holds column by column. Where rows were printed with the wrong count of
numbers (``fillings``), each has several candidate readings; a reading of the table is
one candidate for each, and it is kept only where every equation holds. The rows are
read only where exactly one reading of the table is left.

The equations are linear, so the candidates are combined one row after another keeping
only the partial sums of the equations that span rows (a dynamic programme over those
sums), not every combination.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from operator import add
from typing import Literal

from ..formats import Column, Table

Number = int | Decimal
RowValues = tuple[Number | None, ...]  # a row's printed values, by printed column (None: blank)
Term = tuple[int, str, int]  # coefficient, row key, position of the column among those printed
MAX_STATES = 50_000  # partial sums kept at once; more: too ambiguous to go on
MAX_WORK = 200_000  # partial sums times readings tried in all (under a second)


@dataclass
class Unit:
    """Rows printed as one mangled run (a row, or part 四's three rows on one line), and
    each way to read them: row key → its values."""

    rows: tuple[str, ...]
    readings: list[dict[str, RowValues]]


@dataclass
class Outcome:
    """``one``: a single reading of the table is left (``chosen``: the reading of each
    unit, by index); ``none``: no reading fits; ``many``: more than one does;
    ``inconsistent``: the rows printed in full already break an equation, so nothing
    can be told from them; ``too many``: more readings than can be tried (none is taken).
    ``checked``: whether any equation bears on the units at all
    (a table without totals checks nothing: a reading is then one only by its form)."""

    kind: Literal["one", "none", "many", "too many", "inconsistent"]
    chosen: list[int] = field(default_factory=list)
    checked: bool = False


def equations(table: Table, columns: tuple[Column, ...], present: set[str]) -> list[list[Term]]:
    """Each equation (terms summing to 0) the printed columns of the rows ``present``
    must satisfy, from the table's description."""
    position = {column.key: i for i, column in enumerate(columns)}
    found: list[list[Term]] = []
    for column in columns:
        if column.derived and all(key in position for key in column.sum_of):
            for row in table.rows:
                if row.key in present:
                    found.append(
                        [(1, row.key, position[column.key])]
                        + [(-1, row.key, position[key]) for key in column.sum_of]
                    )
    for row in table.rows:
        if row.derived and row.key in present and all(key in present for key in row.sum_of):
            for i in range(len(columns)):
                found.append([(1, row.key, i)] + [(-1, key, i) for key in row.sum_of])
    for identity in table.identities:
        left = _expanded(table, identity.left, present)
        right = _expanded(table, identity.right, present)
        if left is None or right is None:
            continue
        for i in range(len(columns)):
            found.append([(1, key, i) for key in left] + [(-1, key, i) for key in right])
    return found


def _expanded(table: Table, keys: tuple[str, ...], present: set[str]) -> list[str] | None:
    """Rows of one side of an identity, a 总计 row not printed standing for its rows."""
    rows: list[str] = []
    for key in keys:
        if key in present:
            rows.append(key)
            continue
        row = table.row(key)
        if not row.derived or not all(item in present for item in row.sum_of):
            return None
        rows += row.sum_of
    return rows


def solve(
    table: Table,
    columns: tuple[Column, ...],
    fixed: dict[str, RowValues],
    units: list[Unit],
) -> Outcome:
    """Which reading of each unit makes every equation hold (see the module)."""
    owner = {row: u for u, unit in enumerate(units) for row in unit.rows}
    present = set(fixed) | set(owner)
    # each unit's readings still possible, with their places in ``unit.readings``
    readings = [list(enumerate(unit.readings)) for unit in units]
    spanning: list[list[Term]] = []
    checked = False
    for equation in equations(table, columns, present):
        involved = {owner[row] for _, row, _ in equation if row in owner}
        checked = checked or bool(involved)
        if not involved:
            total = _sum(equation, fixed, None)
            if total is not None and total != 0:
                return Outcome("inconsistent")
        elif len(involved) == 1:
            (u,) = involved
            readings[u] = [(i, r) for i, r in readings[u] if _sum(equation, fixed, r) in (0, None)]
        else:
            spanning.append(equation)
    if any(not found for found in readings):
        return Outcome("none", checked=checked)
    outcome = _combine(spanning, fixed, units, readings)
    outcome.checked = checked
    return outcome


def _sum(equation: list[Term], fixed: dict[str, RowValues], reading: dict | None) -> Number | None:
    """The equation's left side; None where one of its cells is blank (states nothing)."""
    total: Number = 0
    for coefficient, row, column in equation:
        values = reading[row] if reading is not None and row in reading else fixed.get(row)
        value = values[column] if values is not None else None
        if value is None:
            return None
        total += coefficient * value
    return total


def _combine(
    spanning: list[list[Term]],
    fixed: dict[str, RowValues],
    units: list[Unit],
    readings: list[list[tuple[int, dict[str, RowValues]]]],
) -> Outcome:
    """One reading per unit with every spanning equation at 0: the partial sums of the
    equations after each unit, each with how many ways reach it (1 or 2: more is many)
    and the first way that did."""
    pending = _rows(units)
    starts = [_part(equation, fixed, lambda row: row not in pending) for equation in spanning]
    # an equation with a blank among the rows printed in full states nothing
    spanning = [e for e, value in zip(spanning, starts, strict=True) if value is not None]
    start = tuple(value for value in starts if value is not None)
    states: dict[tuple, tuple[int, tuple[int, ...]]] = {start: (1, ())}
    work = 0
    for unit, found in zip(units, readings, strict=True):
        work += len(states) * len(found)
        if work > MAX_WORK:
            return Outcome("too many")
        rows = set(unit.rows)
        following: dict[tuple, tuple[int, tuple[int, ...]]] = {}
        for index, reading in found:
            parts = [_part(equation, reading, rows.__contains__) for equation in spanning]
            if any(part is None for part in parts):
                continue
            for state, (ways, chosen) in states.items():
                after = tuple(map(add, state, parts))
                if after in following:
                    seen, first = following[after]
                    following[after] = (min(2, seen + ways), first)
                else:
                    following[after] = (ways, (*chosen, index))
            if len(following) > MAX_STATES:
                return Outcome("too many")
        states = following
    ways, chosen = states.get(tuple(0 for _ in spanning), (0, ()))
    if ways == 0:
        return Outcome("none")
    return Outcome("one", list(chosen)) if ways == 1 else Outcome("many")


def _rows(units: list[Unit]) -> set[str]:
    return {row for unit in units for row in unit.rows}


def _part(
    equation: list[Term], values: dict[str, RowValues], counted: Callable[[str], bool]
) -> Number | None:
    """The terms of an equation over the rows ``counted`` selects, from ``values``."""
    total: Number = 0
    for coefficient, row, column in equation:
        if not counted(row):
            continue
        value = values[row][column]
        if value is None:
            return None
        total += coefficient * value
    return total
