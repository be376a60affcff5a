"""Defects found in the fourth review (the county office's folder, the yearly cycle)."""

from __future__ import annotations

from pathlib import Path

from tui_report.tui.launch import make_app

from .pilot import SIZE, editor, header, status


async def test_a_year_written_wrongly_is_shown_as_written_and_marked(example: Path):
    """``year = "２０２４"``: the cover showed an empty 年度 and the top line 年度未填, as
    if nothing had been written; leaving the field emptied it for good."""
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("year = 2024", 'year = "２０２４"'), "utf-8")
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert screen.report.year is None and not screen.modified  # nothing taken silently
        assert "２０２４" in header(app) and "不合格" in header(app)
        assert "年度未填" not in header(app)
        await pilot.press("f9")
        await pilot.pause()
        field = screen.query_one("#year")
        assert screen.report.year is None and not screen.modified
        assert field.value == "２０２４" and field.has_class("invalid")
        await pilot.press("tab", "tab")  # into the field and out: it keeps what the file says
        await pilot.pause()
        assert field.value == "２０２４" and field.has_class("invalid")
        assert screen.report.year is None and not screen.modified
        screen.sync_from_widgets()  # as Ctrl+S and Ctrl+Q do first
        assert screen.report.year is None and not screen.modified
        await pilot.press("shift+tab")
        assert app.focused is field
        await pilot.press("end", "backspace", "x")  # no year: said, and the file's value kept
        await pilot.pause()
        assert "仍为文件中的“２０２４”" in status(app) and "None" not in status(app)
        await pilot.press("tab")
        await pilot.pause()
        assert field.value == "２０２４" and screen.report.year is None
        await pilot.press("shift+tab")
        await pilot.press("end", "backspace", "４")  # retyped: taken
        await pilot.pause()
        assert screen.report.year == 2024 and not field.has_class("invalid")
        assert "2024年度" in header(app) and "不合格" not in status(app)


def test_the_workbook_says_which_reports_its_total_leaves_out(tmp_path: Path, capsys):
    """The file sent to the city said 合计 of two reports and nothing of the third, left
    out for its errors (said only on the terminal of whoever ran ``sum``)."""
    import openpyxl

    from tui_report.cli import main

    from .county_data import county

    folder = county(tmp_path / "county")
    files = [str(folder / f"{stem}-2024.toml") for stem in ("jiaoyu", "gongan", "shuili")]
    (folder / "broken-2024.toml").write_text("[applications\n", encoding="utf-8")
    files.append(str(folder / "broken-2024.toml"))
    target = tmp_path / "全县.xlsx"
    assert main(["sum", *files, "--format", "xlsx", "-o", str(target)]) == 2  # unreadable
    book = openpyxl.load_workbook(target)
    rows = list(book["各单位概况"].iter_rows(values_only=True))
    total_at = next(i for i, row in enumerate(rows) if row[0] == "合计")
    assert [row[0] for row in rows[3:total_at]] == ["示例县教育局", "示例县公安局"]
    notes = [row[0] for row in rows[total_at + 1 :] if row[0]]
    assert notes[0].startswith("不计入合计的报告 2 份") and "见“未计入合计”页" in notes[0]
    listed = [" ".join(map(str, row)) for row in book["未计入合计"].iter_rows(values_only=True)]
    assert "不计入合计的报告（2 份） None None" in listed
    assert any("shuili-2024.toml" in n and "个错误" in n for n in listed)
    assert any("broken-2024.toml" in n and "TOML 语法错误" in n for n in listed)
    assert "不计入 2 份" in capsys.readouterr().err
