"""`reviewkit export methods`: the sentences a paper's methods section needs about screening.

Names the prioritisation model (as stored with the latest ranking), the
stopping rule with its target and confidence, how many records were screened
of how many, and the p-score at the stop: what a reader needs to judge and
reproduce the use of automation (PRISMA 2020 item 8).
"""

from __future__ import annotations

import json
from typing import Any

from reviewkit.screen.engine import (
    AUTOMATION_REVIEWER,
    history,
    latest_ranking,
    rule_from_config,
    step,
)
from reviewkit.store import Store
from reviewkit.store.decisions import current_decisions
from reviewkit.vocabulary import STAGES


def _model_words(model: dict[str, Any]) -> str:
    feats = (model.get("features") or {}).get("name", "")
    clf = (model.get("classifier") or {}).get("name", "")
    words = {
        "tfidf": "TF-IDF word n-grams",
        "tfidf+minilm": "TF-IDF word n-grams joined by all-MiniLM-L6-v2 sentence embeddings",
    }.get(feats, feats or "unknown features")
    classifier = {
        "svm": "a linear support vector machine",
        "svm-blocks": (
            "two linear support vector machines (words alone; words and embeddings) "
            "whose rankings were averaged"
        ),
        "nb": "naive Bayes",
        "logistic": "logistic regression",
    }.get(clf, clf or "a classifier")
    return f"{classifier} on {words}"


def methods_text(store: Store, config: Any) -> str:
    """The screening methods sentences of the review as it stands, one paragraph per stage."""
    rule = rule_from_config(config)
    paragraphs = []
    for stage in STAGES:
        pool, sequence = history(store, stage)
        if not sequence:
            continue
        auto = current_decisions(store, stage, AUTOMATION_REVIEWER)
        screened = [rid for rid, _ in sequence if rid not in {d.record_id for d in auto}]
        used = rule
        p_stop = None
        if auto and auto[0].note:
            info = json.loads(auto[0].note)
            p_stop = info.get("p_value")
        verdict = step(pool, [s for s in sequence if s[0] in set(screened)], [], used).verdict
        ranking = latest_ranking(store, stage)
        model = _model_words(ranking.model) if ranking and ranking.model.get("classifier") else None
        text = f"At the {stage.replace('-', '/')} stage, "
        if model:
            text += (
                f"records were screened in the order of an active-learning model "
                f"({model}), refitted on the decisions as screening went on. "
            )
        else:
            text += "records were screened. "
        text += (
            f"Screening was stopped using the {used.name} "
            f"(recall target {used.recall_target:.0%}, confidence {used.confidence:.0%}"
            + (f", bias {used.bias:g}" if used.method == "buscar" else "")
            + "). "
        )
        p = p_stop if p_stop is not None else verdict.p_value
        n = len(screened)
        if auto:
            text += (
                f"{n} of {len(pool)} records were screened by reviewers before the rule "
                f"indicated that the recall target had been reached (p = {p:.3g}); the "
                f"remaining {len(auto)} records were marked as ineligible by the rule "
                "without being screened."
            )
        else:
            state = "safe to stop" if verdict.safe_to_stop else "not yet reached"
            p_text = "not yet testable" if p is None else f"p = {p:.3g}"
            text += (
                f"{n} of {len(pool)} records have been screened so far; the rule's verdict "
                f"is {state} ({p_text})."
            )
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")
