"""Ranking: deterministic without decisions, model parts stored, reproducible."""

from __future__ import annotations

import pytest

from reviewkit.screen.dedup import DuplicateIndex
from reviewkit.screen.engine import latest_ranking
from reviewkit.screen.model import PRESETS, default_model, make_model, model_from_json
from reviewkit.screen.prioritise import next_record, rank_and_store
from reviewkit.store import Store
from reviewkit.store.decisions import record_decision
from reviewkit.store.records import add_records, record_ids
from reviewkit.vocabulary import Record

TA = "title-abstract"
CARE = [
    "integrated care for older people at home",
    "joint working between health and social care",
    "partnership between hospitals and councils",
    "care coordination for frail adults",
]
OTHER = [
    "statin dosing in rats",
    "mouse model of depression",
    "in vitro study of cell membranes",
    "crystal structure of a kinase",
    "rat liver enzyme kinetics",
]


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    texts = [c + f" study {i}" for i in range(5) for c in CARE] + [
        o + f" report {i}" for i in range(5) for o in OTHER
    ]
    add_records(
        s,
        [Record(title=t, abstract=t) for t in texts],
        path="x",
        source="t",
        fmt="ris",
        finder=DuplicateIndex(),
    )
    return s


def test_order_without_decisions_is_fixed(store: Store) -> None:
    first = rank_and_store(store, TA)
    second = rank_and_store(store, TA)
    assert first.record_ids == second.record_ids
    assert sorted(first.record_ids) == record_ids(store)
    assert first.record_ids != record_ids(store)  # a shuffle, not import order
    assert first.model["order"] == "fixed"


def test_model_ranking_puts_similar_records_first(store: Store) -> None:
    ids = record_ids(store)
    record_decision(store, ids[0], TA, "ann", "include")  # a care record
    only_pos = rank_and_store(store, TA)
    assert only_pos.model["order"] == "similarity"
    record_decision(store, ids[-1], TA, "ann", "exclude")  # a rat record
    ranking = rank_and_store(store, TA)
    assert ranking.model["order"] == "model"
    assert ranking.model["classifier"]["name"] == "svm-blocks"
    assert ranking.model["features"]["name"] == "tfidf+minilm"
    # The default model's embeddings are cached in the review by text hash.
    import hashlib

    from reviewkit.embed import MODEL_NAME
    from reviewkit.store.passages import embeddings_for
    from reviewkit.store.records import record_texts

    hashes = [hashlib.sha256(t.encode()).hexdigest() for t in record_texts(store, ids)]
    assert len(embeddings_for(store, MODEL_NAME, hashes)) == len(set(hashes))
    assert set(ranking.model) >= {"features", "classifier", "balancer", "querier"}
    assert ids[0] not in ranking.record_ids and ids[-1] not in ranking.record_ids
    care_ids = set(ids[:20])
    assert set(ranking.record_ids[:10]) <= care_ids
    latest = latest_ranking(store, TA)
    assert latest is not None and latest.record_ids == ranking.record_ids
    assert latest.id == ranking.id and latest.n_labelled == 2


def test_stored_model_rebuilds_the_same_order(store: Store) -> None:
    ids = record_ids(store)
    record_decision(store, ids[1], TA, "ann", "include")
    record_decision(store, ids[-2], TA, "ann", "exclude")
    ranking = rank_and_store(store, TA)
    spec = {k: v for k, v in ranking.model.items() if k != "order"}
    again = rank_and_store(store, TA, model=model_from_json(spec))
    assert again.record_ids == ranking.record_ids


def test_components_have_short_names_and_params() -> None:
    model = default_model()
    spec = model.to_json()
    assert {p["name"] for p in spec.values()} <= {
        "tfidf",
        "svm",
        "logistic",
        "nb",
        "ensemble",
        "tfidf+minilm",
        "svm-blocks",
        "balanced",
        "none",
        "max",
    }
    assert all(isinstance(p["params"], dict) for p in spec.values())
    assert model_from_json(spec).to_json() == spec
    for name in PRESETS:
        assert make_model(name).to_json()


def test_next_record_gives_dual_screeners_the_same_records(store: Store) -> None:
    first = next_record(store, TA, "ann")
    assert first is not None
    record_decision(store, first, TA, "ann", "exclude")
    assert next_record(store, TA, "bob") == first
    assert next_record(store, TA, "ann") != first


def test_latest_ranking_is_none_before_any(store: Store) -> None:
    assert latest_ranking(store, "full-text") is None
    assert rank_and_store(store, "full-text").record_ids == []


def test_prior_labels_train_the_model_before_any_decision() -> None:
    from pathlib import Path

    from reviewkit.screen.importing import import_file

    store = Store(":memory:")
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "records"
    import_file(store, fixtures / "asreview.csv", labels_as_prior=True)
    import_file(store, fixtures / "wos.ciw")
    ranking = rank_and_store(store, TA)
    assert ranking.model["order"] == "model" and ranking.n_labelled == 3
    assert len(ranking.record_ids) == 5  # prior-labelled records are not screened yet
