"""``parallel.workers_started_early``: ``check DIR`` and ``sum DIR`` start their worker
processes before they list and index the folder, so that the workers (copies of the
process as it was then) carry none of it (issue 26, flat memory)."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from tui_report.folder import parallel

pytestmark = pytest.mark.skipif(
    (os.cpu_count() or 1) < 2 or multiprocessing.get_start_method() != "fork",
    reason="one core (worked on in this process), or workers not forked",
)

BUILT_LATER: list[int] = []  # what the command builds after the workers are started


def seen_by_worker(_item: int) -> tuple[int, int]:
    return os.getpid(), len(BUILT_LATER)


def children() -> set[int | None]:
    return {p.pid for p in multiprocessing.active_children()}


def test_workers_started_early_carry_nothing_built_after():
    before = children()
    try:
        with parallel.workers_started_early():
            started = children() - before
            assert len(started) == (os.cpu_count() or 1)  # all forked at once
            BUILT_LATER.extend(range(1_000))
            seen = list(parallel.each_in_order(seen_by_worker, list(range(200))))
    finally:
        BUILT_LATER.clear()
    assert {pid for pid, _ in seen} <= started  # those very workers did the work
    assert {size for _, size in seen} == {0}  # forked before the list was built
    assert children() == before  # and ended with the run


def test_workers_started_late_see_what_was_built():
    """The test above could fail: without the early start, the workers see the list."""
    try:
        BUILT_LATER.extend(range(1_000))
        seen = list(parallel.each_in_order(seen_by_worker, list(range(200))))
    finally:
        BUILT_LATER.clear()
    assert {size for _, size in seen} == {1_000}
    assert {pid for pid, _ in seen} != {os.getpid()}


@pytest.mark.parametrize("items", [0, 3])
def test_an_early_pool_not_needed_is_shut_down(items: int):
    """Too few files for workers (or none: nothing to check): the pool started early ends,
    and the work is done in this process."""
    before = children()
    with parallel.workers_started_early():
        seen = list(parallel.each_in_order(seen_by_worker, list(range(items))))
        assert children() == before  # ended before the work (serial), not kept idle
    assert {pid for pid, _ in seen} <= {os.getpid()}
    assert children() == before


def test_an_early_pool_never_used_is_shut_down():
    before = children()
    with parallel.workers_started_early():
        assert children() - before
    assert children() == before
    assert not parallel._RUNNING  # stop_workers has nothing left to kill


def test_not_wanted_starts_nothing():
    before = children()
    with parallel.workers_started_early(wanted=False):
        assert children() == before


def cannot_start(_parent: int) -> None:
    raise ImportError("a module this user may not read")


def test_workers_that_cannot_start_early_leave_the_work_as_before(
    monkeypatch: pytest.MonkeyPatch,
):
    """(A folder checked as another user, Python's library unreadable to the workers.)"""
    before = children()
    monkeypatch.setattr(parallel, "die_with_parent", cannot_start)
    with parallel.workers_started_early():
        assert children() == before and not parallel._RUNNING
        monkeypatch.undo()
        seen = list(parallel.each_in_order(seen_by_worker, list(range(3))))
    assert seen == [(os.getpid(), 0)] * 3
    assert children() == before
