"""What another user may have put on the way of a write, in a folder several users may
write to (a county server's group-writable ``2775`` folder, ``/tmp``'s ``1777``):
a symlink to a folder among the output path's folders (``shared/2025 -> /home/a/``),
a FIFO or a device where a file is to be written. Like the kernel's
``protected_symlinks``: what the running user or root owns is theirs to follow; what
another user owns in a folder others may write to is not followed, nor written into.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .files import os_reason
from .reading import ReportFileError


def trusted_owner(uid: int) -> bool:
    """Whether a file of ``uid`` is the running user's own (or root's)."""
    return uid in (0, os.geteuid())


def open_to_others(folder: os.stat_result) -> bool:
    """Whether users other than its owner may put entries in ``folder`` (group- or
    other-writable; sticky or not: the sticky bit protects entries, not names)."""
    return bool(folder.st_mode & 0o022)


def placed_by_another(entry: os.stat_result, folder: os.stat_result) -> bool:
    """Whether ``entry`` (lstat) is another user's, in a folder others may write to:
    put there by someone else, not to be followed or taken."""
    return not trusted_owner(entry.st_uid) and open_to_others(folder)


def refuse_planted_folders(path: Path) -> None:
    """``ReportFileError`` naming the first folder of ``path`` (not its last component:
    ``atomic.refuse_link`` refuses any link there) that is another user's symlink in a
    folder others may write to: a write is never led by it to where that user chose
    (``shared/out -> /home/a/``). A link the user or root owns is followed."""
    # As written (a relative path starts at the working folder, never walked again), and
    # not normalized: ``out/../x`` goes through ``out``.
    for folder in reversed(Path(path).parents):
        try:
            entry = os.lstat(folder)
        except OSError:
            return  # missing (made later, or a mistake the write will say) or not looked into
        if not stat.S_ISLNK(entry.st_mode):
            continue
        try:
            parent = os.stat(folder.parent)
        except OSError:
            continue
        if placed_by_another(entry, parent):
            raise ReportFileError(
                path,
                f"路径中的 {folder} 是其他用户（uid {entry.st_uid}）在多人可写的目录中放置的"
                f"符号链接（指向 {_pointed(folder)}），不会经过它写入（它可能指向你的目录）；"
                "请确认后删除这个链接，或换一个输出位置",
                reason="路径中有其他用户放置的符号链接，不会经过它写入",
            )


def _pointed(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError as exc:
        return os_reason(exc)


def stream_for(path: Path) -> os.stat_result | None:
    """What ``-o path`` names when it is a stream to write into (a pipe, a terminal,
    ``/dev/null``, ``/dev/stdout``): its ``os.stat``, or None for anything else (a
    regular file, a directory, nothing: written by ``write_atomic``, which refuses what
    is not a regular file). ``ReportFileError`` for a pipe, device or socket that
    another user put in a folder others may write to, or that is reached through such
    a user's link: never written into (a FIFO planted where an export goes would hand
    its reader the report)."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    if not (stat.S_ISFIFO(target.st_mode) or stat.S_ISCHR(target.st_mode)):
        if stat.S_ISSOCK(target.st_mode) or stat.S_ISBLK(target.st_mode):
            raise ReportFileError(path, "不是普通文件（是设备或套接字），不会写入")
        return None
    refuse_planted_folders(path)
    for entry in _chain(path):
        try:
            named, folder = os.lstat(entry), os.stat(entry.parent)
        except OSError:
            continue
        if placed_by_another(named, folder):
            kinds = {stat.S_IFLNK: "符号链接", stat.S_IFIFO: "管道（FIFO）"}
            kind = kinds.get(stat.S_IFMT(named.st_mode), "设备")
            which = "这" if entry == path else f"其中的 {entry} "
            raise ReportFileError(
                path,
                f"{which}是其他用户（uid {named.st_uid}）在多人可写的目录中放置的{kind}，"
                "不会向其中写入（读取它的人会得到导出的内容）；请换一个输出文件名",
                reason=f"其他用户放置的{kind}，不会写入",
            )
    return target


def _chain(path: Path) -> list[Path]:
    """``path`` and the names its symlinks lead to, in turn (at most 40, as the kernel)."""
    chain = [path]
    for _ in range(40):
        try:
            pointed = os.readlink(chain[-1])
        except OSError:
            break
        chain.append(chain[-1].parent / pointed)
    return chain


def write_stream(path: Path, data: bytes, expected: os.stat_result) -> None:
    """Write ``data`` into the stream ``stream_for`` found at ``path``: refused when
    something else took its name meanwhile (the file opened is checked: a regular
    file is never truncated here). ``ReportFileError`` with the reason."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)  # a FIFO waits for its reader here, as ``cat > fifo``
    except OSError as exc:
        raise ReportFileError(path, f"无法写入：{os_reason(exc)}") from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (expected.st_dev, expected.st_ino):
            raise ReportFileError(path, "文件在写入前被换成了别的文件，没有写入")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise ReportFileError(path, f"无法写入：{os_reason(exc)}") from None
    finally:
        os.close(fd)
