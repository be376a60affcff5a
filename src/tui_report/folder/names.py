"""Agency names as compared: one agency's name written with full-width letters or spaces,
or with a region prefix added or dropped from one year to the next (巨鹿县官亭镇人民政府 /
邢台市巨鹿县官亭镇人民政府). Names a folder's ``agencies.toml`` makes one are in ``agencies``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Administrative prefixes a name may gain or lose between years (see ``same_agency``).
PREFIX = re.compile(r"^(?:.{1,8}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区))")
_PREFIX_ENDS = frozenset("省市州盟县旗区")
MIN_NAME = 4  # a name shorter than this is not matched without its prefix
SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)  # a name is asked for again and again (each report of an agency)
def agency_key(name: str) -> str:
    """A name as compared: NFKC (full-width letters and digits as ASCII), no spaces."""
    if unicodedata.is_normalized("NFKC", name) and not SPACE.search(name):
        return name  # the usual case, quickly
    return SPACE.sub("", unicodedata.normalize("NFKC", name))


def prefix_splits(key: str) -> Iterator[int]:
    """Where a name splits into a region prefix and a name of its own (邢台市|巨鹿县…)."""
    for end in range(2, min(len(key) - MIN_NAME, 11) + 1):
        if key[end - 1] in _PREFIX_ENDS and PREFIX.fullmatch(key[:end]):
            yield end


def with_a_prefix(name: str, key: str) -> bool:
    """Is ``name`` the name ``key`` with a region prefix before it?"""
    return len(name) > len(key) and bool(PREFIX.fullmatch(name[: -len(key)]))


def same_agency(a: str, b: str) -> bool:
    """The same body, written the same or with a region prefix added or dropped
    (巨鹿县官亭镇人民政府 / 邢台市巨鹿县官亭镇人民政府)."""
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= MIN_NAME and long.endswith(short) and with_a_prefix(long, short)


def own_name(key: str) -> str:
    """A name without its region prefix (淮安市洪泽区人民政府 → 洪泽区人民政府)."""
    ends = list(prefix_splits(key))
    return key[ends[-1] :] if ends else key
