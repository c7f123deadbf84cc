"""`dossier review`: the review page and the JSON API it uses, served on loopback by uvicorn."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Engine, make_url

from flows.export import write_datasets
from flows.facts import fact_rows
from flows.store import export_rows, open_store
from review.fields import ACTOR_KINDS, EDITABLE
from review.highlight import item_label, page_of, render_text
from review.repository import (
    REVIEW_DATASETS,
    ReviewError,
    add_extraction,
    all_orphaned,
    document_summaries,
    document_view,
    record_verdict,
    undo_review,
)

PACKAGE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # the page writes to the store and has no login: it is only ever served on loopback


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


class Exporter:
    """Re-exports the datasets after each verdict so the files in `out` always reflect the reviews."""

    def __init__(self, engine: Engine, out: Path | None) -> None:
        self.engine = engine
        self.out = out
        self.lock = threading.Lock()

    def __call__(self) -> dict:
        if self.out is None:
            return {"ok": False, "error": "no output folder configured"}
        try:
            with self.lock:
                return {"ok": True, "rows": write_datasets(self.out, export_rows(self.engine))}
        except Exception as exc:  # the verdict is stored either way; say why the files lag behind
            return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def facts_queue(engine: Engine) -> list[dict[str, Any]]:
    """Every corpus fact, conflicts first, each with the statements (figures, table cells) that make it and the
    document each sits in, so the page can open the sentence."""
    rows = export_rows(engine)
    facts, actors = fact_rows(rows)
    where = {r["id"]: r["doc_id"] for name in ("figures", "tables") for r in rows.get(name, [])}
    titles = {d["doc_id"]: d.get("title") or d.get("source") for d in rows.get("documents", [])}
    names = {a["actor_id"]: a["name"] for a in actors}
    for fact in facts:
        fact["actor_name"] = names.get(fact["actor_id"], fact["actor_id"])
        fact["counterpart_name"] = names.get(fact["counterpart_actor_id"], fact["counterpart_actor_id"])
        fact["evidence"] = [{"id": i, "doc_id": where[i], "title": titles.get(where[i])}
                            for i in fact["evidence_ids"] if i in where]
    return facts


def create_app(database_url: str, out: Path | None = None) -> FastAPI:
    engine = open_store(database_url)
    export = Exporter(engine, Path(out) if out is not None else None)
    app = FastAPI(title="dossier review", description="Check, correct and add extractions. The page at / uses "
                  "exactly this API; every verdict is stored with when and what changed, and can be undone.")
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    templates = Jinja2Templates(directory=PACKAGE / "templates")
    templates.env.globals.update(label=item_label, page_of=page_of, datasets=REVIEW_DATASETS,
                                 editable=EDITABLE, actor_kinds=ACTOR_KINDS)

    @app.exception_handler(ReviewError)
    def review_error(_request: Request, exc: ReviewError) -> JSONResponse:
        return JSONResponse(status_code=exc.status, content={"detail": exc.message})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "index.html", {
            "documents": document_summaries(engine), "orphaned": all_orphaned(engine)})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        try:
            view = document_view(engine, doc_id)
        except ReviewError as exc:
            return templates.TemplateResponse(request, "missing.html", {"message": exc.message}, status_code=404)
        doc = view["document"]
        text_html = render_text(doc["text"] or "", view["items"], doc["pages"]) if doc["status"] == "ok" else ""
        actors = {a["actor_id"]: a for a in view["items"]["actors"]}
        return templates.TemplateResponse(request, "document.html", {**view, "text_html": text_html,
                                                                      "actors": actors})

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "facts.html", {"facts": facts_queue(engine)})

    @app.get("/api/facts", tags=["facts"])
    def list_facts() -> list[dict[str, Any]]:
        """Facts across the corpus (one per actor, item, counterpart, period, value and unit), conflicts first,
        each with the statements that make it (`evidence`: extraction id and document)."""
        return facts_queue(engine)

    @app.get("/api/documents", tags=["documents"])
    def list_documents() -> list[dict[str, Any]]:
        """Every stored document (failed ones with their error), rows per dataset and review progress."""
        return document_summaries(engine)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: str) -> dict[str, Any]:
        """One document: metadata, normalised text (offsets point into it), pages, progress."""
        view = document_view(engine, doc_id)
        doc = {k: v for k, v in view["document"].items() if k != "raw_tables"}
        return {**doc, "progress": view["progress"], "orphaned": len(view["orphaned"])}

    @app.get("/api/documents/{doc_id}/extractions", tags=["extractions"])
    def get_extractions(doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """One list per dataset. Each item has its `id`, the contract's columns, `reviewed`, and the verdict now
        in force (`verdict`, `review_id`, `reviewed_at`; `added` for rows a reviewer added). Rejected items are
        listed with verdict reject (so they can be undone); exports leave them out."""
        items = document_view(engine, doc_id)["items"]
        return {name: items[name] for name in REVIEW_DATASETS}

    @app.get("/api/documents/{doc_id}/reviews", tags=["reviews"])
    def get_reviews(doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every verdict on the document, newest first (undone ones too), and the orphaned ones."""
        view = document_view(engine, doc_id)
        return {"reviews": view["history"], "orphaned": view["orphaned"]}

    @app.get("/api/orphaned", tags=["reviews"])
    def get_orphaned() -> list[dict[str, Any]]:
        """Verdicts whose extraction no longer exists after reprocessing: kept, listed, never dropped silently."""
        return all_orphaned(engine)

    @app.post("/api/extractions/{extraction_id}/review", tags=["extractions"])
    def review_extraction(extraction_id: str, body: VerdictBody) -> dict[str, Any]:
        """accept, reject, or edit (fields beside the verdict: e.g. value, unit, iso3). Re-exports the datasets."""
        result = record_verdict(engine, extraction_id, body.verdict, dict(body.model_extra or {}))
        return {**result, "export": export()}

    @app.post("/api/documents/{doc_id}/extractions", tags=["extractions"], status_code=201)
    def add_missed(doc_id: str, body: AddBody) -> dict[str, Any]:
        """Add a missed extraction; start/end must lie in the document text (and match `text` when given).
        An actor is a mention of an existing actor (`actor_id`) or of a new one (`name`, `kind`, `iso3`)."""
        result = add_extraction(engine, doc_id, body.dataset, dict(body.model_extra or {}))
        return {**result, "export": export()}

    @app.post("/api/reviews/{review_id}/undo", tags=["reviews"])
    def undo(review_id: int) -> dict[str, Any]:
        """Mark a verdict undone (it stays in the history). Undoing an addition removes the added rows."""
        return {**undo_review(engine, review_id), "export": export()}

    return app


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
    uvicorn.run(create_app(database_url, out), host=HOST, port=port, log_level="warning")
    return 0
