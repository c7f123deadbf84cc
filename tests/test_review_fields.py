import pytest

from review.fields import FieldError, check_fields, figure_unit, iso3, iso_date_value


@pytest.mark.parametrize("value", ["2024", "2024-10", "2024-10-31", "1990/1999", "2024-10-17/2024-10-18",
                                   "2022-02/2024-08-31"])
def test_review_fields_accept_iso_dates_at_any_precision(value: str) -> None:
    assert iso_date_value("value", value) == value


@pytest.mark.parametrize("value", ["31/10/2024", "2024-13", "2023-02-29", "October 2024", "2024/2023", "2024/", 2024,
                                   "2024-10-17/2024-10-18/2024-10-19"])
def test_review_fields_refuse_what_is_not_iso_8601(value: object) -> None:
    with pytest.raises(FieldError):
        iso_date_value("value", value)


def test_review_fields_units_and_codes() -> None:
    for unit in ("percent", "count", "EUR", "JPY", "km2", "GWh", "Mt", "barrel"):
        assert figure_unit("unit", unit) == unit
    for unit in ("furlongs", "eur", "", 3):
        with pytest.raises(FieldError):
            figure_unit("unit", unit)
    assert iso3("iso3", "kor") == "KOR" and iso3("iso3", None) is None
    for code in ("KO", "KOREA", "ZZZ", 410):
        with pytest.raises(FieldError):
            iso3("iso3", code)


def test_review_fields_edits_name_the_field_at_fault() -> None:
    assert check_fields("figures", {"value": 38, "unit": "m3"}) == {"value": 38.0, "unit": "m3"}
    with pytest.raises(FieldError, match="value must be a number"):
        check_fields("figures", {"value": "38 billion"})
    with pytest.raises(FieldError, match="value must be a number"):
        check_fields("figures", {"value": True})
    with pytest.raises(FieldError, match="'figure_id' cannot be changed"):
        check_fields("figures", {"figure_id": "x"})
    with pytest.raises(FieldError, match="hedged must be true or false"):
        check_fields("claims", {"hedged": "no"})
    with pytest.raises(FieldError, match="date_values item"):
        check_fields("claims", {"date_values": ["2024", "last year"]})


def test_review_fields_accept_every_unit_and_currency_the_extractors_give() -> None:
    """A reviewer can keep any unit a figure was extracted with: the review's vocabulary covers the extractors'."""
    from extractors.common import load_data
    from extractors.units import quantity_units

    units = quantity_units(load_data("quantities.json"))
    assert {"km", "percent", "USD", "AUD"} <= units
    for unit in sorted(units):
        assert figure_unit("unit", unit) == unit


def test_review_fields_accept_every_country_code_the_extractors_give() -> None:
    """A reviewer can keep the iso3 of any country the actor gazetteer or the table reader resolves."""
    from extractors.common import DATA_DIR

    codes = set()
    for name in ("countries.tsv", "table_country_aliases.tsv"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) < 2:
                continue
            codes.add(cells[0] if name == "countries.tsv" else cells[1].strip())
    codes.discard("iso3")
    assert len(codes) > 100
    for code in sorted(codes):
        assert iso3("iso3", code) == code


def test_review_fields_units_come_from_one_table_the_extractors_check_against() -> None:
    """A spelling mapped to a unit the review would refuse stops the extractors at load, naming the unit."""
    from extractors.common import load_data
    from extractors.units import UnknownUnit, checked_quantities

    quantities = load_data("quantities.json")
    assert checked_quantities(quantities) is quantities
    broken = {**quantities, "unit_words": {**quantities["unit_words"], "furlongs": ["furlong", 1, None]}}
    with pytest.raises(UnknownUnit, match="furlong"):
        checked_quantities(broken)
