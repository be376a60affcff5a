"""Short work on many items shared with a second core: half of the items done by a
forked copy of this process, which sends its results back through a pipe.

For work too short for a pool of worker processes (their start costs more than it
saves), such as reading the tops of the 10,000 files of a folder to index it before a
single file is checked. Only where it is safe and worth it: a POSIX system with more
than one core, a process with no other thread (forking a process with threads can
leave a lock held in the copy), and enough items; otherwise, and whenever the copy
fails, everything is done here, as it would be anyway.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from typing import TypeVar

from .parallel import die_with_parent, signals_held

T = TypeVar("T")
R = TypeVar("R")

MIN_SHARED = 2000  # fewer items than this are done here: a fork costs about a millisecond


def shared_map(work: Callable[[T], R], items: list[T]) -> list[R]:
    """``[work(item) for item in items]``, the second half on another core when worth it
    (``work`` must not write anything: its results come back, nothing else does)."""
    if not _worth_sharing(len(items)):
        return [work(item) for item in items]
    half = len(items) // 2
    parent = os.getpid()
    readable, writable = os.pipe()
    try:
        with signals_held():  # (a signal's exception is dropped in Python's at-fork code)
            pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return [work(item) for item in items]
    if pid == 0:  # the copy: its half, sent back, and gone without any clean-up of ours
        code = 1
        try:
            die_with_parent(parent)  # never left behind by a parent killed meanwhile
            os.close(readable)
            with os.fdopen(writable, "wb") as out:
                out.write(pickle.dumps([work(item) for item in items[half:]], protocol=5))
            code = 0
        finally:
            os._exit(code)
    os.close(writable)
    mine = [work(item) for item in items[:half]]
    with os.fdopen(readable, "rb") as sent:
        data = sent.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return mine + [work(item) for item in items[half:]]  # the copy failed: done here
    theirs: list[R] = pickle.loads(data)
    return mine + theirs


def _worth_sharing(count: int) -> bool:
    return (
        count >= MIN_SHARED
        and hasattr(os, "fork")
        and _cores() > 1
        and threading.active_count() == 1
    )


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except (AttributeError, OSError):
        return os.cpu_count() or 1
