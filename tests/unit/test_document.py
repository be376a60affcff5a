"""The report being edited, without a screen (``document/``): editing, undo and redo
across cells and fields, a paste as one step, a merge with the file changed on disk and
its undo, the modified flag, the problems after each edit, and the one notification a
change makes. (The same behaviours through the keys: tests/test_editor*.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui_report.document.disk import differences, merged_with_disk
from tui_report.document.document import Change, ReportDocument
from tui_report.document.fields import period_years, typed_year, with_period, written_year
from tui_report.document.history import CellEdit, EditHistory, Step
from tui_report.document.paste import plan_paste, split_block
from tui_report.report.model import BadCell, CellRef
from tui_report.storage import read_report

from ..conftest import EXAMPLE

NATURAL = CellRef("applications", "new_received", "natural_person")  # 42 in the example
RESEARCH = CellRef("applications", "new_received", "research")  # 1
REVIEW = CellRef("reviews", "review", "upheld")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    copy = tmp_path / "example-2024.toml"
    shutil.copy(EXAMPLE, copy)
    return copy


@pytest.fixture
def document(path: Path) -> ReportDocument:
    document = ReportDocument(read_report(path))
    document.revalidate()
    return document


def told(document: ReportDocument) -> list[Change]:
    changes: list[Change] = []
    document.subscribe(changes.append)
    return changes


def errors(document: ReportDocument) -> list[str]:
    return [p.rule for p in document.problems if p.is_error]


def test_an_edit_is_one_step_checked_at_once_and_told_once(document: ReportDocument):
    changes = told(document)
    assert not document.modified and errors(document) == []
    applied = document.apply_changes([(NATURAL, 43)])
    assert applied.step is not None and len(applied.step.edits) == 1
    assert document.report.get(NATURAL) == 43 and document.modified
    assert errors(document)  # the totals of part 三 no longer add up
    assert any(NATURAL in p.cells for p in document.problems)
    assert changes == [Change(edited=True, tables=("applications",), problems=True)]


def test_the_same_value_again_is_no_step_and_no_change(document: ReportDocument):
    changes = told(document)
    applied = document.apply_changes([(NATURAL, 42)])
    assert applied.step is None and not document.history.undo_stack and changes == []
    assert not document.modified


def test_undo_and_redo_go_across_cells_and_tables(document: ReportDocument):
    first_table = document.report.format.tables[0]
    row, column = first_table.entered_rows[0], first_table.entered_columns[0]
    other = CellRef(first_table.key, row.key, column.key)
    before = document.report.get(other)
    document.apply_changes([(NATURAL, 43)])
    document.apply_changes([(other, 7)])
    document.apply_changes([(RESEARCH, 2)])
    assert document.undo().step.edits[0].ref == RESEARCH
    assert document.undo().step.edits[0].ref == other
    assert document.report.get(other) == before and document.report.get(NATURAL) == 43
    assert document.redo().step.edits[0].ref == other
    assert document.report.get(other) == 7
    document.undo()
    document.undo()
    assert document.report.get(NATURAL) == 42 and not document.modified
    assert document.undo() is None  # nothing left
    assert errors(document) == []  # checked again after each step


def test_a_new_edit_forgets_what_was_undone(document: ReportDocument):
    document.apply_changes([(NATURAL, 43)])
    document.undo()
    document.apply_changes([(RESEARCH, 2)])
    assert document.redo() is None
    assert document.report.get(NATURAL) == 42


def test_a_paste_is_one_step(document: ReportDocument):
    table = document.report.format.table("applications")
    row = table.row_index["new_received"]
    plan = plan_paste(document.report, table, row, 0, split_block("50\t6\t2\n"))
    applied = document.apply_changes(plan.changes, plan.describe())
    assert applied.step is not None and len(applied.step.edits) == 3
    assert applied.step.what == "粘贴 3 个值（1 行 × 3 列）"
    assert document.describe_step(applied.step, undone=True).startswith("粘贴 3 个值")
    moved = document.undo()
    assert moved is not None and moved.step == applied.step
    assert [document.report.get(e.ref) for e in applied.step.edits] == [42, 5, 1]
    assert not document.history.undo_stack


def test_what_an_undo_did_is_said_by_the_values_part(document: ReportDocument):
    step = document.apply_changes([(NATURAL, 43)]).step
    assert step is not None
    undone = document.describe_step(step, undone=True)
    redone = document.describe_step(step, undone=False)
    assert undone.endswith("由 43 恢复为 42") and redone.endswith("由 42 改为 43")


def test_a_total_written_by_hand_that_no_longer_holds_is_said(document: ReportDocument):
    applied = document.apply_changes([(NATURAL, 43)])
    assert applied.dropped is bool(applied.step and applied.step.edits[0].old_published)


def test_fields_and_texts_are_checked_and_told(document: ReportDocument):
    changes = told(document)
    assert document.set_agency("另一个机关")
    assert changes[-1].edited and changes[-1].identity  # last year's report may differ
    assert not document.set_agency("另一个机关")  # the same: no change
    assert document.set_year(2023) and document.report.year == 2023
    assert changes[-1].identity
    assert not document.set_year(2023)
    document.set_text("other_matters", "无")
    assert document.report.texts["other_matters"] == "无"
    assert changes[-1] == Change(edited=True, problems=True)
    assert any(p.location.key == "other_matters.text" for p in document.problems)
    with pytest.raises(KeyError):
        document.set_text("no_such_text", "x")
    assert len(changes) == 3  # one each


def test_errors_come_before_warnings(document: ReportDocument):
    document.report.texts["other_matters"] = "无\n"  # a warning
    document.apply_changes([(NATURAL, 43)])  # errors
    severities = [p.is_error for p in document.problems]
    assert True in severities and False in severities
    assert severities == sorted(severities, reverse=True)


def test_saving_writes_the_file_and_the_document_is_no_longer_modified(
    document: ReportDocument, path: Path
):
    document.apply_changes([(NATURAL, 43)])
    changes = told(document)
    assert document.save() == []
    assert read_report(path).report.get(NATURAL) == 43
    assert not document.modified and changes == [Change()]
    assert document.history.undo_stack  # the history survives a save
    document.undo()
    assert document.modified  # 42 again, unlike the file


def test_a_merge_is_one_step_that_undo_takes_back_to_the_file_on_disk(
    document: ReportDocument, path: Path
):
    document.apply_changes([(NATURAL, 43)])
    document.set_text("other_matters", "本年度未收取信息处理费。")
    theirs = path.read_text(encoding="utf-8").replace("carried_over = [3,", "carried_over = [4,")
    path.write_text(theirs, encoding="utf-8")
    merged = merged_with_disk(document)
    assert not isinstance(merged, str)
    on_disk, merge = merged
    assert (merge.mine_only, merge.theirs_only, merge.conflicts) == (2, 1, [])
    assert "两边改动的地方不重叠" in differences(document)
    document.reload(on_disk)
    assert not document.history.undo_stack and document.report.get(NATURAL) == 42
    changes = told(document)
    step = document.merge(merge.result({}))
    assert step is not None and step.what == "合并编辑器中的 2 处修改"
    carried = CellRef("applications", "carried_over", "natural_person")
    assert document.report.get(NATURAL) == 43 and document.report.get(carried) == 4
    assert changes[-1].shown == ("other_matters",) and changes[-1].tables == ("applications",)
    moved = document.undo()
    assert moved is not None and moved.fields_left == 0
    assert document.report.get(NATURAL) == 42 and not document.modified  # as on disk
    document.redo()
    assert document.report.texts["other_matters"] == "本年度未收取信息处理费。"


def test_undoing_a_merge_leaves_a_text_typed_since(document: ReportDocument, path: Path):
    document.set_text("other_matters", "编辑器中的文字")
    on_disk = read_report(path)
    merged = merged_with_disk(document)
    assert not isinstance(merged, str)
    document.reload(on_disk)
    assert document.merge(merged[1].result({})) is not None
    document.set_text("other_matters", "合并后又改过")
    moved = document.undo()
    assert moved is not None and moved.fields_left == 1
    assert document.report.texts["other_matters"] == "合并后又改过"


def test_a_merge_that_changes_nothing_is_no_step(document: ReportDocument, path: Path):
    on_disk = read_report(path)
    document.reload(on_disk)
    assert document.merge(on_disk.report.copy()) is None
    assert not document.history.undo_stack


def test_a_merge_of_the_year_puts_the_files_reason_back_on_undo(document: ReportDocument):
    bad = BadCell('"２０２４"', "不是年度")
    document.report.year, document.report.bad_fields["year"] = None, bad
    merged = document.report.copy()
    merged.year = 2024
    merged.bad_fields.pop("year", None)
    step = document.merge(merged)
    assert step is not None and [f.name for f in step.fields] == ["year"]
    assert document.report.year == 2024 and "year" not in document.report.bad_fields
    document.undo()
    assert document.report.year is None and document.report.bad_fields["year"] == bad
    assert written_year(document.report) == "２０２４"


def test_last_years_report_found_for_another_agency_or_year_is_not_taken(
    document: ReportDocument,
):
    this = document.facts()
    document.set_year(2023)  # changed while it was looked for
    assert not document.take_previous(this, this)
    assert document.previous is None
    assert document.take_previous(document.facts(), None)


def test_a_paste_too_large_for_a_report_file_is_measured(document: ReportDocument):
    assert document.paste_too_large("一段文字", "") is None
    huge = "字" * (4 * 1024 * 1024)
    estimate = document.paste_too_large(huge, "")
    assert estimate is not None and estimate > len(huge.encode("utf-8"))


def test_the_edit_history_keeps_steps_in_order():
    history = EditHistory()
    one, two = (Step((CellEdit(NATURAL, n, None, n + 1),)) for n in (1, 2))
    history.record(one)
    history.record(two)
    assert history.take_undo() is two and history.take_redo() is two
    assert history.take_undo() is two and history.take_undo() is one
    assert history.take_undo() is None and history.redo_stack == [two, one]
    history.record(two)
    assert history.redo_stack == [] and history.take_redo() is None
    assert Step((CellEdit(NATURAL, 1, None, 2), CellEdit(REVIEW, 0, None, 1))).tables == (
        "applications",
        "reviews",
    )


def test_the_cover_fields_as_typed():
    assert typed_year("２０２５") == 2025 and typed_year("20") is None
    assert typed_year("1900") is None  # out of the years a report can have
    text = "2023 年本机关认真落实条例。报告中所列数据统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。"
    assert len(period_years(text, 2025)) == 2
    found = with_period(text, 2025)
    assert found is not None
    start, end, piece = found
    assert piece == "2025 年 1 月 1 日至 2025" and text[start:end].startswith("2024")
    assert with_period(text, 2024) is None
