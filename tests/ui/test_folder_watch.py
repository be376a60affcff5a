"""The folder view told of changes by the system (``folder.watching``): what it notices
without looking at every file every few seconds, and how it falls back to looking where
it cannot be told (a network filesystem, the watch limit, ``TUI_REPORT_WATCH=poll``)."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from tui_report.folder import watching
from tui_report.folder.rows import changed_among, stamps
from tui_report.tui.folder import reading as folder_reading
from tui_report.tui.folder.report_list import ReportList
from tui_report.tui.folder.screen import FolderScreen
from tui_report.tui.launch import make_folder_app

from ..county_data import county
from ..pilot import SIZE

# --- which paths changed (no Textual) ------------------------------------------------------


def test_only_the_paths_told_are_looked_at(tmp_path: Path):
    folder = county(tmp_path / "county")
    known = stamps(folder)
    not_reports: dict = {}
    edited = folder / "gongan-2024.toml"
    with edited.open("a", encoding="utf-8") as file:  # edited in place: `echo >> x.toml`
        file.write("\n")
    (folder / "jiaoyu-2024.toml").unlink()
    new = folder / "new-2024.toml"
    new.write_bytes(edited.read_bytes())
    (folder / "notes.toml").write_text('title = "备忘"\n', encoding="utf-8")
    (folder / "readme.md").write_text("说明\n", encoding="utf-8")
    (folder / ".gongan-2024.toml.tmp").write_text("", encoding="utf-8")
    told = {str(folder / n) for n in os.listdir(folder)} | {str(folder / "jiaoyu-2024.toml")}
    changed, gone = changed_among(folder, told, known, not_reports) or ([], [])
    assert sorted(changed) == [str(edited), str(new)]
    assert gone == [str(folder / "jiaoyu-2024.toml")]
    assert list(not_reports) == [str(folder / "notes.toml")]  # asked about once
    assert changed_among(folder, {str(folder / "notes.toml")}, known, not_reports) == ([], [])


def test_a_subfolder_or_a_second_name_needs_a_look_at_the_whole_folder(tmp_path: Path):
    folder = county(tmp_path / "county")
    known = stamps(folder)
    (folder / "2023").mkdir()
    assert changed_among(folder, {str(folder / "2023")}, known, {}) is None  # made
    (folder / "2023").rmdir()
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    sub = folder / "sub"
    sub.mkdir()
    (sub / "a-2024.toml").write_bytes((folder / "gongan-2024.toml").read_bytes())
    known = stamps(folder)
    sub.rename(moved / "sub")
    assert changed_among(folder, {str(sub)}, known, {}) is None  # a folder of reports gone
    link = folder / "link.toml"
    link.symlink_to(folder / "gongan-2024.toml")
    assert changed_among(folder, {str(link)}, known, {}) is None  # which name is the report's
    os.link(folder / "gongan-2024.toml", folder / "second.toml")
    assert changed_among(folder, {str(folder / "second.toml")}, known, {}) is None
    (folder / "linked").symlink_to(moved)  # a linked folder, which the listing does not enter
    inside = folder / "linked" / "sub" / "a-2024.toml"
    assert changed_among(folder, {str(inside)}, known, {}) is None


def test_network_filesystems_are_looked_at_instead(tmp_path: Path, monkeypatch):
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        "40 22 0:35 / /srv/county\\040files rw shared:2 - nfs4 server:/county rw\n"
        "41 40 0:36 / /srv/county\\040files/local rw shared:3 - tmpfs tmpfs rw\n",
        encoding="utf-8",
    )
    at = watching.filesystem_of
    assert at(Path("/srv/county files/2024"), str(mountinfo)) == "nfs4"
    assert at(Path("/srv/county files/local/x"), str(mountinfo)) == "tmpfs"
    assert at(Path("/srv/county"), str(mountinfo)) == "ext4"  # not the folder with a space
    monkeypatch.setattr(watching, "filesystem_of", lambda _folder: "nfs4")
    monkeypatch.delenv(watching.ENVIRONMENT, raising=False)
    assert watching.notifications_wanted(tmp_path) == "目录在网络文件系统（nfs4）上"
    monkeypatch.setattr(watching, "filesystem_of", lambda _folder: "ext4")
    assert watching.notifications_wanted(tmp_path) is None
    monkeypatch.setenv(watching.ENVIRONMENT, "poll")
    assert watching.notifications_wanted(tmp_path) is not None


# --- the view, told by the system ------------------------------------------------------------


async def settled(pilot) -> FolderScreen:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return next(s for s in pilot.app.screen_stack if isinstance(s, FolderScreen))


async def until(pilot, condition, seconds: float = 20.0) -> None:
    """Wait (letting the app run) until ``condition()`` holds; fail after ``seconds``
    (a bound against hanging, not a measure of speed)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the view did not notice the change"
        await asyncio.sleep(0.05)
        await pilot.pause()


def errors_of(screen: FolderScreen, name: str) -> str | None:
    from tui_report.tui.folder.columns import cell_text

    reports = screen.query_one(ReportList)
    row = next((r for r in screen.rows.values() if r.path.endswith("/" + name)), None)
    return None if row is None or not row.checked else cell_text("errors", row, reports.context)


@pytest.fixture
def told(monkeypatch):
    """The view as users run it: told of changes by the system. Every look at the whole
    folder (``changed_files``) is counted: told which paths changed, it needs none."""
    monkeypatch.delenv(watching.ENVIRONMENT, raising=False)
    looks: list[Path] = []
    whole = folder_reading.changed_files

    def counted(folder, known, not_reports):
        looks.append(folder)
        return whole(folder, known, not_reports)

    monkeypatch.setattr(folder_reading, "changed_files", counted)
    return looks


async def test_changes_are_noticed_without_looking_at_every_file(tmp_path: Path, told):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert screen.reading.folder_watch is not None, screen.reading.polled_because
        edited = folder / "gongan-2024.toml"
        text = edited.read_text(encoding="utf-8")
        with edited.open("w", encoding="utf-8") as file:  # in place, as `echo >> x` does
            file.write(text.replace("granted = [25,", "granted = [26,"))
        await until(pilot, lambda: errors_of(screen, "gongan-2024.toml") == "2")
        assert "已重新检查磁盘上改动的文件：gongan-2024.toml" in str(
            screen.query_one("#folder-detail").render()
        )
        (folder / "jiaoyu-2024.toml").unlink()
        await until(pilot, lambda: str(folder / "jiaoyu-2024.toml") not in screen.rows)
        (folder / "copy-2024.toml").write_text(text, encoding="utf-8")
        await until(pilot, lambda: errors_of(screen, "copy-2024.toml") == "0")
        assert told == []  # only the paths told were looked at
        sub = folder / "2023"  # a subfolder: the whole folder is looked at
        sub.mkdir()
        (sub / "moved-2024.toml").write_text(text, encoding="utf-8")
        await until(pilot, lambda: errors_of(screen, "moved-2024.toml") == "0")


async def test_where_the_system_cannot_tell_the_folder_is_looked_at(
    tmp_path: Path, told, monkeypatch
):
    import watchfiles

    def refused(*_paths, **_options):
        raise OSError("OS file watch limit reached")
        yield set()  # (a generator, as watchfiles.watch is)

    monkeypatch.setattr(watchfiles, "watch", refused)
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await until(pilot, lambda: screen.reading.folder_watch is None)
        assert screen.reading.polled_because == "无法使用系统的文件变化通知"
        (folder / "jiaoyu-2024.toml").unlink()
        await until(pilot, lambda: str(folder / "jiaoyu-2024.toml") not in screen.rows)
        assert told  # by looking at every file


async def test_agencies_toml_is_read_again_when_told(tmp_path: Path, told):
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert screen.reading.folder_watch is not None
        (folder / "agencies.toml").write_text("[agencies\n", "utf-8")
        await until(pilot, lambda: screen.names_error is not None)
        note = str(screen.query_one("#folder-note").render())
        assert "agencies.toml 有错误" in note
        assert told == []  # (its own stamp told it: no look at every file)


def test_paths_told_are_written_as_the_listing_writes_them(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "county").mkdir()
    told = f"{tmp_path}/./county/a.toml"  # as the system tells it: absolute
    assert watching.FolderWatch(Path("."), print, print).as_listed(told) == "county/a.toml"
    named = watching.FolderWatch(Path("county"), print, print)
    assert named.as_listed(told) == "county/a.toml"
    assert named.as_listed(str(tmp_path / "county")) == "county"


async def test_a_folder_named_relatively_gets_no_second_row(tmp_path: Path, told, monkeypatch):
    county(tmp_path / "county")
    monkeypatch.chdir(tmp_path)
    async with make_folder_app(Path("county"), cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        rows = len(screen.rows)
        edited = Path("county/gongan-2024.toml")
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("granted = [25,", "granted = [26,"), encoding="utf-8")
        await until(pilot, lambda: errors_of(screen, "gongan-2024.toml") == "2")
        assert len(screen.rows) == rows  # the same row, checked again


# --- saying so where the folder is looked at instead ------------------------------------------


def detail(screen: FolderScreen) -> str:
    return str(screen.query_one("#folder-detail").render())


NOTICE = "改为每 2 秒查看一次目录中的变化"


async def test_a_folder_on_a_network_filesystem_says_once_that_it_is_looked_at(
    tmp_path: Path, told, monkeypatch
):
    monkeypatch.setattr(watching, "filesystem_of", lambda _folder: "nfs4")
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert screen.reading.folder_watch is None
        assert f"目录在网络文件系统（nfs4）上：{NOTICE}" in detail(screen)
        await pilot.press("down")  # what was said goes with the cursor
        assert NOTICE not in detail(screen)
        await pilot.press("f5")  # checked again: said once, not again
        screen = await settled(pilot)
        assert "已检查全部" in detail(screen) and NOTICE not in detail(screen)


async def test_notifications_that_fail_say_that_the_folder_is_looked_at(
    tmp_path: Path, told, monkeypatch
):
    import watchfiles

    def refused(*_paths, **_options):
        raise OSError("OS file watch limit reached")
        yield set()  # (a generator, as watchfiles.watch is)

    monkeypatch.setattr(watchfiles, "watch", refused)
    folder = county(tmp_path / "county")
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        await until(pilot, lambda: NOTICE in detail(screen))
        assert f"无法使用系统的文件变化通知：{NOTICE}" in detail(screen)


async def test_polling_chosen_in_the_environment_is_not_announced(tmp_path: Path):
    folder = county(tmp_path / "county")  # (TUI_REPORT_WATCH=poll: tests/conftest.py)
    async with make_folder_app(folder, cursor_blink=False).run_test(size=SIZE) as pilot:
        screen = await settled(pilot)
        assert screen.reading.folder_watch is None and "已检查全部" in detail(screen)
        assert NOTICE not in detail(screen)
