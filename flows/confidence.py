"""A confidence for every extraction, from what produced it.

The extractors do not all report how they found something, so it is read off the row: a mention whose words are a
gazetteer alias of the actor it names beats one the language model found, which beats a pattern's guess; a resolved
absolute date beats a relative one, which beats one left unresolved; a claim whose speaker is one of the document's
actors beats one whose speaker is only a phrase. An extractor that sets `confidence` itself keeps its own value.
The review page sorts its queues and filters by it; it is a ranking, not a calibrated probability.
"""

from __future__ import annotations

from functools import lru_cache

from extractors.actors import load_lexicon, tokenize

GAZETTEER_NAME = 0.9  # the mention's words are the gazetteer's name or alias of this very actor
GAZETTEER_FORM = 0.8  # a demonym or a capital standing for its country
GAZETTEER_ACTOR = 0.75  # the actor is in the gazetteer but these words are not its alias (an acronym the text defines)
MODEL_ENTITY = 0.6  # a person or organisation the language model found
HEURISTIC = 0.5  # anything else a pattern guessed
CATEGORY_CONFIDENCE = {"country": GAZETTEER_NAME, "org": GAZETTEER_NAME, "place": GAZETTEER_NAME,
                       "demonym": GAZETTEER_FORM, "capital": GAZETTEER_FORM, "ambiguous": HEURISTIC}


@lru_cache(maxsize=1)
def gazetteer_actor_ids() -> frozenset[str]:
    return frozenset(term.actor_id for term in load_lexicon().terms.values())


@lru_cache(maxsize=65536)
def mention_confidence(text: str, actor_id: str) -> float:
    term = load_lexicon().terms.get(tuple(t for _, _, t in tokenize(text)))
    if term is not None and term.actor_id == actor_id:
        return CATEGORY_CONFIDENCE.get(term.category, HEURISTIC) if not term.weak else GAZETTEER_ACTOR
    if actor_id in gazetteer_actor_ids():
        return GAZETTEER_ACTOR
    return MODEL_ENTITY if actor_id.split(":", 1)[0] in ("person", "organization") else HEURISTIC


def date_confidence(row: dict) -> float:
    if not row.get("value"):
        return 0.3
    if row.get("relative"):
        return 0.6
    return 0.8 if "/" in str(row["value"]) else 0.9


def figure_confidence(row: dict) -> float:
    return 0.8 if row.get("item") else 0.6


def claim_confidence(row: dict) -> float:
    speaker = row.get("speaker", row.get("source"))
    if not speaker:
        return 0.7  # the author's own claim: nothing to attribute
    speaker_actor = row.get("speaker_actor_id", row.get("source_actor_id"))
    return 0.8 if speaker_actor or row.get("actor_ids") else 0.5


def add_confidence(rows: dict[str, list[dict]]) -> None:
    """Set `confidence` on every row of every dataset that lacks one (in place)."""
    for mention in rows.get("mentions", []):
        mention.setdefault("confidence", mention_confidence(mention["text"], mention["actor_id"]))
    best: dict[str, float] = {}
    for mention in rows.get("mentions", []):
        best[mention["actor_id"]] = max(best.get(mention["actor_id"], 0.0), mention["confidence"])
    for actor in rows.get("actors", []):
        actor.setdefault("confidence", best.get(actor["actor_id"], HEURISTIC))
    for date in rows.get("dates", []):
        date.setdefault("confidence", date_confidence(date))
    for figure in rows.get("figures", []):
        figure.setdefault("confidence", figure_confidence(figure))
    for claim in rows.get("claims", []):
        claim.setdefault("confidence", claim_confidence(claim))
    rebuilt = {info["table_id"] for info in rows.get("table_info", []) if info.get("flags")}
    for cell in rows.get("tables", []):
        # A table its reader flagged (rows without a consistent split, a header dropped) is less certain.
        cell.setdefault("confidence", 0.6 if cell["table_id"] in rebuilt else 0.9)
