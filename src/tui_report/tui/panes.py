"""The panes of the editor: the cover, one per official part, and the problems list."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static, TabPane, TextArea

from ..formats import ReportFormat, Section
from ..model import CellRef, Report
from ..values import Value
from .grid import ReportGrid
from .literal import for_editing, literal

COVER, PROBLEMS = "cover", "problems"
EditHandler = Callable[[CellRef, Value], None]


def pane_ids(fmt: ReportFormat) -> list[str]:
    """Pane ids in tab order: the cover, the six parts, the problems list."""
    return [f"pane-{COVER}", *(f"pane-{s.key}" for s in fmt.sections), f"pane-{PROBLEMS}"]


def text_area(report: Report, key: str) -> TextArea:
    area = TextArea(
        for_editing(report.texts[key]),
        soft_wrap=True,
        tab_behavior="focus",
        show_line_numbers=False,
        id=f"text-{key}",
    )
    area.border_title = report.format.text_label(key)
    return area


def cover_pane(report: Report) -> TabPane:
    year = "" if report.year is None else str(report.year)
    return TabPane(
        "封面",
        Static(literal(title_line(report)), id="cover-title", classes="heading"),
        Horizontal(
            Vertical(
                Label("发布机关"), Input(for_editing(report.agency), id="agency"), id="agency-box"
            ),
            Vertical(Label("年度"), Input(year, id="year", max_length=4), id="year-box"),
            id="cover-fields",
        ),
        text_area(report, report.format.intro_key),
        id=f"pane-{COVER}",
    )


def title_line(report: Report) -> str:
    return f"{report.agency}{report.title}"


def section_pane(report: Report, section: Section, apply_edit: EditHandler) -> TabPane:
    children: list = [Static(section.heading, classes="heading")]
    if section.text_key:
        children.append(text_area(report, section.text_key))
    if len(section.tables) == 1:
        children.append(
            ReportGrid(section.tables[0], report, apply_edit, id=f"grid-{section.tables[0].key}")
        )
    elif section.tables:
        stacked: list = []
        for table in section.tables:
            if table.title:
                stacked.append(Label(table.title, classes="table-title"))
            stacked.append(ReportGrid(table, report, apply_edit, id=f"grid-{table.key}"))
        children.append(VerticalScroll(*stacked, classes="grids"))
    if section.tables:
        children.append(Static("", id=f"cell-{section.key}", classes="cell-label"))
    return TabPane(f"{section.number} {section.short}", *children, id=f"pane-{section.key}")


def problems_pane() -> TabPane:
    return TabPane(
        "校验",
        Static("", id="problems-summary", classes="heading"),
        OptionList(id="problems"),
        id=f"pane-{PROBLEMS}",
    )


def compose_panes(report: Report, apply_edit: EditHandler) -> ComposeResult:
    yield cover_pane(report)
    for section in report.format.sections:
        yield section_pane(report, section, apply_edit)
    yield problems_pane()
