"""Pasting blocks from a spreadsheet or a web page, and copying cells and rows out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events

from tui_report.formats import FORMAT_2021
from tui_report.model import CellRef
from tui_report.storage import read_report
from tui_report.templates import new_report
from tui_report.tui.help import Help
from tui_report.tui.launch import make_app
from tui_report.tui.paste import PasteRefused, plan_paste, split_block

from .conftest import EXAMPLE
from .pilot import NATURAL, SIZE, burst, editor, notifications, open_matrix, status

APPLICATIONS = FORMAT_2021.table("applications")


def cell(row: str, column: str) -> CellRef:
    return CellRef("applications", row, column)


def values(report, refs):
    return [report.get(ref) for ref in refs]


# --- the block ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("12\t34\t56", [["12", "34", "56"]]),
        ("12\t34\r\n5\t6\r\n", [["12", "34"], ["5", "6"]]),  # Excel on Windows
        ("12\t34\r\r5\t6\r\r", [["12", "34"], ["5", "6"]]),  # the same through a terminal
        ("1\r2\r3\r", [["1"], ["2"], ["3"]]),  # a column, line breaks as CR
        ("1\n\n3", [["1"], [], ["3"]]),  # an empty line leaves its row alone
    ],
)
def test_split_block(text: str, block):
    assert split_block(text) == block


@given(st.text(alphabet="0123456789１２,.\t\n\r x-", max_size=40))
def test_a_paste_is_placed_whole_or_refused_with_a_message(text: str):
    report = new_report("测试局", 2024)
    block = split_block(text)
    try:
        plan = plan_paste(report, APPLICATIONS, 0, 0, block)
    except PasteRefused as exc:
        assert exc.message
        return
    for ref, _value in plan.changes:  # never into a computed cell
        row, column = APPLICATIONS.row(ref.row), APPLICATIONS.column(ref.column)
        assert not row.derived and not column.derived
    assert len(plan.changes) <= sum(len(line) for line in block)


def test_a_row_copied_with_its_total_is_checked_against_the_sum():
    report = read_report(EXAMPLE).report
    plan = plan_paste(report, APPLICATIONS, 0, 0, split_block("1\t2\t3\t4\t5\t6\t21"))
    assert [v for _r, v in plan.changes] == [1, 2, 3, 4, 5, 6]
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, APPLICATIONS, 0, 0, split_block("1\t2\t3\t4\t5\t6\t22"))
    assert "各项之和为 21" in refused.value.message


def test_a_column_down_to_the_total_row_passes_over_it():
    report = read_report(EXAMPLE).report
    start = APPLICATIONS.row_index["other_other"]
    plan = plan_paste(report, APPLICATIONS, start, 0, split_block("7\n8\n"))
    assert [ref.row for ref, _v in plan.changes] == ["other_other", "carried_forward"]


# --- in the editor ------------------------------------------------------------------------


async def test_paste_of_a_two_by_three_block_is_one_undo_step(example: Path):
    refs = [
        cell("new_received", "natural_person"),
        cell("new_received", "business"),
        cell("new_received", "research"),
        cell("carried_over", "natural_person"),
        cell("carried_over", "business"),
        cell("carried_over", "research"),
    ]
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        before = values(editor(app).report, refs)
        grid.post_message(events.Paste("１２\t3,456\t7\r\n8\t９\t10\n"))
        await pilot.pause()
        assert values(editor(app).report, refs) == [12, 3456, 7, 8, 9, 10]
        assert "已粘贴 6 个值" in status(app)
        assert grid.cursor_ref == NATURAL  # the cursor stays at the block's corner
        await pilot.press("ctrl+z")
        assert values(editor(app).report, refs) == before
        assert not editor(app).modified
        assert "已撤销" in status(app) and "粘贴 6 个值" in status(app)


async def test_a_refused_paste_changes_nothing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        grid.post_message(events.Paste("1\t2\t3\n4\tx\t6\n"))
        await pilot.pause()
        assert editor(app).report.get(NATURAL) == 42
        assert not editor(app).modified
        assert "未粘贴" in status(app) and "第 2 行第 2 个值" in status(app)
        assert "“x”不是数字" in status(app)
        await pilot.press("end", "left")  # 其他: three values would run past the table
        grid.post_message(events.Paste("1\t2\t3"))
        await pilot.pause()
        assert not editor(app).modified and "无处可放" in status(app)


async def test_pasted_tabs_never_reach_the_cell_as_text(example: Path):
    """Once a pasted row went into the cell being typed, tabs and all (shown as U+FFFD)."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("1")  # typing: the block is pasted after this is confirmed
        grid.post_message(events.Paste("12\t34\t56"))
        await pilot.pause()
        assert grid.buffer is None
        report = editor(app).report
        assert values(report, [NATURAL, cell("new_received", "business")]) == [12, 34]


async def test_a_single_value_pasted_while_typing_joins_it(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("1")
        grid.post_message(events.Paste("23\n"))
        await pilot.pause()
        assert grid.buffer == "123"
        await pilot.press("enter")
        assert editor(app).report.get(NATURAL) == 123


async def test_ctrl_c_copies_the_cell_and_ctrl_r_the_row(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+c")
        assert app.clipboard == "42"
        assert "已复制 42" in status(app)
        await pilot.press("ctrl+r")
        assert app.clipboard == "42\t5\t1\t0\t2\t1\t51"
        await pilot.press("down", "down", "ctrl+v")  # back in, total checked
        granted = [cell("granted", c.key) for c in APPLICATIONS.entered_columns]
        assert values(editor(app).report, granted) == [42, 5, 1, 0, 2, 1]
        assert notifications(app) == []


async def test_ctrl_c_never_shows_textuals_english_notice(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")  # a text area, nothing selected
        await pilot.pause()
        await pilot.press("ctrl+c")
        assert notifications(app) == []  # not Textual's "Press ctrl+q to quit the app"
        assert "没有选中的文字" in status(app)
        await pilot.press("f9", "ctrl+c")  # the agency field
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        await pilot.press("ctrl+c")  # a dialog
        await pilot.pause()
        burst(app, "ctrl+c")
        await pilot.pause()
        assert notifications(app) == []
        assert app.is_running
