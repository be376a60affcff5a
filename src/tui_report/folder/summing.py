"""``sum``'s pipeline: the reports read and validated (in worker processes, one per
core), each compared with last year's report as ``check`` compares it, and added to
running totals as they come, if the one rule of what a total counts lets them
(``year_total.left_out_because``). Nothing of a report is kept but its cells' sum and
its agency–year key: memory stays flat however many reports there are.

Two reports of one agency and year that would both count cannot be told apart: the
folder view leaves both out of its total, ``sum`` refuses to write one (``twins``).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..formats import FORMATS
from ..report.problems import count
from ..rules import validate
from ..storage import ReportFileError, read_report
from .parallel import each_in_order
from .report_folder import ReportFolder
from .totals import SumItem, Totals, YearsSeen, entered_cells, overview_row
from .year_checks import YearChecks
from .year_facts import YearFacts, facts_of, year_problems
from .year_total import Exclusion, Standing, left_out_because


def read_for_sum(path: str) -> SumItem:
    """What adding up needs from one file (in a worker process: plain data)."""
    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError as exc:
        return SumItem(path=path, unreadable=str(exc))
    report = loaded.report
    with report.grids_kept():
        errors = count(validate(report, loaded.structure))[0]
        return SumItem(
            path=path,
            agency=report.agency,
            year=report.year,
            version=report.format.version,
            errors=errors,
            total_of=report.total_of,
            row=overview_row(report, errors),
            cells=entered_cells(report),
            facts=facts_of(report, path, errors),
        )


def add_link_errors(item: SumItem, last: YearFacts, _others: list[YearFacts]) -> None:
    """Compare a report with last year's (``YearChecks``): the errors found."""
    assert item.facts is not None
    found = year_problems(FORMATS[item.facts.format], item.facts, last)
    item.link_errors = count(found)[0]


@dataclass(frozen=True)
class SumStep:
    """What adding one report up did: counted it (``left_out`` None) or left it out
    (``twin``: the report of the same agency and year counted before it)."""

    item: SumItem
    left_out: Exclusion | None
    twin: str | None = None


class Summing:
    """The reports of ``paths`` added up as they come (iterate once): ``totals`` then
    holds the sum, ``twins`` the reports of one agency and year that would each count,
    and ``years`` the years of every report read that has one (a folder of two years is
    refused, whether or not its reports count). ``year``: only reports of that year (the others
    are counted in ``other_years``); ``include_invalid``: reports with errors count."""

    def __init__(
        self,
        reports: ReportFolder,
        paths: Sequence[str],
        *,
        year: int | None = None,
        include_invalid: bool = False,
    ) -> None:
        self.paths = paths
        self.year = year
        self.include_invalid = include_invalid
        self.totals = Totals()
        self.years = YearsSeen()
        self.other_years = 0
        self.twins: dict[tuple[str, int | None], list[str]] = {}
        self._key = reports.names.key  # one agency, one key (agencies.toml)
        self._index = reports.index
        self._years = YearChecks(paths, reports.index, None, add_link_errors, reports.places)
        # each year's agencies' reports counted: by year, an array from the agency key's
        # number (in the index's table of names) to the file's number + 1 (0: none yet)
        self._counted: dict[int | None, array[int]] = {}

    def __iter__(self) -> Iterator[SumStep]:
        for arrived in each_in_order(read_for_sum, self.paths):
            for item in self._years.arrive(arrived):
                if self.year is not None and item.year not in (self.year, None):
                    self.other_years += 1  # its top did not tell (an unusual layout)
                    continue
                yield self._add(item)

    def _add(self, item: SumItem) -> SumStep:
        if item.year is not None and item.unreadable is None and item.total_of is None:
            self.years.add(item.path, item.year)
        standing = Standing(
            unreadable=item.unreadable is not None,
            year=item.year,
            version=item.version,
            total_of=item.total_of,
            own_errors=item.errors,
            link_errors=item.link_errors,
        )
        include = self.include_invalid
        left_out = left_out_because(standing, duplicate=False, include_invalid=include)
        if left_out is not None:
            return SumStep(item, left_out)
        key = self._key(item.agency)
        number = self._index.name_number(key)
        counted = self._counted.get(item.year)
        if counted is None:
            counted = self._counted[item.year] = array("I")
        if number >= len(counted):
            counted.extend(array("I", [0]) * (number + 1 - len(counted)))
        if not counted[number]:
            counted[number] = self._index.number(item.path) + 1
        first = self._index.path(counted[number] - 1)
        if first != item.path:  # (the first stays counted: the sum is refused anyway)
            self.twins.setdefault((key, item.year), [first]).append(item.path)
            left_out = left_out_because(standing, duplicate=True, include_invalid=include)
            return SumStep(item, left_out, first)
        self.totals.add(item)
        return SumStep(item, None)

    def twins_said(self) -> str:
        """The reports of one agency and year (a draft beside the final one?), listed."""
        return "；".join("、".join(paths) for paths in self.twins.values())
