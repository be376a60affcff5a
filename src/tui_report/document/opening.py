"""Opening a report to edit it: read first, so that a broken file is reported and never
opens as an empty report that could overwrite it."""

from __future__ import annotations

from pathlib import Path

from ..storage import ReportFileError, read_report
from ..storage.atomic import remove_stale_temporaries
from ..storage.reading import LoadedReport


def read_for_editing(path: Path) -> LoadedReport:
    """An existing report read to be edited; ``ReportFileError`` when it cannot be, or
    when changes to it could not be written back (see ``LoadedReport.unwritable``)."""
    loaded = read_report(path)
    if loaded.unwritable:  # found now, not when a save fails
        raise ReportFileError(path, loaded.unwritable)
    remove_stale_temporaries(loaded.path.resolve())  # of saves killed last time
    return loaded
