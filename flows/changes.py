"""What changed on disk since the last ingest. Cheap on purpose - hashes, no parsing, no spaCy - because the
scheduled watch runs it every few seconds."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from extractors.readers import display_name, file_doc_id
from store.database import open_store, source_links, stored_doc_ids


def file_content_id(path: Path) -> str:
    """The doc_id read_document gives this file, from its bytes alone (a FIFO or device is never opened)."""
    return file_doc_id(path)


def changed_files(database_url: str, paths: Iterable[str]) -> list[str]:
    """Files that are new, or whose content differs from what was stored for them."""
    engine = open_store(database_url)
    try:
        links, stored = source_links(engine), stored_doc_ids(engine)
    finally:
        engine.dispose()
    return [str(p) for p in paths
            if (doc_id := file_content_id(Path(p))) not in stored or links.get(display_name(p)) != doc_id]
