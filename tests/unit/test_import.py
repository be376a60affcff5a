"""Importing published reports: every layout, every quirk, and the failures."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.export import export_text
from tui_report.importing import ImportFailure, import_file, import_text
from tui_report.importing.html_source import html_to_text
from tui_report.report.model import CellRef, Report
from tui_report.storage import read_report, render_new

from .. import import_layouts as layouts
from ..conftest import DATA, EXAMPLE, GUANTING

REFERENCE = DATA / "reference_guanting_2023.txt"


def example() -> Report:
    return read_report(EXAMPLE).report


def assert_same_report(imported: Report, expected: Report) -> None:
    assert (imported.agency, imported.year) == (expected.agency, expected.year)
    assert imported.cells == expected.cells
    for key, text in expected.texts.items():
        assert imported.texts[key] == text, key


def test_reference_pdf_text_imports_to_the_sample_exactly():
    result = import_file(REFERENCE)
    assert result.warnings == []
    assert render_new(result.report) == GUANTING.read_text(encoding="utf-8")


@pytest.mark.parametrize("blank_lines", [True, False], ids=["blank-lines", "no-blank-lines"])
def test_pdf_text_layout(blank_lines: bool):
    text = layouts.pdf_text(example(), blank_lines=blank_lines)
    assert "- 3 -" in text and "三、本\n" in text.replace("\n\n", "\n")  # the quirks are there
    result = import_text(text)
    assert_same_report(result.report, example())
    assert result.warnings == []


def test_pdf_text_with_one_character_per_line_headers():
    text = layouts.pdf_text(example(), blank_lines=False)
    text = text.replace("三、本\n年度\n办理\n结果\n", "三\n、\n本\n年\n度\n办\n理\n结\n果\n")
    assert_same_report(import_text(text).report, example())


@pytest.mark.parametrize("inline", [False, True], ids=["cell-per-line", "pipes-inline"])
def test_web_page_text(inline: bool):
    text = layouts.web_text(example(), inline=inline)
    assert "(一)予以公开" in text  # ASCII parentheses
    result = import_text(text)
    assert_same_report(result.report, example())
    assert result.warnings == []


@pytest.mark.parametrize("groups", ["repeat", "omit", "first"])
def test_word_table_rows(groups: str):
    text = layouts.word_text(example(), groups)
    result = import_text(text)
    assert_same_report(result.report, example())
    assert result.warnings == []


def test_saved_web_page(tmp_path: Path):
    path = tmp_path / "年报.html"
    path.write_text(layouts.html_page(example()), encoding="utf-8")
    result = import_file(path)
    assert result.kind == "网页"
    assert_same_report(result.report, example())


def test_own_text_export_imports_back(tmp_path: Path):
    from tui_report.export import export_text

    path = tmp_path / "export.txt"
    path.write_text(export_text(example(), 80), encoding="utf-8")
    assert_same_report(import_file(path).report, example())


@pytest.mark.parametrize(
    ("encoding", "prefix", "named"),
    [
        ("gb18030", b"", "GB18030/GBK"),
        ("gbk", b"", "GB18030/GBK"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8（带 BOM）"),
    ],
)
def test_encodings_are_detected_and_named(tmp_path: Path, encoding: str, prefix: bytes, named: str):
    path = tmp_path / "report.txt"
    path.write_bytes(prefix + REFERENCE.read_text(encoding="utf-8").encode(encoding))
    result = import_file(path)
    assert result.encoding == named
    assert render_new(result.report) == GUANTING.read_text(encoding="utf-8")


# --- quirks that succeed with warnings -----------------------------------------------------


def test_wrong_published_totals_give_one_warning_each():
    text = layouts.pdf_text(example(), blank_lines=False)
    text = text.replace(
        "一、本年新收政府信息公开申请数量 42 5 1 0 2 1 51",
        "一、本年新收政府信息公开申请数量 42 5 1 0 2 1 50",
    )
    text = text.replace("（七）总计 44 6 1 0 2 0 53", "（七）总计 45 6 1 0 2 0 53")
    text = text.replace("2 1 0 1 4 1 0 0 1 2", "2 1 0 1 5 1 0 0 1 2")  # 行政复议 总计
    result = import_text(text)
    assert_same_report(result.report, example())  # the entered cells, as published
    messages = [w.message for w in result.warnings]
    assert len(messages) == 3, messages
    assert "三 一、本年新收政府信息公开申请数量 · 总计：发布的数为 50，各项之和为 51" in messages[0]
    assert "三 （七）总计 · 自然人：发布的数为 45，各项之和为 44" in messages[1]
    assert "四 行政复议 · 总计：发布的数为 5，各项之和为 4" in messages[2]
    assert all(w.line for w in result.warnings)


def test_trailing_empty_cells_of_a_copied_row_are_zero_and_headings_keep_working():
    """Copied from Excel: a row's empty last cells end in tabs, and so does a heading
    row whose label was merged across the table."""
    text = layouts.word_text(example(), "repeat")
    row = next(line for line in text.split("\n") if "1.属于国家秘密\t" in line)
    cells = row.split("\t")
    text = text.replace(row, "\t".join([*cells[:-2], "", ""]) + "  ")
    text = text.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\t\t\t\n")
    text = text.replace("行政复议\t行政诉讼\n", "行政复议\t\t\t\t\t行政诉讼\t\t\n")
    merged = "\t申请人情况\t\t\t\t\t\t\n\t自然人\t法人或其他组织\t\t\t\t\t其他\t总计\n"
    text = text.replace(
        "三、收到和处理政府信息公开申请情况\n", f"三、收到和处理政府信息公开申请情况\n{merged}"
    )
    assert merged in text and "行政诉讼\t\t\n" in text and "情况\t\t\t\n" in text
    result = import_text(text)
    assert result.report.cells["applications"]["denied_state_secret"] == [0] * 6
    # the blank 总计 states nothing (the program sums the row): not a cell read as 0
    assert [w.message for w in result.warnings] == [
        "三：1 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）"
    ]
    assert [w.message for w in result.details] == [
        "三 （三）1.属于国家秘密 · 其他：原文为空或为“”，按 0 导入",
    ]


def test_web_page_laid_out_in_a_table_of_tables():
    """Older portals put the whole page in one layout table; its cells are text blocks."""
    page = layouts.html_page(example())
    body = page[page.index("<body>") + 6 : page.index("</body>")]
    laid_out = (
        "<table width='100%'><tr><td>导航</td></tr>"
        f"<tr><td><div>{body}</div></td></tr><tr><td>版权所有</td></tr></table>"
    )
    result = import_text(html_to_text(page.replace(body, laid_out)))
    assert_same_report(result.report, example())
    assert result.warnings == []


def test_web_page_tags_left_open_caption_and_spanning_numbers():
    page = (
        "<html><body><p>第一段<p>第二段<br>续行"
        "<table><caption>第二十条第（一）项</caption>"
        "<tr><td>信息内容<td>本年制发件数<td>本年废止件数<td>现行有效件数"
        "<tr><td>规章<td colspan=3>0"
        "<tr><td rowspan=2>行政规范性文件<td>6<td>2<td rowspan=2>38"
        "<tr><td>1</td><td>1</td></tr>"
        "<tr><td>信息内容<td colspan=3>本年处理决定数量"
        "<tr><td>行政许可<td colspan=3>1287"
        "</table><p>表后</body></html>"
    )
    assert html_to_text(page).split("\n") == [
        "第一段",
        "第二段",
        "续行",
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",  # no heading spans these three columns: a 0 for each
        "行政规范性文件\t6\t2\t38",
        "行政规范性文件\t1\t1",  # 38 spans two rows: once, and the import will say so
        "信息内容\t本年处理决定数量",  # a label spanning columns: once
        "行政许可\t1287",  # under a heading spanning the same columns: one value
        "表后",
    ]


def test_web_page_zeros_merged_across_columns_of_separate_headings():
    page = layouts.html_page(example())
    zero = "<td><p>0</p></td>"
    tail = zero * 5 + "</tr></table>"
    assert example().cells["review_litigation"]["litigation_after_review"] == [0, 0, 0, 0]
    assert page.count(tail) == 1  # 复议后起诉: the last five cells of part 四
    merged = "<td colspan='2'><p>0</p></td><td colspan='3'><p>0</p></td></tr></table>"
    result = import_text(html_to_text(page.replace(tail, merged)))
    assert_same_report(result.report, example())


def test_web_page_cells_inside_wrappers_and_a_table_left_open():
    assert html_to_text(
        "<table><tr><font size=2><td>规章</td><td>1</td><td>2</td></font></tr></table>"
        "<table><form><tr><td>规章</td><td>3</td><td>4</td></tr></form></table>"
        "<table><tr><td>甲</td><td>5</td></tr><table><tr><td>乙</td><td>6</td></tr></table>"
    ).split("\n") == ["规章\t1\t2", "规章\t3\t4", "甲\t5", "乙\t6"]


def test_web_page_from_word_markers_blanks_and_wrapped_chinese():
    page = (
        "<p class=MsoNormal><![if !supportLists]>1.<![endif]>依据《中华人民共和国政府信息公\n"
        "开条例》编制。</p>"
        "<table><tr><td>信息内容<td colspan=3>本年收费金额（单位：万元）"
        "<tr><td>行政事业性收费<td colspan=3>/"
        "<tr><td>规章<td>0<td>0<td>&nbsp;</table>"
    )
    assert html_to_text(page).split("\n") == [
        "1.依据《中华人民共和国政府信息公开条例》编制。",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t/",  # one value under one heading, not three
        "规章\t0\t0\t",  # an empty last cell stays a cell
    ]


def test_web_page_the_parser_gives_up_on_is_a_clear_failure():
    """Python's HTML parser raises AssertionError on some marked sections."""
    assert html_to_text("<p>x</p><![ if !supportLists]>1.<![endif]>") == "x\n1."
    with pytest.raises(ImportFailure, match="网页无法解析"):
        html_to_text("a<![b]")


def test_web_page_nested_deeper_than_any_real_one():
    assert html_to_text("<div>" * 5000 + "正文" + "</div>" * 5000) == "正文"
    assert html_to_text("<table><tr><td>" * 3000 + "格") == "格"


@pytest.mark.parametrize(
    ("row", "sep"), [("规章\t\t\t", "\t"), ("| 规章 |  |  |  |", "|")], ids=["tabs", "pipes"]
)
def test_a_row_left_empty_is_zero_with_a_warning_per_cell(row: str, sep: str):
    text = layouts.word_text(example(), "repeat")
    assert "规章\t0\t0\t0\n" in text
    text = text.replace("规章\t0\t0\t0\n", row + "\n")
    result = import_text(text)
    assert result.report.cells["art20_1"]["regulations"] == [0, 0, 0]
    assert [w.message for w in result.warnings] == [
        "二 第二十条第（一）项：3 个空单元格按 0 导入（原文为空白；加 --verbose 逐个列出）"
    ]
    assert len([w for w in result.details if "规章" in w.message]) == 3


def test_an_empty_column_copied_with_the_table_is_left_out():
    text = layouts.word_text(example(), "repeat")
    lines = [line + "\t" if line[-1:].isdigit() else line for line in text.split("\n")]
    result = import_text("\n".join(lines))
    assert_same_report(result.report, example())
    assert result.warnings == []


def test_other_handling_printed_as_one_row_goes_to_item_three():
    report = example()
    text = layouts.word_text(report, "repeat")
    lines = [line for line in text.split("\n") if "（六）其他处理\t" not in line]
    at = next(
        i for i, line in enumerate(lines) if line.startswith("三、本年度办理结果\t（七）总计")
    )
    lines.insert(at, "三、本年度办理结果\t（六）其他处理\t1\t0\t0\t0\t0\t0\t1")
    result = import_text("\n".join(lines))
    cells = result.report.cells["applications"]
    assert cells["other_other"] == [1, 0, 0, 0, 0, 0]
    assert cells["other_no_correction"] == [0] * 6 and cells["other_fee_unpaid"] == [0] * 6
    (warning,) = result.warnings
    assert "（六）其他处理 只印了一行，已计入 3.其他" in warning.message


def test_blank_slash_and_dash_cells_are_zero_with_a_warning():
    text = layouts.word_text(example(), "repeat")
    text = text.replace("1.属于国家秘密\t0\t0\t0", "1.属于国家秘密\t/\t\t-")
    result = import_text(text)
    assert result.report.cells["applications"]["denied_state_secret"] == [0] * 6
    assert [w.message for w in result.warnings] == [
        "三：3 个空单元格按 0 导入（原文为“/”、空白、“-”；加 --verbose 逐个列出）"
    ]
    messages = [w.message for w in result.details]
    assert messages == [
        "三 （三）1.属于国家秘密 · 自然人：原文为空或为“/”，按 0 导入",
        "三 （三）1.属于国家秘密 · 商业企业：原文为空或为“”，按 0 导入",
        "三 （三）1.属于国家秘密 · 科研机构：原文为空或为“-”，按 0 导入",
    ]


@pytest.mark.slow
def test_imported_report_is_checked_like_any_other(tmp_path: Path):
    """The report's own 勾稽关系 errors are kept as published and found by check."""
    text = layouts.pdf_text(example(), blank_lines=False)
    text = text.replace("（一）予以公开 20 3 1 0 1 0 25", "（一）予以公开 21 3 1 0 1 0 26")
    source = tmp_path / "published.txt"
    source.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(source)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    check = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(tmp_path / "published.toml")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "自然人 列：一 + 二 = 45，三（七）+ 四 = 46" in check.stdout


# --- failures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t[: t.index("（四）\n")], "找不到“四、政府信息公开行政复议、行政诉讼情况”"),
        (
            lambda t: t.replace("2.重复申请 1 0 0 0 0 0 1\n", ""),
            "找不到“三 （五）2.重复申请”这一行",
        ),
        (
            # a number lost (not a blank cell or a 0: the columns' totals leave no reading)
            lambda t: t.replace("（一）予以公开 20 3 1 0 1 0 25", "（一）予以公开 20 1 0 1 0 25"),
            "应有 7 个数",
        ),
        (
            lambda t: t.replace(
                "（一）予以公开 20 3 1 0 1 0 25", "（一）予以公开 20 3 1O 0 1 0 25"
            ),
            "“1O”不是有效的数字",
        ),
        (lambda t: t.replace("行政许可 1287", "行政许可 1287%"), "“1287%”不是有效的数字"),
        (
            lambda t: t.replace("二、主动公开政府信息情况", "二、其他内容"),
            "找不到“二、主动公开政府信息情况”",
        ),
        (lambda t: t.replace("（一）予以公开 20", "（一）予以公开 2.5"), "不是整数"),
    ],
    ids=["truncated", "missing-row", "six-numbers", "letter-O", "unit", "no-heading", "fraction"],
)
def test_malformed_text_fails_naming_label_and_line(change, says: str):
    text = change(layouts.pdf_text(example(), blank_lines=False))
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert says in caught.value.message
    assert caught.value.line is not None


def test_a_copied_cell_with_a_number_broken_by_spaces_is_refused_where_it_is():
    text = layouts.word_text(example(), "repeat")
    assert "行政许可\t1287\n" in text
    text = text.replace("行政许可\t1287\n", "行政许可\t1,28 7\n")
    line = text.split("\n").index("行政许可\t1,28 7") + 1
    with pytest.raises(ImportFailure) as caught:
        import_text(text)
    assert "“1,28 7”不是有效的数字" in caught.value.message and caught.value.line == line


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "文件是空的"),
        (bytes(range(256)) * 4, "二进制"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "二进制"),
        ("只是一段文字，不是年度报告。".encode(), "找不到“一、总体情况”"),
    ],
    ids=["empty", "binary", "image", "not-a-report"],
)
def test_unreadable_inputs_exit_2_without_writing(tmp_path: Path, content: bytes, says: str):
    source = tmp_path / "in.txt"
    source.write_bytes(content)
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(source)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "in.toml").exists()


def test_line_numbers_of_a_web_page_refer_to_its_extracted_text(tmp_path: Path, capsys):
    from tui_report.cli import main

    source = tmp_path / "年报.html"
    page = layouts.html_page(example())
    assert page.count("<p>1287</p>") == 1
    source.write_text(page.replace("<p>1287</p>", "<p>1O87</p>"), encoding="utf-8")
    assert main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    line = int(err.split(f"{source}:")[1].split(":")[0])
    assert "“1O87”不是有效的数字" in err and f"import --text {source}" in err
    assert not source.with_suffix(".toml").exists()
    assert main(["import", "--text", str(source)]) == 0
    shown = capsys.readouterr().out.split("\n")
    assert shown[line - 1].split(maxsplit=1) == [str(line), "行政许可\t1O87"]


@pytest.mark.parametrize(
    "title",
    [
        "关于巨鹿县人民政府2023年政府信息公开工作年度报告的公告",
        "巨鹿县人民政府关于2023年政府信息公开工作年度报告",
        "关于《巨鹿县人民政府2023年度政府信息公开工作年度报告》的公告",
        "巨鹿县人民政府\n关于2023年政府信息公开工作年度报告的公告",
    ],
)
def test_agency_from_a_title_worded_as_a_notice(title: str):
    from tui_report.importing.sections import title_and_intro

    lines = list(enumerate([*title.split("\n"), "本报告依据……编制。"], start=1))
    agency, year, intro = title_and_intro(lines)
    assert (agency, year) == ("巨鹿县人民政府", 2023)
    assert intro == [lines[-1]]


@pytest.mark.slow
def test_never_overwrites_without_force(tmp_path: Path):
    source = tmp_path / "ref.txt"
    source.write_bytes(REFERENCE.read_bytes())
    target = tmp_path / "ref.toml"
    target.write_text("# mine\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(source)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "--force" in run.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(source), "--force"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    assert target.read_text(encoding="utf-8") == GUANTING.read_text(encoding="utf-8")


@pytest.mark.slow
def test_output_option_and_agency_year_overrides(tmp_path: Path):
    source = tmp_path / "ref.txt"
    text = REFERENCE.read_text(encoding="utf-8").replace(
        "巨鹿县官亭镇人民政府\n2023 年政府信息公开工作年度报告", "年度报告"
    )
    source.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(source)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "--agency" in run.stderr
    out = tmp_path / "out.toml"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui_report",
            "import",
            str(source),
            "-o",
            str(out),
            "--agency",
            "巨鹿县官亭镇人民政府",
            "--year",
            "2023",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert read_report(out).report.cells == read_report(GUANTING).report.cells


def test_2019_format_report_is_read_with_its_own_tables():
    from tui_report.formats import FORMAT_2019
    from tui_report.report.templates import new_report

    report = new_report("测试局", 2020, FORMAT_2019)
    report.set(CellRef("art20_5", "licensing", "change"), -3)
    report.set(
        CellRef("art20_9", "central_procurement", "amount"), __import__("decimal").Decimal("12.5")
    )
    report.set(CellRef("applications", "other_handling", "natural_person"), 2)
    report.set(CellRef("applications", "new_received", "natural_person"), 2)
    result = import_text(layouts.word_text(report, "repeat"))
    assert result.report.format is FORMAT_2019
    assert result.report.cells == report.cells


# --- .pdf files ---------------------------------------------------------------------------

PDF = DATA / "import" / "example-2024.pdf"  # made by scripts/make_test_pdf.py


def test_pdf_file_imports(tmp_path: Path):
    result = import_file(PDF)
    assert result.kind == "PDF"
    assert_same_report(result.report, example())
    assert result.warnings == []


def test_pdf_file_has_no_encoding_named(tmp_path: Path):
    assert import_file(PDF).encoding is None


@pytest.mark.parametrize("content", [b"%PDF-1.7\n" + bytes(range(256)) * 8, b"not a pdf at all"])
def test_damaged_pdf_is_refused_in_chinese_only(tmp_path: Path, content: bytes):
    """pypdf's own reason is English (e.g. Stream has ended unexpectedly): not shown."""
    path = tmp_path / "damaged.pdf"
    path.write_bytes(content)
    with pytest.raises(ImportFailure) as caught:
        import_file(path)
    message = caught.value.message
    assert message.startswith("无法从 PDF 中提取文字：文件已损坏")
    assert not re.search(r"[A-Za-z]{3,}", message.replace("PDF", "").replace(".txt", "")), message


def test_a_file_that_cannot_be_read_is_told_in_chinese(tmp_path: Path, monkeypatch):
    import errno

    path = tmp_path / "report.txt"
    path.write_text("x", encoding="utf-8")

    def broken(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(ImportFailure) as caught:
        import_file(path)
    assert caught.value.message == "无法读取文件：读写设备出错"


def test_pdf_without_pypdf_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name == "pypdf":
            raise ImportError("No module named 'pypdf'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(ImportFailure) as caught:
        import_file(PDF)
    # into the environment tui-report runs in (issue 25: 'tui-report[pdf]' is on no index)
    assert f"{sys.executable} -m pip install pypdf" in caught.value.message


def test_damaged_pdf_is_a_clear_failure(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(PDF.read_bytes()[:600])
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert not (tmp_path / "broken.toml").exists()


def test_other_groups_printed_as_one_row_are_refused():
    """Only （六）其他处理 has a catch-all item; （四）无法提供 as one row cannot be split."""
    text = layouts.word_text(example(), "repeat")
    lines = [line for line in text.split("\n") if "（四）无法提供\t" not in line]
    at = next(i for i, line in enumerate(lines) if "（五）不予处理\t1." in line)
    lines.insert(at, "三、本年度办理结果\t（四）无法提供\t11\t1\t0\t0\t1\t0\t13")
    with pytest.raises(ImportFailure, match=r"（四）1\.本机关不掌握相关政府信息"):
        import_text("\n".join(lines))


def test_a_line_of_the_intro_named_like_a_page_field_is_the_reports_text():
    """Below the title, ``日期`` alone is the intro's word, not a field waiting for its value
    on the next line (found by hypothesis: the intro ``日期`` / ``0`` came back empty)."""
    report = read_report(EXAMPLE).report
    report.texts[report.format.intro_key] = "日期\n0"
    imported = import_text(export_text(report)).report
    assert imported.texts[report.format.intro_key] == "日期\n0"


def test_the_fields_printed_right_under_the_title_are_still_the_pages():
    """发布时间 and 浏览次数 printed under the title are the page's, not the intro's."""
    text = export_text(read_report(EXAMPLE).report)
    title, rest = text.split("\n", 1)
    imported = import_text(f"{title}\n发布时间：2025-01-20  浏览次数：35\n{rest}").report
    intro = imported.texts[imported.format.intro_key]
    assert "发布时间" not in intro and "浏览次数" not in intro
    assert intro == read_report(EXAMPLE).report.texts[imported.format.intro_key]


def test_importing_a_missing_toml_file_says_it_is_missing(tmp_path: Path, capsys):
    from tui_report.cli import main

    code = main(["import", str(tmp_path / "2023年报.toml")])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == f"tui-report: {tmp_path / '2023年报.toml'}: 找不到文件"
    # it said: 输出文件不能是输入文件本身，请用 -o 指定


def test_importing_a_word_file_names_no_encoding(tmp_path: Path, capsys):
    from tui_report.cli import main

    word = tmp_path / "年报.docx"
    assert main(["export", str(EXAMPLE), "--format", "docx", "-o", str(word), "-q"]) == 0
    assert main(["import", str(word)]) == 0
    out = capsys.readouterr().out
    assert "（Word 文件）到" in out and "编码" not in out  # it said （Word 文件，编码 —）
