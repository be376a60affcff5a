"""A one-line field of the editor (发布机关, 年度, and the dialogs' fields), with its own undo.

Textual's Input has no undo; without one, Ctrl+Z in the agency field would fall
through to the cells and undo a number in another part. Typing is undone in runs
(a burst of typed characters, a run of deletions), as in a text area; when the
field has nothing left to undo, Ctrl+Z goes on to the editor's cell history.
"""

from __future__ import annotations

import time
from typing import Any

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Input

from ..key_order import OwnBindingsFirst

RUN_PAUSE = 1.0  # seconds without typing that end a run of typing (one undo step)


class FieldInput(OwnBindingsFirst, Input):
    BINDINGS = [
        Binding("ctrl+z", "undo", "撤销", show=False),
        Binding("ctrl+y", "redo", "重做", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._undo: list[str] = []
        self._redo: list[str] = []
        self._last_kind: str | None = None
        self._last_time = 0.0
        self._restoring = True  # the value it starts with is no edit
        super().__init__(*args, **kwargs)
        self._restoring = False

    def watch_value(self, old: str, new: str) -> None:
        if self._restoring or old == new:
            return
        kind = "insert" if len(new) > len(old) else "delete"
        now = time.monotonic()
        if kind != self._last_kind or now - self._last_time > RUN_PAUSE or not self._undo:
            self._undo.append(old)
        self._last_kind, self._last_time = kind, now
        self._redo.clear()

    @property
    def edited(self) -> bool:
        """Whether what it holds was typed here (and not undone), not shown by the program."""
        return bool(self._undo)

    def show(self, value: str) -> None:
        """Put ``value`` in the field as the program's, not as an edit: undo starts afresh."""
        self._restore(value)
        self._undo.clear()
        self._redo.clear()

    def _restore(self, value: str) -> None:
        self._restoring = True
        try:
            self.value = value
        finally:
            self._restoring = False
        self.cursor_position = len(value)
        self._last_kind = None

    def action_undo(self) -> None:
        if not self._undo:
            raise SkipAction()  # nothing of its own: Ctrl+Z goes on to the editor
        self._redo.append(self.value)
        self._restore(self._undo.pop())

    def action_redo(self) -> None:
        if not self._redo:
            raise SkipAction()
        self._undo.append(self.value)
        self._restore(self._redo.pop())
