"""PDF, as many portals attach it: our own Word file laid out and printed by LibreOffice
(``soffice --headless --convert-to pdf``), so the PDF is the page a leader signed.

LibreOffice runs in a fresh temporary folder of its own: its profile there (so that it
neither waits for nor disturbs a LibreOffice the user has open, and reads no settings
left by anyone), the .docx and the PDF it makes. Its fonts are the report's, with the
stand-ins of ``fonts`` where a named font is missing (fontconfig aliases), so that a
server without 仿宋 still prints a serif body and sans-serif headings. The properties
of the Word file (title, author = the agency) become the PDF's.

Where LibreOffice is not installed, ``PdfUnavailable`` says which package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .fonts import fontconfig_aliases
from .kinds import ExportError

if TYPE_CHECKING:
    from ..report.model import Report

PROGRAMS = ("soffice", "libreoffice")
MAC_PROGRAM = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
TIMEOUT_SECONDS = 180
SYSTEM_FONTS = "/etc/fonts/fonts.conf"


class PdfUnavailable(ExportError):
    """LibreOffice, which makes the PDF, is not installed."""


MISSING = (
    "导出 PDF 需要 LibreOffice（找不到 soffice 命令）。请安装：Debian/Ubuntu 用 "
    "sudo apt-get install libreoffice-writer-nogui，CentOS/麒麟/统信用 "
    "sudo yum install libreoffice-writer，Windows、macOS 从 zh-cn.libreoffice.org 下载；"
    "也可以导出 Word 文档（--format docx），在 Word 或 WPS 中另存为 PDF"
)


def libreoffice() -> str | None:
    """The LibreOffice program that converts, or None where it is not installed."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return MAC_PROGRAM if os.access(MAC_PROGRAM, os.X_OK) else None


def pdf_available() -> bool:
    return libreoffice() is not None


def export_pdf(report: Report) -> bytes:
    from .word import export_docx  # python-docx: only when a PDF is made (pdf_available is not)

    return docx_to_pdf(export_docx(report))


def docx_to_pdf(document: bytes) -> bytes:
    """The PDF LibreOffice makes of a Word file."""
    program = libreoffice()
    if program is None:
        raise PdfUnavailable(MISSING)
    with tempfile.TemporaryDirectory(prefix="tui-report-pdf-") as folder:  # mode 0700
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(document)
        fonts = work / "fonts.conf"
        fonts.write_text(
            fontconfig_aliases(os.environ.get("FONTCONFIG_FILE") or SYSTEM_FONTS),
            encoding="utf-8",
        )
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        environment = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                env=environment,
                cwd=work,
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有转换完成，未导出 PDF"
            ) from None
        except OSError as exc:
            raise ExportError(f"无法运行 LibreOffice（{program}）：{exc.strerror}") from None
        made = work / "report.pdf"
        if done.returncode != 0 or not made.is_file():
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = f"（LibreOffice 的报错：{said[-1][:200]}）" if said else ""
            raise ExportError(
                f"LibreOffice 没能把 Word 文档转换为 PDF（退出码 {done.returncode}）{detail}"
            )
        return made.read_bytes()
