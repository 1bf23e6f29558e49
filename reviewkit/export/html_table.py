"""The evidence table as one self-contained HTML file.

Inline CSS only: no scripts, fonts, images or links to fetch, so the file
opens offline and can be mailed. Each value opens (``<details>``) onto its
verbatim quotes. Every piece of text is escaped.
"""

from __future__ import annotations

from html import escape

from reviewkit.export.evidence import LEGEND, STUDY_COLUMNS, study_values
from reviewkit.synthesise.evidence_table import Cell, EvidenceTable

CSS = """
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
ul.notes { color: #57606a; margin: 0 0 1rem; padding-left: 1.2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; vertical-align: top;
         text-align: left; }
th { background: #f6f8fa; position: sticky; top: 0; }
td.study { font-weight: 600; white-space: nowrap; }
td.title { min-width: 14rem; }
.value { margin: 0 0 .3rem; padding: .1rem .3rem; border-radius: 4px; }
.value summary { cursor: pointer; list-style: none; }
.value summary::-webkit-details-marker { display: none; }
.value[open] summary { margin-bottom: .2rem; }
td.field { min-width: 13rem; }
.reviewed { background: #e6f4ea; }
.proposed { background: #fff8c5; font-style: italic; border: 1px dashed #d4a72c; }
.mark { font-style: normal; font-weight: 700; margin-right: .25rem; }
.reviewed .mark { color: #1a7f37; }
.proposed .mark { color: #9a6700; }
.page { color: #57606a; font-style: normal; white-space: nowrap; }
blockquote { margin: .3rem 0 .3rem .6rem; padding-left: .5rem; border-left: 3px solid #d0d7de;
             color: #3d444d; font-style: normal; }
.meta { color: #57606a; font-size: 12px; }
"""


def _value(c: Cell) -> str:
    kind = "reviewed" if c.reviewed else "proposed"
    page = f' <span class="page">({escape(c.page_ref)})</span>' if c.page_ref else ""
    summary = f'<span class="mark" title="{kind}">{escape(c.marker)}</span>{escape(c.text)}{page}'
    quotes = "".join(
        f"<blockquote>{escape(e.quote)}"
        f' <span class="meta">p. {e.page}, chars {e.char_start}–{e.char_end}</span>'
        "</blockquote>"
        for e in c.evidence
    )
    meta = f'<div class="meta">{escape(c.status)} · {escape(c.method)}'
    if c.confidence is not None:
        meta += f" · confidence {c.confidence:.2f}"
    meta += "</div>"
    return (
        f'<details class="value {kind}"><summary title="show the quote">{summary}</summary>'
        f"{quotes}{meta}</details>"
    )


def evidence_html(table: EvidenceTable) -> str:
    """The whole HTML document as text."""
    title = f"Evidence table (template: {table.template})"
    head = "".join(f"<th>{escape(c)}</th>" for c in (*STUDY_COLUMNS, *table.fields))
    rows = []
    for r in table.rows:
        study = study_values(r)
        tds = [f'<td class="study">{escape(str(study[0]))}</td>']
        tds.append(f'<td class="title">{escape(str(study[1]))}</td>')
        tds += [f"<td>{escape('' if v is None else str(v))}</td>" for v in study[2:]]
        tds += [
            f'<td class="field">{"".join(_value(c) for c in r.cells[f])}</td>' for f in table.fields
        ]
        rows.append("<tr>" + "".join(tds) + "</tr>")
    notes = "".join(f"<li>{escape(n)}</li>" for n in [*table.notes, LEGEND])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<ul class="notes">{notes}</ul>'
        f"<table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table></body></html>\n"
    )
