from pathlib import Path

import pandas as pd

from flows.export import write_datasets
from schema import CORPUS_DATASETS, DATASETS


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
