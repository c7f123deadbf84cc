"""Figures: numbers with meaning, normalised to value, unit and scale (first version)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extractors.records import Actor, ArticleContext, Figure

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def extract_figures(doc: Doc, ctx: ArticleContext, actors: list[Actor]) -> list[Figure]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in {"PERCENT", "MONEY", "CARDINAL", "QUANTITY"}:
            continue
        if ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        match = NUMBER.search(ent.text)
        if not match:
            continue
        value = float(match.group().replace(",", ""))
        for word, factor in SCALE.items():
            if word in ent.text.lower():
                value *= factor
        unit = {"PERCENT": "percent", "MONEY": "USD"}.get(ent.label_, "count")
        found.append(Figure(ent.text, ent.start_char, ent.end_char, value, unit))
    return found
