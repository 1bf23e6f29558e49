"""Continua read from lists and tables: a lead-in or caption naming a set of
stages, levels or types, and one item, row or cell per stage."""

from __future__ import annotations

import re

from reviewkit.document import Document, evidence_at
from reviewkit.extract.continua.base import (
    CUE,
    CUE_RX,
    DOMAIN,
    NUMBER,
    Continuum,
    Stage,
    cite_in,
    common_head,
    stage_kind,
)
from reviewkit.extract.definitions import is_definition_item, match_definition
from reviewkit.extract.sentences import ListBlock, Paragraph, word_list


def from_list(doc: Document, block: ListBlock, before: str = "") -> Continuum | None:
    """A continuum read from a lead-in and its items (`before`: the text just
    before the lead-in, which may name the topic)."""
    lead_sent = block.lead.sentences[-1]
    lead_text = block.lead.text
    if not CUE_RX.search(lead_sent.text) and not CUE_RX.search(lead_text[-300:]):
        return None
    items_text = " ".join(i.text for i in block.items)
    if not DOMAIN.search(before[-400:] + " " + lead_text + " " + items_text):
        return None
    stages = [s for s in (_item_stage(i) for i in block.items) if s]
    if len(stages) < 2 or len(stages) < len(block.items) * 0.6:
        return None
    stages = common_head(stages, lead_text)
    cue = CUE_RX.findall(lead_sent.text) or CUE_RX.findall(lead_text)
    kind = stage_kind(" ".join(cue), len(stages))
    source = cite_in(doc, list(block.lead.sentences[::-1])) or cite_in(
        doc, [s for i in block.items for s in i.sentences]
    )
    last = block.items[-1]
    if last.page == lead_sent.page and last.end - lead_sent.start <= 3000:
        evidence = evidence_at(doc, lead_sent.page, lead_sent.start, last.end)
    else:
        evidence = evidence_at(doc, lead_sent.page, lead_sent.start, lead_sent.end)
    return Continuum(kind, stages, source, evidence, "list")


_CAPTION = re.compile(r"(?:Table|Box|Figure|Fig\.|Exhibit|Panel)\s+\d+[A-Za-z]?[.:]?\s", re.I)
_COUNTED = re.compile(rf"\b{NUMBER}\s+(?:[\w-]+\s+){{0,2}}?{CUE}\b", re.I)
_MARKED = re.compile(r"\s*(?:[-–*•▪◦●■]\s?|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
_GLOSSARY_ITEM = re.compile(r"[A-Z][^:.;]{1,40}:\s+\S")
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{2,}")
_HEADER_CELLS = frozenset(
    word_list(
        """level levels stage stages type types category categories name dimension dimensions
        degree form phase description definition definitions features characteristics
        meaning example examples"""
    )
)


def caption_blocks(pars: list[Paragraph]) -> list[ListBlock]:
    """Leads without a colon: a caption naming a set ("Table 2. Levels of integration")
    or a sentence counting one ("They describe four stages."), and the rows or
    items that follow."""
    out = []
    for i, par in enumerate(pars):
        last = par.sentences[-1].text.rstrip()
        caption = bool(_CAPTION.match(par.text) and CUE_RX.search(par.text))
        following = pars[i + 1] if i + 1 < len(pars) else None
        # "We distinguish three levels ... They are nested." followed by bulleted items.
        counted = (last.endswith(".") and bool(_COUNTED.search(last))) or (
            any(_COUNTED.search(s.text) for s in par.sentences)
            and following is not None
            and bool(_MARKED.match(following.text) or _GLOSSARY_ITEM.match(following.text))
        )
        if not (caption or counted):
            continue
        if not caption and following is not None and _CAPTION.match(following.text):
            continue  # the caption that follows leads its own table
        items: list[Paragraph] = []
        for nxt in pars[i + 1 : i + 16]:
            if _CAPTION.match(nxt.text):
                break
            cells = [c for c in _CELL_SPLIT.split(nxt.text.strip()) if c]
            if len(cells) >= 2 and cells[0].lower() in _HEADER_CELLS and not items:
                continue
            if len(cells) < 2 and not is_definition_item(nxt, items[0] if items else None):
                break
            items.append(nxt)
        if len(items) >= 2:
            out.append(ListBlock(par, tuple(items)))
    return out


def _item_stage(item: Paragraph) -> Stage | None:
    first = item.sentences[0].text
    cells = [c for c in _CELL_SPLIT.split(item.text.strip()) if c]
    if len(cells) >= 2 and len(cells[0].split()) <= 5 and re.match(r"\w", cells[0]):
        return Stage(cells[0].strip(), " ".join(cells[1:]).strip() or None)
    cands = match_definition(first, list_item=True)
    cands = [c for c in cands if c.pattern != "paren-term"]
    if cands:
        desc = " ".join([cands[0].definiens] + [s.text for s in item.sentences[1:]])
        return Stage(cands[0].term, desc.strip() or None)
    text = re.sub(r"^(?:\(?[a-z\d]{1,2}[.)]|[\W\d]{0,4})\s*", "", first).rstrip(" .;")
    # "(a) regional tier, where the health board ...": a name and its description.
    m = re.match(
        r"(?P<name>[\w-]+(?:\s+[\w-]+){0,3}?)\s*(?:,\s+(?=(?:where|which|in\s+which|at\s+which|"
        r"when|whose|who)\b)|\s[–—-]\s|—)(?P<desc>.{8,})$",
        text,
    )
    if m and m.group("name").split()[0].lower() not in {"the", "a", "an", "this", "in", "at"}:
        return Stage(m.group("name").strip(), m.group("desc").strip())
    m = re.match(r"(?P<name>[^()]{2,60}?)\s*\((?P<desc>[^()]+)\)$", text)
    if m:
        return Stage(m.group("name").strip(), m.group("desc").strip())
    if 1 <= len(text.split()) <= 5:
        return Stage(text, None)
    return None
