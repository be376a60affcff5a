"""Which file is whose report: reports keyed by agency and year, from the top of each file.

One pass over a folder indexes it by the tops of its files (``storage.tops``: nothing
else of a file is read); last year's report of an agency is then a few dictionary
look-ups (the agency's name as written, and with a region prefix added or dropped), not
a comparison with every other report. Only the files found are parsed in full.
"""

from __future__ import annotations

import os
import unicodedata
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from heapq import merge
from itertools import pairwise
from pathlib import Path
from typing import overload

from ..storage.tops import (
    ReportId,
    looks_like_report,
    read_top,
    report_id_from_top,
    top_names_a_total,
)
from .compact import KeyFiles, PathTable, StringTable, Years
from .listing import (
    Unreachable,
    distinct_entries,
    distinct_files,
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

    Held compactly (``compact``): each path and agency name as UTF-8 bytes in a table,
    a report as numbers in arrays (~0.1 KB each, not ~0.5 KB as strings, tuples and
    sets); a ``str`` is made when one is asked for.

    A total written by ``sum`` (its top sets ``total_of``) is known (``totals``) but is
    no unit's report: never last year's report of one, never a second report of its
    agency and year, never a report missing from a year's total."""

    def __init__(self) -> None:
        self.files = PathTable()  # every file numbered here, a report or not
        self._agencies = StringTable()  # agency names, and their normalised keys
        self._agency = array("i")  # file → its agency's number (-1: none known)
        self._year = Years()  # file → its year
        self._kind = bytearray()  # file → _LISTED, _REPORT or _TOTAL
        self._reports = 0  # files with _REPORT or _TOTAL
        self.paths = _IndexedPaths(self)  # the files indexed (as a set of str)
        self.totals: set[str] = set()  # files that are totals written by sum (few)
        self.folders: set[str] = set()  # folders whose every report has been indexed
        self._written: dict[int, array[int]] = {}  # year → its reports (files)
        self._by_year: dict[int, KeyFiles] = {}  # built when first asked
        self._suffixes: dict[int, KeyFiles] = {}  # built when often asked
        self._asked: dict[int, int] = {}
        # other names of an agency (normalised), e.g. from agencies.toml; none by default
        self.aliases: Callable[[str], Iterable[str]] = _no_aliases

    # --- files by number ----------------------------------------------------------------

    def number(self, path: str) -> int:
        """The number of the file ``path`` (numbered now if new: not indexed by that)."""
        number = self.files.number(path)
        if number == len(self._kind):
            self._agency.append(-1)
            self._year.append(None)
            self._kind.append(_LISTED)
        return number

    def path(self, number: int) -> str:
        return self.files[number]

    def name_number(self, name: str) -> int:
        """The number of an agency's name (or key) in the index's table of names, which
        keeps each once however many reports and lists use it."""
        return self._agencies.number(name)

    def name(self, number: int) -> str:
        return self._agencies[number]

    def find_name(self, name: str) -> int | None:
        """The number of ``name`` in the table of names, or None where it is not there."""
        return self._agencies.find(name)

    def year_of(self, number: int) -> int | None:
        """The year of the file ``number`` as indexed (None: none known)."""
        return self._year[number]

    def is_indexed(self, number: int) -> bool:
        """Whether the file ``number`` is indexed (a report, or a total)."""
        return self._kind[number] != _LISTED

    def dated_year(self, path: str) -> int | None:
        """The year of ``path`` if it is indexed as a report of a year, else None."""
        number = self.files.find(path)
        if number is None or self._kind[number] != _REPORT:
            return None
        return self._year[number]

    def has(self, path: str) -> bool:
        """Whether ``path`` is indexed (a report, or a total)."""
        number = self.files.find(path)
        return number is not None and self._kind[number] != _LISTED

    def identity(self, number: int) -> ReportId:
        """Who and when the file ``number`` is, as indexed."""
        agency = self._agency[number]
        return ReportId(
            self.files[number], self._agencies[agency] if agency >= 0 else "", self._year[number]
        )

    def add(self, identity: ReportId) -> None:
        path, agency, year = identity
        number = self.number(path)
        if self._kind[number] == _LISTED:
            self._add_report(number, self._agencies.number(agency), year)

    def _add_report(self, number: int, agency: int, year: int | None) -> None:
        self._kind[number] = _REPORT
        self._reports += 1
        self._agency[number] = agency
        if year is not None:
            self._year[number] = year
            written = self._written.get(year)
            if written is None:
                written = self._written[year] = array("I")
            written.append(number)
            self._by_year.pop(year, None)
            self._suffixes.pop(year, None)

    def add_number(self, number: int, agency: int, year: int | None, kind: int) -> None:
        """Index the file ``number`` as listed and read (``walk_report_paths``): its
        agency's number in this index, its year, a report or a total."""
        if self._kind[number] != _LISTED:
            return
        if kind == _TOTAL:
            self._add_total(number, agency, year)
        elif kind == _REPORT:
            self._add_report(number, agency, year)

    def add_total(self, identity: ReportId) -> None:
        """A total written by ``sum``: known, and kept out of what the index finds."""
        path, agency, year = identity
        number = self.number(path)
        if self._kind[number] == _LISTED:
            self._add_total(number, self._agencies.number(agency), year)

    def _add_total(self, number: int, agency: int, year: int | None) -> None:
        self._kind[number] = _TOTAL
        self._reports += 1
        self._agency[number] = agency
        self._year[number] = year
        self.totals.add(self.files[number])

    def add_top(self, path: str, top: bytes | None, number: int | None = None) -> ReportId | None:
        """Index a file by its top (None: it could not be read); its identity, or None.
        ``number``: the file's, where the caller has it already."""
        identity = report_id_from_top(path, top) if top is not None else None
        if identity is not None and top is not None:
            self._add_read(self.number(path) if number is None else number, identity, top)
        return identity

    def _add_read(self, number: int, identity: ReportId, top: bytes) -> None:
        """Index the file ``number`` by its identity and top, unless it is indexed (one
        look-up of its path per file: a folder of 10,000 is indexed for one ``check``)."""
        if self._kind[number] == _LISTED:  # (its agency's name not kept otherwise)
            kind = _TOTAL if top_names_a_total(top, identity.path) else _REPORT
            self.add_number(number, self._agencies.number(identity.agency), identity.year, kind)

    def add_file(self, path: str, top: bytes | None = None) -> ReportId | None:
        """Index a file by its top (read now unless given); its identity, or None."""
        return self.add_top(path, read_top(path) if top is None else top)

    def add_folder(self, folder: Path) -> None:
        """Index the reports directly in ``folder`` (not in its subfolders), once."""
        name = str(folder)
        if name in self.folders:
            return
        self.folders.add(name)
        kinds = self._kind
        for path in folder_reports(folder):
            number = self.number(path)
            if kinds[number] != _LISTED:
                continue  # indexed already: not read again
            self.add_top(path, read_top(path, checked=True), number)

    def dated(self) -> Iterator[ReportId]:
        """Every report indexed with a year, as its top says (those indexed when asked)."""
        for number in self.dated_numbers():
            yield self.identity(number)

    def dated_numbers(self) -> Iterator[int]:
        """The numbers of the reports ``dated`` gives, in its order."""
        for written in [w[:] for w in self._written.values()]:
            yield from written

    def previous(self, agency: str, year: int | None, path: str = "") -> list[str]:
        """The files that may be last year's report of ``agency`` for ``year`` (in path
        order; the caller ranks them), never ``path`` itself."""
        if year is None:
            return []
        key = agency_key(agency)
        names = self._names(year - 1)
        if not key or not names:
            return []
        found: set[int] = set()
        for name in (key, *self.aliases(key)):
            found.update(names.get(name))
            for end in prefix_splits(name):  # last year's name without this year's prefix
                found.update(names.get(name[end:]))
            found.update(self._with_a_prefix(year - 1, name))  # … or with one
        paths = {self.files[number] for number in found}
        paths.discard(path)
        return sorted(paths)

    def _with_a_prefix(self, year: int, key: str) -> Iterable[int]:
        """Files of ``year`` whose name is ``key`` with a region prefix: looked through
        for the first few questions, from an index of the names without their prefix
        once there are more (a whole folder's check)."""
        asked = self._asked[year] = self._asked.get(year, 0) + 1
        if asked <= LOOKS_BEFORE_INDEXING and year not in self._suffixes:
            found: list[int] = []
            if len(key) < MIN_NAME:
                return found
            names = self._names(year)
            for number, name in names.distinct():
                if name.endswith(key) and with_a_prefix(name, key):
                    found += names.files_of(number)
            return found
        return self._suffix_index(year).get(key)

    def latest_year(self, agency: str) -> int | None:
        """The latest year with a report of ``agency`` (its name as written or varied)."""
        return max((y for y in self._written if self.previous(agency, y + 1)), default=None)

    def _names(self, year: int) -> KeyFiles:
        """Normalised names of ``year`` → files."""
        found = self._by_year.get(year)
        if found is None:
            is_normalized, space = unicodedata.is_normalized, SPACE.search
            agencies, numbers = self._agencies, self._agency
            keys = array("I")
            written = self._written.get(year, array("I"))
            files = array("I")
            plain: dict[int, int] = {}  # agency → its key, each agency's name once
            for file in written:
                agency = numbers[file]
                key = plain.get(agency)
                if key is None:
                    name = agencies[agency]
                    # agency_key, with its usual case inline (thousands of names at a time)
                    if is_normalized("NFKC", name) and not space(name):
                        key = agency
                    else:
                        normal = agency_key(name)
                        key = agencies.number(normal) if normal else -1
                    if not name:
                        key = -1
                    if key != agency:  # (a plain name is told again: no entry each)
                        plain[agency] = key
                if key >= 0:
                    keys.append(key)
                    files.append(file)
            found = self._by_year[year] = KeyFiles(agencies, keys, files)
        return found

    def _suffix_index(self, year: int) -> KeyFiles:
        """Names of ``year`` without their region prefix → files."""
        found = self._suffixes.get(year)
        if found is None:
            agencies = self._agencies
            keys, files = array("I"), array("I")
            for number, key in self._names(year).distinct():
                splits = list(prefix_splits(key))
                if not splits:
                    continue
                these = self._names(year).files_of(number)
                for end in splits:
                    suffix = agencies.number(key[end:])
                    for file in these:
                        keys.append(suffix)
                        files.append(file)
            found = self._suffixes[year] = KeyFiles(agencies, keys, files)
        return found


_LISTED, _REPORT, _TOTAL = 0, 1, 2


class _IndexedPaths(Set[str]):
    """The paths an index holds reports of (and totals), as a read-only set."""

    def __init__(self, index: ReportIndex) -> None:
        self._index = index

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self._index.has(path)

    def __len__(self) -> int:
        return self._index._reports

    def __iter__(self) -> Iterator[str]:
        index = self._index
        for number, kind in enumerate(index._kind[:]):
            if kind != _LISTED:
                yield index.files[number]


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


class ReportPaths(Sequence[str]):
    """Paths of files numbered in an index (``ReportIndex.number``), in an order: the
    numbers in an array, a ``str`` made for each path asked for (a slice: a list)."""

    def __init__(self, index: ReportIndex, numbers: Iterable[int] = ()) -> None:
        self.indexed = index
        self.numbers = array("I", numbers)

    def __len__(self) -> int:
        return len(self.numbers)

    @overload
    def __getitem__(self, at: int) -> str: ...

    @overload
    def __getitem__(self, at: slice) -> list[str]: ...

    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            files = self.indexed.files
            return [files[number] for number in self.numbers[at]]
        return self.indexed.files[self.numbers[at]]

    def __iter__(self) -> Iterator[str]:
        files = self.indexed.files
        for number in self.numbers:
            yield files[number]

    def append(self, path: str) -> None:
        self.numbers.append(self.indexed.number(path))

    def extend(self, paths: ReportPaths) -> None:
        assert paths.indexed is self.indexed
        self.numbers.extend(paths.numbers)


def walk_report_paths(
    folder: Path,
    skipped: list[Path] | None = None,
    index: ReportIndex | None = None,
    unreachable: list[Unreachable] | None = None,
) -> ReportPaths:
    """Every file under ``folder`` that looks like a report (not in hidden folders such as
    .git or .venv), in path order, each file once (``distinct_files``), written as
    ``str(Path(…))`` writes it; the others go to ``skipped``, and what cannot be read (a
    folder or file without permission, a link that leads nowhere) to ``unreachable``.
    Each folder is indexed on the way (``index``). The files are listed and their tops
    read one at a time, and kept as numbers of the index (``ReportPaths``): no string,
    ``Path`` or tuple is kept per file (with 50,000 reports they would be most of the
    memory)."""
    said: list[Unreachable] | None = [] if unreachable is not None else None
    numbering = index if index is not None else ReportIndex()
    listed = array("I")  # the files that look like reports, as listed: their numbers
    agencies, years = array("i"), Years()  # … as their tops say (-1, None: not told)
    kinds = bytearray()  # … _REPORT, _TOTAL or _LISTED (not told)
    inodes = array("Q")  # of those that are no links
    folders: set[str] = set()  # the folders with reports (two are enough to know)
    for path, link, inode in folder_files(folder, said, numbering.folders):
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
        listed.append(numbering.number(path))  # (as ``Path`` writes it: ``folder_files``)
        if not link:
            inodes.append(inode)
        kind, agency, year = _LISTED, -1, None
        if index is not None and top is not None:
            identity = report_id_from_top(path, top)
            if identity is not None:
                kind = _TOTAL if top_names_a_total(top, path) else _REPORT
                agency = numbering._agencies.number(identity.agency)
                year = identity.year
        kinds.append(kind)
        agencies.append(agency)
        years.append(year)
    order = _path_order(numbering.files, listed, several_folders=len(folders) > 1)
    found = ReportPaths(numbering, (listed[i] for i in order))
    if len(inodes) != len(listed) or not _all_different(inodes):
        kept = set(distinct_files(list(found)))  # a link, or a file with two names
        found = ReportPaths(numbering, (n for n in found.numbers if numbering.path(n) in kept))
        kept_numbers = set(found.numbers)
        order = array("I", (i for i in order if listed[i] in kept_numbers))
    if index is not None:  # aliases left out: never offered as last year's report
        for i in order:
            if kinds[i] != _LISTED:
                index.add_number(listed[i], agencies[i], years[i], kinds[i])
    if unreachable is not None and said:
        unreachable += sorted(said, key=lambda item: Path(item.path).parts)
    return found


def _all_different(numbers: array[int]) -> bool:
    ordered = sorted(numbers)
    return all(a != b for a, b in pairwise(ordered))


SORTED_TOGETHER = 4096  # files whose keys are made at once to sort them


def _path_order(files: PathTable, numbers: array[int], several_folders: bool) -> array[int]:
    """The positions of ``numbers`` in the order their paths sort as ``Path`` objects sort
    (part by part): in one folder, as their names (UTF-8 sorts as the text does); in
    several, as the paths with their parts joined by a byte lower than any in a name.
    Sorted a few thousand at a time and merged: the keys of all the files never exist
    at once (with 50,000 files they would leave their memory in pieces)."""

    def key(position: int) -> bytes:
        number = numbers[position]
        if not several_folders:
            return files.raw_name(number)
        return files[number].replace(os.sep, "\0").encode("utf-8", "surrogatepass")

    runs = [
        array("I", sorted(range(start, min(start + SORTED_TOGETHER, len(numbers))), key=key))
        for start in range(0, len(numbers), SORTED_TOGETHER)
    ]
    if len(runs) < 2:
        return runs[0] if runs else array("I")
    return array("I", merge(*runs, key=key))


def index_of(identities: Iterable[ReportId]) -> ReportIndex:
    index = ReportIndex()
    for identity in identities:
        index.add(identity)
    return index
