"""The folder view's sort keys (``SortKeys``): a 50,000-report folder's names and paths
are each worked out once per listing, however often the list is sorted (a cache of
65,536 keys, fewer than the names and paths, worked every key out again at each sort)."""

from __future__ import annotations

from tui_report.folder.rows import ReportRow
from tui_report.text import collation
from tui_report.tui.folder.columns import ListContext, SortKeys, arranged

REPORTS = 50_000


def test_sorting_a_big_folder_again_works_out_no_key_again(monkeypatch):
    worked_out: list[str] = []  # ``natural`` runs only where a pinyin key is worked out
    natural = collation.natural

    def counted(text: str) -> collation.NaturalKey:
        worked_out.append(text)
        return natural(text)

    monkeypatch.setattr(collation, "natural", counted)
    rows = [
        ReportRow(path=f"/county/{n % 97}/unit-{n:05}-2024.toml", agency=f"Unit {n:05} of Qinghe")
        for n in range(REPORTS)
    ]
    context = ListContext(by_path={r.path: r for r in rows}, sort_keys=SortKeys())
    first = arranged(rows, context, lambda _row: True, "agency", False)
    assert [r.agency for r in first[:2]] == ["Unit 00000 of Qinghe", "Unit 00001 of Qinghe"]
    # every agency once; no path: no two reports share an agency and a year
    assert len(context.sort_keys) == REPORTS
    once = len(worked_out)
    assert once > 0
    for sort_key, descending in (("agency", True), ("year", False), ("agency", False)):
        arranged(rows, context, lambda _row: True, sort_key, descending)
    assert len(worked_out) == once  # sorted three times more: no key worked out again


def test_one_agencys_reports_go_by_year_then_by_file_in_pinyin():
    def row(path: str, agency: str, year: int | None) -> ReportRow:
        return ReportRow(path=path, agency=agency, year=year)

    rows = [
        row("/c/甲县-2024.toml", "甲县", 2024),
        row("/c/2023/乙县定稿.toml", "乙县", 2023),  # 定 (ding) after 草 (cao) by pinyin,
        row("/c/2023/乙县草稿.toml", "乙县", 2023),  # before it by code point
        row("/c/a-甲县-2023.toml", "甲县", 2023),  # by year, whatever the file's name
        row("/c/乙县-2024.toml", "乙县", 2024),
        row("/c/x.toml", "甲县", None),  # year unknown: after the agency's years
    ]
    context = ListContext(by_path={r.path: r for r in rows}, sort_keys=SortKeys())
    shown = arranged(rows, context, lambda _row: True, "agency", False)
    assert [r.path for r in shown] == [
        "/c/a-甲县-2023.toml",
        "/c/甲县-2024.toml",
        "/c/x.toml",
        "/c/2023/乙县草稿.toml",
        "/c/2023/乙县定稿.toml",
        "/c/乙县-2024.toml",
    ]
    # the files' keys only where agency and year are the same, folder by folder
    assert set(context.sort_keys) == {
        "甲县",
        "乙县",
        "",
        "c",
        "2023",
        "乙县定稿.toml",
        "乙县草稿.toml",
    }
