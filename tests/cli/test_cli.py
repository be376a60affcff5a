"""The ``tui-report`` command as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.formats import FORMAT_2021

from ..conftest import EXAMPLE, GUANTING, ROOT


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


@pytest.fixture
def fresh(tmp_path: Path, capsys) -> Path:
    path = tmp_path / "new.toml"
    code, out, _ = run(capsys, "new", str(path), "--agency", "测试县测试局", "--year", "2024")
    assert code == 0 and "已创建" in out
    return path


def test_samples_check_clean(capsys):
    code, out, _ = run(capsys, "check", str(GUANTING), str(EXAMPLE))
    assert code == 0
    assert out.strip().splitlines()[-1] == "检查了 2 个报告：0 个错误，1 个警告"


def test_new_report_is_valid_and_not_overwritten(fresh: Path, capsys):
    code, out, _ = run(capsys, "check", str(fresh))
    assert code == 0 and "0 个错误" in out
    before = fresh.read_bytes()
    code, _, err = run(capsys, "new", str(fresh), "--agency", "别的", "--year", "2024")
    assert code == 2 and "不会覆盖" in err
    assert fresh.read_bytes() == before


def entered_positions():
    """(TOML key, position in the stored row, official cell name) for every entered cell."""
    for table in FORMAT_2021.tables:
        for row in table.entered_rows:
            for i, column in enumerate(table.entered_columns):
                yield table, row, i, column


def replace_in_row(path: Path, table, row, position: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    section = None
    for n, line in enumerate(lines):
        if line.startswith("["):
            section = line.split("]")[0][1:]
        if section == table.key and line.startswith(f"{row.key} = "):
            value, comment = line[len(row.key) + 3 :].split("  #", 1)
            if table.is_single_value:
                value = new
            else:
                items = value.strip("[]").split(", ")
                items[position] = new
                value = f"[{', '.join(items)}]"
            lines[n] = f"{row.key} = {value}  #{comment}"
            path.write_text("\n".join(lines), encoding="utf-8")
            return
    raise AssertionError(f"{table.key}.{row.key} not found")


@pytest.mark.parametrize(
    ("table", "row", "position", "column"),
    list(entered_positions()),
    ids=lambda x: getattr(x, "key", str(x)),
)
def test_negative_value_in_any_cell_is_an_error_naming_it(
    fresh, capsys, table, row, position, column
):
    replace_in_row(fresh, table, row, position, "-1")
    code, out, _ = run(capsys, "check", str(fresh))
    assert code == 1
    (line,) = [line for line in out.splitlines() if "[cell-value]" in line]
    assert f"{row.qualified_label} · {column.label}" in line
    assert "负数" in line
    assert re.match(rf"{re.escape(str(fresh))}:\d+: 错误 ", line)


@pytest.mark.parametrize(
    ("table", "row", "position", "column"),
    list(entered_positions())[::7],
    ids=lambda x: getattr(x, "key", str(x)),
)
def test_text_in_a_cell_is_an_error_not_a_traceback(fresh, capsys, table, row, position, column):
    replace_in_row(fresh, table, row, position, '"abc"')
    code, out, err = run(capsys, "check", str(fresh))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{row.qualified_label} · {column.label}：应为" in out and "'abc'" in out


MATRIX = FORMAT_2021.table("applications")


@pytest.mark.parametrize(
    ("row", "position"),
    [(row, i) for row in MATRIX.entered_rows for i in range(len(MATRIX.entered_columns))],
    ids=lambda x: getattr(x, "key", str(x)),
)
def test_incrementing_any_matrix_cell_fails_check(fresh, capsys, row, position):
    replace_in_row(fresh, MATRIX, row, position, "1")
    code, out, _ = run(capsys, "check", str(fresh))
    assert code == 1
    assert "[applicant-balance]" in out


def test_syntax_error_exit_2_with_line_and_file_untouched(fresh, capsys):
    text = fresh.read_text(encoding="utf-8").replace("licensing = 0", "licensing = = 0")
    fresh.write_text(text, encoding="utf-8")
    before = (fresh.read_bytes(), fresh.stat().st_mtime_ns)
    line = text.splitlines().index("licensing = = 0  # 行政许可") + 1
    code, _, err = run(capsys, "check", str(fresh))
    assert code == 2
    assert f"{fresh}:{line}:" in err and "TOML 语法错误" in err
    code, _, err = run(capsys, "export", str(fresh))
    assert code == 2 and f":{line}:" in err
    assert (fresh.read_bytes(), fresh.stat().st_mtime_ns) == before


def test_check_and_export_never_modify_the_file(fresh, capsys):
    before = (fresh.read_bytes(), fresh.stat().st_mtime_ns)
    for args in (["check", str(fresh)], ["check", "--json", str(fresh)], ["export", str(fresh)]):
        run(capsys, *args)
    assert (fresh.read_bytes(), fresh.stat().st_mtime_ns) == before


def test_check_keeps_going_and_exit_2_when_a_file_is_unreadable(fresh, tmp_path, capsys):
    code, out, err = run(capsys, "check", str(tmp_path / "missing.toml"), str(fresh))
    assert code == 2
    assert "找不到文件" in err
    assert "检查了 2 个报告：0 个错误" in out and "1 个文件无法读取" in out


def test_check_json(fresh, capsys):
    replace_in_row(fresh, MATRIX, MATRIX.entered_rows[0], 0, "1")
    code, out, _ = run(capsys, "check", "--json", str(fresh))
    assert code == 1
    data = json.loads(out)
    assert data["summary"]["errors"] == 2
    problem = data["files"][0]["problems"][0]
    assert problem["rule"] == "applicant-balance" and problem["severity"] == "error"
    assert problem["column"] == "自然人" and isinstance(problem["line"], int)


def test_quiet_hides_warnings(capsys):
    code, out, _ = run(capsys, "check", "-q", str(GUANTING))
    assert code == 0 and "警告 [" not in out


def test_export_formats_and_output_file(tmp_path, capsys):
    code, out, _ = run(capsys, "export", str(EXAMPLE))
    assert code == 0 and out.startswith("示例市示例区人民政府\n2024年政府信息公开工作年度报告\n")
    code, out, _ = run(capsys, "export", str(EXAMPLE), "--format", "json")
    assert json.loads(out)["year"] == 2024
    code, out, _ = run(capsys, "export", str(EXAMPLE), "--format", "markdown")
    assert out.startswith("# 示例市示例区人民政府")
    target = tmp_path / "out.txt"
    code, _, err = run(capsys, "export", str(EXAMPLE), "-o", str(target), "--width", "80")
    assert code == 0 and str(target) in err
    assert (
        max(
            len(line)
            for line in target.read_text(encoding="utf-8").splitlines()
            if line.startswith("+")
        )
        <= 80
    )


def test_export_refuses_to_overwrite_the_report(fresh, capsys):
    before = fresh.read_bytes()
    code, _, err = run(capsys, "export", str(fresh), "-o", str(fresh))
    assert code == 2 and "不能是报告文件本身" in err
    assert fresh.read_bytes() == before


def test_export_refuses_a_report_with_errors_unless_forced(fresh, capsys):
    replace_in_row(fresh, MATRIX, MATRIX.entered_rows[0], 0, "1")
    code, out, err = run(capsys, "export", str(fresh))
    assert code == 1 and not out
    assert "有 2 个错误，未导出" in err and "--force" in err
    code, out, err = run(capsys, "export", str(fresh), "--force")
    assert code == 0 and out
    assert "有 2 个错误，按 --force 仍然导出" in err


def test_forced_export_marks_invalid_values(fresh, capsys):
    replace_in_row(fresh, MATRIX, MATRIX.entered_rows[0], 0, '"12件"')
    code, out, _ = run(capsys, "export", str(fresh))
    assert code == 1 and not out
    code, out, err = run(capsys, "export", str(fresh), "--force")
    assert code == 0
    row = next(line for line in out.splitlines() if "一、本年新收" in line)
    assert row.split("|")[2].strip() == "？" and row.split("|")[-2].strip() == "？"
    assert "1 个无效或缺失的数以“？”标出" in err


@pytest.mark.parametrize("kind", ["html", "docx", "markdown", "json", "text"])
def test_export_writes_each_format_to_a_file(tmp_path, capsys, kind):
    target = tmp_path / f"out.{kind}"
    code, out, err = run(capsys, "export", str(EXAMPLE), "--format", kind, "-o", str(target))
    assert code == 0 and not out and f"已导出到 {target}" in err
    data = target.read_bytes()
    assert data.startswith(b"PK") if kind == "docx" else "示例市示例区人民政府" in data.decode()


def test_word_document_is_not_written_to_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "export", str(EXAMPLE), "--format", "docx")
    assert code == 2 and not out
    assert "Word 文档须用 -o 指定输出文件，例如 -o 报告.docx" in err


def test_word_document_goes_to_a_pipe_as_the_readme_says(tmp_path: Path):
    """Only a terminal needs -o: ``export --format docx > 报告.docx`` writes the document
    (the README said -o was needed whatever the output)."""
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", "export", str(EXAMPLE), "--format", "docx"],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith(b"PK")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    publishing = readme.split("## 发布", 1)[1].split("\n## ", 1)[0]
    assert "Word 文档须用 `-o` 指定文件。" not in publishing
    assert "输出不是终端时" in publishing and "> 2024年报.docx" in publishing


def test_export_fragment_only_with_html(capsys):
    code, out, _ = run(capsys, "export", str(EXAMPLE), "--format", "html", "--fragment")
    assert code == 0 and out.startswith("<article style=")
    code, _, err = run(capsys, "export", str(EXAMPLE), "--fragment")
    assert code == 2 and "--fragment 只用于 --format html" in err


def test_bad_arguments_are_refused_in_chinese(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["new", "x.toml", "--agency", "某局", "--year", "二〇二四"])
    assert caught.value.code == 2
    assert "年度应为四位数字" in capsys.readouterr().err


def test_help_lists_every_command_in_chinese():
    result = run_process("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：tui-report")
    for command in ("new", "check", "export", "edit"):
        assert re.search(rf"^\s+{command}\s+\S", result.stdout, re.M), command


@pytest.mark.parametrize(
    ("setup", "says"),
    [
        (lambda d: d / "missing.toml", "找不到文件"),
        (lambda d: d, "目录"),
        (
            lambda d: (
                (d / "gbk.toml").write_bytes('agency = "某局"'.encode("gbk")) and d / "gbk.toml"
            ),
            "UTF-8",
        ),
        (lambda d: (d / "bin.toml").write_bytes(bytes(range(256))) and d / "bin.toml", "UTF-8"),
        (
            lambda d: (
                (d / "notes.toml").write_text("这不是 TOML", encoding="utf-8") and d / "notes.toml"
            ),
            "TOML 语法错误",
        ),
    ],
    ids=["missing", "directory", "gbk", "binary", "not-toml"],
)
@pytest.mark.parametrize("command", ["check", "export"])
def test_user_mistakes_are_one_line_exit_2(tmp_path, setup, says, command):
    path = setup(tmp_path)
    result = run_process(command, str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_and_export_do_not_import_textual():
    code = (
        "import sys\n"
        "from tui_report.cli import main\n"
        f"main(['check', {str(EXAMPLE)!r}]); main(['export', {str(EXAMPLE)!r}])\n"
        "print('textual' in sys.modules, 'tomlkit' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "False False"


def test_core_never_imports_textual():
    """Every module outside tui/ (the core, the command line) is plain Python: imported
    all in one process, none of them brings in Textual or Rich (tui/ is imported by the
    editor's command only when it runs)."""
    code = (
        "import importlib, pkgutil, sys, tui_report\n"
        "names = [m.name for m in pkgutil.walk_packages(tui_report.__path__, 'tui_report.')\n"
        "         if not m.name.startswith('tui_report.tui') and m.name != 'tui_report.__main__']\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    count, found = result.stdout.strip().split(" ", 1)
    assert int(count) > 100, result.stderr  # every module, not a hand-picked few
    assert found == "[]"


def test_diff_shows_an_unusable_value_as_written_not_as_empty(tmp_path: Path, capsys):
    from tui_report.cli import main

    changed = tmp_path / "changed.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    changed.write_text(text.replace("new_received = [42,", 'new_received = ["1a",', 1), "utf-8")
    assert main(["diff", str(EXAMPLE), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "一、本年新收政府信息公开申请数量 · 自然人：42 → '1a'（不合格）" in out  # was → （无）


@pytest.mark.slow
@pytest.mark.parametrize("target", ["file", "folder"])
def test_the_editor_outside_a_terminal_says_so_at_once(example: Path, target: str):
    """In a script or CI job (no terminal) the editor waited for keys for ever, drawing
    into the output at full CPU."""
    path = example if target == "file" else example.parent
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", str(path)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2 and not done.stdout
    assert done.stderr.count("\n") == 1 and "须在终端中使用" in done.stderr
    assert "tui-report check" in done.stderr


@pytest.mark.pty
def test_the_editor_with_its_error_output_in_a_file_says_so_at_once(example: Path, tmp_path):
    """``tui-report a.toml 2> log`` in a terminal: Textual draws on stderr, so the screen
    stayed blank while the editor waited for keys (drawing into the log)."""
    import os
    import pty

    main_end, terminal = pty.openpty()
    log = tmp_path / "log.txt"
    try:
        with log.open("w", encoding="utf-8") as err:
            done = subprocess.run(
                [sys.executable, "-m", "tui_report", str(example)],
                stdin=terminal,
                stdout=terminal,
                stderr=err,
                timeout=20,
            )
    finally:
        os.close(terminal)
        os.close(main_end)
    assert done.returncode == 2
    written = log.read_text(encoding="utf-8")
    assert written.count("\n") == 1 and "须在终端中使用" in written


@pytest.mark.parametrize(
    ("args", "guess"),
    [(["chek", "a.toml"], "check"), (["exprot"], "export"), (["bogus", "a.toml"], None)],
)
def test_a_mistyped_command_is_named_as_such(tmp_path: Path, capsys, monkeypatch, args, guess):
    from tui_report.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(args) == 2  # was 不认识的参数：a.toml, or the editor creating a report "exprot"
    err = capsys.readouterr().err
    assert f"“{args[0]}”不是命令" in err and err.count("\n") == 1
    assert (f"是不是 {guess}？" in err) if guess else "是不是" not in err
    assert not list(tmp_path.iterdir())


def test_a_new_report_named_without_suffix_still_opens_the_editor(tmp_path: Path, monkeypatch):
    from tui_report import cli

    opened = []
    monkeypatch.setattr(cli, "_edit", lambda path, written="": opened.append(written) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["2025"]) == 0 and opened == ["2025"]
