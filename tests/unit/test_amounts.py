"""Amounts with 6 decimals (万元 exact to the 分, e.g. 5949.088667) are kept exactly
everywhere: typing, the report file, the rules and every export."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from tui_report.export import EXPORT_FORMATS, export_json, render
from tui_report.formats.spec import AMOUNT
from tui_report.report.model import CellRef
from tui_report.report.values import InvalidValue, parse_typed
from tui_report.rules import validate
from tui_report.storage import read_report, render_new

from ..conftest import EXAMPLE

FEES = CellRef("art20_8", "fees", "amount")


def test_six_decimals_are_accepted_and_seven_refused():
    assert str(parse_typed("5949.088667", AMOUNT)) == "5949.088667"
    assert str(parse_typed("０.１０００００", AMOUNT)) == "0.100000"  # trailing zeros kept
    with pytest.raises(InvalidValue, match="小数超过 6 位"):
        parse_typed("5949.0886671", AMOUNT)


def test_six_decimals_survive_the_file_the_rules_and_every_export(tmp_path: Path):
    report = read_report(EXAMPLE).report
    report.set(FEES, Decimal("5949.088667"))
    path = tmp_path / "r.toml"
    path.write_text(render_new(report), encoding="utf-8")
    assert "fees = 5949.088667" in path.read_text(encoding="utf-8")
    again = read_report(path).report
    assert format(again.get(FEES), "f") == "5949.088667"
    assert not [p for p in validate(again) if p.rule == "cell-value"]
    for name, kind in EXPORT_FORMATS.items():
        if name == "pdf":
            continue  # LibreOffice prints the Word file checked here (and may be missing)
        exported = render(again, name)
        assert "5949.088667" in _text_of(exported if kind.binary else exported.decode()), name
    data = json.loads(export_json(again))
    (section,) = [s for s in data["sections"] if s["key"] == "proactive"]
    fees = next(t for t in section["tables"] if t["key"] == "art20_8")
    assert fees["rows"][0]["values"]["本年收费金额（单位：万元）"] == "5949.088667"


def _text_of(output: str | bytes) -> str:
    """An export's text; a Word document (a zip) by its document part."""
    if isinstance(output, str):
        return output
    with zipfile.ZipFile(io.BytesIO(output)) as archive:
        return archive.read("word/document.xml").decode("utf-8")
