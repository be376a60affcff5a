"""Characters a report cannot keep: C0 and C1 controls, DEL, Unicode noncharacters
(U+FFFE, U+FFFF, U+FDD0–U+FDEF and their like in every plane) and lone surrogates.
XML (Word, Excel) cannot hold them and nobody types them: they come from damaged
files, conversions and copies. Import takes them out of the text, warning once per
character with the lines it was on; where one stood between two Latin letters or
digits it becomes a space, so that two numbers or words never run together."""

from __future__ import annotations

import re

from .lines import Line
from .problems import ImportWarning

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
# Tabs stay (they separate the cells of a copied row); line breaks are already lines.
UNKEPT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
# The same, and every character past the first plane: one search that passes over a whole
# report's text many times faster than the one above (which has each plane's two).
_MAYBE_UNKEPT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe-\U0010ffff]"
)


def has_unkept(text: str) -> bool:
    """Whether ``text`` holds a character a report cannot keep (``UNKEPT``), quickly."""
    found = _MAYBE_UNKEPT.search(text)
    if found is None:
        return False
    return found.group() <= "\uffff" or bool(UNKEPT.search(text, found.start()))


_BETWEEN_WORDS = re.compile(f"(?<=[0-9A-Za-z]){UNKEPT.pattern}+(?=[0-9A-Za-z])")
LINES_NAMED = 5  # lines listed in a warning; more are counted


def kind_of(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "控制字符"
    if 0xD800 <= code <= 0xDFFF:
        return "代理码位"
    return "Unicode 非字符"


def without_unkept(lines: list[Line]) -> tuple[list[Line], list[ImportWarning]]:
    """The lines without the characters a report cannot keep, and a warning for each
    such character naming the lines it was taken out of."""
    seen: dict[str, list[int]] = {}
    out: list[Line] = []
    for number, text in lines:
        found = UNKEPT.findall(text)
        if not found:
            out.append((number, text))
            continue
        for ch in dict.fromkeys(found):
            seen.setdefault(ch, []).append(number)
        out.append((number, UNKEPT.sub("", _BETWEEN_WORDS.sub(" ", text))))
    warnings = []
    for ch, where in seen.items():
        named = "、".join(str(n) for n in where[:LINES_NAMED])
        more = f"等 {len(where)} 行" if len(where) > LINES_NAMED else ""
        warnings.append(
            ImportWarning(
                f"第 {named} 行{more}含有报告中不能保存的字符 U+{ord(ch):04X}"
                f"（{kind_of(ch)}），已删除",
                where[0],
            )
        )
    return out, warnings
