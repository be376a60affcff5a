"""Names sorted as a reader sorts them, numbers by value (``text.collation``): a run of
digits of any length, which ``int()`` refuses past 4,300 digits (review of issue 21,
item 6: such an agency name emptied the folder view)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- pinyin keys worked out word by word (each word once) ----------------------------

_PIECES = ["人民政府", "重庆", "厦门", "长安", "市长", "银行", "行政", "区", "县", "镇", "局"]
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_NAMES = st.lists(
    st.one_of(_CJK, st.sampled_from(_PIECES), st.sampled_from(list("Ab 1２-（）·"))),
    min_size=1,
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_NAMES)
def test_a_pinyin_key_is_the_whole_names_pinyin(name: str) -> None:
    """The key is built from each word's syllables, kept per word; it must be the same
    as pypinyin's reading of the whole name at once (its phrase table decides the words:
    重庆 chong qing, 市长安区 shi zhang an qu)."""
    from pypinyin import lazy_pinyin

    normal = unicodedata.normalize("NFKC", name)
    if normal.isascii():
        return
    whole = tuple(natural(s.casefold()) for s in lazy_pinyin(normal))
    assert pinyin_key(name) == (whole, natural(normal))


def test_phrases_are_read_as_words() -> None:
    assert [k[0][1] for k in pinyin_key("重庆市")[0][:2]] == ["chong", "qing"]
    assert [k[0][1] for k in pinyin_key("厦门")[0]] == ["xia", "men"]
