"""`dossier serve`: two Prefect deployments run on schedules until stopped.

- dossier-watch/watch-folders, every `every` seconds: ingest the files under the watched folders that are new or
  changed since they were stored.
- dossier-reprocess/reprocess-stale, on the `reprocess_cron` schedule (UTC; nightly by default): re-extract the
  documents an older pipeline version produced, from their stored text.

Each deployment runs one flow run at a time: a tick that comes while the previous run still works is cancelled
rather than queued, so a slow run never builds a backlog. Flow runs execute in subprocesses that import their flow
by module path (`flows.serve.watch_flow`), so this module keeps its imports light: a tick with nothing new costs
hashing only, no spaCy.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from prefect import flow
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner
from prefect.types.entrypoint import EntrypointType

from flows.changes import changed_files, watched_files
from flows.settings import Settings

WATCH_DEPLOYMENT = "watch-folders"
REPROCESS_DEPLOYMENT = "reprocess-stale"


@flow(name="dossier-watch", log_prints=False)
def watch_flow(folders: list[str], out: str, database_url: str, batch_size: int = 16) -> dict:
    """Ingest the files under `folders` that are new or changed; documents that are only stale are left to the
    reprocess deployment. With nothing new the datasets are not rewritten."""
    files, missing = watched_files(folders)
    for line in missing:
        print(f"dossier watch: missing {line}", flush=True)
    todo = changed_files(database_url, files)
    if not todo and (Path(out) / "documents.parquet").exists():
        return {"changed": 0, "documents": [], "rows": {}}
    print(f"dossier watch: {len(todo)} new or changed file(s)", flush=True)
    from flows.ingest import ingest_flow

    result = ingest_flow(paths=todo, out=out, database_url=database_url, batch_size=batch_size)
    return {"changed": len(todo), "documents": result["documents"], "rows": result["rows"]}


def one_at_a_time() -> ConcurrencyLimitConfig:
    return ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def build_deployments(settings: Settings) -> list[RunnerDeployment]:
    from flows.ingest import reprocess_flow

    out = str(Path(settings.out).resolve())
    database_url = settings.resolved_database_url()
    watch = watch_flow.to_deployment(
        name=WATCH_DEPLOYMENT,
        interval=settings.every,
        parameters={"folders": [str(Path(f).resolve()) for f in settings.watch], "out": out,
                    "database_url": database_url, "batch_size": settings.batch_size},
        concurrency_limit=one_at_a_time(),
        description="Ingest new or changed files from the watched folders.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    reprocess = reprocess_flow.to_deployment(
        name=REPROCESS_DEPLOYMENT,
        cron=settings.reprocess_cron,
        parameters={"out": out, "database_url": database_url, "batch_size": settings.batch_size},
        concurrency_limit=one_at_a_time(),
        description="Re-extract stored documents whose pipeline version is stale, then export.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return [watch, reprocess]


def interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve_deployments(settings: Settings) -> None:
    """Register both deployments and run their scheduled flow runs until Ctrl-C or SIGTERM.

    What prefect.serve does, except on SIGTERM: Prefect's own handler leaves an un-awaited coroutine warning on the
    terminal, so SIGTERM is handled like Ctrl-C, which the runner shuts down from cleanly.
    """
    runner = Runner(pause_on_shutdown=True)
    for deployment in build_deployments(settings):
        runner.add_deployment(deployment)
    runner.handle_sigterm = interrupt  # type: ignore[method-assign] - Runner.start installs this as SIGTERM handler
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass
