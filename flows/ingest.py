"""Prefect flows: ingest files, ingest what changed in watched folders, reprocess stored documents.

They only orchestrate flows.pipeline_run: documents go in batches, one task per batch (a task run costs ~15 ms).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from prefect import Task, flow, task
from prefect.cache_policies import NO_CACHE

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
    elif outcome.status == "partial":
        print(f"  partial  {outcome.source}: {outcome.error}", flush=True)
    elif outcome.status == "skipped":
        print(f"  skipped  {outcome.source} ({outcome.reason or 'unchanged'})", flush=True)
    else:
        counts = ", ".join(f"{k} {v}" for k, v in outcome.counts.items() if k != "mentions")
        print(f"  ok       {outcome.source} ({counts})", flush=True)


def batches(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]


@task(name="extract-batch", cache_policy=NO_CACHE, persist_result=False)
def extract_batch(
    database_url: str, paths: list[str], version: str, force: bool, verbose: bool, pdf_timeout: float | None = None
) -> list[dict]:
    outcomes = ingest_paths(database_url, paths, version, force=force, report=print_outcome if verbose else None,
                            pdf_timeout=pdf_timeout)
    return [o.as_dict() for o in outcomes]


@task(name="reextract-batch", cache_policy=NO_CACHE, persist_result=False)
def reextract_batch(database_url: str, doc_ids: list[str], version: str, verbose: bool) -> list[dict]:
    outcomes = reextract_stored(database_url, doc_ids, version, report=print_outcome if verbose else None)
    return [o.as_dict() for o in outcomes]


@task(name="export-datasets", cache_policy=NO_CACHE, persist_result=False)
def export_datasets(database_url: str, out: str) -> dict[str, int]:
    return export_store(database_url, Path(out))


def run_batches(batch_task: Task, arguments: list[tuple], concurrent: bool) -> list[dict]:
    """One task per batch: called one after another in this process, or submitted all at once to the flow's task
    runner (a Dask cluster) and gathered in order."""
    if not concurrent:
        return [outcome for args in arguments for outcome in batch_task(*args)]
    futures = [batch_task.submit(*args) for args in arguments]
    return [outcome for future in futures for outcome in future.result()]


@flow(name="dossier-ingest", log_prints=False)
def ingest_flow(
    paths: list[str], out: str, database_url: str, batch_size: int = 16, force: bool = False, verbose: bool = True,
    pdf_timeout: float | None = None, concurrent: bool = False,
) -> dict:
    """Read, extract and store every file (batches of documents per task), then export the datasets once.
    `concurrent`: submit the batches to the flow's task runner at once (see flows.cluster)."""
    quiet_termination()
    version = current_pipeline_version()
    arguments = [(database_url, batch, version, force, verbose, pdf_timeout) for batch in batches(paths, batch_size)]
    outcomes = run_batches(extract_batch, arguments, concurrent)
    counts = export_datasets(database_url, out)
    return {"documents": outcomes, "rows": counts, "pipeline_version": version}


@flow(name="dossier-reprocess", log_prints=False)
def reprocess_flow(
    out: str, database_url: str, batch_size: int = 16, everything: bool = False, verbose: bool = True,
    concurrent: bool = False,
) -> dict:
    """Re-extract, from their stored text, the documents an older pipeline version extracted (all of them when
    `everything`), then export the datasets once."""
    quiet_termination()
    version = current_pipeline_version()
    doc_ids = stale_documents(database_url, version, everything)
    arguments = [(database_url, batch, version, verbose) for batch in batches(doc_ids, batch_size)]
    outcomes = run_batches(reextract_batch, arguments, concurrent)
    counts = export_datasets(database_url, out)
    return {"documents": outcomes, "rows": counts, "pipeline_version": version}

