"""Actors: countries, organisations, groups, people (with roles) and places, normalised to stable ids.

Two sources feed the layer. A gazetteer kept as data (extractors/data/: countries with demonyms and capitals on top of
pycountry's ISO list, places, organisations and groups) is matched token by token over the whole text, so it also
finds country names glued to table numbers. spaCy's entities add people and organisations the gazetteer does not
know, after filters that keep out what en_core_web_sm mislabels (weapons, documents, events, regions, footnote marks).
People get the role the text gives them ("Australian Prime Minister Anthony Albanese" -> "Prime Minister of
Australia"); surname-only mentions and spelling variants (Zelenski/Zelensky) are merged into the full name.
The text's own cues come last: an acronym it defines in brackets is that name's alias (over the gazetteer's reading
of it), a name after "the firm"/"news agency" or acting as a subject is an organisation, and a demonym before a
ministry, navy or coast guard names a state body.

The stages, in the order layer.py runs them: gazetteer (loading and matching), people (with bylines), roles,
organisations, acronyms, places, assembly. Every candidate a filter leaves out is counted by reason:
`extract_actors_with_drops` returns the actors and those counts.
"""

from extractors.actor_ids import slug
from extractors.actors.acronyms import acronym_definitions, spells_acronym
from extractors.actors.gazetteer import Lexicon, gazetteer_hits, load_cues, load_lexicon, norm_token, tokenize
from extractors.actors.identity import same_person, same_surname
from extractors.actors.layer import extract_actors, extract_actors_with_drops
from extractors.actors.names import clean_entity, is_acronym, name_words, person_name_ok
from extractors.actors.organisations import org_name_continues, org_name_ok, org_name_starts_before, state_bodies
from extractors.actors.people import names_after_honorifics, names_after_titles
from extractors.actors.records import ActorResult, Hit, Person, Term
from extractors.actors.roles import describe_role

__all__ = [
    "ActorResult", "Hit", "Lexicon", "Person", "Term", "acronym_definitions", "clean_entity", "describe_role",
    "extract_actors", "extract_actors_with_drops", "gazetteer_hits", "is_acronym", "load_cues", "load_lexicon",
    "name_words", "names_after_honorifics", "names_after_titles", "norm_token", "org_name_continues", "org_name_ok",
    "org_name_starts_before", "person_name_ok", "same_person", "same_surname", "slug", "spells_acronym",
    "state_bodies", "tokenize",
]
