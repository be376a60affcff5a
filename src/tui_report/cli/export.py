"""``tui-report export``: a report as plain text, a web page, Word, PDF, JSON or Markdown;
``--textconv`` is what ``git diff`` shows of a report (``export.textconv``)."""

from __future__ import annotations

import argparse
import os
import sys

from .. import storage
from ..export import EXPORT_FORMATS, ExportError, render, textconv
from ..export.published import UNKNOWN, NumberText
from ..report.model import Report
from ..report.problems import count
from ..rules import validate
from ..storage import ReportFileError, read_report
from ..storage.atomic import refuse_link
from ..storage.files import os_reason
from ..storage.planted import stream_for, write_stream
from ..text.textwidth import cjk_width
from ..text.visible import for_editing, warn
from .output import EXIT_OK, EXIT_PROBLEMS, fail


def run(args: argparse.Namespace) -> int:
    """Export a report; the exit status."""
    if args.textconv:  # for git diff: every file shown, never refused (see textconv)
        return textconv.run(args.file, args.width)
    try:
        loaded = read_report(args.file, for_saving=False)
    except ReportFileError as exc:
        if args.force and args.export_format == "text" and args.output is None:
            return _export_unreadable(args, exc)
        return fail(str(exc))
    if args.fragment and args.export_format != "html":
        return fail("--fragment 只用于 --format html")
    if args.title and not args.fragment:
        return fail("--title 只用于 --fragment（完整网页总有标题）")
    kind = EXPORT_FORMATS[args.export_format]
    if kind.binary and args.output is None and sys.stdout.isatty():
        return fail(f"{kind.label}须用 -o 指定输出文件，例如 -o 报告{kind.suffix}")
    if args.output is not None and args.output.resolve() == args.file.resolve():
        return fail("输出文件不能是报告文件本身")
    stream = None
    if args.output is not None:
        try:  # said first: before the export is made
            stream = stream_for(args.output)  # a pipe or a terminal: written into
            if stream is None:
                refuse_link(args.output)
        except ReportFileError as exc:
            return fail(str(exc))
    if args.output is not None and stream is None:
        if args.output.is_dir():
            return fail(f"{args.output}: 这是一个目录；请用 -o 给出要写入的文件名")
        if os.path.lexists(args.output) and not args.force:
            return fail(f"{args.output}: 文件已存在；如要覆盖，请加 --force")
    report = loaded.report
    errors, _ = count(validate(report, loaded.structure))
    if errors and not args.force:
        warn(
            f"tui-report: {args.file} 有 {errors} 个错误，未导出"
            f"（运行 tui-report check {args.file} 查看；如仍要导出，加 --force）"
        )
        return EXIT_PROBLEMS
    try:
        content = render(report, kind.name, args.width, args.fragment, args.title or None)
    except ExportError as exc:
        return fail(exc.message)
    if not args.quiet:
        _export_notes(args, errors, report, content)
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return EXIT_OK
    try:
        if stream is not None:  # a pipe or a terminal: nothing is replaced
            write_stream(args.output, content, stream)
        else:  # no more open than the report; replaced only with --force
            storage.write_atomic(args.output, content, create=not args.force, made_from=args.file)
    except ReportFileError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"{args.output}: 无法写入：{os_reason(exc)}")
    if not args.quiet:
        warn(f"已导出到 {args.output}")
    return EXIT_OK


def _export_unreadable(args: argparse.Namespace, exc: Exception) -> int:
    """export --force of a file that is not a report (a typo in the TOML, a merge
    conflict's markers) as git's textconv: its own text, after a line saying so, so
    that `git diff` still compares the two versions instead of stopping."""
    try:
        text = args.file.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return fail(str(exc))
    note = f"（{exc}；无法读取为报告，以下是文件原文）\n"
    if not args.quiet:
        warn(f"tui-report: 注意：{exc}；按 --force 以原文导出")
    sys.stdout.flush()
    sys.stdout.buffer.write((note + for_editing(text)).encode("utf-8"))
    sys.stdout.buffer.flush()
    return EXIT_OK


def _export_notes(args: argparse.Namespace, errors: int, report: Report, content: bytes) -> None:
    """What a person should know about an export: a table wider than asked, and the
    unknown values of a report exported with errors."""
    if args.export_format == "text":
        lines = content.decode("utf-8").splitlines()
        widest = max((cjk_width(line) for line in lines if line.startswith(("+", "|"))), default=0)
        if widest > args.width:
            warn(f"tui-report: 注意：有的表格无法压缩到 {args.width} 列以内（最宽 {widest} 列）")
    if errors:
        unknown = NumberText(report).unknown()
        marked = f"；{unknown} 个无效或缺失的数以“{UNKNOWN}”标出" if unknown else ""
        warn(f"tui-report: 注意：{args.file} 有 {errors} 个错误，按 --force 仍然导出{marked}")
