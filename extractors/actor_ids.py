"""How an actor id is made: the one scheme the pipeline's actors and the review page's added actors share.

`country:ISO3` for a country; the gazetteer's id for an organisation or group it lists by any of its names
(`organization:nato` for "North Atlantic Treaty Organization"); else `kind:slug-of-the-name`.
The actor layer (extractors/actors/) takes `slug` from here; it still reads the gazetteer's ids itself, from the
same data files, and tests/test_actor_ids.py checks the two agree.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache

from extractors.common import DATA_DIR, load_data


@cache
def slug(text: str) -> str:
    """A readable, stable id part: accents dropped, letters NFKD cannot split spelled out (Støre -> store)."""
    if text.isascii():
        ascii_text = text
    else:
        letters = load_data("actor_cues.json")["ascii_letters"]
        spelled = "".join(letters.get(c, c) for c in text)
        ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def name_key(name: str) -> str:
    """How names are compared here: case and spacing aside, a leading 'the' optional."""
    folded = " ".join(name.casefold().split())
    return folded.removeprefix("the ")


@cache
def known_ids() -> dict[tuple[str, str], str]:
    """(kind, name key) -> actor id for every name the gazetteer gives an organisation, group or place."""
    ids: dict[tuple[str, str], str] = {}
    for entry in load_data("organizations.json")["entries"]:
        for name in (entry["name"], *entry["aliases"]):
            ids.setdefault((entry["kind"], name_key(name)), f"{entry['kind']}:{entry['id']}")
    with (DATA_DIR / "places.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader([line for line in handle if not line.startswith("#")], delimiter="\t")
        for row in rows:
            for name in (row["name"], *(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())):
                ids.setdefault(("location", name_key(name)), f"location:{slug(row['name'])}")
    return ids


def actor_id(kind: str, name: str, iso3: str | None = None) -> str:
    """The id the pipeline gives an actor of this kind and name (and ISO3 code, for a country)."""
    if kind == "country" and iso3:
        return f"country:{iso3}"
    return known_ids().get((kind, name_key(name))) or f"{kind}:{slug(name)}"
