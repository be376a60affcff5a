"""The tables of whole crawled pages (issue 23) and wrapped layouts — row
labels wrapped around their group labels' lines, numbers wrapped inside their cells, runs of
equal cells printed once. Each layout is a general rule; each test is text written for it
here, in that layout, from the made-up report in ``crawled_qinghe`` (never copied from a
real report). The parts, headings and page furniture are in ``test_import_crawled_parts``.

Real pages consulted (``search`` tool, pages corpus; page beginnings only): 杨凌示范区审计局
2022 (https://yangling.gov.cn/zwgk/gknb/bmnb/1619593655548706818.html) and 武强县商务局 2022
(http://wqx.gov.cn/zfxxgk/zfxxgknb/bm/2022n/1615924770690420738.html): crawled tables, cells
between ``|``, part 三's header run into one line, rows of zeros.
"""

from __future__ import annotations

import pytest

from tui_report.importing import import_text
from tui_report.text.textwidth import width

from ..crawled_qinghe import (
    PART_3_HEAD,
    PART_3_ROWS,
    PART_4,
    crawled,
    imported,
    line_of,
    messages,
    one_per_line,
    refused,
)

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
    result = imported(crawled((3, part)))
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
    assert imported(crawled((3, part))).warnings == []


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
    failure = refused(crawled((3, _with_new_received(rows, 0))))
    assert failure.message == (
        "“三 一、本年新收政府信息公开申请数量”应有 7 个数（表头有总计列），第 53 行起找到 8 个"
        "（若是窄栏中的数折成了几行，把相邻的几段接成一个数，没有一种接法能使总计与勾稽关系成立）"
    )


def test_a_number_of_three_digits_wrapped_as_1_and_62_is_read_as_162():
    rows = """一、本年新收政府信息公开申请数量 | 1 | 62 | 2 | 0 | 0 | 0 | 1 | 165
二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1"""
    result = import_text(crawled((3, _with_new_received(rows, 156))))
    cells = result.report.cells["applications"]
    assert cells["new_received"] == [162, 2, 0, 0, 0, 1]
    assert cells["granted"] == [160, 1, 0, 0, 0, 0]
    [warning] = [m for m in messages(result) if "折成了几行" in m]
    assert warning.startswith("“三 一、本年新收政府信息公开申请数量”第 ")
    assert "（1 62 2 0 0 0 1 165）" in warning and "按 162 2 0 0 0 1 165 导入" in warning


def test_a_wrapped_number_with_two_readings_that_add_up_is_refused():
    # part 四's first group 11 1 0 0 12 printed 1 1 1 0 0 12: 11 + 1 and 1 + 11 both make 12
    values = "1 | 1 | 1 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    part = PART_4.rsplit("\n", 1)[0] + "\n" + values
    failure = refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert "找到 16 个（若是窄栏中的数折成了几行，按总计与勾稽关系有不止一种读法" in failure.message


def test_a_wrapped_number_of_part_4_under_a_header_with_its_totals_is_read():
    # 未经复议直接起诉 0 0 0 11 11 with 11 wrapped: 16 numbers on the row, read as 15 (the
    # header has 总计; 12 without totals is not a reading left to weigh)
    values = "2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 1 | 1 | 11 | 0 | 0 | 0 | 0 | 0"
    part = PART_4.rsplit("\n", 1)[0] + "\n" + values
    result = import_text(crawled((4, one_per_line(part))))
    assert result.report.cells["review_litigation"]["litigation_direct"] == [0, 0, 0, 11]
    [warning] = [m for m in messages(result) if m.startswith("“四")]
    assert warning.endswith("按 2 0 0 0 2 0 0 0 11 11 0 0 0 0 0 导入")


def test_a_wrapped_number_in_a_table_without_totals_is_refused_as_before():
    text = crawled().replace("行政许可\n86\n", "行政许可\n8\n6\n")
    failure = refused(text)
    assert failure.message.startswith("“二 行政许可”应有 1 个数")


def layout_part_3(rows: str, wraps: dict[tuple[int, int], int] | None = None) -> str:
    """Part 三's ``label | n | …`` rows as ``pdftotext -layout`` prints a table with narrow
    number columns: the label, then each number right-aligned in its column of 6. ``wraps``:
    (row, column) → the digits that fit; the rest of that number goes on a line of its own
    below the row, under its first digits."""

    def padded(text: str, column: int) -> str:  # to a display column (CJK are two wide)
        return text + " " * (column - width(text))

    out = [PART_3_HEAD.replace(" | ", "  ")]
    for r, line in enumerate(rows.split("\n")):
        cells = line.split(" | ")
        numbers = [c for c in cells if c.isdigit()]
        text = "".join(c for c in cells if not c.isdigit())
        below = ""
        for c, number in enumerate(numbers):
            fit = (wraps or {}).get((r, c))
            shown = number[:fit] if fit else number
            end = 96 + 6 * c  # where the column ends
            text = padded(text, end - len(shown)) + shown
            if fit:
                below = padded(below, end - len(shown)) + number[fit:]
        out += [text, below] if below else [text]
    return "\n".join(out)


def test_a_number_wrapped_under_its_first_digits_after_the_row_s_numbers_is_read():
    # 一、本年新收 162 2 0 0 0 1 165: ``16`` in its column, ``2`` on the next line under it
    rows = PART_3_ROWS.replace(
        "数量 | 6 | 2 | 0 | 0 | 0 | 1 | 9", "数量 | 162 | 2 | 0 | 0 | 0 | 1 | 165"
    )
    rows = rows.replace(
        "（一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5",
        "（一）予以公开 | 160 | 1 | 0 | 0 | 0 | 0 | 161",
    )
    rows = rows.replace(
        "（七）总计 | 6 | 2 | 0 | 0 | 0 | 1 | 9", "（七）总计 | 162 | 2 | 0 | 0 | 0 | 1 | 165"
    )
    part = layout_part_3(rows, {(0, 0): 2})
    lines = part.split("\n")
    assert lines[6].strip() == "2" and lines[5].split()[-7:] == [
        "16",
        "2",
        "0",
        "0",
        "0",
        "1",
        "165",
    ]
    result = import_text(crawled((3, part)))
    assert result.report.cells["applications"]["new_received"] == [162, 2, 0, 0, 0, 1]
    [warning] = [m for m in messages(result) if "折成了几行" in m]
    assert "（16 2 2 0 0 0 1 165）" in warning and "按 162 2 0 0 0 1 165 导入" in warning


def test_two_numbers_of_a_row_wrapped_under_their_first_digits_are_read():
    rows = PART_3_ROWS.replace(
        "数量 | 6 | 2 | 0 | 0 | 0 | 1 | 9", "数量 | 42 | 2 | 0 | 0 | 0 | 1 | 45"
    )
    rows = rows.replace(
        "（一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5", "（一）予以公开 | 40 | 1 | 0 | 0 | 0 | 0 | 41"
    )
    rows = rows.replace(
        "（七）总计 | 6 | 2 | 0 | 0 | 0 | 1 | 9", "（七）总计 | 42 | 2 | 0 | 0 | 0 | 1 | 45"
    )
    result = import_text(crawled((3, layout_part_3(rows, {(0, 0): 1, (0, 6): 1}))))
    assert result.report.cells["applications"]["new_received"] == [42, 2, 0, 0, 0, 1]


def test_a_wrapped_number_whose_pieces_fit_no_total_is_refused_saying_they_were_joined():
    # 一 printed 4 2 0 0 0 1 45 with 2 under the 4: 42 + 2 + 1 is not 45
    rows = PART_3_ROWS.replace(
        "数量 | 6 | 2 | 0 | 0 | 0 | 1 | 9", "数量 | 42 | 2 | 0 | 0 | 0 | 1 | 46"
    )
    failure = refused(crawled((3, layout_part_3(rows, {(0, 0): 1}))))
    assert failure.message.endswith(
        "（若是窄栏中的数折成了几行，把相邻的几段接成一个数，没有一种接法能使总计与勾稽关系成立）"
    )


def test_a_line_of_as_many_numbers_as_the_row_above_is_a_row_not_pieces():
    # 二、上年结转's label printed above its numbers (a wrapped label): its line of seven
    # numbers is under 一's seven, and is its own row
    part = layout_part_3(PART_3_ROWS).replace(
        "二、上年结转政府信息公开申请数量", "二、上年结转政府信息公开申请数量\n", 1
    )
    assert imported(crawled((3, part))).warnings == []


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


def as_crawled(rows: str) -> str:
    """``label | n | …`` rows as a crawler that keeps no empty text node and drops a text
    node equal to the one before it saves them (written compactly again)."""
    out = []
    for line in rows.split("\n"):
        cells = [cell for cell in line.split(" | ") if cell]
        out.append(" | ".join(c for i, c in enumerate(cells) if not i or c != cells[i - 1]))
    return "\n".join(out)


def test_collapsed_runs_are_read_where_the_rows_printed_in_full_leave_one_filling():
    # 一 and the rows of zeros collapsed; 二, （七）总计 and 四 printed in full fix every
    # column of 一 (一 + 二 = （七）+ 四), and 0 is all a row of zeros can be
    rows = as_crawled(
        PART_3_ROWS.replace("二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1", "@")
    )
    for label in (
        "（七）总计",
        "四、结转下年度继续办理",
        "（一）予以公开",
        "（二）部分公开",
        "4.保护",
        "1.本机关",
    ):
        full = next(line for line in PART_3_ROWS.split("\n") if label in line)
        rows = "\n".join(full if label in line else line for line in rows.split("\n"))
    rows = rows.replace("@", "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1")
    assert "一、本年新收政府信息公开申请数量 | 6 | 2 | 0 | 1 | 9" in rows
    text = crawled((3, one_per_line(PART_3_HEAD + "\n" + rows)))
    result = imported(text)
    first = line_of(text, "一、本年新收政府信息公开申请数量") + 1
    last = line_of(text, "3.其他") + 1
    assert messages(result) == [
        f"三：第 {first}–{last} 行中有 18 行印的数少于列数"
        "，看来空单元格没有印出，或相邻相同的数只印了一个；按总计与勾稽关系只有一种读法，"
        "已按这种读法导入（加 --verbose 逐行列出）",
    ]
    details = {d.message.split("”第")[0]: d.message for d in result.details}
    assert details["“三 一、本年新收政府信息公开申请数量"].endswith(
        "印了 5 个数（6 2 0 1 9）：看来空单元格没有印出，或相邻相同的数只印了一个，"
        "按总计与勾稽关系只有一种读法，按 6 2 0 0 0 1 9 导入"
    )
    # its total 0 or blank alike (a total states nothing that is not imported)
    assert details["“三 （三）1.属于国家秘密"].endswith("按 0 0 0 0 0 0 空 导入")


# A page that prints its 1s of 其他 under 法律服务机构 and leaves 其他 blank (part 三), or
# leaves 结果维持 blank and has 2 under 结果纠正 (part 四), crawled, is this same text.
BLANK_PAGE_ROWS = PART_3_ROWS.replace("| 0 | 0 | 1 | 9", "| 0 | 1 |  | 9").replace(
    "| 0 | 0 | 1 | 2", "| 0 | 1 |  | 2"
)
BLANK_PAGE_PART_4 = "2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0"


@pytest.mark.slow
def test_collapsed_runs_that_a_page_with_blank_cells_prints_alike_are_refused():
    """Runs printed once and blank cells dropped cannot be told apart where nothing printed
    in full fixes the columns: never a number the page did not state."""
    assert as_crawled(PART_3_ROWS) == COLLAPSED_ROWS == as_crawled(BLANK_PAGE_ROWS)
    assert BLANK_PAGE_ROWS.count("|  |") == 3  # 一, （四）1. and （七）总计
    failure = refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + COLLAPSED_ROWS))))
    assert failure.message == (
        "“三 一、本年新收政府信息公开申请数量”应有 7 个数（表头有总计列），第 53 行起找到 5 个"
        "（若是空单元格没有印出，或相邻相同的数只印了一个，"
        "按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    )
    values = PART_4.rsplit("\n", 1)[1]
    assert as_crawled(values) == as_crawled(
        " |  | 2 | 0 | 0 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0"
    )
    assert as_crawled(values) == COLLAPSED_PART_4.rsplit("\n", 1)[1]
    failure = refused(crawled((4, one_per_line(COLLAPSED_PART_4))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，")
    assert "按总计与勾稽关系有不止一种读法" in failure.message


def test_collapsed_runs_that_fit_the_totals_two_ways_are_refused():
    # 1 0 0 0 1 | 0 0 0 1 1 | 0 … prints as 1 0 1 0 1 0, as does 1 0 0 0 1 | 1 0 0 0 1 | 0 …
    part = PART_4.rsplit("\n", 1)[0] + "\n1 | 0 | 1 | 0 | 1 | 0"
    failure = refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert failure.message.endswith(
        "行起找到 6 个（若是空单元格没有印出，或相邻相同的数只印了一个，"
        "按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    )


def test_a_row_of_zeros_printed_as_one_zero_is_a_row_of_zeros():
    text = crawled().replace("规章\n0\n0\n0\n", "规章\n0\n")
    result = imported(text)
    assert messages(result) == [next(m for m in messages(result) if m.startswith("“二 规章”"))]
    assert "印了 1 个数（0）" in messages(result)[0] and "按 0 0 0 导入" in messages(result)[0]


def test_collapsed_runs_with_more_than_one_filling_are_refused_naming_the_row_and_why():
    # the 1 of 1.本机关不掌握 moved to 法律服务机构: 1 0 0 0 1 0 2 prints as 1 0 1 0 2, and
    # every row that holds it leaves 社会公益组织 and 法律服务机构 alike
    rows = COLLAPSED_ROWS.replace("| 6 | 2 | 0 | 1 | 9", "| 6 | 2 | 0 | 1 | 0 | 9").replace(
        "| 1 | 0 | 1 | 2", "| 1 | 0 | 1 | 0 | 2"
    )
    failure = refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert failure.message == (
        "“三 一、本年新收政府信息公开申请数量”应有 7 个数（表头有总计列），第 53 行起找到 6 个"
        "（若是空单元格没有印出，或相邻相同的数只印了一个，按总计与勾稽关系有不止一种读法，无法确定是哪一种）"
    )


def test_collapsed_runs_beside_totals_that_do_not_add_up_are_refused():
    rows = COLLAPSED_ROWS.replace(
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 1",
        "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 2",
    )
    failure = refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert "不合总计或勾稽关系" in failure.message


def test_a_row_printed_short_with_no_filling_is_refused_as_before():
    # 4 1 0 5 is 4 1 0 0 0 0 5; 4 1 5 (a number lost) has no filling that adds up
    rows = PART_3_ROWS.replace(
        "（一）予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5", "（一）予以公开 | 4 | 0 | 5"
    )
    failure = refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + rows))))
    assert failure.message.startswith("“三 （一）予以公开”应有 7 个数（表头有总计列），")
    assert "没有一种读法能使总计与勾稽关系成立" in failure.message


@pytest.mark.slow
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
    failure = refused(crawled((3, one_per_line(PART_3_HEAD + "\n" + "\n".join(rows)))))
    assert failure.message.startswith("“三 一、本年新收政府信息公开申请数量”应有 7 个数")
    assert failure.message.endswith(
        "（若是空单元格没有印出，或相邻相同的数只印了一个，可能的读法太多，无法逐一核对）"
    )


def test_part_4_collapsed_to_exactly_twelve_numbers_is_not_read_as_twelve_without_totals():
    # 0 1 0 0 1 | 5 0 2 1 8 | 4 0 0 0 4 printed 0 1 0 1 5 0 2 1 8 4 0 4: twelve numbers, as
    # part 四 without its totals would have, but its header has the totals' columns (总计)
    part = PART_4.rsplit("\n", 1)[0] + "\n0 | 1 | 0 | 1 | 5 | 0 | 2 | 1 | 8 | 4 | 0 | 4"
    failure = refused(crawled((4, one_per_line(part))))
    assert failure.message.startswith("“四 行政复议”等 3 组应有 15 个数，第 ")
    assert (
        "找到 12 个（若是空单元格没有印出，或相邻相同的数只印了一个，按总计与勾稽关系有不止一种读法"
        in failure.message
    )
