"""More layouts of real published reports, each from the real page that shows it.

Expected numbers are the ones the source prints, typed here by hand from it.
"""

from __future__ import annotations

from decimal import Decimal

from tui_report.importing import import_file

from .conftest import DATA

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
