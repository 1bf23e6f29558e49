"""Write tuning/sentences.jsonl: every sentence of the tuning PLOS files, labelled from the gold.

    python corpora/real/make_sentences.py

A sentence is labelled 1 when it holds an anchor of a gold definition
(``core`` says whether that definition is required or borderline), else 0.
``kind`` tells prose from headings, list items and reference entries. Only the
PLOS files are included (see README.md, "Labelled sentences"). Run it again
after the gold or the files change; the held-out half is never read.
"""

from __future__ import annotations

import json
from pathlib import Path

from reviewkit.extract.evaluate import fold_anchor
from reviewkit.extract.sentences import split_sentences, starts_item
from reviewkit.ingest.plain import read_text_file

TUNING = Path(__file__).resolve().parent / "tuning"


def labelled_rows(md: Path) -> list[dict]:
    """The sentences of one tuning file, each with its label from the gold."""
    gold = json.loads((TUNING / "gold" / (md.stem + ".json")).read_text(encoding="utf-8"))
    sentences = split_sentences(read_text_file(md))
    folded = [fold_anchor(s.text) for s in sentences]
    found: dict[int, dict] = {}
    for d in gold["definitions"]:
        anchor = fold_anchor(d["anchor"])
        for i in (i for i, text in enumerate(folded) if anchor in text):
            if i not in found or (d["core"] and not found[i]["core"]):
                found[i] = d
    rows, in_references = [], False
    for i, s in enumerate(sentences):
        text = s.text.strip()
        if text.startswith("#"):
            in_references = text.lstrip("# ").lower() == "references"
            kind = "heading"
        else:
            kind = "reference" if in_references else "list-item" if starts_item(text) else "prose"
        d = found.get(i)
        rows.append(
            {
                "text": s.text,
                "label": 1 if d else 0,
                "core": d["core"] if d else None,
                "term": d["term"] if d else None,
                "list_item": kind == "list-item",
                "kind": kind,
                "file": md.name,
                "page": s.page,
                "provenance": f"real: corpora/real/tuning/{md.name}, page {s.page} "
                "(source and licence in corpora/real/manifest.json)",
            }
        )
    return rows


def main() -> None:
    rows = [row for md in sorted(TUNING.glob("plos_*.md")) for row in labelled_rows(md)]
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (TUNING / "sentences.jsonl").write_text(text, encoding="utf-8")
    print(f"{len(rows)} sentences, {sum(r['label'] for r in rows)} holding a definition")


if __name__ == "__main__":
    main()
