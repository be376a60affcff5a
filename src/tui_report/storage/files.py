"""Files on disk at the lowest level: regular files read without ever blocking, the
reason an operation failed in words for people, whether a process still runs."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in words for people (never Python's English)."""
    reasons = {
        errno.ENOENT: "文件或目录不存在",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.ENOSPC: "磁盘空间不足",
        errno.EDQUOT: "超出磁盘配额",
        errno.EROFS: "文件系统是只读的",
        errno.EISDIR: "这是一个目录",
        errno.ENOTDIR: "路径中有一部分不是目录",
        errno.ENAMETOOLONG: "文件名过长",
        errno.EIO: "读写设备出错",
        errno.EEXIST: "已有同名的文件",
        errno.EBUSY: "文件正被占用",
        errno.ETXTBSY: "文件正被占用",
        errno.EXDEV: "不能跨文件系统移动",
        errno.ELOOP: "符号链接循环",
    }
    return reasons.get(exc.errno or 0, f"系统错误 {exc.errno}" if exc.errno else "系统错误")


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read or written as a report, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个目录，不是报告文件"
    return "不是普通文件（是设备、管道或套接字），不会打开"


def read_regular(path: Path, limit: int) -> bytes:
    """Up to ``limit`` + 1 bytes of a regular file. A FIFO, a device or a socket is never
    opened (an ``os.stat`` first), and one that takes a regular file's place meanwhile
    does not block (opened non-blocking, checked again on the open file).

    Raises ``OSError``, or ``IsADirectoryError``/``ValueError`` with the reason."""
    reason = not_regular(os.stat(path).st_mode)
    if reason:
        raise ValueError(reason)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        opened = os.fstat(fd)
        reason = not_regular(opened.st_mode)
        if reason:
            raise ValueError(reason)
        # One read of the size the file has (one byte more, to see it end); a file that
        # grows meanwhile is read on, up to the limit.
        wanted = min(opened.st_size, limit) + 1
        data = os.read(fd, wanted)
        if len(data) < wanted:  # a regular file reads short only at its end
            return data
        chunks, size = [data], len(data)
        while chunks[-1] and size <= limit:
            chunks.append(os.read(fd, limit + 1 - size))
            size += len(chunks[-1])
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_head(path: Path, size: int) -> bytes | None:
    """The first bytes of a regular file for a quick look; None if it cannot be read."""
    try:
        return read_regular(path, size)[:size]
    except (OSError, ValueError):
        return None


def process_alive(pid: int) -> bool:
    """Whether a process of this machine with this id runs (another user's counts too)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether ``pid`` has ended but was not yet reaped (Linux): an editor killed with
    ``kill -9`` stays so where nobody reaps it (a container without an init), yet it
    answers ``os.kill(pid, 0)`` as if it ran."""
    try:
        status = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False  # no /proc (another system): as os.kill said
    end = status.rfind(b")")  # of the command's name, which may hold spaces and ")"
    return status[end + 2 : end + 3] == b"Z"
