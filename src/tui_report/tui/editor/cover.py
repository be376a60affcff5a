"""The cover: 发布机关, 年度 and the introduction, and what follows from changing them.

When the year changes and the introduction still states the statistics period
(统计期限) of another year, leaving the year field offers to correct it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from ...document.document import ReportDocument
from ...document.fields import period_years, typed_year, with_period, written_year
from ...report.domain import MAX_YEAR, MIN_YEAR
from ...report.model import Report
from ...report.values import normalize_typed
from ..widgets.fields import FieldInput
from ..widgets.literal import for_editing, from_editing, literal
from .panes import COVER, text_area, title_line
from .status_line import StatusLine

if TYPE_CHECKING:
    from ..widgets.text_area import PasteCheck  # the module: with the first part that has prose


def cover_content(report: Report, paste_check: PasteCheck | None = None) -> list[Widget]:
    year = written_year(report)
    invalid = "invalid" if report.year is None and year else None
    year_field = FieldInput(year, id="year", max_length=max(4, len(year)), classes=invalid)
    return [
        Static(literal(title_line(report)), id="cover-title", classes="heading"),
        Horizontal(
            Vertical(
                Label("发布机关"),
                FieldInput(for_editing(report.agency), id="agency"),
                id="agency-box",
            ),
            Vertical(Label("年度"), year_field, id="year-box"),
            id="cover-fields",
        ),
        text_area(report, report.format.intro_key, paste_check),
    ]


class CoverPane(Vertical):
    """The cover's pane: its fields change the document as they are typed in."""

    def __init__(
        self, document: ReportDocument, status: StatusLine, paste_check: PasteCheck | None
    ) -> None:
        super().__init__(
            *cover_content(document.report, paste_check), id=f"pane-{COVER}", classes="pane"
        )
        self.document = document
        self.status = status
        self._year_when_focused: int | None = None
        self._title = title_line(document.report)

    def show_title(self) -> None:
        """The cover's title, anew where the agency changed (a new layout only then)."""
        title = title_line(self.document.report)
        if title != self._title:
            self._title = title
            self.query_one("#cover-title", Static).update(literal(title))

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FieldInput) and event.input.edited:
            self.status.clear_for_edit()
        if event.input.id == "agency":
            if event.value != for_editing(self.document.report.agency):
                self.document.set_agency(from_editing(event.value))
        elif event.input.id == "year":
            self._year_changed(event.input, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "year":
            self.offer_period_update()

    def shown_as_written(self, field: Input, value: str) -> bool:
        """Whether ``value`` in the year field is what the file wrote where no usable year
        is, shown and not typed: ２０２４ typed is a year, ２０２４ in the file is not."""
        edited = isinstance(field, FieldInput) and field.edited
        report = self.document.report
        return report.year is None and value == written_year(report) and not edited

    def _year_changed(self, field: Input, value: str) -> None:
        if self.shown_as_written(field, value):
            return
        report = self.document.report
        written = written_year(report)
        text = normalize_typed(value)
        year = typed_year(text)
        if year is not None:
            field.remove_class("invalid")
            if year != report.year:
                self.status.forget()
                self.document.set_year(year)
        elif len(text) >= 4 or not text.isdigit():
            kept = f"仍按 {written} 计" if report.year is not None else "年度仍未填写"
            if report.year is None and written:
                kept = f"仍为文件中的“{written}”"
            self.status.say(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字；{kept}", "bold")

    def take_fields(self) -> None:
        """The fields as on screen, taken before saving or quitting (a keystroke's message
        may still be queued when Ctrl+S or Ctrl+Q arrives)."""
        for agency in self.query("#agency").results(Input):
            if agency.value != for_editing(self.document.report.agency):
                self.document.set_agency(from_editing(agency.value))
        for field in self.query("#year").results(Input):
            year = typed_year(field.value)
            if not self.shown_as_written(field, field.value) and year is not None:
                self.document.set_year(year)

    def show_field(self, name: str) -> None:
        """Show the document's agency or year, changed by the program (an undo, a merge)."""
        report = self.document.report
        shown = for_editing(report.agency) if name == "agency" else written_year(report)
        for field in self.query(f"#{name}").results(FieldInput):
            field.show(shown)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input) and event.widget.id == "year":
            self._year_when_focused = self.document.report.year

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        widget = event.widget
        if isinstance(widget, FieldInput) and widget.id == "year":
            report = self.document.report
            shown = written_year(report)
            if normalize_typed(widget.value) != normalize_typed(shown):
                widget.show(shown)  # never keep an invalid year typed here on screen
            widget.set_class(report.year is None and bool(shown), "invalid")
            self.offer_period_update()

    def offer_period_update(self) -> None:
        """After the year changed: offer to correct the year of the statistics period."""
        before, year = self._year_when_focused, self.document.report.year
        if before is None or year is None or before == year or self.app.screen is not self.screen:
            return
        self._year_when_focused = year
        fmt = self.document.report.format
        areas = self.query(f"#text-{fmt.intro_key}")
        text = getattr(areas.first(), "text", "") if areas else ""
        spans = period_years(text, year)
        if not spans:
            return
        written = "、".join(dict.fromkeys(text[a:b] for a, b in spans))
        from ..widgets.dialogs import Choice  # a dialog: when first opened (start-up)

        def answered(choice: str | None) -> None:
            if choice == "update":  # sent by the screen, the text area's change reaches it
                self.screen.call_next(self.update_period, year)

        self.app.push_screen(
            Choice(
                f"年度已改为 {year}，而{fmt.text_label(fmt.intro_key)}中的统计期限"
                f"写的是 {written} 年。要把统计期限改为 {year} 年吗？",
                [("update", "更新统计期限", "u"), ("keep", "不改", "n")],
            ),
            answered,
        )

    def update_period(self, year: int) -> None:
        """Put ``year`` into the introduction's statistics period (one undo step there)."""
        from textual.widgets import TextArea  # loaded with the first part that has prose
        from textual.widgets.text_area import Document

        area = self.query_one(f"#text-{self.document.report.format.intro_key}", TextArea)
        found = with_period(area.text, year)
        if found is None:
            return
        start, end, piece = found
        document = area.document
        assert isinstance(document, Document)
        area.replace(
            piece, document.get_location_from_index(start), document.get_location_from_index(end)
        )
        self.status.say(f"已把引言中的统计期限改为 {year} 年（在引言中按 Ctrl+Z 可撤销）")
