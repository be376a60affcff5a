"""Keys in the order they were typed, however fast they arrive.

Textual handles a typed character in the focused widget at once, but a bound key
(Backspace, Enter, arrows, and the editor's own keys: F-keys, Ctrl+Z, Ctrl+S)
only after its event has bubbled up to the app. When several keys arrive in one
read — fast typing, or any typing over a slow SSH link — the character after a
Backspace is entered first and the Backspace then deletes it: ``1 2 ⌫ 3`` became
12, not 13 (Textual issue #6605). The editor's fields and grids therefore run
every key binding as the key arrives, with the same bindings in the same order
as Textual would use (the focused widget first, then its parents, leaving out
keys the widget types as text), and a key that arrives after an earlier key of
the same burst moved the focus goes where the focus now is.

This relies on Textual's private API, through ``textual_private`` (its checks fail
with one clear message when an upgrade changes it).
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.widget import Widget

from .textual_private import EarlyKeys, own_binding_keys, restart_blink, run_binding


class OwnBindingsFirst(EarlyKeys):
    """Mixed into a focusable widget (before its Textual class): its key bindings run as
    the key arrives, in order with the characters it inserts; other keys go on to the
    widget as usual."""

    def key_for_elsewhere(self, event: events.Key) -> bool:
        """Pass on a key that arrived after an earlier key of its burst moved the focus.

        A widget that handles keys in its own ``on_key`` calls this first.
        """
        assert isinstance(self, Widget)  # mixed into widgets only
        active = self.app.screen  # a dialog an earlier key opened, or this widget's screen
        target = active.focused or active
        if target is self:
            return False
        event.stop()
        event.prevent_default()
        target.post_message(events.Key(event.key, event.character))
        return True

    async def key_arrived(self, event: events.Key) -> None:
        assert isinstance(self, Widget)  # mixed into widgets only
        if self.key_for_elsewhere(event):
            return
        if self.check_consume_key(event.key, event.character) and event.key not in (
            own_binding_keys(self)
        ):
            return  # text for the widget: no binding can take it (and typing stays cheap)
        if await run_binding(self.app, event.key):
            event.stop()  # handled: it must not run again when it reaches the app
            event.prevent_default()  # and the base classes' key handlers are not run
            restart_blink(self)  # as the base classes do after a key
        # not handled here: Textual goes on to the base classes' ``_on_key`` itself


ResultT = TypeVar("ResultT")


class AnswerOnce(ModalScreen[ResultT]):
    """A dialog that takes the first answer only: keys of the same burst that arrive
    after it (``Ctrl+G 3 7``: the 7) neither answer it a second time nor reach the
    screen below, where the focus has not yet moved; they are dropped."""

    _answered = False

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._answered or self.app.screen is not self:
            return AwaitComplete(asyncio.sleep(0))
        self._answered = True
        return super().dismiss(result)

    def on_key(self, event: events.Key) -> None:
        if self._answered:  # the rest of the burst: not for the screen below either
            event.stop()
            event.prevent_default()
