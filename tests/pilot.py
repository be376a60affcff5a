"""Helpers for driving the editor with Textual's Pilot at 80x24."""

from __future__ import annotations

from textual import events

from tui_report.report.model import CellRef
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.widgets.grid import ReportGrid

SIZE = (80, 24)
NATURAL = CellRef("applications", "new_received", "natural_person")


def editor(app) -> EditorScreen:
    return next(s for s in app.screen_stack if isinstance(s, EditorScreen))


def status(app) -> str:
    """The status line's text, without the line breaks it was wrapped at."""
    return str(editor(app).query_one("#status").render()).replace("\n", "")


def header(app) -> str:
    return str(editor(app).query_one("#header-line").render())


async def open_matrix(pilot) -> ReportGrid:
    await pilot.press("f4")
    await pilot.pause()
    grid = pilot.app.focused
    assert isinstance(grid, ReportGrid) and grid.table.key == "applications"
    return grid


def burst(app, *keys: str) -> None:
    """Keys as one read from the terminal brings them: all queued before any is handled."""
    named = {
        "backspace": "\x7f",
        "enter": "\r",
        "tab": "\t",
        "ctrl+z": "\x1a",
        "ctrl+g": "\x07",
        "ctrl+c": "\x03",
        "ctrl+e": "\x05",
    }
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else named.get(key)))


def notifications(app) -> list[str]:
    """Textual's pop-up notifications shown (there must be none: they are English)."""
    return [str(n.message) for n in app._notifications]


async def ask_about_a_change_on_disk(pilot, path) -> str:
    """Edit a cell, change the file as a git pull would, press Ctrl+S; the file's new text."""
    from tui_report.tui.widgets.dialogs import Choice

    await open_matrix(pilot)
    await pilot.press("4", "3", "enter")
    theirs = path.read_text(encoding="utf-8").replace("licensing = 1287", "licensing = 1300")
    path.write_text(theirs, encoding="utf-8")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Choice)
    return theirs


async def exports_done(pilot) -> None:
    """Wait until the editor's export (written in a worker thread) has been written and said."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
