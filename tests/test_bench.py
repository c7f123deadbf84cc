"""The benchmark's shape on a tiny corpus. Speed targets are checked by `dossier bench`, never by tests."""

import json
import re
import tempfile
from pathlib import Path

import pytest

from flows.bench import build_corpus, check_targets, format_report, run_bench

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
    result = run_bench(4, [corpus_dir], batch_size=2)
    assert KEYS <= set(result)
    assert {"read", "parse", "actors", "dates", "figures", "claims", "tables", "store", "export",
            "prefect_overhead"} <= set(result["stages"])
    assert result["peak_rss_mb"] > 100  # the spaCy model alone is larger than this
    assert list(tmp_path.iterdir()) == []  # corpus, store and outputs removed
    report = format_report(result)
    assert len(re.findall(r"target .* (PASS|FAIL)$", report, flags=re.M)) == 3


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
