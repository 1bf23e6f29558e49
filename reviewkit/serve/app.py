"""The ASGI app of `reviewkit serve`: a JSON API and server-rendered pages over one review."""

from __future__ import annotations

import logging
import re
import threading
import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from reviewkit.config import Config
from reviewkit.errors import ReviewkitError
from reviewkit.search.query import MODES, Hit, definitions_of, search, search_result
from reviewkit.serve.guard import (
    COOKIE,
    MAX_BODY_BYTES,
    MAX_QUERY_CHARS,
    RateLimiter,
    bearer_token,
    is_local_token,
)
from reviewkit.store import DB_NAME, Store, folder_config
from reviewkit.store.documents import load_document
from reviewkit.store.users import user_for_token

log = logging.getLogger("reviewkit.serve")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_K = 100


class HttpError(Exception):
    """An error a request caused, shown to the client as `message` with `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class Review:
    """The review a server answers for: its settings and one read-only Store per thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.config: Config = folder_config(folder)
        # Opened read-write once so the schema (users table included) is current.
        Store(folder / DB_NAME).close()
        self._local = threading.local()

    def store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.folder / DB_NAME, read_only=True)
            self._local.store = store
        return store

    def warm(self) -> None:
        """Load the vectors and the embedding model now, so the first search is fast."""
        from reviewkit.search.vectors import vector_cache

        store = self.store()
        if len(vector_cache.get(store).ids) > 0:
            search(store, "warm up", mode="semantic", k=1)


def make_app(
    folder: Path,
    *,
    local_token: str | None = None,
    warm: bool = True,
    limiter: RateLimiter | None = None,
) -> Starlette:
    """The server of the review in `folder`.

    Args:
        local_token: a secret accepted besides users' tokens, for the CLI on this machine.
        warm: load the model and vectors at start-up (tests of keyword search skip it).
        limiter: the per-token rate limit (default: 60 at once, 10 a second after).
    """
    review = Review(folder)
    env = Environment(
        loader=PackageLoader("reviewkit.serve", "templates"),
        autoescape=select_autoescape(default=True),
    )

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        values.setdefault("nav", True)
        return HTMLResponse(env.get_template(template).render(**values), status_code=status)

    def failure(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        if status == 401:
            return page("login.html", 401, title="Log in", message=message, nav=False)
        return page("message.html", status, title=f"Error {status}", message=message)

    guard = _Guard(review, local_token, limiter or RateLimiter(), failure)
    routes = _routes(review, page)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        if warm:
            review.warm()
        yield

    app = Starlette(
        routes=routes,
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard.dispatch)],
        lifespan=lifespan,
    )
    return app


class _Guard:
    """Limits, authentication and the one place that turns errors into responses."""

    def __init__(
        self,
        review: Review,
        local_token: str | None,
        limiter: RateLimiter,
        failure: Callable[[Request, int, str], Response],
    ) -> None:
        self.review = review
        self.local_token = local_token
        self.limiter = limiter
        self.failure = failure

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        try:
            self._check_size(request)
            if request.url.path != "/login":
                token = bearer_token(
                    request.headers.get("authorization"), request.cookies.get(COOKIE)
                )
                if token is None or not self._known(token):
                    raise HttpError(401, "log in with your token (`reviewkit users add NAME`)")
                if not self.limiter.allow(token):
                    raise HttpError(429, "too many requests; wait a few seconds and try again")
            return await call_next(request)
        except HttpError as exc:
            return self.failure(request, exc.status, exc.message)
        except ReviewkitError as exc:
            return self.failure(request, 400, str(exc))
        except Exception:
            # The log keeps the traceback; the client gets one line.
            log.exception("request %s failed", request.url.path)
            return self.failure(request, 500, "internal error; the server's log has the details")

    def _check_size(self, request: Request) -> None:
        if len(request.url.query) > MAX_QUERY_CHARS:
            raise HttpError(414, f"query string longer than {MAX_QUERY_CHARS} characters")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            raise HttpError(413, f"request body larger than {MAX_BODY_BYTES} bytes")

    def _known(self, token: str) -> bool:
        if is_local_token(token, self.local_token):
            return True
        return user_for_token(self.review.store(), token) is not None


def _int(request: Request, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise HttpError(400, f"{name} must be a whole number from {low} to {high}")
    return int(raw)


def _mode(request: Request) -> str:
    mode = request.query_params.get("mode", "hybrid")
    if mode not in MODES:
        raise HttpError(400, f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
    return mode


def _pieces(hit: Hit) -> list[tuple[str, bool]]:
    """The passage cut into (text, is-a-query-word) pieces for highlighting."""
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in hit.highlights:
        if start < at:
            continue
        out.append((hit.text[at:start], False))
        out.append((hit.text[start:end], True))
        at = end
    out.append((hit.text[at:], False))
    return [p for p in out if p[0]]


def _routes(review: Review, page: Callable[..., HTMLResponse]) -> list[Route]:
    def run_search(request: Request) -> tuple[str, str, list[Hit], bool]:
        query = request.query_params.get("q", "").strip()
        mode = _mode(request)
        k = _int(request, "k", review.config.integer("search.k"), 1, MAX_K) or 10
        if not query:
            return query, mode, [], False
        result = search_result(review.store(), query, mode=mode, k=k)
        return query, mode, result.hits, result.no_match

    def api_search(request: Request) -> Response:
        query, mode, hits, no_match = run_search(request)
        if not query:
            raise HttpError(400, "give a query: /api/search?q=...")
        results = [h.to_json() | {"highlights": [list(s) for s in h.highlights]} for h in hits]
        return JSONResponse(
            {
                "schema": "reviewkit.search/1",
                "query": query,
                "mode": mode,
                "results": results,
                "no_good_match": no_match,
            }
        )

    def definitions(request: Request) -> list[Any]:
        term = request.query_params.get("term", "").strip()
        if not term:
            return []
        template = review.config.text("extract.template")
        return list(definitions_of(review.store(), term, template=template))

    def api_definitions(request: Request) -> Response:
        term = request.query_params.get("term", "").strip()
        if not term:
            raise HttpError(400, "give a term: /api/definitions?term=...")
        return JSONResponse(
            {"term": term, "definitions": [d.to_json() for d in definitions(request)]}
        )

    def page_text(request: Request) -> tuple[str, str, str]:
        sha = str(request.path_params["sha256"])
        number = str(request.path_params["n"])
        if not _SHA256.match(sha) or not number.isdigit():
            raise HttpError(404, "no such document page; links come from search results")
        doc = load_document(review.store(), sha)
        pages = {p.number: p.text for p in doc.pages} if doc is not None else {}
        if doc is None or int(number) not in pages:
            raise HttpError(404, f"no page {number} of document {sha[:12]} in this review")
        return doc.title or Path(doc.path).name, doc.path, pages[int(number)]

    def api_page(request: Request) -> Response:
        title, _, text = page_text(request)
        return JSONResponse(
            {
                "doc_sha256": request.path_params["sha256"],
                "title": title,
                "page": int(request.path_params["n"]),
                "text": text,
            }
        )

    def api_status(request: Request) -> Response:
        from reviewkit.screen.status import review_status

        return JSONResponse(review_status(review.store(), review.config).to_json())

    def search_page(request: Request) -> Response:
        try:
            query, mode, hits, no_match = run_search(request)
            error = None
        except ReviewkitError as exc:
            query, mode, hits, error = request.query_params.get("q", ""), "hybrid", [], str(exc)
            no_match = False
        rows = [
            {
                "sha": h.doc_sha256,
                "title": h.title or h.doc_sha256[:12],
                "page": h.page,
                "start": h.char_start,
                "end": h.char_end,
                "score": h.score,
                "pieces": _pieces(h),
            }
            for h in hits
        ]
        return page(
            "search.html",
            title="Search",
            query=query,
            mode=mode,
            modes=MODES,
            hits=rows,
            no_match=no_match,
            error=error,
        )

    def define_page(request: Request) -> Response:
        term = request.query_params.get("term", "").strip()
        return page(
            "define.html", title="How is it defined?", term=term, items=definitions(request)
        )

    def document_page(request: Request) -> Response:
        title, path, text = page_text(request)
        start = _int(request, "start", None, 0, len(text))
        end = _int(request, "end", None, 0, len(text))
        if start is None or end is None or end <= start:
            start = end = len(text)
        return page(
            "page.html",
            title=f"{title}, p. {request.path_params['n']}",
            path=path,
            before=text[:start],
            marked=text[start:end],
            after=text[end:],
        )

    def quagmire_page(request: Request) -> Response:
        from reviewkit.synthesise.quagmire.html import render_html
        from reviewkit.synthesise.quagmire.review import review_map

        template = review.config.text("extract.template")
        return HTMLResponse(render_html(review_map(review.store(), template=template).map))

    def evidence_page(request: Request) -> Response:
        from reviewkit.export.html_table import evidence_html
        from reviewkit.synthesise.evidence_table import evidence_table

        table = evidence_table(
            review.store(),
            review.config.text("extract.template"),
            min_confidence=review.config.number("extract.min_confidence"),
        )
        return HTMLResponse(evidence_html(table))

    def login_form(request: Request) -> Response:
        return page("login.html", title="Log in", nav=False, message=None)

    async def login(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            raise HttpError(413, f"request body larger than {MAX_BODY_BYTES} bytes")
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0].strip()
        if not token or user_for_token(review.store(), token) is None:
            return page("login.html", 401, title="Log in", nav=False, message="unknown token")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    return [
        Route("/api/search", api_search),
        Route("/api/definitions", api_definitions),
        Route("/api/documents/{sha256}/pages/{n}", api_page),
        Route("/api/status", api_status),
        Route("/", search_page),
        Route("/define", define_page),
        Route("/documents/{sha256}/pages/{n}", document_page),
        Route("/quagmire", quagmire_page),
        Route("/evidence", evidence_page),
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
    ]
