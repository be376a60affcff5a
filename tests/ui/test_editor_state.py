"""What the editor shows and keeps: undo in context, the top line, status messages,
the file changed on disk, the year and the statistics period."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui_report.document.fields import period_years
from tui_report.report.model import CellRef
from tui_report.report.templates import new_report
from tui_report.storage import create_report_file, read_report
from tui_report.tui.editor.disk_change import Differences
from tui_report.tui.editor.header import header_text
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.dialogs import Choice
from tui_report.tui.widgets.grid import ReportGrid

from ..pilot import NATURAL, SIZE, ask_about_a_change_on_disk, editor, header, open_matrix, status

FEES = CellRef("art20_8", "fees", "amount")
LONG_AGENCY = "河北省邢台市巨鹿县官亭镇人民政府"


# --- undo where the cursor is -------------------------------------------------------------


async def test_undo_in_the_agency_field_undoes_the_typing_there_first(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await screen.show_cell(FEES)
        await pilot.pause()
        await pilot.press(*"99", "enter")  # a fee edit in part 二
        await pilot.press("f9")  # the cover: the agency field
        await pilot.pause()
        assert app.focused.id == "agency"
        await pilot.press("end", *"办公室")
        assert screen.report.agency == "示例市示例区人民政府办公室"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.report.agency == "示例市示例区人民政府"
        assert screen.report.get(FEES) == 99  # the cells were not touched
        assert app.focused.id == "agency"
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert screen.report.agency == "示例市示例区人民政府办公室"
        await pilot.press("ctrl+z", "ctrl+z")  # the field has no more: on to the cells
        await pilot.pause()
        assert screen.report.agency == "示例市示例区人民政府"
        assert screen.report.get(FEES) == Decimal("128.40")
        assert isinstance(app.focused, ReportGrid) and app.focused.cursor_ref == FEES
        assert "已撤销" in status(app) and "行政事业性收费" in status(app)
        assert "光标已移到该处" in status(app)


async def test_undo_in_a_text_area_undoes_its_own_typing_first(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        await pilot.press("f7")
        await pilot.pause()
        before = editor(app).report.texts["other_matters"]
        await pilot.press(*"补充")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert editor(app).report.texts["other_matters"] == before
        assert editor(app).report.get(NATURAL) == 43
        assert app.focused.id == "text-other_matters"


async def test_undo_in_the_grid_says_what_it_undid(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+z")
        assert editor(app).report.get(NATURAL) == 42
        # the values named as what they are: "（42 → 43）" after 已撤销 read as the new value
        assert "已撤销：" in status(app) and "→" not in status(app)
        assert "自然人 由 43 恢复为 42" in status(app)
        await pilot.press("ctrl+y")
        assert editor(app).report.get(NATURAL) == 43
        assert "已重做：" in status(app) and "自然人 由 42 改为 43" in status(app)


# --- the top line and the status line ------------------------------------------------------


@pytest.mark.parametrize("width", [80, 60])
async def test_marker_and_file_name_stay_visible_with_the_longest_agency(
    tmp_path: Path, width: int
):
    path = tmp_path / "guanting-2024.toml"
    create_report_file(new_report(LONG_AGENCY + "办公室政务公开科", 2024), path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_matrix(pilot)
        await pilot.press("1", "enter")
        await pilot.pause()
        line = header(app)
        assert line.endswith("guanting-2024.toml [未保存]")
        assert line.startswith(" 河北省") and cell_len(line) <= width


@given(
    agency=st.text(min_size=0, max_size=60),
    previous=st.one_of(st.none(), st.text(min_size=1, max_size=40)),
    width=st.integers(min_value=40, max_value=160),
)
def test_header_never_overflows_and_keeps_the_marker(agency, previous, width):
    line = header_text(agency, "2024年度", "report-2024.toml", previous, True, width).plain
    assert cell_len(line) <= width
    assert line.endswith(" [未保存]")
    if width >= 50:  # room for the year, the file name and a few characters of the agency
        assert " · report-2024.toml" in line


async def test_a_message_clears_when_the_cursor_moves(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert "不是数字" in status(app)
        await pilot.press("right")
        await pilot.pause()
        assert "不是数字" not in status(app)


async def test_a_refusal_goes_when_a_valid_number_is_being_typed(example: Path):
    """Issue 21: 未输入：“a”不是数字 stayed while 5 was typed into the same cell."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert "不是数字" in status(app)
        await pilot.press("5")
        await pilot.pause()
        assert grid.buffer == "5" and "不是数字" not in status(app)


async def test_where_a_jump_went_goes_when_the_text_changes_or_its_cursor_moves(example: Path):
    """Issue 21: 已跳到 …【统计期限】… stayed while the text found was edited."""
    from textual.widgets import TextArea

    from .test_editor_find_and_help import find

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "统计期限")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and "已跳到" in status(app)
        await pilot.press("x")
        await pilot.pause()
        assert "已跳到" not in status(app)
        await find(pilot, "统计期限")
        await pilot.press("enter")
        await pilot.pause()
        assert "已跳到" in status(app)
        await pilot.press("right")
        await pilot.pause()
        assert "已跳到" not in status(app)
        await pilot.press("f9", "end", "x")  # an edit of a field
        await pilot.pause()
        editor(app).say("旧的提示")
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert "旧的提示" not in status(app)


async def test_a_message_said_by_enter_stays_after_its_move(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+r", "down", "ctrl+v")
        await pilot.pause()
        assert "已粘贴" in status(app)


@pytest.mark.parametrize("width", [80, 60])
async def test_a_long_message_is_wrapped_never_cut(example: Path, width: int):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_matrix(pilot)
        await pilot.press(*"9999999999", "enter")
        await pilot.pause()
        shown = editor(app).query_one("#status")
        assert "不能超过 999999999（原值保留）" in status(app)
        if width == 60:
            assert shown.size.height >= 2  # wrapped onto another line, all of it shown


async def test_no_first_frame_of_the_table_laid_out_for_no_width(example: Path, monkeypatch):
    """Issue 21: the table was first drawn one column wide, labels cut to 一、本年…,
    before it knew its width."""
    from tui_report.tui.widgets.grid import ReportGrid

    drawn: list[tuple[int | None, int]] = []
    render_line = ReportGrid.render_line

    def recording(grid: ReportGrid, y: int):
        strip = render_line(grid, y)
        drawn.append((grid._layout_width, grid.scrollable_content_region.width))
        return strip

    monkeypatch.setattr(ReportGrid, "render_line", recording)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        assert drawn and all(laid == width for laid, width in drawn)


async def test_the_cells_label_line_is_wrapped_again_when_the_window_shrinks(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(120, 30)) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("down", "down", "down")  # （二）部分公开（区分处理的，…）
        label = editor(app).query_one("#cell-applications")
        whole = grid.describe_cursor()
        assert label.size.height == 1
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert label.size.height == 2  # not cut at one line
        assert str(label.render()).replace("\n", "") == whole
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert label.size.height == 1


# --- the file changed on disk -----------------------------------------------------------------


async def test_changed_on_disk_offers_differences_and_reload(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await ask_about_a_change_on_disk(pilot, example)
        question = app.screen
        labels = [str(b.label) for b in question.query("Button")]
        assert [label.split("（")[0] for label in labels] == [
            "合并",
            "重新载入",
            "查看差异",
            "覆盖",
            "取消",
        ]
        assert "另存" not in str(question.question)  # no "save as" that does not exist
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Differences)
        assert "行政许可 · 本年处理决定数量：1287 → 1300" in app.screen.text
        assert "自然人：42 → 43" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Choice)  # asked again
        await pilot.press("r")
        await pilot.pause()
        await pilot.pause()
        screen = editor(app)
        assert screen.report.get(CellRef("art20_5", "licensing", "decisions")) == 1300
        assert screen.report.get(NATURAL) == 42
        assert not screen.modified and "已重新载入" in status(app)
        assert isinstance(app.focused, ReportGrid) and app.focused.cursor_ref.row == "carried_over"
        await pilot.press("5", "enter", "ctrl+s")  # saving now asks nothing
        await pilot.pause()
    saved = read_report(example).report
    assert saved.get(CellRef("applications", "carried_over", "natural_person")) == 5
    assert saved.get(CellRef("art20_5", "licensing", "decisions")) == 1300


async def test_a_broken_file_on_disk_is_said_with_its_line(example: Path):
    """Someone left a TOML syntax error in the file while it was open: the differences
    and the refused reload name the line and column, as ``check`` does."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        theirs = await ask_about_a_change_on_disk(pilot, example)
        lines = theirs.count("\n")
        example.write_text(theirs + "garbage = [\n", encoding="utf-8")
        where = f"第 {lines + 1} 行第 11 列"  # where the array left open begins
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Differences)
        assert f"无法读取：{where}：TOML 语法错误" in app.screen.text
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        screen = editor(app)
        assert screen.report.get(NATURAL) == 43  # the edit is kept
        assert f"无法重新载入：{where}：TOML 语法错误" in status(app)


# --- the year and the statistics period ----------------------------------------------------


def test_period_years_finds_only_the_statistics_period():
    text = "2023 年，本机关……。报告中所列数据统计期限为 2023 年 1 月 1 日至 12 月 31 日。"
    spans = period_years(text, 2024)
    assert [text[a:b] for a, b in spans] == ["2023"]
    assert spans[0][0] > text.index("统计")  # not the 2023 of the first sentence
    assert period_years(text, 2023) == []


async def test_changing_the_year_offers_to_update_the_period(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9", "tab")  # the year field
        await pilot.pause()
        assert app.focused.id == "year"
        await pilot.press("end", "backspace", "5", "tab")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "2024" in str(app.screen.question)
        await pilot.press("u")
        await pilot.pause()
        screen = editor(app)
        assert screen.report.year == 2025
        assert "统计期限为 2025 年 1 月 1 日" in screen.report.texts["intro"]
        assert "year-mismatch" not in {p.rule for p in screen.problems}
        await pilot.press("ctrl+z")  # in the introduction: its own undo takes it back
        await pilot.pause()
        assert "统计期限为 2024 年" in screen.report.texts["intro"]


async def test_declining_the_period_update_changes_nothing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9", "tab", "end", "backspace", "5", "enter")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("n")
        await pilot.pause()
        assert "统计期限为 2024 年" in editor(app).report.texts["intro"]
        await pilot.press("tab")  # leaving the field again does not ask again
        await pilot.pause()
        assert not isinstance(app.screen, Choice)


# --- values ---------------------------------------------------------------------------------


async def test_point_five_in_the_money_cell(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await screen.show_cell(FEES)
        await pilot.pause()
        await pilot.press(".", "5", "enter")
        assert screen.report.get(FEES) == Decimal("0.5")
        await screen.show_cell(FEES)
        await pilot.press("7", ".", "enter")
        assert screen.report.get(FEES) == 7


@given(st.text(alphabet="一二三四五，。（）ab 12\n", max_size=80), st.integers(2, 30))
def test_wrapped_lines_fit_and_keep_every_character(text: str, width: int):
    from rich.text import Text

    from tui_report.tui.widgets.wrapped import wrapped

    shown = wrapped(Text(text), width).plain
    for line in shown.split("\n"):
        assert cell_len(line.rstrip()) <= width  # a space may hang past the edge
    assert shown.replace("\n", "") == text.replace("\n", "")  # nothing lost or added
