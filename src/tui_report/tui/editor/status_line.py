"""The editor's status line: the counts of errors and warnings, and one message.

A message says what a key did (已粘贴…, 未输入…, 已跳到…) and belongs to where the
cursor was once that key was done: it goes when the cursor moves from there (to another
cell, or within a text or a field) or when the next edit starts, and a message that
tells a problem follows the problem (gone once an edit mends it). Without a message,
the status line tells the problem at the cursor, if there is one. Long lines wrap
between Chinese characters, never cut.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Input, Static

from ...document.document import ReportDocument
from ...report.model import CellRef
from ...report.problems import Problem, count
from ..widgets.grid import ReportGrid
from ..widgets.literal import literal
from ..widgets.wrapped import wrapped

# the focused widget, and the cell in a grid (or the place in a text, in a field)
CursorPlace = tuple[str | None, CellRef | tuple[int, int] | int | None]


class StatusLine(Static):
    def __init__(self, document: ReportDocument, *, id: str) -> None:
        super().__init__(id=id)
        self.document = document
        self.message = Text()
        self.about: Problem | None = None  # the problem the message tells, if one
        self._place: CursorPlace | None = None  # where the cursor was when said
        self._serial = 0
        self._lines = 1
        self._shown: Text | None = None

    def say(self, message: str, style: str = "", about: Problem | None = None) -> None:
        """A message until the cursor moves or the next one (literal text).

        The message belongs to where the cursor is once the key that caused it is done
        (Enter both saves a value and moves down): that place is taken after the screen
        is next painted, and moving from it clears the message. A message telling a
        problem (``about``) follows it: it goes when an edit mends the problem."""
        self.message = literal(message, style)
        self.about = about
        self._place = None
        self._serial += 1
        self.call_after_refresh(self._anchor, self._serial)
        self.show_status()

    def _anchor(self, serial: int) -> None:
        if serial == self._serial:
            self._place = self.cursor_place()

    def cursor_place(self) -> CursorPlace:
        """Where the cursor is: the widget, and the cell, the place in a text or a field."""
        from textual.widgets import TextArea  # loaded with the first part that has prose

        focused = self.screen.focused
        if isinstance(focused, ReportGrid):
            return (focused.id, focused.cursor_ref)
        if isinstance(focused, TextArea):
            return (focused.id, focused.cursor_location)
        if isinstance(focused, Input):
            return (focused.id, focused.cursor_position)
        return (focused.id if focused else None, None)

    def forget(self) -> None:
        """The message goes (shown so at the next ``show_status``)."""
        self.message = Text()

    def clear_stale(self) -> None:
        """A message said at another place of the cursor is no longer about where it is."""
        anchored = self._place is not None
        if self.message and anchored and self.cursor_place() != self._place:
            self.message = Text()
        self.show_status()

    def clear_for_edit(self) -> None:
        """An edit starts (a digit typed into a cell, a character into a text or a field):
        what was said before it (a refused key, where a jump went) is no longer so."""
        if self.message:
            self.message = Text()
            self.about = None
            self.show_status()

    def follow_told_problem(self) -> None:
        """The problem told before this edit, as it is now (gone: no message)."""
        told = self.about
        if told is None or not self.message:  # the message was cleared since
            self.about = None
            return
        same = (told.rule, told.location, told.cells)
        problems = self.document.problems
        now = next((p for p in problems if (p.rule, p.location, p.cells) == same), None)
        self.about = now
        self.message = literal(now.message) if now else Text()

    def show_status(self, again: bool = False) -> None:
        """Show the counts and the message (or the problem at the cursor); ``again``:
        laid out anew (the width changed)."""
        if again:
            self._shown = None
        errors, warnings = count(self.document.problems)
        text = Text(end="")
        text.append(f"错误 {errors}", style="bold reverse" if errors else "")
        text.append(f"  警告 {warnings}", style="bold" if warnings else "")
        detail = self.message or self._problem_at_cursor()
        if detail:
            text.append(" │ ")
            text.append_text(detail)
        if text == self._shown:  # repaint the line only when it changes
            return
        self._shown = text
        room = self.size.width or self.app.size.width - 2  # the width inside padding 0 1
        lines = 1
        if cell_len(text.plain) > room:  # never cut: wrapped, between Chinese characters
            text = wrapped(text, room)
            lines = text.plain.count("\n") + 1
        self.update(text, layout=lines != self._lines)
        if lines != self._lines:
            self._lines = lines
            self.styles.height = lines

    def _problem_at_cursor(self) -> Text:
        focused = self.screen.focused
        if isinstance(focused, ReportGrid):
            ref = focused.cursor_ref
            for problem in self.document.problems:
                if ref in problem.cells:
                    return literal(problem.message)
        return Text()
