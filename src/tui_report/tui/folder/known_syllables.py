"""The pinyin of agency names, kept between runs of the folder view.

Sorting by pinyin loads pypinyin's phrase table (about 0.2 s of CPU) and segments every
name; a county's folder is opened day after day with the same names. The syllables of
each name sorted are kept in the user's own state directory (``pinyin.json`` beside the
editor's recovery copies: private to the user, written atomically), with the size and
time of pypinyin's tables they were read with: another pypinyin, another table or
another way of ours to read them (``KEYS``) reads them anew. Only names are kept (of
agencies, and of the folders and files of one agency's reports of one year), never
whole paths. The file is only a cache: one that cannot be read, is too big or does not
hold what it should is ignored, and nothing is lost.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from pathlib import Path

from ...document.recovery import PRIVATE, state_root
from ...storage.atomic import write_atomic
from ...storage.files import read_head
from ...storage.reading import ReportFileError

FILE = "pinyin.json"
MAX_NAMES = 100_000  # the names kept (those sorted last); a county has a few thousand
MAX_BYTES = 16 * 1024 * 1024  # a longer file is not read (it would not hold MAX_NAMES)
_TABLES = ("phrases_dict", "pinyin_dict")  # what pypinyin reads names with
KEYS = "keys-1"  # how ``collation`` takes syllables from pypinyin: changed, read anew


class KnownSyllables(dict[str, tuple[str, ...]]):
    """Names (NFKC) → their syllables as ``collation.pinyin_key`` reads them; ``load``
    the kept ones, ``save`` when some were added."""

    def __init__(self, stamp: str | None = None) -> None:
        super().__init__()
        self.stamp = stamp  # pypinyin's tables (None: not found: nothing is kept)
        self.added = False

    def __setitem__(self, name: str, syllables: tuple[str, ...]) -> None:
        super().__setitem__(name, syllables)
        self.added = True

    @classmethod
    def load(cls, path: Path | None = None) -> KnownSyllables:
        known = cls(tables_stamp())
        data = read_head(path or kept_at(), MAX_BYTES + 1)
        if known.stamp is None or data is None or len(data) > MAX_BYTES:
            return known
        try:
            kept = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):  # (UnicodeDecodeError too; "[[[[…" too deep)
            return known
        if not isinstance(kept, dict) or kept.get("pypinyin") != known.stamp:
            return known
        names = kept.get("names")
        if not isinstance(names, dict):
            return known
        if all(_syllables(v) for v in names.values()):
            dict.update(known, {k: tuple(v) for k, v in names.items()})
        return known

    def save(self, path: Path | None = None) -> None:
        """Keep the names (the last ``MAX_NAMES`` added) if any were added; a failure to
        write is not told (it is only a cache)."""
        if not self.added or self.stamp is None:
            return
        self.added = False  # (before the copy: a name added meanwhile is kept next time)
        names = list(dict.copy(self).items())[-MAX_NAMES:]  # (one step: names may be added)
        payload = {
            "pypinyin": self.stamp,
            "names": {k: list(v) for k, v in names if _utf8(k) and all(map(_utf8, v))},
        }
        target = path or kept_at()
        with contextlib.suppress(OSError, ReportFileError):  # (a link there: not written)
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_atomic(target, json.dumps(payload, ensure_ascii=False).encode("utf-8"), PRIVATE)


def _utf8(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (a name read from a file name that is
    no UTF-8, as a folder unpacked from a Windows zip, holds lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _syllables(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(s, str) for s in value)


def kept_at() -> Path:
    return state_root() / FILE


def tables_stamp() -> str | None:
    """The size and time of pypinyin's tables (without importing it), or None."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return None
    folder = os.path.dirname(spec.origin)
    stats = []
    for table in _TABLES:  # (JSON since pypinyin 0.51, a Python module before)
        for name in (f"{table}.json", f"{table}.py"):
            try:
                stats.append(os.stat(os.path.join(folder, name)))
                break
            except OSError:
                continue
        else:
            return None
    return " ".join([KEYS, *(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)])
