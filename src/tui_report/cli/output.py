"""What every command says and returns: its exit statuses, and a person's mistake as one
line on stderr (never a traceback)."""

from __future__ import annotations

from ..text.visible import warn

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def fail(message: str) -> int:
    """Say why the command cannot do what was asked; the exit status for it."""
    warn(f"tui-report: {message}")
    return EXIT_UNREADABLE
