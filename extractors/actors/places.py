"""The places stage: places spaCy finds that the gazetteer does not know, kept out where they are an organisation,
a person, an acronym, a heading or a document's name."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from extractors.actor_ids import slug
from extractors.actors.gazetteer import Lexicon
from extractors.actors.identity import find_person
from extractors.actors.names import clean_entity, is_acronym, line_around, words
from extractors.actors.records import Hit, OrgBook, Person
from extractors.nlp import doc_text
from extractors.positions import Intervals, entities_of
from extractors.records import ArticleContext

Places = dict[str, tuple[str, list[Hit]]]  # actor_id -> (name, mentions)


def place_name_problem(name: str, line: str, persons: list[Person], lex: Lexicon) -> str | None:
    """Why a name spaCy calls a place is none (a drop reason), or None; `line`: the line of text it stands in."""
    if any(c.isdigit() for c in name):
        return "digit_in_name"
    if is_acronym(name) or re.fullmatch(r"[A-Z]{2,}s", name):
        return "acronym"
    if line.strip() == name:
        return "heading"
    if find_person(persons, name) is not None:
        return "person_name"
    if not name[:1].isupper():
        return "lowercase"
    if any(w.lower() in lex.cue_set("non_actor_words") for w in words(name)):
        return "non_actor_word"
    return None


def find_places(doc: Doc, ctx: ArticleContext, book: OrgBook, persons: list[Person], lex: Lexicon,
                drops: Counter[str]) -> Places:
    text = doc_text(doc)
    places: Places = {}
    org_mentions = Intervals(book.mention_spans())  # by position
    org_names = {n for n, mentions in book.orgs.values() if mentions}
    for ent in entities_of(doc).ents:  # doc.ents is rebuilt on every access
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        if ctx.is_blocked(ent.start_char, ent.end_char):
            drops["places.in_table"] += 1
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None:
            drops["places.empty_name"] += 1
            continue
        if book.covered(cleaned[1], cleaned[2]):
            drops["places.inside_gazetteer_name"] += 1
            continue
        name, start, end = cleaned
        if org_mentions.overlapping(start, end) or name in org_names:
            drops["places.organisation_name"] += 1  # "the Finnish firm Kuvaro" is a company where spaCy says place
            continue
        problem = place_name_problem(name, line_around(text, start, end), persons, lex)
        if problem:
            drops[f"places.{problem}"] += 1
            continue
        actor_id = f"location:{slug(name)}"
        places.setdefault(actor_id, (name, []))[1].append(Hit(actor_id, start, end, name, source="spacy"))
    return places
