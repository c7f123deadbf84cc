"""Helpers shared by the review tests: a real store built by the real pipeline, and the real server on loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from extractors.document import Document, RawTable, content_id
from flows.export import write_datasets
from flows.pipeline_run import current_pipeline_version, extract_and_store, ingest_paths, store_for
from review.serving import free_port, serving
from store.database import export_rows

running_server = serving  # the tests' name for it
__all__ = ["free_port", "running_server"]

# A PDF-like brief written for these tests (not a seed): two pages and a table on page 2 whose text sits in place.
TABLE_BRIEF_PAGE_1 = (
    "Tanks for Ukraine: who delivered what\n\n"
    "On 12 March 2024 the Polish government said it had delivered 250 tanks to Ukraine since 2022, "
    "according to the Ministry of National Defence.\n"
)
TABLE_BRIEF_TABLE = "Country Tanks Share\nPoland 250 12%\nGermany 18 0.9%\nSpain 10 0.5%\n"
TABLE_BRIEF_PAGE_2_TAIL = (
    "\nSpain promised more armour in April 2024, and Germany said it would send 10 more; "
    "the tank coalition welcomed both.\n"
)


def table_brief() -> Document:
    text = TABLE_BRIEF_PAGE_1 + TABLE_BRIEF_TABLE + TABLE_BRIEF_PAGE_2_TAIL
    page_break = len(TABLE_BRIEF_PAGE_1)
    table_start = page_break
    table_end = table_start + len(TABLE_BRIEF_TABLE)
    rows = [line.split(" ") for line in TABLE_BRIEF_TABLE.strip().split("\n")]
    return Document(
        doc_id=content_id(text.encode()), source="briefs/tanks-for-ukraine.pdf", format="pdf", text=text,
        title="Tanks for Ukraine: who delivered what", publisher="Example Institute", published="2024-04-15",
        pages=[(1, 0, page_break), (2, page_break, len(text))],
        raw_tables=[RawTable(rows=rows, caption="Deliveries by country", page=2, start=table_start, end=table_end)],
    )


def build_store(out: Path, corpus: Path, with_table_brief: bool = True) -> str:
    """Ingest the corpus (plus an empty file that fails to read) with the real pipeline and export, as `ingest` does."""
    out.mkdir(parents=True, exist_ok=True)
    empty = out / "inbox" / "empty.txt"
    empty.parent.mkdir(exist_ok=True)
    empty.write_text("")
    url = f"sqlite:///{out / 'dossier.db'}"
    version = current_pipeline_version()
    ingest_paths(url, [*sorted(str(p) for p in corpus.glob("*.txt")), str(empty)], version)
    engine = store_for(url)
    if with_table_brief:
        extract_and_store(engine, [table_brief()], version)
    write_datasets(out, export_rows(engine))
    with engine.begin() as conn:
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return url


def copy_store(template: Path, out: Path) -> str:
    """A fresh copy of a built store (database and exports), so each test starts from the same state."""
    shutil.copytree(template, out, dirs_exist_ok=True)
    return f"sqlite:///{out / 'dossier.db'}"
