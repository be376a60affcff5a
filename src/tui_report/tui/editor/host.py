"""What the editor screen needs of the application that owns the report file.

The screen reaches its application through this typed protocol (``host``), not by
importing the application's module (which imports the screen); ``ReportApp`` is
checked to satisfy it (see ``tui/app.py``).
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode

from ...document.recovery import EditorSession


class EditorHost(Protocol):
    session: EditorSession  # this editor's lock and recovery copy
    cursor_blink: bool  # False: steady cursors (the snapshots)

    def save(self, then_quit: bool = False) -> None: ...

    def request_quit(self) -> None: ...

    def export_report(self) -> None: ...


def host(node: DOMNode) -> EditorHost:
    """The application ``node`` runs in, as the editor's host."""
    return cast(EditorHost, node.app)
