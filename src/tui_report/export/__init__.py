"""Exports of a report, by name: ``text`` (the official plain-text layout), ``html``
(a page, or a fragment for a portal editor), ``docx`` (Word), ``pdf`` (the Word file
printed by LibreOffice, where it is installed), ``json`` and ``markdown``. Each writer
is imported when used: a plain-text export does not load tabulate's neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..report.model import Report

DEFAULT_WIDTH = 100


@dataclass(frozen=True)
class ExportFormat:
    """One kind of export: its name on the command line, what users call it, what it is
    for, and its file suffix."""

    name: str
    label: str
    purpose: str
    suffix: str
    binary: bool = False


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("text", "纯文本", "表格用字符画出，只在等宽的中文字体中对齐", ".txt"),
        ExportFormat("html", "网页", "官方模板的表格，供门户网站发布或打印", ".html"),
        ExportFormat("docx", "Word 文档", "官方模板的表格，A4 公文版式", ".docx", binary=True),
        ExportFormat("pdf", "PDF", "Word 文档经 LibreOffice 排版，供门户网站附件", ".pdf", True),
        ExportFormat("json", "JSON", "供其他程序处理", ".json"),
        ExportFormat("markdown", "Markdown", "标题、段落和表格", ".md"),
    )
}


class ExportError(Exception):
    """An export that could not be made (a PDF without LibreOffice, a conversion that
    failed); ``message`` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def available_formats() -> dict[str, ExportFormat]:
    """The formats this computer can export: PDF only where LibreOffice is installed."""
    from .pdf import pdf_available

    return {name: kind for name, kind in EXPORT_FORMATS.items() if name != "pdf" or pdf_available()}


def render(
    report: Report,
    name: str,
    width: int = DEFAULT_WIDTH,
    fragment: bool = False,
    title: bool | None = None,
) -> bytes:
    """The export ``name`` of a report, as the bytes of its file (UTF-8 for text);
    ``fragment`` and ``title`` for HTML (see ``html.render_html``). ``ExportError``
    when it cannot be made."""
    if name == "docx":
        from .word import export_docx

        return export_docx(report)
    if name == "pdf":
        from .pdf import export_pdf

        return export_pdf(report)
    if name == "html":
        text = export_html(report, fragment, title)
    elif name == "json":
        text = export_json(report)
    elif name == "markdown":
        text = export_markdown(report)
    else:
        text = export_text(report, width)
    return text.encode("utf-8")


def export_text(report: Report, max_width: int = DEFAULT_WIDTH) -> str:
    from .text import export_text as write

    return write(report, max_width)


def export_html(report: Report, fragment: bool = False, title: bool | None = None) -> str:
    from .html import export_html as write

    return write(report, fragment, title)


def export_json(report: Report) -> str:
    from .json_export import export_json as write

    return write(report)


def export_markdown(report: Report) -> str:
    from .markdown import export_markdown as write

    return write(report)


def export_docx(report: Report) -> bytes:
    from .word import export_docx as write

    return write(report)


__all__ = [
    "DEFAULT_WIDTH",
    "EXPORT_FORMATS",
    "ExportError",
    "ExportFormat",
    "available_formats",
    "export_docx",
    "export_html",
    "export_json",
    "export_markdown",
    "export_text",
    "render",
]
