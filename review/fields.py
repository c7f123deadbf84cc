"""What a reviewer may change or add per dataset (declared in schema/), and the checks a review passes before
anything is written."""

from __future__ import annotations

from extractors.countries import resolve_country
from schema import SCHEMA, SPAN_DATASETS  # noqa: F401  (the review layer's names for the schema's)
from schema.checks import (  # noqa: F401  (the checks a review's values pass, importable from here)
    ACTOR_KINDS,
    Check,
    FieldError,
    actor_kind,
    figure_unit,
    iso3,
    iso_date_value,
    offset,
    required_text,
    text_or_none,
)

# Fields a reviewer may edit, per dataset, with their checks. Ids, doc_id and counts are the pipeline's business.
EDITABLE: dict[str, dict[str, Check]] = {d.name: d.editable() for d in SCHEMA.values() if d.editable()}
# What an added extraction may leave out (with defaults), and what it needs besides its span.
ADDABLE: dict[str, dict[str, object]] = {d.name: dict(d.add_defaults) for d in SCHEMA.values()
                                         if d.add_defaults is not None}
REQUIRED_TO_ADD: dict[str, tuple[str, ...]] = {name: SCHEMA[name].required_to_add for name in ADDABLE}


def check_fields(dataset: str, fields: dict[str, object]) -> dict[str, object]:
    """Every field checked and normalised; the first problem raises FieldError naming the field."""
    allowed = EDITABLE.get(dataset)
    if allowed is None:
        raise FieldError(f"unknown dataset {dataset!r}")
    checked: dict[str, object] = {}
    for name, value in fields.items():
        check = allowed.get(name)
        if check is None:
            raise FieldError(f"field {name!r} cannot be changed in {dataset}; editable: {', '.join(allowed)}")
        checked[name] = check(name, value)
    return checked


def check_actor_row(row: dict) -> None:
    """A country has an ISO code and anything else has none, as the contract says."""
    if row.get("kind") == "country" and not row.get("iso3"):
        raise FieldError("a country needs iso3 (ISO 3166-1 alpha-3)")
    if row.get("kind") != "country" and row.get("iso3"):
        raise FieldError(f"iso3 is only for countries, not for kind {row.get('kind')!r}")


def with_country_code(row: dict, selected: str) -> dict:
    """A country added without iso3 gets the code its name resolves to, or else the selected text (a demonym
    included: "Germans"), as the extractors resolve countries (extractors/countries.py)."""
    if row.get("kind") != "country" or row.get("iso3"):
        return row
    code = resolve_country(str(row.get("name") or "")) or resolve_country(selected, demonyms=True)
    return {**row, "iso3": code}
