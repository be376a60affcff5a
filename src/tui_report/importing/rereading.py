"""Rows printed with the wrong count of numbers, read again where the way they were
mangled leaves one reading only (issue 23): a crawl that dropped cells (the blank ones,
and each run of equal neighbours but one: ``4 1 0 5`` for ``4 1 0 0 0 0 5``), or a
narrow cell that wrapped a number over lines (``1`` / ``62`` for 162).

The candidates of each such row (``fillings``) are combined with the rows printed in full
and kept only where the table's own arithmetic holds (``solving``). Where exactly one
reading is left the rows are read so, each with a warning that shows what was printed
and how it was read; otherwise the first such row is refused, saying why. A table
without totals checks nothing: there a row is read only where all its readings are one
(a row of zeros printed as one ``0``), never ``38`` alone in a row of three, which is
``38 38 38`` as much as 38 and two blank cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..formats import Column, Row, Section, Table
from ..report.model import CellRef, Report
from ..report.values import Value
from .cells import Cell, Segment
from .fillings import collapsed_readings, split_readings
from .labels import official_key
from .problems import ImportFailure, ImportWarning
from .solving import Outcome, RowValues, Unit, solve


class Reader(Protocol):
    """What reading rows again needs of the reader of a section's tables (``tables``)."""

    report: Report
    section: Section
    published: dict[CellRef, Value]  # totals as printed
    warnings: list[ImportWarning]
    details: list[ImportWarning]  # said only with --verbose
    taken: dict[str, list[str]]  # per table, the rows read (keys), in order

    def take_reread_row(self, table: Table, row: Row, segment: Segment) -> None: ...


# The rows read again under one width: its columns, each row's cells, what solving found.
Reading = tuple[tuple[Column, ...], list[list[tuple[Cell, ...]]], Outcome]


class WrongCount(ImportFailure):
    """A row with a count of numbers its table's rows cannot have; ``segment`` holds them."""

    def __init__(self, message: str, line: int, segment: Segment) -> None:
        super().__init__(message, line)
        self.segment = segment


@dataclass
class Pending:
    """A row (or part 四's three rows printed as one) whose numbers are to be read again."""

    rows: tuple[Row, ...]
    cells: list[Cell]
    failure: ImportFailure


COLLAPSED = "空单元格没有印出，或相邻相同的数只印了一个"
SPLIT = "窄栏中的数折成了几行"


def reread(
    reader: Reader, table: Table, pending: list[Pending], width: int | None, header: str = ""
) -> None:
    """Read the ``pending`` rows of ``table`` where one reading of them is left, or raise
    the first one's failure with why. ``width``: the count of the rows read in full;
    where none was, the table's header (``header``: ``key`` of the text before its first
    row) says whether its totals are printed, by their columns' labels."""
    widths = [width] if width else _widths(table, header)
    results: list[Reading] = []
    for each in widths:
        columns = table.columns if each == len(table.columns) else table.entered_columns
        fixed = _printed(reader, table, columns)
        cells, units = _units(pending, columns)
        if any(unit is None for unit in units):
            results.append((columns, cells, Outcome("too many")))
            continue
        if any(not unit.readings for unit in units):  # type: ignore[union-attr]
            results.append((columns, cells, Outcome("none")))
            continue
        results.append((columns, cells, solve(table, columns, fixed, units)))  # type: ignore[arg-type]
    chosen = _the_one(results, table, pending)
    if chosen is None:
        raise _refusal(pending, width or max(widths), results)
    columns, cells, outcome = chosen
    notes = []
    for u, (item, found, index) in enumerate(zip(pending, cells, outcome.chosen, strict=True)):
        reading = found[index]
        size = len(columns)
        for n, row in enumerate(item.rows):
            part = list(reading[n * size : (n + 1) * size])
            reader.take_reread_row(table, row, Segment(row.label, part, part[0].line))
        notes.append(_warning(reader, item, reading, u in outcome.bears_on))
    if len(notes) == 1:
        reader.warnings += notes
    else:
        reader.details += notes  # each row (--verbose), and one warning for them all
        checked = bool(outcome.bears_on)  # (the rows no total bears on printed only 0s)
        reader.warnings.append(_summary(reader, table, pending, len(columns), checked))


def _summary(
    reader: Reader, table: Table, pending: list[Pending], width: int, checked: bool
) -> ImportWarning:
    """One warning for the rows of a table read again."""
    short = sum(1 for item in pending if len(item.cells) < width * len(item.rows))
    how = "、".join(
        text
        for text, count in (
            (f"{short} 行印的数少于列数，看来{COLLAPSED}", short),
            (f"{len(pending) - short} 行印的数多于列数，看来{SPLIT}", len(pending) - short),
        )
        if count
    )
    lines = [item.cells[0].line for item in pending]
    name = " ".join(part for part in (reader.section.number, table.title) if part)
    return ImportWarning(
        f"{name}：第 {lines[0]}–{lines[-1]} 行中有 {how}；{_why_one(checked)}，"
        "已按这种读法导入（加 --verbose 逐行列出）",
        lines[0],
    )


def _why_one(checked: bool) -> str:
    """Why a reading is the only one: the totals, or (where no total bears on it) that
    every reading of the row is the same (it printed only zeros)."""
    return "按总计与勾稽关系只有一种读法" if checked else "印的只有 0，每格只能是 0"


def header_shows_totals(table: Table, header: str) -> bool:
    """Whether a table's header (``key`` of the text before its first row) has the labels
    of its 总计 columns: its rows then print their totals."""
    totals = [official_key(column.label) for column in table.columns if column.derived]
    return bool(totals and header and all(label in header for label in totals))


def _widths(table: Table, header: str) -> list[int]:
    """The counts a row of ``table`` may have, as its header tells (both where it does not)."""
    if header_shows_totals(table, header):
        return [len(table.columns)]
    return sorted({len(table.columns), len(table.entered_columns)})


def _units(
    pending: list[Pending], columns: tuple[Column, ...]
) -> tuple[list[list[tuple[Cell, ...]]], list[Unit | None]]:
    """For each pending row: its candidate readings as cells, and as values (None where
    there are more than can be tried), grouped by the values they import."""
    all_cells: list[list[tuple[Cell, ...]]] = []
    units: list[Unit | None] = []
    for item in pending:
        width = len(columns) * len(item.rows)
        if len(item.cells) < width:
            totals = frozenset(
                n * len(columns) + i
                for n, row in enumerate(item.rows)
                for i, column in enumerate(columns)
                if row.derived or column.derived
            )
            keeps = _totals_hold(columns, item.rows)
            found = collapsed_readings(item.cells, width, keeps, totals)
        else:
            found = split_readings(item.cells, width)
        if found is None:
            all_cells.append([])
            units.append(None)
            continue
        kept: list[tuple[Cell, ...]] = []
        readings: list[dict[str, RowValues]] = []
        seen: set[tuple] = set()
        for reading in found:
            values = _values(reading, columns, item.rows)
            if values is None:
                continue
            signature = tuple(values.values())
            if signature in seen:
                continue
            seen.add(signature)
            kept.append(reading)
            readings.append(values)
        kept, readings, groups = _grouped(kept, readings, columns, item.rows)
        all_cells.append(kept)
        units.append(Unit(tuple(row.key for row in item.rows), readings, groups))
    return all_cells, units


def _entered_values(
    values: dict[str, RowValues], columns: tuple[Column, ...], rows: tuple[Row, ...]
) -> tuple:
    """The values of a reading's entered cells (not its totals)."""
    return tuple(
        value
        for row in rows
        if not row.derived
        for value, column in zip(values[row.key], columns, strict=True)
        if not column.derived
    )


def _grouped(
    cells: list[tuple[Cell, ...]],
    readings: list[dict[str, RowValues]],
    columns: tuple[Column, ...],
    rows: tuple[Row, ...],
) -> tuple[list[tuple[Cell, ...]], list[dict[str, RowValues]], list[int]]:
    """The readings (as cells, as values) grouped by the values they import, each with
    its group; where one differs from another of its group only by a total the other
    leaves blank, only the other is kept (it fits wherever the one does)."""
    groups: dict[tuple, list[int]] = {}
    for n, values in enumerate(readings):
        groups.setdefault(_entered_values(values, columns, rows), []).append(n)
    kept: list[int] = []
    group_of: list[int] = []
    for g, members in enumerate(groups.values()):
        for n in members:
            flat = _flat(readings[n])
            if not any(m != n and _weaker(_flat(readings[m]), flat) for m in members):
                kept.append(n)
                group_of.append(g)
    return [cells[n] for n in kept], [readings[n] for n in kept], group_of


def _flat(values: dict[str, RowValues]) -> tuple:
    return tuple(value for row in values.values() for value in row)


def _weaker(one: tuple, other: tuple) -> bool:
    """Whether ``one`` states less than ``other``: blank wherever they differ."""
    return one != other and all(a is None or a == b for a, b in zip(one, other, strict=True))


def _totals_hold(
    columns: tuple[Column, ...], rows: tuple[Row, ...]
) -> Callable[[list[Cell]], bool]:
    """Whether a reading of ``rows`` begun so may go on: each total column placed so far
    is the sum of its columns (a blank total states nothing, nor does a blank cell of a
    总计 row; another blank cell is 0)."""
    size = len(columns)
    position = {column.key: i for i, column in enumerate(columns)}
    checks: dict[int, list[tuple[int, list[int], bool]]] = {}  # placed → total, parts, row's
    for n, row in enumerate(rows):
        for column in columns:
            if column.derived and all(key in position for key in column.sum_of):
                parts = [n * size + position[key] for key in column.sum_of]
                total = n * size + position[column.key]
                place = max(total, *parts) + 1
                checks.setdefault(place, []).append((total, parts, row.derived))

    def holds(placed: list[Cell]) -> bool:
        for total, parts, derived in checks.get(len(placed), ()):
            if placed[total].kind == "blank":
                continue
            if derived and any(placed[i].kind == "blank" for i in parts):
                continue
            found = sum((placed[i].value or 0 for i in parts), Decimal(0))
            if placed[total].value != found:
                return False
        return True

    return holds


def _values(
    reading: tuple[Cell, ...], columns: tuple[Column, ...], rows: tuple[Row, ...]
) -> dict[str, RowValues] | None:
    """A reading's values by row (a blank entered cell is 0; a blank total states
    nothing: None); None where a count is not a whole number."""
    values: dict[str, RowValues] = {}
    size = len(columns)
    for n, row in enumerate(rows):
        found: list[int | Decimal | None] = []
        for column, cell in zip(columns, reading[n * size : (n + 1) * size], strict=True):
            if cell.kind == "blank":
                found.append(None if column.derived or row.derived else 0)
                continue
            number = cell.value
            if number is None or (column.kind.is_integer and number != number.to_integral()):
                return None
            found.append(number)
        values[row.key] = tuple(found)
    return values


def _printed(reader: Reader, table: Table, columns: tuple[Column, ...]) -> dict[str, RowValues]:
    """The values of the rows of ``table`` read so far, by printed column."""
    report = reader.report
    printed: dict[str, RowValues] = {}
    for row in table.rows:
        if row.key not in reader.taken.get(table.key, ()):
            continue
        entered = report.cells[table.key].get(row.key)
        found: list[int | Decimal | None] = []
        for column in columns:
            ref = CellRef(table.key, row.key, column.key)
            if row.derived or column.derived:
                found.append(reader.published.get(ref))
            else:
                found.append(entered[table.entered_columns.index(column)] if entered else None)
        printed[row.key] = tuple(found)
    return printed


def _the_one(results: list[Reading], table: Table, pending: list[Pending]) -> Reading | None:
    """The one result with a single reading, or None. Every width the rows may have
    (printed with their totals, or without) counts: one under which the readings are
    many (part 四 without its totals, where nothing checks them) leaves the rows
    unknown, even where another width's totals leave one; two widths with one reading
    each must agree on every entered cell. Numbers joined from pieces are read only
    where an equation bears on their row (one reading by its form alone is a guess:
    ``8`` ``6`` is 86 only if nothing else could be)."""
    if any(result[2].kind not in ("one", "none") for result in results):
        return None
    ones = [result for result in results if result[2].kind == "one"]
    if not ones or len({tuple(_entered(result, table)) for result in ones}) > 1:
        return None
    for columns, _, outcome in ones:
        for u, item in enumerate(pending):
            if len(item.cells) > len(columns) * len(item.rows) and u not in outcome.bears_on:
                return None  # a number joined from pieces that no total checks: a guess
    return max(ones, key=lambda result: len(result[0]))


def _entered(result: Reading, table: Table) -> list[tuple[str, ...]]:
    columns, cells, outcome = result
    keep = [i for i, column in enumerate(columns) if not column.derived]
    return [
        tuple(found[index][i].text for i in keep)
        for found, index in zip(cells, outcome.chosen, strict=True)
    ]


def _refusal(pending: list[Pending], width: int, results: list[Reading]) -> ImportFailure:
    """The failure of the first row that cannot be read again (the first with other than
    one candidate reading of its own, or else the first), saying why."""
    kinds = {result[2].kind for result in results}
    own = [max(len(result[1][n]) for result in results) for n in range(len(pending))]
    first = next((item for item, count in zip(pending, own, strict=True) if count != 1), pending[0])
    size = width * len(first.rows)
    how = COLLAPSED if len(first.cells) < size else SPLIT
    checked = any(result[2].checked for result in results)
    if "too many" in kinds:
        reason = f"（若是{how}，可能的读法太多，无法逐一核对）"
    elif not any(own) or (how == SPLIT and not checked):
        reason = ""  # not read again at all: what is wrong is not said to be known
    elif "inconsistent" in kinds:
        reason = f"（若是{how}，也无从推断：表中完整印出的数本身已不合总计或勾稽关系）"
    elif not checked:
        reason = (
            f"（若是{how}，没有总计可以核对这一行，无从判断印出的数各占哪几格、"
            "哪些格原是空的：请按原报告补全这一行后再导入）"
        )
    elif "many" in kinds or sum(1 for result in results if result[2].kind == "one") > 1:
        reason = f"（若是{how}，按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    elif how == SPLIT:
        reason = f"（若是{how}，把相邻的几段接成一个数，没有一种接法能使总计与勾稽关系成立）"
    else:
        reason = f"（若是{how}，没有一种读法能使总计与勾稽关系成立）"
    return ImportFailure(first.failure.message + reason, first.failure.line)


def _warning(
    reader: Reader, item: Pending, reading: tuple[Cell, ...], checked: bool
) -> ImportWarning:
    printed = " ".join(cell.text or "空" for cell in item.cells)
    read = " ".join(cell.text or "空" for cell in reading)
    name = f"“{reader.section.number} {item.rows[0].qualified_label}”"
    if len(item.rows) > 1:  # part 四 printed as one row
        name += f"等 {len(item.rows)} 组"
    how = COLLAPSED if len(item.cells) < len(reading) else SPLIT
    line = item.cells[0].line
    return ImportWarning(
        f"{name}第 {line} 行印了 {len(item.cells)} 个数（{printed}）："
        f"看来{how}，{_why_one(checked)}，按 {read} 导入",
        line,
    )
