"""Plain functions the flows orchestrate: read, parse, extract, store, export. No Prefect here, so they test alone."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc
from sqlalchemy.engine import Engine

from extractors.common import one_line
from extractors.document import Document
from extractors.nlp import load_nlp, parse_texts
from extractors.pipeline import extract_document, pipeline_version
from extractors.readers import ReadLimits, display_name, file_doc_id, read_document
from flows.lifeline import forked_children_die_with_this_process
from flows.rows import document_row, extraction_rows
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
BATCH_DOCUMENTS = 8  # documents per nlp.pipe stream, and per task a worker takes


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


# One engine per store URL in each process. A forked child (a local Dask worker, a parse worker) must not use the
# engines it inherits: their pooled connections are the parent's.
OPEN_STORES: dict[str, Engine] = {}


def store_for(url: str) -> Engine:
    if url not in OPEN_STORES:
        OPEN_STORES[url] = open_store(url)
    return OPEN_STORES[url]


def forget_inherited_stores() -> None:
    """After a fork, in the child: drop the parent's engines without closing their connections, which the parent
    still uses (SQLAlchemy's advice for forked processes), so that the child opens its own."""
    for engine in OPEN_STORES.values():
        engine.dispose(close=False)
    OPEN_STORES.clear()


os.register_at_fork(after_in_child=forget_inherited_stores)


def current_pipeline_version() -> str:
    return pipeline_version(load_nlp())


def parse_workers(n_documents: int) -> int:
    """Worker processes that parse and extract: each takes whole documents and sends back only their rows, so no
    parsed Doc crosses a process boundary and this process only stores. A handful of documents is not worth
    starting workers for."""
    if multiprocessing.current_process().daemon:
        return 1  # a Dask worker process is daemonic and may not fork; the cluster's processes are the parallelism
    return min(MAX_PARSE_WORKERS, os.cpu_count() or 1) if n_documents >= MIN_DOCUMENTS_FOR_WORKERS else 1


@dataclass(slots=True)
class ExtractedRows:
    """What extraction gives the store for one document: rows per dataset, the drops by reason (None: nothing
    was extracted), and the one-line error of an extractor that raised (`partial`) or of the whole extraction."""

    rows: dict[str, list[dict]]
    drops: dict[str, int] | None
    error: str | None = None
    partial: bool = False


def extract_rows(document: Document, doc: Doc) -> ExtractedRows:
    try:
        extraction = extract_document(document, doc)
        rows = extraction_rows(document.doc_id, extraction)
    except Exception as exc:  # one bad document must not stop the run: it is recorded as failed
        return ExtractedRows({}, None, f"{EXTRACTION_FAILED}{one_line(exc)}")
    if extraction.errors:  # one extractor raised: the others' datasets are kept
        return ExtractedRows(rows, dict(extraction.drops), f"{EXTRACTION_FAILED}{'; '.join(extraction.errors)}"[:600],
                             partial=True)
    return ExtractedRows(rows, dict(extraction.drops))


def extract_documents(documents: list[Document]) -> list[ExtractedRows]:
    """Parse a batch of documents in one nlp.pipe stream and extract each. Should the parse of the batch fail, each
    document is parsed alone, so that only the one that cannot be parsed fails."""
    nlp = load_nlp()
    try:
        docs = list(parse_texts(nlp, [d.text for d in documents]))
    except Exception:
        if len(documents) == 1:
            return [ExtractedRows({}, None, f"{EXTRACTION_FAILED}parse: {one_line(sys.exc_info()[1])}")]
        return [result for document in documents for result in extract_documents([document])]
    return [extract_rows(document, doc) for document, doc in zip(documents, docs, strict=True)]


Item = TypeVar("Item")


def batches(items: Sequence[Item], size: int) -> Iterator[list[Item]]:
    size = max(1, size)
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def worker_batch_size(n_documents: int, workers: int) -> int:
    """Small enough that every worker gets several batches (the last ones keep all busy), large enough that
    nlp.pipe batches its work."""
    return max(1, min(BATCH_DOCUMENTS, n_documents // (workers * 4)))


def extracted_rows(documents: list[Document], workers: int) -> Iterator[ExtractedRows]:
    """One ExtractedRows per document, in order: in this process, or from `workers` forked worker processes that
    share the loaded model (copy-on-write)."""
    if workers <= 1:
        for batch in batches(documents, BATCH_DOCUMENTS):
            yield from extract_documents(batch)
        return
    load_nlp()  # loaded before the fork, so the workers share it instead of loading one each
    planned = list(batches(documents, worker_batch_size(len(documents), workers)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    done = 0
    try:
        for results in pool.map(extract_documents, planned):
            done += 1
            yield from results
    except BrokenProcessPool as exc:
        # A worker died (killed, out of memory): the documents it had not returned are recorded as failed, the
        # run goes on, and `reprocess` gives them another go.
        reason = f"{EXTRACTION_FAILED}worker process died ({one_line(exc)})"
        for batch in planned[done:]:
            yield from (ExtractedRows({}, None, reason) for _ in batch)
        done = len(planned)
    finally:
        if done < len(planned):
            # Stopped early (storing failed, the consumer went away): end the workers rather than wait for batches
            # nobody will read.
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                if process.is_alive():
                    process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


def extract_and_store(
    engine: Engine, documents: list[Document], version: str, report: Callable[[DocumentOutcome], None] | None = None
) -> list[DocumentOutcome]:
    """Parse and extract the readable documents (in worker processes when there are enough of them), and store each
    in its own transaction, in order."""
    readable = [d for d in documents if d.ok]
    # Workers die with this process (kill -9 included): a store write is one transaction per document, so nothing is
    # left half-done, and a rerun stores what was not.
    with forked_children_die_with_this_process():
        extracted = extracted_rows(readable, parse_workers(len(readable)))
        try:
            return store_extracted(engine, documents, extracted, version, report)
        finally:
            extracted.close()


def store_extracted(engine: Engine, documents: list[Document], extracted: Iterator[ExtractedRows], version: str,
                    report: Callable[[DocumentOutcome], None] | None) -> list[DocumentOutcome]:
    outcomes: list[DocumentOutcome] = []
    for document in documents:
        rows: dict[str, list[dict]] = {}
        drops: dict[str, int] | None = None  # None: no extraction ran
        if document.ok:
            result = next(extracted)
            rows, drops = result.rows, result.drops
            if result.error:
                document.error, document.partial = result.error, result.partial
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
    # Imported here: pandas and pyarrow are the export's, and a worker process that only extracts never needs them.
    from flows.store_export import export_engine

    return export_engine(store_for(database_url), Path(out), partitioned, reuse_current=reuse_current)
