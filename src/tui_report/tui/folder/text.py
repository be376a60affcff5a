"""The folder view's sentences: the top line, the total and what it leaves out, the
lines about the report under the cursor, and the county checks (plain Python).

Text from the files (agencies, paths, messages) is put in as it is: the widgets show
every sentence through ``literal``, which makes control characters visible once (an ESC
as ␛, as everywhere else; made visible twice, it showed as ⟨␛⟩, the sign of a literal ␛)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...folder.county import Analysis, Finding, FindingKind
from ...folder.rows import ReportRow
from ...folder.totals import OverviewCounts
from ...folder.year_total import YearTotal
from ...report.values import Value, format_value
from .columns import ListContext


def top_line(
    folder: str,
    year: int | None,
    all_years: bool,
    shown: int,
    total: int,
    checked: int,
    filters: list[str],
) -> str:
    """` 目录 reports · 2024 年度 · 212 份 · 检查中 150/212 · 筛选：只看有错误`."""
    parts = [f"目录 {folder}"]
    if year is not None:
        parts.append(f"全部年度（合计按 {year} 年）" if all_years else f"{year} 年度")
    parts.append(f"{shown} 份" if shown == total else f"{shown} 份（共 {total} 份）")
    if checked < total:
        parts.append(f"检查中 {checked}/{total}")
    if filters:
        parts.append("筛选：" + "、".join(filters))
    return " " + " · ".join(parts)


def total_cells(total: YearTotal) -> dict[str, str]:
    """The total line's cells, under the list's columns."""
    counts = total.counts or _NONE_COUNTED
    return {
        "agency": f"合计（{total.counted} 份）",
        "year": str(total.year),
        "new": _n(counts.new),
        "concluded": _n(counts.concluded),
        "carried_forward": _n(counts.carried_forward),
        "review": _n(counts.review),
        "litigation": _n(counts.litigation),
    }


_NONE_COUNTED = OverviewCounts(
    new=0, carried_over=0, concluded=0, carried_forward=0, review=0, litigation=0
)


def shown_in_total(shown: Sequence[ReportRow], total: YearTotal) -> tuple[int, int]:
    """How many rows a filter shows, and how many of them the total adds up."""
    left_out = {row.path for row, _ in total.left_out}
    added = sum(1 for r in shown if r.year == total.year and r.checked and r.path not in left_out)
    return len(shown), added


def left_out_line(
    total: YearTotal,
    analysis: Analysis,
    names_error: str | None,
    filtered: tuple[int, int] | None = None,
) -> str:
    """` 不计入 14 份：有错误 10、无法读取 1 · 缺报告 3 个机关 · 其他提示 2 条（C 查看）`;
    under a filter (``filtered``: the rows shown, those of them added) first what of the
    total the rows shown are, since the total is still every report's."""
    parts = []
    if filtered is not None:
        shown, added = filtered
        parts.append(
            f"筛选后列出 {shown} 份，其中 {added} 份计入合计（合计按全部 {total.counted} 份）"
        )
    if total.left_out:
        reasons = Counter(total.why[row.path] for row, _ in total.left_out)
        listed = "、".join(f"{kind} {n}" for kind, n in reasons.most_common())
        parts.append(f"不计入 {len(total.left_out)} 份：{listed}")
    else:
        parts.append("没有不计入合计的报告")
    if total.pending:
        parts.append(f"{total.pending} 份尚未检查")
    missing = analysis.missing(total.year)
    if missing:
        parts.append(f"缺报告 {len(missing)} 个机关")
    others = [f for f in analysis.findings if f.kind is not FindingKind.MISSING]
    if others:
        parts.append(f"其他提示 {len(others)} 条")
    if names_error:
        parts.append("agencies.toml 有错误")
    return " " + " · ".join(parts) + "（C 查看）"


def detail_lines(
    row: ReportRow | None,
    context: ListContext,
    total: YearTotal | None,
    folder: str = "",
    agency_width: int | None = None,
) -> list[str]:
    """Two lines on the report under the cursor: its file and last year's (named within
    ``folder``, which the top line names), then its first problem or why the total
    leaves it out. The agency comes first where the list's column (``agency_width``)
    shows it shortened."""
    if row is None:
        return ["（没有报告）", ""]
    first = _within(row.path, folder)
    shortened = agency_width is not None and context.cell_width(row, "agency") > agency_width
    if row.agency and shortened:  # the list shows it cut: here whole
        first = f"{row.agency} · {first}"
    state = (context.git or {}).get(row.path)
    if state:
        first += f"（git：{state}）"
    link = context.analysis.links.get(row.path)
    last = context.by_path.get(link.previous) if link else None
    if link is not None and last is not None and row.overview and last.overview:
        now, before = row.overview.new, last.overview.new
        change = "" if now is None or before is None else f"，{now - before:+}"
        change = "，持平" if change == "，+0" else change
        carried = row.overview.carried_over
        mismatch = context.carry_mismatch(row)
        carry = f"上年结转 {_n(carried)} 与上年的结转下年度不符" if mismatch else "上年结转相符"
        previous = _within(link.previous, folder)
        first += f" · 上年：{previous}（新收 {_n(before)} → {_n(now)}{change}；{carry}）"
    elif row.checked and row.year is not None and not row.unreadable:
        first += " · 没有找到上年的报告"
    return [first, _second_line(row, context, total)]


def _within(path: str, folder: str) -> str:
    """A file's name within the folder (``2024/a.toml``): the whole path left little
    room at 80 columns for what the line says about last year's report."""
    if not folder:
        return path
    inside = os.path.relpath(path, folder)
    return path if inside.startswith(os.pardir) else inside


def _second_line(row: ReportRow, context: ListContext, total: YearTotal | None) -> str:
    if not row.checked:
        return "尚未检查"
    if row.unreadable:
        return f"无法读取：{row.unreadable}"
    problems = context.analysis.problems(row)
    errors = context.analysis.errors(row)
    warnings = context.analysis.warnings(row)
    left_out = total.left_out if total else []
    reason = next((r for left, r in left_out if left.path == row.path), None)
    counts = f"{errors} 个错误，{warnings} 个警告" if errors or warnings else "没有问题"
    head = f"不计入合计（{reason}）" if reason else counts
    worst = next((p for p in problems if p.is_error), problems[0] if problems else None)
    if worst is None:
        return head + ("；计入合计" if total and total.year == row.year and not reason else "")
    return f"{head}：{worst.severity.label} {worst.message}"


def not_opened(row: ReportRow) -> str:
    """Why Enter does not open a report that cannot be read, and what to do."""
    if row.unreachable:  # no permission, a broken link: no text editor mends that
        return f"无法打开：{row.unreadable}"
    return f"无法打开：{row.unreadable}；请用文本编辑器改正"


def _n(value: Value | None) -> str:
    return "？" if value is None else format_value(value)


# --- the county checks ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckItem:
    """A line of the county checks: a heading, or a finding that opens a report (``path``)
    or offers a group of names for agencies.toml (``suggestion``)."""

    text: str
    heading: bool = False
    path: str | None = None
    suggestion: tuple[str, tuple[str, ...]] | None = None


def check_items(
    total: YearTotal | None, analysis: Analysis, names_error: str | None
) -> list[CheckItem]:
    items: list[CheckItem] = []
    if names_error:
        items.append(CheckItem("发布机关名称对照表（agencies.toml）有错误，未使用", heading=True))
        items.append(CheckItem(names_error))
    if total is not None:
        items.append(
            CheckItem(f"不计入 {total.year} 年合计的报告（{len(total.left_out)} 份）", heading=True)
        )
        items += [
            CheckItem(f"{row.path}：{reason}", path=row.path) for row, reason in total.left_out
        ] or [CheckItem("（没有）")]
        missing = analysis.missing(total.year)
        heading = f"缺少 {total.year} 年报告的机关（{len(missing)} 个）"
        items.append(CheckItem(heading, heading=True))
        items += [_item(f) for f in missing] or [CheckItem("（没有）")]
    by_kind: dict[FindingKind, list[Finding]] = {}
    for finding in analysis.findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    for kind, title in (
        (FindingKind.DUPLICATE, "同一机关同一年度的多份报告"),
        (FindingKind.SPELLING, "同一机关名称的不同写法"),
        (FindingKind.RENAMED, "可能改了名称的机关"),
    ):
        found = by_kind.get(kind, [])
        items.append(CheckItem(f"{title}（{len(found)} 条）", heading=True))
        items += [_item(f) for f in found] or [CheckItem("（没有）")]
    return items


def _item(finding: Finding) -> CheckItem:
    text = finding.message
    if finding.suggestion:
        text += "（按 Enter 记入）"
    return CheckItem(
        text,
        path=finding.paths[-1] if finding.paths else None,
        suggestion=finding.suggestion,
    )
