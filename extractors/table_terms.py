"""What the table extractor knows about words: units, totals, missing-value marks, country row labels.

Knowledge lives in extractors/data/table_terms.json; countries are resolved as everywhere (extractors/countries.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from extractors.common import alternation, load_data
from extractors.countries import resolve_country
from extractors.units import known_units

PERCENT_UNIT = "percent"


@cache
def table_terms() -> dict:
    terms = load_data("table_terms.json")
    known_units(set(terms["currencies"].values()), "table_terms.json")  # the one table of units knows each
    return terms


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, no leading 'the': how labels and header words are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    text = re.sub(r"\s+", " ", text.lower()).strip()
    return re.sub(r"^the ", "", text)


def country_iso3(label: str) -> str | None:
    """ISO3 of a row label naming a country ("The Netherlands" -> NLD), else None; footnote marks aside."""
    label = re.sub(r"[\s*†‡]+$|\[\d+\]$|\(\w\)$", "", label.strip()).strip()
    if not fold(label) or len(fold(label)) > 60:
        return None
    return resolve_country(label)


def is_total_header(header: str) -> bool:
    folded = fold(header)
    cues = table_terms()["total_cues"]
    return folded in cues or any(folded.startswith(cue + " ") for cue in cues if len(cue) > 3)


def is_percent_header(header: str) -> bool:
    folded = fold(header)
    if "%" in folded:
        return True
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", folded) for cue in table_terms()["percent_cues"])


def is_label_header(header: str) -> bool:
    return fold(header) in table_terms()["label_headers"]


@cache
def _unit_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    terms = table_terms()
    currency = alternation(list(terms["currencies"]))
    scale = alternation(list(terms["scales"]))
    # "EUR bn", "US$ billion", "€m", "billions of euros", "bn EUR", "millions of US dollars"
    before = re.compile(rf"(?<![\w$€£¥])({currency})\s?({scale})?(?![\w])", re.IGNORECASE)
    after = re.compile(rf"(?<![\w])({scale})\s+(?:of\s+)?(?:(?:the\s+)?)({currency})(?![\w])", re.IGNORECASE)
    percent = re.compile(r"%|\bper ?cent\b|\bpercentage\b|\bpct\b", re.IGNORECASE)
    return before, after, percent


def money_unit(text: str) -> str | None:
    """'EUR billion' for 'in billions of euros' or '(EUR bn)'; 'USD' for '$'; None when the text names no money."""
    terms = table_terms()
    before, after, _ = _unit_patterns()
    found = []
    for match in after.finditer(text):
        currency, scale = terms["currencies"][match.group(2).lower()], terms["scales"][match.group(1).lower()]
        found.append((match.start(), currency, scale))
    for match in before.finditer(text):
        scale = terms["scales"].get((match.group(2) or "").lower())
        found.append((match.start(), terms["currencies"][match.group(1).lower()], scale))
    if not found:
        return None
    _, currency, scale = min(found)
    return f"{currency} {scale}" if scale else currency


def mentions_percent(text: str) -> bool:
    return bool(_unit_patterns()[2].search(text))
