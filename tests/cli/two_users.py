"""Two users of one shared county server, for the tests of where the program writes
(test_shared_server*.py): a group-writable folder they share, A's private home, and a way
to run a function as either user (a forked child that drops to a numeric uid).

Both need root (CI and these machines run as root); the ``shared`` fixture (conftest.py)
skips with ``ROOT_ONLY`` elsewhere."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

from tui_report.cli import main
from tui_report.export import render
from tui_report.storage import read_report

from ..conftest import EXAMPLE

ROOT_ONLY = "two users (os.setuid, setpriv) need root: CI and these machines run as root"
USER_A, USER_B, GROUP = 4242, 4343, 5000


# --- the shared folder and its two users ---------------------------------------------------


class Shared:
    """A folder shared by users A and B (``mode``: 1777 or 2775 of group ``GROUP``) and
    A's private home, with an exported report for A to import."""

    def __init__(self, mode: int) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="tui-report-two-users-"))
        os.chmod(self.base, 0o755)  # mkdtemp's 0700 would keep both users out
        self.folder = self.base / "county"
        self.folder.mkdir()
        os.chown(self.folder, 0, GROUP)
        os.chmod(self.folder, mode)
        self.home = self.base / "home-a"
        (self.home / ".ssh").mkdir(parents=True)
        for path in (self.home, self.home / ".ssh"):
            os.chown(path, USER_A, USER_A)
            os.chmod(path, 0o700)
        self.keys = self.home / ".ssh" / "authorized_keys"
        self.notes = self.home / "notes.txt"
        self.device = Path(os.devnull)  # a stream, but not through B's link (/dev/port)
        self.notes.write_bytes(b"A's own notes\n")
        os.chown(self.notes, USER_A, USER_A)
        self.report = self.folder / "a-2024.toml"  # A's report, to export
        shutil.copy(EXAMPLE, self.report)
        os.chown(self.report, USER_A, GROUP)
        os.chmod(self.report, 0o664)
        self.published = self.base / "published-2024.txt"  # what A imports
        self.published.write_bytes(render(read_report(EXAMPLE).report, "text"))
        os.chmod(self.published, 0o644)

    def plant(self, name: str, pointing_to: Path) -> Path:
        """User B's link in the shared folder."""
        link = self.folder / name
        status, _ = as_user(USER_B, os.symlink, str(pointing_to), str(link))
        assert status == 0 and link.is_symlink()
        assert link.lstat().st_uid == USER_B
        return link


def _become(uid: int, groups: list[int]) -> None:
    os.setgroups(groups)
    os.setgid(uid)
    os.setuid(uid)


def _run_as(uid: int, groups: list[int], send, function, args) -> None:
    err = io.StringIO()
    try:
        _become(uid, groups)
        with contextlib.redirect_stderr(err):
            status = function(*args)
    except BaseException as exc:  # told to the test, not lost in the child
        send.send((99, f"{type(exc).__name__}: {exc}\n{err.getvalue()}"))
        return
    send.send((status or 0, err.getvalue()))


def as_user(uid: int, function, *args, groups: list[int] | None = None) -> tuple[int, str]:
    """``function(*args)`` in a forked child running as ``uid``, of ``groups`` (default:
    the shared folder's group, as both users are): (its status, its stderr)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    groups = [GROUP] if groups is None else groups
    child = context.Process(target=_run_as, args=(uid, groups, send, function, args))
    child.start()
    child.join(120)
    assert child.exitcode == 0, "the child did not finish"
    return receive.recv()


def warm_up(tmp_path: Path, *argv: str) -> None:
    """Run a command once as root first, so that the forked user has every module it
    needs already imported (the program's own files may not be readable by that uid)."""
    scratch = tmp_path / "warm-up"
    scratch.mkdir(exist_ok=True)
    shutil.copy(EXAMPLE, scratch / "r.toml")
    (scratch / "p.txt").write_bytes(render(read_report(EXAMPLE).report, "text"))
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        main([a.replace("{scratch}", str(scratch)) for a in argv])
