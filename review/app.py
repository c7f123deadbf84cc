"""`dossier review`: the review page and the JSON API it uses, served on loopback by uvicorn."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import BackgroundTasks, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Engine, make_url
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flows.corpus_views import CorpusViews
from flows.settings import load_settings
from flows.store_export import export_engine, store_slices
from render.spans import item_label
from review.decisions import decision_units
from review.fields import ACTOR_KINDS, EDITABLE
from review.highlight import page_of, render_text
from review.queues import QUEUES, queue, queue_sizes, search
from review.repository import (
    REVIEW_DATASETS,
    ReviewError,
    add_extraction,
    all_orphaned,
    dismiss_orphans,
    document_summaries,
    document_view,
    record_decisions,
    record_verdict,
    undo_review,
)
from schema import EXPORTED
from store.database import current_doc_id, document_titles, evidence_documents, open_store

PACKAGE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # the page writes to the store and has no login: it is only ever served on loopback
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_BODY_BYTES = 1_000_000  # a verdict or an addition is a few hundred bytes
MAX_ID_CHARS = 200  # ids are 16-40 characters
MAX_REVIEW_ID = 2**63 - 1  # SQLite's INTEGER
FACTS_PER_PAGE = 200  # a page of the facts queue: what a person reads before paging on
MAX_FACTS_PER_REQUEST = 5000  # the API's largest page: a response stays a few megabytes whatever the corpus
DocId = Annotated[str, PathParam(max_length=MAX_ID_CHARS)]
ExtractionId = Annotated[str, PathParam(max_length=MAX_ID_CHARS)]
ReviewId = Annotated[int, PathParam(ge=1, le=MAX_REVIEW_ID)]


def json_error(status: int, message: str) -> JSONResponse:
    """Every error the API gives: a status and one line of JSON."""
    return JSONResponse(status_code=status, content={"detail": " ".join(message.split())[:500]})


class LoopbackOnly:
    """Requests must name this server by a loopback name and its port (no DNS rebinding: a page at another name
    that resolves to 127.0.0.1 is refused), writes must come from its own pages (other Origins refused), and a
    JSON body must be standard JSON (no NaN or Infinity) of a sane size. ASGI, so nothing reaches a route
    otherwise."""

    def __init__(self, app: ASGIApp, port: int | None) -> None:
        self.app = app
        self.port = port

    def host_allowed(self, host: str) -> bool:
        name, _, port = host.rpartition(":") if not host.endswith("]") else (host, "", "")
        if not name:
            name, port = host, ""
        if name.lower() not in LOOPBACK_NAMES:
            return False
        return self.port is None or port == str(self.port)

    def origin_allowed(self, origin: str) -> bool:
        scheme, _, host = origin.partition("://")
        return scheme == "http" and self.host_allowed(host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.host_allowed(headers.get("host", "")):
            await json_error(400, "this server answers only to 127.0.0.1 or localhost and its port")(
                scope, receive, send)
            return
        if scope["method"] in WRITE_METHODS:
            origin = headers.get("origin")
            if (origin is not None and not self.origin_allowed(origin)) or \
                    headers.get("sec-fetch-site") == "cross-site":
                await json_error(403, "writes are accepted only from this server's own pages")(scope, receive, send)
                return
            body, error = await read_body(receive)
            if error:
                await json_error(*error)(scope, receive, send)
                return
            receive = replay(body)
        await self.app(scope, receive, send)


def reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"{text[:40]} is out of range for a number")
    return value


async def read_body(receive: Receive) -> tuple[bytes, tuple[int, str] | None]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > MAX_BODY_BYTES:
            return b"", (413, f"request body over {MAX_BODY_BYTES} bytes")
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    if body.strip():
        try:
            json.loads(body, parse_constant=reject_constant, parse_float=finite_float)
        except ValueError as exc:
            return body, (400, f"the body is not valid JSON: {str(exc).splitlines()[0]}")
    return body, None


def replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


class VerdictBody(BaseModel):
    """accept, reject, or edit with the fields to change beside the verdict."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"verdict": "accept"}, {"verdict": "reject"}, {"verdict": "edit", "value": "2024-10-17"},
        {"verdict": "edit", "value": 3.8e10, "unit": "m3"}, {"verdict": "edit", "iso3": "KOR"},
    ]})
    verdict: str = Field(description="accept | reject | edit")


class AddBody(BaseModel):
    """A missed extraction: its dataset, span (start, end, optionally text to check) and fields."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"dataset": "actors", "start": 120, "end": 128, "text": "Canberra", "name": "Australia", "kind": "country",
         "iso3": "AUS"},
        {"dataset": "dates", "start": 40, "end": 52, "value": "2024-10-17"},
        {"dataset": "figures", "start": 300, "end": 307, "value": 24, "unit": "percent"},
    ]})
    dataset: str = Field(description="actors (a mention of an actor) | mentions | dates | figures | claims")


class DecisionBody(BaseModel):
    """accept or reject many extractions of one document at once."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"verdict": "accept", "ids": ["cla-0123456789abcd", "fig-0123456789abcd"]}, {"verdict": "accept"},
    ]})
    verdict: str = Field(description="accept | reject")
    ids: list[str] | None = Field(None, description="the extractions; none: everything still open in the document")


class Exporter:
    """Re-exports the datasets after verdicts so the files in `out` reflect the reviews.

    It runs after the response is sent (a background task), so a verdict's round trip never waits for pandas and
    Parquet; verdicts that arrive while an export runs are folded into the next one.
    """

    def __init__(self, engine: Engine, out: Path | None) -> None:
        self.engine = engine
        self.out = out
        self.lock = threading.Lock()
        self.counter = threading.Lock()
        self.wanted = 0  # verdicts recorded so far
        self.done = 0  # verdicts the files on disk reflect
        self.last: dict = {"ok": True}

    def schedule(self) -> dict:
        if self.out is None:
            return {"ok": False, "error": "no output folder configured"}
        with self.counter:
            self.wanted += 1
        return {"ok": True, "pending": True}

    def status(self) -> dict:
        with self.counter:
            return {"current": self.done >= self.wanted, "verdicts": self.wanted, "exported": self.done,
                    "last": self.last}

    def __call__(self) -> dict:
        if self.out is None:
            return {"ok": False, "error": "no output folder configured"}
        with self.lock:
            with self.counter:
                target = self.wanted
            if self.done >= target and self.done > 0:
                return self.last  # an export that started after this verdict has written it already
            try:
                self.last = {"ok": True, "rows": export_engine(self.engine, self.out)[0]}
            except Exception as exc:  # the verdict is stored either way; say why the files lag behind
                self.last = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            self.done = target
            return self.last


@dataclass
class FactsPage:
    """A page of the facts queue: `facts` from the `offset`-th, of `total` (`conflicts` of them in conflict)."""

    facts: list[dict[str, Any]]
    offset: int
    total: int
    conflicts: int


def facts_queue(engine: Engine, offset: int = 0, limit: int = FACTS_PER_PAGE) -> FactsPage:
    """A page of the corpus facts, conflicts first, each with the statements (figures, table cells) that make it and
    the document each sits in, so the page can open the sentence. The facts are built as the export builds them, a
    slice of documents at a time on a scratch file (flows/corpus_views.py): memory stays flat in corpus size, and
    only the page asked for is read back."""
    settings = load_settings()
    with tempfile.TemporaryDirectory(prefix="dossier-facts-") as scratch, CorpusViews(Path(scratch)) as views:
        for rows, sources in store_slices(engine, max(1, settings.export_slice_docs)):
            views.add(rows, sources)
        total, conflicts = views.fact_counts()
        facts = views.fact_slice(offset, limit)
        names = views.actor_names(a for f in facts for a in (f["actor_id"], f["counterpart_actor_id"]) if a)
    evidence_ids = [i for f in facts for i in f["evidence_ids"]]
    where = evidence_documents(engine, evidence_ids)
    titles = document_titles(engine, set(where.values()))
    for fact in facts:
        fact["actor_name"] = names.get(fact["actor_id"], fact["actor_id"])
        fact["counterpart_name"] = names.get(fact["counterpart_actor_id"], fact["counterpart_actor_id"])
        fact["evidence"] = [{"id": i, "doc_id": where[i], "title": titles.get(where[i])}
                            for i in fact["evidence_ids"] if i in where]
    return FactsPage(facts, offset, total, conflicts)


def create_app(database_url: str, out: Path | None = None, port: int | None = None) -> FastAPI:
    """`port`: the one port the server listens on, the only one accepted in Host and Origin (None: any, on a
    loopback name)."""
    engine = open_store(database_url)
    export = Exporter(engine, Path(out) if out is not None else None)
    # No Swagger UI: it loads from a CDN (blank offline); /docs is a page of our own built from the OpenAPI schema.
    app = FastAPI(title="dossier review", description="Check, correct and add extractions. The page at / uses "
                  "exactly this API; every verdict is stored with when and what changed, and can be undone.",
                  docs_url=None, redoc_url=None)
    app.add_middleware(LoopbackOnly, port=port)
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    templates = Jinja2Templates(directory=PACKAGE / "templates")
    templates.env.trim_blocks = templates.env.lstrip_blocks = True  # the page is sent whole: no idle whitespace
    templates.env.globals.update(label=item_label, page_of=page_of, datasets=REVIEW_DATASETS, context=context_of,
                                 slim=slim_item,
                                 editable=EDITABLE, actor_kinds=ACTOR_KINDS)

    @app.exception_handler(ReviewError)
    def review_error(_request: Request, exc: ReviewError) -> JSONResponse:
        return json_error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return json_error(422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return json_error(exc.status_code, str(exc.detail))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {"schema": app.openapi()})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        summaries = document_summaries(engine)
        sizes = queue_sizes(engine)
        return templates.TemplateResponse(request, "index.html", {
            "documents": summaries, "orphaned": all_orphaned(engine), "overall": overall_progress(engine, summaries),
            "queues": [(name, title, sizes[name]) for name, (title, _) in QUEUES.items()]})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: DocId) -> HTMLResponse:
        try:
            view = document_view(engine, doc_id)
        except ReviewError as exc:
            with engine.connect() as conn:
                current = current_doc_id(conn, doc_id)
            if current is not None:  # a link to an earlier version of the file leads to the version stored now
                return RedirectResponse(f"/documents/{current}", status_code=307)
            return templates.TemplateResponse(request, "missing.html", {"message": exc.message}, status_code=404)
        doc = view["document"]
        readable = doc["status"] in ("ok", "partial")
        text_html = render_text(doc["text"] or "", view["items"], doc["pages"]) if readable else ""
        actors = {a["actor_id"]: a for a in view["items"]["actors"]}
        return templates.TemplateResponse(request, "document.html", {
            **view, "text_html": text_html, "actors": actors, "units": decision_units(view["items"]),
            "by_id": {i["id"]: (name, i) for name in REVIEW_DATASETS for i in view["items"][name]},
            "overall": overall_progress(engine)})

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(request: Request, offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
        page = facts_queue(engine, offset)
        return templates.TemplateResponse(request, "facts.html", {"page": page, "per_page": FACTS_PER_PAGE})

    @app.get("/api/facts", tags=["facts"])
    def list_facts(response: Response, offset: Annotated[int, Query(ge=0)] = 0,
                   limit: Annotated[int, Query(ge=1, le=MAX_FACTS_PER_REQUEST)] = FACTS_PER_PAGE,
                   ) -> list[dict[str, Any]]:
        """Facts across the corpus (one per actor, item, counterpart, period, value and unit), conflicts first,
        each with the statements that make it (`evidence`: extraction id and document); `limit` of them from the
        `offset`-th. The headers `X-Total-Count` and `X-Conflict-Count` give how many there are in all."""
        page = facts_queue(engine, offset, limit)
        response.headers["X-Total-Count"] = str(page.total)
        response.headers["X-Conflict-Count"] = str(page.conflicts)
        return page.facts

    @app.get("/api/documents", tags=["documents"])
    def list_documents() -> list[dict[str, Any]]:
        """Every stored document (failed ones with their error), rows per dataset and review progress."""
        return document_summaries(engine)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: DocId) -> dict[str, Any]:
        """One document: metadata, normalised text (offsets point into it), pages, progress."""
        view = document_view(engine, doc_id)
        doc = {k: v for k, v in view["document"].items() if k != "raw_tables"}
        return {**doc, "progress": view["progress"], "orphaned": len(view["orphaned"])}

    @app.get("/api/documents/{doc_id}/extractions", tags=["extractions"])
    def get_extractions(doc_id: DocId) -> dict[str, list[dict[str, Any]]]:
        """One list per dataset. Each item has its `id`, the contract's columns, `reviewed`, and the verdict now
        in force (`verdict`, `review_id`, `reviewed_at`; `added` for rows a reviewer added). Rejected items are
        listed with verdict reject (so they can be undone); exports leave them out."""
        items = document_view(engine, doc_id)["items"]
        return {name: items[name] for name in REVIEW_DATASETS}

    @app.get("/api/documents/{doc_id}/reviews", tags=["reviews"])
    def get_reviews(doc_id: DocId) -> dict[str, list[dict[str, Any]]]:
        """Every verdict on the document, newest first (undone ones too), and the orphaned ones."""
        view = document_view(engine, doc_id)
        return {"reviews": view["history"], "orphaned": view["orphaned"]}

    @app.get("/api/orphaned", tags=["reviews"])
    def get_orphaned() -> list[dict[str, Any]]:
        """Verdicts whose extraction no longer exists after reprocessing: kept, listed, never dropped silently."""
        return all_orphaned(engine)

    @app.post("/api/extractions/{extraction_id}/review", tags=["extractions"])
    def review_extraction(
        extraction_id: ExtractionId, body: VerdictBody, background: BackgroundTasks
    ) -> dict[str, Any]:
        """accept, reject, or edit (fields beside the verdict: e.g. value, unit, iso3). Answers with what changed
        (`changed`: the items as they now are); the datasets are re-exported once the answer is sent."""
        result = record_verdict(engine, extraction_id, body.verdict, dict(body.model_extra or {}))
        background.add_task(export)
        return {**result, "export": export.schedule()}

    @app.post("/api/documents/{doc_id}/extractions", tags=["extractions"], status_code=201)
    def add_missed(doc_id: DocId, body: AddBody) -> dict[str, Any]:
        """Add a missed extraction; start/end must lie in the document text (and match `text` when given).
        An actor is a mention of an existing actor (`actor_id`) or of a new one (`name`, `kind`, `iso3`)."""
        result = add_extraction(engine, doc_id, body.dataset, dict(body.model_extra or {}))
        export.schedule()
        return {**result, "export": export()}

    @app.post("/api/reviews/{review_id}/undo", tags=["reviews"])
    def undo(review_id: ReviewId, background: BackgroundTasks) -> dict[str, Any]:
        """Mark a verdict undone (it stays in the history). Undoing an addition removes the added rows; undoing one
        verdict of a decision on many items undoes the whole decision. Answers with the items that changed."""
        result = undo_review(engine, review_id)
        background.add_task(export)
        return {**result, "export": export.schedule()}

    @app.post("/api/documents/{doc_id}/decisions", tags=["extractions"])
    def decide_many(doc_id: DocId, body: DecisionBody, background: BackgroundTasks) -> dict[str, Any]:
        """One decision on many extractions of a document: a claim with its speaker, figures and dates, an actor
        with all its mentions, a table or a row or column of it (`ids`), or everything still open (no `ids`).
        accept takes only open items; one undo takes the whole decision back."""
        result = record_decisions(engine, doc_id, body.verdict, body.ids)
        background.add_task(export)
        return {**result, "export": export.schedule()}

    @app.get("/api/documents/{doc_id}/units", tags=["extractions"])
    def get_units(doc_id: DocId) -> list[dict[str, Any]]:
        """The document's decision units in text order: claims with their parts, actors with their mentions,
        tables, and the figures and dates outside every claim."""
        items = document_view(engine, doc_id)["items"]
        return [u.as_dict() for u in decision_units(items)]

    @app.post("/api/orphaned/dismiss", tags=["reviews"])
    def dismiss(background: BackgroundTasks, doc_id: str | None = None) -> dict[str, Any]:
        """Dismiss every orphaned verdict (of one document with `doc_id`): marked undone, kept in the history."""
        result = dismiss_orphans(engine, doc_id)
        background.add_task(export)
        return {**result, "export": export.schedule()}

    @app.get("/api/queues", tags=["queues"])
    def list_queues() -> list[dict[str, Any]]:
        """The queues across documents, with how many open extractions each holds."""
        sizes = queue_sizes(engine)
        return [{"name": name, "title": title, "size": sizes[name]} for name, (title, _) in QUEUES.items()]

    @app.get("/api/queues/{name}", tags=["queues"])
    def get_queue(name: str, limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
        """Open extractions across documents in one queue, lowest confidence first."""
        if name not in QUEUES:
            raise ReviewError(404, f"no queue {name!r}; queues: {', '.join(QUEUES)}")
        return queue(engine, name, limit)

    @app.get("/api/search", tags=["queues"])
    def search_extractions(q: str = Query(..., min_length=1, max_length=200),
                           limit: int = Query(200, ge=1, le=5000)) -> list[dict[str, Any]]:
        """Extractions whose text, or actors whose name, hold every word of `q`, across all documents."""
        return search(engine, q, limit)

    @app.get("/api/export/status", tags=["export"])
    def export_status() -> dict[str, Any]:
        """Whether the files in the output folder reflect every verdict so far (`current`), and the last result."""
        return export.status()

    @app.get("/api/export", tags=["export"])
    def export_dataset(dataset: str = Query(..., description=", ".join(EXPORTED)),
                       format: str = Query("csv", pattern="^(csv|parquet)$")) -> Response:  # noqa: A002
        """One dataset as the exports hold it, verdicts applied, read fresh from the store."""
        if dataset not in EXPORTED:
            raise ReviewError(422, f"dataset must be one of {', '.join(EXPORTED)}, not {dataset!r}")
        # The same streaming export as the files', into a folder of its own that goes once the file is sent.
        folder = Path(tempfile.mkdtemp(prefix="dossier-download-"))
        try:
            export_engine(engine, folder, partitioned=False, names=(dataset,))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        media = "text/csv; charset=utf-8" if format == "csv" else "application/vnd.apache.parquet"
        return FileResponse(folder / f"{dataset}.{format}", media_type=media, filename=f"{dataset}.{format}",
                            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))

    @app.get("/queues/{name}", response_class=HTMLResponse, include_in_schema=False)
    def queue_page(request: Request, name: str) -> HTMLResponse:
        if name not in QUEUES:
            return templates.TemplateResponse(request, "missing.html", {"message": f"no queue {name!r}"},
                                              status_code=404)
        return templates.TemplateResponse(request, "results.html", {
            "heading": QUEUES[name][0], "results": queue(engine, name), "query": ""})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        return templates.TemplateResponse(request, "results.html", {
            "heading": f"Search: {q}" if q else "Search", "results": search(engine, q[:200]), "query": q})

    return app


def slim_item(item: dict) -> dict:
    """An item as the page keeps it for editing: what it says, without empty fields or what the page knows anyway."""
    return {k: v for k, v in item.items() if v is not None and k not in ("doc_id", "reviewed", "reviewed_at", "added")}


def context_of(text: str, item: dict, width: int = 32) -> str:
    """A mention in its sentence, so that one wrong mention of many stands out in its actor's list."""
    start, end = item.get("start"), item.get("end")
    if start is None or end is None:
        return ""
    before = " ".join(text[max(0, start - width):start].split())
    after = " ".join(text[end:end + width].split())
    return f"…{before} [{text[start:end]}] {after}…"


def overall_progress(engine: Engine, summaries: list[dict] | None = None) -> dict[str, int]:
    """Extractions with a verdict, across every document."""
    summaries = summaries if summaries is not None else document_summaries(engine)
    return {"reviewed": sum(d["reviewed"] for d in summaries), "total": sum(d["total"] for d in summaries)}


def store_exists(database_url: str) -> bool:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return True
    return Path(url.database).exists()


def serve(database_url: str, out: Path, port: int) -> int:
    import uvicorn

    if not store_exists(database_url):
        print(f"dossier: no store at {database_url}: run `dossier ingest PATH --out {out}` first", file=sys.stderr)
        return 2
    print(f"dossier: review page at http://{HOST}:{port}/ (API docs at /docs); Ctrl-C stops it", flush=True)
    uvicorn.run(create_app(database_url, out, port=port), host=HOST, port=port, log_level="warning")
    return 0
