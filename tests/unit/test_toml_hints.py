"""A TOML syntax error's hint fits the error: an array or inline table left open is
pointed at where it opens (tomllib says only "Invalid value" at the end of the file,
which was told as 文字要加英文双引号)."""

from __future__ import annotations

import pytest

from tui_report.folder.checking import check_file

from ..conftest import EXAMPLE


@pytest.mark.parametrize(
    ("text", "message", "line", "column"),
    [
        ("a = [", "数组缺少“]”", 1, 5),
        ("a = [1,\n", "数组缺少“]”", 1, 5),
        ("x = [\n  1,\n  2,\n\n", "数组缺少“]”", 1, 5),
        ('t = """[\n"""\nb = [1, 2\n', "数组缺少“]”", 3, 5),
        ('a = ["]", # ]\n', "数组缺少“]”", 1, 5),
        ("[t]\nb = [[1], [2\n", "数组缺少“]”", 2, 11),
        ("a = {", "内联表缺少“}”", 1, 5),
        ("a = ", "“=”后面缺少值", 1, 5),
    ],
)
def test_an_unclosed_value_is_told_where_it_opens(tmp_path, text, message, line, column):
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    bad = check_file(str(path)).unreadable
    assert bad is not None
    assert message in bad.message and "双引号" not in bad.message
    assert (bad.line, bad.column) == (line, column)


def test_a_report_cut_off_in_a_row_points_at_the_row(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    cut = text.index("granted = [") + len("granted = [20, 3")
    path = tmp_path / "r.toml"
    path.write_text(text[:cut], encoding="utf-8")
    bad = check_file(str(path)).unreadable
    row = text[:cut].count("\n") + 1
    assert bad is not None and "数组缺少“]”" in bad.message and bad.line == row


def test_a_word_without_quotes_keeps_its_hint(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text("agency = 某局\n", encoding="utf-8")
    bad = check_file(str(path)).unreadable
    assert bad is not None and "文字要加英文双引号" in bad.message and bad.line == 1
