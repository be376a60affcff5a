"""The fast way to read TOML: a compiled parser (toml-rs, Rust) where it is installed,
the optional extra ``fast`` (``pip install 'tui-report[fast]'`` or ``pip install toml-rs``);
the standard library's tomllib otherwise, the default.

Measured on this project's reports (BENCHMARKS.md, ``benchmarks/readers.py``) toml-rs
parses a report 10-15 times faster than tomllib: ``check`` of a county's 100 reports
takes 0.03 s longer without it, of 1,000 reports 0.4 s, of 10,000 about 4 s. Of the
compiled parsers, it is the one that fits: it hands every float to ``parse_float`` as
written, so amounts become ``Decimal`` without ever being a binary float (``128.40``
stays ``128.40``; rtoml has no such hook), and it can be asked for TOML 1.0.0, the
version tomllib reads, so both accept the same files (rtoml reads TOML 1.1).

toml-rs 0.4.3 must be imported by the main thread: imported by another thread, it
crashes the process (a segmentation fault) the first time a thread started after that
one ended calls it (two folder views one after the other in one process did). A thread
other than the main one therefore reads by tomllib until the main thread has imported
it; the folder view imports it (``prepare_fast_parser``) before its threads start.

tomllib stays the authority: a text the fast parser refuses is parsed again by tomllib,
whose messages (with line and column) the user sees; a text with many brackets (deep
nesting, which a compiled parser handles on the C stack) goes to tomllib at once. Where
toml-rs is not installed, everything is read by tomllib.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable
from decimal import Decimal
from importlib.util import find_spec
from typing import Any

# More opening brackets than this and the text may nest deeper than a thread's stack
# allows a compiled parser (one bracket can open one level); reports have about 40.
MAX_FAST_BRACKETS = 256

# A number of more digits than Python turns into an integer from text: tomllib refuses
# it (a ValueError), toml-rs would build it; such a text goes to tomllib.
_DIGITS = sys.get_int_max_str_digits()  # 0: no limit, and then no difference
_LONG_NUMBER = re.compile(rf"[0-9][0-9_]{{{_DIGITS}}}" if _DIGITS else r"(?!)")

Loads = Callable[[str], dict[str, Any]]


def _toml_rs_loads(text: str) -> dict[str, Any]:
    import toml_rs  # imported when first used: a program that never reads fast never pays

    return toml_rs.loads(text, parse_float=Decimal, toml_version="1.0.0")


def _fast_parser() -> tuple[str, Loads | None]:
    if find_spec("toml_rs") is None:
        return "tomllib", None
    return "toml-rs", _toml_rs_loads


PARSER_NAME, fast_loads = _fast_parser()


def prepare_fast_parser() -> None:
    """Import the fast parser now, from the main thread, so that threads may use it."""
    if fast_loads is not None and threading.current_thread() is threading.main_thread():
        import toml_rs  # noqa: F401  # (the point: imported now, by the main thread)


def _fast_parser_usable() -> bool:
    """toml-rs imported, or importable here: in the main thread (see the module's note)."""
    return "toml_rs" in sys.modules or threading.current_thread() is threading.main_thread()


def loads(text: str, fast: bool = True) -> dict[str, Any]:
    """TOML text → data, floats as ``Decimal``; errors are tomllib's (``TOMLDecodeError``,
    ``RecursionError``, ``ValueError``), so callers handle exactly what tomllib raises.
    ``fast=False``: by tomllib alone (the editor, which reads one file: the compiled
    parser would cost it more memory, about 7 MB, than its speed is worth there)."""
    if (
        fast
        and fast_loads is not None
        and _fast_parser_usable()
        and text.count("[") + text.count("{") <= MAX_FAST_BRACKETS
        and not _LONG_NUMBER.search(text)
    ):
        try:
            return fast_loads(text)
        except Exception:  # refused (or beyond the fast parser, e.g. a 30-digit integer)
            pass
    import tomllib  # loaded when needed: usually never

    return tomllib.loads(text, parse_float=Decimal)
