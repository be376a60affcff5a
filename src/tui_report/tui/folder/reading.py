"""Reading the folder view's folder: listing it, checking every file in a thread (on
every core, ``parallel.each_in_order``), and checking again what changes on disk.

The system tells when something in the folder changes (``folder.watching``: nothing is
looked at while nothing changes, and then only the paths it names); where it cannot (a
network filesystem, the watch limit), every few seconds every file's time and size are
looked at (``watch_folder``). The screen (``FolderScreen``) takes the results on the
event loop (``_take_listing``, ``_take_rows``, ``_take_changes``).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from textual import work
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from ...folder.agencies import AgenciesError, AgencyNames, agencies_file_for, agencies_for
from ...folder.county import Analysis, analyse
from ...folder.parallel import each_in_order
from ...folder.rows import (
    ReportRow,
    Stamp,
    changed_among,
    changed_files,
    inspect_file,
    listed_rows,
    stamp_of,
)
from ...folder.watching import FolderWatch, notifications_wanted

WATCH_SECONDS = 2.0  # how often the folder is looked at where it cannot be watched
BATCH_SECONDS = 0.1  # results are shown at most this often while checking, and
SHOWING_SHARE = 0.2  # where showing them takes long (many rows), at most this share of the time


class FolderReading(Screen[None]):
    """The folder's rows and what reads them (the screen that shows them derives)."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.rows: dict[str, ReportRow] = {}  # by file, in the listing's order
        self.analysis = Analysis()
        self.names = AgencyNames()
        self.names_error: str | None = None
        self.names_stamp: Stamp | None = None
        self.listed = False  # the listing is in (the rows are known by their tops)
        self.checking = True  # the first check of every file is not yet done
        self.busy = False  # a thread is reading files
        self.pending: set[str] = set()  # files to check again once it is done
        self.batch_seconds = BATCH_SECONDS  # (longer where showing results takes long)
        self.touched: set[str] = set()  # paths the system said changed, not yet looked at
        self.folder_watch: FolderWatch | None = None  # None: looked at every few seconds
        self.polled_because: str | None = None  # why it is not watched (in words for people)
        self.not_reports: dict[str, Stamp] = {}

    def start_reading(self) -> None:
        """Watch the folder, list it and check every file (when the screen is mounted)."""
        self.polled_because = notifications_wanted(self.folder)
        if self.polled_because is None:  # before the listing: no change after it is missed
            self.folder_watch = FolderWatch(self.folder, self._notified, self._not_notified)
            self.folder_watch.start()
        self.busy = True
        self.load()
        self.set_interval(WATCH_SECONDS, self.look_again)

    def on_unmount(self) -> None:
        if self.folder_watch is not None:
            self.folder_watch.stop()

    # --- what the screen does with the results (on the event loop) ----------------------------

    def _take_listing(
        self,
        listing: list[ReportRow],
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
    ) -> None:
        raise NotImplementedError

    def _take_rows(
        self,
        rows: list[ReportRow],
        gone: list[str],
        analysis: Analysis | None = None,
        done: bool = False,
    ) -> None:
        raise NotImplementedError

    def _take_changes(
        self,
        fresh: list[ReportRow],
        gone: list[str],
        analysis: Analysis,
        names: AgencyNames,
        error: str | None,
        names_stamp: Stamp | None,
        altered: set[str],
    ) -> None:
        raise NotImplementedError

    def say(self, message: str, style: str = "") -> None:
        raise NotImplementedError

    # --- reading (in a thread) ------------------------------------------------------------------

    @work(thread=True, group="folder", exit_on_error=False)
    def load(self) -> None:
        """List the folder, then check every file, showing results as they come (``busy``
        is set by the caller, before the thread starts)."""
        worker = get_current_worker()
        try:
            names, error, names_stamp = self._read_names()
            listing = listed_rows(self.folder)
            self.app.call_from_thread(self._take_listing, listing, names, error, names_stamp)
            started = time.monotonic()
            checked: list[ReportRow] = []
            batch: list[ReportRow] = []
            shown_at = time.monotonic()
            for row in each_in_order(inspect_file, [r.path for r in listing if not r.checked]):
                if worker.is_cancelled:
                    return
                batch.append(row)
                if time.monotonic() - shown_at >= self.batch_seconds:
                    self.app.call_from_thread(self._take_rows, batch, [])
                    checked += batch
                    batch, shown_at = [], time.monotonic()
            checked += batch
            analysis = analyse(checked, names)
            self.app.call_from_thread(self._take_rows, batch, [], analysis, True)
            if checked:
                seconds = time.monotonic() - started
                said = f"已检查全部 {len(checked)} 份报告（用时 {seconds:.1f} 秒）"
                self.app.call_from_thread(self.say, said)
        finally:
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
        if (stamp_of(str(names_path)) if names_path else None) != self.names_stamp:
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
            self.app.call_from_thread(self.notified, paths)

    def _not_notified(self, reason: str) -> None:  # (in the watch's thread)
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._poll_instead, reason)

    def _poll_instead(self, reason: str) -> None:
        """Notifications failed (the watch limit, …): look every few seconds, and now
        (what changed meanwhile may not have been told)."""
        self.folder_watch, self.polled_because = None, reason
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

    @work(thread=True, group="folder", exit_on_error=False)
    def _check_changes(self, forced: list[str], touched: set[str] | None = None) -> None:
        """Check again the files changed on disk (among ``touched`` where the system
        told which paths changed; else among every file) and ``forced``."""
        try:
            known = {path: row.stamp for path, row in list(self.rows.items())}
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
            names_changed = names_stamp != self.names_stamp
            if not changed and not gone and not names_changed:
                return
            names, error = self.names, self.names_error
            if names_changed:
                names, error, names_stamp = self._read_names()
            fresh = list(each_in_order(inspect_file, changed))
            rows = {**self.rows, **{r.path: r for r in fresh}}
            for path in gone:
                rows.pop(path, None)
            analysis = analyse(list(rows.values()), names)
            self.app.call_from_thread(
                self._take_changes, fresh, gone, analysis, names, error, names_stamp, altered
            )
        finally:
            self.busy = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Files asked for while a thread was reading (the one the editor just closed) are
        checked as soon as it is done. A thread that failed (a bug: unreadable files are
        rows, not errors) must not leave the view waiting: say so."""
        if event.worker.group != "folder" or not event.worker.is_finished:
            return
        if event.state is WorkerState.ERROR:
            self.busy = False
            self.checking = False
            self.say("读取目录时程序内部出错；按 F5 重新检查", "bold")
        if (self.pending or self.touched) and not self.busy:
            if self.folder_watch is not None:
                self.recheck([])
            else:
                self.watch_folder()
