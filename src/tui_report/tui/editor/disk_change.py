"""Saving a file that changed on disk since it was opened (a git pull, another editor).

The question offers: 合并 (this session's edits put on the file as it is on disk; the
places both changed asked one by one; see ``disk_merge``), 重新载入 (take the file on
disk, give up this session's edits), 查看差异 (what changed on disk and what was edited
here, in official words, then the question again), 覆盖 (save over the other changes)
and 取消. A file taken away (a git checkout of another branch, a move) has nothing to
reload: 保存 writes it again, or 取消.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ...report.diffing import changed_paragraphs, changed_values
from ...report.merging import CannotMerge, ReportMerge, merge_reports
from ...storage.reading import LoadedReport, ReportFileError, read_report
from ..key_order import AnswerOnce
from ..key_variants import with_variants
from ..widgets.literal import literal
from ..widgets.wrapped import WrappedStatic

if TYPE_CHECKING:
    from ..app import ReportApp
    from .screen import EditorScreen

MERGE_ANSWER = ("merge", "合并", "m")
ANSWERS = [
    ("reload", "重新载入", "r"),
    ("diff", "查看差异", "d"),
    ("overwrite", "覆盖", "o"),
    ("cancel", "取消", "c"),
]
GONE_ANSWERS = [("overwrite", "保存（重新创建）", "s"), ("cancel", "取消", "c")]


def _located(exc: ReportFileError) -> str:
    """Why the file on disk cannot be read, with the line and column where known (the
    file name is the one the question already names)."""
    if exc.line is None:
        return exc.message
    where = f"第 {exc.line} 行" + (f"第 {exc.column} 列" if exc.column is not None else "")
    return f"{where}：{exc.message}"


def merged_with_disk(editor: EditorScreen) -> tuple[LoadedReport, ReportMerge] | str:
    """The file on disk now and the merge of this session's edits with it, or why they
    cannot be merged (in Chinese)."""
    opened = editor.loaded.baseline
    if opened is None:
        return "编辑器不知道文件打开时的内容"
    try:
        on_disk = read_report(editor.loaded.path)
    except ReportFileError as exc:
        return f"磁盘上的文件现在无法读取：{_located(exc)}"
    try:
        return on_disk, merge_reports(opened, editor.report, on_disk.report)
    except CannotMerge as exc:
        return str(exc)


def merge_lines(merge: ReportMerge | str) -> list[str]:
    """What 合并 would do, for the differences."""
    if isinstance(merge, str):
        return [f"不能合并：{merge}。"]
    if not merge.conflicts:
        return ["两边改动的地方不重叠：合并会把编辑器中的修改放到磁盘上的文件上，不用逐个选择。"]
    lines = [f"两边都改了的 {len(merge.conflicts)} 处（合并时逐个选择保留哪一边）："]
    for conflict in merge.conflicts:
        lines.append(f"  {conflict.label}")
        lines += [f"    磁盘上：{line}" for line in conflict.theirs.split("\n")]
        lines += [f"    编辑器中：{line}" for line in conflict.mine.split("\n")]
    return lines


def differences(editor: EditorScreen) -> str:
    """What changed on disk since the file was opened, what was edited here, and what
    合并 would do."""
    try:
        on_disk = read_report(editor.loaded.path).report
    except ReportFileError as exc:
        return f"磁盘上的文件现在无法读取：{_located(exc)}\n\n（覆盖会用编辑器中的内容替换它。）"
    opened = editor.loaded.baseline
    parts: list[str] = []
    if opened is not None:
        theirs = changed_values(opened, on_disk) + changed_paragraphs(opened, on_disk)
        parts.append("打开后磁盘上的文件被改动的地方（重新载入会采用，覆盖会丢失）：")
        parts += [f"  {line}" for line in theirs] or ["  （数值和文字没有变化）"]
        ours = changed_values(opened, editor.report) + changed_paragraphs(opened, editor.report)
        parts.append("")
        parts.append("在编辑器中修改、尚未保存的地方（覆盖会保存，重新载入会放弃）：")
        parts += [f"  {line}" for line in ours] or ["  （没有）"]
        merge = merged_with_disk(editor)
        parts += ["", *merge_lines(merge[1] if isinstance(merge, tuple) else merge)]
    else:
        lines = changed_values(on_disk, editor.report) + changed_paragraphs(on_disk, editor.report)
        parts.append("磁盘上的文件 → 编辑器中的内容：")
        parts += [f"  {line}" for line in lines] or ["  （数值和文字相同）"]
    return "\n".join(parts)


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


def ask(app: ReportApp, editor: EditorScreen, then_quit: bool) -> None:
    """Ask what to do about the file that changed on disk, and do it."""
    from ..widgets.dialogs import Choice

    if not editor.loaded.path.exists():
        ask_gone(app, editor, then_quit)
        return

    merge = merged_with_disk(editor)

    def answered(choice: str | None) -> None:
        if choice == "merge" and isinstance(merge, tuple):
            ask_merge(app, editor, *merge)
        elif choice == "overwrite":
            app.write(then_quit)
        elif choice == "reload":
            app.call_next(reload, editor)
        elif choice == "diff":
            app.push_screen(Differences(differences(editor)), lambda _: ask(app, editor, then_quit))
        else:
            editor.say(
                "未保存：文件在磁盘上已被其他程序修改。"
                "再按 Ctrl+S 可合并、查看差异、重新载入或覆盖",
                "bold",
            )

    path = editor.loaded.path
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


def ask_merge(app: ReportApp, editor: EditorScreen, on_disk: LoadedReport, merge: ReportMerge):
    """合并: the places both sides changed asked one by one, then the merge shown."""
    from .disk_merge import ask_conflicts, merge_into

    def decided(choices: dict | None) -> None:
        if choices is None:
            editor.say("未合并，也未保存。再按 Ctrl+S 可重新选择", "bold")
        else:
            app.call_next(merge_into, editor, on_disk, merge, choices)

    ask_conflicts(app, merge.conflicts, decided)


def ask_gone(app: ReportApp, editor: EditorScreen, then_quit: bool) -> None:
    """The file is no longer there: write it again from the editor, or not yet."""
    from ..widgets.dialogs import Choice

    def answered(choice: str | None) -> None:
        if choice == "overwrite":
            app.write(then_quit)
        else:
            editor.say("未保存：文件已不在原处。再按 Ctrl+S 可按编辑器中的内容重新创建", "bold")

    app.push_screen(
        Choice(
            f"{editor.loaded.path} 在打开后已被删除或移走（例如 git checkout 切换了分支）。\n"
            "保存：按编辑器中的内容重新创建这个文件。",
            GONE_ANSWERS,
        ),
        answered,
    )


async def reload(editor: EditorScreen) -> None:
    try:
        loaded: LoadedReport = read_report(editor.loaded.path)
    except ReportFileError as exc:
        editor.say(f"无法重新载入：{_located(exc)}（编辑器中的内容未变）", "bold")
        return
    await editor.reload(loaded)
