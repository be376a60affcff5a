"""Plain-text table layout for CJK text: display widths, wrapping, grouped headers.

tabulate (with wcwidth) lines up the cells; this module adds what it lacks:
wrapping Chinese labels by display width, and header rows that span columns
(法人或其他组织 over its five columns), drawn in ASCII only.
"""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth

# Characters that must not begin a line (they stay with the character before).
_NO_LINE_START = set("，。、；：？！）》」』”’%,.;:?!)")
# Where a line may best be broken: after these.
_SOFT_BREAK = set("，、；：")


def width(text: str) -> int:
    """Display width in terminal columns (CJK = 2); control characters count 0."""
    result = wcswidth(text)
    if result >= 0:
        return result
    return sum(max(wcwidth(ch), 0) for ch in text)


def wrap(text: str, limit: int, indent: str = "") -> list[str]:
    """Break text into lines no wider than ``limit``; continuation lines keep ``indent``.

    Prefers to break after a comma (，、) near the end of a line, and never
    starts a line with closing punctuation when it can avoid it.
    """
    limit = max(limit, width(indent) + 2)
    lines: list[str] = []
    current = ""
    for ch in text:
        if width(current + ch) > limit and current.strip():
            current, carry = _break_point(current, ch, len(indent))
            lines.append(current)
            current = indent + carry
        else:
            current += ch
    if current.strip() or not lines:
        lines.append(current)
    return lines


def _break_point(line: str, next_char: str, indent: int) -> tuple[str, str]:
    """Split an overflowing line: (the line to emit, what moves to the next line)."""
    for back in range(1, 7):
        cut = len(line) - back
        if cut > indent + 2 and line[cut - 1] in _SOFT_BREAK:
            return line[:cut], line[cut:] + next_char
    if next_char in _NO_LINE_START and len(line) > indent + 1:
        return line[:-1], line[-1] + next_char
    return line, next_char


def wrap_header(label: str, limit: int) -> str:
    """A column header in two-character pieces, as many per line as fit (自然/人)."""
    pieces = [label[i : i + 2] for i in range(0, len(label), 2)]
    lines: list[str] = []
    for piece in pieces:
        if lines and width(lines[-1] + piece) <= limit:
            lines[-1] += piece
        else:
            lines.append(piece)
    return "\n".join(lines)


def center(text: str, size: int) -> str:
    gap = max(size - width(text), 0)
    return " " * (gap // 2) + text + " " * (gap - gap // 2)


def add_group_headers(table: str, groups: list[tuple[str, ...]]) -> str:
    """Insert header lines above a tabulate ``grid`` table for column groups.

    ``groups[i]`` are the spanning headers of column ``i``, outermost first (empty
    for a column with none). Adjacent columns with the same group share one cell.
    """
    lines = table.split("\n")
    border = lines[0]
    bounds = [i for i, ch in enumerate(border) if ch == "+"]
    depth = max((len(g) for g in groups), default=0)
    if depth == 0:
        return table
    added: list[str] = []
    for level in range(depth):
        spans = _spans([g[: level + 1] if len(g) > level else None for g in groups])
        label_line = list(" " * len(border))
        rule_line = list(" " * len(border))
        for start, end, key in spans:
            left, right = bounds[start], bounds[end + 1]
            inner = right - left - 1
            label_line[left] = label_line[right] = "|"
            if key is None:
                for bound in (left, right):
                    if rule_line[bound] != "+":
                        rule_line[bound] = "|"
                continue
            text = center(key[-1], inner)
            _put(label_line, left + 1, text, inner)
            rule_line[left] = rule_line[right] = "+"
            rule_line[left + 1 : right] = "-" * inner
        added += [_join(label_line), _join(rule_line)]
    return "\n".join([border, *added, *lines[1:]])


def _spans(keys: list[tuple[str, ...] | None]) -> list[tuple[int, int, tuple[str, ...] | None]]:
    spans: list[tuple[int, int, tuple[str, ...] | None]] = []
    for i, key in enumerate(keys):
        if spans and key is not None and spans[-1][2] == key:
            spans[-1] = (spans[-1][0], i, key)
        else:
            spans.append((i, i, key))
    return spans


def _put(line: list[str], start: int, text: str, size: int) -> None:
    """Write ``text`` (display width ``size``) into a character list laid out by columns.

    A wide character occupies two cells of the list: the second holds "".
    """
    position = start
    for ch in text:
        line[position] = ch
        if width(ch) == 2:
            line[position + 1] = ""
            position += 2
        else:
            position += 1


def _join(line: list[str]) -> str:
    return "".join(line).rstrip()
