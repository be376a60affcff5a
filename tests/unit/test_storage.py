"""TOML storage: deterministic, diff-friendly, lossless and atomic."""

from __future__ import annotations

import difflib
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.formats import FORMAT_2019, FORMAT_2021
from tui_report.report.model import CellRef, Report
from tui_report.report.templates import new_report
from tui_report.storage import (
    MAX_FILE_BYTES,
    ReportFileError,
    changed_on_disk,
    create_report_file,
    read_report,
    render_new,
    save_report,
    write_atomic,
)
from tui_report.storage.toml_lines import key_lines

from ..builders import balanced_reports
from ..conftest import SAMPLES


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_new_file_reads_back_equal(new_file):
    report = new_report("测试县测试局", 2024)
    loaded = read_report(new_file(report))
    assert loaded.structure == []
    assert loaded.report.cells == report.cells
    assert loaded.report.texts == report.texts
    assert (loaded.report.agency, loaded.report.year) == ("测试县测试局", 2024)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_unchanged_save_is_byte_identical(sample: Path, tmp_path: Path):
    path = tmp_path / sample.name
    path.write_bytes(sample.read_bytes())
    before_stat = path.read_bytes()
    save_report(read_report(path))
    assert path.read_bytes() == before_stat


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_sample_files_are_in_canonical_layout(sample: Path):
    """The samples are what the program writes, so hand edits to them stay deliberate."""
    loaded = read_report(sample)
    assert render_new(loaded.report) == sample.read_text(encoding="utf-8")


def every_entered_cell(fmt=FORMAT_2021):
    for table in fmt.tables:
        for row in table.entered_rows:
            for column in table.entered_columns:
                yield CellRef(table.key, row.key, column.key)


@pytest.mark.parametrize(
    "ref", list(every_entered_cell()), ids=lambda r: f"{r.table}.{r.row}.{r.column}"
)
def test_one_cell_edit_changes_exactly_one_line(ref: CellRef, loaded_example):
    before = loaded_example.path.read_text(encoding="utf-8")
    report = loaded_example.report
    old = report.get(ref)
    report.set(ref, old + (Decimal("0.25") if isinstance(old, Decimal) else 7))
    save_report(loaded_example)
    after = loaded_example.path.read_text(encoding="utf-8")
    diff = changed_lines(before, after)
    assert len(diff) == 2, diff  # one line out, one line in
    assert diff[0][1:].split("=")[0] == diff[1][1:].split("=")[0]  # the same key
    assert read_report(loaded_example.path).report.get(ref) == report.get(ref)


def test_amount_digits_survive_load_save_export(new_file):
    from tui_report.export import export_json, export_text

    path = new_file()
    loaded = read_report(path)
    loaded.report.set(CellRef("art20_8", "fees", "amount"), Decimal("1234.50"))
    save_report(loaded)
    assert "fees = 1234.50  # 行政事业性收费" in path.read_text(encoding="utf-8")
    again = read_report(path).report
    assert format(again.get(CellRef("art20_8", "fees", "amount")), "f") == "1234.50"
    assert "1234.50 |" in export_text(again)
    assert '"本年收费金额（单位：万元）": "1234.50"' in export_json(again)
    # and 128.46 is not 128.45999…
    loaded = read_report(path)
    loaded.report.set(CellRef("art20_8", "fees", "amount"), Decimal("128.46"))
    save_report(loaded)
    assert "fees = 128.46  #" in path.read_text(encoding="utf-8")


def test_hand_comments_and_keys_survive_an_edit(new_file):
    path = new_file()
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "[applications]\n",
        '[applications]\n# 张三 2025-01-10 核对过自然人列\nreviewed_by = "张三"\n',
    )
    text = text.replace("licensing = 0  # 行政许可", "licensing = 0  # 行政许可（含备案）")
    text += '\n[notes]\nreviewer = "李四"  # 手工添加\n'
    path.write_text(text, encoding="utf-8")
    loaded = read_report(path)
    loaded.report.set(CellRef("art20_5", "licensing", "decisions"), 9)
    loaded.report.set(CellRef("applications", "granted", "research"), 2)
    save_report(loaded)
    after = path.read_text(encoding="utf-8")
    assert '# 张三 2025-01-10 核对过自然人列\nreviewed_by = "张三"\n' in after
    assert "licensing = 9  # 行政许可（含备案）" in after
    assert 'reviewer = "李四"  # 手工添加' in after
    assert "granted = [0, 0, 2, 0, 0, 0]" in after
    assert len(changed_lines(text, after)) == 4


def test_derived_totals_are_not_stored(new_file):
    text = new_file().read_text(encoding="utf-8")
    assert "\ntotal" not in text
    for line in text.splitlines():
        if line.startswith(("new_received", "granted", "carried_forward")):
            assert line.count(",") == 5  # six applicant columns, no 总计


def test_text_round_trip_with_quotes_backslashes_and_controls(new_file):
    report = new_report("测试局", 2024)
    tricky = '第一段 """ 引号 \\ 反斜杠\n第二段\t制表 \x1b[31m 转义 [b]标记[/]\n\n第四段'
    report.texts["overview"] = tricky
    loaded = read_report(new_file(report))
    assert loaded.report.texts["overview"] == tricky


@pytest.mark.slow
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_survives_save(tmp_path: Path, text: str):
    path = tmp_path / "t.toml"
    path.unlink(missing_ok=True)
    report = new_report("测试局", 2024)
    create_report_file(report, path)
    loaded = read_report(path)
    loaded.report.texts["shortcomings"] = text.replace("\r\n", "\n").replace("\r", "\n")
    save_report(loaded)
    assert read_report(path).report.texts["shortcomings"] == loaded.report.texts["shortcomings"]


def test_narrative_is_one_paragraph_per_line(new_file):
    report = new_report("测试局", 2024)
    report.texts["shortcomings"] = "第一段。\n第二段。"
    text = new_file(report).read_text(encoding="utf-8")
    assert 'text = """\n第一段。\n第二段。\n"""' in text


@pytest.mark.slow
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(balanced_reports())
def test_any_report_round_trips(tmp_path: Path, report: Report):
    path = tmp_path / "r.toml"
    path.unlink(missing_ok=True)
    create_report_file(report, path)
    again = read_report(path).report
    assert again.cells == report.cells
    for table in report.format.tables:  # digits as written, not only equal numbers
        for row in table.entered_rows:
            assert [str(v) for v in again.cells[table.key][row.key]] == [
                str(v) for v in report.cells[table.key][row.key]
            ]


def test_2019_format_round_trips(new_file):
    report = new_report("测试局", 2020, FORMAT_2019)
    report.set(CellRef("art20_5", "licensing", "change"), -3)
    loaded = read_report(new_file(report))
    assert loaded.report.format is FORMAT_2019
    assert loaded.report.get(CellRef("art20_5", "licensing", "change")) == -3


# --- what a hand-edited file may contain ---------------------------------------


def edited(new_file, old: str, new: str) -> Path:
    path = new_file()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("licensing = 0", 'licensing = "abc"', "实为文字"),
        ("licensing = 0", "licensing = true", "布尔值"),
        ("licensing = 0", "licensing = 2.0", "实为小数"),
        ("licensing = 0", "licensing = -1", "负数"),
        ("new_received = [0, 0, 0", 'new_received = [0, "x", 0', "实为文字"),
    ],
)
def test_wrong_values_are_bad_cells_not_crashes(new_file, old: str, new: str, reason: str):
    loaded = read_report(edited(new_file, old, new))
    (bad,) = loaded.report.bad_cells.values()
    assert reason in bad.reason


def test_short_row_is_missing_cells_and_long_row_is_a_problem(new_file):
    from tui_report.rules import validate

    path = edited(new_file, "granted = [0, 0, 0, 0, 0, 0]", "granted = [0, 0, 0]")
    loaded = read_report(path)
    assert loaded.report.cells["applications"]["granted"] == [0, 0, 0, None, None, None]
    missing = [p for p in validate(loaded.report, loaded.structure) if p.rule == "cell-missing"]
    assert [p.location.column for p in missing] == ["社会公益组织", "法律服务机构", "其他"]
    path.unlink()
    path = edited(new_file, "granted = [0, 0, 0, 0, 0, 0]", "granted = [0, 0, 0, 0, 0, 0, 0, 0]")
    assert [p.rule for p in read_report(path).structure] == ["row-length"]


def test_published_total_is_read_and_kept(new_file):
    path = edited(new_file, "granted = [0, 0, 0, 0, 0, 0]", "granted = [1, 0, 0, 0, 0, 0, 1]")
    loaded = read_report(path)
    assert loaded.report.published == {CellRef("applications", "granted", "total"): 1}
    assert loaded.structure == []


def test_edit_beside_a_bad_value_keeps_the_bad_value(new_file):
    path = edited(new_file, "granted = [0, 0, 0, 0, 0, 0]", 'granted = [0, "两", 0, 0, 0, 0]')
    loaded = read_report(path)
    loaded.report.set(CellRef("applications", "granted", "natural_person"), 4)
    save_report(loaded)
    assert 'granted = [4, "两", 0, 0, 0, 0]' in path.read_text(encoding="utf-8")


def test_edit_in_a_missing_row_writes_the_row_and_says_what_was_filled(new_file):
    path = edited(
        new_file, "granted = [0, 0, 0, 0, 0, 0]  # 三、本年度办理结果 （一）予以公开\n", ""
    )
    loaded = read_report(path)
    loaded.report.set(CellRef("applications", "granted", "natural_person"), 4)
    _, filled = save_report(loaded)
    assert len(filled) == 5 and filled[0] == "（一）予以公开 · 商业企业"
    assert read_report(path).report.cells["applications"]["granted"] == [4, 0, 0, 0, 0, 0]


def test_unknown_format_version_is_refused(new_file):
    with pytest.raises(ReportFileError, match="不认识的格式版本"):
        read_report(edited(new_file, 'format = "2021"', 'format = "2030"'))


def test_unknown_keys_are_warnings(new_file):
    path = edited(new_file, "licensing = 0", "licensing = 0\nlicencing = 3")
    (problem,) = read_report(path).structure
    assert problem.rule == "unknown-key" and "art20_5.licencing" in problem.message


# --- files that cannot be read ------------------------------------------------


def test_syntax_error_names_line_and_column(new_file):
    path = edited(new_file, "licensing = 0", "licensing = 0 0")
    with pytest.raises(ReportFileError) as caught:
        read_report(path)
    line = path.read_text(encoding="utf-8").splitlines().index("licensing = 0 0  # 行政许可") + 1
    assert caught.value.line == line
    assert caught.value.column is not None
    assert "TOML 语法错误" in caught.value.message


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("年度 = 2023".encode("gbk"), "不是 UTF-8"),
        (b"\x00\x01\x02binary", "二进制"),
    ],
)
def test_unreadable_content(tmp_path: Path, content: bytes, says: str):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ReportFileError, match=says):
        read_report(path)


def test_missing_file_and_directory(tmp_path: Path):
    with pytest.raises(ReportFileError, match="找不到文件"):
        read_report(tmp_path / "nope.toml")
    with pytest.raises(ReportFileError, match="目录"):
        read_report(tmp_path)


def test_too_large_file_is_refused_without_reading(tmp_path: Path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ReportFileError, match="文件过大"):
        read_report(path)


def test_bom_is_accepted_and_kept(new_file):
    path = new_file()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = read_report(path)
    loaded.report.set(CellRef("art20_5", "licensing", "decisions"), 1)
    save_report(loaded)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf# ")
    assert read_report(path).report.get(CellRef("art20_5", "licensing", "decisions")) == 1


# --- atomic saving ------------------------------------------------------------


def test_create_refuses_to_overwrite(new_file):
    path = new_file()
    with pytest.raises(ReportFileError, match="已存在"):
        create_report_file(new_report("别的机关", 2024), path)


def test_failed_replace_leaves_the_old_file_and_no_temporary(new_file, monkeypatch):
    path = new_file()
    before = path.read_bytes()

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ReportFileError, match="未能写入"):
        write_atomic(path, b"half")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_failed_write_of_a_new_file_does_not_speak_of_an_original(tmp_path, monkeypatch):
    """Disk full while creating a file (export -o, new, import -o): there was no
    original to leave unchanged, so the message says no file was created."""
    path = tmp_path / "新.html"

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ReportFileError) as caught:
        write_atomic(path, b"x")
    assert "原文件" not in str(caught.value) and "没有创建文件" in str(caught.value)
    assert "磁盘空间不足" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_write_keeps_permissions(new_file):
    path = new_file()
    path.chmod(0o640)
    write_atomic(path, b"x = 1\n", saving=True)
    assert path.stat().st_mode & 0o777 == 0o640


def test_read_only_file_is_refused(new_file):
    """os.replace would happily replace a read-only file; the writer must ask first
    (by the mode bits: root, for whom os.access says yes, is refused too)."""
    path = new_file()
    before = path.read_bytes()
    path.chmod(0o444)
    with pytest.raises(ReportFileError, match="只读"):
        write_atomic(path, b"y = 2\n")
    assert path.read_bytes() == before


def test_saving_a_report_opened_through_a_symlink_keeps_the_link(new_file, tmp_path: Path):
    """The report the user opened by a link's name is saved into the link's target (the
    link stays): the one case where a write follows a link (issue 20, item 1)."""
    target = new_file()
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    loaded = read_report(link)
    loaded.report.agency = "改名后的机关"
    save_report(loaded)
    assert link.is_symlink()
    assert read_report(target).report.agency == "改名后的机关"


def test_other_writes_refuse_a_symlink(new_file, tmp_path: Path):
    target = new_file()
    before = target.read_bytes()
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    with pytest.raises(ReportFileError) as refused:
        write_atomic(link, b"x = 1\n")
    assert "符号链接" in refused.value.message
    assert link.is_symlink() and target.read_bytes() == before


def test_change_on_disk_is_noticed(new_file):
    path = new_file()
    loaded = read_report(path)
    assert not changed_on_disk(loaded)
    path.write_text(path.read_text(encoding="utf-8").replace("licensing = 0", "licensing = 5"))
    assert changed_on_disk(loaded)
    saved, _ = save_report(read_report(path))
    assert not changed_on_disk(saved)


SYNTAX_ERRORS = [
    "year = 2024 2025\n",  # newline expected
    "a = {b = 1, b = 2}\n",  # duplicate inline key
    "a = 1\na = 2\n",  # overwrite
    "[t\n",  # ] expected
    "[[t\n",  # ]] expected
    'x = "\\q"\n',  # unescaped backslash
    'x = "\\uZZZZ"\n',  # invalid hex
    'x = "\\uD800"\n',  # not a scalar value
    "x = 1979-13-40\n",  # invalid date
    "x = [1, 2\n",  # unclosed array
    "x = {a = 1\n",  # unclosed inline table
    'x = "abc\n',  # unterminated string
    "= 1\n",  # invalid statement
    "x = 十二\n",  # invalid value
    "[a]\n[a]\n",  # declared twice
    "a = {b = 1}\n[a.c]\n",  # immutable namespace
    "a = 1\n[a.b]\n",  # redefine
    'x = "a\x01b"\n',  # illegal character
    "x = '''a\x01b'''\n",
    "x = 1\x01\n",
    "[a.\x01]\n",
]


@pytest.mark.parametrize("text", SYNTAX_ERRORS)
def test_every_toml_syntax_error_is_told_in_chinese(tmp_path, text):
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReportFileError) as caught:
        read_report(path)
    message = caught.value.message
    assert message.startswith("TOML 语法错误：") or "位数过多" in message
    assert not re.search(r"[A-Za-z]{3,}", message.replace("TOML", "").replace("Unicode", ""))
    assert caught.value.line is not None


def test_line_numbers_after_literal_string_holding_triple_double_quotes():
    source = '[a]\nnote = \'\'\'引用"""\'\'\'\n[overview]\ntext = """\n正文\n"""\n'
    assert key_lines(source)["overview.text"] == 4
