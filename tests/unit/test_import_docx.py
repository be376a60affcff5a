"""Importing Word documents (.docx): last year's report as the clerk has it, its tables
in the official template with merged cells (gridSpan across columns, vMerge down rows)."""

from __future__ import annotations

import functools
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from tui_report.importing import ImportFailure, import_file
from tui_report.importing.docx_source import docx_text
from tui_report.report.model import Report
from tui_report.storage import read_report

from .. import official_layouts as official
from ..conftest import EXAMPLE


def example() -> Report:
    return read_report(EXAMPLE).report


@functools.cache
def word_bytes() -> bytes:
    """The example as the official template's Word file, made once for every test."""
    return official.docx_bytes(example())


@pytest.fixture
def word_file(tmp_path: Path) -> Path:
    path = tmp_path / "年报.docx"
    path.write_bytes(word_bytes())
    return path


def test_the_fixture_has_the_templates_merged_cells(word_file: Path):
    xml = zipfile.ZipFile(word_file).read("word/document.xml").decode("utf-8")
    assert 'w:gridSpan w:val="4"' in xml  # 第二十条第（一）项 across the table
    assert 'w:gridSpan w:val="3"' in xml  # values under 本年处理决定数量
    assert 'w:gridSpan w:val="10"' in xml  # 行政诉讼
    assert xml.count('w:vMerge w:val="restart"') >= 1 + 4 + 5 + 2  # 三、（三）…（六）, part 四
    tables = docx.Document(str(word_file)).tables
    assert len(tables) == 3  # part 二 is one table
    assert len(tables[2].rows) == 4 and len(tables[2].columns) == 15


def test_word_file_imports_exactly(word_file: Path):
    result = import_file(word_file)
    assert result.kind == "Word 文件"
    report = example()
    assert (result.report.agency, result.report.year) == (report.agency, report.year)
    assert result.report.cells == report.cells
    assert result.report.texts == report.texts
    assert result.warnings == []


def test_word_tables_become_rows_read_by_their_headings(word_file: Path):
    lines = docx_text(word_file).split("\n")
    assert "行政许可\t1287" in lines  # a colspan-3 value under a colspan-3 heading: once
    assert (
        "三、本年度办理结果\t（三）不予公开\t2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1"
        in lines
    )
    assert "2\t1\t0\t1\t4\t1\t0\t0\t1\t2\t0\t0\t0\t0\t0" in lines  # part 四: one row of 15


@pytest.mark.slow
def test_a_bad_cell_in_a_word_table_is_named_with_its_line(tmp_path: Path, capsys):
    from tui_report.cli import main

    document = docx.Document(io.BytesIO(official.docx_bytes(example())))
    cell = next(c for row in document.tables[1].rows for c in row.cells if c.text == "44")
    cell.text = "4４%"
    path = tmp_path / "年报.docx"
    document.save(str(path))
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "三 （七）总计 · 自然人：“44%”不是有效的数字" in err
    line = int(err.split(f"{path}:")[1].split(":")[0])
    assert main(["import", "--text", str(path)]) == 0
    shown = capsys.readouterr().out.split("\n")[line - 1]
    assert "（七）总计\t4４%" in shown
    assert not path.with_suffix(".toml").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04" + bytes(100), "无法读取 Word 文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "另存为 .docx"),
    ],
    ids=["damaged", "old-doc"],
)
def test_unreadable_word_files_are_refused_clearly(tmp_path: Path, content: bytes, says: str):
    path = tmp_path / "年报.docx"
    path.write_bytes(content)
    with pytest.raises(ImportFailure, match=says):
        import_file(path)
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "import", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert not path.with_suffix(".toml").exists()


def test_a_zip_that_is_not_a_word_file(tmp_path: Path):
    path = tmp_path / "年报.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "你好")
    with pytest.raises(ImportFailure, match="无法读取 Word 文件"):
        import_file(path)
