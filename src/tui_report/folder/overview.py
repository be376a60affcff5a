"""The overview table of ``sum``, written as rows come: text, CSV or JSON (or the rows
for the Excel workbook, ``export.xlsx``).

Rows go to a temporary file as they arrive (so thousands of agencies cost no memory)
and are written out once the total is known and the sum is not refused. The text
layout is tabulate's ``simple`` format, computed from column widths kept on the way
(tabulate itself would need every row in memory; a test holds the two equal).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from ..export.sanitize import csv_field
from ..report.values import Value, format_value
from ..text.textwidth import width
from ..text.visible import for_editing, json_visible
from .totals import OverviewRow

SEPARATOR = "  "
MIN_PADDING = 2  # tabulate's: a column is at least its header plus two


class OverviewWriter:
    """Collects the overview's rows and writes the whole table at the end."""

    def __init__(self, columns: Sequence[str], output: str) -> None:
        self.columns = tuple(columns)
        self.output = output
        self.widths = [width(c) + MIN_PADDING for c in self.columns]
        self.rows = 0
        # lives until the table is written or given up (``write``, ``close``)
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def add(self, row: OverviewRow | Sequence[str | Value | None]) -> None:
        """A row (text, numbers, None for unknown): numbers stay numbers in JSON; text
        from a file reaches the terminal only made visible."""
        values = row.cells() if isinstance(row, OverviewRow) else row
        if self.output in ("json", "xlsx"):  # made visible when written out (json)
            cells: list[Any] = [as_json(v) for v in values]
        else:
            cells = [for_editing(as_text(v)) for v in values]
            if self.output == "text":
                cells = [cell.strip() for cell in cells]
                self.widths = [max(w, width(c)) for w, c in zip(self.widths, cells, strict=True)]
        self._spool.write(json.dumps(cells, ensure_ascii=False) + "\n")
        self.rows += 1

    def spooled(self) -> Iterator[list[Any]]:
        """Every row added, in order (numbers as JSON numbers for json and xlsx)."""
        self._spool.seek(0)
        return (json.loads(line) for line in self._spool)

    def write(self, out: IO[str]) -> None:
        """The table: a header, then every row added, in order."""
        rows = self.spooled()
        if self.output == "json":
            self._write_json(rows, out)
        elif self.output == "csv":  # no field a spreadsheet would run (csv_field)
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(self.columns)
            writer.writerows([csv_field(cell) for cell in row] for row in rows)
        else:
            self._write_text(rows, out)
        self._spool.close()

    def close(self) -> None:
        self._spool.close()

    def _write_json(self, rows: Iterable[list[object]], out: IO[str]) -> None:
        """As ``json.dumps(list_of_dicts, ensure_ascii=False, indent=2)``, row by row
        with every hidden character as a ``\\uXXXX`` escape."""
        out.write("[")
        for i, row in enumerate(rows):
            item = json.dumps(
                dict(zip(self.columns, row, strict=True)), ensure_ascii=False, indent=2
            )
            item = json_visible(item)
            out.write(("," if i else "") + "\n  " + item.replace("\n", "\n  "))
        out.write("\n]\n" if self.rows else "]\n")

    def _write_text(self, rows: Iterable[list[str]], out: IO[str]) -> None:
        def line(cells: Sequence[str]) -> str:
            parts = []
            for i, (cell, size) in enumerate(zip(cells, self.widths, strict=True)):
                pad = " " * (size - width(cell))
                parts.append(cell + pad if i == 0 else pad + cell)  # names left, numbers right
            return SEPARATOR.join(parts).rstrip()

        out.write(line(self.columns) + "\n")
        out.write(SEPARATOR.join("-" * size for size in self.widths) + "\n")
        for row in rows:
            out.write(line(row) + "\n")


def render(
    columns: Sequence[str],
    rows: Iterable[OverviewRow | Sequence[str | Value | None]],
    output: str,
) -> str:
    """The whole table as one string (for tests and small tables)."""
    writer = OverviewWriter(columns, output)
    for row in rows:
        writer.add(row)
    buffer = io.StringIO()
    writer.write(buffer)
    return buffer.getvalue()


def as_json(value: str | Value | None) -> str | int | float | None:
    """A cell of the overview in JSON: numbers as JSON numbers (as in export)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def as_text(value: str | Value | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else format_value(value)
