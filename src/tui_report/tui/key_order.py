"""Keys in the order they were typed, however fast they arrive.

Textual handles a typed character in the focused widget at once, but a bound key
(Backspace, Enter, arrows) only after its event has bubbled up to the app. When
several keys arrive in one read — fast typing, or any typing over a slow SSH
link — the character after a Backspace is entered first and the Backspace then
deletes it: ``1 2 ⌫ 3`` becomes 12, not 13 (Textual issue #6605). The editor's
fields run their own bindings as the key arrives instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class OwnBindingsFirst(_Base):
    """Mixin for a focusable widget: its own (non-priority) key bindings run in
    ``_on_key``, in order with the characters it inserts; other keys go on as usual."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran priority bindings before the key came here
            if await self.app.run_action(binding.action, self):
                event.stop()  # handled: it must not run again when it reaches the app
                event.prevent_default()  # and the base classes' key handlers are not run
                return
        # not handled here: Textual goes on to the base classes' ``_on_key`` itself


class FieldInput(OwnBindingsFirst, Input):
    """A one-line field of the editor (发布机关, 年度, and the dialogs' fields)."""
