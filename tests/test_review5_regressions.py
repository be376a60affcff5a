"""Defects found in the fifth review (terminals as clerks have them, the 2019 format, an
imported report's round trip)."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from textual.widgets import Input, OptionList, TextArea

from tui_report.tui.launch import make_app

from .pilot import SIZE


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


def test_a_new_2019_format_report_cites_the_trial_format():
    """``new --format 2019 --year 2020`` wrote an intro citing 《…年度报告格式》, the 2021
    format (issued in September 2021, after the 2020 reports were published); the 2020
    reports were written to 《…年度报告格式（试行）》 (国办公开办函〔2019〕60号)."""
    from tui_report.formats import FORMAT_2019, FORMAT_2021
    from tui_report.report.templates import new_report

    trial = new_report("测试局", 2020, FORMAT_2019).texts["intro"]
    current = new_report("测试局", 2024, FORMAT_2021).texts["intro"]
    assert "《中华人民共和国政府信息公开工作年度报告格式（试行）》" in trial
    assert "2020 年 1 月 1 日至 12 月 31 日" in trial
    assert "《中华人民共和国政府信息公开工作年度报告格式》编制" in current
    assert "试行" not in current


def test_a_decrease_larger_than_last_years_count_is_pointed_out():
    """2019 format: 行政许可 上一年项目数量 15, 本年增/减 -20 leaves -5 items this year;
    ``check`` said nothing (本年增/减 may be negative, but not below what there was)."""
    from tui_report.formats import FORMAT_2019
    from tui_report.report.model import CellRef
    from tui_report.report.problems import Severity
    from tui_report.report.templates import new_report
    from tui_report.rules import validate

    report = new_report("测试局", 2020, FORMAT_2019)
    licensing = CellRef("art20_5", "licensing", "change")
    report.set(CellRef("art20_5", "licensing", "previous_items"), 15)
    report.set(licensing, -20)
    report.set(CellRef("art20_6", "penalties", "previous_items"), 4)
    report.set(CellRef("art20_6", "penalties", "change"), -4)  # none left: possible
    found = [p for p in validate(report) if p.rule == "change-below-zero"]
    assert len(found) == 1
    problem = found[0]
    assert problem.severity is Severity.WARNING and licensing in problem.cells
    assert "行政许可" in problem.message and "15" in problem.message
    assert "-20" in problem.message and "-5" in problem.message
