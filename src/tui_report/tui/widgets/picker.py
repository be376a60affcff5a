"""A dialog that narrows a list as one types: the base of 查找 (Ctrl+F) and 命令 (Ctrl+P).

The typing stays in the field at the top; ↑/↓ (and PageUp/PageDown) move in the
list below, Enter takes the highlighted line, Esc closes.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..key_order import AnswerOnce
from .fields import FieldInput
from .literal import literal
from .wrapped import WrappedStatic

T = TypeVar("T")


def folded(text: str) -> str:
    """For matching: full-width forms as ASCII, one case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def matches(query: str, text: str) -> bool:
    """Every word of the query occurs in the text."""
    target = folded(text)
    return all(folded(word) in target for word in query.split())


class Picker(AnswerOnce[T]):
    DEFAULT_CSS = """
    Picker { align: center top; }
    Picker > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%; margin-top: 2;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Picker FieldInput, Picker FieldInput:focus {
        border: none; height: 1; padding: 0 1; margin-top: 1; background: $boost;
    }
    Picker OptionList { height: auto; max-height: 14; border: none; padding: 0; }
    /* typing stays in the field: the chosen line must show without colour too */
    Picker OptionList > .option-list--option-highlighted { text-style: bold underline; }
    Picker .picker-count { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "取消", show=False),
        Binding("down", "list('cursor_down')", "下", show=False),
        Binding("up", "list('cursor_up')", "上", show=False),
        Binding("pagedown", "list('page_down')", "下一页", show=False),
        Binding("pageup", "list('page_up')", "上一页", show=False),
    ]

    heading = ""
    placeholder = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield WrappedStatic(Text(self.heading))
            yield FieldInput(placeholder=self.placeholder, id="picker-query")
            yield Static("", classes="picker-count")
            yield OptionList()

    def on_mount(self) -> None:
        self.query_one(FieldInput).focus()
        self.show_choices("")

    def on_resize(self) -> None:
        self.show_choices(self.query_one(FieldInput).value)  # laid out for the new width

    def line_width(self) -> int:
        """Cells a line of the list has: the dialog (76 wide at most) less its border,
        padding and scroll bar."""
        return min(76, self.size.width if self.is_mounted else 80) - 6

    def choices(self, query: str) -> list[tuple[str, T | None]]:
        """(line shown, answer) for a query; an answer of None is shown but cannot be taken."""
        raise NotImplementedError

    def count_text(self, shown: int) -> str:
        return ""

    @on(Input.Changed, "#picker-query")
    def query_changed(self, event: Input.Changed) -> None:
        self.show_choices(event.value)

    def show_choices(self, query: str) -> None:
        self._choices = self.choices(query)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(literal(line), id=str(i), disabled=answer is None)
            for i, (line, answer) in enumerate(self._choices)
        )
        taken = [i for i, (_line, answer) in enumerate(self._choices) if answer is not None]
        options.highlighted = taken[0] if taken else None
        self.query_one(".picker-count", Static).update(self.count_text(len(taken)))

    def action_list(self, action: str) -> None:
        getattr(self.query_one(OptionList), f"action_{action}")()

    @on(Input.Submitted, "#picker-query")
    def submitted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self._take(index)

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        self._take(int(event.option.id or 0))

    def _take(self, index: int) -> None:
        answer = self._choices[index][1]
        if answer is not None:
            self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)
