"""The Word export as the 公文 convention prints it (issue 22), read back from the .docx's
XML with lxml: rows that never split, heading rows that repeat, tables kept together,
page numbers in the footer, East-Asian fonts with their stand-ins, the language, the
title broken after the agency, and properties taken from the report — no library's
name or dates. A test cannot look at the pages: these are the settings that make them
right (scripts/publish_screenshots.py renders them to look at)."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from lxml import etree

from tui_report.export import export_docx
from tui_report.formats import FORMAT_2019
from tui_report.formats.template import published_tables
from tui_report.report.model import Report
from tui_report.report.templates import new_report
from tui_report.storage import read_report

from ..conftest import EXAMPLE, GUANTING

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARGINS = {"top": 3.7, "right": 2.6, "bottom": 3.5, "left": 2.8}
NS = {"w": W[1:-1]}


def parts(report: Report) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(export_docx(report))) as package:
        return {name: package.read(name) for name in package.namelist()}


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def sample_reports() -> list[Report]:
    return [
        read_report(EXAMPLE).report,
        read_report(GUANTING).report,
        new_report("测试局", 2020, FORMAT_2019),
    ]


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    return parts(read_report(EXAMPLE).report)


def row_keeps(row: etree._Element) -> bool:
    """Whether every paragraph of a table row is kept with the next (so the row is)."""
    paragraphs = row.findall(".//w:p", NS)
    return all(p.find("w:pPr/w:keepNext", NS) is not None for p in paragraphs)


@pytest.mark.parametrize("report", sample_reports(), ids=["example", "guanting", "2019"])
def test_no_row_splits_and_heading_rows_repeat(report: Report):
    document = xml(parts(report)["word/document.xml"])
    tables = document.findall(".//w:tbl", NS)
    layouts = list(published_tables(report.format).values())
    assert len(tables) == len(layouts) == 3
    for table, layout in zip(tables, layouts, strict=True):
        rows = table.findall("w:tr", NS)
        assert len(rows) == len(layout.rows)
        assert all(row.find("w:trPr/w:cantSplit", NS) is not None for row in rows)
        repeated = [
            r for r, row in enumerate(rows) if row.find("w:trPr/w:tblHeader", NS) is not None
        ]
        assert repeated == list(range(layout.header_rows))


@pytest.mark.parametrize("report", sample_reports(), ids=["example", "guanting", "2019"])
def test_parts_three_and_four_keep_together_and_no_caption_is_left_alone(report: Report):
    """A table with heading rows keeps every row with the next (it starts on a new page
    rather than split); part 二 keeps each caption with its table's rows, and breaks
    only between captioned tables."""
    from tui_report.export.word import kept_rows

    document = xml(parts(report)["word/document.xml"])
    tables = document.findall(".//w:tbl", NS)
    for table, layout in zip(tables, published_tables(report.format).values(), strict=True):
        rows = table.findall("w:tr", NS)
        kept = [r for r, row in enumerate(rows) if row_keeps(row)]
        assert kept == sorted(kept_rows(layout))
        if layout.header_rows:  # parts 三 and 四: all rows but the last
            assert kept == list(range(len(rows) - 1))
        else:  # part 二: the row before each caption is the only place to break
            captions = [r for r, row in enumerate(layout.rows) if row[0].role == "title"]
            assert len(captions) >= 4
            assert set(range(len(rows))) - set(kept) == {c - 1 for c in captions[1:]} | {
                len(rows) - 1
            }
    styles = xml(parts(report)["word/styles.xml"])
    heading = styles.find("w:style[@w:styleId='Heading1']", NS)
    assert heading.find("w:pPr/w:keepNext", NS) is not None  # the heading goes with its table
    assert heading.find("w:pPr/w:outlineLvl", NS).get(W + "val") == "0"


def test_page_numbers_at_the_foot_on_alternating_sides(example):
    """GB/T 9704: "— 1 —" in 宋体 四号, odd pages on the right, even pages on the left."""
    document = xml(example["word/document.xml"])
    section = document.find("w:body/w:sectPr", NS)
    references = {
        ref.get(W + "type"): ref.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        )
        for ref in section.findall("w:footerReference", NS)
    }
    assert set(references) == {"default", "even"}
    margins = section.find("w:pgMar", NS)
    cm = {side: round(int(margins.get(W + side)) * 2.54 / 1440, 2) for side in MARGINS}
    assert cm == MARGINS  # GB/T 9704's, the same as the HTML page's print margins
    rels = xml(example["word/_rels/document.xml.rels"])
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = xml(example[f"word/{targets[references[kind]]}"])
        field = footer.find(".//w:fldSimple", NS)
        assert field is not None and field.get(W + "instr").split() == ["PAGE"]
        paragraph = footer.find("w:p", NS)
        assert paragraph.find("w:pPr/w:jc", NS).get(W + "val") == side
        assert paragraph.find("w:pPr/w:ind", NS).get(W + side) == "280"  # one character in
        text = "".join(t.text for t in footer.iter(W + "t"))
        assert text == "— 1 —"
    settings = xml(example["word/settings.xml"])
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    styles = xml(example["word/styles.xml"])
    footer_style = styles.find("w:style[@w:styleId='Footer']", NS)
    assert footer_style.find("w:rPr/w:rFonts", NS).get(W + "eastAsia") == "宋体"
    assert footer_style.find("w:rPr/w:sz", NS).get(W + "val") == "28"  # 四号, 14 pt


def test_the_title_breaks_after_the_agency(example):
    document = xml(example["word/document.xml"])
    title = document.find("w:body/w:p", NS)
    assert title.find("w:pPr/w:pStyle", NS).get(W + "val") == "Title"
    run = title.find("w:r", NS)
    pieces = [(child.tag, child.text) for child in run if child.tag != W + "rPr"]
    assert pieces == [
        (W + "t", "示例市示例区人民政府"),
        (W + "br", None),
        (W + "t", "2024年政府信息公开工作年度报告"),
    ]


def test_east_asian_fonts_with_their_stand_ins_and_the_language(example):
    styles = xml(example["word/styles.xml"])
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert fonts.get(W + "eastAsia") == "仿宋_GB2312"
    assert fonts.get(W + "ascii") == fonts.get(W + "hAnsi") == "Times New Roman"
    assert defaults.find("w:lang", NS).get(W + "eastAsia") == "zh-CN"
    for style, face in (("Title", "方正小标宋简体"), ("Heading1", "黑体")):
        found = styles.find(f"w:style[@w:styleId='{style}']/w:rPr/w:rFonts", NS)
        assert found.get(W + "eastAsia") == face
    table = xml(example["word/fontTable.xml"])
    alternate = {
        font.get(W + "name"): font.find("w:altName", NS).get(W + "val")
        for font in table.findall("w:font", NS)
        if font.find("w:altName", NS) is not None
    }
    chains = []
    for first in ("仿宋_GB2312", "方正小标宋简体", "黑体"):
        chain = [first]
        while chain[-1] in alternate:
            chain.append(alternate[chain[-1]])
        chains.append(chain)
    assert chains == [
        ["仿宋_GB2312", "仿宋", "FangSong"],
        ["方正小标宋简体", "华文中宋", "宋体", "SimSun"],
        ["黑体", "SimHei"],
    ]
    assert all(font.find("w:charset", NS).get(W + "val") == "86" for font in table
               if font.get(W + "name") != "Times New Roman")  # fmt: skip


def test_quotes_are_set_in_the_east_asian_font(example):
    """“” are in both Latin and Chinese fonts: the eastAsia hint makes them full width."""
    document = xml(example["word/document.xml"])
    runs = [
        r for r in document.iter(W + "r") if "“" in "".join(t.text or "" for t in r.iter(W + "t"))
    ]
    assert runs  # 3.危及“三安全一稳定”
    for run in runs:
        assert run.find("w:rPr/w:rFonts", NS).get(W + "hint") == "eastAsia"


def test_properties_are_the_reports_and_now(example):
    core = xml(example["docProps/core.xml"])
    dc = "{http://purl.org/dc/elements/1.1/}"
    cp = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
    terms = "{http://purl.org/dc/terms/}"
    assert core.find(dc + "title").text == "示例市示例区人民政府2024年政府信息公开工作年度报告"
    assert core.find(dc + "creator").text == "示例市示例区人民政府"
    assert core.find(cp + "lastModifiedBy").text == "示例市示例区人民政府"
    assert core.find(dc + "language").text == "zh-CN"
    made = datetime.strptime(core.find(terms + "created").text, "%Y-%m-%dT%H:%M:%SZ")
    assert abs(made.replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=5)
    app = xml(example["docProps/app.xml"])
    assert app.find("{*}Application").text == "tui-report"
    assert not any("thumbnail" in name for name in example)
    everything = b"".join(example.values())
    for trace in (b"python-docx", b"Macintosh", b"2013-"):
        assert trace not in everything


def test_source_date_epoch_gives_the_same_bytes(monkeypatch):
    report = read_report(EXAMPLE).report
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = export_docx(report)
    assert export_docx(report) == first
    core = xml(zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml"))
    assert core.find("{http://purl.org/dc/terms/}created").text == "2023-11-14T22:13:20Z"


def test_characters_xml_cannot_hold_are_shown_and_long_agencies_fit_the_properties(tmp_path):
    """Issue 20 item 7: U+FFFF in an agency or a paragraph, C0 controls, and an agency of
    300 characters (a property holds 255) ended the Word export with a traceback."""
    from tui_report.cli import main

    report = new_report("测试\x01局\uffff", 2024)
    report.texts["overview"] = "第一段\x07有响铃\uffff和\ufffe。"
    document = parts(report)
    text = "".join(t.text or "" for t in xml(document["word/document.xml"]).iter(W + "t"))
    assert "测试局⟨U+FFFF⟩" in text and "第一段有响铃⟨U+FFFF⟩和⟨U+FFFE⟩。" in text
    report.agency = "长" * 300
    core = xml(parts(report)["docProps/core.xml"])
    title = core.find("{http://purl.org/dc/elements/1.1/}title").text
    assert len(title) == 255 and title.endswith("…")
    source = tmp_path / "long.toml"
    from tui_report.storage import create_report_file

    create_report_file(report, source)
    assert main(["export", str(source), "--format", "docx", "-o", str(tmp_path / "a.docx")]) == 0
    assert (tmp_path / "a.docx").read_bytes().startswith(b"PK")
