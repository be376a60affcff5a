"""The six official part headings in a published report, as printed or not quite:
with a part's first sentence on the same line, worded as each variant has it, or left
out where a part's table starts with its own note."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from ..formats import FORMATS, ReportFormat, Section
from .labels import MIN_SIMILARITY, ends_with_label, key, key_may_start_with, official_key
from .lines import Line
from .problems import ImportFailure, ImportWarning

HEADING_SIMILARITY = 0.75
NOTE_START = 12  # characters of a table's note that say it is that table
MAX_HEADING = 32  # characters: a longer line is prose, whatever words it has


def split_run_in_headings(lines: list[Line], parts: Parts, fmt: ReportFormat) -> list[Line]:
    """Each part's heading found with its part's first sentence on the same line
    (``一、总体情况 2023年，…``) as two lines, both numbered as the line they came from;
    ``parts`` moved on to match. Only a line found as a part's start is split: a line of a
    part's text that starts with a heading (``三、收到和处理政府信息公开申请情况的改进``
    in part 五) stays whole."""
    headings = {_official_heading_key(section.heading) for section in fmt.sections}
    out = list(lines)
    for index in sorted((start for start in parts.starts if start is not None), reverse=True):
        number, text = out[index]
        plain = _heading_key(text)
        head = next((h for h in headings if plain.startswith(h) and len(plain) > len(h)), None)
        if head is None or "\t" in text.strip():
            continue
        cut = next(i for i in range(1, len(text) + 1) if _heading_key(text[:i]) == head)
        rest = text[cut:].lstrip(" \u3000:：。.")
        if not rest:
            continue
        out[index : index + 1] = [(number, text[:cut]), (number, rest)]
        parts.starts = [s + 1 if s is not None and s > index else s for s in parts.starts]
    return out


def join_split_headings(lines: list[Line], fmt: ReportFormat) -> list[Line]:
    """A part heading printed over two lines by a crawler or a PDF (``一、`` / ``总体情况``,
    ``六、其他需要报告的`` / ``事项``) as one line, numbered as its first: where the lines
    together are exactly the heading, or where the first is the part's number alone and
    together they are one of its variants (``五、`` / ``…存在的主要问题及改进情况``)."""
    sections = {_official_heading_key(s.heading): s for s in fmt.sections}
    firsts = "".join({heading[0] for heading in sections})
    out: list[Line] = []
    i = 0
    while i < len(lines):
        number, text = lines[i]
        joined = None
        if len(text) <= MAX_HEADING and "\t" not in text and key_may_start_with(text, firsts):
            joined = _joined_heading(lines, i, sections)
        if joined is None:
            out.append((number, text))
            i += 1
        else:
            end, heading = joined
            out.append((number, heading))
            i = end
    return out


def _joined_heading(
    lines: list[Line], at: int, sections: dict[str, Section]
) -> tuple[int, str] | None:
    """(index after the lines joined, their text) where the heading at ``at`` goes on
    over the next one or two lines with text; else None."""
    piece = _heading_key(lines[at][1])
    heads = [h for h in sections if h.startswith(piece) and h != piece]
    if not piece or not heads:
        return None
    texts = [lines[at][1].strip()]
    joined = piece
    i = at + 1
    while i < len(lines) and len(texts) < 3:
        text = lines[i][1].strip()
        i += 1
        if not text:
            continue
        if "\t" in text:
            return None
        texts.append(text)
        joined = _heading_key("".join(texts))
        if joined in heads:
            return i, "".join(texts)
        alone = piece.endswith("、") and piece.count("、") == 1 and len(piece) <= 3
        if alone:
            for head in heads:
                if head.startswith(piece) and _is_variant(joined, sections[head]):
                    return i, "".join(texts)
        if not any(h.startswith(joined) for h in heads):
            return None
    return None


def _is_variant(candidate: str, section: Section) -> bool:
    wanted = _official_heading_key(section.heading)
    return _has_heading_words(candidate, section) or (
        len(candidate) <= len(wanted) + 6
        and SequenceMatcher(None, candidate, wanted, autojunk=False).ratio() >= HEADING_SIMILARITY
    )


def _heading_key(text: str) -> str:
    return _PART_NUMBER.sub(r"\1、", key(text))


_PART_NUMBER = re.compile(r"^([一二三四五六七八九十]+)[.,:。、]")


@lru_cache(maxsize=64)
def _official_heading_key(heading: str) -> str:
    """``_heading_key`` of an official part heading (the same every time)."""
    return _heading_key(heading)


@dataclass
class Parts:
    """Where each official part starts in the lines: the index of its heading, or None
    for a part of prose whose heading is missing between a part with tables and the
    part after it (its text is what follows the tables); and what was done to find them."""

    starts: list[int | None]
    warnings: list[ImportWarning] = field(default_factory=list)

    def first(self) -> int:
        return min(start for start in self.starts if start is not None)


def marked_parts(lines: list[Line], fmt: ReportFormat, marked: frozenset[int]) -> Parts | None:
    """Where each part starts, where the lines marked as headings (``marked``: a web page's
    ``<h2>``, a Word heading style, Markdown's ``##``, the text export's lines between
    blank lines) hold each official heading exactly once, in the official order, as this
    program's exports and documents as well made do; else None (``find_headings`` looks).

    Then a part starts at its marked heading and nowhere else: a line of a part's text
    that reads like a heading (``二、主动公开政府信息情况`` in part 一, a sub-heading
    ``三、…申请情况的改进`` in part 五) is that part's text, never a part of its own."""
    if not marked:
        return None
    wanted = {_official_heading_key(s.heading): n for n, s in enumerate(fmt.sections)}
    found: dict[int, int] = {}
    for index, (number, text) in enumerate(lines):
        part = wanted.get(_heading_key(text)) if number in marked else None
        if part is None:
            continue
        if part in found:
            return None  # marked twice: which is the part's cannot be told from the marks
        found[part] = index
    # every part, each found after the one before it (``found`` is in the lines' order)
    if len(found) < len(fmt.sections) or list(found) != sorted(found):
        return None
    return Parts([found[part] for part in range(len(fmt.sections))])


def find_headings(
    lines: list[Line], fmt: ReportFormat, marked: frozenset[int] = frozenset()
) -> Parts:
    """Where each official part starts, in order; or ImportFailure naming the part.

    A heading is, first, the official one give or take a few characters, or a short line
    with the part's number and the words every variant of it has (``heading_words``):
    ``五、政府信息公开工作存在的主要问题及改进情况``. Failing that, the part's words under
    another number or none (a report that numbers its parts its own way, a Markdown
    heading: ``marked`` holds the numbers of lines marked as headings), with a warning.
    Failing that, a part with tables starts where its first table does, found by the
    table's own first words (part 三's note, part 二's 第二十条第（一）项, part 四's
    行政复议): under the heading line just before it, if there is one, or else with the
    official heading put into ``lines`` before the table; both with a warning. A part of
    prose whose heading is missing between a part with tables and the next part found is
    the text after those tables (``Parts.starts`` None; a warning)."""
    parts = Parts([])
    start = 0
    for number, section in enumerate(fmt.sections):
        hit = _numbered_heading(lines, start, section)
        if hit is not None and section.tables:
            hit = _nearest_its_table(lines, hit, section)
        if hit is None and section.tables:
            hit = _table_start(lines, start, section, parts.warnings, marked)
        if hit is None:
            hit = _heading_worded_otherwise(lines, start, section, marked)
            if hit is not None:
                parts.warnings.append(_used_heading(section, lines[hit]))
        if hit is None and _may_follow_tables(fmt, number, parts.starts):
            following = _numbered_heading(lines, start, fmt.sections[number + 1])
            if following is not None:
                parts.starts.append(None)
                continue
        if hit is None:
            hit = _earlier_heading(lines, start, section, marked, parts)
        if hit is None:
            where = lines[start][0] if start < len(lines) else (lines[-1][0] if lines else 1)
            raise ImportFailure(
                f"找不到“{section.heading}”（从第 {where} 行往后找）" + _traditional_advice(lines),
                where,
            )
        parts.starts.append(hit)
        start = max(start, hit + 1)  # past every part found (a part found earlier: see below)
    _refuse_repeated_headings(lines, fmt, parts)
    return parts


def _nearest_its_table(lines: list[Line], hit: int, section: Section) -> int:
    """The part's heading that its first table follows: of the lines from ``hit`` on that
    read as its heading, the last before that table (a line before it that reads so, such
    as ``二、主动公开政府信息情况`` in part 一, is the text of the part before)."""
    table = _table_line(lines, hit + 1, section)
    if table is None:
        return hit
    while (later := _numbered_heading(lines, hit + 1, section)) is not None and later < table:
        hit = later
    return hit


def _refuse_repeated_headings(lines: list[Line], fmt: ReportFormat, parts: Parts) -> None:
    """ImportFailure where a part of prose holds another line that reads as its heading
    (``六、其他需要报告的事项`` at the end of part 五, then part 六's own heading): in text
    that marks no heading, which of the two starts the part cannot be told, and taking
    either would move text from one part to another."""
    found = sorted(start for start in parts.starts if start is not None)
    ends = dict(zip(found, [*found[1:], len(lines)], strict=True))
    for section, start in zip(fmt.sections, parts.starts, strict=True):
        if start is None or section.tables:
            continue
        again = _numbered_heading(lines[: ends[start]], start + 1, section)
        if again is None:
            continue
        (first, first_text), (second, second_text) = lines[start], lines[again]
        raise ImportFailure(
            f"第 {first} 行（“{first_text.strip()}”）和第 {second} 行（“{second_text.strip()}”）"
            f"都像是标题“{section.heading}”，无法确定哪一行是这一部分的开头、"
            "哪一行是正文：请删去或改写正文中的那一行后再导入",
            first,
        )


def _earlier_heading(
    lines: list[Line], start: int, section: Section, marked: frozenset[int], parts: Parts
) -> int | None:
    """The part's heading before the parts found already (a report that orders its parts
    its own way), by its number or its words, with a warning; never a part's start."""
    used = {found for found in parts.starts if found is not None}
    before = lines[:start]
    hit = _numbered_heading(before, 0, section)
    if hit is None:
        hit = _heading_worded_otherwise(before, 0, section, marked)
    if hit is None or hit in used or (parts.starts and hit < min(used, default=0)):
        return None
    number, text = lines[hit]
    written = "" if text.strip() == section.heading else f"（“{text.strip()}”）"
    parts.warnings.append(
        ImportWarning(
            f"“{section.heading}”在第 {number} 行{written}，排在前面几部分之前，"
            "与正式格式的顺序不同：已按这一行读作这一部分",
            number,
        )
    )
    return hit


def _numbered_heading(lines: list[Line], start: int, section: Section) -> int | None:
    """The first line from ``start`` that is the part's heading under its own number."""
    wanted = _official_heading_key(section.heading)
    number = wanted.split("、")[0] + "、"
    for i in range(start, len(lines)):
        text = lines[i][1]
        # a row of a table is never a heading, nor a line not starting with the number
        if "\t" in text.strip() or not key_may_start_with(text, number[0]):
            continue
        candidate = _heading_key(text)
        if not candidate.startswith(number):
            continue
        if candidate.startswith(wanted):
            return i  # the heading itself, or with its part's first sentence run in
        if len(candidate) <= len(wanted) + 6:
            score = (
                1.0  # the official heading itself (its similarity, without working it out)
                if candidate == wanted
                else SequenceMatcher(None, candidate, wanted, autojunk=False).ratio()
            )
            if score >= HEADING_SIMILARITY:
                return i
        if _has_heading_words(candidate, section):
            return i
    return None


def _has_heading_words(candidate: str, section: Section) -> bool:
    return bool(
        section.heading_words
        and len(candidate) <= MAX_HEADING
        and "。" not in candidate
        and all(word in candidate for word in section.heading_words)
    )


_ANY_PART_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")
_SUBHEADING_NUMBER = re.compile(r"^(\([一二三四五六七八九十]+\)|\d)")


def _heading_worded_otherwise(
    lines: list[Line], start: int, section: Section, marked: frozenset[int]
) -> int | None:
    """The first line from ``start`` that is the part's heading under another part's
    number (``三、主动公开情况`` for part 二), or under none where it is marked as a
    heading or says exactly the official words (``主动公开政府信息情况``); never a row
    of a table (``一、本年新收政府信息公开申请数量`` has 申请 and a part's number)."""
    words = _official_heading_key(section.heading).split("、", 1)[1]
    for i in range(start, len(lines)):
        number, text = lines[i]
        if "\t" in text.strip() or len(text) > 2 * MAX_HEADING:
            continue
        candidate = _heading_key(text)
        if len(candidate) > MAX_HEADING or _SUBHEADING_NUMBER.match(candidate):
            continue
        numbered = _ANY_PART_NUMBER.match(candidate)
        if numbered:
            rest = candidate[numbered.end() :]
        elif number in marked or candidate == words:
            rest = candidate
        else:
            continue
        if _words_fit(rest, section, numbered=False) and not _is_row_label(candidate):
            return i
    return None


def _words_fit(candidate: str, section: Section, numbered: bool = True) -> bool:
    """Whether a heading's words (after its number, if ``numbered``) are the part's own,
    give or take a few characters, or have the words every variant of it has."""
    if numbered:
        found = _ANY_PART_NUMBER.match(candidate)
        candidate = candidate[found.end() :] if found else candidate
    words = _official_heading_key(section.heading).split("、", 1)[1]
    return (
        candidate == words
        or (
            len(candidate) <= len(words) + 6
            and SequenceMatcher(None, candidate, words, autojunk=False).ratio()
            >= HEADING_SIMILARITY
        )
        or _has_heading_words(candidate, section)
    )


@lru_cache(maxsize=1)
def _row_labels() -> tuple[str, ...]:
    return tuple(
        {
            official_key(label)
            for fmt in FORMATS.values()
            for table in fmt.tables
            for row in table.rows
            for label in (row.label, *row.groups)
        }
    )


def _is_row_label(candidate: str) -> bool:
    """Whether a line is (the end of) an official row or group label of a table."""
    return any(ends_with_label(candidate, label) >= MIN_SIMILARITY for label in _row_labels())


def _used_heading(section: Section, line: Line) -> ImportWarning:
    number, text = line
    return ImportWarning(
        f"找不到标题“{section.heading}”，把第 {number} 行的“{text.strip()}”读作这一部分的标题",
        number,
    )


SIGNATURE_SLACK = 8  # characters a line may have past a table's first words (a row's cells)


def _table_start(
    lines: list[Line],
    start: int,
    section: Section,
    warnings: list[ImportWarning],
    marked: frozenset[int] = frozenset(),
) -> int | None:
    """Where a part's first table starts, found by its own first words, as the part's
    start: the heading line just before it, or a heading put into ``lines`` there."""
    at = _table_line(lines, start, section)
    if at is None:
        return None
    before = next((i for i in range(at - 1, start - 1, -1) if lines[i][1].strip()), None)
    if before is not None and _looks_like_a_heading(lines[before], section, marked):
        if not _words_fit(_heading_key(lines[before][1]), section):
            return None  # a heading that says something else (二、其他内容): not this part's
        warnings.append(_used_heading(section, lines[before]))
        return before
    lines.insert(at, (lines[at][0], section.heading))
    warnings.append(
        ImportWarning(
            f"找不到标题“{section.heading}”，从第 {lines[at][0]} 行的表格起读作这一部分",
            lines[at][0],
        )
    )
    return at


def _table_line(lines: list[Line], start: int, section: Section) -> int | None:
    """The first line from ``start`` that starts the part's first table, by the table's
    own first words (its note, its title or its first row's label)."""
    table = section.tables[0]
    first = table.note or table.title or table.rows[0].label
    wanted = key(first)[:NOTE_START]
    for i in range(start, len(lines)):
        text = key(lines[i][1])
        if text.startswith(wanted) and (
            table.note or "\t" in lines[i][1] or len(text) <= len(wanted) + SIGNATURE_SLACK
        ):
            return i
    return None


def _looks_like_a_heading(line: Line, section: Section, marked: frozenset[int]) -> bool:
    """A part's heading worded its own way: a short line under a part number, or marked
    as a heading, or the part's official words alone (``主动公开政府信息情况``)."""
    number, text = line
    candidate = _heading_key(text)
    if "\t" in text.strip() or len(candidate) > MAX_HEADING or "。" in candidate:
        return False
    words = _official_heading_key(section.heading).split("、", 1)[1]
    return bool(_ANY_PART_NUMBER.match(candidate)) or number in marked or candidate == words


def _may_follow_tables(fmt: ReportFormat, number: int, starts: list[int | None]) -> bool:
    """Whether part ``number`` is prose that may be the text after the tables of the part
    before it (found), with a part after it to end it."""
    section = fmt.sections[number]
    return (
        bool(section.text_key)
        and not section.tables
        and 0 < number < len(fmt.sections) - 1
        and bool(fmt.sections[number - 1].tables)
        and starts[number - 1] is not None
    )


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
