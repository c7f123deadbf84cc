"""Spans found by character position through sorted starts and bisect, not by scanning every span of the document.

An extractor asks, for each sentence or clause, which mentions, figures, dates or quotations lie inside, cover or
overlap it. Scanning them all costs (sentences x spans): quadratic in the length of the document. `Intervals` looks
only at the spans that start near the query (within the longest span's length of it: mentions, dates and
quotations are short), and returns them in the order they were given, so that "the first one that..." means what
it meant for the scan it replaces.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from weakref import WeakKeyDictionary, ref

from spacy.tokens import Doc, Span


class Intervals:
    """Half-open [start, end) spans, each known by its index in the sequence given. Every span must have
    start <= end. Queries return indices, ascending: the order of the sequence given."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.order = sorted(range(len(self.spans)), key=lambda i: self.spans[i][0])
        self.starts = [self.spans[i][0] for i in self.order]
        # The longest span bounds how far before a position a span that reaches it can start.
        self.longest = max((end - start for start, end in self.spans), default=0)

    def _starting(self, lo: int, hi: int) -> list[int]:
        """Indices of spans with lo <= start <= hi."""
        return self.order[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def starting(self, lo: int, hi: int) -> list[int]:
        """Spans that start at lo..hi."""
        return sorted(self._starting(lo, hi))

    def inside(self, start: int, end: int) -> list[int]:
        """Spans wholly inside [start, end)."""
        return sorted(i for i in self._starting(start, end) if self.spans[i][1] <= end)

    def covering(self, start: int, end: int) -> list[int]:
        """Spans that hold all of [start, end)."""
        return sorted(i for i in self._starting(end - self.longest, start) if self.spans[i][1] >= end)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Spans that share a character with [start, end)."""
        return sorted(i for i in self._starting(start - self.longest + 1, end - 1) if self.spans[i][1] > start)

    def first_covering(self, start: int, end: int) -> int | None:
        found = self.covering(start, end)
        return found[0] if found else None


class ChangingIntervals:
    """Half-open [start, end) spans that come and go, each known by the number `add` gave it (0, 1, 2, ...).
    Queries return the numbers of the spans still there, ascending: the order they were added in."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.entries: list[tuple[int, int]] = []  # (start, number), sorted
        self.ends: list[int] = []  # by number
        self.gone: set[int] = set()
        self.longest = 0
        for start, end in spans:
            self.ends.append(end)
            self.entries.append((start, len(self.ends) - 1))
            self.longest = max(self.longest, end - start)
        self.entries.sort()

    def add(self, start: int, end: int) -> int:
        self.ends.append(end)
        insort(self.entries, (start, len(self.ends) - 1))
        self.longest = max(self.longest, end - start)
        return len(self.ends) - 1

    def drop(self, number: int) -> None:
        self.gone.add(number)

    def starting(self, lo: int, hi: int) -> list[int]:
        """Spans that start at lo..hi."""
        found = self.entries[bisect_left(self.entries, (lo,)):bisect_left(self.entries, (hi + 1,))]
        return sorted(n for _, n in found if n not in self.gone)

    def overlapping(self, start: int, end: int) -> list[int]:
        """Spans that share a character with [start, end)."""
        return [n for n in self.starting(start - self.longest + 1, end - 1) if self.ends[n] > start]


class GrowingSpans:
    """Half-open [start, end) spans added one at a time, asked whether any of them overlaps a range: a list kept
    sorted, so that a question looks only at the spans that start near it."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.items: list[tuple[int, int]] = []
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        insort(self.items, (start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end)."""
        at = bisect_left(self.items, (start - self.longest + 1,))
        while at < len(self.items) and self.items[at][0] < end:
            if self.items[at][1] > start:
                return True
            at += 1
        return False


class Entities:
    """A Doc's named entities, found by position. spaCy builds the whole doc.ents tuple on every access.

    It keeps the entities' token bounds and only a weak reference to the Doc: the index lives in a
    WeakKeyDictionary keyed by the Doc, and a value holding the Doc's spans would keep its own key, and with it
    every Doc a process ever extracted, alive (a 5,000-document ingest grew to 6.8 GB)."""

    def __init__(self, doc: Doc) -> None:
        self._doc = ref(doc)
        ents = doc.ents
        self.bounds: tuple[tuple[int, int, int, int], ...] = tuple((e.start, e.end, e.label, e.kb_id) for e in ents)
        self.chars = Intervals([(e.start_char, e.end_char) for e in ents])
        self.token_starts = [e.start for e in ents]  # entities do not overlap: sorted by start and by end

    def span(self, i: int) -> Span:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of these entities is gone")
        start, end, label, kb_id = self.bounds[i]
        return Span(doc, start, end, label=label, kb_id=kb_id)

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple(self.span(i) for i in range(len(self.bounds)))

    def inside(self, start_char: int, end_char: int) -> list[Span]:
        """Entities wholly inside [start_char, end_char), in text order."""
        return [self.span(i) for i in self.chars.inside(start_char, end_char)]

    def at_token(self, i: int) -> Span | None:
        """The entity that token i belongs to."""
        at = bisect_right(self.token_starts, i) - 1
        return self.span(at) if at >= 0 and i < self.bounds[at][1] else None


_ENTITIES: WeakKeyDictionary[Doc, Entities] = WeakKeyDictionary()


def entities_of(doc: Doc) -> Entities:
    """The Doc's entities indexed once; the index lives as long as the Doc. Extractors do not change doc.ents."""
    found = _ENTITIES.get(doc)
    if found is None:
        found = _ENTITIES[doc] = Entities(doc)
    return found
