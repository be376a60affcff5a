"""A new report's file name: one that ``check``, ``sum`` and the folder view would pass
over in silence (no ``.toml``) is refused before anything is written, by ``new`` and by
the editor alike; an empty path or agency is a mistake, not the current folder or a
report of no one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.cli import main

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
