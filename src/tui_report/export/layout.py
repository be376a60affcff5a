"""Header rows that span columns (法人或其他组织 over its five columns) for tabulate's
``grid`` tables, drawn in ASCII only."""

from __future__ import annotations

from ..text.textwidth import cjk_width, pad


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
            text = pad(key[-1], inner, "center", cjk_width)
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
        if cjk_width(ch) == 2:
            line[position + 1] = ""
            position += 2
        else:
            position += 1


def _join(line: list[str]) -> str:
    return "".join(line).rstrip()
