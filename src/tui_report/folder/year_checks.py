"""Each checked report compared with last year's as the results of ``check`` stream in.

Results arrive from the workers in the files' order. A result is done (and can be told)
as soon as last year's report for it is at hand: at once when that file came earlier in
the order, as it does in the usual layouts (``…-2023.toml`` before ``…-2024.toml``,
``2023/`` before ``2024/``); otherwise it waits for it, and the results after it wait
too, so that the output keeps the files' order. Of the reports already done, only the
year facts that a report still to come may need are kept (who may need which is known
beforehand from the index of the files' tops), so memory stays flat however many
reports a folder holds.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..storage.tops import ReportId
from .index import ReportIndex
from .names import same_agency
from .year_facts import YearFacts, last_year_candidates
from .year_folders import PreviousPlaces


class YearChecked(Protocol):
    """A result of reading one file, as the year checks take it (``check``'s, ``sum``'s)."""

    path: str
    facts: YearFacts | None  # None: the file could not be read
    previous_not_found: bool  # set: looked for where it is kept, and not found
    total_of: int | None  # a total written by sum: no unit's report, not compared


Result = TypeVar("Result", bound=YearChecked)
# Told the result, last year's facts and the other candidates: adds the year problems.
AddYearProblems = Callable[[Result, YearFacts, list[YearFacts]], None]


class YearChecks(Generic[Result]):
    """Takes results in the files' order (``arrive``) and gives them back, in the same
    order, once each has been compared with last year's report (``places``: where last
    year's reports are looked for, indexing into ``index``; by default a new search)."""

    def __init__(
        self,
        paths: list[str],
        index: ReportIndex,
        previous: YearFacts | None,
        add_problems: AddYearProblems[Result],
        places: PreviousPlaces | None = None,
    ) -> None:
        self.index = index
        self.places = places if places is not None else PreviousPlaces(index)
        self.previous = previous  # given on the command line (--previous)
        self.used_previous = False
        self._add_problems = add_problems
        folders: dict[str, Path] = {}  # as written → the folder (a Path made once each)
        for path in paths:  # every file's folder, and files given by name elsewhere
            written = os.path.dirname(path)
            folder = folders.get(written)
            if folder is None:
                folder = folders[written] = Path(path).parent
                index.add_folder(folder)
            if path not in index.paths:
                index.add_file(path)
        self._to_come = set(paths)
        # Files whose agency and year the top did not tell: until each has been read,
        # any report may turn out to be its next year's (it is indexed once read).
        self._untold = {p for p in paths if p not in index.paths}
        checked = self._to_come
        self._may_take: dict[str, list[str]] = {}  # file → checked files it may compare with
        self._wanted: dict[str, int] = {}  # checked file → reports not done that may need it
        # last year's places of each file looked into (the folders beside, the
        # repository's tree) before anything is told, so that every report is compared
        # with what ``check FILE`` alone would take
        for identity in [i for i in index.dated() if i.path in checked]:
            found = [p for p in self.places.find(*identity) if p in checked]
            if found:
                self._may_take[identity.path] = found
                for path in found:
                    self._wanted[path] = self._wanted.get(path, 0) + 1
        self._known: dict[str, YearFacts] = {}  # facts kept for reports still to be done
        self._found: dict[str, list[str]] = {}  # last year's files of a report waiting
        self._waiting: deque[Result] = deque()

    def arrive(self, result: Result) -> Iterator[Result]:
        """Take one more result; give back every result now done, in order."""
        path, facts = result.path, result.facts
        self._to_come.discard(path)
        if facts is not None:
            if path in self._untold:
                identity = ReportId(path, facts.agency, facts.year)
                if result.total_of is not None:
                    self.index.add_total(identity)
                else:
                    self.index.add(identity)
            if path in self._wanted or path in self._untold:
                self._known[path] = facts
        self._untold.discard(path)
        self._waiting.append(result)
        while self._waiting and self._ready(self._waiting[0]):
            done = self._waiting.popleft()
            self._compare(done)
            yield done

    def _ready(self, result: Result) -> bool:
        facts = result.facts
        if facts is None or facts.year is None or result.total_of is not None:
            return True
        if self._is_previous(facts):
            return True
        if self._untold:
            return False
        found = self._found.get(result.path)
        if found is None:
            found = self._found[result.path] = self.places.find(
                facts.path, facts.agency, facts.year
            )
        return not any(path in self._to_come for path in found)

    def _is_previous(self, facts: YearFacts) -> bool:
        last = self.previous
        return (
            last is not None
            and last.year == (facts.year or 0) - 1
            and last.path != facts.path
            and same_agency(last.agency, facts.agency)
        )

    def _compare(self, result: Result) -> None:
        facts = result.facts
        if facts is not None and facts.year is not None and result.total_of is None:
            if self.previous is not None and self._is_previous(facts):
                self.used_previous = True
                self._add_problems(result, self.previous, [])
            else:
                paths = self._found.pop(result.path, None)
                if paths is None:
                    paths = self.places.find(facts.path, facts.agency, facts.year)
                found = last_year_candidates(facts, self.index, self._known, paths=paths)
                if found:
                    self._add_problems(result, found[0], found[1:])
                else:
                    result.previous_not_found = True  # said: the year checks did not run
        for path in self._may_take.pop(result.path, ()):
            left = self._wanted[path] - 1
            if left:
                self._wanted[path] = left
            else:
                del self._wanted[path]
                self._known.pop(path, None)
        if result.path not in self._wanted:
            self._known.pop(result.path, None)
