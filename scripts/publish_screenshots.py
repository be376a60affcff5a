"""Pictures of every page that gets published, to look at before a release:

- the Word export of each report in reports/, laid out and printed by LibreOffice
  (the same conversion as ``export --format pdf``);
- the HTML page of each report as Chromium prints it on A4;
- the HTML fragment of the examples with its styles stripped (as a portal editor that
  strips ``style`` shows it: the grid must still be drawn);
- the Excel roll-up of a sample county folder (``scripts/county_folder.py``), printed
  by LibreOffice.

Needs Debian's chromium, libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils
and fonts-noto-cjk:

    apt-get install chromium libreoffice-writer-nogui libreoffice-calc-nogui \\
        poppler-utils fonts-noto-cjk
    .venv/bin/python scripts/publish_screenshots.py

Writes screenshots/export-<report>-docx-<page>.png, export-<report>-html-<page>.png,
export-<report>-fragment-<page>.png and export-xlsx-<page>.png (grey, 60 dpi: small
files), after removing the old export-*.png. Not run in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_report.export import export_docx, export_html  # noqa: E402
from tui_report.export.pdf import docx_to_pdf  # noqa: E402
from tui_report.storage import read_report  # noqa: E402

REPORTS = [ROOT / "reports" / name for name in ("example-2024.toml", "guanting-2023.toml")]
REPORTS.append(ROOT / "reports" / "example-2020.toml")  # the 2019 format
FRAGMENTS = ("example-2024", "example-2020")
OUT = ROOT / "screenshots"
# 60 dpi, grey without anti-aliasing: readable, and a fifth of the bytes of smoothed grey
RASTER = ["-png", "-gray", "-r", "60", "-aa", "no", "-aaVector", "no"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


def need(program: str) -> str:
    found = shutil.which(program)
    if not found:
        raise SystemExit(f"需要 {program}（见本脚本开头的说明）")
    return found


def pages(pdf: Path, name: str) -> None:
    """Every page of ``pdf`` as screenshots/export-<name>-<n>.png."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "page"
        subprocess.run(
            [need("pdftoppm"), *RASTER, str(pdf), str(prefix)],
            check=True,
            timeout=300,
        )
        found = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        for n, page in enumerate(found, start=1):
            target = OUT / f"export-{name}-{n}.png"
            shutil.copyfile(page, target)
            print(f"wrote {target.relative_to(ROOT)}")


def chromium_pdf(html: str, work: Path, name: str) -> Path:
    page = work / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    printed = work / f"{name}.pdf"
    subprocess.run(
        [
            need("chromium"),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return printed


def without_styles(fragment: str) -> str:
    """The fragment as an editor that strips ``style`` attributes keeps it, in a page."""
    bare = re.sub(r'\sstyle="[^"]*"', "", fragment)
    return f'<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8"><body>{bare}</body></html>'


def xlsx_pdf(work: Path) -> Path:
    folder = work / "county"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "county_folder.py"), str(folder), "--units", "24"],
        check=True,
        capture_output=True,
    )
    workbook = work / "county.xlsx"
    reports = sorted(p.name for p in folder.glob("*-2024.toml"))  # as a clerk types them
    command = ["sum", *reports, "--format", "xlsx", "-o", str(workbook), "--agency", "示例县"]
    subprocess.run(
        [sys.executable, "-m", "tui_report", *command],
        check=False,  # reports with errors are left out (exit 0) and said on stderr
        capture_output=True,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    profile = f"-env:UserInstallation={(work / 'lo').as_uri()}"
    convert = ["--convert-to", "pdf", "--outdir", str(work), str(workbook)]
    subprocess.run(
        [need("soffice"), "--headless", profile, *convert],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return work / "county.pdf"


def main() -> None:
    need("soffice")
    for old in OUT.glob("export-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for path in REPORTS:
            report = read_report(path).report
            stem = path.stem
            printed = work / f"{stem}-docx.pdf"
            printed.write_bytes(docx_to_pdf(export_docx(report)))
            pages(printed, f"{stem}-docx")
            pages(chromium_pdf(export_html(report), work, f"{stem}-html"), f"{stem}-html")
            if stem in FRAGMENTS:
                bare = without_styles(export_html(report, fragment=True))
                pages(chromium_pdf(bare, work, f"{stem}-fragment"), f"{stem}-fragment")
        pages(xlsx_pdf(work), "xlsx")


if __name__ == "__main__":
    main()
