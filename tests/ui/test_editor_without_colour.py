"""What a terminal without colour shows (NO_COLOR, a monochrome screen): the chosen
option, the chosen command and the typing cursor stay visible by bold, reverse or underline."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from textual.widgets import Input, OptionList, TextArea

from tui_report.tui.launch import make_app

from ..pilot import SIZE


def kept_by_monochrome(segments: list[Segment]) -> list[tuple[str, bool, bool, bool]]:
    """What a terminal without colour shows of rendered segments: text, bold, reverse,
    underline (colours dropped, as NO_COLOR with ANSI colours or a monochrome screen do)."""
    return [
        (
            s.text,
            bool(s.style and s.style.bold),
            bool(s.style and s.style.reverse),
            bool(s.style and s.style.underline),
        )
        for s in segments
        if s.text.strip()
    ]


def option_lines(options: OptionList) -> list[list[tuple[str, bool, bool, bool]]]:
    lines = []
    for y in range(options.size.height):
        kept = kept_by_monochrome(list(options.render_line(y)))
        if any(text.strip("▔▁▎▊ ") for text, *_ in kept):
            lines.append(kept)
    return lines


async def test_the_chosen_option_stays_visible_without_colour(example: Path):
    """The export dialog's chosen format was marked by a blue background and bold only; its
    labels are bold anyway, so on a monochrome terminal no line looked chosen. (Textual's
    option lists drop ``reverse``: underline is what a monochrome screen keeps.)"""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert app.focused is options
        await pilot.press("down")
        await pilot.pause()
        lines = option_lines(options)
        assert lines, "the dialog lists the formats"
        chosen = [line for line in lines if all(u or r for _, _, r, u in line)]
        others = [line for line in lines if not any(u or r for _, _, r, u in line)]
        # the second format (two lines: its label and its file) and nothing else
        assert len(chosen) == 2 and "H" in chosen[0][0][0]
        assert len(others) == len(lines) - 2


async def test_the_chosen_command_stays_visible_without_colour(example: Path):
    """In Ctrl+P's list (typing stays in its field) the chosen command was marked by a
    background colour alone: nothing showed which one Enter would run."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert app.focused is not options and options.highlighted == 1
        lines = option_lines(options)
        marked = [i for i, line in enumerate(lines) if all(u or r for _, _, r, u in line)]
        assert marked == [1]
        assert not any(u or r for line in lines[2:] for _, _, r, u in line)


async def test_the_typing_cursor_stays_visible_without_colour(example: Path):
    """The cover's fields and text areas drew their cursor by swapping two colours only:
    on a monochrome terminal the clerk could not see where typing would go."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+g", "0")
        await pilot.pause()
        field = app.screen.query(Input).first()
        area = app.screen.query(TextArea).first()
        assert field.get_component_rich_style("input--cursor").reverse
        assert area.get_component_rich_style("text-area--cursor").reverse
