"""The store to the export files, a slice of documents at a time: what `dossier ingest`, `dossier export`, and the
review page's exports all run. The database sorts and pages; no step holds more than one slice of the corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Engine

from flows.export import write_export
from flows.settings import Settings, load_settings
from schema import EXPORTED
from store.database import (
    doc_id_pages,
    document_pages,
    document_sources,
    duplicate_map,
    extraction_count,
    rejected_count,
    reviewed_rows,
)


def store_slices(engine: Engine, size: int) -> Iterator[tuple[dict[str, list[dict]], dict[str, str]]]:
    """The reviewed rows of `size` documents at a time, in doc_id order, with each document's source."""
    for doc_ids in doc_id_pages(engine, size):
        yield reviewed_rows(engine, doc_ids), document_sources(engine, doc_ids)


def wants_parts(engine: Engine, settings: Settings) -> bool:
    return settings.export_partition_rows > 0 and extraction_count(engine) > settings.export_partition_rows


def export_engine(engine: Engine, out: Path, partitioned: bool | None = None, settings: Settings | None = None,
                  names: tuple[str, ...] = EXPORTED) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per exported dataset, and what the export left out or flagged, by reason. `partitioned`: Parquet as
    folders of part files (None: when the store holds more rows than settings.export_partition_rows). `names`:
    only these datasets (the review page's download of one)."""
    settings = settings or load_settings()
    parts = wants_parts(engine, settings) if partitioned is None else partitioned
    size = max(1, settings.export_slice_docs)
    copies: dict[str, str] = {}

    def documents() -> Iterator[list[dict]]:
        # Called with the export lock held: its scratch file in `out` is safe from another export's clean-up.
        copies.update(duplicate_map(engine, folder=Path(out)))
        return document_pages(engine, size, copies)

    counts = write_export(Path(out), store_slices(engine, size), documents, partitioned=parts,
                          part_rows=settings.export_part_rows, names=names)
    dropped = {"rows rejected in review (left out)": rejected_count(engine),
               "near-duplicate documents (flagged duplicate_of; left out of the sql views)": len(copies)}
    return counts, dropped
