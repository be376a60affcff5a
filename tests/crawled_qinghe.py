"""A report written for the round-3 import tests (issue 23), in the layout a crawler saves a
portal page in: every text node on a line of its own, each table cell once in reading
order. The body (青禾县水利局, 2023) and its numbers are made up for these tests; its
tables satisfy every identity of the format. Tests change it into the layout each of them
is about, by hand.

Rows of the tables are written here compactly, ``label | n | n | …``; ``one_per_line``
lays them out a cell per line, as the crawl has them.
"""

from __future__ import annotations

import pytest

from tui_report.importing import ImportFailure, import_text

AGENCY = "青禾县水利局"
TITLE = "青禾县水利局2023年政府信息公开工作年度报告"

FRONT = f"""{TITLE}
本报告根据《中华人民共和国政府信息公开条例》编制，数据统计期限为2023年1月1日至12月31日。"""

PART_1 = """一、总体情况
2023年，青禾县水利局认真落实政府信息公开各项要求。
（一）主动公开。全年主动公开政府信息126条。
（二）依申请公开。全年收到政府信息公开申请9件。
（三）政府信息管理。及时清理行政规范性文件。
（四）政府信息公开平台建设。维护县政府网站水利专栏。
（五）监督保障。开展业务培训2次。"""

PART_2 = """二、主动公开政府信息情况
第二十条第（一）项
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | 0 | 0 | 0
行政规范性文件 | 2 | 1 | 9
第二十条第（五）项
信息内容 | 本年处理决定数量
行政许可 | 86
第二十条第（六）项
信息内容 | 本年处理决定数量
行政处罚 | 17
行政强制 | 3
第二十条第（八）项
信息内容 | 本年收费金额（单位：万元）
行政事业性收费 | 0"""

PART_3_HEAD = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人 | 法人或其他组织 | 总计
商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"""

PART_3_ROWS = """一、本年新收政府信息公开申请数量 | 6 | 2 | 0 | 0 | 0 | 1 | 9
二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1
三、本年度办理结果 | （一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1
（三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.保护第三方合法权益 | 0 | 1 | 0 | 0 | 0 | 0 | 1
5.属于三类内部事务信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0
8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（四）无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 0 | 0 | 0 | 1 | 2
2.没有现成信息需要另行制作 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（五）不予处理 | 1.信访举报投诉类申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0
4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0
3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
（七）总计 | 6 | 2 | 0 | 0 | 0 | 1 | 9
四、结转下年度继续办理 | 1 | 0 | 0 | 0 | 0 | 0 | 1"""

PART_4 = """四、政府信息公开行政复议、行政诉讼情况
行政复议 | 行政诉讼
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉
结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计
2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0"""

PART_5 = """五、存在的主要问题及改进情况
存在的主要问题：信息发布的及时性有待提高。
改进措施：建立信息发布台账，按月检查。"""

PART_6 = """六、其他需要报告的事项
本年度未收取信息处理费。"""

# What the tables hold, typed from the rows above (row key → entered cells).
CELLS = {
    "art20_1": {"regulations": [0, 0, 0], "normative_documents": [2, 1, 9]},
    "art20_5": {"licensing": [86]},
    "art20_6": {"penalties": [17], "enforcement": [3]},
    "applications": {
        "new_received": [6, 2, 0, 0, 0, 1],
        "carried_over": [1, 0, 0, 0, 0, 0],
        "granted": [4, 1, 0, 0, 0, 0],
        "partially_granted": [1, 0, 0, 0, 0, 0],
        "denied_third_party": [0, 1, 0, 0, 0, 0],
        "unavailable_not_held": [1, 0, 0, 0, 0, 1],
        "carried_forward": [1, 0, 0, 0, 0, 0],
    },
    "review_litigation": {
        "review": [2, 0, 0, 0],
        "litigation_direct": [0, 0, 0, 1],
        "litigation_after_review": [0, 0, 0, 0],
    },
}
TEXTS = {
    "overview": "\n".join(PART_1.split("\n")[1:]),
    "shortcomings": "存在的主要问题：信息发布的及时性有待提高。\n改进措施：建立信息发布台账，按月检查。",
    "other_matters": "本年度未收取信息处理费。",
}


def one_per_line(text: str) -> str:
    """A cell per line: ``label | 1 | 2`` as three lines."""
    return "\n".join(cell.strip() for line in text.split("\n") for cell in line.split(" | "))


def parts(part_3_rows: str = PART_3_ROWS) -> list[str]:
    """The report's pieces, each a cell per line: front, 一, 二, 三, 四, 五, 六."""
    return [
        FRONT,
        PART_1,
        one_per_line(PART_2),
        one_per_line(PART_3_HEAD + "\n" + part_3_rows),
        one_per_line(PART_4),
        PART_5,
        PART_6,
    ]


def crawled(*replaced: tuple[int, str]) -> str:
    """The whole report as crawled, with pieces replaced: (index in ``parts()``, text)."""
    pieces = parts()
    for index, text in replaced:
        pieces[index] = text
    return "\n".join(pieces) + "\n"


def expected_cells(report) -> None:
    """Assert that ``report`` holds the tables above: the rows named there, 0 elsewhere."""
    for table, rows in report.cells.items():
        for row, values in rows.items():
            want = CELLS.get(table, {}).get(row)
            if want is None:
                want = [0] * len(values)
            if table == "art20_8":
                want = [0]
            assert [str(v) for v in values] == [str(v) for v in want], (table, row)


# --- what the tests ask of an import ----------------------------------------------------------


def imported(text: str):
    """The import of ``text``, asserted to be the report above (agency, year, tables)."""
    result = import_text(text)
    assert (result.report.agency, result.report.year) == (AGENCY, 2023)
    expected_cells(result.report)
    return result


def refused(text: str) -> ImportFailure:
    """The failure importing ``text``, asserted to name a line."""
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert caught.value.line is not None
    return caught.value


def messages(result) -> list[str]:
    return [warning.message for warning in result.warnings]


def line_of(text: str, line: str) -> int:
    """The number of the first line of ``text`` that is ``line``."""
    return text.split("\n").index(line) + 1
