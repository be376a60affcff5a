"""Import, round 3 (issue 23): whole crawled pages and wrapped layouts a person reads without
effort. Each layout is a general rule; each test is text written for it here, in that
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

from tui_report.importing import ImportFailure, import_text

from .crawled_qinghe import (
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
    expected_cells,
    one_per_line,
    parts,
)


def _imported(text: str):
    result = import_text(text)
    assert (result.report.agency, result.report.year) == (AGENCY, 2023)
    expected_cells(result.report)
    return result


def _refused(text: str) -> ImportFailure:
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert caught.value.line is not None
    return caught.value


def _messages(result) -> list[str]:
    return [warning.message for warning in result.warnings]


def test_the_crawled_page_as_written_imports_exactly():
    result = _imported(crawled())
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
    result = _imported(text)
    assert result.warnings == []
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS  # no stray 一、 or 事项
    assert "一、" not in result.report.texts["intro"]


def test_a_table_part_s_heading_split_before_its_table_is_joined():
    text = crawled((4, one_per_line(PART_4).replace("四、政府信息公开", "四、政府信息公开\n", 1)))
    assert _imported(text).warnings == []


def test_column_labels_printed_a_character_per_line_are_read():
    head = PART_3_HEAD.replace("自然人 |", "自 | 然 | 人 |").replace(
        "社会公益组织", "社 | 会 | 公 | 益 | 组 | 织"
    )
    assert "自\n然\n人" in one_per_line(head)
    assert _imported(crawled((3, one_per_line(head + "\n" + PART_3_ROWS)))).warnings == []


def test_a_row_label_split_after_its_number_is_not_taken_for_a_heading():
    rows = PART_3_ROWS.replace("二、上年结转", "二、 | 上年结转")
    assert "\n二、\n上年结转" in one_per_line(rows)
    assert _imported(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows)))).warnings == []


# --- 2. a row label wrapped around its group label's lines (pdftotext -layout) -------------

# Part 三's rows of （六）其他处理 as pdftotext -layout gives a narrow label column: the group
# label's cell (其他处理 over three rows) printed beside its rows' label lines, each row's
# numbers on the middle one of its lines, items numbered 1、 2、 3、.
OTHER_HANDLING_LAYOUT = """\
                      1、申请人无正当理由逾期不补正、
      （六）其        行政机关不再处理其政府信息公       0    0    0    0    0    0    0
                      开申请
                      2、申请人逾期未按收费通知要求缴纳
      他处理          费用、行政机关不再处理其政府信息   0    0    0    0    0    0    0
                      公开申请
                      3、其他                            0    0    0    0    0    0    0"""


def _layout_rows(rows: str) -> str:
    """Part 三's rows in columns, as pdftotext -layout prints them, with ``rows`` put in
    place of （六）其他处理's."""
    out = []
    for line in PART_3_ROWS.split("\n"):
        cells = line.split(" | ")
        out.append("    ".join(cells))
    lines = "\n".join(out)
    start = lines.index("（六）其他处理")
    end = lines.index("（七）总计")
    return lines[:start] + rows + "\n" + lines[end:]


def test_a_label_with_its_group_label_s_lines_between_its_own_is_read():
    part = PART_3_HEAD.replace(" | ", "  ") + "\n" + _layout_rows(OTHER_HANDLING_LAYOUT)
    result = _imported(crawled((3, part)))
    assert result.warnings == []


def test_a_label_with_the_outer_group_s_lines_too_is_read():
    rows = """\
                   1、本机关不掌握相关政府
      三、本年度   （四）无   信息                   1    0    0    0    0    1    2
      办理结果     法提供     2、没有现成信息需要另行
                              制作                   0    0    0    0    0    0    0
                              3、补正后申请内容仍不明
                              确                     0    0    0    0    0    0    0"""
    lines = _layout_rows(OTHER_HANDLING_LAYOUT)
    start = lines.index("（四）无法提供")
    end = lines.index("（五）不予处理")
    part = PART_3_HEAD.replace(" | ", "  ") + "\n" + lines[:start] + rows + "\n" + lines[end:]
    assert _imported(crawled((3, part))).warnings == []


# --- 3. a number split inside its cell ------------------------------------------------------


def _with_new_received(rows: str, natural: int) -> str:
    """Part 三 whose 一、本年新收 and （一）予以公开 rows hold ``natural`` more in 自然人
    (so every identity still holds), its first two rows printed as ``rows``."""
    body = PART_3_ROWS.split("\n", 2)[2].replace(
        "（一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5",
        f"（一）予以公开 | {4 + natural} | 1 | 0 | 0 | 0 | 0 | {5 + natural}",
    )
    body = body.replace("（七）总计 | 6 | 2 |", f"（七）总计 | {6 + natural} | 2 |")
    body = body.replace("| 1 | 9\n四、", f"| 1 | {9 + natural}\n四、")
    return one_per_line(PART_3_HEAD + "\n" + rows + "\n" + body)


def test_a_wrapped_number_with_no_reading_that_adds_up_is_refused_as_before():
    rows = """一、本年新收政府信息公开申请数量 | 6 | 2 | 0 | 0 | 0 | 1 | 9 | 9
二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1"""
    failure = _refused(crawled((3, _with_new_received(rows, 0))))
    assert failure.message == (
        "“三 一、本年新收政府信息公开申请数量”应有 7 个数（表头有总计列），第 53 行起找到 8 个"
        "（若是窄栏中的数折成了几行，没有一种读法能使总计与勾稽关系成立）"
    )


def test_a_number_of_three_digits_wrapped_as_1_and_62_is_read_as_162():
    rows = """一、本年新收政府信息公开申请数量 | 1 | 62 | 2 | 0 | 0 | 0 | 1 | 165
二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1"""
    result = import_text(crawled((3, _with_new_received(rows, 156))))
    cells = result.report.cells["applications"]
    assert cells["new_received"] == [162, 2, 0, 0, 0, 1]
    assert cells["granted"] == [160, 1, 0, 0, 0, 0]
    [warning] = [m for m in _messages(result) if "折成了几行" in m]
    assert warning.startswith("“三 一、本年新收政府信息公开申请数量”第 ")
    assert "（1 62 2 0 0 0 1 165）" in warning and "按 162 2 0 0 0 1 165 导入" in warning


def test_a_wrapped_number_with_two_readings_that_add_up_is_refused():
    # part 四's first group 11 1 0 0 12 printed 1 1 1 0 0 12: 11 + 1 and 1 + 11 both make 12
    values = "1 | 1 | 1 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    part = PART_4.rsplit("\n", 1)[0] + "\n" + values
    failure = _refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert "找到 16 个（若是窄栏中的数折成了几行，按总计与勾稽关系有不止一种读法" in failure.message


def test_a_wrapped_number_in_a_table_without_totals_is_refused_as_before():
    text = crawled().replace("行政许可\n86\n", "行政许可\n8\n6\n")
    failure = _refused(text)
    assert failure.message.startswith("“二 行政许可”应有 1 个数")


# --- 4. runs of equal neighbouring cells printed once ---------------------------------------

# Part 三 and part 四 as a crawler that drops a text node equal to the one before it saves
# them: 6 2 0 0 0 1 9 arrives as 6 2 0 1 9, a row of zeros as 0.
COLLAPSED_ROWS = """一、本年新收政府信息公开申请数量 | 6 | 2 | 0 | 1 | 9
二、上年结转政府信息公开申请数量 | 1 | 0 | 1
三、本年度办理结果 | （一）予以公开 | 4 | 1 | 0 | 5
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 1
（三）不予公开 | 1.属于国家秘密 | 0
2.其他法律行政法规禁止公开 | 0
3.危及“三安全一稳定” | 0
4.保护第三方合法权益 | 0 | 1 | 0 | 1
5.属于三类内部事务信息 | 0
6.属于四类过程性信息 | 0
7.属于行政执法案卷 | 0
8.属于行政查询事项 | 0
（四）无法提供 | 1.本机关不掌握相关政府信息 | 1 | 0 | 1 | 2
2.没有现成信息需要另行制作 | 0
3.补正后申请内容仍不明确 | 0
（五）不予处理 | 1.信访举报投诉类申请 | 0
2.重复申请 | 0
3.要求提供公开出版物 | 0
4.无正当理由大量反复申请 | 0
5.要求行政机关确认或重新出具已获取信息 | 0
（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0
3.其他 | 0
（七）总计 | 6 | 2 | 0 | 1 | 9
四、结转下年度继续办理 | 1 | 0 | 1"""

COLLAPSED_PART_4 = PART_4.rsplit("\n", 1)[0] + "\n2 | 0 | 2 | 0 | 1 | 0"


def test_collapsed_runs_are_read_where_the_totals_leave_one_filling():
    text = crawled(
        (3, one_per_line(PART_3_HEAD + "\n" + COLLAPSED_ROWS)),
        (4, one_per_line(COLLAPSED_PART_4)),
    )
    result = _imported(text)
    first, last = (
        _line(text, "一、本年新收政府信息公开申请数量") + 1,
        _line(text, "四、结转下年度继续办理") + 1,
    )
    lines = text.split("\n")
    review = lines.index("2", lines.index("复议后起诉")) + 1  # part 四's numbers
    assert _messages(result) == [
        f"三：第 {first}–{last} 行中有 25 行印的数少于列数"
        "，看来抓取网页时相邻相同的数只印了一个；按总计与勾稽关系只有一种读法，"
        "已按这种读法导入（加 --verbose 逐行列出）",
        f"“四 行政复议”等 3 组第 {review} 行印了 6 个数（2 0 2 0 1 0）："
        "看来抓取网页时相邻相同的数只印了一个，按总计与勾稽关系只有一种读法，"
        "按 2 0 0 0 2 0 0 0 1 1 0 0 0 0 0 导入",
    ]
    details = {d.message.split("”第")[0]: d.message for d in result.details}
    assert details["“三 一、本年新收政府信息公开申请数量"].endswith(
        "印了 5 个数（6 2 0 1 9）：看来抓取网页时相邻相同的数只印了一个，"
        "按总计与勾稽关系只有一种读法，按 6 2 0 0 0 1 9 导入"
    )
    # its 1 placed by the columns' totals (商业企业 of （七）总计), not by its own row
    assert details["“三 （三）4.保护第三方合法权益"].endswith("按 0 1 0 0 0 0 1 导入")
    assert details["“三 （三）1.属于国家秘密"].endswith("按 0 0 0 0 0 0 0 导入")


def test_collapsed_runs_that_fit_the_totals_two_ways_are_refused():
    # 1 0 0 0 1 | 0 0 0 1 1 | 0 … prints as 1 0 1 0 1 0, as does 1 0 0 0 1 | 1 0 0 0 1 | 0 …
    part = PART_4.rsplit("\n", 1)[0] + "\n1 | 0 | 1 | 0 | 1 | 0"
    failure = _refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert failure.message.endswith(
        "行起找到 6 个（若是抓取网页时相邻相同的数只印了一个，"
        "按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    )


def test_a_row_of_zeros_printed_as_one_zero_is_a_row_of_zeros():
    text = crawled().replace("规章\n0\n0\n0\n", "规章\n0\n")
    result = _imported(text)
    assert _messages(result) == [next(m for m in _messages(result) if m.startswith("“二 规章”"))]
    assert "印了 1 个数（0）" in _messages(result)[0] and "按 0 0 0 导入" in _messages(result)[0]


def test_collapsed_runs_with_more_than_one_filling_are_refused_naming_the_row_and_why():
    # the 1 of 1.本机关不掌握 moved to 法律服务机构: 1 0 0 0 1 0 2 prints as 1 0 1 0 2, and
    # every row that holds it leaves 社会公益组织 and 法律服务机构 alike
    rows = COLLAPSED_ROWS.replace("| 6 | 2 | 0 | 1 | 9", "| 6 | 2 | 0 | 1 | 0 | 9").replace(
        "| 1 | 0 | 1 | 2", "| 1 | 0 | 1 | 0 | 2"
    )
    failure = _refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert failure.message == (
        "“三 一、本年新收政府信息公开申请数量”应有 7 个数（表头有总计列），第 53 行起找到 6 个"
        "（若是抓取网页时相邻相同的数只印了一个，按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    )


def test_collapsed_runs_beside_totals_that_do_not_add_up_are_refused():
    rows = COLLAPSED_ROWS.replace(
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 1",
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 2",
    )
    failure = _refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert "不合总计或勾稽关系" in failure.message


def test_a_row_printed_short_with_no_filling_is_refused_as_before():
    # 4 1 0 5 is 4 1 0 0 0 0 5; 4 1 5 (a number lost) has no filling that adds up
    rows = PART_3_ROWS.replace(
        "（一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5", "（一）予以公开 | 4 | 0 | 5"
    )
    failure = _refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert failure.message.startswith("“三 （一）予以公开”应有 7 个数（表头有总计列），")
    assert "没有一种读法能使总计与勾稽关系成立" in failure.message


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
    result = _imported(text)
    assert _messages(result) == [
        "找不到标题“二、主动公开政府信息情况”，把第 10 行的“三、主动公开情况”读作这一部分的标题",
        f"找不到标题“三、收到和处理政府信息公开申请情况”，把第 {_line(text, '四、依申请公开情况')} 行的“四、依申请公开情况”读作这一部分的标题",
        f"找不到标题“四、政府信息公开行政复议、行政诉讼情况”，把第 {_line(text, '五、行政复议和行政诉讼情况')} 行的“五、行政复议和行政诉讼情况”读作这一部分的标题",
        f"找不到标题“五、存在的主要问题及改进情况”，把第 {_line(text, '六、存在的问题和改进措施')} 行的“六、存在的问题和改进措施”读作这一部分的标题",
        f"找不到标题“六、其他需要报告的事项”，把第 {_line(text, '七、其他需要报告的事项')} 行的“七、其他需要报告的事项”读作这一部分的标题",
    ]
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def _line(text: str, line: str) -> int:
    return text.split("\n").index(line) + 1


def test_parts_in_another_order_are_each_read_under_their_own_heading():
    pieces = parts()
    text = "\n".join([pieces[0], pieces[1], pieces[3], pieces[2], *pieces[4:]]) + "\n"
    result = _imported(text)
    assert _messages(result) == [
        f"“三、收到和处理政府信息公开申请情况”在第 {_line(text, '三、收到和处理政府信息公开申请情况')} 行，"
        "排在前面几部分之前，与正式格式的顺序不同：已按这一行读作这一部分"
    ]
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def test_markdown_headings_without_numbers_are_found():
    text = (
        crawled()
        .replace("二、主动公开政府信息情况", "## 主动公开政府信息情况")
        .replace("五、存在的主要问题及改进情况", "**存在的主要问题及改进情况**")
    )
    result = _imported(text)
    assert len(result.warnings) == 2
    assert {key: result.report.texts[key] for key in TEXTS} == TEXTS


def test_table_parts_without_any_heading_start_at_their_tables():
    text = (
        crawled()
        .replace("二、主动公开政府信息情况\n", "")
        .replace("四、政府信息公开行政复议、行政诉讼情况\n", "")
    )
    result = _imported(text)
    assert _messages(result) == [
        f"找不到标题“二、主动公开政府信息情况”，从第 {_line(text, '第二十条第（一）项')} 行的表格起读作这一部分",
        f"找不到标题“四、政府信息公开行政复议、行政诉讼情况”，从第 {_line(text, '行政复议')} 行的表格起读作这一部分",
    ]


def test_a_heading_that_says_something_else_before_a_table_is_still_refused():
    text = crawled().replace("二、主动公开政府信息情况", "二、其他内容")
    assert _refused(text).message.startswith("找不到“二、主动公开政府信息情况”")


# --- 6. a part heading lost in conversion ---------------------------------------------------


def test_part_5_without_its_heading_is_the_text_between_part_4_s_table_and_part_6():
    text = crawled().replace("五、存在的主要问题及改进情况\n", "")
    result = _imported(text)
    first = _line(text, "存在的主要问题：信息发布的及时性有待提高。")
    assert _messages(result) == [
        f"找不到标题“五、存在的主要问题及改进情况”，把第 {first}–{first + 1} 行"
        "（“四、政府信息公开行政复议、行政诉讼情况”的表格之后、“六、其他需要报告的事项”之前的文字）"
        "读作这一部分"
    ]
    assert result.report.texts["shortcomings"] == TEXTS["shortcomings"]


def test_the_last_part_without_its_heading_is_refused():
    text = crawled().replace("六、其他需要报告的事项\n", "")
    assert _refused(text).message.startswith("找不到“六、其他需要报告的事项”")


# --- 7. page furniture ----------------------------------------------------------------------

FURNITURE = f"""标题：{TITLE}
索引号：11330000/2024-00012
发布机构：{AGENCY}
发文日期：2024-01-18
"""


def test_a_crawled_page_s_fields_are_neither_the_agency_nor_the_intro():
    result = _imported(FURNITURE + crawled())
    assert result.warnings == []
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


def test_the_title_in_the_page_s_fields_only_is_read_from_there():
    result = _imported(FURNITURE + crawled().replace(TITLE + "\n", "", 1))
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


def test_the_publisher_field_is_the_agency_where_the_title_names_none():
    text = FURNITURE.replace(
        f"标题：{TITLE}", "标题：2023年政府信息公开工作年度报告"
    ) + crawled().replace(TITLE, "2023年政府信息公开工作年度报告", 1)
    assert _imported(text).report.agency == AGENCY


def test_the_title_s_agency_wins_over_another_publishing_office():
    text = FURNITURE.replace(f"发布机构：{AGENCY}", "发布机构：县政府办") + crawled()
    result = _imported(text)
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
    result = _imported(furniture + crawled())
    assert result.report.texts["intro"] == FRONT.split("\n")[1]


# --- 8. ASCII brackets and OCR spellings ----------------------------------------------------


def test_ascii_brackets_read_as_full_width_ones():
    text = crawled().replace("（", "(").replace("）", ")")
    result = _imported(text)
    assert result.warnings == []
    assert result.report.texts["overview"] == TEXTS["overview"].replace("（", "(").replace(
        "）", ")"
    )


def test_an_agency_spelt_otherwise_in_the_text_is_warned_naming_both():
    text = crawled().replace("2023年，青禾县水利局认真", "2023年，青禾县水剂局认真")
    result = _imported(text)
    assert _messages(result) == [
        f"机关名称在标题中为“{AGENCY}”，在第 {_line(text, '2023年，青禾县水剂局认真落实政府信息公开各项要求。')} 行写作“青禾县水剂局”"
        "（可能有识别错误），已按标题导入（可用 --agency 指定）"
    ]


def test_a_publisher_spelt_otherwise_is_warned_naming_both():
    text = FURNITURE.replace(f"发布机构：{AGENCY}", "发布机构：青禾县水利居") + crawled()
    result = _imported(text)
    assert _messages(result) == [
        f"标题中的机关名称为“{AGENCY}”，第 3 行的发布机构为“青禾县水利居”"
        "（可能有识别错误），已按标题导入（可用 --agency 指定）"
    ]


def test_another_body_of_another_level_is_not_taken_for_a_misspelling():
    text = crawled().replace("维护县政府网站水利专栏", "配合青禾市水利局维护网站专栏")
    assert _imported(text).warnings == []


def test_collapsed_rows_with_too_many_fillings_to_try_are_refused_saying_so():
    """Every row of part 三 printed as a 0 b 0 total, a and b of other sizes in each row:
    three places for b in every row, and nothing settles them before the last row. The
    readings are not all tried (that grows as 3 to the power of the rows): refused."""
    sizes = [(1, 2), (3, 5), (7, 11), (19, 23), (41, 2)]
    rows = []
    for n, line in enumerate(PART_3_ROWS.split("\n")):
        labels = [cell for cell in line.split(" | ") if not cell.isdigit()]
        a, b = sizes[n % len(sizes)]
        rows.append(" | ".join([*labels, str(a), "0", str(b), "0", str(a + b)]))
    failure = _refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + "\n".join(rows)))))
    assert failure.message.startswith("“三 一、本年新收政府信息公开申请数量”应有 7 个数")
    assert failure.message.endswith(
        "（若是抓取网页时相邻相同的数只印了一个，可能的读法太多，无法逐一核对）"
    )


def test_part_4_collapsed_to_exactly_twelve_numbers_is_not_read_as_twelve_without_totals():
    # 0 1 0 0 1 | 5 0 2 1 8 | 4 0 0 0 4 printed 0 1 0 1 5 0 2 1 8 4 0 4: twelve numbers, as
    # part 四 without its totals would have, but its header has the totals' columns (总计)
    part = PART_4.rsplit("\n", 1)[0] + "\n0 | 1 | 0 | 1 | 5 | 0 | 2 | 1 | 8 | 4 | 0 | 4"
    failure = _refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert (
        "找到 12 个（若是抓取网页时相邻相同的数只印了一个，按总计与勾稽关系有不止一种读法"
        in failure.message
    )
