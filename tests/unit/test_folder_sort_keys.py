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
    assert len(context.sort_keys) == 2 * REPORTS  # every agency and every path, once
    once = len(worked_out)
    assert once > 0
    for sort_key, descending in (("agency", True), ("year", False), ("agency", False)):
        arranged(rows, context, lambda _row: True, sort_key, descending)
    assert len(worked_out) == once  # sorted three times more: no key worked out again
