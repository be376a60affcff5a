"""A signal ends a big ``check`` promptly (issue 21 review, item 1): Ctrl+C, SIGTERM and
SIGHUP while worker processes run give the exit status a shell expects (128 + n), one
line in Chinese, no traceback, and no process left behind.

It used to hang now and then: a worker killed while it wrote a result left part of the
result in the pool's pipe, and the pool's reading thread (and ``shutdown(wait=True)``,
and the interpreter's exit) waited forever for the rest. The waits below are bounds
for a hang (generous on a loaded machine), not timings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui_report.formats import FORMAT_2021
from tui_report.report.templates import new_report
from tui_report.storage import render_new

from ..cli.test_workers import live_in_group
from ..waiting import wait_until

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers are started on 2 cores or more"),
]
REPORTS = 3000
ENDS_WITHIN = 30.0  # seconds: a hang, not a speed, is what is tested

# Results far larger than a pipe holds: a worker spends its life writing one, so killing
# it leaves part of a result in the pipe (what made the pool wait forever).
PARTIAL_RESULT = """
from tui_report.folder.parallel import each_in_order

def big(item):
    return "x" * 2_000_000

if __name__ == "__main__":
    results = each_in_order(big, list(range(400)))
    next(results)
    results.close()  # as a signal's exception closes it
    print("stopped", flush=True)
"""


@pytest.fixture(scope="module")
def big_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("signals")
    text = render_new(new_report("示例县机关0", 2024, FORMAT_2021))
    for i in range(REPORTS):
        (folder / f"u{i:05}.toml").write_text(
            text.replace("示例县机关0", f"示例县机关{i}"), encoding="utf-8"
        )
    return folder


def _kill_group(pgid: int) -> None:
    for pid in live_in_group(pgid):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("attempt", range(3))
def test_workers_stopped_while_writing_a_result_are_not_waited_for(tmp_path: Path, attempt):
    script = tmp_path / "partial.py"
    script.write_text(PARTIAL_RESULT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=ENDS_WITHIN)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        process.communicate()
        pytest.fail("the stopped pool waited for a result its killed worker was writing")
    finally:
        _kill_group(process.pid)
    assert process.returncode == 0, err
    assert out == "stopped\n"
    assert wait_until(lambda: not live_in_group(process.pid), ENDS_WITHIN)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_signal_after_the_first_line_ends_check_at_once(big_folder: Path, signum: int):
    process = subprocess.Popen(
        [sys.executable, "-m", "tui_report", "check", str(big_folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        start_new_session=True,
    )
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    try:
        first = process.stdout.readline()
        assert first.startswith(str(big_folder)), first  # a problem line: the workers run
        drain = threading.Thread(target=process.stdout.read, daemon=True)
        drain.start()
        workers = [p for p in live_in_group(process.pid) if p != process.pid]
        os.kill(process.pid, signum)
        try:
            status = process.wait(ENDS_WITHIN)
        except subprocess.TimeoutExpired:
            pytest.fail(f"check did not end within {ENDS_WITHIN} s of {signum.name}")
        reader.join(ENDS_WITHIN)
        assert status == 128 + signum  # as a shell reports a process ended by it
        assert wait_until(lambda: not live_in_group(process.pid), ENDS_WITHIN), workers
        said = errors[0]
        assert "Traceback" not in said, said
        assert said.count("\n") == 1 and "已中断" in said, said
    finally:
        _kill_group(process.pid)
