"""User text made safe to publish: no control characters or escape sequences."""

from __future__ import annotations

import re

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes).
_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def clean_text(text: str) -> str:
    """Drop escape sequences and control characters, keeping line breaks; tabs become spaces."""
    text = _ESCAPE.sub("", text.replace("\r\n", "\n"))
    return "".join(
        ch
        if ch == "\n"
        else " "
        if ch == "\t"
        else ""
        if (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) <= 0xDFFF)
        else ch
        for ch in text
    )


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (agency): line breaks become spaces."""
    return " ".join(clean_text(text).split("\n")).strip()
