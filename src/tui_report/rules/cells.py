"""Rules on single values: every cell holds a valid value of its kind."""

from __future__ import annotations

from ..report.model import CellRef, Report, cell_label
from ..report.problems import Problem
from ..report.rule_ids import RuleId, rule_problem
from .places import cell_location


def cell_values(report: Report) -> list[Problem]:
    """Cells read from a file with a value that is not valid for them (``abc``, -1, 2.5 …)."""
    fmt = report.format
    return [
        rule_problem(
            RuleId.CELL_VALUE,
            f"{cell_label(fmt, ref)}：{bad.reason}",
            cell_location(fmt, ref),
            (ref,),
        )
        for ref, bad in report.bad_cells.items()
        if bad.raw
    ]


def missing_cells(report: Report) -> list[Problem]:
    """Cells with no value at all: one problem per missing row, or per missing cell."""
    fmt = report.format
    problems: list[Problem] = []
    for table in fmt.tables:
        for row in table.entered_rows:
            values = report.cells[table.key][row.key]
            if None not in values:
                continue
            refs = [CellRef(table.key, row.key, c.key) for c in table.entered_columns]
            missing = [
                ref
                for ref, v in zip(refs, values, strict=True)
                if v is None and (ref not in report.bad_cells or not report.bad_cells[ref].raw)
            ]
            if not missing:
                continue
            if len(missing) == len(refs) and len(refs) > 1:
                location = cell_location(fmt, refs[0])
                problems.append(
                    rule_problem(
                        RuleId.CELL_MISSING,
                        f"{fmt.section_of_table[table.key].number} {row.qualified_label}："
                        f"缺少这一行（键 {table.key}.{row.key}）",
                        location,
                        tuple(refs),
                    )
                )
                continue
            problems += [
                rule_problem(
                    RuleId.CELL_MISSING,
                    f"{cell_label(fmt, ref)}：缺少数值",
                    cell_location(fmt, ref),
                    (ref,),
                )
                for ref in missing
            ]
    return problems
