"""``--help`` in one language: every metavar in Chinese (only file extensions and format
names are Latin), one wording for one thing, laid out by the width Chinese takes, each
command's own usage on its mistakes, and help texts that say what the program does."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys

import pytest

from tui_report.cli import COMMANDS, main
from tui_report.cli.args import NARROWEST_TABLE
from tui_report.text.textwidth import width

from ..conftest import EXAMPLE

HELP_WIDTH = 80


def help_of(*command: str) -> str:
    """``tui-report [COMMAND] -h`` as a user sees it in an 80-column terminal."""
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", *command, "-h"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(HELP_WIDTH)},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


ALL = [(), *((c,) for c in COMMANDS)]

# What may be Latin in a usage line or an option's invocation: option names, the program
# and its commands, the choices of an option ({text,html}), file extensions (.toml) and
# argparse's "..." of a repeated argument.
ALLOWED = re.compile(
    r"--?[a-z][a-z-]*|tui-report|\b(?:" + "|".join(COMMANDS) + r")\b|\{[^}]*\}|\.[a-z]+\b|\.\.\."
)


def invocations(text: str) -> list[str]:
    """The usage and the column of arguments and options (what holds the metavars)."""
    usage, _, rest = text.partition("\n\n")
    found = [usage]
    for line in rest.splitlines():
        if re.match(r"^  \S", line) and not line.startswith("  tui-report"):  # not an example
            found.append(re.split(r"\s{2,}", line.strip())[0])
    return found


@pytest.mark.parametrize("command", ALL, ids=lambda c: " ".join(c) or "tui-report")
def test_no_latin_metavar_in_any_help(command):
    for part in invocations(help_of(*command)):
        left = ALLOWED.sub("", part)
        assert not re.search(r"[A-Za-z]", left), part


@pytest.mark.parametrize("command", ALL, ids=lambda c: " ".join(c) or "tui-report")
def test_help_fits_an_80_column_terminal_and_aligns_by_display_width(command):
    text = help_of(*command)
    lines = text.splitlines()
    assert all(width(line) <= HELP_WIDTH - 2 for line in lines), text  # argparse keeps 2
    assert not [line for line in lines if line.endswith(" ")], text
    # In each section, an option's help starts in the column its continuation lines use.
    for section in text.split("\n\n"):
        rows = section.splitlines()[1:]
        continued = {len(r) - len(r.lstrip(" ")) for r in rows if re.match(r"^ {6,}\S", r)}
        beside = {
            width(m.group(1))
            for r in rows
            if (m := re.match(r"^(  \S.*?\S {2,})\S", r)) and not r.startswith("  tui-report")
        }
        if continued and beside:
            assert beside <= continued, section


def test_the_command_list_has_no_line_of_its_own_metavar():
    """argparse put a line "  <命令>" above the commands."""
    text = help_of()
    commands = text.split("命令：\n", 1)[1]
    assert commands.startswith("  new ")
    assert "<命令>\n" not in commands


@pytest.mark.slow
def test_one_wording_for_one_thing():
    texts = {c: help_of(*c) for c in ALL}
    assert "[-o 输出文件]" in texts[("export",)] and "[-o 输出文件]" in texts[("sum",)]
    for command in (("check",), ("sum",), ("edit",)):
        assert "报告或目录" in texts[command].split("\n\n")[0]
    for command in (("new",), ("import",), ("sum",)):
        assert "机关名称" in texts[command]
    for command in (("new",), ("import",)):
        assert "[--year 年度]" in texts[command]


def test_a_wrong_option_shows_the_commands_own_usage():
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", "--bogus", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("用法：tui-report check ")
    assert done.stderr.rstrip().endswith("tui-report check：错误：不认识的参数：--bogus")


def test_a_missing_argument_is_named_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["new"])
    assert "缺少参数：报告.toml" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["sum"])
    assert "缺少参数：报告或目录" in capsys.readouterr().err


def test_the_narrowest_width_in_the_help_is_the_narrowest_table():
    """``--width`` said 66 where the 申请情况表 cannot be narrower than 69."""
    from tui_report.export import export_text
    from tui_report.storage import read_report

    report = read_report(EXAMPLE).report
    text = export_text(report, max_width=40)
    narrowest = max(width(line) for line in text.splitlines() if line.startswith(("+", "|")))
    assert narrowest == NARROWEST_TABLE
    assert f"申请情况表最窄 {narrowest} 列" in " ".join(help_of("export").split())


def test_help_says_where_binary_output_may_go():
    """export -o said "docx 须指定" and sum --format "须用 -o", but both write to a pipe."""
    export = "".join(help_of("export").split())
    summed = "".join(help_of("sum").split())
    assert "docx须指定" not in export and "重定向" in export
    assert "须用-o指定文件" not in summed and "重定向" in summed


def test_import_help_names_json():
    assert "JSON" in help_of("import") and ".json" in help_of("import")


def test_new_has_no_format_option_the_year_decides(tmp_path, capsys):
    """``new --format`` was a choice refused whenever it differed from the year's format."""
    assert "--format" not in help_of("new")
    with pytest.raises(SystemExit):
        main(
            [
                "new",
                str(tmp_path / "a.toml"),
                "--agency",
                "某局",
                "--year",
                "2020",
                "--format",
                "2019",
            ]
        )
    assert "tui-report new：错误：不认识的参数：--format\n" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "b.toml"), "--agency", "某局", "--year", "2020"]) == 0
    assert 'format = "2019"' in (tmp_path / "b.toml").read_text(encoding="utf-8")
    assert main(["new", str(tmp_path / "c.toml"), "--agency", "某局", "--year", "2021"]) == 0
    assert 'format = "2021"' in (tmp_path / "c.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "words",
    [["check", "--bogus"], ["sum", "--bogus=3"], ["export", "--bogus"], ["--bogus"]],
    ids=" ".join,
)
def test_an_unknown_option_is_named_before_a_missing_argument(words, capsys):
    """``check --bogus`` said 缺少参数：报告或目录 (the mistake was the option)."""
    with pytest.raises(SystemExit) as ended:
        main(words)
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.rstrip().endswith(f"错误：不认识的参数：{words[-1]}")
    assert "缺少参数" not in err


def test_shortened_options_and_values_are_not_taken_for_unknown(capsys):
    assert main(["check", "--prev", str(EXAMPLE), "--json", str(EXAMPLE)]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["export", str(EXAMPLE), "--width", "-5"])  # a negative number is a value
    assert "宽度至少为 40" in capsys.readouterr().err


WHOLE = re.compile(r"(?:tui|-|--)$")  # a line ending inside a program or option name


@pytest.mark.parametrize("columns", [60, 72, 80, 100])
@pytest.mark.parametrize("command", ALL, ids=lambda c: " ".join(c) or "tui-report")
def test_help_never_breaks_an_option_or_the_programs_name(command, columns):
    done = subprocess.run(
        [sys.executable, "-m", "tui_report", *command, "-h"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": str(columns)},
        timeout=60,
    )
    lines = done.stdout.splitlines()
    for line, after in itertools.pairwise(lines):
        assert not WHOLE.search(line.rstrip()), f"{line}\n{after}"
        assert not re.match(r"^\s*report\b", after), f"{line}\n{after}"


def test_previous_help_says_where_last_year_is_looked_for():
    text = " ".join(help_of("check").split())
    assert "旁边以上一年命名的目录" in text and "目录树" in text
