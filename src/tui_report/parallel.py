"""Work on many report files on every core, results in order and as they come.

Worker processes never outlive the process that started them: each asks the kernel to
kill it when its parent ends (``PR_SET_PDEATHSIG`` on Linux; elsewhere a thread of
the worker watches its parent), so a ``check`` killed with SIGKILL, or a terminal
closed while the folder view checks, leaves no process behind waiting on a pipe. A
caller that stops early (an exception, SIGTERM or SIGHUP turned into ``Stopped`` by
``stopped_by_signals``, a generator closed) stops the workers at once instead of
waiting for the files already handed to them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 40  # fewer files than this are worked on in this process
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0  # how often a worker without PR_SET_PDEATHSIG looks for its parent


def each_in_order(work: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """``work(item)`` for every item, in the items' order; in worker processes (one per
    core) when there are many. Results are yielded as they arrive, so a caller that
    keeps only what it needs keeps memory flat."""
    workers = os.cpu_count() or 1
    if len(items) < SERIAL_BELOW or workers == 1:
        yield from map(work, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(200, len(items) // (workers * 8)))
    others = {p.pid for p in multiprocessing.active_children()}  # not this pool's
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    finished = False
    try:
        yield from pool.map(work, items, chunksize=chunk)
        finished = True
    finally:
        if not finished:  # stopped early: the files handed out are not waited for
            pool.shutdown(wait=False, cancel_futures=True)
            for process in multiprocessing.active_children():
                if process.pid not in others:
                    process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent(parent: int) -> None:
    """In a worker process (``parent``: the pid of the process it works for): end when
    the parent ends, and leave SIGINT, SIGTERM and SIGHUP to the parent, which stops
    its workers itself (Ctrl+C in a terminal reaches every process of the group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, signal.SIG_DFL)
    if os.getppid() == parent and _death_signal(signal.SIGKILL):
        if os.getppid() != parent:  # it ended before the kernel was asked
            os._exit(1)
        return
    if not _alive(parent):
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _death_signal(signum: int) -> bool:
    """Ask the kernel to send ``signum`` to this process when its parent ends (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    import time

    while _alive(parent):
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or its number another user's now
        return False
    return True


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, taken as Ctrl+C is: the command ends where it is, and its worker
    processes and temporary files are cleaned up on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within: SIGTERM and SIGHUP raise ``Stopped`` in the main thread (the handlers of
    before are put back after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    before = {s: signal.getsignal(s) for s in signals}

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    for signum in signals:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
