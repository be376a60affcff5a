"""Three-way merge of a report: the edits made in the editor put on top of the file as
it is on disk now (a ``git pull`` while the editor was open).

``base`` is the file as it was opened, ``mine`` the editor's report, ``theirs`` the
file on disk now. A cell, the agency, the year: whichever side changed it wins; when
both changed it to different values, it is a conflict. The texts are merged by
paragraph: changes to different paragraphs (even neighbouring ones) both apply; a
paragraph both sides changed differently, or two different paragraphs added at the
same place, is a conflict. Each conflict is decided for one side (``result``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from .model import BadCell, CellRef, Report, cell_label
from .values import Value, format_value

Side = Literal["mine", "theirs"]


class CannotMerge(Exception):
    """The three versions cannot be merged cell by cell (the reason is in Chinese)."""


@dataclass(frozen=True)
class Conflict:
    """A place both sides changed differently: its key (for ``result``'s choices), where
    it is in official words, and the three versions as written (``（无）`` for nothing)."""

    key: str
    label: str
    base: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class _Edit:
    """Base paragraphs ``start:end`` replaced by ``lines`` on one side."""

    start: int
    end: int
    lines: tuple[str, ...]
    side: Side


@dataclass(frozen=True)
class _Region:
    """Base paragraphs ``start:end``, as each side has them where both changed them."""

    start: int
    end: int
    mine: tuple[str, ...]
    theirs: tuple[str, ...]


@dataclass
class ReportMerge:
    """What merging the three versions gives: the conflicts to decide, and how many
    places each side alone changed."""

    base: Report
    mine: Report
    theirs: Report
    conflicts: list[Conflict] = field(default_factory=list)
    mine_only: int = 0  # places (cells, fields, runs of paragraphs) only the editor changed
    theirs_only: int = 0  # places only the file on disk changed
    _texts: dict[str, list[tuple[str, ...] | _Region]] = field(default_factory=dict)

    def result(self, choices: Mapping[str, Side] | None = None) -> Report:
        """The merged report: ``theirs`` with the editor's changes put on top, each
        conflict decided by ``choices[conflict.key]`` (every one must be decided)."""
        choices = choices or {}
        undecided = [c.label for c in self.conflicts if c.key not in choices]
        if undecided:
            raise ValueError(f"undecided conflicts: {undecided}")
        merged = self.theirs.copy()
        for key, value in self._field_versions():
            if _winner(key, value, choices) == "mine":
                _put_field(merged, self.mine, key)
        for ref, (base, mine, theirs) in self._cells():
            if _winner(_cell_key(ref), (base, mine, theirs), choices) == "mine":
                _put_cell(merged, self.mine, ref)
        for key, pieces in self._texts.items():
            lines: list[str] = []
            for piece in pieces:
                if isinstance(piece, _Region):
                    side = choices[_text_key(key, piece)]
                    lines += piece.mine if side == "mine" else piece.theirs
                else:
                    lines += piece
            merged.texts[key] = "\n".join(lines)
        return merged

    # --- the places compared ------------------------------------------------------------

    def _field_versions(self) -> Iterator[tuple[str, tuple[str, str, str]]]:
        for name in ("agency", "year"):
            base, mine, theirs = (_field(r, name) for r in (self.base, self.mine, self.theirs))
            yield name, (base, mine, theirs)

    def _cells(self) -> Iterator[tuple[CellRef, tuple[str, str, str]]]:
        for table in self.base.format.tables:
            for row in table.entered_rows:
                for column in table.entered_columns:
                    ref = CellRef(table.key, row.key, column.key)
                    yield (
                        ref,
                        (
                            _cell(self.base, ref),
                            _cell(self.mine, ref),
                            _cell(self.theirs, ref),
                        ),
                    )


def _winner(key: str, versions: tuple[str, str, str], choices: Mapping[str, Side]) -> Side:
    base, mine, theirs = versions
    if mine in (base, theirs):
        return "theirs"
    if theirs == base:
        return "mine"
    return choices[key]


def merge_reports(base: Report, mine: Report, theirs: Report) -> ReportMerge:
    """Compare the three versions; ``CannotMerge`` when they are not of one format."""
    if not base.format is mine.format is theirs.format:
        raise CannotMerge(
            f"磁盘上的文件是{theirs.format.version}格式，编辑器中的是{mine.format.version}"
            "格式，无法逐格合并"
        )
    merge = ReportMerge(base, mine, theirs)
    labels = {"agency": "发布机关", "year": "年度"}
    places = [(key, labels[key], versions) for key, versions in merge._field_versions()]
    places += [
        (_cell_key(ref), cell_label(base.format, ref), versions) for ref, versions in merge._cells()
    ]
    for key, label, (was, ours, other) in places:
        _count(merge, was, ours, other, Conflict(key, label, was, ours, other))
    for key in base.format.text_keys:
        merge._texts[key] = _merge_text(merge, key, base, mine, theirs)
    return merge


def _count(merge: ReportMerge, base: str, mine: str, theirs: str, conflict: Conflict) -> None:
    if mine == theirs:
        return  # unchanged, or the same change on both sides: nothing to choose
    if mine == base:
        merge.theirs_only += 1
    elif theirs == base:
        merge.mine_only += 1
    else:
        merge.conflicts.append(conflict)


# --- cells and fields as written ---------------------------------------------------------------


def _cell_key(ref: CellRef) -> str:
    return f"cell:{ref.table}/{ref.row}/{ref.column}"


def _cell(report: Report, ref: CellRef) -> str:
    """A cell as written: its value, or what an unusable value was (``1a（不合格）``)."""
    value = report.get(ref)
    if value is not None:
        return format_value(value)
    bad = report.bad_cells.get(ref)
    return f"{bad.raw}（不合格）" if bad and bad.raw else "（无）"


def _put_cell(merged: Report, source: Report, ref: CellRef) -> None:
    value: Value | None = source.get(ref)
    if value is not None:
        merged.set(ref, value)  # drops the totals written by hand that it no longer adds up to
    else:
        bad: BadCell | None = source.bad_cells.get(ref)
        merged.restore(ref, None, bad)


def _field(report: Report, name: str) -> str:
    if name == "agency":
        return report.agency
    bad = report.bad_fields.get("year")
    if report.year is None:
        return f"{bad.raw}（不合格）" if bad and bad.raw else "（无）"
    return str(report.year)


def _put_field(merged: Report, source: Report, name: str) -> None:
    if name == "agency":
        merged.agency = source.agency
        return
    merged.year = source.year
    merged.bad_fields.pop("year", None)
    if "year" in source.bad_fields:
        merged.bad_fields["year"] = source.bad_fields["year"]


# --- texts, paragraph by paragraph -----------------------------------------------------------


def _text_key(key: str, region: _Region) -> str:
    return f"text:{key}:{region.start}:{region.end}"


def _paragraphs(text: str) -> list[str]:
    """A text's paragraphs (lines); an empty text has none (not one empty paragraph)."""
    return text.split("\n") if text else []


def _edits(base: list[str], other: list[str], side: Side) -> list[_Edit]:
    """One side's changes of the base paragraphs. Paragraphs rewritten in place (as many
    as there were) are one edit each, so that a paragraph the other side added between
    two of them stays between them."""
    edits: list[_Edit] = []
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            edits += [_Edit(i1 + n, i1 + n + 1, (other[j1 + n],), side) for n in range(i2 - i1)]
        elif tag != "equal":
            edits.append(_Edit(i1, i2, tuple(other[j1:j2]), side))
    return edits


def _overlap(a: _Edit, b: _Edit) -> bool:
    """Whether two edits of the two sides touch the same paragraphs (then both cannot
    be applied): ranges that share a paragraph, an insertion strictly inside the other's
    range, or two insertions at the same place. Edits that only meet at an edge (one
    changes paragraph 2, the other paragraph 3, or adds one after paragraph 2) do not."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def _merge_text(
    merge: ReportMerge, key: str, base_report: Report, mine_report: Report, theirs_report: Report
) -> list[tuple[str, ...] | _Region]:
    """The text as pieces: runs of paragraphs settled, and regions both sides changed."""
    base, mine, theirs = (
        _paragraphs(r.texts.get(key, "")) for r in (base_report, mine_report, theirs_report)
    )
    if mine == theirs:
        return [tuple(theirs)]
    edits = sorted(
        _edits(base, mine, "mine") + _edits(base, theirs, "theirs"),
        key=lambda e: (e.start, e.end, e.side),
    )
    clusters = _clusters(edits)
    pieces: list[tuple[str, ...] | _Region] = []
    at = 0
    for cluster in clusters:
        start = min(e.start for e in cluster)
        end = max(e.end for e in cluster)
        pieces.append(tuple(base[at:start]))
        at = end
        sides = {e.side for e in cluster}
        mine_version = _applied(base, start, end, [e for e in cluster if e.side == "mine"])
        theirs_version = _applied(base, start, end, [e for e in cluster if e.side == "theirs"])
        if len(sides) == 1 or mine_version == theirs_version:
            pieces.append(mine_version if sides == {"mine"} else theirs_version)
            if mine_version != theirs_version:
                if sides == {"mine"}:
                    merge.mine_only += 1
                else:
                    merge.theirs_only += 1
            continue
        region = _Region(start, end, mine_version, theirs_version)
        pieces.append(region)
        merge.conflicts.append(
            Conflict(
                _text_key(key, region),
                _paragraph_label(base_report, key, start, end),
                _shown(tuple(base[start:end])),
                _shown(mine_version),
                _shown(theirs_version),
            )
        )
    pieces.append(tuple(base[at:]))
    return pieces


def _clusters(edits: list[_Edit]) -> list[list[_Edit]]:
    """Edits grouped where edits of the two sides overlap (through others too), in order."""
    clusters: list[list[_Edit]] = []
    for edit in edits:
        joined = [c for c in clusters if any(_overlap(edit, e) for e in c if e.side != edit.side)]
        if not joined:
            clusters.append([edit])
            continue
        first = joined[0]
        first.append(edit)
        for other in joined[1:]:
            first += other
            clusters.remove(other)
    return sorted(clusters, key=lambda c: (min(e.start for e in c), min(e.end for e in c)))


def _applied(base: list[str], start: int, end: int, edits: list[_Edit]) -> tuple[str, ...]:
    """Base paragraphs ``start:end`` with one side's edits (which never overlap) applied."""
    lines: list[str] = []
    at = start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        lines += base[at : edit.start]
        lines += edit.lines
        at = edit.end
    lines += base[at:end]
    return tuple(lines)


def _paragraph_label(report: Report, key: str, start: int, end: int) -> str:
    name = report.format.text_label(key)
    if start == end:
        return f"{name} 第 {start} 段之后" if start else f"{name} 开头"
    if end - start == 1:
        return f"{name} 第 {start + 1} 段"
    return f"{name} 第 {start + 1}–{end} 段"


def _shown(lines: tuple[str, ...]) -> str:
    """Paragraphs as the question shows them: an empty line named, none at all ``（无）``."""
    return "\n".join(line if line.strip() else "（空行）" for line in lines) or "（无）"
