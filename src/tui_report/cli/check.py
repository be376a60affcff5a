"""``tui-report check``: read, validate and report like a compiler, for one file or
thousands (folders are searched for ``*.toml``; files are checked in parallel).

Output lines are ``FILE:LINE: 级别 [rule-id] message``, then one summary line per file;
exit status 0 when no report has errors (warnings allowed), 1 when one has, 2 when a
file cannot be read. The check itself is ``folder.checking`` (its results are data);
this module prints them as they come.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

from ..environment import debugging
from ..folder.agencies import AgenciesError, AgencyNames, describe_agencies, read_agencies
from ..folder.check_notes import CheckedReports
from ..folder.checking import CheckRun, FileResult
from ..folder.index import ReportIndex
from ..folder.listing import Unreachable
from ..folder.parallel import workers_started_early
from ..folder.report_folder import ReportFolder
from ..folder.year_facts import facts_of
from ..report.problems import Problem, count
from ..storage import ReportFileError, read_report
from ..storage.tops import AGENCIES_FILE, ReportId
from ..text.visible import echo, for_editing, json_visible, warn
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE


def run(args: argparse.Namespace) -> int:
    """``tui-report check`` with the options given; the exit status."""
    return check_files(
        args.files,
        as_json=args.json,
        quiet=args.quiet,
        previous=args.previous,
        skip_unreadable=args.skip_unreadable,
        only_reports=args.only_reports,
    )


def format_problem(path: str, problem: Problem) -> str:
    where = f"{path}:{problem.location.line}" if problem.location.line else path
    return f"{where}: {problem.severity.label} [{problem.rule}] {problem.message}"


def check_files(
    arguments: list[Path],
    as_json: bool = False,
    quiet: bool = False,
    previous: Path | None = None,
    skip_unreadable: bool = False,
    only_reports: bool = False,
) -> int:
    """Check the files and folders given; print the problems and a summary (``quiet``:
    errors only, though the warnings are still counted; ``only_reports``: see
    ``ReportFolder.collect``). An ``agencies.toml`` given is checked as the agency names
    table. Returns the exit status. What the search of a folder cannot read (a folder
    without permission, a broken link) is said and makes the status 2, unless
    ``skip_unreadable``: then it is only said.

    Results stream: each file's problems are printed once it has been compared with
    last year's report, and only its summary line (JSON: its entry) is kept, in a
    temporary file, to be written after all the problems. For a folder the worker
    processes are started first, so that they carry none of its index."""
    with workers_started_early(any(os.path.isdir(a) for a in arguments)):
        return _check_files(arguments, as_json, quiet, previous, skip_unreadable, only_reports)


def _check_files(
    arguments: list[Path],
    as_json: bool,
    quiet: bool,
    previous: Path | None,
    skip_unreadable: bool,
    only_reports: bool,
) -> int:
    last_year = None
    if previous is not None:
        try:
            loaded = read_report(previous, for_saving=False)
        except ReportFileError as exc:
            warn(f"tui-report: --previous {exc}")
            return EXIT_UNREADABLE
        last_year = facts_of(loaded.report, previous)
    skipped: list[Path] = []
    reports = ReportFolder.around(arguments)
    names_error = reports.names_error
    tables = [a for a in arguments if a.name == AGENCIES_FILE and not a.is_dir()]
    tables_fine = all(check_agencies_file(table, as_json) for table in tables)
    if names_error and not tables:
        warn(names_error)  # said now; the check goes on without it
    unreachable: list[Unreachable] = []
    files = reports.collect_paths(arguments, skipped, unreachable, only_reports=only_reports)
    for item in unreachable:
        warn(f"{item.path}: {item.reason}" + ("；已跳过" if skip_unreadable else ""))
    if skipped:
        names = "、".join(str(p) for p in skipped[:3]) + ("等" if len(skipped) > 3 else "")
        warn(f"tui-report: 跳过 {len(skipped)} 个不像报告的 .toml 文件（{names}）")
    if not files:
        unread = bool(unreachable) and not skip_unreadable
        if (tables or only_reports) and not unread:  # nothing else to check: nothing wrong
            return EXIT_OK if tables_fine and names_error is None else EXIT_UNREADABLE
        if names_error is None and not unreachable:
            where = "、".join(str(a) for a in arguments)
            warn(f"tui-report: {where}: 目录中没有找到要检查的 .toml 文件")
        return EXIT_UNREADABLE
    run = CheckRun(reports, files, last_year)  # (one string each, shared with the index)
    del files
    output = CheckOutput(as_json, quiet, reports.names, names_error, unreachable, skip_unreadable)
    output.checked = CheckedReports(reports.index, reports.names)
    try:
        for result in run:
            output.add(result)
        if last_year is not None and not run.used_previous:
            warn(
                f"tui-report: 注意：{previous} 是 {last_year.agency} {last_year.year} 年的报告，"
                "所检查的报告中没有同一机关的下一年，未用它比对"
            )
        output.finish()
    finally:
        output.close()
    if output.unreadable or names_error or (unreachable and not skip_unreadable):
        return EXIT_UNREADABLE
    return EXIT_PROBLEMS if output.errors else EXIT_OK


class CheckOutput:
    """What ``check`` prints, as results come: problems at once; each file's summary line
    (JSON: its entry) to a temporary file, written out with the totals at the end."""

    def __init__(
        self,
        as_json: bool,
        quiet: bool,
        names: AgencyNames | None = None,
        names_error: str | None = None,
        unreachable: list[Unreachable] | None = None,
        skip_unreadable: bool = False,
    ) -> None:
        self.as_json = as_json
        self.quiet = quiet
        self.names = names if names is not None else AgencyNames()
        self.names_error = names_error
        self.unreachable = unreachable or []
        self.skip_unreadable = skip_unreadable
        self.debugging = debugging()
        # who and when each report is, and which was whose last year's (for the notes):
        # numbers of the folder's index, not a record per report
        self.checked = CheckedReports(ReportIndex(), self.names)
        self._not_found = 0  # reports whose last year's was not found: how many …
        self._not_found_first: list[ReportId] = []  # … and the first few
        self.files = self.errors = self.warnings = self.unreadable = 0
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def add(self, result: FileResult) -> None:
        e, w = count(result.problems)  # before -q hides the warnings
        self.files += 1
        self.errors += e
        self.warnings += w
        self.unreadable += result.unreadable is not None
        problems = [p for p in result.problems if p.is_error] if self.quiet else result.problems
        if result.facts is not None and result.total_of is None:  # a total: no unit's
            facts = result.facts
            self.checked.add(result.path, facts.agency, facts.year)
            if result.previous is not None:
                self.checked.link(result.path, result.previous)
            elif result.previous_not_found:
                self._not_found += 1
                if len(self._not_found_first) < NOT_FOUND_LISTED:
                    self._not_found_first.append(ReportId(result.path, facts.agency, facts.year))
        if self.as_json:
            entry = _json_entry(result, problems, e, w)
            self._spool.write(("" if self.files == 1 else ",\n") + entry)
            return
        if result.unreadable:
            warn(f"{result.unreadable}")
        for problem in problems:
            echo(format_problem(result.path, problem))
            if problem.traceback and self.debugging:  # a rule's bug, for whoever fixes it
                warn(problem.traceback.rstrip())
        line = _summary_line(result, e, w, self.quiet)
        if line is not None:
            self._spool.write(for_editing(line) + "\n")

    def finish(self) -> None:
        """The summary lines (JSON: the whole document) after every problem."""
        self._spool.seek(0)
        if self.as_json:
            import json  # only for --json: its import is ~8 ms of a 0.15 s check of one file

            counted = {
                "files": self.files,
                "errors": self.errors,
                "warnings": self.warnings,
                "unreadable": self.unreadable,
                "unreachable": len(self.unreachable),
            }
            head = json.dumps({"summary": counted}, ensure_ascii=False, indent=2)
            unreachable = [{"path": u.path, "error": u.reason} for u in self.unreachable]
            tail = json.dumps(
                {
                    "notes": self.notes(),
                    "agencies_error": self.names_error,
                    "unreachable": unreachable,
                },
                ensure_ascii=False,
                indent=2,
            )
            sys.stdout.write(json_visible(head[:-2]) + ',\n  "files": [\n')
            shutil.copyfileobj(self._spool, sys.stdout)
            sys.stdout.write("\n  ]," + json_visible(tail[1:]) + "\n")
            return
        shutil.copyfileobj(self._spool, sys.stdout)
        for note in self.notes() + not_found_note(self._not_found_first, self._not_found):
            echo(f"注意：{note}")
        summary = f"检查了 {self.files} 个报告：{self.errors} 个错误，{self.warnings} 个警告"
        if self.unreadable:
            summary += f"，{self.unreadable} 个文件无法读取"
        if self.unreachable:
            told = "跳过" if self.skip_unreadable else "未能检查"
            summary += f"，{told} {len(self.unreachable)} 处无法读取的目录或文件"
        if self.names_error:
            summary += f"，{AGENCIES_FILE} 有错误（未使用）"
        echo(summary)

    def notes(self) -> list[str]:
        """What only the files together show (two reports of one agency and year, a name
        written two ways), among the files checked. (The reports whose last year's
        report was not found are each marked in JSON: ``previous_not_found``.)"""
        return self.checked.notes()

    def close(self) -> None:
        self._spool.close()


NOT_FOUND_LISTED = 3  # reports named in the note on those without last year's


def not_found_note(reports: list[ReportId], count: int | None = None) -> list[str]:
    """The reports compared with no report of the year before (``count`` of them, the
    first few in ``reports``): said once, so that a clean result is not taken for one
    that checked the carry-over too."""
    count = len(reports) if count is None else count
    if not count:
        return []
    skipped = "未做与上一年的比对（上年结转等）"
    if count == 1:
        path, agency, year = reports[0]
        return [
            f"{path}：未找到{agency} {(year or 0) - 1} 年度的报告，{skipped}；"
            "可把上一年的报告放在同一目录或旁边的年度目录中，或用 --previous 指定"
        ]
    listed = "、".join(r.path for r in reports[:NOT_FOUND_LISTED])
    listed += "等" if count > NOT_FOUND_LISTED else ""
    return [f"{count} 个报告未找到同一机关上一年度的报告，{skipped}：{listed}"]


def check_agencies_file(path: Path, as_json: bool = False) -> bool:
    """``check agencies.toml``: the file checked as the agency names table it is (not as
    a report), said in one line; False when it cannot be used."""
    try:
        names = read_agencies(path)
    except AgenciesError as exc:
        warn(str(exc))
        return False
    if not as_json:
        echo(f"{path}: 没有问题（{describe_agencies(names)}）")
    return True


def _summary_line(result: FileResult, e: int, w: int, quiet: bool) -> str | None:
    if result.unreadable:
        return f"{result.path}: 无法读取"
    if quiet and not e:
        return None
    state = f"{e} 个错误，{w} 个警告" if e or w else "没有问题"
    if result.total_of is not None:
        state += f"（{result.total_of} 份报告的合计，由 sum 写出；汇总时不再计入）"
    note = f"（上年报告：{result.previous}" if result.previous else ""
    if result.also:
        note += f"；另有：{'、'.join(result.also)}"
    note += "）" if note else ""
    return f"{result.path}: {state}{note}"


def _json_entry(result: FileResult, problems: list[Problem], e: int, w: int) -> str:
    """One file's entry of ``check --json``, as it stands in the whole document (indented
    as ``json.dumps(..., indent=2)`` indents it there)."""
    import json  # only for --json (see ``CheckOutput.finish``)

    bad = result.unreadable
    entry = {
        "file": result.path,
        "readable": bad is None,
        "error": bad.message if bad else None,
        "line": bad.line if bad else None,
        "column": bad.column if bad else None,
        "previous": result.previous,
        "previous_others": result.also,
        "previous_not_found": result.previous_not_found,
        "total_of": result.total_of,
        "errors": e,
        "warnings": w,
        "problems": [p.as_dict() for p in problems],
    }
    text = json.dumps(entry, ensure_ascii=False, indent=2)
    return json_visible("    " + text.replace("\n", "\n    "))
