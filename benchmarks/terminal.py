"""Running a program in an 80x24 pseudo-terminal and watching what it writes."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import resource
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass


def set_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


@dataclass
class Session:
    pid: int
    fd: int
    started: float

    def read(self, seconds: float, marker: bytes | None = None) -> bytes:
        """Output for ``seconds``, or until ``marker`` has appeared (and output paused)."""
        data = b""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    data += os.read(self.fd, 1 << 16)
                except OSError:
                    break
            elif marker and marker in data:
                break
        return data

    def first_output(self, timeout: float) -> bytes:
        """The first chunk written after now (empty if nothing within ``timeout``)."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.fd, 1 << 16)
        except OSError:
            return b""

    def wait_for(self, marker: bytes, timeout: float = 60) -> float:
        """Seconds from start until ``marker`` was written."""
        data = b""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.01)
            if ready:
                try:
                    data += os.read(self.fd, 1 << 16)
                except OSError:
                    break
                if marker in data:
                    return time.perf_counter() - self.started
        raise TimeoutError(f"{marker!r} not seen")

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def peak_rss_kib(self) -> int:
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def start(argv: list[str], env: dict[str, str] | None = None) -> Session:
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env or {})
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as users run it: with .pyc files
        os.environ["TERM"] = "xterm-256color"
        set_size(0, 80, 24)
        os.execv(argv[0], argv)
    set_size(fd, 80, 24)
    return Session(pid, fd, started)


def children_peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
