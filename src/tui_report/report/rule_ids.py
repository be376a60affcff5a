"""Every rule id a problem can carry, once: its severity and what it means in a few words.

The validation rules, the reader of report files (a file's structure) and the year
checks make their problems from here (``rule_problem``: the severity is the
registry's); ``tui-report check --rules`` prints this table, README's table of rules
lists exactly these ids (tests/unit/test_docs.py), and the official format's data names
its rules by these ids (tests/unit/test_rule_ids.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .model import CellRef
from .problems import Location, Problem, Severity


class RuleId(StrEnum):
    """A rule's id, as ``check`` prints it (``[carry-over]``) and JSON gives it."""

    # the cells
    CELL_VALUE = "cell-value"
    CELL_MISSING = "cell-missing"
    # the identities and totals of the official tables
    APPLICANT_BALANCE = "applicant-balance"
    TOTAL_COLUMN = "total-column"
    TOTAL_ROW = "total-row"
    GROUP_TOTAL = "group-total"
    CHANGE_BELOW_ZERO = "change-below-zero"
    # who and when
    AGENCY_MISSING = "agency-missing"
    YEAR_MISSING = "year-missing"
    YEAR_RANGE = "year-range"
    FORMAT_YEAR = "format-year"
    # the file's structure
    ROW_LENGTH = "row-length"
    AGENCY_TYPE = "agency-type"
    YEAR_TYPE = "year-type"
    TEXT_TYPE = "text-type"
    TABLE_TYPE = "table-type"
    UNKNOWN_KEY = "unknown-key"
    FORMAT_MISSING = "format-missing"
    TOTAL_OF_TYPE = "total-of-type"
    # against last year's report
    CARRY_OVER = "carry-over"
    IN_FORCE_CONTINUITY = "in-force-continuity"
    # the texts
    PLACEHOLDER = "placeholder"
    TEXT_EMPTY = "text-empty"
    TOPIC_MISSING = "topic-missing"
    FEE_NOT_MENTIONED = "fee-not-mentioned"
    YEAR_MISMATCH = "year-mismatch"
    NARRATIVE_COUNT = "narrative-count"
    # the program itself
    RULE_FAILED = "rule-failed"


@dataclass(frozen=True)
class RuleInfo:
    """What a rule id means: how grave its problems are, and in a few words what it checks."""

    severity: Severity
    description: str


_E, _W = Severity.ERROR, Severity.WARNING

RULE_IDS: dict[RuleId, RuleInfo] = {
    RuleId.CELL_VALUE: RuleInfo(
        _E, "单元格的值不合格（文字、负数、小数件数、金额超过 6 位小数等）"
    ),
    RuleId.CELL_MISSING: RuleInfo(_E, "缺少单元格或整行"),
    RuleId.APPLICANT_BALANCE: RuleInfo(_E, "每一申请人列及总计列：一 + 二 = 三（七）总计 + 四"),
    RuleId.TOTAL_COLUMN: RuleInfo(_E, "文件中写有的总计列须等于各项之和"),
    RuleId.TOTAL_ROW: RuleInfo(_E, "文件中写有的（七）总计须等于各项之和"),
    RuleId.GROUP_TOTAL: RuleInfo(_E, "文件中写有的行政复议、行政诉讼总计须等于各项之和"),
    RuleId.CHANGE_BELOW_ZERO: RuleInfo(_W, "2019 年试行格式：上一年项目数量加本年增/减小于 0"),
    RuleId.AGENCY_MISSING: RuleInfo(_E, "未填写发布机关"),
    RuleId.YEAR_MISSING: RuleInfo(_E, "未填写年度"),
    RuleId.YEAR_RANGE: RuleInfo(_E, "年度不合理"),
    RuleId.FORMAT_YEAR: RuleInfo(_E, "所用格式与年度不符"),
    RuleId.ROW_LENGTH: RuleInfo(_E, "一行的数值个数不对"),
    RuleId.AGENCY_TYPE: RuleInfo(_E, "发布机关不是文字"),
    RuleId.YEAR_TYPE: RuleInfo(_E, "年度不是整数"),
    RuleId.TEXT_TYPE: RuleInfo(_E, "正文的结构不对"),
    RuleId.TABLE_TYPE: RuleInfo(_E, "表的结构不对"),
    RuleId.UNKNOWN_KEY: RuleInfo(_W, "文件中有程序不认识的键（原样保留）"),
    RuleId.FORMAT_MISSING: RuleInfo(_W, "缺少 format 键"),
    RuleId.TOTAL_OF_TYPE: RuleInfo(_E, "sum 写出的合计中，合计的份数 total_of 不是正整数"),
    RuleId.CARRY_OVER: RuleInfo(_E, "本年“二、上年结转”≠ 上年“四、结转下年度继续办理”"),
    RuleId.IN_FORCE_CONTINUITY: RuleInfo(
        _W, "本年现行有效件数 ≠ 上年现行有效件数 + 本年制发 − 本年废止"
    ),
    RuleId.PLACEHOLDER: RuleInfo(_W, "文字中还有模板留下的“____”"),
    RuleId.TEXT_EMPTY: RuleInfo(_W, "第一部分或第五部分未填写"),
    RuleId.TOPIC_MISSING: RuleInfo(_W, "第一部分未涉及五个方面之一"),
    RuleId.FEE_NOT_MENTIONED: RuleInfo(_W, "第六部分未说明信息处理费收取情况"),
    RuleId.YEAR_MISMATCH: RuleInfo(_W, "统计期限或标题中的年份与报告年度不一致"),
    RuleId.NARRATIVE_COUNT: RuleInfo(_W, "文字中的申请件数与表三不符"),
    RuleId.RULE_FAILED: RuleInfo(_E, "校验规则本身出错（程序的缺陷，其余规则照常检查）"),
}


def rule_problem(
    rule: RuleId | str,
    message: str,
    location: Location = Location(),  # noqa: B008  # frozen: one shared empty place
    cells: tuple[CellRef, ...] = (),
    traceback: str | None = None,
) -> Problem:
    """A problem of ``rule`` (an id of the registry: ``ValueError`` otherwise, a bug),
    as grave as the registry says."""
    known = RuleId(rule)
    return Problem(known, RULE_IDS[known].severity, message, location, cells, traceback)
