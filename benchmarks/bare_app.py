"""The baseline of B1 and B5: a bare Textual app that shows one Static."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("基准就绪")


if __name__ == "__main__":
    Bare().run()
