"""The editor's checks after each change run only the rules that read what changed
(``document.checks``): after any sequence of cell edits, pastes, text and cover edits,
undo, redo, merges and a new last year's report, the problems are exactly those of a
run from scratch (``rules.validate`` and the year checks), in the same order."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_report.document.checks import ReportChecks
from tui_report.document.document import ReportDocument
from tui_report.folder.yearly import facts_of, year_problems
from tui_report.formats import FORMATS
from tui_report.report.model import BadCell, CellRef, Report
from tui_report.report.problems import Problem
from tui_report.rules import READS, RULES, Reads, Tables, tables_read, validate
from tui_report.storage import LoadedReport, read_report

from ..conftest import EXAMPLE, GUANTING

TEXTS = (
    "",
    "____",
    "本年度未收取信息处理费。",
    "2023年政府信息公开工作年度报告",
    "本年度共收到政府信息公开申请 42 件。",
    "本年度共收到政府信息公开申请 7 件。",
    "本报告统计期限为2023年1月1日至2023年12月31日。",
    "主动公开、依申请公开、政府信息管理、平台建设、监督保障都已说明。",
)


def loaded_2019() -> LoadedReport:
    """A report of the 2019 format (its tables have 本年增/减 columns), all zero."""
    fmt = next(f for f in FORMATS.values() if any(c.change_of for t in f.tables for c in t.columns))
    report = Report.empty("示例县人民政府", 2019, fmt)
    return LoadedReport(report, Path("/nonexistent/2019.toml"), "", [], baseline=report.copy())


def start(which: int) -> LoadedReport:
    return loaded_2019() if which == 2 else read_report((EXAMPLE, GUANTING)[which])


def from_scratch(document: ReportDocument) -> list[Problem]:
    report, loaded = document.report, document.loaded
    problems = validate(report, loaded.structure)
    if document.previous is not None:
        problems += year_problems(report.format, facts_of(report, loaded.path), document.previous)
    problems.sort(key=lambda problem: not problem.is_error)
    return problems


def entered_cells(report: Report) -> list[CellRef]:
    return [
        CellRef(table.key, row.key, column.key)
        for table in report.format.tables
        for row in table.entered_rows
        for column in table.entered_columns
    ]


def a_value(report: Report, ref: CellRef, number: int) -> int | Decimal:
    column = report.format.table(ref.table).column(ref.column)
    return number if column.kind.is_integer else Decimal(number) / 4


def step(document: ReportDocument, data: st.DataObject) -> None:
    """One change, drawn by ``data``, made as the editor makes it."""
    report = document.report
    cells = entered_cells(report)
    what = data.draw(
        st.sampled_from(
            [
                *("cell", "cell", "cell", "paste", "text", "agency", "year"),
                *("undo", "redo", "merge", "last year", "no last year"),
            ]
        )
    )
    if what in ("cell", "paste"):
        refs = data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=6 if what else 1))
        numbers = st.integers(-3, 60)
        document.apply_changes([(ref, a_value(report, ref, data.draw(numbers))) for ref in refs])
    elif what == "text":
        key = data.draw(st.sampled_from(report.format.text_keys))
        document.set_text(key, " ".join(data.draw(st.lists(st.sampled_from(TEXTS), max_size=3))))
    elif what == "agency":
        document.set_agency(data.draw(st.sampled_from(["", "示例县人民政府", "另一个局"])))
    elif what == "year":
        document.set_year(data.draw(st.sampled_from([2019, 2023, 2024, 2025])))
    elif what == "undo":
        document.undo()
    elif what == "redo":
        document.redo()
    elif what == "merge":
        merged = report.copy()
        for ref in data.draw(st.lists(st.sampled_from(cells), max_size=4)):
            merged.set(ref, a_value(report, ref, data.draw(st.integers(0, 60))))
        if data.draw(st.booleans()):
            merged.texts[data.draw(st.sampled_from(report.format.text_keys))] = "____\n"
        document.merge(merged)
    elif what == "last year" and report.year is not None:
        last = report.copy()
        last.year = report.year - 1
        for ref in data.draw(st.lists(st.sampled_from(cells), max_size=4)):
            last.set(ref, a_value(report, ref, data.draw(st.integers(0, 60))))
        path = f"/elsewhere/last-{data.draw(st.integers(0, 2))}.toml"
        document.take_previous(document.facts(), facts_of(last, path))
    elif what == "no last year":
        document.take_previous(document.facts(), None)


@settings(max_examples=60)
@given(which=st.sampled_from([0, 1, 2]), data=st.data())
def test_the_problems_after_each_change_are_those_of_a_run_from_scratch(which, data):
    document = ReportDocument(start(which))
    report = document.report
    if data.draw(st.booleans()):  # a value the file had that is not a number, a total written
        totalled = [t for t in report.format.tables if any(c.derived for c in t.columns)]
        table = data.draw(st.sampled_from(totalled))
        row, column = table.entered_rows[0], next(c for c in table.columns if c.derived)
        report.restore(
            CellRef(table.key, row.key, table.entered_columns[0].key), None, BadCell("abc", "x")
        )
        report.published[CellRef(table.key, row.key, column.key)] = 999
    document.revalidate()
    assert document.problems == from_scratch(document)
    for _ in range(data.draw(st.integers(1, 25))):
        step(document, data)
        assert document.problems == from_scratch(document)


def test_every_rule_says_what_it_reads():
    assert set(READS) == set(RULES)
    assert all(isinstance(reads, Reads) for reads in READS.values())


@pytest.mark.parametrize("fmt", list(FORMATS.values()), ids=lambda fmt: fmt.version)
def test_the_tables_named_are_those_of_the_format(fmt):
    every = frozenset(table.key for table in fmt.tables)
    assert tables_read(Tables.ALL, fmt) == every
    assert tables_read(Tables.NONE, fmt) == frozenset()
    assert tables_read(Tables.APPLICATIONS, fmt) == {fmt.applications_table}
    assert tables_read(Tables.WITH_IDENTITIES, fmt) == {t.key for t in fmt.tables if t.identities}
    changing = {t.key for t in fmt.tables if any(c.change_of for c in t.columns)}
    assert tables_read(Tables.WITH_CHANGES, fmt) == changing


def test_an_edit_of_a_cell_runs_the_narrative_rules_no_more(monkeypatch):
    """The rules that read only the texts are not run for a cell's edit (their results
    kept), and are for a text's."""
    document = ReportDocument(read_report(EXAMPLE))
    document.revalidate()
    ran: list[str] = []
    import tui_report.document.checks as checks

    def counted(rule, report):
        ran.append(rule.__name__)
        return rule(report)

    monkeypatch.setattr(checks, "run_rule", counted)
    document.apply_changes([(CellRef("applications", "new_received", "natural_person"), 43)])
    assert "placeholders" not in ran and "fee_statement" not in ran
    assert {"identities", "missing_cells", "stated_application_count"} <= set(ran)
    ran.clear()
    document.set_text(report_text_key(document), "____")
    assert {"placeholders", "fee_statement", "stated_years"} <= set(ran)
    assert "identities" not in ran and "metadata" not in ran
    assert any(p.rule == "placeholder" for p in document.problems)


def report_text_key(document: ReportDocument) -> str:
    return document.report.format.text_keys[0]


def test_checks_with_nothing_described_run_every_rule():
    checks = ReportChecks()
    report = read_report(EXAMPLE).report
    assert checks.problems(report, [], None, lambda r, p: []) == validate(report)
    report.texts[report.format.text_keys[0]] = "____\n"
    assert checks.problems(report, [], None, lambda r, p: []) == sorted(
        validate(report), key=lambda p: not p.is_error
    )
