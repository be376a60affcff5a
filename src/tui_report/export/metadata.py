"""What a published file says about itself (title, author, dates), the same in the
Word file, the PDF made from it and the Excel roll-up: taken from the report, never a
library's defaults ("python-docx", "openpyxl", a date in 2013).

Office applications keep a document property to 255 characters (Word refuses longer
ones when it saves), so longer values are cut with an ellipsis. The time is now, or
``SOURCE_DATE_EPOCH`` where it is set, so that a build can make the same bytes twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_PROPERTY = 255  # characters, Word's and Excel's limit for a document property
APPLICATION = "tui-report"


def fitted(text: str, limit: int = MAX_PROPERTY) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def now() -> datetime:
    """The time to stamp on a file: ``SOURCE_DATE_EPOCH`` when set (reproducible builds),
    else the current time; in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Properties:
    """A document's title, subject and author (the agency), every value within the
    property limit, and when it was made."""

    title: str
    subject: str
    author: str
    made: datetime

    @classmethod
    def of(cls, title: str, subject: str, author: str) -> Properties:
        return cls(fitted(title), fitted(subject), fitted(author), now())

    @property
    def stamp(self) -> str:
        """The time as W3CDTF (``2024-03-01T08:00:00Z``), as OOXML's core properties want."""
        return self.made.strftime("%Y-%m-%dT%H:%M:%SZ")
