"""What every command says and returns: its exit statuses, a person's mistake as one
line on stderr (never a traceback), and standard output that cannot be written."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..storage.files import os_reason
from ..text.visible import warn

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def fail(message: str) -> int:
    """Say why the command cannot do what was asked; the exit status for it."""
    warn(f"tui-report: {message}")
    return EXIT_UNREADABLE


class OutputFailed(Exception):
    """Standard output could not be written (a full disk, a quota, an I/O error).

    No ``OSError``: a command's own ``except OSError`` (around writing ``-o FILE``) must
    not take it for its file's; it goes up to where the command ends (``cli._run``)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


def output_failed(exc: OutputFailed) -> int:
    """Said once; 2, as a file that cannot be written (never ``check``'s 1, "errors")."""
    return fail(f"无法写出到标准输出：{os_reason(exc.error)}，输出不完整")


class _CheckedStdout(io.FileIO):
    """Standard output's file descriptor, whose failed write raises ``OutputFailed``.

    Every write of the command (text, ``sys.stdout.buffer``, the flush at its end) goes
    through here. After a failure the rest is dropped: it has been said, and the flush at
    the interpreter's exit would otherwise fail again with a traceback-like message."""

    failed = False

    def write(self, data: ReadableBuffer, /) -> int:
        if self.failed:
            return memoryview(data).nbytes
        try:
            return super().write(data)
        except BrokenPipeError:  # the reader is gone (``| head``): the command ends quietly
            self.failed = True
            raise
        except OSError as exc:
            self.failed = True
            raise OutputFailed(exc) from exc


@contextlib.contextmanager
def checked_stdout() -> Iterator[None]:
    """While a command runs, its standard output as ``_CheckedStdout``, flushed at the
    end (also after ``--help``'s ``SystemExit``), so that a write that fails, at once or
    only at that last flush (``> /dev/full``: a small output fails only there), raises
    ``OutputFailed`` here, not a traceback at the interpreter's exit and exit status 1.

    Left as it is where it is no file this process was started with (a test's captured
    output) or is a terminal (the editor's; Windows' console has a stream of its own)."""
    original = sys.stdout
    checked = _checked(original)
    if checked is None:
        yield
        return
    sys.stdout = checked
    try:
        yield
        checked.flush()
    except SystemExit:  # --help, --version, check --rules: argparse ends the command
        checked.flush()
        raise
    finally:
        with contextlib.suppress(Exception):  # another exception is on its way already
            checked.flush()
        sys.stdout = original


def _checked(stream: object) -> io.TextIOWrapper | None:
    """``stream`` (the process's standard output) on a ``_CheckedStdout``, or None."""
    if stream is None or stream is not sys.__stdout__ or not isinstance(stream, io.TextIOWrapper):
        return None
    try:
        if stream.isatty():
            return None
        stream.flush()
        raw = _CheckedStdout(stream.fileno(), "w", closefd=False)
    except (OSError, ValueError):
        return None
    # unbuffered where Python's own is (``python -u``, ``PYTHONUNBUFFERED``): each line
    # then goes out as it is written, in order with standard error (``2>&1``, ``| tee``)
    buffered = isinstance(stream.buffer, io.BufferedWriter)
    return io.TextIOWrapper(
        io.BufferedWriter(raw) if buffered else raw,
        encoding=stream.encoding,
        errors=stream.errors,
        line_buffering=stream.line_buffering,
        write_through=stream.write_through,
    )
