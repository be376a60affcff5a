"""Noticing what changes in a folder of reports without looking at every file again and
again: the system's notifications of changes (inotify on Linux, FSEvents, ReadDirectoryChangesW,
through ``watchfiles``), in a thread that sleeps until something changes.

What is reported is the paths touched (a report written, renamed into place, removed; a
subfolder made, removed, moved or made unreadable), at most ``STEP_MS`` after the change
(``DEBOUNCE_MS`` while changes keep coming, as during a ``git pull``). Hidden files and
folders (``.git``, the temporary files of an atomic save) are not reported.

Where notifications cannot be had, the caller looks at every file's time and size every
few seconds instead (``notifications_wanted``, ``on_failure``): a folder on a network
filesystem (NFS, SMB, sshfs…: another computer's changes raise no notification here), no
``watchfiles`` for the platform, the system's limit of watches reached, a subfolder
that may not be read (it cannot be watched), or
``TUI_REPORT_WATCH=poll`` in the environment.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

STEP_MS = 100  # a change is reported this long after it, once no other followed
DEBOUNCE_MS = 1000  # changes that keep coming are reported at least this often
POLL_MS = 2000  # how often a folder is looked at where it cannot be watched
ENVIRONMENT = "TUI_REPORT_WATCH"  # "poll": look at the files every few seconds instead
# Filesystems whose files other computers change without a notification here.
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs"}
    | {"lustre", "gpfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.glusterfs", "davfs"}
)


def notifications_wanted(folder: Path) -> str | None:
    """Why the folder must be looked at every few seconds instead of being notified of
    its changes (in words for people), or None: notifications will do."""
    if polling_chosen():
        return f"环境变量 {ENVIRONMENT}=poll"
    filesystem = filesystem_of(folder)
    if filesystem in NETWORK_FILESYSTEMS:
        return f"目录在网络文件系统（{filesystem}）上"
    return None


def polling_chosen() -> bool:
    """Whether the person chose to have folders looked at every few seconds
    (``TUI_REPORT_WATCH=poll``) rather than the system not being able to tell."""
    return os.environ.get(ENVIRONMENT, "").strip().lower() == "poll"


def filesystem_of(folder: Path, mountinfo: str = "/proc/self/mountinfo") -> str | None:
    """The type of the filesystem ``folder`` is on (Linux: ``/proc/self/mountinfo``),
    None where it cannot be told."""
    try:
        where = os.path.realpath(folder)
        with open(mountinfo, encoding="utf-8", errors="replace") as lines:
            mounts = [_mount_of(line) for line in lines]
    except OSError:
        return None
    best: tuple[str, str] | None = None
    for mount in mounts:
        if mount is None:
            continue
        point, kind = mount
        inside = where == point or where.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, kind)  # the last mounted of the longest: what is seen there
    return best[1] if best else None


def _mount_of(line: str) -> tuple[str, str] | None:
    """(mount point, filesystem type) of a line of ``mountinfo``."""
    fields = line.split()
    if "-" not in fields or len(fields) < 5:
        return None
    after = fields.index("-")
    if after + 1 >= len(fields):
        return None
    point = fields[4]
    for code in ("\\040", "\\011", "\\012", "\\134"):  # spaces, tabs… are written in octal
        point = point.replace(code, chr(int(code[1:], 8)))
    return point, fields[after + 1]


def hidden_under(folder: str, path: str) -> bool:
    """Is ``path`` (under ``folder``) hidden, or in a hidden folder (``.git``)? Such paths
    are never reports the folder lists."""
    relative = os.path.relpath(path, folder)
    return any(part.startswith(".") and part not in (".", "..") for part in relative.split(os.sep))


class FolderWatch:
    """A thread that reports the paths changed under a folder (``on_change``, called in
    the thread) until ``stop``; ``on_failure`` (in the thread, with the reason in words)
    when notifications cannot be had or stop working: the caller then looks for
    changes every few seconds itself."""

    def __init__(
        self,
        folder: Path,
        on_change: Callable[[set[str]], None],
        on_failure: Callable[[str], None],
    ) -> None:
        self.folder = str(folder)
        self.bases = (os.path.abspath(folder), os.path.realpath(folder))
        self.on_change = on_change
        self.on_failure = on_failure
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="folder-watch", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()

    def as_listed(self, path: str) -> str:
        """A path the system told (absolute, maybe with ``.`` in it) as the folder's
        listing writes it (``folder/name.toml``, ``name.toml`` for ``.``)."""
        for base in self.bases:
            relative = os.path.relpath(path, base)
            if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
                return self.folder if relative == os.curdir else str(Path(self.folder, relative))
        return path

    def _run(self) -> None:
        try:
            import watchfiles
        except ImportError:  # no wheel for this platform
            self.on_failure("无法使用系统的文件变化通知（没有 watchfiles）")
            return
        try:
            for changes in watchfiles.watch(
                self.folder,
                watch_filter=None,
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=self.stopped,
                rust_timeout=0,
                raise_interrupt=False,
                force_polling=False,
                poll_delay_ms=POLL_MS,  # (watchfiles' own fallback where inotify is missing)
                recursive=True,
                ignore_permission_denied=False,  # True would pass over the watch limit too
            ):
                paths = {self.as_listed(path) for _change, path in changes}
                paths = {path for path in paths if not hidden_under(self.folder, path)}
                if paths:
                    self.on_change(paths)
        except Exception:  # the watch limit reached, a subfolder that may not be read, …
            if not self.stopped.is_set():
                self.on_failure("无法使用系统的文件变化通知")
