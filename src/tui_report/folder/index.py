"""Which file is whose report: reports keyed by agency and year, from the top of each file.

A report's ``format``, ``agency`` and ``year`` are top-level keys, and TOML puts every
top-level key before the first table, so the few hundred bytes before the first
``[table]`` line identify a report; nothing else of a file is read to index it. One pass
over a folder indexes it; last year's report of an agency is then a few dictionary
look-ups (the agency's name as written, and with a region prefix added or dropped), not
a comparison with every other report. Only the files found are parsed in full.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .listing import AGENCIES_FILE as AGENCIES_FILE  # where its users have found it
from .listing import (
    OPEN_FLAGS,
    FileEntry,
    Unreachable,
    distinct_entries,
    folder_entries,
    folder_files,
    refused_reason,
)
from .two_cores import shared_map

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
# Administrative prefixes a name may gain or lose between years (see ``same_agency``).
_PREFIX = re.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))")
_PREFIX_ENDS = frozenset("省市州盟县旗区")
MIN_NAME = 4  # a name shorter than this is not matched without its prefix
LOOKS_BEFORE_INDEXING = 8
_SPACE = re.compile(r"\s+")


class Identity(NamedTuple):
    """Who and when a report file is, as its top says (what ``read_report`` would read)."""

    path: str
    agency: str
    year: int | None


@lru_cache(maxsize=8192)  # a name is asked for again and again (each report of an agency)
def agency_key(name: str) -> str:
    """A name as compared: NFKC (full-width letters and digits as ASCII), no spaces."""
    if unicodedata.is_normalized("NFKC", name) and not _SPACE.search(name):
        return name  # the usual case, quickly
    return _SPACE.sub("", unicodedata.normalize("NFKC", name))


def prefix_splits(key: str) -> Iterator[int]:
    """Where a name splits into a region prefix and a name of its own (邢台市|巨鹿县…)."""
    for end in range(2, min(len(key) - MIN_NAME, 11) + 1):
        if key[end - 1] in _PREFIX_ENDS and _PREFIX.fullmatch(key[:end]):
            yield end


def same_agency(a: str, b: str) -> bool:
    """The same body, written the same or with a region prefix added or dropped
    (巨鹿县官亭镇人民政府 / 邢台市巨鹿县官亭镇人民政府)."""
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return (
        len(short) >= MIN_NAME
        and long.endswith(short)
        and bool(_PREFIX.fullmatch(long[: -len(short)]))
    )


# --- the top of a file ------------------------------------------------------------------


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
        cut = data.find(b"\n[") + 1  # the usual top, quickly (see identity_from_top)
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
    from ..storage import fast_toml

    try:
        return fast_toml.loads(top.decode("utf-8"))
    except (ValueError, RecursionError):
        return _whole_file_data(path)


_LINE = re.compile(rb'^[ \t]*(format|agency|year)[ \t]*=[ \t]*(?:"([^"\n]*)"|([0-9]+))', re.M)


def _whole_file_data(path: str) -> dict[str, Any] | None:
    """A top that is not TOML on its own (cut inside a multi-line string): the whole file."""
    from ..storage import ReportFileError
    from ..storage.reading import decode, parse_toml, read_bytes

    try:
        text, _ = decode(Path(path), read_bytes(Path(path)))
        return parse_toml(Path(path), text)
    except ReportFileError:
        return None


# The top exactly as tui-report writes it: comments, then the three keys, then blank lines.
_WRITTEN_TOP = re.compile(
    rb"(?:#[^\x00-\x08\x0a-\x1f\x7f]*\n)*"
    rb'format = "[0-9]+"\n'
    rb'agency = "([^"\\\x00-\x08\x0a-\x1f\x7f]*)"\n'
    rb"year = ([1-9][0-9]{0,8})\n\n*"
)


def identity_from_top(path: str, top: bytes) -> Identity | None:
    """Who and when a file is, from its top; None when that cannot be told from it."""
    written = _WRITTEN_TOP.fullmatch(top)  # nothing but comments, the keys and blank lines
    if written is not None:
        try:
            return Identity(path, written.group(1).decode("utf-8"), int(written.group(2)))
        except UnicodeDecodeError:
            return None
    data = top_data(top, path)
    return None if data is None else identity_of(path, data)


def identity_of(path: str, data: dict[str, Any]) -> Identity:
    """Agency and year as the reader takes them (``storage.reading``): a non-text agency
    as its text, a year that is not an integer as no year."""
    agency = data.get("agency")
    year = data.get("year")
    return Identity(
        path,
        agency if isinstance(agency, str) else "" if agency is None else str(agency),
        year if type(year) is int else None,
    )


def looks_like_report(top: bytes | None) -> bool:
    """Does the top of a file set ``format``, ``agency`` or ``year``? (An unreadable file
    counts as one: reading it will say what is wrong.)"""
    return top is None or bool(_REPORT_KEY.search(top))


# --- the index --------------------------------------------------------------------------


class ReportIndex:
    """Report files by year and agency (normalised: NFKC, no spaces). Names are
    normalised for a year when a report of that year is first looked for."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.folders: set[str] = set()  # folders whose every report has been indexed
        self._written: dict[int, list[tuple[str, str]]] = {}  # year → (agency, path)
        self._by_year: dict[int, dict[str, list[str]]] = {}  # built when first asked
        self._suffixes: dict[int, dict[str, list[str]]] = {}  # built when often asked
        self._asked: dict[int, int] = {}
        # other names of an agency (normalised), e.g. from agencies.toml; none by default
        self.aliases: Callable[[str], Iterable[str]] = _no_aliases

    def add(self, identity: Identity) -> None:
        path, agency, year = identity
        if path in self.paths:
            return
        self.paths.add(path)
        if year is not None:
            self._written.setdefault(year, []).append((agency, path))
            self._by_year.pop(year, None)
            self._suffixes.pop(year, None)

    def add_file(self, path: str, top: bytes | None = None) -> Identity | None:
        """Index a file by its top (read now unless given); its identity, or None."""
        if top is None:
            top = read_top(path)
        identity = identity_from_top(path, top) if top is not None else None
        if identity is not None:
            self.add(identity)
        return identity

    def add_folder(self, folder: Path) -> None:
        """Index the reports directly in ``folder`` (not in its subfolders), once."""
        name = str(folder)
        if name in self.folders:
            return
        self.folders.add(name)
        add = self.add
        paths = folder_reports(folder, self.paths)
        for path, written in zip(paths, shared_map(_written_key, paths), strict=True):
            identity = None if written is None else Identity(path, *written)
            if identity is None:  # not the usual top (read quickly above): the general way
                top = read_top(path, checked=True)
                identity = identity_from_top(path, top) if top is not None else None
            if identity is not None:
                add(identity)

    def dated(self) -> Iterator[Identity]:
        """Every report indexed with a year, as its top says."""
        for year, written in self._written.items():
            for agency, path in written:
                yield Identity(path, agency, year)

    def previous(self, agency: str, year: int | None, path: str = "") -> list[str]:
        """The files that may be last year's report of ``agency`` for ``year`` (in path
        order; the caller ranks them), never ``path`` itself."""
        if year is None:
            return []
        key = agency_key(agency)
        names = self._names(year - 1)
        if not key or not names:
            return []
        found: set[str] = set()
        for name in (key, *self.aliases(key)):
            found.update(names.get(name, ()))
            for end in prefix_splits(name):  # last year's name without this year's prefix
                found.update(names.get(name[end:], ()))
            found.update(self._with_a_prefix(year - 1, name))  # … or with one
        found.discard(path)
        return sorted(found)

    def _with_a_prefix(self, year: int, key: str) -> list[str]:
        """Files of ``year`` whose name is ``key`` with a region prefix: looked through
        for the first few questions, from an index of the names without their prefix
        once there are more (a whole folder's check)."""
        asked = self._asked[year] = self._asked.get(year, 0) + 1
        if asked <= LOOKS_BEFORE_INDEXING and year not in self._suffixes:
            found: list[str] = []
            if len(key) < MIN_NAME:
                return found
            names = self._names(year)
            for name in [name for name in names if name.endswith(key)]:
                if len(name) > len(key) and _PREFIX.fullmatch(name[: -len(key)]):
                    found += names[name]
            return found
        return self._suffix_index(year).get(key, [])

    def latest_year(self, agency: str) -> int | None:
        """The latest year with a report of ``agency`` (its name as written or varied)."""
        return max((y for y in self._written if self.previous(agency, y + 1)), default=None)

    def _names(self, year: int) -> dict[str, list[str]]:
        """Normalised names of ``year`` → files."""
        found = self._by_year.get(year)
        if found is None:
            found = {}
            is_normalized, space = unicodedata.is_normalized, _SPACE.search
            for agency, path in self._written.get(year, ()):
                # agency_key, with its usual case inline (thousands of names at a time)
                plain = is_normalized("NFKC", agency) and not space(agency)
                key = agency if plain else agency_key(agency)
                if key:
                    found.setdefault(key, []).append(path)
            self._by_year[year] = found
        return found

    def _suffix_index(self, year: int) -> dict[str, list[str]]:
        """Names of ``year`` without their region prefix → files."""
        found = self._suffixes.get(year)
        if found is None:
            found = {}
            for key, paths in self._names(year).items():
                for end in prefix_splits(key):
                    found.setdefault(key[end:], []).extend(paths)
            self._suffixes[year] = found
        return found


def _no_aliases(_key: str) -> tuple[str, ...]:
    return ()


def folder_reports(
    folder: Path, known: set[str] = frozenset(), unreachable: list[Unreachable] | None = None
) -> list[str]:
    """Each ``*.toml`` regular file directly in ``folder`` (not hidden; none of ``known``),
    each file once (see ``distinct_files``); what cannot be read goes to ``unreachable``.
    A folder or file that vanishes meanwhile is passed over."""
    return [p for p in distinct_entries(folder_entries(folder, unreachable)) if p not in known]


def _written_key(path: str) -> tuple[str, int] | None:
    """``written_identity`` without the path (what the other core sends back)."""
    identity = written_identity(path)
    return None if identity is None else (identity.agency, identity.year)  # type: ignore[return-value]


def written_identity(path: str) -> Identity | None:
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
        return Identity(path, written.group(1).decode("utf-8"), int(written.group(2)))
    except UnicodeDecodeError:
        return None


def walk_reports(
    folder: Path,
    skipped: list[Path] | None = None,
    index: ReportIndex | None = None,
    unreachable: list[Unreachable] | None = None,
) -> list[Path]:
    """Every file under ``folder`` that looks like a report (not in hidden folders such as
    .git or .venv), in path order, each file once (``distinct_files``); the others go to
    ``skipped``, and what cannot be read (a folder or file without permission, a link that
    leads nowhere) to ``unreachable``. Each folder is indexed on the way (``index``)."""
    said: list[Unreachable] | None = [] if unreachable is not None else None
    entries: list[FileEntry] = []
    identities: dict[str, Identity] = {}
    for entry in folder_files(folder, said, index):
        path = entry[0]
        top = read_top(path, checked=True)
        refused = refused_reason(path) if top is None and said is not None else None
        if refused is not None and said is not None:
            said.append(Unreachable(path, refused))
            continue
        if not looks_like_report(top):
            if skipped is not None:
                skipped.append(Path(path))
            continue
        entries.append(entry)
        if index is not None and top is not None:
            identity = identity_from_top(path, top)
            if identity is not None:
                identities[path] = identity
    walked = sorted(((Path(entry[0]), entry) for entry in entries), key=_parts_of_first)
    kept = set(distinct_entries([entry for _, entry in walked]))
    found = [path for path, entry in walked if entry[0] in kept]
    if index is not None:  # aliases left out: never offered as last year's report
        for path in found:
            identity = identities.get(str(path))
            if identity is not None:
                index.add(identity)
    if unreachable is not None and said:
        unreachable += sorted(said, key=lambda item: Path(item.path).parts)
    return found


def _parts_of_first(item: tuple[Path, FileEntry]) -> tuple[str, ...]:
    return item[0].parts  # as paths sort (part by part), each split once


def index_of(identities: Iterable[Identity]) -> ReportIndex:
    index = ReportIndex()
    for identity in identities:
        index.add(identity)
    return index
