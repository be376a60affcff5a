"""合并: the edits made in the editor put on top of the file changed on disk.

The merge itself is ``report.merging``, and putting it on the report as one step of
its history ``ReportDocument.merge`` (no Textual). Here: the places both sides changed,
asked one at a time; then the editor shows the file on disk with this session's
edits put on it as one step, which Ctrl+Z takes back (leaving the file as it is on
disk) and Ctrl+Y puts on again. Nothing is saved until Ctrl+S.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button

from ...document.document import ReportDocument
from ...report.merging import Conflict, ReportMerge, Side
from ...report.problems import Problem
from ...storage.reading import LoadedReport
from ..widgets.dialogs import Choice
from ..widgets.literal import literal
from ..widgets.wrapped import WrappedStatic


class MergingEditor(Protocol):
    """What the merge needs of the editor screen (which opens this dialog)."""

    document: ReportDocument

    async def reload(self, loaded: LoadedReport) -> None: ...

    def say(self, message: str, style: str = "", about: Problem | None = None) -> None: ...


CONFLICT_ANSWERS = [
    ("mine", "编辑器中的", "e"),
    ("theirs", "磁盘上的", "d"),
    ("cancel", "取消合并", "c"),
]


class ConflictChoice(Choice):
    """One place both sides changed: which version to keep (a long paragraph scrolls)."""

    DEFAULT_CSS = """
    ConflictChoice VerticalScroll { height: auto; max-height: 14; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield WrappedStatic(self.question)
            with Horizontal():
                for answer_id, label, key in self.answers:
                    yield Button(f"{label}（{key.upper()}）", id=f"answer-{answer_id}")


def conflict_question(conflict: Conflict, number: int, count: int) -> Text:
    text = Text(end="")
    text.append(f"合并：两边都改了的第 {number} 处（共 {count} 处）\n", style="bold")
    text.append_text(literal(conflict.label))
    for name, version in (
        ("打开时", conflict.base),
        ("磁盘上", conflict.theirs),
        ("编辑器中", conflict.mine),
    ):
        text.append(f"\n{name}：", style="bold")
        text.append_text(literal(version))
    text.append("\n保留哪一个？")
    return text


def ask_conflicts(
    app: App[int], conflicts: list[Conflict], done: Callable[[dict[str, Side] | None], None]
) -> None:
    """Ask about each conflict in turn; ``done`` gets the choices, or None if cancelled."""
    choices: dict[str, Side] = {}

    def ask(index: int) -> None:
        if index == len(conflicts):
            done(choices)
            return
        conflict = conflicts[index]

        def answered(answer: str | None) -> None:
            if answer not in ("mine", "theirs"):
                done(None)
                return
            choices[conflict.key] = "mine" if answer == "mine" else "theirs"
            ask(index + 1)

        question = conflict_question(conflict, index + 1, len(conflicts))
        app.push_screen(ConflictChoice(question, CONFLICT_ANSWERS), answered)

    ask(0)


# --- the merge, shown ------------------------------------------------------------------------


async def merge_into(
    editor: MergingEditor, theirs: LoadedReport, merge: ReportMerge, choices: dict[str, Side]
) -> None:
    """Show the file on disk, then put this session's edits on it as one undoable step."""
    merged = merge.result(choices)
    await editor.reload(theirs)  # the file as on disk: what Ctrl+Z comes back to
    step = editor.document.merge(merged)
    decided = len(choices)
    if step is None:
        chosen = f"（两边都改了的 {decided} 处选了磁盘上的）" if decided else ""
        editor.say(f"已合并：结果与磁盘上的文件相同{chosen}，没有要保存的修改")
        return
    asked = f"，两边都改了的 {decided} 处按所选" if decided else ""
    editor.say(
        f"已合并：采用磁盘上的 {merge.theirs_only} 处改动，保留编辑器中的 {merge.mine_only} 处修改"
        f"{asked}。请检查后按 Ctrl+S 保存；Ctrl+Z 撤销合并（回到磁盘上的文件）"
    )
