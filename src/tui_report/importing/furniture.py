"""A crawled or saved portal page's furniture around the report: the lines about the
page (``标题：…``, ``索引号：…``, ``发布机构：…``, ``发文日期：…``, 来源, 字号), and the portal's
own links after it (打印, 关闭, 上一篇).

The lines about the page are never the report's title or intro: they are read as fields
(a portal prints them as ``标题：…`` lines, or as a table of ``索 引 号 | … | 分 类 | …``),
and two of them count: 标题 is the title where the page prints it only there, and 发布机构
is the agency where the title names none."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .lines import Line
from .sections import prints_title

_PAGE_CHROME = re.compile(
    r"^\s*(【?\s*打印|【?\s*关闭|分享到|扫一扫|版权所有|主办单位|承办单位|网站标识码|上一篇|下一篇|"
    r"相关链接|相关阅读|相关文件|附件下载|.*ICP备)"
)
# Where the page is in the portal: ``您当前的位置：首页>信息公开>…``, ``首页 > 政务公开 > …``.
_BREADCRUMB = re.compile(r"^\s*(?:您?(?:当前|现在|所在)?的?位置\s*[：:]|首页\s*[>›»/])")

# The names of a portal's fields about a page; a line that starts with one, then a colon,
# a tab or a | is a line about the page.
FIELD_NAMES = (
    "标题",
    "索引号",
    "发布机构",
    "发文机关",
    "发布单位",
    "发文单位",
    "所属机构",
    "来源",
    "信息来源",
    "发布时间",
    "发布日期",
    "发文日期",
    "成文日期",
    "生成日期",
    "时间",
    "日期",
    "文号",
    "发文字号",
    "分类",
    "主题分类",
    "体裁分类",
    "信息类别",
    "主题词",
    "关键词",
    "有效性",
    "效力状态",
    "公开方式",
    "公开范围",
    "公开时限",
    "字号",
    "字体",
    "浏览次数",
    "点击数",
    "阅读次数",
)
_FIRSTS = frozenset(name[0] for name in FIELD_NAMES)
TITLE_FIELD = "标题"
PUBLISHER_FIELDS = ("发布机构", "发文机关", "发布单位", "发文单位")

_NAME = "|".join(
    r"\s*".join(re.escape(ch) for ch in name) for name in sorted(FIELD_NAMES, key=len, reverse=True)
)
# A field: its name (its characters may be spaced out, 索 引 号), perhaps in 【】, then
# what separates it from its value.
_FIELD = re.compile(rf"[【\[]?\s*(?P<name>{_NAME})\s*[】\]]?\s*(?:[：:|\t]|$)")


@dataclass
class PageHeader:
    """The fields a page prints about itself: name → (value, line)."""

    fields: dict[str, tuple[str, int]] = field(default_factory=dict)

    def value(self, *names: str) -> tuple[str, int] | None:
        for name in names:
            found = self.fields.get(name)
            if found and found[0]:
                return found
        return None


def page_header(front: list[Line]) -> tuple[PageHeader, list[Line]]:
    """The page's fields among the lines before part 一, and those lines without them
    and without the portal's own lines (links, where the page is), in one pass. Below the
    report's title (the first of those lines that ``prints_title``, alone or running into
    the next, as ``report_title`` finds it) only the fields printed right under it count
    (发布时间：… 浏览次数：…), each with its value on its line: from the first other line on,
    the text is the report's own (an intro line ``日期`` is its text, not a field waiting
    for a value)."""
    header = PageHeader()
    rest: list[Line] = []
    waiting: str | None = None  # a field printed alone, its value on the next line
    alone: Line | None = None  # that field's line
    titled = False  # the title is read: what follows is the report's, but for its fields
    above: str | None = None  # until then, the text of the last line kept (a title's start?)
    in_report = False  # below the title, past the fields printed under it
    for number, text in front:
        if in_report or (titled and waiting is None):
            fields = None if in_report else _fields(text)
            if fields is None or not all(value for _, value in fields):
                in_report = in_report or bool(text.strip())
                rest.append((number, text))
                continue
        if _PAGE_CHROME.match(text) or _BREADCRUMB.match(text):
            continue  # the portal's links and where the page is: never title, agency or intro
        fields = _fields(text)
        if fields is None:
            if waiting is not None and text.strip():
                header.fields[waiting] = (text.strip(), number)
                waiting = alone = None
            else:
                rest.append((number, text))
                if not titled and text.strip():
                    kept = text.strip()
                    titled = (above is not None and prints_title(above, kept)) or prints_title(kept)
                    above = kept
            continue
        for name, value in fields:
            header.fields.setdefault(name, (value, number))
        last, value = fields[-1]
        waiting, alone = (last, (number, text)) if not value else (None, None)
    if alone is not None and len(_fields(alone[1]) or ()) == 1:
        rest.append(alone)  # a word alone with nothing after it (日期): the report's own
    return header, rest


def _fields(text: str) -> list[tuple[str, str]] | None:
    """The fields a line prints (``标题：…``, ``索 引 号 | … | 分 类 | …``), or None where
    the line does not start with one."""
    if text.lstrip(" \t\u3000【[")[:1] not in _FIRSTS:
        return None  # (most lines: without working out their normal form)
    plain = unicodedata.normalize("NFKC", text).strip()
    first = _FIELD.match(plain)
    if first is None:
        return None
    found: list[tuple[str, str]] = []
    matches = [first]
    position = first.end()
    while True:
        following = _next_field(plain, position)
        if following is None:
            break
        matches.append(following)
        position = following.end()
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        end = after.start() if after is not None else len(plain)
        value = plain[match.end() : end].strip(" |\t　")
        found.append((re.sub(r"\s+", "", match["name"]), value))
    return found


def _next_field(text: str, position: int) -> re.Match[str] | None:
    """The next field after ``position`` that starts a cell (after a |, a tab or spaces)."""
    for separator in re.finditer(r"[|\t]|\s{2,}|\s(?=\S+\s*[：:])", text[position:]):
        at = position + separator.end()
        match = _FIELD.match(text, at)
        if match:
            return match
    return None


def without_page_chrome(region: list[Line]) -> list[Line]:
    """The last part of a saved web page, cut where the portal's own links begin."""
    for i, (_, text) in enumerate(region):
        if _PAGE_CHROME.match(text):
            return region[:i]
    return region
