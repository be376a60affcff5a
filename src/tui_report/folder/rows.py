"""The reports of a folder, one row each, as the county view lists them.

A row is what ``check`` and ``sum`` know of one file: who and when, the overview's
counts (新收, 办结, …), the problems of the file alone, the facts another year's
check needs, and the file's state on disk (time of the last change, size; git's view
is ``git_status``). Rows are plain data, made in worker processes (``inspect_file``)
and compared by their file's ``stamp`` to notice a file that changed on disk.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..report.problems import Problem, count
from ..report.values import Value
from ..storage import ReportFileError
from ..storage.tops import AGENCIES_FILE, ReportId, looks_like_report, read_top, report_id_from_top
from .checking import read_validate_and_count
from .index import ReportIndex, walk_report_paths
from .listing import Unreachable, distinct_entries, file_reason, folder_files, folder_reason
from .totals import OverviewCounts
from .watching import hidden_under
from .year_facts import YearFacts

Stamp = tuple[int, int, int]  # (mtime_ns, size, inode): a changed file has another
# Where each count is in ``ReportRow.numbers`` (the overview's column order).
NEW, CARRIED_OVER, CONCLUDED, CARRIED_FORWARD, REVIEW, LITIGATION = range(6)


@dataclass(kw_only=True)
class ReportRow:
    """One report file; ``overview``: its counts for the overview (None until it is read,
    and for a file that cannot be read)."""

    path: str
    agency: str = ""
    year: int | None = None
    version: str = ""
    overview: OverviewCounts | None = None
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

    @cached_property
    def counts(self) -> tuple[int, int]:
        """(errors, warnings) of the file alone (counted once: a row is never changed)."""
        return count(self.problems)

    @property
    def report_id(self) -> ReportId:
        return ReportId(self.path, self.agency, self.year)

    @property
    def numbers(self) -> tuple[Value | None, ...]:
        """The overview's counts in its column order (see ``NEW``…), () when unknown."""
        return self.overview.in_order() if self.overview is not None else ()


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
    return ReportRow(
        path=item.path, unreadable=item.reason, stamp=stamp, checked=True, unreachable=True
    )


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
    stamp = stamp_of(path) or (0, 0, 0)  # before reading: a change meanwhile is seen later
    try:
        loaded, problems, facts, counts = read_validate_and_count(path)
    except ReportFileError as exc:  # who and when, if its top can tell
        reason = unreachable_reason(path)
        if reason is not None:  # as the listing says it
            return unreachable_row(Unreachable(path, reason))
        top = read_top(path)
        found = report_id_from_top(path, top) if top is not None else None
        return ReportRow(
            path=path,
            agency=found.agency if found else "",
            year=found.year if found else None,
            unreadable=str(exc),
            stamp=stamp,
            checked=True,
        )
    report = loaded.report
    return ReportRow(
        path=path,
        agency=report.agency,
        year=report.year,
        version=report.format.version,
        overview=counts,
        problems=problems,
        facts=facts,
        stamp=stamp,
        checked=True,
        total_of=report.total_of,
    )


def listed_rows(folder: Path, index: ReportIndex | None = None) -> list[ReportRow]:
    """Every report under ``folder`` (as ``check`` finds them), known by its top only:
    agency and year, unchecked. Quick: only the first bytes of each file are read. What
    cannot be opened (a folder or file without permission, a broken link) is a row too,
    at the end, with the reason (``unreachable_row``). ``index``: where the files are
    indexed by their tops (by default, one of its own)."""
    index = index if index is not None else ReportIndex()
    rows = []
    unreachable: list[Unreachable] = []
    for number in walk_report_paths(folder, None, index, unreachable).numbers:
        name = index.path(number)
        found = index.identity(number) if index.is_indexed(number) else None
        rows.append(
            ReportRow(
                path=name,
                agency=found.agency if found else "",
                year=found.year if found else None,
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


def changed_among(
    folder: Path, touched: set[str], known: dict[str, Stamp], not_reports: dict[str, Stamp]
) -> tuple[list[str], list[str]] | None:
    """``changed_files`` for the paths a notification named (``watching``), looking at
    those alone: (files new or changed, files gone). None where only a look at the whole
    folder can tell: a subfolder made, removed, moved or changed (its permissions), a
    link or a second name of a file (which name is the report's), what is no file, a
    path through a linked folder (which the listing does not enter)."""
    changed, gone = [], []
    base, real = str(folder), os.path.realpath(folder)
    for path in sorted(touched):
        name = os.path.basename(path)
        if hidden_under(base, path):
            continue
        parent = os.path.relpath(os.path.dirname(path), base)
        if os.path.realpath(os.path.dirname(path)) != os.path.normpath(os.path.join(real, parent)):
            return None
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            if path in known:
                gone.append(path)
            elif any(p.startswith(path + os.sep) for p in known):
                return None  # a subfolder removed or moved away
            continue
        except OSError:
            return None
        if stat.S_ISDIR(status.st_mode):
            return None
        if not name.endswith(".toml") or name == AGENCIES_FILE:
            continue  # (agencies.toml is looked at by its own stamp)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink > 1:
            return None
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        if known.get(path) == stamp or not_reports.get(path) == stamp:
            continue
        if path not in known and not looks_like_report(read_top(path)):
            not_reports[path] = stamp
            continue
        changed.append(path)
    return changed, gone
