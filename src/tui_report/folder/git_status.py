"""What git says of a folder's report files: modified, added, untracked, in conflict.

A folder may come from elsewhere (a colleague's copy, a USB stick), and its .git/config
can name commands git runs on its own: an fsmonitor hook at every ``git status``, a
clean filter for the files a .gitattributes names, hooks. Git is asked only with all
of them turned off (the folder's config otherwise applies, and so does git's
``safe.directory``: a repository of another user is not looked at unless the user
has said it is safe), without writing the index, and with a time limit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

STATUS_OPTIONS = [
    "--porcelain=v1",
    "-z",
    "--no-renames",
    "--untracked-files=all",
    "--ignore-submodules=all",  # a submodule's config is its own: never entered
]
GIT_STATES = {"??": "未跟踪", "A": "新增", "M": "修改", "T": "修改", "U": "冲突"}
GIT_SECONDS = 20  # the most any one git command may take
# Settings that name a command git would run for ``status``, turned off; hooks besides.
GIT_OFF = [
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("status.submoduleSummary", "false"),
]
_FILTER_COMMANDS = r"^filter\..*\.(clean|smudge|process)$"


def git_states(folder: Path) -> dict[str, str] | None:
    """Files under ``folder`` (paths as ``walk_reports`` gives them) that git sees as
    modified, added, untracked or in conflict; None when the folder is not in a git
    repository (or one git may not look at, or git is not installed or too slow)."""
    top = _git(folder, ["rev-parse", "--show-toplevel"])
    if top is None:
        return None
    off = _filters_off(folder)
    if off is None:
        return None
    listing = _git(folder, ["status", *STATUS_OPTIONS, "--", "."], GIT_OFF + off)
    if listing is None:
        return None
    root = os.fsdecode(top).strip()
    base = os.path.realpath(folder)
    states: dict[str, str] = {}
    for code, name in _porcelain(listing):
        relative = os.path.relpath(os.path.join(root, name), base)
        states[_as_walked(folder, relative)] = _state(code)
    return states


def _filters_off(folder: Path) -> list[tuple[str, str]] | None:
    """Every filter driver's commands turned off (``status`` hashes a file through its
    clean filter); None when one cannot be (its name holds ``=``, which ``-c`` splits at)."""
    found = _git(folder, ["config", "-z", "--name-only", "--get-regexp", _FILTER_COMMANDS])
    off: list[tuple[str, str]] = []
    for key in os.fsdecode(found or b"").split("\0"):
        if not key:
            continue
        driver = key.rpartition(".")[0]
        if "=" in driver:
            return None
        off += [(f"{driver}.{name}", "") for name in ("clean", "smudge", "process")]
        off.append((f"{driver}.required", "false"))
    return off


def _git(folder: Path, arguments: list[str], off: list[tuple[str, str]] = GIT_OFF) -> bytes | None:
    """What a git command in ``folder`` writes, with the settings ``off``; None when it
    fails or takes too long."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1"}
    env["GIT_OPTIONAL_LOCKS"] = "0"  # the index is not refreshed on disk: nothing written
    settings = [part for key, value in off for part in ("-c", f"{key}={value}")]
    command = ["git", "--no-pager", *settings, "-C", str(folder), *arguments]
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_SECONDS,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _porcelain(output: bytes) -> Iterator[tuple[str, str]]:
    for entry in output.split(b"\0"):
        if len(entry) > 3:
            yield entry[:2].decode("ascii", "replace"), os.fsdecode(entry[3:])


def _state(code: str) -> str:
    if code == "??":
        return GIT_STATES["??"]
    if "U" in code or code in ("AA", "DD"):
        return GIT_STATES["U"]
    if "A" in code:
        return GIT_STATES["A"]
    return GIT_STATES["M"]


def _as_walked(folder: Path, relative: str) -> str:
    """A path under ``folder`` written as ``walk_reports`` writes it."""
    return str(Path(folder) / relative)
