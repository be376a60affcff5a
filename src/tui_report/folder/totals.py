"""A county's reports added up into one: the overview of each report (新收, 办结, …), the
cell-wise running totals ``sum`` keeps, and the agencies a total has no report of.

What a total counts is decided in ``year_total``; the pipeline that reads the reports
and adds them up as they come is ``summing``.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..formats import FORMATS, CellKind, ReportFormat
from ..report.model import CellRef, Report, zero
from ..report.values import Value
from .agencies import AgencyNames
from .index import ReportIndex
from .year_facts import YearFacts

LISTED = 10  # files named per year when the years differ


@dataclass(frozen=True, kw_only=True, slots=True)
class OverviewCounts:
    """The overview's counts of one report, or of a total (None: unknown). In the order
    of the overview's columns (``overview_columns``): 新收, 上年结转, 办结, 结转下年度,
    行政复议, 行政诉讼."""

    new: Value | None
    carried_over: Value | None
    concluded: Value | None
    carried_forward: Value | None
    review: Value | None
    litigation: Value | None

    def in_order(self) -> tuple[Value | None, ...]:
        """The counts in the overview's column order (as ``fields`` gives them)."""
        return (
            self.new,
            self.carried_over,
            self.concluded,
            self.carried_forward,
            self.review,
            self.litigation,
        )

    @classmethod
    def sum_of(cls, many: Iterable[OverviewCounts]) -> OverviewCounts | None:
        """Each count added up over ``many`` (an unknown count adds nothing); None when
        ``many`` is empty."""
        sums: dict[str, Value] | None = None
        for counts in many:
            if sums is None:
                sums = dict.fromkeys(_COUNT_FIELDS, 0)
            for name in _COUNT_FIELDS:
                value = getattr(counts, name)
                if value is not None:
                    sums[name] += value
        return None if sums is None else cls(**sums)


_COUNT_FIELDS = tuple(f.name for f in fields(OverviewCounts))


@dataclass(frozen=True, kw_only=True, slots=True)
class OverviewRow:
    """One line of ``sum``'s overview: an agency (or 合计), its counts, its errors (None
    for the total's line)."""

    agency: str
    counts: OverviewCounts
    errors: int | None

    def cells(self) -> tuple[str | Value | None, ...]:
        """The line's cells in the order of ``overview_columns``."""
        return (self.agency, *self.counts.in_order(), self.errors)


def overview_columns(fmt: ReportFormat) -> tuple[str, ...]:
    """The overview's column names: short names for the applications rows; the review
    table's own labels."""
    review = fmt.table(fmt.review_table)
    litigation = review.rows[1].groups[0] if review.rows[1].groups else review.rows[1].label
    return (
        "发布机关",
        "新收",
        "上年结转",
        "办结",
        "结转下年度",
        review.rows[0].label,
        litigation,
        "错误",
    )


def overview_counts(report: Report) -> OverviewCounts:
    """A report's counts for the overview (None where a cell is unknown)."""
    fmt = report.format
    apps = fmt.table(fmt.applications_table)
    grid = report.grid(apps)
    last = len(apps.columns) - 1

    def applications(row: str) -> Value | None:
        return grid[apps.row_index[row]][last]

    concluded = next(r.key for r in apps.rows if r.derived)  # （七）总计
    review = report.grid(fmt.table(fmt.review_table))
    litigation = [line[-1] for line in review[1:]]
    return OverviewCounts(
        new=applications(fmt.new_received_row),
        carried_over=applications(fmt.carried_over_row),
        concluded=applications(concluded),
        carried_forward=applications(fmt.carried_forward_row),
        review=review[0][-1],
        litigation=sum(v for v in litigation if v is not None),
    )


def overview_row(report: Report, errors: int | None, agency: str | None = None) -> OverviewRow:
    """One agency's line of the overview: its name (``agency``, else the report's), its
    counts, its errors."""
    return OverviewRow(
        agency=agency or report.agency, counts=overview_counts(report), errors=errors
    )


def entered_cells(report: Report) -> list[Value | None]:
    """Every entered cell of a report, tables, rows and columns in the format's order."""
    cells: list[Value | None] = []
    for table in report.format.tables:
        rows = report.cells[table.key]
        for row in table.entered_rows:
            cells += rows[row.key]
    return cells


class SumRefused(ValueError):
    """The reports cannot be added up (mixed years or formats, nothing valid)."""


@dataclass(kw_only=True)
class SumItem:
    """What adding up needs from one report file (plain data, sent back from a worker)."""

    path: str
    unreadable: str | None = None  # the message, when the file cannot be read
    agency: str = ""
    year: int | None = None
    version: str = ""
    errors: int = 0  # the report's own
    total_of: int | None = None  # a total written by sum: never added again
    row: OverviewRow | None = None
    cells: list[Value | None] = field(default_factory=list)
    facts: YearFacts | None = None  # for the comparison with last year's report
    link_errors: int = 0  # errors against last year's report (``summing``)
    previous_not_found: bool = False


class YearsSeen:
    """The years of the reports added, with a few files of each to name: a total is of
    one year."""

    def __init__(self) -> None:
        self.count: Counter[int | None] = Counter()
        self.listed: dict[int | None, list[str]] = {}

    def add(self, path: str, year: int | None) -> None:
        self.count[year] += 1
        listed = self.listed.setdefault(year, [])
        if len(listed) < LISTED:
            listed.append(path)

    def latest(self) -> int | None:
        return max((y for y in self.count if y is not None), default=None)

    def one_year(self) -> int | None:
        """The one year of them all (None: no year), or SumRefused naming the files of
        each year when there are several."""
        if len(self.count) > 1:
            listing = "；".join(
                f"{y} 年：{'、'.join(paths)}"
                + (f" 等 {self.count[y]} 份" if self.count[y] > len(paths) else "")
                for y, paths in sorted(self.listed.items(), key=lambda item: str(item[0]))
            )
            raise SumRefused(f"报告的年度不同，不能相加（{listing}）")
        return next(iter(self.count), None)


class Totals:
    """Cell-wise running sums of the reports added (an unknown cell counts as 0), and
    what decides whether they may be added up at all: one year, one format."""

    def __init__(self) -> None:
        self.counted = 0
        self.sums: list[Value] = []
        self.format: ReportFormat | None = None
        self.formats: Counter[str] = Counter()
        self.years = YearsSeen()

    def add(self, item: SumItem) -> None:
        self.counted += 1
        self.formats[item.version] += 1
        self.years.add(item.path, item.year)
        if self.format is None:
            self.format = FORMATS[item.version]
            self.sums = [zero(kind) for kind in _kinds(self.format)]
        if item.version == self.format.version:
            sums = self.sums
            for i, value in enumerate(item.cells):
                if value is not None:
                    sums[i] += value

    def year_and_format(self) -> tuple[int, ReportFormat]:
        """The common year and format, or SumRefused naming the files that differ."""
        year = self.years.one_year()
        if len(self.formats) > 1:
            raise SumRefused(f"报告的格式版本不同（{'、'.join(sorted(self.formats))}），不能相加")
        if year is None or self.format is None:
            raise SumRefused("有报告缺少年度，不能相加")
        return year, self.format

    def report(self, agency: str) -> Report:
        """The total as a report of the common year and format."""
        year, fmt = self.year_and_format()
        total = Report.empty(agency, year, fmt)
        total.total_of = self.counted  # marked: the next sum of the folder leaves it out
        position = 0
        for table in fmt.tables:
            for row in table.entered_rows:
                for column in table.entered_columns:
                    total.set(CellRef(table.key, row.key, column.key), self.sums[position])
                    position += 1
        return total


def _kinds(fmt: ReportFormat) -> list[CellKind]:
    return [c.kind for t in fmt.tables for _ in t.entered_rows for c in t.entered_columns]


def add_up(reports: Iterable[Report], agency: str) -> Report:
    """The cell-wise total of reports in memory (of one year and format)."""
    totals = Totals()
    for i, report in enumerate(reports):
        totals.add(
            SumItem(
                path=f"#{i}",
                agency=f"#{i}",
                year=report.year,
                version=report.format.version,
                cells=entered_cells(report),
            )
        )
    return totals.report(agency)


# --- the agencies a total has no report of ------------------------------------------------------


def missing_reports(files: Sequence[Path], year: int, names: AgencyNames) -> list[tuple[str, str]]:
    """Agencies with a report of ``year - 1`` and none of ``year``, each with that report's
    file: looked for in the folders of ``files`` and, for a folder named by the year
    (``reports/2024/``), in its sibling of the year before (``reports/2023/``). A report
    of ``year`` anywhere there counts, summed or not (as the folder view's 缺报)."""
    index = ReportIndex()
    index.aliases = names.aliases
    for folder in sorted({Path(f).parent for f in files}):
        index.add_folder(folder)
        if folder.name == str(year):
            index.add_folder(folder.parent / str(year - 1))
    numbers = array("I", index.dated_numbers())  # (no ReportId kept for each report)
    continued: set[str] = set()
    for number in numbers:
        if index.year_of(number) == year:
            path, agency, _ = index.identity(number)
            continued.update(index.previous(agency, year, path))
    last_year = [index.identity(n) for n in numbers if index.year_of(n) == year - 1]
    found: dict[str, tuple[str, str]] = {}
    for path, agency, _ in sorted(last_year):
        if path not in continued:
            found.setdefault(names.key(agency), (names.unified(agency), path))
    return sorted(found.values())
