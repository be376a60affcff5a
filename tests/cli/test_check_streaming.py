"""``check`` streams: each file is told once it has been compared with last year's report,
in the files' order, keeping only the year facts still needed; the summary lines and
the JSON document are the same as if every result had been held to the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_report.cli.check import check_files
from tui_report.folder import checking
from tui_report.folder.checking import check_file
from tui_report.folder.index import ReportIndex, walk_reports
from tui_report.folder.parallel import SERIAL_BELOW
from tui_report.folder.year_checks import YearChecks

from ..conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


def write(path: Path, agency: str, year: int) -> Path:
    path.write_text(
        TEXT.replace("示例市示例区人民政府", agency).replace("year = 2024", f"year = {year}"),
        encoding="utf-8",
    )
    return path


def county(folder: Path, agencies: int, names: tuple[str, str]) -> None:
    """Each agency's 2023 and 2024 report, named by ``names`` (with ``{i}``)."""
    for i in range(agencies):
        write(folder / names[0].format(i=i), f"示例县第{i}单位", 2023)
        write(folder / names[1].format(i=i), f"示例县第{i}单位", 2024)


def told_order(out: str) -> tuple[list[str], list[str]]:
    problems, summaries = [], []
    for line in out.splitlines():
        name = line.split(":", 1)[0]
        if "[" in line:
            problems.append(name)
        elif not line.startswith(("检查了", "注意：")):  # a summary line, not a note
            summaries.append(name)
    return problems, summaries


@pytest.mark.parametrize(
    "names",
    [("{i:03}-2023.toml", "{i:03}-2024.toml"), ("{i:03}-b.toml", "{i:03}-a.toml")],
    ids=["last-year-first", "last-year-after"],
)
def test_files_are_told_in_their_order_each_with_last_years(tmp_path: Path, capsys, names):
    agencies = SERIAL_BELOW  # twice as many files: checked in worker processes
    county(tmp_path, agencies, names)
    assert check_files([tmp_path]) == 1
    out = capsys.readouterr().out
    problems, summaries = told_order(out)
    assert summaries == sorted(str(p) for p in tmp_path.iterdir())
    assert problems == sorted(problems) and problems
    for i in range(agencies):  # the example's carried-over row is not its own carry-forward
        this, last = tmp_path / names[1].format(i=i), tmp_path / names[0].format(i=i)
        assert f"{this}: 3 个错误，1 个警告（上年报告：{last}）" in out
        assert out.count(f"{this}:42: 错误 [carry-over]") == 3  # on its own line
    # and last year's report: the example's statistics period names 2024
    assert out.rstrip().endswith(
        f"检查了 {2 * agencies} 个报告：{3 * agencies} 个错误，{2 * agencies} 个警告"
    )
    assert out.rindex("[carry-over]") < out.index("个警告（上年报告：")  # problems, then summaries


def stream(folder: Path) -> tuple[list[str], int, int]:
    """The files told, and the most results and year facts held at once."""
    index = ReportIndex()
    paths = [str(p) for p in walk_reports(folder, None, index)]
    years = YearChecks(paths, index, None, checking.add_year_problems)
    told, waiting, known = [], 0, 0
    for path in paths:
        told += [r.path for r in years.arrive(check_file(path))]
        waiting = max(waiting, len(years._waiting))
        known = max(known, len(years._known))
    assert not years._waiting and not years._known  # nothing kept at the end
    return told, waiting, known


def test_in_the_usual_order_nothing_waits_and_one_report_is_kept(tmp_path: Path):
    county(tmp_path, 12, ("{i:03}-2023.toml", "{i:03}-2024.toml"))
    told, waiting, known = stream(tmp_path)
    assert told == sorted(str(p) for p in tmp_path.iterdir())
    assert waiting == 0  # each told as soon as it came
    assert known == 1  # last year's facts, only until this year's report is told


def test_a_report_waits_for_last_years_that_comes_later(tmp_path: Path):
    county(tmp_path, 12, ("{i:03}-b.toml", "{i:03}-a.toml"))
    told, waiting, known = stream(tmp_path)
    assert told == sorted(str(p) for p in tmp_path.iterdir())
    assert waiting == 1 and known == 0


def test_a_file_whose_top_tells_nothing_holds_every_report_until_it_is_read(tmp_path: Path):
    """Its agency and year are known only once it is read: any report may need it."""
    county(tmp_path, 3, ("{i:03}-2023.toml", "{i:03}-2024.toml"))
    odd = tmp_path / "003-2023.toml"  # its agency only in a multi-line string: no quick top
    odd.write_text(
        TEXT.replace('agency = "示例市示例区人民政府"', 'agency = """示例县第9单位"""').replace(
            "year = 2024", "year = 2023"
        ),
        encoding="utf-8",
    )
    write(tmp_path / "009-2024.toml", "示例县第9单位", 2024)
    index = ReportIndex()
    paths = [str(p) for p in walk_reports(tmp_path, None, index)]
    years = YearChecks(paths, index, None, checking.add_year_problems)
    results = {p: check_file(p) for p in paths}
    done = [r.path for p in paths for r in years.arrive(results[p])]
    assert done == paths
    assert results[str(tmp_path / "009-2024.toml")].previous == str(odd)


def test_json_is_the_document_json_dumps_writes(tmp_path: Path, capsys):
    county(tmp_path, 3, ("{i:03}-2023.toml", "{i:03}-2024.toml"))
    (tmp_path / "bad.toml").write_text('format = "2021"\nagency = ', encoding="utf-8")
    assert check_files([tmp_path], as_json=True) == 2
    out = capsys.readouterr().out
    document = json.loads(out)
    assert out == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    files = document["files"]
    assert [f["file"] for f in files] == sorted(str(p) for p in tmp_path.iterdir())
    assert document["summary"] == {
        "files": 7,
        "errors": sum(f["errors"] for f in files),
        "warnings": sum(f["warnings"] for f in files),
        "unreadable": 1,
        "unreachable": 0,  # folders and links that could not be read (none here)
    }
    assert document["unreachable"] == []
    this = next(f for f in files if f["file"].endswith("001-2024.toml"))
    assert this["previous"].endswith("001-2023.toml")
    assert [p["rule"] for p in this["problems"]].count("carry-over") == 3


def test_quiet_counts_the_warnings_it_does_not_show(tmp_path: Path, capsys):
    county(tmp_path, 2, ("{i:03}-2023.toml", "{i:03}-2024.toml"))
    check_files([tmp_path], quiet=True)
    out = capsys.readouterr().out
    assert "[in-force-continuity]" not in out and "[carry-over]" in out
    assert f"{tmp_path / '000-2023.toml'}: " not in out  # no errors: no summary under -q
    assert f"{tmp_path / '000-2024.toml'}: 3 个错误，1 个警告（上年报告" in out
    assert out.rstrip().endswith("检查了 4 个报告：6 个错误，4 个警告")
