"""Standard output that cannot be written (``> /dev/full``, a full disk, a quota): every
command says so in one Chinese line and exits 2, never 1 (``check``'s "errors found",
``diff``'s "different") and never with a traceback or a silent 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import EXAMPLE, GUANTING

FULL = "/dev/full"  # every write to it fails with ENOSPC (Linux, most BSDs)

pytestmark = pytest.mark.skipif(
    not os.path.exists(FULL), reason="/dev/full (a device every write to fails) is Linux's"
)

COMMANDS = {
    "check": ["check", str(EXAMPLE)],
    "check-errors": ["check", "{bad}"],
    "check-json": ["check", "--json", str(EXAMPLE)],
    "check-rules": ["check", "--rules"],
    "export-text": ["export", str(EXAMPLE)],
    "export-json": ["export", "--format", "json", str(EXAMPLE)],
    "export-docx": ["export", "--format", "docx", str(EXAMPLE)],
    "export-textconv": ["export", "--textconv", str(EXAMPLE)],
    "diff": ["diff", str(GUANTING), str(EXAMPLE)],
    "sum-text": ["sum", str(EXAMPLE)],
    "sum-csv": ["sum", "--format", "csv", str(EXAMPLE)],
    "sum-xlsx": ["sum", "--format", "xlsx", str(EXAMPLE)],
    "new": ["new", "{new}", "--agency", "某县城关镇人民政府", "--year", "2024"],
    "help": ["--help"],
    "check-help": ["check", "--help"],
    "version": ["--version"],
}


def run_into_full_disk(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    with open(FULL, "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "tui_report", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            timeout=120,
        )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_full_disk_is_said_in_one_line_and_exit_2(name: str, tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("year = 2024", "year = 1999"),
        encoding="utf-8",
    )
    args = [a.format(bad=bad, new=tmp_path / "new.toml") for a in COMMANDS[name]]
    result = run_into_full_disk(args, tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "tui-report: 无法写出到标准输出：磁盘空间不足，输出不完整", result.stderr
    assert sum("标准输出" in line for line in lines) == 1


def test_a_broken_pipe_still_ends_quietly(tmp_path: Path):
    """``check reports/ | head -1``: the reader has what it wanted; nothing is said."""
    reading = subprocess.Popen(
        [sys.executable, "-m", "tui_report", "export", "--format", "docx", str(EXAMPLE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert reading.stdout is not None and reading.stderr is not None
    reading.stdout.read(1)
    reading.stdout.close()
    err = reading.stderr.read()
    assert reading.wait(timeout=60) == 0
    assert err == b""


@pytest.mark.parametrize(
    ("flags", "unbuffered"), [(["-u"], True), ([], False)], ids=["python-u", "buffered"]
)
def test_standard_output_stays_unbuffered_where_python_made_it_so(
    flags: list[str], unbuffered: bool
):
    """``python -u`` / ``PYTHONUNBUFFERED=1`` (set in many containers and CI jobs): each
    write goes out at once, in order with standard error (``2>&1``, ``| tee``); the
    checked standard output held it in a buffer of its own until the command ended."""
    probe = (
        "import io, sys\n"
        "from tui_report.cli.output import checked_stdout\n"
        "with checked_stdout():\n"
        "    held = isinstance(sys.stdout.buffer, io.BufferedWriter)\n"
        "    print(type(sys.stdout.buffer.raw if held else sys.stdout.buffer).__name__,\n"
        "          held, sys.stdout.write_through)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run(
        [sys.executable, *flags, "-c", probe], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    kind, held, write_through = done.stdout.split()
    assert kind == "_CheckedStdout"  # the checked file either way
    assert (held, write_through) == (("False", "True") if unbuffered else ("True", "False"))
