"""Dates: temporal expressions normalised to ISO 8601 (first version: spaCy DATE entities with a year)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.records import ArticleContext, DateMention

YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def extract_dates(doc: Doc, ctx: ArticleContext) -> list[DateMention]:
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        match = YEAR.search(ent.text)
        found.append(DateMention(ent.text, ent.start_char, ent.end_char, match.group(1) if match else None, not match))
    return found
