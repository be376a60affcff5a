"""The folder view's first look at a folder: its listing (the tops of its files) and the
check of every file, at once.

Listing a folder of 10,000 reports reads 10,000 tops (about 0.2 s); the check of every
file, on every core, need not wait for it. The files are handed to the workers as the
folder lists them (nothing of them read), and their tops are read meanwhile in a thread
of this process; rows checked before the listing is in are kept until it is. What the
listing does not take for a report (another ``.toml``, a second name of a file) is
checked for nothing and left out; a report the workers were not given (a file that
appeared between the two looks) is checked after the others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from .index import ReportIndex
from .listing import distinct_entries, folder_files
from .parallel import SERIAL_BELOW, each_in_order, workers_started_early
from .rows import ReportRow, inspect_file, listed_rows

Listed = Callable[[list[ReportRow], ReportIndex], None]


def listed_and_checked(folder: Path, listed: Listed) -> Generator[ReportRow, None, None]:
    """Every report of ``folder`` read and checked (``inspect_file``), as they come; the
    listing (``listed_rows``) and the index of the files' tops it made are given to
    ``listed`` first, before any row (in the caller's thread). Each row is one of the
    listing's, once; the listing's rows that need no check (what cannot be opened) come
    from the listing alone."""
    candidates = distinct_entries(list(folder_files(folder, [])))  # (unreachable: listed)
    waiting: list[ReportRow] = []
    wanted: set[str] | None = None  # the paths to check, once the listing is in
    # The workers are forked before the listing's thread starts (none is forked while
    # it is in the middle of an import); the checks take them at their first result.
    with workers_started_early(len(candidates) >= SERIAL_BELOW):
        listing = _Listing(folder)
        checks = each_in_order(inspect_file, candidates)
        try:
            for row in checks:
                if wanted is None:
                    if not listing.done.is_set():
                        waiting.append(row)
                        continue
                    wanted = _wanted(listing, listed)
                    yield from _taken(waiting, wanted)
                    waiting = []
                if row.path in wanted:
                    wanted.discard(row.path)
                    yield row
        finally:
            checks.close()  # (stopped early: the workers are stopped at once)
    if wanted is None:
        wanted = _wanted(listing, listed)
        yield from _taken(waiting, wanted)
    if wanted:  # not among the files first listed: checked now
        yield from each_in_order(inspect_file, sorted(wanted))


def _wanted(listing: _Listing, listed: Listed) -> set[str]:
    rows = listing.rows()
    listed(rows, listing.index)
    return {r.path for r in rows if not r.checked}


def _taken(rows: list[ReportRow], wanted: set[str]) -> Iterator[ReportRow]:
    for row in rows:
        if row.path in wanted:
            wanted.discard(row.path)
            yield row


class _Listing:
    """``listed_rows(folder)``, read in a thread of its own from the start."""

    def __init__(self, folder: Path) -> None:
        self.done = threading.Event()
        self.index = ReportIndex()
        self._rows: list[ReportRow] = []
        self._failed: BaseException | None = None
        self._thread = threading.Thread(
            target=self._read, args=(folder,), name="folder-listing", daemon=True
        )
        self._thread.start()

    def _read(self, folder: Path) -> None:
        try:
            self._rows = listed_rows(folder, self.index)
        except BaseException as exc:  # (given to the caller, in its thread)
            self._failed = exc
        finally:
            self.done.set()

    def rows(self) -> list[ReportRow]:
        self._thread.join()
        if self._failed is not None:
            raise self._failed
        return self._rows
