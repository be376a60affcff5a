"""The one-line bar of the report's parts: 封面 一 二 … 六 校验.

A lighter stand-in for Textual's TabbedContent (which costs more start-up time
than the whole rest of the editor's first screen): one line, focusable, with
←/→ to move between parts, Enter to open one, and a mouse click. A key typed on
the bar (a digit after one ↑ too many) goes into the part, with the keys after it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class PartTabs(Widget, can_focus=True):
    DEFAULT_CSS = """
    PartTabs { height: 1; width: 1fr; }
    PartTabs > .part-tabs--active { text-style: bold reverse; }
    PartTabs:focus > .part-tabs--active { text-style: bold reverse underline; }
    """
    COMPONENT_CLASSES = {"part-tabs--active"}
    BINDINGS = [
        Binding("left", "step(-1)", "上一部分", show=False),
        Binding("right", "step(1)", "下一部分", show=False),
        Binding("enter,down", "open", "打开", show=False),
    ]

    class Typed(Message):
        """A key typed on the bar, for the part (the editor puts the focus there first)."""

        def __init__(self, bar: PartTabs, key: events.Key) -> None:
            super().__init__()
            self.bar = bar
            self.key = key

    class Chosen(Message):
        """A part was chosen on the bar (by key or click)."""

        def __init__(self, pane_id: str, focus: bool) -> None:
            super().__init__()
            self.pane_id = pane_id
            self.focus = focus

    def __init__(self, titles: list[str], pane_ids: list[str], active: str, id: str) -> None:
        super().__init__(id=id)
        self.titles = titles
        self.pane_ids = pane_ids
        self.active = active
        self._handing_on = False  # keys go on to the part until the focus has left

    def set_active(self, pane_id: str) -> None:
        if pane_id != self.active:
            self.active = pane_id
            self.refresh()

    def shown_titles(self) -> list[str]:
        """The titles, or only their numbers (一 总体 → 一) when the whole bar would
        not fit: at 60 columns 校验 fell off the end, even while it was open."""
        if sum(cell_len(title) + 2 for title in self.titles) <= self.size.width:
            return self.titles
        return [title.split()[0] for title in self.titles]

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        style = self.get_component_rich_style("part-tabs--active")
        for title, pane_id in zip(self.shown_titles(), self.pane_ids, strict=True):
            text.append(f" {title} ", style=style if pane_id == self.active else "")
        return text

    def _index(self) -> int:
        return self.pane_ids.index(self.active)

    def action_step(self, step: int) -> None:
        pane_id = self.pane_ids[(self._index() + step) % len(self.pane_ids)]
        self.post_message(self.Chosen(pane_id, focus=False))

    def action_open(self) -> None:
        self.post_message(self.Chosen(self.active, focus=True))

    def on_key(self, event: events.Key) -> None:
        typed = event.is_printable and bool(event.character) and event.character != "?"
        if self._handing_on or typed:
            event.stop()
            event.prevent_default()
            self._handing_on = True
            self.post_message(self.Typed(self, events.Key(event.key, event.character)))

    def on_blur(self) -> None:
        self._handing_on = False

    def on_click(self, event: events.Click) -> None:
        x = 0
        for title, pane_id in zip(self.shown_titles(), self.pane_ids, strict=True):
            x += cell_len(title) + 2
            if event.x < x:
                self.post_message(self.Chosen(pane_id, focus=True))
                return
