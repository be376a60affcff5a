"""Properties of the rules over generated reports."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.report.model import CellRef, Report
from tui_report.rules import validate

from ..builders import balanced_reports

MATRIX = FORMAT_2021.table("applications")
MATRIX_CELLS = [
    CellRef(MATRIX.key, row.key, column.key)
    for row in MATRIX.entered_rows
    for column in MATRIX.entered_columns
]


@settings(max_examples=150)
@given(balanced_reports())
def test_any_balanced_report_has_no_errors(report: Report):
    assert [p for p in validate(report) if p.is_error] == []


@settings(max_examples=50)
@given(balanced_reports(FORMAT_2019))
def test_any_balanced_2019_report_has_no_errors(report: Report):
    assert [p for p in validate(report) if p.is_error] == []


@settings(max_examples=300)
@given(balanced_reports(), st.sampled_from(MATRIX_CELLS), st.sampled_from([1, -1]))
def test_changing_any_matrix_cell_by_one_is_an_error(report: Report, ref: CellRef, step: int):
    value = report.get(ref)
    if value + step < 0:
        step = 1
    report.set(ref, value + step)
    problems = [p for p in validate(report) if p.is_error]
    assert problems, ref
    assert {p.rule for p in problems} == {"applicant-balance"}
    column_label = MATRIX.column(ref.column).label
    assert [p.location.column for p in problems] == [column_label, "总计"]


def test_every_matrix_cell_is_covered():
    """The property above samples from all 24 × 6 entered cells of the matrix."""
    assert len(MATRIX_CELLS) == 24 * 6
