"""The parts of a published report: the title (agency and year), the intro, the six
official headings, and the prose of parts 一, 五 and 六 as paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from itertools import pairwise

from ..formats import ReportFormat
from ..textwidth import width
from .labels import key, key_may_start_with
from .lines import Line
from .problems import ImportFailure

# <agency><year>年（度）政府信息公开（工作）年度报告, or the agency after the year
REPORT_TITLE = re.compile(
    r"(\d{4})\s*年\s*度?\s*(?P<middle>[^\d年，。]{0,30}?)\s*"
    r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?年\s*度\s*报\s*告"
)
_SUBHEADING = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]")
_SENTENCE_END = tuple("。！？；：…”」）!?;:)")
_INDENT = re.compile(r"^(\u3000|\s{2,})")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")
HEADING_SIMILARITY = 0.75
NOTE_START = 12  # characters of a table's note that say it is that table
MAX_HEADING = 32  # characters: a longer line is prose, whatever words it has
UNWRAPPED_WIDTH = 100  # lines wider than this were not hard-wrapped (web page, Word)
SHORT_BY = 6  # a line this much narrower than the page may end a paragraph (an indent is 4)
_PAGE_CHROME = re.compile(
    r"^\s*(【?\s*打印|【?\s*关闭|分享到|扫一扫|版权所有|主办单位|承办单位|网站标识码|上一篇|下一篇|"
    r"相关链接|相关阅读|相关文件|附件下载|.*ICP备)"
)
# A portal's line about the page itself, between the title and the intro.
_PAGE_META = re.compile(
    r"^\s*(来源|信息来源|发布机构|发布时间|发布日期|时间|日期|字号|浏览次数|点击数|阅读次数|索引号)"
    r"\s*[：:]|^\s*【?\s*字体\s*[：:]|^\s*【?\s*字号\s*[：:]"
)


def without_page_meta(front: list[Line]) -> list[Line]:
    """The intro of a saved web page without the portal's 来源/时间/字号 lines."""
    return [(n, t) for n, t in front if not _PAGE_META.match(t)]


def without_page_chrome(region: list[Line]) -> list[Line]:
    """The last part of a saved web page, cut where the portal's own links begin."""
    for i, (_, text) in enumerate(region):
        if _PAGE_CHROME.match(text):
            return region[:i]
    return region


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


def has_report_title(lines: list[str]) -> bool:
    """Whether a line before part 一 holds a report's title."""
    for line in lines:
        if line.lstrip().startswith("一、"):
            return False
        if REPORT_TITLE.search(unicodedata.normalize("NFKC", line)):
            return True
    return False


def _table_without_heading(lines: list[Line], start: int, note: str) -> int | None:
    """The first line from ``start`` that starts with a table's own note."""
    wanted = key(note)[:NOTE_START]
    for i in range(start, len(lines)):
        if key(lines[i][1]).startswith(wanted):
            return i
    return None


def title_and_intro(front: list[Line]) -> tuple[str | None, int | None, list[Line]]:
    """Agency, year and the intro lines from the lines before part 一. The title may
    be split over two lines (``2024 年上海市科委政府信息公开工作`` / ``年度报告``)."""
    texts = [(i, text.strip()) for i, (_, text) in enumerate(front) if text.strip()]
    for position in range(len(texts)):
        for span in (1, 2):
            used = texts[position : position + span]
            if len(used) < span:
                continue
            title = unicodedata.normalize("NFKC", "".join(t for _, t in used))
            match = REPORT_TITLE.search(title)
            first = len(unicodedata.normalize("NFKC", used[0][1]))
            if not match or (span == 2 and not match.start() < first < match.end()):
                continue  # two lines count only where the title runs from one into the next
            before = _agency_words(title[: match.start()]) or _agency_words(match["middle"])
            if not before and position > 0:
                before = _agency_words(texts[position - 1][1])
            return before or None, int(match.group(1)), front[used[-1][0] + 1 :]
    return None, None, front


def _agency_words(text: str) -> str:
    """The publishing body named before the year in a title, without the words of a
    notice around it: ``关于XX县人民政府`` and ``XX县人民政府关于`` are ``XX县人民政府``."""
    words = re.sub(r"\s+", "", text).strip("《》“”\"'：:")
    words = words.removeprefix("关于").removesuffix("关于").removesuffix("的")
    return words.strip("《》“”\"'：:")


@dataclass(frozen=True)
class ProseLayout:
    """How the prose of a whole document is laid out (decided once, not per part)."""

    wrapped: bool  # hard-wrapped at a page width (PDF text)
    page_width: int
    text: str = field(repr=False)  # the whole document

    @cached_property
    def spaced_digits(self) -> bool:
        """``2023 年`` rather than ``2023年``: looked for in the whole text only when a
        wrapped line is joined between a digit and Chinese (most documents never are)."""
        return spaces_digits(self.text)


def prose_layout(
    regions: list[list[Line]], text: str, paragraph_lines: bool = False
) -> ProseLayout:
    """Wrapped text has lines of about one width that mostly end mid-sentence; text
    copied from a web page or Word has a paragraph per line, ending a sentence. The
    text of a saved web page or a Word file has a paragraph per line, whatever its
    lines look like (``paragraph_lines``)."""
    lines = [t.strip() for region in regions for _, t in region if t.strip()]
    widths = [width(t) for t in lines]
    widest = max(widths, default=0)
    open_ended = sum(1 for t in lines if not t.endswith(_SENTENCE_END))
    wrapped = (
        not paragraph_lines
        and bool(lines)
        and widest <= UNWRAPPED_WIDTH
        and open_ended >= 0.4 * len(lines)
    )
    # the page width is the most common width (full lines), not the widest line
    counted = Counter(widths)
    page = max(counted, key=lambda w: (counted[w], w)) if widths else 0
    return ProseLayout(wrapped, page, text)


def paragraphs(region: list[Line], layout: ProseLayout) -> str:
    """The prose of a region as paragraphs, one per line, hard line breaks removed.

    If paragraphs start with an indent (the text export, many web pages), that
    decides. Otherwise, unwrapped text has a paragraph per line; in wrapped text
    (PDF) a paragraph ends with a line clearly shorter than the page that ends a
    sentence, or before a sub-heading such as （一）.

    Each paragraph's lines are gathered and joined once (joining each line to the
    paragraph so far copied it again for every line: quadratic in a long one).
    """
    lines = [text.rstrip() for _, text in region]
    content = [t for t in lines if t.strip()]
    if not content:
        return ""
    if any(_INDENT.match(t) for t in content):
        return _by_indent(lines, layout)
    if not layout.wrapped:
        return "\n".join(t.strip() for t in content)
    blank_between = sum(1 for a, b in pairwise(lines) if a.strip() and not b.strip())
    blanks_mean_paragraphs = blank_between < len(content) / 2
    last_text = max(i for i, t in enumerate(lines) if t.strip())
    result: list[list[str]] = []
    current: list[str] = []
    for i, raw in enumerate(lines):
        text = raw.strip()
        if not text:  # a blank line ends a paragraph only where a sentence ends (not a page break)
            if blanks_mean_paragraphs and current and current[-1].endswith(_SENTENCE_END):
                result.append(current)
                current = []
            continue
        if current and _SUBHEADING.match(text):
            result.append(current)
            current = []
        current.append(text)
        short = width(text) <= layout.page_width - SHORT_BY
        if short and text.endswith(_SENTENCE_END) and i < last_text:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return "\n".join(_join(paragraph, layout) for paragraph in result)


def _by_indent(lines: list[str], layout: ProseLayout) -> str:
    result: list[list[str]] = []
    for raw in lines:
        if not raw.strip():
            continue
        if _INDENT.match(raw) or not result:
            result.append([raw.strip()])
        else:
            result[-1].append(raw.strip())
    return "\n".join(_join(paragraph, layout) for paragraph in result)


def _join(pieces: list[str], layout: ProseLayout) -> str:
    """A paragraph's wrapped lines joined: Chinese needs no space; Latin words and, in a
    text that spaces digits from Chinese (``2023 年``), digits next to Chinese do."""
    joined = [pieces[0]]
    for before, after in pairwise(pieces):
        a, b = before[-1], after[0]
        if (_ASCII_WORD.match(a) and _ASCII_WORD.match(b)) or (
            ((_ASCII_WORD.match(a) and _CJK.match(b)) or (_CJK.match(a) and _ASCII_WORD.match(b)))
            and layout.spaced_digits
        ):
            joined.append(" ")
        joined.append(after)
    return "".join(joined)


def spaces_digits(text: str) -> bool:
    """Whether a text writes spaces between digits and Chinese (as PDF extraction does)."""
    spaced = len(re.findall(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", text))
    tight = len(re.findall(r"[\u4e00-\u9fff]\d|\d[\u4e00-\u9fff]", text))
    return spaced > tight
