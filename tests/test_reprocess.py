"""Reprocessing stored documents: stale pipeline versions found and re-extracted from the stored text."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extractors.pipeline import pipeline_version, versioned_files
from flows.ingest import ingest_flow, reprocess_flow

REPO = Path(__file__).resolve().parents[1]


def stored(db: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return {d: (v, at) for d, v, at in conn.execute("select doc_id, pipeline_version, extracted_at from documents")}


def ingest_corpus(corpus_dir: Path, tmp_path: Path) -> tuple[Path, dict]:
    folder, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(corpus_dir, folder)
    paths = [str(p) for p in sorted(folder.glob("*.txt"))]
    result = ingest_flow(paths=paths, out=str(out), database_url=f"sqlite:///{out / 'dossier.db'}")
    shutil.rmtree(folder)  # reprocessing works from the store alone
    return out, result


@pytest.mark.slow
def test_reprocess_flow_re_extracts_exactly_the_stale_documents(prefect_harness, corpus_dir: Path,
                                                                 tmp_path: Path) -> None:
    out, first = ingest_corpus(corpus_dir, tmp_path)
    db = out / "dossier.db"
    claims_before = pd.read_parquet(out / "claims.parquet").sort_values("id").reset_index(drop=True)
    before = stored(db)
    stale_id = sorted(before)[0]
    with sqlite3.connect(db) as conn:
        conn.execute("update documents set pipeline_version = 'older' where doc_id = ?", (stale_id,))
    time.sleep(1.1)  # extracted_at has second precision

    result = reprocess_flow(out=str(out), database_url=f"sqlite:///{db}")

    after = stored(db)
    assert [d["doc_id"] for d in result["documents"]] == [stale_id]
    assert after[stale_id][0] == first["pipeline_version"] and after[stale_id][1] > before[stale_id][1]
    assert {d: v for d, v in after.items() if d != stale_id} == {d: v for d, v in before.items() if d != stale_id}
    # Same pipeline, same stored text: the re-extracted rows are the rows it had.
    claims_after = pd.read_parquet(out / "claims.parquet").sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(claims_after, claims_before)
    exported = pd.read_parquet(out / "documents.parquet").set_index("doc_id")["extracted_at"]
    assert exported[stale_id] == after[stale_id][1]

    again = reprocess_flow(out=str(out), database_url=f"sqlite:///{db}")
    assert again["documents"] == [] and stored(db) == after
    everything = reprocess_flow(out=str(out), database_url=f"sqlite:///{db}", everything=True)
    assert sorted(d["doc_id"] for d in everything["documents"]) == sorted(before)


def test_reprocess_pipeline_version_follows_data_files_of_any_extension(tmp_path: Path, nlp, monkeypatch) -> None:
    import extractors.pipeline as pipeline

    package = tmp_path / "extractors"
    shutil.copytree(Path(pipeline.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE_DIR", package)
    original = pipeline_version(nlp)
    data = package / "data"
    data.mkdir(exist_ok=True)
    (data / "cues.yaml").write_text("hedges: [may]\n")
    with_yaml = pipeline_version(nlp)
    assert with_yaml != original
    (data / "cues.yaml").write_text("hedges: [might]\n")
    assert pipeline_version(nlp) not in {original, with_yaml}
    (data / ".cues.yaml.swp").write_text("editor state")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    assert package / "__pycache__" / "x.cpython-311.pyc" not in versioned_files(package)
    assert data / ".cues.yaml.swp" not in versioned_files(package)


@pytest.mark.slow
def test_reprocess_command_reports_and_exports(prefect_harness, corpus_dir: Path, tmp_path: Path) -> None:
    out, _ = ingest_corpus(corpus_dir, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)  # the test harness's server is not the user's
    (out / "claims.csv").unlink()
    done = subprocess.run([sys.executable, "-m", "flows.cli", "reprocess", "--all", "--out", str(out)], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    stored = len(pd.read_parquet(out / "documents.parquet"))
    assert f"{stored} re-extracted" in done.stdout and "0 already up to date" in done.stdout
    assert (out / "claims.csv").exists()
    assert done.stderr.strip() == "", done.stderr  # Prefect's chatter stays off the terminal
    missing = subprocess.run([sys.executable, "-m", "flows.cli", "reprocess", "--out", str(tmp_path / "none")],
                             cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert missing.returncode == 2 and "no store" in missing.stderr
