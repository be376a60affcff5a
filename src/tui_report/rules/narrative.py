"""Rules on the prose: what the format asks the narrative parts to say.

These are warnings and must not cry wolf: a number is compared with the
tables only when its own sentence is plainly about this body's applications
in the report year; when unsure, say nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..report.model import Report
from ..report.problems import Problem
from ..report.rule_ids import RuleId, rule_problem
from .places import text_location

_SENTENCE_END = re.compile(r"[。！？；!?;\n]")
_CLAUSE_END = re.compile(r"[，,、：:（）()]")
_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD = re.compile(r"统计.{0,4}(期限|期间|时限|时间|区间|周期|范围)")
# A title naming the year of a report, unless it is cited (《…》) or said to be published.
_TITLE = re.compile(r"(?<!《)(\d{4})\s*年度?\s*政府信息公开工作\s*年度报告(?!》)")
_CITES_A_REPORT = re.compile(r"(?:发布|公布)(?!如下)|上年|上一年|去年|《[^》]*\d{4}")
# "received N applications": only applications for government information
# (政府信息公开申请, 依申请公开), with at most a word between verb and noun.
_APPLICATIONS = r"(?:政府信息公开申请|依申请公开申请|依申请公开(?:事项)?|政府信息公开类申请)"
_RECEIVED = re.compile(
    r"(?:收到|受理|新收|接收|接到)(?:了|各类|的)?"
    + _APPLICATIONS
    + r"(?:数量)?\s*(?:共计|共|合计|总计|计|为|达)?\s*(\d+)\s*件"
)
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到|接收)(?:任何|过)?" + _APPLICATIONS)
# Words that put a whole sentence outside "this body's new applications this year".
_OTHER_SCOPE = re.compile(
    r"全[市县区省州盟旗镇乡]|各[级部单街乡镇]|系统|累计|历年|同比|以来|复议|诉讼|备案"
)
# Words that make a number something else when they come before it in its clause:
# a part (其中, by applicant or by channel), or last year's.
_PART_OF = re.compile(
    r"其中|包括|含|上年|去年|结转|自然人|法人|组织|企业|信函|网络|网上|当面|现场|传真|邮件|邮寄|"
    r"信访|举报|投诉|处理费|方式"
)


# Text of only these characters reads the same to every pattern here before and after
# NFKC: ASCII, CJK ideographs, common CJK punctuation, and the full-width forms of ASCII
# (the patterns list both widths of their punctuation, ``\d`` and ``\s`` match the
# full-width digits and space, and each such character stays one character).
_SAME_AFTER_NFKC = re.compile(
    "[^\t\n\x20-\x7e\u3000-\u3003\u3008-\u3011\u3014-\u301b\u4e00-\u9fff"
    "\uff01-\uff5e\u2014\u2018\u2019\u201c\u201d\u00b7]"
)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=64)
def _sentences(text: str) -> list[tuple[str, str]]:
    """(sentence as written, the same with full-width digits and signs made ASCII), or
    the sentence twice where normalising cannot change what the patterns find."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    if not _SAME_AFTER_NFKC.search(text):
        return [(s, s) for s in sentences]
    return [(s, _plain(s)) for s in sentences]


_TITLE_WORDS = "政府信息公开工作"  # in every title _TITLE finds: looked for first (quicker)


def placeholders(report: Report) -> list[Problem]:
    """Template places (``____``) not yet filled in."""
    fmt = report.format
    return [
        rule_problem(
            RuleId.PLACEHOLDER,
            f"{fmt.text_label(key)} 中还有未填写的“____”",
            text_location(fmt, key),
        )
        for key, text in report.texts.items()
        if "____" in text
    ]


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _without_space(text: str) -> str:
    """``text`` without whitespace (what ``_SPACE.sub("", text)`` gives: ``str.split`` and
    ``\\s`` take the same characters for whitespace)."""
    return "".join(text.split())


def fee_statement(report: Report) -> list[Problem]:
    fmt = report.format
    if not fmt.fee_keyword or not fmt.fee_section:
        return []
    text = _without_space(report.texts[fmt.fee_section])
    if fmt.fee_keyword in text or (fmt.fee_statement and re.search(fmt.fee_statement, text)):
        return []
    return [
        rule_problem(
            RuleId.FEE_NOT_MENTIONED,
            f"{fmt.text_label(fmt.fee_section)} 未说明{fmt.fee_keyword}的收取情况"
            f"（例如：本年度未收取{fmt.fee_keyword}）",
            text_location(fmt, fmt.fee_section),
        )
    ]


def required_texts(report: Report) -> list[Problem]:
    """Parts that must not be empty, and the topics part 一 must cover."""
    fmt = report.format
    problems: list[Problem] = []
    for section in fmt.sections:
        if not section.text_key:
            continue
        text = report.texts[section.text_key]
        must_write = section.text_key in fmt.required_text or section.topics
        if not text.strip():
            if must_write:
                problems.append(
                    rule_problem(
                        RuleId.TEXT_EMPTY,
                        f"{section.heading} 尚未填写",
                        text_location(fmt, section.text_key),
                    )
                )
            continue
        plain = _without_space(text)
        problems += [
            rule_problem(
                RuleId.TOPIC_MISSING,
                f"{section.heading} 未涉及“{topic.label}”",
                text_location(fmt, section.text_key),
            )
            for topic in section.topics
            if not any(word in plain for word in topic.keywords)
        ]
    return problems


def stated_years(report: Report) -> list[Problem]:
    """The statistics period or a title in the prose naming another year than the report's."""
    if report.year is None:
        return []
    fmt = report.format
    problems: list[Problem] = []
    for key in fmt.text_keys:
        text = report.texts[key]
        for written, sentence in _sentences(text):
            if "年" not in sentence:  # every year this rule reads is written N 年
                continue
            years = set()
            if _PERIOD.search(sentence):
                years |= {int(y) for y in _YEAR.findall(sentence)}
            titles = _TITLE.findall(sentence) if _TITLE_WORDS in sentence else []
            if titles and not _CITES_A_REPORT.search(sentence):
                years |= {int(y) for y in titles}
            wrong = sorted(y for y in years if y != report.year)
            if wrong:
                shown = "、".join(str(y) for y in wrong)
                problems.append(
                    rule_problem(
                        RuleId.YEAR_MISMATCH,
                        f"{fmt.text_label(key)} 写的年份 {shown} 与报告年度 {report.year} 不一致："
                        f"“{written.strip()[:60]}”",
                        text_location(fmt, key),
                    )
                )
    return problems


def stated_application_count(report: Report) -> list[Problem]:
    """A sentence stating how many applications were received must agree with row 一's 总计."""
    fmt = report.format
    table = fmt.table(fmt.applications_table)
    grid = report.grid(table)
    total_column = len(table.columns) - 1
    received = grid[table.row_index[fmt.new_received_row]][total_column]
    carried = grid[table.row_index[fmt.carried_over_row]][total_column]
    if received is None or report.year is None:
        return []
    accepted = {received} | ({received + carried} if carried is not None else set())
    row_label = table.row(fmt.new_received_row).label
    problems: list[Problem] = []
    for key in fmt.text_keys:
        text = report.texts[key]
        for written, sentence in _sentences(text):
            stated = _stated_count(sentence, report.year)
            if stated is None or stated in accepted:
                continue
            problems.append(
                rule_problem(
                    RuleId.NARRATIVE_COUNT,
                    f"{fmt.text_label(key)} 写道“{written.strip()[:60]}”，"
                    f"而表三 {row_label} 的总计为 {received}",
                    text_location(fmt, key),
                )
            )
    return problems


def _stated_count(sentence: str, year: int) -> int | None:
    """The number of applications a sentence states, or None when it is not plainly that."""
    if "申请" not in sentence:  # in every way of naming the applications
        return None
    found = _RECEIVED.search(sentence) or _NONE_RECEIVED.search(sentence)
    if not found:
        return None
    if any(int(y) != year for y in _YEAR.findall(sentence)) or _OTHER_SCOPE.search(sentence):
        return None
    clauses = _CLAUSE_END.finditer(sentence, 0, found.start())
    clause_start = max((m.end() for m in clauses), default=0)
    if _PART_OF.search(sentence, clause_start, found.end()):
        return None
    return int(found.group(1)) if found.re is _RECEIVED else 0
