"""Actors: countries, organisations, people and groups, from spaCy's entities (first version)."""

from __future__ import annotations

import re

import pycountry
from spacy.tokens import Doc

from extractors.records import Actor, ArticleContext, Mention

LABEL_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "country", "LOC": "location"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def country_iso3(name: str) -> str | None:
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        return None


def extract_actors(doc: Doc, ctx: ArticleContext) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for ent in doc.ents:
        kind = LABEL_KIND.get(ent.label_)
        if kind is None or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        name = ent.text.strip()
        iso3 = None
        if kind == "country":
            iso3 = country_iso3(name)
            if iso3 is None:
                kind = "location"
            else:
                name = pycountry.countries.get(alpha_3=iso3).name
        actor_id = f"country:{iso3}" if iso3 else f"{kind}:{slug(name)}"
        actor = actors.setdefault(actor_id, Actor(actor_id=actor_id, name=name, kind=kind, iso3=iso3))
        actor.mentions.append(Mention(actor_id, ent.text, ent.start_char, ent.end_char))
    return list(actors.values())
