"""Blank cells a crawler dropped (review of issue 23): a page that leaves some cells blank
(for 0), saved by a crawler that keeps no empty text node, prints ``38`` alone for the
row ``38 空 空``. Part 二 has no totals, so nothing tells that from ``38 38 38`` (a run
printed once): such a row is refused, naming it and why; only a row printed as a single
``0`` is read (every reading of it is all zeros). Where a table has totals, a row is
read only where they leave one reading with blank cells anywhere too (the tables with
totals are in ``test_import_crawled_tables``).

The texts are the made-up report of ``crawled_qinghe`` and a made-up 2020 report in the
2019 format, written here; none is copied from a real report.
"""

from __future__ import annotations

import pytest

from tui_report.formats import FORMAT_2019
from tui_report.importing import ImportFailure, import_text
from tui_report.report.templates import new_report

from .. import crawled_layouts as mangle
from ..builders import complete_texts, set_row
from ..crawled_qinghe import crawled, imported, line_of, messages, refused

NO_TOTALS = (
    "（若是空单元格没有印出，或相邻相同的数只印了一个，没有总计可以核对这一行，"
    "无从判断印出的数各占哪几格、哪些格原是空的：请按原报告补全这一行后再导入）"
)


def test_a_row_of_part_2_with_one_number_left_is_refused_naming_it_and_why():
    # 行政规范性文件 38 空 空 (38 made, none repealed, the count in force left blank too)
    text = crawled().replace("行政规范性文件\n2\n1\n9\n", "行政规范性文件\n38\n")
    failure = refused(text)
    line = line_of(text, "38")
    assert failure.line == line
    assert failure.message == (
        f"“二 行政规范性文件”应有 3 个数（同表其他行有 3 个），第 {line} 行起找到 1 个" + NO_TOTALS
    )


def test_the_first_row_of_part_2_with_one_number_left_is_refused():
    text = crawled().replace("规章\n0\n0\n0\n", "规章\n3\n")
    failure = refused(text)
    assert failure.message == (
        f"“二 规章”应有 3 个数，第 {line_of(text, '3')} 行起找到 1 个" + NO_TOTALS
    )


def test_a_row_of_part_2_with_two_numbers_left_is_refused():
    # 2 空 9 and 2 9 9 and 2 2 9 … print alike
    failure = refused(crawled().replace("行政规范性文件\n2\n1\n9\n", "行政规范性文件\n2\n9\n"))
    assert failure.message.endswith(NO_TOTALS)


def test_a_row_of_part_2_printed_as_one_zero_is_read_as_zeros_saying_why():
    result = imported(crawled().replace("规章\n0\n0\n0\n", "规章\n0\n"))
    [warning] = messages(result)
    assert warning.startswith("“二 规章”第 ")
    assert warning.endswith(
        "行印了 1 个数（0）：看来空单元格没有印出，或相邻相同的数只印了一个，"
        "印的只有 0，每格只能是 0，按 0 0 0 导入"
    )
    assert "总计" not in warning  # part 二 has none: they are not what settles it


# --- the 2019 format -----------------------------------------------------------------------


def report_2020():
    """A made-up 2020 report in the 2019 format: part 二 with numbers in every table."""
    report = new_report("示例县白沙镇人民政府", 2020, FORMAT_2019)
    complete_texts(report)
    set_row(report, "art20_1", "normative_documents", [2, 2, 11])
    set_row(report, "art20_5", "licensing", [326, 0, 0])
    set_row(report, "art20_5", "other_services", [24, 2, 517])
    set_row(report, "art20_6", "penalties", [9, 0, 37])
    return report


def crawled_2020() -> str:
    return "\n".join(mangle.crawled_lines(report_2020())) + "\n"


def test_the_2019_format_crawled_in_full_imports_exactly():
    report = report_2020()
    result = import_text(crawled_2020())
    assert result.report.cells == report.cells


def test_a_row_of_the_2019_format_s_part_2_with_one_number_left_is_refused():
    # 行政许可 326 空 空: 上一年项目数量 326, 本年增/减 and 处理决定数量 left blank
    text = crawled_2020().replace("行政许可\n326\n0\n0\n", "行政许可\n326\n")
    failure = refused(text)
    assert failure.message == (
        f"“二 行政许可”应有 3 个数，第 {line_of(text, '326')} 行起找到 1 个" + NO_TOTALS
    )


@pytest.mark.parametrize(
    ("row", "printed", "left"),
    [
        ("规范性文件", "2\n2\n11\n", "2\n11\n"),  # 2 空 11 or 2 2 11 or 2 11 11 …
        ("行政处罚", "9\n0\n37\n", "9\n37\n"),  # 9 空 37 (no change written as blank)
    ],
)
def test_rows_of_the_2019_format_with_a_blank_dropped_are_refused(row, printed, left):
    text = crawled_2020().replace(f"{row}\n{printed}", f"{row}\n{left}")
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert caught.value.message.startswith(f"“二 {row}”应有 3 个数")
    assert caught.value.message.endswith(NO_TOTALS)
