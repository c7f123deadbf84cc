"""`dossier sql`: the exported datasets as DuckDB views, for questions that join them.

Each dataset is a view over its Parquet file in the output folder: `documents`, `actors`, `mentions`, `dates`,
`figures`, `claims`, `tables`, and the corpus-level `facts` and `corpus_actors`. The extraction views leave out
the rows of near-duplicate documents (those whose
`documents.duplicate_of` is set: the same article in another format, or republished), so nothing is counted twice;
`<name>_all` views keep every row. The Parquet files themselves keep every document's rows: filter on
`duplicate_of IS NULL` when reading them with pandas or DuckDB directly.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from schema import DATASETS

EXTRACTION_VIEWS = tuple(name for name in DATASETS if name != "documents")
CORPUS_VIEWS = ("facts", "corpus_actors")  # corpus-level: one row per fact or real-world actor, across documents


class ExportMissing(LookupError):
    """The output folder holds no exported datasets (run `dossier ingest` first)."""


def quoted(path: Path) -> str:
    """A dataset's Parquet as DuckDB reads it: the file, or every part file of a partitioned dataset's folder."""
    resolved = path.resolve()
    target = f"{resolved}/*.parquet" if resolved.is_dir() else str(resolved)
    return "'" + target.replace("'", "''") + "'"


def columns_of(con: duckdb.DuckDBPyConnection, view: str) -> set[str]:
    return {row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()}


def create_views(con: duckdb.DuckDBPyConnection, out: Path) -> None:
    missing = [name for name in DATASETS if not (out / f"{name}.parquet").exists()]
    if missing:
        raise ExportMissing(f"no {', '.join(f'{m}.parquet' for m in missing)} in {out}")
    con.execute(f"CREATE OR REPLACE VIEW documents AS SELECT * FROM read_parquet({quoted(out / 'documents.parquet')})")
    copies = "duplicate_of" in columns_of(con, "documents")
    for name in EXTRACTION_VIEWS:
        parquet = quoted(out / f"{name}.parquet")
        con.execute(f"CREATE OR REPLACE VIEW {name}_all AS SELECT * FROM read_parquet({parquet})")
        select = f"SELECT * FROM {name}_all"
        # Exports made before claims.source became claims.speaker name the speaker `source`: give it its new name.
        if name == "claims" and "speaker" not in columns_of(con, "claims_all"):
            select = "SELECT *, source AS speaker FROM claims_all"
        if copies:
            select += " WHERE doc_id NOT IN (SELECT doc_id FROM documents WHERE duplicate_of IS NOT NULL)"
        con.execute(f"CREATE OR REPLACE VIEW {name} AS {select}")
    for name in CORPUS_VIEWS:
        if (out / f"{name}.parquet").exists():
            parquet = quoted(out / f"{name}.parquet")
            con.execute(f"CREATE OR REPLACE VIEW {name} AS SELECT * FROM read_parquet({parquet})")


def connect(out: Path, database: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB (or the database file `database`, for a BI tool to open) with the views over `out`."""
    con = duckdb.connect(str(database) if database else ":memory:")
    try:
        create_views(con, Path(out))
    except BaseException:
        con.close()
        raise
    return con


def run_query(out: Path, query: str) -> pd.DataFrame:
    con = connect(out)
    try:
        return con.execute(query).fetchdf()
    finally:
        con.close()
