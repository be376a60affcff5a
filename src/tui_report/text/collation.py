"""Names in the order Chinese users sort them: by pinyin (阿城区 before 北京市 before
长安区 before 重庆市), numbers by their value (第2单位 before 第10单位).

Pinyin is pypinyin's (its phrase table reads 重庆 as chóng qìng and 厦门 as xià mén; a
character at a time would give zhòng and shà). The locale's collation (``strxfrm`` under
zh_CN.UTF-8) was measured against it: that locale is missing on many servers (and on the
one measured), and where present it goes a character at a time. pypinyin is loaded the
first time a name with Chinese characters is sorted (about 0.2 s), then costs about
0.02 ms a name (each word's syllables kept; each name once where the caller keeps the keys).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import MutableMapping
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pypinyin.core import Pinyin

_DIGITS = re.compile(r"(\d+)")
NumberKey = tuple[int, str]  # a run of digits: how many digits, then the digits
NaturalKey = tuple[tuple[int, NumberKey | str], ...]
PinyinKey = tuple[tuple[NaturalKey, ...], NaturalKey]


@lru_cache(maxsize=1 << 16)  # pinyin syllables recur in many names
def natural(text: str) -> NaturalKey:
    """A sort key that puts 第2单位 before 第10单位 (full-width digits as digits)."""
    parts = _DIGITS.split(unicodedata.normalize("NFKC", text))
    return tuple((1, number_key(p)) if i % 2 else (0, p) for i, p in enumerate(parts) if p)


def number_key(digits: str) -> NumberKey:
    """A run of digits ordered by its value without ``int()`` (which refuses more than
    4,300 digits, and a name may hold any number): fewer digits (leading zeros left
    out) is less, then digit by digit. Digits of other scripts count as their values."""
    if not digits.isascii():
        digits = "".join(str(unicodedata.decimal(c, 0)) for c in digits)
    value = digits.lstrip("0")
    return len(value), value


def pinyin_key(text: str, known: MutableMapping[str, tuple[str, ...]] | None = None) -> PinyinKey:
    """A sort key by pinyin, syllable by syllable (西安 xi·an before 先 xian), letters in
    any case together, numbers by value; ties (同音字) by the text itself. Worked out at
    each call: a caller that sorts the same names again keeps their keys (the folder
    view: ``SortKeys``, one per listing; a bounded cache smaller than a big folder's
    names and paths would work every key out again at every sort). ``known``: names'
    syllables read before (kept between runs: pypinyin is not loaded for them), and
    where the new ones go."""
    normal = unicodedata.normalize("NFKC", text)
    if normal.isascii():
        return tuple(natural(word) for word in normal.casefold().split()), natural(normal)
    syllables = known.get(normal) if known is not None else None
    if syllables is None:
        syllables = tuple(s for word in _segmenter().seg(normal) for s in _word_syllables(word))
        if known is not None:
            known[normal] = syllables
    return tuple(natural(s.casefold()) for s in syllables), natural(normal)


@lru_cache(maxsize=1)
def _segmenter() -> Pinyin:
    """pypinyin's converter, loaded the first time a Chinese name is sorted (~180 ms)."""
    from pypinyin.core import Pinyin

    return Pinyin()


@lru_cache(maxsize=1 << 16)
def _word_syllables(word: str) -> tuple[str, ...]:
    """The syllables of one word as pypinyin segments a name (a phrase of its table, a
    character, or a run of other characters, which stays one item): ``lazy_pinyin`` of a
    whole name is these, word by word, so a word is converted once however many names
    hold it (人, 民, 政, 府, 县 … recur in most agencies' names: 10,000 names were about
    half the folder view's work at 10,000 reports, BENCHMARKS.md)."""
    return tuple(_segmenter().lazy_pinyin(word))
