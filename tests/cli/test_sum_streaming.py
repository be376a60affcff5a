"""``sum`` streams: rows as they come, running totals, all cores; the same output as
adding up reports held in memory and as tabulate/json would lay the overview out."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from tui_report.cli import main
from tui_report.folder.overview import render
from tui_report.folder.parallel import SERIAL_BELOW
from tui_report.folder.totals import add_up
from tui_report.report.model import CellRef
from tui_report.report.values import format_value
from tui_report.storage import read_report

from ..conftest import EXAMPLE

FEES = CellRef("art20_8", "fees", "amount")
COLUMNS = ("发布机关", "新收", "上年结转", "办结", "结转下年度", "行政复议", "行政诉讼", "错误")
CELL = st.text(st.sampled_from("示例县第一单位ABC abc0123456789.“”（）·-"), max_size=12)
ROWS = st.lists(st.lists(CELL, min_size=8, max_size=8), min_size=1, max_size=8)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(ROWS)
def test_text_overview_is_laid_out_as_tabulate_lays_it_out(rows: list[list[str]]):
    expected = tabulate(
        rows,
        headers=COLUMNS,
        tablefmt="simple",
        disable_numparse=True,
        colalign=("left", *("right" for _ in COLUMNS[1:])),
    )
    assert render(COLUMNS, rows, "text") == expected + "\n"


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(ROWS)
def test_json_overview_is_what_json_dumps_writes(rows: list[list[str]]):
    expected = json.dumps(
        [dict(zip(COLUMNS, r, strict=True)) for r in rows], ensure_ascii=False, indent=2
    )
    assert render(COLUMNS, rows, "json") == expected + "\n"


def county(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"r{i:03}.toml"
        changed = text.replace("示例市示例区人民政府", f"示例县第{i}单位")
        changed = changed.replace("licensing = 1287", f"licensing = {i}")
        changed = changed.replace("fees = 128.40", f"fees = {i}.{i:02}")
        path.write_text(changed, encoding="utf-8")
        paths.append(path)
    return paths


def test_many_reports_in_workers_add_up_as_in_memory(tmp_path: Path, capsys):
    paths = county(tmp_path / "county", SERIAL_BELOW + 25)  # enough for worker processes
    bad = paths[7]
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("granted = [20,", "granted = [21,"),
        encoding="utf-8",
    )
    total_file = tmp_path / "total.toml"
    code = main(["sum", str(tmp_path / "county"), "-o", str(total_file), "--agency", "全县"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"{bad}: 有 2 个错误，不计入合计" in err
    good = [read_report(p).report for p in paths if p != bad]
    written = read_report(total_file).report
    for table, rows in written.cells.items():
        for row, values in rows.items():
            columns = zip(*(r.cells[table][row] for r in good), strict=True)
            assert values == [sum(column) for column in columns], (table, row)
    fees = sum(Decimal(f"{i}.{i:02}") for i in range(len(paths)) if i != 7)
    assert format_value(written.get(FEES)) == format_value(fees)  # to the last digit
    assert written.same_content(add_up(good, "全县"))
    lines = out.splitlines()
    assert len(lines) == 2 + len(good) + 1  # header, rule, a row per report, the total
    assert [line.split()[0] for line in lines[2:-1]] == [r.agency for r in good]  # in order
    assert lines[-1].split()[:2] == ["合计", str(51 * len(good))]


def test_mixed_years_are_refused_naming_some_files_of_each(tmp_path: Path, capsys):
    paths = county(tmp_path / "county", 14)
    for path in paths[:12]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("year = 2024", "year = 2023"),
            encoding="utf-8",
        )
    code = main(["sum", str(tmp_path / "county")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""  # nothing of the overview before the refusal
    assert "2023 年：" in err and "等 12 份" in err and "2024 年：" in err
    assert str(paths[12]) in err and str(paths[13]) in err


def test_two_reports_of_one_agency_are_refused_before_any_output(tmp_path: Path, capsys):
    paths = county(tmp_path / "county", 3)
    shutil.copy(paths[1], tmp_path / "county" / "r001-初稿.toml")
    code = main(["sum", str(tmp_path / "county"), "--format", "csv"])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "r001-初稿.toml" in err
