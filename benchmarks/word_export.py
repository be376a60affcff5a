"""B4 (Word): exporting a report as a Word file, against exporting the same report as
plain text in the same process (the issue's measure: at most 5x). Both are timed warm,
as the editor exports (its modules already imported), median of ``repeats``."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path


def timed(action: Callable[[], object], repeats: int) -> float:
    """The median time of ``action`` in milliseconds, after one run to warm up."""
    action()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def docx_against_text(example: Path, repeats: int) -> dict[str, float]:
    """Milliseconds to export ``example`` as Word (``docx``) and as plain text (``text``)."""
    from tui_report.export import export_docx, export_text
    from tui_report.storage import read_report

    report = read_report(example).report
    return {
        "text": timed(lambda: export_text(report), repeats),
        "docx": timed(lambda: export_docx(report), repeats),
    }


if __name__ == "__main__":
    import sys

    ROOT = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(ROOT / "src"))
    found = docx_against_text(ROOT / "reports" / "example-2024.toml", 200)
    print(
        f"docx {found['docx']:.3f} ms / text {found['text']:.3f} ms = "
        f"{found['docx'] / found['text']:.2f}x"
    )
