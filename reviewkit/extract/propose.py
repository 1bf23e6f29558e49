"""Run an extraction template on one document: the proposals, one per item, stored by others.

Free of the store, so an ingest worker can be handed :func:`extract_values`
(see :class:`reviewkit.ingest.parse.ParseTask`) without loading it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reviewkit.document import Document

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
