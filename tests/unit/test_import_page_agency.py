"""Which body a crawled page's report is by (review of issue 23): the portal's own lines
before the report (where the page is, its links, the column's name) are never the agency;
the page's 标题 field names the agency where the report's title does not, before the
line above the title and before 发布机构 (often the office that put the page up); a
title found only there is read from there; and a 发布机构 at another level is another
body, not a misreading. The report is the made-up one of ``crawled_qinghe``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.importing import ImportFailure, import_text

from ..crawled_qinghe import AGENCY, TITLE, crawled, imported, line_of, messages, refused

UNTITLED = "2023年政府信息公开工作年度报告"  # the report's own title, naming no body


def untitled() -> str:
    """The report whose title names no body."""
    return crawled().replace(TITLE, UNTITLED, 1)


@pytest.mark.parametrize(
    "above",
    [
        "您当前的位置：首页>信息公开>政府信息公开年报",
        "当前位置：首页 > 政务公开 > 年度报告",
        "首页 > 信息公开 > 政府信息公开年报",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "政府信息公开年报",
        "青禾县人民政府门户网站",
    ],
)
def test_a_portal_s_line_above_the_title_is_never_the_agency(above: str):
    text = f"{above}\n{untitled()}"
    failure = refused(text)
    line = line_of(text, UNTITLED)
    assert failure.line == line
    assert failure.message == (
        f"第 {line} 行的标题中没有发布机关的名称，"
        "其前一行和网页的“标题”“发布机构”中也没有（可用 --agency 指定）"
    )


@pytest.mark.parametrize(
    "above",
    ["您当前的位置：首页>信息公开>政府信息公开年报", "打印本页 关闭窗口", "政府信息公开年报"],
)
def test_the_title_field_names_the_agency_above_a_portal_s_line(above: str):
    result = imported(f"{above}\n标题：{TITLE}\n{untitled()}")
    assert result.warnings == []


def test_the_title_field_wins_over_the_publishing_office():
    text = f"标题：{TITLE}\n发布机构：青禾县人民政府办公室\n{untitled()}"
    assert imported(text).report.agency == AGENCY


def test_the_title_field_wins_over_the_line_above_the_title():
    text = f"标题：{TITLE}\n青禾县人民政府\n{untitled()}"
    assert imported(text).report.agency == AGENCY


def test_a_body_s_name_above_the_title_is_still_the_agency():
    # a title printed over two lines, the body first (no page fields)
    result = imported(crawled().replace(TITLE, f"{AGENCY}\n{UNTITLED}", 1))
    assert result.warnings == []


def test_the_title_only_in_the_title_field_is_read_where_the_body_s_names_none():
    result = imported(f"标题：{TITLE}\n{untitled()}")
    assert result.warnings == []
    # the page's field is not the intro, nor is the title
    assert result.report.texts["intro"].startswith("本报告根据")


def test_a_publishing_office_that_does_not_look_like_a_body_is_not_the_agency():
    failure = refused(f"发布机构：首页>信息公开\n{untitled()}")
    assert failure.message.startswith(f"第 {2} 行的标题中没有发布机关的名称")


@pytest.mark.parametrize(
    "publisher",
    ["青禾市人民政府", "青禾市水利局", "青禾县人民政府", "青禾省水利厅"],
)
def test_a_publishing_body_at_another_level_is_not_warned_as_a_misreading(publisher: str):
    text = f"标题：{TITLE}\n发布机构：{publisher}\n{crawled()}"
    assert messages(imported(text)) == []


def test_a_publishing_body_misread_is_still_warned():
    text = f"标题：{TITLE}\n发布机构：青禾县水利居\n{crawled()}"
    assert messages(imported(text)) == [
        f"标题中的机关名称为“{AGENCY}”，第 2 行的发布机构为“青禾县水利居”"
        "（可能有识别错误），已按标题导入（可用 --agency 指定）"
    ]


def test_a_publishing_body_one_level_up_from_the_title_s_is_not_a_misreading():
    # 青禾市青禾县水利局 and 青禾市水利局: the city's bureau, not the county's misread
    text = f"发布机构：青禾市水利局\n{crawled().replace(TITLE, '青禾市' + TITLE, 1)}"
    result = import_text(text)
    assert result.report.agency == "青禾市" + AGENCY
    assert messages(result) == []


def test_a_field_s_name_alone_with_no_value_after_it_is_the_report_s_own_line():
    # (found by the Word round trip property: an intro ending in a line 日期)
    text = crawled().replace("一、总体情况", "日期\n一、总体情况", 1)
    result = imported(text)
    assert result.report.texts["intro"].endswith("\n日期")


def test_a_title_over_two_lines_with_a_portal_s_link_between_them_is_read():
    """The title is found once, as the page's lines are read (the portal's link between
    its halves is not the report's): a second reading below it once lost it."""
    split = TITLE.replace("年度报告", "\n【打印】\n年度报告", 1)
    result = imported(crawled().replace(TITLE, split, 1))  # (agency, year and tables)
    assert "打印" not in result.report.texts["intro"]


# Pieces of a portal's lines above a report: where the page is, its links, its columns.
PORTAL = [
    "您当前的位置：", "当前位置：", "首页", ">", " > ", "信息公开", "政府信息公开", "年报",
    "政府信息公开年报", "法定主动公开内容", "打印本页", "关闭窗口", "【打印】", "【关闭】",
    "青禾县人民政府门户网站", "政务公开", "专栏", "分享到：",
]  # fmt: skip


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PORTAL), min_size=1, max_size=6), st.booleans())
def test_no_portal_line_above_a_title_is_ever_the_agency(pieces: list[str], field: bool):
    """The agency is the 标题 field's where it names one, else the import is refused."""
    above = "".join(pieces)
    text = (f"标题：{TITLE}\n" if field else "") + f"{above}\n{untitled()}"
    try:
        result = import_text(text)
    except ImportFailure as failure:
        assert not field and "可用 --agency 指定" in failure.message
        return
    assert result.report.agency == AGENCY
