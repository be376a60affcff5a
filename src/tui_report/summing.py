"""``tui-report sum``: a county's reports added up into one, with an overview per agency."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from tabulate import tabulate

from .formats import ReportFormat
from .model import CellRef, Report, zero
from .problems import count
from .rules import validate
from .storage import LoadedReport
from .values import Value, format_value


def overview_columns(fmt: ReportFormat) -> tuple[str, ...]:
    """Short names for the applications rows; the review table's own labels."""
    review = fmt.table(fmt.review_table)
    litigation = review.rows[1].groups[0] if review.rows[1].groups else review.rows[1].label
    return (
        "发布机关",
        "新收",
        "上年结转",
        "办结",
        "结转下年度",
        review.rows[0].label,
        litigation,
        "错误",
    )


class SumRefused(ValueError):
    """The reports cannot be added up (mixed years or formats, nothing valid)."""


@dataclass
class Entry:
    path: str
    report: Report
    errors: int


def entries(loaded: list[LoadedReport]) -> list[Entry]:
    return [
        Entry(str(item.path), item.report, count(validate(item.report, item.structure))[0])
        for item in loaded
    ]


def duplicates(items: list[Entry]) -> str:
    """Reports of the same agency and year (a draft beside the final one?), listed."""
    from .yearly import agency_key

    by_key: dict[tuple[str, int | None], list[str]] = {}
    for entry in items:
        by_key.setdefault((agency_key(entry.report.agency), entry.report.year), []).append(
            entry.path
        )
    return "；".join("、".join(paths) for paths in by_key.values() if len(paths) > 1)


def check_compatible(items: list[Entry]) -> tuple[int, ReportFormat]:
    """The common year and format, or SumRefused naming the files that differ."""
    years = {e.report.year for e in items}
    formats = {e.report.format.version for e in items}
    if len(years) > 1:
        listing = "；".join(
            f"{y} 年：{'、'.join(e.path for e in items if e.report.year == y)}"
            for y in sorted(years, key=str)
        )
        raise SumRefused(f"报告的年度不同，不能相加（{listing}）")
    if len(formats) > 1:
        raise SumRefused(f"报告的格式版本不同（{'、'.join(sorted(formats))}），不能相加")
    year = years.pop()
    if year is None:
        raise SumRefused("有报告缺少年度，不能相加")
    return year, items[0].report.format


def add_up(items: list[Entry], agency: str, year: int, fmt: ReportFormat) -> Report:
    """Cell-wise sum of the entered cells (an unknown cell counts as 0)."""
    total = Report.empty(agency, year, fmt)
    for table in fmt.tables:
        for row in table.entered_rows:
            for i, column in enumerate(table.entered_columns):
                value: Value = zero(column.kind)
                for entry in items:
                    part = entry.report.cells[table.key][row.key][i]
                    value += part if part is not None else 0
                total.set(CellRef(table.key, row.key, column.key), value)
    return total


def overview_row(
    report: Report, errors: int | None, agency: str | None = None
) -> list[str | Value | None]:
    """One agency's line of the overview: name, the counts (None when unknown), errors."""
    fmt = report.format
    apps = fmt.table(fmt.applications_table)
    grid = report.grid(apps)
    last = len(apps.columns) - 1

    def applications(row: str) -> Value | None:
        return grid[apps.row_index[row]][last]

    concluded = next(r.key for r in apps.rows if r.derived)  # （七）总计
    review = report.grid(fmt.table(fmt.review_table))
    litigation = [line[-1] for line in review[1:]]
    return [
        agency or report.agency,
        applications(fmt.new_received_row),
        applications(fmt.carried_over_row),
        applications(concluded),
        applications(fmt.carried_forward_row),
        review[0][-1],
        sum(v for v in litigation if v is not None),
        errors,
    ]


def _as_json(value: str | Value | None) -> str | int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _as_text(value: str | Value | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_value(value)


def overview(items: list[Entry], total: Report, output: str) -> str:
    """The overview table as text, CSV or JSON (numbers as JSON numbers, as in export)."""
    rows = [overview_row(e.report, e.errors) for e in items]
    rows.append(overview_row(total, None, "合计"))
    columns = overview_columns(total.format)
    if output == "json":
        data = [{c: _as_json(v) for c, v in zip(columns, r, strict=True)} for r in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    shown = [[_as_text(v) for v in r] for r in rows]
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(shown)
        return buffer.getvalue()
    aligned = ("left", *("right" for _ in columns[1:]))
    table = tabulate(
        shown, headers=columns, tablefmt="simple", disable_numparse=True, colalign=aligned
    )
    return table + "\n"
