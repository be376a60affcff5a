"""A county folder shared on a server or received from elsewhere (issue 20): git never runs
what the folder's config names, nothing under the folder is passed over in silence, a
report reached by two names is one report everywhere, and text from a file shows the
same in the folder view as everywhere else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tui_report.folder import git_states
from tui_report.tui.folder_screen import FolderScreen
from tui_report.tui.launch import make_folder_app

from .county_data import county
from .pilot import SIZE

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
AUTHOR = ["-c", "user.name=测试", "-c", "user.email=t@example.org"]


def committed(folder: Path) -> Path:
    """``folder`` as a repository with everything committed."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "add", "."], check=True)
    subprocess.run(["git", "-C", str(folder), *AUTHOR, "commit", "-qm", "年报"], check=True)
    return folder


def touched(path: Path) -> None:
    """The file's time changed, its content not: git must look at the content again."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


# --- item 10: git never runs what the folder's config says ----------------------------------


@needs_git
def test_git_states_never_run_the_folders_fsmonitor_hook(tmp_path: Path):
    folder = committed(county(tmp_path / "repo"))
    marker = tmp_path / "fsmonitor-ran"
    subprocess.run(
        ["git", "-C", str(folder), "config", "core.fsmonitor", f"touch {marker}; false"], check=True
    )
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert git_states(folder) == {str(edited): "修改"}  # git did look
    assert not marker.exists()


@needs_git
def test_git_states_never_run_a_clean_filter_of_the_folder(tmp_path: Path):
    folder = county(tmp_path / "repo")
    (folder / ".gitattributes").write_text("*.toml filter=evil\n", encoding="utf-8")
    committed(folder)
    marker = tmp_path / "filter-ran"
    git = ["git", "-C", str(folder), "config"]
    subprocess.run([*git, "filter.evil.clean", f"touch {marker}; cat"], check=True)
    subprocess.run([*git, "filter.evil.required", "true"], check=True)
    touched(folder / "jiaoyu-2024.toml")  # its content hashed again, by the filter if any
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert git_states(folder) == {str(edited): "修改"}
    assert not marker.exists()


@needs_git
def test_git_states_write_nothing_into_the_repository(tmp_path: Path):
    folder = committed(county(tmp_path / "repo"))
    touched(folder / "jiaoyu-2024.toml")  # git status would refresh the index on disk
    index = folder / ".git" / "index"
    before = index.read_bytes()
    assert git_states(folder) == {}
    assert index.read_bytes() == before


@needs_git
async def test_the_list_and_its_checks_never_wait_for_git(tmp_path: Path, monkeypatch):
    """A git that does not answer (a slow disk, a hook that sleeps): the view is checked
    and totalled without git states, and shows them once git answers."""
    folder = committed(county(tmp_path / "repo"))
    edited = folder / "gongan-2024.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    release, started = tmp_path / "git-may-answer", tmp_path / "git-started"
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(
        f'#!/bin/sh\necho $$ > "{started}"\n'
        f'while [ ! -e "{release}" ]; do sleep 0.05; done\n'
        f'exec "{shutil.which("git")}" "$@"\n',
        encoding="utf-8",
    )
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    app = make_folder_app(folder, cursor_blink=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = next(s for s in app.screen_stack if isinstance(s, FolderScreen))
            for _ in range(600):  # the checks' end and git asked (at most a minute)
                await pilot.pause(0.1)
                if not screen.checking and started.exists():
                    break
            assert not screen.checking and screen.git is None
            assert "合计（2 份）" in str(screen.query_one("#folder-total").render())
            os.kill(int(started.read_text()), 0)  # git is still waiting: nothing waited for it
            release.touch()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert screen.git == {str(edited): "修改"}
    finally:
        release.touch()  # a git still waiting ends
