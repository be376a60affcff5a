"""The benchmark suite: every figure a ratio against a baseline measured in the same
run (or an absolute goal where the issue sets one), median of several repetitions.

    python benchmarks/run.py            # full run, writes BENCHMARKS.md
    python benchmarks/run.py --quick    # a smoke test (CI): small sizes, no file written

B1 start-up to first complete paint, B2 one cell edit, B3 check of 10,000 reports,
B4 import and export, B5 peak memory, B6 bytes sent to the terminal per edit.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import terminal  # noqa: E402

from tui_report.export import export_text  # noqa: E402
from tui_report.importing import import_text  # noqa: E402
from tui_report.model import CellRef, Report  # noqa: E402
from tui_report.storage import create_report_file, read_report  # noqa: E402

EXAMPLE = ROOT / "reports" / "example-2024.toml"
PYTHON = sys.executable
F4 = b"\x1bOS"
B6_LATENCY: list[float] = []  # filled by b6: Enter until the terminal gets output, in ms


@dataclass
class Result:
    id: str
    what: str
    value: float
    baseline: float | None
    unit: str
    goal: str
    met: bool

    @property
    def shown(self) -> str:
        if self.baseline is None:
            return f"{self.value:.2f} {self.unit}"
        ratio = self.value / self.baseline
        return f"{ratio:.2f}x（{self.value:.3g} / {self.baseline:.3g} {self.unit}）"


# --- B1, B5: start-up and memory, against a bare Textual app --------------------------------


def startup(argv: list[str], marker: bytes, env: dict[str, str]) -> tuple[float, int]:
    session = terminal.start(argv, env)
    try:
        seconds = session.wait_for(marker)
        session.read(0.3)
        return seconds, session.peak_rss_kib()
    finally:
        session.stop()


def b1_b5(repeats: int, state: Path) -> list[Result]:
    env = {"XDG_STATE_HOME": str(state)}
    ours_argv = [PYTHON, "-m", "tui_report", str(EXAMPLE)]
    bare_argv = [PYTHON, str(ROOT / "benchmarks" / "bare_app.py")]
    ours, bare = [], []
    startup(bare_argv, "基准就绪".encode(), env)  # warm the file cache once
    startup(ours_argv, "转到".encode(), env)
    for _ in range(repeats):
        bare.append(startup(bare_argv, "基准就绪".encode(), env))
        ours.append(startup(ours_argv, "转到".encode(), env))
    t_ours, t_bare = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in bare)
    m_ours, m_bare = statistics.median(m for _, m in ours), statistics.median(m for _, m in bare)
    return [
        Result(
            "B1",
            "启动到首次完整绘制（80x24 伪终端）",
            t_ours,
            t_bare,
            "s",
            "<= 1.3x",
            t_ours <= 1.3 * t_bare,
        ),
        Result(
            "B5", "编辑器峰值内存（RSS）", m_ours, m_bare, "KiB", "<= 1.5x", m_ours <= 1.5 * m_bare
        ),
    ]


# --- B6: bytes to the terminal per committed edit ---------------------------------------------


def quiet_read(session: terminal.Session, settle: float = 0.15, limit: float = 3.0) -> int:
    """Bytes written until the program has been quiet for ``settle`` seconds."""
    total = 0
    end = time.perf_counter() + limit
    last = time.perf_counter()
    while time.perf_counter() < end and time.perf_counter() - last < settle:
        chunk = session.read(0.02)
        if chunk:
            total += len(chunk)
            last = time.perf_counter()
    return total


def b6(edits: int, state: Path, work: Path) -> Result:
    path = work / "b6.toml"
    shutil.copy(EXAMPLE, path)
    session = terminal.start(
        [PYTHON, "-m", "tui_report", str(path)], {"XDG_STATE_HOME": str(state)}
    )
    try:
        session.wait_for("转到".encode())
        quiet_read(session, 0.5)
        session.send(F4)
        quiet_read(session, 0.5)
        per_edit, latency = [], []
        for i in range(edits):
            value = b"43" if i % 2 == 0 else b"42"
            sent = 0
            for key in (value[:1], value[1:], b"\r"):
                started = time.perf_counter()
                session.send(key)
                first = session.first_output(2.0)
                if key == b"\r":
                    latency.append(time.perf_counter() - started)
                sent += len(first) + quiet_read(session)
            session.send(b"\x1b[A")  # back up to the same cell
            quiet_read(session)
            per_edit.append(sent)
        repaints = []
        for _ in range(3):  # a full repaint of the same screen: resize away and back
            terminal.set_size(session.fd, 81, 24)
            os.kill(session.pid, signal.SIGWINCH)
            quiet_read(session, 0.4)
            terminal.set_size(session.fd, 80, 24)
            os.kill(session.pid, signal.SIGWINCH)
            repaints.append(quiet_read(session, 0.4))
    finally:
        session.stop()
    value, baseline = statistics.median(per_edit), statistics.median(repaints)
    B6_LATENCY.append(statistics.median(latency) * 1000)
    return Result(
        "B6",
        "每次单元格编辑写到终端的字节（2 位数 + Enter）",
        value,
        baseline,
        "B",
        "<= 0.15x",
        value <= 0.15 * baseline,
    )


# --- B2: one committed cell edit, app work only ------------------------------------------------


async def _edits(path: Path, count: int) -> list[float]:
    from tui_report.tui.launch import make_app

    app = make_app(path, cursor_blink=False)
    work_times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        grid = app.focused
        status = app.screen.query_one("#status")
        for i in range(count):  # alternately 43 (two errors) and back to 42 (none)
            await pilot.press(*("43" if i % 2 == 0 else "42"))
            started = time.perf_counter()
            grid.action_enter()  # commit → validate → highlight → status line
            work_times.append(time.perf_counter() - started)
            assert ("错误 2" if i % 2 == 0 else "错误 0") in str(status.render())
            grid.action_move(-1, 0)
            await pilot.pause()
    return work_times


def b2(edits: int, work: Path) -> list[Result]:
    """Timed inside the app (Pilot): Enter on a typed value until the status line holds
    the new count — the commit, the validation, the highlights and the status line."""
    path = work / "b2.toml"
    shutil.copy(EXAMPLE, path)
    times = asyncio.run(_edits(path, edits))
    p95 = statistics.quantiles(times, n=20)[-1] * 1000
    what = "一次单元格编辑到状态行显示新的问题数（应用本身的工作，p95）"
    return [Result("B2", what, p95, None, "ms", "p95 <= 16 ms", p95 <= 16)]


# --- B3: checking many reports ------------------------------------------------------------------


def generate_reports(folder: Path, count: int) -> None:
    """Reports with varied numbers; about one in twenty with a 勾稽关系 error."""
    base = read_report(EXAMPLE).report
    rng = random.Random(2024)
    table = base.format.table("applications")
    for i in range(count):
        report = base.copy()
        report.agency = f"示例县第{i}单位"
        for column in table.entered_columns:
            extra = rng.randint(0, 40)
            report.set(CellRef("applications", "granted", column.key), extra)
            report.set(CellRef("applications", "new_received", column.key), 0)
            balance = report.grid(table)
            right = balance[table.row_index["total"]][table.column_index[column.key]]
            right += balance[table.row_index["carried_forward"]][table.column_index[column.key]]
            carried = balance[table.row_index["carried_over"]][table.column_index[column.key]]
            report.set(CellRef("applications", "new_received", column.key), right - carried)
        report.set(CellRef("art20_8", "fees", "amount"), Decimal(rng.randint(0, 99999)) / 100)
        received = report.grid(table)[table.row_index["new_received"]][-1]
        report.texts["overview"] = base.texts["overview"].replace(
            "申请 51 件", f"申请 {received} 件"
        )
        if i % 20 == 0:
            report.set(CellRef("applications", "granted", "research"), 999)
        create_report_file(report, folder / f"r{i:05}.toml")


def b3(count: int, repeats: int, work: Path) -> Result:
    folder = work / "county"
    folder.mkdir()
    generate_reports(folder, count)
    files = sorted(folder.glob("*.toml"))

    def parse_only() -> float:
        started = time.perf_counter()
        for path in files:
            tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        return time.perf_counter() - started

    def check() -> float:
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "-m", "tui_report", "check", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - started

    parse_only()
    baseline = statistics.median(parse_only() for _ in range(repeats))
    ours = statistics.median(check() for _ in range(repeats))
    return Result(
        "B3",
        f"tui-report check 检查 {count} 份报告",
        ours,
        baseline,
        "s",
        "<= 1.5x",
        ours <= 1.5 * baseline,
    )


# --- B4: import and export of one report ----------------------------------------------------------


def b4(repeats: int) -> list[Result]:
    report: Report = read_report(EXAMPLE).report
    text = export_text(report)

    def timed(action) -> float:
        action()
        samples = []
        for _ in range(repeats):
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000

    export_ms = timed(lambda: export_text(report))
    import_ms = timed(lambda: import_text(text))
    return [
        Result("B4", "导出一份报告（纯文本）", export_ms, None, "ms", "<= 5 ms", export_ms <= 5),
        Result(
            "B4",
            "导入一份报告（本程序导出的纯文本）",
            import_ms,
            None,
            "ms",
            "<= 5 ms",
            import_ms <= 5,
        ),
    ]


# --- report --------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.machine()}，{os.cpu_count()} 核 {model}".strip()


def write_markdown(results: list[Result], quick: bool) -> str:
    lines = [
        "# 性能基准（BENCHMARKS）",
        "",
        f"- 日期：{datetime.date.today().isoformat()}",
        f"- 机器：{machine()}，{platform.system()} {platform.release()}",
        f"- Python：{platform.python_version()}",
        f"- 命令：`python benchmarks/run.py{' --quick' if quick else ''}`"
        "（同一次运行中测得的全部数字；比值 = 本程序 / 基准，取多次的中位数）",
        "",
        "| 编号 | 测什么 | 结果 | 目标 | 达到 |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.id} | {r.what} | {r.shown} | {r.goal} | {'是' if r.met else '否'} |")
    lines += [
        "",
        "基准：B1、B5 为只显示一个 Static 的空白 Textual 程序（同样的 80x24 伪终端）；",
        "B3 为在一个进程中用 tomllib 解析同样的文件、不做别的；",
        "B6 为同一屏幕完整重绘一次写出的字节（改变窗口大小再改回）。",
        "B2 计时的是提交一次输入（Enter）到状态行更新完毕的应用本身的工作（在 Pilot 中直接计时）；",
        "“B2·终端”是真实伪终端中按 Enter 到收到第一批输出的时间，含进程间通信和绘制。",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="性能基准")
    parser.add_argument(
        "--quick", action="store_true", help="小规模冒烟测试（CI 用），不写 BENCHMARKS.md"
    )
    args = parser.parse_args()
    quick = args.quick
    # Measure as a user runs the program: with byte-compiled modules (as pip installs them).
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(ROOT / "src"), str(ROOT / "benchmarks")],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        state = work / "state"
        results = b1_b5(1 if quick else 5, state)
        results += b2(20 if quick else 200, work)
        results.append(b3(200 if quick else 10_000, 1 if quick else 3, work))
        results += b4(10 if quick else 50)
        results.append(b6(3 if quick else 50, state, work))
        what = "同上，在 80x24 伪终端中：按 Enter 到终端收到输出（中位数，供参考）"
        results.append(Result("B2·终端", what, B6_LATENCY[0], None, "ms", "—", True))
    order = ["B1", "B2", "B2·终端", "B3", "B4", "B5", "B6"]
    results.sort(key=lambda r: order.index(r.id))
    text = write_markdown(results, quick)
    print(text)
    if not quick:
        (ROOT / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
