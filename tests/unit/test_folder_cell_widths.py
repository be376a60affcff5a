"""The widths of the folder view's cells as the layout keeps them (``ListContext.
cell_widths``, the row's own cells kept per listing by ``OwnWidths``) are the widths of
the cells' text, whatever the row's state."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from tui_report.folder.agencies import AgencyNames
from tui_report.folder.county import analyse
from tui_report.folder.rows import ReportRow, inspect_file, listed_rows
from tui_report.folder.totals import OverviewCounts
from tui_report.text.textwidth import width
from tui_report.tui.folder.columns import COLUMNS, ListContext, OwnWidths, cell_text

from ..county_data import county


def measured_anew(row: ReportRow, context: ListContext) -> tuple[int, ...]:
    return (
        *(width(cell_text(c.key, row, context)) for c in COLUMNS),
        width(cell_text("modified", row, context, True)),
    )


def test_the_kept_widths_are_the_cells_widths(tmp_path: Path):
    folder = county(tmp_path / "county")
    listing = listed_rows(folder)
    rows = [inspect_file(r.path) for r in listing]
    odd = [
        ReportRow(path="/c/无名.toml"),  # no agency: its file's name
        ReportRow(path="/c/bad.toml", agency="甲", year=2024, checked=True, unreadable="坏了"),
        ReportRow(
            path="/c/odd.toml",
            agency="乙\t单位",
            year=12345,
            checked=True,
            overview=OverviewCounts(
                new=None,
                carried_over=3,
                concluded=Decimal("12.50"),
                carried_forward=-4,
                review=1234567,
                litigation=0,
            ),
        ),
    ]
    own = OwnWidths()
    for analysis in (analyse([], AgencyNames()), analyse(rows, AgencyNames())):
        context = ListContext(
            analysis, {rows[0].path: "M"}, {r.path: r for r in rows}, own_widths=own
        )
        for row in [*listing, *rows, *odd]:
            assert context.cell_widths(row) == measured_anew(row, context), row.path
    # another day: the time of the last change shows its year (wider), measured anew
    later = ListContext(today=datetime.date.today() + datetime.timedelta(days=400), own_widths=own)
    assert later.cell_widths(rows[0]) == measured_anew(rows[0], later)
    assert later.cell_widths(rows[0]) != context.cell_widths(rows[0])
