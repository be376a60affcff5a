"""``tui-report diff``: every value and paragraph changed between two reports, by the
official labels; exit status 0 when they are the same, 1 when not."""

from __future__ import annotations

import argparse

from ..report.diffing import changed_paragraphs, changed_values
from ..storage import ReportFileError, read_report
from ..text.visible import echo
from .output import EXIT_OK, EXIT_PROBLEMS, fail


def run(args: argparse.Namespace) -> int:
    """Compare two report files; the exit status."""
    try:
        old = read_report(args.old, for_saving=False).report
        new = read_report(args.new, for_saving=False).report
    except ReportFileError as exc:
        return fail(str(exc))
    values, paragraphs = changed_values(old, new), changed_paragraphs(old, new)
    for line in values + paragraphs:
        echo(line)
    if not values and not paragraphs:
        echo("两份报告的内容相同")
        return EXIT_OK
    return EXIT_PROBLEMS
