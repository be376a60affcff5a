"""Import within bounds: decompression bombs, texts larger than any report, work that
grows no faster than the text, characters a report cannot keep, password-protected
Word files (issue 20, items 7, 8 and 17)."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui_report.importing import ImportFailure, import_file, import_text, sections
from tui_report.importing.cells import Cell, segments
from tui_report.importing.docx_source import (
    MAX_PARAGRAPHS,
    MAX_PART_BYTES,
    MAX_RATIO,
    RATIO_FROM,
)
from tui_report.importing.sources import MAX_TEXT_BYTES

from .. import official_layouts as official
from ..conftest import DATA
from .test_import import example

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _word_file(document_xml: bytes, path: Path) -> Path:
    """A real .docx (the official template) with its document.xml replaced."""
    source = zipfile.ZipFile(io.BytesIO(official.docx_bytes(example())))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = document_xml if member.filename == "word/document.xml" else None
            archive.writestr(member.filename, data or source.read(member.filename))
    return path


def _document(body: bytes) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
        + body
        + b"</w:body></w:document>"
    )


def _refused(path: Path) -> str:
    with pytest.raises(ImportFailure) as caught:
        import_file(path)
    return caught.value.message


# --- decompression bombs (.docx) ---------------------------------------------------------


@pytest.mark.slow
def test_a_word_file_that_inflates_past_the_limit_is_refused_before_it_is_inflated(
    tmp_path: Path,
):
    # 20 MB of paragraphs' white space in a file of ~20 KB (the 649 KB file of 200 MB of
    # paragraphs ran for more than 300 s)
    body = b"<w:p><w:r><w:t>" + b" " * (MAX_PART_BYTES + 4 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    path = _word_file(_document(body), tmp_path / "bomb.docx")
    assert path.stat().st_size < 100_000
    message = _refused(path)
    assert message.startswith("Word 文件解压后过大（其中“word/document.xml”有 20.0 MB")
    assert "上限为每个部件 16.0 MB" in message


@pytest.mark.slow
def test_a_member_compressed_far_more_than_any_word_file_is_refused(tmp_path: Path):
    # 2 MB of spaces (under the size limit) squeezed a thousandfold: not a document
    body = b"<w:p><w:r><w:t>" + b" " * (2 * RATIO_FROM) + b"</w:t></w:r></w:p>"
    path = _word_file(_document(body), tmp_path / "spaces.docx")
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size > MAX_RATIO * info.compress_size
    message = _refused(path)
    assert "word/document.xml" in message and f"超过 {MAX_RATIO} 倍" in message


@pytest.mark.slow
def test_a_member_holding_more_than_its_stated_size_is_never_inflated_past_it(tmp_path: Path):
    """The directory's sizes bound what is read: a member that states 2 KB and holds
    10 MB is read to 2 KB, where its checksum fails (a damaged file, said so)."""
    body = b"<w:p><w:r><w:t>" + b"x" * (10 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    path = _word_file(_document(body), tmp_path / "lying.docx")
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 2048)  # local header's size
    central = data.find(b"PK\x01\x02" + data[info.header_offset + 4 : info.header_offset + 6])
    while struct.unpack_from("<I", data, central + 42)[0] != info.header_offset:
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, central + 24, 2048)  # the directory's size
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("word/document.xml").file_size == 2048
    assert _refused(path).startswith("无法读取 Word 文件：文件已损坏")


@pytest.mark.slow
def test_a_word_file_with_more_paragraphs_than_any_report_is_refused(tmp_path: Path):
    body = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * (MAX_PARAGRAPHS + 1)
    path = _word_file(_document(body), tmp_path / "many.docx")
    assert _refused(path) == (
        f"Word 文件的段落过多（{MAX_PARAGRAPHS + 1} 段，上限 {MAX_PARAGRAPHS} 段），"
        "不像是一份年度报告"
    )


@pytest.mark.slow
def test_a_word_file_within_the_limits_still_imports(tmp_path: Path):
    path = tmp_path / "年报.docx"
    path.write_bytes(official.docx_bytes(example()))
    assert import_file(path).report.cells == example().cells


# --- a text larger than any report --------------------------------------------------------


def test_a_text_larger_than_any_report_is_refused_saying_so(tmp_path: Path):
    path = tmp_path / "large.txt"
    path.write_text("一、总体情况\n" + "短句。\n" * (MAX_TEXT_BYTES // 10 + 1), encoding="utf-8")
    message = _refused(path)
    assert message.startswith("文件中的文字过多（5.0 MB，上限 5 MB）")


# --- work that grows with the text, no faster ----------------------------------------------


def _characters(value: object) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(_characters(item) for item in value)
    return 0


def test_a_long_paragraph_s_lines_are_joined_once_not_once_per_line(monkeypatch):
    """Joining each wrapped line to the paragraph so far copies the paragraph again for
    every line (quadratic: 400,000 short lines took 28 s). Counted: the characters the
    joining step is handed, over a paragraph of 2,000 lines, are those of its lines."""
    handed = 0
    join = sections._join

    def counting(*args):
        nonlocal handed
        handed += sum(_characters(arg) for arg in args)
        return join(*args)

    monkeypatch.setattr(sections, "_join", counting)
    lines = [f"第{i}行" for i in range(2000)]
    region = [(1, "\u3000\u3000开头"), *((n + 2, text) for n, text in enumerate(lines))]
    layout = sections.ProseLayout(wrapped=True, page_width=56, text="")
    joined = sections.paragraphs(region, layout)
    assert joined == "开头" + "".join(lines)
    assert handed <= 2 * len(joined)


class _Counted(str):
    """A cell's text that counts the characters copied when text is added to it."""

    copied = 0

    def __radd__(self, other: str) -> str:
        _Counted.copied += len(other)
        return str.__add__(other, self)


def test_a_long_run_of_text_cells_is_joined_once_not_once_per_cell():
    _Counted.copied = 0
    cells = [Cell(_Counted(f"标签{i}"), i, "text") for i in range(3000)] + [Cell("1", 1, "number")]
    found = segments(cells)
    assert found[0].text == "".join(f"标签{i}" for i in range(3000))
    assert _Counted.copied <= 2 * len(found[0].text)


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "".join(f"短行{i}\n" for i in range(n)),
        lambda n: "".join(f"短句{i}。\n\n" for i in range(n)),
        lambda n: "|\n" * n,
        lambda n: "".join(f"一、第{i}\n" for i in range(n)),
        lambda n: "".join(f"{i}\n" for i in range(n)),
    ],
    ids=["short-lines", "sentences-and-blanks", "pipes", "part-numbers", "numbers"],
)
def test_the_calls_an_import_makes_grow_with_the_text_no_faster(shape):
    """A guard against loops over the rest of the text for each line: the calls made
    importing n lines added to part 一, and 2n lines, counted (not timed)."""
    base = _text_export()
    head, rest = base.split("二、主动公开政府信息情况", 1)

    def calls(n: int) -> int:
        count = 0

        def profile(frame, event, arg):
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        source = head + shape(n) + "二、主动公开政府信息情况" + rest
        import_text(source)  # caches filled, as for the second of the two
        sys.setprofile(profile)
        try:
            import_text(source)
        finally:
            sys.setprofile(None)
        return count

    small, large = calls(1500), calls(3000)
    assert large <= 2.2 * small


def _text_export() -> str:
    from tui_report.export import export_text

    return export_text(example())


# --- characters a report cannot keep -------------------------------------------------------


def test_characters_a_report_cannot_keep_are_dropped_with_a_warning_naming_the_lines():
    lines = _text_export().split("\n")
    prose = next(i for i, line in enumerate(lines) if "坚持以公开为常态" in line)
    lines[prose] = lines[prose].replace("坚持", "坚\uffff持\x01", 1)
    other = next(i for i, line in enumerate(lines) if "未收取信息处理费" in line)
    lines[other] = lines[other].replace("本年度", "本\x1b年度\ufdd0\U0010ffff", 1)
    result = import_text("\n".join(lines))
    texts = "".join(result.report.texts.values())
    for ch in "\uffff\x01\x1b\ufdd0\U0010ffff":
        assert ch not in texts
    assert "坚持以公开为常态" in texts and "本年度未收取信息处理费" in texts
    messages = {w.message: w.line for w in result.warnings}
    first, second = prose + 1, other + 1
    assert messages == {
        f"第 {first} 行含有报告中不能保存的字符 U+FFFF（Unicode 非字符），已删除": first,
        f"第 {first} 行含有报告中不能保存的字符 U+0001（控制字符），已删除": first,
        f"第 {second} 行含有报告中不能保存的字符 U+001B（控制字符），已删除": second,
        f"第 {second} 行含有报告中不能保存的字符 U+FDD0（Unicode 非字符），已删除": second,
        f"第 {second} 行含有报告中不能保存的字符 U+10FFFF（Unicode 非字符），已删除": second,
    }
    assert result.report.cells == example().cells


def test_a_character_dropped_between_two_digits_never_runs_two_numbers_together():
    text = _text_export().replace("1287 |", "12\x0087 |", 1)
    with pytest.raises(ImportFailure) as caught:
        import_text(text)  # two numbers, or one broken: not 1287 read from what is not that
    assert "“12 87”不是有效的数字" in caught.value.message


def test_many_lines_with_one_character_are_one_warning_listing_the_first_lines():
    text = _text_export().replace("。\n", "。\x07\n")
    result = import_text(text)
    [warning] = [w for w in result.warnings if "U+0007" in w.message]
    assert warning.message.startswith("第 ") and "等 " in warning.message
    assert warning.line is not None


# --- a password-protected Word file --------------------------------------------------------

# tests/data/import/password.docx: a .docx with one paragraph, encrypted with the password
# "secret" by msoffcrypto-tool 6.1 (OOXMLFile.encrypt), as Word's "Encrypt with Password"
# stores it: an OLE compound file holding EncryptionInfo and EncryptedPackage.
PASSWORD_DOCX = DATA / "import" / "password.docx"


def test_a_password_protected_word_file_is_said_to_be_protected_not_old(tmp_path: Path):
    path = tmp_path / "年报.docx"
    path.write_bytes(PASSWORD_DOCX.read_bytes())
    message = _refused(path)
    assert message.startswith("这个 Word 文件设有打开密码（已加密），无法读取")
    assert "旧版" not in message
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "设有打开密码" in run.stderr and "Traceback" not in run.stderr


def test_a_web_page_larger_than_any_report_s_is_refused_before_it_is_parsed(tmp_path: Path):
    from tui_report.importing.sources import MAX_PAGE_BYTES

    path = tmp_path / "page.html"
    paragraph = "<p>短句。</p>"
    path.write_text(
        "<html><body>"
        + paragraph * (MAX_PAGE_BYTES // len(paragraph.encode()) + 1)
        + "</body></html>",
        encoding="utf-8",
    )
    assert _refused(path).startswith("网页文件过大（10.0 MB，上限 10 MB）")
