"""``tui-report check``: read, validate and report like a compiler, for one file or
thousands (directories are searched for ``*.toml``; files are checked in parallel).

Output lines are ``FILE:LINE: 级别 [rule-id] message``, then one summary line per
file; exit status 0 when no report has errors (warnings allowed), 1 when one
has, 2 when a file cannot be read. A report is also checked against last
year's report of the same agency when one is given (``--previous``) or found
among the files checked or in the same folder.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .agencies import AgencyNames, agencies_or_error
from .formats import FORMATS
from .parallel import each_in_order
from .problems import Problem, count
from .report_index import AGENCIES_FILE, Identity, ReportIndex, walk_reports
from .rules import validate
from .storage import ReportFileError, read_report
from .storage.reading import decode, read_bytes
from .storage.toml_lines import key_lines
from .visible import echo, json_visible, warn
from .yearly import YearFacts, facts_of, last_year_candidates, same_agency, year_problems


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
    also: list[str] = field(default_factory=list)  # other files that could have been


def collect(
    arguments: Iterable[Path],
    skipped: list[Path] | None = None,
    index: ReportIndex | None = None,
) -> list[Path]:
    """The files to work on: files as given, directories searched for ``*.toml`` (not in
    hidden folders such as .git or .venv, and only regular files that look like reports:
    the others go to ``skipped``; agencies.toml is never one). The same file given twice,
    or through a link, counts once. Every folder searched is indexed by agency and year
    on the way (``index``)."""
    files: list[Path] = []
    seen: set[Path] = set()
    for argument in arguments:
        if argument.name == AGENCIES_FILE and not argument.is_dir():
            continue  # the agency names table (see ``agencies``), not a report
        found = walk_reports(argument, skipped, index) if argument.is_dir() else [argument]
        for path in found:
            try:
                key = path.resolve() if path.exists() else path
            except OSError:
                key = path
            if key not in seen:
                seen.add(key)
                files.append(path)
    return files


def check_file(path: str) -> FileResult:
    """Check one file (in a worker process: everything returned is plain data)."""
    try:
        loaded = read_report(path, for_saving=False)
    except ReportFileError as exc:
        return FileResult(path, unreadable=Unreadable(str(exc), exc.line, exc.column))
    report = loaded.report
    with report.grids_kept():
        problems = validate(report, loaded.structure)
        errors = sum(1 for p in problems if p.is_error)
        facts = facts_of(report, path, errors)
    if problems:  # lines are looked for only in a file with problems
        problems = _with_lines(problems, loaded.source)
    return FileResult(path, problems, facts=facts)


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
    return list(each_in_order(check_file, [str(p) for p in files]))


# --- last year's report ---------------------------------------------------------------


def add_year_checks(
    results: list[FileResult], previous: YearFacts | None, index: ReportIndex | None = None
) -> None:
    """Check each report against last year's: ``previous`` (given on the command line)
    for the reports of its agency of the year after it; for the others, one found by
    agency and year among the files checked and in their folders (``index``: the files
    and folders already indexed)."""
    index = index if index is not None else ReportIndex()
    known = {r.path: r.facts for r in results if r.facts}
    for facts in known.values():  # files given by name, in other folders
        if facts.path not in index.paths:
            index.add(Identity(facts.path, facts.agency, facts.year))
    for result in results:
        facts = result.facts
        if facts is None or facts.year is None:
            continue
        if previous is not None and _is_previous_of(previous, facts):
            last, others = previous, []
        else:
            index.add_folder(Path(result.path).parent)
            found = last_year_candidates(facts, index, known)
            if not found:
                continue
            last, others = found[0], found[1:]
        result.previous = last.path
        result.also = [o.path for o in others]
        found_problems = year_problems(FORMATS[facts.format], facts, last)
        if found_problems:
            try:  # read again for the lines: it may have gone meanwhile (a git checkout)
                source, _ = decode(Path(result.path), read_bytes(Path(result.path)))
            except ReportFileError as exc:
                result.problems, result.facts = [], None
                result.unreadable = Unreadable(str(exc), exc.line, exc.column)
                continue
            result.problems = _with_lines(result.problems + found_problems, source)


def _is_previous_of(previous: YearFacts, facts: YearFacts) -> bool:
    return (
        previous.year == (facts.year or 0) - 1
        and previous.path != facts.path
        and same_agency(previous.agency, facts.agency)
    )


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
    """Check the files and folders given; print the problems and a summary (``quiet``:
    errors only, though the warnings are still counted). Returns the exit status."""
    last_year = None
    if previous is not None:
        try:
            loaded = read_report(previous, for_saving=False)
        except ReportFileError as exc:
            warn(f"tui-report: --previous {exc}")
            return 2
        last_year = facts_of(loaded.report, previous)
    skipped: list[Path] = []
    index = ReportIndex()
    agency_names, names_error = agencies_or_error(arguments)
    if names_error:
        warn(names_error)  # said now; the check goes on without it
    index.aliases = agency_names.aliases
    files = collect(arguments, skipped, index)
    if skipped:
        names = "、".join(str(p) for p in skipped[:3]) + ("等" if len(skipped) > 3 else "")
        warn(f"tui-report: 跳过 {len(skipped)} 个不像报告的 .toml 文件（{names}）")
    if not files:
        if names_error is None:
            where = "、".join(str(a) for a in arguments)
            warn(f"tui-report: {where}: 目录中没有找到要检查的 .toml 文件")
        return 2
    results = run_checks(files)
    add_year_checks(results, last_year, index)
    notes = folder_notes(results, agency_names)
    if last_year is not None and not any(r.previous == last_year.path for r in results):
        warn(
            f"tui-report: 注意：{previous} 是 {last_year.agency} {last_year.year} 年的报告，"
            "所检查的报告中没有同一机关的下一年，未用它比对"
        )
    counts = [count(r.problems) for r in results]  # before -q hides the warnings
    if quiet:
        for result in results:
            result.problems = [p for p in result.problems if p.is_error]
    errors = sum(e for e, _ in counts)
    warnings = sum(w for _, w in counts)
    unreadable = sum(1 for r in results if r.unreadable)
    if as_json:
        _print_json(results, counts, (errors, warnings, unreadable), notes, names_error)
    else:
        _print_text(results, counts, quiet)
        for note in notes:
            echo(f"注意：{note}")
        summary = f"检查了 {len(results)} 个报告：{errors} 个错误，{warnings} 个警告"
        if unreadable:
            summary += f"，{unreadable} 个文件无法读取"
        if names_error:
            summary += f"，{AGENCIES_FILE} 有错误（未使用）"
        echo(summary)
    if unreadable or names_error:
        return 2
    return 1 if errors else 0


def folder_notes(results: list[FileResult], names: AgencyNames) -> list[str]:
    """What only the files together show (two reports of one agency and year, a name
    written two ways), among the files checked."""
    from .county import notes

    known = {r.path: Identity(r.path, f.agency, f.year) for r in results if (f := r.facts)}
    pairs = [(r.path, r.previous) for r in results if r.path in known and r.previous in known]
    links = [(known[this], known[last]) for this, last in pairs]
    return notes(list(known.values()), links, names) if len(known) > 1 else []


def _print_text(results: list[FileResult], counts: list[tuple[int, int]], quiet: bool) -> None:
    for result in results:
        if result.unreadable:
            warn(f"{result.unreadable}")
        for problem in result.problems:
            echo(format_problem(result.path, problem))
    for result, (e, w) in zip(results, counts, strict=True):
        if result.unreadable:
            echo(f"{result.path}: 无法读取")
            continue
        if quiet and not e:
            continue
        state = f"{e} 个错误，{w} 个警告" if e or w else "没有问题"
        note = f"（上年报告：{result.previous}" if result.previous else ""
        if result.also:
            note += f"；另有：{'、'.join(result.also)}"
        note += "）" if note else ""
        echo(f"{result.path}: {state}{note}")


def _print_json(
    results: list[FileResult],
    counts: list[tuple[int, int]],
    totals: tuple[int, int, int],
    notes: list[str],
    names_error: str | None,
) -> None:
    files = []
    for result, (e, w) in zip(results, counts, strict=True):
        bad = result.unreadable
        files.append(
            {
                "file": result.path,
                "readable": bad is None,
                "error": bad.message if bad else None,
                "line": bad.line if bad else None,
                "column": bad.column if bad else None,
                "previous": result.previous,
                "previous_others": result.also,
                "errors": e,
                "warnings": w,
                "problems": [p.as_dict() for p in result.problems],
            }
        )
    errors, warnings, unreadable = totals
    summary = {
        "files": len(results),
        "errors": errors,
        "warnings": warnings,
        "unreadable": unreadable,
    }
    import json

    output = {"summary": summary, "files": files, "notes": notes, "agencies_error": names_error}
    text = json.dumps(output, ensure_ascii=False, indent=2)
    print(json_visible(text))
