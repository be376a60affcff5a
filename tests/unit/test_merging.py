"""Three-way merge of a report (the file as opened, the editor's report, the file on disk
now): examples, and properties over generated edits of cells, fields and paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMAT_2019
from tui_report.report.merging import CannotMerge, merge_reports
from tui_report.report.model import BadCell, CellRef, Report
from tui_report.storage import read_report

from ..conftest import EXAMPLE

BASE = read_report(EXAMPLE).report
ENTERED = [
    CellRef(table.key, row.key, column.key)
    for table in BASE.format.tables
    for row in table.entered_rows
    for column in table.entered_columns
]
NATURAL = CellRef("applications", "new_received", "natural_person")
LICENSING = CellRef("art20_5", "licensing", "decisions")
TEXT = "shortcomings"


def edited(report: Report, cells: dict[CellRef, int], **texts: str) -> Report:
    copy = report.copy()
    for ref, value in cells.items():
        copy.set(ref, value)
    copy.texts.update(texts)
    return copy


def paragraphs(*lines: str) -> str:
    return "\n".join(lines)  # as the model holds a text: no final line break


# --- examples ------------------------------------------------------------------------------


def test_different_cells_and_paragraphs_merge_without_a_question():
    base = edited(BASE, {}, **{TEXT: paragraphs("甲", "乙", "丙")})
    mine = edited(base, {NATURAL: 43}, **{TEXT: paragraphs("甲", "乙改", "丙")})
    theirs = edited(base, {LICENSING: 1300}, **{TEXT: paragraphs("甲", "乙", "丙改")})
    merge = merge_reports(base, mine, theirs)
    assert merge.conflicts == []
    assert (merge.mine_only, merge.theirs_only) == (2, 2)
    result = merge.result()
    assert result.get(NATURAL) == 43 and result.get(LICENSING) == 1300
    assert result.texts[TEXT] == paragraphs("甲", "乙改", "丙改")  # neighbours, both kept


def test_a_cell_both_changed_is_a_conflict_decided_either_way():
    mine = edited(BASE, {NATURAL: 43, LICENSING: 7})
    theirs = edited(BASE, {NATURAL: 45})
    merge = merge_reports(BASE, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.label == "三 一、本年新收政府信息公开申请数量 · 自然人"
    assert (conflict.base, conflict.mine, conflict.theirs) == ("42", "43", "45")
    assert merge.result({conflict.key: "mine"}).get(NATURAL) == 43
    taken = merge.result({conflict.key: "theirs"})
    assert taken.get(NATURAL) == 45 and taken.get(LICENSING) == 7
    try:
        merge.result()
    except ValueError:
        pass
    else:
        raise AssertionError("an undecided conflict must not be decided silently")


def test_the_same_change_on_both_sides_is_no_conflict():
    mine = edited(BASE, {NATURAL: 50})
    merge = merge_reports(BASE, mine, mine.copy())
    assert merge.conflicts == [] and merge.result().get(NATURAL) == 50


def test_a_paragraph_both_changed_is_one_conflict_with_the_three_versions():
    base = edited(BASE, {}, **{TEXT: paragraphs("甲", "乙", "丙")})
    mine = edited(base, {}, **{TEXT: paragraphs("甲", "乙（本次）", "丙")})
    theirs = edited(base, {}, **{TEXT: paragraphs("甲", "乙（磁盘）", "丙", "丁")})
    merge = merge_reports(base, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.label == "五、存在的主要问题及改进情况 第 2 段"
    assert (conflict.base, conflict.mine, conflict.theirs) == ("乙", "乙（本次）", "乙（磁盘）")
    assert merge.result({conflict.key: "mine"}).texts[TEXT] == paragraphs(
        "甲", "乙（本次）", "丙", "丁"
    )


def test_paragraphs_added_at_the_same_place_are_a_conflict():
    base = edited(BASE, {}, **{TEXT: paragraphs("甲")})
    mine = edited(base, {}, **{TEXT: paragraphs("甲", "本次加的")})
    theirs = edited(base, {}, **{TEXT: paragraphs("甲", "磁盘上加的")})
    [conflict] = merge_reports(base, mine, theirs).conflicts
    assert conflict.label == "五、存在的主要问题及改进情况 第 1 段之后"
    assert conflict.base == "（无）"


def test_agency_and_year_merge_like_cells():
    mine = BASE.copy()
    mine.agency = "某县某局"
    theirs = BASE.copy()
    theirs.year = 2025
    result = merge_reports(BASE, mine, theirs).result()
    assert (result.agency, result.year) == ("某县某局", 2025)


def test_a_value_the_file_on_disk_cannot_use_is_kept_and_shown_as_written():
    theirs = BASE.copy()
    theirs.restore(LICENSING, None, BadCell("12a", "不是数字"))
    mine = edited(BASE, {LICENSING: 5})
    [conflict] = merge_reports(BASE, mine, theirs).conflicts
    assert conflict.theirs == "12a（不合格）"
    kept = merge_reports(BASE, BASE.copy(), theirs).result()
    assert kept.get(LICENSING) is None and kept.bad_cells[LICENSING].raw == "12a"


def test_a_total_written_by_hand_goes_when_my_edit_no_longer_adds_up_to_it():
    theirs = BASE.copy()
    total = CellRef("applications", "new_received", "total")
    theirs.published[total] = BASE.get(total)
    result = merge_reports(BASE, edited(BASE, {NATURAL: 43}), theirs).result()
    assert total not in result.published and result.get(NATURAL) == 43


def test_reports_of_different_formats_are_not_merged():
    from tui_report.report.templates import new_report

    other = new_report("某县某局", 2019, FORMAT_2019)
    try:
        merge_reports(BASE, BASE.copy(), other)
    except CannotMerge as exc:
        assert "格式" in str(exc)
    else:
        raise AssertionError("two formats cannot be merged cell by cell")


# --- properties -------------------------------------------------------------------------------

values = st.integers(min_value=0, max_value=999)
cell_edits = st.dictionaries(st.sampled_from(ENTERED), values, max_size=6)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(cell_edits, cell_edits)
def test_cells_each_side_alone_changed_are_taken_and_only_cells_both_changed_are_asked(
    mine_cells: dict[CellRef, int], their_cells: dict[CellRef, int]
):
    mine, theirs = edited(BASE, mine_cells), edited(BASE, their_cells)
    merge = merge_reports(BASE, mine, theirs)
    both = {
        ref
        for ref in mine_cells.keys() & their_cells.keys()
        if mine_cells[ref] != their_cells[ref]
        and BASE.get(ref) not in (mine_cells[ref], their_cells[ref])
    }
    assert {c.key for c in merge.conflicts} == {f"cell:{r.table}/{r.row}/{r.column}" for r in both}
    for side in ("mine", "theirs"):
        result = merge.result(dict.fromkeys((c.key for c in merge.conflicts), side))
        for ref in ENTERED:
            if ref in both:
                expected = (mine_cells if side == "mine" else their_cells)[ref]
            elif mine.get(ref) != BASE.get(ref):
                expected = mine.get(ref)
            else:
                expected = theirs.get(ref)
            assert result.get(ref) == expected, ref


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(cell_edits, cell_edits)
def test_merging_is_the_same_from_either_side(
    mine_cells: dict[CellRef, int], their_cells: dict[CellRef, int]
):
    mine, theirs = edited(BASE, mine_cells), edited(BASE, their_cells)
    forward, backward = merge_reports(BASE, mine, theirs), merge_reports(BASE, theirs, mine)
    assert [c.key for c in forward.conflicts] == [c.key for c in backward.conflicts]
    keys = [c.key for c in forward.conflicts]
    assert forward.result(dict.fromkeys(keys, "mine")).same_content(
        backward.result(dict.fromkeys(keys, "theirs"))
    )


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(cell_edits)
def test_one_side_unchanged_gives_the_other(cells: dict[CellRef, int]):
    changed = edited(BASE, cells, **{TEXT: paragraphs("新的", "文字")})
    for mine, theirs in ((changed, BASE.copy()), (BASE.copy(), changed)):
        merge = merge_reports(BASE, mine, theirs)
        assert merge.conflicts == []
        assert merge.result().same_content(changed)


@st.composite
def paragraph_edits(draw) -> tuple[list[str], list[str], list[str], list[str]]:
    """Base paragraphs, and two sides' edits of different paragraphs (replaced, deleted,
    a paragraph added after one), with what applying both must give."""
    count = draw(st.integers(min_value=1, max_value=8))
    base = [f"原{i}" for i in range(count)]
    # each paragraph, and the place after it, belongs to at most one side
    owners = draw(st.lists(st.sampled_from(["", "mine", "theirs"]), min_size=count, max_size=count))
    added_by = draw(
        st.lists(st.sampled_from(["", "mine", "theirs"]), min_size=count + 1, max_size=count + 1)
    )
    actions = draw(st.lists(st.sampled_from(["replace", "delete"]), min_size=count, max_size=count))
    sides: dict[str, list[str]] = {"mine": [], "theirs": []}
    merged: list[str] = []

    def add_after(place: int) -> None:  # place 0 is before the first paragraph
        side = added_by[place]
        if side:
            sides[side].append(f"{side}加{place}")
            merged.append(f"{side}加{place}")

    # an insertion inside a run of paragraphs the other side rewrote, unless it rewrote
    # them one for one (none deleted, none added), cannot be placed: the run is one
    # rewrite, and it is a conflict (not generated here)
    for place in range(1, count):
        inserter, left, right = added_by[place], owners[place - 1], owners[place]
        if inserter and left == right not in ("", inserter):
            first, last = place - 1, place
            while first > 0 and owners[first - 1] == left:
                first -= 1
            while last < count - 1 and owners[last + 1] == left:
                last += 1
            rewritten_one_for_one = (
                "delete" not in actions[first : last + 1]
                and left not in (added_by[first : last + 2])
            )
            if not rewritten_one_for_one:
                added_by[place] = ""
    add_after(0)
    for i, line in enumerate(base):
        owner, action = owners[i], actions[i]
        for side in ("mine", "theirs"):
            if side != owner:
                sides[side].append(line)
            elif action == "replace":
                sides[side].append(f"{side}改{i}")
        if not owner:
            merged.append(line)
        elif action == "replace":
            merged.append(f"{owner}改{i}")
        add_after(i + 1)
    return base, sides["mine"], sides["theirs"], merged


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(paragraph_edits())
def test_changes_to_different_paragraphs_both_apply(edits):
    base_lines, mine_lines, their_lines, merged = edits
    base = edited(BASE, {}, **{TEXT: "\n".join(base_lines)})
    mine = edited(base, {}, **{TEXT: "\n".join(mine_lines)})
    theirs = edited(base, {}, **{TEXT: "\n".join(their_lines)})
    merge = merge_reports(base, mine, theirs)
    assert merge.conflicts == []
    assert merge.result().texts[TEXT] == "\n".join(merged)


texts = st.lists(st.sampled_from(["甲", "乙", "丙", "丁", "戊", ""]), max_size=6).map("\n".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(texts, texts, texts)
def test_any_three_texts_merge_to_one_side_where_asked(base_text, mine_text, their_text):
    """Whatever the texts (repeated paragraphs, empty lines), every conflict decided for
    one side gives that side's text where the other side did not change it."""
    base = edited(BASE, {}, **{TEXT: base_text})
    mine = edited(base, {}, **{TEXT: mine_text})
    theirs = edited(base, {}, **{TEXT: their_text})
    merge = merge_reports(base, mine, theirs)
    keys = [c.key for c in merge.conflicts]
    for conflict in merge.conflicts:
        assert conflict.mine != conflict.theirs
    mine_wins = merge.result(dict.fromkeys(keys, "mine")).texts[TEXT]
    theirs_wins = merge.result(dict.fromkeys(keys, "theirs")).texts[TEXT]
    if their_text == base_text:
        assert mine_wins == theirs_wins == mine_text
    if mine_text in (base_text, their_text):
        assert mine_wins == theirs_wins == their_text
    if keys:
        assert mine_wins != theirs_wins or mine_text == their_text
