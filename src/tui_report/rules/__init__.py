"""Validation: pure functions from a report to a list of problems.

``RULES`` is an immutable tuple; a rule that raises becomes a problem instead of an
exception (as beancount's loader turns a plugin's crash into an error), so one bug
cannot hide every other finding; the problem keeps the traceback for whoever fixes
the rule (``check --json``, ``TUI_REPORT_DEBUG=1``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable

from ..report.model import Report
from ..report.problems import Problem
from ..report.rule_ids import RuleId, rule_problem
from .arithmetic import changes, identities, published_totals
from .cells import cell_values, missing_cells
from .metadata import metadata
from .narrative import (
    fee_statement,
    placeholders,
    required_texts,
    stated_application_count,
    stated_years,
)

Rule = Callable[[Report], list[Problem]]

RULES: tuple[Rule, ...] = (
    metadata,
    cell_values,
    missing_cells,
    published_totals,
    identities,
    changes,
    required_texts,
    fee_statement,
    placeholders,
    stated_years,
    stated_application_count,
)


def validate(report: Report, structure: Iterable[Problem] = ()) -> list[Problem]:
    """Every problem of a report: those found when reading its file, then every rule's."""
    problems = list(structure)
    with report.grids_kept():  # the rules only read the report
        for rule in RULES:
            try:
                problems.extend(rule(report))
            except Exception:  # a bug in a rule must not hide the other findings
                problems.append(rule_failed(rule.__name__, traceback.format_exc()))
    return problems


def rule_failed(name: str, where: str) -> Problem:
    """The problem a rule that raised becomes: said plainly, its traceback kept."""
    message = f"校验规则 {name} 出错（程序的缺陷，请告知维护者；其余规则照常检查）"
    return rule_problem(RuleId.RULE_FAILED, message, traceback=where)


__all__ = ["RULES", "Rule", "rule_failed", "validate"]
