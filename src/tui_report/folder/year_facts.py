"""What links a report to last year's: the facts another year's check needs from a
report (who, when, the linked cells), the checks between two years (二、上年结转 = last
year's 四、结转下年度继续办理; 现行有效件数), and which of several files is likeliest
last year's report.

What links two years is data in the format description (``ReportFormat.year_links``).
Reports are matched by the agency and year inside the files, never by file name;
agency names vary a little from year to year (a city prefix added or dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..formats import FORMATS, ReportFormat
from ..formats.spec import YearLink
from ..report.model import CellRef, Report, cell_label
from ..report.problems import Problem, count
from ..report.rule_ids import rule_problem
from ..report.values import Value, format_value
from ..rules import validate
from ..rules.places import cell_location
from ..storage import ReportFileError, read_report
from .index import ReportIndex
from .names import agency_key, same_agency

CellKey = tuple[str, str, str]


@dataclass(frozen=True)
class YearFacts:
    """What another year's check needs from a report: who, when, and the linked cells
    (``cells``: the values of ``linked_keys(format)``, in that order)."""

    path: str
    agency: str
    year: int | None
    format: str
    cells: tuple[Value | None, ...] = ()
    errors: int = 0  # validation errors of the report, to prefer a finished one

    def value(self, key: CellKey) -> Value | None:
        position = linked_positions(self.format).get(key)
        return None if position is None or not self.cells else self.cells[position]


def linked_cells(fmt: ReportFormat) -> set[CellKey]:
    """Every cell, on either side, that a year link of ``fmt`` reads."""
    keys: set[CellKey] = set()
    for link in fmt.year_links:
        for this_row, last_row in link.rows:
            for column in (*link.columns, *link.plus, *link.minus):
                keys |= {(link.table, this_row, column), (link.table, last_row, column)}
    return keys


@cache
def linked_keys(version: str) -> tuple[CellKey, ...]:
    """The linked cells a report of format ``version`` has, in a fixed order."""
    fmt = FORMATS[version]
    return tuple(sorted(key for key in linked_cells(fmt) if fmt.has_cell(*key)))


@cache
def linked_positions(version: str) -> dict[CellKey, int]:
    return {key: i for i, key in enumerate(linked_keys(version))}


@cache
def _linked_places(version: str) -> dict[str, list[tuple[int, int]]]:
    """The cells of ``linked_keys(version)`` by table, as (row, column) in its grid, in
    that order (the keys are sorted, so each table's cells come together)."""
    fmt = FORMATS[version]
    places: dict[str, list[tuple[int, int]]] = {}
    for table_key, row, column in linked_keys(version):
        table = fmt.table(table_key)
        places.setdefault(table_key, []).append((table.row_index[row], table.column_index[column]))
    return places


def facts_of(report: Report, path: Path | str, errors: int = 0) -> YearFacts:
    fmt = report.format
    cells: list[Value | None] = []
    for table_key, positions in _linked_places(fmt.version).items():
        grid = report.grid(fmt.table(table_key))
        cells += [grid[r][c] for r, c in positions]
    return YearFacts(str(path), report.agency, report.year, fmt.version, tuple(cells), errors)


def previous_candidates(
    this: YearFacts,
    candidates: Iterable[YearFacts],
    same: Callable[[str, str], bool] = same_agency,
) -> list[YearFacts]:
    """Reports that may be last year's for ``this``, the likeliest first: the same name
    as written, then one without errors (not a draft), then the latest file (``same``:
    whether two names are one agency)."""
    if this.year is None:
        return []
    found = [
        c
        for c in candidates
        if c.year == this.year - 1 and c.path != this.path and same(c.agency, this.agency)
    ]
    if len(found) > 1:
        found.sort(
            key=lambda c: (
                agency_key(c.agency) != agency_key(this.agency),
                c.errors > 0,
                -_modified(c.path),
                c.path,
            )
        )
    return found


def _modified(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return 0.0


def year_problems(fmt: ReportFormat, this: YearFacts, last: YearFacts) -> list[Problem]:
    """The checks between this year's report and last year's (named ``last.path``)."""
    problems: list[Problem] = []
    for link in fmt.year_links:
        for this_row, last_row in link.rows:
            for column in link.columns:
                problem = _check_link(fmt, link, this, last, this_row, last_row, column)
                if problem:
                    problems.append(problem)
    return problems


def _check_link(
    fmt: ReportFormat,
    link: YearLink,
    this: YearFacts,
    last: YearFacts,
    this_row: str,
    last_row: str,
    column: str,
) -> Problem | None:
    value = this.value((link.table, this_row, column))
    previous = last.value((link.table, last_row, column))
    plus = [this.value((link.table, this_row, c)) for c in link.plus]
    minus = [this.value((link.table, this_row, c)) for c in link.minus]
    if value is None or previous is None or None in plus or None in minus:
        return None
    expected = previous + sum(v for v in plus if v is not None)
    expected -= sum(v for v in minus if v is not None)
    if expected == value:
        return None
    ref = CellRef(link.table, this_row, column)
    table = fmt.table(link.table)
    last_label = table.row(last_row).qualified_label
    if link.plus or link.minus:
        added = zip(link.plus, plus, strict=True)
        taken = zip(link.minus, minus, strict=True)
        parts = "".join(
            [f" + {table.column(c).label} {format_value(v)}" for c, v in added]
            + [f" − {table.column(c).label} {format_value(v)}" for c, v in taken]
        )
        message = (
            f"{cell_label(fmt, ref)}：本年为 {format_value(value)}，而上年（{last.path}）"
            f"{format_value(previous)}{parts} = {format_value(expected)}"
        )
    else:
        message = (
            f"{cell_label(fmt, ref)}：本年为 {format_value(value)}，"
            f"上年报告（{last.path}）{last_label}为 {format_value(previous)}"
        )
    return rule_problem(link.rule, message, cell_location(fmt, ref), (ref,))


def facts_of_file(path: Path | str, validated: bool = True, fast: bool = True) -> YearFacts | None:
    """What another year's check needs from a report file (``validated``: with its count of
    errors, to prefer a finished report among several; ``fast``: by the fast parser, not
    for the editor); None if it cannot be read."""
    try:
        loaded = read_report(path, for_saving=False, fast=fast)
    except ReportFileError:
        return None
    errors = count(validate(loaded.report, loaded.structure))[0] if validated else 0
    return facts_of(loaded.report, path, errors)


def last_year_candidates(
    this: YearFacts,
    index: ReportIndex,
    known: dict[str, YearFacts] | None = None,
    fast: bool = True,
    paths: list[str] | None = None,
) -> list[YearFacts]:
    """Last year's reports for ``this`` among those indexed, the likeliest first. Only the
    files the index names are read (``known``: facts already at hand, by path; ``fast``:
    see ``facts_of_file``; ``paths``: what the index names, when already asked); they are
    validated only when there are several to choose from."""
    if paths is None:
        paths = index.previous(this.agency, this.year, this.path)
    known = {} if known is None else known
    found = []
    for path in paths:
        facts = known.get(path)
        if facts is None:
            facts = facts_of_file(path, validated=len(paths) > 1, fast=fast)
            if facts is None:
                continue
            known[path] = facts
        found.append(facts)

    def same(a: str, b: str) -> bool:  # by name, or by agencies.toml (the index's aliases)
        return same_agency(a, b) or agency_key(b) in index.aliases(agency_key(a))

    return previous_candidates(this, found, same)
