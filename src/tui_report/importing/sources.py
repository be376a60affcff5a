"""What people have: text files in UTF-8 or GB18030/GBK, saved web pages, PDF and Word files."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..environment import install_hint
from ..storage.files import os_reason
from ..storage.reading import MAX_FILE_BYTES
from .docx_source import docx_text_and_headings
from .html_source import html_text_and_headings
from .problems import ImportFailure

MAX_INPUT_BYTES = 4 * MAX_FILE_BYTES  # a PDF with embedded fonts is larger than its text
MAX_TEXT_BYTES = MAX_FILE_BYTES  # the text read from it (UTF-8): a long report has ~200 KB
# A saved web page (Word's pages carry their styles: a few MB). Python's HTML parser reads
# about 0.5 MB a second: a page is refused before it is parsed where it would take long.
MAX_PAGE_BYTES = 2 * MAX_FILE_BYTES


def decode(data: bytes) -> tuple[str, str]:
    """Text and the name of its encoding: UTF-8 (with or without BOM), UTF-16 with BOM,
    or GB18030 (which includes GBK and GB2312)."""
    if not data.strip():
        raise ImportFailure("文件是空的")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8（带 BOM）"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise ImportFailure("这不是文本文件（含有二进制内容）")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailure(
            "无法识别文件的编码（既不是 UTF-8，也不是 GB18030/GBK）", line
        ) from None


def pdf_text(path: Path) -> str:
    try:
        import pypdf  # optional, and ~100 ms: only for a PDF
    except ImportError:
        raise ImportFailure(
            f"读取 PDF 需要 pypdf。{install_hint('pypdf')}"
            "（或从 PDF 阅读器中复制文字，保存为 .txt 后导入）"
        ) from None
    import logging  # (only with pypdf, whose notes it quiets)

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not for users
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportFailure("PDF 已加密，无法提取文字")
        return "\n".join((page.extract_text() or "").strip("\n") for page in reader.pages)
    except ImportFailure:
        raise
    except Exception:  # pypdf raises many kinds of errors on damaged files (in English)
        raise ImportFailure(
            "无法从 PDF 中提取文字：文件已损坏，或不是 PDF 格式"
            "（可在 PDF 阅读器中打开后复制全部文字，保存为 .txt 后导入）"
        ) from None


OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # a compound file: Word 97–2003 (.doc, .wps), or encrypted Office
# The stream that holds an encrypted .docx (or .xlsx) inside a compound file (MS-OFFCRYPTO),
# named in the file's directory in UTF-16.
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _compound_file_reason(data: bytes) -> str:
    """Why a compound file cannot be imported: a .docx with a password to open is kept
    encrypted inside one; anything else there is the old binary Word format."""
    if _ENCRYPTED_PACKAGE in data:
        return (
            "这个 Word 文件设有打开密码（已加密），无法读取：请在 Word 或 WPS 中用密码打开，"
            "取消密码后另存为 .docx 再导入"
        )
    return "这是旧版 Word 文件（.doc），请在 Word 或 WPS 中另存为 .docx 后导入"


class Source(NamedTuple):
    """The text of a file to import, what kind of input it was, its encoding (None for
    PDF and Word) and the numbers of the lines the file itself marks as headings (a web
    page's ``<h1>``–``<h6>``, a Word file's heading styles)."""

    text: str
    kind: str
    encoding: str | None
    headings: frozenset[int] = frozenset()


def read_input(path: Path) -> Source:
    """The text of a file to import; refused where the text is longer than any report's
    (``MAX_TEXT_BYTES``)."""
    source = _read_input(path)
    text = source.text
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_TEXT_BYTES:
        raise ImportFailure(
            f"文件中的文字过多（{size / 1024 / 1024:.1f} MB，"
            f"上限 {MAX_TEXT_BYTES / 1024 / 1024:.0f} MB），不像是一份年度报告"
        )
    return source


def _read_input(path: Path) -> Source:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ImportFailure("这是一个目录，不是要导入的文件")
        if size > MAX_INPUT_BYTES:
            raise ImportFailure(f"文件过大（{size} 字节），不像是一份年度报告")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure("找不到文件") from None
    except PermissionError:
        raise ImportFailure("没有读取这个文件的权限") from None
    except OSError as exc:
        raise ImportFailure(f"无法读取文件：{os_reason(exc)}") from None
    if data.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        return Source(pdf_text(path), "PDF", None)
    if data.startswith(OLE_MAGIC):
        raise ImportFailure(_compound_file_reason(data))
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        text, headings = docx_text_and_headings(data)
        return Source(text, "Word 文件", None, headings)
    text, encoding = decode(data)
    head = text.lstrip()[:500].lower()
    if path.suffix.lower() in (".html", ".htm") or head.startswith(("<!doctype html", "<html")):
        if len(data) > MAX_PAGE_BYTES:
            raise ImportFailure(
                f"网页文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 "
                f"{MAX_PAGE_BYTES / 1024 / 1024:.0f} MB），不像是一份年度报告的网页"
                "（可在浏览器中打开后复制正文，保存为 .txt 后导入）"
            )
        page, headings = html_text_and_headings(text)
        return Source(page, "网页", encoding, headings)
    return Source(text, "文本", encoding)
