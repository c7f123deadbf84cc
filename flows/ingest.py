"""Prefect flows: ingest files, ingest what changed in watched folders, reprocess stored documents.

They only orchestrate flows.pipeline_run: documents go in batches, one task per batch (a task run costs ~15 ms).
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from extractors.readers import ReadLimits, display_name
from flows.pipeline_run import (
    DocumentOutcome,
    current_pipeline_version,
    export_store,
    ingest_paths,
    reextract_stored,
    stale_documents,
)
from flows.prefect_server import quiet_termination


def print_outcome(outcome: DocumentOutcome) -> None:
    if outcome.status == "failed":
        print(f"  failed   {outcome.source}: {outcome.error}", flush=True)
    elif outcome.status == "skipped":
        print(f"  skipped  {outcome.source} ({outcome.reason or 'unchanged'})", flush=True)
    else:
        counts = ", ".join(f"{k} {v}" for k, v in outcome.counts.items() if k != "mentions")
        print(f"  ok       {outcome.source} ({counts})", flush=True)


def batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]


BATCH_FOLDER = ".batches"
STALE_BATCH_S = 24 * 3600


def write_batch(out: Path, paths: Iterable[Path | str]) -> Path:
    """The paths to ingest, in a file under `out`, one per NUL-ended record of their raw bytes.

    Prefect gets this file's path, never the paths themselves: it serialises parameters as JSON, and a file name
    that is not UTF-8 cannot be JSON (it failed the whole run). Files a killed run left are removed after a day."""
    folder = Path(out) / BATCH_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.paths"):
        try:
            if time.time() - old.stat().st_mtime > STALE_BATCH_S:
                old.unlink()
        except OSError:
            pass
    batch = folder / f"{uuid.uuid4().hex}.paths"
    batch.write_bytes(b"".join(os.fsencode(p) + b"\0" for p in paths))
    return batch


def read_batch(batch: str | Path) -> list[str]:
    return [os.fsdecode(raw) for raw in Path(batch).read_bytes().split(b"\0")[:-1]]


@contextmanager
def batch_file(out: Path, paths: Iterable[Path | str]) -> Iterator[str]:
    batch = write_batch(out, paths)
    try:
        yield str(batch)
    finally:
        batch.unlink(missing_ok=True)
        try:
            batch.parent.rmdir()  # only when no other run has a batch there
        except OSError:
            pass


@task(name="extract-batch", cache_policy=NO_CACHE, persist_result=False)
def extract_batch(
    database_url: str, batch: str, start: int, stop: int, version: str, force: bool, verbose: bool,
    pdf_timeout: float | None = None, limits: dict | None = None,
) -> list[dict]:
    """Files start..stop of the batch file `batch` (see write_batch)."""
    paths = read_batch(batch)[start:stop]
    with storage_failure() as failure:
        outcomes = ingest_paths(database_url, paths, version, force=force, report=print_outcome if verbose else None,
                                pdf_timeout=pdf_timeout, limits=ReadLimits(**limits) if limits else None)
        return [o.as_dict() for o in outcomes]
    return [failure]


@task(name="reextract-batch", cache_policy=NO_CACHE, persist_result=False)
def reextract_batch(database_url: str, doc_ids: list[str], version: str, verbose: bool) -> list[dict]:
    with storage_failure() as failure:
        outcomes = reextract_stored(database_url, doc_ids, version, report=print_outcome if verbose else None)
        return [o.as_dict() for o in outcomes]
    return [failure]


@task(name="export-datasets", cache_policy=NO_CACHE, persist_result=False)
def export_datasets(database_url: str, out: str) -> dict:
    with storage_failure() as failure:
        return export_store(database_url, Path(out))
    return failure


@contextmanager
def storage_failure() -> Iterator[dict]:
    """A store or output folder that cannot be written (full disk, read-only) ends the run with one line, not a
    traceback per layer: the failure is handed back as {"fatal": reason} for the flow to stop on."""
    import errno

    from sqlalchemy.exc import OperationalError

    failure: dict = {}
    try:
        yield failure
    except OSError as exc:
        why = "no space left on the device" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        where = f" ({display_name(exc.filename)})" if exc.filename else ""
        failure["fatal"] = f"cannot write the outputs{where}: {why}"
    except OperationalError as exc:
        failure["fatal"] = f"cannot write the store: {str(exc.orig or exc).splitlines()[0]}"


def fatal_of(results: list[dict] | dict) -> str | None:
    items = results if isinstance(results, list) else [results]
    return next((item["fatal"] for item in items if isinstance(item, dict) and item.get("fatal")), None)


@flow(name="dossier-ingest", log_prints=False)
def ingest_flow(
    paths: list[str], out: str, database_url: str, batch_size: int = 16, force: bool = False, verbose: bool = True,
    pdf_timeout: float | None = None, batch: str | None = None, limits: dict | None = None,
) -> dict:
    """Read, extract and store every file (batches of documents per task), then export the datasets once.

    The files are `paths`, or when `batch` is given those listed in that file (see write_batch: any file name,
    so callers with names from disk use it and give `paths=[]`). `limits`:
    extractors.readers.ReadLimits fields (flows.settings.Settings.read_limits)."""
    quiet_termination()
    version = current_pipeline_version()
    outcomes: list[dict] = []
    with batch_file(Path(out), paths) if batch is None else nullcontext(batch) as listed:
        total = len(read_batch(listed))
        for start in range(0, total, max(1, batch_size)):
            stop = min(total, start + max(1, batch_size))
            done = extract_batch(database_url, listed, start, stop, version, force, verbose, pdf_timeout, limits)
            if fatal := fatal_of(done):
                return {"documents": outcomes, "rows": {}, "pipeline_version": version, "fatal": fatal}
            outcomes.extend(done)
    counts = export_datasets(database_url, out)
    if fatal := fatal_of(counts):
        return {"documents": outcomes, "rows": {}, "pipeline_version": version, "fatal": fatal}
    return {"documents": outcomes, "rows": counts, "pipeline_version": version}


@flow(name="dossier-reprocess", log_prints=False)
def reprocess_flow(
    out: str, database_url: str, batch_size: int = 16, everything: bool = False, verbose: bool = True
) -> dict:
    """Re-extract, from their stored text, the documents an older pipeline version extracted (all of them when
    `everything`), then export the datasets once."""
    quiet_termination()
    version = current_pipeline_version()
    doc_ids = stale_documents(database_url, version, everything)
    outcomes: list[dict] = []
    for batch in batches(doc_ids, batch_size):
        done = reextract_batch(database_url, batch, version, verbose)
        if fatal := fatal_of(done):
            return {"documents": outcomes, "rows": {}, "pipeline_version": version, "fatal": fatal}
        outcomes.extend(done)
    counts = export_datasets(database_url, out)
    if fatal := fatal_of(counts):
        return {"documents": outcomes, "rows": {}, "pipeline_version": version, "fatal": fatal}
    return {"documents": outcomes, "rows": counts, "pipeline_version": version}

