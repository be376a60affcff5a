"""A county's folder of reports taken together: each report against its agency's report
of the year before, the total of a year and what it leaves out (and why), the agencies
whose report is missing, and the checks only a folder can make — two reports of one
agency and year, one agency's name spelled two ways.

Everything here works on rows (``rows.ReportRow``) already read; nothing is read
from disk. Agencies are matched as ``check`` matches them: the name as written, with a
region prefix added or dropped, or one agency by ``agencies.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..formats import FORMATS, format_for_year
from ..report.problems import Problem, count
from ..report.values import Value
from .agencies import AgencyNames
from .index import Identity, ReportIndex, agency_key, prefix_splits
from .rows import ReportRow
from .yearly import YearFacts, previous_candidates, year_problems

RENAMED_SIMILARITY = 0.75  # names this alike, one gone and one new, may be one agency
MAX_RENAME_PAIRS = 40_000


@dataclass(frozen=True)
class YearLink:
    """A report and its agency's report of the year before."""

    previous: str  # that report's file
    facts: YearFacts  # what of it the comparison needs
    problems: tuple[Problem, ...]  # 上年结转 ≠ last year's 结转下年度, 现行有效件数
    also: tuple[str, ...] = ()  # other files that could have been last year's


@dataclass(frozen=True)
class Finding:
    """Something about several reports together. ``suggestion`` is a group of names
    (unified, others) that agencies.toml could record as one agency."""

    kind: str  # "duplicate", "spelling", "renamed" or "missing"
    message: str
    paths: tuple[str, ...]
    year: int | None = None
    suggestion: tuple[str, tuple[str, ...]] | None = None


@dataclass
class Analysis:
    links: dict[str, YearLink] = field(default_factory=dict)  # by the report's file
    findings: list[Finding] = field(default_factory=list)

    def errors(self, row: ReportRow) -> int:
        """The report's errors: its own and those against last year's report."""
        link = self.links.get(row.path)
        extra = count(list(link.problems))[0] if link else 0
        return row.counts[0] + extra

    def warnings(self, row: ReportRow) -> int:
        link = self.links.get(row.path)
        extra = count(list(link.problems))[1] if link else 0
        return row.counts[1] + extra

    def problems(self, row: ReportRow) -> list[Problem]:
        link = self.links.get(row.path)
        return row.problems + (list(link.problems) if link else [])

    def missing(self, year: int) -> list[Finding]:
        return [f for f in self.findings if f.kind == "missing" and f.year == year]


def analyse(rows: Sequence[ReportRow], names: AgencyNames) -> Analysis:
    """Year links and findings for every report read so far."""
    readable = [  # a total written by sum is no unit: no last year, no missing report
        r for r in rows if r.checked and r.facts is not None and r.agency and r.total_of is None
    ]
    index = ReportIndex()
    index.aliases = names.aliases
    for row in readable:
        index.add(row.identity)
    by_path = {r.path: r for r in readable}
    analysis = Analysis()
    continued: set[str] = set()  # last year's reports that have a successor
    for row in readable:
        facts = row.facts
        assert facts is not None
        paths = index.previous(row.agency, row.year, row.path)
        continued.update(paths)
        candidates = [by_path[p].facts for p in paths if by_path[p].facts is not None]
        found = previous_candidates(facts, candidates, names.same)  # type: ignore[arg-type]
        if found:
            last = found[0]
            problems = year_problems(FORMATS[facts.format], facts, last)
            also = tuple(f.path for f in found[1:])
            analysis.links[row.path] = YearLink(last.path, last, tuple(problems), also)
    identities = [r.identity for r in readable]
    pairs = [
        (by_path[p].identity, by_path[link.previous].identity) for p, link in analysis.links.items()
    ]
    analysis.findings += duplicates(identities, names)
    analysis.findings += spellings(identities, pairs, names)
    missing = _missing(readable, continued)
    analysis.findings += missing
    analysis.findings += renamed(readable, analysis.links, missing, by_path, names)
    return analysis


# --- checks across units ------------------------------------------------------------------


def duplicates(reports: Iterable[Identity], names: AgencyNames) -> list[Finding]:
    """Two or more reports of one agency and year (a draft beside the final one?)."""
    groups: dict[tuple[str, int | None], list[Identity]] = {}
    for report in reports:
        groups.setdefault((names.key(report.agency), report.year), []).append(report)
    found = []
    for (_, year), group in groups.items():
        if len(group) > 1:
            listed = "、".join(f"{r.path}（{r.agency}）" for r in group)
            found.append(
                Finding(
                    "duplicate",
                    f"同一机关 {year} 年度有 {len(group)} 份报告：{listed}；只应保留一份",
                    tuple(r.path for r in group),
                    year,
                )
            )
    return found


def spellings(
    reports: Sequence[Identity],
    links: Iterable[tuple[Identity, Identity]],
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
                "spelling",
                f"“{old}”（{last.year} 年）与“{new}”（{this.year} 年）写法不同，"
                "已按同一机关比对；可记入 agencies.toml",
                (last.path, this.path),
                this.year,
                (new, (old,)),
            )
        )
    by_year: dict[int | None, dict[str, list[Identity]]] = {}
    for report in reports:
        keyed = by_year.setdefault(report.year, {})
        keyed.setdefault(names.key(report.agency), []).append(report)
    for year, keyed in by_year.items():
        for key, group in keyed.items():
            for end in prefix_splits(key):
                shorter = keyed.get(key[end:])
                if not shorter:
                    continue
                long_name, short_name = group[0].agency, shorter[0].agency
                found.append(
                    Finding(
                        "spelling",
                        f"“{long_name}”与“{short_name}”同为 {year} 年度，"
                        "可能是同一机关的两份报告；如是，可记入 agencies.toml",
                        tuple(r.path for r in group + shorter),
                        year,
                        (long_name, (short_name,)),
                    )
                )
    return found


def notes(
    reports: Sequence[Identity], links: Iterable[tuple[Identity, Identity]], names: AgencyNames
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
                "missing",
                f"{row.agency}：有 {row.year} 年的报告（{row.path}），没有 {row.year + 1} 年的",
                (row.path,),
                row.year + 1,
            )
        )
    return found


def _own_name(key: str) -> str:
    """A name without its region prefix (淮安市洪泽区人民政府 → 洪泽区人民政府)."""
    ends = list(prefix_splits(key))
    return key[ends[-1] :] if ends else key


def renamed(
    rows: Sequence[ReportRow],
    links: dict[str, YearLink],
    missing: list[Finding],
    by_path: dict[str, ReportRow],
    names: AgencyNames,
) -> list[Finding]:
    """An agency gone this year and a new one with a similar name (洪泽县人民政府 →
    淮安市洪泽区人民政府): maybe one agency renamed, to be recorded in agencies.toml."""
    from difflib import SequenceMatcher

    found = []
    for gone in missing:
        old = by_path[gone.paths[0]]
        new_ones = [r for r in rows if r.year == gone.year and r.path not in links]
        if len(new_ones) * len(missing) > MAX_RENAME_PAIRS:
            return found
        old_name = _own_name(agency_key(old.agency))
        for new in new_ones:
            matcher = SequenceMatcher(None, old_name, _own_name(agency_key(new.agency)))
            if matcher.quick_ratio() < RENAMED_SIMILARITY or matcher.ratio() < RENAMED_SIMILARITY:
                continue
            if names.key(old.agency) == names.key(new.agency):
                continue
            found.append(
                Finding(
                    "renamed",
                    f"“{old.agency}”（{old.year} 年）没有 {new.year} 年的报告，"
                    f"而“{new.agency}”（{new.year} 年）没有上一年的："
                    "可能是同一机关改了名称；如是，可记入 agencies.toml",
                    (old.path, new.path),
                    new.year,
                    (new.agency, (old.agency,)),
                )
            )
    return found


# --- the total of a year ---------------------------------------------------------------------


@dataclass
class YearTotal:
    """What ``sum`` would add up for ``year``: the reports counted and their total of the
    overview's counts, the reports left out with the reason, and those not yet read."""

    year: int
    counted: int = 0
    numbers: list[Value] = field(default_factory=list)
    left_out: list[tuple[ReportRow, str]] = field(default_factory=list)
    pending: int = 0


def year_total(rows: Iterable[ReportRow], year: int, analysis: Analysis) -> YearTotal:
    """The total of the valid reports of ``year`` (no errors, including those against last
    year's report; one report per agency; the year's format)."""
    total = YearTotal(year)
    twice = {
        path
        for finding in analysis.findings
        if finding.kind == "duplicate" and finding.year == year
        for path in finding.paths
    }
    version = format_for_year(year).version
    sums: list[Value] = []
    for row in rows:
        if row.year != year and not (row.unreadable and row.year is None):
            continue
        if not row.checked:
            total.pending += 1
            continue
        reason = _left_out_because(row, analysis, twice, version)
        if reason:
            total.left_out.append((row, reason))
            continue
        total.counted += 1
        if not sums:
            sums = [0] * len(row.numbers)
        for i, value in enumerate(row.numbers):
            if value is not None:
                sums[i] += value
    total.numbers = sums
    return total


def _left_out_because(
    row: ReportRow, analysis: Analysis, twice: set[str], version: str
) -> str | None:
    if row.unreadable:
        return "无法读取" if row.year is not None else "无法读取（年度不明）"
    if row.total_of is not None:
        return f"是 {row.total_of} 份报告的合计（sum 写出）"
    errors = analysis.errors(row)
    if errors:
        own = row.counts[0]
        if own == errors:
            return f"有 {errors} 个错误"
        if own == 0:
            return f"与上年报告比对有 {errors} 个错误"
        return f"有 {errors} 个错误（含与上年报告比对）"
    if row.path in twice:
        return "同一机关同一年度另有报告"
    if row.version != version:
        return f"用的是 {row.version} 年格式"
    return None


def years_of(rows: Iterable[ReportRow]) -> list[int]:
    """The years with reports, the latest first."""
    return sorted({r.year for r in rows if r.year is not None}, reverse=True)
