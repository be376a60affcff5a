"""Layouts of real published reports (city and county portals, municipal PDFs, Word-made
web pages, converted Markdown), each from the smallest real-shaped excerpt that shows it.

An excerpt replaces one part of an otherwise ordinary report (rows copied from Word),
so each test shows exactly what its layout changes. Expected numbers are the ones the
excerpt prints, typed here by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tui_report.importing import ImportFailure, import_file, import_text
from tui_report.model import Report
from tui_report.storage import read_report

from . import import_layouts as layouts
from .conftest import DATA, EXAMPLE

PINGTAN = DATA / "import" / "real" / "pingtan-2023.html"
HEADINGS = "一二三四五六"


def example() -> Report:
    return read_report(EXAMPLE).report


def with_part(number: str, excerpt: str, base: str | None = None) -> str:
    """An ordinary report (Word rows) whose part ``number`` (heading included) is ``excerpt``."""
    text = base if base is not None else layouts.word_text(example(), "repeat")
    fmt = example().format
    headings = [s.heading for s in fmt.sections]
    at = HEADINGS.index(number)
    start = text.index(headings[at] + "\n")
    end = text.index(headings[at + 1] + "\n") if at + 1 < len(headings) else len(text)
    return text[:start] + excerpt.strip("\n") + "\n" + text[end:]


def cells(report: Report, table: str) -> dict[str, object]:
    return report.cells[table]


# --- a real portal page in the official template -------------------------------------------


def test_pingtan_2023_imports_every_number_as_published():
    """平潭综合实验区2023年度…: a TRS page; its numbers, checked one by one against the page."""
    result = import_file(PINGTAN)
    report = result.report
    assert (report.agency, report.year) == ("平潭综合实验区", 2023)
    assert cells(report, "art20_1") == {
        "regulations": [0, 0, 0],
        "normative_documents": [77, 132, 470],
    }
    assert cells(report, "art20_5") == {"licensing": [2629]}
    assert cells(report, "art20_6") == {"penalties": [1330], "enforcement": [54]}
    assert [str(v) for v in cells(report, "art20_8")["fees"]] == ["5949.088667"]
    applications = cells(report, "applications")
    assert applications["new_received"] == [80, 1, 0, 0, 0, 0]
    assert applications["carried_over"] == [0] * 6
    assert applications["granted"] == [22, 0, 0, 0, 0, 0]
    assert applications["partially_granted"] == [19, 1, 0, 0, 0, 0]
    denied = [applications[k][0] for k in applications if k.startswith("denied_")]
    assert denied == [0, 0, 0, 1, 0, 1, 1, 2]
    assert applications["unavailable_not_held"] == [31, 0, 0, 0, 0, 0]
    assert applications["not_processed_repeated"] == [1, 0, 0, 0, 0, 0]
    assert applications["other_no_correction"] == [1, 0, 0, 0, 0, 0]
    assert applications["other_other"] == [1, 0, 0, 0, 0, 0]
    assert applications["carried_forward"] == [0] * 6
    others = sum(v for k, row in applications.items() for v in row[1:] if k != "new_received")
    assert others == 1  # the only 商业企业 application outside row 一: （二）部分公开
    assert cells(report, "review_litigation") == {
        "review": [1, 1, 0, 0],
        "litigation_direct": [4, 0, 0, 1],
        "litigation_after_review": [1, 0, 1, 0],
    }
    assert result.warnings == []  # every published total agrees with its parts


def test_pingtan_2023_texts_without_the_portal_around_them():
    report = import_file(PINGTAN).report
    assert report.texts["intro"].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert report.texts["overview"].split("\n")[1] == "（一）主动公开方面"
    assert report.texts["shortcomings"].endswith("用群众喜闻乐见的语言传播政府的声音。")
    assert report.texts["other_matters"] == "2023年，无收取信息处理费情况。"


# --- 1. a value under a colspan=3 heading is itself colspan=3 ----------------------------------


def test_values_spanning_three_columns_under_one_heading_are_one_value():
    """Word-made pages in the 2021 format: part 二 as one table, values colspan=3."""
    page = (
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan=4>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td>行政规范性文件</td><td>6</td><td>2</td><td>38</td></tr>"
        "<tr><td colspan=4>第二十条第（五）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        "<tr><td>行政许可</td><td colspan=3>1287</td></tr>"
        "<tr><td colspan=4>第二十条第（六）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        "<tr><td>行政处罚</td><td colspan=3>1330</td></tr>"
        "<tr><td>行政强制</td><td colspan=3>54</td></tr>"
        "<tr><td colspan=4>第二十条第（八）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>"
        "<tr><td>行政事业性收费</td><td colspan=3>5949.088667</td></tr></table>"
    )
    from tui_report.importing.html_source import html_to_text

    report = import_text(with_part("二", html_to_text(page))).report
    assert cells(report, "art20_6") == {"penalties": [1330], "enforcement": [54]}
    assert cells(report, "art20_5") == {"licensing": [1287]}
    assert cells(report, "art20_8") == {"fees": [Decimal("5949.088667")]}


def test_a_number_the_page_does_not_state_is_never_made_up(tmp_path: Path):
    """A value spanning two rows is read once; the row below is one short: refused."""
    page = PINGTAN.read_text(encoding="utf-8").replace(
        '<tr><td><p>行政处罚</p></td><td colspan="3"><p>1330</p></td></tr>'
        '<tr><td><p>行政强制</p></td><td colspan="3"><p>54</p></td></tr>',
        '<tr><td><p>行政处罚</p></td><td colspan="3" rowspan="2"><p>1330</p></td></tr>'
        "<tr><td><p>行政强制</p></td></tr>",
    )
    assert 'rowspan="2"><p>1330' in page
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ImportFailure, match="行政强制"):
        import_file(path)
