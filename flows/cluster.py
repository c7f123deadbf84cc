"""Where batches run: in this process (default), on a local Dask cluster of N worker processes, or on an existing
Dask cluster (`--dask-address`). Prefect's Dask task runner (prefect-dask) does the scheduling; each worker loads
the spaCy model once and writes its batches to the store itself."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flows.settings import Settings


def add_cluster_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=int, metavar="N",
                        help="run batches on a local Dask cluster of N worker processes (default 1: this process)")
    parser.add_argument("--dask-address", metavar="tcp://HOST:8786",
                        help="submit batches to an existing Dask scheduler (or DOSSIER_DASK_ADDRESS)")


def uses_cluster(settings: Settings) -> bool:
    return bool(settings.dask_address) or settings.workers > 1


def uses_local_cluster(settings: Settings) -> bool:
    return not settings.dask_address and settings.workers > 1


def task_runner(settings: Settings) -> Any | None:
    """A DaskTaskRunner for the settings, or None to run batches one after another in this process."""
    if not uses_cluster(settings):
        return None
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return local_cluster_runner(settings.workers)


def local_cluster_runner(workers: int) -> Any:
    """A DaskTaskRunner on a local cluster of `workers` processes (one, too: `dossier bench` compares like with
    like)."""
    from prefect_dask import DaskTaskRunner

    # At the cluster's close a worker process still alive after 4 s is ended, with a warning on the user's terminal;
    # by then every batch has been stored and reported, so it says nothing the user can act on.
    logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
    # One thread per worker process: spaCy parsing is CPU-bound, so processes, not threads, give the parallelism.
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})


@contextmanager
def warm_local_workers(local_cluster: bool) -> Iterator[None]:
    """While a run on a local cluster starts its workers: fork them from this process with the model loaded,
    instead of spawning fresh interpreters that each import Prefect and spaCy and load the model again (about 9 s
    of CPU per worker, paid before the first document). The flow loads the model here anyway (the pipeline
    version is read from it). Clusters elsewhere (`--dask-address`) start their workers themselves."""
    if not local_cluster:
        yield
        return
    import dask

    from extractors.nlp import load_nlp

    load_nlp()
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}):
        yield


def on_cluster(flow: Any, settings: Settings) -> Any:
    """The flow with the task runner the settings ask for."""
    runner = task_runner(settings)
    return flow if runner is None else flow.with_options(task_runner=runner)
