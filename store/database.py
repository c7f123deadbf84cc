"""The embedded database: documents, their extractions and reviewers' verdicts. One transaction per document."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    union,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement

from extractors.document import Document, RawTable
from schema import BOOLEAN, DATE, DOCUMENTS, FROM_STORE, ID, INTEGER, LIST, NUMBER, TEXT, current_fields
from store.anchors import Anchor, anchor_of, find_span, match_anchors
from store.duplicates import find_duplicates, text_sketch
from store.verdicts import added_row, apply_verdict, edited_fields, is_rejected

metadata = MetaData()
SCHEMA_LOCK_KEY = 0x646F7373  # PostgreSQL advisory lock held while the schema is created ("doss")

# How a column of schema/ is kept in SQL.
SQL_TYPES = {ID: Text, TEXT: Text, INTEGER: Integer, NUMBER: Float, BOOLEAN: Boolean, DATE: String(32), LIST: JSON}
# Keyed or sized apart from the schema's columns; the store adds duplicate_of and doc_key when it exports.
DOCUMENT_KEYS = {"doc_id": Column("doc_id", String(32), primary_key=True),
                 "source": Column("source", Text, nullable=False),
                 "status": Column("status", String(16), nullable=False)}

documents = Table(
    "documents", metadata,
    *(DOCUMENT_KEYS[c.name] if c.name in DOCUMENT_KEYS else Column(c.name, SQL_TYPES[c.type])
      for c in DOCUMENTS.columns if c.source != FROM_STORE),
    # The document itself, kept for re-extraction and the review page: not an exported column.
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

# Every version of a document a path has held shares one key: a new version of a file keeps its identity (and its
# review page) beside the content hash in doc_id. Rows are never deleted, so an old doc_id still finds its successor.
document_keys = Table(
    "document_keys", metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("doc_key", String(32), nullable=False, index=True),
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

# A bottom-k sketch of each document's text, to find near-duplicates (store/duplicates.py). Its own table, so a store
# made before it existed gains it (create_all adds tables, not columns); a missing sketch is computed at export.
sketches = Table(
    "sketches", metadata,
    Column("doc_id", String(32), primary_key=True),
    Column("sketch", JSON, nullable=False),
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


# Documents whose text was read (an extractor may have failed on a partial one): they can be near-duplicates.
READ_STATUSES = ("ok", "partial")


class StoreMissing(LookupError):
    """A command that only reads was pointed at a store that does not exist; it must not create one."""


def store_exists(url: str) -> bool:
    """False only for a SQLite file that is not there; a server database is assumed to exist."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return True
    return Path(parsed.database).is_file()


SCHEMA_ATTEMPTS = 8  # processes racing to create a new SQLite store's tables: each attempt, one more wins
SCHEMA_RACES = ("already exists", "database is locked")


def open_existing_store(url: str) -> Engine:
    """The store at `url` for reading; StoreMissing when there is none (nothing is created)."""
    if not store_exists(url):
        raise StoreMissing(url)
    return open_store(url)


def open_store(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        if engine.url.database and engine.url.database != ":memory:":
            Path(engine.url.database).parent.mkdir(parents=True, exist_ok=True)
        event.listen(engine, "connect", sqlite_pragmas)
    for attempt in range(SCHEMA_ATTEMPTS):
        try:
            with engine.begin() as conn:
                if engine.dialect.name == "postgresql":
                    # Many workers may open a new shared store at once: one creates or upgrades the tables, the
                    # others wait.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})
                metadata.create_all(conn)
                add_missing_columns(conn)
            return engine
        except OperationalError as exc:
            # SQLite has no such lock: another process may create a table between create_all's check and its CREATE
            # (the next attempt finds the table there), or hold the file while it does, when switching a new file to
            # WAL does not wait. Either passes once the other process is done.
            if not any(m in str(exc) for m in SCHEMA_RACES) or attempt == SCHEMA_ATTEMPTS - 1:
                raise
            engine.dispose()
            time.sleep(0.1 * (attempt + 1))
    return engine


def add_missing_columns(conn: Connection) -> None:
    """A store made by an older dossier gains the columns added since (all nullable), keeping its data."""
    for table in metadata.sorted_tables:
        present = {column["name"] for column in inspect(conn).get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(dialect=conn.dialect)
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
        error=row["error"], partial=row["status"] == "partial", warnings=list(row.get("warnings") or []),
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
            conn.execute(delete(sketches).where(sketches.c.doc_id == previous))
            conn.execute(delete(documents).where(documents.c.doc_id == previous))
        else:
            # The old content lives on under another path: name it by that path, not by one that now holds other text.
            conn.execute(update(documents).where(documents.c.doc_id == previous).values(source=other_source))


def path_key(source: str) -> str:
    """A document's stable identity: the path it was first ingested from."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def key_of(conn: Connection, doc_id: str) -> str | None:
    return conn.execute(select(document_keys.c.doc_key).where(document_keys.c.doc_id == doc_id)).scalar()


def assign_key(conn: Connection, document: Document) -> str:
    """The key this version of a document gets: its own if stored before, else the one of the version its path held."""
    known = key_of(conn, document.doc_id)
    if known is not None:
        return known
    previous = conn.execute(select(sources.c.doc_id).where(sources.c.source == document.source)).scalar()
    key = (key_of(conn, previous) if previous is not None else None) or path_key(document.source)
    conn.execute(insert(document_keys).values(doc_id=document.doc_id, doc_key=key))
    return key


def current_doc_id(conn: Connection, doc_id: str) -> str | None:
    """The stored version of the document `doc_id` was a version of (itself when still stored), or None."""
    if conn.execute(select(documents.c.doc_id).where(documents.c.doc_id == doc_id)).first() is not None:
        return doc_id
    key = key_of(conn, doc_id)
    if key is None:
        return None
    query = (select(documents.c.doc_id).join(document_keys, document_keys.c.doc_id == documents.c.doc_id)
             .where(document_keys.c.doc_key == key).order_by(documents.c.extracted_at.desc()).limit(1))
    return conn.execute(query).scalar()


def replaced_versions(conn: Connection, document: Document) -> list[str]:
    """The stored documents this save replaces: itself (re-extraction), and the version its path held, unless that
    content lives on under another path."""
    replaced = [document.doc_id]
    previous = conn.execute(select(sources.c.doc_id).where(sources.c.source == document.source)).scalar()
    if previous is not None and previous != document.doc_id:
        others = conn.execute(select(sources.c.source).where(
            sources.c.doc_id == previous, sources.c.source != document.source).limit(1)).scalar()
        if others is None:
            replaced.append(previous)
    return replaced


@dataclass(slots=True)
class Reanchoring:
    """Live verdicts on versions a save replaces, with what they judged, read before the old rows go."""

    reviews: list[dict]
    anchors: dict[str, Anchor]  # extraction id -> anchor, for verdicts on extracted rows
    texts: dict[str, str]  # doc_id -> text of the replaced versions


def read_reanchoring(conn: Connection, doc_ids: list[str]) -> Reanchoring | None:
    live = [dict(r._mapping) for r in conn.execute(select(reviews).where(
        reviews.c.doc_id.in_(doc_ids), reviews.c.undone.is_(False)).order_by(reviews.c.review_id))]
    if not live:
        return None
    texts = {r.doc_id: r.text or "" for r in conn.execute(
        select(documents.c.doc_id, documents.c.text).where(documents.c.doc_id.in_(doc_ids)))}
    datasets: dict[tuple[str, str], list[dict]] = {}
    for row in conn.execute(select(extractions.c.doc_id, extractions.c.dataset, extractions.c.data).where(
            extractions.c.doc_id.in_(doc_ids))):
        datasets.setdefault((row.doc_id, row.dataset), []).append(dict(row.data))
    wanted = {r["extraction_id"] for r in live}
    anchors = {}
    for (doc_id, dataset), rows in datasets.items():
        for row in rows:
            if row["id"] in wanted:
                anchors[row["id"]] = anchor_of(dataset, row, texts.get(doc_id, ""), rows)
    return Reanchoring(live, anchors, texts)


def moved_add(data: dict, old_text: str, new_text: str, doc_id: str) -> dict | None:
    """A reviewer's added row in the new version of its text, or None when its text is gone."""
    moved = {**data, "doc_id": doc_id}
    start, end = data.get("start"), data.get("end")
    if start is None or end is None:
        return moved
    found = find_span(old_text, start, end, new_text) if old_text[start:end] == data.get("text") else None
    if found is None:
        return None
    moved["start"], moved["end"] = found
    return moved


def reattach_reviews(conn: Connection, plan: Reanchoring, document: Document, rows: dict[str, list[dict]]) -> None:
    """Point every verdict on a replaced version at the same extraction in the new one, matched by content.

    Verdicts with nothing to match move to the new version too, so their orphan entry links to a stored document.
    """
    new_ids = {row["id"] for dataset_rows in rows.values() for row in dataset_rows}
    pending = {r["extraction_id"]: plan.anchors[r["extraction_id"]] for r in plan.reviews
               if r["extraction_id"] not in new_ids and r["extraction_id"] in plan.anchors}
    offered = {row["id"]: anchor_of(dataset, row, document.text, dataset_rows)
               for dataset, dataset_rows in rows.items() if dataset != "table_info" for row in dataset_rows}
    matched = match_anchors(pending, offered)
    shift = {old: offered[new].start - pending[old].start for old, new in matched.items()}
    for review in plan.reviews:
        values: dict = {"doc_id": document.doc_id}
        old_id = review["extraction_id"]
        if review["verdict"] == "add" and review["data"]:
            moved = moved_add(review["data"], plan.texts.get(review["doc_id"], ""), document.text, document.doc_id)
            if moved is not None:
                values["data"] = moved
        elif old_id in matched:
            values["extraction_id"] = matched[old_id]
            data = review["data"]
            if data and "start" in data and "end" in data:  # an edited span moves with its extraction
                values["data"] = {**data, "start": data["start"] + shift[old_id], "end": data["end"] + shift[old_id]}
        conn.execute(update(reviews).where(reviews.c.review_id == review["review_id"]).values(**values))


def save_document(
    engine: Engine, document: Document, document_row: dict, rows: dict[str, list[dict]]
) -> None:
    """Replace everything stored for this document in one transaction: all of it lands, or none of it.

    Verdicts on the versions it replaces are re-attached to the new rows by content (store.anchors).
    """
    with engine.begin() as conn:
        assign_key(conn, document)
        plan = read_reanchoring(conn, replaced_versions(conn, document))
        conn.execute(delete(extractions).where(extractions.c.doc_id == document.doc_id))
        conn.execute(delete(documents).where(documents.c.doc_id == document.doc_id))
        conn.execute(delete(sketches).where(sketches.c.doc_id == document.doc_id))
        if document.text:  # read (ok or partial): a text to compare
            conn.execute(insert(sketches).values(doc_id=document.doc_id, sketch=text_sketch(document.text)))
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
        if plan is not None and document_row.get("status") != "failed":
            reattach_reviews(conn, plan, document, rows)


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


SPEAKER_ACTOR_FIELDS = ("speaker_actor_id", "source_actor_id")  # a claim's speaker as an actor id, by either name


def keep_consistent(out: dict[str, list[dict]], gone: dict[str, set[tuple[str, str]]],
                    dates_changed: list[tuple[dict, str | None]]) -> None:
    """What a verdict on one row means for the rows that point at it.

    A rejected actor takes its mentions with it and leaves the actor_ids, speaker and figures that named it; a
    rejected figure leaves its claims' figure_ids; a rejected or edited date changes the date_values of the claims
    it sits in.
    """
    actors_gone, figures_gone = gone["actors"], gone["figures"]
    if actors_gone:
        out["mentions"] = [m for m in out.get("mentions", []) if (m["doc_id"], m["actor_id"]) not in actors_gone]
        for figure in out.get("figures", []):
            if (figure["doc_id"], figure.get("actor_id")) in actors_gone:
                figure["actor_id"] = None
        for actor in out.get("actors", []):
            members = actor.get("members")
            if members:
                actor["members"] = [m for m in members if (actor["doc_id"], m) not in actors_gone]
    claims = out.get("claims", [])
    for claim in claims:
        doc_id = claim["doc_id"]
        if actors_gone:
            claim["actor_ids"] = [a for a in claim.get("actor_ids") or [] if (doc_id, a) not in actors_gone]
            for name in SPEAKER_ACTOR_FIELDS:
                if (doc_id, claim.get(name)) in actors_gone:
                    claim[name] = None
        if figures_gone:
            claim["figure_ids"] = [f for f in claim.get("figure_ids") or [] if (doc_id, f) not in figures_gone]
    for date, value in dates_changed:
        for claim in claims:
            inside = claim["doc_id"] == date["doc_id"] and claim.get("start") is not None and \
                date.get("start") is not None and claim["start"] <= date["start"] and date["end"] <= claim["end"]
            values = list(claim.get("date_values") or [])
            if inside and date.get("value") in values:
                values.remove(date["value"])
                if value is not None and value not in values:
                    values.append(value)
                claim["date_values"] = values


def chunk_reviews(conn: Connection, doc_ids: list[str] | None) -> dict[str, dict]:
    """The active verdicts on the rows of `doc_ids` (every document when None): those filed under one of them, and
    those on one of their extractions."""
    if doc_ids is None:
        return active_reviews(conn)
    theirs = select(extractions.c.id).where(extractions.c.doc_id.in_(doc_ids))
    query = select(reviews).where(reviews.c.undone.is_(False), or_(
        reviews.c.doc_id.in_(doc_ids), reviews.c.extraction_id.in_(theirs))).order_by(reviews.c.review_id)
    return {row.extraction_id: dict(row._mapping) for row in conn.execute(query)}


def reviewed_rows(engine: Engine, doc_ids: list[str] | None = None) -> dict[str, list[dict]]:
    """Every dataset's rows with reviewers' verdicts applied: rejected left out, edits applied, additions in, and
    the rows that point at a rejected or edited row kept consistent with it. `doc_ids`: only these documents' rows
    (a verdict only ever touches rows of its own document, so a corpus can be read a slice at a time)."""
    out: dict[str, list[dict]] = {}
    gone: dict[str, set[tuple[str, str]]] = {"actors": set(), "figures": set()}
    dates_changed: list[tuple[dict, str | None]] = []
    with engine.connect() as conn:
        verdicts = chunk_reviews(conn, doc_ids)
        live = select(documents.c.doc_id).where(documents.c.status.in_(("ok", "partial")))
        rows = select(extractions.c.id, extractions.c.dataset, extractions.c.data)
        if doc_ids is not None:
            live = live.where(documents.c.doc_id.in_(doc_ids))
            rows = rows.where(extractions.c.doc_id.in_(doc_ids))
        live_docs = {r[0] for r in conn.execute(live)}
        for row in conn.execute(rows):
            verdict = verdicts.get(row.id)
            if is_rejected(verdict):
                data = current_fields(row.dataset, dict(row.data))
                if row.dataset == "actors":
                    gone["actors"].add((data["doc_id"], data["actor_id"]))
                elif row.dataset == "figures":
                    gone["figures"].add((data["doc_id"], data["id"]))
                elif row.dataset == "dates":
                    dates_changed.append((data, None))
                continue
            edit = edited_fields(row.dataset, verdict)
            if row.dataset == "dates" and "value" in edit:
                dates_changed.append((current_fields(row.dataset, dict(row.data)), edit["value"]))
            out.setdefault(row.dataset, []).append(apply_verdict(row.dataset, dict(row.data), verdict))
        for extraction_id, verdict in verdicts.items():
            if verdict["verdict"] == "add" and verdict["doc_id"] in live_docs:
                out.setdefault(verdict["dataset"], []).append(added_row(verdict["dataset"], extraction_id, verdict))
    keep_consistent(out, gone, dates_changed)
    # An actor's count follows its mentions as reviewed: rejected ones out, added or re-pointed ones in.
    counts: dict[tuple[str, str], int] = {}
    for mention in out.get("mentions", []):
        key = (mention["doc_id"], mention["actor_id"])
        counts[key] = counts.get(key, 0) + 1
    for actor in out.get("actors", []):
        actor["mentions"] = counts.get((actor["doc_id"], actor["actor_id"]), 0)
    return out


def sketched_documents(engine: Engine, remember: bool = True, page: int = 500) -> Iterator[dict]:
    """Every read document's doc_id, format, published and sketch, streamed; the sketches of documents a store made
    before sketches existed are computed now (and kept, when `remember`: commands that only read leave the store
    as it is)."""
    query = (select(documents.c.doc_id, documents.c.format, documents.c.published, sketches.c.sketch)
             .select_from(documents.outerjoin(sketches, sketches.c.doc_id == documents.c.doc_id))
             .where(documents.c.status.in_(READ_STATUSES)).order_by(documents.c.doc_id))
    with engine.connect() as conn:
        for part in conn.execution_options(yield_per=page).execute(query).partitions():
            rows = [dict(row._mapping) for row in part]
            missing = [r["doc_id"] for r in rows if r["sketch"] is None]
            if missing:
                made = missing_sketches(engine, missing, remember)
                for row in rows:
                    row["sketch"] = row["sketch"] or made.get(row["doc_id"])
            yield from rows


def missing_sketches(engine: Engine, doc_ids: list[str], remember: bool) -> dict[str, dict]:
    with engine.begin() as conn:
        chunk = conn.execute(select(documents.c.doc_id, documents.c.text).where(documents.c.doc_id.in_(doc_ids))).all()
        made = [{"doc_id": row.doc_id, "sketch": text_sketch(row.text or "")} for row in chunk]
        if remember and made:
            conn.execute(insert(sketches), made)
    return {m["doc_id"]: m["sketch"] for m in made}


def duplicate_map(engine: Engine, remember: bool = True, folder: Path | None = None) -> dict[str, str]:
    """doc_id -> the doc_id of the document it nearly repeats (the same text in another format, or republished).
    `folder`: where the scratch file of the comparison goes (store/duplicates.py)."""
    return find_duplicates(sketched_documents(engine, remember), folder)


def export_rows(engine: Engine) -> dict[str, list[dict]]:
    """documents (with duplicate_of) plus every reviewed dataset, ready for flows.export.write_datasets; under
    "dropped", what the export leaves out or flags, by reason."""
    rows = reviewed_rows(engine)
    doc_columns = [c for c in documents.c.keys() if c not in {"text", "pages", "footnotes", "raw_tables"}]
    copies = duplicate_map(engine)
    with engine.connect() as conn:
        keys = {r.doc_id: r.doc_key for r in conn.execute(select(document_keys))}
        rejected = sum(1 for v in active_reviews(conn).values() if v["verdict"] == "reject")
    # A store written before keys existed: the key its next version will get, from its path.
    rows["documents"] = [{**{k: r[k] for k in doc_columns}, "duplicate_of": copies.get(r["doc_id"]),
                          "doc_key": keys.get(r["doc_id"]) or path_key(r["source"])}
                         for r in iter_document_rows(engine)]
    rows["dropped"] = {"rows rejected in review (left out)": rejected,  # type: ignore[dict-item]
                       "near-duplicate documents (flagged duplicate_of; left out of the sql views)": len(copies)}
    return rows


def store_fingerprint(engine: Engine) -> list[str]:
    """What the export reads, summed up in a few aggregates: any stored, replaced or deleted document (each store
    stamps extracted_at anew), any extraction row, and any verdict or undo changes it. An export made when the
    store had this fingerprint is still current while it has the same one."""
    with engine.connect() as conn:
        docs = conn.execute(select(func.count(), func.min(documents.c.extracted_at),
                                   func.max(documents.c.extracted_at))).one()
        rows = conn.execute(select(func.count()).select_from(extractions)).scalar_one()
        verdicts = conn.execute(select(func.count(), func.max(reviews.c.review_id),
                                       func.sum(case((reviews.c.undone.is_(True), 1), else_=0)))).one()
        keys = conn.execute(select(func.count()).select_from(document_keys)).scalar_one()
    return [str(v) for v in (*docs, rows, *verdicts, keys)]


def evidence_documents(engine: Engine, ids: list[str]) -> dict[str, str]:
    """extraction id -> the doc_id of the document it sits in, for `ids` (extracted rows and rows added in
    review; an id that is neither is left out)."""
    found: dict[str, str] = {}
    wanted = sorted(set(ids))
    with engine.connect() as conn:
        for i in range(0, len(wanted), 500):  # within every driver's bound-parameter limit
            part = wanted[i : i + 500]
            found.update(conn.execute(select(extractions.c.id, extractions.c.doc_id).where(
                extractions.c.id.in_(part))).all())
            found.update(conn.execute(select(reviews.c.extraction_id, reviews.c.doc_id).where(
                reviews.c.extraction_id.in_(part), reviews.c.verdict == "add")).all())
    return found


def document_titles(engine: Engine, doc_ids: set[str]) -> dict[str, str]:
    """doc_id -> its title, or its source where it has none."""
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.doc_id, documents.c.title, documents.c.source).where(
            documents.c.doc_id.in_(sorted(doc_ids)))).all()
    return {r.doc_id: r.title or r.source for r in rows}


def doc_id_pages(engine: Engine, size: int) -> Iterator[list[str]]:
    """Every doc_id with a document or extraction rows, in doc_id order, `size` at a time (keyset pages: each page
    is one short query, whatever the corpus size: each side gives at most `size` ids from its doc_id index)."""
    last: str | None = None
    while True:
        arms = []
        for column in (documents.c.doc_id, extractions.c.doc_id):
            arm = select(column.label("doc_id")).distinct()
            if last is not None:
                arm = arm.where(column > last)
            arms.append(arm.order_by(column).limit(size).subquery().select())
        known = union(*arms).subquery()
        with engine.connect() as conn:
            page = list(conn.execute(select(known.c.doc_id).order_by(known.c.doc_id).limit(size)).scalars())
        if not page:
            return
        yield page
        last = page[-1]


def document_sources(engine: Engine, doc_ids: list[str]) -> dict[str, str]:
    with engine.connect() as conn:
        query = select(documents.c.doc_id, documents.c.source).where(documents.c.doc_id.in_(doc_ids))
        return {row.doc_id: row.source for row in conn.execute(query)}


def by_text(engine: Engine, column: ColumnElement) -> ColumnElement:
    """`column` compared as Python compares str (by code point), as SQLite does; PostgreSQL's default collation
    would follow the locale."""
    return column.collate("C") if engine.dialect.name == "postgresql" else column


def document_pages(engine: Engine, size: int, copies: dict[str, str]) -> Iterator[list[dict]]:
    """The documents dataset (with duplicate_of, from `copies`, and doc_key), by source and doc_id, `size` rows at
    a time, streamed from the database (which sorts)."""
    doc_columns = [documents.c[c] for c in documents.c.keys() if c not in {"text", "pages", "footnotes", "raw_tables"}]
    query = select(*doc_columns).order_by(by_text(engine, documents.c.source), documents.c.doc_id)
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=size).execute(query)
        for part in result.partitions():
            page = [dict(row._mapping) for row in part]
            with engine.connect() as keys_conn:
                keys = dict(keys_conn.execute(select(document_keys.c.doc_id, document_keys.c.doc_key).where(
                    document_keys.c.doc_id.in_([r["doc_id"] for r in page]))).all())
            # A store written before keys existed: the key its next version will get, from its path.
            yield [{**r, "duplicate_of": copies.get(r["doc_id"]), "doc_key": keys.get(r["doc_id"]) or
                    path_key(r["source"])} for r in page]


def rejected_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return sum(1 for v in active_reviews(conn).values() if v["verdict"] == "reject")


def extraction_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(extractions)).scalar_one())


def now_utc() -> datetime:
    return datetime.now(UTC)
