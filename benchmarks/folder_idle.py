"""B9: what the folder view (``tui-report DIR``) costs while it sits idle, in an 80x24
pseudo-terminal: once it has checked every report (it says “已检查全部”), the CPU time
of its process and of the worker processes it started, over ``IDLE_SECONDS`` in which
nothing is pressed and nothing in the folder changes; in % of one core. The view is
told of changes by the system; ``TUI_REPORT_WATCH=poll`` measures the fallback (every
file's time and size looked at every two seconds, as on a network filesystem).

    python benchmarks/folder_idle.py 5000 50000    # by itself: both ways, each size

The folder is made by ``build(folder, count)`` (the benchmark corpus of ``run.py``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import terminal

ALL_CHECKED = "已检查全部".encode()
IDLE_SECONDS = 20.0
SETTLE_SECONDS = 3.0  # after the last result: the last paint, git's answer, a timer's first tick
Build = Callable[[Path, int], object]


def _ticks(pid: int) -> int:
    """utime + stime of one process (all its threads), in clock ticks."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _family(pid: int) -> list[int]:
    """``pid`` and every process under it (the checking's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        at = todo.pop()
        found.append(at)
        todo += children.get(at, [])
    return found


def cpu_seconds(pid: int) -> float:
    """CPU time so far of ``pid`` and the processes under it."""
    total = 0
    for member in _family(pid):
        with contextlib.suppress(OSError):  # (ended meanwhile)
            total += _ticks(member)
    return total / os.sysconf("SC_CLK_TCK")


def idle_percent(
    folder: Path, state: Path, poll: bool = False, seconds: float = IDLE_SECONDS
) -> float:
    """% of one core the view of ``folder`` uses while idle (see the module)."""
    argv = [sys.executable, "-m", "tui_report", str(folder)]
    env = {"XDG_STATE_HOME": str(state)}
    env["TUI_REPORT_WATCH"] = "poll" if poll else ""
    session = terminal.start(argv, env)
    try:
        session.wait_for(ALL_CHECKED, timeout=900)
        session.read(SETTLE_SECONDS)
        before, started = cpu_seconds(session.pid), time.perf_counter()
        session.read(seconds)  # (what it writes is read, as a terminal would)
        used, took = cpu_seconds(session.pid) - before, time.perf_counter() - started
    finally:
        session.stop()
    return 100 * used / took


def b9(
    work: Path, counts: list[int], build: Build, state: Path, seconds: float = IDLE_SECONDS
) -> list[dict[str, float]]:
    """Idle % of a core at each count, told of changes and (the fallback) polling."""
    results = []
    for count in counts:
        folder = work / f"b9-{count}"
        build(folder, count)
        told = idle_percent(folder, state, seconds=seconds)
        polled = idle_percent(folder, state, poll=True, seconds=seconds)
        results.append({"count": count, "told": told, "polled": polled})
    return results


def main() -> int:
    import tempfile

    import corpus

    root = Path(__file__).resolve().parents[1]
    counts = [int(a) for a in sys.argv[1:]] or [5_000, 50_000]
    texts = corpus.variants(root / "reports" / "example-2024.toml")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for r in b9(work, counts, lambda f, n: corpus.write_county(f, n, 2, texts), work / "s"):
            print(f"{r['count']:>6} 份：{r['told']:.2f}% （轮询：{r['polled']:.2f}%）")
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "src")]
    raise SystemExit(main())
