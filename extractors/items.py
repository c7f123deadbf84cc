"""Item head forms: what a figure counts, reduced to one comparable form so facts can be grouped across articles.

'Russia's military assistance' and 'military aid' both become 'military aid': words are lemmatised (by the parse
where there is one, by plural rules for table headers), determiners and possessives dropped, and words or
phrases mapped through the synonym table in extractors/data/item_synonyms.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from extractors.numbers import DATA_DIR

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@lru_cache(maxsize=1)
def synonym_table() -> dict[str, Any]:
    return json.loads((DATA_DIR / "item_synonyms.json").read_text(encoding="utf-8"))


def singular(word: str) -> str:
    """A plural noun's singular by spelling rules, for text no parse has lemmatised ('countries' -> 'country')."""
    lower = word.lower()
    irregular = synonym_table()["irregular_plurals"]
    if lower in irregular:
        return irregular[lower]
    if len(lower) <= 3 or lower.endswith(("ss", "us", "is", "ics")):
        return lower
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return lower[:-2]
    if lower.endswith("s"):
        return lower[:-1]
    return lower


def word_lemma(text: str, tag: str) -> str:
    """A word's lemma from its tag, for parses made without spaCy's lemmatizer: plural nouns singularised."""
    return singular(text) if tag in {"NNS", "NNPS"} else text.lower()


def head_form(lemmas: list[str]) -> str | None:
    """Lemmas of an item phrase -> its head form: stop words out, synonyms (two-word ones first) mapped."""
    table = synonym_table()
    stop = set(table["stop_words"])
    synonyms = table["synonyms"]
    words = [w.lower().strip("-'’") for w in lemmas]
    words = [w for w in words if w and w not in stop and not w.isdigit()]
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if i + 1 < len(words) and pair in synonyms:
            out.append(synonyms[pair])
            i += 2
            continue
        out.append(synonyms.get(words[i], words[i]))
        i += 1
    return " ".join(out) or None


def head_form_of_text(text: str | None) -> str | None:
    """Head form of an item written as plain text (a table header): words singularised by rule."""
    if not text:
        return None
    return head_form([singular(w) for w in WORD.findall(text)])
