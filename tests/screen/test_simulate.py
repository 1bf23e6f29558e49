"""Simulation on a small labelled dataset: priors first, every record once, contract-valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from reviewkit.screen.datasets import draw_priors, load_labelled_csv
from reviewkit.screen.simulate import order_metrics, refit_every, simulate


@pytest.fixture(scope="module")
def triptans(shared_dir: Path):
    return load_labelled_csv(shared_dir / "screening" / "Cohen_2006_Triptans.csv")


@pytest.fixture(scope="module")
def result(triptans):
    return simulate(triptans, seed=3, model="elas-u4")


def test_priors_first_then_every_record_once(triptans, result) -> None:
    priors = draw_priors(triptans.labels, 3, 1, 1)
    assert result.order_rows[:2] == priors
    assert triptans.labels[priors[0]] == 1 and triptans.labels[priors[1]] == 0
    assert sorted(result.order_rows) == list(range(len(triptans)))


def test_same_seed_same_order(triptans, result) -> None:
    assert simulate(triptans, seed=3, model="elas-u4").order_rows == result.order_rows


def test_model_beats_random_and_stop_fires(triptans, result) -> None:
    m = order_metrics(result.order_rows, triptans.labels)
    assert m["wss95"] > 30
    assert result.stopped_at is not None and result.stopped_at < len(triptans)
    recall = triptans.labels[result.order_rows[: result.stopped_at]].sum() / triptans.n_included
    assert recall >= 0.95


def test_json_follows_the_contract(shared_dir: Path, result) -> None:
    schema = json.loads((shared_dir / "contracts" / "simulation.schema.json").read_text())
    out = result.to_json()
    jsonschema.validate(out, schema)
    assert out["order"][:2] == [result.dataset.ids[i] for i in result.order_rows[:2]]
    assert out["model"]["classifier"]["name"]


def test_refit_schedule_grows() -> None:
    assert [refit_every(n) for n in (1, 19, 20, 100, 2000)] == [1, 1, 1, 5, 100]


def test_metrics_on_known_orders() -> None:
    labels = np.array([1, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    perfect = order_metrics([0, 4, 1, 2, 3, 5, 6, 7, 8, 9], labels)
    assert perfect["to95"] == 2 and perfect["recall10"] == 50.0
    assert perfect["wss95"] == pytest.approx(100 * (8 / 10 - 0.05))


def test_no_included_prior_starts_in_random_order(triptans) -> None:
    result = simulate(triptans, seed=0, prior_included=0, prior_excluded=1, model="elas-u4")
    assert triptans.labels[result.order_rows[0]] == 0
    assert sorted(result.order_rows) == list(range(len(triptans)))
