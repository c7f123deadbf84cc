"""Plain functions the flows orchestrate: read, parse, extract, store, export. No Prefect here, so they test alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import Engine

from extractors.document import Document
from extractors.nlp import load_nlp, parse_texts
from extractors.pipeline import extract_document, pipeline_version
from extractors.readers import read_document
from flows.export import write_datasets
from flows.rows import document_row, extraction_rows
from flows.store import (
    document_from_row,
    export_rows,
    iter_document_rows,
    now_utc,
    open_store,
    save_document,
    stored_version,
    touch_source,
)


@dataclass(slots=True)
class DocumentOutcome:
    source: str
    doc_id: str
    status: str  # ok | failed | skipped
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"source": self.source, "doc_id": self.doc_id, "status": self.status, "error": self.error,
                "counts": dict(self.counts)}


@lru_cache(maxsize=4)
def store_for(url: str) -> Engine:
    return open_store(url)


def current_pipeline_version() -> str:
    return pipeline_version(load_nlp())


def one_line(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".replace("\n", " ").strip()
    return text[:300]


def extract_and_store(
    engine: Engine, documents: list[Document], version: str, report: Callable[[DocumentOutcome], None] | None = None
) -> list[DocumentOutcome]:
    """Parse the readable documents in one nlp.pipe stream, extract, and store each in its own transaction."""
    outcomes: list[DocumentOutcome] = []
    readable = [d for d in documents if d.ok]
    parsed = parse_texts(load_nlp(), (d.text for d in readable))
    for document in documents:
        rows: dict[str, list[dict]] = {}
        if document.ok:
            doc = next(parsed)
            try:
                rows = extraction_rows(document.doc_id, extract_document(document, doc))
            except Exception as exc:  # one bad document must not stop the run: it is recorded as failed
                document.error = f"extraction failed: {one_line(exc)}"
                rows = {}
        save_document(engine, document, document_row(document, version, now_utc()), rows)
        outcome = DocumentOutcome(
            source=document.source, doc_id=document.doc_id, status="ok" if document.ok else "failed",
            error=document.error, counts={name: len(r) for name, r in rows.items() if name != "table_info"},
        )
        outcomes.append(outcome)
        if report:
            report(outcome)
    return outcomes


def ingest_paths(
    database_url: str, paths: Iterable[str], version: str, force: bool = False,
    report: Callable[[DocumentOutcome], None] | None = None,
) -> list[DocumentOutcome]:
    """Read files; skip those whose content and pipeline version are already stored; extract and store the rest."""
    engine = store_for(database_url)
    todo: list[Document] = []
    outcomes: list[DocumentOutcome] = []
    for path in paths:
        document = read_document(Path(path))
        with engine.connect() as conn:
            stored = stored_version(conn, document.doc_id)
        if stored is not None and stored["pipeline_version"] == version and not force:
            touch_source(engine, document.source, document.doc_id)
            # Same bytes, same pipeline: a file that failed would fail again, so it is still reported as failed.
            failed = stored["status"] == "failed"
            outcome = DocumentOutcome(document.source, document.doc_id, "failed" if failed else "skipped",
                                      error=stored["error"])
            outcomes.append(outcome)
            if report:
                report(outcome)
            continue
        todo.append(document)
    return outcomes + extract_and_store(engine, todo, version, report)


def reextract_stored(
    database_url: str, doc_ids: list[str], version: str, report: Callable[[DocumentOutcome], None] | None = None
) -> list[DocumentOutcome]:
    """Re-extract stored documents from their stored text: the original files are not needed."""
    engine = store_for(database_url)
    documents = [document_from_row(row) for row in iter_document_rows(engine, doc_ids)]
    return extract_and_store(engine, documents, version, report)


def export_store(database_url: str, out: Path) -> dict[str, int]:
    return write_datasets(Path(out), export_rows(store_for(database_url)))
