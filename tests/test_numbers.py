"""Number parsing: digits with separators, number words, scale words."""

from __future__ import annotations

import pytest

from extractors.numbers import find_numbers, parse_digits, parse_number_words


@pytest.mark.parametrize(
    ("written", "value"),
    [("1,234.5", 1234.5), ("816 000", 816000.0), ("816\u202f000", 816000.0), ("3.8", 3.8), ("12", 12.0)],
)
def test_numbers_parse_digits_with_separators(written: str, value: float) -> None:
    assert parse_digits(written) == value


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("six", 6),
        ("twelve", 12),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("two million", 2e6),
        ("two hundred and fifty thousand", 250_000),
        ("half a million", 500_000),
        ("one hundred", 100),
    ],
)
def test_numbers_parse_number_words(written: str, value: float) -> None:
    assert parse_number_words(written) == value


def test_numbers_parse_number_words_rejects_two_numbers_in_a_row() -> None:
    assert parse_number_words("two three") is None


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("pledged US$4.7 billion", "4.7 billion", 4.7e9),
        ("gas: 3.8 billion", "3.8 billion", 3.8e9),
        ("USD 2.5bn in aid", "2.5bn", 2.5e9),
        ("USD 2.5 bn in aid", "2.5 bn", 2.5e9),
        ("816 000 t of grain", "816 000", 816000.0),
        ("about 50k troops", "50k", 50_000.0),
        ("a 100-billion euro fund", "100-billion", 1e11),
        ("some two million refugees", "two million", 2e6),
    ],
)
def test_numbers_find_applies_scale(text: str, found: str, value: float) -> None:
    numbers = find_numbers(text)
    assert len(numbers) == 1
    assert text[numbers[0].start:numbers[0].end] == found
    assert numbers[0].value == pytest.approx(value)


@pytest.mark.parametrize("text", ["M1A1", "F-16", "AP4", "fs_2403", "Australia0.000.110.730.840.06"])
def test_numbers_find_skips_numbers_inside_identifiers(text: str) -> None:
    assert find_numbers(text) == []


def test_numbers_find_keeps_space_separated_numbers_apart_when_not_thousands() -> None:
    numbers = find_numbers("established in 2014 12 countries")
    assert [n.value for n in numbers] == [2014.0, 12.0]
    assert numbers[0].year_like and not numbers[1].year_like
