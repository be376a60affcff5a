"""``check``'s notes on the files checked together (two reports of one agency and year,
one agency's name written two ways), kept as numbers while the results stream in.

``county.notes`` says the same of a list of ``ReportId`` (the folder view, which holds a
row per report anyway); ``check`` of 50,000 reports would hold 50,000 of them, their
paths, names and keys until the end. Here a report checked is its file's number in the
folder's index, its agency's number and its year (~30 bytes), and each (year, agency
key) a number: strings are made only for what a note says. The notes are the same,
in the same order, as ``county.notes`` gives, worded by the same functions.
"""

from __future__ import annotations

from array import array

from .agencies import AgencyNames
from .compact import StringTable, Years
from .county import duplicate_note, spelled_across_years_note, spelled_in_one_year_note
from .index import ReportIndex
from .names import prefix_splits

_NOT_CHECKED = -1


class CheckedReports:
    """The reports checked, in the order told (``add``), and which was compared with
    which last year's (``link``); ``notes`` says what they show together."""

    def __init__(self, index: ReportIndex, names: AgencyNames) -> None:
        self._index = index
        self._names = names
        # agency names as written (facts) and their keys (``names.key``): numbers in the
        # index's table of names (a key is most often the name itself: kept once)
        self._key_of = array("i")  # agency → its key (-1: not yet asked)
        self._file = array("I")  # report (position) → its file's number in ``index``
        self._agency = array("I")  # report → its agency
        self._year = Years()  # report → its year
        self._position = array("i")  # file number → report (-1: not checked)
        self._these = array("I")  # reports compared with last year's …
        self._lasts = array("I")  # … and that report's file number

    def __len__(self) -> int:
        return len(self._file)

    def add(self, path: str, agency: str, year: int | None) -> None:
        """A report checked (a unit's: not a total), who and when its facts say."""
        file = self._index.number(path)
        if file >= len(self._position):
            self._position.extend([_NOT_CHECKED] * (file + 1 - len(self._position)))
        if self._position[file] != _NOT_CHECKED:
            return  # (told once each)
        self._position[file] = len(self._file)
        self._file.append(file)
        number = self._index.name_number(agency)
        if number >= len(self._key_of):
            self._key_of.extend(array("i", [-1]) * (number + 1 - len(self._key_of)))
        self._agency.append(number)
        self._year.append(year)

    def link(self, path: str, last: str) -> None:
        """The report ``path`` (added) was compared with ``last`` as last year's."""
        self._these.append(self._position[self._index.number(path)])
        self._lasts.append(self._index.number(last))

    def notes(self) -> list[str]:
        """As ``county.notes`` of the reports added and their links (none for one report)."""
        if len(self._file) < 2:
            return []
        groups = _Groups(self)
        return groups.duplicates() + self._spellings_across_years() + groups.spellings()

    # --- what is asked of a report ------------------------------------------------------

    def path(self, report: int) -> str:
        return self._index.path(self._file[report])

    def agency(self, report: int) -> str:
        return self._index.name(self._agency[report])

    def year(self, report: int) -> int | None:
        return self._year[report]

    def key(self, report: int) -> int:
        """The number of the report's agency key (asked of ``names`` once per name)."""
        agency = self._agency[report]
        key = self._key_of[agency]
        if key < 0:
            name = self._names.key(self._index.name(agency))
            key = self._key_of[agency] = self._index.name_number(name)
        return key

    def _spellings_across_years(self) -> list[str]:
        found = []
        seen: set[tuple[str, str]] = set()
        for this, last_file in zip(self._these, self._lasts, strict=True):
            last = self._position[last_file] if last_file < len(self._position) else -1
            if last < 0 or self.key(last) == self.key(this):
                continue
            old, new = self.agency(last), self.agency(this)
            if self._names.key(old) == self._names.key(new) or (old, new) in seen:
                continue
            seen.add((old, new))
            found.append(spelled_across_years_note(old, self.year(last), new, self.year(this)))
        return found


class _Groups:
    """The reports by year and agency key: each (year, key) a number in the order first
    seen, the reports of the groups with more than one listed."""

    def __init__(self, reports: CheckedReports) -> None:
        self.reports = reports
        self._table = StringTable()  # (year, key) packed
        self.first = array("I")  # group → its first report
        self.count = array("I")  # group → how many reports
        self.key = array("I")  # group → its key
        self.year = Years()  # group → its year
        self._of = array("I")  # report → its group
        for report in range(len(reports)):
            year, key = reports.year(report), reports.key(report)
            group = self._table.number_raw(_packed(year, key))
            if group == len(self.first):
                self.first.append(report)
                self.count.append(0)
                self.key.append(key)
                self.year.append(year)
            self.count[group] += 1
            self._of.append(group)
        self._members: dict[int, list[int]] = {g: [] for g, n in enumerate(self.count) if n > 1}
        for report, group in enumerate(self._of):
            if group in self._members:
                self._members[group].append(report)

    def members(self, group: int) -> list[int]:
        return self._members.get(group) or [self.first[group]]

    def find(self, year: int | None, key: int) -> int | None:
        return self._table._find_raw(_packed(year, key))

    def duplicates(self) -> list[str]:
        """Two or more reports of one agency and year, in the order of their first."""
        reports, found = self.reports, []
        for group in sorted(self._members, key=self.first.__getitem__):
            listed = ((reports.path(r), reports.agency(r)) for r in self._members[group])
            found.append(duplicate_note(self.year[group], listed))
        return found

    def spellings(self) -> list[str]:
        """Names of one year where one is the other with a region prefix."""
        reports, index, found = self.reports, self.reports._index, []
        years: list[int | None] = []
        for group in range(len(self.first)):
            if self.year[group] not in years:
                years.append(self.year[group])
        for year in years:
            for group in range(len(self.first)):
                if self.year[group] != year:
                    continue
                key = index.name(self.key[group])
                for end in prefix_splits(key):
                    suffix = index.find_name(key[end:])
                    other = self.find(year, suffix) if suffix is not None else None
                    if other is None:
                        continue
                    long_name = reports.agency(self.members(group)[0])
                    short_name = reports.agency(self.members(other)[0])
                    found.append(spelled_in_one_year_note(long_name, short_name, year))
        return found


def _packed(year: int | None, key: int) -> bytes:
    return f"{year}".encode() + b"\0" + key.to_bytes(4, "little")
