"""The one way identifiers and titles are compared, for de-duplication and for matching.

Records (import de-duplication) and documents (matching a PDF to its record)
are compared with the same normalisers, so a DOI or a title that counts as
the same in one place counts as the same in the other. The rapidfuzz
thresholds are defaults of settings a user may tune in ``reviewkit.toml``
(``dedup.*`` and ``ingest.match_title_threshold``).
"""

from __future__ import annotations

import re
import unicodedata

#: Title similarity (rapidfuzz ratio, 0-100) at or above which two records of
#: the same year and first author are the same work.
DEDUP_TITLE_THRESHOLD = 93.0
#: First-author surname similarity needed as well (tolerates accents, typos).
DEDUP_AUTHOR_THRESHOLD = 85.0
#: Title similarity (rapidfuzz token-sort ratio) at or above which an ingested
#: document is the full text of a record.
MATCH_TITLE_THRESHOLD = 90.0

_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)
_NON_WORD = re.compile(r"[\W_]+")  # letters of any script stay: Cyrillic titles match too


def normalise_doi(doi: str | None) -> str:
    """Lower case, resolver prefix and trailing punctuation removed; "" when not a DOI."""
    if not doi:
        return ""
    doi = _DOI_PREFIX.sub("", doi.strip()).strip().rstrip(".;,").lower()
    return doi if doi.startswith("10.") else ""


def normalise_text(text: str | None) -> str:
    """Accents folded, lower case, punctuation to single spaces: how titles are compared."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.lower()).strip()


def first_author_surname(authors: list[str]) -> str:
    """The first author's surname, normalised ("Smith, J." and "J Smith" agree)."""
    if not authors:
        return ""
    name = authors[0].strip()
    if "," in name:
        surname = name.split(",", 1)[0]
    else:
        parts = name.split()
        # "Smith JA" (MEDLINE) keeps the surname first; "John Smith" puts it last.
        if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
            surname = " ".join(parts[:-1])
        else:
            surname = parts[-1] if parts else ""
    return normalise_text(surname)


#: The "possible duplicate" floor: a title this alike (rapidfuzz ratio) but
#: under DEDUP_TITLE_THRESHOLD, or a year apart, goes to the queue a person decides.
DEDUP_POSSIBLE_THRESHOLD = 80.0

#: Field names (lower case) that hold a PubMed id, and a PubMed Central id.
PMID_FIELDS = frozenset({"pmid", "pubmed_id", "pubmedid", "pubmed id", "pubmed"})
PMCID_FIELDS = frozenset({"pmc", "pmcid", "pmc_id", "pmc id", "pubmed central id"})
_PUBMED_URL = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})")
_PMC_URL = re.compile(r"(?:/pmc/articles/|pmc\.ncbi\.nlm\.nih\.gov/articles/)(PMC\d+)", re.I)
_PMCID = re.compile(r"\bPMC\s*(\d{1,10})\b", re.I)


def pubmed_ids(raw: object, url: str = "") -> tuple[str, str]:
    """(PMID, PMCID) a record's fields as read give, "" for each one missing.

    Reads the field names PubMed (``PMID``, ``PMC``), CSV exports
    (``pmid``, ``pubmed_id``, ``pmcid``) and BibTeX (``pmid``, ``pmcid``)
    use, whatever their case, then PubMed and PMC links.
    """
    pmid = pmcid = ""
    if isinstance(raw, dict):
        for key, value in raw.items():
            name = str(key).strip().lower()
            text = str(value[0] if isinstance(value, list) and value else value or "")
            if not pmid and name in PMID_FIELDS and (digits := re.search(r"\d{1,9}", text)):
                pmid = digits.group(0)
            if not pmcid and name in PMCID_FIELDS:
                found = _PMCID.search(text) or re.fullmatch(r"\s*(\d{1,10})\s*", text)
                pmcid = f"PMC{found.group(1)}" if found else ""
    if not pmid and (link := _PUBMED_URL.search(url or "")):
        pmid = link.group(1)
    if not pmcid and (link := _PMC_URL.search(url or "")):
        pmcid = link.group(1).upper()
    return pmid, pmcid
