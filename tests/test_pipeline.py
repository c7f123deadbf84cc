"""extractors.pipeline: one extractor's exception costs only its own dataset; the document is stored `partial`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import extractors.pipeline as pipeline
from extractors.pipeline import StageRunner, no_timer
from flows.pipeline_run import current_pipeline_version, export_store, ingest_paths, reextract_stored

ARTICLE = (
    "NATO defence ministers met in Brussels on 14 February 2024. Germany pledged EUR 7 billion in military aid, "
    "the Kiel Institute said. Japan may add $4.5 billion next year.\n"
)


def test_pipeline_stage_runner_returns_fallback_and_names_the_stage() -> None:
    stages = StageRunner(no_timer)
    assert stages.run("figures", lambda text: int(text), "not a number", fallback=[]) == []
    assert stages.run("dates", lambda text: text.upper(), "ok", fallback="") == "OK"
    assert len(stages.errors) == 1
    assert stages.errors[0].startswith("figures: ValueError: invalid literal for int()")
    assert "\n" not in stages.errors[0]


def raise_type_error(*_args: object) -> list:
    raise TypeError("'<' not supported between instances of 'Person' and 'Person'")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "aid.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_pipeline_failing_extractor_leaves_document_partial_with_other_datasets(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    version = current_pipeline_version()
    with monkeypatch.context() as patch:  # a fault injected into one real extractor
        patch.setattr(pipeline, "extract_figures", raise_type_error)
        outcomes = ingest_paths(database_url, [str(article)], version)
    assert [o.status for o in outcomes] == ["partial"]
    assert outcomes[0].error.startswith("extraction failed: figures: TypeError: '<' not supported")
    export_store(database_url, tmp_path / "out")
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents["status"].tolist() == ["partial"]
    assert "figures: TypeError" in documents["error"].iloc[0]
    actors = pd.read_parquet(tmp_path / "out" / "actors.parquet")
    dates = pd.read_parquet(tmp_path / "out" / "dates.parquet")
    assert {"DEU", "JPN"} <= set(actors["iso3"].dropna())
    assert "2024-02-14" in set(dates["value"])
    assert not (tmp_path / "out" / "figures.parquet").exists() or pd.read_parquet(
        tmp_path / "out" / "figures.parquet").empty

    # Reprocessing with the extractor mended clears the partial state and fills the missing dataset.
    outcomes = reextract_stored(database_url, [outcomes[0].doc_id], version)
    assert [o.status for o in outcomes] == ["ok"]
    export_store(database_url, tmp_path / "out")
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet")["error"].isna().all()
    assert 7e9 in set(pd.read_parquet(tmp_path / "out" / "figures.parquet")["value"])
