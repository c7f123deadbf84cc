"""`dossier serve`: two Prefect deployments run on schedules until stopped.

- dossier-watch/watch-folders, every `every` seconds: ingest the files under the watched folders that are new or
  changed since they were stored.
- dossier-reprocess/reprocess-stale, on the `reprocess_cron` schedule (UTC; nightly by default): re-extract the
  documents an older pipeline version produced, from their stored text.

A watch tick that comes while the previous one still works returns at once, so a slow ingest never builds a
backlog. That is an OS file lock, not a Prefect deployment concurrency limit: a run killed outright would hold
Prefect's slot for good, while the OS frees a dead process's lock. Flow runs execute in subprocesses that import
their flow by module path (`flows.serve.watch_flow`), so this module keeps its imports light: a tick with nothing
new costs hashing only, no spaCy.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from pathlib import Path

from prefect import flow
from prefect.deployments.runner import RunnerDeployment
from prefect.logging import get_run_logger
from prefect.runner import Runner
from prefect.types.entrypoint import EntrypointType

from flows.changes import changed_files
from flows.lifeline import clear_parent_death_signal, die_with_parent, watch_parent
from flows.locks import exclusive
from flows.prefect_server import RUNNER_PID, SERVE_PID, quiet_termination
from flows.settings import DEFAULTS, Settings, settings_from_json

WATCH_DEPLOYMENT = "watch-folders"
REPROCESS_DEPLOYMENT = "reprocess-stale"


@flow(name="dossier-watch", log_prints=False)
def watch_flow(folders: list[str], out: str, database_url: str, batch_size: int = DEFAULTS.batch_size,
               limits: dict | None = None, pdf_timeout: float | None = DEFAULTS.pdf_timeout) -> dict:
    """Ingest the files under `folders` that are new or changed; documents that are only stale are left to the
    reprocess deployment. With nothing new the datasets are not rewritten; while another tick works, nothing.
    A tick in which a file failed ends Failed, so the Prefect UI shows it."""
    quiet_termination()
    with exclusive(Path(out) / ".watch.lock") as mine:
        if not mine:
            get_run_logger().info("the previous tick is still working: this one has nothing to do")
            return {"changed": 0, "documents": [], "rows": {}, "busy": True}
        result = ingest_changed(folders, out, database_url, batch_size, limits, pdf_timeout)
    from flows.ingest import failed_state, failures

    if failures(result["documents"]):
        return failed_state("watch tick", result)  # type: ignore[return-value]
    return result


def say(line: str) -> None:
    """A line for the terminal `serve` runs in and for the run's logs in the Prefect UI."""
    print(f"dossier watch: {line}", flush=True)
    get_run_logger().info(line)


def walk_watched(folders: list[str]) -> tuple[list[str], list[str], list[list[str]]]:
    """Files under the watched folders (as `dossier ingest` walks them), missing folders, and the files the walk
    leaves out with why (unsupported type), as [path, reason]."""
    from extractors.readers import discover_files, display_name

    files, skipped = discover_files([Path(f) for f in folders])
    # Display names: these lines go to Prefect as JSON, which cannot carry a file name that is not UTF-8.
    missing = [f"{display_name(path)}: {reason}" for path, reason in skipped if reason == "no such file or folder"]
    left_out = [[display_name(path), reason] for path, reason in skipped if reason != "no such file or folder"]
    return [str(p) for p in files], missing, left_out


def newly_left_out(out: str, left_out: list[list[str]]) -> list[list[str]]:
    """The left-out files not reported by an earlier tick (remembered in <out>/.watch-not-ingested.json): each is
    reported once, not every few minutes."""
    memory = Path(out) / ".watch-not-ingested.json"
    try:
        known = {tuple(item) for item in json.loads(memory.read_text(encoding="utf-8"))}
    except (OSError, ValueError):
        known = set()
    memory.parent.mkdir(parents=True, exist_ok=True)
    memory.write_text(json.dumps(left_out), encoding="utf-8")
    return [item for item in left_out if tuple(item) not in known]


def ingest_changed(folders: list[str], out: str, database_url: str, batch_size: int, limits: dict | None = None,
                   pdf_timeout: float | None = DEFAULTS.pdf_timeout) -> dict:
    files, missing, left_out = walk_watched(folders)
    for line in missing:
        say(f"missing {line}")
    fresh = newly_left_out(out, left_out)
    for path, reason in fresh:
        say(f"not ingested: {path}: {reason}")
    todo = changed_files(database_url, files)
    if not todo and (Path(out) / "documents.parquet").exists():
        return {"changed": 0, "documents": [], "rows": {}}
    say(f"{len(todo)} new or changed file(s)")
    from flows.ingest import batch_file, ingest_documents

    with batch_file(Path(out), todo) as batch:  # file names reach Prefect only by reference (any bytes allowed)
        result = ingest_documents([], out, database_url, batch_size, not_ingested=fresh, batch=batch, limits=limits,
                                  pdf_timeout=pdf_timeout)
    if result.get("fatal"):
        say(result["fatal"])
    return {"changed": len(todo), "documents": result["documents"], "rows": result["rows"]}


def build_deployments(settings: Settings) -> list[RunnerDeployment]:
    from flows.ingest import reprocess_flow

    out = str(Path(settings.out).resolve())
    database_url = settings.resolved_database_url()
    watch = watch_flow.to_deployment(
        name=WATCH_DEPLOYMENT,
        interval=settings.every,
        parameters={"folders": [str(Path(f).resolve()) for f in settings.watch], "out": out,
                    "database_url": database_url, "batch_size": settings.batch_size,
                    "limits": settings.read_limits(), "pdf_timeout": settings.pdf_timeout},
        description="Ingest new or changed files from the watched folders.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    reprocess = reprocess_flow.to_deployment(
        name=REPROCESS_DEPLOYMENT,
        cron=settings.reprocess_cron,
        parameters={"out": out, "database_url": database_url, "batch_size": settings.batch_size,
                    "fail_when_files_fail": True},
        description="Re-extract stored documents whose pipeline version is stale, then export.",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return [watch, reprocess]


def graceful_stop(runner: Runner) -> Callable[[int, object], None]:
    """A SIGTERM handler that lets the runner stop itself: cancel its flow runs (on the server too), end its loops.

    Prefect's own handler calls the synchronous stop from inside the loop (an un-awaited coroutine warning) and
    exits; raising KeyboardInterrupt instead tears open connections down with tracebacks.
    """
    pending: list[asyncio.Task] = []

    def handle(_signum: int, _frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not serving yet: nothing to wind down
            raise KeyboardInterrupt from None
        if not pending and runner.started:
            loop.call_soon_threadsafe(lambda: pending.append(loop.create_task(runner.astop())))

    return handle


async def crash_leftover_runs() -> int:
    """Mark flow runs still Running or Pending as Crashed: on a server only this dossier uses, before its runner
    starts, they are runs a killed `dossier serve` left behind, and the UI should not show them as running."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    unfinished = FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(
        any_=[StateType.RUNNING, StateType.PENDING, StateType.CANCELLING])))
    async with get_client() as client:
        runs = await client.read_flow_runs(flow_run_filter=unfinished)
        for run in runs:
            await client.set_flow_run_state(run.id, Crashed(message="dossier serve stopped during this run"),
                                            force=True)
    return len(runs)


def serve_deployments(settings: Settings, own_server: bool = False) -> None:
    """Register both deployments and run their scheduled flow runs until Ctrl-C or SIGTERM. `own_server`: the
    Prefect server serves this dossier alone, so unfinished runs on it are leftovers of an earlier serve.

    What prefect.serve does, except on SIGTERM (see graceful_stop). `dossier serve` runs this in a process of its
    own and stops it with SIGTERM.
    """
    if own_server:
        asyncio.run(crash_leftover_runs())
    runner = Runner(pause_on_shutdown=True)
    for deployment in build_deployments(settings):
        runner.add_deployment(deployment)
    # Runner.start installs runner.handle_sigterm as the SIGTERM handler.
    runner.handle_sigterm = graceful_stop(runner)  # type: ignore[method-assign]
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass


def main(argv: list[str]) -> int:
    """The runner process `dossier serve` starts: argv is the settings as JSON, then `--own-server` or nothing.

    It dies with `dossier serve` (kill -9 included), and so does everything it started: with the server gone there
    is nothing to stop in order. It leads its own process group (run_supervised), which Prefect's flow-run
    processes, their parse workers and the PDF reader's fork server stay in, so the whole group is killed; a flow
    run also watches the runner's PID itself (see quiet_termination)."""
    import signal

    if os.getpgrp() == os.getpid():
        # Not the SIGTERM `dossier serve` arranged before exec: it would start an orderly stop that talks to a
        # server already gone, while the group still runs.
        clear_parent_death_signal()
        serve_pid = int(os.environ.get(SERVE_PID, os.getppid()))
        watch_parent(serve_pid, signal.SIGKILL, whole_group=True)  # at once if serve is already gone
    else:
        die_with_parent(signal.SIGKILL)
    os.environ[RUNNER_PID] = str(os.getpid())
    serve_deployments(settings_from_json(argv[0]), own_server="--own-server" in argv[1:])
    return 0
