"""One person, many names: 'Volodymyr Zelenski', 'Volodymyr Zelensky' and 'Zelensky' are one person; the list of
people grows name by name, a longer name replacing a shorter one."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from extractors.actor_ids import slug
from extractors.actors.names import name_words, words
from extractors.actors.records import Hit, Person

FUZZY_SURNAME = 0.8  # SequenceMatcher ratio above which two surnames are spellings of one name (Umerov/Umierov)


@lru_cache(maxsize=65536)
def same_surname(a: str, b: str) -> bool:
    a, b = slug(a), slug(b)
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= FUZZY_SURNAME


@lru_cache(maxsize=65536)
def same_person(full: str, other: str) -> bool:
    """'Volodymyr Zelenski' ~ 'Volodymyr Zelensky' ~ 'Zelensky'; 'Kim Jong Un' ~ 'Kim Jong-un'."""
    a, b = name_words(full.replace("-", " ")), name_words(other.replace("-", " "))
    if slug(" ".join(a)) == slug(" ".join(b)):
        return True
    if len(a) == 1 or len(b) == 1:
        single, full_name = (a, b) if len(a) == 1 else (b, a)
        # a surname, or the family name that leads East Asian names ("Lai" for Lai Ching-te, "Xi" for Xi Jinping)
        return same_surname(single[0], full_name[-1]) or slug(single[0]) == slug(full_name[0])
    if not same_surname(a[-1], b[-1]):
        return False
    return slug(a[0]) == slug(b[0]) or (len(a[0]) <= 2 and slug(a[0])[:1] == slug(b[0])[:1])


def find_person(persons: list[Person], name: str) -> Person | None:
    return next((person for person in persons if same_person(person.name, name)), None)


def add_person(persons: list[Person], name: str, span: tuple[int, int], text: str, source: str) -> Person:
    """The person `name` is (new, or a known one, whose name grows when this one is longer), with one more mention."""
    start, end = span
    person = find_person(persons, name)
    if person is None:
        person = Person(name)
        persons.append(person)
    elif len(words(name)) > len(words(person.name)):
        person.name = name
    person.mentions.append(Hit("", start, end, text[start:end], source=source))
    return person
