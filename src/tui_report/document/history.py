"""The edit history of a report being edited: what one undo takes back.

A plain class, as Textual's ``TextArea`` keeps its ``EditHistory``: the document
(``ReportDocument``) records a step for each edit and applies or reverts it; the
history only keeps them in order. One paste is one step, and so is a merge with the
file changed on disk (which changes fields and texts too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..report.model import BadCell, CellRef
from ..report.values import Value
from .fields import FieldValue


@dataclass
class CellEdit:
    """One committed cell edit, enough to undo it exactly."""

    ref: CellRef
    old: Value | None
    old_bad: BadCell | None
    new: Value
    old_published: dict[CellRef, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldEdit:
    """A change of 发布机关 (``agency``), 年度 (``year``: the year and why the file's one is
    unusable) or a text (its key), as a merge made it."""

    name: str
    old: FieldValue
    new: FieldValue


class Step(NamedTuple):
    """What one undo takes back: a typed value, a cleared cell, a whole paste, or a merge."""

    edits: tuple[CellEdit, ...]
    what: str = ""  # "粘贴 6 个值（2 行 × 3 列）"; empty for a single cell
    fields: tuple[FieldEdit, ...] = ()

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables whose cells the step changes, in the order of its edits."""
        return tuple(dict.fromkeys(edit.ref.table for edit in self.edits))


class EditHistory:
    """Steps to undo and to redo; a new step forgets what was undone."""

    def __init__(self) -> None:
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []

    def record(self, step: Step) -> None:
        self.undo_stack.append(step)
        self.redo_stack.clear()

    def take_undo(self) -> Step | None:
        """The step to undo (then on the redo stack), or None."""
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self.redo_stack.append(step)
        return step

    def take_redo(self) -> Step | None:
        """The step to redo (then on the undo stack again), or None."""
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self.undo_stack.append(step)
        return step

    def clear(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()
