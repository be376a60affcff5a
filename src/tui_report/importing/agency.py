"""Which body published the report: the one its title names (on its own line, in the
page's 标题 field, or on the line above it), or, where none does, the page's 发布机构;
and a warning where the report spells that body otherwise elsewhere (OCR reads 官亭镇 as
宫亭镇 in one place and not another): the clerk must know which spelling was taken."""

from __future__ import annotations

from difflib import SequenceMatcher

from .furniture import PUBLISHER_FIELDS, PageHeader
from .lines import Line
from .problems import ImportWarning
from .sections import ReportTitle, names_a_body

# Characters that tell bodies apart by level (区 and 市 are two bodies, not a misreading).
_LEVELS = frozenset("省市县区镇乡村街道局委办厅署")
MIN_LENGTH = 4  # shorter names (本局) are not compared
SIMILAR = 0.8  # a 发布机构 this similar to the title's body, and not equal, is a misspelling


def agency_of(
    title: ReportTitle, field: ReportTitle | None, header: PageHeader, prose: list[Line]
) -> tuple[str | None, list[ImportWarning]]:
    """The agency, and warnings naming both spellings where they differ. The body the
    title's own line names comes first, then the one the page's 标题 field names
    (``field``), then the line just before the title, then the page's 发布机构; each only
    where it looks like a body's name (a breadcrumb or a page's own words never does)."""
    warnings: list[ImportWarning] = []
    titled = title.named or (field.named if field else None)
    titled = titled or (title.above[0] if title.above else None)
    published = header.value(*PUBLISHER_FIELDS)
    agency = titled
    if agency is None and published and names_a_body(published[0]):
        agency = published[0]
    if titled and published and _misspelt(titled, published[0]):
        warnings.append(
            ImportWarning(
                f"标题中的机关名称为“{titled}”，第 {published[1]} 行的发布机构为"
                f"“{published[0]}”（可能有识别错误），已按标题导入（可用 --agency 指定）",
                published[1],
            )
        )
    if agency and len(agency) >= MIN_LENGTH:
        found = spelt_otherwise(agency, prose)
        if found:
            spelling, number = found
            warnings.append(
                ImportWarning(
                    f"机关名称在标题中为“{agency}”，在第 {number} 行写作“{spelling}”"
                    "（可能有识别错误），已按标题导入（可用 --agency 指定）",
                    number,
                )
            )
    return agency, warnings


def _misspelt(one: str, other: str) -> bool:
    """Whether ``other`` is ``one`` misread: alike, but neither names more (示例区人民政府
    in 示例市示例区人民政府) nor another level (示例市人民政府 for 示例市示例区人民政府, 示例区
    for 示例市: a level's character added, left out or put for another level's)."""
    if one == other or one in other or other in one:
        return False
    matcher = SequenceMatcher(None, one, other, autojunk=False)
    for kind, a, b, c, d in matcher.get_opcodes():
        ours, theirs = set(one[a:b]) & _LEVELS, set(other[c:d]) & _LEVELS
        if kind in ("insert", "delete") and (ours or theirs):
            return False
        if kind == "replace" and ours and theirs:
            return False
    return matcher.ratio() >= SIMILAR


def spelt_otherwise(agency: str, lines: list[Line]) -> tuple[str, int] | None:
    """The first place the text names ``agency`` with one character otherwise (two in a
    name of eight or more), never one that tells another body by level (示例市 for 示例区).
    Only places that start or end as the name does (its first or last third) are looked
    at, found by a search."""
    size = len(agency)
    allowed = 2 if size >= 8 else 1
    ends = max(2, size // 3)  # a third of the name at either end (not just 政府)
    for number, text in lines:
        starts = set(_found(text, agency[:ends]))
        starts |= {at + ends - size for at in _found(text, agency[-ends:])}
        for start in sorted(starts):
            window = text[start : start + size]
            if start < 0 or len(window) < size or window == agency:
                continue  # (the name itself, the usual case: nothing to compare)
            differing = [(a, b) for a, b in zip(window, agency, strict=True) if a != b]
            if (
                0 < len(differing) <= allowed
                and all(a not in _LEVELS and b not in _LEVELS for a, b in differing)
                and all("\u4e00" <= a <= "\u9fff" for a, _ in differing)
            ):
                return window, number
    return None


def _found(text: str, part: str) -> list[int]:
    places = []
    at = text.find(part)
    while at != -1:
        places.append(at)
        at = text.find(part, at + 1)
    return places
