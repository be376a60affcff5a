"""Defects found in review, each with a test that failed before its fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui_report.report.model import CellRef
from tui_report.rules import validate
from tui_report.storage import ReportFileError, read_report, save_report, write_atomic, writing
from tui_report.storage.toml_lines import key_lines
from tui_report.tui.launch import make_app

from .conftest import EXAMPLE

NATURAL = CellRef("applications", "new_received", "natural_person")


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_failed_save_leaves_nothing_for_the_next_save(example: Path, monkeypatch):
    loaded = read_report(example)
    loaded.report.set(NATURAL, 99)
    real_write = writing.write_atomic

    def full_disk(path, data, **_kwargs):
        raise ReportFileError(path, "保存失败：No space left on device（原文件未改动）")

    monkeypatch.setattr(writing, "write_atomic", full_disk)
    with pytest.raises(ReportFileError):
        save_report(loaded)
    monkeypatch.setattr(writing, "write_atomic", real_write)
    loaded.report.set(NATURAL, 42)  # undone
    save_report(loaded)
    assert "new_received = [42, 5, 1, 0, 2, 1]" in example.read_text(encoding="utf-8")


def test_write_atomic_refuses_to_replace_a_pipe(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(ReportFileError, match="不是普通文件"):
        write_atomic(pipe, b"x")
    assert pipe.is_fifo()


def test_export_into_a_pipe_writes_into_it(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "export", str(EXAMPLE), "-o", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    out, _ = reader.communicate(timeout=60)
    assert run.returncode == 0
    assert out.decode("utf-8").startswith("示例市示例区人民政府")
    assert pipe.is_fifo()


def test_check_does_not_hang_on_a_pipe(tmp_path: Path):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    run = check(pipe)
    assert run.returncode == 2 and "不是普通文件" in run.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[art20_5]\nlicensing = " + "1" * 5000 + "\n", "位数过多、无法处理的数"),
        ("x = " + "[" * 1000 + "]" * 1000 + "\n", "嵌套层数过多"),
        ("x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n", "嵌套层数过多"),
    ],
    ids=["5000-digits", "deep-arrays", "deep-tables"],
)
def test_absurd_toml_is_a_clear_error(tmp_path: Path, content: str, says: str):
    path = tmp_path / "absurd.toml"
    path.write_text(content, encoding="utf-8")
    run = check(path)
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr


def test_extreme_exponent_is_refused_without_formatting_it(example: Path):
    text = example.read_text(encoding="utf-8").replace("fees = 128.40", "fees = 1e-999999999")
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)  # formatting it as digits would build a 1 GB string
    problems = [p for p in validate(loaded.report, loaded.structure) if p.rule == "cell-value"]
    assert len(problems) == 1 and "位数过多" in problems[0].message
    assert len(problems[0].message) < 200


async def test_line_separator_in_text_survives_open_and_save(example: Path):
    text = example.read_text(encoding="utf-8").replace("存在的主要问题：", "存在的\u2028主要问题：")
    example.write_text(text, encoding="utf-8")
    before = example.read_bytes()
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen
        assert not editor.modified
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert example.read_bytes() == before


def test_edit_drops_hand_written_totals_that_no_longer_hold(example: Path):
    text = example.read_text(encoding="utf-8")
    text = text.replace(
        "new_received = [42, 5, 1, 0, 2, 1]", "new_received = [42, 5, 1, 0, 2, 1, 51]"
    )
    text = text.replace(
        "carried_forward = [", "total = [44, 6, 1, 0, 2, 0, 53]\ncarried_forward = ["
    )
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    assert len(loaded.report.published) == 8
    assert validate(loaded.report, loaded.structure) == []
    loaded.report.set(NATURAL, 43)
    assert CellRef("applications", "new_received", "total") not in loaded.report.published
    save_report(loaded)
    after = example.read_text(encoding="utf-8")
    assert "new_received = [43, 5, 1, 0, 2, 1]  #" in after
    assert "total = [44, 6, 1, 0, 2, 0, 53]" in after  # （七）总计 does not include row 一
    again = read_report(example)
    assert [p.rule for p in validate(again.report, again.structure) if p.is_error] == [
        "applicant-balance",
        "applicant-balance",
    ]


def test_edit_in_an_outcome_row_drops_the_written_total_row(example: Path):
    text = example.read_text(encoding="utf-8")
    text = text.replace(
        "carried_forward = [", "total = [44, 6, 1, 0, 2, 0, 53]\ncarried_forward = ["
    )
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    dropped = loaded.report.set(CellRef("applications", "granted", "natural_person"), 21)
    assert len(dropped) == 7
    save_report(loaded)
    assert "\ntotal = " not in example.read_text(encoding="utf-8")


async def test_editor_undo_restores_dropped_totals(example: Path):
    text = example.read_text(encoding="utf-8")
    example.write_text(
        text.replace(
            "new_received = [42, 5, 1, 0, 2, 1]", "new_received = [42, 5, 1, 0, 2, 1, 51]"
        ),
        encoding="utf-8",
    )
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "4", "3", "enter")
        editor = app.screen
        assert "总计已不再成立" in str(editor.query_one("#status").render())
        assert editor.report.published == {}
        await pilot.press("ctrl+z")
        assert editor.report.published == {CellRef("applications", "new_received", "total"): 51}
        assert not editor.modified


def test_misspelled_table_is_reported(example: Path):
    text = example.read_text(encoding="utf-8").replace("[other_matters]", "[other_maters]")
    example.write_text(text, encoding="utf-8")
    run = check(example)
    assert "[unknown-key] 不认识的键 other_maters" in run.stdout


async def test_emptied_entry_changes_nothing(example: Path):
    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "7", "backspace", "down")
        assert app.screen.report.get(NATURAL) == 42


def _text_not_a_table(text: str) -> str:
    start = text.index("[overview]")
    end = text.index("# 二、")
    return (
        text[:start].replace("year = 2024\n", 'year = 2024\noverview = "我的文字"\n') + text[end:]
    )


@pytest.mark.parametrize(
    ("change", "edit_cell"),
    [
        (lambda t: t.replace("[applications]\n", "[[applications]]\n", 1), True),
        (_text_not_a_table, False),
    ],
    ids=["array-of-tables", "text-not-a-table"],
)
def test_wrongly_shaped_section_refuses_the_save(example: Path, change, edit_cell: bool):
    text = change(example.read_text(encoding="utf-8"))
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    if edit_cell:
        loaded.report.set(CellRef("applications", "new_received", "business"), 9)
    else:
        loaded.report.texts["overview"] = "新的文字"
    with pytest.raises(ReportFileError, match="不是表"):
        save_report(loaded)
    assert example.read_text(encoding="utf-8") == text


def test_line_numbers_after_literal_string_holding_triple_double_quotes():
    source = '[a]\nnote = \'\'\'引用"""\'\'\'\n[overview]\ntext = """\n正文\n"""\n'
    assert key_lines(source)["overview.text"] == 4


def test_a_float_year_is_one_problem(example: Path):
    text = example.read_text(encoding="utf-8").replace("year = 2024", "year = 2024.0")
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    rules = [p.rule for p in validate(loaded.report, loaded.structure)]
    assert rules.count("year-type") == 1 and "year-missing" not in rules


def test_importing_a_missing_toml_file_says_it_is_missing(tmp_path: Path, capsys):
    from tui_report.cli import main

    code = main(["import", str(tmp_path / "2023年报.toml")])
    err = capsys.readouterr().err
    assert code == 2 and err.strip() == f"tui-report: {tmp_path / '2023年报.toml'}: 找不到文件"
    # it said: 输出文件不能是输入文件本身，请用 -o 指定


def test_importing_a_word_file_names_no_encoding(tmp_path: Path, capsys):
    from tui_report.cli import main

    word = tmp_path / "年报.docx"
    assert main(["export", str(EXAMPLE), "--format", "docx", "-o", str(word), "-q"]) == 0
    assert main(["import", str(word)]) == 0
    out = capsys.readouterr().out
    assert "（Word 文件）到" in out and "编码" not in out  # it said （Word 文件，编码 —）


def test_diff_shows_an_unusable_value_as_written_not_as_empty(tmp_path: Path, capsys):
    from tui_report.cli import main

    changed = tmp_path / "changed.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    changed.write_text(text.replace("new_received = [42,", 'new_received = ["1a",', 1), "utf-8")
    assert main(["diff", str(EXAMPLE), str(changed)]) == 1
    out = capsys.readouterr().out
    assert "一、本年新收政府信息公开申请数量 · 自然人：42 → '1a'（不合格）" in out  # was → （无）


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
