"""Which files a folder holds: the ``*.toml`` files under it as listed (nothing of them
read), each file once however many names it has, and what could not be read there.

A search of a folder passes nothing over in silence: a subfolder that may not be listed
(no permission), a ``*.toml`` file that may not be opened, a link that leads nowhere or
round in a loop are each an ``Unreachable`` with the reason, for ``check`` and ``sum``
to say and the folder view to list. A report reached by several paths (a symbolic link
beside it, a hard link) is one report, by the same rule everywhere (``distinct_files``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from ..storage.files import not_regular, os_reason
from ..storage.tops import AGENCIES_FILE, OPEN_FLAGS


class Unreachable(NamedTuple):
    """What a search of a folder found and could not read: a folder that cannot be listed
    or a ``*.toml`` file that may not be opened (no permission), a ``*.toml`` link that
    leads nowhere or round in a loop, a ``*.toml`` that is no regular file (a FIFO, a
    device, a socket: never opened, as opening a FIFO would wait for a writer)."""

    path: str
    reason: str  # in words for people


FileEntry = tuple[str, bool, int]  # a file's path, whether it is a link, its inode as listed


def folder_entries(folder: Path, unreachable: list[Unreachable] | None = None) -> list[FileEntry]:
    """The ``*.toml`` regular files directly in ``folder``, as listed (see ``folder_files``)."""
    try:
        listing = os.scandir(folder)
    except OSError as exc:
        if unreachable is not None and not isinstance(exc, FileNotFoundError):
            unreachable.append(Unreachable(str(folder), folder_reason(exc)))
        return []
    with listing:
        return list(_listed_files(listing, str(folder), unreachable))


def _listed_files(
    listing: Iterator[os.DirEntry[str]],
    base: str,
    unreachable: list[Unreachable] | None,
    subfolders: list[str] | None = None,
) -> Iterator[FileEntry]:
    """The ``*.toml`` regular files of a folder's listing, one entry at a time (none kept);
    its folders that are no links and not hidden go to ``subfolders``."""
    prefix = "" if base == "." else base if base.endswith("/") else base + "/"  # as Path does
    for entry in listing:
        name = entry.name
        if subfolders is not None and not name.startswith("."):
            try:
                if entry.is_dir() and not entry.is_symlink():
                    subfolders.append(name)
                    continue
            except OSError:
                pass
        if not listed_as_report(name):
            continue
        path = prefix + name
        try:
            regular = entry.is_file()  # from the directory entry, or a stat for a link
            special = None
            if not regular and unreachable is not None and not entry.is_dir():
                special = not_regular(entry.stat().st_mode)  # (a link whose file is gone:
        except OSError as exc:  # said here)
            if unreachable is not None and (entry.is_symlink() or os.path.lexists(path)):
                unreachable.append(Unreachable(path, file_reason(exc)))
            continue
        if regular:
            yield (path, entry.is_symlink(), entry.inode())
        elif special is not None and unreachable is not None:  # a FIFO, a device: never
            unreachable.append(Unreachable(path, special))  # opened (it could block)


def listed_as_report(name: str) -> bool:
    """Whether a search of a folder reads a file of this name as a report."""
    return name.endswith(".toml") and not name.startswith(".") and name != AGENCIES_FILE


def unlisted_name(path: Path) -> str | None:
    """Why a new report may not have this file name (``new``, the editor's new file): a
    search of its folder (``check``, ``sum``, the folder view) would pass it over without
    a word; None for a name it reads. A file that exists is read under any name given."""
    name = path.name
    if not name or listed_as_report(name):  # (no name: ``/``, refused as it exists)
        return None
    if name == AGENCIES_FILE:
        return f"{path}: {AGENCIES_FILE} 是机关名称对照表的文件名，报告请换一个文件名"
    if name.startswith("."):
        return f"{path}: 以“.”开头的文件在检查、汇总目录和目录视图中不读取，请换一个文件名"
    named = name[: -len(".toml")] if name.lower().endswith(".toml") else name
    suggested = path.with_name(f"{named}.toml")
    return (
        f"{path}: 报告的文件名须以 .toml 结尾（检查、汇总目录和目录视图只读取 .toml 文件），"
        f"请改用 {suggested}"
    )


def folder_reason(exc: OSError) -> str:
    """Why a folder under the one searched cannot be listed, in words for people."""
    return f"无法打开目录（{os_reason(exc)}），其中的报告未读取"


def file_reason(exc: OSError) -> str:
    """Why a ``*.toml`` entry (a file, a link) cannot be read, in words for people."""
    if isinstance(exc, FileNotFoundError):
        return "符号链接指向的文件不存在"
    return f"{os_reason(exc)}，无法读取"


def refused_reason(path: str) -> str | None:
    """Why a file may not be opened (no permission), or None (it may, or it is gone)."""
    try:
        os.close(os.open(path, OPEN_FLAGS))
    except PermissionError as exc:
        return file_reason(exc)
    except OSError:
        pass
    return None


def distinct_entries(entries: list[FileEntry]) -> list[str]:
    """The entries' paths, each file once: ``distinct_files``, where the folder's listing
    shows a link or two names of one inode (otherwise nothing more is asked of the disk)."""
    paths = [path for path, _, _ in entries]
    inodes = [inode for _, link, inode in entries if not link]
    if len(inodes) == len(paths) and len(set(inodes)) == len(inodes):
        return paths  # the usual folder: no links, no file with two names
    return distinct_files(paths)


def distinct_files(paths: list[str]) -> list[str]:
    """``paths`` (in their order) with each file once: a report reached by several paths
    (a symbolic link beside it, a hard link) is one report, kept by the path that is no
    symbolic link, else by the first. The rule of ``check``, ``sum`` and the folder view
    alike. A path that cannot be looked at is kept (reading it will say why)."""
    kept: dict[object, str] = {}
    for path in paths:
        try:
            status = os.stat(path)
            key: object = (status.st_dev, status.st_ino)
        except (OSError, ValueError):
            key = path
        first = kept.setdefault(key, path)
        if first != path and os.path.islink(first) and not os.path.islink(path):
            kept[key] = path
    chosen = set(kept.values())
    return [path for path in paths if path in chosen]


def folder_files(
    folder: Path,
    unreachable: list[Unreachable] | None = None,
    listed: set[str] | None = None,
) -> Iterator[FileEntry]:
    """The ``*.toml`` regular files under ``folder`` (not in hidden folders, not through
    links to folders), as listed, one at a time (a folder is listed once, and nothing of
    it kept but its subfolders' names): nothing of the files is read. Folders are
    visited as ``os.walk`` visits them (a folder, then its subfolders in name order).
    Folders that cannot be listed go to ``unreachable`` (a folder that vanished is
    passed over), and so do links that lead nowhere; each folder listed is added to
    ``listed`` (an index's folders: its caller indexes their reports)."""
    yield from _walk(os.fspath(folder), unreachable, listed)


def _walk(
    top: str, unreachable: list[Unreachable] | None, listed: set[str] | None
) -> Iterator[FileEntry]:
    try:
        listing = os.scandir(top)
    except OSError as exc:
        if unreachable is not None and not isinstance(exc, FileNotFoundError):
            unreachable.append(Unreachable(str(exc.filename), folder_reason(exc)))
        return
    here = str(Path(top))
    if listed is not None:
        listed.add(here)
    subfolders: list[str] = []
    with listing:
        try:
            yield from _listed_files(listing, here, unreachable, subfolders)
        except OSError as exc:  # the listing broke off (the folder went meanwhile)
            if unreachable is not None and not isinstance(exc, FileNotFoundError):
                unreachable.append(Unreachable(top, folder_reason(exc)))
            return
    for name in sorted(subfolders):
        yield from _walk(os.path.join(top, name), unreachable, listed)
