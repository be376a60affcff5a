"""A spreadsheet user's keys in the editor: Tab, Enter, edit in place, Ctrl+Home/End, Delete."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tui_report.document import navigation
from tui_report.formats import FORMAT_2021
from tui_report.report.model import CellRef
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.grid import ReportGrid

from ..pilot import NATURAL, SIZE, burst, editor, open_matrix, status

APPLICATIONS = FORMAT_2021.table("applications")


def cell(row: str, column: str, table: str = "applications") -> CellRef:
    return CellRef(table, row, column)


# --- where the keys go (pure) ------------------------------------------------------------


def test_tab_order_passes_over_computed_cells():
    table = APPLICATIONS
    total_col = table.column_index["total"]
    other = table.column_index["other"]
    assert navigation.next_entry_cell(table, 0, other, 1) == (1, 0)  # not 总计: the next row
    assert navigation.next_entry_cell(table, 1, 0, -1) == (0, other)
    total_row = table.row_index["total"]
    assert navigation.next_entry_cell(table, total_row - 1, other, 1) == (total_row + 1, 0)
    assert navigation.next_entry_row(table, total_row - 1) == total_row + 1
    assert navigation.last_entry_cell(table) == (len(table.rows) - 1, other)
    assert all(c != total_col for _r, c in navigation.entry_cells(table))


# --- Tab and Enter in the editor -----------------------------------------------------------


async def test_tab_across_a_row_then_enter_returns_to_the_first_column(example: Path):
    """The issue's case: 5 Tab 3 Tab 2 Enter in row 一 of part 三, typed in one burst."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        burst(app, "5", "tab", "3", "tab", "2", "enter")
        await pilot.pause()
        report = editor(app).report
        assert report.get(NATURAL) == 5
        assert report.get(cell("new_received", "business")) == 3
        assert report.get(cell("new_received", "research")) == 2
        assert grid.cursor_ref == cell("carried_over", "natural_person")  # back to 自然人
        assert app.focused is grid  # Tab never left the table


async def test_tab_from_the_last_column_goes_past_the_total_to_the_next_row(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("end", "left")  # 其他, beside 总计
        assert grid.cursor_ref == cell("new_received", "other")
        await pilot.press("7", "tab")
        assert editor(app).report.get(cell("new_received", "other")) == 7
        assert grid.cursor_ref == cell("carried_over", "natural_person")
        await pilot.press("shift+tab")
        assert grid.cursor_ref == cell("new_received", "other")


async def test_enter_passes_over_the_total_row(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await screen.show_cell(cell("other_other", "natural_person"))  # （六）3.其他
        await pilot.pause()
        burst(app, "1", "enter", "2", "enter")
        await pilot.pause()
        assert screen.report.get(cell("other_other", "natural_person")) == 1
        assert screen.report.get(cell("carried_forward", "natural_person")) == 2  # not refused
        assert "不能输入" not in status(app)


async def test_tab_goes_on_into_the_next_table_of_part_two_in_one_burst(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        burst(app, "3", "tab", "1", "tab", "2", "5", "tab", "7", "enter")
        await pilot.pause()
        report = editor(app).report
        assert report.get(cell("regulations", "issued", "art20_1")) == 3
        assert report.get(cell("regulations", "repealed", "art20_1")) == 1
        assert report.get(cell("regulations", "in_force", "art20_1")) == 25
        assert report.get(cell("normative_documents", "issued", "art20_1")) == 7
        # on from the last cell of the first table into the next table, keys following
        await editor(app).show_cell(cell("normative_documents", "in_force", "art20_1"))
        await pilot.pause()
        burst(app, "tab", "9", "enter")
        await pilot.pause()
        assert report.get(cell("licensing", "decisions", "art20_5")) == 9
        assert report.get(cell("normative_documents", "in_force", "art20_1")) == 38


async def test_enter_and_tab_past_a_parts_last_cell_go_on_to_the_next_part(example: Path):
    """Issue 21: at part 三's last cell, 9 Enter 11 Tab 22 Enter kept only 22 (each
    replacing the one before, the cursor staying put): now the next part's cells follow."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("ctrl+end")
        last = cell("carried_forward", "other")
        assert grid.cursor_ref == last
        burst(app, "9", "enter", "1", "1", "tab", "2", "2", "enter")
        await pilot.pause()
        report = editor(app).report
        assert report.get(last) == 9
        assert report.get(cell("review", "upheld", "review_litigation")) == 11
        assert report.get(cell("review", "corrected", "review_litigation")) == 22
        four = app.focused
        assert isinstance(four, ReportGrid) and four.table.key == "review_litigation"
        assert four.cursor_ref == cell("litigation_direct", "upheld", "review_litigation")
        await pilot.press("up", "up", "up")  # from part 四's first row: the part bar
        await pilot.press("f4", "ctrl+home", "shift+tab")  # back from part 三's first cell
        two = app.focused
        assert two.cursor_ref == cell("fees", "amount", "art20_8")  # part 二's last
        assert "已到二、主动公开政府信息情况的最后一个输入格" in status(app)


async def test_the_reports_last_cell_keeps_its_value_from_the_next_digit(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5", "ctrl+end")
        grid = app.focused
        last = cell("litigation_after_review", "pending", "review_litigation")
        assert grid.cursor_ref == last
        burst(app, "5", "enter", "6")
        await pilot.pause()
        report = editor(app).report
        assert report.get(last) == 5  # not replaced by the 6
        assert grid.buffer is None and "刚确认的 5" in status(app)
        burst(app, "ctrl+e", "7", "enter")  # changing it on purpose
        await pilot.pause()
        assert report.get(last) == 57
        burst(app, "left", "3", "tab", "8", "enter")  # moved away and back: typing again
        await pilot.pause()
        assert report.get(cell("litigation_after_review", "other", "review_litigation")) == 3
        assert report.get(last) == 8 and "8 已确认" in status(app)
        await pilot.press("f3", "ctrl+home")  # the report's first cell: Shift+Tab stays
        burst(app, "4", "shift+tab", "2")
        await pilot.pause()
        first = cell("regulations", "issued", "art20_1")
        assert report.get(first) == 4 and app.focused.cursor_ref == first


async def test_tab_in_a_text_area_does_not_eat_the_next_key(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")  # part 一: one text area
        await pilot.pause()
        before = editor(app).report.texts["overview"]
        burst(app, "tab", "x", "y")
        await pilot.pause()
        assert app.focused.id == "text-overview"
        assert editor(app).report.texts["overview"] == before + "xy"


async def test_tab_on_the_cover_goes_from_field_to_field_never_to_the_part_bar(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        seen = [app.focused.id]
        for _ in range(3):
            await pilot.press("tab")
            seen.append(app.focused.id)
        assert seen == ["agency", "year", "text-intro", "agency"]
        await pilot.press("shift+tab")
        assert app.focused.id == "text-intro"


async def test_a_key_typed_on_the_part_bar_goes_into_the_part(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("up")  # one ↑ too many: the part bar
        assert app.focused.id == "part-tabs"
        burst(app, "7", "enter")
        await pilot.pause()
        assert editor(app).report.get(NATURAL) == 7
        assert isinstance(app.focused, ReportGrid)


# --- edit in place, Delete, Ctrl+End --------------------------------------------------------


async def test_edit_in_place_changes_one_digit(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("ctrl+e")
        assert grid.buffer == "42" and grid.in_place
        await pilot.press("left", "backspace", "5")  # the 4 becomes a 5
        assert grid.buffer == "52"
        await pilot.press("home", "delete", "6", "enter")
        assert editor(app).report.get(NATURAL) == 62
        assert grid.cursor_ref == cell("carried_over", "natural_person")


async def test_edit_in_place_of_an_amount_and_escape(example: Path):
    fees = cell("fees", "amount", "art20_8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await screen.show_cell(fees)
        await pilot.pause()
        await pilot.press("ctrl+e", "backspace", "backspace", "escape")
        assert screen.report.get(fees) == Decimal("128.40")  # Esc gave the edit up
        await pilot.press("ctrl+e", "end", "5", "enter")
        assert format(screen.report.get(fees), "f") == "128.405"


async def test_delete_clears_a_cell_and_refuses_a_total(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("delete")
        assert editor(app).report.get(NATURAL) == 0
        await pilot.press("end", "delete")
        assert "自动计算" in status(app)


async def test_text_areas_open_at_the_end_and_ctrl_home_end_move_there(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        area = app.focused
        assert area.cursor_location == area.document.end
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end


async def test_a_nine_digit_number_does_not_move_the_labels(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        label_width = grid._fit.label_width
        headers = grid._headers
        await pilot.press(*"123456789", "enter")
        assert editor(app).report.get(NATURAL) == 123456789
        assert grid._fit.label_width == label_width and grid._headers == headers
        await pilot.press("up", "end")  # 总计 (now nine digits too) comes into view
        assert grid.table.columns[grid.cursor_col].key == "total"
        assert grid.cursor_col in grid._fit.visible


async def test_other_digits_are_refused_at_once(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("٣")  # Arabic-Indic three
        assert grid.buffer is None and "0–9" in status(app)
        await pilot.press("1", "2", "万", "enter")
        assert editor(app).report.get(NATURAL) == 42
        assert "120000" in status(app)


async def test_ctrl_e_on_a_cell_written_as_text_edits_the_text_not_its_quotes(example: Path):
    """A letter O for a zero ("1O" in the file): Ctrl+E offers 1O to mend, not '1O'."""
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("new_received = [42,", 'new_received = ["1O",'), "utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        assert grid.cursor_ref == NATURAL
        await pilot.press("ctrl+e")
        assert grid.buffer == "1O"
        await pilot.press("backspace", "0", "enter")
        assert editor(app).report.get(NATURAL) == 10
        assert NATURAL not in editor(app).report.bad_cells
