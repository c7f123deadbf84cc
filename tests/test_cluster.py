"""Batches on Dask: a scheduler and two workers started with the `dask` CLI on loopback, the store on PostgreSQL.
The datasets must equal the single-process SQLite run's (but for `extracted_at`)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psutil
import pytest

from flows.prefect_server import free_port
from schema import DATASETS
from tests.postgres_support import fresh_postgres_database

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture()
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """`dask scheduler` and two `dask worker` processes on loopback; all of them are gone afterwards."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    log = (tmp_path / "dask.log").open("w")
    processes = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                   "--no-dashboard"], cwd=REPO, env=env, stdout=log, stderr=log)]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    for n in range(2):
        processes.append(subprocess.Popen(
            [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
             "--name", f"w{n}", "--local-directory", str(tmp_path / f"w{n}")],
            cwd=REPO, env=env, stdout=log, stderr=log))
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    try:
        yield address
    finally:
        family = [p for proc in processes if psutil.pid_exists(proc.pid)
                  for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]]
        for proc in reversed(processes):
            proc.terminate()
        psutil.wait_procs(family, timeout=30)
        for p in family:
            if p.is_running():
                p.kill()
        log.close()


def comparable(out: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = frame.drop(columns=[c for c in ("extracted_at",) if c in frame])
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


@pytest.mark.slow
def test_cluster_dask_workers_into_postgres_equal_single_process_sqlite(
    dask_cluster: str, tmp_path: Path, corpus_dir: Path, shared_dir: Path
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus_dir, folder)
    for seed in (shared_dir / "seeds").iterdir():
        shutil.copy(seed, folder / seed.name)
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DOSSIER_BATCH_SIZE": "1"}
    single = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(folder), "--out", str(tmp_path / "one")],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert single.returncode == 0, single.stderr
    for postgres_url in fresh_postgres_database():
        clustered = subprocess.run(
            [sys.executable, "-m", "flows.cli", "ingest", str(folder), "--out", str(tmp_path / "dask"),
             "--dask-address", dask_cluster],
            cwd=REPO, env={**env, "DOSSIER_DATABASE_URL": postgres_url}, capture_output=True, text=True, timeout=900)
        assert clustered.returncode == 0, clustered.stderr
    for name in DATASETS:
        pd.testing.assert_frame_equal(comparable(tmp_path / "one", name), comparable(tmp_path / "dask", name))


@pytest.mark.slow
def test_local_cluster_workers_report_to_the_runs_prefect_server_and_keep_the_terminal_quiet(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """`--workers 2`: each batch's task run is recorded by the Prefect server the command started (a worker that
    started an ephemeral server of its own would record it where no UI shows it), and the cluster's shutdown prints
    no warnings."""
    import sqlite3

    home = tmp_path / "prefect-home"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_HOME": str(home), "DOSSIER_BATCH_SIZE": "1"}
    env.pop("PREFECT_API_URL", None)
    run = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(corpus_dir), "--out", str(tmp_path / "out"),
                          "--workers", "2"], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    documents = len([p for p in corpus_dir.iterdir() if not p.name.endswith(".meta.json")])  # sidecars aside
    with sqlite3.connect(home / "prefect.db") as conn:
        completed = conn.execute("SELECT count(*) FROM task_run WHERE name LIKE 'extract-batch%' "
                                 "AND state_type = 'COMPLETED'").fetchone()[0]
    assert completed == documents  # one batch per document
    assert "WARNING" not in run.stdout + run.stderr


def model_already_loaded() -> bool:
    from extractors.nlp import load_nlp

    return load_nlp.cache_info().currsize == 1


@pytest.mark.slow
def test_cluster_local_workers_are_forked_with_the_model_loaded_and_spawned_ones_are_not(nlp) -> None:
    """`--workers N`: the local cluster's workers start from the flow process with the model in memory, instead
    of each importing Prefect and spaCy and loading the model again before its first document."""
    from distributed import Client, LocalCluster

    from flows.cluster import warm_local_workers

    def loaded_in_workers(local_cluster: bool) -> list[bool]:
        with (warm_local_workers(local_cluster),
              LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
              Client(cluster) as client):
            return list(client.run(model_already_loaded).values())

    assert loaded_in_workers(local_cluster=True) == [True]
    assert loaded_in_workers(local_cluster=False) == [False]  # the default start (spawn) loads nothing
