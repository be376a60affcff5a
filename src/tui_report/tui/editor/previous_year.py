"""The editor's look for last year's report, for the cross-year checks.

Reports of the same folder are read in a thread after the first paint, and again
once the agency or year stops changing; reading a county's folder must not stop
the typing. The document (``ReportDocument.find_previous``) finds it; here it is
looked for at the right moments, and its absence is said once.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from ...document.debug_log import swallowed
from ...document.document import ReportDocument
from .status_line import StatusLine

if TYPE_CHECKING:
    from ...folder.yearly import YearFacts

PREVIOUS_LOOKUP_DELAY = 0.6  # seconds after the last keystroke in the agency or year field
NOTE_RETRY = 1.0  # seconds: how often a note waits for the status line to be free


class LastYearLookup:
    """Keeps the document's ``previous``, last year's report, up to date."""

    def __init__(self, screen: Screen[None], document: ReportDocument, status: StatusLine) -> None:
        self.screen, self.document, self.status = screen, document, status
        self._timer: Timer | None = None
        # the agency and year whose missing last year's report was said (said once each)
        self._not_found_told: tuple[str, int] | None = None

    def find(self) -> None:
        """Look for it now, in a thread (a folder of reports must not stop the typing)."""
        this = self.document.facts()
        self.screen.run_worker(
            partial(self._look, this),
            thread=True,
            exclusive=True,
            group="previous-year",
            exit_on_error=False,
        )

    def schedule(self) -> None:
        """Look for it again once the agency or year stops changing."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(PREVIOUS_LOOKUP_DELAY, self.find)

    def _look(self, this: YearFacts) -> None:
        try:
            found = self.document.find_previous(this)
        except Exception:  # the checks against last year do not run; the editor goes on
            swallowed("查找上年的报告")
            return
        if not get_current_worker().is_cancelled:
            self.screen.app.call_from_thread(self._take, this, found)

    def _take(self, this: YearFacts, found: YearFacts | None) -> None:
        if self.document.take_previous(this, found) and found is None and this.year is not None:
            self._say_not_found(this.agency, this.year)

    def _say_not_found(self, agency: str, year: int) -> None:
        """Say once (for an agency and year) that the checks against last year's report
        did not run: a clean status must not be taken for one that checked them. Another
        message being read is not replaced: the note waits until it has gone."""
        report = self.document.report
        if self._not_found_told == (agency, year) or self.document.previous is not None:
            return
        if (report.agency, report.year) != (agency, year):
            return  # changed meanwhile: the next lookup tells
        if self.status.message.plain:
            self.screen.set_timer(NOTE_RETRY, partial(self._say_not_found, agency, year))
            return
        self._not_found_told = (agency, year)
        self.status.say(f"注：未找到同一机关 {year - 1} 年度的报告，未核对上年结转等")
