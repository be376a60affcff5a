"""The editor driven with the keyboard (Textual Pilot, 80x24)."""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Input

from tui_report.report.model import CellRef
from tui_report.storage import ReportFileError, read_report
from tui_report.tui.editor.help import Help
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.launch import make_app, run_editor
from tui_report.tui.widgets.dialogs import Choice, NewReport
from tui_report.tui.widgets.grid import ReportGrid

from ..conftest import GUANTING
from ..pilot import (
    NATURAL,
    SIZE,
    ask_about_a_change_on_disk,
    burst,
    editor,
    exports_done,
    header,
    open_matrix,
    status,
)
from ..waiting import pause_until


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


async def test_type_into_matrix_and_save_changes_one_line(example: Path):
    before = example.read_text(encoding="utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        assert grid.cursor_ref == NATURAL
        await pilot.press("4", "3", "enter")
        assert editor(app).report.get(NATURAL) == 43
        assert grid.cursor_ref.row == "carried_over"  # Enter moved down
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "已保存" in status(app)
    after = example.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-new_received = [42, 5, 1, 0, 2, 1]  # 一、本年新收政府信息公开申请数量",
        "+new_received = [43, 5, 1, 0, 2, 1]  # 一、本年新收政府信息公开申请数量",
    ]


async def test_starts_in_the_matrix_ready_for_typing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "2", "1", "enter")  # straight away, no F-key
        granted = CellRef("applications", "granted", "natural_person")
        assert editor(app).report.get(granted) == 21


async def test_part_bar_switches_parts(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("up")  # from the table's first row: up to the bar
        await pilot.pause()
        assert app.focused.id == "part-tabs"
        await pilot.press("right")
        await pilot.pause()
        assert editor(app).query_one("#parts").current == "pane-review_litigation"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "grid-review_litigation"


async def test_open_and_save_unchanged_is_byte_identical(example: Path):
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert example.read_bytes() == before


@pytest.mark.parametrize(
    ("keys", "says"),
    [
        (["a"], "不是数字"),
        (["1", "x", "enter"], "不是数字"),
        (["-", "1", "enter"], "负数"),
        (["2", ".", "5", "enter"], "不是整数"),
        (["9"] * 12 + ["enter"], "过大"),
    ],
    ids=["letter", "letter-inside", "negative", "decimal-count", "too-large"],
)
async def test_invalid_entry_is_refused_and_old_value_kept(example: Path, keys, says):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert editor(app).report.get(NATURAL) == 42
        assert grid.buffer is None
        assert says in status(app)
        assert "原值保留" in status(app)
        assert not editor(app).modified


async def test_amount_with_too_many_decimals_is_refused_and_two_kept(example: Path):
    fees = CellRef("art20_8", "fees", "amount")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await screen.show_cell(fees)
        await pilot.pause()
        await pilot.press(*"1.2345678", "enter")
        assert screen.report.get(fees) == Decimal("128.40")
        assert "小数超过 6 位" in status(app)
        await screen.show_cell(fees)
        await pilot.press(*"6172.50", "enter")
        assert format(screen.report.get(fees), "f") == "6172.50"
        await screen.show_cell(fees)
        await pilot.press(*"5949.088667", "enter")  # 万元 exact to the 分
        assert format(screen.report.get(fees), "f") == "5949.088667"


async def test_full_width_digits_are_digits(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("４", "３", "enter")
        assert editor(app).report.get(NATURAL) == 43


async def test_escape_cancels_and_backspace_clears_to_zero(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("7", "escape")
        assert editor(app).report.get(NATURAL) == 42 and grid.buffer is None
        await pilot.press("backspace")
        assert editor(app).report.get(NATURAL) == 0
        await pilot.press("right", "delete")
        assert editor(app).report.get(CellRef("applications", "new_received", "business")) == 0


async def test_derived_cells_are_read_only_and_update(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("end")  # the 总计 column
        assert grid.table.columns[grid.cursor_col].derived
        await pilot.press("5")
        assert grid.buffer is None and "自动计算" in status(app)
        await pilot.press("home", "1", "0", "0", "enter")
        assert editor(app).report.get(CellRef("applications", "new_received", "total")) == 109


async def test_arithmetic_error_shown_then_cleared(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        assert status(app).startswith("错误 0")
        await pilot.press("4", "3", "enter")
        await pilot.pause()
        assert status(app).startswith("错误 2")
        assert NATURAL in grid.problem_cells
        await pilot.press("f10")
        await pilot.pause()
        problems = editor(app).query_one("#problems")
        assert problems.option_count == 3  # two errors, and part 一 now states 51, not 52
        assert "写道“全年共收到政府信息公开申请 51 件" in str(
            problems.get_option_at_index(2).prompt
        )
        assert "自然人 列：一 + 二 = 46，三（七）+ 四 = 45，相差 1" in str(
            problems.get_option_at_index(0).prompt
        )
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("up", "4", "2", "enter")
        await pilot.pause()
        assert status(app).startswith("错误 0")
        assert grid.problem_cells == set()
        await pilot.press("f10")
        await pilot.pause()
        assert problems.option_count == 0  # the list follows when it is shown again
        assert "没有发现问题" in str(editor(app).query_one("#problems-summary").render())


async def test_next_problem_key_moves_to_the_cell(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.set(CellRef("applications", "granted", "research"), 5)
        screen.revalidate()
        await pilot.press("f9")  # the cover
        await pilot.press("ctrl+n")
        await pilot.pause()
        grid = app.focused
        assert isinstance(grid, ReportGrid)
        assert grid.cursor_ref == CellRef("applications", "new_received", "research")
        assert "科研机构 列" in status(app)


async def test_f8_goes_to_the_next_problem_after_the_cursor(example: Path):
    """Issue 21: F8 went on from the last problem it visited, wherever the cursor was."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.set(CellRef("applications", "granted", "research"), 5)  # 三: an error
        screen.report.texts["other_matters"] = "无"  # 六: a warning
        screen.report.texts["overview"] = ""  # 一: a warning
        screen.revalidate()
        assert screen.problems[0].cells  # the error first in the list
        await pilot.press("f5", "ctrl+n")  # from part 四: the next one is in part 六
        await pilot.pause()
        assert app.focused.id == "text-other_matters"
        await pilot.press("ctrl+n")  # past the last one: round to the first (part 一)
        await pilot.pause()
        assert app.focused.id == "text-overview"
        await pilot.press("f4", "end", "ctrl+n")  # after the cursor in part 三's first row
        await pilot.pause()
        assert app.focused.id == "text-other_matters"  # not the error in the column before
        await pilot.press("f4", "home", "ctrl+n")
        await pilot.pause()
        assert app.focused.cursor_ref == CellRef("applications", "new_received", "research")
        await pilot.press("shift+f8")  # the one before: part 一's
        await pilot.pause()
        assert app.focused.id == "text-overview"


def test_f8_at_a_place_of_two_problems_visits_both_in_the_lists_order():
    from tui_report.document.problem_order import cell_place, next_problem
    from tui_report.formats import FORMAT_2021
    from tui_report.report.problems import Problem, Severity

    here = CellRef("applications", "new_received", "research")
    two = [Problem(rule, Severity.ERROR, rule, cells=(here,)) for rule in ("a", "b")]
    place = cell_place(FORMAT_2021, here)
    assert next_problem(FORMAT_2021, two, place, None, 1) == 0  # standing there: round
    assert next_problem(FORMAT_2021, two, place, 0, 1) == 1  # F8 put it on the first
    assert next_problem(FORMAT_2021, two, place, 1, -1) == 0


async def test_enter_on_a_problem_in_the_list_jumps_there(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.texts["other_matters"] = "无"
        screen.revalidate()
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "text-other_matters"


async def test_undo_and_redo_cell_edits(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "9", "enter")
        screen = editor(app)
        await pilot.press("ctrl+z")
        assert screen.report.get(CellRef("applications", "carried_over", "natural_person")) == 3
        await pilot.press("ctrl+z")
        assert screen.report.get(NATURAL) == 42
        assert not screen.modified
        await pilot.press("ctrl+y")
        assert screen.report.get(NATURAL) == 43


async def test_quit_with_unsaved_changes_asks(example: Path):
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "ctrl+q")  # typed but not committed, then quit at once
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("c")  # cancel
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen) and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("d")  # quit without saving
        await pilot.pause()
    assert example.read_bytes() == before


async def test_quit_and_save(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    assert app.return_value == 0
    assert read_report(example).report.get(NATURAL) == 43


async def test_the_quit_question_says_the_report_still_has_errors(example: Path):
    from tui_report.report.problems import count

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")  # the cover: 发布机关
        await pilot.press("end", *"局", "ctrl+q")  # an edit that makes no error
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        assert "错误" not in str(app.screen.question)
        await pilot.press("escape")
        await pilot.pause()
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+q")  # the applicants' sums no longer hold
        await pilot.pause()
        errors, _ = count(editor(app).problems)
        assert errors
        question = str(app.screen.question)
        assert f"还有 {errors} 个错误" in question and "仍需改正" in question


async def test_quit_without_changes_does_not_ask(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == 0


async def test_external_change_is_detected_before_saving(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        theirs = await ask_about_a_change_on_disk(pilot, example)
        await pilot.press("c")
        await pilot.pause()
        assert example.read_text(encoding="utf-8") == theirs
        assert "未保存" in status(app) and "再按 Ctrl+S" in status(app)
        assert "另存" not in status(app)  # no "save as" that does not exist
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")  # overwrite
        await pilot.pause()
    saved = read_report(example).report
    assert saved.get(NATURAL) == 43
    assert saved.get(CellRef("art20_5", "licensing", "decisions")) == 1287


async def test_failed_write_keeps_every_edit(example: Path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise ReportFileError(example, "文件是只读的，无法保存")

    monkeypatch.setattr("tui_report.storage.writing.write_atomic", refuse)
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+s")
        await pilot.pause()
        assert "保存失败" in status(app) and "只读" in status(app)
        assert editor(app).report.get(NATURAL) == 43
        assert editor(app).modified
    assert example.read_bytes() == before


async def test_export_writes_text_next_to_the_file(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportChoice"
        await pilot.press("t")
        await exports_done(pilot)
        assert f"已导出纯文本到 {example.with_suffix('.txt')}" in status(app)
    text = example.with_suffix(".txt").read_text(encoding="utf-8")
    assert text.startswith("示例市示例区人民政府\n2024年政府信息公开工作年度报告\n")


async def test_export_asks_the_format_and_writes_html_or_word(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o", "h")
        await exports_done(pilot)
        assert f"已导出网页到 {example.with_suffix('.html')}" in status(app)
        await pilot.press("ctrl+o", "down", "down", "enter")  # the third choice: Word
        await exports_done(pilot)
        assert f"已导出 Word 文档到 {example.with_suffix('.docx')}" in status(app)
    assert example.with_suffix(".html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert example.with_suffix(".docx").read_bytes().startswith(b"PK")


async def test_export_warns_of_unsaved_edits_and_errors_and_esc_cancels(example: Path):
    from textual.widgets import Static

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("9", "enter")  # 一 自然人 no longer balances: an error, unsaved
        await pilot.press("ctrl+o")
        await pilot.pause()
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "有未保存的修改" in shown and "个错误" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"
    assert not example.with_suffix(".txt").exists()


async def test_narrative_edit_is_saved(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")  # part 六
        await pilot.pause()
        assert app.focused.id == "text-other_matters"
        app.focused.move_cursor(app.focused.document.end)
        await pilot.press("enter", *"本年度无其他事项")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert (
        read_report(example)
        .report.texts["other_matters"]
        .endswith("门户网站公开。\n本年度无其他事项")
    )


async def test_year_must_be_valid(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        year = editor(app).query_one("#year")
        year.focus()
        await pilot.pause()
        year.value = "20x4"
        await pilot.pause()
        assert editor(app).report.year == 2024
        assert "四位数字" in status(app)
        await pilot.press("tab")
        await pilot.pause()
        assert year.value == "2024"  # an invalid year is not left on screen
        year.value = "２０２３"
        await pilot.pause()
        assert editor(app).report.year == 2023


async def test_paste_into_a_cell(example: Path):
    from textual import events

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        grid.post_message(events.Paste("  1,234\n"))
        await pilot.pause()
        await pilot.press("enter")
        assert editor(app).report.get(NATURAL) == 1234


async def test_moving_between_the_small_tables_of_part_two(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert app.focused.id == "grid-art20_1"
        await pilot.press("down", "down")
        await pilot.pause()
        assert app.focused.id == "grid-art20_5"
        await pilot.press("up")
        await pilot.pause()
        assert app.focused.id == "grid-art20_1"


async def test_goto_and_help(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert app.focused.id == "grid-review_litigation"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")  # ? works where it is not text
        await pilot.pause()
        assert isinstance(app.screen, Help)


async def test_goto_takes_full_width_digits_and_ignores_other_numerals(example: Path):
    from tui_report.tui.editor.goto import Goto

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("²", "Ⅳ")  # digits to Python's str.isdigit, not part numbers
        await pilot.pause()
        assert isinstance(app.screen, Goto)
        await pilot.press("４")  # full-width, as an input method types it
        await pilot.pause()
        assert app.focused.id == "grid-review_litigation"


async def test_new_file_asks_for_agency_and_year(tmp_path: Path):
    path = tmp_path / "new.toml"
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewReport)
        await pilot.press("enter")
        await pilot.pause()
        assert "请填写发布机关" in str(app.screen.query_one("#new-error").render())
        app.screen.query_one("#new-agency").value = "测试县测试局"
        app.screen.query_one("#new-year").value = "2024"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    loaded = read_report(path)
    assert (loaded.report.agency, loaded.report.year) == ("测试县测试局", 2024)


async def test_new_file_cancelled_creates_nothing(tmp_path: Path):
    path = tmp_path / "new.toml"
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert not path.exists()


def test_unreadable_file_exits_2_and_is_untouched(tmp_path: Path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text('agency = "某局"\nyear = = 2024\n', encoding="utf-8")
    before = path.read_bytes()
    assert run_editor(path) == 2
    err = capsys.readouterr().err
    assert ":2:" in err and "TOML 语法错误" in err
    assert path.read_bytes() == before


# --- user text is shown literally -------------------------------------------------------------

HOSTILE = "结束[/] a[x]b [@click=app.quit]点这里[/] \x1b[31m红色\x1b[0m [b]粗[/b]"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    from tui_report.report.templates import new_report
    from tui_report.storage import create_report_file

    report = new_report(HOSTILE, 2024)
    report.texts["other_matters"] = HOSTILE + "。统计期限为 2023 年[b]粗[/b]结束[/]"
    path = tmp_path / "[b]名字[x].toml"
    create_report_file(report, path)
    return path


async def test_markup_and_escapes_in_user_text_are_literal(hostile: Path):
    before = hostile.read_bytes()
    app = make_app(hostile, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        header = str(screen.query_one("#header-line").render())
        # shortened to keep the file name and the marker on the line, literal all the same
        assert header.startswith(" 结束[/] a[x]b [@click=app.quit]点这里[/] ␛[31m红")
        assert header.endswith("[b]名字[x].toml")
        await pilot.press("f9")
        await pilot.pause()
        assert screen.query_one("#agency").value.startswith("结束[/] a[x]b [@click=app.quit]")
        await pilot.press("f7")
        await pilot.pause()
        area = screen.query_one("#text-other_matters")
        assert "\x1b" not in area.text and "␛[31m红色" in area.text
        # clicking on the text must not run the action
        await pilot.click("#text-other_matters", offset=(20, 1))
        await pilot.pause()
        assert app.is_running
        await pilot.press("f10")
        await pilot.pause()
        listed = screen.query_one("#problems")
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert any("统计期限为 2023 年[b]粗[/b]结束[/]" in p for p in prompts)  # quoted literally
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert hostile.read_bytes() == before  # the escape characters in the file are kept


async def test_edited_text_keeps_control_characters_it_showed_as_pictures(hostile: Path):
    app = make_app(hostile, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        app.focused.insert("补充。")
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = read_report(hostile).report.texts["other_matters"]
    assert "\x1b[31m红色\x1b[0m" in text and "补充。" in text


async def test_text_areas_wrap_chinese(example: Path):
    from textual import _wrap

    from tui_report.tui.cjk_wrap import CJK_PATTERN

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")  # part 一 has a text area
        await pilot.pause()
        assert _wrap.re_chunk.pattern == CJK_PATTERN


def test_chinese_paragraph_wraps_between_characters():
    from textual._wrap import compute_wrap_offsets

    from tui_report.tui import cjk_wrap

    cjk_wrap.install()
    text = "2023 年，官亭镇人民政府认真落实党中央、国务院和省、市、县决策部署"
    breaks = compute_wrap_offsets(text, 20, 4)
    lines = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    assert lines[0] == "2023 年，官亭镇人民"  # not "2023 " alone
    assert all(not line.startswith(("，", "、")) for line in lines)


def test_guanting_sample_opens(tmp_path: Path):
    app = make_app(GUANTING)
    assert app.loaded is not None and app.loaded.report.year == 2023


@pytest.mark.parametrize(
    ("key", "pane"), [("f6", "pane-shortcomings"), ("f7", "pane-other_matters")]
)
async def test_f_keys_switch_parts_even_from_a_text_area(example: Path, key: str, pane: str):
    """TextArea's own F6/F7 (select line / all) would make the next key replace the text."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        before = editor(app).report.texts["overview"]
        await pilot.press(key)
        await pilot.pause()
        assert editor(app).query_one("#parts").current == pane
        await pilot.press("f2", "x")
        await pilot.pause()
        assert editor(app).report.texts["overview"] in (before, before + "x")  # cursor at the end


# --- keys that arrive together (fast typing, SSH) --------------------------------------------


async def test_keys_typed_in_one_burst_apply_in_order_in_a_cell(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        burst(app, "1", "2", "backspace", "3", "enter", "7", "enter")
        await pilot.pause()
        assert editor(app).report.get(NATURAL) == 13  # not 12: ⌫ after 3 would delete it
        assert (
            editor(app).report.get(CellRef("applications", "carried_over", "natural_person")) == 7
        )


async def test_keys_typed_in_one_burst_apply_in_order_in_fields_and_text(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        screen = editor(app)
        screen.query_one("#year").focus()
        await pilot.pause()
        burst(app, "end", "backspace", "3")
        await pilot.pause()
        assert screen.report.year == 2023
        area = screen.query_one("#text-intro")
        area.focus()
        area.move_cursor((0, 0))
        burst(app, "x", "y", "backspace", "z", "left", "w")
        await pilot.pause()
        assert screen.report.texts["intro"].startswith("xwz本报告")


async def test_editor_keys_in_a_burst_keep_their_place_among_cell_keys(example: Path):
    """Ctrl+Z (a key of the editor, not of the grid) before Delete: undo first, then clear."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("5", "enter")
        assert editor(app).report.get(NATURAL) == 5
        below = CellRef("applications", "carried_over", "natural_person")
        burst(app, "ctrl+z", "delete")
        await pilot.pause()
        assert editor(app).report.get(below) == 3  # untouched
        assert editor(app).report.get(NATURAL) == 0  # back to 42 by the undo, then cleared


async def test_keys_after_a_part_switch_in_the_same_burst_go_to_the_new_part(example: Path):
    """Each burst is followed by waiting for what its keys do (``pause_until``), not by
    ``pilot.pause()``: that returns once the process uses little CPU, which on a loaded
    machine it does while a key's messages are still on their way (an edit of the agency
    field reaches the document only once its ``Input.Changed`` has bubbled up to the
    cover: seen under load, the field edited, the report not yet)."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        applications = await open_matrix(pilot)
        burst(app, "f5", "9", "enter")
        grid = await grid_focused(pilot, "review_litigation")
        first = CellRef(grid.table.key, grid.table.rows[0].key, grid.table.columns[0].key)
        await pause_until(pilot, lambda: editor(app).report.get(first) == 9)
        assert editor(app).report.get(first) == 9
        assert editor(app).report.get(NATURAL) == 42
        burst(app, "ctrl+g", "3", "7", "enter")  # a dialog takes the 3; 7 and Enter are dropped
        assert await grid_focused(pilot, "applications") is applications
        burst(app, "f9", "end", "backspace", "tab", "end", "backspace")
        await pause_until(
            pilot,
            lambda: (
                editor(app).report.agency == "示例市示例区人民政"
                and app.focused.id == "year"
                and app.focused.value == "202"
            ),
        )
        assert editor(app).report.agency == "示例市示例区人民政"
        assert app.focused.id == "year" and app.focused.value == "202"
        # had the 7 and Enter reached the grid, they would have before the F9 behind them
        assert editor(app).report.get(NATURAL) == 42 and applications.cursor_row == 0


async def grid_focused(pilot, table_key: str) -> ReportGrid:
    """Wait until the grid of ``table_key`` has the focus; that grid."""
    app = pilot.app
    await pause_until(
        pilot, lambda: isinstance(app.focused, ReportGrid) and app.focused.table.key == table_key
    )
    grid = app.focused
    assert isinstance(grid, ReportGrid) and grid.table.key == table_key
    return grid


async def test_a_question_answered_twice_in_one_burst_takes_the_first_answer(example: Path):
    from tui_report.tui.widgets.dialogs import Choice

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("5", "enter")
        burst(app, "ctrl+q", "c", "c", "escape")  # 退出? 取消 — then the same answer again
        await pilot.pause()
        assert not isinstance(app.screen, Choice) and app.is_running
        assert editor(app).report.get(NATURAL) == 5


async def test_an_edit_repaints_no_scroll_bar(example: Path, monkeypatch):
    """An edit repaints the lines that changed, not the screen's layout: with every part
    shown once (the cover's title and the problem list exist), entering a value and
    moving on leaves the scroll bars alone (each repainted costs a line per row)."""
    from textual.scrollbar import ScrollBar

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f2", "f3", "f5", "f6", "f7", "f9", "f10"):
            await pilot.press(key)
            await pilot.pause()
        grid = await open_matrix(pilot)
        repainted: list[ScrollBar] = []
        real = ScrollBar.refresh
        monkeypatch.setattr(
            ScrollBar, "refresh", lambda bar, *a, **k: repainted.append(bar) or real(bar, *a, **k)
        )
        await pilot.press("4", "3", "enter", "up")
        await pilot.pause()
        assert status(app).startswith("错误 2")
        assert NATURAL in grid.problem_cells
        assert repainted == []
        monkeypatch.undo()
        await pilot.press("f10")
        await pilot.pause()
        assert editor(app).query_one("#problems").option_count == 3  # shown: up to date


@pytest.mark.parametrize("width", [80, 60])
async def test_every_part_is_on_the_bar_in_a_narrow_terminal(example: Path, width: int):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("f10")  # 校验, the last part, was cut off at 60 columns
        await pilot.pause()
        bar = editor(app).query_one("#part-tabs")
        shown = str(bar.render())
        assert cell_len(shown) <= width
        for number in ("封面", "一", "三", "六", "校验"):
            assert number in shown
        await pilot.press("f2")
        await pilot.pause()
        await pilot.click("#part-tabs", offset=(cell_len(shown) - 3, 0))  # a click on 校验
        await pilot.pause()
        assert editor(app).query_one("#parts").current == "pane-problems"


async def test_line_separator_in_text_survives_open_and_save(example: Path):
    text = example.read_text(encoding="utf-8").replace("存在的主要问题：", "存在的\u2028主要问题：")
    example.write_text(text, encoding="utf-8")
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen
        assert not editor.modified
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert example.read_bytes() == before


async def test_editor_undo_restores_dropped_totals(example: Path):
    text = example.read_text(encoding="utf-8")
    example.write_text(
        text.replace(
            "new_received = [42, 5, 1, 0, 2, 1]", "new_received = [42, 5, 1, 0, 2, 1, 51]"
        ),
        encoding="utf-8",
    )
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "4", "3", "enter")
        editor = app.screen
        assert "总计已不再成立" in str(editor.query_one("#status").render())
        assert editor.report.published == {}
        await pilot.press("ctrl+z")
        assert editor.report.published == {CellRef("applications", "new_received", "total"): 51}
        assert not editor.modified


async def test_emptied_entry_changes_nothing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "7", "backspace", "down")
        assert app.screen.report.get(NATURAL) == 42


async def test_a_problem_fixed_by_typing_leaves_the_status_line(example: Path):
    """F8 to a text's warning, type what it asks for: its message must not stay."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.texts["other_matters"] = "无"
        screen.revalidate()
        await pilot.press("f8")
        await pilot.pause()
        assert app.focused.id == "text-other_matters"
        assert "未说明信息处理费" in status(app)
        await pilot.press("ctrl+end", *"。本年度未收取信息处理费")
        await pilot.pause()
        assert status(app).startswith("错误 0  警告 0")
        assert "未说明信息处理费" not in status(app)


async def test_the_cover_fields_as_typed_are_taken_before_saving(example: Path):
    """What the agency field shows is saved even when its change message is still queued
    (the cover's pane is made when first shown, and only then has fields to take)."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert screen.parts.cover_pane is None  # not shown yet: nothing to take
        assert screen.sync_from_widgets() and not screen.modified
        await pilot.press("f9")
        await pilot.pause()
        assert screen.parts.cover_pane is not None
        screen.query_one("#agency", Input).value = "示例县人民政府"  # its message: queued
        screen.sync_from_widgets()  # as Ctrl+S and Ctrl+Q do first
        assert screen.report.agency == "示例县人民政府" and screen.modified


async def test_a_year_written_wrongly_is_shown_as_written_and_marked(example: Path):
    """``year = "２０２４"``: the cover showed an empty 年度 and the top line 年度未填, as
    if nothing had been written; leaving the field emptied it for good."""
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("year = 2024", 'year = "２０２４"'), "utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert screen.report.year is None and not screen.modified  # nothing taken silently
        assert "２０２４" in header(app) and "不合格" in header(app)
        assert "年度未填" not in header(app)
        await pilot.press("f9")
        await pilot.pause()
        field = screen.query_one("#year")
        assert screen.report.year is None and not screen.modified
        assert field.value == "２０２４" and field.has_class("invalid")
        await pilot.press("tab", "tab")  # into the field and out: it keeps what the file says
        await pilot.pause()
        assert field.value == "２０２４" and field.has_class("invalid")
        assert screen.report.year is None and not screen.modified
        screen.sync_from_widgets()  # as Ctrl+S and Ctrl+Q do first
        assert screen.report.year is None and not screen.modified
        await pilot.press("shift+tab")
        assert app.focused is field
        await pilot.press("end", "backspace", "x")  # no year: said, and the file's value kept
        await pilot.pause()
        assert "仍为文件中的“２０２４”" in status(app) and "None" not in status(app)
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "２０２４" and screen.report.year is None
        await pilot.press("shift+tab")
        await pilot.press("end", "backspace", "４")  # retyped: taken
        await pilot.pause()
        assert screen.report.year == 2024 and not field.has_class("invalid")
        assert "2024年度" in header(app) and "不合格" not in status(app)
