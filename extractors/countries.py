"""One way to say which country a name means: resolve_country("The Netherlands") -> "NLD".

Built on the actor gazetteer's data (extractors/data/countries.tsv: names and aliases, demonyms; pycountry's names
for the rest of ISO 3166), the table reader's row-label forms (table_country_aliases.tsv: "Korea, South") and
pycountry's codes. A name the gazetteer gives to something else (an organisation, a place, a capital, a word that
may mean two countries such as "Congo") is no country here either, so the table reader, the review page and the
actor gazetteer agree on every name.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

import pycountry

from extractors.common import DATA_DIR, load_data

# ISO 3166-1 entries that are not places anyone governs from a capital; they are never countries.
NOT_COUNTRIES = frozenset({"ATA", "UMI", "BVT", "HMD", "ATF", "IOT", "SGS"})
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
NOT_A_COUNTRY = ""  # the table's value for a name that means something else


def tsv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader([line for line in handle if not line.startswith("#")], delimiter="\t"))


def split_cell(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(";") if part.strip()]


def name_key(text: str) -> tuple[str, ...]:
    """How names are compared: word by word, case, accents and spacing around punctuation aside, quotes and dashes
    unified, a leading 'the' dropped ("the Côte d’Ivoire" and "Cote d'Ivoire" are one key)."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    tokens = tuple(t.lower() for t in TOKEN_RE.findall(text))
    return tokens[1:] if tokens[:1] == ("the",) and len(tokens) > 1 else tokens


def pycountry_names(record: object, brackets: bool = False) -> list[str]:
    """A pycountry record's names, without the inverted forms ("Korea, Republic of"); bracketed ones ("Holy See
    (Vatican City State)") only when `brackets`, as the gazetteer takes them for the states it lists."""
    names = [getattr(record, attr, None) for attr in ("name", "common_name", "official_name")]
    return [n for n in names if n and "," not in n and (brackets or "(" not in n)]


@cache
def country_keys(demonyms: bool = False) -> dict[tuple[str, ...], str]:
    """name key -> ISO3, or NOT_A_COUNTRY for a name that means something else. Later sources override earlier
    ones, in the gazetteer's order: other ISO entries, then organisations and places, then the listed states,
    then words that may mean two countries; the table reader's row-label forms last."""
    keys: dict[tuple[str, ...], str] = {}
    rows = tsv_rows("countries.tsv")
    listed = {row["iso3"] for row in rows}
    for record in pycountry.countries:
        if record.alpha_3 not in listed and record.alpha_3 not in NOT_COUNTRIES:
            keys.update((name_key(n), record.alpha_3) for n in pycountry_names(record))
    for entry in load_data("organizations.json")["entries"]:
        keys.update((name_key(a), NOT_A_COUNTRY) for a in (*entry["aliases"], *entry.get("weak_aliases", [])))
    for place in tsv_rows("places.tsv"):
        keys.update((name_key(n), NOT_A_COUNTRY) for n in (place["name"], *split_cell(place.get("aliases"))))
    for row in rows:
        record = pycountry.countries.get(alpha_3=row["iso3"])
        names = [row["name"], *split_cell(row["aliases"]), *(pycountry_names(record, brackets=True) if record else [])]
        keys.update((name_key(n), row["iso3"]) for n in names)
        keys.update((name_key(d), row["iso3"] if demonyms else NOT_A_COUNTRY) for d in split_cell(row["demonyms"]))
        keys.update((name_key(c), NOT_A_COUNTRY) for c in split_cell(row["capitals"]))
    for word in load_data("actor_cues.json").get("ambiguous_country_terms", {}):
        keys[name_key(word)] = NOT_A_COUNTRY
    for line in (DATA_DIR / "table_country_aliases.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.strip() and not line.startswith("#") and len(cells) >= 2:
            keys[name_key(cells[0])] = cells[1].strip()
    keys.pop((), None)
    return keys


def resolve_country(text: str, demonyms: bool = False) -> str | None:
    """ISO 3166-1 alpha-3 of the country `text` names ("Türkiye", "the Netherlands", "DPRK"; a demonym such as
    "Germans" too when `demonyms`), else None. A 2- or 3-letter code counts only when written in capitals: "DEU"
    is Germany, "deu" is not."""
    key = name_key(text)
    found = country_keys(demonyms).get(key)
    if found is not None:
        return found or None
    stripped = text.strip().removeprefix("The ").removeprefix("the ")
    if not stripped or (len(stripped) <= 3 and not stripped.isupper()):
        return None
    try:
        code = pycountry.countries.lookup(stripped).alpha_3
    except LookupError:
        return None
    return None if code in NOT_COUNTRIES else code


@cache
def place_keys() -> frozenset[tuple[str, ...]]:
    """Name keys of the places the gazetteer knows: states (every name), their capitals, and the regions, seas and
    cities of places.tsv."""
    keys = {key for key, iso3 in country_keys().items() if iso3}
    keys.update(name_key(c) for row in tsv_rows("countries.tsv") for c in split_cell(row["capitals"]))
    for place in tsv_rows("places.tsv"):
        keys.update(name_key(n) for n in (place["name"], *split_cell(place.get("aliases"))))
    return frozenset(keys)


def is_place_name(text: str) -> bool:
    """'London', 'Dakar', 'Senegal', 'Red Sea': a place the gazetteer knows (a dateline's city, never a person or
    a publisher)."""
    return bool(text.strip()) and name_key(text) in place_keys()
