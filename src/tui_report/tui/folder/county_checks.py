"""C in the folder view: the checks across the county's reports, in one list.

What the year's total leaves out and why, the agencies whose report is missing, two
reports of one agency and year, one agency's name written two ways. Enter on a report
opens it; Enter on a pair of names records them in agencies.toml as one agency (after
asking), so that ``check``, ``sum`` and this view count them as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.padding import Padding
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...folder.agencies import add_to_file, agencies_file_for
from ...folder.county import Analysis
from ...folder.year_total import YearTotal
from ...storage import ReportFileError
from ...storage.files import os_reason
from ...storage.tops import AGENCIES_FILE
from ..key_order import AnswerOnce
from ..key_variants import with_variants
from ..widgets.dialogs import Choice
from ..widgets.literal import literal
from ..widgets.wrapped import wrapped
from .text import CheckItem, check_items

INDENT = 2  # an item under its heading
SCROLLBAR = 2  # room kept for the list's scroll bar


@dataclass(frozen=True)
class OpenReport:
    """The answer: open this report in the editor."""

    path: str


@dataclass(frozen=True)
class NamesRecorded:
    """The answer: agencies.toml was written to (or could not be); the view says
    ``message`` and reads the folder's names again."""

    message: str


CountyAnswer = OpenReport | NamesRecorded


class CountyChecks(AnswerOnce[CountyAnswer]):
    """The checks only a county's reports together show; answers what to do next
    (``CountyAnswer``), or None."""

    DEFAULT_CSS = """
    CountyChecks { align: center middle; }
    CountyChecks > Vertical {
        width: 100%; height: 100%;
        background: $surface; padding: 0 1;
    }
    CountyChecks #checks-title { height: 1; text-style: bold; }
    CountyChecks OptionList, CountyChecks OptionList:focus { height: 1fr; border: none; }
    CountyChecks #checks-keys { height: 1; }
    """

    BINDINGS = [Binding(with_variants("escape,c,q"), "close", "关闭")]

    def __init__(
        self,
        total: YearTotal | None,
        analysis: Analysis,
        names_error: str | None,
        folder: Path,
    ) -> None:
        super().__init__()
        self.items = check_items(total, analysis, names_error)
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("全县检查", id="checks-title")
            yield OptionList(*self._options(), id="checks")
            keys = Text(no_wrap=True, overflow="ellipsis", end="")
            for key, label in (("↵", "打开报告 / 记入 agencies.toml"), ("Esc", "返回列表")):
                keys.append(f" {key} ", style="bold reverse")
                keys.append(f"{label} ")
            yield Static(keys, id="checks-keys")

    def _options(self, width: int = 78) -> list[Option]:
        """The items, wrapped for a list ``width`` cells wide: between Chinese characters,
        and an item's wrapped lines indented under its start."""
        options = []
        for i, item in enumerate(self.items):
            if item.heading:
                text = wrapped(Text(item.text, style="bold"), width - SCROLLBAR)
                options.append(Option(text, id=str(i), disabled=True))
            else:
                text = wrapped(literal(item.text), width - SCROLLBAR - INDENT)
                options.append(Option(Padding(text, (0, 0, 0, INDENT)), id=str(i)))
        return options

    def on_resize(self) -> None:
        """The items wrapped again for the new width (the highlighted one kept)."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self._options(options.size.width or self.size.width - 2))
        options.highlighted = highlighted

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        first = next((i for i, item in enumerate(self.items) if not item.heading), None)
        if first is not None:
            options.highlighted = first

    @on(OptionList.OptionSelected)
    def selected(self, event: OptionList.OptionSelected) -> None:
        item = self.items[int(event.option.id or 0)]
        if item.suggestion is not None:
            self._ask_to_record(item)
        elif item.path is not None:
            self.dismiss(OpenReport(item.path))

    def _ask_to_record(self, item: CheckItem) -> None:
        """Ask which of the names is to be used (the first, this year's, is offered first),
        then record the others under it."""
        assert item.suggestion is not None
        unified, others = item.suggestion
        names = [unified, *others]
        target = agencies_file_for(self.folder) or self.folder / AGENCIES_FILE
        listed = "\n".join(f"  {n}  {name}" for n, name in enumerate(names, start=1))
        question = (
            f"在 {target} 中记下以下名称是同一机关，之后 check、sum 和本视图都按同一机关计。"
            f"统一使用哪一个（概况表中写它）？\n{listed}"
        )

        def answered(choice: str | None) -> None:
            if choice is not None and choice.startswith("record-"):
                chosen = names[int(choice.removeprefix("record-"))]
                self.dismiss(NamesRecorded(record_names(target, chosen, names)))
            elif item.path is not None and choice == "open":
                self.dismiss(OpenReport(item.path))

        answers = [(f"record-{i}", f"统一用 {i + 1}", str(i + 1)) for i in range(len(names))]
        answers += [("open", "打开报告", "o"), ("cancel", "取消", "n")]
        self.app.push_screen(Choice(question, answers), answered)

    def action_close(self) -> None:
        self.dismiss(None)


def record_names(target: Path, unified: str, names: list[str]) -> str:
    """Record ``names`` as one agency called ``unified`` in ``target``; what to say of it
    (a file that may not be written, a full disk: said, never a traceback)."""
    others = [name for name in names if name != unified]
    try:
        add_to_file(target, unified, others)
    except ReportFileError as exc:  # agencies.toml wrong, read-only, the folder locked …
        return f"未能记入：{exc}"
    except OSError as exc:
        return f"未能记入：{target}: {os_reason(exc)}"
    return f"已记入 {target}：{'、'.join(others)} → {unified}"
