"""Run an extraction template over a review's stored documents, storing the proposals."""

from __future__ import annotations

from collections.abc import Callable

from reviewkit.extract.propose import DEFAULT_TEMPLATE, extract_values
from reviewkit.store import Store
from reviewkit.store.documents import current_documents, load_document
from reviewkit.store.extractions import add_proposals, extracted_documents


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
        row.sha256
        for row in current_documents(store)
        if row.sha256 not in done_already and row.n_pages
    ]
    for i, sha in enumerate(todo, 1):
        doc = load_document(store, sha)
        if doc is not None and any(p.text.strip() for p in doc.pages):
            _, values = extract_values(doc, template_name)
            add_proposals(store, sha, name, values)
        if progress:
            progress(i, len(todo))
    return len(todo)
