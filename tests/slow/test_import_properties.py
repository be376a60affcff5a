"""import(export_text(r)) == r for any valid report r: values, agency, year and prose."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.export import export_text
from tui_report.importing import import_text
from tui_report.report.model import Report

from .. import official_layouts as official
from ..builders import balanced_reports

# Chinese prose as reports write it: characters, digits, Latin, punctuation, spaces.
PROSE = (
    "政府信息公开工作主动依申请管理平台建设监督保障本机关年度全年共收到件条办理答复规范问题措施"
    "加强推进落实情况数据统计期限至日月ABCabc0123456789，。、；：（）“”《》 "
)
AGENCY = "巨鹿县官亭镇人民政府示例市区局委办公室"

paragraph = st.text(alphabet=PROSE, min_size=1, max_size=80).map(str.strip).filter(bool)
prose = st.lists(paragraph, max_size=4).map("\n".join)
# ending as a body's name does (the line above a title is the agency only where it does)
agency = st.builds(
    str.__add__,
    st.text(alphabet=AGENCY, min_size=1, max_size=16),
    st.sampled_from(["局", "镇", "人民政府", "办公室", "委员会", "中心"]),
)


# A web page shows a run of spaces as one (HTML collapses white space), so what a page
# can give back is prose whose spaces are single.
single_spaced = prose.map(lambda text: re.sub(" {2,}", " ", text))

# Paragraphs as reports write them: ending a sentence. (Plain text without indents cannot
# tell a paragraph "0" from a wrapped line; layouts that mark paragraphs are tested above.)
sentences = st.lists(paragraph.map(lambda p: p.rstrip("。") + "。"), max_size=4).map("\n".join)


@st.composite
def reports(draw, texts=prose) -> Report:
    report = draw(balanced_reports())
    report.agency = draw(agency)
    report.year = draw(st.integers(min_value=2021, max_value=2030))
    for key in report.texts:
        report.texts[key] = draw(texts)
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from([100, 80]))
def test_import_of_text_export_gives_back_the_report(report: Report, width: int):
    imported = import_text(export_text(report, width)).report
    assert imported.format is report.format
    _assert_same(imported, report)


def _assert_same(imported: Report, report: Report) -> None:
    assert (imported.agency, imported.year) == (report.agency, report.year)
    assert imported.texts == report.texts
    for table in report.format.tables:  # values with their digits (1234.50 stays)
        for row in table.entered_rows:
            assert [str(v) for v in imported.cells[table.key][row.key]] == [
                str(v) for v in report.cells[table.key][row.key]
            ], (table.key, row.key)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(texts=single_spaced))
def test_import_of_the_official_template_as_a_web_page_gives_back_the_report(report: Report):
    from tui_report.importing.html_source import html_to_text

    result = import_text(html_to_text(official.html_page(report)), paragraph_lines=True)
    _assert_same(result.report, report)
    assert result.warnings == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_import_of_the_official_template_as_a_word_file_gives_back_the_report(
    tmp_path_factory, report: Report
):
    from tui_report.importing import import_file

    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(official.docx_bytes(report))
    result = import_file(path)
    _assert_same(result.report, report)
    assert result.warnings == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports(texts=single_spaced), fragment=st.booleans())
def test_import_of_the_html_export_gives_back_the_report(
    tmp_path_factory, report: Report, fragment: bool
):
    from tui_report.export import export_html
    from tui_report.importing import import_file

    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(export_html(report, fragment, title=True), encoding="utf-8")
    result = import_file(path)
    _assert_same(result.report, report)
    assert result.warnings == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_import_of_the_word_export_gives_back_the_report(tmp_path_factory, report: Report):
    from tui_report.export import export_docx
    from tui_report.importing import import_file

    path = tmp_path_factory.mktemp("docx") / "report.docx"
    path.write_bytes(export_docx(report))
    result = import_file(path)
    _assert_same(result.report, report)
    assert result.warnings == []


# Pieces of the pages people save: tables, Word's markup, tags left open, entities, junk.
HTML_PIECES = [
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<tbody>", "<caption>",
    "<td colspan=3>", "<td rowspan=2>", "<td colspan=x>", "<p>", "</p>", "<br>", "<div>",
    "</div>", "<font size=2>", "</font>", "<span>", "<form>", "<script>var a='<td>';</script>",
    "<![if !supportLists]>", "<![endif]>", "<!-- 注释 -->", "<![", "<!", "&nbsp;", "&#x4e00;",
    "&bogus;", "<", ">", "规章", "1287", "0", "/", "政府信息公\n开", "\t", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=60))
def test_any_page_gives_text_or_a_clear_failure(pieces: list[str]):
    from tui_report.importing import ImportFailure
    from tui_report.importing.html_source import html_to_text

    try:
        text = html_to_text("".join(pieces))
    except ImportFailure as failure:
        assert "网页无法解析" in failure.message
    else:
        assert isinstance(text, str) and "\x00" not in text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(sentences), st.sampled_from(["markdown", "spreadsheet"]))
def test_import_of_markdown_and_spreadsheet_copies_gives_back_the_report(report: Report, kind: str):
    from .. import import_layouts as layouts

    text = layouts.markdown_text(report) if kind == "markdown" else layouts.spreadsheet_text(report)
    result = import_text(text)
    _assert_same(result.report, report)
    assert result.warnings == []


# A table of published cells: labels, unique numbers, blanks; spans of 1–3.
published_cells = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(["label", "number", "blank"]),
            st.integers(min_value=1, max_value=3),
            st.integers(min_value=1, max_value=3),
        ),
        min_size=1,
        max_size=5,
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(published_cells)
def test_a_grid_reads_each_published_number_in_its_own_row_at_most_once_per_column(table):
    """Every number appears in the row it starts in, never in another, and no more
    often than the columns it spans; labels never become numbers."""
    from tui_report.importing.grid import Grid

    grid = Grid()
    starts: dict[str, tuple[int, int]] = {}  # number -> (row it starts in, its colspan)
    serial = 1000
    for r, row in enumerate(table):
        cells = []
        for kind, rowspan, colspan in row:
            serial += 1
            text = {"label": f"标签{serial}", "number": str(serial), "blank": ""}[kind]
            if kind == "number":
                starts[text] = (r, colspan)
            cells.append((text, rowspan, colspan))
        grid.add_row(cells)
    read = grid.rows()
    found: dict[str, list[int]] = {}
    for index, row in enumerate(read):
        for cell in row:
            if cell.isdigit():
                found.setdefault(cell, []).append(index)
    assert set(found) == set(starts)  # each number is read, none is made up
    for number, rows in found.items():
        assert len(set(rows)) == 1 and len(rows) <= starts[number][1]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_import_of_the_json_export_gives_back_the_report(tmp_path_factory, report: Report):
    from tui_report.export import export_json
    from tui_report.importing import import_file

    path = tmp_path_factory.mktemp("json") / "report.json"
    path.write_text(export_json(report), encoding="utf-8")
    result = import_file(path)
    assert result.kind == "JSON" and result.warnings == []
    _assert_same(result.report, report)
