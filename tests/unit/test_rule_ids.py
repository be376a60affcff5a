"""One registry of rule ids (``report.rule_ids``): every problem is made from it, the
official format's data names only its ids, and ``check --rules`` prints it."""

from __future__ import annotations

import re

import pytest

from tui_report.cli import main
from tui_report.formats import FORMATS
from tui_report.report.problems import Severity
from tui_report.report.rule_ids import RULE_IDS, RuleId, rule_problem

from ..conftest import ROOT


def test_every_id_has_a_severity_and_a_chinese_description():
    assert set(RULE_IDS) == set(RuleId)
    for rule, info in RULE_IDS.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule), rule
        assert isinstance(info.severity, Severity)
        assert re.search(r"[\u4e00-\u9fff]", info.description), rule


def test_the_format_names_only_registered_rules():
    for fmt in FORMATS.values():
        named = {link.rule for link in fmt.year_links}
        for table in fmt.tables:
            named |= {identity.rule for identity in table.identities}
            named |= {x.rule for x in (*table.rows, *table.columns) if x.rule}
        assert named and named <= set(RuleId), named - set(RuleId)


def test_problems_take_their_severity_from_the_registry():
    assert rule_problem("carry-over", "m").severity is Severity.ERROR
    assert rule_problem(RuleId.IN_FORCE_CONTINUITY, "m").severity is Severity.WARNING
    with pytest.raises(ValueError):
        rule_problem("no-such-rule", "m")


def test_no_problem_is_made_around_the_registry():
    """Every ``Problem(`` of the program is the registry's (its severity cannot drift)."""
    made = []
    for path in (ROOT / "src" / "tui_report").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"(?<![\w.])Problem\(", line) and "def " not in line:
                made.append(f"{path.relative_to(ROOT)}:{number}")
    assert len(made) == 1 and made[0].startswith("src/tui_report/report/rule_ids.py:"), made


def test_check_lists_the_rules(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["check", "--rules"])
    assert ended.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(RULE_IDS)
    carry = next(line for line in lines if line.startswith("carry-over "))
    assert carry.split()[1] == "错误" and "结转下年度继续办理" in carry
