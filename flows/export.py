"""Contract rows to files: Parquet + CSV per dataset and one CSV per table, written atomically."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from flows.facts import fact_rows
from schema import CORPUS_DATASETS, DATASETS, EXPORTED, SCHEMA

# Contract columns first, in the schema's order; the facts' own further columns follow them.
COLUMNS = {name: SCHEMA[name].names for name in EXPORTED}
SORT_KEYS = {name: list(SCHEMA[name].sort_keys) for name in EXPORTED}


def created_file_mode() -> int:
    """The mode a plain open() would give a new file (0644 under the usual umask 022): readable by another user or
    a BI tool, as dossier.db is. mkstemp makes its files 0600, so the export sets this before renaming."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# Read once at import: os.umask can only be read by setting it, which must not race the review app's threads.
CREATED_FILE_MODE = created_file_mode()


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


def dataset_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """Contract columns first (in contract order), extra columns after; stable row order."""
    frame = pd.DataFrame(rows)
    for column in COLUMNS[name]:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object")
    extra = [c for c in frame.columns if c not in COLUMNS[name]]
    frame = frame[COLUMNS[name] + extra]
    keys = [k for k in SORT_KEYS[name] if k in frame.columns]
    if len(frame) and keys:
        frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    for column in ("start", "end", "row", "col", "page", "n_words", "mentions"):
        if column in frame.columns and len(frame):
            frame[column] = frame[column].astype("Int64")
    return frame


def csv_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """CSV joins lists with '; '; other nested values become JSON-ish text."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, (list, tuple))).any():
            out[column] = out[column].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        elif out[column].map(lambda v: isinstance(v, dict)).any():
            out[column] = out[column].map(lambda v: repr(v) if isinstance(v, dict) else v)
    return out


def parquet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Dict columns do not round-trip cleanly through Parquet: keep them as text there too."""
    out = frame.copy()
    for column in out.columns:
        if out[column].map(lambda v: isinstance(v, dict)).any():
            out[column] = out[column].map(lambda v: repr(v) if isinstance(v, dict) else v)
    return out


def write_table_csvs(out: Path, table_info: list[dict], cells: list[dict]) -> int:
    """tables/<doc_id>-<n>.csv: each table as a reader would see it, header row first."""
    folder = out / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = set()
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
        wanted.add(path.name)
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
    for stale in folder.glob("*.csv"):
        if stale.name not in wanted:
            stale.unlink()
    return len(wanted)


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
    """Temporary files of an export that was killed before its rename (`.actors.parquet.k2x9...`). Called with
    the export lock held, so no live export owns any of them."""
    names = {f"{name}.{ext}" for name in DATASETS for ext in ("csv", "parquet")}
    leftovers = [p for p in out.glob(".*") if p.is_file() and any(p.name.startswith(f".{n}.") for n in names)]
    folder = out / "tables"
    if folder.is_dir():
        leftovers += [p for p in folder.glob(".*.csv.*") if p.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


def write_datasets(out: Path, datasets: dict[str, list[dict]]) -> dict[str, int]:
    """Write every contract dataset (empty ones too, with their columns); returns rows per dataset.

    documents.parquet is written last: whoever sees a new one finds every other file of that export already there.
    """
    out.mkdir(parents=True, exist_ok=True)
    with export_lock(out):
        remove_leftover_temporaries(out)
        return write_locked(out, datasets)


def write_locked(out: Path, datasets: dict[str, list[dict]]) -> dict[str, int]:
    counts = {}
    write_table_csvs(out, datasets.get("table_info", []), datasets.get("tables", []))
    datasets = dict(datasets)
    datasets["facts"], datasets["corpus_actors"] = fact_rows(datasets)
    for name in [n for n in (*DATASETS, *CORPUS_DATASETS) if n != "documents"] + ["documents"]:
        frame = dataset_frame(name, datasets.get(name, []))
        atomic_write(out / f"{name}.csv", lambda tmp, f=frame, n=name: csv_frame(n, f).to_csv(tmp, index=False))
        atomic_write(out / f"{name}.parquet", lambda tmp, f=frame: parquet_safe(f).to_parquet(tmp, index=False))
        counts[name] = len(frame)
    return {name: counts[name] for name in (*DATASETS, *CORPUS_DATASETS)}
