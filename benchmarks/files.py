"""The benchmarks of many files: check (B3), export and import (B4), sum (B7), the
parsers, and how the cost grows with the number of reports, on the realistic corpus
(``realistic.py``: a folder of ``n`` reports is the first ``n`` files of the largest,
linked). Every program is run as a
user runs it (a process of its own), measured by the kernel: wall time, CPU time of the
process and of its worker processes, and the peak memory of the largest of them."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PYTHON = sys.executable
LEAST_CHECK = Path(__file__).with_name("least_check.py")  # a lower bound of check (B3)
PARSE_ONLY = """
import os, sys
from decimal import Decimal
parser = sys.argv[1]
if parser == "toml-rs":
    import toml_rs
    def loads(text): return toml_rs.loads(text, toml_version="1.0.0")
elif parser == "rtoml":
    import rtoml
    loads = rtoml.loads
else:
    import tomllib
    def loads(text): return tomllib.loads(text, parse_float=Decimal)
for parent, _, names in os.walk(sys.argv[2]):
    for name in names:
        if name.endswith(".toml"):
            with open(os.path.join(parent, name), "rb") as handle:
                loads(handle.read().decode("utf-8"))
"""


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds, the process and its workers
    peak_kib: int  # the largest of them


# Programs are started by a small process of their own, not by this one: a process
# started from this one (vfork, then exec) counts this process's memory as its own peak
# until it execs (``ru_maxrss`` keeps the larger), and this one holds the corpus. The
# launcher forks each program from its own few megabytes, and says what the kernel says.
LAUNCHER = """
import json, os, sys, time
for line in sys.stdin:
    argv = json.loads(line)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps([wall, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def measured(argv: list[str]) -> Run:
    """One run of a program: wall time, CPU time (with its workers), peak memory."""
    global _launcher
    if _launcher is None or _launcher.poll() is not None:
        _launcher = subprocess.Popen(
            [PYTHON, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _launcher.stdin is not None and _launcher.stdout is not None
    _launcher.stdin.write(json.dumps(argv) + "\n")
    _launcher.stdin.flush()
    wall, cpu, peak_kib, _status = json.loads(_launcher.stdout.readline())
    return Run(wall, cpu, peak_kib)


def median_run(argv: list[str], repeats: int) -> Run:
    return median_of([measured(argv) for _ in range(repeats)])


def median_of(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        int(statistics.median(r.peak_kib for r in runs)),
    )


def tui_report(*args: str) -> list[str]:
    return [PYTHON, "-m", "tui_report", *args]


def parsers() -> list[str]:
    found = []
    for name, module in (("toml-rs", "toml_rs"), ("rtoml", "rtoml"), ("tomllib", "tomllib")):
        try:
            __import__(module)
        except ImportError:
            continue
        found.append(name)
    return found


def parse_floor(folder: Path, repeats: int) -> dict[str, Run]:
    """Each installed parser reading the same files in one process, doing nothing else."""
    return {
        name: median_run([PYTHON, "-c", PARSE_ONLY, name, str(folder)], repeats)
        for name in parsers()
    }


# --- B3: check over two years --------------------------------------------------------------------


def linked_folder(folder: Path, paths: list[Path]) -> list[Path]:
    """A folder of ``paths`` (hard links: the files are written once for every size)."""
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for path in paths:
        link = folder / path.name
        os.link(path, link)
        found.append(link)
    return found


def b3(work: Path, corpus: list[Path], count: int, repeats: int) -> dict[str, object]:
    """check of the first ``count`` reports of ``corpus`` (two years), against the
    parsers and ``least_check``; and one file checked in that folder and alone."""
    folder = work / f"b3-{count}"
    paths = linked_folder(folder, corpus[:count])
    floors = parse_floor(folder, repeats)
    fastest = min(floors, key=lambda name: floors[name].cpu)
    checks, leasts = [], []
    for _ in range(repeats):  # interleaved, so that both see the same machine
        checks.append(measured(tui_report("check", str(folder))))
        leasts.append(measured([PYTHON, str(LEAST_CHECK), str(folder)]))
    check, least = median_of(checks), median_of(leasts)
    one = next(p for p in paths if p.name.endswith("-2024.toml"))
    alone_folder = work / "b3-alone"
    alone_folder.mkdir()
    alone = alone_folder / one.name
    shutil.copy(one, alone)
    in_folder, by_itself = [], []
    for _ in range(max(5, repeats * 3)):  # interleaved, so that both see the same machine
        in_folder.append(measured(tui_report("check", str(one))).wall)
        by_itself.append(measured(tui_report("check", str(alone))).wall)
    return {
        "count": count,
        "floors": floors,
        "fastest": fastest,
        "check": check,
        "least": least,
        "single": statistics.median(in_folder),
        "alone": statistics.median(by_itself),
    }


# --- B4: export and import in process ---------------------------------------------------------


def b4(example: Path, repeats: int) -> dict[str, float]:
    from tui_report.export import export_text
    from tui_report.importing import import_text
    from tui_report.storage import read_report

    source = example.read_text(encoding="utf-8")
    report = read_report(example).report
    text = export_text(report)

    def timed(action) -> float:
        action()
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000

    return {
        "parse": timed(lambda: tomllib.loads(source, parse_float=Decimal)),
        "export": timed(lambda: export_text(report)),
        "import": timed(lambda: import_text(text)),
    }


# --- B7 and the growth table ----------------------------------------------------------------


GROWN = ("check", "sum", "sum xlsx")


def growth(
    work: Path, corpora: dict[int, list[Path]], sizes: list[int], repeats: int
) -> dict[tuple[str, int, int], Run]:
    """check, sum and ``sum --format xlsx`` of the first ``n`` reports of each corpus
    (one year, two years): (command, years, n) → run."""
    found: dict[tuple[str, int, int], Run] = {}
    for years, corpus in corpora.items():
        for n in sizes:
            folder = work / f"growth-{years}-{n}"
            linked_folder(folder, corpus[:n])
            workbook = work / "growth.xlsx"
            argvs = {
                "check": tui_report("check", str(folder)),
                "sum": tui_report("sum", str(folder)),
                "sum xlsx": tui_report(
                    "sum", "--format", "xlsx", "-o", str(workbook), "--force", str(folder)
                ),
            }
            for command in GROWN:
                found[(command, years, n)] = median_run(argvs[command], repeats)
            shutil.rmtree(folder)
    return found


def word_export(work: Path, corpus: list[Path], repeats: int) -> dict[str, float]:
    """``export --format docx`` of the largest report of ``corpus`` (as a user runs it: a
    process), against ``export --format text`` of the same report: wall seconds."""
    largest = max(corpus[:200], key=lambda p: p.stat().st_size)
    docx, text = [], []
    for _ in range(repeats):  # interleaved
        docx.append(
            measured(
                tui_report(
                    "export",
                    "--format",
                    "docx",
                    "--force",
                    "-o",
                    str(work / "w.docx"),
                    str(largest),
                )
            ).wall
        )
        text.append(measured(tui_report("export", "--format", "text", str(largest))).wall)
    return {
        "bytes": largest.stat().st_size,
        "docx": statistics.median(docx),
        "text": statistics.median(text),
    }
