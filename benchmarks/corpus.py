"""Folders of generated reports for the benchmarks: as tui-report writes them, with
varied numbers and texts, one year or two (each agency's report of 2023 and 2024).

Over two years, as in a county's repository, each agency's 2024 report follows its 2023
report (二、上年结转 is last year's 四、结转下年度继续办理, 现行有效件数 goes on from last
year's), except one agency in twenty whose carried-over row was not brought forward (a
carry-over error); as in one year, about one report in twenty has a 勾稽关系 error."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tui_report.report.model import CellRef, Report
from tui_report.report.templates import start_from
from tui_report.storage import read_report, render_new

VARIANTS = 256  # distinct reports; more than any cache in the program holds


@dataclass
class Variants:
    """Rendered reports of one year (``texts``), and pairs of an agency's report of last
    year and the report of this year that follows it (``pairs``)."""

    texts: list[str]
    pairs: list[tuple[str, str]]


def variants(example: Path, count: int = VARIANTS) -> Variants:
    """Reports with varied numbers (balanced; about one in twenty with a 勾稽关系 error)
    and texts (the count of applications stated, a sentence of their own); and for
    each, the next year's report that follows it."""
    base = read_report(example).report
    rng = random.Random(2024)
    table = base.format.table("applications")
    reports = []
    for i in range(count):
        report = base.copy()
        for column in table.entered_columns:
            report.set(CellRef("applications", "granted", column.key), rng.randint(0, 40))
            report.set(CellRef("applications", "new_received", column.key), 0)
            grid = report.grid(table)
            c = table.column_index[column.key]
            right = grid[table.row_index["total"]][c] + grid[table.row_index["carried_forward"]][c]
            carried = grid[table.row_index["carried_over"]][c]
            report.set(CellRef("applications", "new_received", column.key), right - carried)
        report.set(CellRef("art20_8", "fees", "amount"), Decimal(rng.randint(0, 99999)) / 100)
        report.texts["overview"] = base.texts["overview"] + (
            f"\n（六）本单位第 {i} 号说明：全年办理 {rng.randint(1, 900)} 件群众来信。"
        )
        report.texts["shortcomings"] += f"\n第 {i} 项改进：加强培训 {rng.randint(1, 9)} 次。"
        if i % 20 == 0:
            report.set(CellRef("applications", "granted", "research"), 999)
        reports.append(report)
    texts = [render_new(_stated(r, base)) for r in reports]
    pairs = []
    for i, last in enumerate(reports):
        this = reports[(i + 1) % count].copy()
        if i % 20 != 7:  # one agency in twenty: the carried-over row not brought forward
            _follow(this, last)
        pairs.append((texts[i], render_new(_stated(this, base))))
    return Variants(texts, pairs)


def _stated(report: Report, base: Report) -> Report:
    """The report with its overview stating its own count of applications received."""
    table = report.format.table("applications")
    received = report.grid(table)[table.row_index["new_received"]][-1]
    stated = report.copy()
    stated.texts["overview"] = report.texts["overview"].replace("申请 51 件", f"申请 {received} 件")
    return stated


def _follow(this: Report, last: Report) -> None:
    """Make ``this`` the next year of ``last`` (what ``tui-report new --from`` starts it
    with), keeping each column's balance: new applications make up the difference."""
    for (table_key, row, column), value in start_from(last, 2024, this.format).items():
        ref = CellRef(table_key, row, column)
        before = this.get(ref)
        this.set(ref, value)
        if table_key == "applications":
            received = CellRef("applications", "new_received", column)
            this.set(received, this.get(received) + before - value)
    documents = this.format.table("art20_1")
    for row in documents.entered_rows:  # 现行有效件数 goes on from last year's
        last_in_force = last.get(CellRef("art20_1", row.key, "in_force"))
        issued = this.get(CellRef("art20_1", row.key, "issued"))
        repealed = this.get(CellRef("art20_1", row.key, "repealed"))
        this.set(CellRef("art20_1", row.key, "in_force"), last_in_force + issued - repealed)


def _as(text: str, agency: str, year: int) -> str:
    return (
        text.replace('agency = "示例市示例区人民政府"', f'agency = "{agency}"', 1)
        .replace("year = 2024", f"year = {year}", 1)
        .replace("2024 年", f"{year} 年")
    )


def write_county(folder: Path, count: int, years: int, reports: Variants) -> list[Path]:
    """``count`` reports in ``folder``: ``count`` agencies of 2024, or ``count / 2``
    agencies with a report of 2023 and one of 2024 that follows it (``years`` = 2)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    agencies = count // years
    for i in range(agencies):
        agency = f"示例县第{i}单位"
        if years == 1:
            texts = {2024: reports.texts[i % len(reports.texts)]}
        else:
            last, this = reports.pairs[i % len(reports.pairs)]
            texts = {2023: last, 2024: this}
        for year, text in texts.items():
            path = folder / f"r{i:06}-{year}.toml"
            path.write_text(_as(text, agency, year), encoding="utf-8")
            paths.append(path)
    return paths
