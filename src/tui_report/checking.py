"""``tui-report check``: read, validate and report like a compiler, for one file or
thousands (directories are searched for ``*.toml``; files are checked in parallel).

Output lines are ``FILE:LINE: 级别 [rule-id] message``, then one summary line per
file; exit status 0 when no report has errors (warnings allowed), 1 when one
has, 2 when a file cannot be read. A report is also checked against last
year's report of the same agency when one is given (``--previous``) or found
among the files checked or in the same folder.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .formats import FORMATS
from .problems import Problem, count
from .rules import validate
from .storage import ReportFileError, read_report
from .storage.toml_lines import key_lines
from .yearly import (
    Candidates,
    YearFacts,
    facts_of,
    facts_of_file,
    find_previous,
    same_agency,
    year_problems,
)

SERIAL_BELOW = 40  # fewer files than this are checked in this process


@dataclass(frozen=True)
class Unreadable:
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return self.message


@dataclass
class FileResult:
    path: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: Unreadable | None = None
    facts: YearFacts | None = None
    previous: str | None = None  # the file taken as last year's report


def collect(arguments: Iterable[Path]) -> list[Path]:
    """The files to check: files as given, directories searched for ``*.toml``."""
    files: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            files += sorted(p for p in argument.rglob("*.toml") if p.is_file())
        else:
            files.append(argument)
    return files


def check_file(path: str) -> FileResult:
    """Check one file (in a worker process: everything returned is plain data)."""
    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError as exc:
        return FileResult(path, unreadable=Unreadable(str(exc), exc.line, exc.column))
    problems = validate(loaded.report, loaded.structure)
    if problems:
        problems = _with_lines(problems, loaded.source)
    return FileResult(path, problems, facts=facts_of(loaded.report, path))


def _with_lines(problems: list[Problem], source: str) -> list[Problem]:
    lines = key_lines(source)
    located = [p.at_line(_line_of(p, lines)) for p in problems]
    located.sort(key=lambda p: p.location.line or 0)
    return located


def _line_of(problem: Problem, lines: dict[str, int]) -> int | None:
    key = problem.location.key
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]  # fall back to the enclosing table
    return None


def run_checks(files: list[Path]) -> list[FileResult]:
    paths = [str(p) for p in files]
    workers = os.cpu_count() or 1
    if len(paths) < SERIAL_BELOW or workers == 1:
        return [check_file(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check_file, paths, chunksize=chunk))


# --- last year's report ---------------------------------------------------------------


def add_year_checks(results: list[FileResult], previous: Path | None) -> None:
    """Check each report against last year's: ``previous`` if given, else one found."""
    explicit = facts_of_file(previous) if previous else None
    candidates = Candidates(r.facts for r in results if r.facts)
    for result in results:
        facts = result.facts
        if facts is None or facts.year is None:
            continue
        last = explicit or find_previous(facts, candidates.around(result.path, facts.year))
        if last is None:
            continue
        result.previous = last.path
        found = year_problems(FORMATS[facts.format], facts, last)
        if explicit and not (
            last.year == facts.year - 1 and same_agency(last.agency, facts.agency)
        ):
            print(
                f"tui-report: 注意：{last.path} 是 {last.agency} {last.year} 年的报告，"
                f"不是 {facts.agency} {facts.year - 1} 年的",
                file=sys.stderr,
            )
        if found:
            source = Path(result.path).read_text(encoding="utf-8-sig")
            result.problems = _with_lines(result.problems + found, source)


# --- output -------------------------------------------------------------------------------------


def format_problem(path: str, problem: Problem) -> str:
    where = f"{path}:{problem.location.line}" if problem.location.line else path
    return f"{where}: {problem.severity.label} [{problem.rule}] {problem.message}"


def check_files(
    arguments: list[Path],
    as_json: bool = False,
    quiet: bool = False,
    previous: Path | None = None,
) -> int:
    files = collect(arguments)
    if not files:
        where = "、".join(str(a) for a in arguments)
        print(f"tui-report: {where}: 目录中没有找到要检查的 .toml 文件", file=sys.stderr)
        return 2
    results = run_checks(files)
    add_year_checks(results, previous)
    if quiet:
        for result in results:
            result.problems = [p for p in result.problems if p.is_error]
    errors = sum(count(r.problems)[0] for r in results)
    warnings = sum(count(r.problems)[1] for r in results)
    unreadable = sum(1 for r in results if r.unreadable)
    if as_json:
        _print_json(results, errors, warnings, unreadable)
    else:
        _print_text(results, quiet)
        summary = f"检查了 {len(results)} 个报告：{errors} 个错误，{warnings} 个警告"
        if unreadable:
            summary += f"，{unreadable} 个文件无法读取"
        print(summary)
    if unreadable:
        return 2
    return 1 if errors else 0


def _print_text(results: list[FileResult], quiet: bool) -> None:
    for result in results:
        if result.unreadable:
            print(f"{result.unreadable}", file=sys.stderr)
        for problem in result.problems:
            print(format_problem(result.path, problem))
    for result in results:
        if result.unreadable:
            print(f"{result.path}: 无法读取")
            continue
        e, w = count(result.problems)
        if quiet and not e:
            continue
        state = f"{e} 个错误，{w} 个警告" if e or w else "没有问题"
        note = f"（上年报告：{result.previous}）" if result.previous else ""
        print(f"{result.path}: {state}{note}")


def _print_json(results: list[FileResult], errors: int, warnings: int, unreadable: int) -> None:
    files = []
    for result in results:
        e, w = count(result.problems)
        bad = result.unreadable
        files.append(
            {
                "file": result.path,
                "readable": bad is None,
                "error": bad.message if bad else None,
                "line": bad.line if bad else None,
                "column": bad.column if bad else None,
                "previous": result.previous,
                "errors": e,
                "warnings": w,
                "problems": [p.as_dict() for p in result.problems],
            }
        )
    summary = {
        "files": len(results),
        "errors": errors,
        "warnings": warnings,
        "unreadable": unreadable,
    }
    print(json.dumps({"summary": summary, "files": files}, ensure_ascii=False, indent=2))
