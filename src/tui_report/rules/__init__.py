"""Validation: pure functions from a report to a list of problems.

``RULES`` is an immutable tuple; a rule that raises becomes a problem instead
of an exception, so one bug cannot hide every other finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..report.model import Report
from ..report.problems import Problem, Severity
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
            except Exception as exc:  # a bug in a rule must not hide the other findings
                problems.append(
                    Problem(
                        "rule-failed", Severity.ERROR, f"校验规则 {rule.__name__} 出错：{exc!r}"
                    )
                )
    return problems


__all__ = ["RULES", "Rule", "validate"]
