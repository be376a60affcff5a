"""Worker processes end with the command that started them (issue 20, item 9): ``check``
and ``sum`` killed with SIGKILL, ended with SIGTERM or SIGHUP, and the folder view whose
terminal is closed while it checks leave no process behind.

Each command runs in a session of its own, so what it started is its process group;
the group is looked for in /proc until it is empty (a bounded wait, not a timing)."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.formats import FORMAT_2021
from tui_report.report.templates import new_report
from tui_report.storage import render_new

from ..waiting import wait_until

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers are started on 2 cores or more"),
]
REPORTS = 3000  # enough for the workers to be busy when the signal comes
WAIT = 60.0  # the most any wait below takes (on a loaded machine); usually far less


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("big")
    text = render_new(new_report("示例县机关0", 2024, FORMAT_2021))
    for i in range(REPORTS):
        (folder / f"u{i:05}.toml").write_text(
            text.replace("示例县机关0", f"示例县机关{i}"), encoding="utf-8"
        )
    return folder


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (state, ppid, pgid, …)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as file:
            return file.read().rsplit(")", 1)[1].split()
    except OSError:
        return None


def live_in_group(pgid: int) -> list[int]:
    """Processes of the group that still run (zombies have ended: they wait to be reaped)."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            fields = _stat(int(name))
            if fields and int(fields[2]) == pgid and fields[0] != "Z":
                found.append(int(name))
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            fields = _stat(int(name))
            if fields and int(fields[1]) == pid:
                found.append(int(name))
    return found


def started(arguments: list[str]) -> subprocess.Popen:
    """The command in a session of its own, once its worker processes run."""
    command = subprocess.Popen(
        [sys.executable, "-m", "tui_report", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert wait_until(lambda: len(children_of(command.pid)) >= 2 or command.poll() is not None)
    assert command.poll() is None, "the command ended before its workers were seen"
    return command


def _clean_up(pgid: int) -> None:
    for pid in live_in_group(pgid):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("command", ["check", "sum"])
def test_sigkill_of_the_command_leaves_no_worker(big_folder: Path, command: str):
    process = started([command, str(big_folder)])
    try:
        process.kill()
        process.wait()
        assert wait_until(lambda: not live_in_group(process.pid)), live_in_group(process.pid)
    finally:
        _clean_up(process.pid)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_end_the_command_and_its_workers(big_folder: Path, signum: int):
    process = started(["check", str(big_folder)])
    try:
        process.send_signal(signum)
        assert process.wait(WAIT) == 128 + signum  # ended by itself, the way it says
        assert wait_until(lambda: not live_in_group(process.pid)), live_in_group(process.pid)
    finally:
        _clean_up(process.pid)


@pytest.mark.pty
@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM"])
def test_the_folder_view_ended_while_it_checks_leaves_no_worker(big_folder: Path, how: str):
    pid, fd = pty.fork()
    if pid == 0:  # the folder view, in a terminal (and a session) of its own
        os.execv(sys.executable, [sys.executable, "-m", "tui_report", str(big_folder)])
    try:
        import fcntl
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, b"\x18\x00\x50\x00\x00\x00\x00\x00")  # 80x24

        def workers_run() -> bool:
            try:  # the view's output is read, or it would wait on a full terminal
                while os.read(fd, 65536):
                    pass
            except (BlockingIOError, OSError):
                pass
            return len(children_of(pid)) >= 2

        os.set_blocking(fd, False)
        assert wait_until(workers_run), "the folder view started no workers"
        if how == "SIGTERM":
            os.kill(pid, signal.SIGTERM)  # the view stops its workers, then exits
            assert wait_until(lambda: not workers_run() and _stat(pid) is not None)
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
        else:
            os.close(fd)  # the terminal is gone (an SSH session dropped)
            fd = -1
            os.waitpid(pid, 0)
        assert wait_until(lambda: not live_in_group(pid)), live_in_group(pid)
    finally:
        if fd >= 0:
            os.close(fd)
        _clean_up(pid)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
