"""Many strings held compactly: a folder of 50,000 reports lists 50,000 paths and as many
agency names, and as Python strings (with a set or a dict over them) they would be most
of the memory of ``check`` and ``sum``.

``StringTable`` numbers distinct strings in the order they come and keeps them as UTF-8
in one ``bytearray`` (lossless for any ``str``: lone surrogates, as in a file name that is
no UTF-8, are kept by ``surrogatepass``), found again through a hash table of numbers in
an ``array``: about the string's bytes plus 12 bytes each, not ~200. ``PathTable`` does
the same for paths, keeping each folder's part once. A ``str`` is made only when one
is asked for.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

_EMPTY = -1
_ENCODING, _ERRORS = "utf-8", "surrogatepass"


class StringTable:
    """Distinct strings, numbered 0, 1, 2, … in the order first given."""

    def __init__(self) -> None:
        self._blob = bytearray()
        self._ends = array("I")  # where each string's bytes end in ``_blob``
        self._slots = array("i", [_EMPTY]) * 16  # hash table: numbers, or _EMPTY

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, number: int) -> str:
        return self.raw(number).decode(_ENCODING, _ERRORS)

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self._ends)):
            yield self[number]

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and self.find(text) is not None

    def raw(self, number: int) -> bytes:
        """The UTF-8 bytes of string ``number``."""
        start = self._ends[number - 1] if number else 0
        return bytes(self._blob[start : self._ends[number]])

    def find(self, text: str) -> int | None:
        """The number of ``text``, or None where it was never given."""
        return self._find_raw(text.encode(_ENCODING, _ERRORS))

    def number(self, text: str) -> int:
        """The number of ``text``, given it now if it is new."""
        return self.number_raw(text.encode(_ENCODING, _ERRORS))

    def number_raw(self, raw: bytes) -> int:
        slot = self._slot(raw)
        found = self._slots[slot]
        if found != _EMPTY:
            return found
        number = len(self._ends)
        self._blob += raw
        self._ends.append(len(self._blob))
        self._slots[slot] = number
        if 2 * len(self._ends) > len(self._slots):
            self._grow()
        return number

    def _find_raw(self, raw: bytes) -> int | None:
        found = self._slots[self._slot(raw)]
        return None if found == _EMPTY else found

    def _slot(self, raw: bytes) -> int:
        """The slot of ``raw``: where it is, or the empty slot where it would go."""
        slots, mask = self._slots, len(self._slots) - 1
        slot = hash(raw) & mask
        while True:
            number = slots[slot]
            if number == _EMPTY or self._equal(number, raw):
                return slot
            slot = (slot + 1) & mask

    def _equal(self, number: int, raw: bytes) -> bool:
        start = self._ends[number - 1] if number else 0
        end = self._ends[number]
        return end - start == len(raw) and self._blob[start:end] == raw

    def _grow(self) -> None:
        slots = array("i", [_EMPTY]) * (len(self._slots) * 2)
        mask = len(slots) - 1
        for number in range(len(self._ends)):
            slot = hash(self.raw(number)) & mask
            while slots[slot] != _EMPTY:
                slot = (slot + 1) & mask
            slots[slot] = number
        self._slots = slots


class PathTable:
    """Distinct paths, numbered in the order first given; a path is kept as its folder's
    number (the part up to the last ``/``, kept once) and its name in a ``StringTable``
    of (folder, name) keys."""

    def __init__(self) -> None:
        self._folders: list[str] = []  # the part of a path up to and with its last "/"
        self._folder_numbers: dict[str, int] = {}
        self._keys = StringTable()  # the folder's number (4 bytes), then the name

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, number: int) -> str:
        raw = self._keys.raw(number)
        return self._folders[int.from_bytes(raw[:4], "little")] + raw[4:].decode(_ENCODING, _ERRORS)

    def raw_name(self, number: int) -> bytes:
        """The UTF-8 bytes of the name of path ``number`` (without its folder)."""
        return self._keys.raw(number)[4:]

    def __iter__(self) -> Iterator[str]:
        for number in range(len(self._keys)):
            yield self[number]

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.find(path) is not None

    def find(self, path: str) -> int | None:
        """The number of ``path``, or None where it was never given."""
        cut = path.rfind("/") + 1
        folder = self._folder_numbers.get(path[:cut])
        if folder is None:
            return None
        return self._keys._find_raw(_key(folder, path[cut:]))

    def number(self, path: str) -> int:
        """The number of ``path``, given it now if it is new."""
        cut = path.rfind("/") + 1
        prefix = path[:cut]
        folder = self._folder_numbers.get(prefix)
        if folder is None:
            folder = self._folder_numbers[prefix] = len(self._folders)
            self._folders.append(prefix)
        return self._keys.number_raw(_key(folder, path[cut:]))


def _key(folder: int, name: str) -> bytes:
    return folder.to_bytes(4, "little") + name.encode(_ENCODING, _ERRORS)


_NO_YEAR = -(2**31)
_ODD_YEAR = _NO_YEAR + 1  # a year beyond 32 bits: kept aside


class Years:
    """A year (or None) for each of many files: 4 bytes each in an ``array``."""

    def __init__(self) -> None:
        self._codes = array("i")
        self._odd: dict[int, int] = {}  # file → its year where no code holds it

    def __len__(self) -> int:
        return len(self._codes)

    def append(self, year: int | None) -> None:
        self._codes.append(_NO_YEAR)
        self[len(self._codes) - 1] = year

    def __getitem__(self, number: int) -> int | None:
        code = self._codes[number]
        if code == _NO_YEAR:
            return None
        if code == _ODD_YEAR:
            return self._odd[number]
        return code

    def __setitem__(self, number: int, year: int | None) -> None:
        self._odd.pop(number, None)
        if year is None:
            self._codes[number] = _NO_YEAR
        elif _ODD_YEAR < year < 2**31:
            self._codes[number] = year
        else:
            self._codes[number] = _ODD_YEAR
            self._odd[number] = year


class KeyFiles:
    """Keys (numbers in a ``StringTable``) → files, as two arrays sorted by key."""

    def __init__(self, table: StringTable, keys: array[int], files: array[int]) -> None:
        order = sorted(range(len(keys)), key=keys.__getitem__)
        self._table = table
        self._keys = array("I", [keys[i] for i in order])
        self._files = array("I", [files[i] for i in order])

    def __bool__(self) -> bool:
        return bool(self._keys)

    def get(self, key: str) -> array[int]:
        """The files of ``key`` (none where it is not a key)."""
        number = self._table.find(key)
        return self.files_of(number) if number is not None else array("I")

    def files_of(self, number: int) -> array[int]:
        start = bisect_left(self._keys, number)
        return self._files[start : bisect_right(self._keys, number, start)]

    def distinct(self) -> Iterator[tuple[int, str]]:
        """Each key once: its number and its text."""
        last = -1
        for number in self._keys:
            if number != last:
                last = number
                yield number, self._table[number]
