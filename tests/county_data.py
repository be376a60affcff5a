"""A county's folder of reports for the tests of the folder view, ``check``'s and ``sum``'s
agency names and the county checks: units with a report for 2023 and 2024 whose
上年结转 follows last year's 结转下年度, and the cases a county office meets."""

from __future__ import annotations

from pathlib import Path

from tui_report.formats import FORMAT_2021
from tui_report.report.model import CellRef, Report
from tui_report.report.templates import new_report
from tui_report.storage import render_new

from .builders import balance, complete_texts, set_row

APPS = "applications"


def unit_report(
    agency: str,
    year: int,
    granted: int = 10,
    carried_over: list[int] | None = None,
    carried_forward: int = 1,
) -> Report:
    """A report without problems: ``granted`` applications of natural persons granted,
    one carried forward in each column, 二 as given (last year's 四)."""
    report = new_report(agency, year, FORMAT_2021)
    complete_texts(report)
    report.texts["intro"] = f"报告中所列数据统计期限为 {year} 年 1 月 1 日至 12 月 31 日。"
    set_row(report, APPS, "granted", [granted, 2, 0, 0, 1, 0])
    set_row(report, APPS, "carried_over", carried_over or [1, 0, 0, 0, 0, 0])
    set_row(report, APPS, "carried_forward", [carried_forward] * 6)
    report.set(CellRef("review_litigation", "review", "upheld"), 1)
    balance(report)
    return report


def carried_forward(report: Report) -> list[int]:
    table = report.format.table(APPS)
    row = report.grid(table)[table.row_index["carried_forward"]]
    return [int(v) for v in row[: len(table.entered_columns)]]


def write(folder: Path, name: str, report: Report) -> Path:
    path = folder / name
    path.write_text(render_new(report), encoding="utf-8")
    return path


def two_years(folder: Path, agency: str, stem: str, granted: tuple[int, int]) -> Report:
    """A unit's 2023 and 2024 reports (``stem``-2023.toml, ``stem``-2024.toml)."""
    last = unit_report(agency, 2023, granted[0])
    write(folder, f"{stem}-2023.toml", last)
    this = unit_report(agency, 2024, granted[1], carried_forward(last))
    write(folder, f"{stem}-2024.toml", this)
    return this


def county(folder: Path) -> Path:
    """Three units with both years; one unit without its 2024 report; one 2024 report with
    a 勾稽关系 error. Totals of 2024 (the two valid ones): see ``VALID_2024``."""
    folder.mkdir(parents=True, exist_ok=True)
    two_years(folder, "示例县教育局", "jiaoyu", (10, 12))
    two_years(folder, "示例县公安局", "gongan", (20, 25))
    broken = two_years(folder, "示例县水利局", "shuili", (5, 6))
    broken.set(CellRef(APPS, "granted", "natural_person"), 99)  # 一 + 二 ≠ 三 + 四
    write(folder, "shuili-2024.toml", broken)
    write(folder, "minzheng-2023.toml", unit_report("示例县民政局", 2023, 7))
    return folder


VALID_2024 = ("jiaoyu-2024.toml", "gongan-2024.toml")


def renamed_unit(folder: Path) -> tuple[Path, Path]:
    """洪泽县人民政府 in 2023, 淮安市洪泽区人民政府 in 2024 (the county became a district):
    one agency only by agencies.toml."""
    last = unit_report("洪泽县人民政府", 2023, 8)
    this = unit_report("淮安市洪泽区人民政府", 2024, 9, carried_forward(last))
    return write(folder, "hongze-2023.toml", last), write(folder, "hongze-2024.toml", this)


AGENCIES = '[agencies]\n"淮安市洪泽区人民政府" = ["洪泽县人民政府", "洪泽区人民政府"]\n'
