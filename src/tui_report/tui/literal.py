"""User text shown literally: control characters made visible, never interpreted.

Everything a person wrote (agency, narrative, raw cell text, file names) goes
to widgets as ``rich.text.Text`` (never parsed as markup) or through
``for_editing``, so ``[b]`` stays ``[b]`` and an escape sequence cannot reach
the terminal: ESC is shown as ␛. Text typed into the editor comes back
through ``from_editing``, which restores the control characters that were in
the file, so opening and saving a file never changes them.
"""

from __future__ import annotations

from rich.text import Text

# C0 controls and DEL have Unicode "control pictures"; keep line breaks and tabs
# (the editors draw tabs as spaces). The line and paragraph separators, which a
# text area would turn into line breaks, get symbols too.
_TO_PICTURE = {chr(code): chr(0x2400 + code) for code in range(0x20)} | {
    "\x7f": "\u2421",
    "\u2028": "\u2424",
    "\u2029": "\u204b",
}
_FROM_PICTURE = {picture: control for control, picture in _TO_PICTURE.items()}
_KEEP = {"\n", "\t"}


def _is_c1_or_surrogate(code: int) -> bool:
    return 0x80 <= code < 0xA0 or 0xD800 <= code <= 0xDFFF


def for_editing(text: str) -> str:
    """Text for an editing widget: C0 controls as pictures; C1 controls (which some
    terminals obey) as U+FFFD. Line breaks and tabs stay."""
    return "".join(
        ch
        if ch in _KEEP
        else _TO_PICTURE.get(ch) or ("\ufffd" if _is_c1_or_surrogate(ord(ch)) else ch)
        for ch in text
    )


def from_editing(text: str) -> str:
    """The inverse of ``for_editing`` for what came from the file (pictures → controls)."""
    return "".join(_FROM_PICTURE.get(ch, ch) for ch in text)


def visible(text: str) -> str:
    """For one-line displays: like ``for_editing``, and tabs and line breaks as a space."""
    return for_editing(text).replace("\t", " ").replace("\n", " ")


def literal(text: str, style: str = "") -> Text:
    """A ``Text`` that shows ``text`` exactly (no markup), control characters visible."""
    return Text("\n".join(visible(line) for line in text.split("\n")), style=style, end="")
