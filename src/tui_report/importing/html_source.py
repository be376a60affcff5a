"""A saved web page as text: paragraphs one per line, and each table row as one
tab-separated line, read from the table's grid (see ``grid``).

A table that holds another table is page layout, not data: its cells are read as
blocks of text, like the rest of the page. A line break in the page's source
between two Chinese characters is not a space (Word wraps its HTML anywhere).
"""

from __future__ import annotations

import re

from .grid import MAX_SPAN, Grid
from .html_tree import CELLS, Node, parse_html
from .sections import has_report_title

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_BLOCKS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "section", "article", "title", "caption", "tr"}
    | {"table", "form", "center", "blockquote", "dl", "dt", "dd", "pre"}
    | _HEADINGS
    | CELLS
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})

_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_BREAK = re.compile(r"[ \t\r\f\xa0]*\n\s*")
_BREAK_IN_CHINESE = re.compile(f"(?<=[{_CJK}])\n(?=[{_CJK}])")


def html_to_text(html: str) -> str:
    """The page's text; its ``<title>`` first when the report's title is only there
    (portals often show the title outside the article, from the page's title)."""
    return html_text_and_headings(html)[0]


def html_text_and_headings(html: str) -> tuple[str, frozenset[int]]:
    """The page's text (see ``html_to_text``) and the numbers (from 1) of its lines that
    the page marks as headings (``<h1>``–``<h6>``)."""
    tree = parse_html(html)
    writer = _Writer()
    writer.write(tree)
    writer.newline()
    headings = writer.headings
    title = _page_title(tree)
    if title and has_report_title([title]) and not has_report_title(writer.lines):
        writer.lines.insert(0, title)
        headings = {index + 1 for index in headings}
    return "\n".join(writer.lines), frozenset(index + 1 for index in headings)


def _page_title(node: Node) -> str | None:
    for child in node.children:
        if isinstance(child, str):
            continue
        if child.tag == "title":
            return _tidy(_flat_text(child)) or None
        if child.tag in ("html", "head"):
            found = _page_title(child)
            if found:
                return found
    return None


def _tidy(text: str) -> str:
    """Source whitespace as one space, except a line break inside Chinese text."""
    text = _BREAK_IN_CHINESE.sub("", _BREAK.sub("\n", text))
    return re.sub(r"\s+", " ", text).strip()


class _Writer:
    """Lines of text: inline text joins the current line, blocks start new ones."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.headings: set[int] = set()  # indexes of the lines written by <h1>–<h6>

    def newline(self) -> None:
        text = _tidy("".join(self.current))
        if text:
            self.lines.append(text)
        self.current = []

    def write(self, node: Node | str) -> None:
        if isinstance(node, str):
            self.current.append(node)
        elif node.tag in _SKIP:
            return
        elif node.tag == "table" and not _is_layout(node):
            self.newline()
            self.lines += _table_lines(node)
        elif node.tag in _BLOCKS:
            self.newline()
            first = len(self.lines)
            for child in node.children:
                self.write(child)
            self.newline()
            if node.tag in _HEADINGS:
                self.headings.update(range(first, len(self.lines)))
        else:
            for child in node.children:
                self.write(child)


# --- a data table ---------------------------------------------------------------------


def _find(node: Node, wanted: frozenset[str]) -> list[Node]:
    """The nearest ``wanted`` elements inside ``node``, looking through any wrapper
    element (``<tbody>``, ``<font>``, ``<form>``) but not into a table inside it."""
    found: list[Node] = []
    for child in node.children:
        if isinstance(child, str):
            continue
        if child.tag in wanted:
            found.append(child)
        elif child.tag != "table":
            found += _find(child, wanted)
    return found


_ROWS = frozenset({"tr"})
_ROW_PARTS = frozenset({"tr", "table"}) | CELLS


def _is_layout(table: Node) -> bool:
    cells = [cell for row in _find(table, _ROWS) for cell in _find(row, CELLS)]
    return any(_contains_table(cell) for cell in cells)


def _contains_table(node: Node | str) -> bool:
    if isinstance(node, str):
        return False
    return node.tag == "table" or any(_contains_table(child) for child in node.children)


def _flat_text(node: Node | str) -> str:
    """A cell's text on one line (its paragraphs and line breaks become spaces)."""
    if isinstance(node, str):
        return node
    if node.tag in _SKIP:
        return ""
    inner = "".join(_flat_text(child) for child in node.children)
    return f" {inner} " if node.tag in _BLOCKS else inner


def _loose_text(node: Node) -> list[str]:
    """Text of a table outside its rows: a caption, or words between the rows."""
    found: list[str] = []
    pending = ""
    for child in node.children:
        if isinstance(child, str):
            pending += child
        elif child.tag == "tr" or (child.tag not in _ROW_PARTS and _find(child, _ROW_PARTS)):
            # a row (text in it outside its cells), or a wrapper of rows or cells
            found += [text for text in [_tidy(pending)] if text] + _loose_text(child)
            pending = ""
        elif child.tag not in _ROW_PARTS:
            pending += _flat_text(child)
    return found + [text for text in [_tidy(pending)] if text]


def _table_lines(table: Node) -> list[str]:
    """A caption or text outside the rows first, then one tab-separated line per row."""
    grid = Grid()
    for row in _find(table, _ROWS):
        grid.add_row(
            [
                (_tidy(_flat_text(cell)), _span(cell, "rowspan"), _span(cell, "colspan"))
                for cell in _find(row, CELLS)
            ]
        )
    return _loose_text(table) + ["\t".join(row) for row in grid.rows()]


def _span(cell: Node, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name) or 1), MAX_SPAN))
    except ValueError:
        return 1
