"""The editor's status line: the counts of errors and warnings, and one message.

A message says what a key did (已粘贴…, 未输入…, 已跳到…) and belongs to where the
cursor was once that key was done: it goes when the cursor moves from there (to another
cell, or within a text or a field) or when the next edit starts, and a message that
tells a problem follows the problem (gone once an edit mends it). Without a message,
the status line tells the problem at the cursor, if there is one. Long lines wrap
between Chinese characters, never cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Input, Static

from ...report.model import CellRef
from ...report.problems import Problem, count
from ..widgets.grid import ReportGrid
from ..widgets.literal import literal
from ..widgets.wrapped import wrapped

if TYPE_CHECKING:
    from .screen import EditorScreen

    _Base = EditorScreen
else:
    _Base = object

# the focused widget, and the cell in a grid (or the place in a text, in a field)
CursorPlace = tuple[str | None, CellRef | tuple[int, int] | int | None]


class StatusLine(_Base):
    """Mixin of the editor screen."""

    def say(self, message: str, style: str = "", about: Problem | None = None) -> None:
        """A message in the status line until the cursor moves or the next one (literal text).

        The message belongs to where the cursor is once the key that caused it is done
        (Enter both saves a value and moves down): that place is taken after the screen
        is next painted, and moving from it clears the message. A message telling a
        problem (``about``) follows it: it goes when an edit mends the problem."""
        self.message = literal(message, style)
        self._message_about = about
        self._message_place = None
        self._message_serial += 1
        self.call_after_refresh(self._anchor_message, self._message_serial)
        self.update_status()

    def _anchor_message(self, serial: int) -> None:
        if serial == self._message_serial:
            self._message_place = self._place()

    def _place(self) -> CursorPlace:
        """Where the cursor is: the widget, and the cell, the place in a text or a field."""
        from textual.widgets import TextArea

        focused = self.focused
        if isinstance(focused, ReportGrid):
            return (focused.id, focused.cursor_ref)
        if isinstance(focused, TextArea):
            return (focused.id, focused.cursor_location)
        if isinstance(focused, Input):
            return (focused.id, focused.cursor_position)
        return (focused.id if focused else None, None)

    def clear_stale_message(self) -> None:
        """A message said at another place of the cursor is no longer about where it is."""
        anchored = self._message_place is not None
        if self.message and anchored and self._place() != self._message_place:
            self.message = Text()
        self.update_status()

    def clear_message_for_edit(self) -> None:
        """An edit starts (a digit typed into a cell, a character into a text or a field):
        what was said before it (a refused key, where a jump went) is no longer so."""
        if self.message:
            self.message = Text()
            self._message_about = None
            self.update_status()

    def update_status(self) -> None:
        errors, warnings = count(self.problems)
        text = Text(end="")
        text.append(f"错误 {errors}", style="bold reverse" if errors else "")
        text.append(f"  警告 {warnings}", style="bold" if warnings else "")
        detail = self.message or self._problem_at_cursor()
        if detail:
            text.append(" │ ")
            text.append_text(detail)
        if text == self._status_shown:  # repaint the line only when it changes
            return
        self._status_shown = text
        status = self.query_one("#status", Static)
        room = status.size.width or self.app.size.width - 2  # the width inside padding 0 1
        lines = 1
        if cell_len(text.plain) > room:  # never cut: wrapped, between Chinese characters
            text = wrapped(text, room)
            lines = text.plain.count("\n") + 1
        status.update(text, layout=lines != self._status_lines)
        if lines != self._status_lines:
            self._status_lines = lines
            status.styles.height = lines

    def _problem_at_cursor(self) -> Text:
        focused = self.focused
        if isinstance(focused, ReportGrid):
            ref = focused.cursor_ref
            for problem in self.problems:
                if ref in problem.cells:
                    return literal(problem.message)
        return Text()

    def _follow_told_problem(self) -> None:
        """The status line's problem, told before this edit, as it is now (gone: no message)."""
        told = self._message_about
        if told is None or not self.message:  # the message was cleared since
            self._message_about = None
            return
        same = (told.rule, told.location, told.cells)
        now = next((p for p in self.problems if (p.rule, p.location, p.cells) == same), None)
        self._message_about = now
        self.message = literal(now.message) if now else Text()
