"""A new report's file name: one that ``check``, ``sum`` and the folder view would pass
over in silence (no ``.toml``) is refused before anything is written, by ``new``, the
editor, ``import`` and ``sum`` (its total; not its Excel file) alike; an empty path or
agency is a mistake, not the current folder or a report of no one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.export import export_text
from tui_report.storage import read_report

from ..conftest import EXAMPLE


def run_process(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_new_refuses_a_name_without_toml_and_suggests_one(tmp_path: Path):
    result = run_process(
        "new", "cz/城关镇2024", "--agency", "某县城关镇人民政府", "--year", "2024", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "cz/城关镇2024.toml" in result.stderr and ".toml 结尾" in result.stderr
    assert list(tmp_path.iterdir()) == []  # not even the folder cz/


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("报告2024.txt", "报告2024.txt.toml"), ("报告2024.TOML", "报告2024.toml")],
)
def test_new_suggests_the_name_the_folder_reads(name: str, suggested: str, tmp_path: Path, capsys):
    code = main(["new", str(tmp_path / name), "--agency", "某局", "--year", "2024"])
    err = capsys.readouterr().err
    assert code == 2
    assert str(tmp_path / suggested) in err
    assert list(tmp_path.iterdir()) == []


def test_a_report_made_with_toml_is_found_by_check_of_its_folder(tmp_path: Path, capsys):
    assert (
        main(["new", str(tmp_path / "城关镇2024.toml"), "--agency", "某局", "--year", "2024"]) == 0
    )
    capsys.readouterr()
    assert main(["check", str(tmp_path)]) == 0
    assert "检查了 1 个报告" in capsys.readouterr().out


def test_the_editor_refuses_a_new_name_without_toml_before_its_dialog(tmp_path: Path):
    """``tui-report 报告2024``: said as a command-line mistake (also where there is no
    terminal), nothing written."""
    result = run_process("报告2024", cwd=tmp_path)
    assert result.returncode == 2
    assert "报告2024.toml" in result.stderr and ".toml 结尾" in result.stderr
    assert "终端" not in result.stderr
    assert list(tmp_path.iterdir()) == []
    result = run_process("edit", "sub/报告2024", cwd=tmp_path)
    assert result.returncode == 2 and "sub/报告2024.toml" in result.stderr


def test_an_existing_report_without_toml_is_still_checked_and_exported(tmp_path: Path, capsys):
    """Named explicitly, a file of any name is read as before."""
    path = tmp_path / "报告"
    shutil.copy(EXAMPLE, path)
    assert main(["check", str(path)]) == 0
    assert "没有问题" in capsys.readouterr().out
    assert main(["export", str(path)]) == 0
    assert "年度报告" in capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [
        ["check", ""],
        ["check", "--previous", "", str(EXAMPLE)],
        ["sum", ""],
        ["export", ""],
        ["diff", "", str(EXAMPLE)],
        ["new", "", "--agency", "某局", "--year", "2024"],
        ["new", "x.toml", "--from", ""],
        ["import", ""],
    ],
)
def test_an_empty_path_is_a_mistake_not_the_current_folder(args: list[str], tmp_path: Path):
    shutil.copy(EXAMPLE, tmp_path / "example-2024.toml")
    result = run_process(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "空" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example-2024.toml"]


@pytest.mark.parametrize("written", ["", "edit"])
def test_an_empty_path_does_not_open_the_current_folder(written: str, tmp_path: Path):
    result = run_process(*([written, ""] if written else [""]), cwd=tmp_path)
    assert result.returncode == 2
    assert "空" in result.stderr and "终端" not in result.stderr


@pytest.mark.parametrize("agency", ["", "  "])
def test_new_refuses_an_empty_agency(agency: str, tmp_path: Path):
    result = run_process("new", "x.toml", "--agency", agency, "--year", "2024", cwd=tmp_path)
    assert result.returncode == 2
    assert "请填写发布机关" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_takes_the_agency_as_the_dialog_does(tmp_path: Path, capsys):
    """Spaces around the name are dropped, as the editor's dialog drops them."""
    path = tmp_path / "x.toml"
    assert main(["new", str(path), "--agency", " 某县城关镇人民政府 ", "--year", "2024"]) == 0
    assert 'agency = "某县城关镇人民政府"' in path.read_text(encoding="utf-8")


def test_new_from_last_year_refuses_an_empty_agency(tmp_path: Path):
    result = run_process("new", "2025.toml", "--from", str(EXAMPLE), "--agency", "", cwd=tmp_path)
    assert result.returncode == 2 and "请填写发布机关" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "said"), [(".城关镇2024.toml", "以“.”开头"), ("agencies.toml", "机关名称对照表")]
)
def test_new_refuses_other_names_a_folder_passes_over(name: str, said: str, tmp_path: Path, capsys):
    code = main(["new", str(tmp_path / name), "--agency", "某局", "--year", "2024"])
    assert code == 2 and said in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --- import and sum write report files too -------------------------------------------------


def published_text(folder: Path) -> Path:
    """A published report (the text export of the example), to import."""
    path = folder / "年报.txt"
    path.write_text(export_text(read_report(EXAMPLE).report), encoding="utf-8")
    return path


def test_import_refuses_a_report_name_without_toml_and_suggests_one(tmp_path: Path):
    published_text(tmp_path)
    result = run_process("import", "年报.txt", "-o", "城关镇2024", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "城关镇2024.toml" in result.stderr and ".toml 结尾" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["年报.txt"]


def test_import_refuses_the_agencies_file_name(tmp_path: Path):
    published_text(tmp_path)
    result = run_process("import", "年报.txt", "-o", "agencies.toml", cwd=tmp_path)
    assert result.returncode == 2 and "机关名称对照表" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["年报.txt"]


def test_import_of_a_name_with_toml_is_found_by_check_of_its_folder(tmp_path: Path):
    published_text(tmp_path)
    result = run_process("import", "年报.txt", "-o", "城关镇2024.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "检查了 1 个报告" in run_process("check", ".", cwd=tmp_path).stdout


@pytest.mark.parametrize("overview", [[], ["--format", "csv"], ["--format", "json"]])
def test_sum_refuses_a_total_report_name_without_toml(overview: list[str], tmp_path: Path):
    shutil.copy(EXAMPLE, tmp_path / "example-2024.toml")
    result = run_process("sum", ".", "-o", "全县合计", *overview, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert "全县合计.toml" in result.stderr and ".toml 结尾" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example-2024.toml"]


def test_sum_writes_an_excel_file_under_its_own_name(tmp_path: Path):
    """-o with --format xlsx is the workbook, not a report: .xlsx is its name."""
    shutil.copy(EXAMPLE, tmp_path / "example-2024.toml")
    result = run_process("sum", ".", "--format", "xlsx", "-o", "全县合计.xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "全县合计.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("command", ["import", "sum"])
@pytest.mark.parametrize("agency", ["", "  "])
def test_import_and_sum_refuse_an_empty_agency(command: str, agency: str, tmp_path: Path):
    shutil.copy(EXAMPLE, tmp_path / "example-2024.toml")
    source = "example-2024.toml" if command == "sum" else published_text(tmp_path).name
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_process(command, source, "-o", "out.toml", "--agency", agency, cwd=tmp_path)
    assert result.returncode == 2
    assert "请填写发布机关" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_import_and_sum_take_the_agency_as_the_dialog_does(tmp_path: Path):
    """Spaces around the name are dropped, as ``new`` and the editor's dialog drop them."""
    shutil.copy(EXAMPLE, tmp_path / "example-2024.toml")
    published_text(tmp_path)
    result = run_process("import", "年报.txt", "-o", "a.toml", "--agency", " 某局 ", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'agency = "某局"' in (tmp_path / "a.toml").read_text(encoding="utf-8")
    result = run_process(
        "sum", "example-2024.toml", "-o", "t.toml", "--agency", " 全县 ", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert 'agency = "全县"' in (tmp_path / "t.toml").read_text(encoding="utf-8")
