"""Work on many report files on every core, results in order and as they come."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

SERIAL_BELOW = 40  # fewer files than this are worked on in this process


def each_in_order(work: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """``work(item)`` for every item, in the items' order; in worker processes (one per
    core) when there are many. Results are yielded as they arrive, so a caller that
    keeps only what it needs keeps memory flat."""
    workers = os.cpu_count() or 1
    if len(items) < SERIAL_BELOW or workers == 1:
        yield from map(work, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(200, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(work, items, chunksize=chunk)
