"""合并 when the file changed on disk while edits were unsaved (Pilot, 80x24): edits of
different cells and paragraphs merge at once, the places both sides changed are asked
one by one, the result is shown unsaved, and Ctrl+Z takes the merge back."""

from __future__ import annotations

from pathlib import Path

from tui_report.report.model import CellRef
from tui_report.storage import read_report
from tui_report.tui.editor.disk_change import Differences
from tui_report.tui.editor.disk_merge import ConflictChoice
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.dialogs import Choice
from tui_report.tui.widgets.text_area import ReportTextArea

from ..pilot import NATURAL, SIZE, editor, open_matrix, status

LICENSING = CellRef("art20_5", "licensing", "decisions")
THEIR_PARAGRAPH = "改进措施：磁盘上改写的这一段。"
MY_PARAGRAPH = "存在的主要问题：编辑器中改写的这一段。"


def change_on_disk(path: Path, *replacements: tuple[str, str]) -> str:
    """The file changed as a git pull would change it; its new text."""
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


async def type_a_paragraph(pilot, first_line: str) -> None:
    """Part 五's first paragraph replaced by ``first_line`` in its text area (as typed:
    Pilot cannot press ：and 。)."""
    await pilot.press("f6")
    await pilot.pause()
    area = pilot.app.focused
    assert isinstance(area, ReportTextArea)
    area.replace(first_line, (0, 0), (0, len(area.document.get_line(0))))
    await pilot.pause()


async def test_edits_of_different_cells_and_paragraphs_merge_and_ctrl_z_takes_them_back(
    example: Path,
):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        await type_a_paragraph(pilot, MY_PARAGRAPH)
        theirs = change_on_disk(
            example,
            ("licensing = 1287", "licensing = 1300"),
            (
                "改进措施：丰富图解、视频等解读形式；开展答复文书评查，提升答复规范化水平。",
                THEIR_PARAGRAPH,
            ),
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Choice)
        assert question.query("Button").first().id == "answer-merge"
        assert app.focused.id == "answer-merge"  # the default: nothing is lost by it
        assert "不重叠" in str(question.question)
        await pilot.press("M")
        await pilot.pause()
        await pilot.pause()
        screen = editor(app)
        assert isinstance(app.screen, EditorScreen)
        report = screen.report
        assert report.get(NATURAL) == 43 and report.get(LICENSING) == 1300
        assert report.texts["shortcomings"] == f"{MY_PARAGRAPH}\n{THEIR_PARAGRAPH}"
        area = screen.query_one("#text-shortcomings", ReportTextArea)
        assert area.text == report.texts["shortcomings"]  # shown as merged
        assert screen.modified and "已合并" in status(app) and "Ctrl+S" in status(app)
        assert example.read_text(encoding="utf-8") == theirs  # nothing saved yet
        await open_matrix(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert report.get(NATURAL) == 42 and report.get(LICENSING) == 1300
        assert report.texts["shortcomings"].endswith(THEIR_PARAGRAPH)
        assert MY_PARAGRAPH not in report.texts["shortcomings"]
        assert not screen.modified  # the file as it is on disk
        assert "已撤销：合并编辑器中的" in status(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert report.get(NATURAL) == 43 and MY_PARAGRAPH in report.texts["shortcomings"]
        await pilot.press("ctrl+s")  # saving asks nothing now: the merge was on this file
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    saved = read_report(example).report
    assert saved.get(NATURAL) == 43 and saved.get(LICENSING) == 1300
    assert saved.texts["shortcomings"] == f"{MY_PARAGRAPH}\n{THEIR_PARAGRAPH}"


async def test_a_cell_both_sides_changed_is_asked_with_the_three_values(example: Path):
    for answer, expected in (("E", 43), ("D", 45)):
        example.write_bytes((Path(__file__).parents[2] / "reports/example-2024.toml").read_bytes())
        app = make_app(example, cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await open_matrix(pilot)
            await pilot.press("4", "3", "enter")
            change_on_disk(
                example,
                ("new_received = [42,", "new_received = [45,"),
                ("licensing = 1287", "licensing = 1300"),
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "两边都改了的 1 处逐个选择" in str(app.screen.question)
            await pilot.press("m")
            await pilot.pause()
            conflict = app.screen
            assert isinstance(conflict, ConflictChoice)
            asked = str(conflict.question)
            assert "自然人" in asked
            assert "打开时：42" in asked and "磁盘上：45" in asked and "编辑器中：43" in asked
            await pilot.press(answer)
            await pilot.pause()
            await pilot.pause()
            report = editor(app).report
            assert report.get(NATURAL) == expected and report.get(LICENSING) == 1300
            if answer == "E":
                assert "两边都改了的 1 处按所选" in status(app)
            else:  # the result is the file on disk: nothing to save
                assert "结果与磁盘上的文件相同（两边都改了的 1 处选了磁盘上的）" in status(app)
                assert not editor(app).modified


async def test_cancelling_a_conflict_changes_nothing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        theirs = change_on_disk(example, ("new_received = [42,", "new_received = [45,"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConflictChoice)
        await pilot.press("escape")
        await pilot.pause()
        screen = editor(app)
        assert app.screen is screen
        assert screen.report.get(NATURAL) == 43 and screen.modified
        assert "未合并" in status(app)
        await pilot.press("ctrl+s")  # asked again
        await pilot.pause()
        assert isinstance(app.screen, Choice)
    assert example.read_text(encoding="utf-8") == theirs


async def test_the_differences_say_what_merging_would_do(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        change_on_disk(example, ("new_received = [42,", "new_received = [45,"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Differences)
        text = app.screen.text
        assert "两边都改了的 1 处" in text
        assert "磁盘上：45" in text and "编辑器中：43" in text


async def test_a_file_on_disk_that_cannot_be_read_is_not_offered_for_merging(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        example.write_text(example.read_text(encoding="utf-8") + "garbage = [\n", "utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, Choice)
        assert "answer-merge" not in [b.id for b in question.query("Button")]
        assert "不能合并：磁盘上的文件现在无法读取" in str(question.question)
        await pilot.press("m")  # no such answer: nothing happens
        await pilot.pause()
        assert app.screen is question


async def test_undoing_a_merge_keeps_text_typed_after_it(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("4", "3", "enter")
        await type_a_paragraph(pilot, MY_PARAGRAPH)
        change_on_disk(example, ("licensing = 1287", "licensing = 1300"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        await pilot.pause()
        screen = editor(app)
        await pilot.press("f6")
        await pilot.pause()
        area = app.focused
        assert isinstance(area, ReportTextArea) and MY_PARAGRAPH in area.text
        area.insert("再加一句。", area.document.end)  # typed after the merge
        await pilot.pause()
        await open_matrix(pilot)
        await pilot.press("ctrl+z")  # the merge, undone from the table
        await pilot.pause()
        assert screen.report.get(NATURAL) == 42
        assert screen.report.texts["shortcomings"].endswith("再加一句。")  # not thrown away
        assert "1 处文字之后又改过，未动" in status(app)


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
