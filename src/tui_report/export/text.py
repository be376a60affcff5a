"""The plain-text official layout, for upload to a government portal.

Title, intro, parts 一 to 六 with the official headings, and each part's table
as the official template lays it out (merged cells drawn in ASCII, labels
verbatim, computed totals). Part 四 is the template's one row of 15 numbers
when the width allows, else three rows of five under the same group names.
"""

from __future__ import annotations

from ..formats.template import section_layout
from ..report.model import Report
from .kinds import DEFAULT_WIDTH
from .published import PublishedReport, published
from .text_grid import draw_table

PARAGRAPH_INDENT = "\u3000\u3000"


def export_text(report: Report, max_width: int = DEFAULT_WIDTH) -> str:
    return render_text(published(report), max_width)


def render_text(document: PublishedReport, max_width: int = DEFAULT_WIDTH) -> str:
    out: list[str] = [document.agency, document.title, ""]
    out += _paragraphs(document.intro)
    for part in document.parts:
        out += [part.section.heading, ""]
        out += _paragraphs(part.paragraphs)
        if part.table is not None:
            drawn, fits = draw_table(part.table, document.numbers, max_width)
            if not fits and part.table.label_columns == 0:  # the one row of part 四
                narrow = section_layout(part.section, one_row=False)
                assert narrow is not None
                drawn, _ = draw_table(narrow, document.numbers, max_width)
            out += [drawn, ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _paragraphs(paragraphs: tuple[str, ...]) -> list[str]:
    """One paragraph per line, first line indented by two full-width spaces (首行缩进)."""
    kept = [PARAGRAPH_INDENT + line for line in paragraphs]
    return [*kept, ""] if kept else []
