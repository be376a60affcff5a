"""Waiting for a condition, never for a fixed time: a test goes on as soon as what it
waits for is there, and a loaded machine only makes it slower, never wrong."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable

TIMEOUT = 60.0  # seconds; reached only when something is wrong (or the machine is swamped)


def wait_until(condition: Callable[[], object], timeout: float = TIMEOUT) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` passes; whether it held."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())


async def pause_until(pilot, condition: Callable[[], object], timeout: float = TIMEOUT) -> bool:
    """As ``wait_until``, letting the app under Pilot run (its timers, workers, messages)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        await pilot.pause(0.02)
    return bool(condition())


def read_until(fd: int, seconds: float, marker: bytes | None = None) -> bytes:
    """What the program writes to its terminal (``fd``), until ``marker`` appears, the
    program closes the terminal, or ``seconds`` pass."""
    data = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (marker and marker in data):
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data
