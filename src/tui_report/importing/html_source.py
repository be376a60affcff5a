"""A saved web page as text: paragraphs one per line, and each table row as one
tab-separated line with rowspan and colspan expanded (standard library only).

The page is first read into a small tree, forgiving as browsers are about tags
left open. A table that holds another table is page layout, not data: its cells
are read as blocks of text, like the rest of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .cells import classify

_BLOCKS = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "section", "article", "title", "caption", "tr"}
    | {f"h{level}" for level in range(1, 7)}
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed"}
)
_CELLS = frozenset({"td", "th"})
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_SCOPES = frozenset({"td", "th", "table", "caption"})  # an end tag does not close across these
_MAX_SPAN = 100
_MAX_DEPTH = 200  # keeps the reading of the tree well inside Python's recursion limit


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CELLS:
            self._close_open({"td", "th"}, until={"tr", "table"})
        elif tag == "tr":
            self._close_open({"tr"}, until={"table"})
        elif tag in _ROW_GROUPS:
            self._close_open(_ROW_GROUPS, until={"table"})
        elif tag == "p":
            self._close_open({"p"}, until=_SCOPES | {"div", "li"})
        if len(self.stack) >= _MAX_DEPTH:
            return  # deeper nesting than any real page: its text joins the parent
        node = _Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        scopes = {"table"} if tag in _CELLS | {"tr"} | _ROW_GROUPS else _SCOPES - {tag}
        if tag == "table":
            scopes = set()
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag in scopes:
                return  # a stray end tag: ignored, as browsers do

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_open(
        self, tags: set[str] | frozenset[str], until: set[str] | frozenset[str]
    ) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag in tags:
                del self.stack[depth:]
                return
            if self.stack[depth].tag in until:
                return


# --- the tree as text ---------------------------------------------------------------------


class _Writer:
    """Lines of text: inline text joins the current line, blocks start new ones."""

    def __init__(self) -> None:
        self.lines: list[str] = [""]

    def inline(self, text: str) -> None:
        self.lines[-1] += re.sub(r"[ \t\r\n]+", " ", text)

    def newline(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def write(self, node: _Node | str) -> None:
        if isinstance(node, str):
            self.inline(node)
        elif node.tag in _SKIP:
            return
        elif node.tag == "table":
            self.newline()
            if _is_layout(node):
                for child in _cells_and_loose_text(node):
                    self.newline()
                    self.write(child)
            else:
                for line in _table_lines(node):
                    self.lines[-1] = line
                    self.lines.append("")
            self.newline()
        elif node.tag in _BLOCKS or node.tag in _CELLS:
            self.newline()
            for child in node.children:
                self.write(child)
            self.newline()
        else:
            for child in node.children:
                self.write(child)


def _rows(table: _Node) -> list[_Node]:
    """The rows of a table (not of tables inside it), through thead/tbody/tfoot."""
    found: list[_Node] = []
    for child in table.children:
        if isinstance(child, _Node):
            if child.tag == "tr":
                found.append(child)
            elif child.tag in _ROW_GROUPS:
                found += _rows(child)
    return found


def _cells_and_loose_text(table: _Node) -> list[_Node | str]:
    """Everything of a layout table in reading order: captions, cells, stray text."""
    found: list[_Node | str] = []
    for child in table.children:
        if isinstance(child, str) or child.tag not in ({"tr"} | _ROW_GROUPS):
            found.append(child)
        elif child.tag == "tr":
            found += child.children
        else:
            found += _cells_and_loose_text(child)
    return found


def _is_layout(table: _Node) -> bool:
    return any(_contains_table(cell) for row in _rows(table) for cell in row.children)


def _contains_table(node: _Node | str) -> bool:
    if isinstance(node, str):
        return False
    return node.tag == "table" or any(_contains_table(child) for child in node.children)


def _flat_text(node: _Node | str) -> str:
    """A cell's text on one line (its paragraphs and line breaks become spaces)."""
    if isinstance(node, str):
        return node
    if node.tag in _SKIP:
        return ""
    inner = "".join(_flat_text(child) for child in node.children)
    return f" {inner} " if node.tag in _BLOCKS else inner


def _table_lines(table: _Node) -> list[str]:
    """A caption or text outside the cells first, then one tab-separated line per row."""
    lines = [
        text
        for child in table.children
        if (isinstance(child, str) or child.tag not in {"tr"} | _ROW_GROUPS)
        and (text := _collapse(_flat_text(child)))
    ]
    grid = _Grid()
    for row in _rows(table):
        grid.add_row(
            [
                (_collapse(_flat_text(cell)), _span(cell, "rowspan"), _span(cell, "colspan"))
                for cell in row.children
                if isinstance(cell, _Node) and cell.tag in _CELLS
            ]
        )
    return lines + ["\t".join(row) for row in grid.rows()]


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _span(cell: _Node, name: str) -> int:
    try:
        return max(1, min(int(cell.attrs.get(name) or 1), _MAX_SPAN))
    except ValueError:
        return 1


class _Grid:
    """Rows of cells with rowspan and colspan expanded into a rectangle.

    A label spanning rows or columns is repeated in each; a number spanning them is
    one value, so it is written once (the other places it covers stay out of the text).
    """

    def __init__(self) -> None:
        self._rows: list[list[str | None]] = []
        self._below: dict[tuple[int, int], str | None] = {}  # places a rowspan above fills

    def add_row(self, cells: list[tuple[str, int, int]]) -> None:
        index = len(self._rows)
        row: list[str | None] = []
        self._fill_from_above(index, row)
        for text, rowspan, colspan in cells:
            once = classify(text) == "number"
            for n in range(colspan):
                shown = None if once and n else text
                for below in range(1, rowspan):
                    self._below[(index + below, len(row))] = None if once else text
                row.append(shown)
                self._fill_from_above(index, row)
        self._rows.append(row)

    def _fill_from_above(self, index: int, row: list[str | None]) -> None:
        while (index, len(row)) in self._below:
            row.append(self._below.pop((index, len(row))))

    def rows(self) -> list[list[str]]:
        shown = [[cell for cell in row if cell is not None] for row in self._rows]
        return [row for row in shown if any(row)]


def html_to_text(html: str) -> str:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    writer = _Writer()
    writer.write(builder.root)
    return "\n".join(line.strip() for line in writer.lines if line.strip())
