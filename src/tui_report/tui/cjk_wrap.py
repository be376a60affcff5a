"""Soft wrapping for Chinese text in Textual's TextArea.

Textual wraps at spaces: a run of Chinese characters is one "word", so a
paragraph like ``2023 年，官亭镇人民政府认真落实……`` wraps after ``2023`` and
leaves a short line. Chinese may break between any two characters, except
that closing punctuation (，。）” …) stays with the character before it and
opening punctuation (（“《 …) with the character after it. This installs a
word pattern that says so; Textual's folding does the rest.
"""

from __future__ import annotations

import re

from textual import _wrap

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPEN = "（《「『“‘〈【〔［｛"
_CLOSE = "，。、；：？！）》」』”’〉】〕…％］｝"
_QUOTES = "“”‘’…"
CJK_PATTERN = (
    rf"[{_OPEN}]*[{_CJK}{_QUOTES}][{_CLOSE}]*\s*"  # one Chinese character and its punctuation
    rf"|[{_OPEN}]*[^\s{_CJK}{_QUOTES}]+[{_CLOSE}]*\s*"  # a word of other letters or digits
    r"|\s+"
)


def install() -> None:
    """Use the Chinese-aware word pattern (idempotent; a no-op if Textual changes).

    Compiled on first use: the pattern is large, and a start-up need not pay for it."""
    current = getattr(_wrap, "re_chunk", None)
    if isinstance(current, re.Pattern) and current.pattern != CJK_PATTERN:
        _wrap.re_chunk = re.compile(CJK_PATTERN)
