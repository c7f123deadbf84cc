"""Re-attaching reviewers' verdicts by content when a document is edited or re-extracted.

Extraction ids are hashes of a document's content and an extraction's offsets, so a new version of a file, or an
extractor that moves a span by a character, gives every extraction a new id. Like annotation tools re-anchor a
comment, a verdict follows its extraction when what the reviewer judged is still there: the same normalised text,
of the same kind (for a mention, the same actor), with at least one side of its surrounding context intact. Only
what truly disappeared stays orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema import current_fields

CONTEXT = 40  # characters of normalised context kept on each side of a span
ENOUGH_CONTEXT = 16  # this much of one side surviving an edit says "the same place in the text"
LONG_TEXT = 40  # a span this long (a claim's sentence) is its own context when only one copy of it exists


def normalised(text: str) -> str:
    """Case and whitespace folded: re-flowing a paragraph or fixing capitals does not move an extraction."""
    return " ".join(text.casefold().split())


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class Anchor:
    """What identifies an extraction by content: its kind, normalised text and the text around it."""

    key: tuple  # (dataset, kind, normalised text): what must match exactly
    before: str = ""  # normalised context before the span, nearest character last
    after: str = ""  # normalised context after the span
    start: int = 0

    def score(self, other: Anchor) -> int | None:
        """How much context the two share, or None when they are not the same extraction."""
        if self.key != other.key:
            return None
        before = common_prefix(self.before[::-1], other.before[::-1])
        after = common_prefix(self.after, other.after)
        enough_before = before >= min(ENOUGH_CONTEXT, len(self.before)) and (before > 0 or not self.before)
        enough_after = after >= min(ENOUGH_CONTEXT, len(self.after)) and (after > 0 or not self.after)
        if enough_before or enough_after:
            return before + after + 1
        if len(self.key[-1]) >= LONG_TEXT:
            return 0
        return None


def table_kind(row: dict, rows: list[dict]) -> tuple:
    """A cell is known by its header and its row's label (the first cell), wherever the table moved."""
    header = current_fields("tables", row).get("header")  # a row stored before the rename names it `column`
    label = next((c.get("text") for c in rows if c.get("table_id") == row.get("table_id")
                  and c.get("row") == row.get("row") and c.get("col") == 0), None)
    return normalised(str(header or "")), normalised(str(label or ""))


def anchor_of(dataset: str, row: dict, text: str, rows: list[dict]) -> Anchor:
    """The anchor of one extraction row, `text` being its document's text and `rows` its dataset's rows."""
    if dataset == "actors":
        return Anchor((dataset, row.get("actor_id"), ""))
    if dataset == "tables":
        return Anchor((dataset, table_kind(row, rows), normalised(str(row.get("text") or ""))))
    kind = row.get("actor_id") if dataset == "mentions" else ""
    start, end = row.get("start"), row.get("end")
    if start is None or end is None:
        return Anchor((dataset, kind, normalised(str(row.get("text") or ""))))
    before = normalised(text[max(0, start - 3 * CONTEXT):start])[-CONTEXT:]
    after = normalised(text[end:end + 3 * CONTEXT])[:CONTEXT]
    return Anchor((dataset, kind, normalised(text[start:end])), before, after, start)


def match_anchors(wanted: dict[str, Anchor], offered: dict[str, Anchor]) -> dict[str, str]:
    """Old id -> new id, each new extraction taken once, the best-preserved context first."""
    by_key: dict[tuple, list[tuple[str, Anchor]]] = {}
    for new_id, anchor in offered.items():
        by_key.setdefault(anchor.key, []).append((new_id, anchor))
    pairs = []
    for old_id, anchor in wanted.items():
        candidates = by_key.get(anchor.key, [])
        for new_id, other in candidates:
            score = anchor.score(other)
            if score is None or (score == 0 and len(candidates) > 1):
                continue
            pairs.append((-score, abs(other.start - anchor.start), old_id, new_id))
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, old_id, new_id in sorted(pairs):
        if old_id in matched or new_id in taken:
            continue
        matched[old_id] = new_id
        taken.add(new_id)
    return matched


def find_span(old_text: str, start: int, end: int, new_text: str) -> tuple[int, int] | None:
    """Where a span a reviewer added (old_text[start:end]) sits in the new text: the copy whose context survived."""
    span = old_text[start:end]
    old = Anchor(("", "", normalised(span)), normalised(old_text[max(0, start - 3 * CONTEXT):start])[-CONTEXT:],
                 normalised(old_text[end:end + 3 * CONTEXT])[:CONTEXT], start)
    best: tuple[int, int, int] | None = None
    at = new_text.find(span)
    while at >= 0:
        new = Anchor(old.key, normalised(new_text[max(0, at - 3 * CONTEXT):at])[-CONTEXT:],
                     normalised(new_text[at + len(span):at + len(span) + 3 * CONTEXT])[:CONTEXT], at)
        score = old.score(new)
        if score is not None and (best is None or (score, -abs(at - start)) > (best[0], -abs(best[1] - start))):
            best = (score, at, at + len(span))
        at = new_text.find(span, at + 1)
    return (best[1], best[2]) if best else None
