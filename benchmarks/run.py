"""The benchmark suite: every figure a ratio against a floor measured in the same run,
medians of several repetitions, on the realistic corpus (``realistic.py``).

    python benchmarks/run.py            # full run, writes BENCHMARKS.md
    python benchmarks/run.py --quick    # a smoke test (CI): small sizes, no file written

B1 start-up to the first full screen (as a terminal emulator shows it), B2 Enter until
the new problem count is on the screen (against a bare app's Enter, interleaved), B3
check of 10,000 reports over two years (against least_check.py), B4 export and import,
B5 memory after visiting every part and 200 edits, B6 bytes sent to the terminal per
edit, B7 peak memory of check and sum at 50,000 reports against 10,000, B8 the folder
view of 1,000 and 10,000 reports, B9 its idle CPU at 5,000 and 50,000 files, B10 import of
1 MB of text, B11 a key in a 5,000-character paragraph; and the cost of check, sum and sum
--format xlsx from 100 to 50,000 reports, and a Word export of the largest report.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import files  # noqa: E402
import folder_idle  # noqa: E402
import folder_view  # noqa: E402
import import_size  # noqa: E402
import long_paragraph  # noqa: E402
import readers  # noqa: E402
import realistic  # noqa: E402
import screen  # noqa: E402
import terminal  # noqa: E402
import word_export  # noqa: E402

EXAMPLE = ROOT / "reports" / "example-2024.toml"
PYTHON = sys.executable
BARE = [PYTHON, str(ROOT / "benchmarks" / "bare_app.py")]
F4 = b"\x1bOS"
# F2 … F7, F9 and F10: every part of the editor, then back to 三
PARTS = [b"\x1bOQ", b"\x1bOR", b"\x1bOS", b"\x1b[15~", b"\x1b[17~", b"\x1b[18~", b"\x1b[20~",
         b"\x1b[21~"]  # fmt: skip


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


# --- B1: start-up, against a bare Textual app ------------------------------------------------


BARE_SHOWN = screen.shows("基准就绪")
# B1's editor screen: example-2024.toml's, finished (the last grid row on an 80x24 screen)
OURS_SHOWN = screen.first_full_screen("示例市示例区人民政府", "8.属于行政查询事项")


def startup(argv: list[str], shown: screen.Predicate, env: dict[str, str]) -> float:
    """Seconds from start until the screen, as a terminal shows it, is ``shown``."""
    session = terminal.start(argv, env)
    try:
        return screen.Watched(session).wait_until(shown)
    finally:
        session.stop()


def b1(repeats: int, state: Path) -> Result:
    env = {"XDG_STATE_HOME": str(state)}
    ours_argv = [PYTHON, "-m", "tui_report", str(EXAMPLE)]
    ours, bare = [], []
    startup(BARE, BARE_SHOWN, env)  # warm the file cache once
    startup(ours_argv, OURS_SHOWN, env)
    for _ in range(repeats):  # interleaved, so that both see the same machine
        bare.append(startup(BARE, BARE_SHOWN, env))
        ours.append(startup(ours_argv, OURS_SHOWN, env))
    t_ours, t_bare = statistics.median(ours), statistics.median(bare)
    what = (
        "启动到首个完整的屏幕（80x24 伪终端，经终端模拟器："
        "标题、表格最后一行、状态行、按键行都已画出）"
    )
    return Result("B1", what, t_ours, t_bare, "s", "<= 1.3x", t_ours <= 1.3 * t_bare)


# --- B2, B5, B6: editing in a real pseudo-terminal ------------------------------------------------


def percentile(samples: list[float], p: int) -> float:
    """The ``p``th percentile of ``samples`` (seconds) in milliseconds."""
    if len(samples) < 2:
        return samples[0] * 1000
    return statistics.quantiles(samples, n=100)[p - 1] * 1000


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


def until(session: terminal.Session, marker: bytes, limit: float = 2.0) -> tuple[float, int]:
    """Seconds until ``marker`` has been written (inf if never), and the bytes read."""
    data = b""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        chunk = session.first_output(limit)
        data += chunk
        if marker in data:
            return time.perf_counter() - started, len(data)
    return float("inf"), len(data)


def editing(edits: int, state: Path, work: Path) -> list[Result]:
    """One editor session: visit every part, then ``edits`` edits of one cell of part 三
    (43 gives two errors, 42 none), each: two digits, Enter, back up to the cell. Beside
    it, in the same run, a bare Textual app that writes one line anew on Enter: after
    each of the editor's Enters, one of the bare app's (B2's baseline)."""
    path = work / "editing.toml"
    shutil.copy(EXAMPLE, path)
    env = {"XDG_STATE_HOME": str(state)}
    session = terminal.start([PYTHON, "-m", "tui_report", str(path)], env)
    bare_enter = terminal.start(BARE, env)
    try:
        session.wait_for("转到".encode())
        bare_enter.wait_for("基准就绪".encode())
        quiet_read(session, 0.5)
        quiet_read(bare_enter, 0.3)
        for key in PARTS:  # every part, so that every pane exists (B5)
            session.send(key)
            quiet_read(session, 0.3)
        session.send(F4)
        quiet_read(session, 0.5)
        per_edit, latency, bare_latency = [], [], []
        for i in range(edits):
            value, marker = (b"43", "错误 2") if i % 2 == 0 else (b"42", "错误 0")
            sent = 0
            for key in (value[:1], value[1:]):
                session.send(key)
                sent += len(session.first_output(2.0)) + quiet_read(session)
            started = time.perf_counter()
            session.send(b"\r")
            seconds, seen = until(session, marker.encode())
            latency.append(seconds if seconds != float("inf") else time.perf_counter() - started)
            sent += seen + quiet_read(session)
            session.send(b"\x1b[A")  # back up to the same cell
            sent += quiet_read(session)
            per_edit.append(sent)
            started = time.perf_counter()
            bare_enter.send(b"\r")
            seconds, _ = until(bare_enter, f"回车 {i + 1} 次".encode())
            bare_latency.append(
                seconds if seconds != float("inf") else time.perf_counter() - started
            )
            quiet_read(bare_enter)
        peak = session.peak_rss_kib()
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
        bare_enter.stop()
    bare = []
    for _ in range(3):
        bare_session = terminal.start(BARE, {"XDG_STATE_HOME": str(state)})
        try:
            bare_session.wait_for("基准就绪".encode())
            quiet_read(bare_session, 0.3)
            bare.append(bare_session.peak_rss_kib())
        finally:
            bare_session.stop()
    p95, bare_p95 = percentile(latency, 95), percentile(bare_latency, 95)
    mean_bytes, repaint = statistics.fmean(per_edit), statistics.median(repaints)
    bare_kib = statistics.median(bare)
    return [
        Result(
            "B2",
            f"按 Enter 到屏幕上出现新的问题数（80x24 伪终端，{edits} 次编辑的 p95；"
            f"p50 {percentile(latency, 50):.1f} ms），基准：同一次运行中空白 Textual 程序"
            f"按 Enter 改写一行（p95；p50 {percentile(bare_latency, 50):.1f} ms）",
            p95,
            bare_p95,
            "ms",
            "p95 <= 1.3x",
            p95 <= 1.3 * bare_p95,
        ),
        Result(
            "B5",
            f"编辑器内存（RSS 峰值，访问全部部分并编辑 {edits} 次之后）",
            peak,
            bare_kib,
            "KiB",
            "<= 1.5x",
            peak <= 1.5 * bare_kib,
        ),
        Result(
            "B6",
            "每次编辑写到终端的字节（2 位数 + Enter + 移回该格，平均数）",
            mean_bytes,
            repaint,
            "B",
            "<= 0.15x",
            mean_bytes <= 0.15 * repaint,
        ),
    ]


# --- B3, B4, B7 and growth: many files ---------------------------------------------------


def file_results(quick: bool, work: Path, notes: list[str]) -> tuple[list[Result], list[str]]:
    repeats = 1 if quick else 3
    sizes = [100, 300] if quick else [100, 1_000, 10_000, 50_000]
    corpora = {  # the realistic corpus, one year and two, written once at the largest size
        years: realistic.realistic_folder(work / f"corpus-{years}", sizes[-1], years)
        for years in (1, 2)
    }
    found = files.b3(work, corpora[2], 200 if quick else 10_000, repeats)
    floors, fastest = found["floors"], found["fastest"]
    check, least = found["check"], found["least"]
    floor = floors[fastest]
    count = found["count"]
    results = [
        Result(
            "B3",
            f"check {count} 份报告（真实样本，两个年度各半）的 CPU 时间（含工作进程），"
            "基准：最精简的 Python 检查（least_check.py，同样的文件）",
            check.cpu,
            least.cpu,
            "s",
            "<= 2.5x",
            check.cpu <= 2.5 * least.cpu,
        ),
        Result(
            "B3",
            f"在这 {count} 份报告的目录中 check 一个文件，基准：同一文件单独在一个目录中",
            found["single"],
            found["alone"],
            "s",
            "<= 2x",
            found["single"] <= 2 * found["alone"],
        ),
    ]
    parse_lines = [
        f"| {name} | {run.cpu:.3f} | {run.cpu / count * 1e6:.0f} | {run.cpu / floor.cpu:.1f}x |"
        for name, run in sorted(floors.items(), key=lambda item: item[1].cpu)
    ]
    for name, run in (
        ("最精简的 Python 检查（B3 的基准，见下）", least),
        ("tui-report check（全部工作）", check),
    ):
        parse_lines.append(
            f"| {name} | {run.cpu:.3f} | {run.cpu / count * 1e6:.0f} | {run.cpu / floor.cpu:.1f}x |"
        )
    timing = files.b4(EXAMPLE, 20 if quick else 200)
    for what, key in (
        ("导出一份报告（纯文本）", "export"),
        ("导入一份报告（本程序导出的纯文本）", "import"),
    ):
        results.append(
            Result(
                "B4",
                f"{what}，基准：tomllib 解析同一份报告",
                timing[key],
                timing["parse"],
                "ms",
                "<= 2x",
                timing[key] <= 2 * timing["parse"],
            )
        )
    word = word_export.docx_against_text(EXAMPLE, 20 if quick else 200)
    results.append(
        Result(
            "B4",
            "导出一份报告（Word 文档），基准：同一报告导出纯文本",
            word["docx"],
            word["text"],
            "ms",
            "<= 5x",
            word["docx"] <= 5 * word["text"],
        )
    )
    large = import_size.b10(EXAMPLE, work, quick)
    for layout, what in (("export", "本程序导出的纯文本"), ("pdf", "PDF 提取的文字")):
        run = large[layout]
        results.append(
            Result(
                "B10",
                f"导入 1 MB 的{what}（第一部分是一段 1 MB 的短行；0.25 MB 用时 "
                f"{run['quarter']:.2f} s），基准：读入、解码并分行同一文件",
                run["import"],
                run["floor"],
                "s",
                "<= 1 s，且不超过 0.25 MB 用时的 5 倍（线性）",
                run["import"] <= 1 and run["import"] <= 5 * run["quarter"],
            )
        )
    results += folder_results(quick, work, repeats, corpora[2])
    grown = files.growth(work, corpora, sizes, 1)
    word = files.word_export(work, corpora[1], 3 if quick else 9)
    small, biggest = sizes[-2], sizes[-1]
    for command in ("check", "sum"):
        for years in (1, 2):
            at_small, at_big = grown[(command, years, small)], grown[(command, years, biggest)]
            results.append(
                Result(
                    "B7",
                    f"{command} {biggest} 份报告（{'两年' if years == 2 else '一年'}）的内存峰值"
                    f"（各进程中最大者），基准：{small} 份",
                    at_big.peak_kib / 1024,
                    at_small.peak_kib / 1024,
                    "MB",
                    "<= 1.15x",
                    at_big.peak_kib <= 1.15 * at_small.peak_kib,
                )
            )
    summed, checked = grown[("sum", 1, biggest)], grown[("check", 1, biggest)]
    results.append(
        Result(
            "B7",
            f"sum {biggest} 份报告的用时，基准：check 同一目录",
            summed.wall,
            checked.wall,
            "s",
            "<= 1.5x",
            summed.wall <= 1.5 * checked.wall,
        )
    )
    table = [
        "| 命令 | 年度 | 报告数 | 用时（s） | 每份（ms） | 每份 CPU（ms） | 内存峰值（MB） |",
        "|---|---|---|---|---|---|---|",
    ]
    for (command, years, n), run in grown.items():
        shown = "sum --format xlsx" if command == "sum xlsx" else command
        table.append(
            f"| {shown} | {'两年' if years == 2 else '一年'} | {n} | {run.wall:.2f} | "
            f"{run.wall / n * 1000:.3f} | {run.cpu / n * 1000:.3f} | {run.peak_kib / 1024:.0f} |"
        )
    notes += [
        "",
        "## 解析同样文件的 CPU 时间（B3 的基准）",
        "",
        f"{count} 份报告，每个解析器在一个进程中读入并解析全部文件、不做别的：",
        "",
        "| 解析器 | CPU（s） | 每份（µs） | 与最快者之比 |",
        "|---|---|---|---|",
        *parse_lines,
        "",
        "“最精简的 Python 检查”（`benchmarks/least_check.py`）"
        "是 B3 的基准（check 的下限估计）："
        "与解析基准一样读入并解析每个文件，再只做任何检查都省不掉的事（先读文件开头以配对年度，看每个数值的类型与范围，"
        "各表合计与每条勾稽关系，用叙述规则同样的快速检查看正文、必要时逐句读，每个文件写一行），"
        "不建报告模型、不生成问题及其行号、不与上年报告比对、不计程序导入与进程间传递。",
        "",
        "## 成本随报告数的增长（真实样本：check、sum、sum --format xlsx）",
        "",
        "样本为 `benchmarks/realistic.py` 生成的报告"
        "（6–22 KB，各机关数字与正文各不相同，约一成有各种问题）。"
        "每个数字是一次运行（整个进程，含工作进程）：用时为墙钟时间，CPU 为全部进程之和，"
        "内存峰值为各进程中最大者。“两年”的目录中每个机关各有 2023、2024 年两份报告"
        "（sum 拒绝相加不同年度的报告，但要读完全部报告才知道，其用时仍然有意义）。",
        "",
        *table,
        "",
        f"Word 导出：样本中最大的一份报告（{word['bytes'] / 1000:.1f} KB）"
        f"`tui-report export --format docx` 用时 {word['docx']:.2f} s"
        f"（整个进程，含启动；同一报告 `--format text` {word['text']:.2f} s）。",
    ]
    return results, notes


# --- report --------------------------------------------------------------------------------


def folder_results(quick: bool, work: Path, repeats: int, reports: list[Path]) -> list[Result]:
    """B8 (the folder view checking a folder, against ``check``) and B9 (its idle CPU), on
    the first ``count`` of the realistic corpus's ``reports`` (two years), hard-linked."""

    def build(folder: Path, count: int) -> None:  # the corpus of the folder benchmarks
        files.linked_folder(folder, reports[:count])

    results = []
    for count in [200] if quick else [1_000, 10_000]:
        view = folder_view.b8(work, count, repeats, build, work / "state")
        results.append(
            Result(
                "B8",
                f"目录视图打开 {view['count']} 份报告（两个年度各半）：首次绘制后到全部检查完、"
                f"显示出来的用时（首次绘制在启动后 {view['first_paint']:.2f} s；"
                f"不用上次记下的机关名称拼音时 {view['no_pinyin_kept']:.2f} s），"
                "基准：check 同一目录",
                view["view"],
                view["check"],
                "s",
                "<= 1.5x，且 < 1 s" if count <= 1_000 else "<= 1.2x",
                view["view"] <= 1.5 * view["check"] and view["view"] < 1
                if count <= 1_000
                else view["view"] <= 1.2 * view["check"],
            )
        )
    counts = [300] if quick else [5_000, 50_000]
    seconds = 3.0 if quick else folder_idle.IDLE_SECONDS
    for idle in folder_idle.b9(work, counts, build, work / "state", seconds):
        results.append(
            Result(
                "B9",
                f"目录视图空闲时的 CPU（{idle['count']} 份报告，全部检查完后 {seconds:.0f} 秒内，"
                f"含工作进程；系统不能通知变化、每 2 秒查看全部文件时为 {idle['polled']:.2f}%）",
                idle["told"],
                None,
                "% 单核",
                "< 1 %",
                idle["told"] < 1,
            )
        )
    return results


def paragraph_result(work: Path, quick: bool) -> Result:
    """B11: a key typed in a paragraph of 5,000 characters, against a bare TextArea."""
    typed = long_paragraph.b11(work, work / "state", 8 if quick else 60)
    return Result(
        "B11",
        "在 5000 字的一段文字末尾输入一个字到屏幕更新（80x24 伪终端，p95；"
        f"中位数 {typed['editor_p50'] * 1000:.1f} / {typed['bare_p50'] * 1000:.1f} ms），"
        "基准：只有一个 TextArea 的空白 Textual 程序，同样的文字",
        typed["editor_p95"] * 1000,
        typed["bare_p95"] * 1000,
        "ms",
        "<= 1.2x",
        typed["editor_p95"] <= 1.2 * typed["bare_p95"],
    )


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


def write_markdown(
    results: list[Result], quick: bool, notes: list[str], started: tuple[float, ...]
) -> str:
    load = os.getloadavg()
    lines = [
        "# 性能基准（BENCHMARKS）",
        "",
        f"- 日期：{datetime.date.today().isoformat()}",
        f"- 机器：{machine()}，{platform.system()} {platform.release()}",
        f"- Python：{platform.python_version()}",
        f"- 命令：`python benchmarks/run.py{' --quick' if quick else ''}`"
        "（同一次运行中测得的全部数字；比值 = 本程序 / 同一次运行中测得的基准，取多次的中位数）",
        f"- 条件：系统负载开始时 {' / '.join(f'{x:.2f}' for x in started)}，"
        f"结束时 {' / '.join(f'{x:.2f}' for x in load)}（1/5/15 分钟，含本基准自己的运行）；"
        "机器的速度有起伏，因此每个数都与同一次运行中测得的基准相比",
        "",
        "| 编号 | 测什么 | 结果 | 目标 | 达到 |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r.id} | {r.what} | {r.shown} | {r.goal} | {'是' if r.met else '否'} |")
    lines += [
        "",
        "基准：B1、B5 为只显示一个 Static 的空白 Textual 程序（同样的 80x24 伪终端，"
        "B5 取其内存峰值）；",
        "B1 的屏幕经终端模拟器（pyte）读出："
        "计到标题、表格最后一行（带数字）、状态行和按键行都在屏幕上的那次读取；",
        "B2 在真实伪终端中计时：发送 Enter 到终端收到含新问题数（“错误 2”/“错误 0”）的输出，"
        "与同一次运行中交替进行的空白程序按 Enter 改写一行相比（p95 之比）；",
        "B3 的基准为 `benchmarks/least_check.py` 读同样的文件"
        "（CPU 时间，本程序含工作进程；两者交替运行）；"
        "B3、B7 和增长表的报告为 `benchmarks/realistic.py` 生成的真实样本；",
        "B4 为 tomllib 解析同一份报告（在同一进程中），Word 导出一行为同一报告的纯文本导出；",
        "B6 为同一屏幕完整重绘一次写出的字节（改变窗口大小再改回）；"
        "B7 的内存与同一命令 10,000 份时相比，用时与 check 同一目录相比；",
        "B8 在同样的伪终端中计时：从目录视图首次绘制到显示“已检查全部”，"
        "与 check 同一目录的用时相比；",
        "B9 为目录视图检查完全部报告后空闲 20 秒内本进程及其工作进程的 CPU 时间（单核的百分比）；",
        "B10 为读入、解码同一文件并分成行（任何导入都省不掉的事）；",
        "B11 的基准为只有一个 TextArea 的 Textual 程序（benchmarks/textarea_long_line.py），"
        "每个键的时间大部分花在 TextArea 自己（见 docs/upstream/textarea-long-line.md）。",
        *notes,
    ]
    return "\n".join(lines) + "\n"


# BENCHMARKS.md from this line on is written by hand (what was not met and why, the
# before/after sections of each change): a full run rewrites only what is above it.
HAND_WRITTEN = "<!-- 以下各节为手写，benchmarks/run.py 重写上面的部分时保留 -->"


def main() -> int:
    parser = argparse.ArgumentParser(description="性能基准")
    parser.add_argument(
        "--quick", action="store_true", help="小规模冒烟测试（CI 用），不写 BENCHMARKS.md"
    )
    args = parser.parse_args()
    quick = args.quick
    started = os.getloadavg()  # what else the machine was doing, as the run began
    # Measure as a user runs the program: with byte-compiled modules (as pip installs them).
    subprocess.run(
        [PYTHON, "-m", "compileall", "-q", str(ROOT / "src"), str(ROOT / "benchmarks")],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPATH"] = str(ROOT / "src")
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        state = work / "state"
        results = [b1(1 if quick else 15, state)]
        results += editing(6 if quick else 200, state, work)
        found, notes = file_results(quick, work, notes)
        results += found
        results.append(paragraph_result(work, quick))
        notes += readers.section(work / "readers", quick)
    order = ["B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11"]
    results.sort(key=lambda r: order.index(r.id))
    text = write_markdown(results, quick, notes, started)
    print(text)
    if not quick:
        target = ROOT / "BENCHMARKS.md"
        written = target.read_text(encoding="utf-8") if target.exists() else ""
        kept = written.find(HAND_WRITTEN)  # the sections written by hand stay
        if kept >= 0:
            text = text.rstrip("\n") + "\n\n" + written[kept:]
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
