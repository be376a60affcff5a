"""Merged cells of any span cost an import the work of the table's cells, not of the span
(review of issue 21, item 7): a page or a Word document with ``colspan="100000"`` or
``gridSpan="999999999"`` ran for minutes, the headings looked for in every slot of
every row again and again. A span reaches at most the table's edge and its last row.
The work is counted (calls of the cell classifier), never timed."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tui_report.importing import grid
from tui_report.importing.docx_source import docx_text
from tui_report.importing.grid import Grid
from tui_report.importing.html_source import html_to_text
from tui_report.importing.problems import ImportFailure


@pytest.fixture
def classified(monkeypatch) -> list[str]:
    """The texts the grid classifies (label, number …), one entry per call."""
    calls: list[str] = []
    real = grid.classify

    def counting(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(grid, "classify", counting)
    return calls


def _page(rows: list[str]) -> str:
    return (
        "<html><body><table>"
        + "".join(f"<tr>{row}</tr>" for row in rows)
        + "</table></body></html>"
    )


def test_a_title_spanning_100000_columns_reaches_the_tables_edge():
    cells = "<td>（一）予以公开</td><td>3</td><td>4</td>"
    honest = html_to_text(_page(["<td colspan='3'>三、本年度办理结果</td>", cells]))
    huge = html_to_text(_page(["<td colspan='100000'>三、本年度办理结果</td>", cells]))
    assert huge == honest
    assert "（一）予以公开\t3\t4" in huge


def test_huge_colspans_cost_the_work_of_the_cells(classified: list[str]):
    rows = ["".join(f'<td colspan="100000">{r}{c}</td>' for c in range(30)) for r in range(8)]
    text = html_to_text(_page(rows))
    assert len(text.splitlines()) == 8
    assert len(classified) <= 8 * 30  # each published cell once (it was ~6 million)


def test_huge_gridspan_and_gridbefore_in_word(classified: list[str]):
    document = Document()
    table = document.add_table(rows=6, cols=20)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}-{c}"
    for row in table.rows:  # (after the texts: python-docx 1.1 lays out the whole table
        for tc in row._tr.tc_lst:  # for any row's cells, spans included)
            tc.get_or_add_tcPr().append(_valued("w:gridSpan", "999999999"))
    before = _valued("w:gridBefore", "999999999")
    table.rows[0]._tr.get_or_add_trPr().append(before)
    data = io.BytesIO()
    document.save(data)
    text = docx_text(data.getvalue())
    assert "0-0" in text and "5-19" in text
    assert len(classified) <= 6 * 20 * 2 + 200


def _valued(tag: str, value: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), value)
    return element


def test_a_table_larger_than_any_report_is_refused_in_chinese():
    table = Grid()
    rows = getattr(grid, "MAX_SLOTS", 1_000_000) // 40 + 1
    for r in range(rows):
        table.add_row([(f"{r}", 1, 1)] * 40)
    with pytest.raises(ImportFailure) as refused:
        table.rows()
    assert "表格过大" in refused.value.message and f"共 {rows} 行" in refused.value.message
