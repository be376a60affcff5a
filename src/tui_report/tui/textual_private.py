"""Every use of Textual's private API, in one place, each with the upstream issue whose
fix would let it go. ``tests/ui/test_textual_private.py`` checks the shapes relied on here
(``check_shapes``), so that an upgrade of Textual that changes one fails with one clear
message instead of a wrong key order or a traceback in the editor.

- Keys in the order typed (Textual issue #6605, open; pull request #6631 runs a widget's
  own bindings inline): a widget sees each key first (``EarlyKeys``, through the private
  ``_on_key`` handler that Textual calls for every class of the widget), runs the key's
  binding at once (``run_binding``, through ``App._check_bindings``) when the widget has
  one (``own_binding_keys``: ``Widget._bindings``), and restarts the cursor's blink as
  Textual's own key handlers do (``restart_blink``: ``_restart_blink``). Used by
  ``key_order``. Drop when a Textual release runs bound keys in order with typed ones.
- Chinese soft wrapping in ``TextArea`` (``set_word_pattern``): ``textual._wrap.re_chunk``
  is the pattern its wrapping splits a line into words by; Textual has no setting for
  it. The nearest upstream issue, #3567 (closed), was about ``Static``. Used by
  ``cjk_wrap``. Drop when TextArea wraps between CJK characters by itself.
- Undoing a paste of many lines in ``TextArea`` ended the editor with a traceback
  (Textual issue #6686, open; pull request #6687): ``undo_half_done`` tells when the
  undo has shortened the text but not yet moved the cursor back, and scrolling to the
  cursor waits. Public API only, but a workaround of a bug: used by
  ``widgets/text_area``. Drop when #6686 is fixed in the lowest Textual supported.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from textual import _wrap, events
from textual.app import App
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.widgets import TextArea  # loaded with the first part that has prose


class EarlyKeys:
    """Mixed into a widget, before its Textual class: the widget sees every key
    (``key_arrived``) before the key handlers of its classes run (Textual's private
    ``_on_key`` handler, called for each class in turn: stopping the event's default
    there keeps the rest from running). Not a ``Widget`` itself: Textual takes a
    widget's styles from its first base that is one."""

    async def _on_key(self, event: events.Key) -> None:
        await self.key_arrived(event)

    async def key_arrived(self, event: events.Key) -> None:
        """A key, before anything else of the widget sees it."""


async def run_binding(app: App[object], key: str) -> bool:
    """Run the binding of ``key`` as Textual would when the key reaches the app (the
    focused widget's first, then its parents'); whether one ran."""
    return await app._check_bindings(key)


def own_binding_keys(widget: Widget) -> Collection[str]:
    """The keys ``widget`` itself binds."""
    return widget._bindings.key_to_bindings.keys()


def restart_blink(widget: Widget) -> None:
    """The cursor of an input or a text area shown at once again, as after a key."""
    restart = getattr(widget, "_restart_blink", None)
    if callable(restart):
        restart()


def set_word_pattern(pattern: str) -> None:
    """The pattern TextArea's soft wrapping splits lines into words by (compiled once;
    left alone if Textual no longer has one)."""
    current = getattr(_wrap, "re_chunk", None)
    if isinstance(current, re.Pattern) and current.pattern != pattern:
        _wrap.re_chunk = re.compile(pattern)


def undo_half_done(area: TextArea) -> bool:
    """Whether the cursor is past the end of the text: an undo half done (#6686)."""
    return area.selection.end[0] >= area.document.line_count


def check_shapes() -> list[str]:
    """What this module relies on and the installed Textual no longer has (empty: all)."""
    from textual.widgets import Input, TextArea

    missing: list[str] = []

    def need(found: bool, what: str) -> None:
        if not found:
            missing.append(what)

    check = getattr(App, "_check_bindings", None)
    need(
        inspect.iscoroutinefunction(check)
        and list(inspect.signature(check).parameters)[:3] == ["self", "key", "priority"],
        "App._check_bindings(self, key, priority) as a coroutine",
    )
    for cls in (Widget, Input, TextArea):
        handler = cls.__dict__.get("_on_key")
        need(inspect.iscoroutinefunction(handler), f"{cls.__name__}._on_key as a coroutine")
    for cls in (Input, TextArea):
        need(callable(getattr(cls, "_restart_blink", None)), f"{cls.__name__}._restart_blink")
    bindings = getattr(Input(), "_bindings", None)
    need(
        isinstance(getattr(bindings, "key_to_bindings", None), dict),
        "Widget._bindings.key_to_bindings as a dict",
    )
    chunk = getattr(_wrap, "re_chunk", None)
    need(isinstance(chunk, re.Pattern), "textual._wrap.re_chunk as a compiled pattern")
    wrap_offsets, chunks = (
        getattr(_wrap, name, None) for name in ("compute_wrap_offsets", "chunks")
    )
    need(  # the module's global looked up at each call: replacing it changes the wrapping
        "chunks" in getattr(getattr(wrap_offsets, "__code__", None), "co_names", ())
        and "re_chunk" in getattr(getattr(chunks, "__code__", None), "co_names", ()),
        "textual._wrap.compute_wrap_offsets splitting words by the global re_chunk",
    )
    need(
        list(inspect.signature(TextArea.scroll_cursor_visible).parameters)[:3]
        == ["self", "center", "animate"],
        "TextArea.scroll_cursor_visible(self, center, animate)",
    )
    return missing
