"""F1: every key of the editor, in Chinese, laid out for the width of the terminal.

Keys in a column of their own and descriptions wrapped beside them; a key too
long for the column gets a line of its own, and in a narrow terminal every key
stands above its description.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...text.textwidth import pad, wrap
from ..key_order import AnswerOnce
from ..key_variants import with_variants
from .keys import HELP_SECTIONS

KEY_COLUMN = 24  # the widest keys ("Ctrl+Home / Ctrl+End") and some room
NARROW = 54  # below this, each key stands above its description


Sections = list[tuple[str, list[tuple[str, str]]]]


def help_text(width: int, sections: Sections = HELP_SECTIONS) -> Text:
    """The help for ``width`` columns; no line is wider."""
    width = max(width, 20)
    stacked = width < NARROW
    key_width = 4 if stacked else KEY_COLUMN
    text = Text(end="")
    text.append("按键帮助（Esc 关闭，方向键滚动）\n", style="bold")
    for title, keys in sections:
        text.append(f"\n{title}\n", style="bold")
        for key, description in keys:
            key_text = f"  {key}"
            lines = wrap(description, width - key_width, measure=cell_len)
            if stacked or cell_len(key_text) > key_width - 2:
                text.append(key_text + "\n", style="bold")
            else:
                text.append(pad(key_text, key_width, measure=cell_len), style="bold")
                text.append(lines.pop(0) + "\n")
            for line in lines:
                text.append(" " * key_width + line.lstrip() + "\n")
    return text


class HelpText(Static):
    """The help, laid out again whenever its width changes."""

    def __init__(self, sections: Sections) -> None:
        super().__init__(help_text(76, sections))
        self.sections = sections

    def on_resize(self, event: events.Resize) -> None:
        self.update(help_text(event.size.width, self.sections))


class Help(AnswerOnce[None]):
    """Every key of the editor (or of the folder view: ``sections``), in Chinese."""

    DEFAULT_CSS = """
    Help { align: center middle; }
    Help > VerticalScroll {
        width: 84; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding(with_variants("escape,f1,question_mark,q"), "close", "关闭"),
    ]

    def __init__(self, sections: Sections = HELP_SECTIONS) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield HelpText(self.sections)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
