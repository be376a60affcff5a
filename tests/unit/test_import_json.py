"""Import of this program's own JSON export: exact, or refused with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_report.cli import main
from tui_report.export import export_json
from tui_report.importing import ImportFailure, import_file
from tui_report.storage import read_report

from ..conftest import SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_every_sample_comes_back_through_json_exactly(tmp_path: Path, sample: Path, capsys):
    exported = tmp_path / "report.json"
    assert main(["export", str(sample), "--format", "json", "-o", str(exported)]) == 0
    imported = tmp_path / "back.toml"
    assert main(["import", str(exported), "-o", str(imported)]) == 0
    assert read_report(imported).report == read_report(sample).report
    capsys.readouterr()
    assert main(["diff", str(sample), str(imported)]) == 0
    assert "两份报告的内容相同" in capsys.readouterr().out


def _exported(tmp_path: Path, change) -> Path:
    document = json.loads(export_json(read_report(SAMPLES[0]).report))
    change(document)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _table(document: dict, key: str) -> dict:
    return next(t for s in document["sections"] for t in s["tables"] if t["key"] == key)


def test_an_unknown_value_is_refused_not_filled_in(tmp_path: Path):
    def unknown(document: dict) -> None:
        _table(document, "applications")["rows"][0]["cells"]["natural_person"] = None

    with pytest.raises(ImportFailure) as caught:
        import_file(_exported(tmp_path, unknown))
    assert caught.value.message.startswith(
        "JSON 中有不能导入的值：applications.new_received 自然人"
    )


def test_a_bad_amount_is_refused_with_its_cell(tmp_path: Path):
    def bad(document: dict) -> None:
        _table(document, "art20_8")["rows"][0]["cells"]["amount"] = "12.3万"

    with pytest.raises(ImportFailure) as caught:
        import_file(_exported(tmp_path, bad))
    assert "art20_8.fees" in caught.value.message and "12.3万" in caught.value.message


def test_an_amount_keeps_its_six_decimals(tmp_path: Path):
    def exact(document: dict) -> None:
        _table(document, "art20_8")["rows"][0]["cells"]["amount"] = "5949.088667"

    report = import_file(_exported(tmp_path, exact)).report
    assert str(report.cells["art20_8"]["fees"][0]) == "5949.088667"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"name": "别的程序的 JSON"}', "只能导入本程序导出的 JSON"),
        ('{"schema": 1, "format": "2021"}', "缺少或不认识其中的键"),
        ('{"schema": 9, "format": "2021"}', "schema 为 9"),
        ('{"schema": 1,\n "format": }', "JSON 语法错误：第 2 行"),
    ],
)
def test_other_json_is_refused_with_the_reason(tmp_path: Path, text: str, said: str):
    path = tmp_path / "other.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFailure) as caught:
        import_file(path)
    assert said in caught.value.message
