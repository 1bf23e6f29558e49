"""Small helpers every reader shares."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"(1[5-9]\d\d|20\d\d)")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def clean(value: object) -> str:
    """One line of text: joined if a list, whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    return _SPACE.sub(" ", str(value)).strip()


def year_of(*values: object) -> int | None:
    """The first four-digit year in the values ("2019///", "2019 Mar 4", "2019-03-04")."""
    for value in values:
        match = _YEAR.search(clean(value))
        if match:
            return int(match.group(1))
    return None


def doi_in(*values: object) -> str:
    """The first DOI in the values (a bare DOI, a doi.org link, "10.x/y [doi]")."""
    for value in values:
        items = value if isinstance(value, list) else [value]
        for item in items:
            match = _DOI.search(clean(item))
            if match:
                return match.group(0).rstrip(".;,").lower()
    return ""


def split_list(value: object, seps: str = ";") -> list[str]:
    """A list field: already a list, or one string split on `seps`."""
    if value is None:
        return []
    if isinstance(value, list):
        items = [clean(v) for v in value]
    else:
        items = [clean(v) for v in re.split(f"[{re.escape(seps)}]", str(value))]
    return [i for i in items if i]
