"""The review API against a real store the real pipeline filled from corpus/ (plus a two-page brief with a table)."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pandas as pd
import pytest
from review_support import build_store, copy_store, free_port, table_brief
from sqlalchemy import func, select, update

from flows.pipeline_run import current_pipeline_version, reextract_stored, store_for
from review.app import create_app
from schema import SCHEMA
from store.database import documents, reviews

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette prefers httpx2 for its test client; httpx is what is installed
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, nlp: object) -> Path:
    folder = tmp_path_factory.mktemp("review-template")
    build_store(folder, corpus_dir)
    return folder


@pytest.fixture
def out(template_store: Path, tmp_path: Path) -> Path:
    copy_store(template_store, tmp_path / "out")
    return tmp_path / "out"


@pytest.fixture
def url(out: Path) -> str:
    return f"sqlite:///{out / 'dossier.db'}"


@pytest.fixture
def client(url: str, out: Path) -> Iterator[TestClient]:
    with TestClient(create_app(url, out), base_url="http://127.0.0.1") as test_client:
        yield test_client


def doc_by_source(client: TestClient, fragment: str) -> dict:
    return next(d for d in client.get("/api/documents").json() if fragment in d["source"])


def extractions_of(client: TestClient, doc_id: str) -> dict[str, list[dict]]:
    response = client.get(f"/api/documents/{doc_id}/extractions")
    assert response.status_code == 200
    return response.json()


def exported(out: Path, dataset: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{dataset}.parquet")


def review_count(url: str) -> int:
    with store_for(url).connect() as conn:
        return conn.execute(select(func.count()).select_from(reviews)).scalar()


def uncovered_span(text: str, items: list[dict], pattern: str) -> tuple[int, int]:
    """The first match of `pattern` in the text that no item's span touches: something the pipeline missed."""
    for match in re.finditer(pattern, text):
        if not any(i["start"] < match.end() and i["end"] > match.start() for i in items):
            return match.start(), match.end()
    raise AssertionError(f"every {pattern!r} in the text is already extracted")


def test_review_api_lists_documents_with_counts_progress_and_failures(client: TestClient, out: Path) -> None:
    listed = client.get("/api/documents").json()
    files = pd.read_parquet(out / "documents.parquet")
    assert sorted(d["doc_id"] for d in listed) == sorted(files["doc_id"])
    failed = next(d for d in listed if d["source"].endswith("empty.txt"))
    assert failed["status"] == "failed" and "empty" in failed["error"]
    for doc in listed:
        assert {"doc_id", "source", "title", "publisher", "published", "counts", "reviewed", "total"} <= doc.keys()
        for dataset in ("actors", "mentions", "dates", "figures", "claims", "tables"):
            frame = exported(out, dataset)
            assert doc["counts"][dataset] == int((frame["doc_id"] == doc["doc_id"]).sum())
        assert doc["reviewed"] == 0
        assert doc["total"] == sum(doc["counts"].values())
    brief = doc_by_source(client, "tanks-for-ukraine")
    assert brief["title"] == "Tanks for Ukraine: who delivered what" and brief["publisher"] == "Example Institute"


def test_review_api_extractions_carry_ids_contract_columns_and_spans(client: TestClient) -> None:
    for doc in client.get("/api/documents").json():
        items = extractions_of(client, doc["doc_id"])
        assert set(items) == {"actors", "mentions", "dates", "figures", "claims", "tables"}
        text = client.get(f"/api/documents/{doc['doc_id']}").json()["text"] or ""
        for dataset, rows in items.items():
            for row in rows:
                assert set(SCHEMA[dataset].contract_names) <= row.keys(), (dataset, row)
                assert row["id"] and row["verdict"] is None and row["reviewed"] is False
                if dataset in ("mentions", "dates", "figures", "claims"):
                    # Claims keep their sentence's text without the line break a span may end on.
                    assert text[row["start"]:row["end"]].strip() == row["text"].strip()
    assert client.get("/api/documents/nope/extractions").status_code == 404


def test_review_api_verdicts_are_stored_and_exported(client: TestClient, url: str, out: Path) -> None:
    doc = doc_by_source(client, "ies-nato-ap4")
    items = extractions_of(client, doc["doc_id"])
    figure, date, claim, actor = items["figures"][0], items["dates"][0], items["claims"][0], items["actors"][0]

    rejected = client.post(f"/api/extractions/{figure['id']}/review", json={"verdict": "reject"})
    assert rejected.status_code == 200 and rejected.json()["item"]["verdict"] == "reject"
    edited = client.post(f"/api/extractions/{date['id']}/review",
                         json={"verdict": "edit", "value": "2024-10-17/2024-10-18"})
    assert edited.status_code == 200
    assert edited.json()["item"]["value"] == "2024-10-17/2024-10-18" and edited.json()["item"]["reviewed"] is True
    assert client.post(f"/api/extractions/{claim['id']}/review", json={"verdict": "accept"}).status_code == 200
    kind_edit = client.post(f"/api/extractions/{actor['id']}/review",
                            json={"verdict": "edit", "kind": "country", "iso3": "kor"})
    assert kind_edit.status_code == 200 and kind_edit.json()["item"]["iso3"] == "KOR"

    with store_for(url).connect() as conn:
        stored = {r.extraction_id: r for r in conn.execute(select(reviews))}
    assert stored[date["id"]].verdict == "edit" and stored[date["id"]].data == {"value": "2024-10-17/2024-10-18"}
    assert stored[date["id"]].previous["value"] == date["value"] and stored[date["id"]].created_at is not None
    assert stored[figure["id"]].verdict == "reject" and stored[figure["id"]].previous["text"] == figure["text"]

    figures, dates, claims = exported(out, "figures"), exported(out, "dates"), exported(out, "claims")
    assert figure["id"] not in set(figures["id"])
    row = dates[dates["id"] == date["id"]].iloc[0]
    assert row["value"] == "2024-10-17/2024-10-18" and bool(row["reviewed"])
    assert bool(claims[claims["id"] == claim["id"]].iloc[0]["reviewed"])
    assert exported(out, "actors").set_index("id").loc[actor["id"], "iso3"] == "KOR"
    untouched = dates[dates["id"] != date["id"]]
    assert not untouched["reviewed"].any()
    assert doc_by_source(client, "ies-nato-ap4")["reviewed"] == 4


def test_review_api_second_edit_keeps_the_first_and_edits_in_panel(client: TestClient, out: Path) -> None:
    doc = doc_by_source(client, "tanks-for-ukraine")
    figure = extractions_of(client, doc["doc_id"])["figures"][0]
    client.post(f"/api/extractions/{figure['id']}/review", json={"verdict": "edit", "item": "tanks"})
    second = client.post(f"/api/extractions/{figure['id']}/review", json={"verdict": "edit", "unit": "count",
                                                                         "qualifier": "over"})
    assert second.status_code == 200
    row = exported(out, "figures").set_index("id").loc[figure["id"]]
    assert (row["item"], row["qualifier"], row["unit"]) == ("tanks", "over", "count")


def test_review_api_add_missed_actor_date_figure_and_claim(client: TestClient, out: Path) -> None:
    doc = doc_by_source(client, "tanks-for-ukraine")
    text = client.get(f"/api/documents/{doc['doc_id']}").json()["text"]
    items = extractions_of(client, doc["doc_id"])
    start, end = uncovered_span(text, items["mentions"], r"tank coalition")
    added = client.post(f"/api/documents/{doc['doc_id']}/extractions", json={
        "dataset": "actors", "start": start, "end": end, "text": text[start:end],
        "name": "International tank coalition", "kind": "group"})
    assert added.status_code == 201, added.text
    mention, actor = added.json()["items"]
    assert mention["actor_id"] == actor["actor_id"] == "group:international-tank-coalition"

    # Spans the pipeline's conventions do not produce, so each is a genuine addition.
    month = text.index("in April 2024")
    figure_at = text.index("10 more")
    claim_at = text.index("Spain promised")
    for body in (
        {"dataset": "dates", "start": month, "end": month + len("in April 2024"), "value": "2024-04"},
        {"dataset": "figures", "start": figure_at, "end": figure_at + len("10 more"), "value": 10, "unit": "count",
         "item": "tanks", "actor_id": "country:DEU"},
        {"dataset": "claims", "start": claim_at, "end": claim_at + len("Spain promised more armour"),
         "speaker": "Spain", "hedged": False},
    ):
        response = client.post(f"/api/documents/{doc['doc_id']}/extractions", json=body)
        assert response.status_code == 201, response.text
        frame = exported(out, body["dataset"])
        row = frame[(frame["doc_id"] == doc["doc_id"]) & (frame["start"] == body["start"])
                    & (frame["end"] == body["end"])].iloc[0]
        assert bool(row["reviewed"]) and row["text"] == text[body["start"]:body["end"]]

    mentions, actors = exported(out, "mentions"), exported(out, "actors")
    assert mention["id"] in set(mentions["id"])
    assert actors.set_index("id").loc[actor["id"], "name"] == "International tank coalition"
    again = client.post(f"/api/documents/{doc['doc_id']}/extractions", json={
        "dataset": "actors", "start": start, "end": end, "actor_id": actor["actor_id"]})
    assert again.status_code == 409 and "exists already" in again.json()["detail"]


def test_review_api_bad_requests_get_clear_4xx_and_write_nothing(client: TestClient, url: str, out: Path) -> None:
    doc = doc_by_source(client, "ies-nato-ap4")
    items = extractions_of(client, doc["doc_id"])
    figure, date = items["figures"][0], items["dates"][0]
    country = next(a for a in items["actors"] if a["kind"] == "country")
    before = (out / "figures.parquet").read_bytes()
    cases = [
        ("/api/extractions/fig-doesnotexist/review", {"verdict": "accept"}, 404, "no extraction"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "edit", "value": "lots"}, 422, "number"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "edit", "unit": "furlongs"}, 422, "unit"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "edit", "colour": "red"}, 422, "colour"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "edit"}, 422, "at least one field"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "maybe"}, 422, "verdict"),
        (f"/api/extractions/{figure['id']}/review", {"verdict": "accept", "value": 3}, 422, "no fields"),
        (f"/api/extractions/{figure['id']}/review", {"value": 3}, 422, "verdict"),
        (f"/api/extractions/{country['id']}/review", {"verdict": "edit", "iso3": "KO"}, 422, "3 letters"),
        (f"/api/extractions/{country['id']}/review", {"verdict": "edit", "iso3": "ZZZ"}, 422, "ISO 3166"),
        (f"/api/extractions/{country['id']}/review", {"verdict": "edit", "kind": "person"}, 422, "only for countries"),
        (f"/api/extractions/{date['id']}/review", {"verdict": "edit", "value": "31/10/2024"}, 422, "ISO 8601"),
        (f"/api/extractions/{date['id']}/review", {"verdict": "edit", "value": "2024-02-30"}, 422, "ISO 8601"),
        (f"/api/extractions/{date['id']}/review", {"verdict": "edit", "value": "2024/2023"}, 422, "ends before"),
        (f"/api/extractions/{date['id']}/review", {"verdict": "edit", "relative": "yes"}, 422, "true or false"),
        (f"/api/extractions/{date['id']}/review", {"verdict": "edit", "end": 10**7}, 422, "out of range"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "dates", "start": 5, "end": 10**7,
                                                        "value": "2024"}, 422, "out of range"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "dates", "start": 0, "end": 7, "text": "Nothing",
                                                        "value": "2024"}, 422, "does not match"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "figures", "start": 0, "end": 7}, 422,
         "needs value, unit"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "actors", "start": 0, "end": 7,
                                                        "kind": "country", "iso3": None}, 422, "needs iso3"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "weather", "start": 0, "end": 7}, 422,
         "dataset"),
        (f"/api/documents/{doc['doc_id']}/extractions", {"dataset": "dates", "start": "0", "end": 7,
                                                        "value": "2024"}, 422, "integer"),
        ("/api/documents/nope/extractions", {"dataset": "dates", "start": 0, "end": 4, "value": "2024"}, 404,
         "no document"),
        ("/api/reviews/999999/undo", None, 404, "no review"),
    ]
    for path, body, status, words in cases:
        response = client.post(path, json=body)
        assert response.status_code == status, (path, body, response.text)
        assert words.lower() in str(response.json()["detail"]).lower(), (body, response.json())
    assert review_count(url) == 0
    assert (out / "figures.parquet").read_bytes() == before


def test_review_api_undo_restores_rows_and_removes_additions(client: TestClient, url: str, out: Path) -> None:
    doc = doc_by_source(client, "tanks-for-ukraine")
    figure = extractions_of(client, doc["doc_id"])["figures"][0]
    review = client.post(f"/api/extractions/{figure['id']}/review", json={"verdict": "reject"}).json()["review"]
    assert figure["id"] not in set(exported(out, "figures")["id"])
    undone = client.post(f"/api/reviews/{review['review_id']}/undo")
    assert undone.status_code == 200 and undone.json()["undone"] == [review["review_id"]]
    assert figure["id"] in set(exported(out, "figures")["id"])
    assert client.post(f"/api/reviews/{review['review_id']}/undo").status_code == 409

    text = client.get(f"/api/documents/{doc['doc_id']}").json()["text"]
    start = text.index("armour")
    added = client.post(f"/api/documents/{doc['doc_id']}/extractions", json={
        "dataset": "actors", "start": start, "end": start + 6, "name": "Armoured forces", "kind": "group"}).json()
    mention_id, actor_id = (row["id"] for row in added["items"])
    client.post(f"/api/extractions/{mention_id}/review", json={"verdict": "edit", "end": start + 6})
    client.post(f"/api/reviews/{added['reviews'][0]['review_id']}/undo")
    assert mention_id not in set(exported(out, "mentions")["id"])
    assert actor_id not in set(exported(out, "actors")["id"])
    history = client.get(f"/api/documents/{doc['doc_id']}/reviews").json()
    assert all(r["undone"] for r in history["reviews"]) and history["orphaned"] == []
    with store_for(url).connect() as conn:
        assert conn.execute(select(func.count()).select_from(reviews)).scalar() == 4  # kept, marked undone


def test_review_api_verdicts_survive_reprocessing_and_lost_ones_are_orphaned(client: TestClient, url: str,
                                                                             out: Path) -> None:
    doc = doc_by_source(client, "tanks-for-ukraine")
    items = extractions_of(client, doc["doc_id"])
    ukraine = next(m for m in items["mentions"] if m["text"] == "Ukraine")
    date = next(d for d in items["dates"] if d["text"] == "12 March 2024")
    figure = items["figures"][0]
    cell = next(c for c in items["tables"] if c["text"] == "0.9%")
    client.post(f"/api/extractions/{ukraine['id']}/review", json={"verdict": "reject"})
    client.post(f"/api/extractions/{date['id']}/review", json={"verdict": "edit", "value": "2024-03-12"})
    client.post(f"/api/extractions/{figure['id']}/review", json={"verdict": "reject"})
    client.post(f"/api/extractions/{cell['id']}/review", json={"verdict": "edit", "value": 0.009})

    # The stored text changes where "Ukraine" was (same length, so other offsets hold), as when a reader improves.
    engine = store_for(url)
    changed = table_brief().text[:ukraine["start"]] + "the war" + table_brief().text[ukraine["end"]:]
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.doc_id == doc["doc_id"]).values(text=changed))
    reextract_stored(url, [doc["doc_id"]], current_pipeline_version())
    from flows.export import write_datasets
    from store.database import export_rows

    write_datasets(out, export_rows(engine))

    dates, figures, tables = exported(out, "dates"), exported(out, "figures"), exported(out, "tables")
    assert dates.set_index("id").loc[date["id"], "value"] == "2024-03-12"
    assert figure["id"] not in set(figures["id"])
    assert tables.set_index("id").loc[cell["id"], "value"] == 0.009
    orphans = client.get(f"/api/documents/{doc['doc_id']}/reviews").json()["orphaned"]
    assert [(o["extraction_id"], o["verdict"], o["text"]) for o in orphans] == [(ukraine["id"], "reject", "Ukraine")]
    assert doc_by_source(client, "tanks-for-ukraine")["orphaned"] == 1
    page = client.get(f"/documents/{doc['doc_id']}").text
    assert "Orphaned verdicts" in page and ukraine["id"] in page
    assert client.get("/api/orphaned").json()[0]["review_id"] == orphans[0]["review_id"]


def test_review_api_document_page_marks_every_span_with_tables_and_pages(client: TestClient) -> None:
    doc = doc_by_source(client, "tanks-for-ukraine")
    items = extractions_of(client, doc["doc_id"])
    page = client.get(f"/documents/{doc['doc_id']}")
    assert page.status_code == 200
    html = page.text
    for dataset in ("mentions", "dates", "figures", "claims"):
        for item in items[dataset]:
            assert re.search(rf'<mark [^>]*data-id="{item["id"]}"', html), (dataset, item["text"])
    assert html.count('<table class="doc-table"') == 1 and re.search(r"<th>(<[^>]+>)*Tanks(<[^>]+>)*</th>", html)
    for cell in items["tables"]:
        assert f'data-id="{cell["id"]}"' in html
    # Row labels are mentions of their countries: each is marked inside its own cell of the rendered table.
    raw = table_brief().raw_tables[0]
    in_table = [m for m in items["mentions"] if raw.start <= m["start"] and m["end"] <= raw.end]
    assert {m["text"] for m in in_table} >= {"Poland", "Germany", "Spain"}
    for mention in in_table:
        cell = next(c for c in items["tables"] if mention["text"] in c["text"])
        assert re.search(rf'<td [^>]*data-id="{cell["id"]}"[^>]*>(<span[^>]*>)?<mark [^>]*data-id="{mention["id"]}"',
                         html), mention["text"]
    assert 'data-page="page 2"' in html
    germany = next(m for m in items["mentions"] if m["actor_id"] == "country:DEU")
    assert re.search(rf'data-id="{germany["id"]}" data-ds="mentions" data-tip="Germany \(country, DEU\) · page 2"',
                     html)
    date = next(d for d in items["dates"] if d["text"] == "12 March 2024")
    assert f'data-tip="{date["value"]} · page 1"' in html
    index = client.get("/").text
    failed = next(d for d in client.get("/api/documents").json() if d["status"] == "failed")
    assert "Tanks for Ukraine: who delivered what" in index and f"failed: {failed['error']}" in index
    assert client.get("/documents/nope").status_code == 404


def test_review_api_documents_openapi_and_static_assets(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}/extractions", "/api/extractions/{extraction_id}/review",
                 "/api/reviews/{review_id}/undo"):
        assert path in paths
    assert "post" in paths["/api/documents/{doc_id}/extractions"]
    assert "keydown" in client.get("/static/review.js").text
    assert client.get("/static/review.css").status_code == 200


def test_review_cli_serves_the_page_on_loopback(out: Path, tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "flows.cli", "review", "--out", str(out), "--port", str(port)],
                              cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.2)
        assert response.status_code == 200
        listed = sorted(d["doc_id"] for d in response.json())
        assert listed == sorted(pd.read_parquet(out / "documents.parquet")["doc_id"]) and len(listed) >= 3
    finally:
        server.terminate()
        server.wait(timeout=20)
    missing = subprocess.run([sys.executable, "-m", "flows.cli", "review", "--out", str(tmp_path / "none")], cwd=REPO,
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no store" in missing.stderr


def test_review_facts_queue_lists_conflicts_first_and_opens_the_statements(client: TestClient) -> None:
    facts = client.get("/api/facts").json()
    assert facts, "the corpus states facts"
    flags = [f["conflict"] for f in facts]
    assert flags == sorted(flags, reverse=True)  # conflicts first
    cell = next(f for f in facts if f["actor_id"] == "country:POL" and f["item"] == "tank" and f["period"] is None)
    assert cell["value"] == 250 and cell["evidence"]
    brief = doc_by_source(client, "tanks-for-ukraine")
    assert {e["doc_id"] for e in cell["evidence"]} == {brief["doc_id"]}
    page = client.get("/facts")
    assert page.status_code == 200
    assert f'/documents/{brief["doc_id"]}#{cell["evidence"][0]["id"]}' in page.text


def test_review_facts_follow_verdicts(client: TestClient) -> None:
    fact = next(f for f in client.get("/api/facts").json() if f["evidence"] and f["evidence"][0]["id"].startswith(
        "fig-"))
    for evidence in fact["evidence"]:
        assert client.post(f"/api/extractions/{evidence['id']}/review", json={"verdict": "reject"}).status_code == 200
    assert fact["fact_id"] not in {f["fact_id"] for f in client.get("/api/facts").json()}


def test_review_facts_queue_pages_through_every_fact_once(client: TestClient) -> None:
    whole = client.get("/api/facts", params={"limit": 5000})
    total = int(whole.headers["X-Total-Count"])
    assert total == len(whole.json()) > 10
    assert int(whole.headers["X-Conflict-Count"]) == sum(f["conflict"] for f in whole.json())
    pages = [client.get("/api/facts", params={"offset": offset, "limit": 7}).json() for offset in range(0, total, 7)]
    assert [f["fact_id"] for page in pages for f in page] == [f["fact_id"] for f in whole.json()]
    assert client.get("/api/facts", params={"offset": total}).json() == []
    assert client.get("/api/facts", params={"limit": 0}).status_code == 422
    first = client.get("/facts")
    assert f"{total} facts" in first.text and 'id="facts-previous"' not in first.text
    last = client.get("/facts", params={"offset": total - 1})  # the last fact alone: a page with a way back
    assert f'data-fact-id="{whole.json()[-1]["fact_id"]}"' in last.text
    assert last.text.count('data-fact-id=') == 1 and 'id="facts-previous"' in last.text
    assert 'id="facts-next"' not in last.text
