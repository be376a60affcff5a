"""Keys as a Chinese user's terminal sends them (Pilot, 80x24): letters in upper case
(Caps Lock is how a Chinese input method types Latin letters) and full width, the input
method's ？、《》 for ? / < >; keys that terminals and tmux keep for themselves (F1, F10,
Ctrl+B) have another that arrives; Ctrl+L paints the whole screen again; the key line
keeps 帮助 and 退出 on a narrow screen."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from textual import events
from textual._compositor import LayoutUpdate

from tui_report.report.model import CellRef
from tui_report.storage import read_report
from tui_report.tui.editor.export_dialog import ExportChoice
from tui_report.tui.editor.help import Help
from tui_report.tui.editor.keys import HELP_SECTIONS
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.folder.county_checks import CountyChecks
from tui_report.tui.folder.keys import SortChoice
from tui_report.tui.key_variants import canonical, variants, with_variants
from tui_report.tui.launch import make_app, make_folder_app
from tui_report.tui.widgets.dialogs import Choice
from tui_report.tui.widgets.grid import ReportGrid
from tui_report.tui.widgets.text_area import ReportTextArea

from ..county_data import county, renamed_unit
from ..pilot import NATURAL, SIZE, editor, open_matrix
from .test_editor_instances import leave_recovery_copy
from .test_folder_view import settled, shown


async def typed(pilot, *characters: str) -> None:
    """Characters as a terminal sends them, each with its character (Pilot's ``press``
    sends ``？`` without one)."""
    for character in characters:
        name = unicodedata.name(character).lower().replace(" ", "_").replace("-", "_")
        pilot.app.post_message(events.Key(name, character))
        await pilot.pause()


# --- the helper every screen uses ------------------------------------------------------------


def test_a_letter_stands_for_its_upper_case_and_full_width_forms():
    assert variants("e") == ["e", "E", "ｅ", "Ｅ"]
    assert [canonical(k) for k in ("e", "E", "ｅ", "Ｅ")] == ["e"] * 4
    assert canonical("fullwidth_question_mark") == "question_mark"
    assert [canonical(k) for k in ("２", "fullwidth_digit_two", "2")] == ["2"] * 3
    assert canonical("ideographic_comma") == "slash"
    assert canonical("left_double_angle_bracket") == "less_than_sign"
    assert canonical("［") == "［"  # a full-width sign between Ｚ and ａ is no letter
    assert canonical("enter") == "enter" and canonical("5") == "5"
    assert with_variants("slash,ctrl+f") == "slash,ideographic_comma,fullwidth_solidus,ctrl+f"


# --- the folder view -------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["upper", "full_width"])
async def test_the_folder_views_letters_work_with_caps_lock_and_full_width(
    tmp_path: Path, typed: str
):
    def key(letter: str) -> str:
        upper = letter.upper()
        return upper if typed == "upper" else chr(ord(upper) + 0xFEE0)

    folder = county(tmp_path / "county")
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press(key("e"))
        assert screen.only_errors and shown(screen) == ["shuili-2024.toml"]
        await pilot.press(key("e"))
        assert not screen.only_errors
        await pilot.press(key("s"))
        assert isinstance(app.screen, SortChoice)
        await pilot.press("escape")
        descending = screen.descending
        await pilot.press(key("r"))
        assert screen.descending != descending
        await pilot.press(key("y"))
        assert screen.year == 2023
        await pilot.press(key("a"))
        assert len(shown(screen)) == len(list(folder.glob("*.toml")))
        await pilot.press(key("c"))
        assert isinstance(app.screen, CountyChecks)
        await pilot.press(key("c"))  # closes it again, as c does
        assert app.screen is screen


async def test_the_folder_views_keys_take_the_input_methods_punctuation(tmp_path: Path):
    folder = county(tmp_path / "county")
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await typed(pilot, "？")
        assert isinstance(app.screen, Help)
        await pilot.press("Q")
        assert app.screen is screen
        key = screen.sort_key
        await typed(pilot, "》")  # as >
        assert screen.sort_key != key
        await typed(pilot, "《")  # as <
        assert screen.sort_key == key
        await typed(pilot, "、")  # as /
        await pilot.press(*"公安", "enter")
        assert shown(screen) == ["gongan-2024.toml"]


async def test_recording_an_agency_name_answers_to_upper_case(tmp_path: Path):
    folder = county(tmp_path / "county")
    renamed_unit(folder)
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("C")
        checks = app.screen
        assert isinstance(checks, CountyChecks)
        checks.query_one("#checks").highlighted = next(
            i for i, item in enumerate(checks.items) if item.suggestion
        )
        await pilot.press("enter")
        assert isinstance(app.screen, Choice)
        await typed(pilot, "２")  # 统一用 2, typed in full width
        await settled(pilot)
    assert "洪泽县人民政府" in (folder / "agencies.toml").read_text(encoding="utf-8")


async def test_the_agency_question_answers_to_upper_case(tmp_path: Path):
    folder = county(tmp_path / "county")
    renamed_unit(folder)
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("C")
        checks = app.screen
        assert isinstance(checks, CountyChecks)
        checks.query_one("#checks").highlighted = next(
            i for i, item in enumerate(checks.items) if item.suggestion
        )
        await pilot.press("enter")
        assert isinstance(app.screen, Choice)
        await pilot.press("N")  # 取消（N）, Caps Lock on
        await settled(pilot)
        assert not isinstance(app.screen, Choice)
    assert not (folder / "agencies.toml").exists()


# --- the editor's dialogs -------------------------------------------------------------------


async def test_the_quit_question_answers_to_upper_case(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("S")  # 保存（S）with Caps Lock on
        await pilot.pause()
    assert app.return_value == 0
    assert read_report(example).report.get(NATURAL) == 43


async def test_quit_without_saving_answers_to_a_full_width_letter(example: Path):
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter", "ctrl+q")
        await pilot.pause()
        await pilot.press("Ｄ")  # 不保存（D）as a full-width input method sends it
        await pilot.pause()
    assert app.return_value == 0
    assert example.read_bytes() == before


async def test_the_recovery_question_answers_to_upper_case(example: Path):
    await leave_recovery_copy(example)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("R")  # 恢复（R）
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert app.screen.report.get(NATURAL) == 43


async def test_the_question_about_a_file_changed_on_disk_answers_to_upper_case(example: Path):
    from tui_report.tui.editor.disk_change import Differences

    from ..pilot import ask_about_a_change_on_disk

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await ask_about_a_change_on_disk(pilot, example)
        await pilot.press("D")  # 查看差异（D）
        await pilot.pause()
        assert isinstance(app.screen, Differences)
        await pilot.press("Q")  # back to the question
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("C")  # 取消（C）
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


@pytest.mark.parametrize(("key", "answer"), [("T", "text"), ("H", "html"), ("Ｗ", "docx")])
async def test_the_export_formats_answer_to_upper_case(example: Path, key: str, answer: str):
    app = make_app(example, cursor_blink=False)
    answers: list[str | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(ExportChoice(example, False, 0), answers.append)
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
    assert answers == [answer]


async def test_the_full_width_question_mark_opens_help_in_a_table_and_is_typed_in_text(
    example: Path,
):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await typed(pilot, "？")
        assert isinstance(app.screen, Help)
        await pilot.press("Q")
        await pilot.pause()
        await pilot.press("f6")  # 五: a text area
        await pilot.pause()
        area = app.focused
        assert isinstance(area, ReportTextArea)
        await typed(pilot, "？")
        assert isinstance(app.screen, EditorScreen)
        assert area.text.endswith("？")


# --- keys that terminals keep for themselves ---------------------------------------------


async def test_ctrl_t_goes_to_the_previous_problem(example: Path):
    """Ctrl+B is tmux's prefix: inside tmux it never reaches the editor."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.set(CellRef("applications", "granted", "research"), 5)
        screen.revalidate()
        await pilot.press("f9", "ctrl+t")
        await pilot.pause()
        grid = app.focused
        assert isinstance(grid, ReportGrid)
        assert grid.cursor_ref.table == "applications"


def test_help_names_a_key_every_terminal_sends_before_an_f_key():
    """GNOME's and Xfce's terminals take F1 and F10; byobu takes F2 … F9."""
    keys = [key for _title, entries in HELP_SECTIONS for key, _ in entries]
    for key in keys:
        names = key.split(" 或 ")
        if len(names) > 1:
            assert not names[0].startswith(("F", "Shift+F")), key
    assert "Ctrl+T 或 Shift+F8" in keys
    assert not any("Ctrl+B" in key for key in keys)  # mentioned in a description only
    problems = dict(next(entries for title, entries in HELP_SECTIONS if title == "问题"))
    assert "tmux" in problems["Ctrl+T 或 Shift+F8"]
    switching = [key for key, _ in dict(HELP_SECTIONS)["切换部分、查找"]]
    assert switching.index("Ctrl+G") < switching.index("F10")


@pytest.mark.parametrize("width", [60, 80])
async def test_the_editors_key_line_keeps_help_and_quit(example: Path, width: int):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        line = str(editor(app).query_one("#keys").render())
        assert "帮助" in line and "退出" in line and "…" not in line
        assert " ?/F1 帮助" in line  # ? first: F1 may open the terminal's own help
        assert " ^N 下一问题" in line


@pytest.mark.parametrize("width", [60, 80])
async def test_the_folder_views_key_line_keeps_help_and_quit(tmp_path: Path, width: int):
    folder = county(tmp_path / "county")
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=(width, 20)) as pilot:
        screen = await settled(pilot)
        line = str(screen.query_one("#folder-keys").render())
        assert "帮助" in line and "退出" in line and "…" not in line
        assert line.index("?/F1") < line.index("帮助")


# --- Ctrl+L ---------------------------------------------------------------------------------


async def test_ctrl_l_writes_every_line_of_the_screen_again(example: Path):
    """What ``wall`` wrote over the editor stays until a full repaint: Textual otherwise
    writes only the regions that changed."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.pause()
        updates: list[object] = []
        shown_before = app._display

        def display(screen, renderable) -> None:
            updates.append(renderable)
            shown_before(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        await pilot.press("right")  # an ordinary key repaints only what changed
        await pilot.pause()
        assert updates and not any(isinstance(u, LayoutUpdate) for u in updates)
        updates.clear()
        await pilot.press("ctrl+l")
        await pilot.pause()
        full = [u for u in updates if isinstance(u, LayoutUpdate)]
        assert full and full[0].region.size == app.size  # every line, the whole width
        assert isinstance(app.screen, EditorScreen)  # nothing else happened


def test_the_palette_names_ctrl_g_before_the_f_key_of_a_part():
    from tui_report.formats import FORMAT_2021
    from tui_report.tui.editor.palette import CommandPalette

    keys = {c.name: c.keys for c in CommandPalette(in_grid=True, fmt=FORMAT_2021).commands}
    assert keys["转到 校验（全部问题）"] == "Ctrl+G 7 或 F10"
    assert keys["转到 封面（发布机关、年度、引言）"] == "Ctrl+G 0 或 F9"
    assert keys["上一个问题"] == "Ctrl+T 或 Shift+F8"
