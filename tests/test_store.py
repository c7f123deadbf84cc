import re
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from extractors.document import Document, RawTable
from flows.rows import document_row
from store.database import (
    document_from_row,
    documents,
    export_rows,
    extractions,
    iter_document_rows,
    open_store,
    reviews,
    save_document,
    source_links,
    stale_doc_ids,
)

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def make_document(doc_id: str, source: str, text: str = "Germany sent tanks.") -> Document:
    return Document(doc_id=doc_id, source=source, format="txt", text=text, published="2024-01-02",
                    raw_tables=[RawTable(rows=[["a", "b"], ["1", "2"]], page=2, bbox=(1.0, 2.0, 3.0, 4.0))])


def date_row(doc_id: str, n: int) -> dict:
    return {"id": f"dat-{doc_id}-{n}", "doc_id": doc_id, "text": "2024", "start": n, "end": n + 4,
            "value": "2024", "relative": False}


def test_store_save_replaces_a_documents_rows_without_duplicates(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    doc = make_document("d1", "a.txt")
    save_document(engine, doc, document_row(doc, "v1", NOW), {"dates": [date_row("d1", 0), date_row("d1", 5)]})
    save_document(engine, doc, document_row(doc, "v2", NOW), {"dates": [date_row("d1", 0)]})
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(extractions)).scalar() == 1
        assert conn.execute(select(documents.c.pipeline_version)).scalar() == "v2"


def test_store_changed_file_replaces_its_previous_version(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    old, new = make_document("old", "a.txt"), make_document("new", "a.txt", "Changed text.")
    save_document(engine, old, document_row(old, "v1", NOW), {"dates": [date_row("old", 0)]})
    save_document(engine, new, document_row(new, "v1", NOW), {"dates": [date_row("new", 0)]})
    rows = export_rows(engine)
    assert [d["doc_id"] for d in rows["documents"]] == ["new"]
    assert {r["doc_id"] for r in rows["dates"]} == {"new"}


def test_store_same_content_under_two_paths_is_stored_once(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    first, second = make_document("same", "a.txt"), make_document("same", "copy/a.txt")
    save_document(engine, first, document_row(first, "v1", NOW), {})
    save_document(engine, second, document_row(second, "v1", NOW), {})
    rows = list(iter_document_rows(engine))
    assert [(r["doc_id"], r["source"]) for r in rows] == [("same", "a.txt")]


def test_store_document_round_trips_for_reprocessing(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    doc = make_document("d1", "a.txt")
    doc.pages = [(1, 0, 10), (2, 10, 19)]
    doc.footnotes = {"1": "A note."}
    save_document(engine, doc, document_row(doc, "v1", NOW), {})
    back = document_from_row(next(iter_document_rows(engine)))
    assert back == doc


def test_store_export_applies_review_verdicts(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    doc = make_document("d1", "a.txt")
    save_document(engine, doc, document_row(doc, "v1", NOW),
                  {"dates": [date_row("d1", 0), date_row("d1", 5), date_row("d1", 9)]})
    with engine.begin() as conn:
        conn.execute(insert(reviews), [
            {"extraction_id": "dat-d1-0", "doc_id": "d1", "dataset": "dates", "verdict": "reject", "data": None,
             "created_at": NOW, "undone": False},
            {"extraction_id": "dat-d1-5", "doc_id": "d1", "dataset": "dates", "verdict": "edit",
             "data": {"value": "2024-05"}, "created_at": NOW, "undone": False},
            {"extraction_id": "dat-d1-9", "doc_id": "d1", "dataset": "dates", "verdict": "reject", "data": None,
             "created_at": NOW, "undone": True},
            {"extraction_id": "dat-added", "doc_id": "d1", "dataset": "dates", "verdict": "add",
             "data": {"doc_id": "d1", "text": "May", "start": 20, "end": 23, "value": "2024-05", "relative": True},
             "created_at": NOW, "undone": False},
        ])
    dates = {r["id"]: r for r in export_rows(engine)["dates"]}
    assert set(dates) == {"dat-d1-5", "dat-d1-9", "dat-added"}
    assert dates["dat-d1-5"]["value"] == "2024-05" and dates["dat-d1-5"]["reviewed"] is True
    assert dates["dat-d1-9"]["reviewed"] is False
    assert dates["dat-added"]["reviewed"] is True


def actor_and_mention_rows(doc_id: str, text: str, names: dict[str, str]) -> dict[str, list[dict]]:
    """Actor rows and one mention row per occurrence of each name in the text, counted as the pipeline counts."""
    actors, mentions = [], []
    for actor_id, name in names.items():
        found = [m.start() for m in re.finditer(rf"\b{name}\b", text)]
        actors.append({"id": f"act-{actor_id}", "doc_id": doc_id, "actor_id": actor_id, "name": name,
                       "kind": "country", "iso3": actor_id.split(":")[1], "role": None, "members": [],
                       "mentions": len(found)})
        mentions += [{"id": f"men-{actor_id}-{i}", "doc_id": doc_id, "actor_id": actor_id, "text": name,
                      "start": i, "end": i + len(name)} for i in found]
    return {"actors": actors, "mentions": mentions}


def test_store_export_recounts_an_actors_mentions_after_review(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    text = "Norway and Chile signed. Norway paid; Chile and Norway disagreed. The Chileans left."
    doc = make_document("d1", "a.txt", text)
    rows = actor_and_mention_rows("d1", text, {"country:NOR": "Norway", "country:CHL": "Chile"})
    save_document(engine, doc, document_row(doc, "v1", NOW), rows)
    assert {a["actor_id"]: a["mentions"] for a in export_rows(engine)["actors"]} == {"country:NOR": 3,
                                                                                   "country:CHL": 2}
    first_norway = text.index("Norway")
    last_norway = text.rindex("Norway")
    chileans = text.index("Chileans")
    with engine.begin() as conn:
        conn.execute(insert(reviews), [
            {"extraction_id": f"men-country:NOR-{first_norway}", "doc_id": "d1", "dataset": "mentions",
             "verdict": "reject", "data": None, "created_at": NOW, "undone": False},
            # A mention re-pointed to another actor counts for that one instead.
            {"extraction_id": f"men-country:NOR-{last_norway}", "doc_id": "d1", "dataset": "mentions",
             "verdict": "edit", "data": {"actor_id": "country:CHL"}, "created_at": NOW, "undone": False},
            {"extraction_id": "men-added", "doc_id": "d1", "dataset": "mentions", "verdict": "add",
             "data": {"doc_id": "d1", "actor_id": "country:CHL", "text": "Chileans", "start": chileans,
                      "end": chileans + 8}, "created_at": NOW, "undone": False},
            # An undone rejection leaves the count as it was.
            {"extraction_id": "men-country:NOR-0", "doc_id": "d1", "dataset": "mentions", "verdict": "reject",
             "data": None, "created_at": NOW, "undone": True},
        ])
    exported = export_rows(engine)
    counts = {a["actor_id"]: a["mentions"] for a in exported["actors"]}
    assert counts == {"country:NOR": 3 - 2, "country:CHL": 2 + 2}
    for actor in exported["actors"]:
        assert actor["mentions"] == sum(m["actor_id"] == actor["actor_id"] for m in exported["mentions"])


def test_store_path_changing_away_from_shared_content_keeps_it_under_the_other_path(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    shared = make_document("same", "a.txt")
    save_document(engine, shared, document_row(shared, "v1", NOW), {"dates": [date_row("same", 0)]})
    copy = make_document("same", "b.txt")
    save_document(engine, copy, document_row(copy, "v1", NOW), {"dates": [date_row("same", 0)]})
    changed = make_document("new", "a.txt", "Other text.")
    save_document(engine, changed, document_row(changed, "v1", NOW), {"dates": [date_row("new", 0)]})
    assert source_links(engine) == {"a.txt": "new", "b.txt": "same"}
    by_id = {r["doc_id"]: r["source"] for r in iter_document_rows(engine)}
    assert by_id == {"new": "a.txt", "same": "b.txt"}
    assert sorted(r["doc_id"] for r in export_rows(engine)["dates"]) == ["new", "same"]


def test_store_stale_doc_ids_are_those_of_another_version(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    for doc_id, version in (("d1", "v1"), ("d2", "v2"), ("d3", "v1")):
        doc = make_document(doc_id, f"{doc_id}.txt")
        save_document(engine, doc, document_row(doc, version, NOW), {})
    assert stale_doc_ids(engine, "v1") == ["d2"]
    assert stale_doc_ids(engine, "v3") == ["d1", "d2", "d3"]
    assert stale_doc_ids(engine, "v1", everything=True) == ["d1", "d2", "d3"]


def test_store_claims_stored_before_the_rename_export_their_speaker(tmp_path: Path) -> None:
    """Claim rows and review edits written when the speaker was called `source` export it as `speaker`."""
    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    doc = make_document("d1", "a.txt")
    old = {"id": "cla-1", "doc_id": "d1", "claim_id": "cla-1", "text": "Germany sent tanks.", "start": 0,
           "end": 19, "source": "Berlin", "hedged": False}
    edited = {**old, "id": "cla-2", "claim_id": "cla-2", "start": 1}
    save_document(engine, doc, document_row(doc, "v1", NOW), {"claims": [old, edited]})
    with engine.begin() as conn:
        conn.execute(insert(reviews), [
            {"extraction_id": "cla-2", "doc_id": "d1", "dataset": "claims", "verdict": "edit",
             "data": {"source": "the German government"}, "created_at": NOW, "undone": False},
        ])
    claims = {r["id"]: r for r in export_rows(engine)["claims"]}
    assert claims["cla-1"]["speaker"] == "Berlin" and "source" not in claims["cla-1"]
    assert claims["cla-2"]["speaker"] == "the German government" and "source" not in claims["cla-2"]


def test_store_export_and_review_page_apply_verdicts_alike(tmp_path: Path) -> None:
    """One function applies a verdict: the exported row and the review page's item agree for accept, edit,
    reject, an addition and no verdict at all (the page keeps a rejected row, marked, where the export drops it)."""
    from review.repository import META_KEYS, add_extraction, document_items, record_verdict

    engine = open_store(f"sqlite:///{tmp_path / 'd.db'}")
    text = "In 2023 and 2024 Germany sent tanks; in 2025 it sent more."
    doc = make_document("d1", "a.txt", text)
    dates = [{"id": f"dat-{n}", "doc_id": "d1", "text": text[n:n + 4], "start": n, "end": n + 4,
              "value": text[n:n + 4], "relative": False} for n in (3, 12, 40)]
    save_document(engine, doc, document_row(doc, "v1", NOW), {"dates": dates})
    record_verdict(engine, "dat-3", "accept", {})
    record_verdict(engine, "dat-12", "edit", {"value": "2024-06"})
    added = add_extraction(engine, "d1", "dates", {"start": text.index("more"), "end": len(text) - 1,
                                                  "value": "2025"})["items"][0]
    exported = {r["id"]: r for r in export_rows(engine)["dates"]}
    with engine.connect() as conn:
        shown = {i["id"]: {k: v for k, v in i.items() if k not in META_KEYS or k == "reviewed"}
                 for i in document_items(conn, "d1")["dates"]}
    assert exported == shown
    assert exported["dat-12"]["value"] == "2024-06" and exported["dat-12"]["reviewed"] is True
    assert exported[added["id"]]["reviewed"] is True and exported["dat-40"]["reviewed"] is False

    record_verdict(engine, "dat-40", "reject", {})
    with engine.connect() as conn:
        rejected = next(i for i in document_items(conn, "d1")["dates"] if i["id"] == "dat-40")
    assert "dat-40" not in {r["id"] for r in export_rows(engine)["dates"]}
    assert rejected["verdict"] == "reject" and rejected["reviewed"] is False


def open_at_once(url: str, barrier) -> str:  # noqa: ANN001 - a multiprocessing barrier proxy
    barrier.wait()
    try:
        open_store(url).dispose()
    except Exception as exc:  # the test reports what a worker met
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_store_many_processes_opening_a_new_store_at_once_all_get_it(tmp_path: Path) -> None:
    """Dask workers start together on a store nobody made yet: each creates the tables it finds missing, and one
    may create a table another has just checked for."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(4) as pool:
        for attempt in range(6):
            url = f"sqlite:///{tmp_path / f'store-{attempt}.db'}"
            barrier = manager.Barrier(4)
            assert pool.starmap(open_at_once, [(url, barrier)] * 4) == ["ok"] * 4
