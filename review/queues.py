"""Work across documents: queues of what most needs a person's eye, and a search over extractions and actor names."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy import select
from sqlalchemy.engine import Engine

from render.spans import item_label
from store.database import SPEAKER_ACTOR_FIELDS, active_reviews, documents, extractions

# Where an extraction has no confidence (a store written before the column existed), it sorts as middling.
UNKNOWN_CONFIDENCE = 0.5
SPEAKER_FIELDS = ("speaker", "source")  # a claim's speaker as text, by either name


def speaker_of(claim: dict) -> str | None:
    return next((claim[name] for name in SPEAKER_FIELDS if claim.get(name)), None)


def speaker_is_no_actor(claim: dict) -> bool:
    """A claim someone is said to have made, where that someone is not one of the document's actors."""
    if not speaker_of(claim):
        return False
    if any(name in claim for name in SPEAKER_ACTOR_FIELDS):
        return not any(claim.get(name) for name in SPEAKER_ACTOR_FIELDS)
    return not claim.get("actor_ids")


QUEUES: dict[str, tuple[str, Callable[[str, dict], bool]]] = {
    "low-confidence": ("Lowest confidence first", lambda dataset, item: True),
    "figures-without-item": ("Figures that do not say what they count",
                             lambda dataset, item: dataset == "figures" and not item.get("item")),
    "claims-speaker-not-actor": ("Claims whose speaker is no actor",
                                 lambda dataset, item: dataset == "claims" and speaker_is_no_actor(item)),
}


def confidence_of(item: dict) -> float:
    value = item.get("confidence")
    return float(value) if isinstance(value, (int, float)) else UNKNOWN_CONFIDENCE


def stored_items(engine: Engine) -> Iterator[tuple[dict, str, dict, dict | None]]:
    """(document, dataset, row, live verdict) of every extraction of a readable document."""
    with engine.connect() as conn:
        verdicts = active_reviews(conn)
        docs = {r.doc_id: dict(r._mapping) for r in conn.execute(
            select(documents.c.doc_id, documents.c.title, documents.c.source).where(
                documents.c.status.in_(("ok", "partial"))))}
        rows = conn.execute(select(extractions.c.id, extractions.c.doc_id, extractions.c.dataset,
                                   extractions.c.data).where(extractions.c.dataset != "table_info")).all()
    for row in rows:
        doc = docs.get(row.doc_id)
        if doc is not None:
            yield doc, row.dataset, dict(row.data), verdicts.get(row.id)


def entry(doc: dict, dataset: str, item: dict, verdict: dict | None) -> dict:
    return {"doc_id": doc["doc_id"], "title": doc["title"] or doc["source"], "id": item["id"], "dataset": dataset,
            "text": item.get("text") or item.get("name"), "label": item_label(dataset, item, {}),
            "start": item.get("start"), "confidence": item.get("confidence"),
            "verdict": verdict["verdict"] if verdict else None}


def queue(engine: Engine, name: str, limit: int = 200) -> list[dict]:
    """Open extractions (no verdict yet) across documents that the queue holds, lowest confidence first."""
    wanted = QUEUES[name][1]
    found = [(confidence_of(item), doc["source"], item.get("start") or 0, entry(doc, dataset, item, None))
             for doc, dataset, item, verdict in stored_items(engine) if verdict is None and wanted(dataset, item)]
    found.sort(key=lambda f: f[:3])
    return [f[-1] for f in found[:limit]]


def queue_sizes(engine: Engine) -> dict[str, int]:
    sizes = dict.fromkeys(QUEUES, 0)
    for _doc, dataset, item, verdict in stored_items(engine):
        if verdict is None:
            for name, (_title, wanted) in QUEUES.items():
                sizes[name] += wanted(dataset, item)
    return sizes


def search(engine: Engine, query: str, limit: int = 200) -> list[dict]:
    """Extractions whose text (or, for actors, name) holds every word of the query, across documents."""
    words = query.casefold().split()
    if not words:
        return []
    found = []
    for doc, dataset, item, verdict in stored_items(engine):
        haystack = " ".join(str(item.get(k) or "") for k in ("text", "name")).casefold()
        if all(w in haystack for w in words):
            found.append((doc["source"], dataset != "actors", item.get("start") or 0,
                          entry(doc, dataset, item, verdict)))
    found.sort(key=lambda f: f[:3])
    return [f[-1] for f in found[:limit]]
