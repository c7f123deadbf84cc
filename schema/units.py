"""The one table of units a figure may carry (schema/units.json, plus ISO 4217 currencies): what the review page
accepts and what the extractors' unit spellings (extractors/data/quantities.json) must map to."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pycountry

UNITS_FILE = Path(__file__).parent / "units.json"


@cache
def units_spec() -> dict:
    return json.loads(UNITS_FILE.read_text(encoding="utf-8"))


@cache
def unit_vocabulary() -> frozenset[str]:
    """Every unit besides currencies: the named ones, plain symbols, and prefixed forms (kt, GWh, km2)."""
    spec = units_spec()
    units = set(spec["named"]) | set(spec["plain"]) | set(spec["prefixable"])
    units |= {prefix + base for prefix in spec["prefixes"] for base in spec["prefixable"]}
    return frozenset(units)


@cache
def withdrawn_currencies() -> frozenset[str]:
    return frozenset(units_spec()["withdrawn_currencies"])


def is_currency(code: str) -> bool:
    if len(code) != 3 or not code.isupper():
        return False
    return pycountry.currencies.get(alpha_3=code) is not None or code in withdrawn_currencies()


def is_unit(unit: str) -> bool:
    """A unit a figure may carry: percent, percentage_point, count, an SI-style symbol or an ISO 4217 currency."""
    return unit in unit_vocabulary() or is_currency(unit)
