"""Terminals that draw East Asian "ambiguous" characters two columns wide.

Unicode leaves the width of some characters to the terminal (East_Asian_Width "A"):
quotation marks “”, the middle dot ·, the ellipsis …, the dash —, arrows, circled
numbers, and every line and block character Textual draws borders and scroll bars
with. Most terminals draw them one column wide, as the editor (through Rich) counts
them; a terminal set up for Chinese — Xshell or SecureCRT with a GBK session, PuTTY's
"Treat CJK ambiguous characters as wide", Windows Terminal's ``ambiguousWidth: wide``
— draws them two wide. Every such character then pushes the rest of its line one
column to the right: 3.危及“三安全一稳定” moves its numbers two columns off their
column, and borders break apart.

``TUI_REPORT_AMBIGUOUS=wide`` makes the editor write, in their place, characters one
column wide in every terminal: ASCII for lines, quotes, dots and arrows, 1 for ①. Only
what is sent to the terminal changes; the report's text is kept as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import cache

SETTING = "TUI_REPORT_AMBIGUOUS"

_PUNCTUATION = {
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "′": "'",
    "″": '"',
    "…": "~",
    "‥": ":",
    "·": ".",
    "•": "*",
    "‐": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "‖": "|",
    "†": "+",
    "‡": "+",
    "※": "*",
    "×": "x",
    "÷": "/",
    "←": "<",
    "→": ">",
    "↑": "^",
    "↓": "v",
    "↔": "-",
    "↕": "|",
    "⇐": "<",
    "⇒": ">",
    "⇔": "=",
    "■": "#",
    "□": "o",
    "▲": "^",
    "△": "^",
    "▶": ">",
    "▷": ">",
    "▼": "v",
    "▽": "v",
    "◀": "<",
    "◁": "<",
    "◆": "*",
    "◇": "o",
    "○": "o",
    "◎": "o",
    "●": "*",
    "★": "*",
    "☆": "*",
}


def wide_ambiguous(environ: Mapping[str, str]) -> bool:
    """Whether the user's terminal draws ambiguous characters two columns wide."""
    return environ.get(SETTING, "").strip().lower() in ("wide", "2", "double")


def _line_character(name: str) -> str:
    """A box-drawing or block character as an ASCII one of the same purpose."""
    if "DIAGONAL" in name:
        return "X" if "CROSS" in name else "/" if "UPPER RIGHT" in name else "\\"
    if name.startswith("BOX DRAWINGS"):
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        if horizontal and not vertical:
            return "-"
        if vertical and not horizontal:
            return "|"
        return "+"
    if name == "FULL BLOCK" or name == "DARK SHADE":
        return "#"
    if name == "MEDIUM SHADE":
        return ":"
    if name.startswith(("LEFT", "RIGHT")) and "BLOCK" in name:
        return "|"  # the sides of a tall border
    if name in ("UPPER HALF BLOCK", "LOWER HALF BLOCK"):
        return "-"  # the top and bottom of a thick border
    return " "  # eighths of a scroll bar's thumb, quadrants: its colour shows it


@cache
def narrow_table() -> dict[int, str]:
    """``str.translate`` table: each ambiguous character with a one-column stand-in."""
    table: dict[int, str] = {ord(ch): narrow for ch, narrow in _PUNCTUATION.items()}
    for code in range(0x2500, 0x25A0):  # box drawing, block elements
        ch = chr(code)
        if unicodedata.east_asian_width(ch) == "A":
            table[code] = _line_character(unicodedata.name(ch, ""))
    for code in range(0xA0, 0x10000):  # ① → 1, ² → 2: where the same in narrow form exists
        ch = chr(code)
        if code in table or unicodedata.east_asian_width(ch) != "A":
            continue
        plain = unicodedata.normalize("NFKC", ch)
        if len(plain) == 1 and plain.isascii() and plain.isprintable():
            table[code] = plain
    return table


def narrowed(text: str) -> str:
    return text.translate(narrow_table())


def narrow_driver(base: type) -> type:
    """A Textual driver class writing ``base``'s output with ambiguous characters narrowed."""

    class NarrowDriver(base):
        def write(self, data: str) -> None:
            super().write(narrowed(data))

    NarrowDriver.__name__ = f"Narrow{base.__name__}"
    return NarrowDriver
