"""Where F8 / Ctrl+N go: the next problem after the cursor, in the report's own order.

Every place of the editor has a position in reading order — the cover's fields and
introduction, then each part's text and its tables, cell by cell, then the problems
list — and every problem the place F8 takes the cursor to. F8 goes to the first
problem after the cursor, Shift+F8 to the last one before it, wrapping around at the
ends, like a compiler's "next error" in an editor. Problems at one place keep the
order of the list (errors first); the cursor standing where F8 last put it counts as
that problem, so that F8 again goes on to the next one at the same place.
Pure Python, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..formats import ReportFormat
from ..report.domain import TEXT_KEY
from ..report.model import CellRef
from ..report.problems import Problem

# (pane, place in the pane, row, column); the pane as on the part bar: 0 the cover,
# 1–6 the parts, 7 the problems list. In a pane, text comes before the tables.
Place = tuple[int, int, int, int]
COVER_PLACES = {"agency": 0, "year": 1}
TEXT_PLACE = -1  # a part's text, above its tables
PANE_START = -2  # the part bar, or a pane as a whole


def problems_pane(fmt: ReportFormat) -> int:
    return len(fmt.sections) + 1


def section_pane(fmt: ReportFormat, section_key: str) -> int:
    return next(i for i, s in enumerate(fmt.sections, 1) if s.key == section_key)


def cell_place(fmt: ReportFormat, ref: CellRef) -> Place:
    section = fmt.section_of_table[ref.table]
    table_index = next(i for i, t in enumerate(section.tables) if t.key == ref.table)
    table = section.tables[table_index]
    return (
        section_pane(fmt, section.key),
        table_index,
        table.row_index[ref.row],
        table.column_index[ref.column],
    )


def text_place(fmt: ReportFormat, text_key: str) -> Place:
    section = fmt.section_of_text.get(text_key)
    if section is None:  # the introduction, on the cover below its two fields
        return (0, len(COVER_PLACES), 0, 0)
    return (section_pane(fmt, section.key), TEXT_PLACE, 0, 0)


def problem_place(fmt: ReportFormat, problem: Problem) -> Place:
    """Where F8 puts the cursor for a problem (as ``Moving.jump_to`` does)."""
    key = problem.location.key or ""
    if problem.cells:
        return cell_place(fmt, problem.cells[0])
    text_key = key.split(".")[0]
    if key.endswith(f".{TEXT_KEY}") and text_key in fmt.section_of_text:
        return text_place(fmt, text_key)
    if key in COVER_PLACES:
        return (0, COVER_PLACES[key], 0, 0)
    return (problems_pane(fmt), 0, 0, 0)


def next_problem(
    fmt: ReportFormat,
    problems: Sequence[Problem],
    cursor: Place,
    visited: int | None,
    step: int,
) -> int:
    """The index in ``problems`` of the next (``step`` 1) or previous (-1) problem from
    the cursor. ``visited`` is the problem F8 last went to, if the cursor is still there."""
    keyed = sorted((problem_place(fmt, p), i) for i, p in enumerate(problems))
    if visited is not None:
        here: tuple[Place, float] = (cursor, visited)
    else:  # on a problem's place without F8 having gone there: that one is not "next"
        here = (cursor, float("inf") if step > 0 else float("-inf"))
    if step > 0:
        after = [index for place, index in keyed if (place, index) > here]
        return after[0] if after else keyed[0][1]
    before = [index for place, index in keyed if (place, index) < here]
    return before[-1] if before else keyed[-1][1]
