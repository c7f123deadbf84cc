"""One person, many names: 'Volodymyr Zelenski', 'Volodymyr Zelensky' and 'Zelensky' are one person; the list of
people grows name by name, a longer name replacing a shorter one."""

from __future__ import annotations

from collections.abc import Iterable
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


class People(list[Person]):
    """The people of a document as a list that remembers, per name looked up, the first person it matched: each
    name is compared with each person once (again only after that person is renamed), where a scan of the list for
    every mention costs (mentions x people). It grows only by `append` and renames only through `rename`."""

    def __init__(self, persons: Iterable[Person] = ()) -> None:
        super().__init__(persons)
        self.renamed: list[int] = []  # indices of people renamed, in order
        self.lookups: dict[str, tuple[int, int, int | None]] = {}  # name -> (people checked, renames seen, match)

    def index_of(self, name: str) -> int | None:
        """The index of the first person that is the same person as `name`, as a scan of the list would find."""
        checked, seen, match = self.lookups.get(name, (0, 0, None))
        since = self.renamed[seen:]
        if match is not None and match in since:
            checked, match, since = 0, None, []  # the person it matched has another name now: ask everyone again
        limit = checked if match is None else match
        # people before the match (or among those checked) renamed since may match now
        earlier = next((i for i in sorted(set(since)) if i < limit and same_person(self[i].name, name)), None)
        if earlier is not None:
            match = earlier
        elif match is None:
            match = next((i for i in range(checked, len(self)) if same_person(self[i].name, name)), None)
        self.lookups[name] = (len(self), len(self.renamed), match)
        return match

    def rename(self, index: int, name: str) -> None:
        self[index].name = name
        self.renamed.append(index)


def find_person(persons: list[Person], name: str) -> Person | None:
    if isinstance(persons, People):
        index = persons.index_of(name)
        return None if index is None else persons[index]
    return next((person for person in persons if same_person(person.name, name)), None)


def add_person(persons: People, name: str, span: tuple[int, int], text: str, source: str) -> Person:
    """The person `name` is (new, or a known one, whose name grows when this one is longer), with one more mention."""
    start, end = span
    index = persons.index_of(name)
    if index is None:
        person = Person(name)
        persons.append(person)
    else:
        person = persons[index]
        if len(words(name)) > len(words(person.name)):
            persons.rename(index, name)
    person.mentions.append(Hit("", start, end, text[start:end], source=source))
    return person
