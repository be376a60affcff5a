"""What a file carries besides its bytes and mode: extended attributes (``xattrs``),
POSIX access control lists among them (``system.posix_acl_access``).

A save writes a new file and renames it over the old one, so everything the old file
carried must be put on the new one first: a 0600 report with ``user:1234:rw`` must
not come back 0660 without its ACL (its user locked out, the group let in). Where an
attribute cannot be put on the new file, the save is refused and says which, rather
than dropping it unseen.

An export is a new file made from a report: it is never more open than the report
(``no_more_open_than``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from .files import os_reason

ACL = "system.posix_acl_access"

# The system or the file system keeps no extended attributes here: nothing to keep.
_UNSUPPORTED = {errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}


class AttributeNotKept(Exception):
    """An extended attribute of the old file that the new one cannot be given."""

    def __init__(self, name: str, exc: OSError) -> None:
        self.name = name
        what = "访问控制列表（ACL）" if name == ACL else f"扩展属性 {name}"
        super().__init__(f"文件的{what}无法复制到保存后的文件（{os_reason(exc)}）")


def attribute_names(source: Path | int) -> list[str]:
    """The extended attributes of ``source`` (a path or an open file), [] where the
    system or its file system has none. ``OSError`` where they cannot be listed."""
    if not hasattr(os, "listxattr"):
        return []  # not Linux: Python offers no extended attributes
    try:
        return os.listxattr(source)
    except OSError as exc:
        if exc.errno in _UNSUPPORTED:
            return []
        raise


def copy_attributes(source: Path, fd: int) -> None:
    """Give the open file ``fd`` exactly the extended attributes of ``source`` (its ACL
    included, or none where ``source`` has none: a folder's default ACL is not added).

    Raises ``AttributeNotKept`` for an attribute that cannot be read or set."""
    try:
        names = attribute_names(source)
    except OSError as exc:
        raise AttributeNotKept("（全部）", exc) from None
    if ACL not in names:
        remove_acl(fd)
    for name in names:
        try:
            value = os.getxattr(source, name)
        except OSError as exc:
            if exc.errno == errno.ENODATA:  # removed meanwhile
                continue
            raise AttributeNotKept(name, exc) from None
        if _value(fd, name) == value:
            continue  # given already (SELinux's label by the policy, an inherited ACL)
        try:
            os.setxattr(fd, name, value)
        except OSError as exc:
            raise AttributeNotKept(name, exc) from None


def _value(fd: int, name: str) -> bytes | None:
    try:
        return os.getxattr(fd, name)
    except OSError:
        return None


def remove_acl(fd: int) -> None:
    """Remove the access ACL of the open file ``fd`` (one inherited from the folder's
    default ACL when the file was made); its mode bits stay."""
    if not hasattr(os, "removexattr"):
        return
    with contextlib.suppress(OSError):  # none (ENODATA) or no ACLs here: nothing to remove
        os.removexattr(fd, ACL)


def no_more_open_than(fd: int, source: Path, mode: int) -> int:
    """The mode for the open file ``fd`` made from ``source`` (an export of a report):
    ``mode`` less the bits ``source`` does not have, and the group's bits no more than
    ``source``'s others' where ``fd`` cannot be given ``source``'s group.

    Where ``source`` carries an ACL, its mode bits do not say who may read it (0600 and
    ``user:1234:r`` shows as 0640: the group bits are the ACL's mask, the group itself
    may read nothing): ``fd`` is given the same ACL, which the mode (set after it) can
    only narrow; where that cannot be done, ``fd`` is left to its owner alone. Where
    ``source`` has none, ``fd`` has none either (not one inherited from its folder).

    ``OSError`` where ``source`` cannot be looked at."""
    made_from = os.stat(source)
    mode &= stat.S_IMODE(made_from.st_mode)
    if os.fstat(fd).st_gid != made_from.st_gid:
        try:
            os.fchown(fd, -1, made_from.st_gid)  # where this user is of that group
        except OSError:  # another group: to the report, its members are the others
            mode = mode & ~0o070 | mode & (made_from.st_mode & 0o007) << 3
    try:
        acl = os.getxattr(source, ACL) if ACL in attribute_names(source) else None
    except OSError:  # who else may read it cannot be told: nobody else
        remove_acl(fd)
        return mode & 0o700
    if acl is None:
        remove_acl(fd)
        return mode
    try:
        os.setxattr(fd, ACL, acl)
    except OSError:
        remove_acl(fd)
        return mode & 0o700
    return mode
