"""The shapes of Textual's private API the editor relies on (tui/textual_private.py):
an upgrade of Textual that changes one fails here, with one message naming it."""

from __future__ import annotations

import importlib.metadata

from textual import _wrap
from textual.app import App
from textual.widgets import Input

from tui_report.tui import textual_private
from tui_report.tui.textual_private import check_shapes


def test_the_installed_textual_has_what_the_editor_relies_on():
    missing = check_shapes()
    version = importlib.metadata.version("textual")
    assert missing == [], (
        f"Textual {version} no longer has what tui/textual_private.py relies on: "
        + "; ".join(missing)
        + ". See the upstream issues listed there before raising the version range."
    )


def test_a_changed_shape_is_named(monkeypatch):
    async def check_bindings(self, key):  # the priority parameter gone
        return False

    monkeypatch.setattr(App, "_check_bindings", check_bindings)
    monkeypatch.delattr(Input, "_restart_blink")
    monkeypatch.setattr(_wrap, "re_chunk", None)
    assert check_shapes() == [
        "App._check_bindings(self, key, priority) as a coroutine",
        "Input._restart_blink",
        "textual._wrap.re_chunk as a compiled pattern",
    ]


def test_the_word_pattern_is_left_alone_where_textual_has_none(monkeypatch):
    monkeypatch.setattr(_wrap, "re_chunk", None)
    textual_private.set_word_pattern(r"\S")
    assert _wrap.re_chunk is None  # no attribute made up for a Textual without one
