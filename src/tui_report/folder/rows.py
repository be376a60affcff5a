"""The reports of a folder, one row each, as the county view lists them.

A row is what ``check`` and ``sum`` know of one file: who and when, the overview's
counts (新收, 办结, …), the problems of the file alone, the facts another year's
check needs, and the file's state on disk (time of the last change, size, and the
git status when the folder is in a repository). Rows are plain data, made in worker
processes (``inspect_file``) and compared by their file's ``stamp`` to notice a
file that changed on disk.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..report.problems import Problem, count
from ..report.values import Value
from .index import (
    Identity,
    ReportIndex,
    identity_from_top,
    looks_like_report,
    read_top,
    walk_reports,
)
from .listing import Unreachable, distinct_entries, file_reason, folder_files, folder_reason
from .yearly import YearFacts

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode): a changed file has another


@dataclass
class ReportRow:
    """One report file. ``numbers`` are the overview's counts after the agency:
    新收, 上年结转, 办结, 结转下年度, 行政复议, 行政诉讼 (None when unknown)."""

    path: str
    agency: str = ""
    year: int | None = None
    version: str = ""
    numbers: tuple[Value | None, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    unreadable: str | None = None  # the message, when the file cannot be read
    facts: YearFacts | None = None
    stamp: Stamp = (0, 0, 0)
    checked: bool = False  # False until the file has been read (only its top is known)
    # a folder or file that could not be opened at all (no permission, a broken link)
    unreachable: bool = False
    total_of: int | None = None  # a total written by sum: never added to the year's total

    @property
    def modified(self) -> float:
        return self.stamp[0] / 1e9

    @property
    def counts(self) -> tuple[int, int]:
        """(errors, warnings) of the file alone."""
        return count(self.problems)

    @property
    def identity(self) -> Identity:
        return Identity(self.path, self.agency, self.year)


NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD, REVIEW, LITIGATION = range(6)


def stamp_of(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def entry_stamp(path: str) -> Stamp | None:
    """The stamp of what a path leads to, or of the link itself where it leads nowhere."""
    stamp = stamp_of(path)
    if stamp is None:
        try:
            status = os.lstat(path)
        except OSError:
            return None
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    return stamp


def unreachable_row(item: Unreachable) -> ReportRow:
    """The row of a folder or file that cannot be opened: listed, never counted."""
    stamp = entry_stamp(item.path) or (0, 0, 0)
    return ReportRow(item.path, unreadable=item.reason, stamp=stamp, checked=True, unreachable=True)


def unreachable_reason(path: str) -> str | None:
    """Why ``path`` (found under a folder) cannot be opened at all, or None when it can."""
    try:
        status = os.stat(path)
    except OSError as exc:
        return file_reason(exc) if os.path.lexists(path) else None
    try:
        if stat.S_ISDIR(status.st_mode):
            os.scandir(path).close()
        else:
            os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
    except PermissionError as exc:
        return folder_reason(exc) if stat.S_ISDIR(status.st_mode) else file_reason(exc)
    except OSError:
        return None
    return None


def inspect_file(path: str) -> ReportRow:
    """Read and check one file (in a worker process: everything returned is plain data)."""
    from ..storage import ReportFileError
    from .checking import read_and_validate
    from .totals import overview_row

    stamp = stamp_of(path) or (0, 0, 0)  # before reading: a change meanwhile is seen later
    try:
        loaded, problems, facts = read_and_validate(path)
    except ReportFileError as exc:  # who and when, if its top can tell
        reason = unreachable_reason(path)
        if reason is not None:  # as the listing says it
            return unreachable_row(Unreachable(path, reason))
        top = read_top(path)
        identity = identity_from_top(path, top) if top is not None else None
        agency, year = (identity.agency, identity.year) if identity else ("", None)
        return ReportRow(path, agency, year, unreadable=str(exc), stamp=stamp, checked=True)
    report = loaded.report
    numbers = tuple(overview_row(report, facts.errors)[1:7])
    return ReportRow(
        path,
        report.agency,
        report.year,
        report.format.version,
        numbers,  # type: ignore[arg-type]  # the counts of the overview row
        problems,
        facts=facts,
        stamp=stamp,
        checked=True,
        total_of=report.total_of,
    )


class _NamingIndex(ReportIndex):
    """An index that also keeps each file's identity by path."""

    def __init__(self) -> None:
        super().__init__()
        self.identities: dict[str, Identity] = {}

    def add(self, identity: Identity) -> None:
        self.identities[identity.path] = identity
        super().add(identity)


def listed_rows(folder: Path) -> list[ReportRow]:
    """Every report under ``folder`` (as ``check`` finds them), known by its top only:
    agency and year, unchecked. Quick: only the first bytes of each file are read. What
    cannot be opened (a folder or file without permission, a broken link) is a row too,
    at the end, with the reason (``unreachable_row``)."""
    index = _NamingIndex()
    rows = []
    unreachable: list[Unreachable] = []
    for path in walk_reports(folder, None, index, unreachable):
        name = str(path)
        identity = index.identities.get(name)
        rows.append(
            ReportRow(
                name,
                identity.agency if identity else "",
                identity.year if identity else None,
                stamp=stamp_of(name) or (0, 0, 0),
            )
        )
    return rows + [unreachable_row(item) for item in unreachable]


def stamps(folder: Path) -> dict[str, Stamp]:
    """The stamp of every ``*.toml`` file under ``folder``, and of what cannot be read
    there (as ``walk_reports`` finds them, but without reading any file): cheap enough
    to ask every few seconds."""
    unreachable: list[Unreachable] = []
    entries = list(folder_files(folder, unreachable))
    found: dict[str, Stamp] = {}
    for path in distinct_entries(entries):
        stamp = stamp_of(path)
        if stamp is not None:
            found[path] = stamp
    for item in unreachable:
        stamp = entry_stamp(item.path)
        if stamp is not None:
            found[item.path] = stamp
    return found


def changed_files(
    folder: Path, known: dict[str, Stamp], not_reports: dict[str, Stamp]
) -> tuple[list[str], list[str], dict[str, Stamp]]:
    """(files new or changed since ``known`` was taken, files gone, the stamps now): what a
    ``git pull`` or another clerk's save did to the folder. A new file that does not look
    like a report goes into ``not_reports`` (and is asked about again only once changed)."""
    now = stamps(folder)
    changed = []
    for path, stamp in now.items():
        if known.get(path) == stamp or not_reports.get(path) == stamp:
            continue
        if path not in known and not looks_like_report(read_top(path)):
            not_reports[path] = stamp
            continue
        changed.append(path)
    gone = [p for p in known if p not in now]
    return changed, gone, now


# --- git ----------------------------------------------------------------------------------
#
# A folder may come from elsewhere (a colleague's copy, a USB stick), and its .git/config
# can name commands git runs on its own: an fsmonitor hook at every ``git status``, a
# clean filter for the files a .gitattributes names, hooks. Git is asked only with all
# of them turned off (the folder's config otherwise applies, and so does git's
# ``safe.directory``: a repository of another user is not looked at unless the user
# has said it is safe), without writing the index, and with a time limit.

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
