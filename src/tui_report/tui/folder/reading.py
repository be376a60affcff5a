"""Reading the folder view's folder: listing it, checking every file in a thread (on
every core, ``parallel.each_in_order``), and checking again what changes on disk.

The system tells when something in the folder changes (``folder.watching``: nothing is
looked at while nothing changes, and then only the paths it names); where it cannot (a
network filesystem, the watch limit), every few seconds every file's time and size are
looked at (``watch_folder``).

``FolderReading`` is owned by the screen that shows the folder (``FolderScreen``) and
knows of it only what ``FolderShown`` names: the rows in hand, where results go (on the
event loop: ``_take_listing``, ``_take_rows``, ``_take_changes``), and Textual's threads.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from textual.app import App
from textual.worker import Worker, WorkerState, get_current_worker

from ...document.debug_log import swallowed
from ...folder.agencies import AgenciesError, AgencyNames, agencies_file_for, agencies_for
from ...folder.analysis_as_read import AnalysisAsRead
from ...folder.county import Analysis, analyse
from ...folder.first_look import listed_and_checked
from ...folder.index import ReportIndex
from ...folder.parallel import each_in_order
from ...folder.rows import (
    ReportRow,
    Stamp,
    changed_among,
    changed_files,
    inspect_file,
    stamp_of,
)
from ...folder.watching import FolderWatch, notifications_wanted, polling_chosen

WATCH_SECONDS = 2.0  # how often the folder is looked at where it cannot be watched
BATCH_SECONDS = 0.1  # results are shown at most this often while checking, and
SHOWING_SHARE = 0.1  # where showing them takes long (many rows), at most this share of the time
GROUP = "folder"  # the group of the reading's threads (``Worker.group``)
INTERNAL_ERROR = "读取目录时程序内部出错；按 F5 重新检查"


class FolderShown(Protocol):
    """What the reading needs of the screen that shows the folder (``FolderScreen``): the
    rows in hand and the agency names read with them, where results go (called on the
    event loop), and a node of Textual's to run threads in (``run_worker``; their
    ``Worker.StateChanged`` events go to it, which hands them to ``thread_changed``)."""

    rows: dict[str, ReportRow]  # by file, in the listing's order
    names: AgencyNames
    names_error: str | None
    names_stamp: Stamp | None

    @property
    def app(self) -> App[Any]: ...

    def run_worker(
        self,
        work: Callable[[], None],
        name: str | None = "",
        group: str = "default",
        description: str = "",
        exit_on_error: bool = True,
        start: bool = True,
        exclusive: bool = False,
        thread: bool = False,
    ) -> Worker[None]: ...

    def _take_listing(
        self,
        listing: list[ReportRow],
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
    ) -> None: ...

    def _take_rows(
        self, rows: list[ReportRow], gone: list[str], analysis: Analysis | None = None
    ) -> None: ...

    def _take_changes(
        self,
        fresh: list[ReportRow],
        gone: list[str],
        analysis: Analysis,
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
        altered: set[str],
    ) -> None: ...

    def say(self, message: str, style: str = "") -> None: ...

    def call_later(self, callback: Callable[..., object], *args: Any, **kwargs: Any) -> bool: ...


class FolderReading:
    """Reads the folder for the screen that shows it (``shown``): lists it, checks every
    file, watches it and checks again what changes, handing the results to ``shown``."""

    def __init__(self, folder: Path, shown: FolderShown) -> None:
        self.folder = folder
        self.shown = shown
        self.listed = False  # the listing is in (the rows are known by their tops)
        self.checking = True  # the first check of every file is not yet done
        self.busy = False  # a thread is reading files
        self.pending: set[str] = set()  # files to check again once it is done
        self.batch_seconds = BATCH_SECONDS  # (longer where showing results takes long)
        self.touched: set[str] = set()  # paths the system said changed, not yet looked at
        self.folder_watch: FolderWatch | None = None  # None: looked at every few seconds
        self.polled_because: str | None = None  # why it is not watched (in words for people)
        self.not_reports: dict[str, Stamp] = {}
        self.polling_told = False  # the person was told the folder is looked at instead
        self._lock = threading.Lock()  # (between the reading thread and the event loop:)
        self._arrived: list[ReportRow] = []  # rows checked, not yet taken by the screen
        self._last: tuple[Analysis, str | None] | None = None  # … and the end of the check
        self._handing = False  # the screen is to take them (``_take_arrived``)
        self._failed = False  # taking them failed (a bug): said at the end, until F5

    def polling_notice(self) -> str | None:
        """Once, where the system cannot tell of changes (not where the person chose it):
        that the folder is looked at every few seconds instead, and why."""
        if self.polling_told or self.folder_watch is not None or self.polled_because is None:
            return None
        self.polling_told = True
        if polling_chosen():
            return None
        return f"{self.polled_because}：改为每 {WATCH_SECONDS:g} 秒查看一次目录中的变化"

    def start(self) -> None:
        """Watch the folder, list it and check every file (when the screen is mounted;
        it calls ``look_again`` every ``WATCH_SECONDS``)."""
        self.polled_because = notifications_wanted(self.folder)
        if self.polled_because is None:  # before the listing: no change after it is missed
            self.folder_watch = FolderWatch(self.folder, self._notified, self._not_notified)
            self.folder_watch.start()
        self.busy = True
        self.load()

    def stop(self) -> None:
        """No more notifications (the screen is gone)."""
        if self.folder_watch is not None:
            self.folder_watch.stop()

    def check_all(self) -> bool:
        """Check every file again (F5); False while a thread is reading files."""
        if self.busy:
            return False
        self.checking = True
        self.busy = True
        self.load()
        return True

    # --- results, handed to the screen (on the event loop) ---------------------------------------

    def _listing_in(
        self,
        listing: list[ReportRow],
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
    ) -> None:
        self.listed = True
        self.shown._take_listing(listing, names, error, names_stamp)

    def _hand(
        self, rows: list[ReportRow], analysis: Analysis | None = None, said: str | None = None
    ) -> None:
        """(In the thread.) Rows checked, for the screen, without waiting for it: the
        thread goes on taking results, so the workers never wait while the screen shows
        the rows (a listing of 10,000 takes a while). Rows handed while the screen is
        busy are shown together. ``analysis``: the last rows, all checked (``said``)."""
        with self._lock:
            self._arrived += rows
            if analysis is not None:
                self._last = (analysis, said)
            if self._handing:
                return
            self._handing = True
        self.shown.call_later(self._take_arrived)

    def _take_arrived(self) -> None:
        with self._lock:
            rows, self._arrived = self._arrived, []
            last, self._last = self._last, None
            self._handing = False
        if not self._failed:
            started = time.perf_counter()
            try:
                self.shown._take_rows(rows, [], last[0] if last else None)
            except Exception:  # a bug: said when the reading ends, as a failed thread is
                swallowed("显示目录的检查结果")
                self._failed = True
            took = time.perf_counter() - started  # (sorting, totalling: more with more rows)
            self.batch_seconds = max(BATCH_SECONDS, took / SHOWING_SHARE)
        if last is None:
            return
        self.checking = self.busy = False  # (the thread left both to this)
        if self._failed:
            self.shown.say(INTERNAL_ERROR, "bold")
        elif last[1]:
            self.shown.say(last[1])
        self._after_reading()

    def _changes_in(
        self,
        fresh: list[ReportRow],
        gone: list[str],
        analysis: Analysis,
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
        altered: set[str],
    ) -> None:
        self.checking = False
        self.shown._take_changes(fresh, gone, analysis, names, error, names_stamp, altered)

    def _in_thread(self, work: Callable[[], None], name: str) -> None:
        """``work`` in a thread of the screen's (a failure is told to ``thread_changed``)."""
        self.shown.run_worker(work, name=name, group=GROUP, exit_on_error=False, thread=True)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """``callback(*args)`` on the event loop, waiting for it."""
        self.shown.app.call_from_thread(callback, *args)

    # --- reading (in a thread) ------------------------------------------------------------------

    def load(self) -> None:
        """List the folder, then check every file, showing results as they come (``busy``
        is set by the caller, before the thread starts)."""
        self._failed = False
        self._in_thread(self._load, "load")

    def _load(self) -> None:
        worker = get_current_worker()
        handed = False
        try:
            names, error, names_stamp = self._read_names()
            started = time.monotonic()
            checked: list[ReportRow] = []
            batch: list[ReportRow] = []
            shown_at = time.monotonic()

            as_read: list[AnalysisAsRead] = []  # (made with the listing)

            def listed(listing: list[ReportRow], index: ReportIndex) -> None:
                self._from_thread(self._listing_in, listing, names, error, names_stamp)
                as_read.append(AnalysisAsRead(listing, index, names))  # (after: shown sooner)

            # (closed however the loop ends: a failure kept in the worker would keep the
            # generator, and the worker processes with it, until collected)
            with contextlib.closing(listed_and_checked(self.folder, listed)) as rows:
                for row in rows:
                    if worker.is_cancelled:
                        return
                    as_read[0].add(row)
                    batch.append(row)
                    if time.monotonic() - shown_at >= self.batch_seconds:
                        self._hand(batch)
                        checked += batch
                        batch, shown_at = [], time.monotonic()
            checked += batch
            analysis = as_read[0].result(checked)
            said = None
            if checked:
                seconds = time.monotonic() - started
                said = f"已检查全部 {len(checked)} 份报告（用时 {seconds:.1f} 秒）"
            if self.folder_watch is None:  # (the line has room for one of the two)
                said = self.polling_notice() or said
            self._hand(batch, analysis, said)
            handed = True  # ``busy`` is cleared when the screen has the last rows
        finally:
            if not handed:
                self.busy = False

    def _read_names(self) -> tuple[AgencyNames, str | None, Stamp | None]:
        path = agencies_file_for(self.folder)
        stamp = stamp_of(str(path)) if path else None
        try:
            return agencies_for([self.folder]), None, stamp
        except AgenciesError as exc:
            return AgencyNames(), str(exc), stamp

    def look_again(self) -> None:
        """Every few seconds: where the folder is not watched, look at its files
        (``watch_folder``); where it is, only at the agencies.toml that applies (it may
        be in a folder above, which is not watched)."""
        if self.folder_watch is None:
            self.watch_folder()
            return
        names_path = agencies_file_for(self.folder)
        if (stamp_of(str(names_path)) if names_path else None) != self.shown.names_stamp:
            self.notified(set())

    def watch_folder(self) -> None:
        """Check again what changed on disk, looking at every file's time and size
        (nothing while reading)."""
        if self.busy or not self.listed:
            return
        forced = sorted(self.pending)
        self.pending.clear()
        self.touched.clear()
        self.busy = True
        self._check_changes(forced)

    def notified(self, paths: set[str]) -> None:
        """The system says these paths changed: check again what changed among them
        (once the thread reading files is done)."""
        self.touched |= paths
        if self.busy or not self.listed:
            return
        self.recheck([])

    def _notified(self, paths: set[str]) -> None:  # (in the watch's thread)
        with contextlib.suppress(RuntimeError):  # the app has ended meanwhile
            self._from_thread(self.notified, paths)

    def _not_notified(self, reason: str) -> None:  # (in the watch's thread)
        with contextlib.suppress(RuntimeError):
            self._from_thread(self._poll_instead, reason)

    def _poll_instead(self, reason: str) -> None:
        """Notifications failed (the watch limit, …): look every few seconds, and now
        (what changed meanwhile may not have been told)."""
        self.folder_watch, self.polled_because = None, reason
        if not self.checking:  # (else said when the first check is done)
            notice = self.polling_notice()
            if notice:
                self.shown.say(notice)
        self.watch_folder()

    def recheck(self, paths: list[str]) -> None:
        """Check these files again now (the one the editor closed), and any changes."""
        if self.busy or not self.listed:
            self.pending.update(paths)
            return
        forced = sorted(self.pending.union(paths))
        self.pending.clear()
        touched: set[str] | None = None  # not watched: every file is looked at
        if self.folder_watch is not None:
            touched, self.touched = self.touched, set()
        self.busy = True
        self._check_changes(forced, touched)

    def _check_changes(self, forced: list[str], touched: set[str] | None = None) -> None:
        """Check again the files changed on disk (among ``touched`` where the system
        told which paths changed; else among every file) and ``forced``."""
        self._in_thread(partial(self._changes, forced, touched), "check_changes")

    def _changes(self, forced: list[str], touched: set[str] | None) -> None:
        try:
            known = {path: row.stamp for path, row in list(self.shown.rows.items())}
            found = None
            if touched is not None:
                found = changed_among(self.folder, touched, known, self.not_reports)
            if found is None:  # not watched, or what changed needs a look at the whole folder
                changed, gone, _ = changed_files(self.folder, known, self.not_reports)
            else:
                changed, gone = found
            altered = set(changed)  # changed on disk: what the message names
            for path in forced:  # the file an editor closed: read again, changed or not
                stamp = stamp_of(path)
                if path not in altered and stamp is not None:
                    changed.append(path)
                    if stamp != known.get(path):
                        altered.add(path)
            names_path = agencies_file_for(self.folder)
            names_stamp = stamp_of(str(names_path)) if names_path else None
            names_changed = names_stamp != self.shown.names_stamp
            if not changed and not gone and not names_changed:
                return
            names, error = self.shown.names, self.shown.names_error
            if names_changed:
                names, error, names_stamp = self._read_names()
            fresh = list(each_in_order(inspect_file, changed))
            rows = {**self.shown.rows, **{r.path: r for r in fresh}}
            for path in gone:
                rows.pop(path, None)
            analysis = analyse(list(rows.values()), names)
            self._from_thread(
                self._changes_in, fresh, gone, analysis, names, error, names_stamp, altered
            )
        finally:
            self.busy = False

    def thread_changed(self, event: Worker.StateChanged) -> None:
        """Files asked for while a thread was reading (the one the editor just closed) are
        checked as soon as it is done. A thread that failed (a bug: unreadable files are
        rows, not errors) must not leave the view waiting: say so."""
        if event.worker.group != GROUP or not event.worker.is_finished:
            return
        if event.state is WorkerState.ERROR:
            self.busy = False
            self.checking = False
            self.shown.say(INTERNAL_ERROR, "bold")
        self._after_reading()

    def _after_reading(self) -> None:
        """Files asked for, or told of, while a thread was reading: checked now."""
        if (self.pending or self.touched) and not self.busy:
            if self.folder_watch is not None:
                self.recheck([])
            else:
                self.watch_folder()
