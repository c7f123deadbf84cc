"""Intervals, ChangingIntervals and GrowingSpans answer what a scan of every span answers, in the same order;
Entities find a Doc's entities."""

import random

from extractors.positions import ChangingIntervals, GrowingSpans, Intervals, entities_of


def scanned(spans: list[tuple[int, int]], lo: int, hi: int) -> dict[str, list[int]]:
    """What a scan of every span finds for the query [lo, hi)."""
    def where(keep) -> list[int]:
        return [i for i, (s, e) in enumerate(spans) if keep(s, e)]

    return {
        "inside": where(lambda s, e: lo <= s and e <= hi),
        "covering": where(lambda s, e: s <= lo and hi <= e),
        "overlapping": where(lambda s, e: s < hi and lo < e),
        "starting": where(lambda s, e: lo <= s <= hi),
    }


def test_positions_intervals_answer_as_a_scan_does_in_the_same_order() -> None:
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(-5, 100)
            spans.append((start, start + rng.choice([0, 1, 2, 5, 20, 60])))
        index = Intervals(spans)
        for _ in range(20):
            lo = rng.randint(-10, 110)
            hi = lo + rng.randint(0, 30)
            expected = scanned(spans, lo, hi)
            found = {"inside": index.inside(lo, hi), "covering": index.covering(lo, hi),
                     "overlapping": index.overlapping(lo, hi), "starting": index.starting(lo, hi)}
            assert found == expected
            assert index.first_covering(lo, hi) == (expected["covering"] or [None])[0]


def test_positions_growing_spans_answer_as_a_scan_does_while_they_grow() -> None:
    rng = random.Random(11)
    for _ in range(200):
        spans: list[tuple[int, int]] = []
        growing = GrowingSpans()
        for _ in range(rng.randint(0, 30)):
            lo = rng.randint(-10, 110)
            hi = lo + rng.randint(0, 30)
            assert growing.overlaps(lo, hi) == bool(scanned(spans, lo, hi)["overlapping"])
            start = rng.randint(-5, 100)
            span = (start, start + rng.choice([0, 1, 2, 5, 20, 60]))
            spans.append(span)
            growing.add(*span)


def test_positions_changing_intervals_answer_as_a_scan_of_the_spans_still_there() -> None:
    rng = random.Random(13)
    for _ in range(200):
        spans: list[tuple[int, int] | None] = []  # by number; None once dropped
        changing = ChangingIntervals()
        for _ in range(rng.randint(0, 40)):
            if spans and rng.random() < 0.3:
                number = rng.randrange(len(spans))
                spans[number] = None
                changing.drop(number)
            else:
                start = rng.randint(-5, 100)
                span = (start, start + rng.choice([0, 1, 2, 5, 20, 60]))
                spans.append(span)
                assert changing.add(*span) == len(spans) - 1
            lo = rng.randint(-10, 110)
            hi = lo + rng.randint(0, 30)
            there = [(i, s) for i, s in enumerate(spans) if s is not None]
            assert changing.overlapping(lo, hi) == [i for i, (s, e) in there if s < hi and lo < e]
            assert changing.starting(lo, hi) == [i for i, (s, e) in there if lo <= s <= hi]


def test_positions_entities_by_characters_and_by_token(nlp) -> None:
    doc = nlp("Jane Roe met Olaf Scholz in Berlin on Monday, and NATO said so.")
    entities = entities_of(doc)
    assert entities_of(doc) is entities  # indexed once per Doc
    assert [e.text for e in entities.inside(0, 30)] == ["Jane Roe", "Olaf Scholz"]
    berlin = next(t for t in doc if t.text == "Berlin")
    assert entities.at_token(berlin.i).text == "Berlin"
    assert entities.at_token(next(t for t in doc if t.text == "met").i) is None


def test_positions_entities_index_lets_its_doc_go(nlp) -> None:
    """The index is cached per Doc in a WeakKeyDictionary: it must not keep its own key, and with it every Doc
    a process extracted, alive (a 5,000-document ingest once grew to 6.8 GB this way)."""
    import gc
    import weakref

    doc = nlp("Germany sent 30 tanks to Ukraine in March, said Olaf Scholz.")
    entities = entities_of(doc)
    assert [(e.text, e.label_) for e in entities.ents] == [(e.text, e.label_) for e in doc.ents]
    gone = weakref.ref(doc)
    del doc, entities
    gc.collect()
    assert gone() is None
