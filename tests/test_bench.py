"""The benchmark's shape on a tiny corpus. Speed targets are checked by `dossier bench`, never by tests."""

from pathlib import Path

from flows.bench import build_corpus, format_report, run_bench

KEYS = {"docs_per_s", "words_per_s", "spacy_words_per_s", "ratio", "peak_rss_mb", "stages", "noop_reingest_s"}


def test_bench_corpus_is_distinct_real_paragraphs(tmp_path: Path, corpus_dir: Path) -> None:
    paths = build_corpus(12, [corpus_dir], tmp_path)
    texts = [p.read_text() for p in paths]
    assert len(set(texts)) == 12
    source = "\n".join(p.read_text() for p in corpus_dir.glob("*.txt"))
    assert all(paragraph in source for text in texts for paragraph in text.split("\n\n"))


def test_bench_reports_every_figure_and_stage(prefect_harness, tmp_path: Path, corpus_dir: Path) -> None:
    result = run_bench(4, [corpus_dir], batch_size=2, work_dir=tmp_path)
    assert KEYS <= set(result)
    assert {"read", "parse", "actors", "dates", "figures", "claims", "tables", "store", "export",
            "prefect_overhead"} <= set(result["stages"])
    assert result["peak_rss_mb"] > 100  # the spaCy model alone is larger than this
    assert (tmp_path / "out" / "documents.parquet").exists()
    assert "ratio" in format_report(result)
