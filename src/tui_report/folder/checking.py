"""The check of report files as one pipeline, its results as data: the files collected
(``ReportFolder.collect``), each read and validated (in worker processes when there are
many: ``check_file``), each compared with last year's report (``YearChecks``), and the
results given in the files' order as they come (``CheckRun``).

``tui-report check`` prints the results (``cli.check``); the folder view reads each
file the same way (``rows.inspect_file``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import FORMATS
from ..report.problems import Problem
from ..rules import validate
from ..storage import LoadedReport, ReportFileError, read_report
from ..storage.reading import decode, read_bytes
from ..storage.toml_lines import key_lines
from .parallel import each_in_order
from .report_folder import ReportFolder
from .totals import OverviewCounts, overview_counts
from .year_checks import YearChecks
from .year_facts import YearFacts, facts_of, year_problems


@dataclass(frozen=True)
class Unreadable:
    """Why a file cannot be read as a report, and where in it (TOML syntax errors)."""

    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class FileResult:
    """What the check of one file found (plain data: made in a worker process)."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: Unreadable | None = None
    facts: YearFacts | None = None
    previous: str | None = None  # the file taken as last year's report
    also: list[str] = field(default_factory=list)  # other files that could have been
    previous_not_found: bool = False  # looked for where it is kept, and not found
    total_of: int | None = None  # a total written by sum: how many reports it adds up


def read_and_validate(path: str) -> tuple[LoadedReport, list[Problem], YearFacts]:
    """One file read and validated, with what a check against another year needs;
    ``ReportFileError`` when it cannot be read. (Shared by ``check`` and the folder view.)"""
    loaded, problems, facts, _ = _read_and_validate(path, counted=False)
    return loaded, problems, facts


def read_validate_and_count(
    path: str,
) -> tuple[LoadedReport, list[Problem], YearFacts, OverviewCounts]:
    """``read_and_validate``, and the report's counts for the overview (the folder view's
    columns), taken from the tables as validation worked them out."""
    loaded, problems, facts, counts = _read_and_validate(path, counted=True)
    assert counts is not None
    return loaded, problems, facts, counts


def _read_and_validate(
    path: str, counted: bool
) -> tuple[LoadedReport, list[Problem], YearFacts, OverviewCounts | None]:
    loaded = read_report(path, for_saving=False)
    report = loaded.report
    with report.grids_kept():
        problems = validate(report, loaded.structure)
        errors = sum(1 for p in problems if p.is_error)
        counts = overview_counts(report) if counted else None
        return loaded, problems, facts_of(report, path, errors), counts


def check_file(path: str) -> FileResult:
    """Check one file (in a worker process: everything returned is plain data)."""
    try:
        loaded, problems, facts = read_and_validate(path)
    except ReportFileError as exc:
        return FileResult(path, unreadable=Unreadable(str(exc), exc.line, exc.column))
    if problems:  # lines are looked for only in a file with problems
        problems = with_lines(problems, loaded.source)
    return FileResult(path, problems, facts=facts, total_of=loaded.report.total_of)


def with_lines(problems: list[Problem], source: str) -> list[Problem]:
    """The problems placed on the lines of ``source`` where their keys are, in line order."""
    lines = key_lines(source, {p.location.key for p in problems if p.location.key})
    located = [p.at_line(_line_of(p, lines)) for p in problems]
    located.sort(key=lambda p: p.location.line or 0)
    return located


def _line_of(problem: Problem, lines: dict[str, int]) -> int | None:
    key = problem.location.key
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]  # fall back to the enclosing table
    return None


def add_year_problems(result: FileResult, last: YearFacts, others: list[YearFacts]) -> None:
    """Compare a report with last year's (``others``: the other files that could have
    been); the problems found are placed on their lines, the file read again for them."""
    facts = result.facts
    assert facts is not None
    result.previous = last.path
    result.also = [o.path for o in others]
    found_problems = year_problems(FORMATS[facts.format], facts, last)
    if not found_problems:
        return
    try:  # read again for the lines: it may have gone meanwhile (a git checkout)
        source, _ = decode(Path(result.path), read_bytes(Path(result.path)))
    except ReportFileError as exc:
        result.problems, result.facts = [], None
        result.unreadable = Unreadable(str(exc), exc.line, exc.column)
        return
    result.problems = with_lines(result.problems + found_problems, source)


class CheckRun:
    """The results of checking ``paths`` (collected by ``reports``), each compared with
    last year's report, in the files' order as they come (iterate once). ``previous``:
    last year's report given on the command line (``--previous``), for the reports of
    its agency of the year after it."""

    def __init__(
        self, reports: ReportFolder, paths: Sequence[str], previous: YearFacts | None = None
    ) -> None:
        self.paths = paths
        self._years = YearChecks(paths, reports.index, previous, add_year_problems, reports.places)

    def __iter__(self) -> Iterator[FileResult]:
        for arrived in each_in_order(check_file, self.paths):
            yield from self._years.arrive(arrived)

    @property
    def used_previous(self) -> bool:
        """Whether the report given as last year's was compared with any (after the run)."""
        return self._years.used_previous
