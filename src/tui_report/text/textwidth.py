"""Display width of text in a terminal or a monospaced font (CJK = 2 columns), and
wrapping and shortening by that width. Used by the text export and the editor.

Two measures: ``width`` is what terminals do (East Asian *ambiguous* characters
such as “ ” count 1, as in Rich and Textual); ``cjk_width`` is what Chinese fonts
do (they draw “ ” full width), used for the text published on a portal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

Measure = Callable[[str], int]

# 避头尾 (line-breaking rules of Chinese typesetting): closing punctuation never
# begins a line (it stays with the character before), an opening bracket or quote
# never ends one (it goes with the character after). ……and —— are never split.
NO_LINE_START = "，。、；：？！）》」』】〕〉］｝”’…—％%,.;:?!)]}"
NO_LINE_END = "（《「『【〔〈［｛“‘([{"
_NO_LINE_START = set(NO_LINE_START)
_NO_LINE_END = set(NO_LINE_END)
# Where a line may best be broken: after these.
_SOFT_BREAK = set("，、；：")


@lru_cache(maxsize=4096)
def width(text: str) -> int:
    """Display width in terminal columns (CJK = 2); control characters count 0."""
    from wcwidth import wcswidth, wcwidth  # imported when first measured: the editor uses Rich's

    result = wcswidth(text)
    if result >= 0:
        return result
    return sum(max(wcwidth(ch), 0) for ch in text)


@lru_cache(maxsize=8192)
def _cjk_char_width(ch: str) -> int:
    from wcwidth import wcwidth  # (as in ``width``)

    w = max(wcwidth(ch), 0)
    return 2 if w == 1 and unicodedata.east_asian_width(ch) == "A" else w


@lru_cache(maxsize=4096)
def cjk_width(text: str) -> int:
    """Width in a Chinese monospaced font: East Asian ambiguous characters count 2."""
    return sum(map(_cjk_char_width, text))


def wrap(text: str, limit: int, indent: str = "", measure: Measure = width) -> list[str]:
    """Break text into lines no wider than ``limit``; continuation lines keep ``indent``.

    Prefers to break after a comma (，、) near the end of a line; keeps 避头尾 (no line
    starts with closing punctuation, none ends with an opening bracket) and leaves no
    single character alone on the last line, wherever it can.
    """
    limit = max(limit, measure(indent) + 2)
    lines: list[str] = []
    current, used = "", 0
    for ch in text:
        size = measure(ch)
        if used + size > limit and current.strip():
            current, carry = _break_point(current, ch, indent, limit, measure)
            lines.append(current)
            current = indent + carry
            used = measure(current)
        else:
            current += ch
            used += size
    if current.strip() or not lines:
        lines.append(current)
    if len(lines) > 1:
        lines[-2], lines[-1] = _no_widow(lines[-2], lines[-1], indent, limit, measure)
    return lines


def _no_widow(before: str, last: str, indent: str, limit: int, measure: Measure) -> tuple[str, str]:
    """A last line of one character (孤字) takes the character before it along, where
    the line before keeps more than that and the last line still fits."""
    alone = last[len(indent) :]
    if len(alone.strip()) != 1 or not _is_cjk(alone.strip()):
        return before, last
    cut = len(before) - 1
    while cut > len(indent) + 1 and (
        before[cut] in _NO_LINE_START or before[cut - 1] in _NO_LINE_END
    ):
        cut -= 1  # a closing mark moves with its character, an opening one with the next
    moved = before[cut:]
    if cut <= len(indent) + 1 or moved[0].isspace() or _in_word(moved[0]):
        return before, last
    joined = indent + moved + alone
    if measure(joined) > limit:
        return before, last
    return before[:cut], joined


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _break_point(
    line: str, next_char: str, indent_text: str, limit: int, measure: Measure
) -> tuple[str, str]:
    """Split an overflowing line: (the line to emit, what moves to the next line)."""
    indent = len(indent_text)
    for back in range(1, 7):
        cut = len(line) - back
        if cut > indent + 2 and line[cut - 1] in _SOFT_BREAK:
            return line[:cut], line[cut:] + next_char
    text = line + next_char
    cut = len(line)
    while True:
        was = cut
        while cut > indent + 1 and (text[cut] in _NO_LINE_START or text[cut - 1] in _NO_LINE_END):
            cut -= 1  # 避头尾: a closing mark takes its character along, an opening one goes
        start = cut
        while start > 0 and _in_word(text[start - 1]) and _in_word(text[start]):
            start -= 1  # Markdow|n, Exce|l、: the word moves whole
        if start != cut and start > indent + 2:
            cut = start
        if cut == was:
            break
    if measure(indent_text + text[cut:]) > limit:  # the rules cannot be kept within the width
        cut = len(line)
    return text[:cut], text[cut:]


def _in_word(ch: str) -> bool:
    """A letter or digit of a Latin word or a number (Chinese breaks between any two)."""
    return ch.isascii() and ch.isalnum()


def wrap_header(label: str, limit: int, measure: Measure = width) -> str:
    """A column header in two-character pieces, as many per line as fit (自然/人)."""
    pieces = [label[i : i + 2] for i in range(0, len(label), 2)]
    lines: list[str] = []
    for piece in pieces:
        if lines and measure(lines[-1] + piece) <= limit:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def shorten(text: str, limit: int, measure: Measure = width) -> str:
    """Text cut to ``limit`` columns, ending in … when cut."""
    if measure(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        w = max(measure(ch), 0)
        if used + w > limit - 1:
            break
        out += ch
        used += w
    return out + "…"


def pad(text: str, size: int, align: str = "left", measure: Measure = width) -> str:
    """Text padded with spaces to ``size`` columns (``left``, ``right`` or ``center``)."""
    gap = max(size - measure(text), 0)
    if align == "right":
        return " " * gap + text
    if align == "center":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap
