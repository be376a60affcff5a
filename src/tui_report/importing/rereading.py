"""Rows printed with the wrong count of numbers, read again where the way they were
mangled leaves one reading only (issue 23): a crawl that printed each run of equal
neighbouring cells once (``4 1 0 5`` for ``4 1 0 0 0 0 5``), or a narrow cell that
wrapped a number over lines (``1`` / ``62`` for 162).

The candidates of each such row (``fillings``) are combined with the rows printed in full
and kept only where the table's own arithmetic holds (``solving``). Where exactly one
reading is left the rows are read so, each with a warning that shows what was printed
and how it was read; otherwise the first such row is refused, saying why.
"""

from __future__ import annotations

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


COLLAPSED = "抓取网页时相邻相同的数只印了一个"
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
    sizes = [(item, (width or max(widths)) * len(item.rows)) for item in pending]
    chosen = _the_one(results, table, sizes)
    if chosen is None:
        raise _refusal(pending, width or max(widths), results)
    columns, cells, outcome = chosen
    notes = []
    for item, found, index in zip(pending, cells, outcome.chosen, strict=True):
        reading = found[index]
        size = len(columns)
        for n, row in enumerate(item.rows):
            part = list(reading[n * size : (n + 1) * size])
            reader.take_reread_row(table, row, Segment(row.label, part, part[0].line))
        notes.append(_warning(reader, item, reading))
    if len(notes) == 1:
        reader.warnings += notes
    else:
        reader.details += notes  # each row (--verbose), and one warning for them all
        reader.warnings.append(_summary(reader, table, pending, len(columns)))


def _summary(reader: Reader, table: Table, pending: list[Pending], width: int) -> ImportWarning:
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
        f"{name}：第 {lines[0]}–{lines[-1]} 行中有 {how}；按总计与勾稽关系只有一种读法，"
        "已按这种读法导入（加 --verbose 逐行列出）",
        lines[0],
    )


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
    there are more than can be tried)."""
    all_cells: list[list[tuple[Cell, ...]]] = []
    units: list[Unit | None] = []
    for item in pending:
        width = len(columns) * len(item.rows)
        if len(item.cells) < width:
            found = collapsed_readings(item.cells, width)
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
        all_cells.append(kept)
        units.append(Unit(tuple(row.key for row in item.rows), readings))
    return all_cells, units


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


def _the_one(
    results: list[Reading], table: Table, splits: list[tuple[Pending, int]]
) -> Reading | None:
    """The one result with a single reading, or None; two widths with one reading each
    must agree on every entered cell (printed with their totals, or without). Where the
    totals check a reading under one width, a width under which nothing is checked
    (part 四 printed without its totals) tells nothing and is left aside. Where nothing
    checks any reading, only runs printed once are read (a row of one number is that
    number in every cell), never numbers joined from pieces (``splits``: each pending
    row with the count of cells it should have)."""
    if any(result[2].checked for result in results):
        results = [result for result in results if result[2].checked]
    elif any(len(item.cells) > width for item, width in splits):
        return None  # a number joined from pieces that no total checks: one guess of many
    ones = [result for result in results if result[2].kind == "one"]
    if len(ones) == 1 and all(r[2].kind in ("one", "none") for r in results):
        return ones[0]
    if len(ones) == 2:
        entered = [_entered(result, table) for result in ones]
        if entered[0] == entered[1]:
            return max(ones, key=lambda result: len(result[0]))
    return None


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
    elif "many" in kinds or sum(1 for result in results if result[2].kind == "one") > 1:
        reason = f"（若是{how}，按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    else:
        reason = f"（若是{how}，没有一种读法能使总计与勾稽关系成立）"
    return ImportFailure(first.failure.message + reason, first.failure.line)


def _warning(reader: Reader, item: Pending, reading: tuple[Cell, ...]) -> ImportWarning:
    printed = " ".join(cell.text or "空" for cell in item.cells)
    read = " ".join(cell.text or "空" for cell in reading)
    name = f"“{reader.section.number} {item.rows[0].qualified_label}”"
    if len(item.rows) > 1:  # part 四 printed as one row
        name += f"等 {len(item.rows)} 组"
    how = COLLAPSED if len(item.cells) < len(reading) else SPLIT
    line = item.cells[0].line
    return ImportWarning(
        f"{name}第 {line} 行印了 {len(item.cells)} 个数（{printed}）："
        f"看来{how}，按总计与勾稽关系只有一种读法，按 {read} 导入",
        line,
    )
