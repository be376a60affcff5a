"""Reading the tables of a published report into the model, row label by row label.

Each official row is looked for, in official order, among the next few segments
(see ``cells``); its values must be as many as the table's entered columns, or
as many as all its columns when the published totals are printed too. A row
that cannot be found, a wrong count of values, or a value that is not a number
stops the import with a message naming the official label and the input line.
Published totals are not stored; each one that disagrees with the sum of its
parts is a warning.
"""

from __future__ import annotations

from decimal import Decimal

from ..formats import Column, Row, Section, Table
from ..model import CellRef, Report, cell_label
from ..values import InvalidValue, Value, checked, format_value
from .cells import Cell, Segment
from .labels import MIN_SIMILARITY, ends_with_label, key
from .problems import ImportFailure, ImportWarning

WINDOW = 5  # how many segments ahead a row may be (group headings come between)


class TableReader:
    """Reads the tables of one section from its segments, in order."""

    def __init__(self, report: Report, section: Section, segments: list[Segment], start_line: int):
        self.report = report
        self.section = section
        self.segments = segments
        self.cursor = 0
        self.start_line = start_line
        self.published: dict[CellRef, Value] = {}
        self.published_lines: dict[CellRef, int] = {}
        self.row_width: dict[str, int] = {}  # values per row, as the first row of a table has
        self.warnings: list[ImportWarning] = []

    # --- finding rows -------------------------------------------------------------

    def _line_here(self) -> int:
        if self.cursor < len(self.segments):
            return self.segments[self.cursor].line or self.start_line
        return self.segments[-1].first_value_line if self.segments else self.start_line

    def _find(self, label: str) -> int | None:
        wanted = key(label)
        best, best_score = None, MIN_SIMILARITY
        for index in range(self.cursor, min(self.cursor + WINDOW, len(self.segments))):
            segment = self.segments[index]
            if not segment.values:
                continue
            score = ends_with_label(key(segment.text), wanted)
            if score == 1.0:
                return index
            if score >= best_score:
                best, best_score = index, score
        return best

    def read(self) -> None:
        for table in self.section.tables:
            self._read_table(table)

    def _read_table(self, table: Table) -> None:
        first = table.rows[0]
        if self._find(first.label) is None and self._read_as_one_row(table):
            return
        rows = list(table.rows)
        i = 0
        while i < len(rows):
            row = rows[i]
            index = self._find(row.label)
            if index is None:
                if row.derived:
                    i += 1
                    continue
                skipped = self._group_printed_as_one_row(table, row)
                if skipped:
                    i += skipped
                    continue
                where = self._line_here()
                raise ImportFailure(
                    f"找不到“{self.section.number} {row.qualified_label}”这一行"
                    f"（在第 {where} 行附近找）",
                    where,
                )
            self._take_row(table, row, self.segments[index])
            self.cursor = index + 1
            i += 1

    def _group_printed_as_one_row(self, table: Table, row: Row) -> int:
        """Some reports print （六）其他处理 as one row without its items: import its
        values into the group's last item (3.其他), the other items as 0, and warn."""
        if not row.groups:
            return 0
        group = row.groups[-1]
        members = [r for r in table.rows if r.groups and r.groups[-1] == group]
        if members[0] is not row or not members[-1].catch_all:
            return 0  # only where the last item takes "everything else" (（六）3.其他)
        index = self._find(group)
        if index is None:
            return 0
        last = members[-1]
        for member in members[:-1]:
            for column in table.entered_columns:
                self.report.set(CellRef(table.key, member.key, column.key), _zero(column))
        self._take_row(table, last, self.segments[index])
        self.cursor = index + 1
        others = "、".join(m.label.split(".")[0] + "." for m in members[:-1])
        self.warnings.append(
            ImportWarning(
                f"{group} 只印了一行，已计入 {last.label}（{others} 各项按 0 导入）",
                self.segments[index].line,
            )
        )
        return len(members)

    def _read_as_one_row(self, table: Table) -> bool:
        """Part 四 as officially printed: all groups' values on one line (15 numbers)."""
        sizes = {len(table.rows) * len(table.columns), len(table.rows) * len(table.entered_columns)}
        for index in range(self.cursor, min(self.cursor + WINDOW, len(self.segments))):
            values = self.segments[index].values
            if len(values) in sizes and len(values) > len(table.columns):
                per_row = len(values) // len(table.rows)
                for n, row in enumerate(table.rows):
                    chunk = Segment(row.label, values[n * per_row : (n + 1) * per_row])
                    chunk.line = self.segments[index].line
                    self._take_row(table, row, chunk)
                self.cursor = index + 1
                return True
        return False

    # --- values --------------------------------------------------------------------

    def _take_row(self, table: Table, row: Row, segment: Segment) -> None:
        entered = table.entered_columns
        width = self.row_width.setdefault(table.key, len(segment.values))
        if len(segment.values) != width and width in (len(entered), len(table.columns)):
            raise ImportFailure(
                f"“{self.section.number} {row.qualified_label}”应有 {width} 个数"
                f"（同表其他行有 {width} 个），"
                f"第 {segment.first_value_line} 行起找到 {len(segment.values)} 个",
                segment.first_value_line,
            )
        if len(segment.values) == len(table.columns):
            columns: tuple[Column, ...] = table.columns
        elif len(segment.values) == len(entered):
            columns = entered
        else:
            expected = f"{len(entered)}" + (
                f" 或 {len(table.columns)}" if len(table.columns) != len(entered) else ""
            )
            raise ImportFailure(
                f"“{self.section.number} {row.qualified_label}”应有 {expected} 个数，"
                f"第 {segment.first_value_line} 行起找到 {len(segment.values)} 个",
                segment.first_value_line,
            )
        for column, cell in zip(columns, segment.values, strict=True):
            ref = CellRef(table.key, row.key, column.key)
            value = self._value(ref, column, cell)
            if row.derived or column.derived:
                self.published[ref] = value
                self.published_lines[ref] = cell.line
            else:
                self.report.set(ref, value)

    def _value(self, ref: CellRef, column: Column, cell: Cell) -> Value:
        if cell.kind == "number" and cell.value is not None:
            try:
                return checked(cell.value, column.kind, cell.text)
            except InvalidValue as exc:
                place = cell_label(self.report.format, ref)
                raise ImportFailure(
                    f"{place}：{exc.message}（第 {cell.line} 行）", cell.line
                ) from None
        place = cell_label(self.report.format, ref)
        if cell.kind == "blank":
            self.warnings.append(
                ImportWarning(f"{place}：原文为空或为“{cell.text}”，按 0 导入", cell.line)
            )
            return _zero(column)
        raise ImportFailure(f"{place}：“{cell.text}”不是有效的数字（第 {cell.line} 行）", cell.line)

    # --- published totals ------------------------------------------------------------

    def compare_totals(self) -> None:
        """One warning per published total that is not the sum of its parts."""
        fmt = self.report.format
        for ref, published in self.published.items():
            table = fmt.table(ref.table)
            computed = self.report.grid(table)[table.row_index[ref.row]][
                table.column_index[ref.column]
            ]
            if computed is None or computed == published:
                continue
            self.warnings.append(
                ImportWarning(
                    f"{cell_label(fmt, ref)}：发布的数为 {format_value(published)}，"
                    f"各项之和为 {format_value(computed)}（已按各项导入，总计由程序计算）",
                    self.published_lines.get(ref),
                )
            )


def _zero(column: Column) -> Value:
    return 0 if column.kind.is_integer else Decimal(0)
