"""The fast reading path (toml-rs) gives exactly what tomllib gives: the same problems
(rule, message, line), the same refusals, and amounts to the last written digit."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.folder.checking import check_file
from tui_report.formats.spec import AMOUNT
from tui_report.report.model import CellRef
from tui_report.report.values import format_value
from tui_report.storage import fast_toml, read_report, render_new

from ..builders import balanced_reports
from ..conftest import EXAMPLE, SAMPLES

FEES = CellRef("art20_8", "fees", "amount")


def test_the_fast_parser_is_installed_for_the_tests_and_used():
    """toml-rs is the optional extra ``fast``, in the test dependencies so that the tests
    below compare the two ways of reading (without it they would compare tomllib with
    itself)."""
    assert fast_toml.PARSER_NAME == "toml-rs" and fast_toml.fast_loads is not None


WITHOUT_FAST = """
import sys
sys.modules["toml_rs"] = None  # as where the extra ``fast`` is not installed
from tui_report.storage import fast_toml
print(fast_toml.PARSER_NAME, fast_toml.fast_loads)
from tui_report.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("command", [["check"], ["sum", "--format", "json"], ["export"]])
def test_without_the_compiled_parser_every_command_says_the_same(command, tmp_path):
    """The default install has no compiled parser: tomllib reads everything, with the
    same output (the worker processes of a folder's check too)."""
    import subprocess
    import sys

    folder = tmp_path / "county"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(45):  # more than parallel.SERIAL_BELOW: worker processes read them
        agency = f"示例县第{i}单位"
        (folder / f"r{i:02}.toml").write_text(text.replace("示例市示例区人民政府", agency), "utf-8")
    target = [str(folder / "r00.toml")] if command == ["export"] else [str(folder)]

    def run(code: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *command, *target],
            capture_output=True,
            text=True,
            timeout=120,
        )

    without = run(WITHOUT_FAST)
    with_fast = run(WITHOUT_FAST.replace('sys.modules["toml_rs"] = None', "pass"))
    first, _, rest = without.stdout.partition("\n")
    assert first == "tomllib None"
    assert with_fast.stdout.startswith("toml-rs <function")
    assert without.returncode == with_fast.returncode == 0, without.stderr
    assert rest == with_fast.stdout.partition("\n")[2]
    assert without.stderr == with_fast.stderr


def outcome(path: Path) -> tuple:
    """What ``check`` says about a file: problems (rule, severity, message, line) or why
    it cannot be read (message, line, column)."""
    result = check_file(str(path))
    if result.unreadable:
        bad = result.unreadable
        return ("unreadable", bad.message, bad.line, bad.column)
    problems = [(p.rule, p.severity.value, p.message, p.location.line) for p in result.problems]
    return (*problems, result.facts.cells if result.facts else None)


def both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    fast = outcome(path)
    with monkeypatch.context() as patched:
        patched.setattr(fast_toml, "fast_loads", None)
        slow = outcome(path)
    return fast, slow


# Edits of the example that reach every rule and every refusal of the reader.
EDITS = [
    ("granted = [20, 3, 1, 0, 1, 0]", "granted = [21, 3, 1, 0, 1, 0]"),  # applicant-balance
    ("granted = [20, 3, 1, 0, 1, 0]", 'granted = [20, "三", -1, 1.5, true, 0]'),  # cell-value
    ("granted = [20, 3, 1, 0, 1, 0]", "granted = [20, 3]"),  # cell-missing
    ("granted = [20, 3, 1, 0, 1, 0]", "granted = [20, 3, 1, 0, 1, 0, 26]"),  # total-column
    ("granted = [20, 3, 1, 0, 1, 0]", "granted = [20, 3, 1, 0, 1, 0, 1, 2]"),  # row-length
    ("fees = 128.40", "fees = 128.4000001"),  # too many decimals
    ("fees = 128.40", "fees = 1e3"),
    ("fees = 128.40", "fees = nan"),
    ("fees = 128.40", "fees = 99999999999999999999999"),  # beyond 64 bits
    ("fees = 128.40", "fees = " + "1" * 5000),  # beyond Python's digits for an int
    ("fees = 128.40", "fees = " + "1_" * 4400 + "1"),
    ("licensing = 1287", "licensing = 12_87"),
    ("year = 2024", 'year = "二〇二四"'),
    ("year = 2024", "year = 2019"),  # format-year
    ('agency = "示例市示例区人民政府"', 'agency = ""'),
    ('format = "2021"', 'format = "2030"'),  # refused
    ("[applications]", "[applications]\nextra = 1"),  # unknown-key
    ("licensing = 1287", "licensing = 1287 1"),  # syntax error: line and column
    ("licensing = 1287", "licensing = 1287\nlicensing = 1"),  # a key written twice
    ("[review_litigation]", "[review_litigation]\n[review_litigation]"),
    ("licensing = 1287", 'licensing = "\\e"'),  # TOML 1.1 only: refused as tomllib does
    ("licensing = 1287", "licensing = {a = 1,}"),  # TOML 1.1 only
    ("licensing = 1287", "licensing = " + "[" * 300 + "]" * 300),  # deep: tomllib reads it
    ("licensing = 1287", "licensing = " + "[" * 20000 + "]" * 20000),  # deeper than a stack
    ("全年共收到政府信息公开申请 51 件", "全年共收到政府信息公开申请 50 件"),  # narrative-count
    ("2024 年 1 月 1 日", "2023 年 1 月 1 日"),  # year-mismatch
]


@pytest.mark.parametrize(("old", "new"), EDITS, ids=range(len(EDITS)))
def test_fast_and_tomllib_say_the_same_about_edited_samples(tmp_path, monkeypatch, old, new):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "r.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    fast, slow = both_ways(path, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_fast_and_tomllib_say_the_same_about_the_samples(sample: Path, monkeypatch):
    fast, slow = both_ways(sample, monkeypatch)
    assert fast == slow


BAD_TOKENS = ["-1", "1.5", '"x"', "true", "1e3", "99999999999", "0.0000001", "[]", "{a = 1}", "nan"]


@st.composite
def damaged_texts(draw) -> str:
    """A generated report, rendered as the program writes it, then damaged by hand."""
    lines = render_new(draw(balanced_reports())).split("\n")
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["value", "delete", "twice", "unknown", "total"]))
        line = lines[at]
        if action == "value" and re.search(r"\d+", line):
            numbers = list(re.finditer(r"-?\d+(?:\.\d+)?", line))
            hit = draw(st.sampled_from(numbers))
            token = draw(st.sampled_from(BAD_TOKENS))
            lines[at] = line[: hit.start()] + token + line[hit.end() :]
        elif action == "delete":
            del lines[at]
        elif action == "twice":
            lines.insert(at, line)
        elif action == "unknown":
            lines.insert(at, "unknown_key = 1")
        elif action == "total" and line.endswith("]") and "= [" in line:
            lines[at] = line[:-1] + ", 0]"
    return "\n".join(lines)


@pytest.mark.slow
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damaged_texts())
def test_fast_and_tomllib_say_the_same_about_generated_reports(tmp_path, monkeypatch, text):
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    fast, slow = both_ways(path, monkeypatch)
    assert fast == slow


# --- amounts: no float step anywhere -------------------------------------------------------------

# Every amount the format allows: below 999,999,999 万元 with up to 6 decimals, written
# with or without trailing zeros (1234.50 is not 1234.5), and the largest.
written_amounts = st.builds(
    lambda whole, decimals: f"{whole}.{decimals}" if decimals else str(whole),
    st.integers(min_value=0, max_value=int(AMOUNT.maximum) - 1),
    st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=AMOUNT.decimals)),
) | st.sampled_from(["999999999", "999999999.000000", "0.000001", "0.000000", "0"])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(written_amounts)
def test_every_amount_is_read_exactly_as_written(written: str):
    text = EXAMPLE.read_text(encoding="utf-8").replace("fees = 128.40", f"fees = {written}")
    data = fast_toml.loads(text)
    assert format_value(data["art20_8"]["fees"]) == written


@pytest.mark.slow
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(written_amounts)
def test_every_amount_survives_the_fast_path_to_the_report(tmp_path: Path, written: str):
    path = tmp_path / "r.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("fees = 128.40", f"fees = {written}")
    path.write_text(text, encoding="utf-8")
    value = read_report(path, for_saving=False).report.get(FEES)
    assert isinstance(value, Decimal) and format_value(value) == written


def test_the_fast_parser_is_handed_each_float_as_written():
    seen: list[str] = []
    fast_toml.fast_loads  # noqa: B018 (installed, see above)
    import toml_rs

    toml_rs.loads("a = 1234.50\nb = 0.000001\nc = 999999999.999999", parse_float=seen.append)
    assert seen == ["1234.50", "0.000001", "999999999.999999"]


THREADS_ONE_AFTER_ANOTHER = """
import threading
from tui_report.storage import fast_toml

def read():
    assert fast_toml.loads("year = 2024\\nfees = 1.50") == {"year": 2024, "fees": __import__("decimal").Decimal("1.50")}

for _ in range(3):  # the first thread would import toml-rs; the second crashed
    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
assert "toml_rs" not in __import__("sys").modules  # read by tomllib: not imported in a thread
fast_toml.prepare_fast_parser()  # the main thread imports it: then threads use it
for _ in range(3):
    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
print("read")
"""


def test_threads_one_after_another_read_without_crashing_the_process():
    """toml-rs imported by a thread that has ended crashed the next thread that used it
    (segmentation fault): the folder view's snapshot tests crashed pytest."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", THREADS_ONE_AFTER_ANOTHER],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout == "read\n", done.stderr
