"""Small modal dialogs: a question with choices, the new-report form."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from ...report.domain import MAX_YEAR, MIN_YEAR
from ..key_order import AnswerOnce
from ..key_variants import canonical
from .fields import FieldInput
from .literal import literal
from .wrapped import WrappedStatic


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

    def __init__(
        self,
        question: Text | str,
        answers: list[tuple[str, str, str]],
        default: str | None = None,
    ) -> None:
        """``answers`` are (id, label, key); Esc answers "cancel". ``default`` is the
        answer Enter gives at first (the first one if not given)."""
        super().__init__()
        self.question = question if isinstance(question, Text) else literal(question)
        self.answers = answers
        self.default = default or answers[0][0]

    def compose(self) -> ComposeResult:
        per_row = 2 if len(self.answers) == 4 else 3  # four buttons fit 60 columns in two rows
        with Vertical():
            yield WrappedStatic(self.question)
            for start in range(0, len(self.answers), per_row):
                with Horizontal():
                    for answer_id, label, key in self.answers[start : start + per_row]:
                        yield Button(f"{label}（{key.upper()}）", id=f"answer-{answer_id}")

    def on_mount(self) -> None:
        self.query_one(f"#answer-{self.default}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        typed = canonical(event.key)  # S, Ｓ (Caps Lock, a Chinese input method) as s
        for answer_id, _label, key in self.answers:
            if typed == key:
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
        from ...report.values import normalize_typed

        year_text = normalize_typed(year_text)
        if not year_text.isdigit() or not MIN_YEAR <= int(year_text) <= MAX_YEAR:
            error.update(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的四位数字")
            self.query_one("#new-year", Input).focus()
            return
        self.dismiss((agency, int(year_text)))

    @on(Button.Pressed, "#new-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
