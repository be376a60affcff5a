"""Text from a file made visible before a terminal or a person sees it.

A report can hold anything a TOML string can: escape sequences that retitle or clear
a terminal, C1 controls that some terminals obey, bidi overrides that reorder what a
reviewer reads. Before such text reaches a terminal (every command's output) or an
editing widget, each of these characters is replaced by a visible stand-in:

- C0 controls and DEL by their Unicode control pictures (ESC → ␛, NUL → ␀), line and
  paragraph separators by ␤ and ⁋; line breaks and tabs stay;
- C1 controls, bidi embeddings/overrides/isolates and lone surrogates by ``⟨U+202E⟩``.

The stand-ins never collide with real text: a literal picture character or ``⟨`` in
the text is itself written as ``⟨␛⟩`` / ``⟨⟨⟩``, so ``from_editing(for_editing(s)) == s``
for every string (the editor's save gives back exactly what was in the file).
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

KEPT = frozenset("\n\t")
OPEN, CLOSE = "⟨", "⟩"  # U+27E8, U+27E9: mathematical angle brackets, not CJK 〈〉

_PICTURE = {chr(code): chr(0x2400 + code) for code in range(0x20) if chr(code) not in KEPT} | {
    "\x7f": "\u2421",  # ␡
    "\u2028": "\u2424",  # ␤ (a text area would break the line)
    "\u2029": "\u204b",  # ⁋
}
_CONTROL = {picture: control for control, picture in _PICTURE.items()}
# Any of the pictures (one search in C: a key typed in a long paragraph looks at it all)
_ANY_PICTURE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_CONTROL)) + "]")
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

# Every character ``_special`` is true of, as one character class: the usual text is
# passed over by one search in C instead of a call per character.
_SPECIAL = re.compile(
    "["
    + "".join(re.escape(ch) for ch in sorted({*_PICTURE, *_CONTROL, *BIDI_CONTROLS, OPEN}))
    + "\x80-\x9f\ud800-\udfff]"
)

_TOKEN = re.compile(f"{OPEN}U\\+([0-9A-F]{{4}}){CLOSE}|{OPEN}(.){CLOSE}", re.S)


def is_coded(ch: str) -> bool:
    """Characters shown as ``⟨U+XXXX⟩``: no picture exists for them."""
    code = ord(ch)
    return 0x80 <= code < 0xA0 or ch in BIDI_CONTROLS or 0xD800 <= code <= 0xDFFF


def is_hidden(ch: str) -> bool:
    """A character that must not reach a terminal as it is."""
    return ch in _PICTURE or is_coded(ch)


def _special(ch: str) -> bool:
    return ch in _PICTURE or ch in _CONTROL or ch == OPEN or is_coded(ch)


def for_editing(text: str) -> str:
    """Text with every hidden character as a visible stand-in (line breaks and tabs stay)."""
    if not _SPECIAL.search(text):
        return text  # the usual case, quickly
    out: list[str] = []
    for ch in text:
        if ch in _PICTURE:
            out.append(_PICTURE[ch])
        elif is_coded(ch):
            out.append(f"{OPEN}U+{ord(ch):04X}{CLOSE}")
        elif ch in _CONTROL or ch == OPEN:  # a literal stand-in, so that it stays literal
            out.append(f"{OPEN}{ch}{CLOSE}")
        else:
            out.append(ch)
    return "".join(out)


def _decode(match: re.Match[str]) -> str:
    code, literal = match.group(1), match.group(2)
    if code is not None:
        ch = chr(int(code, 16))
        return ch if is_coded(ch) else match.group(0)
    return literal if literal in _CONTROL or literal == OPEN else match.group(0)


def from_editing(text: str) -> str:
    """The inverse of ``for_editing``; anything else typed is taken as it is."""
    if OPEN not in text and _ANY_PICTURE.search(text) is None:
        return text
    out: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        out.append(_pictures_to_controls(text[position : match.start()]))
        out.append(_decode(match))
        position = match.end()
    out.append(_pictures_to_controls(text[position:]))
    return "".join(out)


def _pictures_to_controls(text: str) -> str:
    return "".join(_CONTROL.get(ch, ch) for ch in text)


def one_line(text: str) -> str:
    """For one-line displays: like ``for_editing``, with tabs and line breaks as spaces."""
    return for_editing(text).replace("\t", " ").replace("\n", " ")


def json_visible(text: str) -> str:
    """JSON text with every hidden character as a ``\\uXXXX`` escape (still the same JSON).

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but leaves DEL, C1
    controls and bidi overrides raw; outside strings JSON has none of them."""
    return "".join(f"\\u{ord(ch):04x}" if is_hidden(ch) else ch for ch in text)


def echo(text: str = "", file: TextIO | None = None) -> None:
    """``print`` for anything that may hold text from a file (made visible as
    ``for_editing`` makes it: unambiguous, a literal ␛ stays apart from ESC)."""
    print(for_editing(text), file=file if file is not None else sys.stdout)


def warn(text: str) -> None:
    echo(text, sys.stderr)
