"""The panes of the editor: the cover, one per official part, and the problems list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static

from ...formats import ReportFormat, Section, Table
from ...report.model import Report
from ..widgets.grid import CursorWatcher, EditsHandler, PartLeaver, ReportGrid
from ..widgets.literal import for_editing

if TYPE_CHECKING:
    from ..widgets.text_area import PasteCheck  # the module: with the first part that has prose

COVER, PROBLEMS = "cover", "problems"


def pane_ids(fmt: ReportFormat) -> list[str]:
    """Pane ids in tab order: the cover, the six parts, the problems list."""
    return [f"pane-{COVER}", *(f"pane-{s.key}" for s in fmt.sections), f"pane-{PROBLEMS}"]


def text_area(report: Report, key: str, paste_check: PasteCheck | None = None) -> Widget:
    from ..widgets.text_area import ReportTextArea  # loaded with the first part that has prose

    area = ReportTextArea(
        for_editing(report.texts[key]),
        paste_check=paste_check,
        soft_wrap=True,
        tab_behavior="focus",
        show_line_numbers=False,
        id=f"text-{key}",
    )
    area.border_title = report.format.text_label(key)
    return area


def title_line(report: Report) -> str:
    return f"{report.agency}{report.title}"


def section_content(
    report: Report,
    section: Section,
    apply_edit: EditsHandler,
    leave_part: PartLeaver | None = None,
    paste_check: PasteCheck | None = None,
    cursor_moved: CursorWatcher | None = None,
) -> list[Widget]:
    children: list[Widget] = [Static(section.heading, classes="heading")]

    def grid(table: Table) -> ReportGrid:
        return ReportGrid(
            table,
            report,
            apply_edit,
            leave_part=leave_part,
            cursor_moved=cursor_moved,
            id=f"grid-{table.key}",
        )

    if section.text_key:
        children.append(text_area(report, section.text_key, paste_check))
    if len(section.tables) == 1:
        table = section.tables[0]
        children.append(grid(table))
    elif section.tables:
        stacked: list[Widget] = []
        for table in section.tables:
            if table.title:
                stacked.append(Label(table.title, classes="table-title"))
            stacked.append(grid(table))
        children.append(VerticalScroll(*stacked, classes="grids"))
    if section.tables:
        children.append(Static("", id=f"cell-{section.key}", classes="cell-label"))
    return children


def problems_content() -> list[Widget]:
    return [Static("", id="problems-summary", classes="heading"), OptionList(id="problems")]


def pane_titles(report: Report) -> list[str]:
    """封面, 一 … 六 by their numbers and short names, 校验."""
    return ["封面", *(f"{s.number} {s.short}" for s in report.format.sections), "校验"]
