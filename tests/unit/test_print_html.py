"""The HTML export printed and pasted (issue 22): the page's print stylesheet (A4 with
the Word file's margins, heading rows repeated, no row or heading split, page numbers),
the title broken after the agency, and the fragment for a portal's editor — no title
unless asked, a grid drawn by the table's own attributes for an editor that strips
styles. Long unbreakable text wraps instead of widening the page (issue 20 item 17)."""

from __future__ import annotations

import re

import pytest

from tui_report.cli import main
from tui_report.export import export_html
from tui_report.formats import FORMAT_2019
from tui_report.formats.template import published_tables
from tui_report.report.templates import new_report
from tui_report.storage import read_report

from ..conftest import EXAMPLE
from .test_publish import html_tables


@pytest.fixture(scope="module")
def page() -> str:
    return export_html(read_report(EXAMPLE).report)


def style_sheet(page: str) -> str:
    found = re.search(r"<style>(.*)</style>", page, re.S)
    assert found
    return found.group(1)


def rules(sheet: str, selector: str) -> str:
    """The declarations of ``selector``'s rule (the first, outside @media)."""
    found = re.search(rf"(?m)^{re.escape(selector)} \{{([^}}]*)\}}", sheet)
    assert found, selector
    return found.group(1)


def test_the_page_prints_on_a4_with_the_word_files_margins(page):
    sheet = style_sheet(page)
    # GB/T 9704's margins, as in the Word file (top, right, bottom, left)
    assert "@page { size: A4; margin: 3.7cm 2.6cm 3.5cm 2.8cm; }" in sheet
    for side in ("right", "left"):  # "— 1 —" at the foot, odd pages right, even left
        assert re.search(
            rf'@page :{side} \{{ @bottom-{side} \{{ content: "— " counter\(page\) " —";', sheet
        )


def test_no_row_or_heading_splits_and_heading_rows_repeat(page):
    sheet = style_sheet(page)
    assert "break-inside: avoid" in rules(sheet, "tr")
    heading = rules(sheet, ".heading")
    assert "break-after: avoid" in heading and "break-inside: avoid" in heading
    assert "display: table-header-group" in rules(sheet, "thead")
    assert "break-inside: avoid" in rules(sheet, ".kept")
    tables = re.findall(r"<table\b.*?</table>", page, re.S)
    layouts = list(published_tables(read_report(EXAMPLE).report.format).values())
    for table, layout in zip(tables, layouts, strict=True):
        head = re.search(r"<thead>(.*?)</thead>", table, re.S)
        if layout.header_rows:  # parts 三 and 四: heading rows in <thead>, the table kept
            assert head and head.group(1).count("<tr") == layout.header_rows
            assert re.match(r'<table[^>]*class="table kept"', table)
        else:  # part 二: each caption and its rows a <tbody class="kept"> of its own
            assert head is None
            groups = re.findall(r'<tbody class="kept">(.*?)</tbody>', table, re.S)
            captions = [row for row in layout.rows if row[0].role == "title"]
            assert len(groups) == len(captions)
            assert all(re.search(r"<td colspan=\"4\"[^>]*>第二十条", g) for g in groups)


def test_the_title_breaks_after_the_agency(page):
    assert '<h1 class="title">示例市示例区人民政府<br>2024年政府信息公开工作年度报告</h1>' in page
    assert "<title>示例市示例区人民政府2024年政府信息公开工作年度报告</title>" in page


def test_long_unbreakable_text_wraps_instead_of_widening_the_page():
    """Issue 20 item 17: a URL or a run of Latin letters ran past the page's width. The
    article may break such text anywhere (inherited by its paragraphs and cells)."""
    report = new_report("测试局", 2024)
    report.texts["overview"] = "https://example.org/" + "a" * 400
    page = export_html(report)
    assert "overflow-wrap: anywhere" in rules(style_sheet(page), ".report")
    assert '<article class="report">' in page
    fragment = export_html(report, fragment=True)
    article = re.match(r'<article style="([^"]*)">', fragment)
    assert article and "overflow-wrap: anywhere" in article.group(1)


def test_the_fragment_leaves_the_title_to_the_portal_unless_asked():
    report = read_report(EXAMPLE).report
    fragment = export_html(report, fragment=True)
    assert "<h1" not in fragment and "示例市示例区人民政府" not in fragment.split("<h2")[0]
    titled = export_html(report, fragment=True, title=True)
    assert re.search(r"<article[^>]*>\n<h1 style=\"[^\"]*\">示例市示例区人民政府<br>2024年", titled)


@pytest.mark.parametrize("fragment", [False, True])
def test_tables_draw_their_grid_without_styles(fragment: bool):
    """A CMS that strips ``style`` attributes still shows a grid (border="1")."""
    exported = export_html(new_report("测试局", 2020, FORMAT_2019), fragment)
    tables = re.findall(r"<table\b[^>]*>", exported)
    assert len(tables) == 3
    for table in tables:
        assert ' border="1"' in table and ' cellspacing="0"' in table
    bare = re.sub(r'\sstyle="[^"]*"', "", exported)
    assert len(html_tables(bare)) == 3  # the tables are still tables without any style


def test_cli_fragment_and_title(tmp_path, capsys):
    assert main(["export", str(EXAMPLE), "--format", "html", "--fragment"]) == 0
    assert "<h1" not in capsys.readouterr().out
    assert main(["export", str(EXAMPLE), "--format", "html", "--fragment", "--title"]) == 0
    assert "<h1" in capsys.readouterr().out
    assert main(["export", str(EXAMPLE), "--format", "html", "--title"]) == 2
    assert "--title 只用于 --fragment" in capsys.readouterr().err


def test_a_fragment_without_title_imports_with_the_agency_and_year_given(tmp_path, capsys):
    """Round trip of the fragment as pasted: the title comes from the command line."""
    fragment = tmp_path / "fragment.html"
    back = tmp_path / "back.toml"
    args = ["export", str(EXAMPLE), "--format", "html", "--fragment", "-o", str(fragment)]
    assert main(args) == 0
    agency = ["--agency", "示例市示例区人民政府", "--year", "2024"]
    assert main(["import", str(fragment), "-o", str(back), *agency]) == 0
    capsys.readouterr()
    assert main(["diff", str(EXAMPLE), str(back)]) == 0
    assert capsys.readouterr().out == "两份报告的内容相同\n"
