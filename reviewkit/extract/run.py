"""Run an extraction template over documents, and over a review's store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reviewkit.document import Document
from reviewkit.store import Store
from reviewkit.store.documents import current_documents, load_document
from reviewkit.store.extractions import add_proposals, extracted_documents

DEFAULT_TEMPLATE = "integration"


def extract_values(doc: Document, template_name: str = DEFAULT_TEMPLATE) -> tuple[str, list[Any]]:
    """Run a template on one document.

    Returns:
        The template's name and its field values (each with evidence, method
        and confidence), ready for :func:`reviewkit.store.extractions.add_proposals`.
    """
    from reviewkit.extract.analyse import analyse_document
    from reviewkit.extract.sentences import split_sentences
    from reviewkit.extract.templates import load_template, run_template

    template = load_template(template_name)
    sentences = split_sentences(doc)
    analysis = analyse_document(doc, sentences)
    return template.name, per_item(run_template(template, doc, sentences, analysis))


def per_item(values: list[Any]) -> list[Any]:
    """Split list values into one proposal per item, each with its own quote.

    A reviewer accepts, edits or rejects each definition or continuum on its
    own, so each is stored as its own value. A list whose items and quotes do
    not pair up (or an empty list: searched, nothing found) stays whole.
    """
    out = []
    for value in values:
        items = value.value
        if not (isinstance(items, list) and items and len(items) == len(value.evidence)):
            out.append(value)
            continue
        for item, evidence in zip(items, value.evidence, strict=True):
            own = item.get("confidence") if isinstance(item, dict) else None
            confidence = float(own) if isinstance(own, int | float) else value.confidence
            out.append(replace(value, value=item, evidence=[evidence], confidence=confidence))
    return out


def ensure_extracted(
    store: Store,
    template_name: str = DEFAULT_TEMPLATE,
    *,
    redo: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Propose values for every current document that has none from this template.

    Each document's proposals are stored in one transaction, so an interrupted
    run resumes with the documents it had not reached.

    Args:
        redo: propose again for documents that already have proposals (the
            old rows stay in the audit trail).
        progress: called with (done, total) after each document.

    Returns:
        How many documents were extracted.
    """
    from reviewkit.extract.templates import load_template

    name = load_template(template_name).name
    done_already = set() if redo else extracted_documents(store, name)
    todo = [
        str(row["sha256"])
        for row in current_documents(store)
        if row["sha256"] not in done_already and row["n_pages"]
    ]
    for i, sha in enumerate(todo, 1):
        doc = load_document(store, sha)
        if doc is not None and any(p.text.strip() for p in doc.pages):
            _, values = extract_values(doc, template_name)
            add_proposals(store, sha, name, values)
        if progress:
            progress(i, len(todo))
    return len(todo)
