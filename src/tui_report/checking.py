"""``tui-report check``: read, validate and report like a compiler.

Output lines are ``FILE:LINE: 级别 [rule-id] message``; exit status 0 when no
report has errors (warnings allowed), 1 when one has, 2 when a file cannot be read.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, count
from .rules import validate
from .storage import ReportFileError, read_report


@dataclass
class FileResult:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    unreadable: ReportFileError | None = None


def check_file(path: Path) -> FileResult:
    try:
        loaded = read_report(path)
    except ReportFileError as exc:
        return FileResult(path, unreadable=exc)
    problems = validate(loaded.report, loaded.structure)
    if problems:
        lines = loaded.lines()
        problems = [p.at_line(_line_of(p, lines)) for p in problems]
        problems.sort(key=lambda p: p.location.line or 0)
    return FileResult(path, problems)


def _line_of(problem: Problem, lines: dict[str, int]) -> int | None:
    key = problem.location.key
    while key:
        if key in lines:
            return lines[key]
        key = key.rpartition(".")[0]  # fall back to the enclosing table
    return None


def format_problem(path: Path, problem: Problem) -> str:
    where = f"{path}:{problem.location.line}" if problem.location.line else str(path)
    return f"{where}: {problem.severity.label} [{problem.rule}] {problem.message}"


def check_files(paths: list[Path], as_json: bool = False, quiet: bool = False) -> int:
    results = [check_file(p) for p in paths]
    for result in results:
        if quiet:
            result.problems = [p for p in result.problems if p.is_error]
    errors = sum(count(r.problems)[0] for r in results)
    warnings = sum(count(r.problems)[1] for r in results)
    unreadable = sum(1 for r in results if r.unreadable)
    if as_json:
        _print_json(results, errors, warnings, unreadable)
    else:
        for result in results:
            if result.unreadable:
                print(f"{result.unreadable}", file=sys.stderr)
            for problem in result.problems:
                print(format_problem(result.path, problem))
        summary = f"检查了 {len(results)} 个报告：{errors} 个错误，{warnings} 个警告"
        if unreadable:
            summary += f"，{unreadable} 个文件无法读取"
        print(summary)
    if unreadable:
        return 2
    return 1 if errors else 0


def _print_json(results: list[FileResult], errors: int, warnings: int, unreadable: int) -> None:
    files = []
    for result in results:
        e, w = count(result.problems)
        files.append(
            {
                "file": str(result.path),
                "readable": result.unreadable is None,
                "error": result.unreadable.message if result.unreadable else None,
                "line": result.unreadable.line if result.unreadable else None,
                "column": result.unreadable.column if result.unreadable else None,
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
