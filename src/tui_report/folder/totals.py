"""``tui-report sum``: a county's reports added up into one, with an overview per agency.

Reports stream through: each is read and validated (in worker processes, one per core),
its cells are added to running totals and its overview row is written to a temporary
file; nothing else of it is kept. Memory stays flat however many reports there are
(what grows is a set of agency–year keys, to refuse two reports of one agency).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats import FORMATS, CellKind, ReportFormat
from ..report.model import CellRef, Report, zero
from ..report.values import Value, format_value

if TYPE_CHECKING:
    from .agencies import AgencyNames

LISTED = 10  # files named per year when the years differ


def overview_columns(fmt: ReportFormat) -> tuple[str, ...]:
    """Short names for the applications rows; the review table's own labels."""
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


class SumRefused(ValueError):
    """The reports cannot be added up (mixed years or formats, nothing valid)."""


def overview_row(
    report: Report, errors: int | None, agency: str | None = None
) -> list[str | Value | None]:
    """One agency's line of the overview: name, the counts (None when unknown), errors."""
    fmt = report.format
    apps = fmt.table(fmt.applications_table)
    grid = report.grid(apps)
    last = len(apps.columns) - 1

    def applications(row: str) -> Value | None:
        return grid[apps.row_index[row]][last]

    concluded = next(r.key for r in apps.rows if r.derived)  # （七）总计
    review = report.grid(fmt.table(fmt.review_table))
    litigation = [line[-1] for line in review[1:]]
    return [
        agency or report.agency,
        applications(fmt.new_received_row),
        applications(fmt.carried_over_row),
        applications(concluded),
        applications(fmt.carried_forward_row),
        review[0][-1],
        sum(v for v in litigation if v is not None),
        errors,
    ]


def entered_cells(report: Report) -> list[Value | None]:
    """Every entered cell of a report, tables, rows and columns in the format's order."""
    cells: list[Value | None] = []
    for table in report.format.tables:
        rows = report.cells[table.key]
        for row in table.entered_rows:
            cells += rows[row.key]
    return cells


# --- one report, in a worker process ------------------------------------------------------------


@dataclass
class SumItem:
    """What adding up needs from one report file (plain data, sent back from a worker)."""

    path: str
    unreadable: str | None = None  # the message, when the file cannot be read
    agency: str = ""
    year: int | None = None
    version: str = ""
    errors: int = 0
    total_of: int | None = None  # a total written by sum: never added again
    row: list[str | Value | None] = field(default_factory=list)
    cells: list[Value | None] = field(default_factory=list)


def read_for_sum(path: str) -> SumItem:
    from ..report.problems import count
    from ..rules import validate
    from ..storage import ReportFileError, read_report

    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError as exc:
        return SumItem(path, unreadable=str(exc))
    report = loaded.report
    with report.grids_kept():
        errors = count(validate(report, loaded.structure))[0]
        row = overview_row(report, errors)
    version = report.format.version
    return SumItem(
        path,
        None,
        report.agency,
        report.year,
        version,
        errors,
        report.total_of,
        row,
        entered_cells(report),
    )


# --- the running totals -------------------------------------------------------------------------


class Totals:
    """Cell-wise running sums of the reports added (an unknown cell counts as 0), and
    what decides whether they may be added up at all (``names``: agencies.toml, by
    which two names may be one agency)."""

    def __init__(self, names: AgencyNames | None = None) -> None:
        from .index import agency_key

        self.key = names.key if names is not None else agency_key  # one agency, one key
        self.counted = 0
        self.sums: list[Value] = []
        self.format: ReportFormat | None = None
        self.formats: set[str] = set()
        self.years: dict[int | None, list[str]] = {}
        self.per_year: dict[int | None, int] = {}
        self._owners: dict[tuple[str, int | None], str] = {}
        self._twice: dict[tuple[str, int | None], list[str]] = {}

    def add(self, item: SumItem) -> None:
        self.counted += 1
        self.formats.add(item.version)
        self.per_year[item.year] = self.per_year.get(item.year, 0) + 1
        listed = self.years.setdefault(item.year, [])
        if len(listed) < LISTED:
            listed.append(item.path)
        key = (self.key(item.agency), item.year)
        owner = self._owners.setdefault(key, item.path)
        if owner != item.path:
            self._twice.setdefault(key, [owner]).append(item.path)
        if self.format is None:
            self.format = FORMATS[item.version]
            self.sums = [zero(kind) for kind in _kinds(self.format)]
        if item.version == self.format.version:
            sums = self.sums
            for i, value in enumerate(item.cells):
                if value is not None:
                    sums[i] += value

    def duplicates(self) -> str:
        """Reports of the same agency and year (a draft beside the final one?), listed."""
        return "；".join("、".join(paths) for paths in self._twice.values())

    def year_and_format(self) -> tuple[int, ReportFormat]:
        """The common year and format, or SumRefused naming the files that differ."""
        if len(self.years) > 1:
            listing = "；".join(
                f"{y} 年：{'、'.join(paths)}"
                + (f" 等 {self.per_year[y]} 份" if self.per_year[y] > len(paths) else "")
                for y, paths in sorted(self.years.items(), key=lambda item: str(item[0]))
            )
            raise SumRefused(f"报告的年度不同，不能相加（{listing}）")
        if len(self.formats) > 1:
            raise SumRefused(f"报告的格式版本不同（{'、'.join(sorted(self.formats))}），不能相加")
        year = next(iter(self.years))
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
                f"#{i}",
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
    from .index import ReportIndex

    index = ReportIndex()
    index.aliases = names.aliases
    for folder in sorted({Path(f).parent for f in files}):
        index.add_folder(folder)
        if folder.name == str(year):
            index.add_folder(folder.parent / str(year - 1))
    identities = list(index.dated())
    continued: set[str] = set()
    for path, agency, when in identities:
        if when == year:
            continued.update(index.previous(agency, year, path))
    found: dict[str, tuple[str, str]] = {}
    for path, agency, when in sorted(identities):
        if when == year - 1 and path not in continued:
            found.setdefault(names.key(agency), (names.unified(agency), path))
    return sorted(found.values())


# --- output -------------------------------------------------------------------------------------


def as_json(value: str | Value | None) -> str | int | float | None:
    """A cell of the overview in JSON: numbers as JSON numbers (as in export)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_text(value: str | Value | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_value(value)
