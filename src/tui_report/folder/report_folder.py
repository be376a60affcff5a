"""The reports of the folders worked on, as every command and screen sees them.

``ReportFolder`` holds what a folder of reports knows beyond any one report: who and
when each file is (an index of the files' tops, built as folders are listed), which
names are one agency (the ``agencies.toml`` that applies), and where last year's
report of each is (its folder, the folders beside it named for last year, the
repository's tree: ``year_folders``). ``check``, ``sum``, ``new --from``, the editor's
上年 line and the folder view all ask it, so that they agree. What a year's total
counts is decided by ``year_total.left_out_because``, which they all call.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..storage.tops import AGENCIES_FILE, ReportId, looks_like_report, read_top
from .agencies import AgenciesError, AgencyNames, agencies_for, agencies_or_error
from .index import ReportIndex, ReportPaths, walk_report_paths
from .listing import Unreachable, distinct_files
from .year_facts import YearFacts, last_year_candidates
from .year_folders import PreviousPlaces, index_tree


class ReportFolder:
    """The index of the reports seen so far, the agency names, and last year's reports.

    ``names_error``: why the ``agencies.toml`` that applies cannot be used (then no
    names are one agency but by their spelling; ``check`` says so, ``sum`` refuses)."""

    def __init__(
        self,
        names: AgencyNames | None = None,
        names_error: str | None = None,
        index: ReportIndex | None = None,
    ) -> None:
        self.names = names if names is not None else AgencyNames()
        self.names_error = names_error
        self.index = index if index is not None else ReportIndex()  # (one a listing filled)
        self.index.aliases = self.names.aliases
        self.places = PreviousPlaces(self.index)

    @classmethod
    def around(cls, paths: Iterable[Path]) -> ReportFolder:
        """For the files and folders given: the ``agencies.toml`` files that apply to
        them (a wrong one is not used, and said in ``names_error``)."""
        names, error = agencies_or_error(paths)
        return cls(names, error)

    @classmethod
    def of_folder(cls, folder: Path) -> ReportFolder:
        """For one folder, with its ``agencies.toml`` where it can be used (the editor and
        ``new --from`` go on without one that is wrong: ``check`` and the folder view say
        what is wrong with it)."""
        try:
            return cls(agencies_for([folder]))
        except AgenciesError:
            return cls()

    # --- the files -------------------------------------------------------------------------

    def collect(
        self,
        arguments: Iterable[Path],
        skipped: list[Path] | None = None,
        unreachable: list[Unreachable] | None = None,
        only_reports: bool = False,
    ) -> list[Path]:
        """The files to work on (see ``collect_paths``), as paths."""
        return [Path(p) for p in self.collect_paths(arguments, skipped, unreachable, only_reports)]

    def collect_paths(
        self,
        arguments: Iterable[Path],
        skipped: list[Path] | None = None,
        unreachable: list[Unreachable] | None = None,
        only_reports: bool = False,
    ) -> ReportPaths:
        """The files to work on: files as given, folders searched for ``*.toml`` (not in
        hidden folders such as .git or .venv, and only regular files that look like
        reports: the others go to ``skipped``; agencies.toml is never one; what cannot be
        read, such as a folder without permission or a broken link, goes to
        ``unreachable``). ``only_reports``: files given are sorted by the same rule (a git
        hook is given every staged ``.toml``, pyproject.toml too). A file reached twice,
        or through a link, counts once (``distinct_files``). Every folder searched is
        indexed on the way. Each path is written as ``str(Path(…))`` writes it, kept as
        a number of the index (``ReportPaths``): no ``str`` or ``Path`` per report."""
        arguments = list(arguments)
        files = ReportPaths(self.index)
        for argument in arguments:
            folder = os.path.isdir(argument)  # False where it cannot be told (no permission)
            if argument.name == AGENCIES_FILE and not folder:
                continue  # the agency names table (see ``agencies``), not a report
            if folder:
                files.extend(walk_report_paths(argument, skipped, self.index, unreachable))
            elif only_reports and not looks_like_report(read_top(str(argument))):
                if skipped is not None:
                    skipped.append(argument)
            else:
                files.append(str(argument))
        if len(arguments) == 1:
            return files  # one folder's search gives each file once already
        kept = set(distinct_files(list(files)))
        return ReportPaths(
            self.index, [self.index.number(p) for p in dict.fromkeys(files) if p in kept]
        )

    def add(self, report: ReportId) -> None:
        """A report known otherwise than by the files collected (the folder view's rows)."""
        self.index.add(report)

    def add_tree(self, root: Path) -> None:
        """Index the reports under ``root``, as far as a repository's tree is looked into."""
        index_tree(root, self.index)

    def reports(self) -> list[ReportId]:
        """Every report indexed with a year."""
        return list(self.index.dated())

    # --- last year's report --------------------------------------------------------------

    def last_year_files(self, path: str, agency: str, year: int | None) -> list[str]:
        """The files that may be last year's report of the file ``path`` (its agency and
        year), all from the nearest place that has any (``year_folders``)."""
        return self.places.find(path, agency, year)

    def last_year(
        self,
        this: YearFacts,
        known: dict[str, YearFacts] | None = None,
        fast: bool = True,
        paths: list[str] | None = None,
    ) -> list[YearFacts]:
        """Last year's reports for ``this``, the likeliest first: among the files of the
        nearest place (``paths``: those already found), or, for a report of no file (the
        agency ``new --from`` is given), among every report indexed. ``known``: facts
        at hand, by path; ``fast``: read by the fast parser (not for the editor)."""
        if paths is None and this.path:
            paths = self.last_year_files(this.path, this.agency, this.year)
        return last_year_candidates(this, self.index, known, fast=fast, paths=paths)

    def latest_year(self, agency: str) -> int | None:
        """The latest year with a report of ``agency`` indexed."""
        return self.index.latest_year(agency)

    def same_agency(self, a: str, b: str) -> bool:
        """One agency: by ``agencies.toml``, or the same name with a region prefix added or
        dropped."""
        return self.names.same(a, b)
