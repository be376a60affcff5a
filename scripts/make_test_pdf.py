"""Write tests/data/import/example-2024.pdf: the example report laid out as a printed
report (wrapped prose, table rows as lines, page numbers), for the .pdf import test.

    pip install reportlab && python scripts/make_test_pdf.py

reportlab is only needed here (its built-in Chinese font STSong-Light is not
embedded, which keeps the file small); the test itself needs only pypdf.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from tests.import_layouts import pdf_text  # noqa: E402
from tui_report.storage import read_report  # noqa: E402

LINES_PER_PAGE = 40


def main() -> None:
    report = read_report(ROOT / "reports" / "example-2024.toml").report
    lines = [
        line for line in pdf_text(report, blank_lines=False, page_markers=False).split("\n") if line
    ]
    out = ROOT / "tests" / "data" / "import" / "example-2024.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(out), pageCompression=1, invariant=1)
    for number, start in enumerate(range(0, len(lines), LINES_PER_PAGE), start=1):
        page.setFont("STSong-Light", 11)
        y = 800
        for line in lines[start : start + LINES_PER_PAGE]:
            page.drawString(40, y, line)
            y -= 19
        page.drawCentredString(297, 30, f"- {number} -")
        page.showPage()
    page.save()
    print(out.relative_to(ROOT), out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
