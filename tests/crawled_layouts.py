"""A report as a crawler saves a portal page, and the ways such text is mangled (issue 23).

``crawled_lines`` writes a report in the official template (its merged cells as FORMAT.md
spells them out) the way a crawler that keeps each text node on a line of its own saves
it: the title, the prose paragraphs, the part headings, and each published cell of each
table once, in reading order. The mangles below each turn such text (or the program's own
text export) into a layout met in crawled pages, PDF text and Markdown conversions; every
one is a plain transformation of lines, so that a property test can apply it to any report.
"""

from __future__ import annotations

from tui_report.report.model import Report

from . import official_layouts as official


def crawled_lines(report: Report) -> list[str]:
    fmt = report.format
    lines = [f"{report.agency}{fmt.title(report.year)}"]
    lines += [p for p in report.texts[fmt.intro_key].split("\n") if p]
    for section in fmt.sections:
        lines.append(section.heading)
        if section.text_key:
            lines += [p for p in report.texts[section.text_key].split("\n") if p]
        if section.number in official.TABLES:
            for row in official.TABLES[section.number](report):
                lines += [text for text, _, _ in row]
    return lines


# --- the mangles -------------------------------------------------------------------------


def split_heading(lines: list[str], heading: str, cut: int) -> list[str]:
    """A part heading printed over two lines (``一、`` / ``总体情况``), cut after ``cut``
    characters."""
    at = lines.index(heading)
    return [*lines[:at], heading[:cut], heading[cut:], *lines[at + 1 :]]


def without_line(lines: list[str], text: str) -> list[str]:
    """A line lost in conversion (a part heading)."""
    at = lines.index(text)
    return lines[:at] + lines[at + 1 :]


def collapsed_runs(lines: list[str], start: int, end: int) -> list[str]:
    """Lines ``start``..``end`` (a table) as a crawler that drops a text node equal to the
    one before it saves them: ``4 1 0 0 0 0 5`` becomes ``4 1 0 5``."""
    out = lines[:start]
    for line in lines[start:end]:
        if out and len(out) > start and out[-1] == line:
            continue
        out.append(line)
    return out + lines[end:]


def blanks_dropped(lines: list[str], start: int, end: int, dropped: set[int]) -> list[str]:
    """Lines ``start``..``end`` (tables) of a page whose zeros were printed as blank cells,
    saved by a crawler that keeps no empty text node: the ``n``-th line ``0`` among them
    (counted from 0) is gone where ``n`` is in ``dropped``."""
    out = lines[:start]
    n = 0
    for line in lines[start:end]:
        if line == "0":
            n += 1
            if n - 1 in dropped:
                continue
        out.append(line)
    return out + lines[end:]


def zeros(lines: list[str], start: int, end: int) -> int:
    """How many lines ``0`` lines ``start``..``end`` have (for ``blanks_dropped``)."""
    return lines[start:end].count("0")


def split_number(lines: list[str], at: int, cut: int) -> list[str]:
    """A number in a narrow cell wrapped over two lines (``1`` / ``62`` for 162)."""
    number = lines[at]
    return [*lines[:at], number[:cut], number[cut:], *lines[at + 1 :]]


def interleaved_group(lines: list[str], group: str, rows: list[str], cuts: list[int]) -> list[str]:
    """A merged cell's group label (``（六）其他处理``) printed beside the lines of its rows'
    labels, as ``pdftotext -layout`` gives a narrow label column: the group label's line is
    gone, its pieces come between the two halves of its rows' labels."""
    pieces = _pieces(group, len(rows))
    out = without_line(lines, group)
    for label, piece, cut in zip(rows, pieces, cuts, strict=False):
        at = out.index(label)
        out[at : at + 1] = [label[:cut], piece, label[cut:]]
    return out


def _pieces(text: str, count: int) -> list[str]:
    size = -(-len(text) // count)
    return [text[i : i + size] for i in range(0, len(text), size)]


FURNITURE_KEYS = ("标题", "索引号", "发布机构", "发文日期")


def with_furniture(lines: list[str], publisher: str, title: str) -> list[str]:
    """A crawled page's header lines above the report (``标题：…``, ``发布机构：…``)."""
    return [
        f"标题：{title}",
        "索引号：000000000/2024-00001",
        f"发布机构：{publisher}",
        "发文日期：2024-01-20",
        *lines,
    ]


def ascii_brackets(lines: list[str]) -> list[str]:
    """Full-width brackets written as ASCII ones: ``(一)`` for ``（一）``."""
    return [line.replace("（", "(").replace("）", ")") for line in lines]


def bad_total(lines: list[str], report: Report, which: int, by: int) -> list[str]:
    """A published 总计 that does not add up (reports have them): the total of part 三's row
    ``which`` (modulo the rows) printed ``by`` more than its cells' sum."""
    fmt = report.format
    table = fmt.table(fmt.applications_table)
    row = table.rows[which % len(table.rows)]
    start = lines.index(fmt.sections[2].heading)
    if row.label not in lines[start:]:
        return lines  # mangled already past finding
    at = lines.index(row.label, start)
    numbers = [i for i in range(at + 1, len(lines)) if lines[i].isdigit()]
    if len(numbers) < len(table.columns):
        return lines
    total = numbers[len(table.columns) - 1]
    out = list(lines)
    out[total] = str(int(out[total]) + by)
    return out


def reordered(lines: list[str], headings: list[str], first: int, second: int) -> list[str]:
    """Two parts (from their headings to the next part's) in each other's places."""
    starts = [lines.index(heading) for heading in headings]
    ends = [*starts[1:], len(lines)]
    blocks = [lines[start:end] for start, end in zip(starts, ends, strict=True)]
    blocks[first], blocks[second] = blocks[second], blocks[first]
    return lines[: starts[0]] + [line for block in blocks for line in block]
