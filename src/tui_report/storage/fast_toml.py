"""The fast way to read TOML: a compiled parser (toml-rs, Rust) where it is installed.

Measured on this project's reports (see BENCHMARKS.md) toml-rs parses a report about
25 times faster than the standard library's tomllib, and unlike rtoml it hands every
float to ``parse_float`` as written, so amounts become ``Decimal`` without ever being
a binary float (``128.40`` stays ``128.40``). It is asked for TOML 1.0.0, the version
tomllib reads, so both accept the same files.

tomllib stays the authority: a text the fast parser refuses is parsed again by tomllib,
whose messages (with line and column) the user sees; a text with many brackets (deep
nesting, which a compiled parser handles on the C stack) goes to tomllib at once. Where
toml-rs is not installed, everything is read by tomllib.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from decimal import Decimal
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
    from importlib.util import find_spec

    if find_spec("toml_rs") is None:
        return "tomllib", None
    return "toml-rs", _toml_rs_loads


PARSER_NAME, fast_loads = _fast_parser()


def loads(text: str, fast: bool = True) -> dict[str, Any]:
    """TOML text → data, floats as ``Decimal``; errors are tomllib's (``TOMLDecodeError``,
    ``RecursionError``, ``ValueError``), so callers handle exactly what tomllib raises.
    ``fast=False``: by tomllib alone (the editor, which reads one file: the compiled
    parser would cost it more memory, about 7 MB, than its speed is worth there)."""
    if (
        fast
        and fast_loads is not None
        and text.count("[") + text.count("{") <= MAX_FAST_BRACKETS
        and not _LONG_NUMBER.search(text)
    ):
        try:
            return fast_loads(text)
        except Exception:  # refused (or beyond the fast parser, e.g. a 30-digit integer)
            pass
    import tomllib  # loaded when needed: usually never

    return tomllib.loads(text, parse_float=Decimal)
