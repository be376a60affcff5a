"""Nothing lost on crash, disconnect or bad input — tests that try."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pty
import random
import shutil
import signal
import struct
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import tomlkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui_report.document.recovery import read_recovery
from tui_report.importing import ImportFailure, import_text
from tui_report.report.model import CellRef, Report
from tui_report.report.values import InvalidValue, checked
from tui_report.rules import validate
from tui_report.storage import ReportFileError, read_report, save_report
from tui_report.tui.editor.screen import EditorScreen
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.dialogs import Choice

from .. import import_layouts as layouts
from ..conftest import EXAMPLE, recovery_copies
from ..waiting import pause_until, read_until, wait_until

NATURAL = CellRef("applications", "new_received", "natural_person")


def assert_model_holds_only_valid_values(report: Report) -> None:
    for table in report.format.tables:
        for row in table.entered_rows:
            for column, value in zip(
                table.entered_columns, report.cells[table.key][row.key], strict=True
            ):
                if value is None:
                    continue
                assert type(value) is (int if column.kind.is_integer else Decimal), value
                try:
                    checked(Decimal(value), column.kind, str(value))
                except InvalidValue as exc:  # pragma: no cover - the failure message
                    raise AssertionError(f"{table.key}.{row.key}.{column.key} = {value}") from exc


# --- 1. crash-safe saving, with SIGKILL at random moments ---------------------------------


def _save_forever(path: str, values: tuple[int, int]) -> None:
    loaded = read_report(path)
    while True:
        for value in values:
            loaded.report.set(NATURAL, value)
            loaded, _ = save_report(loaded)


def _naive_save_forever(path: str, texts: tuple[str, str]) -> None:
    """What a naive program does: rewrite the file in place, line by line."""
    while True:
        for text in texts:
            with open(path, "w", encoding="utf-8") as handle:
                for line in text.splitlines(keepends=True):
                    handle.write(line)
                    handle.flush()


def _kill_repeatedly(target, args, times: int, path: Path, latest: float = 0.08) -> list[bytes]:
    """Start ``target`` in a child, SIGKILL it at a random moment (up to ``latest`` s
    after it started), ``times`` times; the file's bytes after each kill."""
    context = multiprocessing.get_context("fork")
    seen: list[bytes] = []
    rng = random.Random(1234)
    for _ in range(times):
        child = context.Process(target=target, args=args, daemon=True)
        child.start()
        time.sleep(rng.uniform(0.0, latest))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        seen.append(path.read_bytes())
    return seen


def _two_versions(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    old = path.read_bytes()
    loaded = read_report(path)
    loaded.report.set(NATURAL, 43)
    save_report(loaded)
    new = path.read_bytes()
    path.write_bytes(old)
    return path, old, new


def test_saving_survives_sigkill_at_any_moment(tmp_path: Path):
    path, old, new = _two_versions(tmp_path)
    seen = _kill_repeatedly(_save_forever, (str(path), (43, 42)), 220, path)
    for _ in range(20):  # a loaded machine: kills that came before any save had finished
        if new in seen:
            break
        seen += _kill_repeatedly(_save_forever, (str(path), (43, 42)), 5, path, 2.0)
    assert set(seen) <= {old, new}  # always one whole version, never a mix or a stub
    assert new in seen  # and the child did get to save
    read_report(path)  # and it parses


def test_the_kill_harness_catches_a_naive_writer(tmp_path: Path):
    """The harness above is not vacuous: the same kills tear a naive in-place write."""
    path, old, new = _two_versions(tmp_path)
    texts = (old.decode("utf-8"), new.decode("utf-8"))
    seen = _kill_repeatedly(_naive_save_forever, (str(path), texts), 60, path)
    assert any(content not in (old, new) for content in seen)


def test_stale_temporary_files_of_a_killed_save_are_cleaned_up(tmp_path: Path):
    path, _, _ = _two_versions(tmp_path)
    stale = tmp_path / f".{path.name}.abc123.tmp"
    stale.write_bytes(b"half a rep")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / f".{path.name}.def456.tmp"  # maybe another program's save in progress
    fresh.write_bytes(b"in progress")
    loaded = read_report(path)
    loaded.report.set(NATURAL, 7)
    save_report(loaded)
    assert not stale.exists() and fresh.exists()


# --- 2. recovery after a dropped SSH session ------------------------------------------------


UNSAVED = "[未保存]".encode()  # the header's mark once the editor holds an edit


@pytest.mark.pty
def test_sighup_keeps_unsaved_edits_and_they_are_restored(tmp_path: Path):
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    before = path.read_bytes()
    pid, fd = pty.fork()
    if pid == 0:  # the editor, in a terminal of its own
        os.execv(sys.executable, [sys.executable, "-m", "tui_report", str(path)])
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    assert "示例市示例区人民政府".encode() in read_until(fd, 30, "示例市示例区人民政府".encode())
    os.write(fd, b"\x1bOS")  # F4: part 三
    os.write(fd, b"43\r")  # an edit, not saved
    read_until(fd, 30, UNSAVED)  # the editor has it
    os.kill(pid, signal.SIGHUP)  # the SSH session drops
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
    assert path.read_bytes() == before  # nothing written to the report itself
    recovery = read_recovery(path)
    assert recovery is not None and "new_received = [43, 5, 1, 0, 2, 1]" in recovery.text


async def report_with_recovery_copy(tmp_path: Path) -> Path:
    """A copy of the sample with an edit (自然人 新收 43) left as a recovery copy."""
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "4", "3", "enter")
        app.screen.keep_recovery()
    return path


async def test_recovery_is_offered_and_restored(tmp_path: Path):
    path = await report_with_recovery_copy(tmp_path)
    assert recovery_copies(path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("r")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert editor.report.get(NATURAL) == 43 and editor.modified
        (kept,) = recovery_copies(path)  # at once this editor's own: a kill now loses nothing
        assert "new_received = [43, 5," in kept
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert read_report(path).report.get(NATURAL) == 43
    assert not recovery_copies(path)


async def test_recovery_copy_follows_edits_and_goes_when_nothing_is_unsaved(tmp_path: Path):
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen
        editor.RECOVERY_DELAY = 0.05
        await pilot.press("f4", "4", "3", "enter")
        await pause_until(pilot, lambda: recovery_copies(path))
        assert recovery_copies(path)  # written by itself, a moment after the edit
        await pilot.press("ctrl+z")
        await pause_until(pilot, lambda: not recovery_copies(path))
        assert not recovery_copies(path)  # back to what is on disk


async def test_discarding_a_recovery_copy(tmp_path: Path):
    path = await report_with_recovery_copy(tmp_path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.report.get(NATURAL) == 42
    assert not recovery_copies(path)


# --- 3. hostile and clumsy input, fuzzed -------------------------------------------------------

KEYS = st.sampled_from(
    [
        "format",
        "agency",
        "year",
        "intro",
        "overview",
        "text",
        "applications",
        "new_received",
        "granted",
        "total",
        "art20_8",
        "fees",
        "review_litigation",
        "review",
        "x",
        "其他",
    ]
)
SCALARS = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.booleans(),
    st.dates(),
    st.just("2021"),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=8) | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=250, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=10))
def test_any_toml_shape_loads_or_fails_clearly(tmp_path_factory, data):
    try:
        text = tomlkit.dumps(data)
    except Exception:
        assume(False)
    path = tmp_path_factory.mktemp("fuzz") / "r.toml"
    path.write_text(text, encoding="utf-8")
    try:
        loaded = read_report(path)
    except ReportFileError as exc:
        assert exc.message
        return
    assert_model_holds_only_valid_values(loaded.report)
    for problem in validate(loaded.report, loaded.structure):
        assert problem.message and problem.rule != "rule-failed", problem


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_load_or_fail_clearly(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("bytes") / "r.toml"
    path.write_bytes(data)
    try:
        loaded = read_report(path)
    except ReportFileError as exc:
        assert exc.message
        return
    validate(loaded.report, loaded.structure)


def _layouts() -> list[str]:
    report = read_report(EXAMPLE).report
    return [
        layouts.pdf_text(report, blank_lines=False),
        layouts.web_text(report, inline=True),
        layouts.web_text(report, inline=False),
        layouts.word_text(report, "repeat"),
    ]


LAYOUTS = _layouts()


@st.composite
def mutated_layouts(draw) -> str:
    lines = draw(st.sampled_from(LAYOUTS)).split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            break
        i = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "duplicate", "swap", "garble", "insert", "truncate"])
        )
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "garble" and lines[i]:
            k = draw(st.integers(min_value=0, max_value=len(lines[i]) - 1))
            lines[i] = lines[i][:k] + draw(st.characters()) + lines[i][k + 1 :]
        elif action == "insert":
            lines.insert(i, draw(st.text(max_size=30)))
        else:
            lines = lines[:i]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_layouts())
def test_importer_never_crashes_on_damaged_layouts(text: str):
    try:
        result = import_text(text)
    except ImportFailure as exc:
        assert exc.message
        return
    assert_model_holds_only_valid_values(result.report)


GRID_KEYS = st.lists(
    st.sampled_from(
        [
            *list("0123456789"),
            "４",
            "２",
            "a",
            "O",
            ".",
            "-",
            ",",
            "万",
            "?",
            "enter",
            "escape",
            "backspace",
            "delete",
            "up",
            "down",
            "left",
            "right",
            "home",
            "end",
            "pageup",
            "pagedown",
            "ctrl+z",
            "ctrl+y",
        ]
    ),
    max_size=25,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(GRID_KEYS)
async def test_grid_never_takes_an_invalid_value(tmp_path: Path, keys: list[str]):
    # a file of its own for each example: an example that ran longer than the recovery
    # delay (a loaded machine) left a recovery copy, and the next opened on the question
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "grid.toml"
    shutil.copy(EXAMPLE, path)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", *[k for k in keys if k != "?"])
        await pilot.pause()
        assert app.is_running
        assert_model_holds_only_valid_values(app.screen.report)


# --- 4. limits ------------------------------------------------------------------------------------


def test_a_megabyte_of_narrative_is_handled(tmp_path: Path):
    import subprocess

    path = tmp_path / "long.toml"
    shutil.copy(EXAMPLE, path)
    loaded = read_report(path)
    loaded.report.texts["overview"] = ("全年共收到政府信息公开申请 51 件。" * 20 + "\n") * 1700
    save_report(loaded)
    assert 1_000_000 < path.stat().st_size < 5 * 1024 * 1024
    for command in (["check"], ["export"], ["export", "--format", "json"]):
        run = subprocess.run(
            [sys.executable, "-m", "tui_report", *command, str(path)],
            capture_output=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr


async def test_editor_opens_a_megabyte_of_narrative(tmp_path: Path):
    path = tmp_path / "long.toml"
    shutil.copy(EXAMPLE, path)
    loaded = read_report(path)
    loaded.report.texts["overview"] = ("主动公开。" * 100 + "\n") * 2000
    save_report(loaded)
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert len(app.screen.report.texts["overview"]) > 1_000_000


def test_twenty_digit_numbers_are_refused_with_a_message(tmp_path: Path):
    path = tmp_path / "big.toml"
    shutil.copy(EXAMPLE, path)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "licensing = 1287", "licensing = 12345678901234567890"
        ),
        encoding="utf-8",
    )
    loaded = read_report(path)
    (problem,) = [p for p in validate(loaded.report, loaded.structure) if p.rule == "cell-value"]
    assert "过大" in problem.message


# --- 5. literal text everywhere (see also test_editor.py and test_export.py) ------------------------


async def test_bad_cell_text_in_the_grid_is_literal(tmp_path: Path):
    path = tmp_path / "bad.toml"
    shutil.copy(EXAMPLE, path)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("granted = [20, 3,", 'granted = ["[b]\\u001b[31m", 3,'), encoding="utf-8"
    )
    app = make_app(path, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        editor = app.screen
        await editor.show_cell(CellRef("applications", "granted", "natural_person"))
        await pilot.pause()
        grid = await editor.grid_for("applications")
        shown = "".join(grid.render_line(y).text for y in range(grid.size.height))
        assert "\x1b" not in shown and ("␛" in shown or "…" in shown)


# --- 6. two editors on one file -------------------------------------------------------------------------


async def test_second_editor_is_asked_before_overwriting_the_first(tmp_path: Path):
    path = tmp_path / "shared.toml"
    shutil.copy(EXAMPLE, path)
    first, second = make_app(path, cursor_blink=False), make_app(path, cursor_blink=False)
    async with second.run_test(size=(80, 24)) as pilot_b:
        await pilot_b.press("f4", "right", "9", "enter")
        async with first.run_test(size=(80, 24)) as pilot_a:
            await pilot_a.pause()
            assert isinstance(first.screen, Choice)  # warned that the second has it open
            await pilot_a.press("o")  # open anyway
            await pilot_a.pause()
            await pilot_a.press("f4", "4", "3", "enter", "ctrl+s")
            await pilot_a.pause()
        assert read_report(path).report.get(NATURAL) == 43
        await pilot_b.press("ctrl+s")
        await pilot_b.pause()
        assert isinstance(second.screen, Choice)  # asked, not overwritten
        await pilot_b.press("c")
        await pilot_b.pause()
    saved = read_report(path).report
    assert saved.get(NATURAL) == 43
    assert saved.get(CellRef("applications", "new_received", "business")) == 5


@pytest.mark.pty
@pytest.mark.parametrize("signum", [signal.SIGTERM])
def test_sigterm_also_keeps_unsaved_edits(tmp_path: Path, signum: int):
    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "tui_report", str(path)])
    read_until(fd, 30, "示例市示例区人民政府".encode())
    os.write(fd, b"\x1bOS")  # F4: part 三
    os.write(fd, b"7\r")
    read_until(fd, 30, UNSAVED)  # the editor has it
    os.kill(pid, signum)
    read_until(fd, 30)  # until the editor closes its terminal
    os.waitpid(pid, 0)
    os.close(fd)
    recovery = read_recovery(path)
    assert recovery is not None and "new_received = [7, 5, 1, 0, 2, 1]" in recovery.text


@contextlib.contextmanager
def editor_in_a_terminal(
    tmp_path: Path, env: dict[str, str], size: tuple[int, int] | None = None
) -> Iterator[tuple[int, int]]:
    """The editor on a copy of the sample in a terminal of its own: (pid, the terminal's
    fd). ``size`` (columns, rows) is set before it starts; without it the terminal has
    none (0×0), as a new one has until someone sets it."""
    import fcntl
    import termios

    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), **env}
    pid, fd = pty.fork()
    if pid == 0:
        if size:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.execve(sys.executable, [sys.executable, "-m", "tui_report", str(path)], env)
    try:
        yield pid, fd
    finally:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


def status_after_ctrl_q(pid: int, fd: int) -> int:
    """Ctrl+Q (nothing changed, so the editor quits): its exit status."""
    os.write(fd, b"\x11")
    read_until(fd, 30)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.pty
@pytest.mark.parametrize(
    ("env", "size"), [({}, (80, 24)), ({"COLUMNS": "100", "LINES": "30"}, (100, 30))]
)
def test_a_terminal_without_a_size_shows_the_editor_once_and_waits_for_keys(
    tmp_path: Path, env: dict[str, str], size: tuple[int, int]
):
    """A terminal that has no size (0×0: a serial line, ``ssh -t`` from a script,
    ``script`` without a terminal): Rich took it for 80×25, Textual's driver for 80×24,
    and the screen redrew between the two for ever at full CPU (seen on this project's
    own benchmark machine). Now the editor is laid out once, for 80×24 or for the size
    ``COLUMNS``/``LINES`` give (there the only way to give one), and then is quiet."""
    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(*size)
    stream = pyte.ByteStream(screen)
    with editor_in_a_terminal(tmp_path, env) as (pid, fd):

        def laid_out() -> bool:
            stream.feed(read_until(fd, 0.1))
            try:
                lines = screen.display
            except IndexError:  # pyte, at a wide character half drawn over: read on
                return False
            return "示例市示例区人民政府" in lines[0] and "^G 转到" in lines[-1]

        assert wait_until(laid_out, 30), "\n".join(screen.display)
        read_until(fd, 1.0)  # the rest of the first screen
        redrawn = read_until(fd, 1.5)
        # quiet: nothing but the blinking cursor (the chase wrote ~3.5 KB per frame,
        # hundreds of frames a second)
        assert len(redrawn) < 20_000, f"{len(redrawn)} bytes while no key was pressed"
        assert status_after_ctrl_q(pid, fd) == 0


@pytest.mark.pty
def test_the_editor_follows_the_terminals_size_whatever_columns_and_lines_say(
    tmp_path: Path,
):
    """``COLUMNS``/``LINES`` exported once (``eval $(resize)``, ~/.bashrc) said one size
    for good: the screen was laid out for 5000×3 in an 80×24 terminal, and a resize to
    60×15 was ignored. The editor follows the terminal, as a terminal shows it (pyte)."""
    import fcntl
    import termios

    pyte = pytest.importorskip("pyte")
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    env = {"COLUMNS": "5000", "LINES": "3"}
    with editor_in_a_terminal(tmp_path, env, size=(80, 24)) as (pid, fd):

        def laid_out(rows: int) -> bool:
            stream.feed(read_until(fd, 0.1))
            try:
                lines = screen.display
            except IndexError:  # pyte, at a wide character half drawn over: read on
                return False
            return "示例市示例区人民政府" in lines[0] and "^S 保存" in lines[rows - 1]

        assert wait_until(lambda: laid_out(24), 30), "\n".join(screen.display)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 15, 60, 0, 0))
        screen.resize(15, 60)  # the kernel tells the editor (SIGWINCH)
        assert wait_until(lambda: laid_out(15), 30), "\n".join(screen.display)
        assert status_after_ctrl_q(pid, fd) == 0


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_a_dumb_terminal_gets_its_real_size_before_the_editor_starts(
    tmp_path: Path, monkeypatch, term: str
):
    """Under TERM=dumb Rich takes any terminal for 80×25; Textual started with that size,
    then got the real one, and the two chased each other: in a terminal of 80×24 the
    editor redrew at full CPU (about 1 MB a second) and, in tmux, quit neither on Ctrl+Q
    nor on SIGTERM. (Seen with ``tmux new-session -x 80 -y 24 'TERM=dumb tui-report
    a.toml'``; the loop does not show under pytest, so the size is checked here.)"""
    import os as os_module

    from tui_report.tui import launch
    from tui_report.tui.app import ReportApp

    path = tmp_path / "report.toml"
    shutil.copy(EXAMPLE, path)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *_a: os_module.terminal_size((80, 24)))
    monkeypatch.setattr(launch, "not_in_a_terminal", lambda: 0)
    sizes = []
    monkeypatch.setattr(ReportApp, "run", lambda app: sizes.append(tuple(app.console.size)))
    assert launch.run_editor(path) == 0
    assert sizes == [(80, 24)]
