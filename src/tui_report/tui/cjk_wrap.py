"""Soft wrapping for Chinese text in Textual's TextArea.

Textual wraps at spaces: a run of Chinese characters is one "word", so a
paragraph like ``2023 年，官亭镇人民政府认真落实……`` wraps after ``2023`` and
leaves a short line. Chinese may break between any two characters, except
that closing punctuation (，。）” …) stays with the character before it and
opening punctuation (（“《 …) with the character after it (避头尾, the same
characters as the core's ``textwidth``). This installs a word pattern that says
so (through ``textual_private``: Textual has no public setting for it); Textual's
folding does the rest.
"""

from __future__ import annotations

import re

from ..text.textwidth import NO_LINE_END, NO_LINE_START
from .textual_private import set_word_pattern

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# 避头尾, as the core's line breaking keeps it; ASCII , . ; : ? ! stay inside words and
# numbers (1,234 is one word), so only the brackets and % of ASCII are taken here
_OPEN = re.escape(NO_LINE_END)
_CLOSE = re.escape("".join(ch for ch in NO_LINE_START if ch not in ",.;:?!"))
CJK_PATTERN = (
    rf"[{_OPEN}]*(?![{_OPEN}{_CLOSE}])[{_CJK}][{_CLOSE}]*\s*"  # a Chinese character, its marks
    rf"|[{_OPEN}]*[^\s{_CJK}{_OPEN}{_CLOSE}]+[{_CLOSE}]*\s*"  # a word of other letters or digits
    rf"|[{_OPEN}]+[{_CLOSE}]*\s*"  # opening marks before a space or the end
    rf"|[{_CLOSE}]+\s*"  # closing marks at the start or after a space
    r"|\s+"
)


def install() -> None:
    """Use the Chinese-aware word pattern (idempotent; see ``textual_private``).

    Compiled on first use: the pattern is large, and a start-up need not pay for it."""
    set_word_pattern(CJK_PATTERN)
