"""Recovery copies and locks: unsaved edits kept outside the report file, so that a
dropped SSH session, a killed process or a power cut loses at most a few seconds of
work, and a second editor on the same file is told about the first.

Each editor instance (``EditorSession``) has its own recovery copy and its own lock
file, both in the user's state directory ($XDG_STATE_HOME, or ~/.local/state), never
beside the report (so they never end up in git or in ``check .``):

- the copy holds the whole report *with* its unsaved changes, written a moment after
  each edit and at once on SIGHUP/SIGTERM; this editor's save or discard removes this
  copy only (another editor's copy of the same file is never touched);
- the lock names the process and the machine; a lock whose process no longer runs is
  stale and ignored. A copy whose editor no longer runs is offered when the file is
  opened next, and kept until someone restores or discards it.

Files are named ``NAME.DIGEST.PID-TOKEN.json`` / ``.lock`` (DIGEST of the report's
absolute path) and are readable by their user only (0600, folder 0700).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..report.model import Report
from ..storage.files import os_reason, read_head
from ..storage.reading import LoadedReport, ReportFileError, parse_toml, report_from_data

PRIVATE = 0o600
MAX_COPY_BYTES = 64 * 1024 * 1024


def state_dir() -> Path:
    """``$XDG_STATE_HOME/tui-report/recovery``, or under ``~/.local/state``."""
    return state_root() / "recovery"


def state_root() -> Path:
    """``$XDG_STATE_HOME/tui-report``, or under ``~/.local/state``. A relative
    ``$XDG_STATE_HOME`` is ignored, as the XDG specification says: it would put the copies
    beside whatever report is being edited, where git commits them."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".local" / "state")
    return Path(base) / "tui-report"


def file_key(report_path: Path) -> str:
    """``NAME.DIGEST``: the report's name (for people, shortened) and a digest of its
    absolute path (so that two folders' ``report.toml`` never share copies)."""
    absolute = os.path.realpath(report_path)
    digest = hashlib.sha256(absolute.encode("utf-8", errors="surrogateescape")).hexdigest()[:16]
    name = report_path.name.encode("utf-8", errors="ignore")[:80].decode("utf-8", errors="ignore")
    return f"{name}.{digest}"


@dataclass(frozen=True)
class Recovery:
    file: str
    saved_at: str  # local time, for people
    base_sha256: str | None  # the file the edits were made on
    text: str  # the whole report file, with the edits
    copy: Path | None = None  # where this copy is kept


@dataclass(frozen=True)
class Holder:
    """Another editor that has the file open (from its lock)."""

    pid: int
    host: str
    since: str

    def describe(self) -> str:
        return f"主机 {self.host} 上的进程 {self.pid}（{self.since} 起）"


def _entries(report_path: Path) -> list[tuple[str, Path]]:
    """(instance, file) of every copy and lock kept for ``report_path``."""
    folder = state_dir()
    start = file_key(report_path) + "."
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        if name.startswith(start) and name.endswith((".json", ".lock")):
            instance = name[len(start) :].rpartition(".")[0]  # "" for an older version's copy
            found.append((instance, folder / name))
    return found


def _json_bytes(data: dict[str, Any]) -> bytes:
    import json  # a lock, a copy: written after the first screen (json costs ~1.5 ms)

    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _read_json(path: Path) -> dict[str, Any] | None:
    import json  # only where a lock or a copy is found: usually none at start-up

    data = read_head(path, MAX_COPY_BYTES)  # never blocks, even on a planted FIFO
    if data is None:
        return None
    try:
        loaded = json.loads(data.decode("utf-8"))
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def _holder(lock: Path) -> Holder | None:
    """The editor holding ``lock`` if it still runs (stale locks are removed)."""
    from ..storage.files import process_alive

    data = _read_json(lock)
    if data is None or not isinstance(data.get("pid"), int):
        return None
    holder = Holder(data["pid"], str(data.get("host", "")), str(data.get("since", "")))
    if holder.host == _hostname() and not process_alive(holder.pid):
        with contextlib.suppress(OSError):
            lock.unlink()  # its editor was killed: the lock means nothing now
        return None
    return holder  # alive here, or on another machine (which cannot be asked)


def _as_recovery(copy: Path) -> Recovery | None:
    data = _read_json(copy)
    if data is None or not all(isinstance(data.get(k), str) for k in ("file", "saved_at", "text")):
        return None
    base = data.get("base_sha256")
    return Recovery(
        data["file"], data["saved_at"], base if isinstance(base, str) else None, data["text"], copy
    )


def orphaned_copies(report_path: Path, besides: str = "") -> list[Recovery]:
    """Recovery copies of ``report_path`` whose editor no longer runs, latest first
    (``besides``: an instance whose own copy is not meant)."""
    entries = _entries(report_path)
    running = {
        instance
        for instance, path in entries
        if path.suffix == ".lock" and instance != besides and _holder(path)
    }
    copies = []
    for instance, path in entries:
        if path.suffix == ".json" and instance != besides and instance not in running:
            recovery = _as_recovery(path)
            if recovery is not None:
                copies.append((_mtime(path), recovery))
    copies.sort(key=lambda item: item[0], reverse=True)
    return [recovery for _, recovery in copies]


def read_recovery(report_path: Path) -> Recovery | None:
    """The latest recovery copy of ``report_path`` left by an editor that no longer runs."""
    found = orphaned_copies(report_path)
    return found[0] if found else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def discard_copy(recovery: Recovery) -> None:
    if recovery.copy is not None:
        with contextlib.suppress(OSError):
            recovery.copy.unlink()


class EditorSession:
    """One editor's claim on a report file: its lock and its own recovery copy."""

    def __init__(self, report_path: Path) -> None:
        self.report_path = report_path
        self.instance = f"{os.getpid()}-{os.urandom(4).hex()}"
        stem = f"{file_key(report_path)}.{self.instance}"
        self.lock_path = state_dir() / f"{stem}.lock"
        self.copy_path = state_dir() / f"{stem}.json"

    def others(self) -> list[Holder]:
        """Other editors that have the file open now."""
        holders = []
        for instance, path in _entries(self.report_path):
            if path.suffix == ".lock" and instance != self.instance:
                holder = _holder(path)
                if holder is not None:
                    holders.append(holder)
        return holders

    def orphans(self) -> list[Recovery]:
        """Copies left by editors that no longer run, latest first."""
        return orphaned_copies(self.report_path, besides=self.instance)

    def lock(self) -> None:
        """Say that this editor has the file open (best effort: a lock is only a warning,
        so it is written plainly, without the fsyncs of a save)."""
        since = _now("%Y-%m-%d %H:%M")
        data = {"pid": os.getpid(), "host": _hostname(), "since": since}
        data["file"] = str(self.report_path)
        with contextlib.suppress(OSError):
            _make_state_dir()
            fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(_json_bytes(data))

    def unlock(self) -> None:
        with contextlib.suppress(OSError):
            self.lock_path.unlink()

    def write(self, loaded: LoadedReport, report: Report) -> Path:
        """Keep ``report`` (with unsaved edits) as this editor's recovery copy."""
        from ..storage.writing import render_changes, write_atomic

        text, _ = render_changes(loaded, report)
        recovery = {
            "file": str(loaded.path),
            "saved_at": _now("%Y年%m月%d日%H:%M:%S"),
            "base_sha256": loaded.fingerprint.sha256 if loaded.fingerprint else None,
            "text": text,
        }
        try:
            _make_state_dir()
        except OSError as exc:
            reason = os_reason(exc)
            message = f"无法创建恢复副本的目录：{reason}"
            raise ReportFileError(state_dir(), message, reason=reason) from None
        write_atomic(self.copy_path, _json_bytes(recovery), PRIVATE)
        return self.copy_path

    def discard(self) -> None:
        """Remove this editor's copy (saved, or nothing left unsaved); others' stay."""
        with contextlib.suppress(OSError):
            self.copy_path.unlink()


def _hostname() -> str:
    return os.uname().nodename


def _make_state_dir() -> None:
    state_dir().mkdir(parents=True, exist_ok=True, mode=0o700)


def _now(pattern: str) -> str:
    import datetime

    return datetime.datetime.now().strftime(pattern)


def recovered(loaded: LoadedReport, recovery: Recovery) -> LoadedReport:
    """The report as it was in the recovery copy, over the file as it is now: its
    edits show as unsaved changes, and saving writes them (atomically, as any save)."""
    report, _ = report_from_data(loaded.path, parse_toml(loaded.path, recovery.text, fast=False))
    if report.format is not loaded.report.format:
        raise ReportFileError(loaded.path, "恢复副本的格式版本与文件不同，无法恢复")
    return LoadedReport(
        report,
        loaded.path,
        loaded.source,
        loaded.structure,
        loaded.fingerprint,
        loaded.bom,
        baseline=loaded.baseline,
    )


def base_changed(loaded: LoadedReport, recovery: Recovery) -> bool:
    """Whether the file changed since the edits in the recovery copy were made."""
    return bool(
        recovery.base_sha256
        and loaded.fingerprint
        and recovery.base_sha256 != loaded.fingerprint.sha256
    )
