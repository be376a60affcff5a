"""The parts of a published report around its tables: the title (agency and year), the
intro, and the prose of parts 一, 五 and 六 as paragraphs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from ..text.textwidth import width
from .lines import Line

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
UNWRAPPED_WIDTH = 100  # lines wider than this were not hard-wrapped (web page, Word)
SHORT_BY = 6  # a line this much narrower than the page may end a paragraph (an indent is 4)


def has_report_title(lines: list[str]) -> bool:
    """Whether a line before part 一 holds a report's title."""
    for line in lines:
        if line.lstrip().startswith("一、"):
            return False
        if REPORT_TITLE.search(unicodedata.normalize("NFKC", line)):
            return True
    return False


@dataclass(frozen=True)
class ReportTitle:
    """The report's title among the lines before part 一: the body its own line names
    (``named``), the line just before it where that names a body (``above``: a title
    printed over two lines, the agency first), its year, and the intro after it."""

    named: str | None
    above: tuple[str, int] | None  # the name, its line
    year: int | None
    intro: list[Line]
    line: int | None = None  # where the title is


def report_title(front: list[Line]) -> ReportTitle:
    """The title in ``front``. It may be split over two lines (``2024 年上海市科委政府信息
    公开工作`` / ``年度报告``). A name that does not look like a body's (a page's own words:
    ``您当前的位置：首页>…``, ``政府信息公开年报``) is no name."""
    texts = [(i, text.strip()) for i, (_, text) in enumerate(front) if text.strip()]
    for position in range(len(texts)):
        for span in (1, 2):
            used = texts[position : position + span]
            if len(used) < span:
                continue
            found = _title_in([t for _, t in used])
            if found is None:
                continue
            match, title = found
            named = _agency_words(title[: match.start()]) or _agency_words(match["middle"])
            above = None
            if not named and position > 0:
                index, text = texts[position - 1]
                above = (_agency_words(text), front[index][0])
            return ReportTitle(
                named if named and names_a_body(named) else None,
                above if above and looks_like_body(above[0]) else None,
                int(match.group(1)),
                front[used[-1][0] + 1 :],
                front[used[0][0]][0],
            )
    return ReportTitle(None, None, None, front)


def prints_title(*texts: str) -> bool:
    """Whether a line's text (stripped) is the report's title, or two lines' texts are, the
    title running from the first into the second (as ``report_title`` reads them)."""
    return _title_in(list(texts)) is not None


def _title_in(texts: list[str]) -> tuple[re.Match[str], str] | None:
    """The title that one or two lines' texts print (its match, their normal form); two
    lines count only where the title runs from one into the next."""
    title = unicodedata.normalize("NFKC", "".join(texts))
    match = REPORT_TITLE.search(title)
    if match is None:
        return None
    first = len(unicodedata.normalize("NFKC", texts[0]))
    if len(texts) == 2 and not match.start() < first < match.end():
        return None
    return match, title


def title_and_intro(front: list[Line]) -> tuple[str | None, int | None, list[Line]]:
    """Agency (the title's own, or the line's before it), year and the intro lines from
    the lines before part 一 (see ``report_title``)."""
    title = report_title(front)
    agency = title.named or (title.above[0] if title.above else None)
    return agency, title.year, title.intro


# The last character of a body's name: a place (示例县, 平潭综合实验区) or an office (人民
# 政府, 水利局, 科委, 政府办, 委员会, 街道办事处, 中心, 研究院, 妇联, 科协, 公路段); a page's
# own words end otherwise (政府信息公开年报, 关闭窗口, 门户网站).
_PLACES = "省市县区旗州盟镇乡村道"
_OFFICES = "府局委办室厅署院会心所站队处科部馆社团行校学司关狱场台园库联协段厂"
_BODY_ENDS = frozenset(_PLACES + _OFFICES)
_NOT_A_BODY = re.compile(r"[>›»|：:/\\]|首页|位置|打印|关闭|窗口|网站|门户|栏目|专栏|信息公开|年报")
BODY_NAME_LENGTH = 40  # longer: a sentence, not a name


def names_a_body(name: str) -> bool:
    """Whether ``name``, in a place that names a body (a title's own line, a page's 标题 or
    发布机构 field), may be one: not a page's own words, not a sentence."""
    return 1 < len(name) <= BODY_NAME_LENGTH and not _NOT_A_BODY.search(name)


def looks_like_body(name: str) -> bool:
    """Whether a line that may be anything (the one above a title) is a body's name: it
    ``names_a_body`` and ends as one (see ``_BODY_ENDS``)."""
    return names_a_body(name) and name[-1] in _BODY_ENDS and not any(map(str.isdigit, name))


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


def blank_lines_between(regions: list[list[Line]]) -> bool:
    """Whether every line of prose in ``regions`` has a blank line before the next (as
    Markdown parts paragraphs, and this program's Markdown export writes them): then
    each line is a paragraph, whatever it ends with."""
    texts = [bool(text.strip()) for region in regions for _, text in region]
    return any(texts) and not any(a and b for a, b in pairwise(texts))


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
