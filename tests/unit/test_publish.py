"""Exports for publication (HTML, Word, plain text) read back by independent readers
(html.parser, the .docx XML, an ASCII grid reader) into tables whose cells, rowspans
and colspans are the official template's, holding the report's numbers."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from tui_report.export import export_docx, export_html, export_text
from tui_report.formats import FORMAT_2019
from tui_report.formats.template import TemplateTable, placed_cells, published_tables
from tui_report.report.model import CellRef, Report
from tui_report.report.templates import new_report
from tui_report.report.values import format_value
from tui_report.storage import read_report

from ..ascii_grid import read_grid, table_blocks
from ..conftest import SAMPLES

Cell = tuple[str, int, int]  # text, rowspan, colspan


class _Tables(HTMLParser):
    """Every <table> of a page as rows of (text, rowspan, colspan)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[Cell]]] = []
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self.cell = []
            self.spans = (int(found.get("rowspan", 1)), int(found.get("colspan", 1)))

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.tables[-1][-1].append(("".join(self.cell), *self.spans))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_tables(page: str) -> list[list[list[Cell]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def expected_rows(report: Report, layout: TemplateTable) -> list[list[Cell]]:
    """The template's cells with the report's numbers, computed here from the model."""
    return [
        [
            (
                format_value(report.get(cell.ref)) if cell.ref else cell.text,
                cell.rowspan,
                cell.colspan,
            )
            for cell in row
        ]
        for row in layout.rows
    ]


def docx_tables(data: bytes) -> list[list[list[Cell]]]:
    """The tables of a .docx read from its XML: gridSpan is the colspan, and a cell
    continuing a vertical merge adds one to the rowspan of the cell above it."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    tables = []
    for table in document.tables:
        rows: list[list[list]] = []
        starts: dict[int, list] = {}  # grid column → the cell that a merge continues
        for tr in table._tbl.findall(qn("w:tr")):
            row: list[list] = []
            column = 0
            for tc in tr.findall(qn("w:tc")):
                span = tc.grid_span
                merge = tc.vMerge
                text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                if merge == "continue":
                    starts[column][1] += 1
                else:
                    cell = [text, 1, span]
                    row.append(cell)
                    starts[column] = cell
                column += span
            rows.append(row)
        tables.append([[tuple(cell) for cell in row] for row in rows])
    return tables


def sample_reports() -> list[Report]:
    reports = [read_report(path).report for path in SAMPLES]
    odd = new_report("测试局<b>&amp;</b>", 2024)
    odd.set(CellRef("art20_8", "fees", "amount"), Decimal("5949.0886"))
    odd.set(CellRef("applications", "granted", "natural_person"), 1234567)
    reports.append(odd)
    reports.append(new_report("测试局", 2020, FORMAT_2019))
    return reports


READ_BACK = {
    "html": lambda report: html_tables(export_html(report)),
    "docx": lambda report: docx_tables(export_docx(report)),
}


@pytest.mark.parametrize("kind", READ_BACK)
@pytest.mark.parametrize("report", sample_reports(), ids=["guanting", "example", "odd", "2019"])
def test_tables_are_the_template_with_the_numbers(report: Report, kind: str):
    tables = READ_BACK[kind](report)
    layouts = list(published_tables(report.format).values())
    assert len(tables) == len(layouts) == 3
    for table, layout in zip(tables, layouts, strict=True):
        assert table == expected_rows(report, layout)


def grid_cells(report: Report, layout: TemplateTable) -> list[tuple[int, int, int, int, str]]:
    return [
        (
            r,
            c,
            cell.rowspan,
            cell.colspan,
            (format_value(report.get(cell.ref)) if cell.ref else cell.text).replace(" ", ""),
        )
        for r, c, cell in placed_cells(layout)
    ]


@pytest.mark.parametrize("width", [140, 100, 80, 66])
@pytest.mark.parametrize("report", sample_reports(), ids=["guanting", "example", "odd", "2019"])
def test_text_tables_are_the_template_drawn_in_ascii(report: Report, width: int):
    from tui_report.formats.template import section_layout

    blocks = table_blocks(export_text(report, width))
    assert len(blocks) == 3
    for block, (key, layout) in zip(blocks, published_tables(report.format).items(), strict=True):
        read = [(c.row, c.column, c.rowspan, c.colspan, c.text) for c in read_grid(block)]
        if key == "review_litigation" and width < 76:  # 15 columns do not fit: 3 rows of 5
            section = next(s for s in report.format.sections if s.key == key)
            layout = section_layout(section, one_row=False)
        assert read == grid_cells(report, layout)


def test_html_done_when_facts():
    """The issue's own words: 三、本年度办理结果 rowspan 22 and no row without numbers;
    part 四 one data row of 15 numbers; part 二 one table, the four titles at colspan 4."""
    part2, part3, part4 = html_tables(export_html(read_report(SAMPLES[1]).report))
    titles = [row for row in part2 if row[0][0].startswith("第二十条")]
    assert len(titles) == 4 and all(row == [(row[0][0], 1, 4)] for row in titles)
    assert ("三、本年度办理结果", 22, 1) in part3[5]
    for row in part3[3:]:
        assert sum(1 for text, _, _ in row if re.fullmatch(r"\d+", text)) == 7
    assert len(part4) == 4 and len(part4[3]) == 15
    assert all(re.fullmatch(r"\d+", text) for text, _, _ in part4[3])


def test_html_page_is_standalone_and_escaped():
    report = new_report("测试局<script>alert(1)</script>&", 2024)
    report.texts["overview"] = '第一段 <b>不是标签</b> & "引号"\n第二段'
    page = export_html(report)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert (
        "<title>测试局&lt;script&gt;alert(1)&lt;/script&gt;&amp;2024年政府信息公开工作年度报告"
        in page
    )
    assert "<script" not in page.replace("&lt;script", "")
    assert not re.search(r"(src|href)=|url\(|@import|https?:", page)  # no external resources
    assert (
        '<p class="paragraph">第一段 &lt;b&gt;不是标签&lt;/b&gt; &amp; &quot;引号&quot;</p>' in page
    )
    assert "@page { size: A4" in page and "仿宋" in page and "黑体" in page


def test_html_fragment_has_inline_styles_only():
    fragment = export_html(read_report(SAMPLES[1]).report, fragment=True)
    assert fragment.startswith("<article style=")
    assert "<style" not in fragment and "<head" not in fragment and "class=" not in fragment
    assert all('style="' in tag for tag in re.findall(r"<(?:p|h1|h2|table|td)\b[^>]*>", fragment))
    assert len(html_tables(fragment)) == 3


def test_docx_is_a4_with_the_official_look():
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(export_docx(read_report(SAMPLES[1]).report)))
    section = document.sections[0]
    assert round(section.page_width.cm, 2) == 21.0 and round(section.page_height.cm, 2) == 29.7
    paragraphs = [p for p in document.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "示例市示例区人民政府\n2024年政府信息公开工作年度报告"  # broken after
    assert title.alignment == 1  # centred
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.heading for s in read_report(SAMPLES[1]).report.format.sections]
    body = document.styles["Normal"]
    assert body.paragraph_format.first_line_indent == docx.shared.Pt(32)  # two characters
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"  # the body's, Word's default
    part3 = document.tables[1]
    assert part3.cell(3, 4).paragraphs[0].alignment == 1  # numbers centred


def test_unknown_values_are_marked_not_blank():
    report = new_report("测试局", 2024)
    report.cells["applications"]["granted"][0] = None  # an invalid value read from a file
    for exported in (export_text(report), export_html(report)):
        assert "？" in exported
    assert any("？" in text for row in docx_tables(export_docx(report))[1] for text, *_ in row)


@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_export_then_import_gives_the_same_report_as_diff_says(tmp_path, capsys, sample, kind):
    from tui_report.cli import main

    published = tmp_path / f"published.{kind}"
    back = tmp_path / "back.toml"
    assert main(["export", str(sample), "--format", kind, "-o", str(published)]) == 0
    assert main(["import", str(published), "-o", str(back)]) == 0
    capsys.readouterr()
    assert main(["diff", str(sample), str(back)]) == 0
    assert capsys.readouterr().out == "两份报告的内容相同\n"


def test_html_tables_have_the_shape_of_a_real_published_page():
    """平潭 2023 as published on its portal: the same cells and spans, row by row."""
    from ..conftest import DATA

    real = (DATA / "import" / "real" / "pingtan-2023.html").read_text(encoding="utf-8")
    ours = html_tables(export_html(read_report(SAMPLES[1]).report))
    theirs = html_tables(real)
    assert len(theirs) == len(ours) == 3
    for their_table, our_table in zip(theirs, ours, strict=True):
        shape = [[(rowspan, colspan) for _, rowspan, colspan in row] for row in our_table]
        assert [[(rs, cs) for _, rs, cs in row] for row in their_table] == shape
