"""Claims: check-worthy statements with their source and hedging (first version: sentences with an entity)."""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.records import Actor, ArticleContext, Claim, DateMention, Figure

HEDGES = ("may ", "might ", "reportedly", "is expected to", "seems")


def extract_claims(
    doc: Doc, ctx: ArticleContext, actors: list[Actor], dates: list[DateMention], figures: list[Figure]
) -> list[Claim]:
    claims = []
    for sent in doc.sents:
        if not sent.ents or sent.text.rstrip().endswith("?") or ctx.is_blocked(sent.start_char, sent.end_char):
            continue
        start, end = sent.start_char, sent.end_char

        def inside(s: int, e: int, start: int = start, end: int = end) -> bool:
            return start <= s and e <= end

        claims.append(
            Claim(
                text=sent.text.strip(),
                start=start,
                end=end,
                hedged=any(h in sent.text.lower() for h in HEDGES),
                actor_ids=sorted({a.actor_id for a in actors for m in a.mentions if inside(m.start, m.end)}),
                figure_ids=[f.id for f in figures if inside(f.start, f.end)],
                date_values=[d.value for d in dates if d.value and inside(d.start, d.end)],
            )
        )
    return claims
