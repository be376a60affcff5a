"""The compact index (``folder.compact``, ``folder.index``) and check's notes from numbers
(``folder.check_notes``) answer every question exactly as plain dicts and lists do."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.folder.agencies import AgencyNames
from tui_report.folder.check_notes import CheckedReports
from tui_report.folder.compact import PathTable, StringTable, Years
from tui_report.folder.county import notes
from tui_report.folder.index import (
    LOOKS_BEFORE_INDEXING,
    ReportIndex,
    ReportPaths,
    walk_report_paths,
)
from tui_report.folder.names import MIN_NAME, agency_key, prefix_splits, with_a_prefix
from tui_report.storage.tops import ReportId

# any text, lone surrogates too (a file name that is no UTF-8 comes as one)
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\udcff\ud800"))
NAMES = TEXTS.filter(lambda t: "/" not in t)
FOLDERS = st.sampled_from(["", "/", "a/", "/tmp/年报/", "a/b/", "./"])
REGIONS = ["", "江苏省", "淮安市", "清河县", "江苏省淮安市", "东河区"]
UNITS = ["财政局", "水利局", "人民政府办公室", "张湾镇人民政府", "审 计局", "ＡＢＣ局", ""]
AGENCIES = st.builds(lambda r, u: r + u, st.sampled_from(REGIONS), st.sampled_from(UNITS))
YEARS = st.sampled_from([None, 0, 2023, 2024, 2025, 70000, -5, 2**40])


@given(st.lists(TEXTS))
def test_a_string_table_numbers_each_string_once_in_order_and_gives_it_back(texts):
    table, numbers = StringTable(), {}
    for text in texts:
        numbers.setdefault(text, len(numbers))
        assert table.number(text) == numbers[text]
    assert len(table) == len(numbers)
    assert list(table) == list(numbers)
    for text, number in numbers.items():
        assert table[number] == text and table.find(text) == number and text in table
    assert table.find("never given \x00") is None or "never given \x00" in numbers


@given(st.lists(st.tuples(FOLDERS, NAMES)))
def test_a_path_table_numbers_each_path_once_and_gives_it_back(parts):
    table, numbers = PathTable(), {}
    for folder, name in parts:
        path = folder + name
        numbers.setdefault(path, len(numbers))
        assert table.number(path) == numbers[path]
    assert list(table) == list(numbers) and len(table) == len(numbers)
    for path, number in numbers.items():
        assert table[number] == path and table.find(path) == number and path in table
    assert table.find("/elsewhere/x.toml") is None


@given(st.lists(YEARS), st.data())
def test_years_hold_any_year_and_none(years, data):
    held = Years()
    for year in years:
        held.append(year)
    assert [held[i] for i in range(len(held))] == years
    if years:
        at = data.draw(st.integers(0, len(years) - 1))
        year = data.draw(YEARS)
        held[at] = year
        years[at] = year
        assert [held[i] for i in range(len(held))] == years


# --- the index against a plain model --------------------------------------------------------


def plain_previous(
    reports: list[ReportId], agency: str, year: int | None, path: str, indexed: bool
) -> list[str]:
    """``ReportIndex.previous`` by looking at every report (no index): a name of last
    year is the name, the name without its region prefix, or (``indexed``: once the
    index of names without their prefix is built) a name whose own prefix dropped
    gives it, else the name with a region prefix (``with_a_prefix``, names long enough)."""
    if year is None:
        return []
    key = agency_key(agency)
    if not key:
        return []
    wanted = {key, *(key[end:] for end in prefix_splits(key))}
    found = set()
    for report in reports:
        other = agency_key(report.agency)
        if report.year != year - 1 or not other:
            continue
        if indexed:
            prefixed = key in {other[end:] for end in prefix_splits(other)}
        else:
            prefixed = len(key) >= MIN_NAME and other.endswith(key) and with_a_prefix(other, key)
        if other in wanted or prefixed:
            found.add(report.path)
    found.discard(path)
    return sorted(found)


REPORTS = st.lists(
    st.tuples(FOLDERS, st.sampled_from(["a", "b", "c", "甲", "乙"]), AGENCIES, YEARS),
    max_size=30,
)


@settings(max_examples=150)
@given(REPORTS, st.lists(st.tuples(AGENCIES, YEARS), max_size=20))
def test_the_index_answers_as_a_look_at_every_report(reports, questions):
    """Who and when each file is, which are dated, and last year's files of any agency
    and year: as a look at every report gives (past the first questions, the index of
    names without their prefix answers, as in a whole folder's check)."""
    index, model = ReportIndex(), {}
    for folder, name, agency, year in reports:
        path = f"{folder}{name}-{year}.toml"
        index.add(ReportId(path, agency, year))
        model.setdefault(path, ReportId(path, agency, year))
    dated = [r for r in model.values() if r.year is not None]
    assert sorted(index.dated()) == sorted(dated)
    assert set(index.paths) == set(model) and len(index.paths) == len(model)
    for path, report in model.items():
        assert path in index.paths and index.identity(index.files.find(path)) == report
    path = next(iter(model), "")
    for agency, year in questions:  # asked first: the names of the year are looked through
        fresh = ReportIndex()
        for report in model.values():
            fresh.add(report)
        assert fresh.previous(agency, year, path) == plain_previous(
            dated, agency, year, path, False
        )
    for year in {y for _, y in questions if y is not None}:
        for _ in range(LOOKS_BEFORE_INDEXING + 1):  # asked often: then indexed
            index.previous("江苏省清河县财政局", year)
    for agency, year in questions:
        assert index.previous(agency, year, path) == plain_previous(dated, agency, year, path, True)


def test_a_total_is_known_but_never_last_years_report():
    index = ReportIndex()
    index.add_total(ReportId("t.toml", "财政局", 2023))
    index.add(ReportId("a.toml", "财政局", 2023))
    assert "t.toml" in index.paths and index.totals == {"t.toml"}
    assert index.previous("财政局", 2024) == ["a.toml"]
    assert [r.path for r in index.dated()] == ["a.toml"]


def test_a_folder_is_listed_sorted_as_paths_sort(tmp_path: Path):
    """Files of one folder and of several, in the order ``Path`` objects sort (part by
    part), with more files than are sorted at once."""
    from tui_report.folder import index as index_module

    names = ["b.toml", "a b.toml", "a.toml", "a.toml.toml", "乙.toml", "甲.toml", "Z.toml"]
    for name in names:
        (tmp_path / name).write_text('format = "2021"\nagency = "x"\nyear = 2024\n')
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "c.toml").write_text('format = "2021"\nagency = "y"\nyear = 2024\n')
    old = index_module.SORTED_TOGETHER
    index_module.SORTED_TOGETHER = 2
    try:
        found = walk_report_paths(tmp_path, index=ReportIndex())
        alone = walk_report_paths(tmp_path / "a", index=ReportIndex())
    finally:
        index_module.SORTED_TOGETHER = old
    expected = sorted([tmp_path / n for n in names] + [tmp_path / "a" / "c.toml"])
    assert list(found) == [str(p) for p in expected]
    assert isinstance(found, ReportPaths) and found[1:3] == [str(p) for p in expected[1:3]]
    assert list(alone) == [os.path.join(tmp_path, "a", "c.toml")]


# --- check's notes from numbers against county.notes of the same reports ---------------


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTS, st.data())
def test_checks_notes_from_numbers_are_county_notes_word_for_word(reports, data):
    by_path: dict[str, ReportId] = {}
    for folder, name, agency, year in reports:
        path = f"{folder}{name}-{agency}-{year}.toml"
        by_path.setdefault(path, ReportId(path, agency, year))
    told = list(by_path.values())
    links = []
    if told:
        for report in told:
            if data.draw(st.booleans()):
                last = data.draw(st.sampled_from([*told, ReportId("gone.toml", "x", 1)]))
                links.append((report.path, last.path))
    names = AgencyNames()
    checked = CheckedReports(ReportIndex(), names)
    for report in told:
        checked.add(*report)
    for this, last in links:
        checked.link(this, last)
    plain_links = [(by_path[t], by_path[last]) for t, last in links if last in by_path]
    expected = notes(told, plain_links, names) if len(told) > 1 else []
    assert checked.notes() == expected
