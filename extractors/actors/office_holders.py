"""Known office holders: a head of state or government the text names with no title ("talks between Macron and
...") takes the post office_holders.tsv says they held on the article's date."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extractors.actor_ids import slug
from extractors.actors.gazetteer import read_tsv
from extractors.actors.records import Person


@dataclass(frozen=True, slots=True)
class Term:
    role: str
    start: str  # ISO date
    end: str  # ISO date; "" while the post is held


@cache
def terms_by_name() -> dict[str, tuple[Term, ...]]:
    """slug of every name form -> the terms of office of the person it names."""
    terms: dict[str, list[Term]] = {}
    for row in read_tsv("office_holders.tsv"):
        term = Term(row["role"], row["from"], row["to"] or "")
        for form in [row["name"], *(a for a in (row["aliases"] or "").split(";") if a.strip())]:
            terms.setdefault(slug(form), []).append(term)
    return {key: tuple(value) for key, value in terms.items()}


def post_held(name: str, published: str | None) -> str | None:
    """The post the person held on `published` (an ISO date); with no date, the post they hold now."""
    terms = terms_by_name().get(slug(name), ())
    if published:
        day = published[:10]
        held = [t for t in terms if t.start <= day and (not t.end or day < t.end)]
    else:
        held = [t for t in terms if not t.end]
    return held[-1].role if held else None


def add_known_posts(persons: list[Person], published: str | None) -> list[Person]:
    """Give each person the text gives no role the post a known office holder of that name held."""
    for person in persons:
        if person.roles:
            continue
        role = post_held(person.name, published)
        if role is not None:
            first = min((h.start for h in person.mentions if h.start >= 0), default=0)
            person.roles.append((first, role))
    return persons
