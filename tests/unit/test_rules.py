"""Every rule: a passing and a failing case, and messages that name labels and numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tui_report import rules
from tui_report.formats import FORMAT_2019
from tui_report.report.model import BadCell, CellRef, Report
from tui_report.report.problems import Severity
from tui_report.report.templates import new_report
from tui_report.rules import validate
from tui_report.storage import read_report

from ..builders import balance, complete_texts, set_row
from ..conftest import EXAMPLE


def clean_report() -> Report:
    report = new_report("测试县测试局", 2024)
    complete_texts(report)
    return report


def example() -> Report:
    return read_report(EXAMPLE).report


def rules_of(report: Report) -> list[str]:
    return [p.rule for p in validate(report)]


def test_clean_and_example_reports_have_no_problems():
    assert validate(clean_report()) == []
    assert validate(example()) == []


# --- metadata ------------------------------------------------------------------


def test_agency_and_year_required():
    report = clean_report()
    report.agency = "  "
    report.year = None
    assert rules_of(report) == ["agency-missing", "year-missing"]


def test_year_out_of_range():
    report = clean_report()
    report.year = 1999
    assert "year-range" in rules_of(report)


def test_last_years_format_used_by_mistake():
    report = new_report("测试局", 2024, FORMAT_2019)
    complete_texts(report)
    (problem,) = [p for p in validate(report) if p.rule == "format-year"]
    assert problem.is_error and "国办公开办函〔2021〕30号" in problem.message
    old = new_report("测试局", 2020, FORMAT_2019)
    complete_texts(old)
    assert "format-year" not in rules_of(old)


# --- values ----------------------------------------------------------------------


def test_bad_cell_is_an_error_at_that_cell():
    report = clean_report()
    ref = CellRef("applications", "granted", "research")
    report.cells["applications"]["granted"][2] = None
    report.bad_cells[ref] = BadCell("'abc'", "应为非负整数，实为文字 'abc'")
    (problem,) = [p for p in validate(report) if p.rule == "cell-value"]
    assert problem.cells == (ref,)
    assert problem.message == "三 （一）予以公开 · 科研机构：应为非负整数，实为文字 'abc'"
    assert (problem.location.row, problem.location.column) == ("（一）予以公开", "科研机构")
    assert problem.location.key == "applications.granted"


def test_missing_row_is_one_problem():
    report = clean_report()
    report.cells["applications"]["granted"] = [None] * 6
    (problem,) = [p for p in validate(report) if p.rule == "cell-missing"]
    assert "缺少这一行" in problem.message and len(problem.cells) == 6


# --- totals and the identity ------------------------------------------------------


def test_applicant_balance_message_names_column_and_numbers():
    report = clean_report()
    set_row(report, "applications", "new_received", [12, 0, 0, 0, 0, 0])
    set_row(report, "applications", "granted", [11, 0, 0, 0, 0, 0])
    problems = [p for p in validate(report) if p.rule == "applicant-balance"]
    assert [p.message for p in problems] == [
        "自然人 列：一 + 二 = 12，三（七）+ 四 = 11，相差 1",
        "总计 列：一 + 二 = 12，三（七）+ 四 = 11，相差 1",
    ]
    assert all(p.severity is Severity.ERROR for p in problems)
    natural = problems[0]
    assert CellRef("applications", "new_received", "natural_person") in natural.cells
    assert CellRef("applications", "carried_forward", "natural_person") in natural.cells


@pytest.mark.parametrize(
    "column",
    ["natural_person", "business", "research", "public_welfare", "legal_services", "other"],
)
def test_applicant_balance_checks_each_column(column: str):
    report = clean_report()
    report.set(CellRef("applications", "carried_forward", column), 2)
    report.set(CellRef("applications", "carried_over", column), 2)
    assert validate(report) == []
    report.set(CellRef("applications", "carried_over", column), 3)
    problems = [p for p in validate(report) if p.rule == "applicant-balance"]
    label = report.format.table("applications").column(column).label
    assert [p.location.column for p in problems] == [label, "总计"]


def test_published_totals_checked_when_present():
    report = clean_report()
    set_row(report, "applications", "granted", [2, 1, 0, 0, 0, 0])
    set_row(report, "applications", "new_received", [2, 1, 0, 0, 0, 0])
    report.published[CellRef("applications", "granted", "total")] = 3
    report.published[CellRef("applications", "total", "natural_person")] = 2
    assert validate(report) == []
    report.published[CellRef("applications", "granted", "total")] = 4
    report.published[CellRef("applications", "total", "natural_person")] = 1
    problems = {p.rule: p for p in validate(report)}
    assert problems["total-column"].message == (
        "（一）予以公开：总计为 4，自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 3，相差 1"
    )
    assert problems["total-row"].message == (
        "自然人 列：（七）总计为 1，（一）予以公开至（六）3.其他各项之和 = 2，相差 1"
    )


def test_group_total_of_part_four():
    report = clean_report()
    set_row(report, "review_litigation", "review", [2, 1, 0, 1])
    report.published[CellRef("review_litigation", "review", "total")] = 4
    assert validate(report) == []
    report.published[CellRef("review_litigation", "review", "total")] = 5
    (problem,) = validate(report)
    assert problem.rule == "group-total"
    assert (
        problem.message
        == "行政复议：总计为 5，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 4，相差 1"
    )


def test_unknown_cells_do_not_produce_arithmetic_noise():
    report = clean_report()
    report.cells["applications"]["granted"][0] = None
    assert rules_of(report) == ["cell-missing"]


# --- narrative ---------------------------------------------------------------------


def test_empty_part_five_and_part_one():
    report = clean_report()
    report.texts["shortcomings"] = " \n"
    report.texts["overview"] = ""
    problems = [p for p in validate(report)]
    assert [p.rule for p in problems] == ["text-empty", "text-empty"]
    assert all(p.severity is Severity.WARNING for p in problems)


def test_part_one_topics():
    report = clean_report()
    report.texts["overview"] = (
        "（一）主动公开。（二）依申请公开。（三）政府信息管理。（四）平台建设。"
    )
    (problem,) = validate(report)
    assert (problem.rule, problem.message) == ("topic-missing", "一、总体情况 未涉及“监督保障”")


def test_fee_statement_in_part_six():
    report = clean_report()
    report.texts["other_matters"] = "无"
    (problem,) = validate(report)
    assert problem.rule == "fee-not-mentioned" and problem.location.key == "other_matters.text"
    report.texts["other_matters"] = "本年度未收取信息\n处理费。"  # a line break inside the word
    assert validate(report) == []


@pytest.mark.parametrize(
    "statement",
    [
        "政府信息公开未发生收费情况。",
        "本年度未产生信息公开相关费用。",
        "本机关没有收取任何费用。",
        "2023年，未收取任何费用。",
        "依申请公开政府信息不收取费用。",
        "我局依申请公开政府信息均未收费。",
    ],
)
def test_fee_statement_in_other_words(statement: str):
    report = clean_report()
    report.texts["other_matters"] = statement
    assert validate(report) == []


@pytest.mark.parametrize(
    "statement",
    ["本年度未收到政府信息公开申请。", "无。", "本年度收取信息公开相关费用 2 万元的情况另行说明。"],
)
def test_other_sentences_do_not_count_as_a_fee_statement(statement: str):
    report = clean_report()
    report.texts["other_matters"] = statement
    assert [p.rule for p in validate(report)] == ["fee-not-mentioned"]


def test_fee_statement_not_asked_of_the_2019_format():
    report = new_report("测试局", 2020, FORMAT_2019)
    complete_texts(report)
    report.texts["other_matters"] = "无"
    assert validate(report) == []


@pytest.mark.parametrize(
    "intro",
    [
        "报告中所列数据统计期限为 2023 年 1 月 1 日至 12 月 31 日。",
        "本报告数据统计时间自2023年1月1日起至2024年12月31日止。",
        "现将本机关2023年政府信息公开工作年度报告公布如下。",
    ],
)
def test_another_year_in_statistics_period_or_title(intro: str):
    report = clean_report()
    report.texts["intro"] = intro
    (problem,) = validate(report)
    assert problem.rule == "year-mismatch" and "2023" in problem.message


@pytest.mark.parametrize(
    "intro",
    [
        "报告中所列数据统计期限为 2024 年 1 月 1 日至 12 月 31 日。",
        "2023 年以来，我局持续推进政务公开。",  # not a statistics period
        "对 2025 年政务公开工作进行部署。",
        "按时在门户网站发布《2023年政府信息公开工作年度报告》。",
        "上年度按时公开了2023年政府信息公开工作年度报告。",
    ],
)
def test_years_that_are_not_mistakes(intro: str):
    report = clean_report()
    report.texts["intro"] = intro
    assert validate(report) == []


def with_received(total: int) -> Report:
    report = clean_report()
    set_row(report, "applications", "granted", [total, 0, 0, 0, 0, 0])
    balance(report)
    return report


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请 5 件，均已按时答复。",
        "2024年，本机关共受理依申请公开 5 件。",
        "本年度新收政府信息公开申请５件。",
    ],
)
def test_narrative_count_contradicting_row_one(sentence: str):
    report = with_received(3)
    report.texts["overview"] += "\n" + sentence
    (problem,) = validate(report)
    assert problem.rule == "narrative-count" and problem.severity is Severity.WARNING
    assert "总计为 3" in problem.message


def test_narrative_says_none_received_but_table_has_some():
    report = with_received(2)
    report.texts["overview"] += "\n本年度未收到政府信息公开申请。"
    assert rules_of(report) == ["narrative-count"]
    report = with_received(0)
    report.texts["overview"] += "\n本年度未收到政府信息公开申请。"
    assert validate(report) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请 3 件。",  # agrees
        "全市备案复议134件，收到政府信息公开申请 134 件的统计另行公布。",
        "全市各级行政机关共收到政府信息公开申请134件。",
        "2023年共收到政府信息公开申请 9 件。",  # another year
        "其中收到商业企业申请 1 件。",  # a part, not the whole
        "收到的申请中 7 件涉及征地拆迁。",  # no number right after 申请
        "共收到政府信息公开申请五件。",  # Chinese numeral: unsure, so silent
        "自2019年以来累计收到申请 40 件。",
        "全年收到自然人政府信息公开申请42件，法人或其他组织申请9件。",
        "通过网络收到政府信息公开申请2件，信函收到申请1件。",
        "本年度未收到需收取信息处理费的政府信息公开申请，未收取信息处理费。",
        "本年度未收到以信函方式提交的申请。",
        "收到信访举报投诉类申请1件。",
    ],
)
def test_narrative_count_does_not_cry_wolf(sentence: str):
    report = with_received(3)
    report.texts["overview"] += "\n" + sentence
    assert validate(report) == []


def test_narrative_count_checks_the_clause_not_the_whole_sentence():
    report = with_received(3)
    report.texts["overview"] += "\n全年共收到政府信息公开申请 5 件，上年结转 1 件。"
    assert rules_of(report) == ["narrative-count"]
    report = with_received(3)
    report.texts["overview"] += "\n上年结转申请 1 件，本年新收申请 3 件。"
    assert validate(report) == []


def test_narrative_count_accepts_new_plus_carried_over():
    report = clean_report()
    set_row(report, "applications", "granted", [5, 0, 0, 0, 0, 0])
    set_row(report, "applications", "carried_over", [1, 0, 0, 0, 0, 0])
    balance(report)
    report.texts["overview"] += "\n全年共收到政府信息公开申请 5 件。"  # 一 + 二
    assert validate(report) == []


# --- the rule runner -----------------------------------------------------------------


def test_a_failing_rule_becomes_a_problem(monkeypatch):
    def broken(_report: Report) -> list:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(rules, "RULES", (*rules.RULES, broken))
    problems = rules.validate(clean_report())
    assert [p.rule for p in problems] == ["rule-failed"]
    assert "broken" in problems[0].message


def broken_rule(_report: Report) -> list:
    """A rule with a bug: it divides by zero."""
    return [1 // 0]


def test_a_rule_that_crashes_keeps_its_traceback(monkeypatch):
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, broken_rule))
    [problem] = rules.validate(clean_report())
    assert problem.rule == "rule-failed" and problem.is_error
    assert "broken_rule" in problem.message and "Traceback" not in problem.message
    assert problem.traceback is not None
    assert "in broken_rule" in problem.traceback
    assert problem.traceback.rstrip().endswith(
        "ZeroDivisionError: integer division or modulo by zero"
    )


def test_check_shows_a_crashed_rules_traceback_only_in_json_or_when_debugging(monkeypatch, capsys):
    """As beancount's loader does with a plugin that fails: the clerk reads one line,
    whoever fixes the rule gets the traceback with --json or TUI_REPORT_DEBUG=1."""
    from tui_report.cli import main

    monkeypatch.setattr(rules, "RULES", (*rules.RULES, broken_rule))
    monkeypatch.delenv("TUI_REPORT_DEBUG", raising=False)
    assert main(["check", str(EXAMPLE)]) == 1
    out, err = capsys.readouterr()
    assert "错误 [rule-failed] 校验规则 broken_rule 出错" in out
    assert "Traceback" not in out + err
    assert main(["check", "--json", str(EXAMPLE)]) == 1
    [entry] = json.loads(capsys.readouterr().out)["files"]
    [failed] = [p for p in entry["problems"] if p["rule"] == "rule-failed"]
    assert "in broken_rule" in failed["traceback"]
    assert all(p["traceback"] is None for p in entry["problems"] if p is not failed)
    monkeypatch.setenv("TUI_REPORT_DEBUG", "1")
    assert main(["check", str(EXAMPLE)]) == 1
    out, err = capsys.readouterr()
    assert "[rule-failed]" in out and "Traceback" not in out
    assert "in broken_rule" in err and "ZeroDivisionError" in err


def test_amount_kind_in_validation():
    report = clean_report()
    report.set(CellRef("art20_8", "fees", "amount"), Decimal("0.0001"))
    assert validate(report) == []


def test_a_float_year_is_one_problem(example: Path):
    text = example.read_text(encoding="utf-8").replace("year = 2024", "year = 2024.0")
    example.write_text(text, encoding="utf-8")
    loaded = read_report(example)
    rules = [p.rule for p in validate(loaded.report, loaded.structure)]
    assert rules.count("year-type") == 1 and "year-missing" not in rules


def test_a_decrease_larger_than_last_years_count_is_pointed_out():
    """2019 format: 行政许可 上一年项目数量 15, 本年增/减 -20 leaves -5 items this year;
    ``check`` said nothing (本年增/减 may be negative, but not below what there was)."""
    from tui_report.formats import FORMAT_2019
    from tui_report.report.model import CellRef
    from tui_report.report.problems import Severity
    from tui_report.report.templates import new_report
    from tui_report.rules import validate

    report = new_report("测试局", 2020, FORMAT_2019)
    licensing = CellRef("art20_5", "licensing", "change")
    report.set(CellRef("art20_5", "licensing", "previous_items"), 15)
    report.set(licensing, -20)
    report.set(CellRef("art20_6", "penalties", "previous_items"), 4)
    report.set(CellRef("art20_6", "penalties", "change"), -4)  # none left: possible
    found = [p for p in validate(report) if p.rule == "change-below-zero"]
    assert len(found) == 1
    problem = found[0]
    assert problem.severity is Severity.WARNING and licensing in problem.cells
    assert "行政许可" in problem.message and "15" in problem.message
    assert "-20" in problem.message and "-5" in problem.message
