"""The official template's tables (merged cells) as derived from the format description,
against FORMAT.md's "The official template's tables", cell by cell."""

from __future__ import annotations

import re

import pytest

from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.formats.template import TemplateTable, placed_cells, published_tables

from .test_format_spec import FORMAT_MD

TEMPLATE_MD = FORMAT_MD[FORMAT_MD.index("## The official template's tables") :]
_PIECE = re.compile(r"^(?P<label>.+?)(?P<spans>(?: (?:cs|rs)=\d+)*)$")
NUMBERS = {"n", "amount", "7", "7 numbers", "15 numbers"}


def template_block(part: str) -> list[str]:
    start = TEMPLATE_MD.index(f"Part {part} —")
    block = TEMPLATE_MD[start:].split("```", 2)[1]
    return [line for line in block.split("\n")[1:] if line.strip()]


def spans_in(line: str) -> list[tuple[str, int, int]]:
    """(label, colspan, rowspan) of each labelled cell written on a line of FORMAT.md."""
    line = re.sub(r"^(header \d|data):", "", line.strip())
    line = re.sub(r"\s*\(then .*\)$", "", line)
    found = []
    for piece in line.split("|"):
        match = _PIECE.match(piece.strip())
        if not match or match["label"] in NUMBERS:
            continue
        spans = dict(re.findall(r"(cs|rs)=(\d+)", match["spans"]))
        found.append((match["label"], int(spans.get("cs", 1)), int(spans.get("rs", 1))))
    return found


def cells_of(layout: TemplateTable) -> list[tuple[str, int, int]]:
    return [(c.text, c.colspan, c.rowspan) for _, _, c in placed_cells(layout) if c.ref is None]


def same_label(written: str, label: str) -> bool:
    """FORMAT.md shortens the long note and items with …"""
    if "…" in written:
        head = written.split("…")[0]
        return label.startswith(head)
    return written == label


@pytest.mark.parametrize(
    ("part", "section"), [("二", "proactive"), ("三", "applications"), ("四", "review_litigation")]
)
def test_every_merged_cell_of_format_md_is_in_the_template(part: str, section: str):
    layout = published_tables(FORMAT_2021)[section]
    ours = cells_of(layout)
    written = [cell for line in template_block(part) for cell in spans_in(line)]
    assert written, part
    for label, colspan, rowspan in written:
        matches = [c for c in ours if same_label(label, c[0])]
        assert matches, label
        assert any(c[1:] == (colspan, rowspan) for c in matches), (label, matches)


def test_part_two_is_one_table_with_titles_as_rows():
    layout = published_tables(FORMAT_2021)["proactive"]
    assert layout.width == 4
    titles = [row[0] for row in layout.rows if row[0].role == "title"]
    assert [t.text for t in titles] == [t.title for t in FORMAT_2021.sections[1].tables]
    assert all(t.colspan == 4 for t in titles)
    one_value = [row for row in layout.rows if row[0].text in ("行政许可", "行政处罚", "行政强制")]
    assert len(one_value) == 3 and all(row[1].colspan == 3 for row in one_value)


def test_part_three_has_no_row_without_numbers():
    layout = published_tables(FORMAT_2021)["applications"]
    assert layout.width == 10 and layout.header_rows == 3
    body = layout.value_rows
    assert len(body) == 1 + 1 + 22 + 1  # 一, 二, （一）…（七）, 四
    for row in body:
        assert sum(1 for c in row if c.ref is not None) == 7
    results = body[2][0]
    assert (results.text, results.rowspan) == ("三、本年度办理结果", 22)


def test_part_four_is_one_row_of_fifteen():
    layout = published_tables(FORMAT_2021)["review_litigation"]
    assert layout.width == 15 and layout.header_rows == 3
    (data,) = layout.value_rows
    assert len(data) == 15 and all(c.ref is not None for c in data)
    assert [c.ref.row for c in data] == ["review"] * 5 + ["litigation_direct"] * 5 + [
        "litigation_after_review"
    ] * 5


@pytest.mark.parametrize("fmt", [FORMAT_2021, FORMAT_2019], ids=["2021", "2019"])
def test_every_layout_covers_its_grid_exactly_once(fmt):
    for layout in published_tables(fmt).values():
        covered: dict[tuple[int, int], int] = {}
        for r, c, cell in placed_cells(layout):
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    covered[(rr, cc)] = covered.get((rr, cc), 0) + 1
        assert set(covered.values()) == {1}
        assert set(covered) == {
            (r, c) for r in range(len(layout.rows)) for c in range(layout.width)
        }


def test_every_entered_and_computed_cell_is_printed_once():
    for fmt in (FORMAT_2021, FORMAT_2019):
        for key, layout in published_tables(fmt).items():
            refs = [c.ref for _, _, c in placed_cells(layout) if c.ref is not None]
            tables = [t for s in fmt.sections if s.key == key for t in s.tables]
            expected = {(t.key, r.key, c.key) for t in tables for r in t.rows for c in t.columns}
            assert sorted(refs) == sorted(expected)
