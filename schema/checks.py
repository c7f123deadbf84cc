"""The checks a column's value must pass before a reviewer's edit or addition is written (see schema.DATASETS)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date

import pycountry

from schema.units import is_currency, is_unit, unit_vocabulary, withdrawn_currencies  # noqa: F401

ACTOR_KINDS = ("country", "organization", "person", "group", "location")
# Codes in use for places pycountry does not list (Kosovo's user-assigned code is the common one).
EXTRA_ISO3 = frozenset({"XKX"})
ISO_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
MAX_TEXT = 2000


class FieldError(ValueError):
    """A value a reviewer sent that cannot be stored; the message says which field and why."""


def text_or_none(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"{name} must be text or null, not {type(value).__name__}")
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise FieldError(f"{name} is longer than {MAX_TEXT} characters")
    return value or None


def required_text(name: str, value: object) -> str:
    checked = text_or_none(name, value)
    if checked is None:
        raise FieldError(f"{name} must be non-empty text")
    return checked


def boolean(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"{name} must be true or false, not {json.dumps(value)}")
    return value


def number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(f"{name} must be a number, not {json.dumps(value)}")
    if not math.isfinite(value):
        raise FieldError(f"{name} must be a finite number")
    return float(value)


def number_or_none(name: str, value: object) -> float | None:
    return None if value is None else number(name, value)


def offset(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FieldError(f"{name} must be a character offset (an integer >= 0), not {json.dumps(value)}")
    return value


def iso3(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise FieldError(f"{name} must be an ISO 3166-1 alpha-3 code of 3 letters (e.g. AUS), not {json.dumps(value)}")
    code = value.strip().upper()
    if code not in EXTRA_ISO3 and pycountry.countries.get(alpha_3=code) is None:
        raise FieldError(f"{name} {code!r} is not an ISO 3166-1 alpha-3 country code")
    return code


def actor_kind(name: str, value: object) -> str:
    if value not in ACTOR_KINDS:
        raise FieldError(f"{name} must be one of {', '.join(ACTOR_KINDS)}, not {json.dumps(value)}")
    return str(value)


def iso_point(text: str) -> tuple[str, str] | None:
    """(earliest day, latest day) a date at the text's precision covers, or None when it is not YYYY[-MM[-DD]]."""
    match = ISO_POINT.match(text)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        if day:
            date(int(year), int(month), int(day))
            return text, text
        if month:
            if not 1 <= int(month) <= 12:
                return None
            return f"{text}-01", f"{text}-31"
    except ValueError:
        return None
    return f"{year}-01-01", f"{year}-12-31"


def iso_date_value(name: str, value: object) -> str:
    """ISO 8601 at the precision the text gives (2024, 2024-10, 2024-10-31) or an interval of two (a/b, a <= b)."""
    if not isinstance(value, str):
        raise FieldError(f"{name} must be an ISO 8601 date such as 2024-10-31, 2024-10, 2024 or 2024-10-17/2024-10-18, "
                         f"not {json.dumps(value)}")
    text = value.strip()
    parts = text.split("/")
    spans = [iso_point(p) for p in parts]
    if len(parts) > 2 or any(s is None for s in spans):
        raise FieldError(f"{name} {text!r} is not an ISO 8601 date (2024-10-31, 2024-10, 2024) or interval (a/b)")
    if len(parts) == 2 and spans[0][0] > spans[1][1]:
        raise FieldError(f"{name} {text!r} is an interval that ends before it starts")
    return text


def iso_date_or_none(name: str, value: object) -> str | None:
    return None if value is None else iso_date_value(name, value)


def figure_unit(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"{name} must be text such as percent, count, USD or km2, not {json.dumps(value)}")
    unit = value.strip()
    if is_unit(unit):
        return unit
    raise FieldError(f"{name} {unit!r} is not a known unit: use percent, percentage_point, count, an ISO 4217 "
                     "currency code (EUR, USD) or an SI-style symbol (t, km2, m3, GWh, barrel)")


def text_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(f"{name} must be a list of text, not {json.dumps(value)}")
    return [v.strip() for v in value if v.strip()]


def date_list(name: str, value: object) -> list[str]:
    return [iso_date_value(f"{name} item", v) for v in text_list(name, value)]


Check = Callable[[str, object], object]
