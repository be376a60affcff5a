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
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, count
from .report_index import (
    AGENCIES_FILE,
    Identity,
    ReportIndex,
    identity_from_top,
    looks_like_report,
    read_top,
    walk_reports,
)
from .values import Value
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


def inspect_file(path: str) -> ReportRow:
    """Read and check one file (in a worker process: everything returned is plain data)."""
    from .checking import read_and_validate
    from .storage import ReportFileError
    from .summing import overview_row

    stamp = stamp_of(path) or (0, 0, 0)  # before reading: a change meanwhile is seen later
    try:
        loaded, problems, facts = read_and_validate(path)
    except ReportFileError as exc:  # who and when, if its top can tell
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
        None,
        facts,
        stamp,
        True,
        report.total_of,
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
    agency and year, unchecked. Quick: only the first bytes of each file are read."""
    index = _NamingIndex()
    rows = []
    for path in walk_reports(folder, None, index):
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
    return rows


def stamps(folder: Path) -> dict[str, Stamp]:
    """The stamp of every ``*.toml`` file under ``folder`` (as ``walk_reports`` finds them,
    but without reading any): cheap enough to ask every few seconds."""
    found: dict[str, Stamp] = {}
    for parent, folders, names in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        here = Path(parent)
        for name in names:
            if name.startswith(".") or not name.endswith(".toml") or name == AGENCIES_FILE:
                continue
            path = str(here / name)
            stamp = stamp_of(path)
            if stamp is not None:
                found[path] = stamp
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

STATUS_OPTIONS = ["--porcelain=v1", "-z", "--no-renames", "--untracked-files=all"]
GIT_STATES = {"??": "未跟踪", "A": "新增", "M": "修改", "T": "修改", "U": "冲突"}


def git_states(folder: Path) -> dict[str, str] | None:
    """Files under ``folder`` (paths as ``walk_reports`` gives them) that git sees as
    modified, added, untracked or in conflict; None when the folder is not in a git
    repository (or git is not installed)."""
    try:
        top = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if top.returncode != 0:
            return None
        listing = subprocess.run(
            ["git", "-C", str(folder), "status", *STATUS_OPTIONS, "--", "."],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if listing.returncode != 0:
        return None
    root = top.stdout.strip()
    base = os.path.realpath(folder)
    states: dict[str, str] = {}
    for code, name in _porcelain(listing.stdout):
        relative = os.path.relpath(os.path.join(root, name), base)
        states[_as_walked(folder, relative)] = _state(code)
    return states


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
