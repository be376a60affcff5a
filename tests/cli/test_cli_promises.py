"""What the README promises about the commands (issue 13, "the CLI's other promises"):
quiet counts, refused format/year mixes, JSON numbers, the JSON export's schema, the git
recipes, one punctuation style in --help."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_report.cli import build_parser, main
from tui_report.export import export_json
from tui_report.formats import FORMATS
from tui_report.report.model import CellRef
from tui_report.report.templates import new_report
from tui_report.storage import read_report

from ..conftest import EXAMPLE, GUANTING, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA_PATH = ROOT / "src" / "tui_report" / "export" / "report.schema.json"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_quiet_check_still_counts_the_warnings_it_hides(capsys):
    code, loud, _ = run(capsys, "check", str(GUANTING))
    code_quiet, quiet, _ = run(capsys, "check", "-q", str(GUANTING))
    assert code == code_quiet == 0
    assert "警告 [" in loud and "警告 [" not in quiet
    summary = loud.strip().splitlines()[-1]
    assert summary == "检查了 1 个报告：0 个错误，1 个警告"
    assert quiet.strip().splitlines()[-1] == summary


def test_sum_json_gives_numbers(tmp_path: Path, capsys):
    code, out, _ = run(capsys, "sum", str(EXAMPLE), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    first = rows[0]
    assert first["新收"] == 51 and isinstance(first["新收"], int)
    assert first["错误"] == 0
    assert rows[-1]["发布机关"] == "合计" and rows[-1]["新收"] == 51
    assert rows[-1]["错误"] is None


# --- the JSON export's schema ------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


# The sample reports, named: reports/ is where a user of the editor writes exports (a
# .docx or .html beside the report), and the suite must not read what is put there.
SAMPLES = (GUANTING, EXAMPLE)


def exports() -> dict[str, str]:
    found = {p.name: export_json(read_report(p).report) for p in SAMPLES}
    for version in FORMATS:
        year = 2020 if version == "2019" else 2024
        found[f"new-{version}"] = export_json(new_report("某局", year, FORMATS[version]))
    return found


EXPORTS = exports()


def test_exports_beside_the_samples_are_not_read_as_reports(tmp_path: Path, monkeypatch):
    """An export made from the editor for reports/example-2024.toml lands in reports/."""
    import tui_report.storage as storage

    made = tmp_path / "reports"
    made.mkdir()
    for sample in SAMPLES:
        shutil.copy(sample, made / sample.name)
    (made / "example-2024.html").write_text("<html>导出的网页</html>", encoding="utf-8")
    (made / "example-2024.docx").write_bytes(b"PK\x03\x04")
    read = []
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    monkeypatch.setattr(
        sys.modules[__name__],
        "read_report",
        lambda p: read.append(Path(p)) or storage.read_report(p),
    )
    assert exports() == EXPORTS
    assert read == list(SAMPLES)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_matches_the_schema(validator, name: str):
    data = json.loads(EXPORTS[name])
    validator.validate(data)
    assert data["schema"] == 1


def test_the_schema_is_not_vacuous(validator):
    data = json.loads(export_json(read_report(EXAMPLE).report))
    broken = json.loads(json.dumps(data))
    broken["sections"][2]["tables"][0]["rows"][0]["cells"]["natural_person"] = 42.5
    assert not validator.is_valid(broken)
    del data["schema"]
    assert not validator.is_valid(data)


def test_cells_have_stable_keys_beside_the_labels():
    data = json.loads(export_json(read_report(EXAMPLE).report))
    section = next(s for s in data["sections"] if s["key"] == "applications")
    table = section["tables"][0]
    row = next(r for r in table["rows"] if r["key"] == "new_received")
    assert row["cells"]["natural_person"] == 42 and row["values"]["自然人"] == 42
    assert row["cells"]["total"] == row["values"]["总计"] == 51
    assert list(row["cells"]) == [c["key"] for c in table["columns"]]


AMOUNT = st.decimals(min_value=0, max_value=9999, places=2, allow_nan=False)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    counts=st.lists(st.integers(min_value=0, max_value=999_999_999) | st.none(), min_size=6),
    fee=AMOUNT | st.none(),
    text=st.text(max_size=30),
)
def test_any_report_exports_to_the_schema(validator, counts, fee, text):
    report = new_report(text or "某局", 2024)
    table = report.format.table(report.format.applications_table)
    for column, value in zip(table.entered_columns, counts, strict=False):
        ref = CellRef(table.key, table.entered_rows[0].key, column.key)
        if value is None:
            report.cells[ref.table][ref.row][table.column_index[ref.column]] = None
        else:
            report.set(ref, value)
    fees = report.format.table("art20_8")
    if fee is not None:
        report.set(CellRef("art20_8", fees.entered_rows[0].key, fees.entered_columns[0].key), fee)
    report.texts["overview"] = text
    validator.validate(json.loads(export_json(report)))


def test_readme_documents_the_schema():
    assert "report.schema.json" in README
    assert '"schema": 1' in README and '"cells"' in README


# --- git recipes -----------------------------------------------------------------------------


def git_section() -> str:
    return README.split("### 放进 git", 1)[1].split("\n## ", 1)[0]


def test_git_recipes_have_no_placeholders():
    section = git_section()
    assert not re.search(r"<[^<>\n]*>", section), "a placeholder to fill in"
    assert "python -m tui_report" in section or ".venv/bin/tui-report" in section


def plain_environment(home: Path) -> dict[str, str]:
    """A shell where the virtual environment is not activated: tui-report is not on PATH."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "某人",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "某人",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "XDG_STATE_HOME": str(home / "state"),
    }


def recipe_halves() -> tuple[str, str]:
    blocks = re.findall(r"```sh\n(.*?)```", git_section(), re.S)
    assert blocks, "the recipe is a sh block"
    recipe = blocks[0]
    assert not re.search(r"^\s*cd\s", recipe, re.M)  # where to run it is said in words
    first, _, second = recipe.partition("\n# 然后")
    assert second, "the recipe says where its second half runs"
    return first, "# 然后" + second


class Repository:
    """A fresh repository of reports set up by the README's recipe, in a shell where
    tui-report is not on PATH; its hook run as pre-commit runs it (the entry split as a
    shell splits it, then the staged files its ``files`` pattern matches)."""

    def __init__(self, tmp_path: Path, program: Path | None = None) -> None:
        self.repo = tmp_path / "reports-repo"
        self.repo.mkdir()
        home = tmp_path / "home"
        home.mkdir()
        self.env = plain_environment(home)
        assert subprocess.run(["sh", "-c", "command -v tui-report"], env=self.env).returncode != 0
        first, second = recipe_halves()
        if program is None:
            script = f"set -e\ncd {ROOT}\n{first}\ncd {self.repo}\ngit init -q .\n{second}"
        else:  # the program's path as given (one with a space in it)
            script = f'set -e\nTUI_REPORT="{program}"\ncd {self.repo}\ngit init -q .\n{second}'
        done = subprocess.run(["bash", "-c", script], env=self.env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        config = (self.repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
        assert not re.search(r"<[^<>\n]*>", config) and "id: tui-report-check" in config
        entry = re.search(r"^\s*entry:\s*(.+)$", config, re.M)
        files = re.search(r"^\s*files:\s*(.+)$", config, re.M)
        assert entry and files
        self.entry = shlex.split(yaml_scalar(entry.group(1)))
        self.files = re.compile(yaml_scalar(files.group(1)))

    def git(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(self.repo), *args], env=self.env, capture_output=True, text=True
        )

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        """The hook on the staged files, then the commit if it passed."""
        staged = self.git("diff", "--cached", "--name-only").stdout.split()
        hooked = [f for f in staged if self.files.search(f)]
        hook = subprocess.run(
            [*self.entry, *hooked], env=self.env, cwd=self.repo, capture_output=True, text=True
        )
        if hook.returncode == 0:
            assert self.git("commit", "-qm", message).returncode == 0
        return hook


def yaml_scalar(text: str) -> str:
    """A one-line YAML scalar as YAML reads it (plain or single-quoted)."""
    text = text.strip()
    if text.startswith("'") and text.endswith("'"):
        return text[1:-1].replace("''", "'")
    return text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for the git recipe")
def test_git_recipe_works_without_an_activated_environment(tmp_path: Path):
    """Run the README's commands as written: from the tui-report folder, then in a
    repository of reports, in a shell where tui-report is not on PATH; then what a
    county office commits (issue 25's "Done when")."""
    repo = Repository(tmp_path)
    report = repo.repo / "r.toml"
    shutil.copy(EXAMPLE, report)
    repo.git("add", "-A")
    assert repo.commit("一").returncode == 0
    text = EXAMPLE.read_text(encoding="utf-8")
    report.write_text(text.replace("[42, 5,", "[43, 5,"), encoding="utf-8")
    diff = repo.git("diff")
    assert diff.returncode == 0, diff.stderr
    assert "new_received" not in diff.stdout  # the text layout, not TOML
    assert re.search(r"^\+\|.*43", diff.stdout, re.M)  # the changed table line
    repo.git("add", "r.toml")
    refused = repo.commit("错的数")
    assert refused.returncode == 1 and "applicant-balance" in refused.stdout  # 43 ≠ the totals
    shutil.copy(EXAMPLE, report)
    repo.git("add", "r.toml")
    # committing agencies.toml alone passes (it was refused: no .toml to check, exit 2)
    mapping = repo.repo / "agencies.toml"
    mapping.write_text('[agencies]\n"示例市示例区人民政府" = ["示例区政府"]\n', encoding="utf-8")
    repo.git("reset", "-q")
    repo.git("add", "agencies.toml")
    added = repo.commit("对照表")
    assert added.returncode == 0, added.stdout + added.stderr
    # a pyproject.toml beside the reports does not block a commit (35 errors before)
    shutil.copy(ROOT / "pyproject.toml", repo.repo / "pyproject.toml")
    repo.git("add", "pyproject.toml")
    assert repo.commit("工具配置").returncode == 0
    # git diff shows a change to agencies.toml and to a comment in a report
    mapping.write_text(
        '[agencies]\n"示例市示例区人民政府" = ["示例区人民政府"]\n', encoding="utf-8"
    )
    assert '+"示例市示例区人民政府" = ["示例区人民政府"]' in repo.git("diff").stdout
    repo.git("checkout", "--", "agencies.toml")
    report.write_text(text.replace("[applications]\n", "[applications]\n# 已核对\n"), "utf-8")
    assert "+[applications] # 已核对" in repo.git("diff").stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for the git recipe")
def test_git_recipe_works_where_the_programs_path_has_a_space(tmp_path: Path):
    """The recipe wrote $TUI_REPORT unquoted: a path with a space broke both commands."""
    spaced = tmp_path / "程序 目录" / "tui-report"
    spaced.parent.mkdir()
    spaced.symlink_to(ROOT / ".venv" / "bin" / "tui-report")
    if not spaced.exists():
        pytest.skip("no .venv/bin/tui-report here (the README's venv)")
    repo = Repository(tmp_path, spaced)
    report = repo.repo / "r.toml"
    shutil.copy(EXAMPLE, report)
    repo.git("add", "r.toml")
    assert repo.commit("一").returncode == 0
    report.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("[42, 5,", "[43, 5,"), encoding="utf-8"
    )
    diff = repo.git("diff")
    assert re.search(r"^\+\|.*43", diff.stdout, re.M), diff.stderr
    repo.git("add", "r.toml")
    assert repo.commit("错的数").returncode == 1


# --- one punctuation style in --help ---------------------------------------------------------


def all_help_texts() -> list[str]:
    parser = build_parser()
    texts = [parser.format_help()]
    commands = next(a for a in parser._actions if a.dest == "command").choices
    texts += [sub.format_help() for sub in commands.values()]
    return texts


def test_help_uses_chinese_punctuation_throughout():
    for text in all_help_texts():
        assert text.startswith("用法：")
        assert not re.search(r"[\u4e00-\u9fff]:", text), text  # no 选项: beside 用法：
        assert re.search(r"^选项：$", text, re.M), text


def test_help_of_the_installed_command():
    result = subprocess.run(
        [sys.executable, "-m", "tui_report", "check", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "80"},
        timeout=60,
    )
    assert result.returncode == 0
    assert "参数：" in result.stdout and "参数:" not in result.stdout


def test_decimal_amounts_stay_strings_in_the_export():
    report = read_report(EXAMPLE).report
    fees = report.format.table("art20_8")
    ref = CellRef("art20_8", fees.entered_rows[0].key, fees.entered_columns[0].key)
    report.set(ref, Decimal("1234.50"))
    data = json.loads(export_json(report))
    row = data["sections"][1]["tables"][-1]["rows"][0]
    assert "1234.50" in row["cells"].values()
