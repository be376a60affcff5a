"""A Word document (.docx) as text: each paragraph a line, each table row one
tab-separated line read from the table's grid (merged cells expanded once, see ``grid``).

Word merges cells across columns with ``gridSpan`` and down rows with ``vMerge``
(the first cell ``restart``, the ones below ``continue``); both become the same
published cell in the grid, as ``colspan`` and ``rowspan`` do on a web page.

A .docx is a zip archive, and a small archive can inflate to gigabytes (a 649 KB file
of 200 MB of paragraphs, 1 MB holding 1 GiB of spaces). Before python-docx reads it,
each member's size and compression ratio, as the archive's directory states them, are
checked against limits; zipfile itself never inflates a member past the size its
directory states (a member that holds more fails its CRC check), so the limits bound
what is read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..environment import install_hint
from .grid import MAX_SPAN, Grid
from .problems import ImportFailure

_SPACES = re.compile(r"\s+")

MAX_PART_BYTES = 16 * 1024 * 1024  # one member inflated: a long report's document.xml is ~2 MB
MAX_UNPACKED_BYTES = 96 * 1024 * 1024  # all members, pictures included
MAX_RATIO = 100  # inflated / stored, for a member over RATIO_FROM (Word's XML: 5–20)
RATIO_FROM = 1024 * 1024
MAX_MEMBERS = 10_000
# Paragraphs, those in table cells included: a long report has 1,000–2,000. python-docx
# reads ~25,000 a second, so this bounds the time a small file full of them takes.
MAX_PARAGRAPHS = 20_000
_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_DAMAGED = (
    "无法读取 Word 文件：文件已损坏，或不是 .docx 格式"
    "（可在 Word 或 WPS 中打开后另存为 .docx，或另存为网页 .html 后导入）"
)


def check_package(data: bytes) -> None:
    """Refuse an archive that would inflate beyond the limits (a decompression bomb),
    by the sizes its directory states, before anything is inflated."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFailure(_DAMAGED) from None
    if len(members) > MAX_MEMBERS:
        raise ImportFailure(f"Word 文件中的部件过多（{len(members)} 个），不像是一份年度报告")
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_PART_BYTES or total > MAX_UNPACKED_BYTES:
            raise ImportFailure(
                f"Word 文件解压后过大（其中“{member.filename}”有 {_megabytes(size)}，"
                f"上限为每个部件 {_megabytes(MAX_PART_BYTES)}、"
                f"合计 {_megabytes(MAX_UNPACKED_BYTES)}），不像是一份年度报告"
            )
        if size > RATIO_FROM and size > MAX_RATIO * max(member.compress_size, 1):
            raise ImportFailure(
                f"Word 文件中的“{member.filename}”压缩比异常（{_megabytes(size)} 压缩成 "
                f"{member.compress_size} 字节，超过 {MAX_RATIO} 倍），不像是一份年度报告，"
                "不予解压"
            )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def docx_text(source: Path | bytes) -> str:
    return docx_text_and_headings(source)[0]


def docx_text_and_headings(source: Path | bytes) -> tuple[str, frozenset[int]]:
    """The document's text (each paragraph a line, each table row a tab-separated line)
    and the numbers (from 1) of the lines that its heading styles mark as headings."""
    try:
        import docx  # python-docx, ~80 ms: only for a .docx
    except ImportError:
        raise ImportFailure(
            f"读取 Word 文件需要 python-docx。{install_hint('python-docx')}"
            "（或在 Word 中另存为网页 .html 后导入）"
        ) from None
    data = source if isinstance(source, bytes) else source.read_bytes()
    check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # zipfile, lxml and python-docx raise many kinds of errors (in English)
        raise ImportFailure(_DAMAGED) from None
    paragraphs = sum(1 for _ in document.element.body.iter(_PARAGRAPH))
    if paragraphs > MAX_PARAGRAPHS:
        raise ImportFailure(
            f"Word 文件的段落过多（{paragraphs} 段，上限 {MAX_PARAGRAPHS} 段），不像是一份年度报告"
        )
    lines: list[str] = []
    headings: set[int] = set()
    is_heading = _heading_test(document)
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines += table_lines(block)
            continue
        texts = [line.strip() for line in _LINE_BREAK.split(block.text) if line.strip()]
        if is_heading(block):
            headings.update(range(len(lines) + 1, len(lines) + len(texts) + 1))
        lines += texts
    return "\n".join(lines) + "\n", frozenset(headings)


_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0c]")  # what the import reads as the end of a line


def _heading_test(document: Any) -> Callable[[Any], bool]:
    """Whether a paragraph has a heading style (``Heading 1``, ``标题 1``, ``Title``).

    The styles are named once: python-docx's ``paragraph.style`` searches every style of
    the document for each paragraph (20,000 paragraphs and 300 styles took 18 s)."""
    from docx.enum.style import WD_STYLE_TYPE  # (python-docx is loaded by now)

    ids: set[str] = set()
    for style in document.styles:
        try:
            if (style.name or "").lower().startswith(("heading", "标题", "title")):
                ids.add(style.style_id)
        except Exception:  # a style python-docx cannot read: not a heading it can tell
            continue
    try:
        default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    except Exception:
        default = None
    unstyled = default is not None and default.style_id in ids

    def is_heading(paragraph: Any) -> bool:
        style_id = paragraph._p.style  # the paragraph's own style (python-docx: no public id)
        return unstyled if style_id is None else style_id in ids

    return is_heading


def table_lines(table: Any) -> list[str]:
    """One tab-separated line per row of a python-docx table."""
    grid = Grid()
    for row in table.rows:
        cells: list[tuple[str, int, int]] = []
        continued: set[int] = set()
        before = min(getattr(row, "grid_cols_before", 0) or 0, MAX_SPAN)
        cells += [("", 1, 1)] * before  # a row that starts further right (w:gridBefore)
        for tc in row._tr.tc_lst:  # the row's own cells, each once (python-docx has no public list)
            if tc.vMerge == "continue":
                continued.add(len(cells))
            cells.append((_cell_text(tc), 1, tc.grid_span))
        grid.add_row(cells, continued)
    return ["\t".join(row) for row in grid.rows()]


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs on one line (its line breaks become spaces)."""
    from docx.table import _Cell  # (with docx, above)

    cell = _Cell(tc, None)  # type: ignore[arg-type]  # its paragraphs need no table
    text = " ".join(p.text for p in cell.paragraphs)
    return _SPACES.sub(" ", text).strip()
