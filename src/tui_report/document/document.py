"""The report being edited: the file it came from, the report, its undo history, its
problems and last year's report to check it against. Plain Python, no Textual.

Every change goes through a ``ReportDocument`` method, which checks the report again
(only the rules that read what it changed: see ``checks``) and tells its listeners
once, with a ``Change`` saying what changed: the editor's screen shows it (the grids,
the status line, the header) and keeps a recovery copy a moment later. The methods
that change values return what the screen says about them (已粘贴…, 已撤销…); the
screen only shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..report.model import CellRef, Report, cell_label
from ..report.problems import Problem
from ..report.values import Value, format_value, same_value
from ..storage.reading import MAX_FILE_BYTES, LoadedReport, normalize_text
from .checks import ReportChecks, Touched
from .fields import FieldValue, field_value, put_field_value
from .history import CellEdit, EditHistory, FieldEdit, Step

if TYPE_CHECKING:
    from ..folder.yearly import YearFacts

# Imported where first needed, not at the editor's start (measured with -X importtime over
# the editor's ~300 ms of imports): folder.yearly +12 ms (the folder index, the process
# pool), storage.writing +5 ms; neither is needed for the first screen.

IDENTITY = ("agency", "year")  # the fields that say which report this is
AGENCY, YEAR, TEXTS = (
    Touched(fields=frozenset({"agency"})),
    Touched(fields=frozenset({"year"})),
    Touched(texts=True),
)


@dataclass(frozen=True)
class Change:
    """What changed, for the views to show it once."""

    edited: bool = False  # the report's content changed (a recovery copy is due)
    tables: tuple[str, ...] = ()  # the tables whose cells changed
    shown: tuple[str, ...] = ()  # fields and texts changed by the program, to show again
    problems: bool = False  # the list of problems changed
    identity: bool = False  # the agency or the year changed: last year's report may differ


Listener = Callable[[Change], None]


@dataclass(frozen=True)
class Applied:
    """Values put into the report: the step recorded (None if nothing differed), and
    whether a total written by hand no longer holds (it is removed when saved)."""

    step: Step | None
    dropped: bool = False


@dataclass(frozen=True)
class Moved:
    """A step undone or redone, and how many of its fields and texts were left alone
    (changed again since: typing is never thrown away)."""

    step: Step
    fields_left: int = 0


class ReportDocument:
    def __init__(self, loaded: LoadedReport) -> None:
        self.loaded = loaded
        self.history = EditHistory()
        self.problems: list[Problem] = []
        self.previous: YearFacts | None = None  # last year's report, when found
        self._listeners: list[Listener] = []
        self._checks = ReportChecks()

    @property
    def report(self) -> Report:
        return self.loaded.report

    @property
    def modified(self) -> bool:
        baseline = self.loaded.baseline
        return baseline is None or not self.report.same_content(baseline)

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with each change (once per change, after the checks ran)."""
        self._listeners.append(listener)

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # --- checking ---------------------------------------------------------------------

    def revalidate(self, change: Change | None = None, touched: Touched | None = None) -> None:
        """Check the report again, then tell the listeners ``change`` (nothing else by
        default). ``touched``: what changed, for only the rules that read it to run again;
        None (after a change not described, e.g. made to ``report`` directly): every rule."""
        problems = self._checks.problems(
            self.report, self.loaded.structure, self.previous, self._year_problems, touched
        )
        changed = problems != self.problems
        self.problems = problems
        self._tell(replace(change or Change(), problems=changed))

    def _year_problems(self, report: Report, previous: YearFacts) -> list[Problem]:
        from ..folder.yearly import year_problems  # see the note on imports above

        return year_problems(report.format, self.facts(), previous)

    def problem_cells(self) -> dict[str, set[CellRef]]:
        """The cells of the problems, by table."""
        by_table: dict[str, set[CellRef]] = {}
        for problem in self.problems:
            for ref in problem.cells:
                by_table.setdefault(ref.table, set()).add(ref)
        return by_table

    # --- cells, undo and redo ----------------------------------------------------------

    def apply_changes(self, changes: list[tuple[CellRef, Value]], what: str = "") -> Applied:
        """Put committed values into the report as one undo step (``what`` names it:
        "粘贴 6 个值（2 行 × 3 列）"; empty for a value typed)."""
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
            return Applied(None)
        step = Step(tuple(edits), what)
        self.history.record(step)
        self.revalidate(Change(edited=True, tables=step.tables), _in_tables(step))
        return Applied(step, dropped_any)

    def undo(self) -> Moved | None:
        """Take back the last step (None if there is none)."""
        step = self.history.take_undo()
        if step is None:
            return None
        for edit in reversed(step.edits):
            self.report.restore(edit.ref, edit.old, edit.old_bad, edit.old_published)
        return self._moved(step, undone=True)

    def redo(self) -> Moved | None:
        """Do again the last step undone (None if there is none)."""
        step = self.history.take_redo()
        if step is None:
            return None
        for edit in step.edits:
            self.report.set(edit.ref, edit.new)
        return self._moved(step, undone=False)

    def _moved(self, step: Step, undone: bool) -> Moved:
        """A merge's fields and texts undone (or redone) — each only where it is still as
        the merge (or its undo) left it: typing done since is not thrown away."""
        put: list[str] = []
        left = 0
        for edit in step.fields:
            was, now = (edit.new, edit.old) if undone else (edit.old, edit.new)
            if field_value(self.report, edit.name) != was:
                left += 1
                continue
            self._put_field(edit.name, now)
            put.append(edit.name)
        identity = any(name in IDENTITY for name in put)
        self.revalidate(
            Change(edited=True, tables=step.tables, shown=tuple(put), identity=identity),
            None if step.fields else _in_tables(step),  # a merge's: anything may differ
        )
        return Moved(step, left)

    def describe_step(self, step: Step, undone: bool) -> str:
        """What an undo or redo did, the values named by their part in it: an arrow after
        已撤销 was read as the value now in the cell."""
        if step.fields or not step.edits:
            return step.what
        fmt = self.report.format
        first = step.edits[0]
        if step.what:
            return f"{step.what}（从 {cell_label(fmt, first.ref)} 起）"
        label = cell_label(fmt, first.ref)
        old, new = format_value(first.old) or "（无）", format_value(first.new)
        return f"{label} 由 {new} 恢复为 {old}" if undone else f"{label} 由 {old} 改为 {new}"

    # --- the cover's fields and the texts ----------------------------------------------

    def set_agency(self, agency: str) -> bool:
        """发布机关 as typed; False if it is what the report has."""
        if agency == self.report.agency:
            return False
        self.report.agency = agency
        if self.previous is not None and not _same_agency(self.previous.agency, agency):
            self.previous = None  # another agency's last year
        self.revalidate(Change(edited=True, identity=True), AGENCY)
        return True

    def set_year(self, year: int) -> bool:
        """年度 as typed (a valid year); False if it is the report's."""
        if year == self.report.year:
            return False
        self.report.year = year
        self.report.bad_fields.pop("year", None)
        self.previous = None  # another year's last year
        self.revalidate(Change(edited=True, identity=True), YEAR)
        return True

    def set_text(self, key: str, text: str) -> None:
        """A text as typed (without its last line break)."""
        if key not in self.report.texts:
            raise KeyError(key)
        self.report.texts[key] = normalize_text(text + "\n")
        self.revalidate(Change(edited=True), TEXTS)

    def _put_field(self, name: str, value: FieldValue) -> None:
        put_field_value(self.report, name, value)
        previous = self.previous
        if name in IDENTITY and previous is not None:  # another year's or agency's last year
            other = name == "year" or not _same_agency(previous.agency, self.report.agency)
            self.previous = None if other else previous

    # --- the file ----------------------------------------------------------------------

    def save(self) -> list[str]:
        """Write the report over its file (``ReportFileError`` if it cannot be); the cells
        filled with 0 (see ``storage.writing.apply_changes``)."""
        from ..storage.writing import save_report  # see the note on imports above

        saved, filled = save_report(self.loaded, self.report)
        self.loaded = saved
        self._tell(Change())
        return filled

    def reload(self, loaded: LoadedReport) -> None:
        """The file as on disk now, this session's edits and their history given up."""
        self.loaded = loaded
        self.history.clear()
        self.previous = None
        self.problems = []
        self.revalidate(Change(identity=True))

    def merge(self, merged: Report) -> Step | None:
        """Put ``merged`` (this session's edits merged with the file on disk, which the
        document shows now: see ``reload``) on the report as one step, which an undo takes
        back to the file on disk. None when the merge changes nothing."""
        report = self.report
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
        for name in (*IDENTITY, *report.format.text_keys):
            old_value, new_value = field_value(report, name), field_value(merged, name)
            if old_value != new_value:
                fields.append(FieldEdit(name, old_value, new_value))
                self._put_field(name, new_value)
        if not edits and not fields:
            return None
        mine = len(edits) + len(fields)
        step = Step(tuple(edits), f"合并编辑器中的 {mine} 处修改", tuple(fields))
        self.history.record(step)
        shown = tuple(edit.name for edit in fields)
        identity = any(name in IDENTITY for name in shown)
        self.revalidate(Change(edited=True, tables=step.tables, shown=shown, identity=identity))
        return step

    def paste_too_large(self, pasted: str, replaced: str) -> int | None:
        """The file's size (estimated, bytes) if pasting ``pasted`` over ``replaced`` in a
        text would make it larger than a report may be (saving it would then be refused)."""
        baseline = self.loaded.baseline or self.report

        def size(texts: dict[str, str]) -> int:
            return sum(len(text.encode("utf-8", "surrogatepass")) for text in texts.values())

        estimate = (
            len(self.loaded.source.encode("utf-8", "surrogatepass"))
            + size(self.report.texts)
            - size(baseline.texts)
            + len(pasted.encode("utf-8", "surrogatepass"))
            - len(replaced.encode("utf-8", "surrogatepass"))
        )
        return estimate if estimate > MAX_FILE_BYTES else None

    # --- last year's report --------------------------------------------------------------

    def facts(self) -> YearFacts:
        """What the checks against another year need from this report, as it is now."""
        from ..folder.yearly import facts_of  # see the note on imports above

        return facts_of(self.report, self.loaded.path)

    def find_previous(self, this: YearFacts) -> YearFacts | None:
        """Last year's report of the same agency (for ``this``, the report's facts when
        asked), where ``check`` looks for it: reads other files, so run it in a thread."""
        from ..folder.yearly import previous_in_folder  # see the note on imports above

        return previous_in_folder(self.loaded.path, this)

    def take_previous(self, this: YearFacts, found: YearFacts | None) -> bool:
        """Compare with ``found`` from now on; False (and nothing changed) when the agency
        or the year changed since ``this`` was asked about (another lookup is due)."""
        if (this.agency, this.year) != (self.report.agency, self.report.year):
            return False
        before, self.previous = self.previous, found
        if found != before:  # another file, or the same file changed since
            self.revalidate(touched=Touched())  # the report itself is as it was
        return True


def _in_tables(step: Step) -> Touched:
    return Touched(tables=frozenset(step.tables))


def _same_agency(one: str, other: str) -> bool:
    from ..folder.yearly import same_agency  # see the note on imports above

    return same_agency(one, other)
