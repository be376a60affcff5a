"""Where last year's report of a file is kept, as people keep them.

Looked for nearest first, each place indexed once by the tops of its files
(``index``) and only when the nearer places had nothing:

1. the file's own folder (``x-2024.toml`` beside ``x-2025.toml``);
2. the folders beside it named for last year (``../2024/``, ``../2024年/``,
   ``../reports-2024/`` beside ``2025/``);
3. the whole tree of the repository the file is in: the folder of the ``agencies.toml``
   that applies to it, then the top of its git repository (outside git: the file's
   folder, and the folder above a year folder) — bounded in depth, folders and files,
   so that a repository holding a home directory costs a moment, not minutes.

What is found is the same whichever way a file is checked (``check FILE``, ``check DIR``,
the editor): of the files that may be last year's, those of the nearest place are taken.
Paths are written as the file's path is (relative to the working folder when it is
relative), so that messages name them the way the user does.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from .agencies import agencies_file_for, planted_above
from .index import ReportIndex

MAX_TREE_DEPTH = 6  # folders below a repository's top that are looked into
MAX_TREE_FOLDERS = 4_000
MAX_TREE_FILES = 20_000  # report files indexed from one repository's tree

# how near a place is to the file (the nearest place with a candidate wins)
SAME_FOLDER, YEAR_FOLDER, ELSEWHERE = 0, 1, 2


_ANY_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")  # a folder named for a year


def names_year(name: str, year: int) -> bool:
    """Does a folder's name carry ``year`` (2024, 2024年, reports-2024; not 20245)?"""
    return re.search(rf"(?<![0-9]){year}(?![0-9])", name) is not None


class PreviousPlaces:
    """Looks for last year's report of files, indexing the places of ``year_folders`` into
    ``index`` as they are needed (each once)."""

    def __init__(self, index: ReportIndex) -> None:
        self.index = index
        self._year_folders_done: set[tuple[str, int]] = set()
        self._trees_done: set[str] = set()
        self._roots_of: dict[str, list[Path]] = {}  # a folder → its repository_roots
        self._folders: dict[str, Path] = {}  # a file's folder as written → as a Path

    def find(self, path: str, agency: str, year: int | None) -> list[str]:
        """The files that may be last year's report of the file ``path`` (its agency and
        year), all from the nearest place that has any; [] when none is found."""
        if year is None:
            return []
        written = os.path.dirname(path)
        folder = self._folder_of(written)
        self.index.add_folder(folder)
        found = self._nearest(path, written, agency, year)
        if found and found[0] == SAME_FOLDER:
            return found[1]
        known = len(self.index.paths)
        for sibling in self._year_folders(folder, year - 1):
            self.index.add_folder(sibling)
        if len(self.index.paths) != known:  # (nothing new: nothing new to find)
            known = len(self.index.paths)
            found = self._nearest(path, written, agency, year)
        if found and found[0] <= YEAR_FOLDER:
            return found[1]
        for root in self._roots(folder):
            key = os.path.abspath(root)
            if key not in self._trees_done:
                self._trees_done.add(key)
                index_tree(root, self.index)
            if len(self.index.paths) != known:
                known = len(self.index.paths)
                found = self._nearest(path, written, agency, year)
            if found:
                return found[1]
        return found[1] if found else []  # given by name elsewhere (check A B)

    def _nearest(
        self, path: str, written: str, agency: str, year: int
    ) -> tuple[int, list[str]] | None:
        """The candidates the index knows, of the nearest place, with how near it is
        (``written``: the folder of ``path`` as written)."""
        candidates = self.index.previous(agency, year, path)
        if not candidates:
            return None
        beside = [c for c in candidates if os.path.dirname(c) == written]
        if beside:  # the usual case, quickly: the same folder, written the same way
            return SAME_FOLDER, beside
        here = os.path.abspath(written or ".")
        by_place: dict[int, list[str]] = {}
        for candidate in candidates:
            by_place.setdefault(_nearness(here, candidate, year - 1), []).append(candidate)
        nearest = min(by_place)
        return nearest, by_place[nearest]

    def _folder_of(self, written: str) -> Path:
        folder = self._folders.get(written)
        if folder is None:
            folder = self._folders[written] = Path(written or ".")
        return folder

    def _roots(self, folder: Path) -> list[Path]:
        key = str(folder)
        roots = self._roots_of.get(key)
        if roots is None:
            roots = self._roots_of[key] = repository_roots(folder)
        return roots

    def _year_folders(self, folder: Path, year: int) -> list[Path]:
        key = (str(folder), year)
        if key in self._year_folders_done:
            return []
        self._year_folders_done.add(key)
        return year_folders_beside(folder, year)


def _nearness(here: str, candidate: str, year: int) -> int:
    """How near ``candidate`` (a file) is to the folder ``here`` (absolute)."""
    there = os.path.abspath(os.path.dirname(candidate) or ".")
    if there == here:
        return SAME_FOLDER
    if os.path.dirname(there) == os.path.dirname(here) and names_year(
        os.path.basename(there), year
    ):
        return YEAR_FOLDER
    return ELSEWHERE


def year_folders_beside(folder: Path, year: int) -> list[Path]:
    """The folders beside ``folder`` whose name carries ``year`` (not hidden), written as
    ``folder`` is written."""
    here = os.path.abspath(folder)
    parent = os.path.dirname(here)
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return []
    found = []
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.startswith(".") or not names_year(entry.name, year):
            continue
        place = os.path.join(parent, entry.name)
        if place == here:
            continue
        try:
            if not entry.is_dir():
                continue
        except OSError:
            continue
        found.append(_written_like(folder, place))
    return found


def repository_roots(folder: Path) -> list[Path]:
    """The tops whose trees may hold last year's report of a file in ``folder``: the
    folder of the ``agencies.toml`` that applies to it (``agencies.agencies_file_for``: in
    a git repository the nearest above, else only ``folder``'s own), then the top of its
    git repository; outside git, ``folder`` itself and, when it is named for a year
    (``county/2025/``), the folder that holds it (``county/``), so that ``check FILE``
    finds what ``check county/`` finds (``county/2024/乡镇/x.toml``). Each once, written
    as ``folder`` is."""
    here = os.path.abspath(folder)
    names = agencies_file_for(Path(here))
    git_top = next((p for p in _up_from(here) if _repository_top(p, here)), None)
    roots = [p for p in (str(names.parent) if names else None, git_top) if p is not None]
    if git_top is None:  # what ``check`` of the folder (of the year folders) looks through
        roots.append(here)
        if _ANY_YEAR.search(os.path.basename(here)):
            roots.append(os.path.dirname(here))
    return [_written_like(folder, p) for p in dict.fromkeys(roots)]


def _repository_top(place: str, here: str) -> bool:
    """Whether ``place`` holds a ``.git`` to be taken: above ``here``, not one another
    user may have put there (``agencies.planted_above``)."""
    git = os.path.join(place, ".git")
    if not os.path.lexists(git):
        return False
    return place == here or not planted_above(Path(git), f"不把 {place} 当作 git 仓库的顶层")


def _up_from(place: str) -> Iterator[str]:
    while True:
        yield place
        parent = os.path.dirname(place)
        if parent == place:
            return
        place = parent


def _written_like(folder: Path, place: str) -> Path:
    """``place`` (absolute) relative to the working folder when ``folder`` is written so."""
    if os.path.isabs(folder):
        return Path(place)
    try:
        return Path(os.path.relpath(place))
    except (OSError, ValueError):  # the working folder is gone
        return Path(place)


def index_tree(root: Path, index: ReportIndex) -> None:
    """Index the reports under ``root`` (not in hidden folders), folder by folder, up to
    ``MAX_TREE_DEPTH`` folders down, ``MAX_TREE_FOLDERS`` folders and ``MAX_TREE_FILES``
    files; folders indexed before are not read again. Links to folders are not followed,
    and only regular files are read (``ReportIndex.add_folder``)."""
    start = len(index.paths)
    for folders, (parent, subfolders, _names) in enumerate(os.walk(root), start=1):
        below = os.path.relpath(parent, root)
        depth = 0 if below == os.curdir else below.count(os.sep) + 1
        if depth >= MAX_TREE_DEPTH:
            subfolders[:] = []
        else:
            subfolders[:] = sorted(f for f in subfolders if not f.startswith("."))
        index.add_folder(Path(parent))
        if folders >= MAX_TREE_FOLDERS or len(index.paths) - start >= MAX_TREE_FILES:
            return
