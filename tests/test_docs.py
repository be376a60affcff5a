"""The README documents every command and every rule id."""

from __future__ import annotations

import re

from tui_report.cli import build_parser
from tui_report.formats import FORMATS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def rule_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "src" / "tui_report").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        ids |= set(re.findall(r'Problem\(\s*"([a-z-]+)"', text))
        ids |= set(re.findall(r'_metadata_problem\(\s*"([a-z-]+)"', text))
    for fmt in FORMATS.values():
        for table in fmt.tables:
            ids |= {i.rule for i in table.identities}
            ids |= {x.rule for x in (*table.rows, *table.columns) if x.rule}
    return ids - {"rule-failed"}


def test_every_rule_id_is_documented():
    ids = rule_ids()
    assert len(ids) > 15
    for rule in ids:
        assert f"`{rule}`" in README, rule


def test_every_command_is_documented():
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for name in commands:
        assert f"tui-report {name}" in README, name


def test_quick_start_has_exactly_two_commands():
    section = README.split("## 快速开始", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci


def test_every_editor_key_is_documented():
    from tui_report.tui.editor.keys import HELP_SECTIONS

    for _title, keys in HELP_SECTIONS:
        for key, _description in keys:
            if key in ("粘贴", "方向键、Home/End", "方向键"):
                continue
            assert key in README, key


def test_screenshots_listed_in_readme_exist():
    for name in re.findall(r"\(screenshots/([^)]+\.svg)\)", README):
        assert (ROOT / "screenshots" / name).exists(), name


def test_every_folder_view_key_is_documented():
    from tui_report.tui.folder.keys import folder_help

    section = README.split("## 全县汇总", 1)[1].split("\n## ", 1)[0]
    for _title, keys in folder_help():
        for key, _description in keys:
            assert f"| {key} |" in section, key
