"""Reports for tests: balanced ones (satisfying every identity) built from free choices."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from tui_report.formats import FORMAT_2021, ReportFormat
from tui_report.report.model import CellRef, Report
from tui_report.report.templates import new_report

COMPLETE_TEXTS = {
    "overview": "（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）政府信息公开平台建设\n（五）监督保障",
    "shortcomings": "存在问题：无。",
    "other_matters": "本年度未收取信息处理费。",
}


def set_row(report: Report, table: str, row: str, values: list) -> None:
    columns = report.format.table(table).entered_columns
    assert len(values) == len(columns)
    for column, value in zip(columns, values, strict=True):
        report.set(CellRef(table, row, column.key), value)


def balance(report: Report) -> None:
    """Choose 一、本年新收 so that 一 + 二 = 三（七）+ 四 holds in every column.

    Requires outcomes + carried forward >= carried over in every column.
    """
    fmt = report.format
    table = fmt.table(fmt.applications_table)
    grid = report.grid(table)
    index = table.row_index
    for c, column in enumerate(table.entered_columns):
        right = grid[index["total"]][c] + grid[index[fmt.carried_forward_row]][c]
        new = right - grid[index[fmt.carried_over_row]][c]
        assert new >= 0
        report.set(CellRef(table.key, fmt.new_received_row, column.key), new)


def complete_texts(report: Report) -> None:
    report.texts.update(COMPLETE_TEXTS)


counts = st.integers(min_value=0, max_value=500)
# any number of decimals up to the 6 the format allows (万元 exact to the 分: 5949.088667)
amounts = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=99999, places=places, allow_nan=False, allow_infinity=False
    )
)


@st.composite
def balanced_reports(draw, fmt: ReportFormat = FORMAT_2021) -> Report:
    """Any report whose tables satisfy every identity, with arbitrary entered numbers."""
    report = new_report("测试县测试局", 2024 if fmt is FORMAT_2021 else 2020, fmt)
    complete_texts(report)
    for table in fmt.tables:
        for row in table.entered_rows:
            values = []
            for column in table.entered_columns:
                if column.kind.is_integer:
                    low = int(column.kind.minimum)
                    values.append(draw(st.integers(min_value=max(low, -500), max_value=500)))
                else:
                    values.append(Decimal(draw(amounts)))
            set_row(report, table.key, row.key, values)
    apps = fmt.table(fmt.applications_table)
    # 二、上年结转 must not exceed what is accounted for, so that 一 stays >= 0.
    grid = report.grid(apps)
    index = apps.row_index
    for c, column in enumerate(apps.entered_columns):
        right = grid[index["total"]][c] + grid[index[fmt.carried_forward_row]][c]
        carried = draw(st.integers(min_value=0, max_value=right))
        report.set(CellRef(apps.key, fmt.carried_over_row, column.key), carried)
    balance(report)
    return report
