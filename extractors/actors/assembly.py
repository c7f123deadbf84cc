"""The assembly stage: every hit, organisation, place and person becomes one Actor record with its mentions,
sorted by position and without duplicate spans."""

from __future__ import annotations

import re

from extractors.actor_ids import slug
from extractors.actors.records import Hit, Person
from extractors.records import Actor, Mention

# "envoy of his own country" names no place: the pronoun stands for one the text gave elsewhere
PRONOUN_OF_RE = re.compile(r"\bof\s+(?:his|her|their|its|our|that|this)\b", re.IGNORECASE)


def names_a_place(role: str) -> bool:
    return " of " in role and PRONOUN_OF_RE.search(role) is None


def main_role(roles: list[tuple[int, str]]) -> str | None:
    """The first role that names a place or body ("Minister of Defence of Chile", "NATO Secretary General"); else the
    first role given."""
    ordered = [r for _, r in sorted(roles)]
    with_place = [r for r in ordered
                  if names_a_place(r) or any(c.isupper() for c in r.split()[0][:1]) and len(r.split()) > 2]
    return (with_place or ordered or [None])[0]


def mentions_of(actor_id: str, hits: list[Hit]) -> list[Mention]:
    return [Mention(actor_id, h.text, h.start, h.end) for h in hits]


def actor_for(actors: dict[str, Actor], actor_id: str, name: str, kind: str, iso3: str | None = None,
              members: tuple[str, ...] = ()) -> Actor:
    """The actor of that id, made on first sight: the first source to name an actor gives its name and kind."""
    if actor_id not in actors:
        actors[actor_id] = Actor(actor_id=actor_id, name=name, kind=kind, iso3=iso3, members=list(members))
    return actors[actor_id]


def assemble(hits: list[Hit], orgs: dict[str, tuple[str, list[Hit]]], places: dict[str, tuple[str, list[Hit]]],
             persons: list[Person]) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for hit in hits:
        if hit.term is not None:
            term = hit.term
            actor_for(actors, hit.actor_id, term.name, term.kind, term.iso3, term.members).mentions += mentions_of(
                hit.actor_id, [hit])
    for hit in hits:  # a mention moved to a gazetteer actor (an acronym the text defines) joins that actor
        if hit.term is None and hit.actor_id in actors:
            actors[hit.actor_id].mentions += mentions_of(hit.actor_id, [hit])
    for actor_id, (name, mentions) in orgs.items():
        actor_for(actors, actor_id, name, "organization").mentions += mentions_of(actor_id, mentions)
    for actor_id, (name, mentions) in places.items():
        actor_for(actors, actor_id, name, "location").mentions += mentions_of(actor_id, mentions)
    for person in persons:
        actor_id = f"person:{slug(person.name)}"
        actor = actor_for(actors, actor_id, person.name, "person")
        actor.role = main_role(person.roles)
        actor.mentions += mentions_of(actor_id, [h for h in person.mentions if h.start >= 0])
    for actor in actors.values():
        unique = {(m.start, m.end): m for m in actor.mentions}
        actor.mentions = sorted(unique.values(), key=lambda m: (m.start, m.end))
    return list(actors.values())
