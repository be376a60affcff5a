"""Saving a file atomically: the old file or the new one after any crash, never half,
with the old one's owner, group and mode, and never over what must not be replaced."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from functools import cache
from pathlib import Path

from .files import not_regular, os_reason, process_alive
from .reading import ReportFileError


def write_atomic(path: Path, data: bytes, new_mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half.

    Writes a temporary file in the same folder (named with this process's id, so that
    one left by a killed save is known and removed by the next), flushes and fsyncs
    it, gives it the file's mode, owner and group (the owner only where the system
    permits: root, or the owner itself), then ``os.replace``s it over the target
    (following a symlink to its target) and fsyncs the folder. ``new_mode`` is the
    mode of a file that does not exist yet (default: 0666 less the umask).

    Refuses a file that is not a regular file, one whose mode bits say read-only
    (for root too), and one with more than one hard link (replacing it would leave
    the other names with the old content).
    """
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise ReportFileError(path, f"无法保存：{os_reason(exc)}") from None
    if existing is not None:
        _refuse_to_replace(path, existing)
        mode = stat.S_IMODE(existing.st_mode)
    else:
        mode = new_mode if new_mode is not None else 0o666 & ~_umask()
    remove_stale_temporaries(target)
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(
            prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        reason = os_reason(exc)
        raise ReportFileError(
            path, f"无法在所在目录创建临时文件：{reason}", reason=reason
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if existing is not None:
                _keep_owner(handle.fileno(), existing)
            os.fchmod(handle.fileno(), mode)  # after chown, which may clear set-id bits
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        reason = os_reason(exc)
        kept = "（原文件未改动）" if existing is not None else "（没有创建文件）"
        raise ReportFileError(path, f"{reason}，未能写入{kept}", reason=reason) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def _refuse_to_replace(path: Path, existing: os.stat_result) -> None:
    reason = not_regular(existing.st_mode)
    if reason:
        raise ReportFileError(path, reason)
    if _read_only(existing) or not os.access(path, os.W_OK):
        raise ReportFileError(
            path, f"文件是只读的（权限 {stat.filemode(existing.st_mode)}），不会修改它"
        )
    if existing.st_nlink > 1:
        raise ReportFileError(
            path,
            f"文件有 {existing.st_nlink} 个硬链接（同一内容的其他名称）；保存会替换这个名称，"
            "其他名称仍是旧内容，所以不会保存。请先把它复制成独立的文件"
            "（cp 文件 副本 && mv 副本 文件）",
        )


def _read_only(existing: os.stat_result) -> bool:
    """Whether the mode bits say nobody may write it (root ignores them, we do not):
    the owner's write bit for the owner, any write bit for root."""
    user = os.geteuid()
    if existing.st_uid == user:
        return not existing.st_mode & stat.S_IWUSR
    return user == 0 and not existing.st_mode & 0o222


def _keep_owner(fd: int, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group."""
    for uid in (existing.st_uid, -1):
        try:
            os.fchown(fd, uid, existing.st_gid)
            return
        except OSError:
            continue


STALE_AFTER = 3600  # seconds: a temporary this old of another machine's save is stale


@cache
def _host() -> str:
    """This machine, shortened (temporaries in a shared folder say whose they are)."""
    return hashlib.sha256(os.uname().nodename.encode("utf-8")).hexdigest()[:8]


_TEMPORARY = re.compile(r"\.(?P<host>[0-9a-f]{8})-(?P<pid>\d+)\.[^.]*\.tmp$")


def _temporary_prefix(target: Path) -> str:
    """``.NAME.HOST-PID.``: whose temporary it is (the name shortened to stay valid)."""
    name = target.name.encode("utf-8")[:100].decode("utf-8", errors="ignore")
    return f".{name}.{_host()}-{os.getpid()}."


def remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files that saves of ``target`` left when they were killed:
    at once those of a process of this machine that no longer runs, the others (another
    machine's, in a shared folder, or an older version's) after an hour."""
    import time

    start = _temporary_prefix(target).rsplit(".", 2)[0] + "."  # ``.NAME.``
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(start) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        leftover = target.parent / name
        owner = _TEMPORARY.search(name[len(start) - 1 :])
        with contextlib.suppress(OSError):
            ours = owner is not None and owner["host"] == _host()
            if (ours and not process_alive(int(owner["pid"]))) or (
                time.time() - leftover.lstat().st_mtime > STALE_AFTER
            ):
                leftover.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
