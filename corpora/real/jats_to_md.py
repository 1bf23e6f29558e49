"""Convert a PLOS JATS XML article to the Markdown reviewkit ingests.

Used once to build the PLOS files of this corpus (see README.md): the text is
the article's own, only laid out: title, abstracts (their section labels kept
as headings), body sections as headings, paragraphs, lists, figure and table
captions where they stand, and the reference list. Pages are split with form
feeds: front matter, body, references.

    python corpora/real/jats_to_md.py ARTICLE.xml OUT.md [--sections N] [--refs N]

--sections N keeps only the first N top-level body sections (an
abstract-plus-opening excerpt); --refs N keeps the first N references.
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ET
from pathlib import Path

XLINK = "{http://www.w3.org/1999/xlink}"
SKIP = {"xref-group", "alternatives", "object-id", "graphic", "inline-graphic", "media"}


def text_of(el: ET.Element) -> str:
    """The element's text with inline markup flattened and whitespace folded."""
    parts: list[str] = []

    def walk(e: ET.Element) -> None:
        tag = e.tag.split("}")[-1]
        if tag in SKIP or tag in {"fig", "table-wrap", "supplementary-material"}:
            if e.tail:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for child in e:
            walk(child)
        if e.tail and e is not el:
            parts.append(e.tail)

    walk(el)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def blocks(el: ET.Element, depth: int, out: list[str]) -> None:
    """Append the Markdown blocks of a section-like element to `out`."""
    for child in el:
        tag = child.tag.split("}")[-1]
        if tag == "title":
            t = text_of(child)
            if t:
                out.append("#" * min(depth, 6) + " " + t)
        elif tag == "label":
            continue
        elif tag == "p":
            # figures and tables inside a paragraph come after it
            t = text_of(child)
            if t:
                out.append(t)
            for inner in child.iter():
                if inner.tag.split("}")[-1] in {"fig", "table-wrap"}:
                    caption(inner, out)
        elif tag == "sec":
            blocks(child, depth + 1, out)
        elif tag in {"fig", "table-wrap"}:
            caption(child, out)
        elif tag == "list":
            lst(child, out)
        elif tag == "boxed-text":
            blocks(child, depth + 1, out)
        elif tag == "disp-quote" or tag == "disp-formula":
            t = text_of(child)
            if t:
                out.append(t)
        elif tag == "fn-group":
            continue


def lst(el: ET.Element, out: list[str]) -> None:
    items = []
    for item in el.findall("list-item"):
        t = " ".join(text_of(p) for p in item if p.tag in {"p", "title"})
        if t:
            items.append("- " + t)
    if items:
        out.append("\n".join(items))


def caption(el: ET.Element, out: list[str]) -> None:
    label = el.find("label")
    cap = el.find("caption")
    head = text_of(label) if label is not None else ""
    body = text_of(cap) if cap is not None else ""
    t = (head + ". " + body if head and body else head or body).strip()
    if t:
        out.append(t)


def reference(ref: ET.Element, n: int) -> str:
    cit = None
    for tag in ("mixed-citation", "element-citation", "citation", "nlm-citation"):
        cit = ref.find(tag)
        if cit is not None:
            break
    if cit is None:
        return f"{n}. {text_of(ref)}"
    if cit.tag == "mixed-citation":
        return f"{n}. {text_of(cit)}"
    names = []
    for name in cit.iter("name"):
        sur = name.findtext("surname") or ""
        given = name.findtext("given-names") or ""
        names.append(f"{sur} {given}".strip())
    collab = [text_of(c) for c in cit.iter("collab")]
    who = ", ".join(names + collab)
    fields = []
    if who:
        fields.append(who)
    year = cit.findtext("year")
    if year:
        fields.append(f"({year})")
    out = " ".join(fields)
    title = cit.find("article-title")
    src = cit.find("source")
    if title is not None and text_of(title):
        out += " " + text_of(title).rstrip(".") + "."
    if src is not None and text_of(src):
        out += " " + text_of(src) + "."
    vol = cit.findtext("volume")
    fpage, lpage = cit.findtext("fpage"), cit.findtext("lpage")
    if vol:
        out += f" {vol.strip()}"
        if fpage:
            out += f": {fpage.strip()}" + (f"–{lpage.strip()}" if lpage else "")
        out += "."
    return f"{n}. {out.strip()}"


def convert(xml: Path, sections: int | None, refs: int | None) -> str:
    root = ET.parse(xml).getroot()
    meta = root.find("front/article-meta")
    assert meta is not None
    front: list[str] = ["# " + text_of(meta.find("title-group/article-title"))]
    for ab in meta.findall("abstract"):
        kind = ab.get("abstract-type")
        if kind == "toc":
            continue
        title = ab.find("title")
        if title is None:
            front.append("## " + ("Author Summary" if kind == "summary" else "Abstract"))
            blocks(ab, 3, front)
        else:
            blocks(ab, 2, front)
    body: list[str] = []
    body_el = root.find("body")
    if body_el is not None:
        kept = 0
        for child in body_el:
            if child.tag == "sec":
                if sections is not None and kept >= sections:
                    break
                kept += 1
                blocks(child, 2, body)
            else:
                wrapper = ET.Element("x")
                wrapper.append(child)
                blocks(wrapper, 2, body)
    back: list[str] = []
    ref_list = root.find("back/ref-list")
    if ref_list is not None:
        back.append("## References")
        for i, ref in enumerate(ref_list.findall("ref"), 1):
            if refs is not None and i > refs:
                break
            back.append(reference(ref, i))
    pages = ["\n\n".join(front), "\n\n".join(body), "\n\n".join(back)]
    return "\n\f\n".join(p for p in pages if p.strip()) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("xml", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--sections", type=int, default=None)
    ap.add_argument("--refs", type=int, default=None)
    a = ap.parse_args()
    a.out.write_text(convert(a.xml, a.sections, a.refs), encoding="utf-8")


if __name__ == "__main__":
    main()
