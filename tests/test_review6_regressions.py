"""Work found in the sixth review (responsiveness as a clerk feels it): asserted as the
work done, never as a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import TextArea

from tui_report.tui.folder import columns as folder_columns
from tui_report.tui.folder.columns import ListContext, fit
from tui_report.tui.folder.report_list import ReportList
from tui_report.tui.launch import make_app, make_folder_app

from .county_data import county
from .pilot import SIZE
from .test_folder_view import settled, shown


@pytest.fixture
def measured(monkeypatch) -> list[str]:
    """The cells the folder view's layout and sorting measure (not the lines drawn)."""
    calls: list[str] = []
    original = folder_columns.cell_text

    def counting(key, row, context, short=False):
        calls.append(key)
        return original(key, row, context, short)

    monkeypatch.setattr(folder_columns, "cell_text", counting)
    return calls


async def test_sorting_and_filtering_measure_no_cell_again(tmp_path: Path, measured):
    """Each sort or letter of the filter measured every cell of every row (5,000
    reports: a tenth of a second a key); the widths are kept while the rows are."""
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        reports = screen.query_one(ReportList)
        assert measured  # the first layout measured the rows
        await pilot.press("y", "y")  # the other year's rows are measured when first shown
        measured.clear()
        await pilot.press("full_stop", "full_stop", "r", "y")  # sort by 2 columns, reverse, year
        await pilot.press("slash", "g", "backspace", "enter")  # filter and back
        await pilot.pause()
        assert screen.sort_key != "agency"
        assert measured == []
        # the columns are those a layout from scratch gives
        fresh = ListContext(screen.analysis, screen.git, screen.rows)
        assert reports.placed == fit(
            reports.scrollable_content_region.width,
            reports.rows,
            fresh,
            reports.total_cells,
            screen.sort_key,
        )


async def test_a_row_checked_again_is_measured_again(tmp_path: Path, measured):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        path = folder / "gongan-2024.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("公安", "公安交通警察支队机动车管理所", 1),
            encoding="utf-8",
        )
        measured.clear()
        screen.recheck([str(path)])
        await settled(pilot)
        assert measured  # the new state of the folder is measured
        row = next(r for r in screen.query_one(ReportList).rows if r.path == str(path))
        assert "机动车管理所" in row.agency
        agency = next(p for p in screen.query_one(ReportList).placed if p.column.key == "agency")
        assert agency.width > len("gongan") and "gongan-2024.toml" in shown(screen)


def test_fit_measures_each_row_once_per_context(measured):
    from tui_report.folder.rows import ReportRow

    rows = [ReportRow(path=f"/r/{i}.toml", agency=f"单位{i}", year=2024) for i in range(5)]
    context = ListContext()
    first = fit(120, rows, context)
    per_row = len(measured) // len(rows)
    assert per_row == len(folder_columns.COLUMNS) + 1
    measured.clear()
    assert fit(120, rows[::-1], context) == first  # another order: nothing measured
    assert measured == []
    rows[2] = ReportRow(path="/r/2.toml", agency="单位二很长很长很长很长很长的名称", year=2024)
    wider = fit(120, rows, context)
    assert len(measured) == per_row  # only the new row
    assert wider[0].width > first[0].width


async def test_ctrl_z_after_pasting_many_lines_into_a_text_gives_the_text_back(tmp_path: Path):
    """The undo ended the editor with a traceback (Textual #6686): 200 lines pasted at
    the end of part 一 made its text area scroll, and Ctrl+Z took the scroll bar away
    while the cursor was still in the pasted lines."""
    path = tmp_path / "r.toml"
    path.write_bytes(Path("reports/example-2024.toml").read_bytes())
    pasted = "\n".join(f"第{i}行粘贴的文字，写满一行还多一些字。" for i in range(200)) + "\n"
    async with make_app(path, cursor_blink=False).run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        area = pilot.app.screen.query_one("#text-overview", TextArea)
        before = area.text
        assert area.has_focus
        pilot.app.post_message(events.Paste(pasted))  # as the terminal sends it
        await pilot.pause()
        assert area.text.count("\n") > before.count("\n") + 150
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert area.text == before
        assert area.cursor_location[0] < area.document.line_count
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "第199行粘贴的文字" in area.text
