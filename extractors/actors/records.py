"""What the stages of the actor layer hand each other: gazetteer terms, hits (spans found), people, organisations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractors.actors.names import name_words
from extractors.positions import ChangingIntervals
from extractors.records import Actor

NameSpan = tuple[str, int, int]  # a name and where it sits in the text (start, end)


@dataclass(frozen=True, slots=True)
class Term:
    """What one gazetteer alias stands for."""

    actor_id: str
    name: str
    kind: str  # country | organization | group | location
    category: str  # country | demonym | capital | place | org | ambiguous
    iso3: str | None = None
    members: tuple[str, ...] = ()
    weak: bool = False  # counts only where `requires` is named elsewhere in the document
    requires: str | None = None
    candidates: tuple[str, ...] = ()  # ambiguous terms: the countries it may mean


@dataclass(slots=True)
class Hit:
    """One span the layer will report: which actor, where, and how it was found."""

    actor_id: str
    start: int
    end: int
    text: str
    term: Term | None = None
    source: str = "gazetteer"  # gazetteer | spacy | pattern | author


@dataclass(slots=True)
class Person:
    name: str
    mentions: list[Hit] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)  # (position in text, role)

    @property
    def surname(self) -> str:
        return name_words(self.name)[-1]


@dataclass(slots=True)
class Byline:
    """'Gorana Grgić is Senior Lecturer, Department of ...': a sentence naming a person and their title."""

    name: str
    start: int
    end: int
    role: str


class HitPositions:
    """An OrgBook's hits by position. Hits are numbered in list order and only dropped or appended, so the
    numbers still there, ascending, are the list's order."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits, self.length = hits, len(hits)
        self.spans = ChangingIntervals((h.start, h.end) for h in hits)
        self.by_number = list(hits)
        self.numbers: dict[int, list[int]] = {}  # id(hit) -> its numbers (a hit object may stand twice)
        for number, hit in enumerate(hits):
            self.numbers.setdefault(id(hit), []).append(number)

    def add(self, hit: Hit) -> None:
        number = self.spans.add(hit.start, hit.end)
        self.by_number.append(hit)
        self.numbers.setdefault(id(hit), []).append(number)


@dataclass(slots=True)
class OrgBook:
    """The organisations found so far and the gazetteer hits they leave standing: an organisation named after a
    place or a known body takes the span from the gazetteer's match inside it."""

    hits: list[Hit]
    orgs: dict[str, tuple[str, list[Hit]]] = field(default_factory=dict)  # actor_id -> (name, mentions)
    aliases: dict[str, str] = field(default_factory=dict)  # a name or acronym -> the organisation's actor_id
    # `hits` by position, kept in step by `drop_hits` and `append_hit`, with the list (and its length) it stands
    # for: rebuilt when the list is replaced or changed by other means
    _index: HitPositions | None = field(default=None, repr=False, compare=False)

    def copy(self) -> OrgBook:
        return OrgBook(list(self.hits), {k: (n, list(ms)) for k, (n, ms) in self.orgs.items()}, dict(self.aliases))

    def add(self, actor_id: str, name: str, start: int, end: int, text: str, source: str) -> None:
        entry = self.orgs.setdefault(actor_id, (name, []))
        entry[1].append(Hit(actor_id, start, end, text[start:end], source=source))
        self.aliases[name] = actor_id

    def positions(self) -> HitPositions:
        index = self._index
        if index is None or index.hits is not self.hits or index.length != len(self.hits):
            index = self._index = HitPositions(self.hits)
        return index

    def drop_hits(self, gone: list[Hit]) -> None:
        """The hits `gone` (by identity) stand no more; the others keep their order."""
        index = self.positions()
        ids = {id(h) for h in gone}
        self.hits = [h for h in self.hits if id(h) not in ids]
        for hit_id in ids:
            for number in index.numbers.pop(hit_id, ()):
                index.spans.drop(number)
        index.hits, index.length = self.hits, len(self.hits)

    def remove_hit(self, hit: Hit) -> None:
        """What `hits.remove(hit)` does (the first hit equal to it goes), with the index kept in step."""
        index = self.positions()
        at = self.hits.index(hit)
        found = self.hits.pop(at)
        nth = sum(1 for h in self.hits[:at] if h is found)  # which of that object's places in the list went
        index.spans.drop(index.numbers[id(found)].pop(nth))
        index.length = len(self.hits)

    def append_hit(self, hit: Hit) -> None:
        index = self.positions()
        self.hits.append(hit)
        index.add(hit)
        index.length = len(self.hits)

    def hits_overlapping(self, start: int, end: int) -> list[Hit]:
        """The hits still standing that overlap start..end, in list order."""
        index = self.positions()
        return [index.by_number[n] for n in index.spans.overlapping(start, end)]

    def hits_starting(self, lo: int, hi: int) -> list[Hit]:
        """The hits still standing that start at lo..hi, in list order."""
        index = self.positions()
        return [index.by_number[n] for n in index.spans.starting(lo, hi)]

    def covered(self, start: int, end: int) -> bool:
        """Whether a gazetteer hit still standing overlaps start..end."""
        return bool(self.positions().spans.overlapping(start, end))

    def mention_spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for _, mentions in self.orgs.values() for m in mentions]


@dataclass(slots=True)
class ActorResult:
    """The actors of one document and how many candidates each filter left out, keyed "<stage>.<reason>"."""

    actors: list[Actor]
    drops: Counter[str] = field(default_factory=Counter)
