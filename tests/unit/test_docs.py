"""The README documents every command and every rule id."""

from __future__ import annotations

import re

from tui_report.cli import build_parser
from tui_report.report.rule_ids import RULE_IDS, RuleId

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def rule_ids() -> set[str]:
    """Every rule id a problem can carry (the registry; tests/unit/test_rule_ids.py holds the
    program to it)."""
    return {str(rule) for rule in RULE_IDS} - {"rule-failed"}


def test_every_rule_id_is_documented():
    ids = rule_ids()
    assert len(ids) > 15
    for rule in ids:
        assert f"`{rule}`" in README, rule


def test_the_rule_table_lists_exactly_the_registrys_ids_and_severities():
    section = README.split("### 校验规则", 1)[1].split("\n#", 1)[0]
    listed: dict[str, str] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) >= 3 and "`" in cells[0]:
            for rule in re.findall(r"`([a-z-]+)`", cells[0]):
                listed[rule] = cells[1]
    assert set(listed) == {str(rule) for rule in RULE_IDS}
    for rule, severity in listed.items():
        assert severity == RULE_IDS[RuleId(rule)].severity.label, rule


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
