"""Small modal dialogs: a question with choices, the new-report form, the key help."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ..storage.reading import MAX_YEAR, MIN_YEAR
from ..textwidth import pad, wrap
from .key_order import AnswerOnce, FieldInput
from .keys import HELP_SECTIONS
from .literal import literal


class Choice(AnswerOnce[str]):
    """A question with a few answers; each answer also has a key (shown in its label)."""

    DEFAULT_CSS = """
    Choice { align: center middle; }
    Choice > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    Choice Horizontal { height: auto; margin-top: 1; }
    Choice Button { margin-right: 1; min-width: 10; }
    """

    def __init__(self, question: Text | str, answers: list[tuple[str, str, str]]) -> None:
        """``answers`` are (id, label, key); Esc answers "cancel"."""
        super().__init__()
        self.question = question if isinstance(question, Text) else literal(question)
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                for answer_id, label, key in self.answers:
                    yield Button(f"{label}（{key.upper()}）", id=f"answer-{answer_id}")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event) -> None:
        for answer_id, _label, key in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(answer_id)
                return
        if event.key == "escape":
            event.stop()
            self.dismiss("cancel")

    @on(Button.Pressed)
    def answer(self, event: Button.Pressed) -> None:
        assert event.button.id
        self.dismiss(event.button.id.removeprefix("answer-"))


class NewReport(AnswerOnce[tuple[str, int] | None]):
    """Ask for 发布机关 and 年度 of a report that does not exist yet."""

    DEFAULT_CSS = """
    NewReport { align: center middle; }
    NewReport > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    NewReport Input { margin-bottom: 1; }
    NewReport #new-error { color: $error; height: auto; }
    NewReport Horizontal { height: auto; }
    NewReport Button { margin-right: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, file_name: str, default_year: int) -> None:
        super().__init__()
        self.file_name = file_name
        self.default_year = default_year

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(f"新建报告：{self.file_name}"))
            yield Label("发布机关（如：巨鹿县官亭镇人民政府）")
            yield FieldInput(id="new-agency")
            yield Label("年度")
            yield FieldInput(str(self.default_year), id="new-year")
            yield Static("", id="new-error")
            with Horizontal():
                yield Button("创建（Enter）", id="new-create", variant="primary")
                yield Button("取消（Esc）", id="new-cancel")

    def on_mount(self) -> None:
        self.query_one("#new-agency", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#new-create")
    def create(self) -> None:
        agency = self.query_one("#new-agency", Input).value.strip()
        year_text = self.query_one("#new-year", Input).value.strip()
        error = self.query_one("#new-error", Static)
        if not agency:
            error.update("请填写发布机关")
            self.query_one("#new-agency", Input).focus()
            return
        from ..values import normalize_typed

        year_text = normalize_typed(year_text)
        if not year_text.isdigit() or not MIN_YEAR <= int(year_text) <= MAX_YEAR:
            error.update(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字")
            self.query_one("#new-year", Input).focus()
            return
        self.dismiss((agency, int(year_text)))

    @on(Button.Pressed, "#new-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class Help(AnswerOnce[None]):
    """Every key of the editor, in Chinese."""

    DEFAULT_CSS = """
    Help { align: center middle; }
    Help > VerticalScroll {
        width: 76; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "close", "关闭"),
    ]

    def compose(self) -> ComposeResult:
        key_width, text_width = 20, 48
        text = Text()
        text.append("按键帮助（Esc 关闭，方向键滚动）\n", style="bold")
        for title, keys in HELP_SECTIONS:
            text.append(f"\n{title}\n", style="bold")
            for key, description in keys:
                text.append(pad(f"  {key}", key_width, measure=cell_len), style="bold")
                lines = wrap(description, text_width, measure=cell_len)
                text.append(lines[0] + "\n")
                for more in lines[1:]:
                    text.append(" " * key_width + more + "\n")
        with VerticalScroll():
            yield Static(text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
