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
    each way to read them: row key → its values; ``groups``: for each reading, which of
    them hold the same values to import (they differ only in totals: one way, not two)."""

    rows: tuple[str, ...]
    readings: list[dict[str, RowValues]]
    groups: list[int] = field(default_factory=list)  # readings with the same imported values

    def __post_init__(self) -> None:
        if not self.groups:
            self.groups = list(range(len(self.readings)))


@dataclass
class Outcome:
    """``one``: a single reading of the table is left (``chosen``: the reading of each
    unit, by index); ``none``: no reading fits; ``many``: more than one does;
    ``inconsistent``: the rows printed in full already break an equation, so nothing
    can be told from them; ``too many``: more readings than can be tried (none is taken).
    ``bears_on``: the units an equation bears on (a table without totals checks nothing:
    a reading is then one only by its form); ``checked``: whether that is every unit."""

    kind: Literal["one", "none", "many", "too many", "inconsistent"]
    chosen: list[int] = field(default_factory=list)
    checked: bool = False
    bears_on: frozenset[int] = frozenset()


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
    checked: set[int] = set()  # the units an equation bears on
    for equation in equations(table, columns, present):
        involved = {owner[row] for _, row, _ in equation if row in owner}
        if _part(equation, fixed, lambda row: row not in owner) is not None:
            checked |= involved  # (a blank printed in full states nothing about them)
        if not involved:
            total = _sum(equation, fixed, None)
            if total is not None and total != 0:
                return Outcome("inconsistent")
        elif len(involved) == 1:
            (u,) = involved
            readings[u] = [(i, r) for i, r in readings[u] if _sum(equation, fixed, r) in (0, None)]
        else:
            spanning.append(equation)
    every, bears_on = len(checked) == len(units), frozenset(checked)
    if any(not found for found in readings):
        return Outcome("none", checked=every, bears_on=bears_on)
    outcome = _combine(spanning, fixed, units, readings, columns)
    outcome.checked, outcome.bears_on = every, bears_on
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
    columns: tuple[Column, ...],
) -> Outcome:
    """One reading per unit with every spanning equation at 0: the partial sums of the
    equations after each unit, each with how many ways reach it (1 or 2: more is many)
    and the first way that did; readings of a unit that differ only in what is not
    imported (its totals) are one way. The units are taken in an order that completes
    equations early; a completed equation must hold, and one whose terms still to come
    all have one sign (counts are never below 0) must not have passed 0 the other way:
    the partial sums that cannot end at 0 are dropped as they appear."""
    pending = _rows(units)
    starts = [_part(equation, fixed, lambda row: row not in pending) for equation in spanning]
    # an equation with a blank among the rows printed in full states nothing
    spanning = [e for e, value in zip(spanning, starts, strict=True) if value is not None]
    start = tuple(value for value in starts if value is not None)
    bounds = _Bounds(spanning, units, readings, columns)
    states: dict[tuple, tuple[int, tuple[int, ...]]] = {start: (1, ())}
    work = 0
    for step, u in enumerate(bounds.order):
        found, rows = readings[u], set(units[u].rows)
        work += len(states) * len(found)
        if work > MAX_WORK:
            return Outcome("too many")
        groups: dict[int, list[tuple[int, list[Number | None]]]] = {}
        for index, reading in found:
            parts = [_part(equation, reading, rows.__contains__) for equation in spanning]
            groups.setdefault(units[u].groups[index], []).append((index, parts))
        following: dict[tuple, tuple[int, tuple[int, ...]]] = {}
        for state, (ways, chosen) in states.items():
            for variants in groups.values():
                reached: set[tuple] = set()  # one way per after-state for each group
                for index, parts in variants:
                    after = bounds.kept(tuple(map(_add, state, parts)), step)
                    if after is None or after in reached:
                        continue
                    reached.add(after)
                    if after in following:
                        seen, first = following[after]
                        following[after] = (min(2, seen + ways), first)
                    else:
                        following[after] = (ways, (*chosen, index))
            if len(following) > MAX_STATES:
                return Outcome("too many")
        states = following
    held = [(ways, chosen) for state, (ways, chosen) in states.items() if all(map(_holds, state))]
    ways = sum(ways for ways, _ in held)
    if ways == 0:
        return Outcome("none")
    if ways > 1:
        return Outcome("many")
    by_unit = dict(zip(bounds.order, held[0][1], strict=True))
    return Outcome("one", [by_unit[u] for u in range(len(units))])


Sign = Literal["done", "up", "down", "open"]


class _Bounds:
    """The order to combine units in, and what each equation's partial sum must be after
    each step to end at 0: ``done`` (complete: 0), ``up`` (its terms to come only add,
    each a count never below 0 and never blank: at most 0), ``down`` (they only take
    away: at least 0), or ``open``."""

    def __init__(
        self,
        spanning: list[list[Term]],
        units: list[Unit],
        readings: list[list[tuple[int, dict[str, RowValues]]]],
        columns: tuple[Column, ...],
    ) -> None:
        self.owner = {row: u for u, unit in enumerate(units) for row in unit.rows}
        self.spanning = spanning
        self.columns = columns
        self.blank = {  # (row, column) some reading leaves blank
            (row, column)
            for found in readings
            for _, reading in found
            for row, values in reading.items()
            for column, value in enumerate(values)
            if value is None
        }
        self.order: list[int] = []
        self.signs: list[list[Sign]] = []
        left = set(range(len(units)))
        while left:  # each time the unit that completes, then bounds, the most equations
            u = min(left, key=lambda u: self._score(u, left - {u}, len(readings[u])))
            left.discard(u)
            self.order.append(u)
            self.signs.append([self._sign(equation, left) for equation in spanning])

    def _score(self, u: int, later: set[int], size: int) -> tuple[int, int, int]:
        signs = [self._sign(e, later) for e in self.spanning if self._has(e, u)]
        return (-signs.count("done"), -sum(1 for s in signs if s in ("up", "down")), size)

    def _has(self, equation: list[Term], u: int) -> bool:
        return any(self.owner.get(row) == u for _, row, _ in equation)

    def _sign(self, equation: list[Term], later: set[int]) -> Sign:
        coming = [t for t in equation if t[1] in self.owner and self.owner[t[1]] in later]
        if not coming:
            return "done"
        if any(
            self.columns[column].kind.minimum < 0 or (row, column) in self.blank
            for _, row, column in coming
        ):
            return "open"
        ups = {coefficient > 0 for coefficient, _, _ in coming}
        return "open" if len(ups) > 1 else "up" if True in ups else "down"

    def kept(self, state: tuple, step: int) -> tuple | None:
        """``state`` after ``step`` with each complete equation's sum put to 0 where it
        holds (so that ways differing only there meet); None where a sum cannot end at 0."""
        out = list(state)
        for i, (total, sign) in enumerate(zip(state, self.signs[step], strict=True)):
            if sign == "done":
                if total is not None and total != 0:
                    return None
                out[i] = 0
            elif total is not None and (
                (sign == "up" and total > 0) or (sign == "down" and total < 0)
            ):
                return None
        return tuple(out)


def _add(total: Number | None, part: Number | None) -> Number | None:
    """A partial sum of an equation with a reading's part; None once a blank cell is in
    it (the equation then states nothing, as a total left blank does)."""
    return None if total is None or part is None else total + part


def _holds(total: Number | None) -> bool:
    return total is None or total == 0


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
