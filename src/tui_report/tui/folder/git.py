"""The folder view's git states, asked in a thread of their own.

Git may be slow (a large repository, a network file system) or stopped by its time
limit; the list, its checks and its total never wait for it: they are shown without
git states until git answers, and the states are filled in then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.dom import DOMNode

from ...folder.git_status import git_states


class GitAsker:
    """Asks git for the states of ``folder``'s files, one question at a time: asked
    again while it runs, it asks once more when done (the files changed meanwhile).
    Each answer goes to ``answered`` on the event loop."""

    def __init__(
        self, node: DOMNode, folder: Path, answered: Callable[[dict[str, str] | None], None]
    ) -> None:
        self.node = node
        self.folder = folder
        self.answered = answered
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def ask(self) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        self.node.run_worker(self._run, thread=True, group="git", exit_on_error=False)

    def _run(self) -> None:
        try:
            while True:
                states = git_states(self.folder)
                self.node.app.call_from_thread(self.answered, states)
                with self._lock:
                    if not self._again:
                        self._running = False
                        return
                    self._again = False
        except BaseException:
            with self._lock:
                self._running = False
            raise
