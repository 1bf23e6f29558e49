"""Continua, levels, typologies and dichotomies of integration.

CODEBOOK.md: an ordered or structured set of named stages that a document
presents as a way to classify integration or collaboration. They appear as

- lists: a lead-in naming the set ("three levels of integration:") followed by
  one item per stage ("Linkage: ...", "Autonomy is when ...");
- prose: "from A through B and C to D", "from A to B to C", "three levels:
  macro (...); meso (...); and micro (...)", "a distinction between A and B",
  "A versus B";
- runs of sentences: "At the macro level, ... At the meso level, ...".

Stages keep the document's names and order; a stage's description is what
the document says it means, when it says it.

Layout: this module merges and de-duplicates; `lists` reads lists and
tables, `prose` reads sentences, `base` holds the dataclasses
and stage-name helpers (`Stage` and `Continuum` are re-exported here).
"""

from __future__ import annotations

from reviewkit.document import Document
from reviewkit.extract.continua.base import KINDS, Continuum, Stage, fold_name
from reviewkit.extract.continua.lists import caption_blocks, from_list
from reviewkit.extract.continua.prose import from_level_run, from_sentence
from reviewkit.extract.definitions import is_definition_item
from reviewkit.extract.sentences import (
    Sentence,
    group_paragraphs,
    list_blocks,
    reference_paragraphs,
)

__all__ = ["KINDS", "Continuum", "Stage", "find_continua"]


def find_continua(doc: Document, sentences: list[Sentence]) -> list[Continuum]:
    """Find continua, levels, typologies and dichotomies in `doc`.

    Args:
        doc: the document.
        sentences: `split_sentences(doc)`.

    Returns:
        The sets found, in document order, without duplicates (the same stage
        names in the same order), without two-stage ranges whose ends are
        the ends of a longer continuum found elsewhere, and without later
        mentions of three or more stages of a set named before.
    """
    pars = group_paragraphs(doc, sentences)
    skip = reference_paragraphs(pars)
    pars = [p for p in pars if (p.page, p.start) not in skip]
    found: list[tuple[tuple[int, int], Continuum]] = []
    blocks = list_blocks(doc, [s for p in pars for s in p.sentences], is_item=is_definition_item)
    index = {(p.page, p.start): i for i, p in enumerate(pars)}
    for block in blocks + caption_blocks(pars):
        # The topic may be named just before the lead-in (a heading, the paragraph before).
        at = index.get((block.lead.page, block.lead.start), 0)
        before = " ".join(p.text for p in pars[max(0, at - 2) : at])
        c = from_list(doc, block, before)
        if c:
            found.append(((c.evidence.page, c.evidence.char_start), c))
    for par in pars:
        for c in from_level_run(doc, par):
            found.append(((c.evidence.page, c.evidence.char_start), c))
        for idx, sent in enumerate(par.sentences):
            for c in from_sentence(doc, par, idx, sent):
                found.append(((c.evidence.page, c.evidence.char_start), c))
    found.sort(key=lambda kv: kv[0])
    out = _dedupe([c for _, c in found])
    return sorted(out, key=lambda c: (c.evidence.page, c.evidence.char_start))


def _dedupe(items: list[Continuum]) -> list[Continuum]:
    out: list[Continuum] = []
    keys: list[tuple[str, ...]] = []
    for c in items:
        key = tuple(fold_name(s.name) for s in c.stages)
        if key in keys:
            # Keep the first place, but prefer the reading that names a source.
            i = keys.index(key)
            if out[i].attributed_to is None and c.attributed_to is not None:
                out[i] = c
            continue
        out.append(c)
        keys.append(key)
    # Drop "from A to E" when a longer continuum runs from A to E, and a later
    # mention of some of a set's stages ("the clinical and normative dimensions")
    # when the whole set was named before.
    return [
        c
        for i, (c, key) in enumerate(zip(out, keys, strict=True))
        if not (
            len(key) == 2 and any(len(k) > 2 and k[0] == key[0] and k[-1] == key[1] for k in keys)
        )
        and not any(len(k) > len(key) >= 3 and set(key) < set(k) for k in keys[:i])
    ]
