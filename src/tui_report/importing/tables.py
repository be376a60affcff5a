"""Reading the tables of a published report into the model, row label by row label.

Each official row is looked for, in official order, among the next few segments
(see ``cells`` and ``finding``); its values must be as many as the table's entered
columns, or as many as all its columns when the published totals are printed too.
A row that cannot be found, or a value that is not a number, stops the import with a
message naming the official label and the input line. Rows with a count of values
no row can have are read again once the table is read (``rereading``): where the
printed totals leave one reading, so, else that row stops the import.
Published totals are not stored; each one that disagrees with the sum of its
parts is a warning (a total left blank states nothing: it is neither compared nor
counted as a blank cell read as 0).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..formats import Column, Row, Section, Table
from ..report.model import CellRef, Report, cell_label
from ..report.values import InvalidValue, Value, checked, format_value
from .cells import Cell, Segment, counted, in_unit, signed
from .finding import WINDOW, RowFinder
from .labels import official_key
from .problems import ImportFailure, ImportWarning
from .rereading import Pending, WrongCount, header_shows_totals, reread


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
        self.width_why: dict[str, str] = {}  # why a table's rows have that many, if not so
        self.padding_side: dict[str, str] = {}  # where a table's rows have empty cells too many
        self.warnings: list[ImportWarning] = []
        self.blanks: dict[str, list[ImportWarning]] = {}  # per table, each blank cell read as 0
        self.blank_texts: dict[str, list[str]] = {}  # what each of them was: "", "/", "-"
        self.finder = RowFinder(segments)
        self.last_line = start_line  # the last line a value was read from
        self.used_lines: set[int] = set()  # the lines a row's label or numbers were read from
        self.taken: dict[str, list[str]] = {}  # per table, the rows read (keys), in order
        self.details: list[ImportWarning] = []  # each row read again (--verbose)

    # --- finding rows -------------------------------------------------------------

    def keys(self) -> list[str]:
        """``key`` of every segment's text (each worked out once)."""
        return self.finder.keys()

    def _line_here(self) -> int:
        if self.cursor < len(self.segments):
            return self.segments[self.cursor].line or self.start_line
        return self.segments[-1].first_value_line if self.segments else self.start_line

    def read(self) -> None:
        for table in self.section.tables:
            self._read_table(table)
            self._summarise_blanks(table)

    def _summarise_blanks(self, table: Table) -> None:
        """One warning per table for its blank cells; each cell is in ``blanks``."""
        blanks = self.blanks.get(table.key, [])
        if not blanks:
            return
        name = " ".join(part for part in (self.section.number, table.title) if part)
        written = "、".join(
            f"“{text}”" if text else "空白" for text in dict.fromkeys(self.blank_texts[table.key])
        )
        self.warnings.append(
            ImportWarning(
                f"{name}：{len(blanks)} 个空单元格按 0 导入"
                f"（原文为{written}；加 --verbose 逐个列出）",
                blanks[0].line,
            )
        )

    def _read_table(self, table: Table) -> None:
        """Find each row of ``table`` in order, then read their numbers (see ``_take``)."""
        index = self.finder.find(self.cursor, table.rows[0].label, table, table.rows[0])
        if index is None and self._read_as_one_row(table):
            return
        header = self.finder.key(index) if index is not None else ""  # the text before row 一
        rows = table.rows
        found: list[tuple[Row, Segment]] = []
        i = 0
        while i < len(rows):
            row = rows[i]
            if i:  # the first row was looked for above, from where the cursor still is
                index = self.finder.find(self.cursor, row.label, table, row)
            if index is None:
                if row.derived:
                    i += 1
                    continue
                skipped = self._group_printed_as_one_row(table, row, found)
                if skipped:
                    i += skipped
                    continue
                where = self._line_here()
                missing = ImportFailure(
                    f"找不到“{self.section.number} {row.qualified_label}”这一行"
                    f"（在第 {where} 行附近找）",
                    where,
                )
                self._take(table, found, header, missing)
                raise missing  # (not reached: _take raised it, or the row that failed first)
            found.append((row, self.segments[index]))
            self.cursor = index + 1
            i += 1
        self._take(table, found, header)

    def _take(
        self,
        table: Table,
        found: list[tuple[Row, Segment]],
        header: str,
        missing: ImportFailure | None = None,
    ) -> None:
        """Read the numbers of the rows found, in order; a row with a count of numbers no
        row of the table can have is read again with the others (``rereading``). Where a
        row after them is ``missing``, the first row that failed is the failure, else that.

        The count a row must have is the first row's, except where the header shows the
        table's totals (its rows print them) and the rows do not all have one count less
        (a PDF drops a column of totals left blank): then it is all the columns."""
        counts = {len(segment.values) for _, segment in found}
        if (
            table.key not in self.row_width
            and header_shows_totals(table, header)
            and counts != {len(table.entered_columns)}
        ):
            self.row_width[table.key] = len(table.columns)
            self.width_why[table.key] = "表头有总计列"
        pending: list[Pending] = []  # rows with a count of numbers no row can have
        for row, segment in found:
            try:
                self._take_row(table, row, segment)
            except WrongCount as wrong:
                pending.append(Pending((row,), wrong.segment.values, wrong))
            except ImportFailure as failure:
                raise _first(pending, failure) from None
        if missing is not None:
            raise _first(pending, missing)
        if pending:
            reread(self, table, pending, self.row_width.get(table.key), header)

    def take_reread_row(self, table: Table, row: Row, segment: Segment) -> None:
        """A row read again (``rereading``), as if it had been printed so."""
        self._take_row(table, row, segment)

    def _group_printed_as_one_row(
        self, table: Table, row: Row, found: list[tuple[Row, Segment]]
    ) -> int:
        """Some reports print （六）其他处理 as one row without its items: import its
        values into the group's last item (3.其他, added to ``found``), the other items
        as 0, and warn."""
        if not row.groups:
            return 0
        group = row.groups[-1]
        members = [r for r in table.rows if r.groups and r.groups[-1] == group]
        if members[0] is not row or not members[-1].catch_all:
            return 0  # only where the last item takes "everything else" (（六）3.其他)
        index = self.finder.find(self.cursor, group)
        if index is None:
            return 0
        last = members[-1]
        for member in members[:-1]:
            for column in table.entered_columns:
                self.report.set(CellRef(table.key, member.key, column.key), _zero(column))
            self.taken.setdefault(table.key, []).append(member.key)
        found.append((last, self.segments[index]))
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
        """Part 四 as officially printed: all groups' values on one line (15 numbers).
        Only that table is printed so; any other run of values is read row by row."""
        if table.key != self.report.format.review_table:
            return False
        sizes = {len(table.rows) * len(table.columns), len(table.rows) * len(table.entered_columns)}
        for index in range(self.cursor, min(self.cursor + WINDOW, len(self.segments))):
            values = self.segments[index].values
            if header_shows_totals(table, self.finder.key(index)):
                # the header has the totals' columns: 12 numbers are 15 mangled, not 12
                sizes = {len(table.rows) * len(table.columns)}
            while len(values) > max(sizes) and values[-1].kind == "blank" and not values[-1].text:
                values = values[:-1]  # an empty column copied with the table
            if len(values) in sizes and len(values) > len(table.columns):
                per_row = len(values) // len(table.rows)
                for n, row in enumerate(table.rows):
                    chunk = Segment(row.label, values[n * per_row : (n + 1) * per_row])
                    chunk.line = self.segments[index].line
                    self._take_row(table, row, chunk)
                self.cursor = index + 1
                return True
        return self._read_as_one_mangled_row(table)

    def _read_as_one_mangled_row(self, table: Table) -> bool:
        """Part 四's one row with too few or too many numbers (runs of equal cells printed
        once, numbers wrapped in narrow cells): read again where one reading is left. Only
        where all of the table's numbers come after all its row labels, in one segment."""
        found = [i for i in range(self.cursor, len(self.segments)) if self.segments[i].values]
        if len(found) != 1:
            return False
        index = found[0]
        text = self.finder.key(index)
        if not all(official_key(row.label) in text for row in table.rows):
            return False
        segment = self.segments[index]
        failure = ImportFailure(
            f"“{self.section.number} {table.rows[0].label}”等 {len(table.rows)} 组应有 "
            f"{len(table.rows) * len(table.columns)} 个数，"
            f"第 {segment.first_value_line} 行起找到 {len(segment.values)} 个",
            segment.first_value_line,
        )
        # its header (the text before its numbers) tells whether its totals are printed
        reread(self, table, [Pending(table.rows, segment.values, failure)], None, text)
        self.cursor = index + 1
        return True

    # --- values --------------------------------------------------------------------

    def _take_row(self, table: Table, row: Row, segment: Segment) -> None:
        entered = table.entered_columns
        segment = self._without_padding(table, row, segment)
        count = len(segment.values)
        width = self.row_width.get(table.key)
        if width is not None and count != width:
            raise WrongCount(
                f"“{self.section.number} {row.qualified_label}”应有 {width} 个数"
                f"（{self.width_why.get(table.key, f'同表其他行有 {width} 个')}），"
                f"第 {segment.first_value_line} 行起找到 {count} 个",
                segment.first_value_line,
                segment,
            )
        if count == len(table.columns):
            columns: tuple[Column, ...] = table.columns
        elif count == len(entered):
            columns = entered
        else:
            expected = f"{len(entered)}" + (
                f" 或 {len(table.columns)}" if len(table.columns) != len(entered) else ""
            )
            raise WrongCount(
                f"“{self.section.number} {row.qualified_label}”应有 {expected} 个数，"
                f"第 {segment.first_value_line} 行起找到 {count} 个",
                segment.first_value_line,
                segment,
            )
        self.row_width.setdefault(table.key, count)
        self.taken.setdefault(table.key, []).append(row.key)
        if segment.values:
            self.last_line = max(self.last_line, segment.values[-1].line)
        self.used_lines.add(segment.line)
        self.used_lines.update(cell.line for cell in segment.values)
        report = self.report
        # With no published total in the report, setting a cell is putting it in its row.
        values = None if report.published else report.cells[table.key].get(row.key)
        row_derived = row.derived
        for (column, position, bounds), cell in zip(
            _placed(table, columns), segment.values, strict=True
        ):
            text = cell.text
            if cell.kind == "blank" and (row_derived or position is None):
                continue  # a total left blank states nothing to compare; the program sums it
            # the usual count (decimal digits only, within bounds), quickly; any other
            # value is read by _value
            value: Value
            if bounds and cell.kind == "number" and text.isdecimal():
                value = int(text)
                if not bounds[0] <= value <= bounds[1]:
                    value = self._value(CellRef(table.key, row.key, column.key), column, cell)
            else:
                value = self._value(CellRef(table.key, row.key, column.key), column, cell)
            if row_derived or position is None:
                ref = CellRef(table.key, row.key, column.key)
                self.published[ref] = value
                self.published_lines[ref] = cell.line
            elif values is not None:
                values[position] = value
                if report.bad_cells:
                    report.bad_cells.pop(CellRef(table.key, row.key, column.key), None)
            else:
                report.set(CellRef(table.key, row.key, column.key), value)

    def _without_padding(self, table: Table, row: Row, segment: Segment) -> Segment:
        """A row's values without the empty cells that are not values: the empty half
        of a merged label cell before them (a spreadsheet's copy), or the rest of a
        merged cell after them (a converter's Markdown). Only cells with nothing in
        them, only as many as the row has more than the table, and only at one end."""
        values = segment.values
        surplus = len(values) - self.row_width.get(table.key, len(table.columns))
        if surplus <= 0:
            return segment
        lead = next((i for i, c in enumerate(values) if c.kind != "blank" or c.text), len(values))
        rest = values[lead:]
        trail = next(
            (i for i, c in enumerate(reversed(rest)) if c.kind != "blank" or c.text), len(rest)
        )
        # ways to drop ``surplus`` empty cells: b from before the values, the rest after them
        ways = [b for b in range(surplus + 1) if b <= lead and surplus - b <= trail]
        side = self.padding_side.get(table.key)
        if len(ways) > 1 and side:
            ways = [max(ways)] if side == "before" else [min(ways)]
        elif len(ways) == 1 and ways[0] in (0, surplus):
            self.padding_side[table.key] = "before" if ways[0] else "after"
        if not ways:
            return segment  # not empty cells: the count is wrong, which _take_row reports
        if len(ways) > 1:
            raise ImportFailure(
                f"“{self.section.number} {row.qualified_label}”第 {segment.first_value_line} 行"
                f"比表格多 {surplus} 个空单元格，前后都有，无法判断哪些是数",
                segment.first_value_line,
            )
        before = ways[0]
        return Segment(
            segment.text, values[before : len(values) - (surplus - before)], segment.line
        )

    def _value(self, ref: CellRef, column: Column, cell: Cell) -> Value:
        number = cell.value
        if number is not None:
            try:
                return checked(number, column.kind, cell.text)
            except InvalidValue as exc:
                place = cell_label(self.report.format, ref)
                raise ImportFailure(
                    f"{place}：{exc.message}（第 {cell.line} 行）", cell.line
                ) from None
        place = cell_label(self.report.format, ref)
        written = signed(cell.text) if cell.kind == "bad" and column.kind.minimum < 0 else None
        if written is not None:
            return self._value(ref, column, Cell(written, cell.line, "number"))
        amount = in_unit(cell.text, column.kind.unit) if cell.kind == "bad" else None
        if amount is not None:
            if not cell.text.endswith("万元"):
                self.warnings.append(
                    ImportWarning(f"{place}：原文为“{cell.text}”，按 {amount} 万元导入", cell.line)
                )
            return self._value(ref, column, Cell(amount, cell.line, "number"))
        count = counted(cell.text) if cell.kind == "bad" and column.kind.is_integer else None
        if count is not None:  # 124件: the count, its unit typed into the cell
            self.warnings.append(
                ImportWarning(f"{place}：原文为“{cell.text}”，按 {count} 导入", cell.line)
            )
            return self._value(ref, column, Cell(count, cell.line, "number"))
        if cell.kind == "blank":
            self.blanks.setdefault(ref.table, []).append(
                ImportWarning(f"{place}：原文为空或为“{cell.text}”，按 0 导入", cell.line)
            )
            self.blank_texts.setdefault(ref.table, []).append(cell.text)
            return _zero(column)
        raise ImportFailure(f"{place}：“{cell.text}”不是有效的数字（第 {cell.line} 行）", cell.line)

    # --- published totals ------------------------------------------------------------

    def compare_totals(self) -> None:
        """One warning per published total that is not the sum of its parts."""
        fmt = self.report.format
        with self.report.grids_kept():  # each table's grid once (nothing changes here)
            computed_totals = [
                (
                    ref,
                    published,
                    self.report.grid(table)[table.row_index[ref.row]][
                        table.column_index[ref.column]
                    ],
                )
                for ref, published in self.published.items()
                for table in (fmt.table(ref.table),)
            ]
        for ref, published, computed in computed_totals:
            if computed is None or computed == published:
                continue
            self.warnings.append(
                ImportWarning(
                    f"{cell_label(fmt, ref)}：发布的数为 {format_value(published)}，"
                    f"各项之和为 {format_value(computed)}（已按各项导入，总计由程序计算）",
                    self.published_lines.get(ref),
                )
            )


Placed = tuple[Column, int | None, tuple[Decimal, Decimal] | None]


@lru_cache(maxsize=256)
def _placed(table: Table, columns: tuple[Column, ...]) -> tuple[Placed, ...]:
    """Each column with where its values are in a row of entered values (as ``Report.set``
    puts them), None for a derived column (a published total); and the bounds of a count,
    None for a column of amounts."""
    keys = [c.key for c in table.entered_columns]
    return tuple(
        (
            c,
            None if c.derived else keys.index(c.key),
            (c.kind.minimum, c.kind.maximum) if c.kind.is_integer else None,
        )
        for c in columns
    )


def _zero(column: Column) -> Value:
    return 0 if column.kind.is_integer else Decimal(0)


def _first(pending: list[Pending], failure: ImportFailure) -> ImportFailure:
    """The failure of the first row that could not be read: a row with a wrong count of
    numbers before ``failure`` comes first (its table was not read to its end)."""
    return pending[0].failure if pending else failure
