"""A saved web page as text: paragraphs one per line, and each table row as one
tab-separated line with rowspan and colspan expanded (standard library only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "title",
}
_SKIP = {"script", "style", "head", "noscript"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = [""]
        self.skip = 0
        self.tables: list[_Table] = []

    # text outside tables goes to ``out``; inside, to the innermost table's cell
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        values = dict(attrs)
        if tag == "table":
            self._newline()
            self.tables.append(_Table())
        elif self.tables and tag == "tr":
            self.tables[-1].start_row()
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].start_cell(_span(values.get("rowspan")), _span(values.get("colspan")))
        elif tag in _BLOCKS:
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(" ")
            else:
                self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag == "table" and self.tables:
            rows = self.tables.pop().finish()
            text = "\n".join("\t".join(row) for row in rows)
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append(text.replace("\n", " ").replace("\t", " "))
            else:
                self.out.append(text)
                self._newline()
        elif self.tables and tag in ("td", "th"):
            self.tables[-1].end_cell()
        elif self.tables and tag == "tr":
            self.tables[-1].end_row()
        elif tag in _BLOCKS and not self.tables:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
        elif not self.tables:
            self.out[-1] += re.sub(r"[ \t\r\n]+", " ", data)

    def _newline(self) -> None:
        if self.out[-1].strip():
            self.out.append("")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


class _Table:
    """Rows of cells with rowspan/colspan expanded into a rectangular grid."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.pending: dict[tuple[int, int], str] = {}  # (row, col) filled by a rowspan above
        self.current: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def start_row(self) -> None:
        self.end_row()
        self.current = []
        self._fill_pending()

    def _fill_pending(self) -> None:
        assert self.current is not None
        row = len(self.rows)
        while (row, len(self.current)) in self.pending:
            self.current.append(self.pending.pop((row, len(self.current))))

    def start_cell(self, rowspan: int, colspan: int) -> None:
        if self.current is None:
            self.start_row()
        self.end_cell()
        self.cell = []
        self.span = (rowspan, colspan)

    def end_cell(self) -> None:
        if self.cell is None or self.current is None:
            return
        text = re.sub(r"\s+", " ", "".join(self.cell)).strip()
        rowspan, colspan = self.span
        row = len(self.rows)
        for _ in range(colspan):
            column = len(self.current)
            self.current.append(text)
            for below in range(1, rowspan):
                self.pending[(row + below, column)] = text
            self._fill_pending()
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.current is not None:
            self.rows.append(self.current)
            self.current = None

    def finish(self) -> list[list[str]]:
        self.end_row()
        return [row for row in self.rows if any(cell for cell in row)]


def html_to_text(html: str) -> str:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    while parser.tables:
        parser.out.append("\n".join("\t".join(r) for r in parser.tables.pop().finish()))
    return "\n".join(line.strip() for line in parser.out if line.strip())
