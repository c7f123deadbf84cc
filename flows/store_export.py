"""The store to the export files, a slice of documents at a time: what `dossier ingest`, `dossier export`, and the
review page's exports all run. The database sorts and pages; no step holds more than one slice of the corpus."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.engine import Engine

from flows.export import EXPORT_STATE, atomic_write, write_export
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
    store_fingerprint,
)

ROOT = Path(__file__).resolve().parents[1]
# The code an export runs: the export itself, the corpus views, the facts, the schema and the store's reads.
EXPORT_CODE = ("flows/export.py", "flows/store_export.py", "flows/dataset_files.py", "flows/corpus_views.py",
               "flows/facts.py", "schema", "store")


def store_slices(engine: Engine, size: int) -> Iterator[tuple[dict[str, list[dict]], dict[str, str]]]:
    """The reviewed rows of `size` documents at a time, in doc_id order, with each document's source."""
    for doc_ids in doc_id_pages(engine, size):
        yield reviewed_rows(engine, doc_ids), document_sources(engine, doc_ids)


def wants_parts(engine: Engine, settings: Settings) -> bool:
    return settings.export_partition_rows > 0 and extraction_count(engine) > settings.export_partition_rows


def export_code_version() -> str:
    """Changes with the code that turns the store into the export files: an export made by other code is not
    current, whatever the store holds."""
    digest = hashlib.sha256()
    for folder in EXPORT_CODE:
        for path in sorted((ROOT / folder).glob("*.py")) if (ROOT / folder).is_dir() else [ROOT / folder]:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def export_stamp(engine: Engine, partitioned: bool) -> dict:
    return {"store": store_fingerprint(engine), "code": export_code_version(), "partitioned": partitioned}


def current_export(out: Path, stamp: dict) -> tuple[dict[str, int], dict[str, int]] | None:
    """(rows, dropped) of the export in `out` when it was made, whole, from a store in the state `stamp` describes
    and all its files are still there; else None."""
    try:
        state = json.loads((out / EXPORT_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("stamp") != stamp:
        return None
    if not all((out / f"{name}.{ext}").exists() for name in EXPORTED for ext in ("csv", "parquet")):
        return None
    return state["rows"], state["dropped"]


def export_engine(engine: Engine, out: Path, partitioned: bool | None = None, settings: Settings | None = None,
                  names: tuple[str, ...] = EXPORTED, reuse_current: bool = False,
                  ) -> tuple[dict[str, int], dict[str, int]]:
    """Rows per exported dataset, and what the export left out or flagged, by reason. `partitioned`: Parquet as
    folders of part files (None: when the store holds more rows than settings.export_partition_rows). `names`:
    only these datasets (the review page's download of one). `reuse_current`: leave the files as they are when the
    last complete export in `out` was made from the store as it is now (a re-ingest that stored nothing)."""
    settings = settings or load_settings()
    parts = wants_parts(engine, settings) if partitioned is None else partitioned
    size = max(1, settings.export_slice_docs)
    copies: dict[str, str] = {}
    # Taken before the export reads the store: a change made while it runs leaves the recorded stamp behind.
    stamp = export_stamp(engine, parts)
    if reuse_current and names == EXPORTED and (current := current_export(Path(out), stamp)) is not None:
        return current

    def documents() -> Iterator[list[dict]]:
        # Called with the export lock held: its scratch file in `out` is safe from another export's clean-up.
        copies.update(duplicate_map(engine, folder=Path(out)))
        return document_pages(engine, size, copies)

    def dropped() -> dict[str, int]:
        return {"rows rejected in review (left out)": rejected_count(engine),
                "near-duplicate documents (flagged duplicate_of; left out of the sql views)": len(copies)}

    def record(rows: dict[str, int]) -> None:
        if names == EXPORTED:
            state = {"stamp": stamp, "rows": rows, "dropped": dropped()}
            atomic_write(Path(out) / EXPORT_STATE, lambda path: path.write_text(json.dumps(state), encoding="utf-8"))

    counts = write_export(Path(out), store_slices(engine, size), documents, partitioned=parts,
                          part_rows=settings.export_part_rows, names=names, on_commit=record)
    return counts, dropped()
