"""The format description against the official text in FORMAT.md (verbatim labels, order)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui_report.formats import FORMAT_2019, FORMAT_2021, FORMATS
from tui_report.formats.spec import ReportFormat

from ..conftest import DATA

FORMAT_MD = (DATA / "FORMAT.md").read_text(encoding="utf-8")
SRC = Path(__file__).resolve().parents[2] / "src" / "tui_report"


def code_block_after(heading: str) -> list[str]:
    """Lines of the first fenced code block after a Markdown heading."""
    start = FORMAT_MD.index(heading)
    block = FORMAT_MD[start:].split("```", 2)[1]
    return [line for line in block.split("\n")[1:] if line.strip()]


def all_labels(fmt: ReportFormat) -> set[str]:
    labels = {s.heading for s in fmt.sections}
    for table in fmt.tables:
        labels |= {table.title, table.corner, table.note} - {None}
        for column in table.columns:
            labels |= {column.label, *column.groups}
        for row in table.rows:
            labels |= {row.label, *row.groups}
    return labels


def test_six_headings_verbatim_and_in_order():
    assert [s.heading for s in FORMAT_2021.sections] == code_block_after("## The six parts")


def test_applicant_matrix_rows_verbatim_and_in_order():
    official = [line.strip() for line in code_block_after("## Part 三")]
    table = FORMAT_2021.table("applications")
    ours: list[str] = []
    for row in table.rows:
        for group in row.groups:
            if group not in ours:
                ours.append(group)
        ours.append(row.label)
    assert ours == official


def test_applicant_columns_and_note_verbatim():
    table = FORMAT_2021.table("applications")
    part3 = FORMAT_MD[FORMAT_MD.index("## Part 三") : FORMAT_MD.index("## Part 四")]
    assert f"`{table.note}`" in part3
    entered = [f"`{c.label}`" for c in table.columns]
    positions = [part3.index(label) for label in entered]
    assert positions == sorted(positions), "columns in official order"
    assert "`法人或其他组织`" in part3
    assert [c.label for c in table.columns if "法人或其他组织" in c.groups] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_part_two_tables_verbatim():
    block = "\n".join(code_block_after("## Part 二"))
    for table in FORMAT_2021.sections[1].tables:
        assert table.title in block
        header = " | ".join([table.corner or "", *(c.label for c in table.columns)])
        assert header in block
        for row in table.rows:
            assert re.search(rf"^\s+{re.escape(row.label)}$", block, re.M), row.label


def test_part_four_labels_verbatim():
    block = "\n".join(code_block_after("## Part 四"))
    table = FORMAT_2021.table("review_litigation")
    assert " | ".join(c.label for c in table.columns) in block
    assert table.one_row  # the template prints it as one row of 15
    part4 = FORMAT_MD[FORMAT_MD.index("## Part 四") : FORMAT_MD.index("## Rules")]
    for row in table.rows:
        assert " / ".join((*row.groups, row.label)).replace(" / ", "/") in part4.replace(" ", "")


def test_2019_format_part_two_verbatim_and_other_handling_single_row():
    block = "\n".join(code_block_after("## The 2019 trial format"))
    for table in FORMAT_2019.sections[1].tables:
        header = " | ".join([table.corner or "", *(c.label for c in table.columns)])
        assert f"{table.title}   {header}" in block
        assert " / ".join(r.label for r in table.rows) in block
    labels = [r.label for r in FORMAT_2019.table("applications").rows]
    assert "（六）其他处理" in labels
    assert "3.其他" not in labels
    # Everything outside part 二 is the 2021 description.
    assert [s.heading for s in FORMAT_2019.sections] == [s.heading for s in FORMAT_2021.sections]


def test_derived_cells_are_declared_not_entered():
    apps = FORMAT_2021.table("applications")
    assert [c.key for c in apps.columns if c.derived] == ["total"]
    assert [r.key for r in apps.rows if r.derived] == ["total"]
    # FORMAT.md: rows 一, 二, the 21 leaf rows of 三 (（一）, （二） and the numbered items), 四
    leaves = [r for r in apps.entered_rows if r.groups]
    assert len(leaves) == 2 + 8 + 3 + 5 + 3 == 21
    assert len(apps.entered_rows) == 21 + 3
    review = FORMAT_2021.table("review_litigation")
    assert [c.key for c in review.columns if c.derived] == ["total"]


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=FORMATS.keys())
def test_keys_are_unique_and_ascii(fmt: ReportFormat):
    for table in fmt.tables:
        for keys in ([c.key for c in table.columns], [r.key for r in table.rows]):
            assert len(keys) == len(set(keys))
            assert all(re.fullmatch(r"[a-z0-9_]+", k) for k in keys)
    table_keys = [t.key for t in fmt.tables] + list(fmt.text_keys)
    assert len(table_keys) == len(set(table_keys))


def test_no_official_label_is_written_twice_in_the_code():
    """Every official label is a string literal exactly once, in the format description."""
    sources = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    labels = all_labels(FORMAT_2021) | all_labels(FORMAT_2019)
    for label in labels:
        found = [str(p.relative_to(SRC)) for p, text in sources.items() if f'"{label}"' in text]
        total = sum(text.count(f'"{label}"') for text in sources.values())
        if total == 0:
            # composed labels (第二十条第（一）项, group numbering) are built from parts
            continue
        assert total == 1, f"{label} written {total} times: {found}"
        assert found[0].startswith("formats/"), f"{label} written outside the format: {found}"


def test_a_new_2019_format_report_cites_the_trial_format():
    """``new --format 2019 --year 2020`` wrote an intro citing 《…年度报告格式》, the 2021
    format (issued in September 2021, after the 2020 reports were published); the 2020
    reports were written to 《…年度报告格式（试行）》 (国办公开办函〔2019〕60号)."""
    from tui_report.formats import FORMAT_2019, FORMAT_2021
    from tui_report.report.templates import new_report

    trial = new_report("测试局", 2020, FORMAT_2019).texts["intro"]
    current = new_report("测试局", 2024, FORMAT_2021).texts["intro"]
    assert "《中华人民共和国政府信息公开工作年度报告格式（试行）》" in trial
    assert "2020 年 1 月 1 日至 12 月 31 日" in trial
    assert "《中华人民共和国政府信息公开工作年度报告格式》编制" in current
    assert "试行" not in current
