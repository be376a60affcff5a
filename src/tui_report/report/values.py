"""Cell values: what a person may type, what a file may hold, how values are shown.

A value is an ``int`` (counts) or a ``Decimal`` (amounts, kept with the digits
as written: 1234.50 stays 1234.50). Floats never appear.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..formats.spec import CellKind

Value = int | Decimal

# A plain decimal number in ASCII digits, optionally with thousands separators in the
# right places; a point may stand without digits on one side (.5, 5.), as calculators allow.
_NUMBER = re.compile(r"^[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)$", re.ASCII)
_UNIT_WORDS = ("万元", "元", "万", "件", "个", "条", "项")
# Full-width forms (U+FF01–FF5E) as a Chinese input method types them, the ideographic
# space and the ideographic full stop. Nothing else is translated: other digits (٣, ²,
# ①) are refused, never read as numbers.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {
    0x3000: " ",
    ord("。"): ".",
}


class InvalidValue(ValueError):
    """A value that cannot go into a cell; ``message`` is for the user (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalize_typed(text: str) -> str:
    """Full-width digits and signs (as typed with a Chinese input method) become ASCII."""
    return text.translate(_FULL_WIDTH).strip()


def parse_typed(text: str, kind: CellKind) -> Value:
    """Parse what a person typed into a cell, or raise ``InvalidValue`` saying why not.

    Accepts full-width digits (１２３), a full-width point (１２．５), and thousands
    separators (1,234). An empty entry means 0.
    """
    cleaned = normalize_typed(text)
    if cleaned == "":
        return Decimal(0) if not kind.is_integer else 0
    for unit in _UNIT_WORDS:
        number = cleaned[: -len(unit)].strip()
        if cleaned.endswith(unit) and _NUMBER.match(number):
            raise InvalidValue(
                f"请只输入数字，不要带单位“{unit}”（{_unit_hint(number, unit, kind)}）"
            )
    if not _NUMBER.match(cleaned):
        foreign = next((ch for ch in cleaned if ch.isdigit() and not ch.isascii()), None)
        if foreign is not None:
            where = "" if cleaned == foreign else f"“{_shown(text)}”中的"
            raise InvalidValue(f"{where}“{foreign}”不是 0–9 的数字：请用半角或全角的 0–9")
        raise InvalidValue(f"“{_shown(text)}”不是数字：此处应为{kind.description}")
    amount = Decimal(cleaned.replace(",", ""))
    return checked(amount, kind, cleaned.replace(",", ""))


def _unit_hint(number: str, unit: str, kind: CellKind) -> str:
    """How to write ``12万`` or ``5件`` in this cell instead."""
    if kind.unit:
        if unit == kind.unit or kind.unit.startswith(unit):  # 12万 in a 万元 cell: 12
            return f"单位为{kind.unit}，例如 {number}"
        return f"单位为{kind.unit}"
    if unit == "万":
        try:
            whole = Decimal(number.replace(",", "")) * 10000
        except ArithmeticError:
            return "请写出完整的数"
        return f"{number}万 请输入 {format(whole.normalize(), 'f')}"
    return f"例如 {number}"


def checked(number: Decimal, kind: CellKind, written: str) -> Value:
    """Check a number against a kind and return it as the value type of that kind."""
    if number < kind.minimum:
        raise InvalidValue(f"{written} 是负数：此处应为{kind.description}")
    if number > kind.maximum or number < -kind.maximum:
        raise InvalidValue(f"{written} 过大：不能超过 {kind.maximum}")
    if number.is_zero():
        number = abs(number)  # -0 and -0.00 are 0
    exponent = number.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if kind.is_integer:
        if decimals:
            raise InvalidValue(f"{written} 不是整数：此处应为{kind.description}")
        return int(number)
    if decimals > kind.decimals:
        raise InvalidValue(f"{written} 的小数超过 {kind.decimals} 位")
    return number


def from_stored(raw: object, kind: CellKind) -> Value:
    """Accept a value read from a file (int, or Decimal when parsed with ``parse_float=Decimal``).

    Raises ``InvalidValue`` with a message for anything else (a string, a bool, a float,
    a negative, a fraction in a count, NaN).
    """
    if type(raw) is int and kind.is_integer and kind.minimum <= raw <= kind.maximum:
        return raw  # the common case, without building a Decimal
    if isinstance(raw, bool):
        raise InvalidValue(f"应为{kind.description}，实为布尔值 {str(raw).lower()}")
    if isinstance(raw, int):
        return checked(Decimal(raw), kind, written_number(raw))
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise InvalidValue(f"应为{kind.description}，实为 {raw}")
        if abs(raw.adjusted()) > MAX_DIGITS or len(raw.as_tuple().digits) > MAX_DIGITS:
            raise InvalidValue(f"应为{kind.description}，实为位数过多的数 {written_number(raw)}")
        if kind.is_integer:
            raise InvalidValue(f"应为{kind.description}，实为小数 {written_number(raw)}")
        return checked(raw, kind, written_number(raw))
    if isinstance(raw, float):  # only when a caller parsed without parse_float=Decimal
        raise InvalidValue(f"应为{kind.description}，实为浮点数 {raw}")
    if isinstance(raw, str):
        raise InvalidValue(f"应为{kind.description}，实为文字 {_shown(raw)!r}")
    return _reject_other(raw, kind)


MAX_DIGITS = 30  # no count or amount in a report has more; beyond, formatting costs memory


def written_number(raw: int | Decimal) -> str:
    """A number from a file as it may be shown in a message: plain digits, shortened."""
    if isinstance(raw, Decimal) and abs(raw.adjusted()) > MAX_DIGITS:
        return str(raw)[:24]
    text = format(raw, "f") if isinstance(raw, Decimal) else str(raw)
    return text if len(text) <= 24 else text[:20] + "…"


def _reject_other(raw: object, kind: CellKind) -> Value:
    import datetime  # ~7 ms that a check pays only for a date in a cell (a TOML datetime)

    names = {
        list: "数组",
        dict: "表",
        datetime.datetime: "日期时间",
        datetime.date: "日期",
        datetime.time: "时间",
        type(None): "空值（没有数）",
    }
    shown = names.get(type(raw), "不是数的值")  # never Python's English name of a type
    raise InvalidValue(f"应为{kind.description}，实为{shown}")


def format_value(value: Value | None) -> str:
    """The digits exactly as stored (``Decimal('1234.50')`` → ``1234.50``); None → empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def same_value(a: Value | None, b: Value | None) -> bool:
    """Equal including the written form: 1234.5 and 1234.50 are different values to keep."""
    return type(a) is type(b) and format_value(a) == format_value(b)


def total(values: list[Value | None]) -> Value | None:
    """Sum of values; None (unknown) if any part is unknown."""
    result: Value = 0
    for v in values:
        if v is None:
            return None
        result += v
    return result


def _shown(text: str, limit: int = 20) -> str:
    """A short, printable rendering of user text for messages."""
    printable = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in text)
    return printable if len(printable) <= limit else printable[:limit] + "…"
