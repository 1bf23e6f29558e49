"""The quagmire map: clustering, polysemy and synonymy, contract, HTML and PNG."""

from __future__ import annotations

import json
import re

import jsonschema
import numpy as np
import pytest

from reviewkit.search.corpus_definitions import DefinitionItem, definition_text, fold_term
from reviewkit.synthesise.quagmire import build_map
from reviewkit.synthesise.quagmire.html import render_html
from reviewkit.synthesise.quagmire.plot import render_png
from tests.conftest import FIXTURES, contract


def _item(term: str, definition: str, doc: str = "d1", page: int = 1) -> DefinitionItem:
    return DefinitionItem(
        term=term,
        definition=definition,
        doc_sha256=doc,
        title=f"Paper {doc}",
        attributed_to=None,
        page=page,
    )


def labelled_items() -> tuple[list[DefinitionItem], list[str]]:
    """The definitions labelled by sense (tests/fixtures/quagmire) and their senses."""
    path = FIXTURES / "quagmire" / "labelled_definitions.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    items = [_item(r["term"], r["definition"], doc=f"labelled-{i:02d}") for i, r in enumerate(rows)]
    return items, [r["sense"] for r in rows]


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


@pytest.fixture
def toy():
    """Two meanings: 'integration' in both, two synonyms in the first."""
    items = [
        _item("Integration", "merging organisations into one body"),
        _item("integration", "people taking part in community life", doc="d2", page=3),
        _item("joint working", "agencies working together"),
        _item("Partnership working", "agencies working together as partners"),
    ]
    vectors = np.stack(
        [_unit([1, 0.05, 0]), _unit([0, 0, 1]), _unit([1, 0, 0.05]), _unit([1, 0.05, 0.05])]
    )
    return items, vectors


def test_fold_term():
    assert fold_term("Co-ordination") == fold_term("coordination") == fold_term("co ordination")
    assert fold_term("organisational integration") == fold_term("Organizational-Integration")
    assert fold_term("‘mezzo’") == "meso"


def test_polysemy_and_synonymy_on_handmade_vectors(toy):
    items, vectors = toy
    qmap = build_map(items, vectors)
    assert len(qmap.clusters) == 2
    assert qmap.clusters[0].members == (0, 2, 3)  # largest first
    assert qmap.polysemous_terms == [("integration", [1, 2])]
    assert qmap.synonym_groups == [(1, ["integration", "joint working", "partnership working"])]
    assert qmap.coords.shape == (4, 2)
    assert "working" in qmap.clusters[0].label


def test_json_contract(toy):
    qmap = build_map(*toy)
    schema = contract("quagmire")
    out = qmap.to_json()
    jsonschema.validate(out, schema)
    assert out["n_definitions"] == 4
    assert out["clusters"][1]["members"][0]["page"] == 3


def test_empty_and_single():
    assert build_map([], np.empty((0, 384), np.float32)).to_json()["clusters"] == []
    one = build_map([_item("x", "y")], _unit(np.ones(384))[None, :])
    assert [c.members for c in one.clusters] == [(0,)]


def test_html_is_self_contained_and_escaped(toy):
    items, vectors = toy
    items[1] = _item('<script>alert("x")</script>', 'a & b <img src="http://evil.example/x">')
    page = render_html(build_map(items, vectors))
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert re.findall(r"<script[^>]*>", page) == ["<script>"]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img" not in page and "a &amp; b" in page
    assert page.count('class="pt"') == 4 and "Terms by cluster" in page


def test_png_is_valid(toy, tmp_path):
    path = render_png(build_map(*toy), tmp_path / "map.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    image = matplotlib.image.imread(path)
    assert image.shape[0] > 500 and image.shape[1] > 800


@pytest.mark.slow
def test_labelled_set_shows_polysemy_and_synonyms():
    from reviewkit.embed import embed_texts

    items, senses = labelled_items()
    qmap = build_map(items, embed_texts([definition_text(i) for i in items]))
    poly = dict(qmap.polysemous_terms)
    assert len(poly.get("integration", [])) >= 4, qmap.polysemous_terms
    together = {"partnership working", "joint working", "collaboration", "inter-agency working"}
    assert any(together <= set(terms) for _, terms in qmap.synonym_groups), qmap.synonym_groups
    # Each of the five senses of "integration" lands with the other terms of its sense.
    for sense in set(senses):
        clusters = {qmap.cluster_of[i] for i, s in enumerate(senses) if s == sense}
        assert len(clusters) <= 2, (sense, clusters)


def test_cluster_labels_read_as_a_meaning():
    from reviewkit.synthesise.quagmire import gist

    assert (
        gist("the deliberate joining of assessment, funding and delivery so that staff act as one")
        == "deliberate joining of assessment, funding and delivery"
    )
    assert gist("it is present when support is experienced as one coherent plan, which") == (
        "support is experienced as one coherent plan"
    )
    assert gist("the agencies 'agree in advance who will do what'") == "agencies agree in advance"
    assert gist("a single team of community nurses, social workers and therapists who") == (
        "single team of community nurses"
    )
    assert gist("care from the user's side") == "care from the user's side"
    items = [
        _item("Integration", "the transfer of staff, budgets and management into one body"),
        _item("integration", "merging organisations into a single organisation"),
        _item("structural integration", "moving staff and money into one organisation"),
    ]
    vectors = np.stack([_unit([1, 0.1, 0]), _unit([1, 0, 0.3]), _unit([1, 0.1, 0.1])])
    qmap = build_map(items, vectors)
    assert len(qmap.clusters) == 1
    # The most central member's gist, after the commonest terms.
    assert qmap.clusters[0].label == (
        "integration / structural integration: moving staff and money into one organisation"
    )


def test_styles_are_distinct_and_labels_do_not_overlap():
    from reviewkit.synthesise.quagmire.layout import labelled_points, place_labels, style

    assert len({style(c) for c in range(1, 61)}) == 60
    assert all(style(c)[1] != style(c + 10)[1] for c in range(1, 51))
    terms = ["a", "a", "b", "a"]
    xy = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [9.0, 9.0]])
    # One label per term per cluster: "a" twice in cluster 1 is labelled once.
    assert labelled_points(terms, [1, 1, 1, 2], xy) == [0, 2, 3]
    points = np.array([[50.0, 50.0], [60.0, 50.0], [55.0, 60.0], [300.0, 300.0]])
    sizes = [(40.0, 10.0)] * 4
    placed = place_labels(points, sizes, [0, 1, 2, 3], radius=4, bounds=(0, 0, 400, 400))
    boxes = [(x, y - 8, x + 40, y + 2) for x, y in placed.values()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert 3 in placed
