"""Find the line of each key in a TOML text, so problems can point at ``FILE:LINE``.

tomllib gives no positions, and reports are small and written in a plain
layout, so a line scan that knows table headers and multi-line strings is enough.
"""

from __future__ import annotations

import re
from collections.abc import Collection

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _dotted(raw: str) -> str:
    return ".".join(p.strip("\"'") for p in _PART.findall(raw))


def _opened_multiline(rest: str) -> str | None:
    """The delimiter of a multi-line string that the value ``rest`` opens and leaves open."""
    starts = [(rest.find(q), q) for q in ('"""', "'''") if q in rest]
    if not starts:
        return None
    _, quote = min(starts)
    return quote if rest.count(quote) % 2 == 1 else None


def key_lines(source: str, wanted: Collection[str] = ()) -> dict[str, int]:
    """Map each table name and dotted key (``applications.new_received``) to its 1-based line
    (the first line of a key written twice). With ``wanted``, the scan may stop once all of
    those keys are found (a key's line is where it is first seen, so it is the same)."""
    lines: dict[str, int] = {}
    missing = set(wanted)
    table = ""
    open_quote: str | None = None  # the delimiter of a multi-line string we are inside
    for number, line in enumerate(source.splitlines(), start=1):
        if open_quote is not None:
            if open_quote in line and line.count(open_quote) % 2 == 1:
                open_quote = None
            continue
        first = line.lstrip()[:1]
        if not first or first == "#":  # blank or a comment: neither header nor key
            continue
        if first == "[":
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = _dotted(header.group(1))
                lines.setdefault(table, number)
                if missing:
                    missing.discard(table)
                    if not missing:
                        break
                continue
        key = _KEY.match(line)
        if not key:
            continue
        raw = key.group(1)
        # a bare key as it is (what _dotted gives it); quoted or dotted keys taken apart
        dotted = _dotted(raw) if "." in raw or '"' in raw or "'" in raw else raw
        dotted = f"{table}.{dotted}" if table else dotted
        lines.setdefault(dotted, number)
        if missing:
            missing.discard(dotted)
            if not missing:
                break
        rest = line[key.end() :]
        open_quote = _opened_multiline(rest) if '""' in rest or "''" in rest else None
    return lines
