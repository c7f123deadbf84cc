"""`dossier show`: a stored document's text with its extractions marked, for a quick look in the terminal."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Connection

from render.spans import marked_text
from store.database import documents, extractions, open_existing_store, sources

# A doc_id prefix shorter than this is more likely a typo than an id.
MIN_PREFIX = 4


class UnknownDocument(LookupError):
    """No stored document answers to what the user typed, or several do; the message says which."""


def same_path(given: str, stored: str) -> bool:
    try:
        return Path(given).resolve() == Path(stored).resolve()
    except (OSError, ValueError):
        return False


def resolve_document(conn: Connection, key: str) -> str:
    """The doc_id `key` names: a doc_id or its prefix, a path as ingested (any path to the same file), a file name,
    or a file stem. UnknownDocument when none or several match."""
    ids = set(conn.execute(select(documents.c.doc_id)).scalars())
    if key in ids:
        return key
    paths = [(row.source, row.doc_id) for row in conn.execute(select(sources.c.source, sources.c.doc_id))]
    paths += [(row.source, row.doc_id) for row in conn.execute(select(documents.c.source, documents.c.doc_id))]
    for rule in (
        lambda source: source == key or same_path(key, source),
        lambda source: Path(source).name == key,
        lambda source: Path(source).stem == key,
    ):
        found = {doc_id for source, doc_id in paths if rule(source) and doc_id in ids}
        if len(found) == 1:
            return found.pop()
        if found:
            raise UnknownDocument(f"{key!r} names {len(found)} documents ({', '.join(sorted(found)[:5])}): "
                                  "give the path or the doc_id")
    if len(key) >= MIN_PREFIX:
        found = {doc_id for doc_id in ids if doc_id.startswith(key)}
        if len(found) == 1:
            return found.pop()
        if found:
            raise UnknownDocument(f"{key!r} is the start of {len(found)} doc_ids: give more of it")
    raise UnknownDocument(f"no document {key!r} (a doc_id or its first {MIN_PREFIX}+ characters, a path, a file "
                          "name or stem): `dossier list` shows them")


def render_document(database_url: str, key: str) -> str:
    """The document `key` names (see resolve_document) with its extractions marked. Raises StoreMissing when there
    is no store (none is created) and UnknownDocument."""
    engine = open_existing_store(database_url)
    with engine.connect() as conn:
        doc_id = resolve_document(conn, key)
        doc = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
        rows = conn.execute(select(extractions).where(extractions.c.doc_id == doc.doc_id)).all()
    by_dataset: dict[str, list[dict]] = {}
    for row in rows:
        by_dataset.setdefault(row.dataset, []).append(dict(row.data))
    header = [
        f"{doc.doc_id}  {doc.source}  [{doc.status}]",
        f"title: {doc.title}   authors: {', '.join(doc.authors or [])}   publisher: {doc.publisher}   "
        f"published: {doc.published}",
    ]
    if doc.status != "ok":
        return "\n".join([*header, f"error: {doc.error}"])
    marked = marked_text(doc.text or "", by_dataset, datasets=("mentions", "dates", "figures"))
    lines = [*header, "", marked, "", "claims:"]
    for claim in sorted(by_dataset.get("claims", []), key=lambda c: c["start"]):
        flags = (" (hedged)" if claim["hedged"] else "") + (f" <- {claim['speaker']}" if claim.get("speaker") else "")
        lines.append(f"  - {claim['text']}{flags}")
    lines.append("actors:")
    for actor in sorted(by_dataset.get("actors", []), key=lambda a: -a["mentions"]):
        extra = ", ".join(x for x in (actor.get("iso3"), actor.get("role")) if x)
        lines.append(f"  - {actor['name']} ({actor['kind']}{', ' + extra if extra else ''}) x{actor['mentions']}")
    for info in by_dataset.get("table_info", []):
        lines.append(f"table {info['table_id']}: {info.get('caption') or ''}")
        lines.append("  " + " | ".join(info["columns"]))
        cells = sorted((c for c in by_dataset.get("tables", []) if c["table_id"] == info["table_id"]),
                       key=lambda c: (c["row"], c["col"]))
        current, line = None, []
        for cell in cells:
            if cell["row"] != current and line:
                lines.append("  " + " | ".join(line))
                line = []
            current = cell["row"]
            line.append(cell["text"])
        if line:
            lines.append("  " + " | ".join(line))
    return "\n".join(lines)
