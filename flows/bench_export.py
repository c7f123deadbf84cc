"""The export's memory at two corpus sizes: `dossier bench --export-docs 500 5000`.

Extracting thousands of documents to measure an export would take most of an hour, so the larger stores are grown
from a real one: every stored document (with its extractions and text sketch) is copied under new doc_ids and ids
until the store holds N documents. The copies' sketches are salted so that they are not near-duplicates of each
other (which would only shrink what the export writes). Each export runs in a fresh child process whose peak RSS
is its own, once streamed (`dossier export`) and once the way exports were made before: every row in memory.
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from hashlib import blake2b
from pathlib import Path

from sqlalchemy import insert, select

from store.database import documents, extractions, open_store, sketches

# An extraction id: three letters of its dataset, a dash and 14 hex digits (schema.extraction_id).
EXTRACTION_ID = re.compile(r"\b[a-z]{3}-[0-9a-f]{14}\b")
MASK_63 = 2**63 - 1


def new_id(old: str, copy: int) -> str:
    return old[:4] + blake2b(f"{old}:{copy}".encode(), digest_size=7).hexdigest()


def new_doc_id(old: str, copy: int) -> str:
    return blake2b(f"{old}:{copy}".encode(), digest_size=16).hexdigest()


def salted(sketch: dict, copy: int) -> dict:
    salt = int.from_bytes(blake2b(f"copy {copy}".encode(), digest_size=8).digest(), "big") & MASK_63
    return {"n": sketch["n"], "min": sorted((h ^ salt) & MASK_63 for h in sketch["min"])}


def copy_document(conn, doc: dict, rows: list, sketch: dict | None, copy: int) -> None:  # noqa: ANN001 - Connection
    doc_id = new_doc_id(doc["doc_id"], copy)
    conn.execute(insert(documents), [{**doc, "doc_id": doc_id, "source": f"{doc['source']}#copy{copy}"}])
    copied = []
    for row in rows:
        text = json.dumps(row.data).replace(doc["doc_id"], doc_id)
        text = EXTRACTION_ID.sub(lambda m: new_id(m.group(0), copy), text)
        copied.append({"id": new_id(row.id, copy), "doc_id": doc_id, "dataset": row.dataset, "start": row.start,
                       "end": row.end, "data": json.loads(text)})
    if copied:
        conn.execute(insert(extractions), copied)
    if sketch is not None:
        conn.execute(insert(sketches), [{"doc_id": doc_id, "sketch": salted(sketch, copy)}])


def grow_store(seed: Path, target: Path, n_docs: int) -> int:
    """A copy of the SQLite store `seed` grown to `n_docs` documents; returns how many it holds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(seed) as source, sqlite3.connect(target) as copy_to:
        source.backup(copy_to)  # with what the seed's write-ahead log still holds
    engine = open_store(f"sqlite:///{target}")
    with engine.connect() as conn:
        seeds = [dict(r._mapping) for r in conn.execute(select(documents).order_by(documents.c.doc_id))]
    stored, copy = len(seeds), 0
    while stored < n_docs and seeds:
        copy += 1
        for doc in seeds[: n_docs - stored]:
            with engine.begin() as conn:
                rows = conn.execute(select(extractions).where(extractions.c.doc_id == doc["doc_id"])).all()
                sketch = conn.execute(select(sketches.c.sketch).where(sketches.c.doc_id == doc["doc_id"])).scalar()
                copy_document(conn, doc, rows, sketch, copy)
            stored += 1
    engine.dispose()
    return stored


def export_child(database_url: str, out: str, whole_table: bool) -> None:
    """Run in a fresh process: one export, then its own peak RSS and seconds as JSON on stdout."""
    from store.database import open_existing_store

    engine = open_existing_store(database_url)
    start = time.perf_counter()
    if whole_table:
        from flows.export import write_datasets
        from store.database import export_rows

        write_datasets(Path(out), export_rows(engine))
    else:
        from flows.store_export import export_engine

        export_engine(engine, Path(out))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak_rss_mb(), 1)}))


def peak_rss_mb() -> float:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a child
    of the benchmark (which holds the spaCy model) would report the benchmark's size; VmHWM is the new image's."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_export(database_url: str, out: Path, whole_table: bool) -> dict:
    code = (f"from flows.bench_export import export_child; "
            f"export_child({database_url!r}, {str(out)!r}, {whole_table!r})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    return json.loads(done.stdout.strip().splitlines()[-1])


def export_memory(seed: Path, sizes: list[int], work: Path) -> dict:
    """Per corpus size: the streamed export's and the whole-table export's seconds and peak RSS."""
    results = {}
    for n_docs in sizes:
        store = work / f"export-{n_docs}" / "dossier.db"
        stored = grow_store(seed, store, n_docs)
        url = f"sqlite:///{store}"
        results[str(n_docs)] = {
            "docs": stored,
            "streamed": measure_export(url, store.parent / "streamed", whole_table=False),
            "whole_table": measure_export(url, store.parent / "whole", whole_table=True),
        }
        shutil.rmtree(store.parent, ignore_errors=True)
    return results


def export_growth(results: dict) -> float | None:
    """Peak RSS of the streamed export at the largest size over that at the smallest."""
    if len(results) < 2:
        return None
    by_size = sorted(results.items(), key=lambda item: int(item[0]))
    return round(by_size[-1][1]["streamed"]["peak_rss_mb"] / by_size[0][1]["streamed"]["peak_rss_mb"], 3)
