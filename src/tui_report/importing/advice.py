"""Why a part's tables did not read, when the text says more than "row not found": the
tables are the other official format's, they have no numbers at all, or their order
is scrambled beyond reading (a matrix printed column by column, cells run together)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..formats import FORMATS, ReportFormat, Section
from .cells import Segment
from .labels import key, official_key

BROKEN_ORDER = (
    "表格的顺序已被打乱（不带 -layout 的 pdftotext 逐列输出表格，网页抓取的文字把单元格连在一起）："
    "请直接导入 .pdf 文件，或用 pdftotext -layout 提取文字后导入，或从网页另存为 .html 后导入"
)
NO_NUMBERS = (
    "这一部分的表格只有行名和列名，没有一个数（原文的单元格是空的，或复制、抓取网页时丢了数）："
    "请取得带数字的原文后导入（如从网页另存为 .html，或下载 PDF 文件）"
)
RUN_TOGETHER_DIGITS = 7  # a count this long in a table of applications is cells run together


def without_numbers(segments: list[Segment]) -> bool:
    """Whether a part's tables are labels only: not one cell with a value, or blank,
    after them (a crawl that kept the labels and dropped every number)."""
    return not any(segment.values for segment in segments)


def table_order_broken(section: Section, segments: list[Segment]) -> bool:
    """Whether a part's table text is scrambled beyond reading: row labels listed one
    after another with no numbers between them (a matrix printed column by column), or
    numbers run together into one (``801000081``)."""
    # (the rows of a table printed as one row, part 四's, stand together in its header)
    labels = [
        official_key(row.label)
        for table in section.tables
        if not table.one_row
        for row in table.rows
    ]
    for segment in segments:
        text = key(segment.text)
        if sum(1 for label in labels if label in text) >= 3:
            return True
        widest = max(len(table.columns) * len(table.rows) for table in section.tables)
        if len(segment.values) > widest:
            return True
    return any(
        cell.kind == "number" and len(cell.text) >= RUN_TOGETHER_DIGITS and cell.text.isdigit()
        for segment in segments
        for cell in segment.values
        if section.key in ("applications", "review_litigation")
    )


def other_format(fmt: ReportFormat, section: Section, keys: Iterable[str]) -> str | None:
    """Why a part may not read: its tables are those of the other official format (a 2023
    report in the 2019 trial format's tables: 本年新制作数量, 上一年项目数量). The advice
    to give, when two or more column headings of only that format are in its text (``keys``:
    ``key`` of each segment's text), ours left out of it first (处理决定数量 of 2019 is
    inside our 本年处理决定数量)."""
    text = "".join(keys)
    for other, theirs, ours in _only_in_other_formats(fmt, section):
        for label in ours:
            text = text.replace(label, "|")
        if sum(1 for label in theirs if label in text) >= 2:
            return (
                f"这一部分的表格是{other.name}的格式，而本报告的年度应使用{fmt.name}的格式："
                "请确认年度（可用 --year 指定），或按该年度的格式填写后再导入"
            )
    return None


@lru_cache(maxsize=64)
def _only_in_other_formats(
    fmt: ReportFormat, section: Section
) -> tuple[tuple[ReportFormat, tuple[str, ...], tuple[str, ...]], ...]:
    """For each other format: the column headings of this part that only it has, and
    those of ours that hold one of them (to be left out of the text first, longest first)."""
    ours = {official_key(c.label) for table in section.tables for c in table.columns}
    found = []
    for other in FORMATS.values():
        if other is fmt:
            continue
        theirs = {
            official_key(c.label)
            for part in other.sections
            if part.key == section.key
            for table in part.tables
            for c in table.columns
        } - ours
        holding = sorted((o for o in ours if any(t in o for t in theirs)), key=len, reverse=True)
        found.append((other, tuple(sorted(theirs)), tuple(holding)))
    return tuple(found)
