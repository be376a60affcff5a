from __future__ import annotations

from pathlib import Path

import pytest

from tui_report.report.model import Report
from tui_report.report.templates import new_report
from tui_report.storage import LoadedReport, create_report_file, read_report

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
GUANTING = ROOT / "reports" / "guanting-2023.toml"
EXAMPLE = ROOT / "reports" / "example-2024.toml"
SAMPLES = (GUANTING, EXAMPLE)


@pytest.fixture(autouse=True)
def own_state_dir(tmp_path_factory, monkeypatch):
    """Recovery copies go to a fresh state directory per test, never to ~/.local/state."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def folder_view_looks_when_told(monkeypatch):
    """The folder view's tests say when it looks at the disk (``watch_folder``, what its
    timer does): no notification of a change starts a check of its own in between (those
    are tested in tests/test_folder_watch.py, which lets them)."""
    monkeypatch.setenv("TUI_REPORT_WATCH", "poll")


def recovery_copies(path: Path) -> list[str]:
    """The texts of every recovery copy kept for ``path``, by any editor."""
    import json

    from tui_report.document.recovery import state_dir

    folder = state_dir()
    if not folder.is_dir():
        return []
    found = []
    for item in sorted(folder.iterdir()):
        if item.suffix == ".json":
            data = json.loads(item.read_text(encoding="utf-8"))
            if data["file"] == str(path):
                found.append(data["text"])
    return found


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the sample report to edit."""
    path = tmp_path / "example.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


@pytest.fixture
def new_file(tmp_path: Path):
    """Create a fresh report file (as ``tui-report new`` does) and return its path."""

    def make(report: Report | None = None, name: str = "report.toml") -> Path:
        path = tmp_path / name
        create_report_file(report or new_report("测试县测试局", 2024), path)
        return path

    return make


@pytest.fixture
def loaded_example(tmp_path: Path) -> LoadedReport:
    """A writable copy of the example report, loaded."""
    path = tmp_path / "example.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return read_report(path)
