"""Pictures of what gets published: the HTML export as a browser shows it, and the
first pages of the Word export as LibreOffice lays them out.

Needs Debian's chromium, libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk:

    apt-get install chromium libreoffice-writer-nogui poppler-utils fonts-noto-cjk
    .venv/bin/python scripts/publish_screenshots.py

Writes screenshots/export-html.png and screenshots/export-docx-{1,2,3}.png from
reports/example-2024.toml. Not run in CI.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tui_report.export import export_docx, export_html  # noqa: E402
from tui_report.storage import read_report  # noqa: E402

SAMPLE = ROOT / "reports" / "example-2024.toml"
OUT = ROOT / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
DOCX_PAGES = 3


def need(program: str) -> str:
    found = shutil.which(program)
    if not found:
        raise SystemExit(f"需要 {program}（见本脚本开头的说明）")
    return found


def html_picture(work: Path) -> None:
    page = work / "report.html"
    page.write_text(export_html(read_report(SAMPLE).report), encoding="utf-8")
    target = OUT / "export-html.png"
    subprocess.run(
        [
            need("chromium"),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'profile'}",
            "--window-size=900,3000",
            f"--screenshot={target}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    print(f"wrote {target}")


def docx_pictures(work: Path) -> None:
    document = work / "report.docx"
    document.write_bytes(export_docx(read_report(SAMPLE).report))
    subprocess.run(
        [need("soffice"), "--headless", "--convert-to", "pdf", "--outdir", str(work), document],
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(
        [
            need("pdftoppm"),
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            str(DOCX_PAGES),
            str(work / "report.pdf"),
            str(work / "page"),
        ],
        check=True,
        timeout=120,
    )
    for n, page in enumerate(sorted(work.glob("page-*.png")), start=1):
        target = OUT / f"export-docx-{n}.png"
        shutil.copyfile(page, target)
        print(f"wrote {target}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        html_picture(work)
        docx_pictures(work)


if __name__ == "__main__":
    main()
