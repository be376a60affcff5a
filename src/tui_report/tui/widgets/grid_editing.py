"""What the grid does with typed keys: entering and editing a cell, pasting, copying.

Two ways of typing into a cell, as in a spreadsheet: typing a digit starts a new
value (the arrows then confirm it and move on), and Ctrl+E edits the value in
place with a caret (the arrows, Home and End then move within it). Enter, Tab
or moving away confirms; Esc gives the value up.
"""

from __future__ import annotations

from textual import events

from ...document.fields import as_typed
from ...report.values import format_value, normalize_typed
from .grid_moves import CursorMoves
from .literal import visible

STARTS_NUMBER = set("0123456789.-+")  # after full-width forms became ASCII
MAX_BUFFER = 40


class CellEditing(CursorMoves):
    """The grid with its typing keys: what they do to the value being typed (``buffer``)."""

    # --- the buffer -----------------------------------------------------------------

    def _start(self, text: str, in_place: bool) -> None:
        self.buffer = text[:MAX_BUFFER]
        self.caret = len(self.buffer)
        self.in_place = in_place
        self.refresh_values()
        self.post_message(self.EditStarted(self))

    def _insert(self, text: str) -> None:
        assert self.buffer is not None
        text = text[: max(MAX_BUFFER - len(self.buffer), 0)]
        self.buffer = self.buffer[: self.caret] + text + self.buffer[self.caret :]
        self.caret += len(text)
        self.refresh_values()

    def _cancel(self) -> None:
        self.buffer, self.caret, self.in_place = None, 0, False
        self.refresh_values()

    # --- keys ---------------------------------------------------------------------

    async def action_enter(self) -> None:
        typed = self.buffer
        if typed is not None and not self._commit():
            return
        await self.move_down_after_entry(typed)

    def action_backspace(self) -> None:
        if self.buffer is not None:
            if self.caret > 0:
                self.buffer = self.buffer[: self.caret - 1] + self.buffer[self.caret :]
                self.caret -= 1
            self.refresh_values()
            return
        self.action_clear()

    def action_clear(self) -> None:
        """Delete: the character after the caret when editing in place, what is being typed
        when entering a new value, else the cell (to 0)."""
        if self.buffer is not None:
            if self.in_place:
                self.buffer = self.buffer[: self.caret] + self.buffer[self.caret + 1 :]
            else:
                self.buffer, self.caret = "", 0
            self.refresh_values()
            return
        if self._refuse_derived():
            return
        self.just_entered = False
        self._request("0")

    def action_edit_in_place(self) -> None:
        """Ctrl+E: change the cell's value instead of typing it again."""
        if self.buffer is not None:
            self.in_place = True
            self.refresh_values()
            return
        if self._refuse_derived():
            return
        self.just_entered = False
        ref = self.cursor_ref
        value = self.report.get(ref)
        bad = self.report.bad_cells.get(ref)
        text = format_value(value) if value is not None else (as_typed(bad.raw) if bad else "")
        self._start(text, True)

    def on_key(self, event: events.Key) -> None:
        if self.key_for_elsewhere(event):
            return
        if event.key == "escape" and self.buffer is not None:
            event.stop()
            event.prevent_default()
            self._cancel()
            return
        character = event.character
        if not character or not event.is_printable or character in "?？":
            return  # not for the grid (? opens the help, and so does a Chinese input's ？)
        event.stop()
        event.prevent_default()
        character = normalize_typed(character) or character
        if self.buffer is not None:
            self._insert(character)
            return
        if self._refuse_derived():
            return
        if self.just_entered:
            value = self._shown[self.cursor_row][self.cursor_col]
            self.post_message(
                self.Refused(
                    self,
                    f"光标还在刚确认的 {value} 上（光标无处可去，没有移走）：要改它请按 Ctrl+E，"
                    "输入下一个数前请先移动光标",
                )
            )
            return
        if character in STARTS_NUMBER:
            self._start(character, in_place=False)
        elif character.isdigit():
            self.post_message(
                self.Refused(self, f"“{character}”不是 0–9 的数字：请用半角或全角的 0–9")
            )
        else:
            self.post_message(
                self.Refused(self, f"“{visible(character)}”不是数字：请直接输入数字，按 Enter 确认")
            )

    def _refuse_derived(self) -> bool:
        if self.cell_is_derived(self.cursor_row, self.cursor_col):
            self.post_message(self.Refused(self, "总计由程序根据各项自动计算，不能输入"))
            return True
        return False

    # --- the clipboard ------------------------------------------------------------------

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        target = self.app.screen.focused or self.app.screen
        if target is not self:  # an earlier key of the burst moved the focus: it goes there
            target.post_message(events.Paste(event.text))
            return
        self.paste_text(event.text)

    def paste_text(self, text: str) -> None:
        """A value or a block of values (tab- and newline-separated), all or nothing."""
        from ...document import paste  # when first used: a quicker start

        block = paste.split_block(text)
        if not paste.has_values(block):
            self.post_message(self.Told(self, "粘贴的内容是空的，没有修改（要清零请按 Delete）"))
            return
        if paste.is_single_value(block) and self.buffer is not None:
            self._insert(block[0][0].strip())  # into the value being typed
            return
        if self.buffer is not None and not self._commit():
            return
        self.just_entered = False
        try:
            plan = paste.plan_paste(
                self.report, self.table, self.cursor_row, self.cursor_col, block
            )
        except paste.PasteRefused as exc:
            self.post_message(self.Refused(self, exc.message, pasted=True))
            return
        if self.apply_edits is not None:
            self.apply_edits(plan.changes, plan.describe())

    def action_copy_cell(self) -> None:
        """Ctrl+C: the cell's value to the clipboard (OSC 52, the terminal's clipboard)."""
        from ...document import paste  # when first used: a quicker start

        text = (
            self.buffer
            if self.buffer is not None
            else paste.cell_text(self.report, self.cursor_ref)
        )
        self._copy(text, None)

    def action_copy_row(self) -> None:
        """Ctrl+R: the cursor's row, tab-separated, as a spreadsheet row."""
        from ...document import paste  # when first used: a quicker start

        self._copy(
            paste.row_text(self.report, self.table, self.cursor_row), len(self.table.columns)
        )

    def _copy(self, text: str, row_values: int | None) -> None:
        """To the terminal's clipboard, saying 已复制 only where it is known to arrive."""
        import os

        from .clipboard import clipboard_reach, copy_message

        self.app.copy_to_clipboard(text)  # and to this editor's own, for Ctrl+V
        reach = clipboard_reach(os.environ)
        self.post_message(self.Told(self, copy_message(reach, text, row_values)))

    def action_paste_clipboard(self) -> None:
        """Ctrl+V: what this editor copied last (the terminal's own paste works anywhere)."""
        if not self.app.clipboard:
            self.post_message(
                self.Told(
                    self,
                    "剪贴板是空的：先按 Ctrl+C（单元格）或 Ctrl+R（整行）复制；"
                    "从其他程序复制的内容请用终端的粘贴（如 Ctrl+Shift+V 或鼠标右键）",
                )
            )
            return
        self.paste_text(self.app.clipboard)
