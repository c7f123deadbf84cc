"""One way to make an actor id: the review page's added actors get the id the pipeline gives the same actor."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.actor_ids import actor_id, slug
from extractors.common import load_data
from extractors.pipeline import extract_document
from extractors.readers import read_document


def test_actor_ids_slug_is_the_pipelines() -> None:
    from extractors import actors

    for name in ("Jonas Gahr Støre", "Łukasz Nowak-Żak", "Café Ørsted Group", "Ana María Ruiz", "plain name"):
        assert slug(name) == actors.slug(name)


def test_actor_ids_every_gazetteer_name_gets_the_gazetteer_id() -> None:
    for entry in load_data("organizations.json")["entries"]:
        for name in (entry["name"], *entry["aliases"]):
            assert actor_id(entry["kind"], name) == f"{entry['kind']}:{entry['id']}"
            written = name.upper() if name.lower().startswith("the ") else f"the {name.upper()}"
            assert actor_id(entry["kind"], written) == f"{entry['kind']}:{entry['id']}"


def test_actor_ids_countries_and_unknown_names() -> None:
    assert actor_id("country", "Norway", "NOR") == "country:NOR"
    assert actor_id("person", "Jonas Gahr Støre") == "person:jonas-gahr-store"
    assert actor_id("organization", "Harbour Watch Collective") == "organization:harbour-watch-collective"


@pytest.mark.parametrize(("kind", "name"), [("person", "Ingrid Sørlie"), ("organization", "North Atlantic Treaty "
                                                                                           "Organization")])
def test_actor_ids_match_what_the_pipeline_extracts(nlp, tmp_path: Path, kind: str,  # type: ignore[no-untyped-def]
                                                     name: str) -> None:
    text = (f"Oslo, 3 May 2024. {name} said on Tuesday that the port of Kirkenes would be upgraded. "
            f"Later that week {name} repeated the plan.")
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    document = read_document(tmp_path / "note.txt")
    extraction = extract_document(document, nlp(document.text))
    ids = {a.actor_id for a in extraction.actors if a.kind == kind}
    assert actor_id(kind, name) in ids
