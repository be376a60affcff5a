"""A FIFO or a device named ``*.toml`` in a folder that is checked or added up is said,
counted and makes the exit status that an unreadable file makes (review of issue 21,
item 5); it used to be passed over in silence. It is never opened: opening a FIFO
waits for a writer (the commands run in a subprocess, bounded, so a hang fails)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.folder.listing import Unreachable, folder_entries

from ..county_data import unit_report, write

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
BOUND = 60  # seconds: a FIFO opened would block for ever
SAID = "不是普通文件（是设备、管道或套接字），不会打开"


def run(*arguments: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", *map(str, arguments)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        timeout=BOUND,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "unit.toml", unit_report("示例县教育局", 2024))
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "device.toml").symlink_to(os.devnull)  # a character device
    return tmp_path


def test_the_listing_names_fifos_and_devices(folder: Path):
    unreachable: list[Unreachable] = []
    found = folder_entries(folder, unreachable)
    assert [Path(path).name for path, _, _ in found] == ["unit.toml"]
    assert sorted((Path(u.path).name, u.reason) for u in unreachable) == [
        ("device.toml", SAID),
        ("pipe.toml", SAID),
    ]


def test_check_says_and_counts_them(folder: Path):
    done = run("check", folder)
    assert done.returncode == 2  # as for a file that cannot be read
    assert f"{folder / 'pipe.toml'}: {SAID}\n" in done.stderr
    assert f"{folder / 'device.toml'}: {SAID}\n" in done.stderr
    assert "检查了 1 个报告：0 个错误，0 个警告，未能检查 2 处无法读取的目录或文件" in done.stdout
    skipped = run("check", "--skip-unreadable", folder)
    assert skipped.returncode == 0 and f"{folder / 'pipe.toml'}: {SAID}；已跳过" in skipped.stderr


def test_sum_says_them_and_leaves_them_out(folder: Path):
    done = run("sum", folder)
    assert done.returncode == 2
    assert f"tui-report: {folder / 'pipe.toml'}: {SAID}（不计入）" in done.stderr
    assert "示例县教育局" in done.stdout
