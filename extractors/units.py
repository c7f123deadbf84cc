"""The extractors' unit spellings (extractors/data/quantities.json, table_terms.json) checked against the one table
of units (schema/units.py) when they are loaded: a spelling that maps to a unit the review page would refuse is a
mistake in the data, found at once rather than when a reviewer edits the figure."""

from __future__ import annotations

from schema.units import is_unit


class UnknownUnit(ValueError):
    """A data file maps a spelling to a unit schema/units.json does not know."""


def quantity_units(quantities: dict) -> set[str]:
    """Every unit quantities.json maps a spelling to: physical units, shares and currencies."""
    units = {canonical for canonical, *_ in quantities["unit_symbols"].values()}
    units |= {canonical for canonical, *_ in quantities["unit_words"].values()}
    for name in ("currency_prefixes", "currency_words"):
        units |= set(quantities[name].values())
    codes = quantities["currency_codes"]
    units |= set(codes.values() if isinstance(codes, dict) else codes)
    return units


def known_units(units: set[str], source: str) -> None:
    unknown = sorted(u for u in units if not is_unit(u))
    if unknown:
        raise UnknownUnit(f"{source} maps spellings to units schema/units.json does not know: {', '.join(unknown)}")


def checked_quantities(quantities: dict) -> dict:
    """`quantities` (quantities.json), once every unit it names is known."""
    known_units(quantity_units(quantities), "quantities.json")
    return quantities
