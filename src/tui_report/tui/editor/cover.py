"""The cover's fields (发布机关, 年度) and what follows from changing them.

When the year changes and the introduction still states the statistics period
(统计期限) of another year, leaving the year field offers to correct it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.widgets import Input

from ...report.domain import MAX_YEAR, MIN_YEAR
from ...report.values import normalize_typed
from ..widgets.fields import FieldInput
from ..widgets.literal import for_editing, from_editing
from .panes import written_year

if TYPE_CHECKING:
    from .screen import EditorScreen

    _Base = EditorScreen
else:
    _Base = object

_SENTENCE = re.compile(r"[^。！？；\n]*[。！？；\n]?")
_PERIOD = re.compile(r"统计.{0,4}(期限|期间|时限|时间|区间|周期|范围)")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")


def period_years(text: str, year: int) -> list[tuple[int, int]]:
    """Spans of the years other than ``year`` in the sentences that state the
    statistics period (``统计期限为 2024 年 1 月 1 日至 12 月 31 日``)."""
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text):
        if not _PERIOD.search(sentence.group()):
            continue
        for found in _YEAR.finditer(sentence.group()):
            if int(found.group(1)) != year:
                start = sentence.start() + found.start(1)
                spans.append((start, start + 4))
    return spans


class CoverFields(_Base):
    """Mixin of the editor screen: the agency and year fields."""

    _year_when_focused: int | None = None

    # (handlers by name: Textual's @on is not seen in a mixin)

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput) and event.input.edited:
            self.clear_message_for_edit()
        if event.input.id == "agency":
            self.agency_changed(event)
        elif event.input.id == "year":
            self.year_changed(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "year":
            self.offer_period_update()

    def agency_changed(self, event: Input.Changed) -> None:
        if event.value != for_editing(self.report.agency):
            self.report.agency = from_editing(event.value)
            self.forget_previous(unless_same_agency=True)
            self.revalidate()
            self.update_header()
            self.schedule_recovery()
            self.schedule_previous_lookup()

    def shown_as_written(self, field: Input, value: str) -> bool:
        """Whether ``value`` in the year field is what the file wrote where no usable year
        is, shown and not typed: ２０２４ typed is a year, ２０２４ in the file is not."""
        edited = isinstance(field, FieldInput) and field.edited
        return self.report.year is None and value == written_year(self.report) and not edited

    def year_changed(self, event: Input.Changed) -> None:
        if self.shown_as_written(event.input, event.value):
            return
        written = written_year(self.report)
        text = normalize_typed(event.value)
        if text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR:
            event.input.remove_class("invalid")
            if int(text) != self.report.year:
                self.report.year = int(text)
                self.report.bad_fields.pop("year", None)
                self.message = Text()
                self.forget_previous()
                self.revalidate()
                self.update_header()
                self.schedule_recovery()
                self.schedule_previous_lookup()
        elif len(text) >= 4 or not text.isdigit():
            kept = f"仍按 {written} 计" if self.report.year is not None else "年度仍未填写"
            if self.report.year is None and written:
                kept = f"仍为文件中的“{written}”"
            self.say(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字；{kept}", "bold")

    def take_year(self, field: Input) -> None:
        """The year on screen, taken before saving or quitting (its message may be queued)."""
        if self.shown_as_written(field, field.value):
            return
        year = normalize_typed(field.value)
        if year.isdigit() and MIN_YEAR <= int(year) <= MAX_YEAR and int(year) != self.report.year:
            self.report.year = int(year)
            self.report.bad_fields.pop("year", None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input) and event.widget.id == "year":
            self._year_when_focused = self.report.year
        self.clear_stale_message()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, FieldInput) and widget.id == "year":
            shown = written_year(self.report)
            if normalize_typed(widget.value) != normalize_typed(shown):
                widget.show(shown)  # never keep an invalid year typed here on screen
            widget.set_class(self.report.year is None and bool(shown), "invalid")
            self.offer_period_update()

    def offer_period_update(self) -> None:
        """After the year changed: offer to correct the year of the statistics period."""
        before, year = self._year_when_focused, self.report.year
        if before is None or year is None or before == year or self.app.screen is not self:
            return
        self._year_when_focused = year
        key = self.report.format.intro_key
        areas = self.query(f"#text-{key}")
        spans = period_years(areas.first().text, year) if areas else []
        if not spans:
            return
        text = areas.first().text
        written = "、".join(dict.fromkeys(text[a:b] for a, b in spans))
        from ..widgets.dialogs import Choice

        def answered(choice: str | None) -> None:
            if choice == "update":
                self.update_period(year)

        self.app.push_screen(
            Choice(
                f"年度已改为 {year}，而{self.report.format.text_label(key)}中的统计期限"
                f"写的是 {written} 年。要把统计期限改为 {year} 年吗？",
                [("update", "更新统计期限", "u"), ("keep", "不改", "n")],
            ),
            answered,
        )

    def update_period(self, year: int) -> None:
        """Put ``year`` into the introduction's statistics period (one undo step there)."""
        from textual.widgets import TextArea

        area = self.query_one(f"#text-{self.report.format.intro_key}", TextArea)
        spans = period_years(area.text, year)
        if not spans:
            return
        start, end = spans[0][0], spans[-1][1]
        piece = area.text[start:end]
        for span_start, span_end in reversed(spans):
            offset = span_start - start
            piece = piece[:offset] + str(year) + piece[offset + span_end - span_start :]
        document = area.document
        area.replace(
            piece, document.get_location_from_index(start), document.get_location_from_index(end)
        )
        self.say(f"已把引言中的统计期限改为 {year} 年（在引言中按 Ctrl+Z 可撤销）")
