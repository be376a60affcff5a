"""What a person may type into a cell, and what a file may hold."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui_report.formats import AMOUNT, COUNT, SIGNED_COUNT
from tui_report.report.values import (
    InvalidValue,
    format_value,
    from_stored,
    parse_typed,
    same_value,
)
from tui_report.rules import validate
from tui_report.storage import read_report


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("４２", 42),  # full-width digits from a Chinese input method
        (" 7 ", 7),
        ("1,234", 1234),
        ("１，２３４", 1234),
        ("", 0),
    ],
)
def test_count_accepts(typed: str, expected: int):
    value = parse_typed(typed, COUNT)
    assert value == expected and type(value) is int


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("128.46", "128.46"),
        ("1234.50", "1234.50"),  # the trailing zero is kept
        ("１２８．４６", "128.46"),
        ("0.0001", "0.0001"),
        ("6,172.50", "6172.50"),
        ("98765.43", "98765.43"),
        ("12", "12"),
    ],
)
def test_amount_keeps_digits(typed: str, written: str):
    value = parse_typed(typed, AMOUNT)
    assert isinstance(value, Decimal)
    assert format_value(value) == written


@pytest.mark.parametrize(
    ("typed", "kind", "says"),
    [
        ("abc", COUNT, "不是数字"),
        ("1O", COUNT, "不是数字"),  # letter O
        ("-1", COUNT, "负数"),
        ("－３", COUNT, "负数"),
        ("2.5", COUNT, "不是整数"),
        ("3.0", COUNT, "不是整数"),
        ("1.2345678", AMOUNT, "小数超过 6 位"),
        ("99999999999999999999", COUNT, "过大"),
        ("160.5964万元", AMOUNT, "不要带单位"),
        ("5件", COUNT, "不要带单位"),
        ("1,23", COUNT, "不是数字"),
        ("1e3", COUNT, "不是数字"),
        ("nan", AMOUNT, "不是数字"),
        ("\x1b[31m1", COUNT, "不是数字"),
    ],
)
def test_refused_with_a_message(typed: str, kind, says: str):
    with pytest.raises(InvalidValue) as caught:
        parse_typed(typed, kind)
    assert says in caught.value.message


def test_signed_count_of_2019_format_accepts_negative():
    assert parse_typed("-3", SIGNED_COUNT) == -3


@given(st.text(max_size=30))
def test_any_typing_gives_a_valid_value_or_a_message(typed: str):
    for kind in (COUNT, AMOUNT):
        try:
            value = parse_typed(typed, kind)
        except InvalidValue as exc:
            assert exc.message
            continue
        assert value >= 0
        assert value <= kind.maximum
        if kind is COUNT:
            assert type(value) is int
        else:
            assert isinstance(value, Decimal) and value.is_finite()
            assert -value.as_tuple().exponent <= kind.decimals


@pytest.mark.parametrize(
    ("raw", "kind", "says"),
    [
        ("abc", COUNT, "实为文字"),
        (True, COUNT, "布尔值"),
        (Decimal("2.0"), COUNT, "实为小数"),
        (-1, COUNT, "负数"),
        (Decimal("-0.5"), AMOUNT, "负数"),
        (Decimal("NaN"), AMOUNT, "NaN"),
        (Decimal("Infinity"), AMOUNT, "Infinity"),
        ([1, 2], COUNT, "数组"),
        ({"a": 1}, COUNT, "表"),
        (10**20, COUNT, "过大"),
        (Decimal("1.2345678"), AMOUNT, "小数超过"),
        (datetime.date(1979, 5, 27), COUNT, "实为日期"),  # fees = 1979-05-27 in a file
        (datetime.datetime(1979, 5, 27, 7, 32), AMOUNT, "实为日期时间"),
        (datetime.time(7, 32), COUNT, "实为时间"),
        (None, COUNT, "实为空值"),  # null in a JSON export
        (object(), COUNT, "实为不是数的值"),
    ],
)
def test_stored_values_refused(raw, kind, says: str):
    with pytest.raises(InvalidValue) as caught:
        from_stored(raw, kind)
    assert says in caught.value.message


def test_stored_amount_as_integer_is_a_decimal():
    value = from_stored(12, AMOUNT)
    assert isinstance(value, Decimal) and format_value(value) == "12"


def test_same_value_distinguishes_written_form():
    assert same_value(Decimal("1234.50"), Decimal("1234.50"))
    assert not same_value(Decimal("1234.50"), Decimal("1234.5"))
    assert not same_value(0, Decimal(0))
    assert same_value(None, None)


@pytest.mark.parametrize(("typed", "written"), [(".5", "0.5"), ("5.", "5"), ("１２．", "12")])
def test_a_point_without_digits_on_one_side_is_accepted(typed: str, written: str):
    assert format(parse_typed(typed, AMOUNT), "f") == written


@pytest.mark.parametrize("typed", ["٣", "12٣", "²", "①", "๓"])
def test_digits_other_than_ascii_and_full_width_are_refused(typed: str):
    with pytest.raises(InvalidValue) as refused:
        parse_typed(typed, COUNT)
    assert "0–9" in refused.value.message


def test_wan_gets_the_no_units_hint():
    with pytest.raises(InvalidValue) as count:
        parse_typed("12万", COUNT)
    assert "不要带单位“万”" in count.value.message and "120000" in count.value.message
    with pytest.raises(InvalidValue) as amount:
        parse_typed("12万", AMOUNT)
    assert "单位为万元" in amount.value.message and "例如 12" in amount.value.message


def test_extreme_exponent_is_refused_without_formatting_it(example: Path):
    text = example.read_text(encoding="utf-8").replace("fees = 128.40", "fees = 1e-999999999")
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)  # formatting it as digits would build a 1 GB string
    problems = [p for p in validate(loaded.report, loaded.structure) if p.rule == "cell-value"]
    assert len(problems) == 1 and "位数过多" in problems[0].message
    assert len(problems[0].message) < 200
