"""Prefect flows: ingest files, ingest what changed in watched folders, reprocess stored documents.

They only orchestrate flows.pipeline_run: documents go in batches, one task per batch (a task run costs ~15 ms).
Every run logs a line per document through Prefect's run logger (the UI shows them under the run) and ends with a
table artifact `dossier-ingest-summary` / `dossier-reprocess-summary`: documents ok, partial and failed, rows per
dataset, and what was left out, by reason.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from prefect import Task, flow, task
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import FailedRun, MissingContextError
from prefect.logging import get_run_logger
from prefect.states import Failed

from extractors.readers import ReadLimits, display_name
from flows.pipeline_run import (
    DocumentOutcome,
    batches,
    current_pipeline_version,
    export_store_with_drops,
    ingest_paths,
    reextract_stored,
    stale_documents,
)
from flows.prefect_server import quiet_termination
from flows.settings import DEFAULTS

# What each document line counts, in this order; "tables" are cells, "table_info" the tables themselves.
COUNTED = ("actors", "dates", "figures", "claims")

# Whoever runs a flow in this process (the CLI's progress bar) may take the per-document lines; without a
# listener they are printed, as the `serve` runner's flow runs do.
listeners: list[Callable[[DocumentOutcome], None]] = []


@contextmanager
def reporting_to(listener: Callable[[DocumentOutcome], None]) -> Iterator[None]:
    listeners.append(listener)
    try:
        yield
    finally:
        listeners.remove(listener)


def describe_counts(counts: dict[str, int]) -> str:
    """'actors 4, dates 2, figures 3, claims 5, tables 2 (90 cells)': each number says what it counts."""
    parts = [f"{name} {counts.get(name, 0)}" for name in COUNTED]
    parts.append(f"tables {counts.get('table_info', 0)} ({counts.get('tables', 0)} cells)")
    return ", ".join(parts)


def outcome_line(outcome: DocumentOutcome) -> str:
    if outcome.status == "failed":
        return f"failed   {outcome.source}: {outcome.error}"
    if outcome.status == "skipped":
        return f"skipped  {outcome.source} ({outcome.reason or 'unchanged'})"
    if outcome.status == "partial":  # an extractor raised; the others' rows are stored
        return f"partial  {outcome.source} ({describe_counts(outcome.counts)}): {outcome.error}"
    return f"ok       {outcome.source} ({describe_counts(outcome.counts)})"


def report_outcome(outcome: DocumentOutcome) -> None:
    line = outcome_line(outcome)
    try:
        get_run_logger().info(line)
    except MissingContextError:  # called outside a flow run (plain functions in tests)
        pass
    if listeners:
        for listener in listeners:
            listener(outcome)
    else:
        print(f"  {line}", flush=True)


# On a cluster, at least this many batches per run: a worker that is given one batch more than another finishes
# that much later, so a few large batches leave workers idle (5 batches on 2 workers: one does 3).
CLUSTER_MIN_BATCHES = 16


def batch_size_for(total: int, batch_size: int, concurrent: bool) -> int:
    """Documents per task: `batch_size`, or on a cluster fewer, so that the run has CLUSTER_MIN_BATCHES batches for
    the workers to share out evenly."""
    size = max(1, batch_size)
    if concurrent:
        size = min(size, max(1, total // CLUSTER_MIN_BATCHES))
    return size


def summary_rows(documents: list[dict], rows: dict[str, int], dropped: dict[str, int],
                 not_ingested: list[list[str]] | None = None) -> list[dict]:
    """The run's summary as rows of (section, what, count): the table artifact, and what `serve` logs."""
    statuses = Counter(d["status"] for d in documents if not d.get("reason"))
    table = [{"section": "documents", "what": what, "count": statuses.get(status, 0)} for status, what in (
        ("ok", "ok"), ("partial", "partial (an extractor failed)"), ("failed", "failed"))]
    table.append({"section": "documents", "what": "skipped (unchanged)",
                  "count": sum(1 for d in documents if d.get("reason"))})
    table += [{"section": "rows", "what": name, "count": count} for name, count in rows.items()]
    reasons = Counter(reason for _path, reason in (not_ingested or []))
    table += [{"section": "dropped", "what": f"file not ingested: {reason}", "count": n} for reason, n in
              sorted(reasons.items())]
    table += [{"section": "dropped", "what": what, "count": n} for what, n in sorted(dropped.items())]
    table += [{"section": "left out", "what": reason, "count": n} for reason, n in sorted(run_drops(documents).items())]
    return table


def run_drops(documents: list[dict]) -> Counter[str]:
    """The extractors' drops by reason, added up over the documents this run extracted."""
    total: Counter[str] = Counter()
    for document in documents:
        total.update(document.get("drops") or {})
    return total


def publish_summary(kind: str, table: list[dict], failed: list[dict]) -> None:
    from prefect.artifacts import create_table_artifact

    lines = [f"- failed: `{d['source']}`: {d['error']}" for d in failed[:50]]
    create_table_artifact(key=f"dossier-{kind}-summary", table=table,
                          description=f"dossier {kind}: documents, rows per dataset, what was left out\n\n"
                          + "\n".join(lines))


def failures(documents: list[dict]) -> list[dict]:
    """Documents that failed in this run (a file skipped as unchanged that failed before is not news)."""
    return [d for d in documents if d["status"] == "failed" and not d.get("reason")]


class DeliberateFailure(logging.Filter):
    """Drops Prefect's traceback for a run that ended Failed because dossier said so (failed_state): the state's
    message already says what failed, and each file's error has its own log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], FailedRun))


def failed_state(kind: str, result: dict) -> Failed:
    """The run's end state when files failed: the UI shows the run as Failed, with how many and the first error."""
    failed = failures(result["documents"])
    first = f"{failed[0]['source']}: {failed[0]['error']}"
    flow_run_logger = logging.getLogger("prefect.flow_runs")
    if not any(isinstance(f, DeliberateFailure) for f in flow_run_logger.filters):
        flow_run_logger.addFilter(DeliberateFailure())
    return Failed(message=f"{len(failed)} of {len(result['documents'])} file(s) failed in this {kind}; "
                  f"first: {first}")


BATCH_FOLDER = ".batches"
STALE_BATCH_S = 24 * 3600


def write_batch(out: Path, paths: Iterable[Path | str]) -> Path:
    """The paths to ingest, in a file under `out`, one per NUL-ended record of their raw bytes.

    Prefect gets this file's path, never the paths themselves: it serialises parameters as JSON, and a file name
    that is not UTF-8 cannot be JSON (it failed the whole run). Files a killed run left are removed after a day.
    On a Dask cluster of several machines, `out` must be a folder every worker can read."""
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


def fatal_of(results: list[dict] | dict | tuple) -> str | None:
    items = results if isinstance(results, list) else [results]
    return next((item["fatal"] for item in items if isinstance(item, dict) and item.get("fatal")), None)


def run_batches(batch_task: Task, arguments: list[tuple], concurrent: bool) -> tuple[list[dict], str | None]:
    """One task per batch: called one after another in this process (stopping at a storage failure), or submitted
    all at once to the flow's task runner (a Dask cluster) and gathered in order. Returns the outcomes and the
    storage failure that stopped the run, if any."""
    if concurrent:
        results = [future.result() for future in [batch_task.submit(*args) for args in arguments]]
    else:
        results = []
        for args in arguments:
            results.append(batch_task(*args))
            if fatal_of(results[-1]):
                break
    outcomes: list[dict] = []
    for done in results:
        if fatal := fatal_of(done):
            return outcomes, fatal
        outcomes.extend(done)
    return outcomes, None


@task(name="extract-batch", cache_policy=NO_CACHE, persist_result=False)
def extract_batch(
    database_url: str, batch: str, start: int, stop: int, version: str, force: bool, verbose: bool,
    pdf_timeout: float | None = None, limits: dict | None = None,
) -> list[dict]:
    """Files start..stop of the batch file `batch` (see write_batch)."""
    paths = read_batch(batch)[start:stop]
    with storage_failure() as failure:
        outcomes = ingest_paths(database_url, paths, version, force=force, report=report_outcome if verbose else None,
                                pdf_timeout=pdf_timeout, limits=ReadLimits(**limits) if limits else None)
        return [o.as_dict() for o in outcomes]
    return [failure]


@task(name="reextract-batch", cache_policy=NO_CACHE, persist_result=False)
def reextract_batch(database_url: str, doc_ids: list[str], version: str, verbose: bool) -> list[dict]:
    with storage_failure() as failure:
        outcomes = reextract_stored(database_url, doc_ids, version, report=report_outcome if verbose else None)
        return [o.as_dict() for o in outcomes]
    return [failure]


@task(name="export-datasets", cache_policy=NO_CACHE, persist_result=False)
def export_datasets(database_url: str, out: str, stored_nothing: bool = False,
                    ) -> tuple[dict[str, int], dict[str, int]] | dict:
    """`stored_nothing`: this run left every file as it was stored (unchanged), so an export made from the store as
    it is now (flows/store_export.current_export) is kept rather than written again."""
    with storage_failure() as failure:
        return export_store_with_drops(database_url, Path(out), reuse_current=stored_nothing)
    return failure


def ingest_documents(
    paths: list[str], out: str, database_url: str, batch_size: int = DEFAULTS.batch_size, force: bool = False,
    verbose: bool = True, pdf_timeout: float | None = DEFAULTS.pdf_timeout,
    not_ingested: list[list[str]] | None = None, concurrent: bool = False, batch: str | None = None,
    limits: dict | None = None,
) -> dict:
    """The ingest flow's body, also run by the watch flow (so each tick's run holds its own task runs, document
    lines and summary artifact). The files are `paths`, or when `batch` is given those listed in that file (see
    write_batch). `limits`: extractors.readers.ReadLimits fields (flows.settings.Settings.read_limits)."""
    version = current_pipeline_version()
    with batch_file(Path(out), paths) if batch is None else nullcontext(batch) as listed:
        total = len(read_batch(listed))
        size = batch_size_for(total, batch_size, concurrent)
        arguments = [(database_url, listed, start, min(total, start + size), version, force, verbose, pdf_timeout,
                      limits) for start in range(0, total, size)]
        outcomes, fatal = run_batches(extract_batch, arguments, concurrent)
    return export_and_summarise("ingest", database_url, out, version, outcomes, fatal, verbose, not_ingested)


def export_and_summarise(kind: str, database_url: str, out: str, version: str, outcomes: list[dict],
                         fatal: str | None, verbose: bool, not_ingested: list[list[str]] | None = None) -> dict:
    """The run's end: export the datasets once (unless storage already failed) and publish the summary artifact."""
    stored_nothing = all(o.get("reason") is not None for o in outcomes)  # every file skipped as unchanged
    exported = export_datasets(database_url, out, stored_nothing) if fatal is None else {"fatal": fatal}
    if fatal := fatal_of(exported):
        return {"documents": outcomes, "rows": {}, "dropped": {}, "pipeline_version": version, "fatal": fatal}
    counts, dropped = exported
    result = {"documents": outcomes, "rows": counts, "dropped": dropped, "pipeline_version": version}
    if verbose:
        publish_summary(kind, summary_rows(outcomes, counts, dropped, not_ingested), failures(outcomes))
    return result


@flow(name="dossier-ingest", log_prints=False)
def ingest_flow(
    paths: list[str], out: str, database_url: str, batch_size: int = DEFAULTS.batch_size, force: bool = False,
    verbose: bool = True, pdf_timeout: float | None = DEFAULTS.pdf_timeout,
    not_ingested: list[list[str]] | None = None, concurrent: bool = False, batch: str | None = None,
    limits: dict | None = None,
) -> dict:
    """Read, extract and store every file (batches of documents per task), then export the datasets once.
    `not_ingested`: (path, reason) of files the folder walk left out, for the summary. `concurrent`: submit the
    batches to the flow's task runner at once (see flows.cluster). `batch`, `limits`: see ingest_documents."""
    quiet_termination()
    return ingest_documents(paths, out, database_url, batch_size, force, verbose, pdf_timeout, not_ingested,
                            concurrent, batch, limits)


@flow(name="dossier-reprocess", log_prints=False)
def reprocess_flow(
    out: str, database_url: str, batch_size: int = DEFAULTS.batch_size, everything: bool = False, verbose: bool = True,
    fail_when_files_fail: bool = False, concurrent: bool = False,
) -> dict:
    """Re-extract, from their stored text, the documents an older pipeline version extracted (all of them when
    `everything`), then export the datasets once. `fail_when_files_fail`: end the run Failed when a document failed
    (the scheduled deployment does, so the UI shows it; the CLI reports failures itself). `concurrent`: submit the
    batches to the flow's task runner at once (see flows.cluster)."""
    quiet_termination()
    version = current_pipeline_version()
    doc_ids = stale_documents(database_url, version, everything)
    size = batch_size_for(len(doc_ids), batch_size, concurrent)
    arguments = [(database_url, batch, version, verbose) for batch in batches(doc_ids, size)]
    outcomes, fatal = run_batches(reextract_batch, arguments, concurrent)
    result = export_and_summarise("reprocess", database_url, out, version, outcomes, fatal, verbose)
    if fail_when_files_fail and failures(outcomes):
        return failed_state("reprocess", result)  # type: ignore[return-value]
    return result
