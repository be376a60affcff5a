"""User text made safe to publish: no control characters, escape sequences or bidi
overrides; no character that XML cannot hold; no text a spreadsheet would run."""

from __future__ import annotations

import re

from ..text.visible import BIDI_CONTROLS, for_editing, is_hidden

# ANSI/VT escape sequences (CSI, OSC, and two-character escapes).
_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")

# Characters XML 1.0 cannot hold besides the controls (which are dropped or shown):
# the noncharacters U+FFFE and U+FFFF. They are written as the editor shows them.
NONCHARACTERS = re.compile("[\ufffe\uffff]")


def _coded(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def _dropped(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x20
        or 0x7F <= code < 0xA0
        or 0xD800 <= code <= 0xDFFF
        or ch in BIDI_CONTROLS  # they reorder what a reader sees
    )


# Every character ``_dropped`` is true of, the tab and the noncharacters, as one class:
# text with none of them (the usual text) is looked through by one search instead of a
# call per character.
_TOUCHED = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def clean_text(text: str) -> str:
    """Drop escape sequences, control characters and bidi overrides, keeping line breaks;
    tabs become spaces; U+FFFE and U+FFFF are written ``⟨U+FFFF⟩``."""
    text = text.replace("\r\n", "\n")
    if "\x1b" in text:
        text = _ESCAPE.sub("", text)
    if not _TOUCHED.search(text.replace("\n", "")):
        return text  # the usual text, quickly
    text = NONCHARACTERS.sub(_coded, text)
    return "".join(
        ch if ch == "\n" else " " if ch == "\t" else "" if _dropped(ch) else ch for ch in text
    )


def clean_line(text: str) -> str:
    """Like ``clean_text`` for one-line values (agency): line breaks become spaces."""
    return " ".join(clean_text(text).split("\n")).strip()


# --- text in a spreadsheet ------------------------------------------------------------------

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
    + "".join(sorted(BIDI_CONTROLS))
    + "]"
)


def _shown(match: re.Match[str]) -> str:
    ch = match.group()
    return for_editing(ch) if is_hidden(ch) else _coded(match)


def visible_text(text: str) -> str:
    """Text for a cell of the Excel roll-up: each character a cell cannot hold or a
    reader would not see written as the editor shows it (␛, ⟨U+202E⟩, ⟨U+FFFF⟩), the
    rest (a literal ⟨ too) as it is."""
    return _HIDDEN.sub(_shown, text)


# A field a spreadsheet would read as a formula (OWASP, "CSV Injection"): it starts with
# one of these. A number (-5, +3.5) is left as it is: a spreadsheet reads it as a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def csv_field(text: str) -> str:
    """A CSV field that no spreadsheet runs: a leading ``'`` where it would start a
    formula, as OWASP advises."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
