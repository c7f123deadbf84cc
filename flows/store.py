"""The embedded database: documents, their extractions and reviewers' verdicts. One transaction per document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine

from extractors.document import Document, RawTable

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("format", String(16)),
    Column("title", Text),
    Column("authors", JSON),
    Column("publisher", Text),
    Column("published", String(32)),
    Column("url", Text),
    Column("language", String(16)),
    Column("n_words", Integer),
    Column("status", String(16), nullable=False),
    Column("error", Text),
    Column("warnings", JSON),  # one line each: read, but not cleanly (e.g. invalid UTF-8 bytes replaced)
    Column("pipeline_version", String(32)),
    Column("extracted_at", String(40)),
    Column("text", Text),
    Column("pages", JSON),
    Column("footnotes", JSON),
    Column("raw_tables", JSON),
)

# Which document a path currently holds: a changed file moves its source to a new doc_id.
sources = Table(
    "sources", metadata,
    Column("source", Text, primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
)

extractions = Table(
    "extractions", metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("dataset", String(16), nullable=False, index=True),
    Column("start", Integer),
    Column("end", Integer),
    Column("data", JSON, nullable=False),
)

reviews = Table(
    "reviews", metadata,
    Column("review_id", Integer, primary_key=True, autoincrement=True),
    Column("extraction_id", String(40), nullable=False, index=True),
    Column("doc_id", String(32), nullable=False, index=True),
    Column("dataset", String(16), nullable=False),
    Column("verdict", String(16), nullable=False),  # accept | reject | edit | add
    Column("data", JSON),  # edit: the changed fields; add: the whole row
    Column("previous", JSON),  # the row as it was before the verdict, for the record
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("undone", Boolean, nullable=False, default=False),
)


def sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI types vary by driver
    cursor = dbapi_connection.cursor()
    # WAL lets the review page read while an ingest writes; NORMAL sync is safe with WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def open_store(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", sqlite_pragmas)
    metadata.create_all(engine)
    add_missing_columns(engine)
    return engine


def add_missing_columns(engine: Engine) -> None:
    """A store made by an older dossier gains the columns added since (all nullable), keeping its data."""
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            present = {column["name"] for column in inspect(conn).get_columns(table.name)}
            for column in table.columns:
                if column.name not in present:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def raw_tables_json(tables: Iterable[RawTable]) -> list[dict]:
    return [asdict(t) for t in tables]


def document_from_row(row: dict) -> Document:
    """Rebuild a Document from the store, so it can be re-extracted without the original file."""
    raw = [RawTable(**{**t, "bbox": tuple(t["bbox"]) if t.get("bbox") else None}) for t in row.get("raw_tables") or []]
    return Document(
        doc_id=row["doc_id"], source=row["source"], format=row["format"], text=row["text"] or "",
        title=row["title"], authors=list(row["authors"] or []), publisher=row["publisher"],
        published=row["published"], url=row["url"], language=row["language"],
        pages=[tuple(p) for p in row["pages"] or []], footnotes=dict(row["footnotes"] or {}), raw_tables=raw,
        error=row["error"], warnings=list(row.get("warnings") or []),
    )


def stored_version(conn: Connection, doc_id: str) -> dict | None:
    """pipeline_version, status, error and source of a stored document, or None when it is not stored."""
    query = select(documents.c.pipeline_version, documents.c.status, documents.c.error, documents.c.source)
    found = conn.execute(query.where(documents.c.doc_id == doc_id)).first()
    return dict(found._mapping) if found else None


def link_source(conn: Connection, source: str, doc_id: str) -> None:
    """Point `source` at `doc_id`; a document no source points to any more is removed with its rows."""
    previous = conn.execute(select(sources.c.doc_id).where(sources.c.source == source)).scalar()
    if previous == doc_id:
        return
    if previous is None:
        conn.execute(insert(sources).values(source=source, doc_id=doc_id))
    else:
        conn.execute(update(sources).where(sources.c.source == source).values(doc_id=doc_id))
        other_source = conn.execute(
            select(sources.c.source).where(sources.c.doc_id == previous).order_by(sources.c.source).limit(1)
        ).scalar()
        if other_source is None:
            conn.execute(delete(extractions).where(extractions.c.doc_id == previous))
            conn.execute(delete(documents).where(documents.c.doc_id == previous))
        else:
            # The old content lives on under another path: name it by that path, not by one that now holds other text.
            conn.execute(update(documents).where(documents.c.doc_id == previous).values(source=other_source))


def save_document(
    engine: Engine, document: Document, document_row: dict, rows: dict[str, list[dict]]
) -> None:
    """Replace everything stored for this document in one transaction: all of it lands, or none of it."""
    with engine.begin() as conn:
        conn.execute(delete(extractions).where(extractions.c.doc_id == document.doc_id))
        conn.execute(delete(documents).where(documents.c.doc_id == document.doc_id))
        existing_source = conn.execute(
            select(sources.c.source).where(sources.c.doc_id == document.doc_id).limit(1)
        ).scalar()
        conn.execute(insert(documents).values(
            **{k: v for k, v in document_row.items() if k in documents.c and k != "source"},
            # The same content under two paths is stored once, under the path it was first seen at.
            source=existing_source or document.source,
            text=document.text,
            pages=[list(p) for p in document.pages],
            footnotes=document.footnotes,
            raw_tables=raw_tables_json(document.raw_tables),
        ))
        link_source(conn, document.source, document.doc_id)
        batch = [
            {"id": row["id"], "doc_id": document.doc_id, "dataset": dataset, "start": row.get("start"),
             "end": row.get("end"), "data": row}
            for dataset, dataset_rows in rows.items() for row in dataset_rows
        ]
        if batch:
            conn.execute(insert(extractions), batch)


def touch_source(engine: Engine, source: str, doc_id: str) -> None:
    with engine.begin() as conn:
        link_source(conn, source, doc_id)


def source_links(engine: Engine) -> dict[str, str]:
    """Every known path with the doc_id of the content it held when last ingested."""
    with engine.connect() as conn:
        return {row.source: row.doc_id for row in conn.execute(select(sources.c.source, sources.c.doc_id))}


def stored_doc_ids(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(select(documents.c.doc_id)).scalars())


def stale_doc_ids(engine: Engine, version: str, everything: bool = False) -> list[str]:
    """Documents extracted by another pipeline version than `version` (every document when `everything`)."""
    query = select(documents.c.doc_id).order_by(documents.c.source, documents.c.doc_id)
    if not everything:
        query = query.where(or_(documents.c.pipeline_version.is_(None), documents.c.pipeline_version != version))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())


def iter_document_rows(engine: Engine, doc_ids: Iterable[str] | None = None) -> Iterator[dict]:
    query = select(documents)
    if doc_ids is not None:
        query = query.where(documents.c.doc_id.in_(list(doc_ids)))
    with engine.connect() as conn:
        for row in conn.execute(query.order_by(documents.c.source)):
            yield dict(row._mapping)


def active_reviews(conn: Connection) -> dict[str, dict]:
    """The latest verdict per extraction id that has not been undone."""
    latest: dict[str, dict] = {}
    query = select(reviews).where(reviews.c.undone.is_(False)).order_by(reviews.c.review_id)
    for row in conn.execute(query):
        latest[row.extraction_id] = dict(row._mapping)
    return latest


def reviewed_rows(engine: Engine) -> dict[str, list[dict]]:
    """Every dataset's rows with reviewers' verdicts applied: rejected left out, edits applied, additions in."""
    out: dict[str, list[dict]] = {}
    with engine.connect() as conn:
        verdicts = active_reviews(conn)
        live_docs = {r[0] for r in conn.execute(select(documents.c.doc_id).where(documents.c.status == "ok"))}
        for row in conn.execute(select(extractions.c.id, extractions.c.dataset, extractions.c.data)):
            data = dict(row.data)
            verdict = verdicts.get(row.id)
            if verdict is None:
                data["reviewed"] = False
            elif verdict["verdict"] == "reject":
                continue
            else:
                if verdict["verdict"] == "edit":
                    data.update(verdict["data"] or {})
                data["reviewed"] = True
            out.setdefault(row.dataset, []).append(data)
        for extraction_id, verdict in verdicts.items():
            if verdict["verdict"] == "add" and verdict["doc_id"] in live_docs:
                added = {**verdict["data"], "id": extraction_id, "reviewed": True}
                out.setdefault(verdict["dataset"], []).append(added)
    # An actor's count follows its mentions as reviewed: rejected ones out, added or re-pointed ones in.
    counts: dict[tuple[str, str], int] = {}
    for mention in out.get("mentions", []):
        key = (mention["doc_id"], mention["actor_id"])
        counts[key] = counts.get(key, 0) + 1
    for actor in out.get("actors", []):
        actor["mentions"] = counts.get((actor["doc_id"], actor["actor_id"]), 0)
    return out


def export_rows(engine: Engine) -> dict[str, list[dict]]:
    """documents plus every reviewed dataset, ready for flows.export.write_datasets."""
    rows = reviewed_rows(engine)
    doc_columns = [c for c in documents.c.keys() if c not in {"text", "pages", "footnotes", "raw_tables"}]
    rows["documents"] = [{k: r[k] for k in doc_columns} for r in iter_document_rows(engine)]
    return rows


def now_utc() -> datetime:
    return datetime.now(UTC)
