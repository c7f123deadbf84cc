"""extractors/countries.py: one way to resolve a country, shared by the table reader, the review page and (to come)
the actor gazetteer, which it must agree with on every name."""

from __future__ import annotations

import pytest

from extractors.countries import resolve_country
from extractors.table_terms import country_iso3
from review.fields import with_country_code


def test_countries_agree_with_the_actor_gazetteer_on_every_name() -> None:
    from extractors.actors import load_lexicon

    disagree = []
    for key, term in load_lexicon().terms.items():
        text = " ".join(key)
        if term.category in ("country", "demonym"):  # a demonym names its country where demonyms are asked for
            got, want = resolve_country(text, demonyms=term.category == "demonym"), term.iso3
        else:  # an organisation, place, capital or a word that may mean two countries is no country
            got, want = resolve_country(text), None
        if got != want:
            disagree.append((text, term.category, want, got))
    assert len(load_lexicon().terms) > 1000
    assert disagree == []


@pytest.mark.parametrize(("text", "iso3"), [
    ("The Netherlands", "NLD"), ("Türkiye", "TUR"), ("Côte d’Ivoire", "CIV"), ("Korea, South", "KOR"),
    ("DPRK", "PRK"), ("DEU", "DEU"), ("deu", None), ("Congo", None), ("Paris", None), ("Germans", None),
    ("Korea, Republic of", "KOR"), ("Antarctica", None), ("", None), ("Total", None),
])
def test_countries_resolve_names_codes_and_refuse_what_is_no_country(text: str, iso3: str | None) -> None:
    assert resolve_country(text) == iso3


def test_countries_demonyms_only_when_asked() -> None:
    assert resolve_country("Germans") is None and resolve_country("Germans", demonyms=True) == "DEU"


def test_countries_a_row_label_with_accents_is_its_country() -> None:
    """Table row labels are compared with accents folded, as the gazetteer compares names (they were not: a
    label written with its accent, as the country writes itself, had no iso3)."""
    assert country_iso3("Perú") == "PER" and country_iso3("Bélgica") is None


def test_countries_the_table_reader_and_the_review_page_resolve_alike() -> None:
    assert country_iso3("Türkiye*") == country_iso3("Turkey [2]") == resolve_country("Türkiye") == "TUR"
    added = with_country_code({"name": "the Netherlands", "kind": "country", "iso3": None}, "Dutch")
    assert added["iso3"] == "NLD"
    assert with_country_code({"name": "Berlin's government", "kind": "country", "iso3": None}, "Germans")["iso3"] \
        == "DEU"  # the selected text, a demonym, when the name resolves to nothing
    assert with_country_code({"name": "NATO", "kind": "organization", "iso3": None}, "NATO")["iso3"] is None
