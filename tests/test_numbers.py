"""Number parsing: digits with separators, number words, scale words."""

from __future__ import annotations

import pytest

from extractors.actors import extract_actors
from extractors.figures import extract_figures
from extractors.numbers import find_numbers, parse_digits, parse_number_words
from extractors.records import ArticleContext


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


@pytest.mark.parametrize(
    ("text", "found", "value", "upper"),
    [
        ("a refit costing 3-4 billion over ten years", "3-4 billion", 3e9, 4e9),
        ("between 7–8 million displaced", "7–8 million", 7e6, 8e6),
        ("a fund of 2.5-3bn", "2.5-3bn", 2.5e9, 3e9),
    ],
)
def test_numbers_range_with_one_scale_word_is_one_number_with_both_ends(
    text: str, found: str, value: float, upper: float
) -> None:
    numbers = find_numbers(text)
    ranged = [n for n in numbers if n.upper is not None]
    assert len(ranged) == 1
    assert text[ranged[0].start:ranged[0].end] == found
    assert ranged[0].value == pytest.approx(value)
    assert ranged[0].upper == pytest.approx(upper)


@pytest.mark.parametrize("text", ["rose 10-15% last year", "the 2019-2 million mark", "won 3-1 at home"])
def test_numbers_dash_without_a_shared_scale_is_no_scaled_range(text: str) -> None:
    assert all(n.upper is None for n in find_numbers(text))


def test_numbers_currency_prefix_glued_to_the_number() -> None:
    numbers = find_numbers("a budget of $A41 billion")
    assert [n.value for n in numbers] == [41e9]


def test_numbers_article_before_a_fraction_of_is_one() -> None:
    assert [n.value for n in find_numbers("about a quarter of the fleet")] == [1.0]
    assert find_numbers("a third term in office") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Oslo will spend A$12 billion on patrol boats.", 12e9, "AUD"),
        ("The pipeline is costed at $A48 billion.", 48e9, "AUD"),
        ("The deal with Jakarta is worth AUD 2.1 billion.", 2.1e9, "AUD"),
        ("The refit will cost $2–5 billion, officials said.", 2e9, "USD"),
        ("A fund of €25M was set aside for repairs.", 25e6, "EUR"),
        ("The city borrowed £7m for flood walls.", 7e6, "GBP"),
        ("About two thirds of the budget goes to wages.", 66.67, "percent"),
        ("Nearly three-quarters of voters backed the plan.", 75.0, "percent"),
        ("A fifth of the navy's ships are in dock.", 20.0, "percent"),
    ],
)
def test_numbers_figures_read_currencies_ranges_and_fractions(nlp, text: str, value: float, unit: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(round(f.value, 2), f.unit) for f in figures] == [(pytest.approx(value, rel=1e-3), unit)]


def test_numbers_figures_count_range_with_one_scale_word(nlp) -> None:
    doc = nlp("The floods displaced 3–4 million people last year.")
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(3e6, "count")]


@pytest.mark.parametrize("text", ["several hundred thousand euros", "many thousand troops", "a few million people"])
def test_numbers_scale_words_without_a_count_are_no_number(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("written", "value"),
    [("three and a half", 3.5), ("one and a half million", 1.5e6), ("twenty and a half", 20.5),
     ("one lakh crore", 1e12)],
)
def test_numbers_parse_number_words_with_a_half_and_stacked_scales(written: str, value: float) -> None:
    assert parse_number_words(written) == value


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        ("the talks lasted two and a half hours", "two and a half", 2.5),
        ("some four and a half million voters", "four and a half million", 4.5e6),
        ("a budget of ₹2.4 lakh crore", "2.4 lakh crore", 2.4e12),
    ],
)
def test_numbers_find_a_half_and_lakh_crore(text: str, found: str, value: float) -> None:
    numbers = find_numbers(text)
    assert [(text[n.start:n.end], n.value) for n in numbers] == [(found, pytest.approx(value))]


@pytest.mark.parametrize(("text", "value"), [("2/3 of the garrison", 200 / 3), ("about 1/4 of its ships", 25.0)])
def test_numbers_slash_fraction_before_of_is_a_share(text: str, value: float) -> None:
    numbers = find_numbers(text)
    assert len(numbers) == 1 and numbers[0].share
    assert numbers[0].value == pytest.approx(value)


@pytest.mark.parametrize("text", ["the 9/11 of the region", "open 24/7 of course", "signed on 3/4/2021 of all days"])
def test_numbers_slash_without_a_fraction_word_denominator_is_no_share(text: str) -> None:
    assert not any(n.share for n in find_numbers(text))


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The lorries carried 4,000 lb of flour.", 4000 * 0.00045359237, "t"),
        ("Each bag weighs 55 lbs when full.", 55 * 0.00045359237, "t"),
        ("Raiders stole 800 pounds of explosives.", 800 * 0.00045359237, "t"),
        ("The depot issued 20,000 gallons of diesel.", 20000 * 0.003785411784, "m3"),
        ("The terminal can handle 7.5 mtpa of liquefied gas.", 7.5e6, "t"),
        ("Jakarta set aside Rp 12 trillion for coastal radars.", 12e12, "IDR"),
        ("Kuala Lumpur approved RM 4.1 billion for patrol craft.", 4.1e9, "MYR"),
        ("The ministry asked for ₹3.1 lakh crore this year.", 3.1e12, "INR"),
        ("Roughly 2/3 of the garrison has left.", 66.67, "percent"),
        ("The convoy waited three and a half hours at the bridge.", 12600.0, "s"),
    ],
)
def test_numbers_figures_read_more_units_and_forms(nlp, text: str, value: float, unit: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(pytest.approx(value, rel=1e-3), unit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Backing for the treaty slipped to 44%, down 6 points on spring.",
         [(44.0, "percent"), (6.0, "percentage_point")]),
        ("The ruling bloc took 52 per cent and beat the opposition by 9 points.",
         [(52.0, "percent"), (9.0, "percentage_point")]),
        ("Approval sits at 30%; the home side scored 2 points late on.", [(30.0, "percent")]),
        ("The share index lost 61.4 points, or 1.2%, by noon.", [(1.2, "percent")]),
    ],
)
def test_numbers_points_after_a_share_in_the_sentence_are_percentage_points(nlp, text: str, expected: list) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == expected


def test_numbers_radio_channel_is_no_count(nlp) -> None:
    doc = nlp("Skippers must call the harbour master on channel 14 before they enter.")
    ctx = ArticleContext(doc_id="t")
    assert extract_figures(doc, ctx, extract_actors(doc, ctx)) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"), [("Trade was worth USD3.2bn a month.", 3.2e9, "USD"), ("It paid EUR450m.", 4.5e8, "EUR")]
)
def test_numbers_iso_code_glued_to_the_number(nlp, text: str, value: float, unit: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(value, unit)]


@pytest.mark.parametrize("text", ["the AIM120 and the ABC123 variants", "unit XUSD3 stood by"])
def test_numbers_letters_glued_to_a_number_that_are_no_code_still_hide_it(text: str) -> None:
    assert find_numbers(text) == []


def test_numbers_pc_is_percent(nlp) -> None:
    doc = nlp("Grain exports rose 35pc in the spring.")
    ctx = ArticleContext(doc_id="t")
    assert [(f.value, f.unit) for f in extract_figures(doc, ctx, extract_actors(doc, ctx))] == [(35.0, "percent")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fleet has 30 patrol boats, nine of them armed with missiles.", [30.0, 9.0]),
        ("About 2,000 people fled, a hundred of whom reached the coast.", [2000.0, 100.0]),
        ("Two ferries sank last winter; one of them was never found.", [2.0]),
    ],
)
def test_numbers_number_word_before_of_them_counts_a_part(nlp, text: str, expected: list) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(v, "count") for v in expected]


@pytest.mark.parametrize(
    ("text", "item"),
    [("Officials said four of the smugglers were caught.", "smugglers"),
     ("Two of its tankers were seized.", "tankers")],
)
def test_numbers_number_word_counts_a_part_of_a_plural_whole(nlp, text: str, item: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.unit, f.item) for f in figures] == [("count", item)]


def test_numbers_one_of_a_plural_whole_is_no_count(nlp) -> None:
    doc = nlp("One of the ferries ran aground.")
    ctx = ArticleContext(doc_id="t")
    assert extract_figures(doc, ctx, extract_actors(doc, ctx)) == []


@pytest.mark.parametrize(
    "text", ["The lifeboat went out with a crew of seven.", "They sent a team of twelve to the border."]
)
def test_numbers_number_word_after_a_group_noun_gives_its_size(nlp, text: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    assert [f.unit for f in extract_figures(doc, ctx, extract_actors(doc, ctx))] == ["count"]


def test_numbers_number_opening_the_sentence_after_a_month_is_no_day(nlp) -> None:
    doc = nlp("The talks ran into September. Six patrol boats, two of them new, were then sent north.")
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.item) for f in figures] == [(6.0, "patrol boats"), (2.0, "patrol boats")]


def test_numbers_day_after_an_abbreviated_month_is_still_a_date(nlp) -> None:
    doc = nlp("The accord was signed on Oct. 9 in Vienna.")
    ctx = ArticleContext(doc_id="t")
    assert extract_figures(doc, ctx, extract_actors(doc, ctx)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A battalion of 600-800 marines landed at dawn.", [(600.0, "count"), (800.0, "count")]),
        ("Some 120–150 trawlers fish the bank.", [(120.0, "count"), (150.0, "count")]),
        ("The motion carried 61-39 votes.", [(39.0, "count")]),
        ("The 2016-2019 surveys found little change.", []),
        ("The 2031-32 cuts fall on training.", []),
        ("The home side won 2-0 on Sunday.", []),
    ],
)
def test_numbers_dash_range_of_a_plural_noun_counts_it(nlp, text: str, expected: list) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    assert [(f.value, f.unit) for f in extract_figures(doc, ctx, extract_actors(doc, ctx))] == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The patrol walked half a mile to the ridge.", 0.804672, "km"),
        ("The minister spoke for half an hour.", 1800.0, "s"),
        ("Yields fell half a percentage point.", 0.5, "percentage_point"),
        ("The armour is 4 inches thick.", 4 * 2.54e-5, "km"),
        ("Each ration weighs 450 grams.", 450e-6, "t"),
        ("A tanker truck holds 30 kilolitres.", 30.0, "m3"),
        ("Gusts reached 30 m/s at the airfield.", 0.03, "km"),
        ("Visas cost 80 € at the border.", 80.0, "EUR"),
    ],
)
def test_numbers_figures_read_half_a_unit_and_small_units(nlp, text: str, value: float, unit: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(pytest.approx(value, rel=1e-6), unit)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The depot holds 4m litres of diesel.", 4000.0, "m3"),
        ("The port handled 9m tonnes of grain.", 9e6, "t"),
        ("Wildfires burned 300 sq miles of pine.", 300 * 2.589988110336, "km2"),
        ("The dam holds 1.5 cubic kilometres of water.", 1.5e9, "m3"),
        ("The storm forced 2m people from their homes.", 2e6, "count"),
    ],
)
def test_numbers_m_before_a_unit_is_a_million_of_it(nlp, text: str, value: float, unit: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(pytest.approx(value, rel=1e-6), unit)]


def test_numbers_level_after_a_change_in_percent_is_not_a_percent(nlp) -> None:
    doc = nlp("The militia grew by 15 per cent to 9,000.")
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(15.0, "percent"), (9000.0, "count")]


def test_numbers_share_compared_from_a_share_keeps_percent(nlp) -> None:
    doc = nlp("Its stake went from 12% to 20 in five years.")
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(12.0, "percent"), (20.0, "percent")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Industrial output changed by –1.8% in May.", -1.8), ("Real wages moved minus 0.7 per cent.", -0.7)],
)
def test_numbers_en_dash_or_minus_word_before_a_share_is_a_sign(nlp, text: str, value: float) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    assert [(f.value, f.unit) for f in extract_figures(doc, ctx, extract_actors(doc, ctx))] == [(value, "percent")]


def test_numbers_dash_after_a_number_and_space_ends_a_range_not_a_sign() -> None:
    assert [n.value for n in find_numbers("in the 2019 –20 season")] == [2019.0]


def test_numbers_second_number_of_a_proportion_in_words_is_no_count(nlp) -> None:
    doc = nlp("Three in four farmers sold their grain early.")
    ctx = ArticleContext(doc_id="t")
    assert extract_figures(doc, ctx, extract_actors(doc, ctx)) == []


def test_numbers_glued_million_letter_without_a_noun_still_counts(nlp) -> None:
    doc = nlp("About 90,000 flats were flooded and 2.3m cut off from power.")
    ctx = ArticleContext(doc_id="t")
    figures = extract_figures(doc, ctx, extract_actors(doc, ctx))
    assert [(f.value, f.unit) for f in figures] == [(90000.0, "count"), (2.3e6, "count")]


@pytest.mark.parametrize(
    "text", ["The terminal moved 80,000 forty-foot containers.", "The cruiser kept its 8-inch guns."]
)
def test_numbers_singular_unit_after_a_hyphen_names_a_class_not_a_measure(nlp, text: str) -> None:
    doc = nlp(text)
    ctx = ArticleContext(doc_id="t")
    assert all(f.unit == "count" for f in extract_figures(doc, ctx, extract_actors(doc, ctx)))
