"""Reading and writing reviews on top of store.database's tables. Every write is one transaction: all of it or none."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from extractors.actor_ids import actor_id
from review.fields import (
    ADDABLE,
    EDITABLE,
    REQUIRED_TO_ADD,
    SPAN_DATASETS,
    FieldError,
    actor_kind,
    check_actor_row,
    check_fields,
    iso3,
    offset,
    required_text,
    text_or_none,
    with_country_code,
)
from schema import REVIEW_DATASETS, SCHEMA
from store.database import current_doc_id, documents, extractions, now_utc, reviews
from store.verdicts import apply_verdict

VERDICTS = ("accept", "reject", "edit")
SMALL_UNDO = 5  # undoing this few verdicts reads just their items, not the whole document
# Keys the review layer adds to an item beside the contract's columns.
META_KEYS = ("reviewed", "verdict", "review_id", "reviewed_at", "added")


class ReviewError(Exception):
    """A request that cannot be carried out; `status` is the HTTP status the API answers with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def invalid(exc: FieldError) -> ReviewError:
    return ReviewError(422, str(exc))


@dataclass(slots=True)
class ReviewState:
    """The reviews of some documents: the latest live verdict per extraction id, and rows reviewers added."""

    latest: dict[str, dict] = field(default_factory=dict)
    latest_add: dict[str, dict] = field(default_factory=dict)
    history: list[dict] = field(default_factory=list)


def review_dict(row: object) -> dict:
    data = dict(row._mapping)
    created = data.get("created_at")
    data["created_at"] = created.isoformat(timespec="seconds") if created is not None else None
    return data


def load_state(conn: Connection, doc_ids: list[str] | None = None) -> ReviewState:
    state = ReviewState()
    query = select(reviews).order_by(reviews.c.review_id)
    if doc_ids is not None:
        query = query.where(reviews.c.doc_id.in_(doc_ids))
    for row in conn.execute(query):
        review = review_dict(row)
        state.history.append(review)
        if review["undone"]:
            continue
        state.latest[review["extraction_id"]] = review
        if review["verdict"] == "add":
            state.latest_add[review["extraction_id"]] = review
    return state


def contract_row(item: dict) -> dict:
    return {k: v for k, v in item.items() if k not in META_KEYS}


def reviewed_item(dataset: str, data: dict, verdict: dict | None, added: bool) -> dict:
    """A row as the reviewer sees it now: edits applied, rejected rows kept but marked so they can be undone.
    Rows and edits stored before a column was renamed read under the contract's current names."""
    item = apply_verdict(dataset, data, verdict)
    item["verdict"] = verdict["verdict"] if verdict else None
    item["review_id"] = verdict["review_id"] if verdict else None
    item["reviewed_at"] = verdict["created_at"] if verdict else None
    item["added"] = added
    return item


def document_row(conn: Connection, doc_id: str) -> dict | None:
    found = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
    return dict(found._mapping) if found else None


def document_items(conn: Connection, doc_id: str, state: ReviewState | None = None) -> dict[str, list[dict]]:
    """Every dataset's items of one document (rejected ones included, marked), plus table_info for rendering."""
    state = state or load_state(conn, [doc_id])
    out: dict[str, list[dict]] = {name: [] for name in (*REVIEW_DATASETS, "table_info")}
    extracted: set[str] = set()
    query = select(extractions.c.id, extractions.c.dataset, extractions.c.data).where(extractions.c.doc_id == doc_id)
    for row in conn.execute(query):
        extracted.add(row.id)
        if row.dataset == "table_info":
            out["table_info"].append(dict(row.data))
            continue
        item = reviewed_item(row.dataset, dict(row.data), state.latest.get(row.id), False)
        out.setdefault(row.dataset, []).append(item)
    for extraction, add in state.latest_add.items():
        if extraction in extracted or add["doc_id"] != doc_id:
            continue
        latest = state.latest[extraction]
        row = {**add["data"], "id": extraction}
        shown = add if latest["verdict"] == "add" else latest
        out.setdefault(add["dataset"], []).append(reviewed_item(add["dataset"], row, shown, True))
    out["actors"].sort(key=lambda a: (str(a.get("name")).lower(), a["actor_id"]))
    for name, items in out.items():
        if name == "actors":
            continue
        items.sort(key=lambda i: (i.get("start") if i.get("start") is not None else -1, i.get("end") or 0,
                                  i.get("row") or 0, i.get("col") or 0, str(i.get("id"))))
    return out


def orphaned(conn: Connection, state: ReviewState, doc_ids: list[str] | None = None) -> list[dict]:
    """Live verdicts with nothing to apply to: their extraction is gone, or their document or text changed."""
    query = select(extractions.c.id)
    doc_query = select(documents.c.doc_id, documents.c.status, documents.c.text)
    if doc_ids is not None:
        query = query.where(extractions.c.doc_id.in_(doc_ids))
        doc_query = doc_query.where(documents.c.doc_id.in_(doc_ids))
    extracted = {r.id for r in conn.execute(query)}
    docs = {r.doc_id: r for r in conn.execute(doc_query)}
    out = []
    for extraction, review in state.latest.items():
        doc = docs.get(review["doc_id"])
        add = state.latest_add.get(extraction)
        reason = None
        if doc is None or doc.status not in ("ok", "partial"):
            reason = "its document is no longer stored (the file changed or failed to read)"
        elif add is not None:
            data = add["data"] or {}
            start, end = data.get("start"), data.get("end")
            if start is not None and (doc.text or "")[start:end] != data.get("text"):
                reason = f"the document's text at {start}-{end} no longer reads {data.get('text')!r}"
        elif extraction not in extracted:
            reason = "the extraction is no longer produced (the document was edited or reprocessed)"
        if reason:
            shown = add["data"] if add else (review["previous"] or {})
            out.append({**review, "reason": reason, "text": shown.get("text") or shown.get("name"),
                        "start": shown.get("start"), "end": shown.get("end"),
                        "current_doc_id": current_doc_id(conn, review["doc_id"])})
    return sorted(out, key=lambda r: r["review_id"])


def document_summaries(engine: Engine) -> list[dict]:
    """The list page: metadata, rows per dataset, review progress and orphans of every stored document."""
    with engine.connect() as conn:
        state = load_state(conn)
        counts: dict[str, Counter] = {}
        total: Counter = Counter()
        done: Counter = Counter()
        extracted: set[str] = set()
        query = select(extractions.c.id, extractions.c.doc_id, extractions.c.dataset)
        for row in conn.execute(query.where(extractions.c.dataset != "table_info")):
            extracted.add(row.id)
            verdict = state.latest.get(row.id)
            if verdict is None or verdict["verdict"] != "reject":
                counts.setdefault(row.doc_id, Counter())[row.dataset] += 1
            total[row.doc_id] += 1
            done[row.doc_id] += verdict is not None
        for extraction, add in state.latest_add.items():
            if extraction in extracted:
                continue
            total[add["doc_id"]] += 1
            done[add["doc_id"]] += 1
            if state.latest[extraction]["verdict"] == "add":
                counts.setdefault(add["doc_id"], Counter())[add["dataset"]] += 1
        orphans = Counter(r["doc_id"] for r in orphaned(conn, state))
        columns = [c for c in documents.c if c.name not in {"text", "pages", "footnotes", "raw_tables"}]
        rows = conn.execute(select(*columns).order_by(documents.c.source)).all()
    out = []
    for row in rows:
        doc = dict(row._mapping)
        doc["counts"] = {name: counts.get(doc["doc_id"], Counter()).get(name, 0) for name in REVIEW_DATASETS}
        doc["reviewed"] = done[doc["doc_id"]]
        doc["total"] = total[doc["doc_id"]]
        doc["orphaned"] = orphans[doc["doc_id"]]
        out.append(doc)
    return out


def document_view(engine: Engine, doc_id: str) -> dict:
    """Everything the document page shows: the document, its items, its review history and its orphans."""
    with engine.connect() as conn:
        doc = document_row(conn, doc_id)
        if doc is None:
            raise ReviewError(404, f"no document with doc_id {doc_id!r}")
        state = load_state(conn, [doc_id])
        items = document_items(conn, doc_id, state)
        orphans = orphaned(conn, state, [doc_id])
    reviewable = [i for name in REVIEW_DATASETS for i in items[name]]
    return {
        "document": doc,
        "items": items,
        "history": list(reversed(state.history)),
        "orphaned": orphans,
        "progress": {"reviewed": sum(i["verdict"] is not None for i in reviewable), "total": len(reviewable)},
    }


def all_orphaned(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return orphaned(conn, load_state(conn))


def live_actor_ids(items: dict[str, list[dict]]) -> set[str]:
    return {a["actor_id"] for a in items["actors"] if a["verdict"] != "reject"}


def span_text(doc: dict, start: object, end: object, given: object) -> tuple[int, int, str]:
    """Offsets checked against the document's text; the text sent (if any) must be what the text holds there."""
    try:
        start, end = offset("start", start), offset("end", end)
    except FieldError as exc:
        raise invalid(exc) from None
    text = doc["text"] or ""
    if not start < end <= len(text):
        raise ReviewError(422, f"span {start}-{end} is out of range: the document text has {len(text)} characters "
                               "and start must be before end")
    found = text[start:end]
    if given is not None and given != found:
        raise ReviewError(422, f"text {given!r} does not match the document at {start}-{end}, which reads {found!r}")
    stripped = found.strip()
    if not stripped:
        raise ReviewError(422, f"span {start}-{end} holds only whitespace")
    start += len(found) - len(found.lstrip())
    return start, start + len(stripped), stripped


def locate(conn: Connection, extraction: str, with_text: bool = False) -> tuple[dict, dict, dict | None]:
    """(document row, current item, latest live verdict) of an extraction id, extracted or added.

    Reads the one extraction and its own verdicts, never the whole document: a verdict stays fast on long documents.
    """
    row = conn.execute(select(extractions.c.doc_id, extractions.c.dataset, extractions.c.data).where(
        extractions.c.id == extraction)).first()
    if row is not None and row.dataset == "table_info":
        raise ReviewError(422, f"{extraction!r} is a table's description; review its cells instead")
    live = [review_dict(r) for r in conn.execute(select(reviews).where(
        reviews.c.extraction_id == extraction, reviews.c.undone.is_(False)).order_by(reviews.c.review_id))]
    latest = live[-1] if live else None
    add = next((r for r in reversed(live) if r["verdict"] == "add"), None)
    if row is not None:
        doc_id, dataset, data, added = row.doc_id, row.dataset, dict(row.data), False
    elif add is not None:
        doc_id, dataset, data, added = add["doc_id"], add["dataset"], {**add["data"], "id": extraction}, True
    else:
        raise ReviewError(404, f"no extraction with id {extraction!r}")
    if with_text:  # an edit checks spans against the text; other verdicts need only the document's id
        doc = document_row(conn, doc_id)
    else:
        found = conn.execute(select(documents.c.doc_id, documents.c.status).where(
            documents.c.doc_id == doc_id)).first()
        doc = dict(found._mapping) if found else None
    if doc is None:
        raise ReviewError(404, f"no extraction with id {extraction!r}")
    shown = add if added and latest is not None and latest["verdict"] == "add" else latest
    return doc, {**reviewed_item(dataset, data, shown, added), "dataset": dataset}, latest


def write_review(conn: Connection, *, extraction: str, doc_id: str, dataset: str, verdict: str, data: dict | None,
                 previous: dict | None, created_at: object) -> dict:
    result = conn.execute(insert(reviews).values(
        extraction_id=extraction, doc_id=doc_id, dataset=dataset, verdict=verdict, data=data, previous=previous,
        created_at=created_at, undone=False,
    ))
    found = conn.execute(select(reviews).where(reviews.c.review_id == result.inserted_primary_key[0])).first()
    return review_dict(found)


def checked_edit(conn: Connection, doc: dict, item: dict, fields: dict) -> dict:
    """The changed fields, checked: spans against the text, actors against the document's actors."""
    dataset = item["dataset"]
    if not fields:
        raise ReviewError(422, f"an edit needs at least one field to change; editable in {dataset}: "
                               f"{', '.join(EDITABLE[dataset])}")
    try:
        changes = check_fields(dataset, fields)
    except FieldError as exc:
        raise invalid(exc) from None
    if dataset in SPAN_DATASETS and {"start", "end", "text"} & changes.keys():
        start, end, text = span_text(doc, changes.get("start", item["start"]), changes.get("end", item["end"]),
                                     changes.get("text"))
        changes.update(start=start, end=end, text=text)
    if dataset in ("mentions", "figures") and changes.get("actor_id") is not None:
        actors = live_actor_ids(document_items(conn, doc["doc_id"]))
    if dataset == "mentions" and "actor_id" in changes and changes["actor_id"] not in actors:
        raise ReviewError(422, f"actor_id {changes['actor_id']!r} is not an actor of this document; "
                               f"known: {', '.join(sorted(actors))}")
    if dataset == "figures" and changes.get("actor_id") is not None and changes["actor_id"] not in actors:
        raise ReviewError(422, f"actor_id {changes['actor_id']!r} is not an actor of this document")
    if dataset == "actors":
        try:
            check_actor_row({**item, **changes})
        except FieldError as exc:
            raise invalid(exc) from None
    return changes


def record_verdict(engine: Engine, extraction: str, verdict: str, fields: dict) -> dict:
    """Store one verdict on an extraction (or on a row a reviewer added) and return the item as it now is."""
    if verdict not in VERDICTS:
        raise ReviewError(422, f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r} "
                               "(to add a missed extraction, POST /api/documents/{doc_id}/extractions)")
    if verdict != "edit" and fields:
        raise ReviewError(422, f"{verdict} takes no fields (got {', '.join(sorted(fields))}); use verdict edit")
    with engine.begin() as conn:
        doc, item, earlier = locate(conn, extraction, with_text=verdict == "edit")
        dataset, previous = item["dataset"], contract_row(item)
        previous.pop("dataset", None)
        added = item["added"]
        now = now_utc()
        if verdict == "edit":
            changes = checked_edit(conn, doc, item, fields)
            if added:
                # A reviewer's own row stays an addition: the edit is a new version of the added row.
                stored_verdict, data = "add", {**previous, **changes}
            else:
                kept = (earlier["data"] or {}) if earlier and earlier["verdict"] == "edit" else {}
                stored_verdict, data = "edit", {**kept, **changes}
        elif verdict == "accept" and added:
            raise ReviewError(409, f"{extraction!r} was added by a reviewer and counts as reviewed already")
        else:
            stored_verdict, data = verdict, None
        review = write_review(conn, extraction=extraction, doc_id=doc["doc_id"], dataset=dataset,
                              verdict=stored_verdict, data=data, previous=previous, created_at=now)
        _, current, _ = locate(conn, extraction)
    current = public_item(current)
    return {"review": review, "item": current, "changed": [current], "doc_id": doc["doc_id"]}


def public_item(item: dict) -> dict:
    return {k: v for k, v in item.items() if k[0] != "_"}


def add_extraction(engine: Engine, doc_id: str, dataset: str, fields: dict) -> dict:
    """Add an extraction the pipeline missed, as `add` reviews written in one transaction."""
    if dataset == "mentions":
        dataset = "actors"  # a missed mention is a missed actor occurrence either way
    if dataset not in ADDABLE:
        raise ReviewError(422, f"dataset must be one of actors, mentions, dates, figures, claims, not {dataset!r}")
    fields = dict(fields)
    with engine.begin() as conn:
        doc = document_row(conn, doc_id)
        if doc is None:
            raise ReviewError(404, f"no document with doc_id {doc_id!r}")
        if doc["status"] not in ("ok", "partial"):
            raise ReviewError(409, f"document {doc_id!r} failed to read ({doc['error']}): it has no text to add to")
        start, end, text = span_text(doc, fields.pop("start", None), fields.pop("end", None), fields.pop("text", None))
        state = load_state(conn, [doc_id])
        items = document_items(conn, doc_id, state)
        now = now_utc()
        if dataset == "actors":
            rows = actor_rows(doc_id, start, end, text, fields, items)
        else:
            rows = [("", span_row(doc_id, dataset, start, end, text, fields, items))]
        written = []
        for name, row in rows:
            written.append(write_review(conn, extraction=row["id"], doc_id=doc_id, dataset=name or dataset,
                                        verdict="add", data=row, previous=None, created_at=now))
    return {"reviews": written, "items": [r["data"] for r in written]}


def duplicate_check(items: list[dict], start: int, end: int, what: str) -> None:
    for item in items:
        if item["verdict"] != "reject" and item.get("start") == start and item.get("end") == end:
            raise ReviewError(409, f"{what} at {start}-{end} exists already as {item['id']}: accept or edit it instead")


def actor_rows(doc_id: str, start: int, end: int, text: str, fields: dict, items: dict) -> list[tuple[str, dict]]:
    """A mention of an existing actor (actor_id), or of a new one (name, kind, iso3) with its actor row."""
    duplicate_check(items["mentions"], start, end, "a mention")
    allowed = {"actor_id", "name", "kind", "iso3", "role"}
    unknown = set(fields) - allowed
    if unknown:
        raise ReviewError(422, f"unknown field(s) {', '.join(sorted(unknown))} for an actor; "
                               f"give actor_id or name, kind, iso3, role")
    known = {a["actor_id"]: a for a in items["actors"] if a["verdict"] != "reject"}
    try:
        if fields.get("actor_id") is not None:
            actor = required_text("actor_id", fields["actor_id"])
            if actor not in known:
                raise ReviewError(422, f"actor_id {actor!r} is not an actor of this document; give name and kind "
                                       "to add a new actor")
            new_actor = None
        else:
            kind = actor_kind("kind", fields.get("kind"))
            new_actor = {"name": required_text("name", fields.get("name", text)), "kind": kind,
                         "iso3": iso3("iso3", fields.get("iso3")), "role": text_or_none("role", fields.get("role"))}
            new_actor = with_country_code(new_actor, text)
            check_actor_row(new_actor)
            actor = actor_id(kind, new_actor["name"], new_actor["iso3"])  # the id the pipeline would give it
            if actor in known:
                new_actor = None  # the document has this actor already: only the mention was missed
    except FieldError as exc:
        raise invalid(exc) from None
    span = {"start": start, "end": end, "actor_id": actor}
    mention = {"id": SCHEMA["mentions"].make_id(doc_id, span, added=True), "doc_id": doc_id, "actor_id": actor,
               "text": text, "start": start, "end": end}
    rows: list[tuple[str, dict]] = [("mentions", mention)]
    if new_actor is not None:
        rows.append(("actors", {"id": SCHEMA["actors"].make_id(doc_id, span, added=True), "doc_id": doc_id,
                                "actor_id": actor, **new_actor, "members": [], "mentions": 1}))
    return rows


def span_row(doc_id: str, dataset: str, start: int, end: int, text: str, fields: dict, items: dict) -> dict:
    duplicate_check(items[dataset], start, end, f"a {dataset[:-1]}")
    missing = [name for name in REQUIRED_TO_ADD[dataset] if name not in fields]
    if missing:
        raise ReviewError(422, f"adding to {dataset} needs {', '.join(missing)}")
    try:
        checked = check_fields(dataset, fields)
    except FieldError as exc:
        raise invalid(exc) from None
    actor = checked.get("actor_id")
    if actor is not None and actor not in live_actor_ids(items):
        raise ReviewError(422, f"actor_id {actor!r} is not an actor of this document")
    row_id = SCHEMA[dataset].make_id(doc_id, {"start": start, "end": end}, added=True)
    row = {"id": row_id, "doc_id": doc_id, "text": text, "start": start, "end": end, **ADDABLE[dataset], **checked}
    if dataset == "figures":
        row["figure_id"] = row_id
    if dataset == "claims":
        row["claim_id"] = row_id
    return row


def progress_of(items: dict[str, list[dict]]) -> dict[str, int]:
    reviewable = [i for name in REVIEW_DATASETS for i in items[name]]
    return {"reviewed": sum(i["verdict"] is not None for i in reviewable), "total": len(reviewable)}


def record_decisions(engine: Engine, doc_id: str, verdict: str, ids: list[str] | None) -> dict:
    """One decision on many extractions of a document, written in one transaction and undone as one.

    accept takes the listed items that are still open (a mention rejected earlier stays rejected when its actor is
    accepted with all its mentions); reject takes every listed item not rejected yet. Without ids: every open item
    of the document ("everything left").
    """
    if verdict not in ("accept", "reject"):
        raise ReviewError(422, f"a decision on many items is accept or reject, not {verdict!r}")
    with engine.begin() as conn:
        doc = document_row(conn, doc_id)
        if doc is None:
            raise ReviewError(404, f"no document with doc_id {doc_id!r}")
        items = document_items(conn, doc_id)
        by_id = {i["id"]: (name, i) for name in REVIEW_DATASETS for i in items[name]}
        if ids is None:
            wanted = [i for i in by_id if by_id[i][1]["verdict"] is None]
        else:
            unknown = [i for i in ids if i not in by_id]
            if unknown:
                raise ReviewError(422, f"not extractions of document {doc_id!r}: {', '.join(unknown[:5])}")
            wanted = list(dict.fromkeys(ids))
        if verdict == "accept":
            chosen = [i for i in wanted if by_id[i][1]["verdict"] is None and not by_id[i][1]["added"]]
        else:
            chosen = [i for i in wanted if by_id[i][1]["verdict"] != "reject"]
        now = now_utc()
        if chosen:
            conn.execute(insert(reviews), [
                {"extraction_id": i, "doc_id": doc_id, "dataset": by_id[i][0], "verdict": verdict, "data": None,
                 "previous": contract_row(by_id[i][1]), "created_at": now, "undone": False} for i in chosen])
        written = {r.extraction_id: r.review_id for r in conn.execute(select(
            reviews.c.extraction_id, reviews.c.review_id).where(
            reviews.c.doc_id == doc_id, reviews.c.created_at == now, reviews.c.undone.is_(False)))}
    stamp = now.isoformat(timespec="seconds")
    changed = []  # only the review state of each item: its values did not change, and a table is many items
    for i in chosen:
        item = by_id[i][1]
        item.update(verdict=verdict, review_id=written.get(i), reviewed_at=stamp, reviewed=verdict != "reject")
        changed.append({k: item[k] for k in ("id", "verdict", "review_id", "reviewed_at", "reviewed")})
    return {"verdict": verdict, "review_ids": sorted(written.values()), "changed": changed,
            "progress": progress_of(items), "doc_id": doc_id}


def undo_review(engine: Engine, review_id: int) -> dict:
    """Mark a verdict undone. Undoing an addition undoes what was added with it and every verdict on it since."""
    with engine.begin() as conn:
        found = conn.execute(select(reviews).where(reviews.c.review_id == review_id)).first()
        if found is None:
            raise ReviewError(404, f"no review with review_id {review_id}")
        review = review_dict(found)
        if review["undone"]:
            raise ReviewError(409, f"review {review_id} is undone already")
        ids = [review_id]
        if review["verdict"] == "add":
            group = conn.execute(select(reviews.c.review_id, reviews.c.extraction_id).where(
                reviews.c.doc_id == review["doc_id"], reviews.c.verdict == "add", reviews.c.undone.is_(False),
                reviews.c.created_at == found.created_at,
            )).all()
            added = {r.extraction_id for r in group} | {review["extraction_id"]}
            later = conn.execute(select(reviews.c.review_id).where(
                reviews.c.extraction_id.in_(added), reviews.c.undone.is_(False),
                reviews.c.review_id > min([review_id, *(r.review_id for r in group)]),
            )).all()
            ids = sorted({review_id, *(r.review_id for r in group), *(r.review_id for r in later)})
        elif review["verdict"] in ("accept", "reject"):
            # A decision on many items (an actor with its mentions, everything left) is undone as it was made.
            ids = sorted(r.review_id for r in conn.execute(select(reviews.c.review_id).where(
                reviews.c.doc_id == review["doc_id"], reviews.c.verdict == review["verdict"],
                reviews.c.undone.is_(False), reviews.c.created_at == found.created_at)))
        conn.execute(update(reviews).where(reviews.c.review_id.in_(ids)).values(undone=True))
        touched = {r.extraction_id for r in conn.execute(select(reviews.c.extraction_id).where(
            reviews.c.review_id.in_(ids)))}
        changed = []
        stored = document_row(conn, review["doc_id"]) is not None
        if stored and len(touched) <= SMALL_UNDO:
            for extraction in sorted(touched):
                try:
                    item = public_item(locate(conn, extraction)[1])
                except ReviewError:
                    continue  # an undone addition: the row is gone
                item.pop("dataset", None)
                changed.append(item)
        elif stored:
            items = document_items(conn, review["doc_id"])
            changed = [public_item(i) for name in REVIEW_DATASETS for i in items[name] if i["id"] in touched]
    return {"undone": ids, "doc_id": review["doc_id"], "verdict": review["verdict"], "changed": changed}


def dismiss_orphans(engine: Engine, doc_id: str | None = None) -> dict:
    """Mark every orphaned verdict (of one document, or of all) undone: they stay in the history."""
    with engine.begin() as conn:
        state = load_state(conn, [doc_id] if doc_id is not None else None)
        ids = sorted(r["review_id"] for r in orphaned(conn, state, [doc_id] if doc_id is not None else None))
        if ids:
            conn.execute(update(reviews).where(reviews.c.review_id.in_(ids)).values(undone=True))
    return {"dismissed": ids}
