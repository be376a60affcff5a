"""A real report in the 2019 trial format, whole, and other 2019-format quirks from real
pages. Expected numbers are the ones the source prints, typed here by hand from it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui_report.importing import ImportFailure, import_file, import_text

from ..conftest import DATA
from .test_import_published_layouts import with_part

# 2019年上海市人民政府办公厅政府信息公开工作年度报告 (2019 trial format), the page's
# content as a portal module held it (a public repository's copy of www.shanghai.gov.cn,
# published 2020-01-31). A structural transcription: every table cell with its colspan and
# rowspan and its &nbsp; kept; long prose paragraphs are cut to their first sentences.
SHANGHAI_2019 = DATA / "import" / "real" / "shanghai-office-2019.html"


def test_shanghai_office_2019_imports_every_number_as_published():
    result = import_file(SHANGHAI_2019)
    report = result.report
    assert (report.agency, report.year, report.format.version) == (
        "上海市人民政府办公厅",
        2019,
        "2019",
    )
    cells = report.cells
    assert cells["art20_1"] == {"regulations": [13, 13, 524], "normative_documents": [60, 60, 368]}
    # a value over 上一年项目数量 and half of 本年增/减, the next under its other half:
    # Word's drifted borders, still one cell per heading (was: four numbers for three)
    assert cells["art20_5"] == {"licensing": [0, 0, 0], "other_services": [0, 0, 0]}
    assert cells["art20_6"] == {"penalties": [0, 0, 0], "enforcement": [0, 0, 0]}
    assert cells["art20_8"] == {"fees": [0, 0]}
    # 251000元 in a column of 万元: exactly 25.1, said in a warning (was: refused)
    assert cells["art20_9"] == {"central_procurement": [6, Decimal("25.1")]}
    applications = cells["applications"]
    assert applications["new_received"] == [821, 35, 0, 0, 2, 1]
    assert applications["carried_over"] == [18, 0, 0, 0, 0, 0]
    assert applications["granted"] == [258, 12, 0, 0, 1, 1]
    assert applications["partially_granted"] == [3, 0, 0, 0, 0, 0]
    assert applications["denied_state_secret"] == [14, 0, 0, 0, 0, 0]
    assert applications["denied_internal_affairs"] == [5, 0, 0, 0, 0, 0]
    assert applications["denied_process_info"] == [3, 1, 0, 0, 0, 0]
    assert applications["denied_query_matters"] == [10, 2, 0, 0, 0, 0]
    assert applications["unavailable_not_held"] == [252, 12, 0, 0, 1, 0]
    assert applications["unavailable_needs_creation"] == [44, 3, 0, 0, 0, 0]
    assert applications["unavailable_unclear"] == [25, 0, 0, 0, 0, 0]
    assert applications["not_processed_complaint"] == [148, 1, 0, 0, 0, 0]
    assert applications["not_processed_repeated"] == [5, 4, 0, 0, 0, 0]
    assert applications["other_handling"] == [0] * 6
    assert applications["carried_forward"] == [72, 0, 0, 0, 0, 0]
    named = {
        "new_received", "carried_over", "granted", "partially_granted", "denied_state_secret",
        "denied_internal_affairs", "denied_process_info", "denied_query_matters",
        "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
        "not_processed_complaint", "not_processed_repeated", "carried_forward",
    }  # fmt: skip
    assert all(row == [0] * 6 for key, row in applications.items() if key not in named)
    # part 四's last cells are blank on the page (复议后起诉 总计 too): 15 cells, not 14
    assert cells["review_litigation"] == {
        "review": [5, 0, 0, 2],
        "litigation_direct": [8, 0, 0, 1],
        "litigation_after_review": [0, 0, 0, 0],
    }
    messages = [w.message for w in result.warnings]
    assert messages == [
        "二 第二十条第（九）项 政府集中采购 · 采购总金额：原文为“251000元”，按 25.1 万元导入",
        # totals left blank (the page prints only some) state nothing: not counted here,
        # and never "发布的数为 0"
        # 105: counted by hand on the page, entered columns of entered rows only
        "三：105 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）",
        "四：8 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）",
    ]


def test_a_title_only_in_the_pages_head(tmp_path):
    """Portals print the article without its title, which is the page's <title> (was
    refused: 找不到标题). A title in the article too is not read twice."""
    page = SHANGHAI_2019.read_text(encoding="utf-8")
    title = "<p>2019年上海市人民政府办公厅政府信息公开工作年度报告</p>"
    assert page.count(title) == 1
    head = "<head><title>2019年上海市人民政府办公厅政府信息公开工作年度报告_上海市人民政府</title></head>"
    moved = tmp_path / "moved.html"
    moved.write_text(page.replace("<html>", "<html>" + head).replace(title, ""), "utf-8")
    both = tmp_path / "both.html"
    both.write_text(page.replace("<html>", "<html>" + head), "utf-8")
    published = import_file(SHANGHAI_2019).report
    for path in (moved, both):
        report = import_file(path).report
        assert (report.agency, report.year) == ("上海市人民政府办公厅", 2019)
        assert report.texts == published.texts and report.cells == published.cells
    generic = tmp_path / "generic.html"  # a <title> that is not the report's is not read
    generic.write_text(moved.read_text("utf-8").replace(head, "<head><title>首页</title></head>"))
    report = import_file(generic, agency="上海市人民政府办公厅", year=2019).report
    assert report.texts == published.texts


# --- 本年增/减 written in words ------------------------------------------------------------------

# A bureau's report in the 2019 trial format, part 二 whole, as a copy of it on another site
# holds it (http://owenbabies.com/info/2647/50496.htm; the body and year are not in the
# excerpt): 行政许可's change is printed 减4 (6 last year, 2 decisions this year).
CHANGE_IN_WORDS_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 |
本年新 制作数量 |
本年新 公开数量 |
对外公开总数量 |
规章 |
0 |
0 |
0 |
规范性文件 |
0 |
0 |
0 |
第二十条第(五)项 |
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
行政许可 |
6 |
减4 |
2 |
其他对外管理服务事项 |
0 |
0 |
0 |
第二十条第(六)项 |
信息内容 |
上一年项目数量 |
本年增/减 |
处理决定数量 |
行政处罚 |
2 |
0 |
2 |
行政强制 |
0 |
0 |
0 |
第二十条第(八)项 |
信息内容 |
上一年项目数量 |
本年增/减 |
行政事业性收费 |
0 |
0 |
第二十条第(九)项 |
信息内容 |
采购项目数量 |
采购总金额 |
政府集中采购 |
6 |
52.15 |
"""


def _report_2019_text() -> str:
    from tui_report.importing.html_source import html_to_text

    text = html_to_text(SHANGHAI_2019.read_text(encoding="utf-8"))
    return text.replace(
        "五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进情况"
    )


def test_a_change_written_in_words_is_a_signed_number():
    """Was refused (行政许可 应有 3 个数，找到 1 个): 减4 is -4; 增4 would be 4."""
    result = import_text(with_part("二", CHANGE_IN_WORDS_PART_2, _report_2019_text()))
    cells = result.report.cells
    assert cells["art20_5"] == {"licensing": [6, -4, 2], "other_services": [0, 0, 0]}
    assert cells["art20_6"] == {"penalties": [2, 0, 2], "enforcement": [0, 0, 0]}
    assert cells["art20_9"] == {"central_procurement": [6, Decimal("52.15")]}
    grown = import_text(
        with_part("二", CHANGE_IN_WORDS_PART_2.replace("减4", "增4"), _report_2019_text())
    )
    assert grown.report.cells["art20_5"]["licensing"] == [6, 4, 2]


def test_a_change_in_words_outside_a_column_of_changes_is_refused():
    part = CHANGE_IN_WORDS_PART_2.replace("行政处罚 |\n2 |", "行政处罚 |\n减2 |")
    assert part != CHANGE_IN_WORDS_PART_2
    with pytest.raises(ImportFailure, match="“减2”不是有效的数字"):
        import_text(with_part("二", part, _report_2019_text()))
