"""The kinds of export, by name, and what stops one: shared by the writers and their callers."""

from __future__ import annotations

from dataclasses import dataclass

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
