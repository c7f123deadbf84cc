"""Corpus-level facts and actors: two articles of our own, run through the real extraction and export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from flows.evaluate import extract_to_datasets
from flows.facts import corpus_actor_ids, value_range, written_precision

FIRST = """Chile expands its Andean mission

By Ana Lopez

In 2023, Chile deployed 4,000 troops to Peru, the defence ministry said. Vladimir Putin criticised the move in a
speech in Moscow.
"""

SECOND = """The Andean mission is larger than reported

By Tomas Reyes

Chile deployed 6,500 troops to Peru in 2023, according to a parliamentary report. President Putin has said nothing
about it.

| Country | Military assistance (EUR billion) | Troops |
|---|---|---|
| Chile | 1.5 | 6,500 |
| Peru | 0.4 | 900 |
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("facts")
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    out = folder / "out"
    extract_to_datasets([folder / "first.txt", folder / "second.txt"], out)
    return out


def test_facts_two_articles_with_different_values_conflict(exported: Path) -> None:
    facts = pd.read_parquet(exported / "facts.parquet")
    # the README's query for conflicts
    conflicts = facts[facts["conflict"]].sort_values(["actor_id", "item", "period", "value"])
    assert list(zip(conflicts["actor_id"], conflicts["item"], conflicts["counterpart_actor_id"], conflicts["period"],
                    conflicts["value"], strict=True)) == [
        ("country:CHL", "troop", "country:PER", "2023", 4000.0),
        ("country:CHL", "troop", "country:PER", "2023", 6500.0),
    ]
    assert all(len(docs) == 1 for docs in conflicts["doc_ids"])
    documents = pd.read_parquet(exported / "documents.parquet")
    assert set(conflicts["doc_ids"].map(lambda d: d[0])) == set(documents["doc_id"])
    assert all(len(claims) == 1 for claims in conflicts["claim_ids"])
    assert (facts["n_sources"] >= 1).all()


def test_facts_table_cells_are_facts_in_the_units_of_prose(exported: Path) -> None:
    facts = pd.read_parquet(exported / "facts.parquet")
    cells = {(a, i, v, u) for a, i, v, u in zip(facts["actor_id"], facts["item"], facts["value"], facts["unit"],
                                                strict=True)}
    assert ("country:CHL", "military aid", 1.5e9, "EUR") in cells  # 'assistance' and 'aid' are one item
    assert ("country:PER", "troop", 900.0, "count") in cells


def test_facts_csv_joins_lists(exported: Path) -> None:
    facts = pd.read_csv(exported / "facts.csv")
    assert facts["doc_ids"].map(lambda v: isinstance(v, str)).all()


def test_corpus_actors_join_name_variants_across_documents(exported: Path) -> None:
    actors = pd.read_parquet(exported / "corpus_actors.parquet")
    putin = actors[actors["name"] == "Vladimir Putin"]
    assert len(putin) == 1
    assert putin["n_docs"].iloc[0] == 2
    assert not actors["actor_ids"].map(lambda ids: "person:putin" in ids and len(ids) == 1).any()
    chile = actors[actors["actor_id"] == "country:CHL"]
    assert chile["n_docs"].iloc[0] == 2


def test_corpus_actor_ids_leave_a_surname_two_people_share_alone() -> None:
    rows = [{"actor_id": "person:adam-smith", "name": "Adam Smith", "kind": "person"},
            {"actor_id": "person:john-smith", "name": "John Smith", "kind": "person"},
            {"actor_id": "person:smith", "name": "Smith", "kind": "person"},
            {"actor_id": "person:dr-jones", "name": "Dr Jones", "kind": "person"},
            {"actor_id": "person:mary-jones", "name": "Mary Jones", "kind": "person"}]
    mapping = corpus_actor_ids(rows)
    assert mapping["person:smith"] == "person:smith"
    assert mapping["person:dr-jones"] == "person:mary-jones"
    assert mapping["person:adam-smith"] == "person:adam-smith"


def test_facts_value_ranges_follow_qualifiers_and_rounding() -> None:
    assert written_precision(8400) == 50
    assert written_precision(4.5e9) == 5e7
    assert written_precision(2.45) == pytest.approx(0.005)
    low, high = value_range(50, "over")
    assert low < 50 < 1e9 < high
    assert value_range(8000, "about")[0] < 7500 < 8600 < value_range(8000, "about")[1]
    assert value_range(8400, None) == (8350, 8450)


def figure_row(doc_id: str, value: float, qualifier: str | None = None, speaker_claim: str | None = None) -> dict:
    return {"id": f"fig-{doc_id}-{value}", "doc_id": doc_id, "value": value, "unit": "count", "qualifier": qualifier,
            "item": "troops", "item_head": "troop", "actor_id": "country:CHL", "counterpart_actor_id": None,
            "period": "2023", "claim_id": speaker_claim, "text": str(value)}


def test_facts_conflict_only_between_sources_whose_values_cannot_both_hold() -> None:
    from flows.facts import fact_rows

    def conflicts(figures: list[dict]) -> set[float]:
        facts, _ = fact_rows({"figures": figures, "actors": [], "claims": []})
        return {f["value"] for f in facts if f["conflict"]}

    assert conflicts([figure_row("a", 8000, "about"), figure_row("b", 8300)]) == set()  # 'about 8,000' covers it
    assert conflicts([figure_row("a", 5000, "over"), figure_row("b", 6000)]) == set()
    assert conflicts([figure_row("a", 4000), figure_row("a", 6500)]) == set()  # one article: a change over time
    assert conflicts([figure_row("a", 4000), figure_row("b", 6500)]) == {4000, 6500}


def table_cells(table_id: str, rows: list[list]) -> list[dict]:
    header, *body = rows
    return [{"id": f"{table_id}-{r}-{c}", "doc_id": "d", "table_id": table_id, "row": r, "col": c, "header": header[c],
             "text": str(text), "value": text if isinstance(text, float) else None, "unit": None,
             "row_iso3": {"Chile": "CHL", "Peru": "PER"}.get(row[0])}
            for r, row in enumerate(body) for c, text in enumerate(row)]


def test_facts_year_columns_take_item_and_unit_from_the_caption_or_the_row() -> None:
    from flows.facts import fact_rows

    by_state = table_cells("t1", [["Country", "2022", "2023"], ["Chile", 1.5, 2.0], ["Peru", 0.5, 0.75]])
    by_item = table_cells("t2", [["Category", "2022", "2023"], ["Equipment", 4.0, 5.5], ["Personnel", 9.0, 9.5]])
    info = [{"table_id": "t1", "caption": "Table 1. Copper exports by destination, billion tonnes"},
            {"table_id": "t2", "caption": "Table 2: Chilean defence spending (CLP billion)"}]
    facts, _ = fact_rows({"figures": [], "actors": [], "claims": [], "tables": by_state + by_item,
                          "table_info": info})
    found = {(f["actor_id"], f["item"], f["period"], f["value"], f["unit"]) for f in facts}
    # a row per state: the caption, without its number and unit, is the item; its unit scales every cell
    assert ("country:CHL", "copper export by destination", "2023", 2e9, "t") in found
    # a row per item: the row label is the item, the state is the one the caption names
    assert ("country:CHL", "equipment", "2022", 4e9, "CLP") in found
    assert ("country:CHL", "personnel", "2023", 9.5e9, "CLP") in found
    assert len(facts) == 8


def test_facts_caption_naming_a_recipient_gives_no_owner() -> None:
    from flows.facts import caption_state

    assert caption_state("Military aid to Peru by category, USD million") is None
    assert caption_state("Table 4. Peru's military aid by category") == "PER"
    assert caption_state("Aid from Chile and Peru") is None  # two givers: whose is unclear
