"""A reader of ASCII grid tables with merged cells (as reStructuredText's grid tables),
written for the tests independently of the exporter: it finds each cell by tracing
its borders, as a reader's eye does."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from tui_report.text.textwidth import cjk_width


@dataclass(frozen=True)
class GridCell:
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str  # the cell's lines, stripped and joined without spaces


def _canvas(lines: list[str]) -> list[list[str]]:
    """Each line as display columns (a wide character takes two, the second empty)."""
    rows = []
    for line in lines:
        row: list[str] = []
        for ch in line:
            row.append(ch)
            if cjk_width(ch) == 2:
                row.append("")
        rows.append(row)
    size = max(len(row) for row in rows)
    return [row + [" "] * (size - len(row)) for row in rows]


def read_grid(lines: list[str]) -> list[GridCell]:
    grid = _canvas(lines)
    bottom = len(grid) - 1
    found: list[tuple[int, int, int, int, str]] = []
    seen: set[tuple[int, int]] = set()
    corners = [(0, 0)]
    while corners:
        y, x = heapq.heappop(corners)
        if (y, x) in seen or y == bottom or x >= len(grid[y]) - 1:
            continue
        seen.add((y, x))
        assert grid[y][x] == "+", (y, x, "".join(grid[y]))
        if grid[y + 1][x] not in ("|", "+") or grid[y][x + 1] not in ("-", "="):
            continue  # a corner of cells above or beside, not the top left of a cell
        x2 = x + 1
        while True:  # along the top to the corner where the right border goes down
            while grid[y][x2] in ("-", "="):
                x2 += 1
            assert grid[y][x2] == "+", (y, x2, "".join(grid[y]))
            if grid[y + 1][x2] in ("|", "+"):
                break
            x2 += 1
        y2 = y + 1
        while True:  # down the right border to the corner where the bottom goes left
            while grid[y2][x2] == "|":
                y2 += 1
            assert grid[y2][x2] == "+", (y2, x2)
            if grid[y2][x2 - 1] in ("-", "="):
                break
            y2 += 1
        text = "".join("".join(grid[yy][x + 1 : x2]).strip() for yy in range(y + 1, y2))
        found.append((y, x, y2, x2, text.replace(" ", "")))
        heapq.heappush(corners, (y, x2))
        heapq.heappush(corners, (y2, x))
    ys = sorted({c[0] for c in found} | {c[2] for c in found})
    xs = sorted({c[1] for c in found} | {c[3] for c in found})
    return [
        GridCell(
            ys.index(y), xs.index(x), ys.index(y2) - ys.index(y), xs.index(x2) - xs.index(x), text
        )
        for y, x, y2, x2, text in sorted(found)
    ]


def table_blocks(text: str) -> list[list[str]]:
    """The tables of a text export: runs of lines that start with + or |."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith(("+", "|")):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks
