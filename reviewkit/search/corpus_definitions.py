"""Every extracted definition of the corpus, as flat items with source and page.

Only reads: the definitions are those the extraction template proposed when
the documents were ingested (or by `reviewkit extract`), less those a
reviewer rejected. :func:`unextracted_documents` names the documents that
have none yet, so a command can say to run `reviewkit extract`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from reviewkit.store.db import Store
from reviewkit.store.documents import current_documents
from reviewkit.store.extractions import current_values, extracted_documents

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


def definition_text(item: DefinitionItem) -> str:
    """What is embedded for one definition: the term, then what it means."""
    return f"{item.term}: {item.definition}"


def collect_definitions(store: Store, *, template: str | None = None) -> list[DefinitionItem]:
    """Every current definition in the review, in document order (only reads).

    Args:
        store: the review.
        template: only this extraction template's (``extract.template``);
            None takes every template's.
    """
    titles = _titles(store)
    items = []
    for stored in current_values(store, field="definitions", template=template):
        sha = stored.doc_sha256
        if sha not in titles or stored.status == "rejected":
            continue
        value, evidence = stored.value or [], list(stored.evidence or [])
        # A field value is the document's list of definitions, evidence[i]
        # being the quote of value[i]; a single object is accepted too.
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            quote = evidence[i : i + 1] if len(evidence) == len(entries) else evidence[:1]
            item = _item(entry, quote, sha, titles[sha])
            if item is not None:
                items.append(item)
    return items


def unextracted_documents(store: Store, template: str) -> list[str]:
    """Current documents with text that `template` has not been run on (their sha256)."""
    done = extracted_documents(store, template)
    return [
        row.sha256 for row in current_documents(store) if row.n_pages and row.sha256 not in done
    ]


def _titles(store: Store) -> dict[str, str | None]:
    return {row.sha256: row.title or _file_name(row.path) for row in current_documents(store)}


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
