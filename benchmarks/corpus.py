"""Folders of generated reports for the benchmarks: as tui-report writes them, with
varied numbers and texts, one year or two (each agency's report of 2023 and 2024)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from tui_report.model import CellRef
from tui_report.storage import read_report, render_new

VARIANTS = 256  # distinct reports; more than any cache in the program holds


def variants(example: Path, count: int = VARIANTS) -> list[str]:
    """Rendered reports with varied numbers (balanced; about one in twenty with a
    勾稽关系 error) and texts (the count of applications stated, a sentence of their own)."""
    base = read_report(example).report
    rng = random.Random(2024)
    table = base.format.table("applications")
    texts = []
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
        received = report.grid(table)[table.row_index["new_received"]][-1]
        report.texts["overview"] = (
            base.texts["overview"].replace("申请 51 件", f"申请 {received} 件")
            + f"\n（六）本单位第 {i} 号说明：全年办理 {rng.randint(1, 900)} 件群众来信。"
        )
        report.texts["shortcomings"] += f"\n第 {i} 项改进：加强培训 {rng.randint(1, 9)} 次。"
        if i % 20 == 0:
            report.set(CellRef("applications", "granted", "research"), 999)
        texts.append(render_new(report))
    return texts


def _as(text: str, agency: str, year: int) -> str:
    return (
        text.replace('agency = "示例市示例区人民政府"', f'agency = "{agency}"', 1)
        .replace("year = 2024", f"year = {year}", 1)
        .replace("2024 年", f"{year} 年")
    )


def write_county(folder: Path, count: int, years: int, texts: list[str]) -> list[Path]:
    """``count`` reports in ``folder``: ``count`` agencies of 2024, or ``count / 2``
    agencies with a report of 2023 and one of 2024 (``years`` = 2)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    agencies = count // years
    for i in range(agencies):
        for year in range(2025 - years, 2025):
            path = folder / f"r{i:06}-{year}.toml"
            text = texts[(i * years + year) % len(texts)]
            path.write_text(_as(text, f"示例县第{i}单位", year), encoding="utf-8")
            paths.append(path)
    return paths
