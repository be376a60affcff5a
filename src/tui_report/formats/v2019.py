"""The 2019 trial format (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports.

Parts 一, 三, 四, 五 and 六 are those of the 2021 format, except that
（六）其他处理 is a single row; part 二 has other tables. Only what differs is
written here; everything else is taken from the 2021 description.
"""

from __future__ import annotations

from .spec import AMOUNT, SIGNED_COUNT, Column, ReportFormat, Row
from .v2021 import (
    CARRY_OVER,
    ENFORCEMENT,
    FEES,
    FORMAT_TITLE,
    LICENSING,
    OTHER_HANDLING,
    PENALTIES,
    REGULATIONS,
    RESULTS,
    applications_table,
    article_20_table,
    intro_template,
    sections,
)
from .v2021 import FORMAT_2021 as _BASE

PREVIOUS_ITEMS = Column("previous_items", "上一年项目数量")
CHANGE = Column("change", "本年增/减", SIGNED_COUNT, change_of=PREVIOUS_ITEMS.key)
DECISIONS = Column("decisions", "处理决定数量")

PROACTIVE_2019 = (
    article_20_table(
        "art20_1",
        "一",
        (
            Column("new_made", "本年新制作数量"),
            Column("new_published", "本年新公开数量"),
            Column("total_published", "对外公开总数量"),
        ),
        (REGULATIONS, Row("normative_documents", "规范性文件")),
    ),
    article_20_table(
        "art20_5",
        "五",
        (PREVIOUS_ITEMS, CHANGE, DECISIONS),
        (LICENSING, Row("other_services", "其他对外管理服务事项")),
    ),
    article_20_table(
        "art20_6", "六", (PREVIOUS_ITEMS, CHANGE, DECISIONS), (PENALTIES, ENFORCEMENT)
    ),
    article_20_table("art20_8", "八", (PREVIOUS_ITEMS, CHANGE), (FEES,)),
    article_20_table(
        "art20_9",
        "九",
        (Column("items", "采购项目数量"), Column("amount", "采购总金额", AMOUNT)),
        (Row("central_procurement", "政府集中采购"),),
    ),
)

OTHER_HANDLING_2019 = (Row("other_handling", OTHER_HANDLING, (RESULTS,)),)

FORMAT_2019 = ReportFormat(
    version="2019",
    name="国办公开办函〔2019〕60号",
    title_suffix=_BASE.title_suffix,
    intro_key=_BASE.intro_key,
    # the 2019 and 2020 reports cite the trial format, issued with 国办公开办函〔2019〕60号
    intro_template=intro_template(f"{FORMAT_TITLE}（试行）"),
    sections=sections(PROACTIVE_2019, applications_table(OTHER_HANDLING_2019)),
    fee_keyword=None,
    fee_section=None,
    required_text=_BASE.required_text,
    year_links=(CARRY_OVER,),
)
