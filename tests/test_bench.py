"""The benchmark's shape on a tiny corpus. Speed targets are checked by `dossier bench`, never by tests."""

import json
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from flows.bench import build_corpus, check_targets, format_report, run_bench
from flows.bench_export import grow_store
from flows.pipeline_run import current_pipeline_version, ingest_paths
from flows.settings import Settings
from flows.store_export import export_engine
from store.database import open_existing_store

KEYS = {"docs_per_s", "words_per_s", "spacy_words_per_s", "ratio", "peak_rss_mb", "stages", "noop_reingest_s"}


def test_bench_corpus_is_distinct_real_paragraphs(tmp_path: Path, corpus_dir: Path) -> None:
    paths = build_corpus(12, [corpus_dir], tmp_path)
    texts = [p.read_text() for p in paths]
    assert len(set(texts)) == 12
    source = "\n".join(p.read_text() for p in corpus_dir.glob("*.txt"))
    assert all(paragraph in source for text in texts for paragraph in text.split("\n\n"))


@pytest.mark.slow
def test_bench_reports_every_figure_and_stage_then_removes_its_folder(prefect_harness, tmp_path: Path,
                                                                       corpus_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where run_bench makes its temporary folder
    result = run_bench(4, [corpus_dir], batch_size=2, workers=[1, 2], export_docs=[4, 10])
    assert KEYS <= set(result)
    assert set(result["scaling"]) == {"1", "2"} and all(v > 0 for v in result["scaling"].values())
    assert set(result["scaling_peak_rss_mb"]) == {"1", "2"}
    assert result["scaling_ratio"] == round(result["scaling"]["2"] / result["scaling"]["1"], 3)
    assert [result["export"][n]["docs"] for n in ("4", "10")] == [4, 10]
    assert all(result["export"][n][how]["peak_rss_mb"] > 50 for n in ("4", "10") for how in ("streamed",
                                                                                             "whole_table"))
    assert {"scaling_ratio", "export_rss_growth"} <= set(result["targets"])
    assert {"read", "parse", "actors", "dates", "figures", "claims", "tables", "store", "export",
            "prefect_overhead"} <= set(result["stages"])
    assert result["peak_rss_mb"] > 100  # the spaCy model alone is larger than this
    # corpus, store and outputs removed; the Prefect server's port lock stays in the temporary folder by design
    # (flows.prefect_server.claim_port: removing a lock file others may hold would race)
    assert [p for p in tmp_path.iterdir() if not p.name.startswith("dossier-prefect-")] == []
    report = format_report(result)
    assert len(re.findall(r"target .* (PASS|FAIL)$", report, flags=re.M)) == 5


def test_bench_grows_a_store_with_copies_of_real_rows_under_new_ids(tmp_path: Path, corpus_dir: Path) -> None:
    """The export benchmark's larger stores: every copy is a document of its own (new doc_id, ids, source) that the
    export writes like any other, and no copy is a near-duplicate of another."""
    url = f"sqlite:///{tmp_path / 'seed' / 'dossier.db'}"
    articles = sorted(corpus_dir.glob("*.txt"))[:2]
    ingest_paths(url, [str(p) for p in articles], current_pipeline_version())
    assert grow_store(tmp_path / "seed" / "dossier.db", tmp_path / "grown" / "dossier.db", 7) == 7
    seed, grown = open_existing_store(url), open_existing_store(f"sqlite:///{tmp_path / 'grown' / 'dossier.db'}")
    counts, dropped = export_engine(grown, tmp_path / "out", settings=Settings(export_slice_docs=3))
    seed_counts, _ = export_engine(seed, tmp_path / "seed-out")
    assert counts["documents"] == 7 and dropped["near-duplicate documents (flagged duplicate_of; left out of the "
                                               "sql views)"] == 0
    per_doc = pd.read_parquet(tmp_path / "seed-out" / "mentions.parquet").groupby("doc_id").size().sort_values()
    mentions = pd.read_parquet(tmp_path / "out" / "mentions.parquet")
    assert mentions["id"].is_unique and mentions["doc_id"].nunique() == 7
    assert set(mentions.groupby("doc_id").size()) <= set(per_doc)  # each a copy of one seed document
    assert len(mentions) > 3 * seed_counts["mentions"]  # 7 documents: three copies of both seeds and one more


def test_bench_targets_pass_or_fail_at_their_bounds() -> None:
    base = {"ratio": 0.75, "peak_rss_mb": 1500.0, "noop_fraction": 0.099}
    assert all(check["pass"] for check in check_targets(base).values())
    worse = check_targets({"ratio": 0.74, "peak_rss_mb": 1500.1, "noop_fraction": 0.10})
    assert not any(check["pass"] for check in worse.values())
    assert worse["ratio"]["target"] == ">= 0.75"


def test_bench_length_measures_a_short_and_a_long_document_of_real_prose(tmp_path: Path, corpus_dir: Path,
                                                                         monkeypatch) -> None:
    from flows.length_bench import format_length_report, long_document, run_length_bench, write_length_json

    text = long_document(20_000, [corpus_dir])
    assert len(text) >= 20_000
    source = "\n".join(p.read_text() for p in corpus_dir.glob("*.txt"))
    assert all(paragraph in source for paragraph in text.strip().split("\n\n"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run_length_bench([corpus_dir], short_chars=2_000, long_chars=8_000, short_runs=1)
    assert result["long"]["words"] > 3 * result["short"]["words"]
    assert {"seconds_per_word_us", "cpu_seconds_per_word_us", "peak_rss_mb"} <= set(result["long"])
    assert set(result["targets"]) == {"seconds_per_word_ratio", "long_peak_rss_mb"}
    assert list(tmp_path.iterdir()) == []  # documents and stores removed
    assert len(re.findall(r"target .* (PASS|FAIL)$", format_length_report(result), flags=re.M)) == 2
    bench_json = tmp_path / "bench.json"
    bench_json.write_text('{"ratio": 1.1}')
    write_length_json(result, bench_json)
    assert json.loads(bench_json.read_text()) == {"ratio": 1.1, "length": result}


@pytest.mark.slow
def test_bench_corpus_runs_dossier_ingest_per_size_and_stores_every_document(tmp_path: Path, corpus_dir: Path,
                                                                             monkeypatch) -> None:
    from flows.corpus_bench import format_corpus_report, run_corpus_bench, write_corpus_json

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = run_corpus_bench([6, 3], [corpus_dir])
    assert [run["docs"] for run in result["runs"]] == [3, 6]  # smallest first: growth is largest over smallest
    assert [run["stored_ok"] for run in result["runs"]] == [3, 6]
    # the model alone is larger than 100 MB: the sampling saw the whole command, not an empty shell
    assert all(run["peak_rss_mb"] > 100 and run["docs_per_s"] > 0 for run in result["runs"])
    growth = result["targets"]["ingest_rss_growth"]
    assert growth["value"] == round(result["runs"][1]["peak_rss_mb"] / result["runs"][0]["peak_rss_mb"], 3)
    assert list(tmp_path.iterdir()) == []  # corpora, stores and Prefect homes removed
    assert len(re.findall(r"target .* (PASS|FAIL)$", format_corpus_report(result), flags=re.M)) == 1
    bench_json = tmp_path / "bench.json"
    bench_json.write_text('{"ratio": 1.1}')
    write_corpus_json(result, bench_json)
    assert json.loads(bench_json.read_text()) == {"ratio": 1.1, "corpus": result}
