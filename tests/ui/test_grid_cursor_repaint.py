"""A move of the grid's cursor changes no value: the grid draws anew only the line the
cursor left and the line it is on, without formatting and measuring every value again
(a third of an Enter's work: B2 of issue 26), and what it keeps is what a full
recomputation gives."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tui_report.report.model import CellRef
from tui_report.tui.launch import make_app

from ..pilot import SIZE, open_matrix


def fresh_signatures(grid) -> list[tuple[object, ...]]:
    return [grid._line_signature(i) for i in range(len(grid.table.outline))]


async def test_moving_the_cursor_formats_no_value_again(example: Path, monkeypatch):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("down")  # the first move after the first paint draws it all
        await pilot.pause()
        recomputed = []
        monkeypatch.setattr(grid, "_recompute", lambda: recomputed.append(1) or set())
        await pilot.press("down", "right", "up", "right")
        await pilot.pause()
        assert recomputed == []
        assert (grid.cursor_row, grid.cursor_col) == (1, 2)
        assert grid._signatures == fresh_signatures(grid)


async def test_after_moves_and_an_entry_the_lines_are_what_a_full_redraw_gives(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press("down", "right", "4", "3", "enter", "up", "left", "end", "home")
        await pilot.pause()
        assert grid._signatures == fresh_signatures(grid)
        cursor_line = grid._line_of_row[grid.cursor_row]
        looks = grid._signatures[cursor_line][3]
        assert looks[grid._fit.visible.index(grid.cursor_col)].style == "grid--cursor"
        shown = [s for i, s in enumerate(grid._signatures) if i != cursor_line]
        assert all(look.style != "grid--cursor" for s in shown if len(s) > 3 for look in s[3])


async def test_an_amount_written_otherwise_but_equal_is_shown_as_written(example: Path):
    """128.40 typed again as 128.4: equal as numbers, but the grid shows what is stored
    (a row is kept as shown only when its values are the same whole numbers)."""
    fees = CellRef("art20_8", "fees", "amount")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await screen.show_cell(fees)
        await pilot.pause()
        grid = app.focused
        assert grid._shown[grid.cursor_row][grid.cursor_col] == "128.40"
        await pilot.press(*"128.4", "enter")
        await pilot.pause()
        assert screen.report.get(fees) == Decimal("128.4")
        assert grid._shown[grid.table.row_index["fees"]][0] == "128.4"


async def test_a_digit_typed_formats_no_value_again(example: Path, monkeypatch):
    """While a value is typed the values shown stay as they are: none is formatted again."""
    import tui_report.tui.widgets.grid_base as grid_base

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        formatted = []
        real = grid_base.format_value
        monkeypatch.setattr(grid_base, "format_value", lambda v: formatted.append(v) or real(v))
        await pilot.press("4", "3")
        await pilot.pause()
        assert formatted == []
        await pilot.press("enter")
        await pilot.pause()
        # the row typed in, and the rows that add it up (its totals): not the whole table
        assert 0 < len(formatted) < len(grid.table.rows) * len(grid.table.columns)


async def test_columns_widen_and_narrow_again_with_the_values(example: Path):
    """A wider value widens its column; undone, the column narrows again; redone, widens."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        column = grid.cursor_col
        narrow = grid._widths[column]
        await pilot.press(*"1234567", "enter")
        await pilot.pause()
        assert grid._widths[column] == narrow + 3 == len("1234567")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert grid._widths[column] == narrow
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert grid._widths[column] == len("1234567")
        assert grid._signatures == fresh_signatures(grid)
