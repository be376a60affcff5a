"""The problems of the report being edited, checked again after each change only where
the change can make a difference: each rule's last result is kept, and a change runs
again only the rules that read what it changed (``rules.READS``); the checks against
last year's report run again only when a table they read changed, or last year's report
did. The problems are the same, in the same order, as a run from scratch
(``rules.validate`` and ``year_problems``: tests/unit/test_document_checks.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..formats import ReportFormat
from ..report.model import Report
from ..report.problems import Problem
from ..rules import READS, RULES, Reads, run_rule, tables_read

if TYPE_CHECKING:
    from ..folder.yearly import YearFacts


@dataclass(frozen=True)
class Touched:
    """What a change of the report changed (what was not named did not change)."""

    tables: frozenset[str] = frozenset()  # the tables whose cells changed
    fields: frozenset[str] = frozenset()  # "agency", "year"
    texts: bool = False  # a narrative text


def touches(reads: Reads, fmt: ReportFormat, touched: Touched) -> bool:
    """Whether a rule that reads ``reads`` may find otherwise after ``touched``."""
    return (
        (reads.texts and touched.texts)
        or not reads.fields.isdisjoint(touched.fields)
        or not tables_read(reads.tables, fmt).isdisjoint(touched.tables)
    )


# Last year's checks of a report and last year's facts: given by the document (they are
# in folder/, imported when first needed).
YearProblems = Callable[[Report, "YearFacts"], list[Problem]]


class ReportChecks:
    """Each rule's last result for one report, and the checks against last year's."""

    def __init__(self) -> None:
        self._format: ReportFormat | None = None
        self._results: list[list[Problem]] = []
        self._previous: YearFacts | None = None
        self._year: list[Problem] = []

    def problems(
        self,
        report: Report,
        structure: Iterable[Problem],
        previous: YearFacts | None,
        year_problems: YearProblems,
        touched: Touched | None = None,
    ) -> list[Problem]:
        """Every problem of ``report``, errors first: the rules that read what ``touched``
        names run again (all of them when it is None: a change not described)."""
        fmt = report.format
        everything = touched is None or fmt is not self._format
        with report.grids_kept():  # the rules only read the report
            if everything or touched is None:
                self._results = [run_rule(rule, report) for rule in RULES]
            else:
                self._results = [
                    run_rule(rule, report) if touches(READS[rule], fmt, touched) else result
                    for rule, result in zip(RULES, self._results, strict=True)
                ]
            if previous is None:
                self._year = []
            elif (
                everything
                or touched is None
                or previous is not self._previous
                or not touched.tables.isdisjoint(link.table for link in fmt.year_links)
            ):
                self._year = year_problems(report, previous)
        self._format, self._previous = fmt, previous
        problems = list(structure)
        for result in self._results:
            problems += result
        problems += self._year
        # errors first (last year's carry-over among them), then warnings: F8 and the
        # problem list take the ones that block publishing first
        problems.sort(key=lambda problem: not problem.is_error)
        return problems
