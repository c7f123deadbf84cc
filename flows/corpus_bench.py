"""`dossier bench --corpus-docs 500 5000`: does a run's memory stay flat as the corpus grows? The real
`dossier ingest` command, in its own process as a user runs it, on N generated articles for each N: peak RSS of
its whole process tree (parse workers, the Prefect server), documents per second, and whether every document was
stored."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from flows.bench import build_corpus, write_json

# README's target: peak RSS of the largest corpus within 10% of the smallest's.
MAX_RSS_GROWTH = 1.10
SAMPLE_SECONDS = 0.2


def tree_rss_mb(process: psutil.Process) -> float:
    """RSS of a process and all its descendants, in MB; 0 for any that ended while being read."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def run_ingest(corpus: Path, out: Path, log: Path) -> tuple[float, float, int]:
    """`dossier ingest corpus --out out` in a child process: (wall seconds, peak RSS MB of its tree, exit code).
    A fresh Prefect home keeps the run apart from another run's server and database."""
    env = {**os.environ, "PREFECT_HOME": str(out / "prefect-home")}
    for inherited in ("PREFECT_API_URL", "DOSSIER_DATABASE_URL"):  # the embedded default, as `make run` has it
        env.pop(inherited, None)
    command = [sys.executable, "-m", "flows.cli", "ingest", str(corpus), "--out", str(out)]
    peak = 0.0
    with log.open("w") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
        watched = psutil.Process(child.pid)
        while child.poll() is None:
            peak = max(peak, tree_rss_mb(watched))
            time.sleep(SAMPLE_SECONDS)
        wall = time.perf_counter() - start
    return wall, peak, child.returncode


def stored_documents(out: Path) -> int:
    with sqlite3.connect(out / "dossier.db") as conn:
        return conn.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]


def measure_corpus(n_docs: int, folders: list[Path], work: Path) -> dict:
    corpus = work / f"corpus-{n_docs}"
    paths = build_corpus(n_docs, folders, corpus)
    out = work / f"out-{n_docs}"
    wall, peak, code = run_ingest(corpus, out, work / f"ingest-{n_docs}.log")
    if code != 0:
        tail = (work / f"ingest-{n_docs}.log").read_text(errors="replace").splitlines()[-5:]
        raise RuntimeError(f"dossier ingest of {n_docs} documents exited with {code}: {' | '.join(tail)}")
    stored = stored_documents(out)
    return {"docs": n_docs, "stored_ok": stored, "seconds": round(wall, 1), "docs_per_s": round(n_docs / wall, 2),
            "words": sum(len(p.read_text(encoding="utf-8").split()) for p in paths),
            "peak_rss_mb": round(peak, 1)}


def corpus_targets(runs: list[dict]) -> dict[str, dict]:
    smallest, largest = runs[0], runs[-1]
    growth = round(largest["peak_rss_mb"] / smallest["peak_rss_mb"], 3)
    return {"ingest_rss_growth": {"value": growth, "target": f"<= {MAX_RSS_GROWTH:g}",
                                  "pass": growth <= MAX_RSS_GROWTH}}


def run_corpus_bench(sizes: list[int], folders: list[Path]) -> dict:
    """Each corpus size ingested in a temporary folder, removed afterwards whatever happens."""
    work = Path(tempfile.mkdtemp(prefix="dossier-corpus-bench-"))
    try:
        runs = [measure_corpus(n, folders, work) for n in sorted(set(sizes))]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result: dict = {"runs": runs}
    if len(runs) > 1:
        result["targets"] = corpus_targets(runs)
    return result


def format_corpus_report(result: dict) -> str:
    lines = [f"dossier ingest of {run['docs']:,} documents ({run['words']:,} words): {run['seconds']:.0f} s, "
             f"{run['docs_per_s']:.2f} docs/s, {run['stored_ok']:,} stored ok, peak RSS {run['peak_rss_mb']:.0f} MB "
             "(whole process tree)" for run in result["runs"]]
    for key, check in result.get("targets", {}).items():
        lines.append(f"{key}: {check['value']}   target {check['target']}  {'PASS' if check['pass'] else 'FAIL'}")
    return "\n".join(lines)


def write_corpus_json(result: dict, path: Path) -> None:
    """The result under `corpus` in the bench JSON at `path`, keeping what an earlier `dossier bench` wrote."""
    earlier = json.loads(path.read_text()) if path.is_file() else {}
    write_json({**earlier, "corpus": result}, path)
