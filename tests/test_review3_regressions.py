"""Defects found in the third review (as the clerk, the county office, the publisher)."""

from __future__ import annotations

from pathlib import Path

from tui_report.tui.launch import make_app

from .pilot import NATURAL, SIZE, editor, open_matrix, status


async def test_a_problem_fixed_by_typing_leaves_the_status_line(example: Path):
    """F8 to a text's warning, type what it asks for: its message must not stay."""
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.report.texts["other_matters"] = "无"
        screen.revalidate()
        await pilot.press("f8")
        await pilot.pause()
        assert app.focused.id == "text-other_matters"
        assert "未说明信息处理费" in status(app)
        await pilot.press("ctrl+end", *"。本年度未收取信息处理费")
        await pilot.pause()
        assert status(app).startswith("错误 0  警告 0")
        assert "未说明信息处理费" not in status(app)


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


async def test_saving_a_file_deleted_meanwhile_says_so_and_offers_to_write_it_again(
    example: Path,
):
    """git checkout of another branch took the file away: nothing on disk to reload."""
    from tui_report.tui.widgets.dialogs import Choice

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        example.unlink()
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Choice)
        assert "已被删除或移走" in question.question.plain
        assert "reload" not in [answer for answer, _, _ in question.answers]
        await pilot.press("s")
        await pilot.pause()
        assert "new_received = [43, 5, 1, 0, 2, 1]" in example.read_text(encoding="utf-8")
        assert "已保存" in status(app)


def test_export_force_of_a_file_in_a_merge_conflict_gives_its_text_for_git_diff(
    example: Path,
):
    """README's git textconv (export --quiet --force): a report with conflict markers
    is not TOML; exiting 2 made `git diff` stop with "unable to read files to diff"
    exactly when the two versions must be compared."""
    import subprocess
    import sys

    text = example.read_text(encoding="utf-8")
    conflicted = text.replace(
        "new_received = [42, 5, 1, 0, 2, 1]",
        "<<<<<<< HEAD\nnew_received = [42, 5, 1, 0, 2, 1]\n=======\n"
        "new_received = [43, 5, 1, 0, 2, 1]\n>>>>>>> 同事",
    )
    example.write_text(conflicted, encoding="utf-8")

    def export(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tui_report", "export", str(example), *options]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    plain = export()
    assert plain.returncode == 2 and plain.stdout == ""  # no --force: refused as before
    assert "TOML 语法错误" in plain.stderr
    forced = export("--quiet", "--force")
    assert forced.returncode == 0 and forced.stderr == ""
    first, rest = forced.stdout.split("\n", 1)
    assert "无法读取为报告" in first and "TOML 语法错误" in first
    assert rest == conflicted  # the file's own text, every line, for git to compare
    noted = export("--force")
    assert noted.returncode == 0 and "以原文导出" in noted.stderr
    html = export("--force", "--format", "html")
    assert html.returncode == 2 and html.stdout == ""  # only the text format, for git
