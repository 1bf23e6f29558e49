"""Every extracted definition of the corpus, as flat items with source and page.

Reads the extraction store when it exists (running extraction where it is
missing); otherwise analyses the stored documents directly, so search and the
quagmire work straight after ingest either way.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from reviewkit.store.db import Store
from reviewkit.store.documents import current_documents, load_document

#: British spellings folded to one form: organisation == organization.
_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing)\b"), r"iz\1"),
    (re.compile(r"mezzo"), "meso"),
)


@dataclass(frozen=True)
class DefinitionItem:
    """One definition of a term in one document.

    Attributes:
        term: the term as written in the document.
        definition: the defining text.
        doc_sha256: the document's id.
        title: its title (or file name).
        attributed_to: the cited source, when the document names one.
        page: the page its evidence starts on (0 when unknown).
        quote: the verbatim evidence.
        char_start: offset of the quote in the page text.
        char_end: offset after its end.
    """

    term: str
    definition: str
    doc_sha256: str
    title: str | None
    attributed_to: str | None
    page: int
    quote: str = ""
    char_start: int = 0
    char_end: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def fold_term(term: str, *, keep_spaces: bool = False) -> str:
    """A term's comparison key: case, hyphens, quotes and spelling folded.

    "Co-ordination", "coordination" and "co ordination" fold alike;
    "organisation" and "organization" fold alike.
    """
    text = unicodedata.normalize("NFKC", term).lower().strip(" \t\n'\"‘’“”.,:;()")
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    text = re.sub(r"[-‐‑–—_/]+", " " if keep_spaces else "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if keep_spaces else text.replace(" ", "")


def collect_definitions(store: Store, *, extract: bool = True) -> list[DefinitionItem]:
    """Every current definition in the review, in document order.

    Args:
        store: the review.
        extract: run extraction on documents that have none yet (through the
            extraction store when it exists).
    """
    titles: dict[str, str | None] = {
        str(row["sha256"]): (str(row["title"] or "") or _file_name(str(row["path"])))
        for row in current_documents(store)
    }
    stored = _stored_values(store, extract=extract)
    if stored is not None:
        items = []
        for stored_value in stored:
            sha = str(_get(stored_value, "doc_sha256"))
            if sha not in titles or _get(stored_value, "status") == "rejected":
                continue
            value = _get(stored_value, "value") or []
            evidence = list(_get(stored_value, "evidence") or [])
            # A field value is the document's list of definitions, evidence[i]
            # being the quote of value[i]; a single object is accepted too.
            entries = value if isinstance(value, list) else [value]
            for i, entry in enumerate(entries):
                quote = evidence[i : i + 1] if len(evidence) == len(entries) else evidence[:1]
                item = _item(entry, quote, sha, titles[sha])
                if item is not None:
                    items.append(item)
        return items
    return _analysed(store, titles)


def _stored_values(store: Store, *, extract: bool) -> list[Any] | None:
    """Definitions from the extraction store, or None when it does not exist yet."""
    try:
        extractions = importlib.import_module("reviewkit.store.extractions")
    except ModuleNotFoundError:
        return None
    if extract:
        try:
            run = importlib.import_module("reviewkit.extract.run")
        except ModuleNotFoundError:
            run = None
        if run is not None:
            run.ensure_extracted(store)
    return list(extractions.current_values(store, field="definitions"))


def _analysed(store: Store, titles: Mapping[str, str | None]) -> list[DefinitionItem]:
    """Run the definition extractor over each stored document (no extraction store)."""
    try:
        analyse = importlib.import_module("reviewkit.extract.analyse")
    except ModuleNotFoundError:
        return []
    items: list[DefinitionItem] = []
    for sha, title in titles.items():
        doc = load_document(store, sha)
        if doc is None:
            continue
        for d in analyse.analyse_document(doc).definitions:
            value = {
                "term": d.term,
                "definition": d.definition,
                "attributed_to": d.attributed_to,
            }
            item = _item(value, [d.evidence] if d.evidence else [], sha, title)
            if item is not None:
                items.append(item)
    return items


def _item(
    value: Any, evidence: Iterable[Any], sha: str, title: str | None
) -> DefinitionItem | None:
    term = str(_get(value, "term") or "").strip()
    definition = str(_get(value, "definition") or "").strip()
    if not term or not definition:
        return None
    ev = next(iter(evidence), None)
    return DefinitionItem(
        term=term,
        definition=definition,
        doc_sha256=sha,
        title=title,
        attributed_to=_get(value, "attributed_to") or None,
        page=int(_get(ev, "page") or 0) if ev is not None else 0,
        quote=str(_get(ev, "quote") or "") if ev is not None else "",
        char_start=int(_get(ev, "char_start") or 0) if ev is not None else 0,
        char_end=int(_get(ev, "char_end") or 0) if ev is not None else 0,
    )


def _get(obj: Any, name: str) -> Any:
    """A field of a dict or an attribute of a dataclass, None when absent."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _file_name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1]
