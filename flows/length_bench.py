"""`dossier bench --length`: does a document's cost grow with its length, and no faster? Seconds per word and peak
memory for a short and a long document of real prose, each read, parsed, extracted and stored on its own."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import psutil

from flows.bench import PeakMemory, corpus_paragraphs, write_json

SHORT_CHARS = 30_000
LONG_CHARS = 3_000_000
SHORT_RUNS = 3  # a short document takes about a second: the best of three keeps a busy machine's noise out
# README's targets: seconds per word of the long document within 1.5x of the short one's; the long one in 2 GB.
MAX_SECONDS_PER_WORD_RATIO = 1.5
MAX_LONG_PEAK_RSS_MB = 2000.0


def long_document(chars: int, folders: list[Path], seed: int = 0) -> str:
    """About `chars` characters of real paragraphs in a shuffled order, each used again only after all the others:
    a long report's prose, not one sentence repeated."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs(folders)
    parts: list[str] = []
    size = 0
    while size < chars:
        batch = rng.sample(paragraphs, len(paragraphs))
        for paragraph in batch:
            parts.append(paragraph)
            size += len(paragraph) + 2
            if size >= chars:
                break
    return "\n\n".join(parts) + "\n"


def tree_cpu_seconds() -> float:
    """CPU seconds of this process and its children so far."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return total


def ingest_one(path: Path, database_url: str, version: str) -> tuple[float, float, float]:
    """Read, parse, extract and store one file: (wall seconds, CPU seconds, peak RSS MB of the process tree)."""
    from flows.pipeline_run import ingest_paths

    memory = PeakMemory()
    cpu_before = tree_cpu_seconds()
    with memory.watching():
        start = time.perf_counter()
        outcomes = ingest_paths(database_url, [str(path)], version)
        wall = time.perf_counter() - start
    if [o.status for o in outcomes] != ["ok"]:
        raise RuntimeError(f"{path.name} was not stored whole: {[(o.status, o.error) for o in outcomes]}")
    return wall, tree_cpu_seconds() - cpu_before, memory.peak_total_mb


def measure_document(text: str, runs: int, work: Path, name: str, version: str) -> dict:
    """The best of `runs` fresh ingests of one document (each into a new store, so none is skipped)."""
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    words = len(text.split())
    results = [ingest_one(path, f"sqlite:///{work / f'{name}-{run}.db'}", version) for run in range(runs)]
    wall, cpu, _ = min(results)
    return {
        "chars": len(text),
        "words": words,
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "seconds_per_word_us": round(1e6 * wall / words, 1),
        "cpu_seconds_per_word_us": round(1e6 * cpu / words, 1),
        "peak_rss_mb": round(max(r[2] for r in results), 1),
    }


def length_targets(short: dict, long: dict) -> dict[str, dict]:
    ratio = round(long["seconds_per_word_us"] / short["seconds_per_word_us"], 3)
    return {
        "seconds_per_word_ratio": {"value": ratio, "target": f"<= {MAX_SECONDS_PER_WORD_RATIO:g}",
                                   "pass": ratio <= MAX_SECONDS_PER_WORD_RATIO},
        "long_peak_rss_mb": {"value": long["peak_rss_mb"], "target": f"<= {MAX_LONG_PEAK_RSS_MB:g}",
                             "pass": long["peak_rss_mb"] <= MAX_LONG_PEAK_RSS_MB},
    }


def run_length_bench(folders: list[Path], short_chars: int = SHORT_CHARS, long_chars: int = LONG_CHARS,
                     short_runs: int = SHORT_RUNS) -> dict:
    """Both documents measured in a temporary folder, removed afterwards whatever happens."""
    from flows.pipeline_run import current_pipeline_version

    work = Path(tempfile.mkdtemp(prefix="dossier-length-bench-"))
    try:
        version = current_pipeline_version()  # loads the model: paid once, outside the timings
        warmup = long_document(min(short_chars, 5_000), folders, seed=1)
        measure_document(warmup, 1, work, "warmup", version)  # first calls fill caches and load data files
        short = measure_document(long_document(short_chars, folders), short_runs, work, "short", version)
        long = measure_document(long_document(long_chars, folders), 1, work, "long", version)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"short": short, "long": long, "targets": length_targets(short, long)}


def format_length_report(result: dict) -> str:
    lines = []
    for key in ("short", "long"):
        doc = result[key]
        lines.append(f"{key} document: {doc['chars']:,} chars, {doc['words']:,} words: {doc['seconds']:.2f} s "
                     f"({doc['seconds_per_word_us']:.0f} us/word, CPU {doc['cpu_seconds_per_word_us']:.0f} us/word), "
                     f"peak RSS {doc['peak_rss_mb']:.0f} MB")
    for key, check in result["targets"].items():
        lines.append(f"{key}: {check['value']}   target {check['target']}  {'PASS' if check['pass'] else 'FAIL'}")
    return "\n".join(lines)


def write_length_json(result: dict, path: Path) -> None:
    """The result under `length` in the bench JSON at `path`, keeping what an earlier `dossier bench` wrote."""
    earlier = json.loads(path.read_text()) if path.is_file() else {}
    write_json({**earlier, "length": result}, path)
