"""BibTeX (.bib) via bibtexparser v2, LaTeX accents decoded."""

from __future__ import annotations

import logging
from pathlib import Path

import bibtexparser
from bibtexparser import middlewares as mw

from reviewkit.errors import InputFileError
from reviewkit.screen.readers import PartRead, read_text, register
from reviewkit.screen.readers.common import clean, doi_in, split_list, year_of
from reviewkit.vocabulary import Record


def _name(parts: object) -> str:
    if isinstance(parts, mw.NameParts):
        last = " ".join(parts.von + parts.last)
        first = " ".join(parts.first + parts.jr)
        return clean(f"{last}, {first}" if first else last)
    return clean(parts)


@register("bibtex", ".bib", ".bibtex")
def read_bibtex(path: Path) -> list[Record]:
    """Read a BibTeX file; entries that fail to parse are skipped and reported.

    The good entries are imported (a `PartRead` says which lines failed);
    a file where no entry parses is refused.
    """
    # bibtexparser logs each failed block; they are reported below in one line instead.
    parser_log = logging.getLogger("bibtexparser")
    level = parser_log.level
    parser_log.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(
            read_text(path),
            append_middleware=[
                mw.LatexDecodingMiddleware(),
                mw.SeparateCoAuthors(),
                mw.SplitNameParts(),
            ],
        )
    finally:
        parser_log.setLevel(level)
    if library.failed_blocks and not library.entries:
        raise InputFileError(
            path,
            "no BibTeX entry could be parsed",
            "check the file is BibTeX (entries start with @article{...)",
        )
    records: list[Record] = []
    for entry in library.entries:
        fields = {k.lower(): f.value for k, f in entry.fields_dict.items()}
        authors = fields.get("author") or []
        records.append(
            Record(
                title=clean(fields.get("title")).replace("{", "").replace("}", ""),
                abstract=clean(fields.get("abstract")),
                authors=[_name(a) for a in (authors if isinstance(authors, list) else [authors])],
                year=year_of(fields.get("year"), fields.get("date")),
                doi=doi_in(fields.get("doi"), fields.get("url")),
                journal=clean(
                    fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
                ),
                keywords=split_list(fields.get("keywords"), ";,"),
                url=clean(fields.get("url")),
                source_key=entry.key,
                raw={
                    "type": entry.entry_type,
                    "key": entry.key,
                    **{k: str(v) for k, v in fields.items()},
                },
            )
        )
    if library.failed_blocks:
        failed = library.failed_blocks
        lines = ", ".join(str((b.start_line or 0) + 1) for b in failed[:5])
        more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
        one = len(failed) == 1
        problem = (
            f"{len(failed)} BibTeX {'entry' if one else 'entries'} could not be read "
            f"(syntax error at line {lines}{more}) and {'was' if one else 'were'} skipped; "
            f"fix {'it' if one else 'them'} (unbalanced braces?) and import the file again "
            "with --again"
        )
        return PartRead(records, [problem])
    return records
