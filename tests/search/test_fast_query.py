"""Issue 12: hits carry their file, copies show once, and queries run without torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import numpy as np
import pytest

from reviewkit.document import Document
from reviewkit.search.index import index_documents
from reviewkit.search.query import search
from reviewkit.store import Store
from reviewkit.store.documents import save_document

CONTRACT = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "search.schema.json"
HEAVY = ("torch", "sentence_transformers", "sklearn", "scipy", "matplotlib", "textual")


def test_every_hit_names_its_file_in_its_json(store: Store) -> None:
    index_documents(store, embed=False)
    hits = search(store, "pooled budgets savings", mode="keyword", k=5)
    assert hits and hits[0].path == "/papers/a.pdf" and hits[0].page == 2
    doc = {
        "schema": "reviewkit.search/1",
        "query": "q",
        "mode": "keyword",
        "results": [h.to_json() for h in hits],
    }
    if CONTRACT.exists():
        jsonschema.validate(doc, json.loads(CONTRACT.read_text(encoding="utf-8")))
    assert doc["results"][0]["path"] == "/papers/a.pdf"  # type: ignore[index]


def test_one_paper_ingested_under_two_file_names_is_shown_once(
    store: Store, docs: list[Document]
) -> None:
    index_documents(store, embed=False)
    query = "pooled budgets agencies integration"
    before = search(store, query, mode="keyword", k=10)
    copy = replace(docs[0], sha256="f" * 64, path="/papers/a-copy.pdf")
    save_document(store, copy)
    index_documents(store, embed=False)
    after = search(store, query, mode="keyword", k=10)
    keys = [(h.page, h.char_start, h.text) for h in after]
    assert len(before) >= 2 and len(keys) == len(set(keys))
    assert keys == [(h.page, h.char_start, h.text) for h in before]


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.slow
def test_onnx_query_model_matches_sentence_transformers(model) -> None:
    from reviewkit.embed import _onnx_embedder, ensure_onnx

    assert ensure_onnx() is not None
    onnx = _onnx_embedder()
    assert onnx is not None
    texts = [
        "hi",
        "",
        "How is integration of care defined?",
        "Pooled budgets did not save money.",
        "co-ordination vs. co-operation: what's the difference?",
        "La coordination des soins est essentielle pour les personnes âgées.",
        "Die integrierte Versorgung verbindet Krankenhaus und Pflege.",
        "La atención integrada reduce los ingresos hospitalarios.",
        "統合ケアは高齢者のためのものです。",
        "Интеграция медицинской и социальной помощи.",
        "12.5% (95% CI 3.1-21.9), p < 0.001",
        "Evidence " + "from many randomised controlled trials of integrated care " * 60,
        " ".join(f"word{i}" for i in range(600)),
    ]
    texts += [f"Sentence number {i} about health and social care teams." for i in range(20)]
    fast = onnx.embed(texts)
    slow = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    cosines = (fast * slow).sum(axis=1)
    assert fast.shape == slow.shape
    assert np.all(cosines >= 0.999), cosines.min()
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_search_query_path_imports_no_torch(model, file_store: Path) -> None:
    from reviewkit.embed import ensure_onnx

    assert ensure_onnx() is not None
    with Store(file_store) as s:
        index_documents(s)
    code = (
        "import sys\n"
        "from reviewkit.cli import cli\n"
        "from reviewkit.search.query import search\n"
        "from reviewkit.store import Store\n"
        f"s = Store({str(file_store)!r})\n"
        "for mode in ('hybrid', 'semantic'):\n"
        "    hits = search(s, 'money put into one fund', mode=mode, k=3)\n"
        "    assert hits[0].page == 2, hits\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = _run(code, dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert "note:" not in done.stderr


@pytest.mark.slow
def test_without_the_onnx_file_queries_fall_back_and_say_how_to_be_fast(
    model, tmp_path: Path
) -> None:
    env = dict(os.environ, REVIEWKIT_CACHE_DIR=str(tmp_path / "empty-cache"))
    code = (
        "from reviewkit.embed import embed_query\n"
        "a = embed_query('pooled budgets'); b = embed_query('joint teams')\n"
        "print(a.shape[0], round(float((a * a).sum()), 3))\n"
    )
    done = _run(code, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["384", "1.0"]
    assert done.stderr.count("run `reviewkit index`") == 1
