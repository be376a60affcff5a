"""The baselines of B1, B2 and B5: a bare Textual app that shows one Static
(and writes that line anew on each Enter, saying how many there have been)."""

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class Bare(App[None]):
    BINDINGS = [Binding("enter", "pressed", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.pressed = 0

    def compose(self) -> ComposeResult:
        yield Static("基准就绪", id="line")

    def action_pressed(self) -> None:
        self.pressed += 1
        self.query_one("#line", Static).update(f"基准就绪 回车 {self.pressed} 次")


if __name__ == "__main__":
    Bare().run()
    sys.exit(0)
