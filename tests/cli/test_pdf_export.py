"""``export --format pdf`` (issue 22): our Word file printed by LibreOffice where it is
installed (tests that need it are skipped with the reason where it is not); a clear
message naming the package to install where it is not, and where LibreOffice fails; the
editor's export dialog offers PDF only where it works."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.export import pdf
from tui_report.tui.launch import make_app

from ..conftest import EXAMPLE
from ..pilot import SIZE, status

needs_libreoffice = pytest.mark.skipif(
    pdf.libreoffice() is None, reason="LibreOffice（soffice）未安装：PDF 由它从 Word 文件排版"
)


@pytest.mark.slow
@needs_libreoffice
def test_pdf_is_the_word_file_printed_by_libreoffice(tmp_path: Path, capsys):
    target = tmp_path / "报告.pdf"
    assert main(["export", str(EXAMPLE), "--format", "pdf", "-o", str(target)]) == 0
    assert "已导出到" in capsys.readouterr().err
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo（poppler-utils）未安装：不查看 PDF 的属性")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    fields = dict(line.split(":", 1) for line in info.stdout.splitlines() if ":" in line)
    assert fields["Title"].strip() == "示例市示例区人民政府2024年政府信息公开工作年度报告"
    assert fields["Author"].strip() == "示例市示例区人民政府"  # not python-docx
    assert int(fields["Pages"]) >= 3


def no_libreoffice(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(pdf, "MAC_PROGRAM", str(tmp_path / "nowhere" / "soffice"))


def test_without_libreoffice_the_message_names_the_package(tmp_path: Path, monkeypatch, capsys):
    no_libreoffice(monkeypatch, tmp_path)
    target = tmp_path / "报告.pdf"
    assert main(["export", str(EXAMPLE), "--format", "pdf", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "需要 LibreOffice" in err and "libreoffice-writer" in err and "Traceback" not in err
    assert not target.exists()


def failing_libreoffice(tmp_path: Path) -> str:
    """A stand-in for soffice that fails as a broken installation does."""
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(program)


def test_a_failed_conversion_is_a_message(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "libreoffice", lambda: failing_libreoffice(tmp_path))
    target = tmp_path / "报告.pdf"
    assert main(["export", str(EXAMPLE), "--format", "pdf", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "LibreOffice 没能把 Word 文档转换为 PDF（退出码 1）" in err
    assert "Traceback" not in err and not target.exists()


def offered(app) -> list[str]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_the_dialog_offers_pdf_only_where_libreoffice_is(example, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "libreoffice", lambda: None)
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "pdf" not in offered(app)
        await pilot.press("p")  # nothing happens: no PDF here
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportChoice"
        await pilot.press("escape")
        monkeypatch.setattr(pdf, "libreoffice", lambda: failing_libreoffice(tmp_path))
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert offered(app) == ["text", "html", "docx", "pdf", "json", "markdown"]
        await pilot.press("p")
        await pilot.pause()
        assert "导出失败：LibreOffice 没能把 Word 文档转换为 PDF" in status(app)
    assert not example.with_suffix(".pdf").exists()
