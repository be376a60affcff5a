"""A crawled or saved portal page's furniture around the report: the lines about the
page (来源, 发布时间, 字号, 索引号) and the portal's own links after it (打印, 关闭, 上一篇)."""

from __future__ import annotations

import re

from .lines import Line

_PAGE_CHROME = re.compile(
    r"^\s*(【?\s*打印|【?\s*关闭|分享到|扫一扫|版权所有|主办单位|承办单位|网站标识码|上一篇|下一篇|"
    r"相关链接|相关阅读|相关文件|附件下载|.*ICP备)"
)
# A portal's line about the page itself, between the title and the intro.
_PAGE_META = re.compile(
    r"^\s*(来源|信息来源|发布机构|发布时间|发布日期|时间|日期|字号|浏览次数|点击数|阅读次数|索引号)"
    r"\s*[：:]|^\s*【?\s*字体\s*[：:]|^\s*【?\s*字号\s*[：:]"
)


def without_page_meta(front: list[Line]) -> list[Line]:
    """The intro of a saved web page without the portal's 来源/时间/字号 lines."""
    return [(n, t) for n, t in front if not _PAGE_META.match(t)]


def without_page_chrome(region: list[Line]) -> list[Line]:
    """The last part of a saved web page, cut where the portal's own links begin."""
    for i, (_, text) in enumerate(region):
        if _PAGE_CHROME.match(text):
            return region[:i]
    return region
