"""Plain functions the flows orchestrate: read, parse, extract, store, export. No Prefect here, so they test alone."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc
from sqlalchemy.engine import Engine

from extractors.common import one_line
from extractors.document import Document
from extractors.nlp import load_nlp, parse_texts
from extractors.pipeline import extract_document, pipeline_version
from extractors.readers import ReadLimits, display_name, file_doc_id, read_document
from flows.lifeline import forked_children_die_with_this_process
from flows.rows import document_row, extraction_rows
from flows.store_export import export_engine
from store.database import (
    document_from_row,
    iter_document_rows,
    now_utc,
    open_store,
    save_document,
    stale_doc_ids,
    stored_version,
    touch_source,
)

EXTRACTION_FAILED = "extraction failed: "


MAX_PARSE_WORKERS = 2
MIN_DOCUMENTS_FOR_WORKERS = 4


@dataclass(slots=True)
class DocumentOutcome:
    source: str
    doc_id: str
    status: str  # ok | partial | failed | skipped
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    # Why nothing was extracted: "unchanged" (same content, same pipeline) or "same content as <source>".
    reason: str | None = None
    drops: dict[str, int] = field(default_factory=dict)  # candidates the extractors left out: {"claims.question": 2}

    @property
    def unchanged(self) -> bool:
        return self.reason is not None

    def as_dict(self) -> dict:
        return {"source": self.source, "doc_id": self.doc_id, "status": self.status, "error": self.error,
                "counts": dict(self.counts), "reason": self.reason, "drops": dict(self.drops)}


@lru_cache(maxsize=4)
def store_for(url: str) -> Engine:
    return open_store(url)


def current_pipeline_version() -> str:
    return pipeline_version(load_nlp())


def parse_workers(n_documents: int) -> int:
    """Worker processes for parsing: on two or more cores the workers parse ahead while this process extracts and
    stores, so extraction costs little wall time. A handful of documents is not worth starting workers for."""
    if multiprocessing.current_process().daemon:
        return 1  # a Dask worker process is daemonic and may not fork; the cluster's processes are the parallelism
    return min(MAX_PARSE_WORKERS, os.cpu_count() or 1) if n_documents >= MIN_DOCUMENTS_FOR_WORKERS else 1


def extract_and_store(
    engine: Engine, documents: list[Document], version: str, report: Callable[[DocumentOutcome], None] | None = None
) -> list[DocumentOutcome]:
    """Parse the readable documents in one nlp.pipe stream, extract, and store each in its own transaction."""
    readable = [d for d in documents if d.ok]
    # Parse workers die with this process (kill -9 included), and are stopped if storing fails (a full disk):
    # left running they would block for ever on a pipe nobody reads.
    before = set(multiprocessing.active_children())
    with forked_children_die_with_this_process():
        parsed = parse_texts(load_nlp(), (d.text for d in readable), n_process=parse_workers(len(readable)))
        try:
            return store_parsed(engine, documents, parsed, version, report)
        except BaseException:
            # spaCy's workers would block for ever writing Docs nobody reads (each keeps a copy of the pipe's read
            # end, so closing ours does not stop them), and joining them would hang: end them first.
            for worker in set(multiprocessing.active_children()) - before:
                worker.kill()
            raise
        finally:
            parsed.close()


def store_parsed(engine: Engine, documents: list[Document], parsed: Iterator[Doc], version: str,
                 report: Callable[[DocumentOutcome], None] | None) -> list[DocumentOutcome]:
    outcomes: list[DocumentOutcome] = []
    for document in documents:
        rows: dict[str, list[dict]] = {}
        drops: dict[str, int] | None = None  # None: no extraction ran
        if document.ok:
            doc = next(parsed)
            try:
                extraction = extract_document(document, doc)
                rows = extraction_rows(document.doc_id, extraction)
                drops = dict(extraction.drops)
                if extraction.errors:  # one extractor raised: the others' datasets are kept
                    document.error = f"{EXTRACTION_FAILED}{'; '.join(extraction.errors)}"[:600]
                    document.partial = True
            except Exception as exc:  # one bad document must not stop the run: it is recorded as failed
                document.error = f"{EXTRACTION_FAILED}{one_line(exc)}"
                rows = {}
        row = document_row(document, version, now_utc(), drops)
        save_document(engine, document, row, rows)
        outcome = DocumentOutcome(
            source=document.source, doc_id=document.doc_id, status=row["status"],
            # table_info counts tables, "tables" their cells: the per-file line reports both.
            error=document.error, counts={name: len(r) for name, r in rows.items()}, drops=drops or {},
        )
        outcomes.append(outcome)
        if report:
            report(outcome)
    # Run the stream to its end so nlp.pipe's worker processes finish normally instead of being torn down.
    for _ in parsed:
        pass
    return outcomes


def ingest_paths(
    database_url: str, paths: Iterable[str], version: str, force: bool = False,
    report: Callable[[DocumentOutcome], None] | None = None, pdf_timeout: float | None = None,
    limits: ReadLimits | None = None,
) -> list[DocumentOutcome]:
    """Skip files whose content and pipeline version are already stored (without reading them); read, extract and
    store the rest. Content seen twice in one batch is extracted once. Paths are stored by display name."""
    engine = store_for(database_url)
    todo: dict[str, Document] = {}
    copies: list[Document] = []
    outcomes: list[DocumentOutcome] = []

    def skip(source: str, doc_id: str, status: str, error: str | None, reason: str) -> None:
        outcome = DocumentOutcome(source, doc_id, status, error=error, reason=reason)
        outcomes.append(outcome)
        if report:
            report(outcome)

    for path in map(Path, paths):
        doc_id, source = file_doc_id(path), display_name(path)
        with engine.connect() as conn:
            stored = stored_version(conn, doc_id)
        if stored is not None and stored["pipeline_version"] == version and not force:
            touch_source(engine, source, doc_id)
            # Same bytes, same pipeline: a file that failed would fail again, so it is still reported as failed.
            status = "failed" if stored["status"] == "failed" else "skipped"
            reason = "unchanged" if stored["source"] == source else f"same content as {stored['source']}"
            skip(source, doc_id, status, stored["error"], reason)
            continue
        if pdf_timeout is None:
            document = read_document(path, limits=limits)
        else:
            document = read_document(path, pdf_timeout=pdf_timeout, limits=limits)
        if document.doc_id in todo:
            copies.append(document)
            continue
        todo[document.doc_id] = document
    outcomes += extract_and_store(engine, list(todo.values()), version, report)
    for copy in copies:
        first = todo[copy.doc_id]
        touch_source(engine, copy.source, copy.doc_id)
        skip(copy.source, copy.doc_id, "failed" if first.error else "skipped", first.error,
             f"same content as {first.source}")
    return outcomes


def stale_documents(database_url: str, version: str, everything: bool = False) -> list[str]:
    return stale_doc_ids(store_for(database_url), version, everything)


def reextract_stored(
    database_url: str, doc_ids: list[str], version: str, report: Callable[[DocumentOutcome], None] | None = None
) -> list[DocumentOutcome]:
    """Re-extract stored documents from their stored text: the original files are not needed."""
    engine = store_for(database_url)
    documents = [document_from_row(row) for row in iter_document_rows(engine, doc_ids)]
    for document in documents:
        # A reading failure stays (there is no text to extract from); an extraction failure gets another go.
        if document.error and document.error.startswith(EXTRACTION_FAILED) and document.text:
            document.error = None
            document.partial = False
    return extract_and_store(engine, documents, version, report)


def export_store(database_url: str, out: Path, partitioned: bool | None = None) -> dict[str, int]:
    return export_store_with_drops(database_url, out, partitioned)[0]


def export_store_with_drops(database_url: str, out: Path, partitioned: bool | None = None,
                            reuse_current: bool = False) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per exported dataset, and what the export left out, by reason (flows/store_export.py). `reuse_current`:
    keep an export in `out` that is still current (the store has not changed since it was made)."""
    return export_engine(store_for(database_url), Path(out), partitioned, reuse_current=reuse_current)
