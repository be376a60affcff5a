"""The realistic benchmark corpus (benchmarks/realistic.py, issue 26): its reports pass
``tui-report check`` without a single problem, except the one in ten seeded with a
problem, and each of those is found by the rule it was seeded for."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tui_report.cli import main

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import realistic  # noqa: E402

# the rule each kind of seeded problem is found by
RULE_OF = {kind: kind for kind in realistic.ERROR_KINDS} | {
    "cell-value-negative": "cell-value",
    "cell-value-fraction": "cell-value",
}


def checked(folder: Path, capsys) -> dict[str, dict]:
    """``check --json`` of ``folder``: each file's entry, by file name."""
    main(["check", "--json", str(folder)])
    found = json.loads(capsys.readouterr().out)
    return {Path(entry["file"]).name: entry for entry in found["files"]}


def seeded(count: int, years: int) -> dict[str, str | None]:
    """File name → the kind of problem seeded in it (None: none), as ``realistic_folder``
    writes them."""
    kinds = {}
    for index, agency in zip(range(count // years), realistic.agencies(), strict=False):
        for year, _text, kind in realistic.agency_files(index, agency, years):
            kinds[f"{agency.name}-{year}.toml"] = kind
    return kinds


@pytest.mark.parametrize("years", [1, 2])
def test_clean_reports_pass_and_seeded_ones_are_found(tmp_path: Path, capsys, years: int):
    paths = realistic.realistic_folder(tmp_path, 50, years)
    assert len(paths) == 50
    kinds = seeded(50, years)
    assert set(kinds) == {p.name for p in paths}
    results = checked(tmp_path, capsys)
    with_problems = [name for name, kind in kinds.items() if kind is not None]
    assert len(with_problems) == 5  # one in ten
    for name, kind in kinds.items():
        entry = results[name]
        assert entry["readable"], name
        rules = {p["rule"] for p in entry["problems"]}
        if kind is None:
            assert rules == set(), name
        else:
            assert RULE_OF[kind] in rules, (name, kind, rules)
    if years == 2:  # each report of 2024 compared with its agency's of 2023
        linked = [e for n, e in results.items() if n.endswith("-2024.toml") and e["previous"]]
        assert len(linked) >= 23  # all but those whose agency was seeded away


@pytest.mark.parametrize("kind", realistic.ERROR_KINDS)
def test_every_kind_of_seeded_problem_is_found_by_its_rule(tmp_path: Path, capsys, kind: str):
    agency = next(realistic.agencies())
    for year, text, seeded_kind in realistic.agency_files(3, agency, 2, error=kind):
        assert seeded_kind == (kind if year == realistic.THIS_YEAR else None)
        (tmp_path / f"r-{year}.toml").write_text(text, encoding="utf-8")
    results = checked(tmp_path, capsys)
    assert {p["rule"] for p in results["r-2023.toml"]["problems"]} == set()
    assert {p["rule"] for p in results["r-2024.toml"]["problems"]} == {RULE_OF[kind]}


def test_reports_are_of_real_size_and_alike_in_nothing(tmp_path: Path):
    paths = realistic.realistic_folder(tmp_path, 200, 2)
    texts = [p.read_bytes() for p in paths]
    sizes = sorted(len(t) for t in texts)
    assert sizes[0] >= 6_000 and sizes[-1] <= 22_500
    assert sizes[len(sizes) // 2] >= 9_000  # not all of the smallest size
    assert len(set(texts)) == len(texts)
    overviews = {t[t.index(b"[overview]") : t.index(b"[art20_1]")] for t in texts}
    assert len(overviews) == len(texts)
    names = {p.name.rsplit("-", 1)[0] for p in paths}
    assert len(names) == 100
    assert any(n.endswith("镇人民政府") for n in names)
    assert any(n.endswith("县自然资源局") for n in names)
    assert any("市" in n for n in names)
    # every number varies: no row of part 三 is the same in every report
    rows = [line for line in texts[0].decode().splitlines() if line.startswith("granted = ")]
    assert rows and any(rows[0] not in t.decode() for t in texts)


def test_enough_agencies_for_the_largest_folder():
    names = [agency.name for agency in realistic.agencies()]
    assert len(set(names)) == len(names) >= 50_000


def test_a_small_folder_is_the_start_of_a_large_one(tmp_path: Path):
    small = realistic.realistic_folder(tmp_path / "small", 20, 2)
    large = realistic.realistic_folder(tmp_path / "large", 60, 2)
    large_texts = {p.name: p.read_bytes() for p in large}
    assert all(large_texts[p.name] == p.read_bytes() for p in small)
