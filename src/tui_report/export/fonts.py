"""The faces of a published report and what stands in for each where it is missing.

The 公文 convention names fonts of Windows and of 方正 (仿宋_GB2312, 方正小标宋简体,
黑体); a computer without them should still show a serif body and title and sans-serif
headings, not one face for everything. Each stack goes from the named font through
the same face under its other names (Windows, macOS) to the free CJK fonts of Linux
(Noto, Source Han), then the generic family. The web page lists a stack as its
``font-family``; the PDF made through LibreOffice gets the same stacks as fontconfig
aliases (``fontconfig_aliases``); Word and WPS read the alternates of the .docx font
table (``word_package.FONTS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class FontStack:
    names: tuple[str, ...]
    generic: str  # "serif" or "sans-serif"

    @property
    def first(self) -> str:
        return self.names[0]

    def css(self) -> str:
        """The stack as a CSS ``font-family`` value."""
        quoted = [
            name if name.isascii() and " " not in name else f'"{name}"' for name in self.names
        ]
        return ", ".join([*quoted, self.generic])


SERIF_CJK = ("Noto Serif CJK SC", "Source Han Serif SC")
SANS_CJK = ("Noto Sans CJK SC", "Source Han Sans SC")

BODY = FontStack(("仿宋_GB2312", "仿宋", "FangSong", "STFangsong", *SERIF_CJK), "serif")
TITLE = FontStack(
    ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", *SERIF_CJK),
    "serif",
)
HEADING = FontStack(("黑体", "SimHei", "STHeiti", *SANS_CJK), "sans-serif")
PAGE_NUMBER = FontStack(("宋体", "SimSun", *SERIF_CJK), "serif")
STACKS = (BODY, TITLE, HEADING, PAGE_NUMBER)


def fontconfig_aliases(include: str) -> str:
    """A fontconfig file: the system's configuration (``include``), and for each named
    font its stand-ins in order, taken only where the font itself is missing."""
    aliases = []
    for stack in STACKS:
        accepted = "".join(f"<family>{escape(name)}</family>" for name in stack.names[1:])
        aliases.append(
            f'  <alias binding="same"><family>{escape(stack.first)}</family>'
            f"<accept>{accepted}<family>{stack.generic}</family></accept></alias>"
        )
    return "\n".join(
        [
            '<?xml version="1.0"?>',
            '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
            "<fontconfig>",
            f'  <include ignore_missing="yes">{escape(include)}</include>',
            *aliases,
            "</fontconfig>",
            "",
        ]
    )
