"""Saving a file that changed on disk since it was opened (a git pull, another editor).

The question offers: 合并 (this session's edits put on the file as it is on disk; the
places both changed asked one by one; see ``disk_merge``), 重新载入 (take the file on
disk, give up this session's edits), 查看差异 (what changed on disk and what was edited
here, in official words, then the question again), 覆盖 (save over the other changes)
and 取消. A file taken away (a git checkout of another branch, a move) has nothing to
reload: 保存 writes it again, or 取消.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...document.disk import differences, located, merged_with_disk
from ...report.merging import ReportMerge, Side
from ...storage.reading import LoadedReport, ReportFileError, read_report
from ..key_order import AnswerOnce
from ..key_variants import with_variants
from ..widgets.dialogs import Choice
from ..widgets.literal import literal
from ..widgets.wrapped import WrappedStatic
from .screen import EditorScreen

# Writing the editor's report over the file (覆盖, 保存): the application's.
Write = Callable[[], None]

MERGE_ANSWER = ("merge", "合并", "m")
ANSWERS = [
    ("reload", "重新载入", "r"),
    ("diff", "查看差异", "d"),
    ("overwrite", "覆盖", "o"),
    ("cancel", "取消", "c"),
]
GONE_ANSWERS = [("overwrite", "保存（重新创建）", "s"), ("cancel", "取消", "c")]


class Differences(AnswerOnce[None]):
    """The differences, to read before answering the question again."""

    DEFAULT_CSS = """
    Differences { align: center middle; }
    Differences > Vertical {
        width: 90%; max-width: 100%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    Differences VerticalScroll { height: 1fr; }
    """

    BINDINGS = [Binding(with_variants("escape,enter,q"), "close", "返回")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("差异（方向键滚动；Enter 或 Esc 返回上一步的选择）", classes="heading")
            with VerticalScroll():
                yield WrappedStatic(literal(self.text))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)


def ask(app: App[int], editor: EditorScreen, write: Write) -> None:
    """Ask what to do about the file that changed on disk, and do it (``write``: 覆盖)."""
    path = editor.document.loaded.path
    if not path.exists():
        ask_gone(app, editor, write)
        return

    merge = merged_with_disk(editor.document)

    def answered(choice: str | None) -> None:
        if choice == "merge" and isinstance(merge, tuple):
            ask_merge(app, editor, *merge)
        elif choice == "overwrite":
            write()
        elif choice == "reload":
            app.call_next(reload, editor)
        elif choice == "diff":
            app.push_screen(
                Differences(differences(editor.document)), lambda _: ask(app, editor, write)
            )
        else:
            editor.say(
                "未保存：文件在磁盘上已被其他程序修改。"
                "再按 Ctrl+S 可合并、查看差异、重新载入或覆盖",
                "bold",
            )

    question = f"{path} 在打开后已被其他程序修改（例如 git pull 或另一个编辑器）。\n"
    if isinstance(merge, tuple):
        conflicts = len(merge[1].conflicts)
        asked = f"两边都改了的 {conflicts} 处逐个选择；" if conflicts else "两边改的地方不重叠；"
        question += f"合并：把本次的修改放到磁盘上的文件上（{asked}可撤销，检查后再保存）；\n"
        answers = [MERGE_ANSWER, *ANSWERS]
    else:
        question += f"（不能合并：{merge}。）\n"
        answers = ANSWERS
    question += (
        "重新载入：采用磁盘上的文件，放弃本次未保存的修改；\n"
        "覆盖：保存本次的修改，磁盘上的那些修改将丢失。"
    )
    default = "merge" if isinstance(merge, tuple) else "diff"
    app.push_screen(Choice(question, answers, default=default), answered)


def ask_merge(
    app: App[int], editor: EditorScreen, on_disk: LoadedReport, merge: ReportMerge
) -> None:
    """合并: the places both sides changed asked one by one, then the merge shown."""
    from .disk_merge import ask_conflicts, merge_into  # a dialog: when first opened

    def decided(choices: dict[str, Side] | None) -> None:
        if choices is None:
            editor.say("未合并，也未保存。再按 Ctrl+S 可重新选择", "bold")
        else:
            app.call_next(merge_into, editor, on_disk, merge, choices)

    ask_conflicts(app, merge.conflicts, decided)


def ask_gone(app: App[int], editor: EditorScreen, write: Write) -> None:
    """The file is no longer there: write it again from the editor, or not yet."""
    path = editor.document.loaded.path

    def answered(choice: str | None) -> None:
        if choice == "overwrite":
            write()
        else:
            editor.say("未保存：文件已不在原处。再按 Ctrl+S 可按编辑器中的内容重新创建", "bold")

    app.push_screen(
        Choice(
            f"{path} 在打开后已被删除或移走（例如 git checkout 切换了分支）。\n"
            "保存：按编辑器中的内容重新创建这个文件。",
            GONE_ANSWERS,
        ),
        answered,
    )


async def reload(editor: EditorScreen) -> None:
    try:
        loaded: LoadedReport = read_report(editor.document.loaded.path)
    except ReportFileError as exc:
        editor.say(f"无法重新载入：{located(exc)}（编辑器中的内容未变）", "bold")
        return
    await editor.reload(loaded)
