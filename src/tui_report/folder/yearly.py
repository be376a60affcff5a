"""The yearly cycle as the editor and ``new --from`` meet it: last year's report of a
report file, or of an agency in a folder, found where ``check`` finds it
(``ReportFolder``). The facts and checks that link two years are in ``year_facts``;
the editor finds them here too."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .names import same_agency as same_agency
from .report_folder import ReportFolder
from .year_facts import YearFacts as YearFacts
from .year_facts import facts_of as facts_of
from .year_facts import year_problems as year_problems


def previous_in_folder(path: Path, report_facts: YearFacts) -> YearFacts | None:
    """Last year's report of the same agency for the report at ``path`` (for the editor),
    looked for where ``check`` looks (``year_folders``: its folder, the folders beside it
    named for last year, the repository's tree)."""
    if report_facts.year is None:
        return None
    folder = ReportFolder.of_folder(Path(path).parent)
    paths = folder.last_year_files(str(path), report_facts.agency, report_facts.year)
    found = folder.last_year(report_facts, fast=False, paths=paths)  # the editor's memory
    return found[0] if found else None


class FolderLookup(NamedTuple):
    """``new --from FOLDER``: last year's reports found, the likeliest first; the year of
    the new report; and, when none is found, every agency name the folder knows (its
    reports' and agencies.toml's), to suggest the one meant."""

    found: list[YearFacts]
    year: int | None
    agencies: list[str]


def last_year_in_folder(folder: Path, agency: str, year: int | None) -> FolderLookup:
    """Last year's reports of ``agency`` under ``folder`` for ``year`` (by default the year
    after the agency's latest report there), looked for as ``year_folders`` looks through
    a repository's tree (bounded)."""
    reports = ReportFolder.of_folder(folder)
    reports.add_tree(folder)
    found: list[YearFacts] = []
    if year is None:
        latest = reports.latest_year(agency)
        year = None if latest is None else latest + 1
    if year is not None:
        found = reports.last_year(YearFacts("", agency, year, ""))
    if found:
        return FolderLookup(found, year, [])
    known = sorted({report.agency for report in reports.reports()})
    return FolderLookup(found, year, [*known, *reports.names.all_names()])
