"""Pasting blocks from a spreadsheet or a web page, and copying cells and rows out."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual.widgets import TextArea

from tui_report.document.paste import PasteRefused, plan_paste, split_block
from tui_report.formats import FORMAT_2021
from tui_report.report.model import CellRef
from tui_report.report.templates import new_report
from tui_report.storage import read_report
from tui_report.tui.editor.help import Help
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.clipboard import Reach, clipboard_reach, copy_message

from ..conftest import EXAMPLE
from ..pilot import NATURAL, SIZE, burst, editor, notifications, open_matrix, status

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
        ("1\n\n3", [["1"], [""], ["3"]]),  # an empty line is a row of empty cells
        ("1\t\t1\t\t1\t\r\n", [["1", "", "1", "", "1", ""]]),  # WPS: the last cell empty
        ("1\r\n2\r\n\r\n", [["1"], ["2"], [""]]),  # a column ending in an empty cell
        ("1\t2\n\t\n", [["1", "2"], ["", ""]]),  # a row of empty cells, as tabs
        ("1\t2\n\n\n", [["1", "2"]]),  # empty lines after a wider block: its end
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


@pytest.fixture
def kitty(monkeypatch):
    """A terminal known to take a copy (OSC 52), not inside tmux or screen."""
    monkeypatch.setenv("TERM", "xterm-kitty")
    for name in ("TMUX", "STY", "TERM_PROGRAM", "WT_SESSION"):
        monkeypatch.delenv(name, raising=False)


async def test_ctrl_c_copies_the_cell_and_ctrl_r_the_row(example: Path, kitty):
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


# --- empty cells, labels and part 四's one row (issue 21) ----------------------------------

REVIEW = FORMAT_2021.table("review_litigation")
NEW_RECEIVED = [cell("new_received", c.key) for c in APPLICATIONS.entered_columns]


def test_an_empty_cell_in_a_copied_row_empties_its_cell_the_last_one_too():
    report = read_report(EXAMPLE).report  # 一、本年新收: 42 5 1 0 2 1
    plan = plan_paste(report, APPLICATIONS, 0, 0, split_block("1\t\t1\t\t1\t\r\n"))
    for ref, value in plan.changes:
        report.set(ref, value)
    assert values(report, NEW_RECEIVED) == [1, 0, 1, 0, 1, 0]
    assert (plan.values, plan.cleared) == (3, 2)  # 5 and 1 emptied; 0 was empty already
    assert plan.describe() == "粘贴 3 个值，已清空 2 格（1 行 × 6 列）"


def test_a_short_line_and_an_empty_line_inside_a_block_empty_their_cells():
    report = read_report(EXAMPLE).report
    rows = ["new_received", "carried_over", "granted"]
    block = split_block("7\t7\t7\n\n7\r\n")  # the middle row empty, the last one short
    plan = plan_paste(report, APPLICATIONS, 0, 0, block)
    for ref, value in plan.changes:
        report.set(ref, value)
    firsts = [cell(r, c) for r in rows for c in ("natural_person", "business", "research")]
    assert values(report, firsts) == [7, 7, 7, 0, 0, 0, 7, 0, 0]
    assert (plan.rows, plan.columns) == (3, 3)


def test_empty_cells_past_the_tables_edge_are_no_cells_to_empty():
    report = read_report(EXAMPLE).report
    other = APPLICATIONS.column_index["other"]
    plan = plan_paste(report, APPLICATIONS, 0, other, split_block("9\t\t\t\n"))
    assert plan.changes == [(cell("new_received", "other"), 9)]  # the empty total is unchecked


def test_a_block_of_nothing_but_empty_cells_is_refused():
    report = read_report(EXAMPLE).report
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, APPLICATIONS, 0, 0, split_block("\t\t\n"))
    assert "没有数字" in refused.value.message


async def test_pasting_a_spreadsheet_row_with_empty_cells_leaves_no_old_number(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        grid.post_message(events.Paste("1\t\t1\t\t1\t\r\r"))  # WPS's CR LF, through a terminal
        await pilot.pause()
        report = editor(app).report
        assert values(report, NEW_RECEIVED) == [1, 0, 1, 0, 1, 0]
        assert "已清空 2 格" in status(app)
        await pilot.press("ctrl+z")
        assert values(report, NEW_RECEIVED) == [42, 5, 1, 0, 2, 1]


def test_a_row_copied_with_its_label_goes_into_that_row():
    report = read_report(EXAMPLE).report
    granted = APPLICATIONS.row_index["granted"]
    line = "（一）予以公开\t15\t1\t0\t0\t0\t0\t16"
    plan = plan_paste(report, APPLICATIONS, granted, 3, split_block(line))  # any column
    granted_cells = [cell("granted", c.key) for c in APPLICATIONS.entered_columns]
    assert plan.changes == list(zip(granted_cells, [15, 1, 0, 0, 0, 0], strict=True))
    # merged cells of a published table: the group's label, and empty cells after a label
    lines = "三、本年度办理结果\t(二)部分公开\t\t4\t1\t0\t0\t0\t0\t5\n\t（三）不予公开 1.属于国家秘密\t\t1\t0\t0\t0\t0\t0\t1"
    plan = plan_paste(report, APPLICATIONS, granted + 1, 0, split_block(lines))
    assert {ref.row for ref, _v in plan.changes} == {"partially_granted", "denied_state_secret"}


def test_a_label_that_is_not_the_cursors_row_says_the_first_column_is_words():
    report = read_report(EXAMPLE).report
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, APPLICATIONS, 0, 0, split_block("（一）予以公开\t15\t1\t0\t0\t0\t0"))
    message = refused.value.message
    assert "第一列是文字“（一）予以公开”" in message
    assert "请把光标移到“（一）予以公开”一行" in message
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, APPLICATIONS, 0, 0, split_block("合计\t15\t1\t0\t0\t0\t0"))
    assert "第一列是文字“合计”" in refused.value.message
    assert "本表没有这一行" in refused.value.message


async def test_a_labelled_row_pasted_in_the_editor(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("down", "down")  # （一）予以公开
        grid.post_message(events.Paste("（一）予以公开\t15\t1\t0\t0\t0\t0\t16\r\n"))
        await pilot.pause()
        granted = [cell("granted", c.key) for c in APPLICATIONS.entered_columns]
        assert values(editor(app).report, granted) == [15, 1, 0, 0, 0, 0]
        assert "已粘贴 6 个值" in status(app)


ONE_ROW = "2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t3\t0\t0\t0\t3"


def test_part_four_takes_the_official_one_row_of_fifteen_or_twelve_numbers():
    report = new_report("测试局", 2024)
    entered = [
        CellRef(REVIEW.key, r.key, c.key) for r in REVIEW.rows for c in REVIEW.entered_columns
    ]
    plan = plan_paste(report, REVIEW, 0, 0, split_block(ONE_ROW + "\r\n"))
    assert [value for _ref, value in plan.changes] == [2, 1, 0, 1, 1, 0, 0, 1, 3, 0, 0, 0]
    assert [ref for ref, _value in plan.changes] == entered
    twelve = "2\t1\t0\t1\t1\t0\t0\t1\t3\t0\t0\t0\t"  # no totals, an empty cell at the end
    plan = plan_paste(report, REVIEW, 0, 2, split_block(twelve))  # any column of the row
    assert [value for _ref, value in plan.changes] == [2, 1, 0, 1, 1, 0, 0, 1, 3, 0, 0, 0]
    wrong = ONE_ROW[: -len("\t3")] + "\t4"  # the last group's total
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, REVIEW, 0, 0, split_block(wrong))
    assert "第 15 个值" in refused.value.message and "各项之和为 3" in refused.value.message
    assert "不含总计" not in refused.value.message  # 15 numbers are the row with its totals
    with pytest.raises(PasteRefused) as refused:  # from the second row: no room for three
        plan_paste(report, REVIEW, 1, 0, split_block(ONE_ROW))
    assert "15 个" in refused.value.message


@pytest.mark.parametrize("label", ["行政复议", "（一）行政复议", "行政复议 "])
def test_part_four_one_row_copied_with_its_label_in_front(label: str):
    """A published table's row copied with the label of its first group in front."""
    report = new_report("测试局", 2024)
    plan = plan_paste(report, REVIEW, 0, 0, split_block(f"{label}\t{ONE_ROW}\r\n"))
    assert [value for _ref, value in plan.changes] == [2, 1, 0, 1, 1, 0, 0, 1, 3, 0, 0, 0]


@pytest.mark.parametrize(
    ("label", "said"),
    [("数量", "本表没有这一行"), ("复议后起诉", "请把光标移到“行政诉讼 复议后起诉”一行")],
)
def test_part_four_one_row_with_another_label_is_refused_naming_it(label: str, said: str):
    report = new_report("测试局", 2024)
    with pytest.raises(PasteRefused) as refused:
        plan_paste(report, REVIEW, 0, 0, split_block(f"{label}\t{ONE_ROW}"))
    assert f"第一列是文字“{label}”" in refused.value.message
    assert said in refused.value.message


def test_part_four_row_of_its_own_with_its_label_still_goes_into_that_row():
    report = new_report("测试局", 2024)
    plan = plan_paste(report, REVIEW, 1, 0, split_block("未经复议直接起诉\t1\t2\t0\t0"))
    assert [value for _ref, value in plan.changes] == [1, 2, 0, 0]
    assert {ref.row for ref, _value in plan.changes} == {REVIEW.rows[1].key}


async def test_part_four_in_the_editor_takes_the_one_row_layout(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        grid = app.focused
        grid.post_message(events.Paste(ONE_ROW + "\r\r"))
        await pilot.pause()
        report = editor(app).report
        assert report.grid(REVIEW) == [[2, 1, 0, 1, 4], [1, 0, 0, 1, 2], [3, 0, 0, 0, 3]]
        assert "已粘贴 12 个值（3 行 × 5 列）" in status(app)


# --- what a copy says (issue 21) -----------------------------------------------------------


def fake_tmux(folder: Path, set_clipboard: str) -> str:
    """A ``tmux`` on PATH that answers ``show-options -sv set-clipboard`` as a server would."""
    folder.mkdir()
    script = folder / "tmux"
    script.write_text(f"#!/bin/sh\necho {set_clipboard}\n", encoding="utf-8")
    script.chmod(0o755)
    return str(folder)


@pytest.mark.parametrize(
    ("environ", "tmux", "reach"),
    [
        ({"TERM": "xterm-kitty"}, None, Reach.TERMINAL),
        ({"TERM": "xterm-256color", "WT_SESSION": "x"}, None, Reach.TERMINAL),
        ({"TERM": "xterm-256color"}, None, Reach.UNKNOWN),  # PuTTY, Xshell…: cannot tell
        ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, "on", Reach.TMUX),
        ({"TERM": "screen", "TMUX": "/tmp/tmux-0/default,1,0"}, "external", Reach.TMUX_OFF),
        ({"TERM": "screen", "TMUX": "/tmp/tmux-0/default,1,0"}, None, Reach.UNKNOWN),
        ({"TERM": "screen", "STY": "1.pts-0"}, None, Reach.SCREEN),
        ({"TERM": "linux"}, None, Reach.NONE),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, None, Reach.NONE),
    ],
)
def test_where_a_copy_can_be_known_to_arrive(environ, tmux, reach):
    assert clipboard_reach(environ, lambda: tmux) is reach


def test_only_a_copy_known_to_arrive_says_copied():
    for reach in Reach:
        said = copy_message(reach, "42\t5\t1", row_values=3)
        assert ("已复制" in said) == (reach in (Reach.TERMINAL, Reach.TMUX))
        if reach not in (Reach.TERMINAL, Reach.TMUX):
            assert "42 5 1" in said and "Ctrl+V" in said  # the text itself, to copy by hand


async def test_ctrl_c_in_tmux_without_set_clipboard_says_it_did_not_copy(
    example: Path, tmp_path: Path, monkeypatch
):
    """Issue 21: 已复制 was said where tmux (set-clipboard external, its default) drops it."""
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    monkeypatch.setenv("PATH", fake_tmux(tmp_path / "bin", "external"))
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+c")
        said = status(app)
        assert "已复制" not in said and "set-clipboard" in said and "42" in said
        await pilot.press("ctrl+r")
        assert "42 5 1 0 2 1 51" in status(app)
        assert app.clipboard == "42\t5\t1\t0\t2\t1\t51"  # Ctrl+V here still has it
    monkeypatch.setenv("PATH", fake_tmux(tmp_path / "bin-on", "on"))
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+c")
        assert "已复制 42 到 tmux" in status(app)


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
