"""What the stages of the actor layer hand each other: gazetteer terms, hits (spans found), people, organisations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractors.actors.names import name_words
from extractors.positions import Intervals
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


@dataclass(slots=True)
class OrgBook:
    """The organisations found so far and the gazetteer hits they leave standing: an organisation named after a
    place or a known body takes the span from the gazetteer's match inside it."""

    hits: list[Hit]
    orgs: dict[str, tuple[str, list[Hit]]] = field(default_factory=dict)  # actor_id -> (name, mentions)
    aliases: dict[str, str] = field(default_factory=dict)  # a name or acronym -> the organisation's actor_id
    # `hits` by position, with the list (and its length) it was built from: rebuilt when the list is replaced or
    # grows; whoever changes it in place otherwise calls `hits_changed`
    _index: tuple[list[Hit], int, Intervals] | None = field(default=None, repr=False, compare=False)

    def copy(self) -> OrgBook:
        return OrgBook(list(self.hits), {k: (n, list(ms)) for k, (n, ms) in self.orgs.items()}, dict(self.aliases))

    def add(self, actor_id: str, name: str, start: int, end: int, text: str, source: str) -> None:
        entry = self.orgs.setdefault(actor_id, (name, []))
        entry[1].append(Hit(actor_id, start, end, text[start:end], source=source))
        self.aliases[name] = actor_id

    def positions(self) -> Intervals:
        if self._index is None or self._index[0] is not self.hits or self._index[1] != len(self.hits):
            self._index = (self.hits, len(self.hits), Intervals([(h.start, h.end) for h in self.hits]))
        return self._index[2]

    def hits_changed(self) -> None:
        self._index = None

    def hits_overlapping(self, start: int, end: int) -> list[Hit]:
        """The hits still standing that overlap start..end, in list order."""
        return [self.hits[i] for i in self.positions().overlapping(start, end)]

    def hits_starting(self, lo: int, hi: int) -> list[Hit]:
        """The hits still standing that start at lo..hi, in list order."""
        return [self.hits[i] for i in self.positions().starting(lo, hi)]

    def covered(self, start: int, end: int) -> bool:
        """Whether a gazetteer hit still standing overlaps start..end."""
        return bool(self.positions().overlapping(start, end))

    def mention_spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for _, mentions in self.orgs.values() for m in mentions]


@dataclass(slots=True)
class ActorResult:
    """The actors of one document and how many candidates each filter left out, keyed "<stage>.<reason>"."""

    actors: list[Actor]
    drops: Counter[str] = field(default_factory=Counter)
