"""The store on a real PostgreSQL server: the same datasets as SQLite, concurrent writers, kill -9 then rerun."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from flows.pipeline_run import current_pipeline_version, export_store, ingest_paths
from tests.postgres_support import fresh_postgres_database

REPO = Path(__file__).resolve().parents[1]
DATASETS = ("documents", "actors", "mentions", "dates", "figures", "claims", "tables")


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    yield from fresh_postgres_database()


def articles(corpus_dir: Path, shared_dir: Path, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for source in [*corpus_dir.iterdir(), *(shared_dir / "seeds").iterdir()]:
        if source.is_file():
            shutil.copy(source, folder / source.name)
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".json"))


def comparable(out: Path, name: str) -> pd.DataFrame:
    frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
    frame = frame.drop(columns=[c for c in ("extracted_at",) if c in frame])
    return frame.sort_values(list(frame.columns)).reset_index(drop=True)


def counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        if conn.execute(text("select to_regclass('documents')")).scalar() is None:
            engine.dispose()
            return 0, 0, 0
        n_docs = conn.execute(text("select count(*) from documents")).scalar()
        n_rows = conn.execute(text("select count(*) from extractions")).scalar()
        dupes = conn.execute(text("select count(*) - count(distinct id) from extractions")).scalar()
    engine.dispose()
    return n_docs, n_rows, dupes


@pytest.mark.slow
def test_store_postgres_gives_the_same_datasets_as_sqlite(
    postgres_url: str, tmp_path: Path, corpus_dir: Path, shared_dir: Path
) -> None:
    paths = [str(p) for p in articles(corpus_dir, shared_dir, tmp_path / "in")]
    version = current_pipeline_version()
    sqlite_url = f"sqlite:///{tmp_path / 'dossier.db'}"
    assert {o.status for o in ingest_paths(sqlite_url, paths, version)} == {"ok"}
    assert {o.status for o in ingest_paths(postgres_url, paths, version)} == {"ok"}
    export_store(sqlite_url, tmp_path / "sqlite")
    export_store(postgres_url, tmp_path / "postgres")
    for name in DATASETS:
        pd.testing.assert_frame_equal(comparable(tmp_path / "sqlite", name), comparable(tmp_path / "postgres", name))
    # A second run finds everything stored under this pipeline version and extracts nothing.
    assert {o.status for o in ingest_paths(postgres_url, paths, version)} == {"skipped"}


def ingest_command(folder: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "ingest", str(folder), "--out", str(out)]


@pytest.mark.slow
def test_store_postgres_concurrent_writers_and_kill_then_rerun_store_each_document_once(
    postgres_url: str, tmp_path: Path, corpus_dir: Path, shared_dir: Path
) -> None:
    paths = articles(corpus_dir, shared_dir, tmp_path / "all")
    for i in range(2):  # more documents, each distinct, so the kill lands mid-run
        for path in paths:
            copy = tmp_path / "all" / f"{path.stem}-{i}{path.suffix}"
            copy.write_bytes(path.read_bytes() + f"\n\nEdition {i}.\n".encode())
    every = sorted(p for p in (tmp_path / "all").iterdir() if not p.name.endswith(".json"))
    halves = [tmp_path / "a", tmp_path / "b"]
    for n, path in enumerate(every):
        halves[n % 2].mkdir(exist_ok=True)
        shutil.copy(path, halves[n % 2] / path.name)
    env = {**os.environ, "PYTHONPATH": str(REPO), "DOSSIER_DATABASE_URL": postgres_url, "DOSSIER_BATCH_SIZE": "2",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    # Two writers at once, each with its own Prefect run, into the one PostgreSQL store; one is killed mid-run.
    logs = [(tmp_path / f"writer-{half.name}.log").open("w") for half in halves]
    writers = [subprocess.Popen(ingest_command(half, tmp_path / f"out-{half.name}"), cwd=REPO, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
               for half, log in zip(halves, logs, strict=True)]
    deadline = time.monotonic() + 300
    while counts(postgres_url)[0] < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(writers[0].pid, signal.SIGKILL)
    writers[0].wait()
    status = writers[1].wait(timeout=600)
    for log in logs:
        log.close()
    assert status == 0, (tmp_path / "writer-b.log").read_text()[-4000:]
    for half in halves:  # rerun both: the killed one finishes, the finished one has nothing to do
        rerun = subprocess.run(ingest_command(half, tmp_path / f"out-{half.name}"), cwd=REPO, env=env,
                               capture_output=True, text=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr
    n_docs, n_rows, dupes = counts(postgres_url)
    assert n_docs == len(every)
    assert dupes == 0 and n_rows > 20 * len(every)
    exported = pd.read_parquet(tmp_path / "out-b" / "documents.parquet")
    assert len(exported) == len(every) and exported["doc_id"].is_unique
