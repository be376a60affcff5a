"""The folder view's columns: what each shows of a report, how it sorts, and which fit
a terminal's width (plain Python; the list widget draws what this lays out).

The overview's column names are ``sum``'s (``folder.totals.overview_columns``); a narrow
terminal shows shorter ones and leaves out the columns of least use first.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import Counter
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...folder.county import Analysis
from ...folder.rows import ReportRow
from ...folder.totals import OverviewCounts, overview_columns
from ...formats import FORMAT_2021
from ...report.rule_ids import RuleId
from ...report.values import Value, format_value
from ...text.collation import PinyinKey, pinyin_key
from ...text.textwidth import pad, shorten
from ...text.textwidth import width as text_width
from ...text.visible import one_line

GAP = 1  # columns between two columns
AGENCY_MIN = 16
AGENCY_MAX = 40
UNKNOWN = "？"  # a count that cannot be told (an invalid cell)
PENDING = "…"  # not yet checked

# 发布机关, 新收, 上年结转, 办结, 结转下年度, 行政复议, 行政诉讼, 错误
_NAMES = overview_columns(FORMAT_2021)


@dataclass(frozen=True)
class ListColumn:
    """A column of the folder view's list (not a table's column of the format)."""

    key: str
    title: str
    short: str  # the title where room is short
    numeric: bool = True
    priority: int = 0  # lower first: kept when the width runs out


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("agency", _NAMES[0], _NAMES[0], numeric=False, priority=0),
    ListColumn("year", "年度", "年度", priority=1),
    ListColumn("new", _NAMES[1], _NAMES[1], priority=3),
    ListColumn("last_new", f"上年{_NAMES[1]}", "上年", priority=12),
    ListColumn("change", "增减", "增减", priority=11),
    ListColumn("concluded", _NAMES[3], _NAMES[3], priority=4),
    ListColumn("carried_forward", _NAMES[4], _NAMES[4][:2], priority=5),
    ListColumn("review", _NAMES[5], _NAMES[5][-2:], priority=6),
    ListColumn("litigation", _NAMES[6], _NAMES[6][-2:], priority=7),
    ListColumn("linked", "与上年", "与上年", numeric=False, priority=13),
    ListColumn("errors", _NAMES[7], _NAMES[7], priority=2),
    ListColumn("warnings", "警告", "警告", priority=8),
    ListColumn("modified", "修改时间", "修改", numeric=False, priority=9),
    ListColumn("git", "git", "git", numeric=False, priority=10),
)
BY_KEY = {c.key: c for c in COLUMNS}
_COLUMN_AT = {c.key: i for i, c in enumerate(COLUMNS)}
# The columns that show one of a report's overview counts, and how each is found.
_COUNT_OF: dict[str, Callable[[OverviewCounts], Value | None]] = {
    "new": lambda counts: counts.new,
    "concluded": lambda counts: counts.concluded,
    "carried_forward": lambda counts: counts.carried_forward,
    "review": lambda counts: counts.review,
    "litigation": lambda counts: counts.litigation,
}


class SortKeys(dict[str, PinyinKey]):
    """The pinyin sort keys of one listing's agencies and paths, each worked out once and
    kept as long as the listing (no bound: 50,000 reports' names and paths are more than a
    bounded cache would hold, and sorting them in turn would evict every key before it is
    asked for again). ``known``: names' syllables kept between runs (``KnownSyllables``)."""

    def __init__(self, known: MutableMapping[str, tuple[str, ...]] | None = None) -> None:
        super().__init__()
        self.known = known

    def __missing__(self, text: str) -> PinyinKey:
        key = self[text] = pinyin_key(text, self.known if "/" not in text else None)
        return key  # (a path's syllables are not kept between runs: names' and files')


# The columns whose cells show the row alone (and today's date: the time of the last
# change), the others (the analysis, git), and where each of ``COLUMNS`` is in the two
# put together.
_OWN = tuple(c.key for c in COLUMNS if c.key in ("agency", "year", *_COUNT_OF, "modified"))
_OTHERS = tuple(c.key for c in COLUMNS if c.key not in _OWN)
_PLACES = tuple((*_OWN, *_OTHERS).index(c.key) for c in COLUMNS)
_OWN_COUNTS = tuple(_COUNT_OF[key] for key in _OWN if key in _COUNT_OF)
assert _OWN[-1] == "modified" and _OWN[2 : 2 + len(_OWN_COUNTS)] == tuple(_COUNT_OF)


class OwnWidths(dict[int, tuple[ReportRow, tuple[int, ...]]]):
    """The widths of each row's cells in the columns ``_OWN`` (by the row's id), kept as
    long as the listing: a new analysis, git's answer or a batch of results makes a new
    context, which measures only the other cells again (at 10,000 reports, measuring
    every cell again was half the time of showing the folder once checked). Each
    agency's name is measured once (``agencies``). Then the width of the short time of
    the last change; all measured anew on another day (the time shows the year then)."""

    def __init__(self) -> None:
        super().__init__()
        self.agencies: dict[str, int] = {}
        self.today: datetime.date | None = None

    def of(self, row: ReportRow, context: ListContext) -> tuple[int, ...]:
        if context.today != self.today:
            self.clear()
            self.today = context.today
        kept = self.get(id(row))
        if kept is not None and kept[0] is row:
            return kept[1]
        agency = self.agencies.get(row.agency) if row.agency else None
        if agency is None:
            agency = text_width(cell_text("agency", row, context))
            if row.agency:
                self.agencies[row.agency] = agency
        year = len(str(row.year)) if row.year is not None else 0
        if not row.checked:
            counts = (text_width(PENDING),) * len(_OWN_COUNTS)
        elif row.unreadable or row.overview is None:
            counts = tuple(text_width(cell_text(k, row, context)) for k in _OWN[2:-1])
        else:
            overview = row.overview
            counts = tuple(text_width(_count(count(overview))) for count in _OWN_COUNTS)
        modified = (
            text_width(cell_text("modified", row, context)),
            text_width(cell_text("modified", row, context, True)),
        )
        widths = (agency, year, *counts, *modified)
        self[id(row)] = (row, widths)
        return widths


@dataclass
class ListContext:
    """What the cells need beyond the row: the folder's analysis, git, the rows by file.

    The widths of each row's cells are kept (``cell_widths``): a context stands for one
    state of the folder, so that sorting and filtering, which only choose and order the
    rows, measure none of them again. A change of any of these takes a new context (the
    widths of the cells that show the row alone are kept longer: ``OwnWidths``)."""

    analysis: Analysis = field(default_factory=Analysis)
    git: dict[str, str] | None = None
    by_path: dict[str, ReportRow] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    _widths: dict[int, tuple[ReportRow, tuple[int, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    sort_keys: SortKeys = field(default_factory=SortKeys, repr=False, compare=False)
    own_widths: OwnWidths = field(default_factory=OwnWidths, repr=False, compare=False)

    def cell_widths(self, row: ReportRow) -> tuple[int, ...]:
        """The width of the row's cell in each of ``COLUMNS``, then of its short time
        of the last change (measured once per row and context)."""
        kept = self._widths.get(id(row))
        if kept is not None and kept[0] is row:
            return kept[1]
        own = self.own_widths.of(row, self)
        both = (*own[:-1], *(text_width(cell_text(key, row, self)) for key in _OTHERS))
        widths = (*(both[at] for at in _PLACES), own[-1])
        self._widths[id(row)] = (row, widths)
        return widths

    def cell_width(self, row: ReportRow, key: str) -> int:
        """The width of the row's cell in the column ``key`` (see ``cell_widths``)."""
        return self.cell_widths(row)[_COLUMN_AT[key]]

    def last_new(self, row: ReportRow) -> Value | None:
        link = self.analysis.links.get(row.path)
        last = self.by_path.get(link.previous) if link else None
        return last.overview.new if last is not None and last.overview is not None else None

    def change(self, row: ReportRow) -> Value | None:
        last = self.last_new(row)
        now = row.overview.new if row.overview is not None else None
        return None if last is None or now is None else now - last

    def carry_mismatch(self, row: ReportRow) -> bool | None:
        """True when 上年结转 differs from last year's 结转下年度; None with no last year."""
        link = self.analysis.links.get(row.path)
        if link is None:
            return None
        return any(p.rule == RuleId.CARRY_OVER for p in link.problems)


def cell_text(key: str, row: ReportRow, context: ListContext, short: bool = False) -> str:
    """What a column shows for a report (text from the file made visible; ``short``:
    where room is short)."""
    if key == "agency":
        return one_line(row.agency) if row.agency else f"（{one_line(Path(row.path).name)}）"
    if key == "year":
        return str(row.year) if row.year is not None else ""
    if key == "modified":
        return _when(row.modified, context.today, short) if row.stamp[0] else ""
    if key == "git":
        return (context.git or {}).get(row.path, "")
    if not row.checked:
        return PENDING if key in _COUNT_OF or key in ("errors", "warnings") else ""
    if row.unreadable:
        return "无法读取" if key == "errors" else ""
    if key == "errors":
        return str(context.analysis.errors(row))
    if key == "warnings":
        return str(context.analysis.warnings(row))
    if key in _COUNT_OF:
        return _count(_COUNT_OF[key](row.overview) if row.overview is not None else None)
    if key == "last_new":
        last = context.last_new(row)
        return "" if last is None else _count(last)
    if key == "change":
        change = context.change(row)
        return "" if change is None else f"{change:+}" if change else "0"
    if key == "linked":
        mismatch = context.carry_mismatch(row)
        return "" if mismatch is None else "不符" if mismatch else "相符"
    raise KeyError(key)


def _count(value: Value | None) -> str:
    return UNKNOWN if value is None else format_value(value)


def _when(timestamp: float, today: datetime.date, short: bool = False) -> str:
    """``12-01 09:30`` this year (``12-01`` where room is short), else ``2023-12-01``."""
    moment = datetime.datetime.fromtimestamp(timestamp)
    if moment.year == today.year:
        return moment.strftime("%m-%d" if short else "%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d")


def sort_value(key: str, row: ReportRow, context: ListContext) -> Any:
    """How a column orders reports: numbers as numbers, unknown ones last; by errors,
    an unreadable file first of all."""
    if key == "agency":
        return (0, context.sort_keys[row.agency or Path(row.path).name])
    if key == "year":
        return (0, row.year) if row.year is not None else (1, 0)
    if key == "modified":
        return (0, row.stamp[0])
    if key == "git":
        return (0, (context.git or {}).get(row.path, ""))
    if not row.checked:
        return (2, 0)
    if key == "errors" and row.unreadable:
        return (0, float("inf"))
    if row.unreadable:
        return (2, 0)
    if key in ("last_new", "change", "linked"):
        value = cell_text(key, row, context)
        if not value:
            return (1, 0)
        if key == "linked":
            return (0, value)
        number = context.last_new(row) if key == "last_new" else context.change(row)
        return (0, number)
    count = (
        context.analysis.errors(row)
        if key == "errors"
        else context.analysis.warnings(row)
        if key == "warnings"
        else _COUNT_OF[key](row.overview)
        if row.overview is not None
        else None
    )
    return (0, count) if count is not None else (1, 0)


def arranged(
    rows: Sequence[ReportRow],
    context: ListContext,
    keep: Callable[[ReportRow], bool],
    sort_key: str,
    descending: bool,
) -> list[ReportRow]:
    """The rows kept, sorted by a column (ties by agency, then year, then file); unknown
    values stay at the end either way."""
    kept = [r for r in rows if keep(r)]
    _by_agency(kept, context.sort_keys)
    if sort_key == "agency":
        kept.sort(key=lambda r: sort_value("agency", r, context), reverse=descending)
        return kept
    known = [r for r in kept if sort_value(sort_key, r, context)[0] == 0]
    unknown = [r for r in kept if sort_value(sort_key, r, context)[0] != 0]
    known.sort(key=lambda r: sort_value(sort_key, r, context)[1], reverse=descending)
    return known + unknown


def _by_agency(rows: list[ReportRow], keys: SortKeys) -> None:
    """Sort ``rows`` by agency, then year (unknown last), then file (folder by folder,
    then the file's name). A file's key is worked out only where the agency and year are
    the same (a draft beside the final copy): the pinyin of 10,000 paths was most of the
    time of showing a folder's listing (BENCHMARKS.md, B8)."""
    rows.sort(key=lambda r: (keys[r.agency], r.year is None, r.year or 0))
    start = 0
    for end in range(1, len(rows) + 1):
        if end < len(rows) and _same_place(rows[start], rows[end], keys):
            continue
        if end - start > 1:
            rows[start:end] = sorted(
                rows[start:end], key=lambda r: tuple(keys[part] for part in r.path.split("/"))
            )
        start = end


def _same_place(one: ReportRow, other: ReportRow, keys: SortKeys) -> bool:
    """The same agency (by its sort key) and year: the order is the files'."""
    return one.year == other.year and keys[one.agency] == keys[other.agency]


def matches(row: ReportRow, text: str) -> bool:
    """The filter by text: a piece of the agency or of the file's path (full-width
    letters and digits as half-width, any case)."""
    needle = unicodedata.normalize("NFKC", text).casefold().strip()
    if not needle:
        return True
    haystack = unicodedata.normalize("NFKC", f"{row.agency}\n{row.path}").casefold()
    return needle in haystack


# --- fitting the width ------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    column: ListColumn
    width: int
    title: str
    short: bool = False  # cells in their short form (the time of day left out)


OPTIONAL = 11  # columns from this priority on are shown only where the agency keeps room
YEAR_ON_YEAR = ("last_new", "change", "linked")  # shown when some report has last year's
AGENCY_ROOMY = 24


def fit(
    width: int,
    rows: Sequence[ReportRow],
    context: ListContext,
    extra: dict[str, str] | None = None,
    sorted_by: str | None = None,
    widest: list[int] | None = None,
) -> list[Placed]:
    """The columns that fit ``width``, each as wide as its widest cell (of ``rows`` and
    ``extra``, the total line) and its title (with the sort mark). Where room is short,
    titles and times are shortened, then the columns of least use left out, the agency
    kept at ``AGENCY_MIN`` at least; the year-on-year columns are shown only where the
    agency keeps ``AGENCY_ROOMY`` (or all it needs). ``widest``: the widest cells of ``rows``
    where they are known (``WidestCells``)."""
    year_on_year = any(r.path in context.analysis.links for r in rows)
    available = [
        c
        for c in COLUMNS
        if (c.key != "git" or _any_git(rows, context))
        and (c.key not in YEAR_ON_YEAR or year_on_year)  # all empty: no last year's reports
    ]
    if widest is None:
        widest = _widest_cells(rows, context)
    wanted = {c.key: _widths(c, widest, extra, c.key == sorted_by) for c in available}
    agency_wanted = min(max(wanted["agency"][0], AGENCY_MIN), AGENCY_MAX)
    chosen = sorted((c for c in available if c.key != "agency"), key=lambda c: c.priority)
    core = [c for c in chosen if c.priority < OPTIONAL]
    optional = [c for c in chosen if c.priority >= OPTIONAL]
    attempts = [(False, len(core))] + [(True, n) for n in range(len(core), -1, -1)]
    for short, count in attempts:
        keys = [c.key for c in core[:count]]
        used = 1 + sum(wanted[k][short] + GAP for k in keys)
        if width - used < AGENCY_MIN:
            continue
        for column in optional:  # while the agency keeps its room
            more = wanted[column.key][short] + GAP
            if width - used - more >= min(agency_wanted, AGENCY_ROOMY):
                keys.append(column.key)
                used += more
        agency = min(width - used, agency_wanted)
        placed = []
        for c in available:
            if c.key == "agency":
                placed.append(Placed(c, agency, c.title))
            elif c.key in keys:
                placed.append(Placed(c, wanted[c.key][short], c.short if short else c.title, short))
        return placed
    return [Placed(BY_KEY["agency"], max(width - 1, 4), BY_KEY["agency"].title)]


def _any_git(rows: Sequence[ReportRow], context: ListContext) -> bool:
    """A git column only when some report shown has a state (modified, untracked …)."""
    git = context.git
    return git is not None and bool(git) and any(r.path in git for r in rows)


_SHORT_MODIFIED = len(COLUMNS)  # where ``cell_widths`` puts the short time


def _widest_cells(rows: Sequence[ReportRow], context: ListContext) -> list[int]:
    """The widest cell of ``rows`` in each column (``cell_widths``' order)."""
    if not rows:
        return [0] * (len(COLUMNS) + 1)
    return list(map(max, zip(*map(context.cell_widths, rows), strict=True)))


class WidestCells:
    """The widest cell in each column (``cell_widths``' order) of the rows shown, kept as
    rows come and go (a batch of results while a folder is checked, a filter): only the
    rows added and taken away are measured. A row added can only widen a column; one
    taken away narrows it only when it was the last of the widest, which the count of
    rows of each shape (the widths of all its cells: most rows share one of a few
    hundred) tells."""

    def __init__(self, context: ListContext) -> None:
        self.context = context
        self.rows: dict[int, ReportRow] = {}  # by id: the rows counted (kept alive)
        self.shapes: Counter[tuple[int, ...]] = Counter()

    def of(self, rows: Sequence[ReportRow]) -> list[int]:
        now = {id(r): r for r in rows}
        widths, shapes = self.context.cell_widths, self.shapes
        for key in self.rows.keys() - now.keys():
            shapes[widths(self.rows[key])] -= 1
        for key in now.keys() - self.rows.keys():
            shapes[widths(now[key])] += 1
        self.rows = now
        for shape in [s for s, n in shapes.items() if n <= 0]:
            del shapes[shape]
        if not shapes:
            return [0] * (_SHORT_MODIFIED + 1)
        return [max(column) for column in zip(*shapes, strict=True)]


def _widths(
    column: ListColumn,
    widest: list[int],
    extra: dict[str, str] | None,
    sorted_here: bool,
) -> tuple[int, int]:
    """The column's width with its full title and cells, and with the short ones (only
    the time of the last change has a short form of its cells)."""
    at = _COLUMN_AT[column.key]
    extra_width = text_width(extra[column.key]) if extra and column.key in extra else 0
    full = max(widest[at], extra_width)
    short = max(widest[_SHORT_MODIFIED], extra_width) if column.key == "modified" else full
    mark = 1 if sorted_here else 0
    return (
        max(full, text_width(column.title) + mark),
        max(short, text_width(column.short) + mark),
    )


def line(layout: Sequence[Placed], cells: dict[str, str]) -> list[tuple[str, str]]:
    """(key, text) of each column, padded to its width: names left, numbers right;
    the agency shortened with … when too long."""
    out = []
    for placed in layout:
        text = cells.get(placed.column.key, "")
        if text_width(text) > placed.width:
            text = shorten(text, placed.width)
        align = "right" if placed.column.numeric else "left"
        out.append((placed.column.key, pad(text, placed.width, align)))
    return out
