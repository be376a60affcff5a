"""Text that is not a report to read, refused saying why: a copy in traditional script,
labels without their numbers, a table of labels without any number (while a simplified
report quoting a few traditional characters gets no such advice). From real published
reports (crawled portal pages); the text each refusal names is typed here by hand.
"""

from __future__ import annotations

import pytest

from tui_report.importing import ImportFailure, import_text

from .test_import_published_layouts import with_part

# --- a count with its unit typed into the cell ------------------------------------------------


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
