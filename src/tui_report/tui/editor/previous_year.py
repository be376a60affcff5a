"""The editor's look for last year's report, for the cross-year checks.

Reports of the same folder are read in a thread after the first paint, and again
once the agency or year stops changing; reading a county's folder must not stop
the typing.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

if TYPE_CHECKING:
    from rich.text import Text
    from textual.screen import Screen
    from textual.timer import Timer

    from ...folder.yearly import YearFacts
    from ...report.model import Report
    from ...storage.reading import LoadedReport

    _Base = Screen[None]
else:
    _Base = object

PREVIOUS_LOOKUP_DELAY = 0.6  # seconds after the last keystroke in the agency or year field
NOTE_RETRY = 1.0  # seconds: how often a note waits for the status line to be free


class LastYearLookup(_Base):
    """Mixin of the editor screen: keeps ``previous``, last year's report, up to date."""

    previous: YearFacts | None
    _previous_timer: Timer | None
    report: Report
    loaded: LoadedReport
    message: Text
    # the agency and year whose missing last year's report was said (said once each)
    _not_found_told: tuple[str, int] | None = None

    if TYPE_CHECKING:  # provided by the editor screen

        def revalidate(self, edited_table: str | None = None) -> None: ...

        def update_header(self) -> None: ...

        def say(self, message: str, style: str = "") -> None: ...

    def find_previous_year(self) -> None:
        """Last year's report of the same agency in the same folder, for the cross-year
        checks; looked for in a thread (a folder of reports must not stop the typing)."""
        from ...folder.yearly import facts_of

        this = facts_of(self.report, self.loaded.path)
        self.run_worker(
            partial(self._look_for_previous, this),
            thread=True,
            exclusive=True,
            group="previous-year",
            exit_on_error=False,
        )

    def _look_for_previous(self, this: YearFacts) -> None:
        from ...folder.yearly import previous_in_folder

        found = previous_in_folder(self.loaded.path, this)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._take_previous, this, found)

    def _take_previous(self, this: YearFacts, found: YearFacts | None) -> None:
        if (this.agency, this.year) != (self.report.agency, self.report.year):
            return  # changed meanwhile: another lookup is on its way
        before, self.previous = self.previous, found
        if (found and found.path) != (before and before.path):
            self.revalidate()
            self.update_header()
        if found is None and this.year is not None:
            self._say_not_found(this.agency, this.year)

    def _say_not_found(self, agency: str, year: int) -> None:
        """Say once (for an agency and year) that the checks against last year's report
        did not run: a clean status must not be taken for one that checked them. Another
        message being read is not replaced: the note waits until it has gone."""
        if self._not_found_told == (agency, year) or self.previous is not None:
            return
        if (self.report.agency, self.report.year) != (agency, year):
            return  # changed meanwhile: the next lookup tells
        if self.message.plain:
            self.set_timer(NOTE_RETRY, partial(self._say_not_found, agency, year))
            return
        self._not_found_told = (agency, year)
        self.say(f"注：未找到同一机关 {year - 1} 年度的报告，未核对上年结转等")

    def forget_previous(self, unless_same_agency: bool = False) -> None:
        """Stop comparing with last year's report when the year or agency changed."""
        from ...folder.yearly import same_agency

        if self.previous is None or (
            unless_same_agency and same_agency(self.previous.agency, self.report.agency)
        ):
            return
        self.previous = None
        self.update_header()

    def schedule_previous_lookup(self) -> None:
        """Look for last year's report again once the agency or year stops changing."""
        if self._previous_timer is not None:
            self._previous_timer.stop()
        self._previous_timer = self.set_timer(PREVIOUS_LOOKUP_DELAY, self.find_previous_year)
