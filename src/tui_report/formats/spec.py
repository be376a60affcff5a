"""Building blocks for describing an official report format as data.

A format (e.g. the 2021 format, 国办公开办函〔2021〕30号) is a tuple of sections;
a section holds narrative prose, tables, or both; a table is rows × columns.
Storage, validation, export, import and the editor all loop over these
descriptions, so an official label lives in exactly one place.

Derived cells (totals) are described by ``sum_of`` on a row or column: they
are computed from the entered cells and never stored.

The descriptions are constants: nothing changes them after they are built, and
they compare by identity. (They are plain dataclasses rather than frozen ones
because frozen dataclasses cost the editor's start-up several milliseconds.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple


class CellRef(NamedTuple):
    """A cell by table, row and column key (keys from the format description)."""

    table: str
    row: str
    column: str


@dataclass(eq=False)
class CellKind:
    """What a cell may hold: its name, allowed decimals, bounds and unit."""

    name: str
    description: str  # shown to users, e.g. "非负整数"
    decimals: int  # 0 for whole numbers
    maximum: Decimal
    minimum: Decimal = Decimal(0)
    unit: str | None = None

    @property
    def is_integer(self) -> bool:
        return self.decimals == 0


COUNT = CellKind("count", "非负整数", 0, Decimal(999_999_999))
# 万元 exact to the 分 needs 6 decimals (5949.088667); some bodies publish that many.
AMOUNT = CellKind("amount", "非负金额（万元，最多 6 位小数）", 6, Decimal(999_999_999), unit="万元")
# The 2019 trial format has 本年增/减, which may be negative.
SIGNED_COUNT = CellKind(
    "signed_count", "整数（可为负数）", 0, Decimal(999_999_999), -Decimal(999_999_999)
)


@dataclass(eq=False)
class Column:
    """One column of a table. ``groups`` are the spanning headers above it, outermost first."""

    key: str
    label: str
    kind: CellKind = COUNT
    groups: tuple[str, ...] = ()
    sum_of: tuple[str, ...] = ()
    rule: str | None = None  # rule id for a published value of this derived column
    change_of: str | None = None  # the column whose count this one changes (本年增/减)

    @property
    def derived(self) -> bool:
        return bool(self.sum_of)


_GROUP_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")


@dataclass(eq=False)
class Row:
    """One row of a table. ``groups`` are the merged row headers to its left, outermost first."""

    key: str
    label: str
    groups: tuple[str, ...] = ()
    sum_of: tuple[str, ...] = ()
    rule: str | None = None  # rule id for a published value of this derived row
    catch_all: bool = False  # takes "everything else" of its group (（六）3.其他)

    @property
    def derived(self) -> bool:
        return bool(self.sum_of)

    @property
    def qualified_label(self) -> str:
        """The label a reader needs to find the row: ``（四）1.本机关不掌握相关政府信息``.

        Numbered items repeat from 1. in every group, so they carry the number of
        their group; rows of an unnumbered group (行政诉讼) carry its name.
        """
        if not self.groups or self.label.startswith("（"):
            return self.label
        inner = self.groups[-1]
        number = _GROUP_NUMBER.match(inner)
        if number:
            return number.group(0) + self.label
        if re.match(r"^[一二三四五六七八九十]+、", inner):
            return self.label
        return f"{inner} {self.label}"


@dataclass(eq=False)
class OutlineLine:
    """A line of a table's outline: a group heading (``row`` is None) or a row by index."""

    label: str
    level: int
    row: int | None


@dataclass(eq=False)
class Identity:
    """A per-column identity between sums of rows, e.g. 一 + 二 = 三（七）+ 四."""

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    left_text: str  # how users name the left side, e.g. "一 + 二"
    right_text: str


@dataclass(eq=False)
class YearLink:
    """How cells follow from last year's report: this year's ``rows[i][0]`` equals last
    year's ``rows[i][1]`` (plus this year's ``plus`` columns, minus its ``minus``
    columns), in each of ``columns``. Used to start a new year and to check it."""

    rule: str  # its id (``report.rule_ids``: an error or a warning)
    table: str
    rows: tuple[tuple[str, str], ...]  # (this year's row, last year's row)
    columns: tuple[str, ...]
    plus: tuple[str, ...] = ()
    minus: tuple[str, ...] = ()


@dataclass(eq=False)
class Table:
    """A table of the report. ``title`` is its caption (第二十条第（一）项) if it has one."""

    key: str
    title: str | None
    corner: str | None  # the label above the row labels (信息内容), if any
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str | None = None  # a header note printed with the table
    identities: tuple[Identity, ...] = ()
    # The official template prints the rows side by side as one row, each row a
    # column group (part 四: 行政复议 and the two 行政诉讼 groups, 15 numbers).
    one_row: bool = False

    @cached_property
    def entered_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.derived)

    @cached_property
    def entered_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.derived)

    @cached_property
    def derived_row_positions(self) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """(position of each derived row, positions of the rows it adds up)."""
        index = self.row_index
        return tuple(
            (i, tuple(index[k] for k in r.sum_of)) for i, r in enumerate(self.rows) if r.derived
        )

    @cached_property
    def derived_column_positions(self) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """(position of each derived column, positions of the columns it adds up)."""
        index = self.column_index
        return tuple(
            (i, tuple(index[k] for k in c.sum_of)) for i, c in enumerate(self.columns) if c.derived
        )

    @cached_property
    def entered_column_positions(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if not c.derived)

    @cached_property
    def column_index(self) -> dict[str, int]:
        return {c.key: i for i, c in enumerate(self.columns)}

    @cached_property
    def row_index(self) -> dict[str, int]:
        return {r.key: i for i, r in enumerate(self.rows)}

    def column(self, key: str) -> Column:
        return self.columns[self.column_index[key]]

    def row(self, key: str) -> Row:
        return self.rows[self.row_index[key]]

    @cached_property
    def outline(self) -> tuple[OutlineLine, ...]:
        """The rows in print order, with a heading line where a new group starts.

        This is how the official table shows merged row headers (三、本年度办理结果,
        （三）不予公开) in a plain layout: a heading line, then its rows indented.
        """
        lines: list[OutlineLine] = []
        previous: tuple[str, ...] = ()
        for i, row in enumerate(self.rows):
            common = 0
            while (
                common < min(len(previous), len(row.groups))
                and previous[common] == row.groups[common]
            ):
                common += 1
            for level in range(common, len(row.groups)):
                lines.append(OutlineLine(row.groups[level], level, None))
            lines.append(OutlineLine(row.label, len(row.groups), i))
            previous = row.groups
        return tuple(lines)

    @property
    def is_single_value(self) -> bool:
        """A table with one entered column stores each row as a scalar, not an array."""
        return len(self.entered_columns) == 1


@dataclass(eq=False)
class Topic:
    """A sub-topic the format asks a narrative section to cover."""

    label: str
    keywords: tuple[str, ...]  # any of these in the text counts as covering it


@dataclass(eq=False)
class Section:
    """One of the six official parts. ``text_key`` names its prose, if it has any."""

    key: str
    number: str  # 一 … 六
    heading: str  # 一、总体情况
    short: str  # a two-character name for narrow places (the editor's tabs); not official
    text_key: str | None = None
    tables: tuple[Table, ...] = ()
    topics: tuple[Topic, ...] = ()
    # words every published variant of the heading has (part 五 is also published as
    # 五、政府信息公开工作存在的主要问题及改进情况): how import recognises the variants
    heading_words: tuple[str, ...] = ()


@dataclass(eq=False)
class ReportFormat:
    """A complete official format: its sections and the texts that go around them."""

    version: str
    name: str  # the issuing document
    title_suffix: str  # 年政府信息公开工作年度报告
    intro_key: str
    intro_template: str  # ``{year}`` is replaced
    sections: tuple[Section, ...]
    fee_keyword: str | None  # what part 六 must mention (信息处理费), if anything
    fee_section: str | None  # key of the section that must mention it
    # other ways of saying no fee was collected (未发生收费情况, 未收取任何费用), as a regex
    fee_statement: str | None = None
    required_text: tuple[str, ...] = ()  # sections whose prose must not be empty
    applications_table: str = "applications"
    new_received_row: str = "new_received"
    carried_over_row: str = "carried_over"
    carried_forward_row: str = "carried_forward"
    review_table: str = "review_litigation"  # its first row is 行政复议, the others 行政诉讼
    year_links: tuple[YearLink, ...] = ()

    @cached_property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for s in self.sections for t in s.tables)

    @cached_property
    def table_index(self) -> dict[str, Table]:
        return {t.key: t for t in self.tables}

    @cached_property
    def section_of_table(self) -> dict[str, Section]:
        return {t.key: s for s in self.sections for t in s.tables}

    @cached_property
    def text_keys(self) -> tuple[str, ...]:
        """Keys of all narrative texts in report order, intro first."""
        return (self.intro_key, *(s.text_key for s in self.sections if s.text_key))

    @cached_property
    def section_of_text(self) -> dict[str, Section | None]:
        found: dict[str, Section | None] = {self.intro_key: None}
        found.update({s.text_key: s for s in self.sections if s.text_key})
        return found

    def table(self, key: str) -> Table:
        return self.table_index[key]

    def has_cell(self, table: str, row: str, column: str) -> bool:
        found = self.table_index.get(table)
        return bool(found and row in found.row_index and column in found.column_index)

    def __reduce__(self) -> tuple[object, tuple[str]]:
        """Pickled by version, so a report sent to a worker process keeps its format."""
        return known_format, (self.version,)

    def title(self, year: int | None) -> str:
        return f"{year if year is not None else '____'}{self.title_suffix}"

    def text_label(self, key: str) -> str:
        """How users name a narrative text: the section heading, or 引言 for the intro."""
        section = self.section_of_text.get(key)
        return section.heading if section else INTRO_LABEL


INTRO_LABEL = "引言"

# The official formats by version, filled by the package (``formats.FORMATS`` is this
# dict): what a pickled format is restored from in another process.
KNOWN_FORMATS: dict[str, ReportFormat] = {}


def known_format(version: str) -> ReportFormat:
    """The official format of ``version`` (as ``formats.by_version``)."""
    return KNOWN_FORMATS[version]
