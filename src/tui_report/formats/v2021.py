"""The 2021 format: 《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号).

Every label here is the official text verbatim (full-width punctuation kept).
This is the only place in the code where they are written.
"""

from __future__ import annotations

from .spec import (
    AMOUNT,
    Column,
    Identity,
    ReportFormat,
    Row,
    Section,
    Table,
    Topic,
    YearLink,
)

CONTENT = "信息内容"
TOTAL = "总计"
DECISIONS = Column("decisions", "本年处理决定数量")
REGULATIONS = Row("regulations", "规章")
LICENSING = Row("licensing", "行政许可")
PENALTIES = Row("penalties", "行政处罚")
ENFORCEMENT = Row("enforcement", "行政强制")
FEES = Row("fees", "行政事业性收费")


def article_20_table(
    key: str, item: str, columns: tuple[Column, ...], rows: tuple[Row, ...]
) -> Table:
    return Table(
        key=key, title=f"第二十条第（{item}）项", corner=CONTENT, columns=columns, rows=rows
    )


# 二、主动公开政府信息情况
PROACTIVE_2021 = (
    article_20_table(
        "art20_1",
        "一",
        (
            Column("issued", "本年制发件数"),
            Column("repealed", "本年废止件数"),
            Column("in_force", "现行有效件数"),
        ),
        (REGULATIONS, Row("normative_documents", "行政规范性文件")),
    ),
    article_20_table("art20_5", "五", (DECISIONS,), (LICENSING,)),
    article_20_table(
        "art20_6",
        "六",
        (DECISIONS,),
        (PENALTIES, ENFORCEMENT),
    ),
    article_20_table(
        "art20_8", "八", (Column("amount", "本年收费金额（单位：万元）", AMOUNT),), (FEES,)
    ),
)

# 三、收到和处理政府信息公开申请情况
APPLICANT = "申请人情况"
ORGANISATION = "法人或其他组织"
APPLICANT_COLUMNS = (
    Column("natural_person", "自然人", groups=(APPLICANT,)),
    Column("business", "商业企业", groups=(APPLICANT, ORGANISATION)),
    Column("research", "科研机构", groups=(APPLICANT, ORGANISATION)),
    Column("public_welfare", "社会公益组织", groups=(APPLICANT, ORGANISATION)),
    Column("legal_services", "法律服务机构", groups=(APPLICANT, ORGANISATION)),
    Column("other", "其他", groups=(APPLICANT, ORGANISATION)),
)
APPLICANT_TOTAL = Column(
    "total",
    TOTAL,
    groups=(APPLICANT,),
    sum_of=tuple(c.key for c in APPLICANT_COLUMNS),
    rule="total-column",
)

RESULTS = "三、本年度办理结果"
DENIED = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER_HANDLING = "（六）其他处理"


def outcome_rows(other_handling: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows under 三、本年度办理结果; （六）其他处理 differs between formats."""
    leaves = (
        Row("granted", "（一）予以公开", (RESULTS,)),
        Row(
            "partially_granted",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            (RESULTS,),
        ),
        Row("denied_state_secret", "1.属于国家秘密", (RESULTS, DENIED)),
        Row("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", (RESULTS, DENIED)),
        Row("denied_three_safeties", "3.危及“三安全一稳定”", (RESULTS, DENIED)),
        Row("denied_third_party", "4.保护第三方合法权益", (RESULTS, DENIED)),
        Row("denied_internal_affairs", "5.属于三类内部事务信息", (RESULTS, DENIED)),
        Row("denied_process_info", "6.属于四类过程性信息", (RESULTS, DENIED)),
        Row("denied_enforcement_files", "7.属于行政执法案卷", (RESULTS, DENIED)),
        Row("denied_query_matters", "8.属于行政查询事项", (RESULTS, DENIED)),
        Row("unavailable_not_held", "1.本机关不掌握相关政府信息", (RESULTS, UNAVAILABLE)),
        Row("unavailable_needs_creation", "2.没有现成信息需要另行制作", (RESULTS, UNAVAILABLE)),
        Row("unavailable_unclear", "3.补正后申请内容仍不明确", (RESULTS, UNAVAILABLE)),
        Row("not_processed_complaint", "1.信访举报投诉类申请", (RESULTS, NOT_PROCESSED)),
        Row("not_processed_repeated", "2.重复申请", (RESULTS, NOT_PROCESSED)),
        Row("not_processed_publication", "3.要求提供公开出版物", (RESULTS, NOT_PROCESSED)),
        Row("not_processed_excessive", "4.无正当理由大量反复申请", (RESULTS, NOT_PROCESSED)),
        Row(
            "not_processed_confirmation",
            "5.要求行政机关确认或重新出具已获取信息",
            (RESULTS, NOT_PROCESSED),
        ),
        *other_handling,
    )
    total = Row(
        "total", "（七）总计", (RESULTS,), sum_of=tuple(r.key for r in leaves), rule="total-row"
    )
    return (*leaves, total)


OTHER_HANDLING_2021 = (
    Row(
        "other_no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        (RESULTS, OTHER_HANDLING),
    ),
    Row(
        "other_fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        (RESULTS, OTHER_HANDLING),
    ),
    Row("other_other", "3.其他", (RESULTS, OTHER_HANDLING), catch_all=True),
)

BALANCE = Identity(
    rule="applicant-balance",
    left=("new_received", "carried_over"),
    right=("total", "carried_forward"),
    left_text="一 + 二",
    right_text="三（七）+ 四",
)


def applications_table(other_handling: tuple[Row, ...]) -> Table:
    return Table(
        key="applications",
        title=None,
        corner=None,
        note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        columns=(*APPLICANT_COLUMNS, APPLICANT_TOTAL),
        rows=(
            Row("new_received", "一、本年新收政府信息公开申请数量"),
            Row("carried_over", "二、上年结转政府信息公开申请数量"),
            *outcome_rows(other_handling),
            Row("carried_forward", "四、结转下年度继续办理"),
        ),
        identities=(BALANCE,),
    )


# 四、政府信息公开行政复议、行政诉讼情况 — officially one row of three groups of five
# (``one_row``); stored and edited as three rows (one per group) of five columns.
LITIGATION = "行政诉讼"
CASE_OUTCOMES = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
)
REVIEW_LITIGATION = Table(
    key="review_litigation",
    title=None,
    corner=None,
    columns=(
        *CASE_OUTCOMES,
        Column("total", TOTAL, sum_of=tuple(c.key for c in CASE_OUTCOMES), rule="group-total"),
    ),
    rows=(
        Row("review", "行政复议"),
        Row("litigation_direct", "未经复议直接起诉", (LITIGATION,)),
        Row("litigation_after_review", "复议后起诉", (LITIGATION,)),
    ),
    one_row=True,
)

OVERVIEW_TOPICS = (
    Topic("主动公开", ("主动公开",)),
    Topic("依申请公开", ("依申请公开", "依申请")),
    Topic("政府信息管理", ("政府信息管理", "信息管理")),
    Topic("政府信息公开平台建设", ("政府信息公开平台建设", "平台建设")),
    Topic("监督保障", ("监督保障",)),
)

FORMAT_TITLE = "中华人民共和国政府信息公开工作年度报告格式"


def intro_template(format_title: str) -> str:
    """A new report's intro, citing the format it follows (``{year}`` is replaced)."""
    return (
        f"本报告依据《中华人民共和国政府信息公开条例》和《{format_title}》编制。"
        "报告中所列数据统计期限为 {year} 年 1 月 1 日至 12 月 31 日。"
    )


INTRO_TEMPLATE = intro_template(FORMAT_TITLE)


def sections(proactive: tuple[Table, ...], applications: Table) -> tuple[Section, ...]:
    return (
        Section(
            "overview",
            "一",
            "一、总体情况",
            "总体",
            "overview",
            topics=OVERVIEW_TOPICS,
            heading_words=("总体",),
        ),
        Section(
            "proactive",
            "二",
            "二、主动公开政府信息情况",
            "主动",
            tables=proactive,
            heading_words=("主动公开",),
        ),
        Section(
            "applications",
            "三",
            "三、收到和处理政府信息公开申请情况",
            "申请",
            tables=(applications,),
            heading_words=("申请",),
        ),
        Section(
            "review_litigation",
            "四",
            "四、政府信息公开行政复议、行政诉讼情况",
            "复议",
            tables=(REVIEW_LITIGATION,),
            heading_words=("复议", "诉讼"),
        ),
        Section(
            "shortcomings",
            "五",
            "五、存在的主要问题及改进情况",
            "改进",
            "shortcomings",
            heading_words=("问题",),
        ),
        Section(
            "other_matters",
            "六",
            "六、其他需要报告的事项",
            "事项",
            "other_matters",
            heading_words=("事项",),
        ),
    )


# 二（本年）= 四（上年）in every applicant column; 现行有效件数 continues from last year.
CARRY_OVER = YearLink(
    rule="carry-over",
    table="applications",
    rows=(("carried_over", "carried_forward"),),
    columns=tuple(c.key for c in APPLICANT_COLUMNS),
)
IN_FORCE = YearLink(
    rule="in-force-continuity",
    table="art20_1",
    rows=(("regulations", "regulations"), ("normative_documents", "normative_documents")),
    columns=("in_force",),
    plus=("issued",),
    minus=("repealed",),
)

# Saying that nothing was charged without naming 信息处理费: 未发生收费情况, 未产生费用,
# 没有收取任何费用, 不收取费用 (a negation, a verb of charging, then 费 within the sentence).
FEE_STATEMENT = (
    r"(?:未|没有|无|不)[^。；;，,]{0,6}?"
    r"(?:(?:收取|发生|产生|涉及|收缴)[^。；;]{0,12}?(?:费用|收费|费)|收费)"
)

FORMAT_2021 = ReportFormat(
    version="2021",
    name="国办公开办函〔2021〕30号",
    title_suffix="年政府信息公开工作年度报告",
    intro_key="intro",
    intro_template=INTRO_TEMPLATE,
    sections=sections(PROACTIVE_2021, applications_table(OTHER_HANDLING_2021)),
    fee_keyword="信息处理费",
    fee_section="other_matters",
    fee_statement=FEE_STATEMENT,
    required_text=("shortcomings",),
    year_links=(CARRY_OVER, IN_FORCE),
)
