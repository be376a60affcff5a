"""Finding an official row among a table's segments: by its label at the end of a
segment's text, as printed or give or take a few characters, or wrapped over lines around
its numbers (``pdftotext -layout``), or with its group labels' lines between its own."""

from __future__ import annotations

from functools import lru_cache

from ..formats import Row, Table
from .cells import Segment
from .labels import MIN_SIMILARITY, ends_with_label, key, official_key

WINDOW = 5  # how many segments ahead a row may be (group headings come between)
MIN_WRAPPED = 6  # characters of a wrapped label that must come before its numbers


class RowFinder:
    """Looks for rows among segments, each segment's ``key`` worked out once."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self._keys: dict[int, str] = {}  # segment → key of its text
        self._pieces: dict[int, list[str]] = {}  # segment → key of each of its pieces

    def key(self, index: int) -> str:
        """``key`` of a segment's text, worked out once."""
        found = self._keys.get(index)
        if found is None:
            found = self._keys[index] = key(self.segments[index].text)
        return found

    def _piece_keys(self, index: int) -> list[str]:
        """``key`` of each of a segment's pieces of text, worked out once."""
        found = self._pieces.get(index)
        if found is None:
            found = self._pieces[index] = [key(piece) for piece in self.segments[index].pieces]
        return found

    def keys(self) -> list[str]:
        """``key`` of every segment's text (each worked out once)."""
        return [self.key(index) for index in range(len(self.segments))]

    def find(
        self, cursor: int, label: str, table: Table | None = None, row: Row | None = None
    ) -> int | None:
        """The segment from ``cursor`` on (within ``WINDOW``) whose text ends with the row's
        label, or wraps it around its numbers or around its group labels' lines; else the
        one ending most like it (``ends_with_label``); else None."""
        wanted = official_key(label)
        heads = _column_heads(table) if table else ""
        best, best_score = None, MIN_SIMILARITY
        for index in range(cursor, min(cursor + WINDOW, len(self.segments))):
            segment = self.segments[index]
            if not segment.values:
                continue
            text = self.key(index)
            if heads and text.endswith(heads) and len(text) > len(heads):
                text = text[: -len(heads)]  # 行政复议 结果维持 … 总计: a title over the headings
            # the label exactly (as ends_with_label scores 1.0), or wrapped around the numbers
            if text.endswith(wanted) or self._wrapped_around(index, wanted):
                return index
            if row is not None and row.groups and self._interleaved(index, wanted, row):
                return index
            score = ends_with_label(text, wanted)
            if score >= best_score:
                best, best_score = index, score
        return best

    def _wrapped_around(self, index: int, wanted: str) -> float:
        """A long label wrapped around its numbers (``pdftotext -layout``): its start
        before them, its end at the start of the next segment's text."""
        if index + 1 >= len(self.segments):
            return 0.0
        text, after = self.key(index), self.key(index + 1)
        for cut in range(len(wanted) - 1, MIN_WRAPPED - 1, -1):
            if text.endswith(wanted[:cut]) and after.startswith(wanted[cut:]):
                return 1.0
        return 0.0

    def _interleaved(self, index: int, wanted: str, row: Row) -> bool:
        """A label whose lines have its group labels' lines between them (``pdftotext
        -layout`` of a narrow label column beside a merged cell: ``2、申请人逾期未按收费
        通知要求缴纳`` / ``他处理`` / ``费用、行政机关…``): the label read without pieces
        of text that are parts of the row's group labels, before its numbers or wrapped
        around them."""
        groups = _group_keys(row)
        here = self._piece_keys(index)[-INTERLEAVED:]
        after = self._piece_keys(index + 1)[:INTERLEAVED] if index + 1 < len(self.segments) else []
        if not any(piece and piece in group for piece in here + after for group in groups):
            return False  # nothing of a group label among them: _find has looked already
        for kept_here in _without_group_pieces(here, groups):
            text = "".join(kept_here)
            if text.endswith(wanted):
                return True
            for kept_after in _without_group_pieces(after, groups):
                rest = "".join(kept_after)
                for cut in range(len(wanted) - 1, MIN_WRAPPED - 1, -1):
                    if text.endswith(wanted[:cut]) and rest.startswith(wanted[cut:]):
                        return True
        return False


@lru_cache(maxsize=256)
def _column_heads(table: Table) -> str:
    """The column headings of a table run together, as a title over them prints them."""
    return "".join(official_key(column.label) for column in table.columns)


INTERLEAVED = 8  # pieces of text around a label where its group labels' lines may be
MAX_DROPPED = 4  # pieces of group labels dropped from among them, at most


@lru_cache(maxsize=256)
def _group_keys(row: Row) -> tuple[str, ...]:
    return tuple(official_key(group) for group in row.groups)


def _without_group_pieces(pieces: list[str], groups: tuple[str, ...]) -> list[list[str]]:
    """``pieces`` without some of those that are parts of a group label (each way, the
    pieces kept; the first way keeps them all)."""
    movable = [i for i, piece in enumerate(pieces) if piece and any(piece in g for g in groups)]
    movable = movable[-MAX_DROPPED:]
    ways: list[list[str]] = []
    for mask in range(1 << len(movable)):
        dropped = {movable[bit] for bit in range(len(movable)) if mask >> bit & 1}
        ways.append([piece for i, piece in enumerate(pieces) if i not in dropped])
    return ways
