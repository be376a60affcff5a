"""A realistic benchmark corpus: folders of reports as a county's, a city's or a
province's repository holds them (issue 26).

- Agencies with real-looking names (``XX县自然资源局``, ``XX县XX镇人民政府``,
  ``XX市住房和城乡建设局``), a county's departments and towns together, and every
  number scaled by how busy the agency is (a town's few applications, a county
  office's hundreds): every cell varies.
- Narratives of real size: each report's parts 一, 五 and 六 assembled from many sentence
  pieces (``realistic_text``) with the agency's own numbers, files of 6–22 KB, no two
  alike.
- Two years: each agency's report of this year follows last year's (二、上年结转 is last
  year's 四、结转下年度继续办理, 现行有效件数 goes on from last year's).
- About one report in ten has a problem, of many rules (a balance that does not hold,
  a cell that is negative or fractional, a row too short, a row missing, a carry-over
  not brought forward, a placeholder left, a part empty, a topic or the fee statement
  left out, another year's statistics period, a wrong count of applications in the
  text, an unknown key, a missing agency); the others pass ``tui-report check`` with
  no problem at all.

Everything follows from the agency's number (a seeded generator each): the first
``n`` agencies of a folder of 50,000 are the agencies of a folder of ``n``.

    realistic_folder(path, count, years=2)  # count files: count / years agencies
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import realistic_text as words

from tui_report.formats import DEFAULT_FORMAT
from tui_report.report.model import Report
from tui_report.storage import render_new

SEED = 2026
LAST_YEAR, THIS_YEAR = 2023, 2024
MIN_BYTES, MAX_BYTES = 6_000, 22_000
APPLICATIONS = DEFAULT_FORMAT.table("applications")
OUTCOMES = [r.key for r in APPLICATIONS.entered_rows if r.key not in
            ("new_received", "carried_over", "carried_forward")]  # fmt: skip
# how often each outcome is the answer (予以公开 most often, then 不掌握, 部分公开 …)
OUTCOME_WEIGHTS = [
    {"granted": 40, "partially_granted": 8, "unavailable_not_held": 14,
     "unavailable_needs_creation": 4, "unavailable_unclear": 3, "denied_third_party": 3,
     "denied_process_info": 3, "denied_internal_affairs": 2, "denied_query_matters": 2,
     "not_processed_complaint": 4, "not_processed_repeated": 4,
     "other_no_correction": 2, "other_other": 2}.get(key, 1)
    for key in OUTCOMES
]  # fmt: skip
# applicant columns: how many of every hundred applications each kind of applicant makes
APPLICANT_SHARES = (85, 7, 1, 1, 3, 3)
ERROR_KINDS = (
    "applicant-balance",
    "cell-value-negative",
    "cell-value-fraction",
    "row-length",
    "cell-missing",
    "carry-over",
    "in-force-continuity",
    "placeholder",
    "text-empty",
    "topic-missing",
    "fee-not-mentioned",
    "year-mismatch",
    "narrative-count",
    "unknown-key",
    "agency-missing",
)
TWO_YEAR_KINDS = {"carry-over", "in-force-continuity"}  # only against last year's report


# --- agencies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Agency:
    name: str
    scale: float  # how busy: about 1 for a county's department


def _counties() -> list[str]:
    cities = {city for city in words.CITIES}
    found = []
    for second in words.COUNTY_SECOND:
        for first in words.COUNTY_FIRST:
            name = first + second
            if first != second and name not in cities:
                found.append(name)
    return found


def _towns(rng: random.Random) -> list[tuple[str, str]]:
    """A county's towns: (name with its kind, the kind of office)."""
    names: dict[str, tuple[str, str]] = {}
    while len(names) < words.TOWNS_PER_COUNTY:
        base = rng.choice(words.TOWN_FIRST) + rng.choice(words.TOWN_SECOND)
        kind, office = words.TOWN_KINDS[rng.choices((0, 1, 2), (6, 2, 2))[0]]
        names.setdefault(base, (base + kind, office))
    return list(names.values())


def agencies() -> Iterator[Agency]:
    """Every agency, in a fixed order: each city's departments, then county by county
    (county in the city's order) its departments and its towns."""
    counties = _counties()
    per_city = len(counties) // len(words.CITIES)
    for c, city in enumerate(words.CITIES):
        rng = random.Random(f"{SEED}-city-{c}")
        for department, scale in words.DEPARTMENTS:
            name = department.replace("分局", "局")
            yield Agency(f"{city}市{name}", scale * words.CITY_SCALE * rng.uniform(0.6, 1.6))
        for county in counties[c * per_city : (c + 1) * per_city]:
            kind = "区" if rng.random() < 0.3 else "县"
            for department, scale in words.DEPARTMENTS:
                yield Agency(f"{county}{kind}{department}", scale * rng.uniform(0.5, 1.8))
            for town, office in _towns(rng):
                yield Agency(
                    f"{county}{kind}{town}{office}", words.TOWN_SCALE * rng.uniform(0.3, 2)
                )


# --- one report ----------------------------------------------------------------------------


def _count(rng: random.Random, mean: float) -> int:
    """A count around ``mean`` (never negative; often 0 where the mean is small)."""
    if mean <= 0:
        return 0
    return max(0, int(rng.gammavariate(1.5, mean / 1.5) + 0.5))


def _split(rng: random.Random, total: int, weights: list[int]) -> list[int]:
    parts = [0] * len(weights)
    for i in rng.choices(range(len(weights)), weights, k=total):
        parts[i] += 1
    return parts


def fill_numbers(report: Report, rng: random.Random, scale: float, last: Report | None) -> None:
    """Every cell of ``report``, balanced, following ``last`` year's report if given."""
    cells = report.cells
    applications = cells["applications"]
    received_total = _count(rng, 30 * scale)
    received = _split(rng, received_total, list(APPLICANT_SHARES))
    if last is None:
        carried_over = [_count(rng, 0.05 * r) for r in received]
    else:
        carried_over = list(last.cells["applications"]["carried_forward"])
    applications["new_received"] = received
    applications["carried_over"] = carried_over
    forward = [
        min(r + c, _count(rng, 0.06 * r)) for r, c in zip(received, carried_over, strict=True)
    ]
    applications["carried_forward"] = forward
    done = [r + c - f for r, c, f in zip(received, carried_over, forward, strict=True)]
    columns = [_split(rng, n, OUTCOME_WEIGHTS) for n in done]
    for i, row in enumerate(OUTCOMES):
        applications[row] = [column[i] for column in columns]
    documents = cells["art20_1"]
    for row, rate in (("regulations", 0.02), ("normative_documents", 0.6)):
        issued = _count(rng, rate * scale * 4) if rng.random() < 0.7 else 0
        before = last.cells["art20_1"][row][2] if last is not None else _count(rng, rate * 40)
        repealed = min(before, _count(rng, rate * scale))
        documents[row] = [issued, repealed, before + issued - repealed]
    for table in DEFAULT_FORMAT.tables:
        if table.key in ("applications", "art20_1", "art20_8", "review_litigation"):
            continue
        for row in table.entered_rows:
            cells[table.key][row.key] = [
                _count(rng, 300 * scale) if rng.random() < 0.75 else 0
                for _ in table.entered_columns
            ]
    fee = Decimal(_count(rng, 800 * scale)) / 100 if rng.random() < 0.4 else Decimal("0.00")
    cells["art20_8"]["fees"] = [fee]
    for row in ("review", "litigation_direct", "litigation_after_review"):
        cells["review_litigation"][row] = [_count(rng, 0.3 * scale) for _ in range(4)]


def _sentence(rng: random.Random, piece: str, agency: str, year: int, scale: float) -> str:
    return piece.format(
        a=agency,
        y=year,
        p=rng.choice(words.PLATFORMS),
        n=_count(rng, 400 * scale) + 1,
        m=_count(rng, 20 * scale) + 1,
        k=rng.randint(2, 12),
    )


def fill_texts(report: Report, rng: random.Random, scale: float, target: int) -> None:
    """Parts 一, 五 and 六 (and the intro) written until the file is about ``target``
    bytes: paragraphs of the five topics, the count of applications stated once."""
    year = report.year or THIS_YEAR
    agency = report.agency
    received = sum(report.cells["applications"]["new_received"])
    carried = sum(report.cells["applications"]["carried_over"])
    intro = DEFAULT_FORMAT.intro_template.replace("{year}", str(year))
    report.texts["intro"] = intro
    paragraphs = {topic: [heading] for topic, heading in words.TOPIC_HEADINGS.items()}
    stated = rng.choice(words.RECEIVED) if received else words.NONE_RECEIVED
    paragraphs["依申请公开"].append(stated.format(r=received, c=carried))
    problems, measures = list(words.PROBLEMS), list(words.MEASURES)
    rng.shuffle(problems)
    rng.shuffle(measures)
    weak = problems[:2]
    fixes = measures[:2]
    other = [rng.choice(words.FEES).format(y=year, a=agency)]
    budget = target - 5_400  # the tables, comments, keys and headings: about 5.4 KB
    size = 0
    pieces = {topic: list(found) for topic, found in words.OVERVIEW.items()}
    for found in pieces.values():
        rng.shuffle(found)
    rounds = 0
    while size < budget:
        rounds += 1
        grew = False
        for topic, found in pieces.items():
            if found and size < budget:
                sentence = _sentence(rng, found.pop(), agency, year, scale)
                paragraphs[topic].append(sentence)
                size += len(sentence.encode())
                grew = True
        if rounds % 3 == 0 and len(weak) < len(problems) and size < budget:
            weak.append(problems[len(weak)])
            fixes.append(measures[len(fixes)])
            size += len((weak[-1] + fixes[-1]).encode()) + 12
            grew = True
        if rounds % 4 == 0 and len(other) < 1 + len(words.OTHER_MATTERS) and size < budget:
            sentence = _sentence(rng, words.OTHER_MATTERS[len(other) - 1], agency, year, scale)
            other.append(sentence)
            size += len(sentence.encode())
            grew = True
        if not grew:  # every piece used: start again with the numbers drawn anew
            pieces = {topic: list(found) for topic, found in words.OVERVIEW.items()}
            for found in pieces.values():
                rng.shuffle(found)
    opening = _sentence(rng, rng.choice(words.OPENING), agency, year, scale)
    report.texts["overview"] = "\n".join([opening, *("".join(p) for p in paragraphs.values())])
    listed = ("；".join(f"{i + 1}. {w}" for i, w in enumerate(some)) for some in (weak, fixes))
    report.texts["shortcomings"] = "存在的主要问题：{}。\n改进措施：{}。".format(*listed)
    rng.shuffle(other)
    report.texts["other_matters"] = "\n".join(other)


def make_report(agency: Agency, year: int, rng: random.Random, last: Report | None) -> Report:
    report = Report.empty(agency.name, year)
    fill_numbers(report, rng, agency.scale, last)
    mode = min(MAX_BYTES, 7_000 + 2_000 * agency.scale)  # a busy agency writes more
    fill_texts(report, rng, agency.scale, int(rng.triangular(MIN_BYTES, MAX_BYTES, mode)))
    return report


# --- the errors ------------------------------------------------------------------------------


def with_error(kind: str, report: Report, last: Report | None, rng: random.Random) -> str:
    """The file of ``report`` with one problem of ``kind`` (a rule's id, or close to one)."""
    cells, texts = report.cells, report.texts
    if kind == "applicant-balance":
        cells["applications"]["granted"][0] += 1 + rng.randint(0, 3)
    elif kind == "carry-over" and last is not None:
        cells["applications"]["carried_over"][0] += 2
        cells["applications"]["granted"][0] += 2  # the balance holds: only the link breaks
    elif kind == "in-force-continuity" and last is not None:
        cells["art20_1"]["normative_documents"][2] += 3
    elif kind == "placeholder":
        texts["overview"] += "\n（六）其他：____。"
    elif kind == "text-empty":
        texts["shortcomings"] = ""
    elif kind == "topic-missing":
        texts["overview"] = "\n".join(
            line for line in texts["overview"].split("\n") if not line.startswith("（五）")
        )
    elif kind == "fee-not-mentioned":
        texts["other_matters"] = "\n".join(
            line for line in texts["other_matters"].split("\n") if "信息处理费" not in line
        )
    elif kind == "year-mismatch":
        texts["intro"] = texts["intro"].replace(f"{report.year} 年", f"{(report.year or 1) - 1} 年")
    elif kind == "narrative-count":
        received = sum(cells["applications"]["new_received"])
        carried = sum(cells["applications"]["carried_over"])
        texts["overview"] += f"\n全年共收到政府信息公开申请 {received + carried + 7} 件。"
    elif kind == "agency-missing":
        report.agency = ""
    text = render_new(report)
    if kind == "cell-value-negative":
        text = re.sub(
            r"\npenalties = (\d+)", lambda m: f"\npenalties = -{int(m[1]) + 1}", text, count=1
        )
    elif kind == "cell-value-fraction":
        text = re.sub(r"\nenforcement = \d+", "\nenforcement = 2.5", text, count=1)
    elif kind == "row-length":  # two too many (one too few: a missing cell; one more: 总计)
        text = re.sub(r"(\ngranted = \[[^\]]*)\]", r"\1, 0, 0]", text, count=1)
    elif kind == "cell-missing":
        start = text.index("\ndenied_state_secret = ") + 1
        text = text[:start] + text[text.index("\n", start) + 1 :]
    elif kind == "unknown-key":
        text = text.replace("\n\n[intro]", '\ncontact = "0000-1234567"\n\n[intro]', 1)
    return text


# --- folders ---------------------------------------------------------------------------------


def agency_files(
    index: int, agency: Agency, years: int, error: str | None = None
) -> Iterator[tuple[int, str, str | None]]:
    """The reports of one agency: (year, the file's text, the kind of problem seeded in
    it or None), last year first. ``error``: seed this kind in the last report."""
    rng = random.Random(f"{SEED}-{index}")
    last: Report | None = None
    for year in (LAST_YEAR, THIS_YEAR)[-years:]:
        report = make_report(agency, year, rng, last)
        kept = report.copy()
        kind = None
        if (index * 7 + year) % 10 == 0:  # one report in ten, each year
            kind = rng.choice(
                [k for k in ERROR_KINDS if last is not None or k not in TWO_YEAR_KINDS]
            )
        if error is not None:
            kind = error if year == THIS_YEAR else None
        text = render_new(report) if kind is None else with_error(kind, report, last, rng)
        yield year, text, kind
        last = kept


def realistic_folder(path: Path | str, count: int, years: int = 2) -> list[Path]:
    """``count`` report files in ``path`` (made if need be): ``count`` agencies' reports of
    2024, or (``years`` = 2) ``count / 2`` agencies' reports of 2023 and of 2024, in the
    agencies' order (written on every core). The files are named as people name them:
    ``清河县自然资源局-2024.toml``."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    chosen = list(zip(range(count // years), agencies(), strict=False))
    step = 500
    parts = [(folder, chosen[i : i + step], years) for i in range(0, len(chosen), step)]
    if len(parts) < 2:
        return [p for part in parts for p in _write_part(part)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor() as pool:
        return [p for written in pool.map(_write_part, parts) for p in written]


def _write_part(part: tuple[Path, list[tuple[int, Agency]], int]) -> list[Path]:
    folder, chosen, years = part
    written = []
    for index, agency in chosen:
        for year, text, _kind in agency_files(index, agency, years):
            file = folder / f"{agency.name}-{year}.toml"
            file.write_text(text, encoding="utf-8")
            written.append(file)
    return written


if __name__ == "__main__":
    import sys

    made = realistic_folder(
        sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 2
    )
    print(f"{len(made)} 份报告写入 {sys.argv[1]}")
