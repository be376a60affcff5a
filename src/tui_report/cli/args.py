"""The ``tui-report`` command line: its commands and options, in Chinese (argparse)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__
from ..report.domain import MAX_YEAR, MIN_YEAR
from ..report.rule_ids import RULE_IDS
from .chinese_argparse import ChineseArgumentParser, ChineseHelpFormatter
from .chinese_argparse import install as install_chinese_argparse

# The names of what an option takes, as its help shows them (-o 输出文件, --year 年度):
# one wording for one thing, in Chinese; only file extensions and format names are Latin.
REPORT = "报告.toml"
REPORT_OR_FOLDER = "报告或目录"
LAST = "上年报告.toml"
LAST_OR_FOLDER = "上年报告或目录"
SOURCE = "输入文件"
OUTPUT = "输出文件"
AGENCY = "机关名称"
YEAR = "年度"
WIDTH = "宽度"
MIN_WIDTH = 40
NARROWEST_TABLE = 69  # the text export's 申请情况表 at its narrowest (tests/cli/test_cli_help.py)

DESCRIPTION = """\
政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）的编辑、校验
与导出工具。

常用：
  tui-report 报告.toml             打开编辑器（文件不存在时先问机关和年度）
  tui-report reports/              目录视图：状态、合计、上年比较、全县检查
  tui-report check reports/        校验勾稽关系等规则（有错误时退出码为 1）
  tui-report export 报告.toml      导出纯文本（表格只在等宽的中文字体中对齐）
  tui-report export 报告.toml --format docx -o 报告.docx
                                   导出 Word 文档（官方模板表格）
"""


def build_parser() -> argparse.ArgumentParser:
    install_chinese_argparse()
    parser = ChineseArgumentParser(
        prog="tui-report",
        description=DESCRIPTION,
        formatter_class=ChineseHelpFormatter,
    )  # -h says 显示帮助并退出 in every command: argparse's words in Chinese (chinese_argparse)
    parser.add_argument(
        "--version", action="version", version=f"tui-report {__version__}", help="显示版本并退出"
    )
    commands = parser.add_subparsers(dest="command", title="命令", metavar="<命令>")

    new = _command(
        commands,
        "new",
        "新建报告：全零的空白报告，或用 --from 从上一年的报告开始（不会覆盖已有文件）",
    )
    new.add_argument("file", type=_path, metavar=REPORT, help="要创建的报告文件（.toml）")
    new.add_argument(
        "--agency",
        type=_agency,
        metavar=AGENCY,
        help="发布机关，例如：巨鹿县官亭镇人民政府（用 --from 时默认沿用）",
    )
    new.add_argument(
        "--year",
        type=_year,
        metavar=YEAR,
        help="报告年度，例如：2024（用 --from 时默认为上一年 + 1）",
    )
    new.add_argument(
        "--from",
        dest="last",
        type=_path,
        metavar=LAST_OR_FOLDER,
        help="上一年的报告：沿用发布机关，上年结转取自上年的“结转下年度继续办理”，现行有效件数沿用上年；"
        "给出目录时，在其中按 --agency 和年度查找上一年的报告",
    )
    new.add_argument("--keep-text", action="store_true", help="与 --from 一起用：沿用上一年的文字")

    check = _command(commands, "check", "校验报告：数值、勾稽关系、年份与文字说明")
    check.add_argument(
        "files",
        nargs="+",
        type=_path,
        metavar=REPORT_OR_FOLDER,
        help="报告文件（.toml）或目录（查找其中所有 .toml）",
    )
    check.add_argument(
        "--previous",
        type=_path,
        metavar=LAST,
        help=(
            "上一年的报告（不给出时，按发布机关和年度由近及远自动查找：所给的文件和同一目录，"
            "旁边以上一年命名的目录如 2024/，所在仓库或目录的目录树）"
        ),
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出问题列表")
    check.add_argument(
        "--only-reports",
        action="store_true",
        help="所给的文件中只检查像报告的（与检查目录时的规则相同：开头有 format、agency "
        "或 year），其他 .toml（如 pyproject.toml）跳过；都不是报告时退出码为 0（供 git 钩子用）",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="只逐条输出错误（警告不列出，但仍计入小结）"
    )
    _skip_unreadable(check)
    check.add_argument(
        "--rules", action=ListRules, help="列出全部校验规则（编号、级别、说明）并退出"
    )

    export = _command(
        commands,
        "export",
        "导出报告：纯文本、网页 HTML、Word 文档、PDF（供发布），或 JSON、Markdown",
    )
    export.add_argument("file", type=_path, metavar=REPORT, help="报告文件（.toml）")
    export.add_argument(
        "--format",
        dest="export_format",
        choices=("text", "html", "docx", "pdf", "json", "markdown"),
        default="text",
        help="导出格式（默认 text）：text 纯文本（表格只在等宽的中文字体中对齐），html 网页，"
        "docx Word 文档，pdf（由 Word 文档经 LibreOffice 排版，须已安装 LibreOffice），"
        "json，markdown",
    )
    export.add_argument(
        "-o",
        "--output",
        type=_path,
        metavar=OUTPUT,
        help="写入此文件（默认写到标准输出：屏幕、管道或重定向的文件；"
        "docx、pdf 不能输出到终端，须用 -o 或重定向；已存在的文件须加 --force 才覆盖）",
    )
    export.add_argument(
        "--fragment",
        action="store_true",
        help="与 --format html 一起用：只输出正文（不含标题；样式写在各元素上，"
        "表格另带 border 属性），供粘贴到门户网站编辑器的源代码中",
    )
    export.add_argument(
        "--title", action="store_true", help="与 --fragment 一起用：正文前也输出报告标题"
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="-o 的文件已存在时覆盖；报告有错误时仍然导出（无效或缺失的数以“？”标出；"
        "无法读取的文件如 TOML 语法错误，纯文本输出到屏幕时给出文件原文）",
    )
    export.add_argument(
        "-q", "--quiet", action="store_true", help="不显示提示（如作为 git 的 textconv 时）"
    )
    export.add_argument(
        "--textconv",
        action="store_true",
        help="供 git diff 使用（git 的 textconv）：报告输出纯文本版式（有错误也输出），"
        "其后列出版式没有显示的行（手写的注释、程序不认识的键）；agencies.toml 等不是报告的"
        "文件和无法读取的文件输出原文",
    )
    export.add_argument(
        "--width",
        type=_width,
        default=100,
        metavar=WIDTH,
        help=f"纯文本表格的最大宽度（按半角字符计，默认 100，最小 {MIN_WIDTH}；"
        f"申请情况表最窄 {NARROWEST_TABLE} 列，给出更窄的宽度时它仍为 {NARROWEST_TABLE} 列）",
    )

    imp = _command(
        commands,
        "import",
        "从已发布的报告导入：PDF 或网页复制的文字、Word 表格、Markdown、"
        ".html、.pdf、.docx、本程序导出的纯文本和 JSON",
    )
    imp.add_argument(
        "input",
        type=_path,
        metavar=SOURCE,
        help="要导入的文件（.txt、.md、.html、.pdf、.docx、.json 等）",
    )
    imp.add_argument(
        "-o",
        "--output",
        type=_path,
        metavar=REPORT,
        help="写入的报告文件（默认：与输入同名的 .toml）",
    )
    imp.add_argument("--force", action="store_true", help="输出文件已存在时覆盖")
    imp.add_argument(
        "--agency", type=_agency, metavar=AGENCY, help="发布机关（标题中找不到或不对时指定）"
    )
    imp.add_argument(
        "--year", type=_year, metavar=YEAR, help="报告年度（标题中找不到或不对时指定）"
    )
    imp.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="逐个列出按 0 导入的空单元格（默认每个表格只给一条小结）",
    )
    imp.add_argument(
        "--text",
        action="store_true",
        help="只显示从 PDF、网页或 Word 文件提取出的文字（导入信息中的行号即指这些行），不导入",
    )

    diff = _command(
        commands, "diff", "比较两份报告：列出每个改动的数值（官方标签、新旧两个数）和改动的段落"
    )
    diff.add_argument("old", type=_path, metavar="原报告.toml", help="原来的报告")
    diff.add_argument("new", type=_path, metavar="新报告.toml", help="新的报告")

    total = _command(commands, "sum", "汇总多份同一年度的报告（如全县各单位），并列出各单位概况")
    total.add_argument(
        "files", nargs="+", type=_path, metavar=REPORT_OR_FOLDER, help="报告文件（.toml）或目录"
    )
    total.add_argument(
        "-o",
        "--output",
        type=_path,
        metavar=OUTPUT,
        help="把合计写成一份报告文件（.toml）；--format xlsx 时为 Excel 文件（.xlsx）",
    )
    total.add_argument(
        "--agency",
        default=None,
        type=_agency,
        metavar=AGENCY,
        help="合计报告的发布机关（默认：合计）",
    )
    total.add_argument(
        "--year",
        type=_year,
        metavar=YEAR,
        help="只汇总这一年度的报告（目录中有几个年度时用，例如 --year 2024；"
        "按文件中的年度，不看文件名）",
    )
    total.add_argument(
        "--format",
        dest="overview_format",
        choices=("text", "json", "csv", "xlsx"),
        default="text",
        help="概况表的格式（默认 text）；csv 中以 = + - @ 开头的文字前加 '"
        "（防止表格软件当作公式）；xlsx：Excel 文件，含各单位概况、未计入合计的报告和缺报单位、"
        "合计的各个表格（官方表格样式，A4 横向打印）；不能输出到终端，须用 -o 或重定向",
    )
    total.add_argument("--include-invalid", action="store_true", help="也计入有错误的报告")
    total.add_argument("--force", action="store_true", help="-o 的文件已存在时覆盖")
    _skip_unreadable(total)

    edit = _command(
        commands,
        "edit",
        "在终端编辑器中打开报告，或打开目录视图（也可直接 tui-report 文件名或目录）",
    )
    edit.add_argument(
        "file",
        type=_path,
        metavar=REPORT_OR_FOLDER,
        help="报告文件（.toml，不存在时新建）；或目录：列出其中全部报告、合计和全县检查",
    )
    return parser


def _skip_unreadable(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--skip-unreadable",
        action="store_true",
        help="目录中无法读取的子目录、文件和断开或循环的符号链接只提示、跳过，"
        "不因此以退出码 2 结束（默认：逐个说明，退出码 2）",
    )


def _command(
    commands: argparse._SubParsersAction[ChineseArgumentParser], name: str, help_text: str
) -> argparse.ArgumentParser:
    return commands.add_parser(name, help=help_text, description=help_text)


class ListRules(argparse.Action):
    """``check --rules``: every rule id with its severity and meaning (the registry,
    ``report.rule_ids``), then the program ends, as ``--version`` does."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        widest = max(len(rule) for rule in RULE_IDS)
        for rule, info in RULE_IDS.items():
            print(f"{rule:<{widest}}  {info.severity.label}  {info.description}")
        parser.exit()


def _path(text: str) -> Path:
    """A file or folder named on the command line; an empty one (``check ''``, a shell
    variable left empty) is a mistake, not the current folder as ``Path('')`` has it."""
    if not text:
        raise argparse.ArgumentTypeError("路径为空（给出的是空字符串）")
    return Path(text)


def _agency(text: str) -> str:
    """An agency's name as the editor's dialog takes it: without the spaces around it,
    never empty (a report of no one)."""
    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("请填写发布机关（机关名称为空）")
    return name


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"年度应为四位数字，例如 2024，而不是 {text!r}") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"年度应在 {MIN_YEAR} 至 {MAX_YEAR} 之间")
    return year


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"宽度应为整数，而不是 {text!r}") from None
    if value < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"宽度至少为 {MIN_WIDTH}")
    return value
