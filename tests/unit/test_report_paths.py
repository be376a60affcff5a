"""``walk_report_paths`` and ``ReportFolder.collect_paths``: the files of a folder as one
string each (no ``Path`` kept per report: issue 26, flat memory), written and ordered
exactly as the ``Path`` objects they replace."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui_report.folder.index import ReportIndex, walk_report_paths, walk_reports
from tui_report.folder.report_folder import ReportFolder

from ..conftest import EXAMPLE

# names whose order by string differs from their order by path (part by part): "-" and
# "." sort before "/", and a file beside a folder sorts among its files by name
NAMES = [
    "a.toml",
    "a-b.toml",
    "a/z.toml",
    "a-b/c.toml",
    "a.b/c.toml",
    "ab.toml",
    "z.toml",
    "m/n/o.toml",
    "m/n-o.toml",
    "m-n.toml",
    "县/乙.toml",
    "县-甲.toml",
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    for name in NAMES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLE, path)
    return root


@pytest.mark.parametrize("written", ["{root}", "{root}/", "{root}//", "./{rel}", "{rel}/."])
def test_paths_are_strings_as_path_writes_them_in_path_order(
    tree: Path, written: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tree.parent)
    argument = Path(written.format(root=tree, rel=tree.name))
    # what the Path objects gave: each file's path, sorted part by part
    expected = sorted((str(argument / name) for name in NAMES), key=lambda p: Path(p).parts)
    expected = [str(Path(p)) for p in expected]
    found = list(walk_report_paths(argument))  # (numbers of an index, str when asked)
    assert found == expected
    assert all(isinstance(p, str) for p in found)
    assert walk_reports(argument) == [Path(p) for p in expected]


def test_each_path_is_a_number_of_the_index(tree: Path):
    index = ReportIndex()
    found = walk_report_paths(tree, index=index)
    assert sorted(found) == sorted(index.paths)
    # no string kept per file: the index's numbers, a str made when asked for
    assert [index.path(n) for n in found.numbers] == list(found)


def test_collect_paths_is_collect_as_strings(tree: Path):
    arguments = [tree / "m", tree / "a.toml", tree, tree / "z.toml"]
    strings = list(ReportFolder().collect_paths(arguments))
    assert strings == [str(p) for p in ReportFolder().collect(arguments)]
    assert len(strings) == len(set(strings)) == len(NAMES)  # each file once
    assert strings[:3] == [str(tree / "m/n/o.toml"), str(tree / "m/n-o.toml"), str(tree / "a.toml")]


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths")
def test_a_file_given_by_an_unusual_name_is_written_as_path_writes_it(tree: Path):
    given = Path(f"{tree}//a.toml")
    assert list(ReportFolder().collect_paths([given])) == [str(tree / "a.toml")]
