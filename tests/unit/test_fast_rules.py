"""The quick ways of the rules give what the plain ways give: grids with whole rows
added at once, and sentences read without NFKC where it cannot change them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.report.model import CellRef, Report
from tui_report.rules import narrative

from ..builders import balanced_reports


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from([FORMAT_2021, FORMAT_2019]).flatmap(balanced_reports),
    st.lists(st.integers(min_value=0, max_value=10_000), max_size=6),
)
def test_every_grid_cell_is_what_get_computes(report: Report, unknown: list[int]):
    """``get`` adds up a derived cell from its definition, cell by cell."""
    cells = [
        (table, row, column)
        for table in report.format.tables
        for row in table.entered_rows
        for column in table.entered_columns
    ]
    for i in unknown:  # some cells unknown (None), as read from a damaged file
        table, row, column = cells[i % len(cells)]
        report.cells[table.key][row.key][table.entered_columns.index(column)] = None
    for table in report.format.tables:
        grid = report.grid(table)
        for r, row in enumerate(table.rows):
            for c, column in enumerate(table.columns):
                assert grid[r][c] == report.get(CellRef(table.key, row.key, column.key))


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NOISE = st.sampled_from(
    [
        "",
        " ",
        "\u3000",
        "，",
        ",",
        "（",
        "(",
        "：",
        "Ａ",
        "·",
        "①",
        "ｱ",
        "㈠",
        "\u2028",
        "é",
        "e\u0301",
        "其中",
        "全市",
        "上年",
        "《",
        "》",
        "发布",
    ]
)


@st.composite
def sentences(draw) -> str:
    """Sentences the narrative rules read: periods, titles, application counts, with
    digits of either width and odd characters in between."""
    year = str(draw(st.sampled_from([2022, 2023, 2024])))
    count = str(draw(st.integers(min_value=0, max_value=60)))
    if draw(st.booleans()):
        year, count = year.translate(FULL_WIDTH), count.translate(FULL_WIDTH)
    space = draw(st.sampled_from(["", " ", "\u3000"]))
    template = draw(
        st.sampled_from(
            [
                "统计期限为{y}{s}年1月1日至12月31日",
                "本报告为{y}{s}年度政府信息公开工作年度报告",
                "{y}{s}年，共收到政府信息公开申请{s}{n}{s}件",
                "全年{n}收到依申请公开申请{s}{n}件",
                "{y}年未收到政府信息公开申请",
                "本机关{y}{s}年受理政府信息公开申请共计{n}件",
            ]
        )
    )
    text = template.format(y=year, s=space, n=count)
    at = draw(st.integers(min_value=0, max_value=len(text)))
    return text[:at] + draw(NOISE) + text[at:]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(sentences(), max_size=5).map("。".join),
    st.sampled_from([2023, 2024]),
)
def test_narrative_rules_read_text_as_after_nfkc(text: str, year: int):
    report = Report.empty("测试局", year)
    report.texts["overview"] = text
    report.texts["other_matters"] = text
    quick = _narrative(report)
    saved = narrative._SAME_AFTER_NFKC
    try:
        narrative._SAME_AFTER_NFKC = re.compile(".", re.S)  # every text normalised
        plain = _narrative(report)
    finally:
        narrative._SAME_AFTER_NFKC = saved
        narrative._sentences.cache_clear()
    assert quick == plain


def _narrative(report: Report) -> list[tuple[str, str]]:
    narrative._sentences.cache_clear()
    found = narrative.stated_years(report) + narrative.stated_application_count(report)
    return [(p.rule, p.message) for p in found]
