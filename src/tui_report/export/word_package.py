"""The parts of a Word file (.docx, Office Open XML) around its body: styles, fonts,
settings, the page-number footers and the document properties, and the zip that holds
them.

They are written here as XML text, the same every time but for the properties, instead
of starting from python-docx's template: that template brings an author "python-docx",
a date in 2013, "Microsoft Macintosh Word" and a blank thumbnail, and opening and
saving it alone takes longer than a whole plain-text export.

What the styles say (GB/T 9704, the 公文 convention):

- body text 仿宋_GB2312 三号 (16 pt), a fixed line of 28 pt, first line indented two
  characters; Latin letters and digits in Times New Roman; Chinese text tagged zh-CN;
- the title 方正小标宋简体 二号 (22 pt), centred; part headings 黑体 三号 as Word
  headings (they show in the navigation pane and keep with what follows);
- table text 五号 (10.5 pt), single-spaced;
- page numbers "— 1 —" in 宋体 四号 (14 pt) under the text: odd pages on the right and
  even pages on the left, one character in from the edge, as GB/T 9704 places them.

Each Chinese font names its alternates in the font table (仿宋_GB2312 → 仿宋 → FangSong,
方正小标宋简体 → 华文中宋 → 宋体 → SimSun, 黑体 → SimHei), which Word and WPS use where
the first is not installed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from html import escape
from io import BytesIO

from . import fonts
from .metadata import APPLICATION, Properties

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

LATIN_FONT = "Times New Roman"
BODY_FONT = fonts.BODY.first  # 仿宋_GB2312
HEADING_FONT = fonts.HEADING.first  # 黑体
TITLE_FONT = fonts.TITLE.first  # 方正小标宋简体
PAGE_NUMBER_FONT = fonts.PAGE_NUMBER.first  # 宋体
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 10.5, 14  # 三号, 二号, 五号, 四号
LINE_PT = 28  # the fixed line of the body: 22 lines a page
TITLE_LINE_PT = 35
TABLE_LINE_PT = 14  # fixed too: part 三 fits on a page whatever the font's own line height


@dataclass(frozen=True)
class Font:
    """An entry of the font table: the name, the one Word tries where it is missing,
    and what kind of face it is (for a substitute of the same kind)."""

    name: str
    alternate: str | None
    panose: str
    charset: str  # "86": GB2312
    family: str  # "roman" (serif), "modern" (fixed pitch), "swiss" (sans), "auto"
    pitch: str


FONTS = (
    Font(BODY_FONT, "仿宋", "02010609030101010101", "86", "modern", "fixed"),
    Font("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed"),
    Font(TITLE_FONT, "华文中宋", "02000000000000000000", "86", "auto", "variable"),
    Font("华文中宋", "宋体", "02010600040101010101", "86", "auto", "variable"),
    Font("宋体", "SimSun", "02010600030101010101", "86", "auto", "variable"),
    Font(HEADING_FONT, "SimHei", "02010609060101010101", "86", "modern", "fixed"),
    Font(LATIN_FONT, None, "02020603050405020304", "00", "roman", "variable"),
)

# Page and margins in twentieths of a point (twips): A4 and GB/T 9704's margins
# (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
TWIPS_PER_CM = 1440 / 2.54
PAGE_CM = (21.0, 29.7)
MARGINS_CM = {"top": 3.7, "right": 2.6, "bottom": 3.5, "left": 2.8}
FOOTER_CM = 2.2  # the page number's line about 7 mm under the text, as GB/T 9704 puts it
TEXT_WIDTH_CM = PAGE_CM[0] - MARGINS_CM["left"] - MARGINS_CM["right"]


def twips(cm: float) -> int:
    return round(cm * TWIPS_PER_CM)


def half_points(pt: float) -> int:
    return round(pt * 2)


def _fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}"/>'


def _size(pt: float) -> str:
    return f'<w:sz w:val="{half_points(pt)}"/><w:szCs w:val="{half_points(pt)}"/>'


NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
SINGLE_LINE = '<w:spacing w:line="240" w:lineRule="auto"/>'

STYLES = (
    XML_HEAD + f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" w:hAnsi="{LATIN_FONT}" '
    f'w:cs="{LATIN_FONT}"/>'
    f'<w:kern w:val="2"/>{_size(BODY_PT)}'
    # Chinese tagged zh-CN; Latin letters and digits en-US, as Chinese Word tags them
    # (tagged zh-CN, LibreOffice breaks a Latin word such as tui-report inside it)
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/></w:pPrDefault></w:docDefaults>"
    # body text
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/><w:pPr><w:widowControl/>"
    '<w:wordWrap w:val="0"/>'  # Word: a Latin word (tui-report, a URL) is not broken inside
    f'<w:spacing w:line="{LINE_PT * 20}" w:lineRule="exact"/>'
    f'<w:ind w:firstLineChars="200" w:firstLine="{BODY_PT * 2 * 20}"/><w:jc w:val="both"/></w:pPr>'
    "</w:style>"
    # the title
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>'
    "<w:pPr><w:keepNext/><w:keepLines/>"
    f'<w:spacing w:after="{LINE_PT * 20}" w:line="{TITLE_LINE_PT * 20}" w:lineRule="exact"/>'
    f'{NO_INDENT}<w:jc w:val="center"/></w:pPr>'
    f"<w:rPr>{_fonts(TITLE_FONT)}{_size(TITLE_PT)}</w:rPr></w:style>"
    # part headings
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
    '<w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/></w:pPr>'
    f"<w:rPr>{_fonts(HEADING_FONT)}</w:rPr></w:style>"
    # table text
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
    '<w:name w:val="表格文字"/><w:basedOn w:val="Normal"/><w:qFormat/>'
    f'<w:pPr><w:spacing w:line="{TABLE_LINE_PT * 20}" w:lineRule="exact"/>{NO_INDENT}'
    '<w:jc w:val="center"/></w:pPr>'
    f"<w:rPr>{_size(TABLE_PT)}</w:rPr></w:style>"
    # page numbers
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
    '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>'
    f"<w:pPr>{SINGLE_LINE}{NO_INDENT}</w:pPr>"
    f"<w:rPr>{_fonts(PAGE_NUMBER_FONT)}{_size(PAGE_NUMBER_PT)}</w:rPr></w:style>"
    # what a table has unless it says otherwise (Word's own default table style)
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>"
)

SETTINGS = (
    XML_HEAD + f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"  # odd and even pages number on opposite sides
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)


def _font_entry(font: Font) -> str:
    alternate = f'<w:altName w:val="{font.alternate}"/>' if font.alternate else ""
    return (
        f'<w:font w:name="{font.name}">{alternate}<w:panose1 w:val="{font.panose}"/>'
        f'<w:charset w:val="{font.charset}"/><w:family w:val="{font.family}"/>'
        f'<w:pitch w:val="{font.pitch}"/></w:font>'
    )


FONT_TABLE = (
    XML_HEAD + f'<w:fonts xmlns:w="{W_NS}">' + "".join(map(_font_entry, FONTS)) + "</w:fonts>"
)

EAST_ASIAN_RUN = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'  # “” and — full width


def _page_number_footer(side: str) -> str:
    """A footer holding ``— N —`` on ``side``, one character in from the edge."""
    indent = half_points(PAGE_NUMBER_PT) * 10  # one character of 四号, in twips
    return (
        XML_HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr>'
        f'<w:pStyle w:val="Footer"/><w:ind w:{side}="{indent}"/><w:jc w:val="{side}"/></w:pPr>'
        f'<w:r>{EAST_ASIAN_RUN}<w:t xml:space="preserve">— </w:t></w:r>'
        f'<w:fldSimple w:instr=" PAGE "><w:r>{EAST_ASIAN_RUN}<w:t>1</w:t></w:r></w:fldSimple>'
        f'<w:r>{EAST_ASIAN_RUN}<w:t xml:space="preserve"> —</w:t></w:r>'
        "</w:p></w:ftr>"
    )


ODD_FOOTER, EVEN_FOOTER = "footer1.xml", "footer2.xml"
FOOTERS = {ODD_FOOTER: _page_number_footer("right"), EVEN_FOOTER: _page_number_footer("left")}

SECTION = (
    f'<w:sectPr><w:footerReference w:type="default" r:id="rIdOddFooter"/>'
    f'<w:footerReference w:type="even" r:id="rIdEvenFooter"/>'
    f'<w:pgSz w:w="{twips(PAGE_CM[0])}" w:h="{twips(PAGE_CM[1])}"/>'
    f'<w:pgMar w:top="{twips(MARGINS_CM["top"])}" w:right="{twips(MARGINS_CM["right"])}" '
    f'w:bottom="{twips(MARGINS_CM["bottom"])}" w:left="{twips(MARGINS_CM["left"])}" '
    f'w:header="851" w:footer="{twips(FOOTER_CM)}" w:gutter="0"/>'
    '<w:cols w:space="425"/></w:sectPr>'
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rIdOddFooter" Type="{_REL}footer" Target="{ODD_FOOTER}"/>'
    f'<Relationship Id="rIdEvenFooter" Type="{_REL}footer" Target="{EVEN_FOOTER}"/>'
    "</Relationships>"
)

PACKAGE_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CONTENT_TYPES = (
    XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_WML}settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_WML}fontTable+xml"/>'
    + "".join(
        f'<Override PartName="/word/{name}" ContentType="{_WML}footer+xml"/>' for name in FOOTERS
    )
    + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
    'package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    "</Types>"
)

APP_PROPERTIES = (
    XML_HEAD + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>' + APPLICATION + "</Application></Properties>"
)


def core_properties(properties: Properties) -> str:
    """docProps/core.xml: the title, subject and author of the report, dated now."""
    title, subject, author = (
        escape(value, quote=False)
        for value in (properties.title, properties.subject, properties.author)
    )
    return (
        XML_HEAD + "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject>"
        f"<dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy>"
        "<dc:language>zh-CN</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{properties.stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{properties.stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def document_part(body: str) -> str:
    """word/document.xml around the body's paragraphs and tables, with the page setup."""
    return (
        XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        f"{body}{SECTION}</w:body></w:document>"
    )


def package(body: str, properties: Properties) -> bytes:
    """The .docx file: the body in the parts above, zipped (members dated as the
    document, so the same report and time give the same bytes)."""
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document_part(body),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES,
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        **{f"word/{name}": xml for name, xml in FOOTERS.items()},
        "docProps/core.xml": core_properties(properties),
        "docProps/app.xml": APP_PROPERTIES,
    }
    made = properties.made
    stamp = (max(made.year, 1980), made.month, made.day, made.hour, made.minute, made.second)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, xml.encode("utf-8"), compresslevel=6)
    return out.getvalue()
