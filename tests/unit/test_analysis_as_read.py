"""The folder view's first reading: the listing and the check of every file at once
(``first_look.listed_and_checked``), and the analysis worked out as the rows come
(``AnalysisAsRead``), which must be ``analyse``'s whatever order the rows come in."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.cli import main
from tui_report.folder import first_look
from tui_report.folder.agencies import AgencyNames, read_agencies
from tui_report.folder.analysis_as_read import AnalysisAsRead
from tui_report.folder.county import Analysis, analyse
from tui_report.folder.index import ReportIndex
from tui_report.folder.rows import ReportRow, inspect_file, listed_rows

from ..county_data import AGENCIES, county, renamed_unit, two_years


def odd_folder(folder: Path) -> Path:
    """Every case the analysis knows: last year's reports, one missing, a renamed agency,
    a region prefix added, a draft beside the final copy, a file that cannot be read
    (its top can), a total written by sum, a TOML file that is no report."""
    county(folder)
    renamed_unit(folder)
    two_years(folder, "示例县教育局", "jiaoyu", (10, 12))
    two_years(folder, "示例县财政局", "caizheng", (3, 4))
    prefixed = folder / "caizheng-2024.toml"
    prefixed.write_text(
        prefixed.read_text(encoding="utf-8").replace("示例县财政局", "示例市示例县财政局"), "utf-8"
    )
    draft = (folder / "gongan-2024.toml").read_text(encoding="utf-8")
    (folder / "gongan-2024-初稿.toml").write_text(draft, encoding="utf-8")
    assert main(["sum", str(folder), "--year", "2023", "-o", str(folder / "合计-2023.toml")]) == 0
    (folder / "broken-2023.toml").write_text(  # (公安局 2024's last year, by its top)
        'format = "2021"\nagency = "示例县公安局"\nyear = 2023\n[applications\n', "utf-8"
    )
    (folder / "notes.toml").write_text('title = "不是报告"\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return odd_folder(tmp_path_factory.mktemp("county"))


@pytest.fixture(scope="module")
def read(folder: Path) -> tuple[list[ReportRow], list[ReportRow]]:
    listing = listed_rows(folder)
    return listing, [inspect_file(r.path) for r in listing]


def as_read(listing: list[ReportRow], rows: list[ReportRow], names: AgencyNames) -> Analysis:
    index = ReportIndex()  # (as the listing fills it)
    assert listed_rows(Path(listing[0].path).parent, index) == listing
    analysis = AnalysisAsRead(listing, index, names)
    for row in rows:
        analysis.add(row)
    return analysis.result(rows)


def test_the_folder_has_what_the_analysis_is_made_of(read, folder: Path):
    _, rows = read
    analysis = analyse(rows, AgencyNames())
    assert {f.kind for f in analysis.findings} == {"missing", "renamed", "duplicate", "spelling"}
    assert Path(analysis.links[str(folder / "caizheng-2024.toml")].previous).name == (
        "caizheng-2023.toml"
    )
    kinds = {Path(r.path).name: (r.total_of, bool(r.unreadable)) for r in rows}
    assert kinds["合计-2023.toml"][0] is not None and kinds["broken-2023.toml"][1]
    assert "notes.toml" not in kinds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_analysis_as_read_is_analyses_in_any_order(read, folder: Path, data):
    listing, rows = read
    order = data.draw(st.permutations(rows))
    for names in (AgencyNames(), read_agencies_of(folder)):
        expected = analyse(order, names)
        found = as_read(listing, order, names)
        assert found == expected
        assert list(found.links) == list(expected.links)  # (in the rows' order too)


def read_agencies_of(folder: Path) -> AgencyNames:
    path = folder.parent / f"{folder.name}-agencies.toml"
    path.write_text(AGENCIES, encoding="utf-8")
    return read_agencies(path)


def test_a_report_not_as_its_top_said_is_analysed_anew(read, monkeypatch):
    listing, rows = read
    fell_back: list[int] = []
    real = analyse

    def counted(*args: object) -> Analysis:
        fell_back.append(1)
        return real(*args)  # type: ignore[arg-type]

    from tui_report.folder import analysis_as_read

    monkeypatch.setattr(analysis_as_read, "analyse", counted)
    assert as_read(listing, rows, AgencyNames()) == real(rows, AgencyNames())
    assert fell_back == []  # (the usual case: worked out as the rows came)
    at = next(i for i, r in enumerate(rows) if r.path.endswith("jiaoyu-2024.toml"))
    renamed = [*rows[:at], dataclasses.replace(rows[at], agency="示例县体育局"), *rows[at + 1 :]]
    assert as_read(listing, renamed, AgencyNames()) == real(renamed, AgencyNames())
    assert fell_back == [1]


def test_the_listing_comes_before_any_row_and_each_report_once(folder: Path, monkeypatch):
    """The check starts before the listing is in: the rows checked meanwhile are held,
    then given after it, none twice, none that is not the listing's."""
    checked = threading.Event()
    real_inspect, real_listing = first_look.inspect_file, first_look.listed_rows
    seen: list[str] = []

    def inspect(path: str) -> ReportRow:
        seen.append(path)
        if len(seen) == 3:
            checked.set()
        return real_inspect(path)

    def listing_later(where: Path, index: ReportIndex) -> list[ReportRow]:
        assert checked.wait(10)  # three files checked before the listing is read
        return real_listing(where, index)

    monkeypatch.setattr(first_look, "inspect_file", inspect)  # (fewer than 40: no workers)
    monkeypatch.setattr(first_look, "listed_rows", listing_later)
    given: list[list[ReportRow]] = []
    rows = []
    for row in first_look.listed_and_checked(folder, lambda listing, _index: given.append(listing)):
        assert given, "a row before the listing"
        rows.append(row)
    (listing,) = given
    assert len(seen) > 3 and any(p.endswith("notes.toml") for p in seen)  # (checked for nothing)
    assert sorted(r.path for r in rows) == sorted(r.path for r in listing if not r.checked)


def test_a_report_the_first_look_missed_is_checked_after(folder: Path, monkeypatch):
    real = first_look.folder_files
    left_out = str(folder / "jiaoyu-2023.toml")

    def missing_one(where: Path, unreachable: list) -> object:
        return [entry for entry in real(where, unreachable) if entry[0] != left_out]

    monkeypatch.setattr(first_look, "folder_files", missing_one)
    rows = list(first_look.listed_and_checked(folder, lambda _listing, _index: None))
    assert [r.path for r in rows].count(left_out) == 1 and rows[-1].path == left_out
    assert rows[-1].checked and rows[-1].agency == "示例县教育局"


def test_a_file_listed_as_a_total_and_read_as_a_report_is_analysed_anew(tmp_path: Path):
    """Its top said a total written by sum (so the listing's index never offers it as
    last year's report); read in full it is a unit's report (changed in between): the
    analysis is worked out anew, as analyse gives it."""
    from ..county_data import unit_report, write

    folder = county(tmp_path / "county")
    total = folder / "合计-2023.toml"
    assert main(["sum", str(folder), "--year", "2023", "-o", str(total)]) == 0
    agency = "合计（4 个单位）"  # (the name sum gives its total)
    write(folder, "heji-2024.toml", unit_report(agency, 2024))
    listing = listed_rows(folder)
    rows = [inspect_file(r.path) for r in listing]
    at = next(i for i, r in enumerate(rows) if r.path == str(total))
    assert rows[at].total_of is not None and rows[at].agency == agency
    rows[at] = dataclasses.replace(rows[at], total_of=None)  # read as a unit's report
    expected = analyse(rows, AgencyNames())
    assert str(folder / "heji-2024.toml") in expected.links
    assert as_read(listing, rows, AgencyNames()) == expected
