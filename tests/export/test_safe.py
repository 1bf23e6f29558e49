"""Spreadsheet cells are never live formulas."""

from __future__ import annotations

import pytest

from reviewkit.export.safe import inert, xlsx_value


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_triggers_get_a_leading_quote_and_keep_their_text(text: str) -> None:
    assert inert(text) == "'" + text


@pytest.mark.parametrize("value", ["plain", "a=b", " =1", "", 3, -2, None, 1.5])
def test_other_values_are_unchanged(value: object) -> None:
    assert inert(value) == value


def test_xlsx_values_lose_control_characters_and_stay_within_excel_limits() -> None:
    assert xlsx_value("a\x00b\x1fc\nd") == "ab" + "c\nd"
    assert xlsx_value("\x01=1") == "'=1"
    assert len(str(xlsx_value("x" * 40_000))) == 32_767
