"""The editor's top line: agency · year · file name · last year's file · [未保存].

However long the agency's name or the note on last year's report, the file name and
the [未保存] marker stay on the line: the agency is shortened first (to a few
characters), then the note, then the file name (in its middle), never the marker.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from ...document.document import ReportDocument
from ...document.fields import written_year
from ...text.textwidth import shorten
from ..widgets.literal import visible

MARKER = " [未保存]"
MIN_AGENCY = 8  # columns of the agency kept before the note or the file name is shortened


def _shorten_middle(text: str, limit: int) -> str:
    """``很长的文件名…2024.toml``: the end of a file name says most."""
    if cell_len(text) <= limit:
        return text
    if limit <= 1:
        return "…"[:limit]
    tail = ""
    for ch in reversed(text):
        if cell_len(ch + tail) > (limit - 1) // 2:
            break
        tail = ch + tail
    head = shorten(text, limit - cell_len(tail), cell_len)
    return head + tail if head.endswith("…") else head[:-1] + "…" + tail


def header_text(
    agency: str,
    year: str,
    file_name: str,
    previous: str | None,
    modified: bool,
    width: int,
) -> Text:
    """The line for ``width`` columns (one leading space, as the panes have)."""
    agency, file_name = visible(agency), visible(file_name)
    note = f" · 上年：{visible(previous)}" if previous else ""
    marker = MARKER if modified else ""
    fixed = f" · {year} · "

    def used(a: str, f: str, n: str) -> int:
        return 1 + cell_len(a) + cell_len(fixed) + cell_len(f) + cell_len(n) + cell_len(marker)

    if used(agency, file_name, note) > width:  # the agency first, to a few characters
        room = width - used("", file_name, note)
        agency = shorten(agency, max(room, MIN_AGENCY), cell_len)
    if used(agency, file_name, note) > width and note:  # then the note on last year's file
        room = width - used(agency, file_name, "")
        note = shorten(note, room, cell_len) if room >= cell_len(" · 上年：…") + 4 else ""
    if used(agency, file_name, note) > width:  # then the file name, in its middle
        room = width - used(agency, "", note)
        file_name = _shorten_middle(file_name, max(room, 6))
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f" {agency}{fixed}{file_name}{note}")
    if marker:
        text.append(marker, style="bold")
    if cell_len(text.plain) > width:  # narrower than any sensible terminal: keep the marker
        keep = width - cell_len(marker)
        text = Text(shorten(text.plain[: len(text.plain) - len(marker)], keep, cell_len), end="")
        if marker:
            text.append(marker, style="bold")
    return text


class HeaderLine(Static):
    """The top line of the editor, for its document."""

    def __init__(self, document: ReportDocument, *, id: str) -> None:
        super().__init__(id=id)
        self.document = document
        self._shown: Text | None = None
        self._line: tuple[str, str, str, str | None, bool, int] | None = None

    def show_header(self, again: bool = False) -> None:
        """Show the line as the document is now (repainted only when it changes;
        ``again``: laid out anew, the width changed)."""
        if again:
            self._shown = self._line = None
        report, previous = self.document.report, self.document.previous
        written = written_year(report)
        if report.year is not None:
            year = f"{written}年度"
        else:
            year = f"年度“{written}”不合格" if written else "年度未填"
        line = (
            report.agency or "（未填发布机关）",
            year,
            self.document.loaded.path.name,
            Path(previous.path).name if previous and previous.path else None,
            self.document.modified,
            self.size.width or self.app.size.width,
        )
        if line == self._line:  # the same line: nothing laid out or measured again
            return
        self._line = line
        text = header_text(*line)
        if text != self._shown:
            self._shown = text
            self.update(text, layout=False)
