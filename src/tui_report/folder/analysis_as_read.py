"""``county.analyse`` of a folder's first reading, worked out as the rows come.

The folder view checks every file on every core; ``analyse`` of 10,000 reports then
took about 0.35 s more, with every core idle. Last year's report of each report is found
in an index of the listing (the tops of the files, known before any file is checked):
a report is compared with it as soon as both have been read, while the workers go on.
At the end only the findings across units are left (``with_findings``).

The result is ``analyse``'s: a file listed as a report and read as none (a total written
by ``sum``, a file that cannot be read) is taken out of what the index found, which is
all ``analyse``'s own index would differ by; where a report read is not who or when its
top said, or one was not listed, ``analyse`` works it out again from the rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..storage.tops import ReportId
from .agencies import AgencyNames
from .county import Analysis, LastYearMatch, analyse, is_unit_report, last_year_match, with_findings
from .index import ReportIndex
from .report_folder import ReportFolder
from .rows import ReportRow


class AnalysisAsRead:
    """The analysis of the rows of ``listing`` (``listed_rows``, which filled ``index``
    with the files' tops), given as they are read (``add``); ``result`` is
    ``analyse(rows, names)`` of the rows read."""

    def __init__(
        self, listing: Sequence[ReportRow], index: ReportIndex, names: AgencyNames
    ) -> None:
        self.names = names
        self.reports = ReportFolder(names, index=index)  # (the listing's: not indexed again)
        self.expected: dict[str, ReportId] = {}  # by file: who and when, by its top
        for row in listing:
            if row.agency and not row.checked:
                self.expected[row.path] = row.report_id
        self.read: dict[str, ReportRow] = {}  # the unit reports read, by file
        self.previous: dict[str, list[str]] = {}  # by file: last year's, as the index has them
        self.links: dict[str, LastYearMatch] = {}
        self.waiting: dict[str, list[str]] = {}  # a file not yet read → reports waiting for it
        self.unread: dict[str, int] = {}  # a report → how many of its candidates are not read
        self.dropped: set[str] = set()  # files listed as reports, read as none
        self.unsure = False  # a report is not as listed: ``analyse`` at the end

    def add(self, row: ReportRow) -> None:
        """A row read (each file once)."""
        expected = self.expected.get(row.path)
        if not is_unit_report(row):  # (analyse does not index it: not a candidate)
            if expected is not None:
                self._drop(row.path)
            return
        if expected != row.report_id or row.path in self.reports.index.totals:
            self.unsure = True  # not who or when its top said, or its top said a total
            return
        self.read[row.path] = row
        found = self.reports.index.previous(row.agency, row.year, row.path)
        paths = self.previous[row.path] = [p for p in found if p not in self.dropped]
        unread = [p for p in paths if p not in self.read]
        for path in unread:
            self.waiting.setdefault(path, []).append(row.path)
        if unread:
            self.unread[row.path] = len(unread)
        else:
            self._compare(row)
        self._arrived(row.path)

    def _drop(self, path: str) -> None:
        """A file listed as a report read as none (a total, a file that cannot be read):
        no report's candidate."""
        self.dropped.add(path)
        for waiting in self.waiting.get(path, []):
            self.previous[waiting].remove(path)
        self._arrived(path)

    def _arrived(self, path: str) -> None:
        for waiting in self.waiting.pop(path, []):
            self.unread[waiting] -= 1
            if not self.unread[waiting]:
                del self.unread[waiting]
                self._compare(self.read[waiting])

    def _compare(self, row: ReportRow) -> None:
        candidates = [self.read[p] for p in self.previous[row.path]]
        link = last_year_match(row, candidates, self.reports)
        if link is not None:
            self.links[row.path] = link

    def result(self, rows: Sequence[ReportRow]) -> Analysis:
        """``analyse(rows, names)``: ``rows`` are the rows given to ``add``."""
        readable = [r for r in rows if is_unit_report(r)]
        complete = (
            len(readable) == len(self.read) == len(self.expected) - len(self.dropped)
            and not self.unread
        )
        if self.unsure or not complete or any(self.read.get(r.path) is not r for r in readable):
            return analyse(rows, self.names)
        by_path = {r.path: r for r in readable}
        links = {r.path: self.links[r.path] for r in readable if r.path in self.links}
        continued = {p for paths in self.previous.values() for p in paths}
        return with_findings(links, readable, by_path, continued, self.names)
