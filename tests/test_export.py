import stat
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from sqlalchemy.engine import Engine

from flows.dataset_files import CREATED_FILE_MODE
from flows.export import EXPORT_STATE, write_datasets
from flows.settings import Settings
from flows.store_export import export_engine
from schema import CORPUS_DATASETS, DATASETS, EXPORTED
from store.database import export_rows


def test_export_writes_every_dataset_with_contract_columns_even_when_empty(tmp_path: Path) -> None:
    counts = write_datasets(tmp_path, {"documents": []})
    assert set(counts) == set(DATASETS) | set(CORPUS_DATASETS)
    figures = pd.read_parquet(tmp_path / "figures.parquet")
    assert {"figure_id", "value", "unit", "qualifier", "per", "item", "actor_id", "counterpart_actor_id", "period",
            "claim_id", "confidence", "id", "reviewed"} <= set(figures)
    facts = pd.read_parquet(tmp_path / "facts.parquet")
    assert {"fact_id", "actor_id", "item", "counterpart_actor_id", "period", "value", "unit", "doc_ids", "claim_ids",
            "speakers", "hedged", "conflict", "n_sources"} <= set(facts)
    assert {"actor_id", "name", "kind", "doc_ids"} <= set(pd.read_parquet(tmp_path / "corpus_actors.parquet"))
    assert list(pd.read_csv(tmp_path / "claims.csv").columns)[:3] == ["id", "doc_id", "claim_id"]


def test_export_lists_are_lists_in_parquet_and_joined_in_csv(tmp_path: Path) -> None:
    claim = {"id": "cla-1", "doc_id": "d", "claim_id": "cla-1", "text": "x", "start": 0, "end": 1, "speaker": None,
             "speaker_actor_id": None, "hedged": False, "actor_ids": ["country:UKR", "organization:nato"],
             "figure_ids": [], "date_values": ["2024"], "reviewed": False}
    write_datasets(tmp_path, {"claims": [claim]})
    assert list(pd.read_parquet(tmp_path / "claims.parquet")["actor_ids"][0]) == ["country:UKR", "organization:nato"]
    assert pd.read_csv(tmp_path / "claims.csv")["actor_ids"][0] == "country:UKR; organization:nato"


def test_export_table_csv_has_header_first_and_stale_tables_go(tmp_path: Path) -> None:
    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "gone-1.csv").write_text("old")
    info = {"table_id": "d-1", "columns": ["Country", "Total"]}
    cells = [{"id": f"t{i}", "doc_id": "d", "table_id": "d-1", "row": r, "col": c, "header": ["Country", "Total"][c],
              "text": t, "value": None} for i, (r, c, t) in enumerate([(0, 0, "Japan"), (0, 1, "9.01"),
                                                                       (1, 0, "Poland"), (1, 1, "4.52")])]
    write_datasets(tmp_path, {"table_info": [info], "tables": cells})
    assert (tmp_path / "tables" / "d-1.csv").read_text().splitlines() == ["Country,Total", "Japan,9.01",
                                                                            "Poland,4.52"]
    assert not (tmp_path / "tables" / "gone-1.csv").exists()


def test_export_writes_documents_parquet_last(tmp_path: Path, monkeypatch) -> None:
    """Regression: a watcher polling documents.parquet read claims.parquet before it was written."""
    import os

    import flows.export

    finished: list[str] = []
    real_replace = os.replace

    def recording_replace(src: str, dst: Path) -> None:
        real_replace(src, dst)
        finished.append(Path(dst).name)

    monkeypatch.setattr(flows.export.os, "replace", recording_replace)
    write_datasets(tmp_path, {"documents": []})
    assert finished[-1] == "documents.parquet"
    assert {f"{name}.parquet" for name in DATASETS} <= set(finished)


# --- the streaming export against the whole-table one, on a real ingested store ------------------------------------


@pytest.fixture(scope="module")
def reviewed_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Engine:
    """corpus/ ingested (real spaCy), with verdicts that reach across datasets: a rejected actor (its mentions go,
    claims lose it), an edited date (claims' date_values follow) and a rejected figure."""
    from flows.pipeline_run import current_pipeline_version, ingest_paths, store_for
    from review.repository import record_verdict

    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'dossier.db'}"
    ingest_paths(url, [str(p) for p in sorted(corpus_dir.glob("*.txt"))], current_pipeline_version())
    engine = store_for(url)
    rows = export_rows(engine)
    actor = next(a for a in rows["actors"] if a["mentions"] > 1)
    record_verdict(engine, actor["id"], "reject", {})
    date = next(d for d in rows["dates"] if d.get("value"))
    record_verdict(engine, date["id"], "edit", {"value": "1999-01-01"})
    record_verdict(engine, rows["figures"][0]["id"], "reject", {})
    return engine


def parquet_rows(path: Path) -> list[dict]:
    return ds.dataset(path, format="parquet").to_table().to_pylist()


def test_streaming_export_equals_the_whole_table_export(reviewed_store: Engine, tmp_path: Path) -> None:
    """A slice of one document at a time (so every dataset is written in several row groups, and facts and corpus
    actors gather statements across slices) gives the very files the export of every row at once gives."""
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    expected = write_datasets(whole, export_rows(reviewed_store))
    counts, dropped = export_engine(reviewed_store, streamed, partitioned=False,
                                    settings=Settings(export_slice_docs=1))
    assert counts == expected and counts["documents"] == 4 and counts["facts"] > 0
    assert dropped["rows rejected in review (left out)"] == 2
    for name in EXPORTED:
        assert (streamed / f"{name}.csv").read_bytes() == (whole / f"{name}.csv").read_bytes(), name
        assert parquet_rows(streamed / f"{name}.parquet") == parquet_rows(whole / f"{name}.parquet"), name
    assert pq.ParquetFile(streamed / "mentions.parquet").metadata.num_row_groups == 4  # a group per document
    assert sorted(p.name for p in (streamed / "tables").glob("*.csv")) == sorted(
        p.name for p in (whole / "tables").glob("*.csv"))
    leftovers = [p for p in streamed.iterdir() if p.name.startswith(".")]
    assert sorted(p.name for p in leftovers) == sorted([".export.lock", EXPORT_STATE])  # no temporaries left


def test_partitioned_dataset_reads_back_as_the_single_file(reviewed_store: Engine, tmp_path: Path) -> None:
    import duckdb

    single, parts = tmp_path / "single", tmp_path / "parts"
    export_engine(reviewed_store, single, partitioned=False, settings=Settings(export_slice_docs=1))
    export_engine(reviewed_store, parts, partitioned=True, settings=Settings(export_slice_docs=1,
                                                                             export_part_rows=40))
    for name in EXPORTED:
        folder = parts / f"{name}.parquet"
        assert folder.is_dir() and folder.is_symlink(), name
        expected = pd.read_parquet(single / f"{name}.parquet")
        pd.testing.assert_frame_equal(pd.read_parquet(folder), expected)
        assert parquet_rows(folder) == parquet_rows(single / f"{name}.parquet")
        in_duckdb = duckdb.sql(f"SELECT count(*) FROM read_parquet('{folder}/*.parquet')").fetchall()[0][0]
        assert in_duckdb == len(expected)
        assert (parts / f"{name}.csv").read_bytes() == (single / f"{name}.csv").read_bytes()
    assert len(list((parts / "mentions.parquet").iterdir())) > 1
    part_modes = {stat.S_IMODE(p.stat().st_mode) for p in (parts / "mentions.parquet").iterdir()}
    assert part_modes == {CREATED_FILE_MODE}
    # Back to one file: the link gives way to the file, and the part folders go.
    export_engine(reviewed_store, parts, partitioned=False)
    assert (parts / "mentions.parquet").is_file() and not (parts / "mentions.parquet").is_symlink()
    assert not list(parts.glob(".mentions.parts.*"))
    pd.testing.assert_frame_equal(pd.read_parquet(parts / "mentions.parquet"),
                                  pd.read_parquet(single / "mentions.parquet"))


@pytest.fixture
def postgres_url() -> Iterator[str]:
    from tests.postgres_support import fresh_postgres_database

    yield from fresh_postgres_database()


def test_streaming_export_from_postgresql_equals_the_one_from_sqlite(reviewed_store: Engine, postgres_url: str,
                                                                     tmp_path: Path) -> None:
    """The same stored rows in PostgreSQL (server-side cursors, its own collation) export to the same files."""
    from store.database import metadata, open_store

    engine = open_store(postgres_url)
    with reviewed_store.connect() as source, engine.begin() as target:
        for table in metadata.sorted_tables:
            rows = [dict(r._mapping) for r in source.execute(table.select())]
            if rows:
                target.execute(table.insert(), rows)
    export_engine(reviewed_store, tmp_path / "sqlite", partitioned=False, settings=Settings(export_slice_docs=2))
    export_engine(engine, tmp_path / "postgres", partitioned=False, settings=Settings(export_slice_docs=2))
    engine.dispose()
    for name in EXPORTED:
        expected = (tmp_path / "sqlite" / f"{name}.csv").read_bytes()
        assert (tmp_path / "postgres" / f"{name}.csv").read_bytes() == expected, name
