"""B11: a key typed at the end of a 5,000-character paragraph (one line, soft-wrapped),
in the editor and in a bare Textual app with only a TextArea holding the same text
(``textarea_long_line.py``), each in an 80x24 pseudo-terminal: the time from sending a
character until the screen's update has been written. Most of it is TextArea's own
(docs/upstream/textarea-long-line.md); the ratio says what the editor adds per key,
which must not grow with the paragraph.

    python benchmarks/long_paragraph.py [KEYS]    # by itself: 5,000 and 1,000 characters
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import terminal
from textarea_long_line import paragraph

ROOT = Path(__file__).resolve().parents[1]
F2 = b"\x1bOQ"  # the editor's part 一, whose text is the overview
KEY = "字".encode()


def _settle(session: terminal.Session, quiet: float = 0.3) -> None:
    end = time.perf_counter() + 10
    while time.perf_counter() < end and session.read(quiet):
        pass


def _latencies(session: terminal.Session, keys: int) -> list[float]:
    """Seconds from each key sent until the screen's update has been written (the
    first output after it, and what follows it at once)."""
    seconds = []
    for _ in range(keys):
        started = time.perf_counter()
        session.send(KEY)
        if not session.first_output(2.0):
            seconds.append(float("inf"))
            continue
        last = time.perf_counter()
        while session.first_output(0.01):
            last = time.perf_counter()
        seconds.append(last - started)
        session.read(0.05)  # (a blink of the cursor, the status line: not this key's)
    return seconds


def report_file(folder: Path, characters: int) -> Path:
    """The sample report with its overview one paragraph of ``characters``."""
    from tui_report.storage import read_report, render_new

    report = read_report(ROOT / "reports" / "example-2024.toml").report.copy()
    report.texts["overview"] = paragraph(characters)
    path = folder / f"paragraph-{characters}.toml"
    path.write_text(render_new(report), encoding="utf-8")
    return path


def typing(folder: Path, state: Path, characters: int, keys: int) -> dict[str, list[float]]:
    """Latencies of ``keys`` keys in the editor and in the bare TextArea app."""
    python = sys.executable
    editor = terminal.start(
        [python, "-m", "tui_report", str(report_file(folder, characters))],
        {"XDG_STATE_HOME": str(state)},
    )
    try:
        editor.wait_for("转到".encode())
        _settle(editor)
        editor.send(F2)
        _settle(editor)
        ours = _latencies(editor, keys)
    finally:
        editor.stop()
    script = str(ROOT / "benchmarks" / "textarea_long_line.py")
    bare_session = terminal.start([python, script, str(characters)])
    try:
        bare_session.wait_for("。".encode())
        _settle(bare_session)
        bare = _latencies(bare_session, keys)
    finally:
        bare_session.stop()
    return {"editor": ours, "bare": bare}


def p95(seconds: list[float]) -> float:
    return statistics.quantiles(seconds, n=20)[-1] if len(seconds) > 1 else seconds[0]


def b11(folder: Path, state: Path, keys: int = 60) -> dict[str, float]:
    found = typing(folder, state, 5_000, keys)
    return {
        "editor_p50": statistics.median(found["editor"]),
        "editor_p95": p95(found["editor"]),
        "bare_p50": statistics.median(found["bare"]),
        "bare_p95": p95(found["bare"]),
    }


def main() -> int:
    import tempfile

    keys = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    with tempfile.TemporaryDirectory() as folder:
        for characters in (5_000, 1_000):
            found = typing(Path(folder), Path(folder) / "state", characters, keys)
            for who, seconds in found.items():
                print(
                    f"{characters} 字 {who}: p50 {statistics.median(seconds) * 1000:.1f} ms, "
                    f"p95 {p95(seconds) * 1000:.1f} ms"
                )
    return 0


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT / "src")]
    raise SystemExit(main())
