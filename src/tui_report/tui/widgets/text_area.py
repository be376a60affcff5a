"""The editor's text area: Textual's TextArea without its F-key bindings.

TextArea binds F6 (select line) and F7 (select all); in this editor the F-keys
switch parts, and a selection that the next keystroke replaces would lose a
whole part's text. Chinese soft wrapping is installed with the first one made.

It opens with the cursor at the end of the text (where a clerk adds to it), goes
to the start or end with Ctrl+Home / Ctrl+End, and undoes its own edits first:
only when it has nothing left to undo does Ctrl+Z go on to the cells.

Ctrl+Z after pasting many lines ended the editor with a traceback (Textual issue
#6686, open): the undo shortens the text while the cursor is still in the pasted
lines, the scroll bar goes, and scrolling to that cursor fails. Scrolling waits
here until the undo has put the cursor back, which it does next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.geometry import Offset
from textual.widgets import TextArea

from .. import cjk_wrap
from ..key_order import OwnBindingsFirst
from ..textual_private import undo_half_done

# Whether a paste (the text pasted, the text it replaces) is refused: the owner says why.
PasteCheck = Callable[[str, str], bool]


# Keys a TextArea of some supported Textual binds that the editor uses for itself: Ctrl+F
# (查找) deleted a word rightward in a text area before Textual 7.
_THE_EDITORS = frozenset({"ctrl+f"})


def _left_to_the_editor(key: str) -> bool:
    return (key.startswith("f") and key[1:].isdigit()) or key in _THE_EDITORS


def _without_the_editors_keys(bindings: list[BindingType]) -> list[BindingType]:
    kept: list[BindingType] = []
    for binding in bindings:
        if isinstance(binding, Binding):
            keys = [k for k in binding.key.split(",") if not _left_to_the_editor(k)]
            if not keys:
                continue
            binding = Binding(
                ",".join(keys),
                binding.action,
                binding.description,
                show=binding.show,
                key_display=binding.key_display,
                priority=binding.priority,
            )
        kept.append(binding)
    return kept


class ReportTextArea(OwnBindingsFirst, TextArea, inherit_bindings=False):
    BINDINGS = [
        *_without_the_editors_keys(list(TextArea.BINDINGS)),
        Binding("ctrl+home", "document_edge(0)", "到开头", show=False),
        Binding("ctrl+end", "document_edge(1)", "到末尾", show=False),
    ]

    def __init__(self, *args: Any, paste_check: PasteCheck | None = None, **kwargs: Any) -> None:
        cjk_wrap.install()
        super().__init__(*args, **kwargs)
        self.paste_check = paste_check

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)

    def action_document_edge(self, end: int) -> None:
        self.move_cursor(self.document.end if end else (0, 0))

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        if undo_half_done(self):  # Textual #6686: see textual_private
            return Offset()
        return super().scroll_cursor_visible(center, animate)

    def on_paste(self, event: events.Paste) -> None:
        """A paste that would make the report file too large to save is refused at once
        (``paste_check`` says why), not found out at the save."""
        if self.paste_check is not None and self.paste_check(event.text, self.selected_text):
            event.prevent_default()  # TextArea's own paste does not run
            event.stop()

    def action_undo(self) -> None:
        if not self.history.undo_stack:
            raise SkipAction()  # nothing of its own: Ctrl+Z goes on to the editor
        super().action_undo()

    def action_redo(self) -> None:
        if not self.history.redo_stack:
            raise SkipAction()
        super().action_redo()
