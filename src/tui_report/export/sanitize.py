"""User text made safe to publish: no control characters, escape sequences or bidi overrides."""

from __future__ import annotations

import re

from ..visible import BIDI_CONTROLS

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes).
_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def _dropped(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code < 0xA0
        or 0xD800 <= code <= 0xDFFF
        or ch in BIDI_CONTROLS  # they reorder what a reader sees
    )


# Every character ``_dropped`` is true of, and the tab, as one class: text with none of
# them (the usual text) is looked through by one search instead of a call per character.
_TOUCHED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(BIDI_CONTROLS)) + "]")


def clean_text(text: str) -> str:
    """Drop escape sequences, control characters and bidi overrides, keeping line breaks;
    tabs become spaces."""
    text = text.replace("\r\n", "\n")
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    if not _TOUCHED.search(text.replace("\n", "")):
        return text  # the usual text, quickly
    return "".join(
        ch if ch == "\n" else " " if ch == "\t" else "" if _dropped(ch) else ch for ch in text
    )


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (agency): line breaks become spaces."""
    return " ".join(clean_text(text).split("\n")).strip()
