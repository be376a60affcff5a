"""B10: import of a large text, against reading and splitting the same text.

A report's text is short, but import must never take time that grows faster than the
text: 400,000 short lines once took 28 s and 5 MB more than 300 s (every wrapped line
was joined to the paragraph so far, copying it again). The inputs are the example report
as two layouts people import — the text export (paragraphs marked by an indent) and text
extracted from a PDF (wrapped lines) — with part 一 holding one paragraph of short lines,
the shape that was quadratic, up to the size measured. The floor is what any import of
the file must do at least: read it, decode it and split it into lines.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

MB = 1024 * 1024


def _file(example: Path, layout: str, size: int, folder: Path) -> Path:
    from tui_report.export import export_text
    from tui_report.storage import read_report

    report = read_report(example).report
    if layout == "pdf":
        import sys

        sys.path.insert(0, str(example.parents[1]))
        from tests.import_layouts import pdf_text

        text = pdf_text(report, blank_lines=False)
        first = "一、总体情况\n"
    else:
        text = export_text(report)
        first = "一、总体情况\n\n"
    start = text.index(first) + len(first)
    lines: list[str] = ["\u3000\u3000一段很长的文字从这里开始，"]
    used = len(text.encode("utf-8"))
    n = 0
    while used < size:
        line = f"第{n}行短句"
        lines.append(line)
        used += len(line.encode("utf-8")) + 1
        n += 1
    path = folder / f"large-{layout}-{size}.txt"
    path.write_text(text[:start] + "\n".join(lines) + "\n" + text[start:], encoding="utf-8")
    return path


def _median(action, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def b10(example: Path, folder: Path, quick: bool) -> dict[str, dict[str, float]]:
    """Per layout: seconds to import 1 MB (``import``), to read, decode and split it
    (``floor``), and to import a quarter of it (``quarter``: the growth)."""
    from tui_report.importing import import_file

    repeats = 3 if quick else 5  # a few seconds in all: a single sample is too noisy
    found: dict[str, dict[str, float]] = {}
    for layout in ("export", "pdf"):
        big = _file(example, layout, MB, folder)
        quarter = _file(example, layout, MB // 4, folder)
        import_file(quarter)  # modules loaded, caches warm

        def floor(path: Path = big) -> None:
            [line.strip() for line in path.read_bytes().decode("utf-8").split("\n")]

        found[layout] = {
            "floor": _median(floor, repeats * 3),
            "import": _median(lambda path=big: import_file(path), repeats),
            "quarter": _median(lambda path=quarter: import_file(path), repeats),
        }
    return found
