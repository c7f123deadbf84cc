"""`dossier bench`: dossier end to end against bare spaCy on the same texts, with memory and a per-stage split."""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from extractors.nlp import load_nlp, parse_texts
from extractors.readers import read_document

MIN_PARAGRAPH_WORDS = 12


def corpus_paragraphs(folders: list[Path]) -> list[str]:
    """Real prose paragraphs from the articles in `folders` (txt and md)."""
    paragraphs: list[str] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in {".txt", ".md"} or path.name.startswith("."):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            paragraphs += [p.strip() for p in text.split("\n") if len(p.split()) >= MIN_PARAGRAPH_WORDS]
    if not paragraphs:
        raise ValueError(f"no prose paragraphs found in {', '.join(map(str, folders))}")
    return paragraphs


def build_corpus(n_docs: int, folders: list[Path], out: Path, seed: int = 0) -> list[Path]:
    """N distinct articles recombined from real paragraphs: the texts dossier meets, not lorem ipsum."""
    rng = random.Random(seed)
    paragraphs = corpus_paragraphs(folders)
    out.mkdir(parents=True, exist_ok=True)
    paths, seen = [], set()
    while len(paths) < n_docs:
        k = rng.randint(6, min(18, len(paragraphs)))
        text = "\n\n".join(rng.sample(paragraphs, k))
        if text in seen:
            continue
        seen.add(text)
        path = out / f"bench-{len(paths):05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class PeakMemory:
    """Samples RSS of this process and its children (the Prefect server among them) in a thread."""

    interval: float = 0.05
    peak_total_mb: float = 0.0
    peak_self_mb: float = 0.0
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                own = me.memory_info().rss
                children = sum(c.memory_info().rss for c in me.children(recursive=True))
            except psutil.Error:
                continue
            self.peak_self_mb = max(self.peak_self_mb, own / 2**20)
            self.peak_total_mb = max(self.peak_total_mb, (own + children) / 2**20)
            self._stop.wait(self.interval)

    @contextmanager
    def watching(self) -> Iterator[PeakMemory]:
        thread = threading.Thread(target=self.sample, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bare_spacy_seconds(texts: list[str], batch_size: int) -> float:
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


class StageClock:
    """Accumulates seconds per stage name; passed to extract_document as its timer."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


def stage_split(paths: list[Path], database_url: str, out: Path, batch_size: int) -> dict[str, float]:
    """Each stage timed on its own, outside Prefect: read, parse, every extractor, store, export."""
    from extractors.pipeline import extract_document, pipeline_version
    from flows.pipeline_run import export_store, store_for
    from flows.rows import document_row, extraction_rows
    from store.database import now_utc, save_document

    clock = StageClock()
    nlp = load_nlp()
    version = pipeline_version(nlp)
    engine = store_for(database_url)
    for i in range(0, len(paths), batch_size):
        with clock("read"):
            documents = [read_document(p) for p in paths[i : i + batch_size]]
        ok = [d for d in documents if d.ok]
        with clock("parse"):
            docs = list(parse_texts(nlp, [d.text for d in ok], batch_size=batch_size))
        for document, doc in zip(ok, docs, strict=True):
            rows = extraction_rows(document.doc_id, extract_document(document, doc, timer=clock))
            with clock("store"):
                save_document(engine, document, document_row(document, version, now_utc()), rows)
    with clock("export"):
        export_store(database_url, out)
    return {k: round(v, 3) for k, v in clock.seconds.items()}


def plain_ingest(paths: list[Path], out: Path, batch_size: int) -> None:
    from flows.pipeline_run import current_pipeline_version, export_store, ingest_paths

    database_url = f"sqlite:///{out / 'dossier.db'}"
    version = current_pipeline_version()
    for i in range(0, len(paths), batch_size):
        ingest_paths(database_url, [str(p) for p in paths[i : i + batch_size]], version)
    export_store(database_url, out)


# What `dossier bench` checks, as (result key, comparison, bound): README's performance targets.
TARGETS = {
    "ratio": (">=", 0.75),
    "peak_rss_mb": ("<=", 1500.0),
    "noop_fraction": ("<", 0.10),
    # Measured only when asked (--workers, --export-docs): the most workers' docs/s over one worker's, and the
    # streamed export's peak RSS at the largest corpus size over that at the smallest.
    "scaling_ratio": (">=", 1.7),
    "export_rss_growth": ("<=", 1.10),
}


def check_targets(result: dict) -> dict[str, dict]:
    """Each target that was measured, with its value and whether it passed."""
    compare = {">=": lambda v, b: v >= b, "<=": lambda v, b: v <= b, "<": lambda v, b: v < b}
    return {key: {"value": result[key], "target": f"{op} {bound:g}", "pass": compare[op](result[key], bound)}
            for key, (op, bound) in TARGETS.items() if key in result}


def run_bench(n_docs: int, corpus_folders: list[Path], batch_size: int = 16, work_dir: Path | None = None,
              workers: list[int] | None = None, export_docs: list[int] | None = None) -> dict:
    """Measure in `work_dir` (kept), or in a temporary folder that is removed afterwards, whatever happens.
    `workers`: also ingest on a local Dask cluster of each of these sizes (`scaling`); `export_docs`: also measure
    the export's memory in stores of these sizes (flows/bench_export.py)."""
    if work_dir is not None:
        return measure(n_docs, corpus_folders, batch_size, Path(work_dir), workers or [], export_docs or [])
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    try:
        return measure(n_docs, corpus_folders, batch_size, work, workers or [], export_docs or [])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def cluster_ingest_seconds(paths: list[Path], work: Path, batch_size: int, workers: int) -> float:
    """The same ingest on a local Dask cluster of `workers` processes (cluster start and model loads included:
    a run pays them). One worker runs on a cluster too: in this process the parse already forks workers of its
    own, on a cluster's daemonic workers it cannot."""
    import dask

    from flows.cluster import local_cluster_runner, warm_local_workers
    from flows.ingest import ingest_flow

    out = work / f"workers-{workers}"
    run = ingest_flow.with_options(task_runner=local_cluster_runner(workers))
    # Dask's scratch space (dask-scratch-space) inside the benchmark's folder, so that it goes with it. Workers
    # start as `dossier ingest --workers N` starts them (one worker too, which the CLI would run in-process).
    with (dask.config.set({"temporary-directory": str(work / "dask")}),
          warm_local_workers(local_cluster=True)):
        seconds, _ = timed(lambda: run(paths=[str(p) for p in paths], out=str(out),
                                       database_url=f"sqlite:///{out / 'dossier.db'}", batch_size=batch_size,
                                       verbose=False, concurrent=True))
    return seconds


def cluster_scaling(paths: list[Path], work: Path, batch_size: int,
                    workers: list[int]) -> tuple[dict[str, float], dict[str, float]]:
    """Documents per second and peak RSS by cluster size. The clusters share one local Prefect server, started
    before the timings, as `dossier ingest --workers N` does: without it every Dask worker process would start an
    ephemeral Prefect server of its own (a few seconds of CPU each, and task runs the flow's server never sees)."""
    from flows.prefect_server import prefect_api

    scaling, scaling_rss = {}, {}
    with prefect_api(work / "prefect-home"):
        for count in workers:  # each cluster's memory on its own: N workers hold N models
            cluster_memory = PeakMemory()
            with cluster_memory.watching():
                scaling[str(count)] = round(len(paths) / cluster_ingest_seconds(paths, work, batch_size, count), 2)
            scaling_rss[str(count)] = round(cluster_memory.peak_total_mb, 1)
    return scaling, scaling_rss


def measure(n_docs: int, corpus_folders: list[Path], batch_size: int, work: Path, workers: list[int] | None = None,
            export_docs: list[int] | None = None) -> dict:
    from flows.prefect_server import prefect_api

    paths = build_corpus(n_docs, corpus_folders, work / "corpus")
    texts = [read_document(p).text for p in paths]
    words = sum(len(t.split()) for t in texts)
    load_nlp()  # model load is paid once by both sides: keep it out of both timings

    # One local Prefect server for every run of the benchmark, as `dossier ingest` has (started before Prefect is
    # imported). Runs on Prefect's ephemeral server and then on a real one left this process's event client sending
    # to a server that was gone, with an error line per event. Started before timing: a long-running deployment
    # pays it once, not per run.
    with ExitStack() as server:
        startup_s, _ = timed(lambda: server.enter_context(prefect_api(work / "prefect-home")))
        from flows.ingest import ingest_flow

        memory = PeakMemory()
        with memory.watching():
            spacy_s = bare_spacy_seconds(texts, batch_size)
            ingest_flow(paths=[], out=str(work / "warmup"), database_url=f"sqlite:///{work / 'warmup.db'}",
                        verbose=False)
            db = f"sqlite:///{work / 'out' / 'dossier.db'}"
            run_args = {"paths": [str(p) for p in paths], "out": str(work / "out"), "database_url": db,
                        "batch_size": batch_size, "verbose": False}
            dossier_s, _ = timed(lambda: ingest_flow(**run_args))
            noop_s, _ = timed(lambda: ingest_flow(**run_args))
        scaling, scaling_rss = {}, {}
        if workers:
            scaling, scaling_rss = cluster_scaling(paths, work, batch_size, workers)
    stages = stage_split(paths, f"sqlite:///{work / 'stages' / 'dossier.db'}", work / "stages", batch_size)
    # Prefect's cost: the same batched work (with the same parse workers) run as plain calls, against the flow.
    plain_s, _ = timed(lambda: plain_ingest(paths, work / "plain", batch_size))
    stages["prefect_overhead"] = round(max(0.0, dossier_s - plain_s), 3)
    result = {
        "n_docs": n_docs,
        "words": words,
        "docs_per_s": round(n_docs / dossier_s, 2),
        "words_per_s": round(words / dossier_s, 1),
        "spacy_docs_per_s": round(n_docs / spacy_s, 2),
        "spacy_words_per_s": round(words / spacy_s, 1),
        "ratio": round(spacy_s / dossier_s, 3),
        "peak_rss_mb": round(memory.peak_total_mb, 1),
        "peak_rss_self_mb": round(memory.peak_self_mb, 1),
        "dossier_s": round(dossier_s, 2),
        "spacy_s": round(spacy_s, 2),
        "prefect_startup_s": round(startup_s, 2),
        "noop_reingest_s": round(noop_s, 2),
        "noop_fraction": round(noop_s / dossier_s, 3),
        "stages": stages,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }
    if scaling:
        result["scaling"] = scaling
        result["scaling_peak_rss_mb"] = scaling_rss
        if "1" in scaling and len(scaling) > 1:  # the most workers against one
            result["scaling_ratio"] = round(scaling[str(max(map(int, scaling)))] / scaling["1"], 3)
    if export_docs:
        from flows.bench_export import export_growth, export_memory

        result["export"] = export_memory(work / "out" / "dossier.db", sorted(export_docs), work)
        if (growth := export_growth(result["export"])) is not None:
            result["export_rss_growth"] = growth
    result["targets"] = check_targets(result)
    return result


def verdict(result: dict, key: str) -> str:
    check = result["targets"][key]
    return f"target {check['target']}  {'PASS' if check['pass'] else 'FAIL'}"


def format_report(result: dict) -> str:
    lines = [
        f"documents: {result['n_docs']}  words: {result['words']}",
        f"bare spaCy:  {result['spacy_docs_per_s']:8.2f} docs/s  {result['spacy_words_per_s']:10.1f} words/s",
        f"dossier:     {result['docs_per_s']:8.2f} docs/s  {result['words_per_s']:10.1f} words/s",
        f"ratio (dossier / spaCy words/s): {result['ratio']:.3f}   {verdict(result, 'ratio')}",
        f"peak RSS: {result['peak_rss_mb']:.0f} MB with children ({result['peak_rss_self_mb']:.0f} MB dossier itself)"
        f"   {verdict(result, 'peak_rss_mb')}",
        f"no-op re-ingest: {result['noop_reingest_s']:.2f} s = {result['noop_fraction']:.1%} of the first ingest"
        f"   {verdict(result, 'noop_fraction')}",
        f"Prefect server startup (not in the timings): {result['prefect_startup_s']:.1f} s",
        "stages (s, each timed alone in one process; the run itself parses in worker processes meanwhile): "
        + ", ".join(f"{k} {v:.2f}" for k, v in result["stages"].items()),
    ]
    if "scaling" in result:
        lines.append("docs/s by Dask workers: " + ", ".join(
            f"{w}: {v:.2f} ({result['scaling_peak_rss_mb'][w]:.0f} MB peak)" for w, v in result["scaling"].items())
            + (f"   {verdict(result, 'scaling_ratio')}" if "scaling_ratio" in result else ""))
    for measured in result.get("export", {}).values():
        streamed, whole = measured["streamed"], measured["whole_table"]
        lines.append(f"export of {measured['docs']} stored documents: streamed {streamed['peak_rss_mb']:.0f} MB peak "
                     f"in {streamed['seconds']:.1f} s; every row in memory {whole['peak_rss_mb']:.0f} MB in "
                     f"{whole['seconds']:.1f} s")
    if "export_rss_growth" in result:
        lines.append(f"streamed export peak RSS, largest over smallest store: {result['export_rss_growth']:.3f}   "
                     f"{verdict(result, 'export_rss_growth')}")
    return "\n".join(lines)


def write_json(result: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2))
