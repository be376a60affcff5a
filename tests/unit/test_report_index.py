"""Finding last year's report by an index of agency and year, read from the top of files."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.cli import main
from tui_report.cli.check import check_files
from tui_report.folder import year_facts, yearly
from tui_report.folder.index import ReportIndex
from tui_report.folder.names import agency_key, same_agency
from tui_report.storage import ReportFileError, read_report, tops
from tui_report.storage.tops import read_top, top_data

from ..conftest import EXAMPLE

BODY = EXAMPLE.read_text(encoding="utf-8").split("\n[intro]", 1)[1]


def indexed(path: Path):
    top = read_top(str(path))
    data = top_data(top, str(path)) if top is not None else None
    return None if data is None else tops.report_id_of(str(path), data)


def read_in_full(path: Path):
    try:
        report = read_report(path, for_saving=False).report
    except ReportFileError:
        return None
    return (report.agency, report.year)


# --- the top of a file identifies it exactly as reading it in full does ----------------------

TOP_LINES = st.sampled_from(
    [
        'agency = "巨鹿县官亭镇人民政府"',
        'agency = "邢台市巨鹿县官亭镇人民政府"  # 发布机关',
        "agency = '字面量 \\ 机关'",
        'agency = "转义\\u0041机关"',
        'agency = """多行\n机关"""',
        'agency = """\n[intro]\n"""',
        "agency = 12",
        'agency = ""',
        '"agency" = "引号键机关"',
        "year = 2023",
        "year = 2024 # 年度",
        "year = +2024",
        "year = 2_024",
        'year = "2024"',
        "year = 0",
        "year = 02024",
        "year = 2024.0",
        'format = "2021"',
        'format = "2019"',
        "# 注释 [不是表]",
        "",
        "   ",
        "note = [\n[1, 2],\n]",
        "x.y = 1",
        "year = 2023\nyear = 2024",
    ]
)


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(TOP_LINES, max_size=6),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["\n[intro]", "\n  [intro]", ""]),
)
def test_the_top_names_the_same_agency_and_year_as_the_whole_file(
    tmp_path: Path, lines: list[str], bom: bool, crlf: bool, table: str
):
    text = "\n".join(lines) + (table + BODY if table else "\n")
    if crlf:
        text = text.replace("\n", "\r\n")
    path = tmp_path / "r.toml"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    full = read_in_full(path)
    found = indexed(path)
    if full is None:
        return  # unreadable: never a candidate, whatever the top says (checked when read)
    assert found is not None and (found.agency, found.year) == full


@pytest.mark.slow
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(TOP_LINES | st.just("# 政府信息公开工作年度报告数据文件（tui-report）。"), max_size=6),
    st.booleans(),
    st.sampled_from(["\n[intro]", "\n\n[intro]", "\n  [intro]", ""]),
)
def test_a_folder_is_indexed_quickly_as_each_file_is_read(
    tmp_path: Path, lines: list[str], bom: bool, table: str
):
    """The quick read of the usual top names a file as the general way does, or leaves
    it to the general way; a folder's index holds what each file's top says."""
    text = "\n".join(lines) + (table + BODY if table else "\n")
    path = tmp_path / "r.toml"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    quick = tops.written_report_id(str(path))
    general = indexed(path)
    assert quick is None or quick == general
    index = ReportIndex()
    index.add_folder(tmp_path)
    assert set(index.dated()) == ({general} if general and general.year is not None else set())


def test_the_usual_top_is_read_quickly(tmp_path: Path):
    path = tmp_path / "r.toml"
    path.write_text("# 注\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert tops.written_report_id(str(path)) == (str(path), "示例市示例区人民政府", 2024)


def test_only_the_top_is_read(tmp_path: Path):
    path = tmp_path / "r.toml"
    rest = b"\n[intro]\n" + b"\xff\xfe not even UTF-8 " * 10_000
    path.write_bytes(b'format = "2021"\nagency = "some"\nyear = 2023\n' + rest)
    top = read_top(str(path))
    assert top == b'format = "2021"\nagency = "some"\nyear = 2023\n\n'
    assert indexed(path) == (str(path), "some", 2023)


def test_a_fifo_is_not_waited_on(tmp_path: Path):
    fifo = tmp_path / "pipe.toml"
    import os

    os.mkfifo(fifo)
    assert read_top(str(fifo)) is None
    index = ReportIndex()
    index.add_folder(tmp_path)  # a FIFO among reports is passed over, without blocking
    assert index.paths == set()


# --- the index finds what comparing every pair found -------------------------------------------

NAMES = st.sampled_from(
    [
        "巨鹿县官亭镇人民政府",
        "邢台市巨鹿县官亭镇人民政府",
        "河北省邢台市巨鹿县官亭镇人民政府",
        "巨鹿县 官亭镇人民政府",
        "巨鹿县王虎寨镇人民政府",
        "官亭镇人民政府",
        "平乡县人民政府",
        "巨鹿县人民政府",
        "河北省巨鹿县人民政府",
        "示例市示例区人民政府",
        "示例省示例市示例区人民政府",
        "示例市示例区人民政府办公室",
        "区政府",
        "某区区政府",
        "ＡＢ县ＣＤ局",
        "AB县CD局",
        "",
    ]
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(NAMES, st.integers(2022, 2024)), min_size=1, max_size=12),
    NAMES,
    st.integers(2022, 2025),
)
def test_the_index_finds_exactly_the_reports_that_pairwise_matching_found(
    files: list[tuple[str, int]], agency: str, year: int
):
    index = ReportIndex()
    for i, (name, when) in enumerate(files):
        index.add(tops.ReportId(f"r{i}.toml", name, when))
    pairwise = sorted(
        f"r{i}.toml"
        for i, (name, when) in enumerate(files)
        if when == year - 1 and same_agency(name, agency)
    )
    assert index.previous(agency, year) == pairwise


def test_names_are_compared_without_spaces_and_width():
    assert agency_key("ＡＢ县 CD局") == "AB县CD局"


# --- check, the editor and new --from read only what they use ----------------------------------


def county(folder: Path, agencies: int, years: tuple[int, ...]) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for i, year in itertools.product(range(agencies), years):
        (folder / f"{i:03}-{year}.toml").write_text(
            text.replace("示例市示例区人民政府", f"示例县第{i}单位").replace(
                "year = 2024", f"year = {year}"
            ),
            encoding="utf-8",
        )


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The report files read in full while finding last year's."""
    seen: list[str] = []
    real = year_facts.read_report

    def counting(path, for_saving=True, **how):
        seen.append(str(path))
        return real(path, for_saving, **how)

    monkeypatch.setattr(year_facts, "read_report", counting)
    return seen


def test_single_file_check_reads_only_last_years_report(tmp_path: Path, reads, capsys):
    county(tmp_path, 30, (2023, 2024))
    this = tmp_path / "007-2024.toml"
    check_files([this])
    assert f"（上年报告：{tmp_path / '007-2023.toml'}）" in capsys.readouterr().out
    assert reads == [str(tmp_path / "007-2023.toml")]


def test_folder_check_reads_nothing_twice(tmp_path: Path, reads, capsys):
    county(tmp_path, 30, (2022, 2023, 2024))
    check_files([tmp_path])
    out = capsys.readouterr().out
    assert out.count("（上年报告：") == 60
    assert f"{tmp_path / '007-2024.toml'}: " in out
    assert reads == []  # every report was read once, by the check itself


def test_no_pair_of_reports_is_compared(tmp_path: Path, monkeypatch, capsys):
    county(tmp_path, 40, (2023, 2024))
    compared: list[tuple[str, str]] = []
    real = same_agency
    monkeypatch.setattr(
        year_facts, "same_agency", lambda a, b: compared.append((a, b)) or real(a, b)
    )
    check_files([tmp_path])
    assert capsys.readouterr().out.count("（上年报告：") == 40
    assert len(compared) == 40  # each report only with the one the index found, not all 40
    assert all(a == b for a, b in compared)


async def test_editor_reads_only_last_years_report(tmp_path: Path, reads):
    from tui_report.tui.launch import make_app

    county(tmp_path, 30, (2023, 2024))
    app = make_app(tmp_path / "011-2024.toml", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.previous.path == str(tmp_path / "011-2023.toml")
    assert reads == [str(tmp_path / "011-2023.toml")]


def test_new_from_a_folder_finds_the_agencys_latest_report(tmp_path: Path, capsys, reads):
    reports = tmp_path / "reports"
    (reports / "2023").mkdir(parents=True)
    (reports / "2024").mkdir()
    county(reports / "2023", 10, (2023,))
    county(reports / "2024", 10, (2024,))
    this = tmp_path / "2025.toml"
    assert main(["new", str(this), "--from", str(reports), "--agency", "示例县第4单位"]) == 0
    out = capsys.readouterr().out
    assert f"上一年的报告：{reports / '2024' / '004-2024.toml'}" in out
    report = read_report(this).report
    assert (report.agency, report.year) == ("示例县第4单位", 2025)
    assert report.cells["applications"]["carried_over"] == [1, 0, 0, 0, 0, 1]
    assert reads == [str(reports / "2024" / "004-2024.toml")]


def test_new_from_a_folder_for_a_given_year_and_with_a_prefixed_name(tmp_path: Path, capsys):
    county(tmp_path, 5, (2022, 2023, 2024))
    this = tmp_path / "new" / "x.toml"
    this.parent.mkdir()
    code = main(["new", str(this), "--from", str(tmp_path), "--agency", "某市示例县第2单位",
                 "--year", "2024"])  # fmt: skip
    assert code == 0
    assert f"上一年的报告：{tmp_path / '002-2023.toml'}" in capsys.readouterr().out


def test_new_from_a_folder_needs_the_agency_and_says_when_nothing_is_found(tmp_path, capsys):
    county(tmp_path, 2, (2024,))
    assert main(["new", str(tmp_path / "x.toml"), "--from", str(tmp_path)]) == 2
    assert "--agency" in capsys.readouterr().err
    code = main(["new", str(tmp_path / "x.toml"), "--from", str(tmp_path), "--agency", "别的局"])
    assert code == 2 and "没有找到 别的局" in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()


def test_new_into_an_existing_file_says_so_first(tmp_path: Path, capsys, reads):
    """An existing file is refused before any last year's report is looked for (the
    folder's own 2024 report was announced as last year's, then refused as existing)."""
    county(tmp_path, 3, (2023, 2024))
    this = tmp_path / "002-2024.toml"
    before = this.read_bytes()
    code = main(["new", str(this), "--from", str(tmp_path), "--agency", "示例县第2单位"])
    out, err = capsys.readouterr()
    assert code == 2 and "文件已存在" in err and "上一年的报告" not in out
    assert this.read_bytes() == before and reads == []


def test_last_year_found_with_a_draft_beside_it_is_validated_to_choose(tmp_path: Path, reads):
    county(tmp_path, 3, (2023, 2024))
    draft = tmp_path / "001-2023-初稿.toml"
    shutil.copy(tmp_path / "001-2023.toml", draft)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("granted = [20,", "granted = [21,"), encoding="utf-8")
    found = yearly.previous_in_folder(
        tmp_path / "001-2024.toml", year_facts.facts_of_file(tmp_path / "001-2024.toml")
    )
    assert found is not None and found.path == str(tmp_path / "001-2023.toml")
