"""Finding (Ctrl+F), the command palette (Ctrl+P) and the key help at 80 and 60 columns."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui_report.formats import FORMAT_2021
from tui_report.report.model import CellRef
from tui_report.tui.editor.find import Find
from tui_report.tui.editor.help import help_text
from tui_report.tui.editor.keys import APP_KEYS, COMMANDS, HELP_SECTIONS
from tui_report.tui.editor.palette import CommandPalette
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.grid import ReportGrid

from ..pilot import NATURAL, SIZE, editor, open_matrix, status


async def find(pilot, query: str) -> None:
    await pilot.press("ctrl+f")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Find)
    await pilot.press(*query)
    await pilot.pause()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("行政强制", CellRef("art20_6", "enforcement", "decisions")),
        ("不掌握", CellRef("applications", "unavailable_not_held", "natural_person")),
        ("上年结转", CellRef("applications", "carried_over", "natural_person")),
        ("结果维持", CellRef("review_litigation", "review", "upheld")),  # a column
        ("（四） 不掌握", CellRef("applications", "unavailable_not_held", "natural_person")),
    ],
)
async def test_ctrl_f_finds_a_row_in_any_part(example: Path, query: str, found: CellRef):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)  # part 三
        await find(pilot, query)
        await pilot.press("enter")
        await pilot.pause()
        grid = app.focused
        assert isinstance(grid, ReportGrid)
        assert grid.cursor_ref == found
        assert "已跳到" in status(app)


async def test_ctrl_f_finds_words_in_the_narrative(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "统计期限")
        await pilot.press("enter")
        await pilot.pause()
        area = app.focused
        assert area.id == "text-intro"
        offset = area.document.get_index_from_location(area.cursor_location)
        assert area.text[offset : offset + 4] == "统计期限"
        assert area.selected_text == ""  # nothing selected that the next key would replace


async def test_ctrl_f_with_nothing_found_stays_open_and_escape_closes(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "不存在的字")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Find)
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app).report.get(NATURAL) == 42 and isinstance(app.focused, ReportGrid)


def test_the_palette_lists_every_action_of_the_editor():
    palette = CommandPalette(in_grid=True, fmt=FORMAT_2021)
    listed = {key for _line, key in palette.choices("")}
    keys_of: dict[str, set[str]] = {}
    for bound, action, _label, _show in APP_KEYS:
        keys_of.setdefault(action, set()).update(bound.split(","))
    for action, keys in keys_of.items():
        if action in ("commands", "next_field(1)", "next_field(-1)", "part_bar", "copy"):
            continue  # the palette itself; Tab, ↑ and Ctrl+C do what the place does
        assert keys & listed, action
    grid_keys = {b.key for b in ReportGrid.BINDINGS if b.action not in ("move(-1, 0)",)}
    for command in COMMANDS:
        if command.grid_only:
            assert command.key in grid_keys, command.name
    names = [line.split("  ")[0] for line, _key in palette.choices("")]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in name) for name in names)  # Chinese


async def test_ctrl_p_runs_an_action_where_the_cursor_is(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"复制整行", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.clipboard == "42\t5\t1\t0\t2\t1\t51"


async def test_grid_commands_are_offered_only_in_a_table(example: Path):
    palette = CommandPalette(in_grid=False, fmt=FORMAT_2021)
    lines = dict(palette.choices("复制单元格"))
    [(line, key)] = lines.items()
    assert key is None and "在表格中可用" in line


@pytest.mark.parametrize("width", [80, 60, 40])
def test_help_fits_the_terminal_and_keeps_keys_apart(width: int):
    inner = width - 6  # the dialog's border, padding and scroll bar
    lines = help_text(inner).plain.split("\n")
    assert max(cell_len(line) for line in lines) <= inner
    descriptions = [d for _t, keys in HELP_SECTIONS for _k, d in keys]
    joined = "".join(line.strip() for line in lines)
    for description in descriptions:  # every word is there, wrapped or not
        assert description.replace(" ", "") in joined.replace(" ", "")
    for _title, keys in HELP_SECTIONS:
        for key, _description in keys:
            line = next(line for line in lines if line.startswith(f"  {key}"))
            rest = line[len(f"  {key}") :]
            assert rest == "" or rest.startswith("  "), (key, line)  # never run together


@pytest.mark.parametrize("in_grid", [True, False])
def test_the_palette_keeps_every_key_apart_from_its_name_in_one_column(in_grid: bool):
    palette = CommandPalette(in_grid=in_grid, fmt=FORMAT_2021)
    starts = set()
    for line, _key in palette.choices(""):
        command = next(
            c for c in palette.commands if line.startswith(c.name) and line.endswith(c.keys)
        )
        name_part = line[: -len(command.keys)].split("\n")[-1]
        assert name_part.endswith("  "), line  # 转到 四、…情况F5 ran together
        starts.add(cell_len(name_part))
    assert len(starts) == 1  # the keys line up


@pytest.mark.parametrize("width", [80, 60])
async def test_the_palette_fits_the_terminal_with_every_key_whole(example: Path, width: int):
    from textual.widgets import OptionList

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(width, 24)) as pilot:
        await open_matrix(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        room = options.scrollable_content_region.width
        for index in range(options.option_count):
            prompt = str(options.get_option_at_index(index).prompt)
            assert all(cell_len(line) <= room for line in prompt.split("\n")), prompt
        for command in palette.commands:  # each key whole on one line (F8 或 | Ctrl+N)
            assert any(
                line.endswith(command.keys)
                for index in range(options.option_count)
                for line in str(options.get_option_at_index(index).prompt).split("\n")
            ), command.keys


@pytest.mark.parametrize("width", [80, 74, 60, 40])
def test_help_never_breaks_a_latin_word_across_lines(width: int):
    words = {w for _t, keys in HELP_SECTIONS for _k, d in keys for w in re.findall(r"[A-Za-z]+", d)}
    lines = help_text(width - 6).plain.split("\n")
    for line, following in pairwise(lines):
        head = re.search(r"[A-Za-z]+$", line)
        tail = re.match(r"[A-Za-z]+", following.strip())
        if head and tail:  # e.g. Markdow | n
            assert head.group() in words and tail.group() in words, (line, following)


def test_the_help_for_ctrl_o_names_every_kind_of_export():
    """F1's line for Ctrl+O names each kind the export dialog offers (PDF was missing)."""
    from tui_report.export import EXPORT_FORMATS
    from tui_report.tui.editor.export_dialog import EXPORT_KEYS

    said = dict(line for _section, lines in HELP_SECTIONS for line in lines)["Ctrl+O"]
    assert set(EXPORT_KEYS) == set(EXPORT_FORMATS)
    for kind in EXPORT_FORMATS.values():
        assert kind.label in said, kind.label


def test_a_text_area_leaves_ctrl_f_to_find():
    """Textual 6 binds Ctrl+F in a TextArea to deleting a word: there Find never opened."""
    from tui_report.tui.widgets.text_area import ReportTextArea

    keys = {key for binding in ReportTextArea.BINDINGS for key in binding.key.split(",")}
    assert "ctrl+f" not in keys and "ctrl+w" in keys
