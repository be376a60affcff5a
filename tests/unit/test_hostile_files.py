"""Files that are valid but hostile (issue 13, items 1, 2 and 6): nesting that the writer
cannot handle, FIFOs beside a report, files that vanish while they are checked."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.cli.check import check_files
from tui_report.report.model import CellRef
from tui_report.storage import ReportFileError, read_report, save_report
from tui_report.tui.launch import make_app

from ..conftest import EXAMPLE
from ..waiting import read_until

NATURAL = CellRef("applications", "new_received", "natural_person")
DEEP = 101  # one more level than tomlkit (the writer) accepts; tomllib (the reader) takes it


def deep_tail(kind: str, depth: int = DEEP) -> str:
    if kind == "table":
        return "\n[" + ".".join(["t"] * depth) + "]\nx = 1\n"
    if kind == "dotted":
        return "\n[deep]\n" + ".".join(["k"] * depth) + " = 1\n"
    if kind == "array":
        return "\ndeep = " + "[" * depth + "]" * depth + "\n"
    return "\ndeep = " + "{a = " * depth + "1" + "}" * depth + "\n"


def skip_unless_the_writer_refuses(text: str) -> None:
    """tomlkit refuses more than 100 levels since 0.14; an older one (the lowest this
    program supports) writes such a file back, and then there is nothing to refuse."""
    import tomlkit

    try:
        written = tomlkit.dumps(tomlkit.parse(text))
    except Exception:
        return
    if written == text:
        pytest.skip(f"tomlkit {tomlkit.__version__} writes this nesting back unchanged")


# --- item 1: what cannot be written back is found when the file is opened ----------------------


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["table", "dotted", "array", "inline"])
def test_deep_nesting_is_refused_when_opened_for_editing(tmp_path: Path, kind: str):
    path = tmp_path / "deep.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + deep_tail(kind), encoding="utf-8")
    tomllib.loads(path.read_text(encoding="utf-8"))  # valid TOML: check reads it
    before = path.read_bytes()
    skip_unless_the_writer_refuses(path.read_text(encoding="utf-8"))
    with pytest.raises(ReportFileError) as refused:
        make_app(path)
    assert "嵌套" in refused.value.message and "文本编辑器" in refused.value.message
    result = subprocess.run(
        [sys.executable, "-m", "tui_report", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "嵌套" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before
    check = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0  # checking it is still fine: only editing is refused


def test_nesting_the_writer_accepts_still_opens(tmp_path: Path):
    path = tmp_path / "nested.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + deep_tail("array", 40), encoding="utf-8")
    loaded = read_report(path)
    loaded.report.set(NATURAL, 7)
    save_report(loaded)
    assert read_report(path).report.get(NATURAL) == 7


def top_level_key(parts: int) -> str:
    """A dotted key of ``parts`` parts at the top of the file (before any table)."""
    return ".".join(["k"] * parts) + " = 1\n" + EXAMPLE.read_text(encoding="utf-8")


def test_a_top_level_key_of_101_parts_is_refused_when_opened(tmp_path: Path):
    """It opened, and then its edits could be neither saved nor recovered (issue 20,
    item 12): the data is 100 tables deep, the key 101 parts long."""
    path = tmp_path / "deep.toml"
    path.write_text(top_level_key(DEEP), encoding="utf-8")
    skip_unless_the_writer_refuses(path.read_text(encoding="utf-8"))
    with pytest.raises(ReportFileError) as refused:
        make_app(path)
    assert "嵌套" in refused.value.message


@pytest.mark.parametrize(
    "tail",
    [
        top_level_key(100),
        EXAMPLE.read_text(encoding="utf-8") + "\n[" + ".".join(["t"] * 100) + "]\nx = 1\n",
        EXAMPLE.read_text(encoding="utf-8") + "\ndeep = " + "[" * 100 + "]" * 100 + "\n",
    ],
    ids=["key-of-100-parts", "table-of-100-parts-and-a-key", "array-100-deep"],
)
def test_the_deepest_files_the_writer_takes_open_and_save(tmp_path: Path, tail: str):
    """Counted as the writer counts: a key's parts, a value's brackets."""
    path = tmp_path / "deepest.toml"
    path.write_text(tail, encoding="utf-8")
    loaded = read_report(path)
    assert loaded.unwritable is None
    loaded.report.set(NATURAL, 7)
    save_report(loaded)
    assert read_report(path).report.get(NATURAL) == 7


async def test_an_unexpected_writer_failure_keeps_the_editor_and_the_edits(
    example: Path, monkeypatch
):
    """Defence in depth: if the writer fails after all, the edit stays and the user is told."""
    import tomlkit

    app = make_app(example, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4", "4", "3", "enter")

        def broken(*_args, **_kwargs):
            raise RecursionError("maximum recursion depth exceeded")

        monkeypatch.setattr(tomlkit, "parse", broken)
        app.screen.keep_recovery()  # what the timer does a moment after the edit
        await pilot.pause()
        assert app.is_running
        assert "恢复副本" in str(app.screen.message)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen.report.get(NATURAL) == 43
        assert "保存失败" in str(app.screen.message)
    assert read_report(example).report.get(NATURAL) == 42  # the file is as it was


# Hypothesis: TOML texts that tomllib accepts, appended to a real report, through
# open → edit → save.

BARE_KEY = st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True)
QUOTED_KEY = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters='"\\'), max_size=6
).map(lambda s: f'"{s}"')
KEY = st.one_of(BARE_KEY, QUOTED_KEY)


def _escaped(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


STRING = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=12)
SCALAR = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1).map(str),
    st.sampled_from(["1.5", "-0.0", "1e10", "inf", "true", "false", "0x1F", "0o17"]),
    st.sampled_from(["1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "1979-05-27 07:32:00"]),
    STRING.map(lambda s: f'"{_escaped(s)}"'),
    STRING.filter(lambda s: "'" not in s and all(ord(c) >= 0x20 for c in s)).map(
        lambda s: f"'{s}'"
    ),
    STRING.map(lambda s: f'"""\n{_escaped(s)}"""'),
)


@st.composite
def values(draw, depth: int = 0) -> str:
    choice = draw(st.integers(min_value=0, max_value=5 if depth < 120 else 0))
    if choice <= 2:
        return draw(SCALAR)
    if choice == 3:  # a deep chain, sometimes past the writer's limit
        levels = draw(st.sampled_from([1, 2, 5, 99, 100, 101, 130]))
        inner = draw(SCALAR)
        return "[" * levels + inner + "]" * levels
    if choice == 4:
        items = draw(st.lists(values(depth + 1), max_size=3))
        return "[" + ", ".join(items) + "]"
    keys = draw(st.lists(BARE_KEY, max_size=3, unique=True))
    return "{" + ", ".join(f"{k} = {draw(values(depth + 1))}" for k in keys) + "}"


@st.composite
def toml_tails(draw) -> str:
    lines: list[str] = []
    for number in range(draw(st.integers(min_value=1, max_value=5))):
        kind = draw(st.sampled_from(["table", "pair", "comment", "blank"]))
        if kind == "table":
            levels = draw(st.sampled_from([1, 2, 3, 100, 101]))
            parts = [draw(KEY) for _ in range(min(levels, 3))] + ["t"] * max(0, levels - 3)
            lines.append(f"[extra{number}." + ".".join(parts) + "]")
        elif kind == "pair":
            dotted = draw(st.lists(KEY, min_size=1, max_size=3))
            lines.append(f"{'.'.join(dotted)} = {draw(values())}")
        elif kind == "comment":
            comment = draw(STRING).replace("\n", " ").replace("\r", " ")
            if all(ord(c) >= 0x20 and ord(c) != 0x7F for c in comment):
                lines.append(f"# {comment}")
        else:
            lines.append("")
    return "\n[fuzz]\n" + "\n".join(lines) + "\n"


@pytest.mark.slow
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(tail=toml_tails())
def test_open_edit_save_never_crashes_nor_loses_the_edit(tmp_path: Path, tail: str):
    text = EXAMPLE.read_text(encoding="utf-8") + tail
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return  # not TOML: reading reports it (tested elsewhere)
    path = tmp_path / "fuzz.toml"
    path.write_bytes(text.encode("utf-8"))
    try:
        make_app(path)  # what the editor does first
    except ReportFileError as refused:
        assert refused.message  # refused at open, with a message
        return
    loaded = read_report(path)
    report = loaded.report
    report.set(NATURAL, 77)
    report.agency = "改过的机关"
    report.texts["shortcomings"] = "改过的文字"
    save_report(loaded, report)  # must not raise: the file was accepted for editing
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["applications"]["new_received"][0] == 77
    assert saved["agency"] == "改过的机关"
    assert saved["shortcomings"]["text"].rstrip("\n") == "改过的文字"
    assert saved["fuzz"] == data["fuzz"]  # what the program does not know is kept exactly
    for key in data:
        if key.startswith("extra"):
            assert saved[key] == data[key]


# --- item 2: FIFOs and other non-regular files are never opened ---------------------------------


@pytest.fixture
def folder_with_fifo(tmp_path: Path) -> Path:
    folder = tmp_path / "f"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "a.toml")
    os.mkfifo(folder / "p.toml")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["check", "f/a.toml"],
        ["check", "f"],
        ["check", "f/p.toml"],
        ["check", "--previous", "f/p.toml", "f/a.toml"],
        ["sum", "f"],
        ["diff", "f/a.toml", "f/p.toml"],
        ["new", "n.toml", "--from", "f/p.toml"],
        ["export", "f/p.toml"],
        ["import", "f/p.toml", "-o", "i.toml"],
        ["f/p.toml"],
    ],
)
def test_commands_never_block_on_a_fifo(folder_with_fifo: Path, args: list[str]):
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tui_report", *args],
            capture_output=True,
            text=True,
            cwd=folder_with_fifo.parent,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"tui-report {' '.join(args)} blocked on a FIFO")
    assert "Traceback" not in result.stderr
    if "p.toml" in " ".join(args) or args[-1] == "f":  # a folder's FIFO is said too
        assert result.returncode == 2 and "不是普通文件" in result.stderr
    else:
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.pty
def test_editor_with_a_fifo_beside_the_report_quits(folder_with_fifo: Path):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(
            sys.executable, [sys.executable, "-m", "tui_report", str(folder_with_fifo / "a.toml")]
        )
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    try:
        assert "示例市示例区人民政府".encode() in read_until(
            fd, 30, "示例市示例区人民政府".encode()
        )
        # the look for last year's report has passed the FIFO by (it says what it found)
        read_until(fd, 30, "未找到同一机关".encode())
        os.write(fd, b"\x11")  # Ctrl+Q, nothing edited
        deadline = time.monotonic() + 15
        status = None
        while time.monotonic() < deadline:
            read_until(fd, 0.2)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        assert status is not None and done, "the editor did not quit"
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)


# --- item 6: files that vanish while a folder is checked -------------------------------------


def two_years(folder: Path) -> tuple[Path, Path]:
    """Last year's and this year's report of one agency, with a carry-over mismatch (so
    the cross-year check has something to say about this year's)."""
    last = folder / "2023.toml"
    this = folder / "2024.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    last.write_text(text.replace("year = 2024", "year = 2023"), encoding="utf-8")
    this.write_text(text, encoding="utf-8")
    return last, this


def test_a_file_deleted_during_the_check_is_reported_as_unreadable(
    tmp_path: Path, monkeypatch, capsys
):
    import tui_report.folder.checking as checking

    _, this = two_years(tmp_path)
    check_file = checking.check_file

    def then_delete(path):
        result = check_file(path)
        if path == str(this):
            this.unlink()  # git checkout removes it right after it was read
        return result

    monkeypatch.setattr(checking, "check_file", then_delete)
    code = check_files([tmp_path])
    out, err = capsys.readouterr()
    assert code == 2
    assert f"{this}: 无法读取" in out and "1 个文件无法读取" in out
    assert "Traceback" not in err


def test_checking_a_folder_while_files_come_and_go(tmp_path: Path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(4):
        sub = folder / f"unit{n}"
        sub.mkdir()
        two_years(sub)
    stop = threading.Event()

    def churn() -> None:  # what `git checkout` does to the working tree
        files = sorted(folder.rglob("*.toml"))
        contents = {f: f.read_bytes() for f in files}
        while not stop.is_set():
            for path, data in contents.items():
                path.unlink(missing_ok=True)
                time.sleep(0.0005)
                path.write_bytes(data)
            gone = folder / "unit0"  # and a whole folder, files and all
            shutil.rmtree(gone, ignore_errors=True)
            time.sleep(0.001)
            gone.mkdir(exist_ok=True)
            for path, data in contents.items():
                if path.parent == gone:
                    path.write_bytes(data)

    worker = threading.Thread(target=churn, daemon=True)
    worker.start()
    try:
        for _ in range(40):
            code = check_files([folder])
            assert code in (0, 1, 2)
    finally:
        stop.set()
        worker.join()
    _, err = capsys.readouterr()
    assert "Traceback" not in err


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_export_into_a_pipe_writes_into_it(tmp_path: Path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    run = subprocess.run(
        [sys.executable, "-m", "tui_report", "export", str(EXAMPLE), "-o", str(pipe)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    out, _ = reader.communicate(timeout=60)
    assert run.returncode == 0
    assert out.decode("utf-8").startswith("示例市示例区人民政府")
    assert pipe.is_fifo()


def test_check_does_not_hang_on_a_pipe(tmp_path: Path):
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)
    run = check(pipe)
    assert run.returncode == 2 and "不是普通文件" in run.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("[art20_5]\nlicensing = " + "1" * 5000 + "\n", "位数过多、无法处理的数"),
        ("x = " + "[" * 1000 + "]" * 1000 + "\n", "嵌套层数过多"),
        ("x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n", "嵌套层数过多"),
    ],
    ids=["5000-digits", "deep-arrays", "deep-tables"],
)
def test_absurd_toml_is_a_clear_error(tmp_path: Path, content: str, says: str):
    path = tmp_path / "absurd.toml"
    path.write_text(content, encoding="utf-8")
    run = check(path)
    assert run.returncode == 2
    assert says in run.stderr and "Traceback" not in run.stderr


def test_misspelled_table_is_reported(example: Path):
    text = example.read_text(encoding="utf-8").replace("[other_matters]", "[other_maters]")
    example.write_text(text, encoding="utf-8")
    run = check(example)
    assert "[unknown-key] 不认识的键 other_maters" in run.stdout
