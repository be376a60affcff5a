"""A change to ``total_of`` (a total written by ``sum`` turned into a unit's report, or
back) shows in ``git diff``'s text (``export --textconv``) and in ``tui-report diff``
(review of issue 21, item 3): the marker decides whether the next ``sum`` counts the
file, so a review must see it change."""

from __future__ import annotations

from pathlib import Path

from tui_report.cli import main
from tui_report.export.textconv import textconv

from ..county_data import unit_report, write


def _unit_and_total(folder: Path) -> tuple[Path, Path]:
    unit = write(folder, "unit.toml", unit_report("示例县教育局", 2024))
    marked = unit_report("示例县教育局", 2024)
    marked.total_of = 3
    return unit, write(folder, "total.toml", marked)


def test_textconv_shows_the_total_marker(tmp_path: Path):
    unit, total = _unit_and_total(tmp_path)
    assert "total_of" in total.read_text(encoding="utf-8")  # the files differ only there
    shown = textconv(total)
    assert shown != textconv(unit)
    assert "合计标记 total_of：3 份报告的合计（sum 写出）" in shown.splitlines()[0]


def test_diff_names_the_total_marker_both_ways(tmp_path: Path, capsys):
    unit, total = _unit_and_total(tmp_path)
    assert main(["diff", str(unit), str(total)]) == 1  # not “两份报告的内容相同”
    out, _ = capsys.readouterr()
    assert out == "合计标记（total_of）：无（单位的报告） → 3 份报告的合计（sum 写出）\n"
    assert main(["diff", str(total), str(unit)]) == 1
    out, _ = capsys.readouterr()
    assert out == "合计标记（total_of）：3 份报告的合计（sum 写出） → 无（单位的报告）\n"
