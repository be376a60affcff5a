"""Undo and redo of cell edits, in context.

Ctrl+Z undoes where the cursor is: a text area or a field (发布机关, 年度) undoes
its own typing first; only when it has nothing left to undo does Ctrl+Z go on to
the cells. A cell edit undone elsewhere moves the cursor there, and the status
line says what was undone. One paste is one step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text

from ...report.model import BadCell, CellRef, cell_label
from ...report.values import Value, format_value, same_value

if TYPE_CHECKING:
    from .screen import EditorScreen

    _Base = EditorScreen
else:
    _Base = object


@dataclass
class CellEdit:
    """One committed cell edit, enough to undo it exactly."""

    ref: CellRef
    old: Value | None
    old_bad: BadCell | None
    new: Value
    old_published: dict[CellRef, Value] = field(default_factory=dict)


class Step(NamedTuple):
    """What one undo takes back: a typed value, a cleared cell, a whole paste, or a merge
    with the file changed on disk (which changes fields and texts too: ``disk_merge``)."""

    edits: tuple[CellEdit, ...]
    what: str = ""  # "粘贴 6 个值（2 行 × 3 列）"; empty for a single cell
    fields: tuple = ()  # disk_merge.FieldEdit


class CellHistory(_Base):
    """Mixin of the editor screen: cell edits, undo and redo."""

    undo_stack: list[Step]
    redo_stack: list[Step]

    def apply(self, ref: CellRef, value: Value) -> None:
        """Put one committed value into the report."""
        self.apply_changes([(ref, value)])

    def apply_changes(self, changes: list[tuple[CellRef, Value]], what: str = "") -> None:
        """Put committed values into the report as one undo step (called by the grids,
        synchronously)."""
        self.message = Text()
        edits: list[CellEdit] = []
        dropped_any = False
        for ref, value in changes:
            old = self.report.get(ref)
            if old is not None and same_value(old, value):
                continue
            bad = self.report.bad_cells.get(ref)
            dropped = self.report.set(ref, value)
            dropped_any = dropped_any or bool(dropped)
            edits.append(CellEdit(ref, old, bad, value, dropped))
        if not edits:
            if what:
                self.say(f"{what.replace('粘贴', '粘贴的', 1)}与原值相同，没有修改")
            else:
                self.update_status()
            return
        self.undo_stack.append(Step(tuple(edits), what))
        self.redo_stack.clear()
        notes = [f"已{what}"] if what else []
        if dropped_any:
            notes.append("手工写入的总计已不再成立，保存时将删除（总计由程序计算）")
        for table in dict.fromkeys(edit.ref.table for edit in edits):
            self.after_cell_change(table)
        if notes:
            self.say("；".join(notes))

    def describe_step(self, step: Step, undone: bool) -> str:
        """What an undo or redo did, the values named by their part in it: an arrow after
        已撤销 was read as the value now in the cell."""
        if step.fields or not step.edits:
            return step.what
        first = step.edits[0]
        if step.what:
            return f"{step.what}（从 {cell_label(self.report.format, first.ref)} 起）"
        label = cell_label(self.report.format, first.ref)
        old, new = format_value(first.old) or "（无）", format_value(first.new)
        return f"{label} 由 {new} 恢复为 {old}" if undone else f"{label} 由 {old} 改为 {new}"

    def _is_at(self, ref: CellRef) -> bool:
        from ..widgets.grid import ReportGrid

        focused = self.focused
        return isinstance(focused, ReportGrid) and focused.cursor_ref == ref

    async def action_undo(self) -> None:
        if not self.undo_stack:
            self.say("没有可撤销的单元格修改（文字和发布机关在其输入区中按 Ctrl+Z 撤销）")
            return
        step = self.undo_stack.pop()
        for edit in reversed(step.edits):
            self.report.restore(edit.ref, edit.old, edit.old_bad, edit.old_published)
        note = self._put_fields(step, undone=True)
        self.redo_stack.append(step)
        await self._show_step(step, undone=True, note=note)

    async def action_redo(self) -> None:
        if not self.redo_stack:
            self.say("没有可重做的单元格修改")
            return
        step = self.redo_stack.pop()
        for edit in step.edits:
            self.report.set(edit.ref, edit.new)
        note = self._put_fields(step, undone=False)
        self.undo_stack.append(step)
        await self._show_step(step, undone=False, note=note)

    def _put_fields(self, step: Step, undone: bool) -> str:
        if not step.fields:
            return ""
        from .disk_merge import put_fields

        return put_fields(self, step.fields, undone)  # type: ignore[arg-type]

    async def _show_step(self, step: Step, undone: bool, note: str = "") -> None:
        jumped = False
        if step.edits:
            first = step.edits[0].ref
            jumped = not self._is_at(first)
            await self.show_cell(first)
        for table in dict.fromkeys(edit.ref.table for edit in step.edits):
            self.after_cell_change(table)
        where = "（光标已移到该处）" if jumped else ""
        done = "已撤销" if undone else "已重做"
        self.say(f"{done}：{self.describe_step(step, undone)}{where}{note}")
