"""The yearly cycle: last year's report as the start of this year's, and the checks
between the two (二、上年结转 = last year's 四、结转下年度继续办理; 现行有效件数).

What links two years is data in the format description (``ReportFormat.year_links``).
Reports are matched by the agency and year inside the files, never by file name;
agency names vary a little from year to year (a city prefix added or dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .formats import ReportFormat
from .formats.spec import YearLink
from .model import CellRef, Report, cell_label
from .problems import Problem, Severity
from .rules.places import cell_location
from .storage import ReportFileError, read_report
from .storage.files import read_head
from .values import Value, format_value

CellKey = tuple[str, str, str]

# Administrative prefixes a name may gain or lose between years.
_PREFIX = re.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))")


@dataclass(frozen=True)
class YearFacts:
    """What another year's check needs from a report: who, when, and the linked cells."""

    path: str
    agency: str
    year: int | None
    format: str
    cells: dict[CellKey, Value | None] = field(default_factory=dict)
    errors: int = 0  # validation errors of the report, to prefer a finished one
    modified: float = 0.0  # the file's modification time, to prefer the latest


def linked_cells(fmt: ReportFormat) -> set[CellKey]:
    """Every cell, on either side, that a year link of ``fmt`` reads."""
    keys: set[CellKey] = set()
    for link in fmt.year_links:
        for this_row, last_row in link.rows:
            for column in (*link.columns, *link.plus, *link.minus):
                keys |= {(link.table, this_row, column), (link.table, last_row, column)}
    return keys


def facts_of(report: Report, path: Path | str, errors: int = 0) -> YearFacts:
    keys = linked_cells(report.format)
    cells = {key: report.get(CellRef(*key)) for key in keys if report.format.has_cell(*key)}
    try:
        modified = Path(path).stat().st_mtime
    except OSError:
        modified = 0.0
    version = report.format.version
    return YearFacts(str(path), report.agency, report.year, version, cells, errors, modified)


def agency_key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def same_agency(a: str, b: str) -> bool:
    """The same body, written the same or with a region prefix added or dropped
    (巨鹿县官亭镇人民政府 / 邢台市巨鹿县官亭镇人民政府)."""
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 4 and long.endswith(short) and bool(_PREFIX.fullmatch(long[: -len(short)]))


def previous_candidates(this: YearFacts, candidates: Iterable[YearFacts]) -> list[YearFacts]:
    """Reports that may be last year's for ``this``, the likeliest first: the same name
    as written, then one without errors (not a draft), then the latest file."""
    if this.year is None:
        return []
    found = [
        c
        for c in candidates
        if c.year == this.year - 1 and c.path != this.path and same_agency(c.agency, this.agency)
    ]
    found.sort(
        key=lambda c: (
            agency_key(c.agency) != agency_key(this.agency),
            c.errors > 0,
            -c.modified,
            c.path,
        )
    )
    return found


def find_previous(this: YearFacts, candidates: Iterable[YearFacts]) -> YearFacts | None:
    found = previous_candidates(this, candidates)
    return found[0] if found else None


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
    value = this.cells.get((link.table, this_row, column))
    previous = last.cells.get((link.table, last_row, column))
    plus = [this.cells.get((link.table, this_row, c)) for c in link.plus]
    minus = [this.cells.get((link.table, this_row, c)) for c in link.minus]
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
    severity = Severity.ERROR if link.error else Severity.WARNING
    return Problem(link.rule, severity, message, cell_location(fmt, ref), (ref,))


def start_from(last: Report, year: int, fmt: ReportFormat) -> dict[CellRef, Value]:
    """This year's cells that follow from last year's report, as a starting point."""
    values: dict[CellRef, Value] = {}
    for link in fmt.year_links:
        for this_row, last_row in link.rows:
            for column in link.columns:
                if not last.format.has_cell(link.table, last_row, column):
                    continue
                value = last.get(CellRef(link.table, last_row, column))
                if value is not None:
                    values[CellRef(link.table, this_row, column)] = value
    return values


# --- finding last year's report on disk ------------------------------------------------

_YEAR = re.compile(r"^year\s*=\s*(\d{4})\s*(?:#.*)?$", re.M)


class Candidates:
    """Reports that may be last year's: those already read, and their folders' others,
    indexed by year (a county's thousands of reports must not be compared pairwise)."""

    def __init__(self, known: Iterable[YearFacts] = ()) -> None:
        self.paths: set[str] = set()
        self.by_year: dict[int | None, list[YearFacts]] = {}
        for facts in known:
            self._add(facts)
        self.scanned: set[tuple[Path, int]] = set()

    def _add(self, facts: YearFacts) -> None:
        if facts.path not in self.paths:
            self.paths.add(facts.path)
            self.by_year.setdefault(facts.year, []).append(facts)

    def around(self, path: str, year: int) -> list[YearFacts]:
        """Reports of ``year - 1``: among those known, and in the folder of ``path``."""
        folder = Path(path).parent
        if (folder, year) not in self.scanned:
            self.scanned.add((folder, year))
            try:
                siblings = sorted(folder.glob("*.toml"))
            except OSError:  # the folder went away meanwhile (a git checkout)
                siblings = []
            for sibling in siblings:
                if str(sibling) not in self.paths and _may_be_year(sibling, year - 1):
                    facts = facts_of_file(sibling)
                    if facts:
                        self._add(facts)
        return self.by_year.get(year - 1, [])


def _may_be_year(path: Path, year: int) -> bool:
    """A cheap look before parsing a neighbour: does it say ``year = YYYY``?"""
    data = read_head(path, 4096)  # never a FIFO: it would block the look for ever
    if data is None:
        return False
    found = _YEAR.search(data.decode("utf-8", errors="replace"))
    return bool(found and int(found.group(1)) == year)


def facts_of_file(path: Path) -> YearFacts | None:
    from .problems import count
    from .rules import validate

    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError:
        return None
    errors = count(validate(loaded.report, loaded.structure))[0]
    return facts_of(loaded.report, path, errors)


def previous_in_folder(path: Path, report_facts: YearFacts) -> YearFacts | None:
    """Last year's report of the same agency in the folder of ``path`` (for the editor)."""
    if report_facts.year is None:
        return None
    candidates = Candidates([])
    return find_previous(report_facts, candidates.around(str(path), report_facts.year))
