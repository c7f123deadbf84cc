"""Contract rows to files: Parquet + CSV per dataset and one CSV per table, written atomically and a slice of
documents at a time, so that memory stays flat in corpus size. Parquet is one file per dataset, or (partitioned) a
folder of part files that pandas, pyarrow.dataset and DuckDB read as one table (flows/dataset_files.py)."""

from __future__ import annotations

import fcntl
import gc
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa

from flows.corpus_views import CorpusViews
from flows.dataset_files import CREATED_FILE_MODE, DatasetFiles
from flows.settings import DEFAULTS
from schema import BOOLEAN, DATASETS, DATE, EXPORTED, ID, INTEGER, LIST, NUMBER, SCHEMA, TEXT

# Contract columns first, in the schema's order; the facts' own further columns follow them.
COLUMNS = {name: SCHEMA[name].names for name in EXPORTED}
SORT_KEYS = {name: list(SCHEMA[name].sort_keys) for name in EXPORTED}

# Beside the datasets: what store state the last complete export was made from (flows/store_export.py).
EXPORT_STATE = ".export-state.json"


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, CREATED_FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# How a column of schema/ is typed in Parquet: the same for every slice of rows, so the slices make one table.
ARROW_TYPES = {ID: pa.large_string(), TEXT: pa.large_string(), DATE: pa.large_string(), INTEGER: pa.int64(),
               NUMBER: pa.float64(), BOOLEAN: pa.bool_(), LIST: pa.list_(pa.string())}
ARROW_SCHEMAS = {name: pa.schema([(c.name, ARROW_TYPES[c.type]) for c in SCHEMA[name].columns]) for name in EXPORTED}


def dataset_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """The schema's columns in its order, typed by it; rows in the dataset's order (a slice of rows of whole
    documents, in doc_id order, sorts into its place: every extraction dataset sorts by doc_id first)."""
    frame = pd.DataFrame(rows)
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    frame = frame[COLUMNS[name]]
    keys = [k for k in SORT_KEYS[name] if k in frame.columns]
    if len(frame) and keys:
        frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    if len(frame):
        for column in SCHEMA[name].columns:
            if column.type == INTEGER:
                frame[column.name] = frame[column.name].astype("Int64")
            elif column.type == NUMBER and frame[column.name].dtype == object:
                frame[column.name] = pd.to_numeric(frame[column.name])  # a slice of ints and Nones still gives "5.0"
    return frame


def csv_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """CSV joins lists with '; '; other nested values become JSON-ish text."""
    out = frame.copy()
    for column in [c for c in out.columns if out[c].dtype == object]:  # lists and dicts only live in these
        if out[column].map(lambda v: isinstance(v, (list, tuple))).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        elif out[column].map(lambda v: isinstance(v, dict)).any():
            out[column] = out[column].map(lambda v: repr(v) if isinstance(v, dict) else v)
    return out


def parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Dict columns do not round-trip cleanly through Parquet: keep them as text there too."""
    out = frame.copy()
    for column in [c for c in out.columns if out[c].dtype == object]:
        if out[column].map(lambda v: isinstance(v, dict)).any():
            out[column] = out[column].map(lambda v: repr(v) if isinstance(v, dict) else v)
    return out


def arrow_table(name: str, frame: pd.DataFrame) -> pa.Table:
    """A slice as Arrow, in the dataset's declared types."""
    return pa.Table.from_pandas(parquet_safe(frame), schema=ARROW_SCHEMAS[name], preserve_index=False)


def write_table_csvs(out: Path, table_info: list[dict], cells: list[dict]) -> set[str]:
    """tables/<doc_id>-<n>.csv: each table as a reader would see it, header row first. Returns the file names."""
    folder = out / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    by_table: dict[str, list[dict]] = {}
    for cell in cells:
        by_table.setdefault(cell["table_id"], []).append(cell)
    for info in table_info:
        table_id = info["table_id"]
        columns = list(info["columns"])
        grid: dict[int, dict[int, str]] = {}
        for cell in by_table.get(table_id, []):
            grid.setdefault(int(cell["row"]), {})[int(cell.get("col", 0))] = cell["text"]
        width = max([len(columns)] + [max(r) + 1 for r in grid.values() if r])
        columns += [f"column {i + 1}" for i in range(len(columns), width)]
        body = [[grid[r].get(c, "") for c in range(width)] for r in sorted(grid)]
        frame = pd.DataFrame(body, columns=columns)
        path = folder / f"{table_id}.csv"
        written.add(path.name)
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
    return written


def remove_stale_tables(out: Path, wanted: set[str]) -> None:
    for stale in (out / "tables").glob("*.csv"):
        if stale.name not in wanted:
            stale.unlink()


@contextmanager
def export_lock(out: Path) -> Iterator[None]:
    """One export at a time per output folder (an ingest and the review server may both export), across
    processes; the OS frees it when its holder dies."""
    with open(out / ".export.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_leftover_temporaries(out: Path) -> list[Path]:
    """Temporary files and folders of an export that was killed before its rename (`.actors.parquet.k2x9...`,
    `.export-scratch-...`), and the part folders of partitioned datasets no longer linked. Called with the export
    lock held, so no live export owns any of them."""
    names = {f"{name}.{ext}" for name in EXPORTED for ext in ("csv", "parquet")}
    leftovers = [p for p in out.glob(".*") if any(p.name.startswith(f".{n}.") for n in names)]
    leftovers += [*out.glob(".export-scratch-*"), *out.glob(".duplicates-*")]
    live = {(out / f"{name}.parquet").resolve() for name in EXPORTED if (out / f"{name}.parquet").is_symlink()}
    leftovers += [p for name in EXPORTED for p in out.glob(f".{name}.parts.*") if p.resolve() not in live]
    folder = out / "tables"
    if folder.is_dir():
        leftovers += [p for p in folder.glob(".*.csv.*") if p.is_file()]
    for path in leftovers:
        remove_path(path)
    return leftovers


def remove_path(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def add_rows(files: DatasetFiles, rows: list[dict]) -> None:
    frame = dataset_frame(files.name, rows)
    files.write(csv_frame(files.name, frame), arrow_table(files.name, frame))


def write_datasets(out: Path, datasets: dict[str, list[dict]], partitioned: bool = False) -> dict[str, int]:
    """Write every dataset from rows in memory (empty ones too, with their columns); returns rows per dataset."""
    documents = datasets.get("documents", [])
    sources = {d["doc_id"]: d.get("source") for d in documents}
    pages = [dataset_frame("documents", documents).to_dict("records")] if documents else []
    return write_export(out, [(datasets, sources)], lambda: iter(pages), partitioned)


def write_export(out: Path, slices: Iterable[tuple[dict[str, list[dict]], dict[str, str | None]]],
                 document_pages: Callable[[], Iterable[list[dict]]], partitioned: bool = False,
                 part_rows: int = DEFAULTS.export_part_rows, names: tuple[str, ...] = EXPORTED,
                 on_commit: Callable[[dict[str, int]], None] | None = None) -> dict[str, int]:
    """Every dataset, a slice of documents at a time: `slices` gives the reviewed rows of whole documents in
    doc_id order, with each document's source; `document_pages` the documents dataset in its order. Nothing
    holds more than one slice (the corpus-level views build on a scratch file beside the export).

    Each file is written to a temporary name and renamed when complete; documents.parquet is renamed last: whoever
    sees a new one finds every other file of that export already there. `names`: only these datasets (and the
    tables' own CSVs only with all of them). `on_commit(rows per dataset)` runs once every file is in place, still
    under the export lock (flows/store_export.py records there what the export was made from).
    """
    out.mkdir(parents=True, exist_ok=True)
    with export_lock(out):
        remove_leftover_temporaries(out)
        (out / EXPORT_STATE).unlink(missing_ok=True)  # from here until on_commit, the files are no known state
        files = {name: DatasetFiles(out, name, partitioned, part_rows) for name in names}
        everything = set(names) == set(EXPORTED)
        try:
            with CorpusViews(out) as views:
                tables: set[str] = set()
                for rows, sources in slices:
                    if everything:
                        tables |= write_table_csvs(out, rows.get("table_info", []), rows.get("tables", []))
                    if {"facts", "corpus_actors"} & set(names):
                        views.add(rows, sources)
                    for name in [n for n in DATASETS[1:] if n in files]:
                        add_rows(files[name], rows.get(name, []))
                    del rows
                    gc.collect()  # pandas leaves reference cycles: free each slice's frames before the next
                if "documents" in files:
                    for page in document_pages():
                        add_rows(files["documents"], page)
                for name, pages in (("facts", views.fact_pages), ("corpus_actors", views.corpus_actor_pages)):
                    if name in files:
                        for page in pages():
                            add_rows(files[name], page)
            for dataset_files in files.values():
                if not dataset_files.written:
                    add_rows(dataset_files, [])  # an empty dataset still has its columns
            if everything:
                remove_stale_tables(out, tables)
            for name in [n for n in names if n != "documents"] + [n for n in names if n == "documents"]:
                files[name].commit()
            if on_commit is not None:
                on_commit({name: files[name].rows for name in names})
        finally:
            for dataset_files in files.values():
                dataset_files.discard()
        return {name: files[name].rows for name in names}
