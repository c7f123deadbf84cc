"""Figures on real text with the real spaCy model: units, scales, counts, qualifiers, exclusions, actor links."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language

from extractors.figures import extract_figures
from extractors.nlp import parse_texts
from extractors.pipeline import extract_document
from extractors.readers import read_document
from extractors.records import Actor, ArticleContext, Figure, Mention

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def figures_of(nlp: Language, text: str, actors: list[Actor] | None = None,
               blocked: tuple[tuple[int, int], ...] = ()) -> list[Figure]:
    return extract_figures(nlp(text), ArticleContext("test", blocked_spans=blocked), actors or [])


def only(figures: list[Figure]) -> Figure:
    assert len(figures) == 1, [(f.text, f.value, f.unit) for f in figures]
    return figures[0]


def actor_named(text: str, name: str, actor_id: str, kind: str = "country") -> Actor:
    """An actor with a mention at every occurrence of `name` in `text` (what extract_actors hands over)."""
    actor = Actor(actor_id=actor_id, name=name, kind=kind)
    start = text.find(name)
    while start != -1:
        actor.mentions.append(Mention(actor_id, name, start, start + len(name)))
        start = text.find(name, start + 1)
    return actor


# --- money ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        # Duckling reads "US$4.7 billion" as 47000001
        ("Washington pledged US$4.7 billion in military aid to Kyiv.", 4.7e9, "USD"),
        ("The United States has provided €84.73 billion since the invasion.", 8.473e10, "EUR"),
        ("The fund will disburse USD 2.5bn over three years.", 2.5e9, "USD"),
        ("London added £3m for demining equipment.", 3e6, "GBP"),
        ("Tokyo's defence budget rises to ¥1.2 trillion next year.", 1.2e12, "JPY"),
        ("Canberra committed A$1 billion to the program.", 1e9, "AUD"),
        ("Taipei's budget of NT$606.8 billion was approved.", 6.068e11, "TWD"),
        ("Moscow spent 10.8 trillion roubles on the military.", 1.08e13, "RUB"),
        ("The contract is worth 4.7 billion dollars.", 4.7e9, "USD"),
        ("Seoul approved a 2.1 trillion won package.", 2.1e12, "KRW"),
        ("India spent Rs 5,000 crore on border roads.", 5e10, "INR"),
        ("Berlin set aside a 100-billion euro fund.", 1e11, "EUR"),
    ],
)
def test_figures_money_with_currency_and_scale(nlp: Language, sentence: str, value: float, unit: str) -> None:
    figure = only(figures_of(nlp, sentence))
    assert figure.unit == unit
    assert figure.value == pytest.approx(value)


def test_figures_money_range_takes_the_scale_written_once(nlp: Language) -> None:
    figures = figures_of(nlp, "Estimates of the reconstruction bill range from $5 to $7bn.")
    assert [(f.value, f.unit) for f in figures] == [(5e9, "USD"), (7e9, "USD")]


def test_figures_money_rate_per_barrel(nlp: Language) -> None:
    figure = only(figures_of(nlp, "Urals crude traded at $80 a barrel in March."))
    assert (figure.value, figure.unit, figure.per) == (80, "USD", "barrel")


def test_figures_currency_name_as_modifier_is_not_money(nlp: Language) -> None:
    figure = only(figures_of(nlp, "Only two euro area countries objected to the plan."))
    assert (figure.value, figure.unit) == (2, "count")


# --- physical quantities ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "per"),
    [
        # grobid-quantities misparses "3.8 billion"
        ("Gazprom wants to ship 3.8 billion cubic metres of gas through the line.", 3.8e9, "m3", None),
        ("Shipments should reach 38 billion cubic metres per year by 2025.", 3.8e10, "m3", "year"),
        # quantulum3 drops the space-separated thousands of "816 000 t"
        ("Ukraine exported 816 000 t of grain through the corridor.", 816_000, "t", None),
        ("The plant's six reactors have a combined capacity of 5.7 GW.", 5.7e9, "W", None),
        ("The grid lost 300 MW after the strike.", 3e8, "W", None),
        ("Consumption fell to 12 TWh last winter.", 1.2e13, "Wh", None),
        ("The front line runs for more than 1,000 km.", 1000, "km", None),
        ("Russia occupies about 100,000 square kilometres of Ukrainian territory.", 1e5, "km2", None),
        ("India imported 1.2 million barrels per day of Russian crude.", 1.2e6, "barrel", "day"),
        ("Before the war the EU imported 150 bcm a year of Russian gas.", 1.5e11, "m3", "year"),
        ("The evacuation took 72 hours.", 72 * 3600, "s", None),
    ],
)
def test_figures_physical_quantities_in_canonical_units(
    nlp: Language, sentence: str, value: float, unit: str, per: str | None
) -> None:
    figure = [f for f in figures_of(nlp, sentence) if f.unit != "count"]
    assert len(figure) == 1
    assert figure[0].unit == unit
    assert figure[0].value == pytest.approx(value)
    assert figure[0].per == per


# --- percentages, points, changes, qualifiers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "unit", "qualifier"),
    [
        ("Russian arms exports declined by over 50% compared with the previous year.", 50, "percent", "over"),
        ("Allies pledged to spend at least 2% of their GDP on defence.", 2, "percent", "at least"),
        ("Military spending rose by 6.8 per cent in 2023.", 6.8, "percent", None),
        ("Turnout fell to under 40 percent.", 40, "percent", "under"),
        ("Support for membership rose 3 percentage points in a month.", 3, "percentage_point", None),
        ("The central bank raised rates by 50 basis points.", 0.5, "percentage_point", None),
        ("Exports grew by more than 20%.", 20, "percent", "over"),
        ("Prices rose by around 12%.", 12, "percent", "about"),
        ("Prices rose by approximately 12%.", 12, "percent", "about"),
        ("Prices rose by roughly 12%.", 12, "percent", "about"),
        ("Output fell by nearly 30%.", 30, "percent", "nearly"),
        ("Output fell by almost 30%.", 30, "percent", "nearly"),
        ("Imports may grow by up to 15%.", 15, "percent", "up to"),
        ("Fewer than 10% of the shells arrived.", 10, "percent", "under"),
        ("Twenty per cent of the budget goes to procurement.", 20, "percent", None),
    ],
)
def test_figures_percentages_and_qualifiers(
    nlp: Language, sentence: str, value: float, unit: str, qualifier: str | None
) -> None:
    figure = only(figures_of(nlp, sentence))
    assert (figure.value, figure.unit, figure.qualifier) == (pytest.approx(value), unit, qualifier)


def test_figures_dash_range_gives_both_ends(nlp: Language) -> None:
    figures = figures_of(nlp, "Analysts expect a 10-15% cut in Russian oil revenue.")
    assert [(f.value, f.unit) for f in figures] == [(10, "percent"), (15, "percent")]


def test_figures_phrasal_verb_is_not_a_qualifier(nlp: Language) -> None:
    figure = only(figures_of(nlp, "The army handed over 49 tanks to the new brigades."))
    assert (figure.value, figure.qualifier) == (49, None)


def test_figures_negative_change(nlp: Language) -> None:
    figure = only(figures_of(nlp, "Year on year, exports changed by -3% in May."))
    assert (figure.value, figure.unit) == (-3, "percent")


# --- counts -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "item"),
    [
        ("Australia announced the transfer of 49 M1A1 Abrams tanks to Ukraine.", 49, "M1A1 Abrams tanks"),
        ("The coalition now comprises 87 member states.", 87, "member states"),
        ("It also has six countries with observer status.", 6, "countries"),
        ("Stoltenberg wants commitments from all 31 members.", 31, "members"),
        ("The other invitees are four leaders from the Asia-Pacific.", 4, "leaders"),
        ("The coalition was founded by 12 countries.", 12, "countries"),
        ("A dozen tanks were destroyed near the river.", 12, "tanks"),
        ("The war has displaced two million people.", 2e6, "people"),
        ("Moscow has mobilised some 300,000 reservists.", 300_000, "reservists"),
        ("Denmark has pledged 19 F-16 fighter jets.", 19, "F-16 fighter jets"),
        ("Twelve countries have joined the initiative.", 12, "countries"),
        ("Beijing plans to field 1,000 nuclear warheads by 2030.", 1000, "nuclear warheads"),
        ("The brigade lost 3m rounds of ammunition in the fire.", 3e6, "rounds of ammunition"),
    ],
)
def test_figures_counts_with_counted_item(nlp: Language, sentence: str, value: float, item: str) -> None:
    figure = only(figures_of(nlp, sentence))
    assert figure.unit == "count"
    assert figure.value == pytest.approx(value)
    assert item.startswith(figure.item or "")
    assert figure.item


def test_figures_count_rate_and_elided_count(nlp: Language) -> None:
    figures = figures_of(nlp, "Ukraine fires about 2,000 shells a day, while Russia fires up to 10,000.")
    assert [(f.value, f.unit, f.item, f.qualifier, f.per) for f in figures] == [
        (2000, "count", "shells", "about", "day"),
        (10_000, "count", "shells", "up to", None),  # the elided noun is the one counted before it
    ]


def test_figures_counts_in_digits_and_bare(nlp: Language) -> None:
    figures = figures_of(nlp, "Casualties have reached 500,000, according to US officials.")
    assert [(f.value, f.unit, f.item) for f in figures] == [(500_000, "count", "Casualties")]  # what reached it


def test_figures_count_range_shares_the_counted_item(nlp: Language) -> None:
    figures = figures_of(nlp, "Pyongyang sent an estimated 10,000 to 12,000 troops and two or three million shells.")
    assert [(f.value, f.item, f.qualifier) for f in figures] == [
        (10_000, "troops", "about"), (12_000, "troops", None), (2e6, "shells", None), (3e6, "shells", None),
    ]


def test_figures_values_have_no_floating_point_noise(nlp: Language) -> None:
    assert only(figures_of(nlp, "The request includes $33.7 billion for missile defence.")).value == 33.7e9


def test_figures_count_of_a_larger_count(nlp: Language) -> None:
    figures = figures_of(nlp, "Only one leader dissented, and 30 of 31 members signed.")
    assert [(f.value, f.unit, f.item) for f in figures] == [(30, "count", None), (31, "count", "members")]


def test_figures_modal_may_is_not_a_month(nlp: Language) -> None:
    figure = only(figures_of(nlp, "Up to 5,000 troops may be deployed to the border."))
    assert (figure.value, figure.qualifier, figure.item) == (5000, "up to", "troops")


def test_figures_qualified_count(nlp: Language) -> None:
    figure = only(figures_of(nlp, "More than 470,000 troops are deployed in and around Ukraine."))
    assert (figure.value, figure.qualifier, figure.item) == (470_000, "over", "troops")


# --- not figures ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2023, the summit was held in Vilnius.",  # a year
        "The ministers met on 17-18 October 2024 in Brussels.",  # dates
        "The meeting opened at 2.15pm local time.",  # a time, not picometres
        "The vote is scheduled for 10:30 GMT.",
        "The budget for fiscal year 2012–13 was cut.",  # quantulum3 reads this as 1012.5
        "The 2014-2018 period saw Russia dominate the market.",
        "This was the first meeting of its kind and the second year in a row.",  # ordinals
        "It was the 2nd summit and the 75th anniversary.",
        "Exports fell sharply[2] after the sanctions.",  # a footnote mark
        "ISSN: 2657-6996",  # an identifier
        "IEŚ Commentaries 1234 (209/2024)",  # a report number
        "See IEŚ Policy Papers 7/2023 for details.",
        "See page 12 and pp. 3-5 of the report.",  # page numbers
        "Under Article 5, an attack on one is an attack on all.",
        "UN Security Council Resolution 2231 endorsed the deal.",
        "Berlin sent Leopard 2 tanks and F-16 pilots trained on Su-35 tactics.",  # model names
        "The data is at https://www.sipri.org/sites/default/files/2024-03/fs_2403_at_2023.pdf",  # a URL
        "It is not feasible to ensure the stability of one at the expense of the other.",  # 'one' as pronoun
        "One of the main challenges is logistics.",
        "Fuel shortages were common a decade ago.",  # a duration
        "The talks lasted two days and the plan covers five years.",
        "The 1990s were a decade of cuts.",
        "He signed the 2022 Strategic Concept at the 2019 London Summit.",
        "The G7 and the G20 met during COVID-19.",
        "The two-day summit approved a five-year plan.",
        "One in five Ukrainians has been displaced.",
        "Call +48 22 123 4567 for details.",
        "The destroyers are Type 055 ships.",
        "Both sides reported gains, as one official put it.",
        "The alliance's security systems can be interpreted in two ways.",
        "By Jane Doe | 12 May 2024 | 5 min read",  # page furniture
        "Updated 3 hours ago",
        "Image 1 of 3. Page 4 of 12.",
        "A 24-hour ceasefire began on Monday.",
        "Smith, J. (2020). Deterrence in the Baltic. Survival, 62(3), 45–67.",  # a reference
        "1 Introduction\nThe war changed Europe.",  # a numbered heading
        "The war changed Europe.\n2 SIPRI, Trends in international arms transfers, Stockholm, which was cited.",
        "The war changed Europe.\n4\nThe next page begins here.",  # a page number
        "Its 1,500-page report was leaked by an 18-year-old conscript.",
        "NATO at 75: leaders meet on the 38th parallel after the 7 October attack.",
    ],
)
def test_figures_not_figures(nlp: Language, sentence: str) -> None:
    assert [(f.text, f.value, f.unit) for f in figures_of(nlp, sentence)] == []


def test_figures_skip_blocked_spans(nlp: Language) -> None:
    text = "Aid rose by 12%.\nJapan 7.93 1.02 0.06 9.01 0.20\nPoland 0.89 0.40 3.23 4.52 0.72\nExports fell 24%."
    table_start = text.index("Japan")
    table_end = text.index("Exports") - 1
    figures = figures_of(nlp, text, blocked=((table_start, table_end),))
    assert [(f.value, f.unit) for f in figures] == [(12, "percent"), (24, "percent")]


def test_figures_skip_table_rows_that_arrived_as_text(nlp: Language) -> None:
    text = "Country 2022 2023 2024\nPoland 12 34 56\nGermany 2.1% 1.5% 1.6%\nIn 2014, 12 countries sent 816 000 000 t."
    assert [(f.value, f.unit) for f in figures_of(nlp, text)] == [(12, "count"), (816_000_000, "t")]


def test_figures_offsets_point_at_the_text(nlp: Language) -> None:
    text = "In 2025 Russia intends to increase gas shipments to China to 38 billion cubic metres per year."
    figure = only(figures_of(nlp, text))
    assert text[figure.start:figure.end] == figure.text == "38 billion cubic metres per year"


# --- actor links ------------------------------------------------------------------------------------------------


def test_figures_actor_from_possessive_subject(nlp: Language) -> None:
    text = "Russia’s exports fell 24% last year."
    figure = only(figures_of(nlp, text, [actor_named(text, "Russia", "country:RUS")]))
    assert figure.actor_id == "country:RUS"


def test_figures_actor_from_demonym_modifier(nlp: Language) -> None:
    text = "In 2023, Russian oil exports to China increased by 24% compared to the previous year."
    actors = [actor_named(text, "Russian", "country:RUS"), actor_named(text, "China", "country:CHN")]
    assert only(figures_of(nlp, text, actors)).actor_id == "country:RUS"


def test_figures_actor_from_clause_subject(nlp: Language) -> None:
    text = "During this period Russia accounted for over 20% of global arms exports."
    figure = only(figures_of(nlp, text, [actor_named(text, "Russia", "country:RUS")]))
    assert figure.actor_id == "country:RUS"


def test_figures_actor_through_infinitive_clause(nlp: Language) -> None:
    text = "Russia’s intention is to increase gas shipments to China to 38 billion cubic metres per year."
    actors = [actor_named(text, "Russia", "country:RUS"), actor_named(text, "China", "country:CHN")]
    assert only(figures_of(nlp, text, actors)).actor_id == "country:RUS"


def test_figures_actor_null_when_unclear(nlp: Language) -> None:
    text = "Poland and Hungary disagree. It rose by 12% in a year."
    actors = [actor_named(text, "Poland", "country:POL"), actor_named(text, "Hungary", "country:HUN")]
    assert only(figures_of(nlp, text, actors)).actor_id is None


def test_figures_demonym_on_the_counted_noun_wins_over_the_clause(nlp: Language) -> None:
    text = "In the clash, 20 Indian soldiers and at least four Chinese troops were killed."
    actors = [actor_named(text, "Indian", "country:IND"), actor_named(text, "Chinese", "country:CHN")]
    links = {f.value: f.actor_id for f in figures_of(nlp, text, actors)}
    assert links == {20: "country:IND", 4: "country:CHN"}


def test_figures_currency_prefix_is_no_actor(nlp: Language) -> None:
    text = "Some US$3 trillion of trade passes through the strait each year."
    figure = only(figures_of(nlp, text, [actor_named(text, "US", "country:USA")]))
    assert (figure.unit, figure.actor_id) == ("USD", None)


def test_figures_count_of_members_is_not_the_speakers(nlp: Language) -> None:
    text = "Secretary-General Mark Rutte wants pledges from all 32 members of NATO to spend more."
    actors = [actor_named(text, "Mark Rutte", "person:rutte", "person"),
              actor_named(text, "NATO", "org:nato", "organization")]
    assert only(figures_of(nlp, text, actors)).actor_id == "org:nato"
    text = "Prime Minister Keir Starmer met four leaders at the summit."
    actors = [actor_named(text, "Keir Starmer", "person:starmer", "person")]
    assert only(figures_of(nlp, text, actors)).actor_id is None


def test_figures_person_only_when_the_figure_is_about_them(nlp: Language) -> None:
    text = "Vladimir Putin won 87% of the vote."
    putin = [actor_named(text, "Vladimir Putin", "person:putin", "person")]
    assert only(figures_of(nlp, text, putin)).actor_id == "person:putin"
    text = "Jens Stoltenberg is looking for commitments to spend at least 2% of GDP on defence."
    stoltenberg = [actor_named(text, "Jens Stoltenberg", "person:stoltenberg", "person")]
    assert only(figures_of(nlp, text, stoltenberg)).actor_id is None


@pytest.mark.parametrize(
    ("sentence", "value", "item"),
    [
        ("The government secured 20 LNG cargoes for delivery in August.", 20, "LNG cargoes"),
        ("The country will buy 20 more FA-50 light combat aircraft from Korea.", 20, "FA-50 light combat aircraft"),
        ("Egypt bought 14 LNG tankers last year.", 14, "LNG tankers"),
        ("Poland ordered 96 more AH-64E helicopters.", 96, "AH-64E helicopters"),
        ("The navy ordered 12 additional F-35A fighters.", 12, "F-35A fighters"),
        ("Seoul will deliver 48 new K2 tanks.", 48, "new K2 tanks"),
    ],
)
def test_figures_count_before_an_acronym_or_model_number(nlp: Language, sentence: str, value: float,
                                                          item: str) -> None:
    figure = only(figures_of(nlp, sentence))
    assert (figure.value, figure.unit, figure.item) == (value, "count", item)


@pytest.mark.parametrize(
    ("sentence", "per"),
    [
        ("Some US$3 trillion of trade passes through the South China Sea each year.", "year"),
        ("The fund pays out EUR 40 million annually to farmers.", "year"),
        ("The treaty caps imports at 5 million tonnes per annum.", "year"),
        ("About 3,000 migrants cross the strait every month.", "month"),
        ("Each year, the navy commissions 12 new ships.", "year"),
        ("Glaciers in the Alps have lost about 12% of their volume per decade since the 1980s.", "decade"),
        ("A year ago, 40 ships were seized.", None),
        ("The plant produced 5 million tonnes a year earlier.", None),
        ("Russia paid USD 2 billion for the port last year.", None),
    ],
)
def test_figures_rate_from_the_clause(nlp: Language, sentence: str, per: str | None) -> None:
    assert only(figures_of(nlp, sentence)).per == per


# --- evaluation gate --------------------------------------------------------------------------------------------


def load_scorer():
    spec = importlib.util.spec_from_file_location("dossier_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figure_frame(figures: list[Figure]) -> pd.DataFrame:
    return pd.DataFrame([{"value": f.value, "unit": f.unit, "text": f.text} for f in figures])


def test_figures_own_article_against_hand_annotation(nlp: Language) -> None:
    scorer = load_scorer()
    gold = json.loads((DATA / "figures_article.gold.json").read_text(encoding="utf-8"))
    text = (DATA / "figures_article.txt").read_text(encoding="utf-8")
    tally, misses = scorer.Tally(), []
    scorer.score_figures(gold, figure_frame(figures_of(nlp, text)), tally, misses)
    scores = tally.scores()
    assert scores["p"] >= 0.95 and scores["r"] >= 0.95, misses


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold not beside the repository")
def test_figures_seed_gold_floor(nlp: Language) -> None:
    scorer = load_scorer()
    tally, misses = scorer.Tally(), []
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if "figures" not in gold.get("score", ["figures"]):
            continue
        document = read_document(SHARED / "seeds" / gold["source"])
        doc = next(parse_texts(nlp, [document.text]))
        extraction = extract_document(document, doc)
        scorer.score_figures(gold["figures"], figure_frame(extraction.figures), tally, misses)
    assert tally.scores()["f1"] >= 0.95, misses


def test_figures_second_number_of_a_from_to_change(nlp: Language) -> None:
    found = {(f.value, f.unit) for f in figures_of(nlp, "Arrivals fell from 48,310 in 2022 to 21,075 last year.")}
    assert found == {(48310.0, "count"), (21075.0, "count")}
    found = {(f.value, f.unit) for f in figures_of(
        nlp, "The navy cut its order for Type 31 frigates from eight to five in 2022.")}
    assert found == {(8.0, "count"), (5.0, "count")}
    assert {f.value for f in figures_of(nlp, "Traffic dropped from about 40,000 vehicles a day to under 9,000.")} == {
        40000.0, 9000.0}


def test_figures_bare_from_to_without_a_change_is_no_count(nlp: Language) -> None:
    assert figures_of(nlp, "The meeting ran from 9 to 5.") == []


def test_figures_count_before_a_model_and_its_name(nlp: Language) -> None:
    figure = only(figures_of(nlp, "Poland has ordered 96 AH-64E Apache helicopters."))
    assert (figure.value, figure.unit, figure.item) == (96.0, "count", "AH-64E Apache helicopters")


def test_figures_partitive_counts_both_numbers(nlp: Language) -> None:
    found = {(f.value, f.item) for f in figures_of(nlp, "Voters approved seven of the 10 proposals on the ballot.")}
    assert found == {(7.0, "proposals"), (10.0, "proposals")}


def test_figures_rate_per_round_base(nlp: Language) -> None:
    figure = only(figures_of(nlp, "The infant mortality rate fell to 4.2 per 1,000 live births."))
    assert (figure.value, figure.unit, figure.per) == (4.2, "count", "1,000 live births")


@pytest.mark.parametrize(
    ("sentence", "value", "item"),
    [
        ("Athens bought 18 F-16 Block 52 fighters.", 18, "F-16 Block 52 fighters"),
        ("The ministry signed for 14 Type 26 frigates.", 14, "Type 26 frigates"),
        ("Rome ordered nine light and medium helicopters.", 9, "light and medium helicopters"),
        ("Warsaw flew three Rafales to the exercise.", 3, "Rafales"),
    ],
)
def test_figures_count_of_a_variant_coordinated_adjectives_or_plural_name(nlp: Language, sentence: str, value: float,
                                                                          item: str) -> None:
    figure = only(figures_of(nlp, sentence))
    assert (figure.value, figure.unit, figure.item) == (value, "count", item)


def test_figures_count_word_after_a_name_with_its_verb_elided(nlp: Language) -> None:
    found = {(f.value, f.item) for f in figures_of(nlp, "Spain sent six Eurofighters, Greece four Mirages.")}
    assert found == {(6.0, "Eurofighters"), (4.0, "Mirages")}


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("The coast guard intercepted boats 23 times in March, against nine times a year earlier.", {23.0, 9.0}),
        ("The council met 14 times.", {14.0}),
        ("Rents are now three times their 2019 level.", set()),
        ("Fares rose four times faster than wages.", set()),
    ],
)
def test_figures_times_counts_occurrences_not_multiples(nlp: Language, sentence: str, found: set[float]) -> None:
    assert {f.value for f in figures_of(nlp, sentence) if f.unit == "count"} == found


def test_figures_decimal_count_of_a_plural_noun_or_a_rate(nlp: Language) -> None:
    found = {(f.value, f.unit) for f in figures_of(
        nlp, "The yard launched about 1.5 frigates in 2024, against the 2.25 a year the plan calls for.")}
    assert found == {(1.5, "count"), (2.25, "count")}
    assert figures_of(nlp, "Section 2.4 Background sets out the method.") == []


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The 450-megawatt plant opened in May.", 450000000.0, "W"),
        ("A 2-gigawatt-hour battery is planned.", 2000000000.0, "Wh"),
        ("The 300-acre base is fenced.", 300 * 0.00404685642, "km2"),
    ],
)
def test_figures_singular_unit_of_a_hyphenated_size(nlp: Language, sentence: str, value: float, unit: str) -> None:
    figure = only(figures_of(nlp, sentence))
    assert (figure.unit, figure.value) == (unit, pytest.approx(value))


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Exports averaged 2 million tonnes a month in 2024, down from 3.1 million in 2022.", 3100000.0, "t"),
        ("The tariff was cut to 15 percent from 40 in May.", 40.0, "percent"),
        ("The budget rose to EUR 12 billion in 2025 from 9.5 billion.", 9500000000.0, "EUR"),
    ],
)
def test_figures_compared_number_takes_the_unit_written_before_it(nlp: Language, sentence: str, value: float,
                                                                  unit: str) -> None:
    assert (value, unit) in {(f.value, f.unit) for f in figures_of(nlp, sentence)}


# --- what a figure is about: item, owner, counterpart, period (sentences of our own) ---------------------------


def described(nlp: Language, text: str, published: str = "2024-06-01") -> list[Figure]:
    """Figures with the real actors and dates of the text, as the pipeline hands them over."""
    from extractors.actors import extract_actors
    from extractors.dates import extract_dates

    doc = nlp(text)
    ctx = ArticleContext("test", published=published)
    return extract_figures(doc, ctx, extract_actors(doc, ctx), extract_dates(doc, ctx))


def figure_with(figures: list[Figure], value: float) -> Figure:
    found = [f for f in figures if f.value == value]
    assert len(found) == 1, [(f.text, f.value) for f in figures]
    return found[0]


def test_figures_share_item_is_the_part_measured_and_its_owner(nlp: Language) -> None:
    figure = only(described(nlp, "Brazil accounted for 18% of global coffee exports in 2022."))
    assert (figure.item, figure.actor_id, figure.period) == ("global coffee exports", "country:BRA", "2022")
    assert figure.item_head == "global coffee export"


def test_figures_share_of_gdp_is_a_base_not_the_item(nlp: Language) -> None:
    figure = only(described(nlp, "Peru spends 2.4% of its GDP on defence."))
    assert (figure.item, figure.actor_id) == ("defence", "country:PER")


def test_figures_possessor_of_the_item_owns_it_and_the_subject_is_the_counterpart(nlp: Language) -> None:
    figure = only(described(nlp, "Canada bought 32 percent of Chile's copper exports in 2021."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id, figure.period) == (
        "copper exports", "country:CHL", "country:CAN", "2021")


def test_figures_money_in_complement_is_the_item(nlp: Language) -> None:
    figure = only(described(nlp, "Mexico exported $12 billion in grain and fertiliser to Peru in 2020."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id, figure.period) == (
        "grain and fertiliser", "country:MEX", "country:PER", "2020")


def test_figures_amount_modifying_a_noun_and_its_recipient(nlp: Language) -> None:
    figure = only(described(nlp, "Finland pledged a $4.5 billion aid package to Kenya."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id) == ("aid package", "country:FIN", "country:KEN")


def test_figures_change_of_a_subject_and_period_without_the_baseline(nlp: Language) -> None:
    figure = only(described(nlp, "Chilean copper exports in 2021 fell by 12% compared to the previous year."))
    assert (figure.item, figure.actor_id, figure.period) == ("Chilean copper exports", "country:CHL", "2021")


def test_figures_raised_to_an_amount_measures_the_object(nlp: Language) -> None:
    figure = only(described(nlp, "In 2026, Norway plans to increase oil shipments to Poland to 9 million tonnes."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id, figure.period) == (
        "oil shipments", "country:NOR", "country:POL", "2026")


def test_figures_a_persons_figure_inside_a_noun_belongs_to_their_state(nlp: Language) -> None:
    text = "Kenya's Minister of Trade, Jane Wambui, announced the sale of 30 tractors to Uganda."
    figure = only(described(nlp, text))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id) == ("tractors", "country:KEN", "country:UGA")


def test_figures_compared_amount_takes_the_item_of_the_first(nlp: Language) -> None:
    figures = described(nlp, "Danish defence spending reached €9 billion in 2024, up from €7 billion in 2023.")
    first, second = figure_with(figures, 9e9), figure_with(figures, 7e9)
    assert first.item == second.item == "Danish defence spending"
    assert (first.actor_id, second.actor_id, first.period, second.period) == (
        "country:DNK", "country:DNK", "2024", "2023")


def test_figures_bare_count_takes_the_noun_counted_before_it(nlp: Language) -> None:
    figures = described(nlp, "About 9,000 soldiers reached the front and more than 2,000 of them were wounded.")
    assert figure_with(figures, 2000).item == "soldiers"


def test_figures_amount_a_verb_yields_is_its_act(nlp: Language) -> None:
    figure = only(described(nlp, "Last year the company produced 40 million tonnes."))
    assert figure.item == "production"


def test_figures_it_stands_for_the_state_of_the_sentence_before(nlp: Language) -> None:
    figures = described(nlp, "Poland's economy grew quickly. Its defence budget rose by 7% in 2023.")
    assert (figure_with(figures, 7).item, figure_with(figures, 7).actor_id) == ("defence budget", "country:POL")


def test_figures_carry_the_claim_they_sit_in_and_a_confidence(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Kenya pledged $40 million to Somalia in 2023.\n", encoding="utf-8")
    document = read_document(path)
    extraction = extract_document(document, nlp(document.text))
    figure = only(extraction.figures)
    claim = next(c for c in extraction.claims if figure.id in c.figure_ids)
    assert figure.claim_id == claim.id
    assert 0.0 <= figure.confidence <= 1.0
    assert (figure.actor_id, figure.counterpart_actor_id, figure.period) == ("country:KEN", "country:SOM", "2023")
    assert figure.item == "aid"  # money a state pledges, with no noun of its own


def test_figures_elided_amount_takes_the_item_of_the_same_unit(nlp: Language) -> None:
    figures = described(nlp, "The port handled 12 million tonnes of grain in 2022, and the operator wants 20 million "
                             "tonnes by 2026.")
    assert figure_with(figures, 2e7).item == "grain"
    assert figure_with(figures, 2e7).period == "2026"


def test_figures_the_source_that_counts_is_never_the_actor(nlp: Language) -> None:
    figure = only(described(nlp, "The United Nations recorded 1,200 deaths from fighting in Sudan in 2023."))
    assert (figure.item, figure.actor_id, figure.period) == ("deaths", "country:SDN", "2023")
    figure = only(described(nlp, "The United Nations has confirmed 3,100 civilian deaths."))
    assert figure.actor_id is None


def test_figures_the_one_state_of_the_clause_owns_an_ownerless_figure(nlp: Language) -> None:
    figure = only(described(nlp, "Nearly 40,000 people fled the fighting in Chad last year."))
    assert (figure.item, figure.actor_id) == ("people", "country:TCD")
    # a state that only names the source, or a place, owns nothing
    assert only(described(nlp, "South Korea's military said the missile flew about 1,000 km.")).actor_id is None
    figure = only(described(nlp, "Some $2 trillion of trade passes through the South China Sea every year."))
    assert (figure.item, figure.actor_id) == ("trade", None)


def test_figures_the_country_refers_back_to_the_state_named_before(nlp: Language) -> None:
    figures = described(nlp, "Chile has rebuilt its navy. It bought two frigates in 2021, and the country will "
                             "commission 8 patrol boats next year.")
    assert (figure_with(figures, 8).item, figure_with(figures, 8).actor_id) == ("patrol boats", "country:CHL")
    figures = described(nlp, "Portugal has few oil fields. The country's oil reserves were 70% full in May.")
    assert (figure_with(figures, 70).item, figure_with(figures, 70).actor_id) == ("oil reserves", "country:PRT")
    # 'the country' is a state: an organisation named before it is not what it stands for
    figures = described(nlp, "NATO met in Brussels. The country will send 300 engineers.")
    assert figure_with(figures, 300).actor_id is None


def test_figures_the_government_of_a_speaker_is_their_state(nlp: Language) -> None:
    figure = only(described(nlp, "The Greek prime minister said his government would buy 20 fighter jets."))
    assert (figure.item, figure.actor_id) == ("fighter jets", "country:GRC")
    figure = only(described(nlp, "Chile's finance minister said the government would spend $3 billion on bridges."))
    assert figure.actor_id == "country:CHL"


def test_figures_a_minister_giving_in_office_gives_for_their_state(nlp: Language) -> None:
    figure = only(described(nlp, "Minister Karl Holm of Denmark pledged $250 million to Moldova."))
    assert (figure.actor_id, figure.counterpart_actor_id) == ("country:DNK", "country:MDA")


def test_figures_the_agent_of_a_passive_verb_owns_the_figure(nlp: Language) -> None:
    figure = only(described(nlp, "A loan of EUR 3 billion was granted to Egypt by Italy."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id) == ("loan", "country:ITA", "country:EGY")


def test_figures_share_whose_subject_is_the_part_measured(nlp: Language) -> None:
    figure = only(described(nlp, "Nuclear energy provides 65% of French electricity."))
    assert (figure.item, figure.actor_id) == ("Nuclear energy", "country:FRA")
    # a state as subject owns the share; the item is then what it is a share of
    figure = only(described(nlp, "Peru accounted for 12% of global silver exports."))
    assert (figure.item, figure.actor_id) == ("global silver exports", "country:PER")


def test_figures_money_in_phrase_hung_on_the_verb_is_the_item(nlp: Language) -> None:
    figure = only(described(nlp, "Lisbon pays about EUR 90 million a year in port charges."))
    assert figure.item == "port charges"


def test_figures_a_modifier_before_the_number_belongs_to_another_count(nlp: Language) -> None:
    figure = figure_with(described(nlp, "About 2,000 Polish and 900 Czech soldiers joined the exercise."), 900)
    assert (figure.item, figure.actor_id) == ("Czech soldiers", "country:CZE")


def test_figures_its_skips_the_subject_of_a_relative_clause(nlp: Language) -> None:
    figures = described(nlp, "The Nordic Council, where Iceland held the chair, met in May. Its eight members "
                             "disagree.")
    assert figure_with(figures, 8).actor_id == "organization:nordic-council"


def test_figures_the_bloc_refers_back_to_an_organisation(nlp: Language) -> None:
    figures = described(nlp, "The European Union met in June. About 80% of the bloc's gas imports arrive by ship.")
    figure = figure_with(figures, 80)
    assert (figure.item, figure.actor_id) == ("gas imports", "organization:european-union")


def test_figures_a_states_government_is_the_state(nlp: Language) -> None:
    figure = only(described(nlp, "The Danish government raised its defence budget by DKK 5 billion."))
    assert (figure.item, figure.actor_id) == ("defence budget", "country:DNK")


def test_figures_each_stands_for_the_plural_noun_before_it(nlp: Language) -> None:
    figure = figure_with(described(nlp, "The navy plans to build four frigates, each costing roughly $900 million."),
                         9e8)
    assert figure.item == "frigates"


def test_figures_money_for_a_purpose_is_the_item(nlp: Language) -> None:
    figure = only(described(nlp, "The agency appealed for US$2.1 billion for operations inside Yemen in 2024."))
    assert (figure.item, figure.actor_id, figure.period) == ("operations", "country:YEM", "2024")


def test_figures_share_of_a_participle_predicate_measures_the_subject(nlp: Language) -> None:
    figure = only(described(nlp, "Relief appeals for the region were only 40% funded last year."))
    assert figure.item == "Relief appeals"


def test_figures_whose_is_the_noun_the_clause_describes(nlp: Language) -> None:
    figure = only(described(nlp, "The Wagner Group, whose fighters were reportedly paid $5 million a month, left."))
    assert figure.actor_id == "organization:wagner-group"


def test_figures_gapped_list_gives_each_figure_its_own_state(nlp: Language) -> None:
    figures = described(nlp, "Kenya hosts 500,000 refugees, Uganda more than 300,000 and Rwanda about 90,000.")
    assert [(f.value, f.item, f.actor_id) for f in figures] == [
        (500000, "refugees", "country:KEN"), (300000, "refugees", "country:UGA"), (90000, "refugees", "country:RWA")]


def test_figures_a_state_that_only_locates_a_place_owns_nothing(nlp: Language) -> None:
    figure = only(described(nlp, "The tanker loaded 40,000 tonnes of diesel at the Russian port of Primorsk."))
    assert (figure.item, figure.actor_id) == ("diesel", None)


def test_figures_a_share_a_pledge_covers_is_the_pledge(nlp: Language) -> None:
    figure = figure_with(described(nlp, "Ireland's pledge of EUR 40 million would cover less than 5% of the appeal."),
                         5)
    assert (figure.item, figure.actor_id) == ("pledge", "country:IRL")


def test_figures_a_demonym_counts_people_the_host_owns_them_and_a_gapped_list_borrows_them(nlp: Language) -> None:
    figures = described(nlp, "Jordan hosts an estimated 650,000 Syrians, Lebanon more than 800,000 and Iraq about "
                             "250,000.")
    assert [(f.value, f.item, f.actor_id) for f in figures] == [
        (650000, "Syrians", "country:JOR"), (800000, "Syrians", "country:LBN"), (250000, "Syrians", "country:IRQ")]


def test_figures_a_capital_that_receives_is_its_state(nlp: Language) -> None:
    figure = only(described(nlp, "Canada will send 50 armoured vehicles to Kyiv."))
    assert (figure.actor_id, figure.counterpart_actor_id) == ("country:CAN", "country:UKR")


def test_figures_what_a_state_receives_belongs_to_the_giver(nlp: Language) -> None:
    figure = only(described(nlp, "Moldova received 14 ambulances from Romania."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id) == (
        "ambulances", "country:ROU", "country:MDA")
    # what a state orders or buys stays its own
    figure = only(described(nlp, "Poland ordered 96 helicopters from the United States."))
    assert (figure.actor_id, figure.counterpart_actor_id) == ("country:POL", "country:USA")


def test_figures_a_share_of_a_demonyms_people_counts_them_though_the_model_tags_it_an_organisation(
        nlp: Language) -> None:
    doc = nlp("In a survey in May, 70 percent of Icelanders said they opposed the plan.")
    assert next(t for t in doc if t.text == "Icelanders").ent_type_ != "NORP"  # the model calls it no nationality
    figure = only(described(nlp, "In a survey in May, 70 percent of Icelanders said they opposed the plan."))
    assert (figure.item, figure.actor_id) == ("Icelanders", "country:ISL")


def test_figures_an_object_relative_clause_names_whose_count_it_is(nlp: Language) -> None:
    figure = only(described(nlp, "Together with the mission in Mali they account for most of the roughly 40,000 "
                                 "troops the UN had deployed in May."))
    assert figure.actor_id == "organization:united-nations"
    assert only(described(nlp, "Peru flew the 12 jets that Chile bought in 2019.")).actor_id == "country:CHL"
    # a clause that reports is no owner
    figures = described(nlp, "Peru says 30 percent of the 200 people that Chile says were hurt have left.")
    assert all(f.actor_id != "country:CHL" for f in figures)


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("The United States Army was producing about 9,000 shells a month.", "country:USA"),
        ("The Chilean Air Force bought 12 jets.", "country:CHL"),
        # a force named after a place, not a state's own force, stays itself
        ("The Kosovo Force has about 3,000 troops.", "organization:kfor"),
    ],
)
def test_figures_a_states_own_force_stands_for_the_state(nlp: Language, sentence: str, owner: str) -> None:
    assert only(described(nlp, sentence)).actor_id == owner


def test_figures_a_sum_that_goes_to_a_receiver_is_the_payer_of_the_sum_before(nlp: Language) -> None:
    figures = described(nlp, "Peru is paying for its own boats. It has committed USD 3 billion to the yards. A "
                             "further EUR 900 million goes to Thales to build radars.")
    assert (figures[1].value, figures[1].actor_id, figures[1].counterpart_actor_id) == (
        9e8, "country:PER", "organization:thales")
    # what it pays for hangs on the receiver; the payer was named three sentences before
    figures = described(nlp, "The government in Oslo presented a package worth NOK 27 billion. The money buys ships. "
                             "They are needed. A further NOK 1.2 billion went to Greenland's government for new "
                             "harbours and airstrips.")
    assert (figures[1].item, figures[1].actor_id, figures[1].counterpart_actor_id) == (
        "new harbours and airstrips", "country:NOR", "country:GRL")
    # the sum before is the receiver's own: no payer to carry over
    figures = described(nlp, "Chile has saved USD 3 billion. A further USD 900 million went to Chile for roads.")
    assert (figures[1].actor_id, figures[1].counterpart_actor_id) == (None, "country:CHL")


def test_figures_a_capital_or_a_pronoun_that_receives_gives_way_to_the_giver(nlp: Language) -> None:
    # the giver is named by its capital
    figures = described(nlp, "Honiara received some 40 trucks and 12 boats from Beijing last year.")
    assert [(f.value, f.actor_id, f.counterpart_actor_id) for f in figures] == [
        (40, "country:CHN", "country:SLB"), (12, "country:CHN", "country:SLB")]
    # the 'from' hangs on the last member of the list received
    figures = described(nlp, "Chile received 30 trucks, 8 vans and a set of radios from Spain in 2023.")
    assert [(f.value, f.actor_id, f.counterpart_actor_id) for f in figures] == [
        (30, "country:ESP", "country:CHL"), (8, "country:ESP", "country:CHL")]
    # the receiver is a pronoun for the state named before
    figure = only(described(nlp, "Cuba has few friends left. It has received at least 2 million tonnes of grain "
                                 "from Russia since 2022."))
    assert (figure.actor_id, figure.counterpart_actor_id) == ("country:RUS", "country:CUB")


def test_figures_an_ownerless_figure_governed_by_an_owned_ones_clause_is_that_owners(nlp: Language) -> None:
    figures = described(nlp, "Lima pledged USD 40 million over four years to train police, including six regional "
                             "centres and a reserve of about 300 officers.")
    assert [(f.value, f.actor_id) for f in figures] == [
        (4e7, "country:PER"), (6, "country:PER"), (300, "country:PER")]
    # another state named between them: the later figure is not the first owner's
    figures = described(nlp, "Peru pledged USD 40 million to a port in Chile that needs six new cranes.")
    assert figure_with(figures, 6).actor_id is None
    figures = described(nlp, "Peru pledged USD 40 million to a port that needs six new cranes.")
    assert figure_with(figures, 6).actor_id == "country:PER"


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("On 3 March the government in Oslo presented its Arctic package, worth NOK 12 billion.", "country:NOR"),
        ("The finance ministry in Warsaw puts the saving at PLN 900 million a year.", "country:POL"),
        ("A defence ministry in Lisbon now plans to spend 2 percent of GDP on the navy.", "country:PRT"),
    ],
)
def test_figures_a_government_seated_in_a_capital_is_its_states(nlp: Language, sentence: str, state: str) -> None:
    assert only(described(nlp, sentence)).actor_id == state


def test_figures_a_persons_government_is_not_the_person_and_equal_to_restates_the_object(nlp: Language) -> None:
    figures = described(nlp, "President Maria Lopez's government has proposed a defence budget of $9 billion for "
                             "2026, equal to 1.8% of GDP.")
    assert [(f.value, f.item, f.actor_id) for f in figures] == [
        (9e9, "defence budget", None), (1.8, "defence budget", None)]


def test_figures_gapped_list_past_an_adverb_and_an_article(nlp: Language) -> None:
    figures = described(nlp, "Norway supplied 30 percent of the gas, Algeria 12 percent and the United States only "
                             "6 percent.")
    assert [(f.value, f.actor_id) for f in figures] == [
        (30, "country:NOR"), (12, "country:DZA"), (6, "country:USA")]


def test_figures_the_unit_of_a_rate_names_no_owner(nlp: Language) -> None:
    figure = only(described(nlp, "Spot cargoes in Europe averaged USD 11 per million British thermal units."))
    assert figure.actor_id is None


def test_figures_unit_with_its_of_complement_measures_the_complement(nlp: Language) -> None:
    figure = only(described(nlp, "Sonatrach will deliver 3 million tonnes of ammonia a year to Italy."))
    assert figure.item == "ammonia"


def test_figures_respectively_pairs_the_listed_subjects_with_the_listed_figures(nlp: Language) -> None:
    figures = described(nlp, "Latvia and Estonia asked for EUR 2.1 billion and EUR 1.3 billion respectively.")
    assert [(f.value, f.actor_id) for f in figures] == [(2.1e9, "country:LVA"), (1.3e9, "country:EST")]


def test_figures_a_comma_list_of_numbers_shares_the_unit_written_on_its_last(nlp: Language) -> None:
    figures = described(nlp, "Shell, BP and Brazil's Petrobras own 40, 35 and 25 percent of the field respectively.")
    assert [(f.value, f.unit, f.actor_id) for f in figures] == [
        (40, "percent", "organization:shell"), (35, "percent", "organization:bp"),
        (25, "percent", "organization:petrobras")]


def test_figures_a_comma_list_of_bare_counts_counts_the_noun_after_its_last(nlp: Language) -> None:
    figures = described(nlp, "Peru, Chile and Bolivia sent about 900, 400 and 150 troops respectively.")
    assert [(f.value, f.item, f.actor_id) for f in figures] == [
        (900, "troops", "country:PER"), (400, "troops", "country:CHL"), (150, "troops", "country:BOL")]
    assert figures[0].qualifier == "about"


def test_figures_a_comma_list_needs_and_before_its_last_number(nlp: Language) -> None:
    figures = described(nlp, "In the survey, 30, 40 percent said no.")
    assert [(f.value, f.unit) for f in figures] == [(40, "percent")]


def test_figures_respectively_pairs_names_set_beside_the_subject(nlp: Language) -> None:
    figures = described(nlp, "Its two neighbours, Chile and Peru, sent about 140 and 90 troops respectively.")
    assert [(f.value, f.actor_id) for f in figures if f.item == "troops"] == [
        (140, "country:CHL"), (90, "country:PER")]


def test_figures_respectively_pairs_listed_names_of_any_kind(nlp: Language) -> None:
    figures = described(nlp, "Bavaria and Saxony employ 40,000 and 15,000 engineers respectively.")
    assert [(f.value, f.actor_id) for f in figures] == [(40000, "location:bavaria"), (15000, "location:saxony")]


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("The peso was devalued by 10 percent.", "peso"),  # the passive's 'by' (agent) carries the change
        ("The reserve covers about 90,000 square kilometres.", "reserve"),
        ("Output passed 500,000 barrels a day in March.", "Output"),
    ],
)
def test_figures_subject_of_a_value_verb_is_what_is_measured(nlp: Language, sentence: str, item: str) -> None:
    assert only(described(nlp, sentence)).item == item


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        ("Police recorded 2,100 burglaries in 2024, up 12 percent on the year before.", "burglaries"),
        ("Exports reached USD 40 billion, 15 percent less than in 2023.", "Exports"),
    ],
)
def test_figures_a_change_set_off_after_a_figure_changes_what_it_counts(nlp: Language, sentence: str,
                                                                         item: str) -> None:
    assert [f.item for f in described(nlp, sentence)] == [item, item]


def test_figures_a_change_in_another_clause_is_not_the_figure_before(nlp: Language) -> None:
    figures = described(nlp, "Exports reached USD 40 billion, while prices were 15 percent higher.")
    assert figure_with(figures, 15).item != "Exports"


def test_figures_a_source_in_a_relative_clause_only_reports(nlp: Language) -> None:
    figure = only(described(nlp, "Both groups recruit children, according to UNICEF, which verified 300 cases of "
                                 "recruitment last year."))
    assert (figure.item, figure.actor_id) == ("cases", None)


def test_figures_a_tally_verb_in_a_relative_clause_says_what_the_name_has(nlp: Language) -> None:
    figure = only(described(nlp, "The UN mission UNIFIL, which once counted more than 10,000 troops, is shrinking."))
    assert figure.actor_id == "organization:unifil"


def test_figures_the_party_a_loan_comes_from_gives_it(nlp: Language) -> None:
    figure = only(described(nlp, "Peru's economy depends on a USD 5 billion loan from the International Monetary "
                                 "Fund."))
    assert (figure.item, figure.actor_id, figure.counterpart_actor_id) == ("loan", "organization:imf", "country:PER")


@pytest.mark.parametrize(
    ("sentence", "item"),
    [
        # the parser hangs 'on' on the sum, not on 'spend'
        ("Paris plans to spend EUR 20 billion on military space projects by 2030, the minister said in May.",
         "military space projects"),
        # 'partners' are only asked; the second 'for' says what the money is for
        ("Ghana and Togo have together asked partners for about USD 300 million for security in their north.",
         "security"),
        ("Lima bought the building for USD 5 million.", "building"),
    ],
)
def test_figures_what_money_is_spent_or_asked_for(nlp: Language, sentence: str, item: str) -> None:
    assert only(described(nlp, sentence)).item == item


def test_figures_a_source_that_values_a_loss_borne_by_another_only_reports(nlp: Language) -> None:
    figure = only(described(nlp, "Goldman Sachs puts the loss to the world economy at about USD 2 trillion."))
    assert (figure.item, figure.actor_id) == ("loss", None)


def test_figures_a_state_the_figure_is_compared_with_is_not_its_owner(nlp: Language) -> None:
    figure = only(described(nlp, "A blockade would cost about USD 2 trillion, more than the war in Ukraine."))
    assert figure.actor_id is None


def test_figures_amount_restated_in_another_currency_after_a_comma_counts_the_same(nlp: Language) -> None:
    figures = described(nlp, "The ministry's fuel budget is KES 9 billion, roughly USD 70 million at today's rates.")
    assert [(f.unit, f.item) for f in figures] == [("KES", "fuel budget"), ("USD", "fuel budget")]


def test_figures_a_seat_stands_for_the_organisation_the_text_names(nlp: Language) -> None:
    figures = described(nlp, "The European Union has pledged more to Jordan. Brussels agreed a EUR 95 million "
                             "package with Amman in May.")
    assert figure_with(figures, 95e6).actor_id == "organization:european-union"


def test_figures_money_a_noun_is_changed_to_is_that_noun(nlp: Language) -> None:
    figures = described(nlp, "Norway has raised its contribution to NOK 900 million this year, up from an average "
                             "of NOK 600 million a year before 2024.")
    assert [(f.value, f.item, f.actor_id) for f in figures] == [
        (9e8, "contribution", "country:NOR"), (6e8, "contribution", "country:NOR")]


def test_figures_a_date_hung_on_the_compared_number_is_not_the_figures_period(nlp: Language) -> None:
    figures = described(nlp, "The agency recorded 2,300 arrivals at the border post in 2025, against 3,100 in 2024.")
    assert [(f.value, f.period) for f in figures] == [(2300, "2025"), (3100, "2024")]


def test_figures_a_noun_of_an_organisations_name_refers_back_to_it(nlp: Language) -> None:
    figures = described(nlp, "The African Union Support and Stabilization Mission in Somalia (AUSSOM) took over in "
                             "January. Al-Shabaab still fields 7,000 fighters. The mission is authorised at 11,826 "
                             "uniformed personnel.")
    assert figure_with(figures, 11826).actor_id == \
        "organization:african-union-support-and-stabilization-mission-in-somalia"


def test_figures_a_noun_of_a_known_name_refers_back_to_its_acronym(nlp: Language) -> None:
    # the text writes only the acronym; the gazetteer spells out the 'Force' that 'the force' picks up
    figures = described(nlp, "The alliance decided in 2009 to end ISAF within five years. By then the force still had "
                             "about 90,000 troops from 50 countries.")
    assert [(f.value, f.actor_id) for f in figures] == [(90000, "organization:isaf"), (50, "organization:isaf")]


def test_figures_a_place_modifying_the_counted_noun_is_not_its_owner(nlp: Language) -> None:
    figure = only(described(nlp, "Chile will buy two new Pacific patrol ships this year."))
    assert figure.actor_id == "country:CHL"


def test_figures_a_count_read_as_a_participles_subject_belongs_to_the_outer_subject(nlp: Language) -> None:
    # the small model makes 'troops' the subject of 'spread'; they are the object of 'had'
    figures = described(nlp, "In 2015 the Coastal Stabilisation Force replaced the old police mission. At its peak "
                             "the force had about 4,000 troops spread over six towns.")
    assert figure_with(figures, 4000).actor_id == "organization:coastal-stabilisation-force"


def test_figures_the_army_stands_for_the_state_named_before(nlp: Language) -> None:
    figures = described(nlp, "Chile's defence budget for 2025 is about USD 6 billion. In May it agreed to buy eight "
                             "frigates from Spain. Last October the army staged its largest exercise in years, with "
                             "some 9,000 troops on the move near the border.")
    assert figure_with(figures, 9000).actor_id == "country:CHL"


def test_figures_a_qualifier_parsed_as_a_preposition_keeps_the_amounts_in_phrase(nlp: Language) -> None:
    figures = described(nlp, "Member countries owed about USD 3 billion in unpaid dues at the end of May, and "
                             "Brazil accounted for USD 1 billion of that.")
    assert figure_with(figures, 3e9).item == "unpaid dues"
    # a base after the bound is no item: the bound's noun is
    assert only(described(nlp, "Latvia wants defence spending under 4% of GDP by 2027.")).item == "defence spending"


def test_figures_a_ministry_tagged_as_a_name_in_a_capital_is_its_states(nlp: Language) -> None:
    figures = described(nlp, "For a country like Norway, whose own yield is close to 7 percent, the saving is "
                             "considerable: the finance ministry in Oslo puts it at USD 300 million a year in "
                             "interest.")
    assert (figure_with(figures, 3e8).item, figure_with(figures, 3e8).actor_id) == ("interest", "country:NOR")


def test_figures_it_after_a_seat_standing_for_an_organisation_is_that_organisation(nlp: Language) -> None:
    figures = described(nlp, "The European Union wants reforms in Georgia. Brussels has tried money as leverage on "
                             "both. Since May it has held back about EUR 300 million in grants to Georgia.")
    assert (only(figures).actor_id, only(figures).counterpart_actor_id) == (
        "organization:european-union", "country:GEO")


def test_figures_a_share_assessed_of_a_whole_is_an_assessment(nlp: Language) -> None:
    figures = described(nlp, "Brazil is assessed 3.1 percent of the budget, but its congress caps its payments at 2 "
                             "percent.")
    assert [(f.value, f.item) for f in figures] == [(3.1, "assessment"), (2, "payments")]


def test_figures_a_peak_of_a_count_counts_what_the_count_before_it_counts(nlp: Language) -> None:
    figures = described(nlp, "The police mission is down to about 300 staff from a peak of 2,000 in 2011.")
    assert [(f.value, f.item) for f in figures] == [(300, "staff"), (2000, "staff")]


@pytest.mark.parametrize(("sentence", "actor_id"), [
    ("An EU-standard charger cost about EUR 30 in 2021 and now sells for EUR 45.", None),
    ("Chile still operates 30 Soviet-era tanks.", "country:CHL"),
    # a maker glued to the item may own it: these are exports of its own arms
    ("Chinese-built ship exports fell by about 30% last year.", "country:CHN"),
])
def test_figures_a_standard_or_era_glued_to_the_item_is_not_its_owner(nlp: Language, sentence: str,
                                                                       actor_id: str | None) -> None:
    assert {f.actor_id for f in described(nlp, sentence)} == {actor_id}


def test_figures_the_country_is_the_state_its_previous_sentence_is_about(nlp: Language) -> None:
    figures = described(nlp, "Italy spends about EUR 20 million a year on the coast guard. The shift towards Chile "
                             "matters because conditions there are worse. Officials estimate that the country hosts "
                             "some 200,000 Venezuelan refugees.")
    assert figure_with(figures, 200000).actor_id == "country:CHL"


@pytest.mark.parametrize(("sentence", "actor_id"), [
    ("Peru bought 12 US-made helicopters in 2021.", "country:PER"),
    ("Chile ordered 20 French-built trucks.", "country:CHL"),
    ("Chinese-built ship exports fell by about 30% last year.", "country:CHN"),
])
def test_figures_a_maker_owns_the_item_only_where_no_other_actor_acts_on_it(nlp: Language, sentence: str,
                                                                              actor_id: str) -> None:
    assert only(described(nlp, sentence)).actor_id == actor_id


def test_figures_a_bare_count_placed_in_a_state_counts_the_troops_before_it(nlp: Language) -> None:
    figures = described(nlp, "At its peak the mission had about 4,000 troops in six towns. Chile now keeps roughly "
                             "300 in Peru and 1,200 in Bolivia.")
    assert [(f.value, f.item) for f in figures] == [(4000, "troops"), (6, "towns"), (300, "troops"),
                                                    (1200, "troops")]


def test_figures_a_verb_tagged_as_a_plural_noun_keeps_its_subjects_owner(nlp: Language) -> None:
    figures = described(nlp, "Fiji's force numbers about 450 officers, Samoa's about 800; both rely on British "
                             "advisers.")
    assert [(f.value, f.actor_id) for f in figures] == [(450, "country:FJI"), (800, "country:WSM")]


def test_figures_bare_counts_with_respectively_split_the_list_before_them(nlp: Language) -> None:
    figures = described(nlp, "Under a 2021 deal Lima has ordered 400 trucks, 320 jets and 280 ships; the first "
                             "contracts covered 150, 110 and 130 of them respectively.")
    assert [(f.value, f.item) for f in figures][3:] == [(150, "trucks"), (110, "jets"), (130, "ships")]


def test_figures_a_further_count_is_owned_like_the_count_it_adds_to(nlp: Language) -> None:
    figures = described(nlp, "About 9,000 Chilean soldiers deployed to the border in late 2024, and officials "
                             "estimate that some 700 of them were hurt by April. A further 600 military engineers "
                             "were promised in June.")
    assert figure_with(figures, 600).actor_id == "country:CHL"


def test_figures_a_tonnage_read_from_its_verb_measures_the_commodity_named_before(nlp: Language) -> None:
    figures = described(nlp, "Chile mined 5.3 million tonnes of copper in 2024, which made it the largest producer. "
                             "Mines in the north supplied 40 percent of that volume. Peru produced 2.6 million "
                             "tonnes; China took almost half of its exports.")
    assert (figure_with(figures, 2.6e6).item, figure_with(figures, 2.6e6).actor_id) == ("copper", "country:PER")


def test_figures_a_measure_noun_set_off_after_the_figure_names_it(nlp: Language) -> None:
    figure = only(described(nlp, "The fund reimburses countries USD 900 per soldier per month, a rate set in 2015, "
                                 "and it is already late in paying."))
    assert figure.item == "rate"
    # a generic restatement says nothing: the sum keeps the item of the sum before it
    figures = described(nlp, "Spain offers EUR 20 billion in loans. Chile asked for EUR 3 billion, a sum close to its "
                             "yearly budget.")
    assert figure_with(figures, 3e9).item == "loans"


def test_figures_a_sum_with_no_item_takes_the_item_of_a_sum_just_before(nlp: Language) -> None:
    figures = described(nlp, "The fund offers EUR 20 billion in grants. Spain is the largest applicant.\n\nMadrid "
                             "applied for EUR 4.1 billion.")
    assert (figure_with(figures, 4.1e9).item, figure_with(figures, 4.1e9).actor_id) == ("grants", "country:ESP")


def test_figures_a_state_that_tallies_on_its_own_ground_owns_the_count(nlp: Language) -> None:
    figure = only(described(nlp, "Cyprus registered about 2,000 arrivals in 2024."))
    assert figure.actor_id == "country:CYP"


def test_figures_their_refers_back_to_the_state_of_the_subject(nlp: Language) -> None:
    figure = only(described(nlp, "Greek officials say their navy rescued 4,000 people in the Aegean last year."))
    assert figure.actor_id == "country:GRC"


def test_figures_an_amount_hung_on_the_name_ending_a_phrase_restates_the_phrase(nlp: Language) -> None:
    figures = described(nlp, "The WFP's 2024 food appeal for Yemen, USD 2.1 billion, was only 30 percent funded.")
    assert figure_with(figures, 2.1e9).item == "food appeal"


def test_figures_an_ownerless_figure_in_an_article_about_one_state_is_that_states(nlp: Language) -> None:
    text = ("Chad's crisis deepens. Chad has hosted refugees for years, and Chad's government asks for help. "
            "Aid workers say 3.4 million people need assistance this year. Nigeria sent 200 tonnes of grain.")
    figures = described(nlp, text)
    assert figure_with(figures, 3.4e6).actor_id == "country:TCD"
    assert figure_with(figures, 200).actor_id == "country:NGA"


def test_figures_no_state_owns_an_ownerless_figure_when_the_article_is_about_several(nlp: Language) -> None:
    text = ("Chad and Niger meet. Chad and Niger share a border, and Niger and Chad trade. "
            "Aid workers say 3.4 million people need assistance this year.")
    assert figure_with(described(nlp, text), 3.4e6).actor_id is None


def test_figures_a_source_in_the_sentence_does_not_keep_the_focus_state_away(nlp: Language) -> None:
    text = ("Chad's crisis deepens. Chad has hosted refugees for years, and Chad's government asks for help. "
            "The UN estimates that 3.4 million people need assistance this year.")
    assert figure_with(described(nlp, text), 3.4e6).actor_id == "country:TCD"


def test_figures_a_subject_measured_across_an_organisation_is_its(nlp: Language) -> None:
    figure = only(described(nlp, "Research spending across the African Union reached USD 4 billion in 2024."))
    assert figure.actor_id == "organization:african-union"


def test_figures_a_bound_read_with_its_figure_measures_the_noun_before_it(nlp: Language) -> None:
    figures = described(nlp, "Vienna exempted research spending above 2% of GDP from the cap. Italy keeps public "
                             "debt below 140% of GDP.")
    assert [f.item for f in figures] == ["research spending", "public debt"]


def test_figures_a_possessive_with_its_noun_left_out_owns_the_figure(nlp: Language) -> None:
    figures = described(nlp, "About 40 percent of Poland's coal imports come by sea, as do about 15 percent of "
                             "Hungary's.")
    assert [(f.value, f.actor_id, f.item) for f in figures] == [
        (40, "country:POL", "coal imports"), (15, "country:HUN", "coal imports")]


def test_figures_a_share_the_subject_moves_to_measures_the_subject(nlp: Language) -> None:
    figure = only(described(nlp, "Nuclear power rose to 35% of the country's electricity supply last year."))
    assert figure.item == "Nuclear power"


def test_figures_a_share_of_a_pronoun_counts_what_the_figure_before_counts(nlp: Language) -> None:
    figures = described(nlp, "Ghana trained 8,000 police officers last year; an inspection found only 70 percent of "
                             "them on duty. The appeal asks for USD 500 million for shelter. Donors have pledged only "
                             "20 percent of that.")
    assert (figure_with(figures, 70).item, figure_with(figures, 70).actor_id) == ("police officers", "country:GHA")
    assert figure_with(figures, 20).item == "appeal"


def test_figures_a_demonstrative_a_value_verb_restates_is_the_figure_before(nlp: Language) -> None:
    figures = described(nlp, "Military spending across the Nordic states reached USD 40 billion last year. That is "
                             "about 1.5 percent of their combined GDP.")
    assert figure_with(figures, 1.5).item == "Military spending"


def test_figures_adjectives_after_a_number_name_the_people_it_counts(nlp: Language) -> None:
    figures = described(nlp, "The ministry listed 420 dead and missing after the storm, against 610 in 2023. Shelling "
                             "left 300 wounded soldiers in Kharkiv.")
    assert [(f.value, f.item) for f in figures] == [
        (420, "dead and missing"), (610, "dead and missing"), (300, "wounded soldiers")]


def test_figures_money_paid_into_a_fund_is_a_payment_to_that_fund(nlp: Language) -> None:
    figures = described(nlp, "Chile pledged CLP 9 billion to the fund. Donors paid USD 40 million into the UN "
                             "resilience fund by March.")
    assert (figure_with(figures, 9e9).item, figure_with(figures, 9e9).actor_id) == ("fund", "country:CHL")
    assert (figure_with(figures, 4e7).item, figure_with(figures, 4e7).actor_id) == ("UN resilience fund", None)


def test_figures_a_share_of_a_base_set_off_after_a_figure_restates_it(nlp: Language) -> None:
    figures = described(nlp, "The agency counts 1.4 million displaced people in Chad, more than 7 percent of the "
                             "population. Italy's defence budget is EUR 32 billion, or 1.6% of GDP.")
    assert [(f.value, f.item) for f in figures] == [
        (1.4e6, "displaced people"), (7, "displaced people"), (3.2e10, "defence budget"), (1.6, "defence budget")]


def test_figures_a_number_word_opening_a_verbless_heading_counts_nothing(nlp: Language) -> None:
    text = "Europe has few options left.\n\nThree scenarios\n\nTwo million displaced people now live in camps."
    assert [(f.value, f.item) for f in figures_of(nlp, text)] == [(2e6, "displaced people")]


def test_figures_a_value_verb_parsed_as_a_noun_still_measures_its_subject(nlp: Language) -> None:
    figures = described(nlp, "Wholesale power cost EUR 95 per megawatt hour in May, up from EUR 70 a year earlier.")
    assert [(f.value, f.item) for f in figures] == [(95, "Wholesale power"), (70, "Wholesale power")]


def test_figures_gapped_conjunct_without_its_noun_takes_the_lists_item(nlp: Language) -> None:
    # the possessive or the preposition left standing in a gapped conjunct: owner of its own, item of the list
    figures = described(nlp, "Poland's health budget will grow to 6.1 percent of GDP, Hungary's to 4.8 percent and "
                              "Romania's to 4.2 percent.")
    assert (figure_with(figures, 4.8).actor_id, figure_with(figures, 4.8).item) == ("country:HUN", "health budget")
    assert (figure_with(figures, 4.2).actor_id, figure_with(figures, 4.2).item) == ("country:ROU", "health budget")


def test_figures_part_of_them_is_no_part_of_a_smaller_count(nlp: Language) -> None:
    # '7,200 of them' cannot be taken from 'the four provinces': it is part of the 12,000 arrivals before
    figures = described(nlp, "Officials registered some 12,000 arrivals across the four provinces of the north in "
                              "2023. Kenya took 7,200 of them, Uganda for 3,100 and Rwanda for 1,700.")
    assert figure_with(figures, 7200).item == "arrivals"
    assert (figure_with(figures, 3100).actor_id, figure_with(figures, 3100).item) == ("country:UGA", "arrivals")
    assert (figure_with(figures, 1700).actor_id, figure_with(figures, 1700).item) == ("country:RWA", "arrivals")


def test_figures_rate_denominator_is_not_the_item(nlp: Language) -> None:
    # 'a kilogram' only says per what: the priced thing is the subject, or the object the amount is pushed to
    figures = described(nlp, "Raw cotton now sells for less than USD 9 a kilogram. The drought has pushed "
                             "diesel prices in the north to KES 210 a litre.")
    assert figure_with(figures, 9).item == "Raw cotton"
    assert figure_with(figures, 9).per == "kilogram"
    assert figure_with(figures, 210).item == "diesel prices"


def test_figures_ministry_named_for_its_remit_stands_for_its_state(nlp: Language) -> None:
    # a department or ministry named for its remit and one state is that state's government in a fact
    from extractors.figures import government_states

    actors = [Actor(actor_id="organization:canada-df", name="Canada Department of Finance", kind="organization"),
              Actor(actor_id="organization:chile-mfa", name="Ministry of Foreign Affairs of Chile",
                    kind="organization"),
              Actor(actor_id="organization:chile-mining", name="Chile Mining Corporation", kind="organization")]
    assert government_states(actors) == {"organization:canada-df": "country:CAN",
                                         "organization:chile-mfa": "country:CHL"}


def test_figures_market_price_is_not_the_focus_states(nlp: Language) -> None:
    # in an article about one state, a price per unit of a commodity stays no one's; a plain sum is still the state's
    text = ("Peru expanded its mines. Peru raised royalties in Peru's south. Copper fetched about USD 9 a kilogram "
            "in London. Output earned USD 4 billion in 2023.")
    figures = described(nlp, text)
    assert figure_with(figures, 9).actor_id is None
    assert figure_with(figures, 4e9).actor_id == "country:PER"


def test_figures_an_amount_lent_is_a_loan(nlp: Language) -> None:
    # the verb's noun for one amount lent is 'loan'
    figure = only(described(nlp, "Norway lent Peru USD 300 million in 2019."))
    assert (figure.actor_id, figure.item) == ("country:NOR", "loan")


def test_figures_spending_verb_to_names_the_purpose_unless_it_names_an_actor(nlp: Language) -> None:
    figures = described(nlp, "Chile will devote USD 2 billion to public health. Japan committed USD 40 million to "
                              "Ukraine.")
    assert (figure_with(figures, 2e9).actor_id, figure_with(figures, 2e9).item) == ("country:CHL", "public health")
    assert (figure_with(figures, 4e7).item, figure_with(figures, 4e7).counterpart_actor_id) == ("aid", "country:UKR")


def test_figures_respectively_after_a_numbered_description_takes_the_earlier_list(nlp: Language) -> None:
    # 'the two carmakers' restates the two subjects listed a sentence before; two currencies are still one list
    text = ("Toyota and Honda both raised prices in 2023. The two carmakers booked profits of JPY 9 trillion and "
            "USD 8 billion respectively last year.")
    actors = [actor_named(text, "Toyota", "organization:toyota", "organization"),
              actor_named(text, "Honda", "organization:honda", "organization")]
    figures = figures_of(nlp, text, actors)
    first, second = figure_with(figures, 9e12), figure_with(figures, 8e9)
    assert (first.actor_id, second.actor_id) == ("organization:toyota", "organization:honda")
    assert first.item == second.item == "profits"


def test_figures_respectively_needs_a_list_as_long_as_the_description_says(nlp: Language) -> None:
    text = ("Toyota and Honda both raised prices in 2023. The three carmakers booked profits of JPY 9 trillion and "
            "USD 8 billion respectively last year.")
    actors = [actor_named(text, "Toyota", "organization:toyota", "organization"),
              actor_named(text, "Honda", "organization:honda", "organization")]
    figures = figures_of(nlp, text, actors)
    assert figure_with(figures, 9e12).actor_id is None


def test_figures_a_company_valuing_its_own_bill_owns_it_a_source_counting_does_not(nlp: Language) -> None:
    # a money sum a company puts on a bare object noun is its own; 'the cost of the drought' is a report
    figures = described(nlp, "Siemens puts the storm damage at EUR 40 million. The IMF puts the cost of the "
                             "drought at USD 5 billion.")
    bill = figure_with(figures, 4e7)
    assert (bill.actor_id, bill.item) == ("organization:siemens", "storm damage")
    assert figure_with(figures, 5e9).actor_id is None
    qualified = only(described(nlp, "Siemens puts the storm damage at about EUR 40 million."))
    assert qualified.actor_id == "organization:siemens"


def test_figures_its_passes_over_a_list_inside_another_clause(nlp: Language) -> None:
    # the listed states are the subjects of a relative clause, not what 'its' stands for; the coast guard is
    text = ("The Andean Coast Guard, which Peru, Chile and Ecuador founded in 2008, had a busy year; its boats went "
            "out 30 times in 2024.")
    assert figure_with(described(nlp, text), 30).actor_id == "organization:andean-coast-guard"
    # a list that is no subject at all ('a pact with Peru, Chile and Ecuador') is passed over as well
    text = ("The Andean Coast Guard has grown since a pact with Peru, Chile and Ecuador in 2008; its boats went out "
            "30 times in 2024.")
    assert figure_with(described(nlp, text), 30).actor_id == "organization:andean-coast-guard"


def test_figures_a_class_name_is_no_place(nlp: Language) -> None:
    figure = only(described(nlp, "Russian yards delivered about two Kirov-class cruisers in 2025."))
    assert figure.actor_id == "country:RUS"


def test_figures_what_money_goes_to_is_no_owner_of_it(nlp: Language) -> None:
    # the nationality on the purpose noun does not take the sum from the state that commits it
    figure = only(described(nlp, "Madrid has committed EUR 2 billion to the French aircraft programme."))
    assert (figure.actor_id, figure.item) == ("country:ESP", "French aircraft programme")


def test_figures_worth_hung_on_the_verb_values_the_noun_before_it(nlp: Language) -> None:
    figures = described(nlp, "Officials briefed the Senate on two tanker deals with Peru worth a combined "
                             "USD 3 billion.")
    assert figure_with(figures, 3e9).item == "tanker deals"


def test_figures_bare_noun_keeps_the_owner_it_had_a_sentence_before(nlp: Language) -> None:
    figures = described(nlp, "Chile's copper exports slumped in May. Exports climbed back to 6,100 tonnes by August.")
    assert figure_with(figures, 6100).actor_id == "country:CHL"
    unowned = described(nlp, "Copper exports slumped in May. Exports climbed back to 6,100 tonnes by August.")
    assert figure_with(unowned, 6100).actor_id is None


def test_figures_people_count_is_the_state_an_article_plainly_turns_on(nlp: Language) -> None:
    # Myanmar has 4 of 8 state mentions (not more than half) but four times any other: its people, not its prices
    text = ("Myanmar faces a long war. Aid to Myanmar has fallen. Myanmar's army holds the cities and Myanmar's "
            "rebels the hills. Thailand, China, India and Bangladesh watch. About 3.5 million people have fled "
            "their homes, the UN estimates. Rice sold for about USD 2 a bag in the hills last year.")
    figures = described(nlp, text)
    assert figure_with(figures, 3.5e6).actor_id == "country:MMR"
    assert figure_with(figures, 2).actor_id is None


def test_figures_people_count_stays_ownerless_where_no_state_dominates(nlp: Language) -> None:
    text = ("Myanmar faces a long war. Aid to Myanmar has fallen. Thailand and Thailand's army watch, as does "
            "China. About 3.5 million people have fled their homes, the UN estimates.")
    assert figure_with(described(nlp, text), 3.5e6).actor_id is None


def test_figures_a_measure_whose_of_phrase_is_the_figure_is_the_item(nlp: Language) -> None:
    # 'a minimum price of $40 a kilogram': the 'of' phrase is the amount itself, so the price is what it gives
    figures = described(nlp, "The ministry set a minimum price of USD 40 a kilogram. Lima has set itself a target "
                             "of 4 percent for 2027.")
    assert figure_with(figures, 40).item == "minimum price"
    assert (figure_with(figures, 4).actor_id, figure_with(figures, 4).item) == ("country:PER", "target")


def test_figures_the_government_is_the_state_named_before_as_a_subject(nlp: Language) -> None:
    # 'the government' with no state of its own stands for the state the text was about, not for one named aside
    text = ("Seoul drew its own conclusions after a long dispute with China over chip materials. It has widened "
            "its suppliers since then. The government has also earmarked KRW 2 trillion for reserves.")
    assert figure_with(described(nlp, text), 2e12).actor_id == "country:KOR"


def test_figures_a_market_price_is_not_owned_by_the_owner_of_its_cause(nlp: Language) -> None:
    text = ("The Movement for Change controls the roads north of Lima. Its siege of the highway has driven diesel "
            "in the city to USD 2 a litre.")
    assert figure_with(described(nlp, text), 2).actor_id is None


def test_figures_a_pledge_is_aid_even_with_no_recipient_named(nlp: Language) -> None:
    figure = only(described(nlp, "Canada has pledged CAD 50 million for next year."))
    assert (figure.actor_id, figure.item) == ("country:CAN", "aid")
    offered = only(described(nlp, "Canada has offered CAD 50 million for next year."))
    assert offered.item != "aid"


def test_figures_a_government_with_an_adjective_still_refers_back_to_its_state(nlp: Language) -> None:
    text = ("Bolivia's state is short of cash after the floods. The interim government's repair budget for next "
            "year is USD 40 million.")
    assert figure_with(described(nlp, text), 4e7).actor_id == "country:BOL"


def test_figures_a_share_of_a_total_set_off_after_an_amount_restates_it(nlp: Language) -> None:
    figures = described(nlp, "Peru will spend USD 9 billion on schools in 2026, about 18 percent of total outlays.")
    assert figure_with(figures, 18).item == "schools"
    # a share of a total with no amount before it still counts the total's noun
    assert only(described(nlp, "Brazil accounted for 18% of total coffee exports in 2022.")).item == (
        "total coffee exports")


def test_figures_the_company_is_the_company_named_before_not_its_state(nlp: Language) -> None:
    text = "Poland bought the radar from Hensoldt in 2023. The German firm now builds about 12 radars a year."
    assert figure_with(described(nlp, text), 12).actor_id == "organization:hensoldt"
    # no company named before: the description gives no owner of its own
    alone = described(nlp, "Poland bought the radar in 2023. The German firm now builds about 12 radars a year.")
    assert figure_with(alone, 12).actor_id != "organization:hensoldt"


def test_figures_a_bare_percentage_held_is_a_stake(nlp: Language) -> None:
    assert only(described(nlp, "The state took over the mine, where Teck held 45 percent.")).item == "stake"
    # a share that names its whole keeps it
    assert only(described(nlp, "Teck owns 30 percent of the mine.")).item == "mine"


def test_figures_a_receiver_with_no_from_takes_the_giver_named_as_subject_before(nlp: Language) -> None:
    text = ("Madrid began paying for Peru's training in 2019. The Peru Defence Support Act of 2020 widened the "
            "programme. In 2021 Peru received a first training grant of USD 30 million.")
    figure = figure_with(described(nlp, text), 3e7)
    assert (figure.actor_id, figure.counterpart_actor_id) == ("country:ESP", "country:PER")
    # nobody named before: the receiver stays the owner
    assert only(described(nlp, "Peru received 30 tanks in 2023.")).actor_id == "country:PER"


def test_figures_a_part_of_a_whole_is_not_the_whole_owners(nlp: Language) -> None:
    figures = described(nlp, "The Liberal Party controls 118 of the Bundestag's 630 seats.")
    assert figure_with(figures, 118).actor_id == "organization:liberal-party"
    assert figure_with(figures, 630).actor_id == "organization:bundestag"


def test_figures_a_bare_count_takes_the_earlier_count_whose_noun_its_sentence_names(nlp: Language) -> None:
    text = ("Peru ordered 40 trucks in 2021. Deliveries of the trucks went faster than planned; 30 were in service "
            "by May.")
    assert figure_with(described(nlp, text), 30).item == "trucks"
    # the sentence names no noun counted before: nothing is borrowed
    alone = described(nlp, "Peru ordered 24 trainers in 2021. Its trucks are old; 30 were in service by May.")
    assert figure_with(alone, 30).item is None


def test_figures_a_relative_clause_on_a_place_no_actor_names_describes_the_noun_it_locates(nlp: Language) -> None:
    text = "Volvo's plant at Ghent, which employs about 5,000 people, builds trucks for export."
    figures = figures_of(nlp, text, [actor_named(text, "Volvo", "organization:volvo", "organization")])
    assert figure_with(figures, 5000).actor_id == "organization:volvo"
