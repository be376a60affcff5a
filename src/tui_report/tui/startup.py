"""The editor's start without the cyclic garbage collector.

Starting the editor creates a few hundred thousand objects (Textual's and our modules,
the stylesheet, the widgets of the first screen) that all live as long as the program;
the collector went over them again and again while they were made: about 17 ms of the
start to the first full screen (issue 26, B1). It is paused from the command line until
the first frame is on the screen, then those objects are frozen (``gc.freeze``: never
scanned again, so no collection during editing goes over them either) and collection
resumes. Only a start that paused it resumes it: an editor run in a test (Pilot) leaves
the test process's collector alone.
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """No cyclic collection until ``resume_collection`` (at the first frame)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection(*, freeze: bool) -> None:
    """Collect again, if ``pause_collection`` paused it; ``freeze``: the objects made so
    far (the start's, which all live on) are left out of every later collection."""
    global _paused
    if not _paused:
        return
    _paused = False
    if freeze:
        gc.freeze()
    gc.enable()
