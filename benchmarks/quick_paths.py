"""What each quick path of ``check`` is worth: B3's two measurements (``check`` of 10,000
reports over two years, CPU and wall time with its workers; ``check`` of one file in
that folder, wall time) with one quick path turned off at a time, against all of them
on, in the same run (interleaved, medians). The plain ways they stand in for are the
ones tests/unit/test_quick_ways.py holds them equal to. Those whose gain no user feels were
removed (BENCHMARKS.md, "快速写法"); what is left is priced here.

    python benchmarks/quick_paths.py [--count 10000] [--repeats 5] [--src DIR]

Prints a Markdown table (for BENCHMARKS.md). Each variant runs ``check`` as a program
of its own, with the quick path replaced before anything is read (worker processes are
forked from it and inherit the replacement).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import corpus  # noqa: E402
import files  # noqa: E402

EXAMPLE = ROOT / "reports" / "example-2024.toml"

# name → (what it does, the plain way it stands in for, as code run before check starts)
VARIANTS = {
    "rows": (
        "一行计数原样读入（不逐个值读）",
        "from tui_report.storage import reading; reading._plain_counts = lambda t: None",
    ),
    "pool": (
        "工作进程池（所有核）",
        "from tui_report.folder import parallel; parallel.SERIAL_BELOW = 10**9",
    ),
    "toml_rs": (
        "编译的 TOML 解析器（toml-rs）",
        "from tui_report.storage import fast_toml; fast_toml.fast_loads = None",
    ),
}

RUN = """
import sys
{patch}
from tui_report.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def check(patch: str, *args: str) -> list[str]:
    return [files.PYTHON, "-c", RUN.format(patch=patch), "check", *args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the program measured")
    args = parser.parse_args()
    # as a user runs the program: byte-compiled (as run.py measures)
    subprocess.run(
        [files.PYTHON, "-m", "compileall", "-q", str(args.src)],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPATH"] = str(args.src)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "county"
        texts = corpus.variants(EXAMPLE)
        paths = corpus.write_county(folder, args.count, 2, texts)
        one = str(next(p for p in paths if p.name.endswith("-2024.toml")))
        names = ["", *VARIANTS]
        cpu: dict[str, list[float]] = {name: [] for name in names}
        wall: dict[str, list[float]] = {name: [] for name in names}
        single: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(args.repeats):  # interleaved: every variant sees the same machine
            for name in names:
                patch = VARIANTS[name][1] if name else ""
                run = files.measured(check(patch, str(folder)))
                cpu[name].append(run.cpu)
                wall[name].append(run.wall)
                for _ in range(3):
                    single[name].append(files.measured(check(patch, one)).wall)
    base = {k: statistics.median(v[""]) for k, v in (("cpu", cpu), ("wall", wall), ("one", single))}
    print(
        f"全部快速写法打开：check {args.count} 份 CPU {base['cpu']:.2f} s、"
        f"用时 {base['wall']:.2f} s；在其目录中 check 一个文件 {base['one']:.3f} s"
    )
    print()
    print(f"| 关掉的快速写法 | check {args.count} 份的 CPU | 用时 | 在其目录中 check 一个文件 |")
    print("|---|---|---|---|")
    for name, (what, _) in VARIANTS.items():
        c, w, s = (statistics.median(v[name]) for v in (cpu, wall, single))
        print(
            f"| {what}（`{name}`） | {c / base['cpu']:.2f}x（{c:.2f} s） "
            f"| {w / base['wall']:.2f}x（{w:.2f} s） | {s / base['one']:.2f}x（{s:.3f} s） |"
        )
    print(f"\n（系统负载：{' / '.join(f'{x:.2f}' for x in os.getloadavg())}）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
