"""A fourth sweep over real published reports (crawled portal pages), each layout from the
real page that shows it. Expected numbers are the ones the source prints, typed here by
hand from it.
"""

from __future__ import annotations

import pytest

from tui_report.importing import ImportFailure, import_text

from .test_import_real import with_part

# --- a count with its unit typed into the cell ------------------------------------------------

# 衡阳市商务局2022年政府信息公开工作年度报告, part 二 as a mirror of the portal page holds it
# (http://bensalemdemocrats.org/swlsj/xxgk/zfxxgknb/20230113/i2912484.html, a copy of the
# 衡阳市 portal's swlsj page): the whole table on one line between ``|``, empty cells left
# empty, and 行政许可's count written ``124件``. It was refused (“124件”不是有效的数字); the
# source states 124 plainly.
HENGYANG_SWJ_2022_PART_2 = (
    "二、主动公开政府信息情况 第二十条第(一)项 | 信息内容 | 本年制发件数 | 本年废止件数 | "
    "现行有效件数 | 规章 | | | | 行政规范性文件 | 4 | 0 | 4 | 第二十条第(五)项 | 信息内容 | "
    "本年处理决定数量 | 行政许可 | 124件 | 第二十条第(六)项 | 信息内容 | 本年处理决定数量 | "
    "行政处罚 | | 行政强制 | | 第二十条第(八)项 | 信息内容 | 本年收费金额(单位:万元) | "
    "行政事业性收费 |\n|\n"
)


def test_a_count_written_with_its_unit_reads_as_the_count_with_a_warning():
    result = import_text(with_part("二", HENGYANG_SWJ_2022_PART_2))
    cells = result.report.cells
    assert cells["art20_1"] == {"regulations": [0, 0, 0], "normative_documents": [4, 0, 4]}
    assert cells["art20_5"] == {"licensing": [124]}
    assert cells["art20_6"] == {"penalties": [0], "enforcement": [0]}
    messages = [w.message for w in result.warnings]
    assert (
        "二 第二十条第（五）项 行政许可 · 本年处理决定数量：原文为“124件”，按 124 导入" in messages
    )
    assert any(m.startswith("二 第二十条第（一）项：3 个空单元格按 0 导入") for m in messages)


@pytest.mark.parametrize("written", ["124%", "124元"])
def test_a_unit_that_is_not_a_count_s_is_still_refused(written):
    excerpt = HENGYANG_SWJ_2022_PART_2.replace("124件", written)
    with pytest.raises(ImportFailure) as caught:
        import_text(with_part("二", excerpt))
    assert f"“{written}”不是有效的数字" in caught.value.message


# --- a crawl that kept a table's labels and dropped all its numbers -------------------------

# 2022年度螅镇政府信息公开工作年度报告 (the town as the crawl spells it) as crawled
# (http://www.sxjiaxian.gov.cn/zwgk/zfxxgkzl/xtjdbnb/ct/49959.htm): every cell of every table
# is gone, the labels stay, one per paragraph. Part 三 (the same in both formats) as crawled, up
# to where the excerpt ends (3.补正后申请内容…); the rest of the report is the test report.
# The refusal said the table's order was scrambled (advice about pdftotext -layout), which is
# not what happened; it now says that the table has no numbers at all.
XIZHEN_2022_PART_3 = "\n\n".join(
    [
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
        "申请人情况",
        "自然人",
        "法人或其他组织",
        "总计",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "(一)予以公开",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        "(三)不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "(四)无法提供",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容",
    ]
)


def test_a_table_of_labels_without_any_number_is_refused_saying_so():
    with pytest.raises(ImportFailure) as caught:
        import_text(with_part("三", XIZHEN_2022_PART_3))
    message = caught.value.message
    assert message.startswith("找不到“三 一、本年新收政府信息公开申请数量”这一行")
    assert "没有一个数" in message
    assert "pdftotext" not in message  # not the advice for a table printed column by column
