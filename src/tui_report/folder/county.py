"""A county's folder of reports taken together: each report against its agency's report
of the year before, the agencies whose report is missing, and the checks only a folder
can make — two reports of one agency and year, one agency's name spelled two ways (the
total of a year and what it leaves out: ``year_total``).

Everything here works on rows (``rows.ReportRow``) already read; nothing is read
from disk. Agencies are matched as ``check`` matches them: the name as written, with a
region prefix added or dropped, or one agency by ``agencies.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from ..formats import FORMATS
from ..report.problems import Problem, count
from ..storage.tops import ReportId
from .agencies import AgencyNames
from .names import agency_key, own_name, prefix_splits
from .report_folder import ReportFolder
from .rows import ReportRow
from .year_facts import YearFacts, previous_candidates, year_problems

RENAMED_SIMILARITY = 0.75  # names this alike, one gone and one new, may be one agency
MAX_RENAME_PAIRS = 40_000


@dataclass(frozen=True)
class LastYearMatch:
    """A report's match among last year's reports: its agency's report of the year
    before, and what comparing the two found."""

    previous: str  # that report's file
    facts: YearFacts  # what of it the comparison needs
    problems: tuple[Problem, ...]  # 上年结转 ≠ last year's 结转下年度, 现行有效件数
    also: tuple[str, ...] = ()  # other files that could have been last year's

    @property
    def errors(self) -> int:
        return count(list(self.problems))[0]

    @property
    def warnings(self) -> int:
        return count(list(self.problems))[1]


class FindingKind(StrEnum):
    """What several reports together show."""

    DUPLICATE = "duplicate"  # two reports of one agency and year
    SPELLING = "spelling"  # one agency's name written two ways
    RENAMED = "renamed"  # an agency gone and a new one much like it: renamed?
    MISSING = "missing"  # a report last year, none this year


@dataclass(frozen=True)
class Finding:
    """Something about several reports together. ``suggestion`` is a group of names
    (unified, others) that agencies.toml could record as one agency."""

    kind: FindingKind
    message: str
    paths: tuple[str, ...]
    year: int | None = None
    suggestion: tuple[str, tuple[str, ...]] | None = None


@dataclass
class Analysis:
    links: dict[str, LastYearMatch] = field(default_factory=dict)  # by the report's file
    findings: list[Finding] = field(default_factory=list)

    def errors(self, row: ReportRow) -> int:
        """The report's errors: its own and those against last year's report."""
        link = self.links.get(row.path)
        return row.counts[0] + (link.errors if link else 0)

    def warnings(self, row: ReportRow) -> int:
        link = self.links.get(row.path)
        return row.counts[1] + (link.warnings if link else 0)

    def problems(self, row: ReportRow) -> list[Problem]:
        link = self.links.get(row.path)
        return row.problems + (list(link.problems) if link else [])

    def missing(self, year: int) -> list[Finding]:
        return [f for f in self.findings if f.kind is FindingKind.MISSING and f.year == year]


def analyse(rows: Sequence[ReportRow], names: AgencyNames) -> Analysis:
    """Year links and findings for every report read so far (the folder view's first
    reading works them out as the rows come: ``AnalysisAsRead``, which gives the same)."""
    readable = [r for r in rows if is_unit_report(r)]
    reports = ReportFolder(names)  # of the rows read: the folder view looks no further
    for row in readable:
        reports.add(row.report_id)
    by_path = {r.path: r for r in readable}
    links: dict[str, LastYearMatch] = {}
    continued: set[str] = set()  # last year's reports that have a successor
    for row in readable:
        paths = reports.index.previous(row.agency, row.year, row.path)
        continued.update(paths)
        link = last_year_match(row, [by_path[p] for p in paths], reports)
        if link is not None:
            links[row.path] = link
    return with_findings(links, readable, by_path, continued, names)


def is_unit_report(row: ReportRow) -> bool:
    """A report read, of a unit: it has last year's report and may be missing (a total
    written by sum is no unit's)."""
    return row.checked and row.facts is not None and bool(row.agency) and row.total_of is None


def last_year_match(
    row: ReportRow, candidates: list[ReportRow], reports: ReportFolder
) -> LastYearMatch | None:
    """The report's match among the reports that may be its last year's (``candidates``,
    as the index found them), compared with it; None where none is."""
    facts = row.facts
    assert facts is not None
    found = previous_candidates(
        facts, [c.facts for c in candidates if c.facts is not None], reports.same_agency
    )
    if not found:
        return None
    last = found[0]
    problems = year_problems(FORMATS[facts.format], facts, last)
    return LastYearMatch(last.path, last, tuple(problems), tuple(f.path for f in found[1:]))


def with_findings(
    links: dict[str, LastYearMatch],
    readable: list[ReportRow],
    by_path: dict[str, ReportRow],
    continued: set[str],
    names: AgencyNames,
) -> Analysis:
    """The analysis of the reports ``readable`` (``is_unit_report``), given their links
    (in their order) and the reports taken as some report's last year's: with the
    findings across units."""
    analysis = Analysis(links)
    report_ids = [r.report_id for r in readable]
    pairs = [
        (by_path[p].report_id, by_path[link.previous].report_id)
        for p, link in analysis.links.items()
    ]
    analysis.findings += duplicates(report_ids, names)
    analysis.findings += spellings(report_ids, pairs, names)
    missing = _missing(readable, continued)
    analysis.findings += missing
    analysis.findings += renamed(readable, analysis.links, missing, by_path, names)
    return analysis


# --- checks across units ------------------------------------------------------------------


# reports of a year by agency key: one report, or a list where there are more (most
# agencies have one: no list, and no (key, year) tuple, is made for each of 50,000)
_ByKey = dict[str, "ReportId | list[ReportId]"]


def _grouped(reports: Iterable[ReportId], names: AgencyNames) -> dict[int | None, _ByKey]:
    """The reports by year, then by agency key, in the order they come."""
    by_year: dict[int | None, _ByKey] = {}
    for report in reports:
        keyed = by_year.get(report.year)
        if keyed is None:
            keyed = by_year[report.year] = {}
        key = names.key(report.agency)
        there = keyed.get(key)
        if there is None:
            keyed[key] = report
        elif isinstance(there, list):
            there.append(report)
        else:
            keyed[key] = [there, report]
    return by_year


def _members(group: ReportId | list[ReportId]) -> list[ReportId]:
    return group if isinstance(group, list) else [group]


def duplicate_note(year: int | None, listed: Iterable[tuple[str, str]]) -> str:
    """Two or more reports (path, agency) of one agency and ``year``."""
    shown = [f"{path}（{agency}）" for path, agency in listed]
    return f"同一机关 {year} 年度有 {len(shown)} 份报告：{'、'.join(shown)}；只应保留一份"


def spelled_across_years_note(old: str, last_year: int | None, new: str, year: int | None) -> str:
    """An agency's name last year and this year written two ways, compared as one."""
    return (
        f"“{old}”（{last_year} 年）与“{new}”（{year} 年）写法不同，"
        "已按同一机关比对；可记入 agencies.toml"
    )


def spelled_in_one_year_note(long_name: str, short_name: str, year: int | None) -> str:
    """Two names of one year, one the other with a region prefix."""
    return (
        f"“{long_name}”与“{short_name}”同为 {year} 年度，"
        "可能是同一机关的两份报告；如是，可记入 agencies.toml"
    )


def duplicates(reports: Iterable[ReportId], names: AgencyNames) -> list[Finding]:
    """Two or more reports of one agency and year (a draft beside the final one?), in the
    order of each group's first report."""
    reports = reports if isinstance(reports, Sequence) else list(reports)
    groups = [g for keyed in _grouped(reports, names).values() for g in keyed.values()]
    several = [g for g in groups if isinstance(g, list)]
    del groups
    first: dict[int, int | None] = {id(g[0]): None for g in several}
    for position, report in enumerate(reports):
        if id(report) in first and first[id(report)] is None:
            first[id(report)] = position
    several.sort(key=lambda g: first[id(g[0])] or 0)
    found = []
    for group in several:
        year = group[0].year
        found.append(
            Finding(
                FindingKind.DUPLICATE,
                duplicate_note(year, ((r.path, r.agency) for r in group)),
                tuple(r.path for r in group),
                year,
            )
        )
    return found


def spellings(
    reports: Sequence[ReportId],
    links: Iterable[tuple[ReportId, ReportId]],
    names: AgencyNames,
) -> list[Finding]:
    """One agency's name written two ways: across years (``links``: a report and its
    agency's report of the year before, matched with a region prefix added or dropped),
    or in one year (then maybe two reports of one agency)."""
    found: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for this, last in links:
        old, new = last.agency, this.agency
        if names.key(old) == names.key(new) or (old, new) in seen:
            continue
        seen.add((old, new))
        found.append(
            Finding(
                FindingKind.SPELLING,
                spelled_across_years_note(old, last.year, new, this.year),
                (last.path, this.path),
                this.year,
                (new, (old,)),
            )
        )
    for year, keyed in _grouped(reports, names).items():
        for key, these in keyed.items():
            for end in prefix_splits(key):
                others = keyed.get(key[end:])
                if not others:
                    continue
                group, shorter = _members(these), _members(others)
                long_name, short_name = group[0].agency, shorter[0].agency
                found.append(
                    Finding(
                        FindingKind.SPELLING,
                        spelled_in_one_year_note(long_name, short_name, year),
                        tuple(r.path for r in group + shorter),
                        year,
                        (long_name, (short_name,)),
                    )
                )
    return found


def notes(
    reports: Sequence[ReportId], links: Iterable[tuple[ReportId, ReportId]], names: AgencyNames
) -> list[str]:
    """``check``'s notes on the files checked together: two reports of one agency and
    year, one agency's name written two ways."""
    return [f.message for f in duplicates(reports, names) + spellings(reports, links, names)]


def _missing(rows: Sequence[ReportRow], continued: set[str]) -> list[Finding]:
    """Agencies with a report last year and none this year (for each year with reports)."""
    years = {r.year for r in rows if r.year is not None}
    found = []
    for row in rows:
        if row.year is None or row.year + 1 not in years or row.path in continued:
            continue
        found.append(
            Finding(
                FindingKind.MISSING,
                f"{row.agency}：有 {row.year} 年的报告（{row.path}），没有 {row.year + 1} 年的",
                (row.path,),
                row.year + 1,
            )
        )
    return found


def renamed(
    rows: Sequence[ReportRow],
    links: dict[str, LastYearMatch],
    missing: list[Finding],
    by_path: dict[str, ReportRow],
    names: AgencyNames,
) -> list[Finding]:
    """An agency gone this year and a new one with a similar name (洪泽县人民政府 →
    淮安市洪泽区人民政府): maybe one agency renamed, to be recorded in agencies.toml."""
    found: list[Finding] = []
    unlinked: dict[int | None, list[ReportRow]] = {}  # by year: reports without last year's
    for gone in missing:
        old = by_path[gone.paths[0]]
        new_ones = unlinked.get(gone.year)
        if new_ones is None:
            new_ones = unlinked[gone.year] = [
                r for r in rows if r.year == gone.year and r.path not in links
            ]
        if len(new_ones) * len(missing) > MAX_RENAME_PAIRS:
            return found
        old_name = own_name(agency_key(old.agency))
        for new in new_ones:
            matcher = SequenceMatcher(None, old_name, own_name(agency_key(new.agency)))
            if matcher.quick_ratio() < RENAMED_SIMILARITY or matcher.ratio() < RENAMED_SIMILARITY:
                continue
            if names.key(old.agency) == names.key(new.agency):
                continue
            found.append(
                Finding(
                    FindingKind.RENAMED,
                    f"“{old.agency}”（{old.year} 年）没有 {new.year} 年的报告，"
                    f"而“{new.agency}”（{new.year} 年）没有上一年的："
                    "可能是同一机关改了名称；如是，可记入 agencies.toml",
                    (old.path, new.path),
                    new.year,
                    (new.agency, (old.agency,)),
                )
            )
    return found
