"""Layouts of real published reports (city and county portals, municipal PDFs, Word-made
web pages, converted Markdown), each from the smallest real-shaped excerpt that shows it.

An excerpt replaces one part of an otherwise ordinary report (rows copied from Word),
so each test shows exactly what its layout changes. Expected numbers are the ones the
excerpt prints, typed here by hand.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tui_report.importing import ImportFailure, import_file, import_text
from tui_report.report.model import Report
from tui_report.storage import read_report

from .. import import_layouts as layouts
from ..conftest import DATA, EXAMPLE

PINGTAN = DATA / "import" / "real" / "pingtan-2023.html"
HEADINGS = "一二三四五六"


def example() -> Report:
    return read_report(EXAMPLE).report


def with_part(number: str, excerpt: str, base: str | None = None) -> str:
    """An ordinary report (Word rows) whose part ``number`` (heading included) is ``excerpt``."""
    text = base if base is not None else layouts.word_text(example(), "repeat")
    fmt = example().format
    headings = [s.heading for s in fmt.sections]
    at = HEADINGS.index(number)
    start = text.index(headings[at] + "\n")
    end = text.index(headings[at + 1] + "\n") if at + 1 < len(headings) else len(text)
    return text[:start] + excerpt.strip("\n") + "\n" + text[end:]


def cells(report: Report, table: str) -> dict[str, object]:
    return report.cells[table]


# --- a real portal page in the official template -------------------------------------------


def test_pingtan_2023_imports_every_number_as_published():
    """平潭综合实验区2023年度…: a TRS page; its numbers, checked one by one against the page."""
    result = import_file(PINGTAN)
    report = result.report
    assert (report.agency, report.year) == ("平潭综合实验区", 2023)
    assert cells(report, "art20_1") == {
        "regulations": [0, 0, 0],
        "normative_documents": [77, 132, 470],
    }
    assert cells(report, "art20_5") == {"licensing": [2629]}
    assert cells(report, "art20_6") == {"penalties": [1330], "enforcement": [54]}
    assert [str(v) for v in cells(report, "art20_8")["fees"]] == ["5949.088667"]
    applications = cells(report, "applications")
    assert applications["new_received"] == [80, 1, 0, 0, 0, 0]
    assert applications["carried_over"] == [0] * 6
    assert applications["granted"] == [22, 0, 0, 0, 0, 0]
    assert applications["partially_granted"] == [19, 1, 0, 0, 0, 0]
    denied = [applications[k][0] for k in applications if k.startswith("denied_")]
    assert denied == [0, 0, 0, 1, 0, 1, 1, 2]
    assert applications["unavailable_not_held"] == [31, 0, 0, 0, 0, 0]
    assert applications["not_processed_repeated"] == [1, 0, 0, 0, 0, 0]
    assert applications["other_no_correction"] == [1, 0, 0, 0, 0, 0]
    assert applications["other_other"] == [1, 0, 0, 0, 0, 0]
    assert applications["carried_forward"] == [0] * 6
    others = sum(v for k, row in applications.items() for v in row[1:] if k != "new_received")
    assert others == 1  # the only 商业企业 application outside row 一: （二）部分公开
    assert cells(report, "review_litigation") == {
        "review": [1, 1, 0, 0],
        "litigation_direct": [4, 0, 0, 1],
        "litigation_after_review": [1, 0, 1, 0],
    }
    assert result.warnings == []  # every published total agrees with its parts


def test_pingtan_2023_texts_without_the_portal_around_them():
    report = import_file(PINGTAN).report
    assert report.texts["intro"].startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert report.texts["overview"].split("\n")[1] == "（一）主动公开方面"
    assert report.texts["shortcomings"].endswith("用群众喜闻乐见的语言传播政府的声音。")
    assert report.texts["other_matters"] == "2023年，无收取信息处理费情况。"


# --- 1. a value under a colspan=3 heading is itself colspan=3 ----------------------------------


def test_values_spanning_three_columns_under_one_heading_are_one_value():
    """Word-made pages in the 2021 format: part 二 as one table, values colspan=3."""
    page = (
        "<p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan=4>第二十条第（一）项</td></tr>"
        "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td>行政规范性文件</td><td>6</td><td>2</td><td>38</td></tr>"
        "<tr><td colspan=4>第二十条第（五）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        "<tr><td>行政许可</td><td colspan=3>1287</td></tr>"
        "<tr><td colspan=4>第二十条第（六）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年处理决定数量</td></tr>"
        "<tr><td>行政处罚</td><td colspan=3>1330</td></tr>"
        "<tr><td>行政强制</td><td colspan=3>54</td></tr>"
        "<tr><td colspan=4>第二十条第（八）项</td></tr>"
        "<tr><td>信息内容</td><td colspan=3>本年收费金额（单位：万元）</td></tr>"
        "<tr><td>行政事业性收费</td><td colspan=3>5949.088667</td></tr></table>"
    )
    from tui_report.importing.html_source import html_to_text

    report = import_text(with_part("二", html_to_text(page))).report
    assert cells(report, "art20_6") == {"penalties": [1330], "enforcement": [54]}
    assert cells(report, "art20_5") == {"licensing": [1287]}
    assert cells(report, "art20_8") == {"fees": [Decimal("5949.088667")]}


def test_a_number_the_page_does_not_state_is_never_made_up(tmp_path: Path):
    """A value spanning two rows is read once; the row below is one short: refused."""
    page = PINGTAN.read_text(encoding="utf-8").replace(
        '<tr><td><p>行政处罚</p></td><td colspan="3"><p>1330</p></td></tr>'
        '<tr><td><p>行政强制</p></td><td colspan="3"><p>54</p></td></tr>',
        '<tr><td><p>行政处罚</p></td><td colspan="3" rowspan="2"><p>1330</p></td></tr>'
        "<tr><td><p>行政强制</p></td></tr>",
    )
    assert 'rowspan="2"><p>1330' in page
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ImportFailure, match="行政强制"):
        import_file(path)


# --- 3. pdftotext -layout wraps a long label around its numbers --------------------------------


def test_pdftotext_layout_label_wrapped_around_its_numbers():
    text = layouts.pdf_text(example(), blank_lines=False)
    published = "（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形） 4 1 0 0 0 0 5"
    assert published in text
    wrapped = "（二）部分公开（区分处理的，只计这一情\n     4  1  0  0  0  0  5\n形，不计其他情形）"
    report = import_text(text.replace(published, wrapped)).report
    assert report.cells == example().cells


# --- 4. spreadsheet copies: the empty half of a merged label cell ------------------------------


SPREADSHEET = """三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t
\t\t自然人\t法人或其他组织\t\t\t\t\t总计
\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t
一、本年新收政府信息公开申请数量\t\t23\t4\t0\t0\t1\t0\t28
二、上年结转政府信息公开申请数量\t\t1\t0\t0\t0\t0\t0\t1
三、本年度办理结果\t（一）予以公开\t9\t2\t0\t0\t0\t0\t11
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t1\t0\t0\t0\t0\t4
\t（三）不予公开\t\t\t\t\t\t\t
\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1
\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
\t（四）无法提供\t\t\t\t\t\t\t
\t1.本机关不掌握相关政府信息\t8\t1\t0\t0\t1\t0\t10
\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t\t\t\t\t\t\t
\t1.信访举报投诉类申请\t1\t0\t0\t0\t0\t0\t1
\t2.重复申请\t0\t0\t0\t0\t0\t0\t0
\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t\t\t\t\t\t\t
\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1
\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0
\t3.其他\t0\t0\t0\t0\t0\t0\t0
\t（七）总计\t23\t4\t0\t0\t1\t0\t28
四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1
"""


def test_spreadsheet_rows_with_the_empty_half_of_a_merged_label():
    result = import_text(with_part("三", SPREADSHEET))
    applications = cells(result.report, "applications")
    assert applications["new_received"] == [23, 4, 0, 0, 1, 0]
    assert applications["carried_over"] == [1, 0, 0, 0, 0, 0]
    assert applications["granted"] == [9, 2, 0, 0, 0, 0]
    assert applications["unavailable_not_held"] == [8, 1, 0, 0, 1, 0]
    assert applications["carried_forward"] == [1, 0, 0, 0, 0, 0]
    assert result.warnings == []


def test_padding_at_both_ends_of_a_spreadsheet_row():
    """The label's empty half before the values, and an empty cell after them."""
    row = "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1"
    assert row in SPREADSHEET
    part = SPREADSHEET.replace(row, row + "\t")
    assert cells(import_text(with_part("三", part)).report, "applications")["carried_forward"] == [
        1, 0, 0, 0, 0, 0
    ]  # fmt: skip


def test_empty_cells_that_could_be_values_or_padding_are_refused():
    row = "一、本年新收政府信息公开申请数量\t\t23\t4\t0\t0\t1\t0\t28"
    assert row in SPREADSHEET
    ambiguous = "一、本年新收政府信息公开申请数量\t\t\t4\t0\t0\t1\t0\t5\t"
    with pytest.raises(
        ImportFailure, match=r"一、本年新收政府信息公开申请数量.*前后都有"
    ) as caught:
        import_text(with_part("三", SPREADSHEET.replace(row, ambiguous)))
    assert caught.value.line is not None


# --- 5. Markdown from converters ----------------------------------------------------------------


MARKDOWN_PART_3 = """## 三、收到和处理政府信息公开申请情况

| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|
| 自然人 | 法人或其他组织 | 总计 |  |  |  |  |  |  |  |
| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |  |  |  |  |
| 一、本年新收政府信息公开申请数量 | 705 | 3 | 0 | 0 | 5 | 0 | 713 |  |  |
| 二、上年结转政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |  |  |
| 三、本年度办理结果 | （一）予以公开 | 301 | 1 | 0 | 0 | 2 | 0 | 304 |  |
| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 80 | 0 | 0 | 0 | 1 | 0 | 81 |  |  |
| （三）不予公开 | 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |  |
"""


def _markdown_part_3() -> str:
    rest = [
        ("2.其他法律行政法规禁止公开", 0),
        ("3.危及“三安全一稳定”", 0),
        ("4.保护第三方合法权益", 2),
        ("5.属于三类内部事务信息", 0),
        ("6.属于四类过程性信息", 0),
        ("7.属于行政执法案卷", 0),
        ("8.属于行政查询事项", 0),
        ("（四）无法提供 | 1.本机关不掌握相关政府信息", 250),
        ("2.没有现成信息需要另行制作", 10),
        ("3.补正后申请内容仍不明确", 1),
        ("（五）不予处理 | 1.信访举报投诉类申请", 20),
        ("2.重复申请", 15),
        ("3.要求提供公开出版物", 0),
        ("4.无正当理由大量反复申请", 0),
        ("5.要求行政机关确认或重新出具已获取信息", 0),
        ("（六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 10),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0),
        ("3.其他", 3),
    ]
    rows = [f"| {label} | {n} | 0 | 0 | 0 | 0 | 0 | {n} |  |" for label, n in rest]
    rows += ["| （七）总计 | 696 | 1 | 0 | 0 | 3 | 0 | 700 |  |  |"]
    rows += ["| 四、结转下年度继续办理 | 21 | 2 | 0 | 0 | 2 | 0 | 25 |  |  |"]
    return MARKDOWN_PART_3 + "\n".join(rows) + "\n"


def test_markdown_tables_with_separator_rows_and_trailing_empty_cells():
    text = with_part("三", _markdown_part_3())
    text = text.replace("一、总体情况\n", "## 一、总体情况\n").replace("（一）", "**（一）", 1)
    result = import_text(text)
    applications = cells(result.report, "applications")
    assert applications["new_received"] == [705, 3, 0, 0, 5, 0]
    assert applications["denied_state_secret"] == [4, 0, 0, 0, 0, 0]
    assert applications["unavailable_not_held"] == [250, 0, 0, 0, 0, 0]
    assert applications["other_other"] == [3, 0, 0, 0, 0, 0]
    assert applications["carried_forward"] == [21, 2, 0, 0, 2, 0]
    assert result.warnings == []
    assert "**" not in result.report.texts["overview"]


# --- 6. row labels without their ordinal ---------------------------------------------------------


def test_row_labels_printed_without_their_numbering():
    part = (
        _markdown_part_3()
        .replace("| 一、本年新收", "| 本年新收")
        .replace("| 二、上年结转", "| 二 | 上年结转")
    )
    part = part.replace(
        "| 二 | 上年结转政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |  |  |",
        "| 二 | 上年结转政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |  |",
    )
    part = part.replace("| 四、结转下年度继续办理", "| 结转下年度继续办理")
    report = import_text(with_part("三", part)).report
    applications = cells(report, "applications")
    assert applications["new_received"] == [705, 3, 0, 0, 5, 0]
    assert applications["carried_over"] == [12, 0, 0, 0, 0, 0]
    assert applications["carried_forward"] == [21, 2, 0, 0, 2, 0]


# --- 7. part 四: three separately headed tables, or one row of 15 ------------------------------


PART_4_THREE_TABLES = """四、政府信息公开行政复议、行政诉讼情况
行政复议
结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t1\t0\t0\t2
行政诉讼（未经复议直接起诉）
结果维持\t结果纠正\t其他结果\t尚未审结\t总计
4\t0\t0\t1\t5
行政诉讼（复议后起诉）
结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t1\t0\t2
"""

PART_4_ONE_ROW = """四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总
维持 纠正 结果 审结 计 维持 纠正 结果 审结 计
1 1 0 0 2 4 0 0 1 5 1 0 1 0 2
"""

PINGTAN_PART_4 = {
    "review": [1, 1, 0, 0],
    "litigation_direct": [4, 0, 0, 1],
    "litigation_after_review": [1, 0, 1, 0],
}


@pytest.mark.parametrize("part", [PART_4_THREE_TABLES, PART_4_ONE_ROW], ids=["3x5", "1x15"])
def test_review_and_litigation_as_published(part: str):
    result = import_text(with_part("四", part))
    assert cells(result.report, "review_litigation") == PINGTAN_PART_4
    assert result.warnings == []


def test_review_tables_with_a_wrong_total_warn_and_keep_the_parts():
    part = PART_4_THREE_TABLES.replace("4\t0\t0\t1\t5", "4\t0\t0\t1\t6")
    result = import_text(with_part("四", part))
    assert cells(result.report, "review_litigation") == PINGTAN_PART_4
    (warning,) = result.warnings
    assert "未经复议直接起诉 · 总计：发布的数为 6，各项之和为 5" in warning.message


# --- 8. heading and title variants ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("official", "published"),
    [
        ("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ),
        ("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请的情况"),
    ],
)
def test_heading_variants(official: str, published: str):
    text = layouts.word_text(example(), "repeat").replace(official + "\n", published + "\n")
    assert published in text
    assert import_text(text).report.cells == example().cells


def test_heading_with_its_first_sentence_on_the_same_line():
    text = layouts.word_text(example(), "repeat")
    first = example().texts["overview"].split("\n")[0]
    text = text.replace(f"一、总体情况\n{first}\n", f"一、总体情况 {first}\n")
    report = import_text(text).report
    assert report.texts["overview"] == example().texts["overview"]


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("平潭综合实验区2023年政府信息公开年度报告", "平潭综合实验区", 2023),
        ("2024 年上海市科委政府信息公开工作\n年度报告", "上海市科委", 2024),
        ("巨鹿县人民政府2023年度政府信息公开工作年度报告", "巨鹿县人民政府", 2023),
        ("2023年度巨鹿县人民政府政府信息公开工作年度报告", "巨鹿县人民政府", 2023),
    ],
)
def test_title_variants(title: str, agency: str, year: int):
    from tui_report.importing.sections import title_and_intro

    lines = list(enumerate([*title.split("\n"), "本报告依据……编制。"], start=1))
    assert title_and_intro(lines) == (agency, year, [lines[-1]])


def test_no_title_is_said_once_with_the_options():
    text = layouts.word_text(example(), "repeat").split("\n", 1)[1]
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert "找不到标题" in caught.value.message and "--agency" in caught.value.message


# --- 9. blank cells: one warning per table, each cell with --verbose ---------------------------


def test_many_blank_cells_give_one_warning_per_table(tmp_path: Path, capsys):
    from tui_report.cli import main

    text = layouts.word_text(example(), "repeat")
    lines = []
    for line in text.split("\n"):
        cells_ = line.split("\t")
        if line.startswith(("三、本年度办理结果\t（三）", "三、本年度办理结果\t（五）")):
            cells_ = [c if not c.isdigit() or c != "0" else "" for c in cells_]
        lines.append("\t".join(cells_))
    source = tmp_path / "年报.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert out.count(": 警告 ") == 1
    blanks = [w for w in out.split("\n") if "个空单元格按 0 导入" in w]
    assert len(blanks) == 1 and "三：" in blanks[0] and "--verbose" in blanks[0]
    count = int(blanks[0].split("三：")[1].split(" ")[0])
    assert count > 50
    assert main(["import", str(source), "--verbose", "--force"]) == 0
    verbose = capsys.readouterr().out
    assert verbose.count("说明 三 （") == count
    assert "说明 三 （三）1.属于国家秘密 · 自然人：原文为空或为“”，按 0 导入" in verbose


# --- 10. text that is truly scrambled ------------------------------------------------------------


def test_a_matrix_printed_column_by_column_is_refused_with_advice():
    """Raw pdftotext (without -layout) prints the labels, then the numbers column by column."""
    table = example().format.table("applications")
    labels = [row.label for row in table.rows]
    numbers = [str(v) for column in zip(*example().grid(table), strict=True) for v in column]
    part = "\n".join(["三、收到和处理政府信息公开申请情况", *labels, *numbers])
    with pytest.raises(ImportFailure) as caught:
        import_text(with_part("三", part))
    assert (
        "表格的顺序已被打乱" in caught.value.message and "pdftotext -layout" in caught.value.message
    )
    assert caught.value.line is not None


def test_cells_run_together_are_refused_with_advice():
    text = layouts.pdf_text(example(), blank_lines=False)
    text = text.replace(
        "一、本年新收政府信息公开申请数量 42 5 1 0 2 1 51",
        "一、本年新收政府信息公开申请数量 4251021 51",
    )
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert "表格的顺序已被打乱" in caught.value.message and ".pdf" in caught.value.message


# --- crawled portal pages: each cell between ``|``, merged cells as empty ones --------------
# Excerpts of real pages (长春市, 徐闻县, 深圳市龙岗区 and a county bureau in 陕西, 2023–2024)
# as crawlers saved them; where an excerpt stops, the rows after it are completed in its
# own layout with zeros (marked below).

CRAWLED_PART_2 = {
    "changchun": """二、主动公开政府信息情况
| 第二十条  第(一)项 | |||
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 0 | 0 | 0 |
| 第二十条  第(五)项 | |||
| 信息内容 | 本年处理决定数量 | ||
| 行政许可 | 0 | ||
| 第二十条  第(六)项 | |||
| 信息内容 | 本年处理决定数量 | ||
| 行政处罚 | 0 | ||
| 行政强制 | 0 | ||
| 第二十条  第(八)项 | |||
| 信息内容 | 本年收费金额(单位:万元) | ||
| 行政事业性收费 | 0 | ||
""",
    "one-cell-per-line": """二、主动公开政府信息情况
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
行政规范性文件 |
0 |
0 |
0 |
第二十条第(五)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政许可 |
0 |
||
第二十条第(六)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政处罚 |
0 |
||
行政强制 |
0 |
||
第二十条第(八)项 |
|||
信息内容 |
本年收费金额(单位:万元) |
||
行政事业性收费 |
0 |
""",
}


@pytest.mark.parametrize("layout", list(CRAWLED_PART_2))
def test_crawled_part_2_with_the_rest_of_merged_cells_as_empty_cells(layout: str):
    report = import_text(with_part("二", CRAWLED_PART_2[layout])).report
    assert cells(report, "art20_1") == {"regulations": [0, 0, 0], "normative_documents": [0, 0, 0]}
    assert cells(report, "art20_5") == {"licensing": [0]}
    assert cells(report, "art20_6") == {"penalties": [0], "enforcement": [0]}
    assert cells(report, "art20_8") == {"fees": [Decimal(0)]}


XUWEN_PART_3 = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |
企业 | 机构 |
一、本年新收政府信息公开申请数量 | 0 | | | | | | 0 |
二、上年结转政府信息公开申请数量 | | | | | | | 0 |
三、本年度办理结果 | (一)予以公开 | | | | | | | 0 |
| (二)部分公开(区分处理的,只计这一情形,不计其他情形) | | | | | | | 0 |
| (三)不予公开 | 1.属于国家秘密 | | | | | | | 0 |
| | 2.其他法律行政法规禁止公开 | | | | | | | 0 |
| | 3.危及“三安全一稳定” | | | | | | | 0 |
| | 4.保护第三方合法权益 | | | | | | | 0 |
| | 5.属于三类内部事务信息 | | | | | | | 0 |
| | 6.属于四类过程性信息 | | | | | | | 0 |
| | 7.属于行政执法案卷 | | | | | | | 0 |
| | 8.属于行政查询事项 | | | | | | | 0 |
| (四)无法提供 | 1.本机关不掌握相关政府信息 | | | | | | | 0 |
| | 2.没有现成信息需要另行制作 | | | | | | | 0 |
| | 3.补正后申请内容仍不明确 | | | | | | | 0 |
| (五)不予处理 | 1.信访举报投诉类申请 | | | | | | | 0 |
| | 2.重复申请 | | | | | | | 0 |
| | 3.要求提供公开出版物 | | | | | | | 0 |
| | 4.无正当理由大量反复申请 | | | | | | | 0 |
| | 5.要求行政机关确认或重新出具已获取信息 | | | | | | | 0 |
| (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | | | | | | | 0 |
| | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | | | | | | | 0 |
| | 3.其他 | | | | | | | 0 |
| (七)总计 | | | | | | | 0 |
四、结转下年度继续办理 | | | | | | | 0 |
"""


def test_crawled_part_3_with_blank_cells_and_empty_cells_for_row_groups():
    result = import_text(with_part("三", XUWEN_PART_3))
    assert all(row == [0] * 6 for row in cells(result.report, "applications").values())
    # 149 blank cells: 5 in 一, 6 in each of the 23 other rows; the six of (七)总计 (a row
    # of totals) state nothing, the program sums them, so they are not cells read as 0
    assert [w.message for w in result.warnings] == [
        "三：143 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）"
    ]
    assert len(result.details) == 143


LONGGANG_PART_3 = """三、收到和处理政府信息公开申请情况
(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |
自然人 | 法人或其他组织 | 总计 |
商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |
一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |
二、上年结转政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |
(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 16 | 1 | 0 | 0 | 0 | 0 | 17 |
(三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
6.属于四类过程性信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
"""
# the excerpt stops after 7.属于行政执法案卷; the rest, in its layout, with zeros:
LONGGANG_REST = [
    "8.属于行政查询事项",
    "(四)无法提供 | 1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "(五)不予处理 | 1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
]


def test_crawled_part_3_inline_cells_with_group_labels_printed_once():
    rows = [f"{label} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" for label in LONGGANG_REST]
    rows += [
        "(七)总计 | 19 | 2 | 0 | 0 | 0 | 0 | 21 |",
        "四、结转下年度继续办理 | 41 | 5 | 0 | 0 | 1 | 0 | 47 |",
    ]
    part = LONGGANG_PART_3 + "\n".join(rows) + "\n"
    result = import_text(with_part("三", part))
    applications = cells(result.report, "applications")
    assert applications["new_received"] == [58, 7, 0, 0, 1, 0]
    assert applications["carried_over"] == [2, 0, 0, 0, 0, 0]
    assert applications["granted"] == [2, 1, 0, 0, 0, 0]
    assert applications["partially_granted"] == [16, 1, 0, 0, 0, 0]
    assert applications["denied_internal_affairs"] == [1, 0, 0, 0, 0, 0]
    assert result.warnings == []


# A municipal PDF's text (审计局, 2020; 信访局, 2022): a sentence before the table, headers
# one character per line, the 15 numbers in one row; headings worded the older way.
PDF_PART_4 = """四、因政府信息公开工作被申请行政复议提起行政诉讼情况
2020 年,我单位对形成的政府信息实现了依法、有序公开,
未出现申请行政复议、提起行政诉讼的情况。
行政复议 行政诉讼
未经复议直接起诉 复议后起诉
结 结 其 尚
结 结 其 尚 结 结 其 尚
果 果 他 未
总计 果 果 他 未 总 果 果 他 未 总
维 纠 结 审
维 纠 结 审 计 维 纠 结 审 计
持 正 果 结
持 正 果 结 持 正 果 结
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、政府信息公开工作存在的主要问题及改进情况
"""


def test_pdf_part_4_with_a_sentence_and_one_character_headers():
    text = layouts.pdf_text(example(), blank_lines=False)
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况\n")
    text = text[:start] + PDF_PART_4 + text[end + len("五、存在的主要问题及改进情况\n") :]
    result = import_text(text)
    assert all(row == [0] * 4 for row in cells(result.report, "review_litigation").values())
    assert result.report.texts["shortcomings"] == example().texts["shortcomings"]
    assert cells(result.report, "applications") == cells(example(), "applications")
    # the sentence has no place in the report (part 四 is its table): named, not dropped
    lines = text.split("\n")
    sentence = PDF_PART_4.split("\n")[1:3]
    named = [w for w in result.warnings if "未导入" in w.message]
    assert [w.line for w in named] == [lines.index(s) + 1 for s in sentence]
    assert all(s in w.message for s, w in zip(sentence, named, strict=True))
