"""Near-duplicate documents: the same article in another format (PDF and HTML), or republished with another header.

Exact copies already share a doc_id (the same bytes are stored once). Near copies differ in bytes, so they are found
by their text: each document's word 5-grams are hashed and the smallest SKETCH_SIZE hashes kept (a bottom-k
sketch, stored with the document). Two sketches estimate the Jaccard similarity of the two 5-gram sets; documents
at SAME_TEXT or above are one group, and every member but one (the original) gets `duplicate_of`.
Candidates come from an inverted index over sketch hashes, so a corpus is not compared pair by pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from hashlib import blake2b

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


def find_duplicates(docs: Iterable[dict]) -> dict[str, str]:
    """doc_id -> doc_id of its original, for every document that is a near copy of another.

    `docs`: dicts with doc_id, format, published and sketch (as text_sketch gives); documents without a usable
    sketch are left alone."""
    usable = [d for d in docs if d.get("sketch") and d["sketch"]["n"] >= MIN_SHINGLES]
    index: dict[int, list[int]] = defaultdict(list)
    for i, doc in enumerate(usable):
        for h in doc["sketch"]["min"]:
            index[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in index.values():
        if len(members) > MAX_POSTING:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                shared[(members[x], members[y])] += 1
    parent = list(range(len(usable)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), count in shared.items():
        if count >= MIN_SHARED and similarity(usable[i]["sketch"], usable[j]["sketch"]) >= SAME_TEXT:
            parent[root(i)] = root(j)
    groups: dict[int, list[dict]] = defaultdict(list)
    for i, doc in enumerate(usable):
        groups[root(i)].append(doc)
    duplicates: dict[str, str] = {}
    for members in groups.values():
        if len(members) > 1:
            original = min(members, key=original_key)
            duplicates.update({d["doc_id"]: original["doc_id"] for d in members if d is not original})
    return duplicates
