"""The ingest flow on real Prefect (test server), the real model and SQLite."""

import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from flows.ingest import ingest_flow
from schema import DATASETS

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def small_corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(corpus_dir, folder)
    (folder / "empty.txt").write_text("   \n")
    (folder / "notes.xyz").write_text("not an article")
    return folder


def run(folder: Path, out: Path) -> dict:
    from flows.cli import discover

    files, _ = discover([folder])
    return ingest_flow(paths=[str(p) for p in files], out=str(out), database_url=f"sqlite:///{out / 'dossier.db'}")


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


@pytest.mark.slow
def test_ingest_flow_exports_every_dataset_and_records_failures(prefect_harness, small_corpus: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(small_corpus, out)
    docs = pd.read_parquet(out / "documents.parquet")
    articles = [p for p in small_corpus.iterdir() if p.suffix == ".txt" and p.name != "empty.txt"]
    assert sorted(docs["status"]) == ["failed"] + ["ok"] * len(articles)
    failed = docs[docs["status"] == "failed"].iloc[0]
    assert failed["source"].endswith("empty.txt") and failed["error"] and "\n" not in failed["error"]
    for name in ("actors", "mentions", "dates", "figures", "claims", "tables"):
        assert (out / f"{name}.parquet").exists() and (out / f"{name}.csv").exists()
    assert result["rows"]["claims"] > 10
    assert len(set(docs["doc_id"])) == len(docs)


@pytest.mark.slow
def test_ingest_flow_twice_gives_identical_datasets(prefect_harness, small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(small_corpus, out)
    first = digest(out)
    time.sleep(1.1)  # extracted_at has second precision: a re-extraction would now show in documents.csv
    second_result = run(small_corpus, out)
    assert digest(out) == first
    statuses = [d["status"] for d in second_result["documents"]]
    assert statuses.count("failed") == 1 and set(statuses) == {"failed", "skipped"}


@pytest.mark.slow
def test_ingest_flow_output_is_scored_by_the_shared_scorer(prefect_harness, small_corpus: Path, tmp_path: Path,
                                                           shared_dir: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    run(small_corpus, out)
    done = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(shared_dir / "gold"),
                           "--out", str(out), "--quiet"], capture_output=True, text=True, check=True)
    assert "claims" in done.stdout and "document not found" not in done.stdout


@pytest.mark.slow
def test_ingest_flow_changed_file_replaces_its_rows_and_a_copy_is_stored_once(prefect_harness, tmp_path: Path,
                                                                             corpus_dir: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    article = folder / "article.txt"
    shutil.copy(corpus_dir / "ies-nato-ap4-defence-ministers-2024.txt", article)
    run(folder, out)
    old_id = pd.read_parquet(out / "documents.parquet")["doc_id"].item()

    text = article.read_text(encoding="utf-8")
    article.write_text(text[: len(text) // 2] + "\n\nJapan pledged 500 million dollars to the fund in 2025.\n")
    shutil.copy(article, folder / "z-copy.txt")
    result = run(folder, out)

    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 1 and docs["doc_id"].item() != old_id and docs["source"].item().endswith("article.txt")
    for name in DATASETS:
        assert set(pd.read_parquet(out / f"{name}.parquet")["doc_id"]) <= set(docs["doc_id"]), name
    assert len(pd.read_parquet(out / "claims.parquet")) > 0
    outcomes = {Path(d["source"]).name: d for d in result["documents"]}
    assert outcomes["article.txt"]["status"] == "ok"
    assert outcomes["z-copy.txt"]["status"] == "skipped"
    copy_reason = outcomes["z-copy.txt"]["reason"]
    assert copy_reason.startswith("same content as") and copy_reason.endswith("article.txt")


def sentences_pool(corpus_dir: Path) -> list[str]:
    """Real sentences of the corpus articles, three to a paragraph."""
    pool = []
    for path in sorted(corpus_dir.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) > 4]
        pool += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences) - 2, 3)]
    return pool


def generated_corpus(folder: Path, corpus_dir: Path, n: int = 40) -> list[Path]:
    """n distinct articles, each four paragraphs of real text taken at a different offset."""
    pool = sentences_pool(corpus_dir)
    assert len(pool) >= 30
    folder.mkdir()
    paths = []
    for i in range(n):
        paragraphs = [pool[(i + k * 7) % len(pool)] for k in range(4)]
        path = folder / f"article-{i:02d}.txt"
        path.write_text(f"Briefing {i + 1}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:  # the table is being created
        return 0


def expected_ids(paths: list[Path], nlp) -> dict[str, set[str]]:
    """What a clean run extracts from each file, computed in-process."""
    from extractors.pipeline import extract_document
    from extractors.readers import read_document
    from flows.rows import extraction_rows

    ids: dict[str, set[str]] = {name: set() for name in DATASETS if name != "documents"}
    for path in paths:
        document = read_document(path)
        for name, rows in extraction_rows(document.doc_id, extract_document(document, nlp(document.text))).items():
            if name in ids:
                ids[name] |= {r["id"] for r in rows}
    return ids


@pytest.mark.slow
def test_ingest_killed_mid_run_then_rerun_leaves_complete_unduplicated_data(tmp_path: Path, corpus_dir: Path,
                                                                            nlp) -> None:
    paths = generated_corpus(tmp_path / "in", corpus_dir)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO), "DOSSIER_BATCH_SIZE": "4"}
    command = [sys.executable, "-m", "flows.cli", "ingest", str(tmp_path / "in"), "--out", str(out)]
    # Its own process group: SIGKILL takes the run and its ephemeral Prefect server down together, as a crash would.
    victim = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    deadline = time.monotonic() + 300
    while stored_count(out / "dossier.db") < 3 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    at_kill = stored_count(out / "dossier.db")
    assert 3 <= at_kill < len(paths), "the run must be killed after its first documents and before its end"

    rerun = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    summary = rf"\b{len(paths) - at_kill} ok, 0 partial, 0 failed, {at_kill} skipped as unchanged"
    assert re.search(summary, rerun.stdout), rerun.stdout

    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == len(paths) and docs["doc_id"].is_unique and set(docs["status"]) == {"ok"}
    with sqlite3.connect(out / "dossier.db") as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == len(paths)
        assert conn.execute("select count(*) - count(distinct id) from extractions").fetchone()[0] == 0
    for name, ids in expected_ids(paths, nlp).items():
        frame = pd.read_parquet(out / f"{name}.parquet")
        assert frame["id"].is_unique, name
        assert set(frame["id"]) == ids, name
    assert len(pd.read_parquet(out / "claims.parquet")) > len(paths)


@pytest.mark.slow
def test_ingest_flow_that_stores_nothing_keeps_a_current_export_and_rewrites_a_stale_one(
        prefect_harness, small_corpus: Path, tmp_path: Path) -> None:
    from review.repository import record_verdict, undo_review
    from store.database import open_store

    out = tmp_path / "out"
    first = run(small_corpus, out)
    written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")}
    again = run(small_corpus, out)  # every file unchanged: the export is the one already there, not written again
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")} == written
    assert again["rows"] == first["rows"] and again["dropped"] == first["dropped"]

    engine = open_store(f"sqlite:///{out / 'dossier.db'}")
    claim = pd.read_parquet(out / "claims.parquet")["id"].iloc[0]
    verdict = record_verdict(engine, claim, "reject", {})  # the store changes outside an ingest
    after_verdict = run(small_corpus, out)
    assert after_verdict["rows"]["claims"] == first["rows"]["claims"] - 1
    assert claim not in set(pd.read_parquet(out / "claims.parquet")["id"])
    undo_review(engine, verdict["review"]["review_id"])  # an undo too
    assert run(small_corpus, out)["rows"]["claims"] == first["rows"]["claims"]
    assert claim in set(pd.read_parquet(out / "claims.parquet")["id"])

    (out / "dates.csv").unlink()  # a file removed by hand is written again
    assert run(small_corpus, out)["rows"] == first["rows"]
    assert (out / "dates.csv").exists()


def test_ingest_batches_on_a_cluster_are_small_enough_to_share_out_evenly() -> None:
    from flows.ingest import CLUSTER_MIN_BATCHES, batch_size_for

    assert batch_size_for(150, 32, concurrent=False) == 32  # one process: large batches, fewer task runs
    on_cluster = batch_size_for(150, 32, concurrent=True)
    assert -(-150 // on_cluster) >= CLUSTER_MIN_BATCHES
    assert batch_size_for(100_000, 32, concurrent=True) == 32  # a large corpus keeps the configured size
    assert batch_size_for(3, 32, concurrent=True) == 1
