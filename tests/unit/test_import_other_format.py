"""Tables of the other format (the 2019 trial format's in a 2021 report, or the reverse):
refused saying so, even where they happen to read, while our own headings that quote a
heading of the other format still read. From real published reports (crawled portal pages,
PDF text); expected numbers are the ones the source prints, typed here by hand from it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMATS
from tui_report.importing import ImportFailure, import_text
from tui_report.importing.advice import other_format
from tui_report.importing.labels import official_key

from .test_import_published_layouts import with_part

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


# --- a crawl that kept the labels and lost every number ---------------------------------------


# --- which headings count as the other format's -------------------------------------------------

_HEADINGS_BY_PART = {
    (fmt.version, section.key): {
        official_key(c.label) for table in section.tables for c in table.columns
    }
    for fmt in FORMATS.values()
    for section in fmt.sections
    if section.tables
}


@pytest.mark.slow
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


# 西咸新区底张街道办事处2023年度政府信息公开工作年度报告, part 二 as crawled, as far as the
# excerpt goes (http://www.xixianxinqu.gov.cn/xwzx/ztzl/zfxxgknb/2023/gzj/dzjd/1.html):
# a 2023 report whose part 二 has the 2019 trial format's tables.
DIZHANG_2023_PART_2 = """二、主动公开政府信息情况
第二十条第(一)项 | |||
信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |
规章 | 0 | 0 | 0 |
规范性文件 | 0 | 0 | 0 |
第二十条第(五)项 | |||
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 0 | 0 | 0 |
"""


def test_tables_of_the_other_format_are_refused_saying_so():
    """Refused before too, but only as a wrong count of numbers in 行政许可."""
    with pytest.raises(ImportFailure) as caught:
        import_text(with_part("二", DIZHANG_2023_PART_2))
    message = caught.value.message
    assert message.startswith("“二 行政许可”应有 1 个数")
    assert "国办公开办函〔2019〕60号的格式" in message and "--year" in message
    assert "表格的顺序已被打乱" not in message
