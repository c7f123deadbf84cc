"""The actor layer, stage by stage: each stage takes plain data and returns plain data, and counts what it leaves
out in `drops` ("<stage>.<reason>")."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from extractors.actors.acronyms import apply_acronyms, read_definitions
from extractors.actors.assembly import assemble
from extractors.actors.gazetteer import gazetteer_hits, load_lexicon, settle_hits
from extractors.actors.office_holders import add_known_posts
from extractors.actors.organisations import find_organisations, org_candidates
from extractors.actors.people import candidate_person_spans, find_people, lowercase_vocabulary
from extractors.actors.places import find_places
from extractors.actors.records import ActorResult
from extractors.actors.roles import assign_roles
from extractors.nlp import doc_text
from extractors.records import Actor, ArticleContext


def extract_actors_with_drops(doc: Doc, ctx: ArticleContext) -> ActorResult:
    lex = load_lexicon()
    drops: Counter[str] = Counter()
    text = doc_text(doc)
    raw_hits = gazetteer_hits(text, lex, drops)
    # A multi-word person beats a place or country name inside it ("Chad Wolf"), so people's spans come first.
    person_spans = candidate_person_spans(doc, raw_hits, ctx, lex, drops)
    vocab = lowercase_vocabulary(doc)
    hits = settle_hits(doc, raw_hits, person_spans, ctx, lex, vocab, drops)
    people = find_people(doc, ctx, hits, person_spans, lex, vocab, drops)
    persons = add_known_posts(assign_roles(doc, hits, people.persons, people.bylines, lex), ctx.published)
    candidates = org_candidates(doc, ctx, hits, people.orgs_named_as_people, people.publications, lex, drops)
    definitions = read_definitions(text, lex, drops)
    book = find_organisations(doc, ctx, hits, persons, candidates, definitions, lex, vocab, drops)
    book = apply_acronyms(text, ctx, book, definitions, lex, drops)
    places = find_places(doc, ctx, book, persons, lex, drops)
    return ActorResult(assemble(book.hits, book.orgs, places, persons), drops)


def extract_actors(doc: Doc, ctx: ArticleContext) -> list[Actor]:
    return extract_actors_with_drops(doc, ctx).actors
