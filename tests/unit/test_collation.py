"""Names sorted as a reader sorts them, numbers by value (``text.collation``): a run of
digits of any length, which ``int()`` refuses past 4,300 digits (review of issue 21,
item 6: such an agency name emptied the folder view)."""

from __future__ import annotations

from tui_report.text.collation import natural, pinyin_key


def test_numbers_sort_by_value():
    names = ["第10单位", "第2单位", "第002单位", "第1单位", "第１１单位"]
    assert sorted(names, key=natural) == [
        "第1单位",
        "第2单位",
        "第002单位",
        "第10单位",
        "第１１单位",
    ]
    assert natural("a٣") < natural("a10")  # an Arabic-Indic 3 is 3


def test_a_run_of_thousands_of_digits_is_sorted_not_refused():
    huge = "9" * 5000
    names = [f"机关{huge}", "机关2", f"机关1{'0' * 4400}", "机关10"]
    expected = ["机关2", "机关10", f"机关1{'0' * 4400}", f"机关{huge}"]  # 4,401 < 5,000 digits
    assert sorted(names, key=pinyin_key) == expected
    assert sorted(names, key=natural) == expected
    assert natural("x" + "0" * 9000 + "7") == natural("x7")  # leading zeros: the same value
    assert natural("x" + "9" * 4400) < natural("x1" + "0" * 4400)
