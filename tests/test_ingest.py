"""The ingest flow on real Prefect (test server), the real model and SQLite."""

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from flows.ingest import ingest_flow


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


def test_ingest_flow_twice_gives_identical_datasets(prefect_harness, small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(small_corpus, out)
    first = digest(out)
    second_result = run(small_corpus, out)
    assert digest(out) == first
    statuses = [d["status"] for d in second_result["documents"]]
    assert statuses.count("failed") == 1 and set(statuses) == {"failed", "skipped"}


def test_ingest_flow_output_is_scored_by_the_shared_scorer(prefect_harness, small_corpus: Path, tmp_path: Path,
                                                           shared_dir: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out"
    run(small_corpus, out)
    done = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(shared_dir / "gold"),
                           "--out", str(out), "--quiet"], capture_output=True, text=True, check=True)
    assert "claims" in done.stdout and "document not found" not in done.stdout
