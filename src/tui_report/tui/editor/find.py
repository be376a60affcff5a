"""Ctrl+F: find a row, a column, a part or words of the narrative, in every part.

Any piece of a label finds it (行政强制, 不掌握, 结转); several words must all
occur; full-width and half-width forms match each other. Words in the narrative
are found too, and the cursor goes to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...document import navigation
from ...report.model import CellRef, Report
from ..widgets.literal import visible
from ..widgets.picker import Picker, matches

MAX_TEXT_HITS = 50
CONTEXT = 10  # characters shown on each side of a word found in the narrative


@dataclass(frozen=True)
class Place:
    """Somewhere the cursor can go: a cell, a text (at an offset), a field or a part."""

    label: str
    kind: str  # "cell", "text", "field" or "pane"
    key: str = ""  # the text key, field id or pane id
    ref: CellRef | None = None
    offset: int | None = None


def labelled_places(report: Report) -> list[Place]:
    """Every labelled place of the report, in the order of the report."""
    fmt = report.format
    places = [
        Place("封面 发布机关", "field", "agency"),
        Place("封面 年度", "field", "year"),
        Place(f"封面 {fmt.text_label(fmt.intro_key)}", "text", fmt.intro_key),
    ]
    for section in fmt.sections:
        places.append(Place(section.heading, "pane", f"pane-{section.key}"))
        if section.text_key and section.text_key != section.key:
            places.append(Place(fmt.text_label(section.text_key), "text", section.text_key))
        for table in section.tables:
            title = f"{table.title} " if table.title else ""
            for r, row in enumerate(table.rows):
                col = next(
                    (c for c in range(len(table.columns)) if navigation.is_entry(table, r, c)), 0
                )
                ref = CellRef(table.key, row.key, table.columns[col].key)
                places.append(
                    Place(
                        f"{section.number} {title}{' '.join((*row.groups, row.label))}",
                        "cell",
                        ref=ref,
                    )
                )
            for c, column in enumerate(table.columns):
                first = next(
                    (r for r in range(len(table.rows)) if navigation.is_entry(table, r, c)), 0
                )
                ref = CellRef(table.key, table.rows[first].key, column.key)
                label = " ".join((*column.groups, column.label))
                places.append(Place(f"{section.number} {title}列 {label}", "cell", ref=ref))
    return places


def text_places(report: Report, texts: dict[str, str], query: str) -> list[Place]:
    """Where the query occurs in the narratives as shown (``texts``), at most a few dozen."""
    needle = query.strip().casefold()
    if not needle:
        return []
    found: list[Place] = []
    for key, text in texts.items():
        folded = text.casefold()
        start = folded.find(needle)
        while start >= 0 and len(found) < MAX_TEXT_HITS:
            before = text[max(0, start - CONTEXT) : start]
            after = text[start + len(needle) : start + len(needle) + CONTEXT]
            shown = visible(f"…{before}【{text[start : start + len(needle)]}】{after}…")
            found.append(
                Place(f"{report.format.text_label(key)}：{shown}", "text", key, offset=start)
            )
            start = folded.find(needle, start + len(needle))
    return found


class Find(Picker[Place]):
    heading = "查找：行、列、部分名称的任意一段（如 行政强制、不掌握、结转），或正文中的字句"
    placeholder = "要找的文字"

    def __init__(self, report: Report, texts: dict[str, str]) -> None:
        super().__init__()
        self.places = labelled_places(report)
        self.report = report
        self.texts = texts

    def choices(self, query: str) -> list[tuple[str, Place | None]]:
        if not query.strip():
            return [("（输入文字后列出找到的位置）", None)]
        found = [p for p in self.places if matches(query, p.label)]
        found += text_places(self.report, self.texts, query)
        if not found:
            return [(f"没有找到“{visible(query.strip())}”", None)]
        return [(p.label, p) for p in found]

    def count_text(self, shown: int) -> str:
        return f"找到 {shown} 处；↑/↓ 选择，Enter 跳到该处，Esc 取消" if shown else "Esc 取消"
