"""Ctrl+G: go to a part by its number — the way to switch panes on any terminal."""

from __future__ import annotations

import unicodedata

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...formats import ReportFormat
from ..key_order import AnswerOnce


class Goto(AnswerOnce[int | None]):
    DEFAULT_CSS = """
    Goto { align: center middle; }
    Goto > Vertical {
        width: 56; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Goto OptionList { height: auto; max-height: 12; }
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, fmt: ReportFormat) -> None:
        super().__init__()
        self.choices = [
            "0  封面（发布机关、年度、引言）",
            *(f"{i}  {s.heading}" for i, s in enumerate(fmt.sections, start=1)),
            f"{len(fmt.sections) + 1}  校验（全部问题）",
        ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("转到（按数字，或选中后按 Enter；Esc 取消）")
            yield OptionList(*(Option(text, id=str(i)) for i, text in enumerate(self.choices)))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        """A digit picks its part; a full-width digit from an input method does too."""
        character = event.character or ""
        number = unicodedata.decimal(character, None) if len(character) == 1 else None
        if number is not None and number < len(self.choices):
            event.stop()
            self.dismiss(number)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
