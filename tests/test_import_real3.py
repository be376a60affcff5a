"""A third sweep over real published reports (crawled portal pages, PDF text), each layout
from the real page that shows it. Expected numbers are the ones the source prints, typed
here by hand from it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMATS
from tui_report.importing import ImportFailure, import_text
from tui_report.importing.advice import other_format
from tui_report.importing.labels import official_key

from .test_import_real import with_part

# --- the other format's tables, read without a wrong count ------------------------------------

# 衡阳市衡东县杨林镇2023年政府信息公开年度报告, part 二 as crawled
# (http://www.hengdong.gov.cn/zwgk/xxgkndbg/xzxxgkndbg/20240326/i3300070.html): a 2023 report
# whose part 二 has the 2019 trial format's tables, with as many numbers per row as ours in
# 第二十条第（一）项 (本年新制作数量 | 本年新公开数量 | 对外公开总数量, the headings cut to
# 本年新) and empty rows elsewhere. It imported 1, 1, 1 as 本年制发件数, 本年废止件数 and
# 现行有效件数, and empty cells as 0 under headings the source does not have.
YANGLIN_2023_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 | ||||
信息内容 | 本年新 | 本年新 | 对外公开总数量 | |
规章 | 1 | 1 | 1 | |
规范性文件 | 22 | 22 | 22 | |
第二十条第(五)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |
行政许可 | ||||
其他对外管理服务事项 | ||||
第二十条第(六)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 | |
行政处罚 | ||||
行政强制 | ||||
第二十条第(八)项 | ||||
信息内容 | 上一年项目数量 | 本年增/减 | ||
行政事业性收费 | ||||
第二十条第(九)项 | ||||
信息内容 | 采购项目数量 | 采购总金额 | ||
政府集中采购 | 0 | 0 |
"""


def test_tables_of_the_other_format_that_happen_to_read_are_refused():
    with pytest.raises(ImportFailure) as caught:
        import_text(with_part("二", YANGLIN_2023_PART_2))
    message = caught.value.message
    assert message.startswith(
        "“二、主动公开政府信息情况”：这一部分的表格是国办公开办函〔2019〕60号"
    )
    assert "--year" in message


# 杨陵区审计局2022年政府信息公开工作年度报告, part 二 as crawled
# (https://yangling.gov.cn/zwgk/gknb/bmnb/1619593655548706818.html): our own format, whose
# 本年处理决定数量 holds the 2019 format's 处理决定数量; it still reads.
YANGLING_2022_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 0 | 0 | 0 |
第二十条第(五)项 | |||
信息内容 | 本年处理决定数量 | ||
行政许可 | 0 | ||
第二十条第(六)项 | |||
信息内容 | 本年处理决定数量 | ||
行政处罚 | 0 | ||
行政强制 | 0 | ||
第二十条第(八)项 | |||
信息内容 | 本年收费金额(单位:万元) | ||
行政事业性收费 | 0 |
"""


def test_our_headings_holding_a_heading_of_the_other_format_still_read():
    cells = import_text(with_part("二", YANGLING_2022_PART_2)).report.cells
    assert cells["art20_1"] == {"regulations": [0, 0, 0], "normative_documents": [0, 0, 0]}
    assert cells["art20_5"] == {"licensing": [0]}
    assert cells["art20_6"] == {"penalties": [0], "enforcement": [0]}


# --- a copy in traditional script --------------------------------------------------------------

# A 市场监督管理局 2024 report as a mirror site serves it, converted to traditional script
# (http://www.996bkk.com/zwgk/xxgk/zcbm/scjdglj/xxgkndbg/202501/t20250126_59961.html), its start.
# No heading is found; the refusal now says why.
TRADITIONAL_2024_START = """一、總體情況
(一)主動公開情況
截止2024年12月31日,本局2024年度主動公開政府信息數不同渠道和方式公開相同信息計62條。
(二)依申請公開情況
本局2024年度收到4件針對本部門有關政府信息公開事務的申請,本局2024年度及歷年政府信息公開均未收取任何費用。
二、主動公開政府信息情況
第二十條 第(一)項 |
|||
信息內容 |
本年制發件數 |
本年廢止件數 |
現行有效件數 |
"""


def test_a_copy_in_traditional_script_is_refused_saying_so():
    with pytest.raises(ImportFailure) as caught:
        import_text(TRADITIONAL_2024_START, "某局", 2024)
    message = caught.value.message
    assert message.startswith("找不到“一、总体情况”（从第 1 行往后找）")
    assert "繁体字" in message and "简体原文" in message


def test_a_simplified_report_quoting_a_few_traditional_characters_gets_no_such_advice():
    text = "一、總體情況\n" + TRADITIONAL_2024_START.split("\n", 1)[0].replace("總體", "总体")
    with pytest.raises(ImportFailure) as caught:
        import_text(text, "某局", 2024)
    assert "繁体字" not in caught.value.message


# --- a crawl that kept the labels and lost every number ---------------------------------------

# 雄县某乡2019年政府信息公开工作年度报告 as crawled
# (http://www.xiongxian.gov.cn/zwgkcontent-888888040-56270.html): the table's labels, one per
# line, and of its numbers only the first; nothing may be read as 0 from it. Part 二 as
# crawled; parts 三 and 四 shortened here, 五 and 六 (past the excerpt) added.
XIONGXIAN_2019 = """一、总体情况
2019年,我乡明确专人负责政务内网及政务公开工作。
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章
0
规范性文件
第二十条第(五)项
上一年项目数量
本年增/减
处理决定数量
行政许可
其他对外管理服务事项
第二十条第(六)项
行政处罚
行政强制
第二十条第(八)项
行政事业性收费
第二十条第(九)项
采购项目数量
采购总金额
政府集中采购
三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
四、政府信息公开行政复议、行政诉讼情况
行政复议
行政诉讼
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


def test_labels_without_their_numbers_are_refused():
    with pytest.raises(ImportFailure) as caught:
        import_text(XIONGXIAN_2019, "某乡人民政府", 2019)
    assert caught.value.message.startswith("“二 规章”应有 3 个数，第 10 行起找到 1 个")


# --- which headings count as the other format's -------------------------------------------------

_HEADINGS_BY_PART = {
    (fmt.version, section.key): {
        official_key(c.label) for table in section.tables for c in table.columns
    }
    for fmt in FORMATS.values()
    for section in fmt.sections
    if section.tables
}


@settings(max_examples=200)
@given(st.data())
def test_a_part_is_taken_for_the_other_format_by_two_headings_only_it_has(data):
    """Headings of ours never count, nor one of the other format's inside one of ours
    (处理决定数量 of 2019 in our 本年处理决定数量), but each of the other's own does, even
    where one of ours lies inside it (a 2019 report showing 2021's 本年处理决定数量)."""
    fmt = data.draw(st.sampled_from(list(FORMATS.values())))
    section = data.draw(st.sampled_from([s for s in fmt.sections if s.tables]))
    ours = _HEADINGS_BY_PART[(fmt.version, section.key)]
    other = next(f for f in FORMATS.values() if f is not fmt)
    theirs = _HEADINGS_BY_PART.get((other.version, section.key), set()) - ours
    drawn = data.draw(st.lists(st.sampled_from(sorted(ours | theirs | {"行政许可", "12"}))))
    refused = other_format(fmt, section, ["|".join(drawn)]) is not None
    assert refused == (len(theirs & set(drawn)) >= 2)
