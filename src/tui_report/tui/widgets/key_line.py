"""The line of keys at the bottom of the editor and of the folder view.

It is laid out for the width it has: where the whole line does not fit, the keys
at its end go first, except the ones a newcomer needs on any screen (帮助 and 退出),
which stay where they are. A key a terminal may take for itself (F1 opens the help
of GNOME's and Xfce's terminals) is shown after the key that always works.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import Static


class KeyEntry(NamedTuple):
    """One key on the line: as shown (``^S``, ``?/F1``), its label, and whether it stays
    when the line is too narrow for every key."""

    key: str
    label: str
    kept: bool = False


def _width(entries: list[KeyEntry]) -> int:
    return sum(cell_len(f" {e.key} {e.label} ") for e in entries)


def key_line(entries: list[KeyEntry], width: int) -> Text:
    """The keys that fit ``width`` cells, in their order (the last ones not kept go first)."""
    shown = list(entries)
    while _width(shown) > width and any(not e.kept for e in shown):
        last = max(i for i, e in enumerate(shown) if not e.kept)
        del shown[last]
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    for entry in shown:
        text.append(f" {entry.key} ", style="bold reverse")
        text.append(f"{entry.label} ")
    return text


class KeyLine(Static):
    """The key line, laid out again at every new width."""

    def __init__(self, entries: list[KeyEntry], **kwargs: Any) -> None:
        super().__init__(key_line(entries, _width(entries)), **kwargs)
        self.entries = entries

    def on_resize(self, event: events.Resize) -> None:
        self.update(key_line(self.entries, event.size.width))
