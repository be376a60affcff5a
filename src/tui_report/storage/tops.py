"""Who and when a report file is, from its top: the few hundred bytes before its first table.

A report's ``format``, ``agency`` and ``year`` are top-level keys, and TOML puts every
top-level key before the first table, so the bytes before the first ``[table]`` line
identify a report; nothing else of a file is read to index a folder of them, or to tell
a report from another TOML file (``pyproject.toml``) that a git hook or ``git diff``
hands over.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

from . import fast_toml
from .reading import ReportFileError, decode, parse_toml, read_bytes

# Not a report: a folder's table of agency names spelled several ways (``folder.agencies``).
AGENCIES_FILE = "agencies.toml"
# A file is opened without waiting (a FIFO put in its place), never as a terminal.
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
HEAD_BYTES = 1024  # the first read; more only when the first table starts later
MAX_HEAD_BYTES = 1 << 20
# The start of the first table header: a line whose first non-blank character is "[".
_FIRST_TABLE = re.compile(rb"^[ \t]*\[", re.M)
# A top-level section as tui-report writes it: comments, blank lines and plain
# ``format``/``agency``/``year`` lines (a string without escapes, a decimal integer).
_PLAIN_TOP = re.compile(
    rb'(?:[ \t]*(?:(format|agency|year)[ \t]*=[ \t]*(?:"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"|'
    rb"([1-9][0-9]{0,8}))[ \t]*)?(?:#[^\x00-\x08\x0a-\x1f\x7f]*)?\r?\n)*"
)
_REPORT_KEY = re.compile(rb"^[ \t]*(?:format|agency|year)[ \t]*=", re.M)
_LINE = re.compile(rb'^[ \t]*(format|agency|year)[ \t]*=[ \t]*(?:"([^"\n]*)"|([0-9]+))', re.M)
# The top exactly as tui-report writes it: comments, then the three keys, then blank lines.
_WRITTEN_TOP = re.compile(
    rb"(?:#[^\x00-\x08\x0a-\x1f\x7f]*\n)*"
    rb'format = "[0-9]+"\n'
    rb'agency = "([^"\\\x00-\x08\x0a-\x1f\x7f]*)"\n'
    rb"year = ([1-9][0-9]{0,8})\n\n*"
)


class ReportId(NamedTuple):
    """Who and when a report file is, as its top says (what ``read_report`` would read)."""

    path: str
    agency: str
    year: int | None


def read_top(path: str, checked: bool = False) -> bytes | None:
    """The bytes before the first table header of a regular file (all of a file without
    tables), or None when it cannot be read. A FIFO or a device is never waited on
    (``checked``: the directory entry said it is a regular file; a FIFO put in its
    place since then gives nothing, as it is opened without waiting)."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError:
        return None
    try:
        if not checked and not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, HEAD_BYTES)
        cut = data.find(b"\n[") + 1  # the usual top, quickly (see report_id_from_top)
        if cut and _WRITTEN_TOP.fullmatch(data, 0, cut):
            return data[:cut]
        while True:
            found = _FIRST_TABLE.search(data)
            if found:
                return data[: found.start()]
            more = os.read(fd, len(data)) if len(data) < MAX_HEAD_BYTES else b""
            if not more:
                return data
            data += more
    except OSError:
        return None
    finally:
        os.close(fd)


def top_data(top: bytes, path: str) -> dict[str, Any] | None:
    """The top-level keys of a report from its top, or None if they cannot be told
    (then the file is not indexed: reading it in full would fail too, or it is odd
    enough to be read in full by whoever needs it)."""
    if top.startswith(b"\xef\xbb\xbf"):
        top = top[3:]
    if not top.endswith(b"\n"):
        top += b"\n"
    plain = _PLAIN_TOP.fullmatch(top)
    if plain is not None and b"\\" not in top:
        data: dict[str, Any] = {}
        for line in _LINE.finditer(top):
            key, text, number = line.groups()
            name = key.decode()
            if name in data:  # written twice: a TOML error, let the full read say so
                return None
            try:
                data[name] = text.decode("utf-8") if text is not None else int(number)
            except UnicodeDecodeError:
                return None
        return data
    try:
        return fast_toml.loads(top.decode("utf-8"))
    except (ValueError, RecursionError):
        return _whole_file_data(path)


def _whole_file_data(path: str) -> dict[str, Any] | None:
    """A top that is not TOML on its own (cut inside a multi-line string): the whole file."""
    try:
        text, _ = decode(Path(path), read_bytes(Path(path)))
        return parse_toml(Path(path), text)
    except ReportFileError:
        return None


def report_id_from_top(path: str, top: bytes) -> ReportId | None:
    """Who and when a file is, from its top; None when that cannot be told from it."""
    written = _WRITTEN_TOP.fullmatch(top)  # nothing but comments, the keys and blank lines
    if written is not None:
        try:
            return ReportId(path, written.group(1).decode("utf-8"), int(written.group(2)))
        except UnicodeDecodeError:
            return None
    data = top_data(top, path)
    return None if data is None else report_id_of(path, data)


def report_id_of(path: str, data: dict[str, Any]) -> ReportId:
    """Agency and year as the reader takes them (``reading``): a non-text agency as its
    text, a year that is not an integer as no year."""
    agency = data.get("agency")
    year = data.get("year")
    return ReportId(
        path,
        agency if isinstance(agency, str) else "" if agency is None else str(agency),
        year if type(year) is int else None,
    )


def top_names_a_total(top: bytes, path: str) -> bool:
    """Does the top of a report set ``total_of`` (a total written by ``sum``: never a
    unit's report)? As the reader takes it: any value of the key makes a total."""
    if b"total_of" not in top:  # the usual report, at once
        return False
    data = top_data(top, path)
    return data is not None and "total_of" in data


def looks_like_report(top: bytes | None) -> bool:
    """Does the top of a file set ``format``, ``agency`` or ``year``? (An unreadable file
    counts as one: reading it will say what is wrong.)"""
    return top is None or bool(_REPORT_KEY.search(top))


def written_report_id(path: str) -> ReportId | None:
    """Who and when a file is when its top is exactly as tui-report writes it (one read of
    its first bytes, one pattern: what indexing a folder of thousands of files costs);
    None for any other top (or a file that cannot be read), to be read the general way.
    A file put in a regular file's place meanwhile is not waited on (see ``read_top``)."""
    try:
        fd = os.open(path, OPEN_FLAGS)
    except OSError:
        return None
    try:
        data = os.read(fd, HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    cut = data.find(b"\n[") + 1
    written = _WRITTEN_TOP.fullmatch(data, 0, cut) if cut else None
    if written is None:
        return None
    try:
        return ReportId(path, written.group(1).decode("utf-8"), int(written.group(2)))
    except UnicodeDecodeError:
        return None
