"""Work on many report files on every core, results in order and as they come.

Worker processes never outlive the process that started them: each asks the kernel to
kill it when its parent ends (``PR_SET_PDEATHSIG`` on Linux; elsewhere a thread of
the worker watches its parent), so a ``check`` killed with SIGKILL, or a terminal
closed while the folder view checks, leaves no process behind waiting on a pipe. A
caller that stops early (an exception, SIGINT, SIGTERM or SIGHUP turned into
``Stopped`` by ``stopped_by_signals``, a generator closed, ``stop_workers``) kills the
workers at once instead of waiting for the files already handed to them, and never
waits for a result a killed worker was writing (``_stop_pool``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 40  # fewer files than this are worked on in this process
AHEAD = 4  # chunks handed out per worker before the first result is taken
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0  # how often a worker without PR_SET_PDEATHSIG looks for its parent
STOP_SECONDS = 10.0  # the most a stopped pool's threads are waited for (usually ~0)
STOPPING = tuple(
    s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None
)
_LOCK = threading.Lock()
_RUNNING: dict[ProcessPoolExecutor, set[int | None]] = {}  # → the processes there before it
_TAKEN: list[int] = []  # signals ``stopped_by_signals`` took and has not yet acted on


def each_in_order(work: Callable[[T], R], items: Sequence[T]) -> Generator[R, None, None]:
    """``work(item)`` for every item, in the items' order; in worker processes (one per
    core) when there are many (those ``workers_started_early`` started, if it did).
    Results are yielded as they arrive, so a caller that keeps only what it needs keeps
    memory flat."""
    workers = os.cpu_count() or 1
    early = _take_early_pool()
    if len(items) < SERIAL_BELOW or workers == 1:
        if early is not None:
            _end_pool(*early)
        yield from map(work, items)
        return
    pool, others = early if early is not None else _start_pool(workers)
    size = max(1, min(200, len(items) // (workers * 8)))
    finished = False
    try:
        pending: deque[Future[list[R]]] = deque()
        starts = iter(range(0, len(items), size))
        with signals_held():  # the workers are forked here (if not yet), and threads started
            for start in islice(starts, workers * AHEAD):
                pending.append(pool.submit(_each, work, items[start : start + size]))
        while pending:  # (never cancelled: a pool whose workers are killed fails them)
            # Only a few chunks are out at a time, and each chunk's results are let go
            # of as they are given: what waits here stays the same however many items.
            results = pending.popleft().result()
            for start in islice(starts, 1):
                with signals_held():  # (a start method other than fork starts workers here)
                    pending.append(pool.submit(_each, work, items[start : start + size]))
            yield from results
            del results
            if _TAKEN:
                raise Stopped(_TAKEN[0])  # a signal whose exception was lost on the way
        finished = True
    finally:
        if finished:
            _end_pool(pool, others)
        else:  # stopped early: the files handed out are not waited for
            with _LOCK:
                _RUNNING.pop(pool, None)
            _stop_pool(pool, others)


_EARLY: list[tuple[ProcessPoolExecutor, set[int | None]]] = []  # started, not yet used


@contextlib.contextmanager
def workers_started_early(wanted: bool = True) -> Iterator[None]:
    """Within: the worker processes are started at once (``wanted``: a folder is to be
    worked on), for the next ``each_in_order`` to use. A worker is a copy of this process
    as it was when started: started before a command lists and indexes a folder, it
    carries none of that (with 50,000 reports, tens of megabytes in each worker). A pool
    not used by the end is shut down."""
    workers = os.cpu_count() or 1
    if not wanted or workers == 1 or sys.platform == "win32":
        yield
        return
    pool, others = _start_pool(workers)
    try:
        with signals_held():  # the workers are forked now (all at once, with fork)
            started = pool.submit(int)
        started.result()
    except BaseException as exc:  # a worker that cannot start (a module it may not read):
        if not isinstance(exc, Exception):  # Ctrl+C meanwhile
            with _LOCK:
                _RUNNING.pop(pool, None)
            _stop_pool(pool, others)
            raise
        _end_pool(pool, others)  # left to ``each_in_order``, as when none start early
        yield
        return
    _EARLY.append((pool, others))
    try:
        yield
    finally:
        early = _take_early_pool()
        if early is not None:
            _end_pool(*early)


def _take_early_pool() -> tuple[ProcessPoolExecutor, set[int | None]] | None:
    return _EARLY.pop() if _EARLY else None


def _start_pool(workers: int) -> tuple[ProcessPoolExecutor, set[int | None]]:
    """A pool of ``workers`` processes (started when first given work), with the
    processes there before it (``others``: never this pool's to kill)."""
    import multiprocessing  # ~15 ms with concurrent.futures: only for many files
    from concurrent.futures import ProcessPoolExecutor

    others = {p.pid for p in multiprocessing.active_children()}  # not this pool's
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    with _LOCK:
        _RUNNING[pool] = others
    return pool, others


def _end_pool(pool: ProcessPoolExecutor, _others: set[int | None]) -> None:
    with _LOCK:
        _RUNNING.pop(pool, None)
    pool.shutdown(wait=True)


def _each(work: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [work(item) for item in items]


def stop_workers() -> None:
    """Kill the workers of every pool now (the folder view when it ends, or is ended
    with SIGTERM, while it checks): a thread waiting for their results gets
    ``BrokenProcessPool`` at once instead of waiting for the files handed out."""
    with _LOCK:
        running = list(_RUNNING.items())
    for pool, others in running:
        _kill_workers(others)
        _unblock_results(pool)


def _stop_pool(pool: ProcessPoolExecutor, others: set[int | None]) -> None:
    """Kill the pool's workers and let its threads end, waiting at most
    ``STOP_SECONDS``. A worker killed while it wrote a result left part of it in the
    results pipe: the pool's thread that reads the pipe would wait forever for the rest
    (and ``shutdown(wait=True)``, and the interpreter's exit, for that thread)."""
    _kill_workers(others)
    _unblock_results(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    manager = getattr(pool, "_executor_manager_thread", None)
    if isinstance(manager, threading.Thread):
        manager.join(STOP_SECONDS)


def _unblock_results(pool: ProcessPoolExecutor) -> None:
    """Close this process's copy of the pool's results pipe's writing end (it never writes
    there: only the workers do), so that once the killed workers are gone the reading
    thread gets end-of-file instead of waiting for the rest of a result (the pool then
    counts as broken, which is what it is). The executor has no public way to do this."""
    results = getattr(pool, "_result_queue", None)
    writer = getattr(results, "_writer", None)
    close = getattr(writer, "close", None)
    if close is not None:
        with contextlib.suppress(OSError):
            close()


def _kill_workers(others: set[int | None]) -> None:
    import multiprocessing  # (loaded already: workers were started)

    for process in multiprocessing.active_children():
        if process.pid not in others:
            process.kill()


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Within: SIGINT, SIGTERM and SIGHUP wait until the end (for this thread, and for the
    processes and threads it starts). Around a fork: an exception a signal handler
    raises while Python runs its at-fork callbacks is printed and dropped."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def die_with_parent(parent: int) -> None:
    """In a worker process (``parent``: the pid of the process it works for): end when
    the parent ends, and leave SIGINT, SIGTERM and SIGHUP to the parent, which stops
    its workers itself (Ctrl+C in a terminal reaches every process of the group)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in STOPPING[1:]:
        signal.signal(signum, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)  # held while it was forked
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
        import ctypes  # in a worker only (check's own process never needs it)

        libc = ctypes.CDLL(None, use_errno=True)
        done: int = libc.prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0)
        return done == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
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
    """SIGINT, SIGTERM or SIGHUP, taken as Ctrl+C is: the command ends where it is, and
    its worker processes and temporary files are cleaned up on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within: SIGINT, SIGTERM and SIGHUP raise ``Stopped`` in the main thread (the
    handlers of before are put back after; a signal ignored, as ``nohup`` ignores SIGHUP,
    stays ignored). A signal whose exception Python dropped on the way (it does in some
    callbacks) is raised again by ``each_in_order`` or at the end."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.getsignal(s) for s in STOPPING}
    before = {s: h for s, h in before.items() if h is not signal.SIG_IGN}  # nohup, ``&``

    def stop(signum: int, _frame: object) -> None:
        _TAKEN.append(signum)
        raise Stopped(signum)

    for signum in before:
        signal.signal(signum, stop)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
        taken = _TAKEN[:1]
        _TAKEN.clear()
    if taken:
        raise Stopped(taken[0])
