from __future__ import annotations

import functools
import inspect
from pathlib import Path

import pytest
from hypothesis import settings

from tui_report.report.model import Report
from tui_report.report.templates import new_report
from tui_report.storage import LoadedReport, create_report_file, read_report

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
GUANTING = ROOT / "reports" / "guanting-2023.toml"
EXAMPLE = ROOT / "reports" / "example-2024.toml"
SAMPLES = (GUANTING, EXAMPLE)


# No test fails for taking long (speed is measured by benchmarks/, never in a test): on a
# loaded machine one of Hypothesis's examples can take seconds, past its default deadline.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")

# The tiers (README «开发»): each test is one of ui, pty, slow or unit, so that
# `pytest -m unit` (the same as -m "not ui and not pty and not slow") is the quick loop.
TIERS = ("ui", "pty", "slow")
FOLDER_TIERS = {"ui": "ui", "slow": "slow"}  # tests/ui/, tests/slow/: every test in them


@functools.cache
def runs_an_app(function) -> bool:
    """A Pilot test: it runs an app with ``run_test`` (its source read once per function)."""
    try:
        return "run_test(" in inspect.getsource(function)
    except (OSError, TypeError):
        return False


def drives_the_screens(item: pytest.Item) -> bool:
    """A Pilot or snapshot test: it asks for snap_compare or runs an app with run_test."""
    if "snap_compare" in getattr(item, "fixturenames", ()):
        return True
    function = getattr(item, "function", None)
    return function is not None and runs_an_app(function)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its tier: by its folder, by what it runs, or as it is marked."""
    for item in items:
        folder = Path(str(item.path)).parent.name
        if folder in FOLDER_TIERS:
            item.add_marker(FOLDER_TIERS[folder])
        if folder != "ui" and drives_the_screens(item):
            item.add_marker("ui")
        if not any(item.get_closest_marker(tier) for tier in TIERS):
            item.add_marker("unit")


@pytest.fixture(autouse=True)
def own_state_dir(tmp_path_factory, monkeypatch):
    """Recovery copies go to a fresh state directory per test, never to ~/.local/state."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def folder_view_looks_when_told(monkeypatch):
    """The folder view's tests say when it looks at the disk (``watch_folder``, what its
    timer does): no notification of a change starts a check of its own in between (those
    are tested in tests/ui/test_folder_watch.py, which lets them)."""
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
