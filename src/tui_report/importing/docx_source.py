"""A Word document (.docx) as text: each paragraph a line, each table row one
tab-separated line read from the table's grid (merged cells expanded once, see ``grid``).

Word merges cells across columns with ``gridSpan`` and down rows with ``vMerge``
(the first cell ``restart``, the ones below ``continue``); both become the same
published cell in the grid, as ``colspan`` and ``rowspan`` do on a web page.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .grid import Grid
from .problems import ImportFailure

_SPACES = re.compile(r"\s+")


def docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError:
        from ..environment import install_hint

        raise ImportFailure(
            f"读取 Word 文件需要 python-docx。{install_hint('python-docx')}"
            "（或在 Word 中另存为网页 .html 后导入）"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception:  # zipfile, lxml and python-docx raise many kinds of errors (in English)
        raise ImportFailure(
            "无法读取 Word 文件：文件已损坏，或不是 .docx 格式"
            "（可在 Word 或 WPS 中打开后另存为 .docx，或另存为网页 .html 后导入）"
        ) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines += table_lines(block)
        else:
            lines += [line.strip() for line in block.text.split("\n") if line.strip()]
    return "\n".join(lines) + "\n"


def table_lines(table: Any) -> list[str]:
    """One tab-separated line per row of a python-docx table."""
    grid = Grid()
    for row in table.rows:
        cells: list[tuple[str, int, int]] = []
        continued: set[int] = set()
        before = getattr(row, "grid_cols_before", 0) or 0
        cells += [("", 1, 1)] * before  # a row that starts further right (w:gridBefore)
        for tc in row._tr.tc_lst:  # the row's own cells, each once (python-docx has no public list)
            if tc.vMerge == "continue":
                continued.add(len(cells))
            cells.append((_cell_text(tc), 1, tc.grid_span))
        grid.add_row(cells, continued)
    return ["\t".join(row) for row in grid.rows()]


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs on one line (its line breaks become spaces)."""
    from docx.table import _Cell

    text = " ".join(p.text for p in _Cell(tc, None).paragraphs)
    return _SPACES.sub(" ", text).strip()
