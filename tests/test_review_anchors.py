"""Verdicts re-attached by content when a file is edited, and exports kept consistent after every verdict.

Rows are built by hand from sentences written for these tests: what is under test is the store and the review
layer, not the extractors (the browser test runs the same path through the real pipeline on a real article).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extractors.document import Document, content_id
from extractors.records import extraction_id
from flows.rows import document_row
from review.app import create_app
from review.repository import add_extraction, all_orphaned, document_view, record_verdict
from store.anchors import Anchor, anchor_of, match_anchors
from store.database import current_doc_id, export_rows, open_store, save_document

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SOURCE = "briefs/armour.txt"
FIRST = ("Poland sent 250 tanks to the front in March 2024, the ministry said. "
         "Spain sent 10 tanks in April 2024 after long talks. "
         "Germany said it would send more armour soon.")
# The edit: a new opening sentence, and the sentence about Germany gone.
SECOND = ("A new opening line says that officials met again. "
          "Poland sent 250 tanks to the front in March 2024, the ministry said. "
          "Spain sent 10 tanks in April 2024 after long talks.")
ACTORS = {"Poland": ("country:POL", "POL"), "Spain": ("country:ESP", "ESP"), "Germany": ("country:DEU", "DEU")}


def span(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def rows_for(doc_id: str, text: str) -> dict[str, list[dict]]:
    """What an extractor would report for these sentences, with ids from the document's content and offsets."""
    rows: dict[str, list[dict]] = {"actors": [], "mentions": [], "dates": [], "figures": [], "claims": []}
    for name, (actor_id, iso3) in ACTORS.items():
        if name not in text:
            continue
        start, end = span(text, name)
        rows["actors"].append({"id": extraction_id(doc_id, "actors", actor_id), "doc_id": doc_id,
                               "actor_id": actor_id, "name": name, "kind": "country", "iso3": iso3, "role": None,
                               "members": [], "mentions": 1, "confidence": 0.95})
        rows["mentions"].append({"id": extraction_id(doc_id, "mentions", start, end, actor_id), "doc_id": doc_id,
                                 "actor_id": actor_id, "text": name, "start": start, "end": end,
                                 "confidence": 0.95})
    for fragment, value in (("March 2024", "2024-03"), ("April 2024", "2024-04")):
        start, end = span(text, fragment)
        rows["dates"].append({"id": extraction_id(doc_id, "dates", start, end), "doc_id": doc_id, "text": fragment,
                              "start": start, "end": end, "value": value, "relative": False, "confidence": 0.9})
    for fragment, value, item in (("250 tanks", 250.0, "tanks"), ("10 tanks", 10.0, None)):
        start, end = span(text, fragment)
        figure_id = extraction_id(doc_id, "figures", start, end)
        rows["figures"].append({"id": figure_id, "doc_id": doc_id, "figure_id": figure_id, "text": fragment,
                                "start": start, "end": end, "value": value, "unit": "count", "qualifier": None,
                                "per": None, "item": item, "actor_id": ACTORS[fragment == "10 tanks" and "Spain"
                                                                               or "Poland"][0],
                                "confidence": 0.8 if item else 0.4})
    for sentence, actor in (("Poland sent 250 tanks to the front in March 2024, the ministry said.", "Poland"),
                            ("Spain sent 10 tanks in April 2024 after long talks.", "Spain")):
        start, end = span(text, sentence)
        claim_id = extraction_id(doc_id, "claims", start, end)
        figures = [f["id"] for f in rows["figures"] if start <= f["start"] < end]
        dates = [d["value"] for d in rows["dates"] if start <= d["start"] < end]
        rows["claims"].append({"id": claim_id, "doc_id": doc_id, "claim_id": claim_id, "text": sentence,
                               "start": start, "end": end, "source": actor, "hedged": False,
                               "actor_ids": [ACTORS[actor][0]], "speaker_actor_id": ACTORS[actor][0],
                               "figure_ids": figures, "date_values": dates, "confidence": 0.7})
    return rows


def save_version(engine: object, text: str, source: str = SOURCE) -> str:
    doc_id = content_id(text.encode())
    document = Document(doc_id=doc_id, source=source, format="txt", text=text)
    save_document(engine, document, document_row(document, "v1", NOW), rows_for(doc_id, text))
    return doc_id


def item(engine: object, doc_id: str, dataset: str, text: str) -> dict:
    return next(i for i in document_view(engine, doc_id)["items"][dataset] if (i.get("text") or i["name"]) == text)


def claims_of(rows: dict[str, list[dict]]) -> dict[str, dict]:
    return {c.get("speaker") or c.get("source"): c for c in rows["claims"]}  # named speaker since the rename


@pytest.fixture
def engine(tmp_path: Path) -> object:
    return open_store(f"sqlite:///{tmp_path / 'dossier.db'}")


def test_review_anchors_verdicts_follow_their_extraction_across_an_edit(engine: object) -> None:
    first = save_version(engine, FIRST)
    record_verdict(engine, item(engine, first, "mentions", "Poland")["id"], "accept", {})
    record_verdict(engine, item(engine, first, "figures", "10 tanks")["id"], "reject", {})
    record_verdict(engine, item(engine, first, "dates", "April 2024")["id"], "edit", {"value": "2024-04-02"})
    record_verdict(engine, item(engine, first, "mentions", "Germany")["id"], "reject", {})
    record_verdict(engine, item(engine, first, "actors", "Spain")["id"], "accept", {})

    second = save_version(engine, SECOND)
    assert second != first
    assert item(engine, second, "mentions", "Poland")["verdict"] == "accept"
    assert item(engine, second, "figures", "10 tanks")["verdict"] == "reject"
    april = item(engine, second, "dates", "April 2024")
    assert (april["verdict"], april["value"]) == ("edit", "2024-04-02")
    assert item(engine, second, "actors", "Spain")["verdict"] == "accept"
    assert item(engine, second, "dates", "March 2024")["verdict"] is None

    # Only what truly disappeared is orphaned, and it belongs to the version stored now.
    orphans = all_orphaned(engine)
    assert [(o["dataset"], o["text"], o["doc_id"]) for o in orphans] == [("mentions", "Germany", second)]
    assert current_doc_id(engine.connect(), first) == second

    rows = export_rows(engine)
    assert [f["text"] for f in rows["figures"]] == ["250 tanks"]
    assert {d["text"]: d["value"] for d in rows["dates"]} == {"March 2024": "2024-03", "April 2024": "2024-04-02"}
    assert rows["documents"][0]["doc_key"] is not None


def test_review_anchors_the_same_words_elsewhere_do_not_take_a_verdict() -> None:
    text = "Officials in Warsaw said Spain will help. Later, after the vote, Spain will help again."
    rows: list[dict] = []  # the dataset's other rows matter only for table cells
    first = {"id": "m1", "actor_id": "country:ESP", "start": text.index("Spain"), "end": text.index("Spain") + 5}
    wanted = {"m1": anchor_of("mentions", first, text, rows)}
    rewritten = "Nothing of the first sentence is left here. Later, after the vote, Spain will help again."
    at = rewritten.index("Spain")
    offered = {"m2": anchor_of("mentions", {"id": "m2", "actor_id": "country:ESP", "start": at, "end": at + 5},
                               rewritten, rows)}
    assert match_anchors(wanted, offered) == {}
    moved = "An added sentence. " + text
    at = moved.index("Spain")
    offered = {"m3": anchor_of("mentions", {"id": "m3", "actor_id": "country:ESP", "start": at, "end": at + 5},
                               moved, rows)}
    assert match_anchors(wanted, offered) == {"m1": "m3"}
    # Another actor at the same words is another extraction: the verdict does not follow.
    other = {"m4": Anchor(("mentions", "country:DEU", "spain"), wanted["m1"].before, wanted["m1"].after)}
    assert match_anchors(wanted, other) == {}


def test_review_anchors_reviewer_additions_move_with_their_text(engine: object) -> None:
    first = save_version(engine, FIRST)
    start, end = span(FIRST, "the ministry")
    added = add_extraction(engine, first, "actors", {"start": start, "end": end, "name": "Defence ministry",
                                                     "kind": "organization"})
    mention_id = added["items"][0]["id"]
    second = save_version(engine, SECOND)
    mention = next(m for m in document_view(engine, second)["items"]["mentions"] if m["id"] == mention_id)
    assert (mention["start"], mention["end"]) == span(SECOND, "the ministry")
    assert all_orphaned(engine) == []


def test_review_anchors_rejected_actor_and_figure_leave_no_dangling_links(engine: object) -> None:
    doc_id = save_version(engine, FIRST)
    record_verdict(engine, item(engine, doc_id, "actors", "Poland")["id"], "reject", {})
    record_verdict(engine, item(engine, doc_id, "figures", "10 tanks")["id"], "reject", {})
    record_verdict(engine, item(engine, doc_id, "dates", "March 2024")["id"], "edit", {"value": "2024-03-05"})
    tanks = item(engine, doc_id, "figures", "250 tanks")
    record_verdict(engine, tanks["id"], "edit", {"value": 260.0})
    rows = export_rows(engine)
    assert claims_of(rows)["Poland"]["figure_ids"] == [tanks["id"]]  # an edited figure keeps its place in claims
    assert [f["value"] for f in rows["figures"]] == [260.0]
    assert "country:POL" not in {m["actor_id"] for m in rows["mentions"]}
    assert "country:POL" not in {a["actor_id"] for a in rows["actors"]}
    claims = claims_of(rows)
    assert claims["Poland"]["actor_ids"] == [] and claims["Poland"]["speaker_actor_id"] is None
    assert claims["Poland"]["date_values"] == ["2024-03-05"]
    assert claims["Spain"]["figure_ids"] == [] and claims["Spain"]["speaker_actor_id"] == "country:ESP"
    assert {f["text"]: f["actor_id"] for f in rows["figures"]} == {"250 tanks": None}


@pytest.fixture
def client(tmp_path: Path, engine: object) -> Iterator[TestClient]:
    with TestClient(create_app(f"sqlite:///{tmp_path / 'dossier.db'}", tmp_path / "out"),
                    base_url="http://127.0.0.1") as test_client:  # the server answers loopback names only
        yield test_client


def test_review_anchors_old_links_lead_to_the_current_version_and_orphans_go_in_bulk(
        engine: object, client: TestClient) -> None:
    first = save_version(engine, FIRST)
    record_verdict(engine, item(engine, first, "mentions", "Germany")["id"], "reject", {})
    second = save_version(engine, SECOND)
    page = client.get(f"/documents/{first}", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/documents/{second}"
    assert client.get(f"/documents/{first}").status_code == 200
    assert client.get("/documents/0000000000000000").status_code == 404
    index = client.get("/").text
    assert f'href="/documents/{second}"' in index and f'href="/documents/{first}"' not in index
    dismissed = client.post("/api/orphaned/dismiss").json()["dismissed"]
    assert len(dismissed) == 1 and client.get("/api/orphaned").json() == []


def test_review_anchors_decisions_queues_search_and_export(engine: object, client: TestClient,
                                                           tmp_path: Path) -> None:
    doc_id = save_version(engine, FIRST)
    units = client.get(f"/api/documents/{doc_id}/units").json()
    assert [u["start"] for u in units] == sorted(u["start"] for u in units)
    claim = next(u for u in units if u["kind"] == "claim" and "Spain" in u["label"])
    spain = item(engine, doc_id, "mentions", "Spain")
    ten = item(engine, doc_id, "figures", "10 tanks")
    april = item(engine, doc_id, "dates", "April 2024")
    assert set(claim["ids"]) == {claim["head"], spain["id"], ten["id"], april["id"]}

    # Reject one part, then accept the claim with its parts: the rejected part stays rejected.
    client.post(f"/api/extractions/{ten['id']}/review", json={"verdict": "reject"})
    decided = client.post(f"/api/documents/{doc_id}/decisions", json={"verdict": "accept", "ids": claim["ids"]})
    assert decided.status_code == 200
    assert {c["id"] for c in decided.json()["changed"]} == {claim["head"], spain["id"], april["id"]}
    assert item(engine, doc_id, "figures", "10 tanks")["verdict"] == "reject"
    undone = client.post(f"/api/reviews/{decided.json()['review_ids'][0]}/undo").json()
    assert sorted(undone["undone"]) == decided.json()["review_ids"]
    assert {c["id"]: c["verdict"] for c in undone["changed"]} == dict.fromkeys(
        [claim["head"], spain["id"], april["id"]])

    # Queues across documents: the figure that does not say what it counts, lowest confidence first.
    client.post(f"/api/reviews/{client.get(f'/api/documents/{doc_id}/reviews').json()['reviews'][-1]['review_id']}"
                "/undo")
    assert [q["text"] for q in client.get("/api/queues/figures-without-item").json()] == ["10 tanks"]
    low = client.get("/api/queues/low-confidence").json()
    assert low[0]["text"] == "10 tanks" and [q["confidence"] for q in low] == sorted(q["confidence"] for q in low)
    assert client.get("/api/queues/nothing").status_code == 404
    found = client.get("/api/search", params={"q": "spain"}).json()
    assert {(f["dataset"], f["text"]) for f in found} >= {("actors", "Spain"), ("mentions", "Spain")}
    assert "10 tanks" in client.get("/search", params={"q": "tanks"}).text

    # Everything left, in bulk; then the export endpoint serves the reviewed rows.
    rest = client.post(f"/api/documents/{doc_id}/decisions", json={"verdict": "accept"}).json()
    assert rest["progress"]["reviewed"] == rest["progress"]["total"]
    csv = client.get("/api/export", params={"dataset": "figures", "format": "csv"})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "250 tanks" in csv.text and ",True" in csv.text
    parquet = client.get("/api/export", params={"dataset": "claims", "format": "parquet"})
    assert parquet.status_code == 200 and parquet.content[:4] == b"PAR1"
    assert client.get("/api/export", params={"dataset": "secrets"}).status_code == 422
    assert client.get("/api/export", params={"dataset": "figures", "format": "xlsx"}).status_code == 422
    assert client.get("/api/export/status").json()["current"] is True
