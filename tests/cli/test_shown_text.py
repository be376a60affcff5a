"""Text from a file never reaches a terminal raw (issue 13, items 3 and 4): every command
shows control characters, escape sequences and bidi overrides as visible symbols, and the
editor's visible stand-ins give back exactly the text that was in the file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.export import export_text
from tui_report.storage import read_report
from tui_report.tui.launch import make_app
from tui_report.tui.widgets.literal import for_editing, from_editing

from ..conftest import EXAMPLE

# What an attacker puts into a report: a title change (OSC 0), a bell, a screen clear
# (CSI), a C1 control (CSI as one character) and a right-to-left override.
EVIL_TOML = r"x\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u202e反向"
EVIL = "x\x1b]0;PWNED\x07\x1b[2J\x9b31m\u202e反向"
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def hidden_characters(text: str) -> list[str]:
    """Characters a terminal would obey or that reorder what a reader sees."""
    return [
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\n\t")
        or 0x7F <= ord(ch) < 0xA0
        or ch in BIDI
        or 0xD800 <= ord(ch) <= 0xDFFF
    ]


def evil_report(folder: Path, name: str = "evil.toml", year: int = 2024) -> Path:
    """The sample report with the hostile agency and a hostile unknown key."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = [
        f'agency = "{EVIL_TOML}"' if line.startswith("agency = ") else line
        for line in text.split("\n")
    ]
    text = "\n".join(lines).replace("year = 2024", f"year = {year}")
    text += f'\n"key{EVIL_TOML}" = 1\n'
    path = folder / name
    path.write_text(text, encoding="utf-8")
    assert read_report(path).report.agency == EVIL  # the file really holds it
    return path


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui_report", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        cwd=cwd,
        timeout=120,
    )


def assert_shown_safely(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert hidden_characters(output) == [], output
    assert "␛" in output  # made visible, not dropped: the reader sees something is there


def test_diff_shows_hostile_text_safely(tmp_path: Path):
    evil = evil_report(tmp_path)
    assert_shown_safely(run("diff", str(EXAMPLE), str(evil), cwd=tmp_path))


def test_check_shows_hostile_keys_safely(tmp_path: Path):
    evil = evil_report(tmp_path)
    result = run("check", str(evil), cwd=tmp_path)
    assert "unknown-key" in result.stdout
    assert_shown_safely(result)
    as_json = run("check", "--json", str(evil), cwd=tmp_path)
    assert hidden_characters(as_json.stdout) == []
    import json

    data = json.loads(as_json.stdout)  # still valid JSON, with the exact key inside
    messages = [p["message"] for p in data["files"][0]["problems"]]
    assert any(f"key{EVIL}" in m for m in messages)


@pytest.mark.slow
def test_sum_shows_hostile_agencies_safely(tmp_path: Path):
    evil = evil_report(tmp_path)
    for output_format in ("text", "csv", "json"):
        result = run("sum", str(evil), "--format", output_format, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        if output_format == "json":
            assert hidden_characters(result.stdout) == []
        else:
            assert_shown_safely(result)


def test_new_from_shows_hostile_agency_safely(tmp_path: Path):
    evil = evil_report(tmp_path)
    result = run("new", "next.toml", "--from", str(evil), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_shown_safely(result)
    assert read_report(tmp_path / "next.toml").report.agency == EVIL  # the data is kept


@pytest.mark.slow
def test_import_shows_hostile_titles_safely(tmp_path: Path):
    report = read_report(EXAMPLE).report
    report.agency = EVIL
    source = tmp_path / "published.txt"
    source.write_text(export_text(report).replace("示例", EVIL, 1), encoding="utf-8")
    assert "\x1b" in source.read_text(encoding="utf-8")
    for args in (["import", str(source)], ["import", "--text", str(source)]):
        result = run(*args, cwd=tmp_path)
        assert "Traceback" not in result.stderr
        assert hidden_characters(result.stdout + result.stderr) == [], args


@pytest.mark.slow
def test_export_drops_bidi_overrides(tmp_path: Path):
    evil = evil_report(tmp_path)
    for output_format in ("text", "json", "markdown"):
        result = run("export", str(evil), "--format", output_format, cwd=tmp_path)
        assert result.returncode == 0
        assert hidden_characters(result.stdout) == [], output_format


@pytest.mark.slow
def test_hostile_file_names_are_shown_safely(tmp_path: Path):
    """File names come from a folder (a checked-out repository) as much as from a person."""
    folder = tmp_path / "reports"
    folder.mkdir()
    broken = folder / "r\x1b]0;X\x07\u202e.toml"
    broken.write_text('format = "2021"\nyear = [\n', encoding="utf-8")
    result = run("check", str(folder), cwd=tmp_path)
    assert result.returncode == 2 and "无法读取" in result.stdout
    assert_shown_safely(result)
    result = run(str(broken), cwd=tmp_path)  # the editor refuses it before it starts
    assert result.returncode == 2
    assert_shown_safely(result)


# --- item 4: the editor's visible stand-ins round-trip every string ---------------------------

ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=()),  # surrogates and controls included
    max_size=60,
)
STAND_INS = st.sampled_from(["␛", "␀", "␊", "␡", "⟨", "⟩", "⟨U+202E⟩", "⟨␛⟩", "U+", "\ufffd"])


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(st.lists(ANY_TEXT | STAND_INS | st.sampled_from([*BIDI, "\x1b", "\x00", "\x9b"])))
def test_editing_stand_ins_round_trip_every_string(parts: list[str]):
    text = "".join(parts)
    shown = for_editing(text)
    assert from_editing(shown) == text
    assert hidden_characters(shown) == []


def test_literal_symbols_are_not_confused_with_control_characters():
    for text in ("符号␛和␀", "\x1b和\x00", "␛\x1b", "⟨U+202E⟩\u202e", "⟨␛⟩"):
        assert from_editing(for_editing(text)) == text
    assert for_editing("\x1b") == "␛"  # a control character still shows as its picture
    assert for_editing("\u202e") != for_editing("⟨U+202E⟩")


@pytest.fixture
def symbols(tmp_path: Path) -> Path:
    path = tmp_path / "symbols.toml"
    shutil.copy(EXAMPLE, path)
    loaded = read_report(path)
    loaded.report.texts["other_matters"] = "符号␛和␀，真的\x1b[31m转义\x00。"
    loaded.report.agency = "机关␛\u202e"
    from tui_report.storage import save_report

    save_report(loaded)
    return path


async def test_literal_symbols_survive_editing_and_saving(symbols: Path):
    app = make_app(symbols, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        app.focused.insert("补充。")
        await pilot.press("f9")
        await pilot.pause()
        agency = app.screen.query_one("#agency")
        agency.value = agency.value + "办公室"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    report = read_report(symbols).report
    text = report.texts["other_matters"]
    assert "补充。" in text and text.replace("补充。", "", 1) == "符号␛和␀，真的\x1b[31m转义\x00。"
    assert report.agency == "机关␛\u202e办公室"
