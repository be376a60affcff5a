"""Which TOML reader tui-report should read reports with (issue 25): the standard
library's tomllib (always there), or a compiled one as the optional extra ``fast``.

Three things are measured on the B3 corpus (two years of a county's reports):
- each installed parser alone reading the same files (CPU per report);
- what a user waits for: ``check DIR`` and the folder view (``tui-report DIR``, from the
  first paint until every report is checked) with the compiled reader and with tomllib
  alone (the compiled module hidden from the program: what a user without the extra has);
- what each parser gives back that the program relies on: an amount as written
  (``128.40`` stays ``128.40``: a ``parse_float`` hook) and TOML 1.0 only (what tomllib
  reads: a file one accepts and the other refuses would be checked differently).

    python benchmarks/readers.py [--quick]    # prints a Markdown section
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks")]

import corpus  # noqa: E402
import files  # noqa: E402
import terminal  # noqa: E402

EXAMPLE = ROOT / "reports" / "example-2024.toml"

# tui-report as a user without the extra ``fast`` runs it: the compiled module hidden
# (its worker processes are forked, so they inherit that).
WITHOUT_FAST = (
    "import sys; sys.modules['toml_rs'] = None; sys.argv[0] = 'tui-report'; "
    "from tui_report.cli import main; raise SystemExit(main())"
)
WITH_FAST = "import sys; from tui_report.cli import main; raise SystemExit(main())"
READERS = {"toml-rs": WITH_FAST, "tomllib": WITHOUT_FAST}


def program(reader: str, *args: str) -> list[str]:
    return [files.PYTHON, "-c", READERS[reader], *args]


def faithful(parser: str) -> tuple[bool, bool]:
    """(an amount kept as written, TOML 1.1 refused as tomllib refuses it)."""
    from decimal import Decimal

    amount = "fees = 128.40"
    newer = 'text = "\\e"'  # an escape TOML 1.1 added
    if parser == "tomllib":
        import tomllib

        kept = str(tomllib.loads(amount, parse_float=Decimal)["fees"]) == "128.40"
        loads = tomllib.loads
    elif parser == "toml-rs":
        import toml_rs

        kept = str(toml_rs.loads(amount, parse_float=Decimal)["fees"]) == "128.40"

        def loads(text: str) -> object:
            return toml_rs.loads(text, toml_version="1.0.0")
    else:
        import rtoml  # no parse_float: every amount is a binary float first

        kept = str(rtoml.loads(amount)["fees"]) == "128.40"
        loads = rtoml.loads
    try:
        loads(newer)
        refused = False
    except Exception:
        refused = True
    return kept, refused


def folder_view(folder: Path, reader: str, repeats: int, state: Path) -> float:
    """Seconds from the folder view's first paint until every report is checked."""
    argv = program(reader, str(folder))
    spans = []
    for _ in range(repeats + 1):  # the first run warms the file cache
        session = terminal.start(argv, {"XDG_STATE_HOME": str(state)})
        try:
            painted = session.wait_for("目录".encode())
            done = session.wait_for("已检查全部".encode())
        finally:
            session.stop()
        spans.append(done - painted)
    return statistics.median(spans[1:])


def measure(work: Path, quick: bool) -> list[str]:
    texts = corpus.variants(EXAMPLE, 16 if quick else corpus.VARIANTS)
    repeats = 1 if quick else 3
    sizes = [100] if quick else [100, 1_000, 10_000]
    floor_folder = work / "parse"
    corpus.write_county(floor_folder, 200 if quick else 10_000, 2, texts)
    count = len(list(floor_folder.iterdir()))
    lines = [
        f"| 解析器 | 只解析 {count} 份报告的 CPU（s） | 每份（µs） | 金额按写出的位数（128.40） | "
        "只读 TOML 1.0（与 tomllib 一致） |",
        "|---|---|---|---|---|",
    ]
    for name, run in sorted(
        files.parse_floor(floor_folder, repeats).items(), key=lambda x: x[1].cpu
    ):
        kept, refused = faithful(name)
        lines.append(
            f"| {name} | {run.cpu:.3f} | {run.cpu / count * 1e6:.0f} | {'是' if kept else '否'} | "
            f"{'是' if refused else '否'} |"
        )
    lines += [
        "",
        "| 报告数（两个年度） | 用 toml-rs：check 用时（s） | 只用 tomllib：check 用时（s） "
        "| 之差（s） | CPU 之比 | 目录视图检查完（toml-rs / tomllib，s） |",
        "|---|---|---|---|---|---|",
    ]
    for n in sizes:
        folder = work / f"county-{n}"
        corpus.write_county(folder, n, 2, texts)
        runs = {r: files.median_run(program(r, "check", str(folder)), repeats) for r in READERS}
        view = "—"
        if n <= 1_000:
            fast, slow = (folder_view(folder, r, repeats, work / "state") for r in READERS)
            view = f"{fast:.2f} / {slow:.2f}"
        fast_run, slow_run = runs["toml-rs"], runs["tomllib"]
        lines.append(
            f"| {n} | {fast_run.wall:.2f} | {slow_run.wall:.2f} | "
            f"{slow_run.wall - fast_run.wall:+.2f} | {slow_run.cpu / fast_run.cpu:.2f}x | {view} |"
        )
    return lines


def section(work: Path, quick: bool) -> list[str]:
    """The section of BENCHMARKS.md on the choice of reader."""
    return [
        "",
        "## TOML 解析器：tomllib（默认）与 toml-rs（可选的 fast）",
        "",
        "`python benchmarks/readers.py`：同一批报告（B3 的语料，两个年度），各解析器只解析的 CPU，"
        "以及用户等的时间：`check 目录` 和目录视图（从首次绘制到“已检查全部”），"
        "分别在装有 toml-rs 时和只有 tomllib 时"
        "（同一个程序，隐去 toml-rs 模块，即未装 fast 的安装）。",
        "",
        *measure(work, quick),
        "",
        "rtoml 没有 `parse_float`：每个金额先成为二进制浮点数（`128.40` 读成 `128.4`，"
        "写出的位数丢失），并且按 TOML 1.1 读"
        "（tomllib 拒绝的文件它接受，check 与编辑器会对同一文件说法不一），"
        "所以编译的解析器只考虑 toml-rs。",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="TOML 解析器的比较")
    parser.add_argument("--quick", action="store_true", help="小规模（冒烟测试）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("\n".join(measure(Path(folder), args.quick)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
