"""Chinese line breaking (避头尾, no character alone on the last line) in the two
places text is wrapped: the core's ``textwidth.wrap`` (text export, the help) and the
editor's messages (``tui.widgets.wrapped``): examples, then properties over generated text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from tui_report.text.textwidth import NO_LINE_END, NO_LINE_START, wrap
from tui_report.tui.widgets.wrapped import wrapped


def message_lines(text: str, width: int) -> list[str]:
    return wrapped(Text(text), width).plain.split("\n")


# --- examples (each wrapped as the issue saw it before) ---------------------------------


def test_an_opening_bracket_never_ends_a_message_line():
    lines = message_lines("已导出到报告旁的文件（2026 年度）请查看", 22)
    assert lines == ["已导出到报告旁的文件", "（2026 年度）请查看"]  # not …文件（⏎2026


def test_no_single_character_is_left_alone_on_a_messages_last_line():
    lines = message_lines("上一年的报告没有找到，跨年度的检查没有进行。请把上年的", 26)
    assert lines[-1] == "年的"  # not …请把上年⏎的


def test_the_core_wrap_keeps_an_opening_bracket_with_what_follows():
    assert wrap("已导出到报告旁的文件（2026 年度）请查看", 22) == [
        "已导出到报告旁的文件",
        "（2026 年度）请查看",
    ]


def test_the_core_wrap_leaves_no_single_character_on_the_last_line():
    assert wrap("3.补正后申请内容仍不明确", 22) == ["3.补正后申请内容仍不", "明确"]


def test_closing_punctuation_takes_the_character_before_it_along():
    assert message_lines("一二三四五六七八九。", 18) == ["一二三四五六七", "八九。"]
    assert wrap("一二三四五六七八九。", 18) == ["一二三四五六七八", "九。"]
    lines = message_lines("省略号后面……不分开", 11)
    assert lines[0] == "省略号后" and lines[1].startswith("面……")  # …… never split or first


# --- properties ----------------------------------------------------------------------------

CHINESE = st.sampled_from("的年报告政府信息公开申请办理结果本机关")
WORD = st.sampled_from(["2026", "999999999", "Word", "Excel", "x.toml"])
OPENING = st.sampled_from("（《“【")
CLOSING = st.sampled_from("，。、；：）》”】…")


@st.composite
def sentences(draw) -> str:
    """Chinese text with numbers and words, brackets and punctuation as they stand in
    a message: an opening mark before a character or word, closing marks after one."""
    parts: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=30))):
        core = draw(st.one_of(CHINESE, CHINESE, CHINESE, WORD))
        if draw(st.booleans()) and draw(st.booleans()):
            core = draw(OPENING) + core
        if draw(st.booleans()) and draw(st.booleans()):
            core += draw(CLOSING)
        if not core[-1].isascii() and draw(st.integers(0, 9)) == 0:
            core += " "
        elif core[-1].isascii():
            core += " "  # a word stands apart from the Chinese around it
        parts.append(core)
    return "".join(parts).rstrip()


def kept_rules(lines: list[str]) -> None:
    for before, after in itertools.pairwise(lines):
        assert after.lstrip()[:1] not in NO_LINE_START, lines
        assert before.rstrip()[-1:] not in NO_LINE_END, lines


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(sentences(), st.integers(min_value=12, max_value=60))
def test_messages_keep_every_line_within_the_width_and_the_rules(text: str, width: int):
    lines = message_lines(text, width)
    assert "".join(lines) == text  # nothing lost, nothing added
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    kept_rules(lines)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(sentences(), st.integers(min_value=12, max_value=60))
def test_the_core_wrap_keeps_every_line_within_the_width_and_the_rules(text: str, width: int):
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)
    kept_rules(lines)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(CHINESE, min_size=1, max_size=60).map("".join), st.integers(6, 40))
def test_no_last_line_is_one_character_alone(text: str, width: int):
    for lines in (message_lines(text, width), wrap(text, width)):
        if len(lines) > 1:
            assert len(lines[-1]) >= 2, lines
