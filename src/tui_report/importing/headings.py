"""The six official part headings in a published report, as printed or not quite:
with a part's first sentence on the same line, worded as each variant has it, or left
out where a part's table starts with its own note."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..formats import ReportFormat
from .labels import key, key_may_start_with
from .lines import Line
from .problems import ImportFailure

HEADING_SIMILARITY = 0.75
NOTE_START = 12  # characters of a table's note that say it is that table
MAX_HEADING = 32  # characters: a longer line is prose, whatever words it has


def split_run_in_headings(lines: list[Line], fmt: ReportFormat) -> list[Line]:
    """A heading with its part's first sentence on the same line (``一、总体情况 2023年，…``)
    as two lines, both numbered as the line they came from."""
    headings = {_official_heading_key(section.heading) for section in fmt.sections}
    firsts = "".join({heading[0] for heading in headings})
    out: list[Line] = []
    for number, text in lines:
        # a row of a table is never a heading, nor a line not starting with a part number
        if "\t" in text.strip() or not key_may_start_with(text, firsts):
            out.append((number, text))
            continue
        plain = _heading_key(text)
        head = next((h for h in headings if plain.startswith(h) and len(plain) > len(h)), None)
        if head is None:
            out.append((number, text))
            continue
        cut = next(i for i in range(1, len(text) + 1) if _heading_key(text[:i]) == head)
        rest = text[cut:].lstrip(" \u3000:：。.")
        out += [(number, text[:cut]), (number, rest)] if rest else [(number, text)]
    return out


def _heading_key(text: str) -> str:
    return _PART_NUMBER.sub(r"\1、", key(text))


_PART_NUMBER = re.compile(r"^([一二三四五六七八九十]+)[.,:。、]")


@lru_cache(maxsize=64)
def _official_heading_key(heading: str) -> str:
    """``_heading_key`` of an official part heading (the same every time)."""
    return _heading_key(heading)


def find_headings(
    lines: list[Line], fmt: ReportFormat, supplied: list[tuple[str, int]] | None = None
) -> list[int]:
    """Index (into ``lines``) of each official part heading, in order; or ImportFailure.

    A heading is the official one give or take a few characters, or a short line with
    the part's number and the words every variant of it has (``heading_words``):
    ``五、政府信息公开工作存在的主要问题及改进情况``. A part whose heading was left out
    but whose table starts with its own note (part 三's ``（本列数据的勾稽关系为：…）``)
    starts there: its heading is put into ``lines`` before the note, and into
    ``supplied`` with the note's line number."""
    if supplied is None:
        supplied = []
    found: list[int] = []
    start = 0
    for section in fmt.sections:
        wanted = _official_heading_key(section.heading)
        number = wanted.split("、")[0] + "、"
        hit = None
        for i in range(start, len(lines)):
            text = lines[i][1]
            # a row of a table is never a heading, nor a line not starting with the number
            if "\t" in text.strip() or not key_may_start_with(text, number[0]):
                continue
            candidate = _heading_key(text)
            if not candidate.startswith(number):
                continue
            if len(candidate) <= len(wanted) + 6:
                score = (
                    1.0  # the official heading itself (its similarity, without working it out)
                    if candidate == wanted
                    else SequenceMatcher(None, candidate, wanted, autojunk=False).ratio()
                )
                if score >= HEADING_SIMILARITY:
                    hit = i
                    break
            if (
                section.heading_words
                and len(candidate) <= MAX_HEADING
                and "。" not in candidate
                and all(word in candidate for word in section.heading_words)
            ):
                hit = i
                break
        if hit is None and section.tables and section.tables[0].note:
            hit = _table_without_heading(lines, start, section.tables[0].note)
            if hit is not None:
                lines.insert(hit, (lines[hit][0], section.heading))
                supplied.append((section.heading, lines[hit][0]))
        if hit is None:
            where = lines[start][0] if start < len(lines) else (lines[-1][0] if lines else 1)
            raise ImportFailure(
                f"找不到“{section.heading}”（从第 {where} 行往后找）" + _traditional_advice(lines),
                where,
            )
        found.append(hit)
        start = hit + 1
    return found


# Characters of the report's own words in traditional script, never in simplified text
# (總體情況, 主動公開, 報告, 申請, 數量, 處理, 機關): a page converted by a mirror site.
_TRADITIONAL = frozenset("總體況動開報請數處關")
TRADITIONAL_SEEN = 10  # that many of them: the text is in traditional script


def _traditional_advice(lines: list[Line]) -> str:
    """Why no heading was found, when the text is in traditional script."""
    seen = sum(1 for _, text in lines for ch in text if ch in _TRADITIONAL)
    if seen < TRADITIONAL_SEEN:
        return ""
    return (
        "。这份文字是繁体字（如“總體情況”），看来是转载网站转换过的："
        "请从发布机关的网站取得简体原文后导入"
    )


def _table_without_heading(lines: list[Line], start: int, note: str) -> int | None:
    """The first line from ``start`` that starts with a table's own note."""
    wanted = key(note)[:NOTE_START]
    for i in range(start, len(lines)):
        if key(lines[i][1]).startswith(wanted):
            return i
    return None
