"""Validation: pure functions from a report to a list of problems.

``RULES`` is an immutable tuple; a rule that raises becomes a problem instead of an
exception (as beancount's loader turns a plugin's crash into an error), so one bug
cannot hide every other finding; the problem keeps the traceback for whoever fixes
the rule (``check --json``, ``TUI_REPORT_DEBUG=1``).

``READS`` says, for each rule, what of a report it reads (``Reads``): the editor runs
again only the rules that read what an edit changed (``document.checks``), and keeps the
other rules' last results, which are the same as a run from scratch would give.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..formats import ReportFormat
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


class Tables(Enum):
    """Which tables of its format a rule reads (their cells, unusable values and totals
    written by hand)."""

    NONE = "none"
    ALL = "all"
    WITH_IDENTITIES = "with-identities"  # tables with per-column identities (勾稽关系)
    WITH_CHANGES = "with-changes"  # tables with 本年增/减 columns (2019 format)
    APPLICATIONS = "applications"  # 三, the applications table


@dataclass(frozen=True)
class Reads:
    """What a rule reads of a report: its result changes only when one of these does."""

    tables: Tables = Tables.NONE
    fields: frozenset[str] = frozenset()  # "agency", "year" (with why a year is unusable)
    texts: bool = False  # the narrative texts (any of them)


AGENCY, YEAR = frozenset({"agency"}), frozenset({"year"})

READS: Mapping[Rule, Reads] = {
    metadata: Reads(fields=AGENCY | YEAR),
    cell_values: Reads(Tables.ALL),
    missing_cells: Reads(Tables.ALL),
    published_totals: Reads(Tables.ALL),
    identities: Reads(Tables.WITH_IDENTITIES),
    changes: Reads(Tables.WITH_CHANGES),
    required_texts: Reads(texts=True),
    fee_statement: Reads(texts=True),
    placeholders: Reads(texts=True),
    stated_years: Reads(fields=YEAR, texts=True),
    stated_application_count: Reads(Tables.APPLICATIONS, YEAR, texts=True),
}


@lru_cache(maxsize=64)
def tables_read(tables: Tables, fmt: ReportFormat) -> frozenset[str]:
    """The keys of the tables of ``fmt`` that ``tables`` names."""
    if tables is Tables.APPLICATIONS:
        return frozenset({fmt.applications_table})
    chosen = {
        Tables.NONE: lambda table: False,
        Tables.ALL: lambda table: True,
        Tables.WITH_IDENTITIES: lambda table: bool(table.identities),
        Tables.WITH_CHANGES: lambda table: any(c.change_of for c in table.columns),
    }[tables]
    return frozenset(table.key for table in fmt.tables if chosen(table))


def run_rule(rule: Rule, report: Report) -> list[Problem]:
    """One rule's problems; a rule that raises gives the problem saying so."""
    try:
        return rule(report)
    except Exception:  # a bug in a rule must not hide the other findings
        return [rule_failed(rule.__name__, traceback.format_exc())]


def validate(report: Report, structure: Iterable[Problem] = ()) -> list[Problem]:
    """Every problem of a report: those found when reading its file, then every rule's."""
    problems = list(structure)
    with report.grids_kept():  # the rules only read the report
        for rule in RULES:
            problems.extend(run_rule(rule, report))
    return problems


def rule_failed(name: str, where: str) -> Problem:
    """The problem a rule that raised becomes: said plainly, its traceback kept."""
    message = f"校验规则 {name} 出错（程序的缺陷，请告知维护者；其余规则照常检查）"
    return rule_problem(RuleId.RULE_FAILED, message, traceback=where)


__all__ = [
    "READS",
    "RULES",
    "Reads",
    "Rule",
    "Tables",
    "rule_failed",
    "run_rule",
    "tables_read",
    "validate",
]
