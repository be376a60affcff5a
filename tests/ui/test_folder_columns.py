"""The folder view's column widths kept as rows come and go (``columns.WidestCells``):
the same as measuring every row again, without measuring the rows already in hand."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from tui_report.folder.rows import ReportRow, inspect_file
from tui_report.tui.folder.columns import ListContext, WidestCells, _widest_cells
from tui_report.tui.folder.report_list import ReportList
from tui_report.tui.launch import make_folder_app

from ..county_data import county
from ..pilot import SIZE
from .test_folder_view import settled


def _row(i: int, rng: random.Random) -> ReportRow:
    agency = "示例县" + "很长的" * rng.randint(0, 6) + f"第{i}单位"
    return ReportRow(path=f"/c/r{i}.toml", agency=agency, year=rng.choice([2023, 2024, None]))


def test_the_widest_cells_follow_rows_added_and_taken_away():
    rng = random.Random(7)
    context = ListContext()
    widest = WidestCells(context)
    pool = [_row(i, rng) for i in range(60)]
    shown: list[ReportRow] = []
    for _ in range(300):
        if shown and rng.random() < 0.45:
            shown.remove(rng.choice(shown))  # the widest of a column, sometimes
        else:
            shown.append(rng.choice(pool))
        assert widest.of(shown) == _widest_cells(shown, context)


def test_taking_away_the_widest_row_narrows_its_column_and_a_tie_does_not():
    context = ListContext()
    widest = WidestCells(context)
    short, long_, also_long = (
        ReportRow(path="/c/a.toml", agency="甲"),
        ReportRow(path="/c/b.toml", agency="乙" * 20),
        ReportRow(path="/c/c.toml", agency="丙" * 20),
    )
    assert widest.of([short, long_, also_long])[0] == 40
    assert widest.of([short, also_long])[0] == 40  # the other one as wide is still there
    assert widest.of([short])[0] == 2


async def test_results_while_checking_measure_only_the_new_rows(tmp_path: Path, monkeypatch):
    folder = county(tmp_path / "county")
    measured: list[str] = []
    measure = ListContext.cell_widths

    def counted(self, row):
        if id(row) not in self._widths:
            measured.append(row.path)
        return measure(self, row)

    monkeypatch.setattr(ListContext, "cell_widths", counted)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        context = screen.query_one(ReportList).context
        path = str(folder / "gongan-2024.toml")
        measured.clear()
        screen._take_rows([replace(inspect_file(path))], [])  # a batch of results
        await pilot.pause()
        assert screen.query_one(ReportList).context is context  # the widths in hand kept
        assert measured == [path]  # the new row alone
