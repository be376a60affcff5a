"""After a change the editor draws only what changed (issue 26, B2): the grid takes again
the looks of the lines whose values, problem cells or cursor changed, the cell labels
follow a move at once (in the same frame), and the screen is what a full redraw gives
after edits, undo, redo, a paste, a merge with the file on disk and a text edit that
changes a narrative rule's finding (Pilot, 80x24)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.widgets import Static

from tui_report.rules import validate
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.grid import ReportGrid
from tui_report.tui.widgets.text_area import ReportTextArea

from ..pilot import NATURAL, SIZE, ask_about_a_change_on_disk, editor, open_matrix, status


def fresh_signatures(grid) -> list[tuple[object, ...]]:
    return [grid._line_signature(i) for i in range(len(grid.table.outline))]


async def drawn_as_anew(pilot) -> None:
    """What is on screen is what drawing every widget again from the report gives."""
    app = pilot.app
    await pilot.pause()
    screen = editor(app)
    for grid in screen.parts.grids:  # those on screen; none yet: all drawn at the next
        if grid.region.area:
            assert grid._signatures in ([], fresh_signatures(grid)), grid.table.key
    shown = app.export_screenshot()
    for grid in screen.parts.grids:
        grid._line_styles = None  # the styles it keeps between frames, taken anew
    for widget in screen.query("*"):
        widget.refresh()
    screen.status.show_status(again=True)
    screen.header_line.show_header(again=True)
    await pilot.pause()
    assert app.export_screenshot() == shown
    found = validate(screen.report, screen.loaded.structure)
    assert sorted(map(repr, screen.problems)) == sorted(map(repr, found))


async def test_an_enter_takes_again_only_the_lines_it_changed(example: Path, monkeypatch):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("down", "up")
        await pilot.pause()
        taken: list[int] = []
        take = grid._line_signature
        monkeypatch.setattr(grid, "_line_signature", lambda i: taken.append(i) or take(i))
        await pilot.press("4", "3", "enter")
        await pilot.pause()
        assert "错误 2" in status(app)
        lines = len(grid.table.outline)
        assert 0 < len(set(taken)) < lines / 2  # the row, its totals, the cursor's rows
        assert grid._signatures == fresh_signatures(grid)
        await drawn_as_anew(pilot)


async def test_the_cell_labels_follow_a_move_at_once(example: Path):
    """Told with the move, not by a message handled after the frame that draws it."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        label = editor(app).query_one("#cell-applications", Static)
        before = str(label.render())
        grid.move_to(grid.cursor_row + 1, grid.cursor_col)  # no message handled after it
        after = str(label.render())
        assert after != before and after.startswith(grid.describe_cursor()[:6])


async def test_edits_undo_redo_and_a_paste_are_drawn_as_a_full_redraw_would(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        await drawn_as_anew(pilot)
        assert "错误 2" in status(app)
        await pilot.press("right", "7", "enter", "down", "down", "9", "enter")
        await drawn_as_anew(pilot)
        await pilot.press("ctrl+z")
        await drawn_as_anew(pilot)
        await pilot.press("ctrl+z", "ctrl+z")
        await drawn_as_anew(pilot)
        assert "错误 0" in status(app)
        await pilot.press("ctrl+y")
        await drawn_as_anew(pilot)
        assert editor(app).report.get(NATURAL) == 43
        grid.post_message(events.Paste("1\t2\t3\r\n4\t5\t6\n"))
        await drawn_as_anew(pilot)
        assert "已粘贴" in status(app)
        await pilot.press("ctrl+z")
        await drawn_as_anew(pilot)


async def test_a_change_of_focus_or_theme_is_drawn_with_the_new_styles(example: Path):
    """A grid keeps the styles it draws with between frames: the cursor drawn unfocused
    when the focus leaves for the part bar, and every colour of another theme."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        await drawn_as_anew(pilot)
        focused = app.export_screenshot()
        screen = editor(app)
        screen.moves.focus_now(screen.tabs)
        await drawn_as_anew(pilot)
        assert app.export_screenshot() != focused
        grid.focus()
        await drawn_as_anew(pilot)
        assert app.export_screenshot() == focused
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await drawn_as_anew(pilot)
        assert app.export_screenshot() != focused


async def test_a_text_that_changes_a_narrative_finding_is_drawn_as_anew(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, ReportTextArea)
        assert status(app).startswith("错误 0  警告 0")
        area.insert("____", (0, 0))
        await drawn_as_anew(pilot)
        assert status(app).startswith("错误 0  警告 1")
        assert any(p.rule == "placeholder" for p in editor(app).problems)
        area.replace("", (0, 0), (0, 4))
        await drawn_as_anew(pilot)
        assert status(app).startswith("错误 0  警告 0")


async def test_a_merge_with_the_file_on_disk_and_its_undo_are_drawn_as_anew(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await ask_about_a_change_on_disk(pilot, example)
        await pilot.press("M")
        await pilot.pause()
        await pilot.pause()
        assert "已合并" in status(app)
        await open_matrix(pilot)
        await drawn_as_anew(pilot)
        await pilot.press("ctrl+z")
        await drawn_as_anew(pilot)
        await pilot.press("ctrl+y")
        await drawn_as_anew(pilot)


async def test_a_change_told_while_a_part_is_made_does_not_hide_its_grids(example: Path):
    """A pane is a child as soon as its mount begins, its grids only when it ends: a change
    told in between (last year's report found, from its thread) must not leave the list
    of grids without them, or edits there would not be shown, nor taken when saving."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        parts = screen.parts
        making = asyncio.ensure_future(parts.show("pane-proactive"))
        await asyncio.sleep(0)  # the mount begun, not ended
        assert parts.grids  # read as show_change reads it when told of a change
        await making
        await pilot.pause()
        mounted = {grid.id for grid in screen.query(ReportGrid)}
        assert {grid.id for grid in parts.grids} == mounted
        assert len(mounted) > 1
