"""Rules on who and when: agency, year, and the format in force for that year."""

from __future__ import annotations

from ..formats import ReportFormat, format_for_year
from ..report.domain import MAX_YEAR, MIN_YEAR
from ..report.model import Report
from ..report.problems import Location, Problem
from ..report.rule_ids import RuleId, rule_problem


def metadata(report: Report) -> list[Problem]:
    problems: list[Problem] = []
    if not report.agency.strip():
        problems.append(
            rule_problem(RuleId.AGENCY_MISSING, "未填写发布机关（agency）", Location(key="agency"))
        )
    if report.year is None:
        bad = report.bad_fields.get("year")
        if bad:
            message = f"年度（year）{bad.reason}，实为 {bad.raw}"
            problems.append(rule_problem(RuleId.YEAR_TYPE, message, Location(key="year")))
        else:
            problems.append(
                rule_problem(RuleId.YEAR_MISSING, "未填写年度（year）", Location(key="year"))
            )
    elif not MIN_YEAR <= report.year <= MAX_YEAR:
        problems.append(
            rule_problem(
                RuleId.YEAR_RANGE,
                f"年度 {report.year} 不合理（应在 {MIN_YEAR} 至 {MAX_YEAR} 之间）",
                Location(key="year"),
            )
        )
    else:
        mismatch = format_year_mismatch(report.year, report.format)
        if mismatch:
            message = f'{mismatch}，文件写的是 format = "{report.format.version}"'
            problems.append(rule_problem(RuleId.FORMAT_YEAR, message, Location(key="format")))
    return problems


def format_year_mismatch(year: int, fmt: ReportFormat) -> str | None:
    """Why ``fmt`` is the wrong format for a report of ``year``, or None (also used by
    ``tui-report new``, which refuses what this rule would report)."""
    expected = format_for_year(year)
    if expected is fmt:
        return None
    return f"{year} 年度报告应使用 {expected.version} 年格式（{expected.name}）"
