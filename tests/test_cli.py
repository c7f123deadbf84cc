"""`dossier` as a user types it: a real subprocess with its own temporary Prefect server."""

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd


def dossier(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_cli_ingest_reports_per_document_and_summary_then_show(tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / "ies-nato-ap4-defence-ministers-2024.txt", folder)
    (folder / "binary.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text("ignored")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    repo = Path(__file__).resolve().parents[1]
    done = dossier("ingest", str(folder), "--out", str(tmp_path / "out"), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "ies-nato-ap4-defence-ministers-2024.txt" in done.stdout
    assert "failed" in done.stdout and "picture.png" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert len(docs) == 2  # the hidden file is not a document; the png is reported, not ingested
    strict = dossier("ingest", str(folder), "--out", str(tmp_path / "out"), "--strict", cwd=repo)
    assert strict.returncode == 1

    doc_id = docs[docs["status"] == "ok"]["doc_id"].iloc[0]
    shown = dossier("show", doc_id, "--out", str(tmp_path / "out"), cwd=repo)
    assert shown.returncode == 0
    assert "claims:" in shown.stdout and "|" in shown.stdout
    missing = dossier("show", "nope", "--out", str(tmp_path / "out"), cwd=repo)
    assert missing.returncode == 2 and "no document" in missing.stderr
