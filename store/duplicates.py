"""Near-duplicate documents: the same article in another format (PDF and HTML), or republished with another header.

Exact copies already share a doc_id (the same bytes are stored once). Near copies differ in bytes, so they are found
by their text: each document's word 5-grams are hashed and the smallest SKETCH_SIZE hashes kept (a bottom-k
sketch, stored with the document). Two sketches estimate the Jaccard similarity of the two 5-gram sets; documents
at SAME_TEXT or above are one group, and every member but one (the original) gets `duplicate_of`.
Candidates come from an inverted index over sketch hashes, so a corpus is not compared pair by pair; the index is
kept in a scratch SQLite file, so memory does not grow with the corpus.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from hashlib import blake2b
from pathlib import Path

SHINGLE_WORDS = 5
SKETCH_SIZE = 128
# Texts with fewer 5-grams are never called duplicates: a few lines in common say little.
MIN_SHINGLES = 40
# Estimated Jaccard similarity of the 5-gram sets. A PDF and an HTML rendering of one article share well over 0.8
# (running heads, page numbers and hyphenation aside); two articles on one event by one author share far less.
SAME_TEXT = 0.7
# A candidate pair must share this many sketch hashes before its similarity is estimated.
MIN_SHARED = SKETCH_SIZE // 8
# A hash that many documents share is boilerplate (a publisher's footer), not evidence: its pairs are not counted.
MAX_POSTING = 200
# Which copy is the original when published dates tie: text formats before PDF, whose text extraction loses most.
DOC_CACHE = 512  # documents' sketches held while candidate pairs are checked
FORMAT_RANK = {"html": 0, "md": 1, "txt": 2, "pdf": 3}

WORD = re.compile(r"\w+")


def shingle_hashes(text: str) -> set[int]:
    words = WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1)))
    return {int.from_bytes(blake2b(g.encode(), digest_size=8).digest(), "big") >> 1 for g in grams}


def text_sketch(text: str) -> dict:
    """{"n": number of distinct 5-grams, "min": the SKETCH_SIZE smallest hashes}, JSON-ready."""
    hashes = shingle_hashes(text or "")
    return {"n": len(hashes), "min": sorted(hashes)[:SKETCH_SIZE]}


def similarity(a: dict, b: dict) -> float:
    """Estimated Jaccard similarity: the share of the union's smallest hashes that both texts hold."""
    mine, theirs = set(a["min"]), set(b["min"])
    union = sorted(mine | theirs)[:SKETCH_SIZE]
    if not union:
        return 0.0
    return sum(1 for h in union if h in mine and h in theirs) / len(union)


def original_key(doc: dict) -> tuple:
    return (doc.get("published") or "9999", FORMAT_RANK.get(doc.get("format") or "", 9), doc["doc_id"])


def find_duplicates(docs: Iterable[dict], folder: Path | None = None) -> dict[str, str]:
    """doc_id -> doc_id of its original, for every document that is a near copy of another.

    `docs`: dicts with doc_id, format, published and sketch (as text_sketch gives); documents without a usable
    sketch are left alone. The sketches and the inverted index over them go to a scratch SQLite file (in `folder`,
    else the system's temporary folder), so memory does not grow with the number of documents."""
    with tempfile.TemporaryDirectory(prefix=".duplicates-", dir=folder) as scratch:
        con = sqlite3.connect(Path(scratch) / "sketches.db")
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                              "CREATE TABLE docs (n INTEGER PRIMARY KEY, doc_id TEXT, format TEXT, published TEXT,"
                              " sketch TEXT); CREATE TABLE postings (hash INTEGER, n INTEGER);")
            for n, doc in enumerate(d for d in docs if d.get("sketch") and d["sketch"]["n"] >= MIN_SHINGLES):
                con.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                            (n, doc["doc_id"], doc.get("format"), doc.get("published"), json.dumps(doc["sketch"])))
                con.executemany("INSERT INTO postings VALUES (?, ?)", ((h, n) for h in doc["sketch"]["min"]))
            return duplicates_in(con)
        finally:
            con.close()


# Pairs of documents sharing at least MIN_SHARED sketch hashes, counting only hashes at most MAX_POSTING documents hold.
CANDIDATE_PAIRS = f"""
    WITH common AS (SELECT hash FROM postings GROUP BY hash HAVING count(*) > {MAX_POSTING})
    SELECT a.n, b.n FROM postings a JOIN postings b ON a.hash = b.hash AND a.n < b.n
    WHERE a.hash NOT IN (SELECT hash FROM common)
    GROUP BY a.n, b.n HAVING count(*) >= {MIN_SHARED}"""


def duplicates_in(con: sqlite3.Connection) -> dict[str, str]:
    """Group the candidate pairs that are near copies; every member of a group but its original is a duplicate."""
    con.execute("CREATE INDEX postings_hash ON postings (hash, n)")
    parent: dict[int, int] = {}  # only documents in some candidate pair

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidate pairs come ordered by their first document, so a small cache answers most lookups; bounded, so
    # memory still does not grow with the corpus.
    @lru_cache(maxsize=DOC_CACHE)
    def doc(n: int) -> dict:
        doc_id, format_, published, sketch = con.execute(
            "SELECT doc_id, format, published, sketch FROM docs WHERE n = ?", (n,)).fetchone()
        return {"doc_id": doc_id, "format": format_, "published": published, "sketch": json.loads(sketch)}

    for i, j in con.execute(CANDIDATE_PAIRS):
        if similarity(doc(i)["sketch"], doc(j)["sketch"]) >= SAME_TEXT:
            parent[root(i)] = root(j)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i in list(parent):
        groups[root(i)].append(doc(i))
    duplicates: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            original = min(members, key=original_key)
            duplicates.update({d["doc_id"]: original["doc_id"] for d in members if d is not original})
    return duplicates
