"""``county.duplicates`` and ``spellings`` group reports by year and agency without a
list or a tuple key per report (issue 26, flat memory): the findings and their order
are those of a plain grouping."""

from __future__ import annotations

from tui_report.folder.agencies import AgencyNames
from tui_report.folder.county import duplicates, spellings
from tui_report.storage.tops import ReportId

REPORTS = [
    ReportId("b-2024.toml", "乙局", 2024),
    ReportId("a-2023.toml", "甲局", 2023),
    ReportId("a-2024.toml", "甲局", 2024),
    ReportId("a2-2023.toml", "甲局", 2023),
    ReportId("b2-2024.toml", "乙 局", 2024),  # the same key once normalised
    ReportId("c-2024.toml", "清河县自然资源局", 2024),
    ReportId("c-2023.toml", "自然资源局", 2023),
    ReportId("a3-2023.toml", "甲局", 2023),
    ReportId("c2-2024.toml", "自然资源局", 2024),
]


def plain_groups() -> list[list[ReportId]]:
    """Groups of two or more, ordered by their first report (what the notes say)."""
    names = AgencyNames()
    groups: dict[tuple[str, int | None], list[ReportId]] = {}
    for report in REPORTS:
        groups.setdefault((names.key(report.agency), report.year), []).append(report)
    return [g for g in groups.values() if len(g) > 1]


def test_duplicates_in_the_order_of_each_group_s_first_report():
    found = duplicates(REPORTS, AgencyNames())
    assert [f.paths for f in found] == [tuple(r.path for r in g) for g in plain_groups()]
    assert [f.paths for f in found] == [
        ("b-2024.toml", "b2-2024.toml"),
        ("a-2023.toml", "a2-2023.toml", "a3-2023.toml"),
    ]
    assert duplicates(iter(REPORTS), AgencyNames())[0].paths == found[0].paths  # any iterable


def test_equal_reports_given_twice_are_two():
    twice = [REPORTS[0], ReportId(*REPORTS[0])]
    assert [f.paths for f in duplicates(twice, AgencyNames())] == [("b-2024.toml",) * 2]


def test_a_name_with_a_prefix_in_one_year_lists_every_report_of_both():
    found = spellings(REPORTS, [], AgencyNames())
    assert [(f.year, f.paths) for f in found] == [
        (2024, ("c-2024.toml", "c2-2024.toml")),
    ]
