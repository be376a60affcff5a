"""合并: the edits made in the editor put on top of the file changed on disk.

The merge itself is ``merging`` (no Textual). Here: the places both sides changed,
asked one at a time; then the editor shows the file on disk with this session's
edits put on it as one step, which Ctrl+Z takes back (leaving the file as it is on
disk) and Ctrl+Y puts on again. Nothing is saved until Ctrl+S.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, TextArea

from ...report.merging import Conflict, ReportMerge, Side
from ...report.model import BadCell, CellRef, Report
from ...storage.reading import LoadedReport
from ..widgets.dialogs import Choice
from ..widgets.fields import FieldInput
from ..widgets.literal import for_editing, literal
from ..widgets.wrapped import WrappedStatic
from .history import CellEdit, Step
from .panes import written_year

if TYPE_CHECKING:
    from textual.app import App

    from .screen import EditorScreen

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
    app: App, conflicts: list[Conflict], done: Callable[[dict[str, Side] | None], None]
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


# --- the merge as one step of the editor's history ------------------------------------------


@dataclass(frozen=True)
class FieldEdit:
    """A change of 发布机关 (``agency``), 年度 (``year``: the year and why the file's one is
    unusable) or a text (its key), as the merge made it."""

    name: str
    old: object
    new: object


def _field_value(report: Report, name: str) -> object:
    if name == "agency":
        return report.agency
    if name == "year":
        return (report.year, report.bad_fields.get("year"))
    return report.texts[name]


def _put_field(editor: EditorScreen, name: str, value: object) -> None:
    report = editor.report
    if name == "agency":
        assert isinstance(value, str)
        report.agency = value
        for field in editor.query("#agency").results(FieldInput):
            field.show(for_editing(value))
    elif name == "year":
        year, bad = value  # type: ignore[misc]
        report.year = year
        report.bad_fields.pop("year", None)
        if isinstance(bad, BadCell):
            report.bad_fields["year"] = bad
        for field in editor.query("#year").results(FieldInput):
            field.show(written_year(report))
    else:
        assert isinstance(value, str)
        report.texts[name] = value
        for area in editor.query(f"#text-{name}").results(TextArea):
            area.load_text(for_editing(value))


def put_fields(editor: EditorScreen, edits: tuple[FieldEdit, ...], undone: bool) -> str:
    """Undo (or redo) a merge's changes of fields and texts — each only where it is still
    as the merge (or its undo) left it: typing done since is not thrown away. A note
    for the status line when some were left."""
    left = 0
    for edit in edits:
        was, now = (edit.new, edit.old) if undone else (edit.old, edit.new)
        if _field_value(editor.report, edit.name) != was:
            left += 1
            continue
        _put_field(editor, edit.name, now)
    editor.revalidate()
    editor.update_header()
    editor.schedule_recovery()
    return f"（{left} 处文字之后又改过，未动）" if left else ""


async def merge_into(
    editor: EditorScreen, theirs: LoadedReport, merge: ReportMerge, choices: dict[str, Side]
) -> None:
    """Show the file on disk, then put this session's edits on it as one undoable step."""
    merged = merge.result(choices)
    await editor.reload(theirs)  # the file as on disk: what Ctrl+Z comes back to
    report = editor.report
    edits: list[CellEdit] = []
    for table in report.format.tables:
        for row in table.entered_rows:
            for column in table.entered_columns:
                ref = CellRef(table.key, row.key, column.key)
                new = merged.get(ref)
                old, old_bad = report.get(ref), report.bad_cells.get(ref)
                if new is None or (old == new and old_bad is None):
                    continue  # a value only the file on disk has stays as it is there
                dropped = report.set(ref, new)
                edits.append(CellEdit(ref, old, old_bad, new, dropped))
    fields = []
    for name in ("agency", "year", *report.format.text_keys):
        old_value, new_value = _field_value(report, name), _field_value(merged, name)
        if old_value != new_value:
            fields.append(FieldEdit(name, old_value, new_value))
            _put_field(editor, name, new_value)
    mine = len(edits) + len(fields)
    decided = len(choices)
    if not mine:
        chosen = f"（两边都改了的 {decided} 处选了磁盘上的）" if decided else ""
        editor.say(f"已合并：结果与磁盘上的文件相同{chosen}，没有要保存的修改")
        return
    what = f"合并编辑器中的 {mine} 处修改"
    editor.undo_stack.append(Step(tuple(edits), what, tuple(fields)))
    editor.redo_stack.clear()
    for table_key in dict.fromkeys(edit.ref.table for edit in edits):
        editor.after_cell_change(table_key)
    put_fields(editor, (), undone=False)  # the header, the checks and the recovery copy
    asked = f"，两边都改了的 {decided} 处按所选" if decided else ""
    editor.say(
        f"已合并：采用磁盘上的 {merge.theirs_only} 处改动，保留编辑器中的 {merge.mine_only} 处修改"
        f"{asked}。请检查后按 Ctrl+S 保存；Ctrl+Z 撤销合并（回到磁盘上的文件）"
    )
