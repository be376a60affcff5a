"""The export dialog: which format, where the file goes, and what to know first
(unsaved changes are exported as shown; errors are exported with ？ marks)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...export import ExportFormat, available_formats
from ..key_order import AnswerOnce
from ..key_variants import canonical
from ..widgets.literal import literal
from ..widgets.wrapped import WrappedStatic

# A letter for each format, typed to choose it at once.
EXPORT_KEYS = {"text": "t", "html": "h", "docx": "w", "pdf": "p", "json": "j", "markdown": "m"}


def export_target(report_path: Path, kind: ExportFormat) -> Path:
    """Where an export of the report goes: beside it, with the format's suffix."""
    target = report_path.with_suffix(kind.suffix)
    return (
        target if target != report_path else report_path.with_name(report_path.name + kind.suffix)
    )


class ExportChoice(AnswerOnce[str | None]):
    """Ask which format to export; answers the format's name, or None (Esc)."""

    DEFAULT_CSS = """
    ExportChoice { align: center middle; }
    ExportChoice > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportChoice OptionList { height: auto; max-height: 14; margin-top: 1; }
    ExportChoice .export-warning { color: $warning; }
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, report_path: Path, unsaved: bool, errors: int) -> None:
        super().__init__()
        self.report_path = report_path
        self.unsaved = unsaved
        self.errors = errors
        self.formats = available_formats()  # PDF only where LibreOffice is installed

    def compose(self) -> ComposeResult:
        options = []
        for name, kind in self.formats.items():
            target = export_target(self.report_path, kind)
            label = Text.assemble(
                (f"{EXPORT_KEYS[name].upper()}  ", "bold"),
                (kind.label, "bold"),
                f"：{kind.purpose}\n    → ",
                literal(target.name),
            )
            options.append(Option(label, id=name))
        with Vertical():
            yield Static(Text("导出报告（Enter 或字母键选择，Esc 取消）", style="bold"))
            if self.unsaved:
                yield WrappedStatic(
                    Text("有未保存的修改：导出的是屏幕上的内容，报告文件本身未变。"),
                    classes="export-warning",
                )
            if self.errors:
                yield WrappedStatic(
                    Text(
                        f"报告有 {self.errors} 个错误，发布前请先改正；"
                        "仍要导出时，无效或缺失的数以“？”标出。"
                    ),
                    classes="export-warning",
                )
            yield OptionList(*options, id="export-formats")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        typed = canonical(event.key)  # W as w: Caps Lock is on with a Chinese input method
        for name in self.formats:
            if typed == EXPORT_KEYS[name]:
                event.stop()
                self.dismiss(name)
                return

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
