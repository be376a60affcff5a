"""The parts of whole crawled pages (issue 23) — headings split over lines,
numbered or worded the report's own way, or missing; page furniture; ASCII brackets and OCR
spellings. Each layout is a general rule; each test is text written for it here, in that
layout, from the made-up report in ``crawled_qinghe`` (never copied from a real report).

Real pages consulted for the layouts (``search`` tool, pages corpus; page beginnings only):
- 泰州市人民政府 2017 (https://zwinkt.com/zwgk/art/2018/2/28/art_46355_1634538): the page's
  fields as a table, ``索 引 号 | … | 分 类 | …`` / ``发布机构 | 市政府办 | 发文日期 | …``,
  where 发布机构 (市政府办) is not the body the title names (泰州市人民政府);
- 杨凌示范区审计局 2022 (https://yangling.gov.cn/zwgk/gknb/bmnb/1619593655548706818.html) and
  武强县商务局 2022 (http://wqx.gov.cn/zfxxgk/zfxxgknb/bm/2022n/1615924770690420738.html):
  crawled tables, cells between ``|``, part 三's header run into one line;
- 福州市晋安区 2016 (http://www.fzja.gov.cn/xjwz/zwgk/zfxxgk/zfxxgknb/201707/t20170721_1341809.htm):
  ``来源：… 时间：…`` on one line under the title.
"""

from __future__ import annotations

import pytest

from ..crawled_qinghe import (
    AGENCY,
    FRONT,
    PART_1,
    PART_3_HEAD,
    PART_3_ROWS,
    PART_4,
    PART_5,
    PART_6,
    TEXTS,
    TITLE,
    crawled,
    imported,
    line_of,
    messages,
    one_per_line,
    parts,
    refused,
)


def test_the_crawled_page_as_written_imports_exactly():
    result = imported(crawled())
    assert result.warnings == []
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


# --- 1. a heading split over two lines -----------------------------------------------------


def test_part_headings_split_over_two_lines_are_joined():
    text = crawled(
        (1, PART_1.replace("一、总体情况", "一、\n总体情况")),
        (
            5,
            PART_5.replace(
                "五、存在的主要问题及改进情况", "五、\n政府信息公开工作存在的主要问题及改进情况"
            ),
        ),
        (6, PART_6.replace("六、其他需要报告的事项", "六、其他需要报告的\n事项")),
    )
    result = imported(text)
    assert result.warnings == []
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS  # no stray 一、 or 事项
    assert "一、" not in result.report.texts["intro"]


def test_a_table_part_s_heading_split_before_its_table_is_joined():
    text = crawled((4, one_per_line(PART_4).replace("四、政府信息公开", "四、政府信息公开\n", 1)))
    assert imported(text).warnings == []


def test_column_labels_printed_a_character_per_line_are_read():
    head = PART_3_HEAD.replace("自然人 |", "自 | 然 | 人 |").replace(
        "社会公益组织", "社 | 会 | 公 | 益 | 组 | 织"
    )
    assert "自\n然\n人" in one_per_line(head)
    assert imported(crawled((3, one_per_line(head + "\n" + PART_3_ROWS)))).warnings == []


def test_a_row_label_split_after_its_number_is_not_taken_for_a_heading():
    rows = PART_3_ROWS.replace("二、上年结转", "二、 | 上年结转")
    assert "\n二、\n上年结转" in one_per_line(rows)
    assert imported(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows)))).warnings == []


# --- 5. part headings worded or numbered the report's own way --------------------------------


def test_headings_numbered_and_worded_the_report_s_own_way_are_found_with_warnings():
    text = (
        crawled()
        .replace("二、主动公开政府信息情况", "三、主动公开情况")
        .replace("三、收到和处理政府信息公开申请情况", "四、依申请公开情况")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "五、行政复议和行政诉讼情况")
        .replace("五、存在的主要问题及改进情况", "六、存在的问题和改进措施")
        .replace("六、其他需要报告的事项", "七、其他需要报告的事项")
    )
    result = imported(text)
    assert messages(result) == [
        "找不到标题“二、主动公开政府信息情况”，把第 10 行的“三、主动公开情况”读作这一部分的标题",
        f"找不到标题“三、收到和处理政府信息公开申请情况”，把第 {line_of(text, '四、依申请公开情况')} 行的“四、依申请公开情况”读作这一部分的标题",
        f"找不到标题“四、政府信息公开行政复议、行政诉讼情况”，把第 {line_of(text, '五、行政复议和行政诉讼情况')} 行的“五、行政复议和行政诉讼情况”读作这一部分的标题",
        f"找不到标题“五、存在的主要问题及改进情况”，把第 {line_of(text, '六、存在的问题和改进措施')} 行的“六、存在的问题和改进措施”读作这一部分的标题",
        f"找不到标题“六、其他需要报告的事项”，把第 {line_of(text, '七、其他需要报告的事项')} 行的“七、其他需要报告的事项”读作这一部分的标题",
    ]
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def test_parts_in_another_order_are_each_read_under_their_own_heading():
    pieces = parts()
    text = "\n".join([pieces[0], pieces[1], pieces[3], pieces[2], *pieces[4:]]) + "\n"
    result = imported(text)
    assert messages(result) == [
        f"“三、收到和处理政府信息公开申请情况”在第 {line_of(text, '三、收到和处理政府信息公开申请情况')} 行，"
        "排在前面几部分之前，与正式格式的顺序不同：已按这一行读作这一部分"
    ]
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def test_markdown_headings_without_numbers_are_found():
    text = (
        crawled()
        .replace("二、主动公开政府信息情况", "## 主动公开政府信息情况")
        .replace("五、存在的主要问题及改进情况", "**存在的主要问题及改进情况**")
    )
    result = imported(text)
    assert len(result.warnings) == 2
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def test_table_parts_without_any_heading_start_at_their_tables():
    text = (
        crawled()
        .replace("二、主动公开政府信息情况\n", "")
        .replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    )
    result = imported(text)
    assert messages(result) == [
        f"找不到标题“二、主动公开政府信息情况”，从第 {line_of(text, '第二十条第（一）项')} 行的表格起读作这一部分",
        f"找不到标题“四、政府信息公开行政复议、行政诉讼情况”，从第 {line_of(text, '行政复议')} 行的表格起读作这一部分",
    ]


def test_a_heading_that_says_something_else_before_a_table_is_still_refused():
    text = crawled().replace("二、主动公开政府信息情况", "二、其他内容")
    assert refused(text).message.startswith("找不到“二、主动公开政府信息情况”")


# --- 6. a part heading lost in conversion ---------------------------------------------------


def test_part_5_without_its_heading_is_the_text_between_part_4_s_table_and_part_6():
    text = crawled().replace("五、存在的主要问题及改进情况\n", "")
    result = imported(text)
    first = line_of(text, "存在的主要问题：信息发布的及时性有待提高。")
    assert messages(result) == [
        f"找不到标题“五、存在的主要问题及改进情况”，把第 {first}–{first + 1} 行"
        "（“四、政府信息公开行政复议、行政诉讼情况”的表格之后、“六、其他需要报告的事项”之前的文字）"
        "读作这一部分"
    ]
    assert result.report.texts["shortcomings"] == TEXTS["shortcomings"]


def test_the_last_part_without_its_heading_is_refused():
    text = crawled().replace("六、其他需要报告的事项\n", "")
    assert refused(text).message.startswith("找不到“六、其他需要报告的事项”")


# --- 7. page furniture ----------------------------------------------------------------------

FURNITURE = f"""标题：{TITLE}
索引号：11330000/2024-00012
发布机构：{AGENCY}
发文日期：2024-01-18
"""


def test_a_crawled_page_s_fields_are_neither_the_agency_nor_the_intro():
    result = imported(FURNITURE + crawled())
    assert result.warnings == []
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


def test_the_title_in_the_page_s_fields_only_is_read_from_there():
    result = imported(FURNITURE + crawled().replace(TITLE + "\n", "", 1))
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


def test_the_publisher_field_is_the_agency_where_the_title_names_none():
    text = FURNITURE.replace(
        f"标题：{TITLE}", "标题：2023年政府信息公开工作年度报告"
    ) + crawled().replace(TITLE, "2023年政府信息公开工作年度报告", 1)
    assert imported(text).report.agency == AGENCY


def test_the_title_s_agency_wins_over_another_publishing_office():
    text = FURNITURE.replace(f"发布机构：{AGENCY}", "发布机构：县政府办") + crawled()
    result = imported(text)
    assert result.warnings == []


@pytest.mark.parametrize(
    "furniture",
    [
        f"索 引 号 | 11330000/2024-00012 | 分 类 | 政府信息公开年报 |\n发布机构 | {AGENCY} | 发文日期 | 2024-01-18 |\n",
        f"索引号\n11330000/2024-00012\n发布机构\n{AGENCY}\n来源：{AGENCY} 时间：2024-01-18 09:30\n",
    ],
    ids=["fields-in-a-table", "field-and-value-on-lines-of-their-own"],
)
def test_page_fields_in_other_layouts_are_left_out(furniture: str):
    result = imported(furniture + crawled())
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


# --- 8. ASCII brackets and OCR spellings ----------------------------------------------------


def test_ascii_brackets_read_as_full_width_ones():
    text = crawled().replace("（", "(").replace("）", ")")
    result = imported(text)
    assert result.warnings == []
    assert result.report.texts["overview"] == TEXTS["overview"].replace("（", "(").replace(
        "）", ")"
    )


def test_an_agency_spelt_otherwise_in_the_text_is_warned_naming_both():
    text = crawled().replace("2023年，青禾县水利局认真", "2023年，青禾县水剂局认真")
    result = imported(text)
    assert messages(result) == [
        f"机关名称在标题中为“{AGENCY}”，在第 {line_of(text, '2023年，青禾县水剂局认真落实政府信息公开各项要求。')} 行写作“青禾县水剂局”"
        "（可能有识别错误），已按标题导入（可用 --agency 指定）"
    ]


def test_a_publisher_spelt_otherwise_is_warned_naming_both():
    text = FURNITURE.replace(f"发布机构：{AGENCY}", "发布机构：青禾县水利居") + crawled()
    result = imported(text)
    assert messages(result) == [
        f"标题中的机关名称为“{AGENCY}”，第 3 行的发布机构为“青禾县水利居”"
        "（可能有识别错误），已按标题导入（可用 --agency 指定）"
    ]


def test_another_body_of_another_level_is_not_taken_for_a_misspelling():
    text = crawled().replace("维护县政府网站水利专栏", "配合青禾市水利局维护网站专栏")
    assert imported(text).warnings == []
