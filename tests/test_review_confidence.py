"""A confidence on every extraction, ranked by what produced it."""

from __future__ import annotations

from extractors.document import Document, content_id
from extractors.pipeline import extract_document
from flows.confidence import add_confidence, claim_confidence, date_confidence, mention_confidence
from flows.rows import extraction_rows

# Written for this test: a gazetteer country, a demonym, a person only the model can know, dates of three kinds.
TEXT = ("On 3 May 2024 France said it would send 40 armoured vehicles to the region. French officials added that "
        "Mirela Stanescovic, an adviser, had argued for more last year, and something may follow later.")


def test_review_confidence_ranks_gazetteer_over_model_over_guess() -> None:
    assert mention_confidence("France", "country:FRA") > mention_confidence("French", "country:FRA")
    assert mention_confidence("French", "country:FRA") > mention_confidence("Mirela Stanescovic",
                                                                            "person:mirela-stanescovic")
    assert mention_confidence("Mirela Stanescovic", "person:mirela-stanescovic") > mention_confidence(
        "the coalition", "group:the-coalition")
    assert date_confidence({"value": "2024-05-03"}) > date_confidence({"value": "2023", "relative": True}) > \
        date_confidence({"value": None})
    assert claim_confidence({"source": "the minister", "actor_ids": ["person:x"]}) > \
        claim_confidence({"source": "the minister", "actor_ids": []})
    assert claim_confidence({"speaker": "the minister", "speaker_actor_id": "person:x"}) > \
        claim_confidence({"speaker": "the minister", "speaker_actor_id": None})


def test_review_confidence_keeps_an_extractors_own_value() -> None:
    rows = {"figures": [{"id": "f", "item": None, "confidence": 0.97}], "mentions": [], "actors": []}
    add_confidence(rows)
    assert rows["figures"][0]["confidence"] == 0.97


def test_review_confidence_is_set_on_every_row_the_pipeline_writes(nlp: object) -> None:
    document = Document(doc_id=content_id(TEXT.encode()), source="confidence.txt", format="txt", text=TEXT,
                        published="2024-05-10")
    rows = extraction_rows(document.doc_id, extract_document(document, nlp(TEXT)))
    for name in ("actors", "mentions", "dates", "figures", "claims"):
        assert rows[name], name
        assert all(0.0 < row["confidence"] <= 1.0 for row in rows[name]), name
    by_text = {m["text"]: m["confidence"] for m in rows["mentions"]}
    assert by_text["France"] >= by_text.get("French", 0.0)
