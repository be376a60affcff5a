"""Make a county's folder of reports to try the folder view on (and for the screenshots
and the benchmark): the sample reports plus generated units, each with a 2023 and a
2024 report whose 上年结转 follows last year's 结转下年度.

    python scripts/county_folder.py FOLDER [--units 100] [--git]

A few units are made to show what the view finds: some 2024 reports with a 勾稽关系
error, a unit without a 2024 report, a unit whose name is written with its city
prefix in 2024 only, a unit renamed (县 → 区), and a draft beside a final report.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_report.report.model import CellRef, Report  # noqa: E402
from tui_report.storage import read_report, render_new  # noqa: E402

EXAMPLE = ROOT / "reports" / "example-2024.toml"
KINDS = ["发展和改革局", "教育局", "公安局", "民政局", "财政局", "自然资源局", "住房和城乡建设局"]
KINDS += ["交通运输局", "水利局", "农业农村局", "卫生健康委员会", "市场监督管理局"]
TOWNS = ["城关镇", "东城街道", "西湖镇", "南河乡", "北山镇", "高桥镇", "白沙镇", "青石乡"]


def unit_names(count: int) -> list[str]:
    names = [f"示例县{kind}" for kind in KINDS]
    names += [f"示例县{town}人民政府" for town in TOWNS]
    i = 0
    while len(names) < count:
        names.append(f"示例县第{i}社区服务中心")
        i += 1
    return names[:count]


def balanced(base: Report, rng: random.Random, carried_over: list[int] | None) -> Report:
    """A report whose columns add up, with ``carried_over`` as 二 when given."""
    report = base.copy()
    table = report.format.table("applications")
    for c, column in enumerate(table.entered_columns):
        for row in table.entered_rows:
            report.set(CellRef("applications", row.key, column.key), 0)
        weight = 8 if column.key == "natural_person" else 2
        report.set(CellRef("applications", "granted", column.key), rng.randint(0, 4 * weight))
        report.set(CellRef("applications", "partially_granted", column.key), rng.randint(0, weight))
        report.set(
            CellRef("applications", "unavailable_not_held", column.key), rng.randint(0, weight)
        )
        over = carried_over[c] if carried_over else rng.randint(0, 2)
        forward = rng.randint(0, 2)
        report.set(CellRef("applications", "carried_over", column.key), over)
        report.set(CellRef("applications", "carried_forward", column.key), forward)
        grid = report.grid(table)
        concluded = grid[table.row_index["total"]][table.column_index[column.key]]
        short = over - concluded - forward
        if short > 0:  # more carried over than handled: handle those too
            granted = CellRef("applications", "granted", column.key)
            report.set(granted, report.get(granted) + short)
            concluded += short
        report.set(CellRef("applications", "new_received", column.key), concluded + forward - over)
    report.set(CellRef("review_litigation", "review", "upheld"), rng.randint(0, 3))
    report.set(CellRef("review_litigation", "litigation_direct", "upheld"), rng.randint(0, 2))
    report.set(CellRef("art20_8", "fees", "amount"), Decimal(rng.randint(0, 9999)) / 100)
    received = report.grid(table)[table.row_index["new_received"]][-1]
    report.texts["overview"] = base.texts["overview"].replace("申请 51 件", f"申请 {received} 件")
    return report


def carried_forward(report: Report) -> list[int]:
    table = report.format.table("applications")
    row = report.grid(table)[table.row_index["carried_forward"]]
    return [int(v or 0) for v in row[: len(table.entered_columns)]]


def follow(this: Report, last: Report) -> Report:
    """现行有效件数 as last year's, plus this year's issued, minus those repealed."""
    table = this.format.table("art20_1")
    for row in table.entered_rows:
        issued, repealed, _ = (this.get(CellRef("art20_1", row.key, c.key)) for c in table.columns)
        before = last.get(CellRef("art20_1", row.key, "in_force"))
        this.set(CellRef("art20_1", row.key, "in_force"), before + issued - repealed)
    return this


def as_year(report: Report, agency: str, year: int) -> Report:
    report.agency, report.year = agency, year
    for key in list(report.texts):
        report.texts[key] = report.texts[key].replace("2024 年", f"{year} 年")
    return report


def make(folder: Path, units: int, git: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for sample in (ROOT / "reports").glob("*.toml"):
        shutil.copy(sample, folder / sample.name)
    base = read_report(EXAMPLE).report
    rng = random.Random(14)
    names = unit_names(units)
    for i, name in enumerate(names):
        last = as_year(balanced(base, rng, None), name, 2023)
        (folder / f"{i:03}-2023.toml").write_text(render_new(last), encoding="utf-8")
        if i == 3:
            continue  # no report for 2024
        this = follow(as_year(balanced(base, rng, carried_forward(last)), name, 2024), last)
        if i == 4:
            this.agency = f"示例市{name}"  # the city prefix, this year only
        if i % 17 == 5:  # a 勾稽关系 error
            this.set(CellRef("applications", "granted", "natural_person"), 99)
        (folder / f"{i:03}-2024.toml").write_text(render_new(this), encoding="utf-8")
        if i == 6:  # a draft left beside the final report
            draft = follow(as_year(balanced(base, rng, carried_forward(last)), name, 2024), last)
            (folder / f"{i:03}-2024-初稿.toml").write_text(render_new(draft), encoding="utf-8")
    renamed = as_year(balanced(base, rng, None), "示例县东湖乡人民政府", 2023)
    (folder / "donghu-2023.toml").write_text(render_new(renamed), encoding="utf-8")
    now = as_year(balanced(base, rng, carried_forward(renamed)), "示例县东湖镇人民政府", 2024)
    now = follow(now, renamed)
    (folder / "donghu-2024.toml").write_text(render_new(now), encoding="utf-8")
    if git:
        subprocess.run(["git", "init", "-q", str(folder)], check=True)
        subprocess.run(["git", "-C", str(folder), "add", "."], check=True)
        author = ["-c", "user.name=县政务公开办", "-c", "user.email=office@example.org"]
        commit = ["commit", "-q", "-m", "各单位年报"]
        subprocess.run(["git", "-C", str(folder), *author, *commit], check=True)


def main() -> None:
    from tui_report.cli.chinese_argparse import ChineseArgumentParser, install

    install()  # argparse's own words (usage:, error:) in Chinese, as in tui-report itself
    parser = ChineseArgumentParser(description="生成一个全县报告目录（示例）")
    parser.add_argument("folder", type=Path, help="要创建的目录")
    parser.add_argument("--units", type=int, default=100, help="单位数（每个单位两年）")
    parser.add_argument("--git", action="store_true", help="建成 git 仓库并提交")
    args = parser.parse_args()
    make(args.folder, args.units, args.git)


if __name__ == "__main__":
    main()
