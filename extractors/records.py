"""Typed records the extractors emit; schema/ declares the rows they become (a row's column reads the record's
attribute of its name, see schema.record_row)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractors.positions import Intervals
from schema import extraction_id  # noqa: F401  (ids are made by schema/; the name stays importable from here)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What extractors may know about a document besides its parsed text."""

    doc_id: str
    published: str | None = None  # ISO date the article appeared; anchor for relative dates
    authors: tuple[str, ...] = ()
    blocked_spans: tuple[tuple[int, int], ...] = ()  # e.g. detected tables: no actors, figures or claims inside
    # blocked_spans by position: extractors ask for every entity, sentence and clause
    _blocked: Intervals = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_blocked", Intervals(self.blocked_spans))

    def is_blocked(self, start: int, end: int) -> bool:
        """Does [start, end) share a character with a blocked span?"""
        return bool(self._blocked.overlapping(start, end))


@dataclass(slots=True)
class Mention:
    actor_id: str
    text: str
    start: int
    end: int
    id: str = ""


@dataclass(slots=True)
class Actor:
    actor_id: str  # stable across documents: "country:UKR", "organization:nato", "person:vladimir-putin"
    name: str
    kind: str  # country | organization | person | group | location
    iso3: str | None = None
    role: str | None = None
    members: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None  # ISO 8601 at the text's precision, or an interval "a/b"; None when unresolvable
    relative: bool = False
    id: str = ""  # extraction id, assigned by the pipeline


@dataclass(slots=True)
class Figure:
    text: str
    start: int
    end: int
    value: float
    unit: str  # percent | percentage_point | ISO 4217 | count | SI-style symbol
    qualifier: str | None = None
    per: str | None = None
    item: str | None = None
    actor_id: str | None = None
    counterpart_actor_id: str | None = None  # the recipient, target or partner: 'to Ukraine'
    period: str | None = None  # ISO value of the date the figure refers to
    item_head: str | None = None  # the item's head form (extractors/items.py), how facts group items
    confidence: float = 1.0
    claim_id: str | None = None  # the claim the figure sits in, set by the pipeline once claims have ids
    id: str = ""  # extraction id (= figure_id), assigned by the pipeline


@dataclass(slots=True)
class Claim:
    text: str
    start: int
    end: int
    speaker: str | None = None  # who the text attributes the claim to; None where the author asserts it
    speaker_actor_id: str | None = None  # the speaker's actor_id where the speaker is an actor of the document
    hedged: bool = False
    actor_ids: list[str] = field(default_factory=list)
    figure_ids: list[str] = field(default_factory=list)
    date_values: list[str] = field(default_factory=list)
    id: str = ""  # extraction id (= claim_id), assigned by the pipeline


@dataclass(slots=True)
class Table:
    columns: list[str]  # header texts
    rows: list[list[str]]  # data rows as printed, same width as columns
    caption: str | None = None
    units: dict[str, str] = field(default_factory=dict)  # column -> unit where the text gives one
    row_iso3: list[str | None] = field(default_factory=list)  # per row: ISO3 of a country row label
    flags: list[str] = field(default_factory=list)  # e.g. "row 3: no consistent split"
    page: int | None = None
    start: int | None = None  # span in the document text, when the table sits in it
    end: int | None = None
    quality: float | None = None  # 0..1: how cleanly the cells were split (None: not measured, e.g. HTML)
    doubtful: bool = False  # the split into cells is in doubt: kept, but a reviewer should look


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    actors: list[Actor] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line per extractor that raised: "figures: TypeError: ..."
    # Candidates an extractor left out, by "<extractor>.<reason>": {"claims.question": 2, ...}
    drops: Counter[str] = field(default_factory=Counter)
