"""The least a check of a folder must do, written as tightly as Python allows: a lower
bound for B3 (``tui-report check`` against the fastest parse of the same files).

``python benchmarks/least_check.py FOLDER`` reads every ``*.toml`` of FOLDER as the
parse floor does (read, decode, toml-rs, amounts as ``Decimal``), plus only what no
check can leave out, for a report in the usual shape: the top of each file read first
(to pair each report with last year's before reading them all), every value's type and
range looked at, each table's totals added up and every identity compared, the texts
looked at by the same quick tests the narrative rules use and their sentences read where
those tests say a sentence may state a count or a year, and one line written per file.

It leaves out, so the true cost of a check is higher still: building the report, the
problems and their messages and lines, the comparison with last year's report, anything
unusual in a file, the program's start (imports), and sending results between processes.
It reads the narrative rules' private helpers on purpose: the same text work, not less.
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from itertools import chain

import toml_rs

from tui_report.formats import DEFAULT_FORMAT
from tui_report.rules import narrative


def plans() -> list[tuple[str, tuple[str, ...], list[tuple[str, tuple[str, ...]]], list]]:
    """Per table: its key, its entered rows, its totals rows (sources) and identities."""
    found = []
    for table in DEFAULT_FORMAT.tables:
        entered = tuple(row.key for row in table.entered_rows)
        totals = [(row.key, row.sum_of) for row in table.rows if row.derived]
        sides = [(i.left, i.right) for i in table.identities]
        found.append((table.key, entered, totals, sides))
    return found


TABLES = plans()
TOPICS = [
    (section.text_key, [topic.keywords for topic in section.topics])
    for section in DEFAULT_FORMAT.sections
    if section.text_key
]
TEXT_KEYS = DEFAULT_FORMAT.text_keys


def check_like(folder: str) -> int:
    out = open(os.devnull, "w")  # noqa: SIM115
    files = 0
    for parent, _, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(".toml"):
                continue
            path = os.path.join(parent, name)
            fd = os.open(path, os.O_RDONLY)
            os.read(fd, 512)  # the top: who and when, to pair the years
            os.close(fd)
            with open(path, "rb") as handle:
                text = handle.read().decode("utf-8")
            try:
                _check_one(toml_rs.loads(text, parse_float=Decimal, toml_version="1.0.0"))
            except (KeyError, ValueError, TypeError):  # a file out of the usual shape: said
                out.write(f"{path}: 有问题\n")
                files += 1
                continue
            out.write(f"{path}: 没有问题\n")
            files += 1
    out.close()
    return files


def _check_one(data: dict) -> None:
    """The least a check does with one parsed report of the usual shape (``KeyError``,
    ``ValueError`` or ``TypeError`` where it is not: a row missing, a row too long)."""
    year = data["year"]
    for key, entered, totals, sides in TABLES:
        written = data[key]
        rows = {k: v if type(v) is list else [v] for k, v in written.items()}
        values = list(chain.from_iterable(rows[k] for k in entered))
        _ = set(map(type, values)), min(values), max(values)
        for total, sources in totals:
            rows[total] = list(map(sum, zip(*[rows[s] for s in sources], strict=True)))
        for row in rows.values():
            row.append(sum(row))  # the 总计 column
        for left, right in sides:
            _ = list(map(sum, zip(*[rows[k] for k in left], strict=True))) == list(
                map(sum, zip(*[rows[k] for k in right], strict=True))
            )
    for key in TEXT_KEYS:
        prose = data[key]["text"]
        _ = "____" in prose
        period, title, received = _quick_look(prose)
        if period or title or received:
            for _, sentence in narrative._sentences.__wrapped__(prose):
                if received:
                    narrative._stated_count(sentence, year)
                if period and "年" in sentence and narrative._PERIOD.search(sentence):
                    narrative._YEAR.findall(sentence)
    for key, keywords in TOPICS:
        plain = "".join(data[key]["text"].split())
        _ = [any(word in plain for word in words) for words in keywords]


def _quick_look(text: str) -> tuple[bool, bool, bool]:
    """Whether a sentence of ``text`` may name a period, a title or a count received: one
    search of the whole text each (the least a check can do; the program itself reads
    every sentence, BENCHMARKS.md "快速写法")."""
    if narrative._SAME_AFTER_NFKC.search(text):
        return True, True, True
    received = "申请" in text and bool(
        narrative._RECEIVED.search(text) or narrative._NONE_RECEIVED.search(text)
    )
    title = narrative._TITLE_WORDS in text and bool(narrative._TITLE.search(text))
    return bool(narrative._PERIOD.search(text)), title, received


if __name__ == "__main__":
    started = time.process_time()
    count = check_like(sys.argv[1])
    spent = time.process_time() - started
    print(f"{count} 份，{spent:.3f} s，每份 {spent / max(count, 1) * 1e6:.0f} µs")
