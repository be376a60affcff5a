"""What a year's total counts: one rule, for ``sum`` (its text, CSV, JSON and Excel
roll-up) and the folder view's total line alike (``left_out_because``).

A report counts in its year's total when ``check`` would pass it and nothing else
stands in the way. It is left out, with the reason said, when

1. its file cannot be read;
2. it is a total written by ``sum`` (``total_of``): its reports are counted already;
3. it has errors: its own, or against last year's report of its agency (二、上年结转
   ≠ last year's 四、结转下年度继续办理) — the errors ``check`` reports, the same
   whichever way the report is looked at (``sum --include-invalid`` counts them);
4. its agency has another report of the same year that would count too (a draft
   beside the final one, both without errors): which one is meant cannot be told, so
   the folder view counts neither and ``sum`` refuses to add up the year;
5. it is not in the year's format (a 2019 trial format report of 2024).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..formats import format_for_year
from ..report.values import Value
from .county import Analysis, FindingKind
from .rows import ReportRow
from .totals import OverviewCounts


class LeftOut(StrEnum):
    """Why a report is not in its year's total (the order of the module's rule)."""

    UNREADABLE = "无法读取"
    TOTAL = "是合计"
    ERRORS = "有错误"
    DUPLICATE = "重复"
    FORMAT = "格式不同"


@dataclass(frozen=True, kw_only=True)
class Standing:
    """What decides whether a report counts in its year's total."""

    unreadable: bool = False
    year: int | None = None
    version: str = ""  # its format
    total_of: int | None = None
    own_errors: int = 0
    link_errors: int = 0  # against last year's report of its agency


@dataclass(frozen=True)
class Exclusion:
    """A report left out of its year's total: why, in a word and in words for people."""

    why: LeftOut
    reason: str


def left_out_because(
    report: Standing, *, duplicate: bool, include_invalid: bool = False
) -> Exclusion | None:
    """Why ``report`` is left out of its year's total, or None when it counts
    (``duplicate``: its agency has another report of its year; ``include_invalid``:
    reports with errors count, as ``sum --include-invalid`` asks)."""
    if report.unreadable:
        known = report.year is not None
        return Exclusion(LeftOut.UNREADABLE, "无法读取" if known else "无法读取（年度不明）")
    if report.total_of is not None:
        return Exclusion(LeftOut.TOTAL, f"是 {report.total_of} 份报告的合计（sum 写出）")
    if (report.own_errors or report.link_errors) and not include_invalid:
        return Exclusion(LeftOut.ERRORS, errors_in_words(report.own_errors, report.link_errors))
    if duplicate:
        return Exclusion(LeftOut.DUPLICATE, "同一机关同一年度另有报告")
    if report.year is not None and report.version != format_for_year(report.year).version:
        return Exclusion(LeftOut.FORMAT, f"用的是 {report.version} 年格式")
    return None


def errors_in_words(own: int, link: int) -> str:
    """A report's errors, its own (``own``) and against last year's report (``link``)."""
    errors = own + link
    if not link:
        return f"有 {errors} 个错误"
    if not own:
        return f"与上年报告比对有 {errors} 个错误"
    return f"有 {errors} 个错误（含与上年报告比对）"


# --- the folder view's total of a year ---------------------------------------------------


@dataclass
class YearTotal:
    """What ``sum`` adds up for ``year``: the reports counted and their total of the
    overview's counts, the reports left out with the reason, and those not yet read."""

    year: int
    counted: int = 0
    counts: OverviewCounts | None = None  # None while none is counted
    left_out: list[tuple[ReportRow, str]] = field(default_factory=list)
    why: dict[str, LeftOut] = field(default_factory=dict)  # of each left out, by file
    pending: int = 0

    @property
    def numbers(self) -> list[Value | None]:
        """The counts in the overview's column order ([] while none is counted)."""
        return list(self.counts.in_order()) if self.counts is not None else []


def standing_of(row: ReportRow, analysis: Analysis) -> Standing:
    """What decides whether a report the folder view has read counts."""
    link = analysis.links.get(row.path)
    return Standing(
        unreadable=row.unreadable is not None,
        year=row.year,
        version=row.version,
        total_of=row.total_of,
        own_errors=row.counts[0],
        link_errors=link.errors if link is not None else 0,
    )


def year_total(rows: Iterable[ReportRow], year: int, analysis: Analysis) -> YearTotal:
    """The total of the reports of ``year`` that count (``left_out_because``)."""
    total = YearTotal(year)
    considered: list[tuple[ReportRow, Exclusion | None]] = []
    for row in rows:
        if row.year != year and not (row.unreadable and row.year is None):
            continue
        if not row.checked:
            total.pending += 1
            continue
        considered.append((row, left_out_because(standing_of(row, analysis), duplicate=False)))
    twice = _twice(analysis, year, {row.path for row, left_out in considered if not left_out})
    counted: list[OverviewCounts] = []
    for row, exclusion in considered:
        if exclusion is None and row.path in twice:
            exclusion = left_out_because(standing_of(row, analysis), duplicate=True)
        if exclusion is not None:
            total.left_out.append((row, exclusion.reason))
            total.why[row.path] = exclusion.why
            continue
        total.counted += 1
        if row.overview is not None:
            counted.append(row.overview)
    total.counts = OverviewCounts.sum_of(counted)
    return total


def _twice(analysis: Analysis, year: int, would_count: set[str]) -> set[str]:
    """The reports of ``year`` that would count and whose agency has another such."""
    twice: set[str] = set()
    for finding in analysis.findings:
        if finding.kind is FindingKind.DUPLICATE and finding.year == year:
            counting = would_count.intersection(finding.paths)
            if len(counting) > 1:
                twice |= counting
    return twice


def years_of(rows: Iterable[ReportRow]) -> list[int]:
    """The years with reports, the latest first."""
    return sorted({r.year for r in rows if r.year is not None}, reverse=True)
