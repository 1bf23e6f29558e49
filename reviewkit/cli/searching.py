"""`reviewkit index`, `reviewkit search` and `reviewkit quagmire`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reviewkit.cli.app import cli
from reviewkit.cli.common import open_review, print_json, project_option

if TYPE_CHECKING:
    from reviewkit.search.corpus_definitions import DefinitionItem
    from reviewkit.search.query import Hit
    from reviewkit.store import Store
    from reviewkit.synthesise.quagmire import QuagmireMap

SEARCH_MODES = ("hybrid", "semantic", "keyword")


def _progress_bar() -> Any:
    """A rich progress bar on stderr (stdout stays clean for --json)."""
    from rich.console import Console

    from reviewkit.cli.progress import callback_progress

    return callback_progress(Console(stderr=True), "indexing")


@contextmanager
def _no_bar() -> Iterator[None]:
    yield None


@cli.command("index")
@click.option(
    "--no-embed",
    is_flag=True,
    help="Only chunk and keyword-index passages; skip the embedding model.",
)
@click.option("--quiet", is_flag=True, help="No progress bar (the background indexer's way).")
@project_option
def index(no_embed: bool, quiet: bool, project: Path | None) -> None:
    """Index passages of ingested documents for search (embeddings cached).

    Waits for a background indexer of the same review (started by `ingest`)
    to finish first, then does whatever is left.
    """
    from reviewkit.cli.background import indexer_lock, running_indexer
    from reviewkit.search.index import index_documents

    store, config, folder = open_review(project)
    embed = config.flag("search.embed") and not no_embed
    if (pid := running_indexer(folder)) is not None and not quiet:
        click.echo(f"waiting for the background indexer (pid {pid}) to finish", err=True)
    with store, indexer_lock(folder), _no_bar() if quiet else _progress_bar() as progress:
        report = index_documents(store, embed=embed, progress=progress)
    if embed:
        from reviewkit.embed import ensure_onnx

        # Once per model: the fast query model, so searches need not load torch.
        ensure_onnx()
    if report.documents or report.embedded:
        line = (
            f"indexed {report.documents} new documents ({report.passages} passages); "
            f"embedded {report.embedded} texts"
        )
    else:
        line = "index up to date"
    if report.missing_vectors:
        line += (
            f"; {report.missing_vectors} passages have no vectors yet "
            "(keyword search only for them; run `reviewkit index`)"
        )
    click.echo(line)


@cli.command("search")
@click.argument("query", required=False)
@click.option(
    "--mode",
    type=click.Choice(SEARCH_MODES),
    default="hybrid",
    show_default=True,
    help="Keyword (FTS5 BM25), semantic (embeddings) or both fused.",
)
@click.option(
    "-k",
    "k",
    type=click.IntRange(min=1),
    default=None,
    help="Results to show (default: setting search.k).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the reviewkit.search/1 contract.")
@click.option(
    "--definitions",
    "term",
    metavar="TERM",
    default=None,
    help="List every definition of TERM across the corpus instead.",
)
@project_option
def search_command(
    query: str | None,
    mode: str,
    k: int | None,
    as_json: bool,
    term: str | None,
    project: Path | None,
) -> None:
    """Search passages of the ingested documents for QUERY, with page citations.

    Only reads the review: documents not indexed yet (`reviewkit index`) or
    not extracted yet (`reviewkit extract`) are named on stderr.
    """
    from reviewkit.search.query import definitions_of, search_result
    from reviewkit.store.passages import documents_to_index

    store, config, folder = open_review(project)
    with store:
        if term is not None:
            template = config.text("extract.template")
            items = definitions_of(store, term, template=template)
            _note_unextracted(store, template)
            if as_json:
                print_json({"term": term, "definitions": [d.to_json() for d in items]})
            else:
                _print_definitions(term, items)
            return
        if not query:
            raise click.UsageError("give a QUERY, or --definitions TERM")
        unindexed = len(documents_to_index(store))
        if unindexed:
            _note(f"{unindexed} documents are not indexed yet; run `reviewkit index`")
        k = k or config.integer("search.k")
        answer = _hits_from_server(folder, query, mode, k)
        if answer is None:
            result = search_result(store, query, mode=mode, k=k)
            hits, no_match = result.hits, result.no_match
        else:
            hits, no_match = answer
    if as_json:
        print_json(
            {
                "schema": "reviewkit.search/1",
                "query": query,
                "mode": mode,
                "results": [h.to_json() for h in hits],
                "no_good_match": no_match,
            }
        )
        return
    _print_hits(query, hits, no_match=no_match)


def _hits_from_server(folder: Path, query: str, mode: str, k: int) -> tuple[list[Hit], bool] | None:
    """The hits of the review's running server (warm model) and its "no good match",
    or None when none answers."""
    from reviewkit.search.query import Hit
    from reviewkit.serve.client import ask_server

    body = ask_server(folder, "/api/search", {"q": query, "mode": mode, "k": str(k)})
    if body is None:
        return None
    return [Hit.from_json(r) for r in body["results"]], bool(body.get("no_good_match", False))


def _note(line: str) -> None:
    click.echo(f"note: {line}", err=True)


def _note_unextracted(store: Store, template: str) -> None:
    from reviewkit.search.corpus_definitions import unextracted_documents

    missing = len(unextracted_documents(store, template))
    if missing:
        _note(
            f"{missing} documents have no proposals of template {template!r} yet; "
            "run `reviewkit extract`"
        )


def _print_hits(query: str, hits: list[Hit], *, no_match: bool = False) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    if not hits:
        console.print(f"no passages match {query!r}")
        return
    if no_match:
        console.print(f"no passage matches {query!r} well; the nearest are shown", highlight=False)
    for n, hit in enumerate(hits, 1):
        head = Text(f"{n}. ", style="bold")
        head.append(hit.title or hit.doc_sha256[:12], style="bold cyan")
        head.append(f"  p. {hit.page}", style="magenta")
        head.append(f"  [{hit.score:.3f}]", style="dim")
        body = Text(hit.text)
        for start, end in hit.highlights:
            body.stylize("bold black on yellow", start, end)
        console.print(head)
        if hit.path:
            console.print(Text(hit.path, style="dim"))
        console.print(body)
        console.print()


def _print_definitions(term: str, items: list[DefinitionItem]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    if not items:
        console.print(f"no definitions of {term!r} found")
        return
    console.print(Text(f"{len(items)} definitions of {term!r}", style="bold"))
    for item in items:
        line = Text("\n")
        line.append(item.term, style="bold")
        line.append(": " + item.definition)
        source = f"{item.title or item.doc_sha256[:12]}, p. {item.page}"
        if item.attributed_to:
            source += f", after {item.attributed_to}"
        line.append(f"\n  {source}", style="dim")
        console.print(line)


@cli.command("quagmire")
@click.option("--json", "as_json", is_flag=True, help="Print the reviewkit.quagmire/1 contract.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the interactive map as one self-contained HTML file.",
)
@click.option(
    "--png",
    "png_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the map as a PNG image.",
)
@project_option
def quagmire(
    as_json: bool, html_path: Path | None, png_path: Path | None, project: Path | None
) -> None:
    """Group the review's definitions by meaning: polysemous terms and synonyms."""
    from reviewkit.synthesise.quagmire.review import review_map

    store, config, _ = open_review(project)
    template = config.text("extract.template")
    with store, _progress_bar() as progress:
        _note_unextracted(store, template)
        result = review_map(
            store,
            template=template,
            progress=lambda done, total: progress("embedding", done, total),
        )
    qmap = result.map
    if result.uncached:
        _note(
            f"{result.uncached} definitions had no cached vector and were embedded now; "
            "`reviewkit index` caches them"
        )
    if html_path is not None:
        from reviewkit.synthesise.quagmire.html import render_html

        html_path.write_text(render_html(qmap), encoding="utf-8")
    if png_path is not None:
        from reviewkit.synthesise.quagmire.plot import render_png

        render_png(qmap, png_path)
    if as_json:
        print_json(qmap.to_json())
        return
    _print_quagmire(qmap, [p for p in (html_path, png_path) if p is not None])


def _print_quagmire(qmap: QuagmireMap, written: list[Path]) -> None:
    click.echo(f"{len(qmap.items)} definitions in {len(qmap.clusters)} clusters")
    for c in qmap.clusters:
        click.echo(f"  {c.id:>3}. {c.label} ({len(c.members)})")
    if qmap.polysemous_terms:
        click.echo("same term, different meanings:")
        for term, ids in qmap.polysemous_terms:
            click.echo(f"  {term}: clusters {', '.join(map(str, ids))}")
    if qmap.synonym_groups:
        click.echo("different terms, same meaning:")
        for cid, terms in qmap.synonym_groups:
            click.echo(f"  cluster {cid}: {', '.join(terms)}")
    for path in written:
        click.echo(f"wrote {path}")
