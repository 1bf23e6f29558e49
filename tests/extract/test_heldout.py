"""Regression guard: definitions and continua on the held-out texts and the demo sources.

The held-out texts (``data/heldout``) and the demo corpus Markdown sources are
read with `tests.extract.mdcorpus`, shaped like the PDF reader's output.
"""

from __future__ import annotations

import pytest

from reviewkit.extract.evaluate import definition_calibration
from tests.extract import mdcorpus


@pytest.mark.parametrize("which", ["heldout", "final", "demo"])
def test_definitions_and_continua_meet_targets(which: str) -> None:
    if which == "demo" and not (mdcorpus.DEMO / "papers").is_dir():
        pytest.skip("corpora/demo is absent")
    totals = mdcorpus.evaluate(which).totals
    defs, conts = totals["definitions"], totals["continua"]
    assert defs.recall is not None and defs.recall >= 0.8
    assert defs.precision is not None and defs.precision >= 0.8
    assert conts.recall is not None and conts.recall >= 0.8


def test_heldout_texts_round_trip_as_documents() -> None:
    for md in sorted(mdcorpus.HELDOUT.glob("h*.md")):
        doc = mdcorpus.document_from_markdown(md)
        assert "**" not in doc.pages[0].text
        assert doc.pages[0].text.strip()


def test_confidence_is_calibrated_on_real_candidates() -> None:
    report = definition_calibration(
        mdcorpus.HELDOUT, mdcorpus.HELDOUT, read=mdcorpus.document_from_markdown
    )
    assert report["n"] >= 30
    assert report["brier"] < 0.12
    assert report["ece"] < 0.2
