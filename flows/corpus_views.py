"""Facts and corpus actors built a slice of documents at a time, on a scratch SQLite file: the export's memory stays
flat in corpus size while these views still join every document.

Each slice's actor rows and statements (flows/facts.py) go to the scratch file as they come. At the end, SQLite sorts
them (on disk) so that the rows of one fact, or of one corpus actor, arrive together; each group becomes one row, and
the finished rows are sorted once more into the order the datasets promise (conflicts first; most widely named
actors first). Ties (two names of one actor used equally often, two facts that sort alike) go to the one met first in
corpus order: statements of figures before those of table cells, then documents by source and doc_id, then the
document's own row order. That order does not depend on which worker stored which document first.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from flows.facts import (
    cell_statements,
    corpus_actor_ids,
    corpus_actor_row,
    fact_id,
    figure_statements,
    mark_conflicts,
)

# Rows handed out per page of a finished view, at most; and list items (doc_ids, texts, ...) in them, at most.
PAGE_ROWS = 5000
PAGE_ITEMS = 10_000
FACT_KEY = ("actor_id", "item", "counterpart_actor_id", "period", "unit", "value_key")
STATEMENT_COLUMNS = ("actor_id", "item", "counterpart_actor_id", "period", "value", "unit", "qualifier", "doc_id",
                     "claim_id", "speaker", "hedged", "evidence_id", "text")
ACTOR_COLUMNS = ("doc_id", "actor_id", "name", "kind", "iso3", "role", "mentions")
FACT_ORDER = "conflict DESC, actor_sort, item, period_sort, value, first"  # the facts dataset's row order
FIGURE_KIND, CELL_KIND = 0, 1  # all figures' statements come before all cells'

TABLES = f"""
CREATE TABLE docs (doc_id TEXT PRIMARY KEY, source TEXT);
CREATE TABLE actors (pos INTEGER, {", ".join(ACTOR_COLUMNS)});
CREATE TABLE said (kind INTEGER, pos INTEGER, value_key TEXT, {", ".join(STATEMENT_COLUMNS)});
CREATE TABLE mapping (actor_id TEXT PRIMARY KEY, corpus_id TEXT);
CREATE TABLE facts (conflict INTEGER, actor_sort TEXT, item TEXT, period_sort TEXT, value REAL, first INTEGER,
                    row TEXT);
CREATE TABLE corpus_actors (n_docs INTEGER, actor_id TEXT, row TEXT);
"""


class CorpusViews:
    """Collects slices of exported rows; then pages out facts and corpus actors. Use as a context manager: the
    scratch file is removed on exit."""

    def __init__(self, folder: Path | None = None) -> None:
        # On disk beside the export (not in /tmp, often memory-backed); None: in memory, for small row sets.
        self.folder = Path(tempfile.mkdtemp(prefix=".export-scratch-", dir=folder)) if folder else None
        self.con = sqlite3.connect(self.folder / "views.db" if self.folder else ":memory:")
        self.con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                               "PRAGMA cache_size=-2000;" + TABLES)
        self.pos = 0
        self.finished = False

    def __enter__(self) -> CorpusViews:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()
        if self.folder is not None:
            for path in self.folder.iterdir():
                path.unlink()
            self.folder.rmdir()
            self.folder = None

    def next_positions(self, n: int) -> range:
        start = self.pos
        self.pos += n
        return range(start, start + n)

    def add(self, rows: dict[str, list[dict]], sources: dict[str, str | None]) -> None:
        """One slice: the reviewed rows of some documents (every row of each of them), with each one's source."""
        self.con.executemany("INSERT OR IGNORE INTO docs VALUES (?, ?)", sources.items())
        actors = rows.get("actors", [])
        self.con.executemany(f"INSERT INTO actors VALUES (?{', ?' * len(ACTOR_COLUMNS)})",
                             ((pos, *(a.get(c) for c in ACTOR_COLUMNS))
                              for pos, a in zip(self.next_positions(len(actors)), actors, strict=True)))
        # Actor ids are mapped to corpus ids once every actor is known (finish); until then they stay as they are.
        figures = figure_statements(rows.get("figures", []), rows.get("claims", []), {})
        cells = cell_statements(rows.get("tables", []), rows.get("table_info", []))
        for kind, said in ((FIGURE_KIND, figures), (CELL_KIND, cells)):
            self.con.executemany(
                f"INSERT INTO said VALUES (?, ?, ?{', ?' * len(STATEMENT_COLUMNS)})",
                ((kind, pos, None, *(s[c] for c in STATEMENT_COLUMNS))
                 for pos, s in zip(self.next_positions(len(said)), said, strict=True)))

    def ordered_actors(self) -> Iterator[dict]:
        query = (f"SELECT {', '.join('a.' + c for c in ACTOR_COLUMNS)} FROM actors a LEFT JOIN docs d USING (doc_id) "
                 "ORDER BY d.source, a.doc_id, a.pos")
        for values in self.con.execute(query):
            yield dict(zip(ACTOR_COLUMNS, values, strict=True))

    def finish(self) -> None:
        """Map actor ids to corpus ids, then build and sort both views."""
        if self.finished:
            return
        self.finished = True
        mapping = corpus_actor_ids(self.ordered_actors())
        self.con.executemany("INSERT INTO mapping VALUES (?, ?)", mapping.items())
        del mapping
        self.build_facts()
        self.build_corpus_actors()

    def statement_groups(self) -> Iterator[tuple[tuple, Iterator[dict]]]:
        """Every fact's statements together, in corpus order, keyed by what makes a fact."""
        # A fact's value as the key compares it: to 12 significant digits (Python's formatting, not SQLite's).
        self.con.create_function("value_key", 1, lambda v: f"{v:.12g}", deterministic=True)
        self.con.execute("UPDATE said SET value_key = value_key(value)")
        columns = ", ".join(f"s.{c}" for c in STATEMENT_COLUMNS if c not in {"actor_id", "counterpart_actor_id"})
        query = f"""
            WITH ranked AS (
                SELECT s.*, ROW_NUMBER() OVER (ORDER BY s.kind, d.source, s.doc_id, s.pos) AS rank
                FROM said s LEFT JOIN docs d USING (doc_id))
            SELECT COALESCE(m1.corpus_id, s.actor_id) AS actor_id,
                   COALESCE(m2.corpus_id, s.counterpart_actor_id) AS counterpart_actor_id,
                   s.value_key, s.rank, {columns}
            FROM ranked s LEFT JOIN mapping m1 ON m1.actor_id = s.actor_id
                          LEFT JOIN mapping m2 ON m2.actor_id = s.counterpart_actor_id
            ORDER BY {", ".join(FACT_KEY)}, s.rank"""
        cursor = self.con.execute(query)
        names = [d[0] for d in cursor.description]
        rows = (dict(zip(names, values, strict=True)) for values in cursor)
        yield from groupby(rows, key=lambda r: tuple(r[c] for c in FACT_KEY))

    def build_facts(self) -> None:
        """One fact per group of statements; conflicts marked among the facts that share all but the value."""
        same: list[dict] = []
        for key, group in self.statement_groups():
            fact = fact_of(key, group)
            if same and (fact["actor_id"] is None or fact_topic(fact) != fact_topic(same[0])):
                self.store_facts(same)
                same = []
            same.append(fact)
        self.store_facts(same)
        self.con.execute("CREATE INDEX facts_order ON facts (conflict DESC, actor_sort, item, period_sort, value, "
                         "first)")

    def store_facts(self, same: list[dict]) -> None:
        same.sort(key=lambda f: f["first"])  # corpus order: the order conflicts_with lists them in
        mark_conflicts(same)
        self.con.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?)", (
            (f["conflict"], str(f["actor_id"]), f["item"], str(f["period"]), f["value"], f.pop("first"),
             json.dumps(f)) for f in same))

    def build_corpus_actors(self) -> None:
        query = (f"SELECT COALESCE(m.corpus_id, a.actor_id), {', '.join('a.' + c for c in ACTOR_COLUMNS)} "
                 "FROM actors a LEFT JOIN docs d USING (doc_id) LEFT JOIN mapping m ON m.actor_id = a.actor_id "
                 "ORDER BY 1, d.source, a.doc_id, a.pos")
        rows = ((values[0], dict(zip(ACTOR_COLUMNS, values[1:], strict=True))) for values in self.con.execute(query))
        made = (corpus_actor_row(actor_id, (r for _, r in group))
                for actor_id, group in groupby(rows, key=lambda pair: pair[0]))
        self.con.executemany("INSERT INTO corpus_actors VALUES (?, ?, ?)",
                             ((r["n_docs"], r["actor_id"], json.dumps(r)) for r in made))
        self.con.execute("CREATE INDEX corpus_actor_ids ON corpus_actors (actor_id)")

    def pages(self, query: str) -> Iterator[list[dict]]:
        """Rows of a finished view, a page at a time. A page ends at PAGE_ROWS rows or PAGE_ITEMS list items: the
        rows of the most widely named actors carry a doc_id for every document that names them, so a page of a
        fixed number of rows would grow with the corpus."""
        self.finish()
        page: list[dict] = []
        items = 0
        for (text,) in self.con.execute(query):
            row = json.loads(text)
            page.append(row)
            items += 1 + sum(len(v) for v in row.values() if isinstance(v, list))
            if len(page) >= PAGE_ROWS or items >= PAGE_ITEMS:
                yield page
                page, items = [], 0
        if page:
            yield page

    def fact_counts(self) -> tuple[int, int]:
        """(facts, facts in conflict)."""
        self.finish()
        total, conflicts = self.con.execute("SELECT count(*), coalesce(sum(conflict), 0) FROM facts").fetchone()
        return total, conflicts

    def fact_slice(self, offset: int, limit: int) -> list[dict]:
        """`limit` facts from the `offset`-th, in the order of fact_pages: a page of the review's facts queue."""
        self.finish()
        query = f"SELECT row FROM facts ORDER BY {FACT_ORDER} LIMIT ? OFFSET ?"
        return [json.loads(text) for (text,) in self.con.execute(query, (limit, offset))]

    def actor_names(self, actor_ids: Iterable[str]) -> dict[str, str]:
        """corpus actor id -> its name, for the ids asked (an unknown id is left out)."""
        self.finish()
        wanted = sorted(set(actor_ids))
        names: dict[str, str] = {}
        for i in range(0, len(wanted), 500):  # within SQLite's bound-parameter limit
            part = wanted[i : i + 500]
            query = f"SELECT actor_id, row FROM corpus_actors WHERE actor_id IN ({', '.join('?' * len(part))})"
            names.update((actor_id, json.loads(text)["name"]) for actor_id, text in self.con.execute(query, part))
        return names

    def fact_pages(self) -> Iterator[list[dict]]:
        """Facts, conflicts first, then by actor, item, period and value (as text where Python compared str())."""
        return self.pages(f"SELECT row FROM facts ORDER BY {FACT_ORDER}")

    def corpus_actor_pages(self) -> Iterator[list[dict]]:
        """Corpus actors, the most widely named first."""
        return self.pages("SELECT row FROM corpus_actors ORDER BY n_docs DESC, actor_id")


def fact_topic(fact: dict) -> tuple:
    """What two facts that may conflict share: all of the fact's key but the value."""
    return tuple(fact[c] for c in FACT_KEY[:-1])


def fact_of(key: tuple, group: Iterable[dict]) -> dict:
    """The fact its statements (in corpus order) make, in one pass over them."""
    qualifiers: Counter = Counter()
    first: dict | None = None
    doc_ids, claim_ids, speakers, evidence_ids, texts = set(), set(), set(), set(), set()
    sources: set[tuple] = set()
    hedged = False
    for s in group:
        first = first or s
        qualifiers[s["qualifier"]] += 1
        doc_ids.add(s["doc_id"])
        sources.add((s["doc_id"], s["speaker"]))
        hedged = hedged or bool(s["hedged"])
        for found, value in ((claim_ids, s["claim_id"]), (speakers, s["speaker"]), (evidence_ids, s["evidence_id"]),
                             (texts, s["text"])):
            if value:
                found.add(value)
    assert first is not None  # groupby gives no empty group
    return {
        "fact_id": fact_id(key),
        "actor_id": key[0], "item": key[1], "counterpart_actor_id": key[2], "period": key[3],
        "value": first["value"], "unit": key[4],
        "doc_ids": sorted(doc_ids), "claim_ids": sorted(claim_ids), "speakers": sorted(speakers),
        "hedged": hedged, "conflict": False, "n_sources": len(sources),
        "qualifier": qualifiers.most_common(1)[0][0],
        "conflicts_with": [], "evidence_ids": sorted(evidence_ids), "texts": sorted(texts),
        "first": first["rank"],
    }
