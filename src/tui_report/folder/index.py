"""Which file is whose report: reports keyed by agency and year, from the top of each file.

One pass over a folder indexes it by the tops of its files (``storage.tops``: nothing
else of a file is read); last year's report of an agency is then a few dictionary
look-ups (the agency's name as written, and with a region prefix added or dropped), not
a comparison with every other report. Only the files found are parsed in full.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Set
from pathlib import Path

from ..storage.tops import (
    ReportId,
    looks_like_report,
    read_top,
    report_id_from_top,
    top_names_a_total,
)
from .listing import (
    FileEntry,
    Unreachable,
    distinct_entries,
    folder_entries,
    folder_files,
    refused_reason,
)
from .names import MIN_NAME, SPACE, agency_key, prefix_splits, with_a_prefix

LOOKS_BEFORE_INDEXING = 8


# --- the index --------------------------------------------------------------------------


class ReportIndex:
    """Report files by year and agency (normalised: NFKC, no spaces). Names are
    normalised for a year when a report of that year is first looked for.

    A total written by ``sum`` (its top sets ``total_of``) is known (``totals``) but is
    no unit's report: never last year's report of one, never a second report of its
    agency and year, never a report missing from a year's total."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.totals: set[str] = set()  # files that are totals written by sum
        self.folders: set[str] = set()  # folders whose every report has been indexed
        self._written: dict[int, list[tuple[str, str]]] = {}  # year → (agency, path)
        self._by_year: dict[int, dict[str, list[str]]] = {}  # built when first asked
        self._suffixes: dict[int, dict[str, list[str]]] = {}  # built when often asked
        self._asked: dict[int, int] = {}
        # other names of an agency (normalised), e.g. from agencies.toml; none by default
        self.aliases: Callable[[str], Iterable[str]] = _no_aliases

    def add(self, identity: ReportId) -> None:
        path, agency, year = identity
        if path in self.paths:
            return
        # one string of each path and name however often they come (results from the
        # worker processes bring copies: ``check`` interns them too)
        path, agency = sys.intern(path), sys.intern(agency)
        self.paths.add(path)
        if year is not None:
            self._written.setdefault(year, []).append((agency, path))
            self._by_year.pop(year, None)
            self._suffixes.pop(year, None)

    def add_total(self, identity: ReportId) -> None:
        """A total written by ``sum``: known, and kept out of what the index finds."""
        self.paths.add(identity.path)
        self.totals.add(identity.path)

    def add_top(self, path: str, top: bytes | None) -> ReportId | None:
        """Index a file by its top (None: it could not be read); its identity, or None."""
        identity = report_id_from_top(path, top) if top is not None else None
        if identity is not None and top is not None and identity.path not in self.paths:
            if top_names_a_total(top, path):
                self.add_total(identity)
            else:
                self.add(identity)
        return identity

    def add_file(self, path: str, top: bytes | None = None) -> ReportId | None:
        """Index a file by its top (read now unless given); its identity, or None."""
        return self.add_top(path, read_top(path) if top is None else top)

    def add_folder(self, folder: Path) -> None:
        """Index the reports directly in ``folder`` (not in its subfolders), once."""
        name = str(folder)
        if name in self.folders:
            return
        self.folders.add(name)
        for path in folder_reports(folder, self.paths):
            self.add_top(path, read_top(path, checked=True))

    def dated(self) -> Iterator[ReportId]:
        """Every report indexed with a year, as its top says."""
        for year, written in self._written.items():
            for agency, path in written:
                yield ReportId(path, agency, year)

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
                if with_a_prefix(name, key):
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
            is_normalized, space = unicodedata.is_normalized, SPACE.search
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
    folder: Path,
    known: Set[str] = frozenset(),
    unreachable: list[Unreachable] | None = None,
) -> list[str]:
    """Each ``*.toml`` regular file directly in ``folder`` (not hidden; none of ``known``),
    each file once (see ``distinct_files``); what cannot be read goes to ``unreachable``.
    A folder or file that vanishes meanwhile is passed over."""
    return [p for p in distinct_entries(folder_entries(folder, unreachable)) if p not in known]


def walk_reports(
    folder: Path,
    skipped: list[Path] | None = None,
    index: ReportIndex | None = None,
    unreachable: list[Unreachable] | None = None,
) -> list[Path]:
    """Every file under ``folder`` that looks like a report, as ``walk_report_paths``
    finds them, as paths."""
    return [Path(p) for p in walk_report_paths(folder, skipped, index, unreachable)]


def walk_report_paths(
    folder: Path,
    skipped: list[Path] | None = None,
    index: ReportIndex | None = None,
    unreachable: list[Unreachable] | None = None,
) -> list[str]:
    """Every file under ``folder`` that looks like a report (not in hidden folders such as
    .git or .venv), in path order, each file once (``distinct_files``), written as
    ``str(Path(…))`` writes it (one string each, shared with ``index``); the others go to
    ``skipped``, and what cannot be read (a folder or file without permission, a link that
    leads nowhere) to ``unreachable``. Each folder is indexed on the way (``index``).
    No ``Path`` is kept per file: with 50,000 reports they would be most of the memory."""
    said: list[Unreachable] | None = [] if unreachable is not None else None
    entries: list[FileEntry] = []
    identities: dict[str, ReportId] = {}
    totals: set[str] = set()
    folders: set[str] = set()  # the folders with reports
    for entry in folder_files(folder, said, None if index is None else index.folders):
        path = entry[0]
        if len(folders) < 2:
            folders.add(os.path.dirname(path))
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
            identity = report_id_from_top(path, top)
            if identity is not None:
                identities[path] = identity
                if top_names_a_total(top, path):
                    totals.add(path)
    if len(folders) < 2:  # one folder: its paths sort as their names (no key to make)
        entries.sort()  # (by path: no two entries have the same)
    else:
        entries.sort(key=_path_order)
    kept = set(distinct_entries(entries))
    found = [_as_path_writes(entry[0]) for entry in entries if entry[0] in kept]
    del kept, entries
    if index is not None:  # aliases left out: never offered as last year's report
        for i, kept_path in enumerate(found):
            identity = identities.get(kept_path)
            if identity is None:
                continue
            if identity.path in totals:
                index.add_total(identity)
            else:
                index.add(identity)
            if identity.path == kept_path:
                found[i] = sys.intern(kept_path)  # the index's string: one copy of each
    if unreachable is not None and said:
        unreachable += sorted(said, key=lambda item: Path(item.path).parts)
    return found


def _as_path_writes(path: str) -> str:
    """``path`` as ``str(Path(path))`` writes it (the same string when it is so already)."""
    written = str(Path(path))
    return path if written == path else written


def _path_order(entry: FileEntry) -> str:
    """A key that sorts paths as ``Path`` objects sort (part by part): its parts joined by
    a character lower than any in a name."""
    return _as_path_writes(entry[0]).replace(os.sep, "\0")


def index_of(identities: Iterable[ReportId]) -> ReportIndex:
    index = ReportIndex()
    for identity in identities:
        index.add(identity)
    return index
