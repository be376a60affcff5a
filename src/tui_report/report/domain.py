"""The report's own terms, as its files and every part of the program use them: the
years a report may be of, and the keys of its top and of a section's text."""

from __future__ import annotations

MIN_YEAR, MAX_YEAR = 2008, 2100  # the regulations took effect on 2008-05-01
TEXT_KEY = "text"  # a section's narrative: ``[overview] text = """…"""``
METADATA_KEYS = ("format", "agency", "year", "total_of")  # the top-level keys
