"""Matching the labels in a published report to the official ones.

Published text differs from the official wording in ways that do not matter:
full-width or ASCII punctuation, spaces, quotes, wrapped lines, and a
character or two lost in PDF extraction. Labels are compared in a normal form
and, failing an exact match, by similarity — always against the label of the
row expected next, never by position alone.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_DROPPED = "“”\"'‘’「」『』 \t\u3000|"
_DROP = str.maketrans(dict.fromkeys(_DROPPED))
_ITEM_NUMBER = re.compile(r"(?<![\d.])(\d{1,2})[、,，](?=\D)")
_DIGIT_THEN_MARK = re.compile(r"\d[、,，]")  # where _ITEM_NUMBER may find something
# What _DROP drops, and white space, removed by one search (translate looks up each character).
_DROPPED_OR_SPACE = re.compile(f"[\\s{re.escape(_DROPPED)}]+")
MIN_SIMILARITY = 0.8


def key(text: str) -> str:
    """The normal form of a label: NFKC (full-width → ASCII), no spaces or quotes,
    and item numbers written ``1.`` whether published as ``1.``, ``1．`` or ``1、``."""
    text = _DROPPED_OR_SPACE.sub("", unicodedata.normalize("NFKC", text))
    return _ITEM_NUMBER.sub(r"\1.", text) if _DIGIT_THEN_MARK.search(text) else text


def key_may_start_with(text: str, firsts: str) -> bool:
    """False where ``key(text)`` plainly does not start with one of ``firsts`` (Chinese
    characters: the part numbers 一 to 十), without working it out: the first character
    that the key keeps is ASCII or a Chinese character, which NFKC leaves as it is, or a
    full-width form of ASCII (``（``), which NFKC makes ASCII; and nothing joins with what
    follows into a Chinese character. True where that is not plain."""
    for ch in text:
        if "\uff01" <= ch <= "\uff5e":
            ch = chr(ord(ch) - 0xFEE0)  # NFKC of a full-width form: ＂ is " (dropped too)
        if ch.isspace() or ch in _DROPPED:
            continue
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff":
            return ch in firsts
        return True
    return False


@lru_cache(maxsize=1024)
def official_key(label: str) -> str:
    """``key`` of a label of the official format (a few hundred, the same every time)."""
    return key(label)


def item_number(label_key: str) -> str | None:
    """The numbering a label starts with: ``1.``, ``(三)``, ``四、`` — or None."""
    found = re.match(
        r"^(\d{1,2}\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)", label_key
    )
    return found.group(1) if found else None


WITHOUT_NUMBER = 0.95  # a label printed without its numbering (一、, （二）, 3.)
WITH_NOTE = 0.95  # a label followed by a note in brackets: 规章(县级无此项)
MIN_UNNUMBERED = 4  # shorter labels (其他) are too common to be matched without their number


def ends_with_label(text_key: str, label_key: str) -> float:
    """How well the end of ``text_key`` matches a label: 1.0 exactly, else a similarity
    in [0, 1] (0 when the label's own numbering is not there, unless the label is
    printed whole without it: ``本年新收政府信息公开申请数量``; a note in brackets
    after the whole label, ``规章(县级无此项)``, is left aside)."""
    if text_key.endswith(label_key):
        return 1.0
    if text_key.endswith(")") and not label_key.endswith(")"):
        note = text_key.rfind("(")  # a note after the label: 规章(县级无此项)
        if note > 0 and text_key[:note].endswith(label_key):
            return WITH_NOTE
    number = item_number(label_key)
    if number:
        bare = label_key[len(number) :]
        if len(bare) >= MIN_UNNUMBERED and text_key.endswith(bare):
            return WITHOUT_NUMBER
    best = 0.0
    matcher = None  # the label indexed once (difflib's way to compare one text with many)
    for extra in range(-3, 4):
        size = len(label_key) + extra
        if size <= 0 or size > len(text_key):
            continue
        tail = text_key[-size:]
        if number and number not in tail[: len(number) + 3]:
            continue
        if matcher is None:
            matcher = SequenceMatcher(None, tail, label_key, autojunk=False)
        else:
            matcher.set_seq1(tail)
        best = max(best, matcher.ratio())
    return best


def similar(a: str, b: str) -> float:
    return SequenceMatcher(None, key(a), key(b), autojunk=False).ratio()
