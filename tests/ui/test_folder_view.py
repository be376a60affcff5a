"""The folder view (``tui-report DIR``) driven with Textual's Pilot at 80x24: every report
with its status, the year's total, filtering and sorting, the editor and back, a file
changed on disk, the county checks and agencies.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui_report.cli import main
from tui_report.cli.check import check_files
from tui_report.tui.editor.help import Help
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.folder import columns as folder_columns
from tui_report.tui.folder.columns import ListContext, fit
from tui_report.tui.folder.county_checks import CountyChecks
from tui_report.tui.folder.report_list import ReportList
from tui_report.tui.folder.screen import FolderScreen
from tui_report.tui.launch import make_folder_app
from tui_report.tui.widgets.dialogs import Choice

from ..county_data import VALID_2024, county, renamed_unit
from ..pilot import SIZE, notifications


async def settled(pilot) -> FolderScreen:
    """The view once every file has been read and checked."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = next(s for s in pilot.app.screen_stack if isinstance(s, FolderScreen))
    assert not screen.checking and not screen.reading.busy
    return screen


def shown(screen: FolderScreen) -> list[str]:
    return [Path(r.path).name for r in screen.query_one(ReportList).rows]


def text_of(screen: FolderScreen, widget: str) -> str:
    return str(screen.query_one(widget).render())


def row_cells(screen: FolderScreen, name: str) -> dict[str, str]:
    from tui_report.tui.folder.columns import cell_text

    reports = screen.query_one(ReportList)
    row = next(r for r in reports.rows if r.path.endswith(name))
    return {p.column.key: cell_text(p.column.key, row, reports.context) for p in reports.placed}


async def test_every_report_is_listed_with_its_status_and_the_total(tmp_path: Path, capsys):
    folder = county(tmp_path / "county")
    check_files([folder], as_json=True)  # what check and sum say (before the app takes stdout)
    checked = {Path(f["file"]).name: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert main(["sum", *(str(folder / n) for n in VALID_2024), "--format", "json"]) == 0
    summed = json.loads(capsys.readouterr().out)[-1]
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert screen.year == 2024  # the latest year first
        assert sorted(shown(screen)) == sorted(p.name for p in folder.glob("*-2024.toml"))
        await pilot.press("a")  # every year
        assert sorted(shown(screen)) == sorted(p.name for p in folder.glob("*.toml"))
        for name, result in checked.items():
            cells = row_cells(screen, name)
            assert (cells["errors"], cells["warnings"]) == (
                str(result["errors"]),
                str(result["warnings"]),
            )
        total = text_of(screen, "#folder-total")
        assert total.split() == [
            "合计（2",
            "份）",
            "2024",
            *(str(summed[k]) for k in ("新收", "办结", "结转下年度", "行政复议", "行政诉讼")),
        ]
        note = text_of(screen, "#folder-note")
        assert "不计入 1 份：有错误 1" in note and "缺报告 1 个机关" in note
        assert notifications(app) == []


async def test_filter_by_errors_and_by_text(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("e")
        assert shown(screen) == ["shuili-2024.toml"]
        assert "只看有错误的" in text_of(screen, "#folder-header")
        await pilot.press("e", "slash")
        await pilot.press(*"公安")
        assert shown(screen) == ["gongan-2024.toml"]
        await pilot.press("enter")  # keeps the filter, back to the list
        assert isinstance(app_focused := pilot.app.focused, ReportList), app_focused
        assert shown(screen) == ["gongan-2024.toml"]
        await pilot.press("slash", "escape")  # Esc clears it
        assert len(shown(screen)) == 3
        await pilot.press("slash", *"JIAOYU", "enter")  # file names too, any case
        assert shown(screen) == ["jiaoyu-2024.toml"]


async def test_sort_by_a_column_and_reverse(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert shown(screen) == ["gongan-2024.toml", "jiaoyu-2024.toml", "shuili-2024.toml"]
        await pilot.press("s", *"新收", "enter")  # the picker narrows to the column
        assert screen.sort_key == "new" and screen.descending
        news = [row_cells(screen, n)["new"] for n in shown(screen)]
        assert [int(n) for n in news] == sorted((int(n) for n in news), reverse=True)
        await pilot.press("r")
        assert [int(row_cells(screen, n)["new"]) for n in shown(screen)] == sorted(
            int(n) for n in news
        )
        await pilot.press("s", *"错误", "enter")
        assert shown(screen)[0] == "shuili-2024.toml"
        assert "错误▼" in str(screen.query_one(ReportList).render_line(0).text)


async def test_enter_edits_and_ctrl_q_comes_back_with_the_edit_counted(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert "合计（2 份）" in text_of(screen, "#folder-total")
        await pilot.press("s", *"错误", "enter", "home", "enter")
        await pilot.pause()
        editor = pilot.app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.loaded.path == folder / "shuili-2024.toml"
        # the editor opens on the first error (一、本年新收 · 自然人); 予以公开 is 2 rows down
        await pilot.press("down", "down", "6", "enter", "ctrl+s")  # 99 back to 6
        await pilot.pause()
        assert not editor.problems
        await pilot.press("ctrl+q")
        screen = await settled(pilot)
        assert pilot.app.screen is screen
        assert row_cells(screen, "shuili-2024.toml")["errors"] == "0"
        assert "合计（3 份）" in text_of(screen, "#folder-total")
        assert "没有不计入合计的报告" in text_of(screen, "#folder-note")
        assert screen.query_one(ReportList).current.path.endswith("shuili-2024.toml")


async def test_a_report_opened_and_left_unchanged_is_not_called_changed(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EditorScreen)
        await pilot.press("ctrl+q")  # nothing edited, nothing saved
        screen = await settled(pilot)
        assert pilot.app.screen is screen
        assert "改动" not in text_of(screen, "#folder-detail")


async def test_the_folder_view_leaves_no_lock_behind(tmp_path: Path):
    """Locks are for the reports it opens, each released when its editor closes; the
    folder itself is no report (a lock for it was left in the state folder once)."""
    from tui_report.document.recovery import state_dir

    def locks() -> list[str]:
        folder = state_dir()
        return sorted(p.name for p in folder.glob("*.lock")) if folder.is_dir() else []

    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert locks() == []
        await pilot.press("home", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, EditorScreen)
        assert len(locks()) == 1 and locks()[0].endswith(".lock")  # the report's
        await pilot.press("ctrl+q")
        await settled(pilot)
        assert locks() == []
    assert locks() == []


async def test_an_agency_name_the_list_shortens_is_whole_below_it(tmp_path: Path):
    from ..county_data import unit_report, write

    folder = county(tmp_path / "county")
    long_name = "示例市示例县人力资源和社会保障局劳动保障监察大队政府信息公开工作领导小组办公室"
    write(folder, "long-2024.toml", unit_report(long_name, 2024, 3))
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert long_name not in shown(screen)  # the column is too narrow for it
        await pilot.press("slash", *"long", "enter", "home")
        assert screen.query_one(ReportList).current.path.endswith("long-2024.toml")
        assert text_of(screen, "#folder-detail").startswith(f" {long_name} · long-2024.toml")
        await pilot.press("slash", *"jiaoyu-2024", "enter", "home")
        assert screen.query_one(ReportList).current.path.endswith("jiaoyu-2024.toml")
        assert text_of(screen, "#folder-detail").startswith(" jiaoyu-2024.toml")


async def test_ctrl_p_lists_the_actions_by_name_and_does_the_one_chosen(tmp_path: Path):
    from tui_report.tui.folder.keys import FolderCommands

    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        descending = screen.descending
        await pilot.press("ctrl+p")
        palette = pilot.app.screen
        assert isinstance(palette, FolderCommands)
        lines = [line for line, _ in palette.choices("")]
        assert any(line.startswith("筛选") and line.endswith("/ 或 Ctrl+F") for line in lines)
        assert not any(line.startswith("命令") for line in lines)  # not itself
        await pilot.press(*"反向", "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.descending is not descending  # as R does
        await pilot.press("ctrl+p", *"全县", "enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CountyChecks)


async def test_keys_with_nothing_to_act_on_say_why(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    async with make_folder_app(empty, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("enter")
        assert "没有报告可以打开" in text_of(screen, "#folder-detail")
        await pilot.press("y")
        assert "没有年度可换" in text_of(screen, "#folder-detail")
    one_year = tmp_path / "one-year"
    one_year.mkdir()
    for name in ("jiaoyu-2024.toml", "gongan-2024.toml"):
        (one_year / name).write_bytes((county(tmp_path / "county") / name).read_bytes())
    async with make_folder_app(one_year, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("y")
        assert screen.year == 2024
        assert "都是 2024 年度的，没有别的年度可换" in text_of(screen, "#folder-detail")
        placed = [p.column.key for p in screen.query_one(ReportList).placed]
        assert "change" not in placed  # no last year's reports: it would be an empty column
        await pilot.press("slash", *"没有这个机关", "enter", "enter")
        assert "筛选或“只看错误”隐去了其余的" in text_of(screen, "#folder-detail")


async def test_a_file_changed_on_disk_is_checked_again(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        path = folder / "gongan-2024.toml"
        path.write_text(  # another clerk's git pull: an error now
            path.read_text(encoding="utf-8").replace("granted = [25,", "granted = [26,"),
            encoding="utf-8",
        )
        screen.reading.watch_folder()  # what the timer does every two seconds
        await settled(pilot)
        assert row_cells(screen, "gongan-2024.toml")["errors"] == "2"
        assert "已重新检查磁盘上改动的文件：gongan-2024.toml" in text_of(screen, "#folder-detail")
        assert "合计（1 份）" in text_of(screen, "#folder-total")
        await pilot.press("e")  # the next key (only errors: the cursor's row stays) ends it
        assert "已重新检查" not in text_of(screen, "#folder-detail")
        assert "不计入合计（有 2 个错误）" in text_of(screen, "#folder-detail")
        await pilot.press("e")
        (folder / "jiaoyu-2024.toml").unlink()
        screen.reading.watch_folder()
        await settled(pilot)
        assert "jiaoyu-2024.toml" not in shown(screen)
        assert "1 个文件已不在目录中" in text_of(screen, "#folder-detail")


async def test_a_file_that_cannot_be_read_is_listed_and_not_opened(tmp_path: Path):
    folder = county(tmp_path / "county")
    (folder / "broken.toml").write_text(
        'format = "2021"\nagency = "示例县财政局"\nyear = 2024\n[applications\n', "utf-8"
    )
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert row_cells(screen, "broken.toml")["errors"] == "无法读取"
        await pilot.press("s", *"错误", "enter", "home")
        assert screen.query_one(ReportList).current.path.endswith("broken.toml")
        await pilot.press("enter")
        assert pilot.app.screen is screen  # not opened
        assert "无法打开" in text_of(screen, "#folder-detail")
        assert "无法读取 1" in text_of(screen, "#folder-note")


async def test_year_on_year_under_the_cursor(tmp_path: Path):
    from tui_report.folder.rows import NEW, inspect_file

    folder = county(tmp_path / "county")
    last = inspect_file(str(folder / "jiaoyu-2023.toml")).numbers[NEW]
    this = inspect_file(str(folder / "jiaoyu-2024.toml")).numbers[NEW]
    assert this < last  # 18 → 15
    async with make_folder_app(folder, cursor_blink=False).run_test(size=(120, 36)) as pilot:
        screen = await settled(pilot)
        cells = row_cells(screen, "jiaoyu-2024.toml")
        assert (cells["last_new"], cells["change"], cells["linked"]) == (
            str(last),
            str(this - last),
            "相符",
        )
        await pilot.press("down")
        assert screen.query_one(ReportList).current.path.endswith("jiaoyu-2024.toml")
        detail = text_of(screen, "#folder-detail")
        assert f"jiaoyu-2023.toml（新收 {last} → {this}，{this - last}；上年结转" in detail


async def test_the_mapping_merges_two_names_in_the_view(tmp_path: Path):
    folder = county(tmp_path / "county")
    renamed_unit(folder)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert "缺报告 2 个机关" in text_of(screen, "#folder-note")  # 民政局 and 洪泽县
        assert not any(p.endswith("hongze-2024.toml") for p in screen.analysis.links)
        await pilot.press("c")
        checks = pilot.app.screen
        assert isinstance(checks, CountyChecks)
        suggestion = next(i for i, item in enumerate(checks.items) if item.suggestion)
        checks.query_one("#checks").highlighted = suggestion
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, Choice)
        await pilot.press("1")  # 记入，统一用 1（this year's name）
        await settled(pilot)
        assert (folder / "agencies.toml").read_text(encoding="utf-8").count("洪泽县人民政府") == 1
        assert pilot.app.screen is screen
        assert "已记入" in text_of(screen, "#folder-detail")
        assert "缺报告 1 个机关" in text_of(screen, "#folder-note")  # 民政局 only
        assert any(p.endswith("hongze-2024.toml") for p in screen.analysis.links)


async def test_a_malformed_mapping_is_said_and_not_used(tmp_path: Path):
    folder = county(tmp_path / "county")
    (folder / "agencies.toml").write_text("[agencies\n", "utf-8")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert "agencies.toml 有错误" in text_of(screen, "#folder-note")
        await pilot.press("c")
        items = [item.text for item in pilot.app.screen.items]
        assert items[0].startswith("发布机关名称对照表（agencies.toml）有错误")
        assert "agencies.toml:" in items[1]


async def test_help_and_quit(tmp_path: Path):
    folder = county(tmp_path / "county")
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, Help)
        assert "目录视图" in str(app.screen.query_one("HelpText").render())
        await pilot.press("escape", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_letters_typed_in_the_filter_are_text_not_keys(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("slash", *"shuili")  # s sorts, y changes the year … not here
        assert isinstance(pilot.app.screen, FolderScreen)  # no sort picker opened
        assert screen.text_filter == "shuili" and shown(screen) == ["shuili-2024.toml"]
        assert (screen.sort_key, screen.year, screen.only_errors) == ("agency", 2024, False)


def test_a_folder_that_does_not_exist_is_said(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["nosuch/"]) == 2
    assert main(["edit", "nosuch/"]) == 2
    assert capsys.readouterr().err.count("nosuch/: 目录不存在") == 2
    assert not (tmp_path / "nosuch").exists()


async def test_an_empty_folder_says_so(tmp_path: Path):
    async with make_folder_app(tmp_path, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert "中没有报告" in text_of(screen, "#folder-header")
        await pilot.press("enter", "s", "escape", "y", "e", "c")  # nothing breaks
        assert isinstance(pilot.app.screen, CountyChecks)


async def test_the_total_stays_under_its_columns_when_the_terminal_is_resized(tmp_path: Path):
    from ..county_data import two_years

    folder = county(tmp_path / "county")
    two_years(folder, "示例县住房和城乡建设局城市管理综合执法大队", "zhifa", (3, 4))  # long
    app = make_folder_app(folder, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled(pilot)

        def column_of(text: str, line: str) -> int:
            from rich.cells import cell_len

            return cell_len(line[: line.index(text)])

        def aligned() -> bool:
            heading = str(screen.query_one(ReportList).render_line(0).text)
            total = text_of(screen, "#folder-total")
            end = column_of("2024", total) + 4
            return column_of("年度", heading) + 4 == end  # right-aligned in the same column

        assert aligned()
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        await pilot.pause()
        assert aligned()


async def test_the_line_under_the_list_names_files_within_the_folder_and_is_not_cut(
    tmp_path: Path,
):
    """The whole path of both files (the folder is on the top line) left no room at 80
    columns: 上年：/…/county/jiaoyu-2023.toml（新 … was cut."""
    folder = county(tmp_path / "a-rather-long-folder-name" / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await pilot.press("down")
        assert screen.query_one(ReportList).current.path.endswith("jiaoyu-2024.toml")
        first = text_of(screen, "#folder-detail").split("\n")[0]
        assert first.startswith(" jiaoyu-2024.toml · 上年：jiaoyu-2023.toml（新收 ")
        assert cell_len(first) <= SIZE[0]  # the whole line fits


# --- recording two names as one agency --------------------------------------------------------


async def record_renamed(pilot, key: str) -> FolderScreen:
    """C, the suggestion of one agency under two names, Enter, then ``key``."""
    screen = await settled(pilot)
    await pilot.press("c")
    checks = pilot.app.screen
    suggestion = next(i for i, item in enumerate(checks.items) if item.suggestion)
    checks.query_one("#checks").highlighted = suggestion
    await pilot.press("enter")
    assert isinstance(pilot.app.screen, Choice)
    await pilot.press(key)
    await settled(pilot)
    assert pilot.app.screen is screen  # the view goes on, whatever the write did
    return screen


async def test_the_user_chooses_which_name_is_used(tmp_path: Path):
    from tui_report.folder.agencies import read_agencies

    folder = county(tmp_path / "county")
    renamed_unit(folder)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("c")
        checks = pilot.app.screen
        suggestion = next(i for i, item in enumerate(checks.items) if item.suggestion)
        checks.query_one("#checks").highlighted = suggestion
        await pilot.press("enter")
        question = str(pilot.app.screen.query_one("WrappedStatic").render())
        assert "统一使用哪一个" in question
        assert "1  淮安市洪泽区人民政府" in question and "2  洪泽县人民政府" in question
        await pilot.press("escape", "escape")
        screen = await record_renamed(pilot, "2")  # the old name kept as the one used
        names = read_agencies(folder / "agencies.toml")
        assert names.unified("淮安市洪泽区人民政府") == "洪泽县人民政府"
        assert "已记入" in text_of(screen, "#folder-detail")
        assert "淮安市洪泽区人民政府 → 洪泽县人民政府" in text_of(screen, "#folder-detail")
        assert any(p.endswith("hongze-2024.toml") for p in screen.analysis.links)


async def test_a_read_only_agencies_file_is_said_not_a_traceback(tmp_path: Path):
    folder = county(tmp_path / "county")
    renamed_unit(folder)
    names = folder / "agencies.toml"
    names.write_text("[agencies]\n", encoding="utf-8")
    names.chmod(0o444)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await record_renamed(pilot, "1")
        detail = text_of(screen, "#folder-detail")
        assert "未能记入" in detail and "只读" in detail
    assert names.read_text(encoding="utf-8") == "[agencies]\n"


async def test_a_full_disk_when_recording_is_said(tmp_path: Path, monkeypatch):
    import errno

    from tui_report import storage

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "write_atomic", full)
    folder = county(tmp_path / "county")
    renamed_unit(folder)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await record_renamed(pilot, "1")
        assert "未能记入：" in text_of(screen, "#folder-detail")
        assert "磁盘空间不足" in text_of(screen, "#folder-detail")
    assert not (folder / "agencies.toml").exists()


def test_recording_in_a_folder_another_user_may_not_write(tmp_path: Path):
    """As an ordinary user (a forked child of a root test run) in root's folder."""
    import os

    from tui_report.tui.folder.county_checks import record_names

    if os.geteuid() != 0:
        import pytest

        pytest.skip("needs root to become another user")
    folder = tmp_path / "county"
    folder.mkdir(mode=0o755)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        os.close(read)
        try:
            os.setgid(12345)
            os.setuid(12345)
            said = record_names(folder / "agencies.toml", "甲", ["甲", "乙"])
        except BaseException as exc:
            said = f"raised {exc!r}"
        os.write(write, said.encode("utf-8"))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode("utf-8")
    os.waitpid(child, 0)
    assert said.startswith("未能记入：") and "没有权限" in said, said
    assert not (folder / "agencies.toml").exists()


# --- order and the total under a filter ---------------------------------------------------------


async def test_agencies_are_sorted_by_pinyin(tmp_path: Path):
    """As a Chinese reader sorts them (阿 a, 北 bei, 长 chang, 重 chong in 重庆, 厦 xia in
    厦门), not by the characters' code points (厦 北 重 长 阿)."""
    from ..county_data import unit_report, write

    names = ["厦门市民政局", "重庆市民政局", "阿城区民政局", "长安区民政局", "北京市民政局"]
    for n, name in enumerate(names):
        write(tmp_path, f"{n}.toml", unit_report(name, 2024))
    expected = ["阿城区民政局", "北京市民政局", "长安区民政局", "重庆市民政局", "厦门市民政局"]
    assert sorted(names) != expected  # code points would not do
    async with make_folder_app(tmp_path, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert [r.agency for r in screen.query_one(ReportList).rows] == expected
        await pilot.press("r")  # reversed
        assert [r.agency for r in screen.query_one(ReportList).rows] == expected[::-1]


async def test_the_total_says_what_of_it_a_filter_shows(tmp_path: Path):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        note = text_of(screen, "#folder-note")
        assert "筛选" not in note  # all shown: the total is theirs
        await pilot.press("slash", *"公安", "enter")
        assert shown(screen) == ["gongan-2024.toml"]
        note = text_of(screen, "#folder-note")
        assert note.startswith(" 筛选后列出 1 份，其中 1 份计入合计（合计按全部 2 份）")
        await pilot.press("slash", "escape", "e")  # only the report with errors
        assert shown(screen) == ["shuili-2024.toml"]
        note = text_of(screen, "#folder-note")
        assert note.startswith(" 筛选后列出 1 份，其中 0 份计入合计（合计按全部 2 份）")
        await pilot.press("e")
        assert "筛选" not in text_of(screen, "#folder-note")


# The view's responsiveness as a clerk feels it: asserted as the work done (the cells
# measured), never as a time.
@pytest.fixture
def measured(monkeypatch) -> list[str]:
    """The cells the folder view's layout and sorting measure (not the lines drawn)."""
    calls: list[str] = []
    original = folder_columns.cell_text

    def counting(key, row, context, short=False):
        calls.append(key)
        return original(key, row, context, short)

    monkeypatch.setattr(folder_columns, "cell_text", counting)
    return calls


async def test_sorting_and_filtering_measure_no_cell_again(tmp_path: Path, measured):
    """Each sort or letter of the filter measured every cell of every row (5,000
    reports: a tenth of a second a key); the widths are kept while the rows are."""
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        reports = screen.query_one(ReportList)
        assert measured  # the first layout measured the rows
        await pilot.press("y", "y")  # the other year's rows are measured when first shown
        measured.clear()
        await pilot.press("full_stop", "full_stop", "r", "y")  # sort by 2 columns, reverse, year
        await pilot.press("slash", "g", "backspace", "enter")  # filter and back
        await pilot.pause()
        assert screen.sort_key != "agency"
        assert measured == []
        # the columns are those a layout from scratch gives
        fresh = ListContext(screen.analysis, screen.git, screen.rows)
        assert reports.placed == fit(
            reports.scrollable_content_region.width,
            reports.rows,
            fresh,
            reports.total_cells,
            screen.sort_key,
        )


async def test_a_row_checked_again_is_measured_again(tmp_path: Path, measured):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        path = folder / "gongan-2024.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("公安", "公安交通警察支队机动车管理所", 1),
            encoding="utf-8",
        )
        measured.clear()
        screen.recheck([str(path)])
        await settled(pilot)
        assert measured  # the new state of the folder is measured
        row = next(r for r in screen.query_one(ReportList).rows if r.path == str(path))
        assert "机动车管理所" in row.agency
        agency = next(p for p in screen.query_one(ReportList).placed if p.column.key == "agency")
        assert agency.width > len("gongan") and "gongan-2024.toml" in shown(screen)


def test_fit_measures_each_row_once_per_context(measured):
    from tui_report.folder.rows import ReportRow

    rows = [ReportRow(path=f"/r/{i}.toml", agency=f"单位{i}", year=2024) for i in range(5)]
    context = ListContext()
    first = fit(120, rows, context)
    per_row = len(measured) // len(rows)
    assert measured.count("agency") == len(rows)  # each row measured once
    measured.clear()
    assert fit(120, rows[::-1], context) == first  # another order: nothing measured
    assert measured == []
    rows[2] = ReportRow(path="/r/2.toml", agency="单位二很长很长很长很长很长的名称", year=2024)
    wider = fit(120, rows, context)
    assert len(measured) == per_row  # only the new row
    assert wider[0].width > first[0].width


async def test_a_failure_showing_the_results_is_said_and_f5_checks_again(
    tmp_path: Path, monkeypatch
):
    """A bug while the screen takes the checked rows (on the event loop, where the
    reading thread no longer waits for it) is said in the view, as a failed reading
    thread is, with no traceback; F5 then checks the folder again."""
    folder = county(tmp_path / "county")
    real = FolderScreen._take_rows
    failures = []

    def failing(self, *args):
        if not failures:
            failures.append(1)
            raise RuntimeError("a bug")
        return real(self, *args)

    monkeypatch.setattr(FolderScreen, "_take_rows", failing)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert failures and "读取目录时程序内部出错" in text_of(screen, "#folder-detail")
        await pilot.press("f5")
        screen = await settled(pilot)
        assert "已检查全部 7 份报告" in text_of(screen, "#folder-detail")
        assert set(shown(screen)) >= set(VALID_2024)
