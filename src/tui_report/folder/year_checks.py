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
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..storage.tops import ReportId
from .index import ReportIndex, ReportPaths
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
        paths: Sequence[str],
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
        # the files checked, by their numbers in the index: flags, counts (no set of
        # paths, no dict entry per report)
        if isinstance(paths, ReportPaths) and paths.indexed is index:
            numbers = paths.numbers
        else:
            numbers = array("I", (index.number(p) for p in paths))
        self._to_come = bytearray(len(index.files))
        for number in numbers:
            self._to_come[number] = 1
        # Files whose agency and year the top did not tell: until each has been read,
        # any report may turn out to be its next year's (it is indexed once read).
        self._untold = {n for n in numbers if not index.is_indexed(n)}
        checked = bytes(self._to_come)
        # file → checked files it may compare with: the first, any others
        self._may_take = array("i", [-1]) * len(checked)
        self._may_take_more: dict[int, list[int]] = {}
        self._wanted = array("I", [0]) * len(checked)  # reports not done that may need it
        # last year's places of each file looked into (the folders beside, the
        # repository's tree) before anything is told, so that every report is compared
        # with what ``check FILE`` alone would take
        for number in array(
            "I", (n for n in index.dated_numbers() if n < len(checked) and checked[n])
        ):
            found = self._checked_numbers(self.places.find(*index.identity(number)), checked)
            if found:
                self._may_take[number] = found[0]
                if len(found) > 1:
                    self._may_take_more[number] = found[1:]
                for other in found:
                    self._wanted[other] += 1
        self._known: dict[str, YearFacts] = {}  # facts kept for reports still to be done
        self._found: dict[str, list[str]] = {}  # last year's files of a report waiting
        self._waiting: deque[Result] = deque()

    def _checked_numbers(self, paths: list[str], checked: bytes) -> list[int]:
        found = []
        for path in paths:
            number = self.index.files.find(path)
            if number is not None and number < len(checked) and checked[number]:
                found.append(number)
        return found

    def _number(self, path: str) -> int:
        """The number of a checked file (every one was numbered beforehand)."""
        number = self.index.files.find(path)
        return -1 if number is None or number >= len(self._to_come) else number

    def _coming(self, path: str) -> bool:
        number = self._number(path)
        return number >= 0 and bool(self._to_come[number])

    def arrive(self, result: Result) -> Iterator[Result]:
        """Take one more result; give back every result now done, in order."""
        path, facts = result.path, result.facts
        number = self._number(path)
        if number >= 0:
            self._to_come[number] = 0
        if facts is not None:
            if number in self._untold:
                identity = ReportId(path, facts.agency, facts.year)
                if result.total_of is not None:
                    self.index.add_total(identity)
                else:
                    self.index.add(identity)
            if (number >= 0 and self._wanted[number]) or number in self._untold:
                self._known[path] = facts
        self._untold.discard(number)
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
        return not any(self._coming(path) for path in found)

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
        number = self._number(result.path)
        if number < 0:
            return
        first = self._may_take[number]
        if first >= 0:
            self._may_take[number] = -1
            for other in [first, *self._may_take_more.pop(number, ())]:
                self._wanted[other] -= 1
                if not self._wanted[other]:
                    self._known.pop(self.index.path(other), None)
        if not self._wanted[number]:
            self._known.pop(result.path, None)
