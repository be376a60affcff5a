"""Saving a file atomically: the old file or the new one after any crash, never half,
with the old one's owner, group, mode and extended attributes, never over what must
not be replaced, and never through a symlink to a file it did not name."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import time
from functools import cache
from pathlib import Path

from .attributes import AttributeNotKept, copy_attributes, no_more_open_than
from .files import not_regular, os_reason, process_alive
from .planted import refuse_planted_folders
from .reading import ReportFileError


def write_atomic(
    path: Path,
    data: bytes,
    new_mode: int | None = None,
    *,
    through_link: bool = False,
    create: bool = False,
    made_from: Path | None = None,
    saving: bool = False,
) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, never half.

    Writes a temporary file in the same folder (named with this process's id, so that
    one left by a killed save is known and removed by the next), flushes and fsyncs
    it, gives it its mode, then ``os.replace``s it over the target and fsyncs the
    folder. ``new_mode`` is the mode of a new file (default: 0666 less the umask).

    ``saving``: the same file, edited (a report, ``agencies.toml``): a file replaced
    keeps its owner and group (the owner only where the system permits: root, or the
    owner itself), extended attributes (its ACL among them) and mode. Otherwise the
    file is made anew (an export, a total, an import): one it replaces (``--force``)
    is not its model, the new file is the running user's with a new file's mode and
    no attribute of the old one (root's export over a user's file is root's, never
    handed to that user; a replaced file's ACL grants nothing on the new one).

    A symlink at ``path`` is refused: a link someone planted in a shared folder must
    never lead a write to another file (``~/.ssh/authorized_keys``). Only saving the
    report the user opened by that name (``through_link``) follows it and replaces its
    target, which must exist (a file is never created through a link).

    ``create``: ``path`` must not exist, and the file takes the name only if nothing
    took it meanwhile (a hard link of the finished temporary, refused by any entry, a
    dangling link too). ``made_from``: the report an export is made from; the new file
    is never more open than it (see ``attributes.no_more_open_than``).

    Refuses a file that is not a regular file, one whose mode bits say read-only
    (for root too), one with more than one hard link (replacing it would leave
    the other names with the old content), and one whose extended attributes cannot
    be kept.
    """
    target = Path(os.path.realpath(path)) if through_link else Path(path)
    if not through_link or not os.path.exists(path):  # a dangling link: never created
        refuse_link(path)
    remove_stale_temporaries(target)  # first: a killed create's temporary is a second name
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:  # a folder that may not be looked into
        verb = "无法创建" if create else "无法保存"
        raise ReportFileError(path, f"{verb}：{os_reason(exc)}") from None
    mode = new_mode if new_mode is not None else 0o666 & ~_umask()
    if existing is not None:
        if create:
            raise ReportFileError(path, "文件已存在，不会覆盖")
        _refuse_to_replace(path, existing)
        if saving:
            mode = stat.S_IMODE(existing.st_mode)
    model = existing if saving else None  # a new file takes nothing of the one it replaces
    import tempfile  # ~10 ms: only when a file is written (check and export read)

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
            _give_attributes(handle.fileno(), target, model, made_from, mode)
        _commit(tmp, target, create)
    except AttributeNotKept as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ReportFileError(
            path, f"{exc}；保存会丢掉它，所以没有保存（原文件未改动）", reason=str(exc)
        ) from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        reason = "文件已存在" if isinstance(exc, FileExistsError) else os_reason(exc)
        kept = "（原文件未改动）" if existing is not None else "（没有创建文件）"
        raise ReportFileError(path, f"{reason}，未能写入{kept}", reason=reason) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(target.parent)


def refuse_link(path: Path) -> None:
    """``ReportFileError`` when ``path`` is a symlink (dangling or not): nothing is
    created or replaced through one (see ``write_atomic``); nor when one of its folders
    is a link another user put in a folder others may write to
    (``planted.refuse_planted_folders``)."""
    refuse_planted_folders(path)
    try:
        pointed = os.readlink(path)
    except OSError:
        return  # not a link (or nothing there)
    raise ReportFileError(
        path,
        f"这是一个符号链接（指向 {pointed}），不会通过它写入（共享目录中别人放的链接"
        "可能指向你的文件）；请删除这个链接或换一个文件名",
        reason="这是一个符号链接，不会通过它写入",
    )


def _give_attributes(
    fd: int,
    target: Path,
    existing: os.stat_result | None,
    made_from: Path | None,
    mode: int,
) -> None:
    """The new file's owner, group, extended attributes and mode: the old file's, and
    no more open than ``made_from``. The mode last: chown may clear set-id bits, and
    it sets the ACL's mask."""
    if existing is not None:
        _keep_owner(fd, existing)
        copy_attributes(target, fd)
    if made_from is not None:
        mode = no_more_open_than(fd, made_from, mode)
    os.fchmod(fd, mode)


def _commit(tmp: str, target: Path, create: bool) -> None:
    """Give the finished temporary the target's name; ``create``: only if the name is free."""
    if not create:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails (EEXIST) on any entry of that name, a link too
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: free a moment ago, then
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


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
            if (ours and owner is not None and not process_alive(int(owner["pid"]))) or (
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
