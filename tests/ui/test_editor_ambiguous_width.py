"""Terminals that draw East Asian ambiguous characters two columns wide (Xshell or
SecureCRT with a GBK session, PuTTY's "CJK ambiguous as wide"): TUI_REPORT_AMBIGUOUS=wide."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.tui.ambiguous import narrow_driver, narrowed, wide_ambiguous
from tui_report.tui.launch import make_app

from ..pilot import SIZE, editor, open_matrix


def width_where_ambiguous_is_wide(text: str) -> int:
    """Columns a terminal that draws ambiguous characters two wide gives the text."""
    return cell_len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) == "A")


def official_labels() -> set[str]:
    labels = set()
    for fmt in (FORMAT_2021, FORMAT_2019):
        for section in fmt.sections:
            labels.add(section.heading)
            for table in section.tables:
                labels.update(r.label for r in table.rows)
                labels.update(c.label for c in table.columns)
                labels.update(g for r in table.rows for g in r.groups)
    return labels


def test_the_official_labels_have_ambiguous_characters():
    """Why the setting exists: 3.危及“三安全一稳定” is two columns wider there."""
    wider = [
        label
        for label in official_labels()
        if width_where_ambiguous_is_wide(label) > cell_len(label)
    ]
    assert wider == ["3.危及“三安全一稳定”"]


async def test_the_table_lines_up_where_ambiguous_characters_are_wide(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        grid = await open_matrix(pilot)
        await pilot.press(*["down"] * 7)  # 3.危及“三安全一稳定”, the cursor on it
        await pilot.pause()
        lines = [grid.render_line(y) for y in range(grid.size.height)]
        texts = [strip.text for strip in lines]
        assert any("“三安全一稳定”" in text for text in texts)
        width = grid.scrollable_content_region.width  # beside the scroll bar
        assert {strip.cell_length for strip in lines} == {width}
        # as written to such a terminal: every line as wide as the table, columns in place
        assert {width_where_ambiguous_is_wide(narrowed(t)) for t in texts} == {width}
        assert "“" not in narrowed("".join(texts))
        screen = editor(app)
        for line in ("#header-line", "#status", "#keys", "#cell-applications", "#part-tabs"):
            text = str(screen.query_one(line).render())
            assert width_where_ambiguous_is_wide(narrowed(text)) == cell_len(text), line


def test_every_line_and_block_character_is_written_one_column_wide():
    drawn = "".join(chr(code) for code in range(0x2500, 0x25A0))  # borders, scroll bars
    drawn += "“”‘’…·—–←→↑↓×①②▲▼●○※"
    for ch in drawn:
        shown = narrowed(ch)
        assert len(shown) == 1 and width_where_ambiguous_is_wide(shown) == 1, ch
    assert narrowed("3.危及“三安全一稳定”") == '3.危及"三安全一稳定"'  # Chinese kept


def test_the_driver_writes_the_narrow_characters():
    written: list[str] = []

    class Base:
        def write(self, data: str) -> None:
            written.append(data)

    narrow_driver(Base)().write("\x1b[1;1H╭─ 危及“三安全一稳定” ─╮")
    assert written == ['\x1b[1;1H+- 危及"三安全一稳定" -+']


@pytest.mark.parametrize(
    ("value", "wide"), [("wide", True), ("WIDE", True), ("2", True), ("narrow", False), ("", False)]
)
def test_the_setting(value: str, wide: bool):
    assert wide_ambiguous({"TUI_REPORT_AMBIGUOUS": value}) is wide
    assert not wide_ambiguous({})


def test_the_editor_is_started_with_the_narrow_driver(monkeypatch, example: Path):
    from tui_report.tui import launch

    ran = []
    monkeypatch.setenv("TUI_REPORT_AMBIGUOUS", "wide")
    app = make_app(example)
    monkeypatch.setattr(type(app), "run", lambda self: ran.append(self.driver_class) or 0)
    assert launch.run_app(app) == 0
    assert ran[0].__name__.startswith("Narrow")
