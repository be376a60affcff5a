"""A saved web page read into a small tree, forgiving as browsers are.

Tags left open are closed where browsers close them (a new cell closes the open
cell, a new row the open row, a table start outside any cell the open table);
stray end tags are ignored; Word's conditional markers (``<![if !supportLists]>``)
are dropped and what they reveal is kept. Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .problems import ImportFailure

VOID = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed"}
)
CELLS = frozenset({"td", "th"})
ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
TABLE_PARTS = frozenset({"table", "tr", "caption"}) | CELLS | ROW_GROUPS
_SCOPES = frozenset({"td", "th", "table", "caption"})  # an end tag does not close across these
_CONTAINERS = frozenset({"p", "div", "li", "ul", "ol", "section", "article", "form", "center"})
# Nesting beyond any real page is flattened, which keeps reading the tree well inside
# Python's recursion limit: past the first depth only table parts still nest, past the
# second nothing does (the text stays, in the element around it).
_FLAT_BEYOND = 150
_NOTHING_BEYOND = 300
_CONDITIONAL = re.compile(r"<!\[(?!CDATA\[)[^>]*\]?>")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


def parse_html(html: str) -> Node:
    """The tree of a page; ImportFailure if the parser gives up on it."""
    builder = _TreeBuilder()
    try:
        builder.feed(_CONDITIONAL.sub("", html))
        builder.close()
    except Exception as exc:  # html.parser raises assertion and value errors on some junk
        raise ImportFailure(
            f"网页无法解析（{exc}）；可在浏览器中打开，复制文字保存为 .txt 后导入"
        ) from None
    return builder.root


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CELLS:
            self._close_open(CELLS, until={"tr", "table"})
        elif tag == "tr":
            self._close_open({"tr"}, until={"table"})
        elif tag in ROW_GROUPS:
            self._close_open(ROW_GROUPS, until={"table"})
        elif tag == "table" and self._innermost(_SCOPES) == "table":
            self._close_open({"table"}, until=set())  # a table cannot start between cells
        elif tag == "p":
            self._close_open({"p"}, until=_SCOPES | _CONTAINERS - {"p"})
        depth = len(self.stack)
        if depth >= _NOTHING_BEYOND or (depth >= _FLAT_BEYOND and tag not in TABLE_PARTS):
            return
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag == "table":
            scopes: frozenset[str] | set[str] = set()
        elif tag in CELLS | {"tr"} | ROW_GROUPS:
            scopes = {"table"}
        else:
            scopes = _SCOPES - {tag}
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
            if self.stack[depth].tag in scopes:
                return  # a stray end tag: ignored, as browsers do

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _innermost(self, tags: frozenset[str]) -> str | None:
        for node in reversed(self.stack):
            if node.tag in tags:
                return node.tag
        return None

    def _close_open(
        self, tags: frozenset[str] | set[str], until: frozenset[str] | set[str]
    ) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag in tags:
                del self.stack[depth:]
                return
            if self.stack[depth].tag in until:
                return
