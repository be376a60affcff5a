"""Tables of real published reports as portal pages print them (crawled pages): cells
between pipes, lone pipes for empty cells, a note after a row label, part 三 without its
heading, a count written with its unit. Each from the real page that shows it; expected
numbers are the ones the source prints, typed here by hand from it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui_report.importing import ImportFailure, import_text

from .test_import_published_layouts import example, with_part

# --- crawled pages: each cell on its own line closed by ``|``, lone ``|`` lines -------------

# 武汉市汉阳区人民政府办公室 2022年政府信息公开工作年度报告, part 二 whole, as crawled
# (https://www.hanyang.gov.cn/bmxxgk/zfgzjg/qrmzfbgs/zfxxgkndbg/202301/t20230119_2136694.shtml):
# a lone ``|`` starts each row, and one more is the empty 现行有效件数 of 规章.
HANYANG_2022_PART_2 = """二、主动公开政府信息情况
|
第二十条第(一)项 | |||
|
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 (历史累计) |
|
规章 |
0 |
0 |
|
|
行政规范性文件 |
5 |
12 |
8 |
|
第二十条第(五)项 | |||
|
信息内容 |
本年处理决定数量 | ||
|
行政许可 |
0 | ||
|
第二十条第(六)项 | |||
|
信息内容 |
本年处理决定数量 | ||
|
行政处罚 |
0 | ||
|
行政强制 |
0 | ||
|
第二十条第(八)项 | |||
|
信息内容 |
本年收费金额(单位:万元) | ||
|
行政事业性收费 |
0 | ||
"""


def test_cells_closed_by_pipes_with_lone_pipes_as_row_starts_and_empty_cells():
    """Was refused (找不到“二 规章”): the lone ``|`` lines were read as cell separators."""
    result = import_text(with_part("二", HANYANG_2022_PART_2))
    cells = result.report.cells
    assert cells["art20_1"] == {"regulations": [0, 0, 0], "normative_documents": [5, 12, 8]}
    assert cells["art20_5"] == {"licensing": [0]}
    assert cells["art20_6"] == {"penalties": [0], "enforcement": [0]}
    assert cells["art20_8"] == {"fees": [Decimal(0)]}
    assert [w.message for w in result.details] == [
        "二 第二十条第（一）项 规章 · 现行有效件数：原文为空或为“”，按 0 导入"
    ]


# 长春市二道区房屋征收工作管理办公室 关于2022年度政府信息公开情况的报告, part 三 as crawled
# (http://zwgk.changchun.gov.cn/ed/qzfzcbm/edqfwzsyglbgs/zfxxgknb/202301/t20230117_3105437.html):
# empty cells as lone ``|``, the first row of a group one ``|`` longer (its row start).
CHANGCHUN_ED_2022_PART_3 = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |
申请人情况 |
||||||||
自然人 |
法人或其他组织 |
总计 |
|||||||
商业企业 |
科研机构 |
社会公益组织 |
法律服务机构 |
其他 |
|||||
一、本年新收政府信息公开申请数量 |
56 |
|
|
|
|
|
56 |
||
二、上年结转政府信息公开申请数量 |
0 |
|
|
|
|
|
0 |
||
三、本年度办理结果 |
(一)予以公开 |
18 |
|
|
|
|
|
|
|
(二)部分公开(区分处理的,只计这一情况,不计其他情形) |
|
|
|
|
|
|
|
||
(三)不予公开 |
1.属于国家秘密 |
|
|
|
|
|
|
|
|
2.其他法律行政法规禁止公开 |
|
|
|
|
|
|
|
||
3.危及“三安全一稳定” |
|
|
|
|
|
|
|
||
4.保护第三方合法权益 |
|
|
|
|
|
|
|
||
5.属于三类内容事务信息 |
|
|
|
|
|
|
|
||
6.属于四类过程性信息 |
|
|
|
|
|
|
|
||
7.属于行政执法案卷 |
|
|
|
|
|
|
|
||
8.属于行政查询事项 |
|
|
|
|
"""


def _rest_of_changchun_ed_2022() -> str:
    """The excerpt stops in 8.属于行政查询事项; the rest in its own pattern, blank, with
    (七)总计 and 四 as its text states them (56 received, 18 予以公开)."""

    def group(label: str, items: list[str]) -> str:
        out = f"{label} |\n{items[0]} |\n" + "|\n" * 8
        return out + "".join(f"{item} |\n" + "|\n" * 7 + "||\n" for item in items[1:])

    rest = "|\n" * 3 + "||\n"
    rest += group(
        "(四)无法提供",
        ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"],
    )
    rest += group(
        "(五)不予处理",
        [
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ],
    )
    rest += group(
        "(六)其他处理",
        [
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ],
    )
    return (
        rest
        + "(七)总计 |\n18 |\n"
        + "|\n" * 5
        + "18 |\n||\n四、结转下年度继续办理 |\n0 |\n"
        + "|\n" * 5
        + "0 |\n||\n"
    )


def test_crawled_part_3_with_lone_pipes_for_empty_cells():
    """Was refused (一、本年新收…应有 6 或 7 个数，找到 4 个)."""
    part = CHANGCHUN_ED_2022_PART_3 + _rest_of_changchun_ed_2022()
    result = import_text(with_part("三", part))
    applications = result.report.cells["applications"]
    assert applications["new_received"] == [56, 0, 0, 0, 0, 0]
    assert applications["carried_over"] == [0] * 6
    assert applications["granted"] == [18, 0, 0, 0, 0, 0]
    assert all(
        row == [0] * 6
        for key, row in applications.items()
        if key not in ("new_received", "granted")
    )
    # its published totals agree with their parts; blank entered cells, counted by hand:
    # 5 in 一, 二, (一) and 四 each, 6 in each of the 20 other rows (blank totals aside)
    assert [w.message for w in result.warnings] == [
        "三：140 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）"
    ]


# 保康县农业农村局 2021年政府信息公开工作年度报告, part 二 whole, as crawled
# (http://www.baokang.gov.cn/xxgk/xxgknb/nbzl/bm_33093/bkxnyncj/202202/t20220218_2719545.shtml):
# 规章 printed with a note, 行政许可 left blank.
BAOKANG_2021_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章(县级无此项) | 0 | 0 | 0 |
行政规范性文件 | 0 | 0 | 0 |
第二十条第(五)项 | |||
信息内容 | 本年处理决定数量 | ||
行政许可 | |||
第二十条第(六)项 | |||
信息内容 | 本年处理决定数量 | ||
行政处罚 | 5 | ||
行政强制 | 0 | ||
第二十条第(八)项 | |||
信息内容 | 本年收费金额(单位:万元) | ||
行政事业性收费 | 0 |
"""


def test_a_row_label_followed_by_a_note_in_brackets():
    """Was refused (找不到“二 规章”): ``规章(县级无此项)``."""
    result = import_text(with_part("二", BAOKANG_2021_PART_2))
    cells = result.report.cells
    assert cells["art20_1"] == {"regulations": [0, 0, 0], "normative_documents": [0, 0, 0]}
    assert cells["art20_5"] == {"licensing": [0]}
    assert cells["art20_6"] == {"penalties": [5], "enforcement": [0]}
    assert [w.message for w in result.details] == [
        "二 第二十条第（五）项 行政许可 · 本年处理决定数量：原文为空或为“”，按 0 导入"
    ]


# --- a part heading left out ------------------------------------------------------------------

# 岳阳市信访局2021年政府信息公开工作年度报告, part 二 whole, as crawled
# (https://xfj.yueyang.gov.cn/10100/10119/10129/content_1916974.html): its last cell is
# followed at once by part 三's table note; the heading 三、收到和处理… is not on the page.
YUEYANG_2021_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
/ |
/ |
/ |
规范性文件 |
21 |
0 |
21 |
第二十条第(五)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政许可 |
/ |
||
第二十条第(六)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政处罚 |
/ |
||
行政强制 |
/ |
||
第二十条第(八)项 |
|||
信息内容 |
本年收费金额(单位:万元) |
||
行政事业性收费 |
/ |
"""


def test_part_3_without_its_heading_starts_at_its_table_note():
    """Was refused (找不到“三、收到和处理政府信息公开申请情况”)."""
    text = with_part("二", YUEYANG_2021_PART_2)
    heading = "三、收到和处理政府信息公开申请情况\n"
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert text.index(heading) + len(heading) == text.index(note)
    result = import_text(text.replace(heading, ""))
    cells = result.report.cells
    assert cells["art20_1"] == {"regulations": [0, 0, 0], "normative_documents": [21, 0, 21]}
    assert cells["art20_8"] == {"fees": [Decimal(0)]}
    assert cells["applications"] == example().cells["applications"]
    lines = text.replace(heading, "").split("\n")
    line = next(n for n, row in enumerate(lines, start=1) if row.startswith(note))
    supplied = [w for w in result.warnings if "找不到标题" in w.message]
    assert [(w.message, w.line) for w in supplied] == [
        (f"找不到标题“{heading.strip()}”，从第 {line} 行的表格起读作这一部分", line)
    ]


# --- the other format's tables -----------------------------------------------------------------


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
