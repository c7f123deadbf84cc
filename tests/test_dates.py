"""Dates extractor: the grammar, the year/count and identifier decisions, relative resolution and the gold."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from extractors.dates import extract_dates
from extractors.readers import read_document
from extractors.records import ArticleContext, DateMention
from extractors.temporal import header_date

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARTICLES = Path(__file__).resolve().parent / "data" / "dates"


def dates(nlp, text: str, published: str | None = None) -> list[DateMention]:
    return extract_dates(nlp(text), ArticleContext("test", published))


def values(nlp, text: str, published: str | None = None) -> set[str | None]:
    return {d.value for d in dates(nlp, text, published)}


def only(nlp, text: str, published: str | None = None) -> DateMention:
    found = dates(nlp, text, published)
    assert len(found) == 1, [(d.text, d.value) for d in found]
    return found[0]


# --- absolute dates at the text's precision -------------------------------------------------------------


def test_dates_absolute_at_text_precision(nlp):
    text = "The accord was signed on 14 March 2021, ratified in June 2022 and will expire in 2031."
    assert values(nlp, text) == {"2021-03-14", "2022-06", "2031"}
    assert not any(d.relative for d in dates(nlp, text))


def test_dates_us_order_and_abbreviated_months(nlp):
    assert values(nlp, "Talks opened on Sept. 4, 2017 and closed Dec 2017.") == {"2017-09-04", "2017-12"}


def test_dates_offsets_point_at_the_text(nlp):
    text = "Published 2 February 2020 by the ministry."
    mention = only(nlp, text)
    assert text[mention.start:mention.end] == mention.text == "2 February 2020"


def test_dates_header_line_counts(nlp):
    text = "Policy Brief\n12 March 2021\nJane Doe\n\nThe ministers met again to discuss supply chains."
    assert values(nlp, text) == {"2021-03-12"}


def test_dates_numeric_and_iso_forms(nlp):
    assert values(nlp, "Filed 2019-05-06, amended 24.12.2019 and 25/12/2019.") == {
        "2019-05-06", "2019-12-24", "2019-12-25"}


# --- ranges ---------------------------------------------------------------------------------------------


def test_dates_day_range_within_a_month(nlp):
    assert only(nlp, "Ministers gathered in Oslo on 3-4 May 2022.").value == "2022-05-03/2022-05-04"
    assert only(nlp, "The forum sat on October 17–18, 2023.").value == "2023-10-17/2023-10-18"


def test_dates_ordinal_day_range_that_dateparser_misses(nlp):
    assert only(nlp, "The workshop is held 12th - 13th April 2019 in Vienna.").value == "2019-04-12/2019-04-13"


def test_dates_between_two_full_dates(nlp):
    text = "Aid was counted between 3 March 2020 and 15 July 2021 for each donor."
    assert only(nlp, text).value == "2020-03-03/2021-07-15"


def test_dates_between_dates_without_year_take_the_publication_year(nlp):
    text = "Inspections took place between Sept 1st and Oct 10th."
    mention = only(nlp, text, "2019-11-02")
    assert mention.value == "2019-09-01/2019-10-10"
    assert mention.relative


def test_dates_from_month_to_month_year(nlp):
    assert only(nlp, "Exercises ran from January to March 2023.").value == "2023-01/2023-03"


def test_dates_year_ranges(nlp):
    text = "The 2011-2015 plan, the later period (2016–2019) and the mission from 2001 to 2014 differ."
    assert values(nlp, text) == {"2011/2015", "2016/2019", "2001/2014"}


def test_dates_fiscal_year_is_a_range_not_a_number(nlp):
    assert only(nlp, "Spending in 2012–13 fell by a tenth.").value == "2012/2013"
    assert only(nlp, "The FY2019/20 budget was cut.").value == "2019/2020"


def test_dates_two_years_joined_by_and_stay_two_dates(nlp):
    assert values(nlp, "Elections were held in 2014 and 2019.") == {"2014", "2019"}


def test_dates_decades(nlp):
    text = "In the 1980s and the early '90s inflation was high; the 2010s were calmer than the nineties."
    assert values(nlp, text) == {"1980/1989", "1990/1999", "2010/2019"}


# --- years decided by context ---------------------------------------------------------------------------


def test_dates_year_contexts(nlp):
    text = ("Sweden joined the bloc's 2030 Strategic Plan, adopted since 2015, and the summits in Rome (2018) and "
            "Paris (2019) endorsed it; the 2024 elections changed little.")
    assert values(nlp, text) == {"2030", "2015", "2018", "2019", "2024"}


def test_dates_counts_are_not_years(nlp):
    text = "Some 2000 troops and 1,990 tanks crossed; over 1950 families fled and 1500 people stayed."
    assert dates(nlp, text) == []


def test_dates_identifiers_are_not_dates(nlp):
    text = ("Working Paper 1872 (14/2020), ISSN: 2049-3630, Resolution 2231, see "
            "https://example.org/ files/2020-05/report_2020.pdf and note [3].")
    assert dates(nlp, text) == []


def test_dates_footnote_marks_do_not_hide_years(nlp):
    assert values(nlp, "The fund was created in 2014[2] and doubled in 2018.[3]") == {"2014", "2018"}


def test_dates_durations_are_not_dates(nlp):
    text = ("The strike lasted a month, after two decades of growth over the past couple decades; "
            "for three years the talks stalled and over the next year they may resume.")
    assert dates(nlp, text, "2022-06-01") == []


def test_dates_dateparser_false_positives_are_not_dates(nlp):
    # dateparser without languages= reads '100M' and '73 20' as dates and 'to' as a weekday
    assert dates(nlp, "The fund raised 100M, with survey scores of 73 20 to 30.", "2020-01-01") == []


def test_dates_may_the_verb_and_may_the_name_are_not_months(nlp):
    text = "Theresa May said the deal may pass, and in May it did."
    found = dates(nlp, text, "2019-07-01")
    assert [(d.text, d.value) for d in found] == [("May", "2019-05")]


# --- relative dates -------------------------------------------------------------------------------------


def test_dates_last_year_against_publication(nlp):
    mention = only(nlp, "Since the invasion last year, spending has doubled.", "2023-07-10")
    assert (mention.value, mention.relative) == ("2022", True)


def test_dates_weekday_follows_tense(nlp):
    # 2021-05-03 is a Monday
    assert only(nlp, "The ministers will meet on Thursday.", "2021-05-03").value == "2021-05-06"
    assert only(nlp, "The conference, which begins on Thursday, is sold out.", "2021-05-03").value == "2021-05-06"
    assert only(nlp, "The ministers met on Thursday.", "2021-05-03").value == "2021-04-29"
    assert only(nlp, "The minister said last Friday that talks failed.", "2021-05-03").value == "2021-04-30"


def test_dates_month_without_year_follows_tense(nlp):
    assert only(nlp, "The March summit has strengthened the alliance.", "2021-05-20").value == "2021-03"
    assert only(nlp, "The leaders will gather in March.", "2021-05-20").value == "2022-03"


def test_dates_named_month_event_takes_the_publication_year(nlp):
    text = "The November summit, attended by ministers from both blocs, has deepened ties."
    mention = only(nlp, text, "2022-11-30")
    assert (mention.value, mention.relative) == ("2022-11", True)


def test_dates_day_without_year_takes_the_year_its_sentence_names(nlp):
    text = "In 2008, Georgia and Russia went to war; on 12 August a ceasefire was agreed."
    assert values(nlp, text, "2023-05-01") == {"2008", "2008-08-12"}


def test_dates_week_month_and_deictic_days(nlp):
    text = "Yesterday the envoy arrived; last week talks stalled, this week they resume, and next month a deal is due."
    assert values(nlp, text, "2023-07-12") == {"2023-07-11", "2023-W27", "2023-W28", "2023-08"}


def test_dates_ago_gives_the_unit_precision(nlp):
    text = "Two years ago the base closed; three months ago it reopened; a decade ago it was built."
    assert values(nlp, text, "2020-05-15") == {"2018", "2020-02", "2010"}


def test_dates_parts_of_years(nlp):
    text = ("Output rose in the third quarter, after falling in mid-2019 and late 2018; spring 2021 and "
            "the first half of 2020 were worse, and earlier this year it recovered.")
    assert values(nlp, text, "2021-11-30") == {"2021-07/2021-09", "2019", "2018", "2021-SP", "2020-01/2020-06", "2021"}


@pytest.mark.parametrize(("text", "value"), [
    ("Exports slumped in the first half of 2019.", "2019-01/2019-06"),
    ("Arrests doubled in the second half of 2016.", "2016-07/2016-12"),
    ("Tanker traffic fell in the third quarter of 2023.", "2023-07/2023-09"),
    ("The ministry expects deliveries in Q1 2025.", "2025-01/2025-03"),
    ("Orders picked up in Q4 2022 and eased after that.", "2022-10/2022-12"),
    ("Sales rose in 2021's second quarter.", "2021-04/2021-06"),
    ("Imports rose in H2 2019.", "2019-07/2019-12"),
])
def test_dates_quarters_and_halves_are_iso_month_intervals(nlp, text: str, value: str):
    assert values(nlp, text, "2025-06-01") == {value}


def test_dates_relative_quarter_and_half_of_that_year(nlp):
    assert values(nlp, "Revenue fell last quarter.", "2024-05-20") == {"2024-01/2024-03"}
    text = "The plant opened in 2019. In the first half of that year it ran at a loss."
    assert values(nlp, text, "2024-05-20") == {"2019", "2019-01/2019-06"}


def test_dates_previous_year_counts_from_the_year_the_sentence_names(nlp):
    text = "In 2017, imports rose by 5% compared to the previous year."
    assert values(nlp, text, "2021-01-01") == {"2017", "2016"}
    same = "The treaty was signed in 2008. In the same year, talks began."
    assert values(nlp, same, "2021-01-01") == {"2008"}


def test_dates_a_year_earlier_keeps_the_anchor_precision(nlp):
    text = "Profit fell in the fourth quarter of 2019, compared with a year earlier."
    assert values(nlp, text, "2020-02-10") == {"2019-10/2019-12", "2018-10/2018-12"}


def test_dates_vague_expressions_are_skipped(nlp):
    text = "Compared to previous years, attention grew in recent days; currently it is high, now and in the future."
    assert dates(nlp, text, "2023-07-10") == []


def test_dates_relative_without_publication_date_is_null_not_guessed(nlp):
    mention = only(nlp, "Since the invasion last year, spending has doubled.")
    assert mention.value is None and mention.relative


# --- evaluation gate ------------------------------------------------------------------------------------


def f1(found: set, required: set, optional: set) -> tuple[int, int, int]:
    return len(found & required), len(found - required - optional), len(required - found)


def score_articles(nlp, pairs: list[tuple[str, str | None, dict]]) -> float:
    tp = fp = fn = 0
    for text, published, gold in pairs:
        found = {str(d.value) for d in extract_dates(nlp(text), ArticleContext("gate", published))}
        a, b, c = f1(found, set(gold["required"]), set(gold.get("optional", [])))
        tp, fp, fn = tp + a, fp + b, fn + c
    return 2 * tp / (2 * tp + fp + fn)


def test_dates_seed_gold_floor(nlp):
    pairs = []
    for gold_path in sorted((SHARED / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        document = read_document(SHARED / "seeds" / gold["source"])
        pairs.append((document.text, gold["meta"].get("published") or document.published, gold["dates"]))
    assert pairs
    assert score_articles(nlp, pairs) >= 0.95


def test_dates_own_articles_floor(nlp):
    """News-style articles written for these tests (tests/data/dates), each with its expected values."""
    pairs = []
    for path in sorted(ARTICLES.glob("*.txt")):
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        pairs.append((path.read_text(encoding="utf-8"), gold["published"], gold))
    assert len(pairs) >= 3
    assert score_articles(nlp, pairs) >= 0.95


def test_dates_header_date_is_the_first_full_date_near_the_top():
    assert header_date("Baltic Desk\n12 March 2021\nAnna Kowal\n\nIn March 2021 ministers met.") == "2021-03-12"
    assert header_date("Title\nBy A. Writer\n\nIn 2019 the alliance met.") is None


@pytest.mark.parametrize("text", [
    "Rainfall in April has fallen by about 4% per decade since the early 1960s.",
    "Rainfall in July has risen every year since 2000.",
    "Sea ice usually reaches its minimum in September.",
    "Demand for gas in the winter typically doubles.",
])
def test_dates_month_of_any_year_is_no_date(nlp, text: str):
    assert values(nlp, text, "2023-10-05") <= {"2000", "1960/1969"}


@pytest.mark.parametrize(("text", "value"), [
    ("In September the ministers met in Oslo.", "2023-09"),
    ("Prices have risen every month since September.", "2023-09"),
    ("The talks will resume in December.", "2023-12"),
])
def test_dates_month_of_this_year_is_still_resolved(nlp, text: str, value: str):
    assert value in values(nlp, text, "2023-10-05")


@pytest.mark.parametrize(("text", "value"), [
    ("Parliament passed the bill in November last year.", "2023-11"),
    ("The talks resumed in March of this year.", "2024-03"),
    ("Elections are expected in October next year.", "2025-10"),
])
def test_dates_month_with_relative_year_is_one_expression(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-05-06") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("One year ago today, the army entered the capital.", "2023-05-06"),
    ("Two years ago today the ceasefire collapsed.", "2022-05-06"),
    ("Five years ago this week, the talks broke down.", "2019-W19"),
])
def test_dates_ago_today_is_that_day(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-05-06") == {value}


def test_dates_quarter_in_a_past_clause_is_the_last_one(nlp) -> None:
    assert values(nlp, "Exports fell sharply in the third quarter.", "2025-02-10") == {"2024-07/2024-09"}


@pytest.mark.parametrize(("text", "published", "value"), [
    ("The council met on Thursday, March 7, to vote on the budget.", "2024-02-20", "2024-03-07"),
    ("The council met on Thursday, March 7, to vote on the budget.", "2020-02-20", "2019-03-07"),
    ("The panel reported on Wednesday, 3 November.", "2022-03-01", "2021-11-03"),
])
def test_dates_weekday_with_a_day_fixes_the_year(nlp, text: str, published: str, value: str) -> None:
    assert values(nlp, text, published) == {value}


@pytest.mark.parametrize(("text", "published", "value"), [
    ("The tender offer had been due to lapse Dec. 3.", "2023-11-28", "2023-12-03"),
    ("Shareholders were told the dividend is payable Jan. 15.", "2023-12-10", "2024-01-15"),
    ("The minister said talks would resume Oct. 29.", "2023-11-02", "2023-10-29"),
    ("The strike ended on March 2.", "2023-11-02", "2023-03-02"),
])
def test_dates_day_without_a_year_near_publication_is_read_there(nlp, text: str, published: str, value: str) -> None:
    assert values(nlp, text, published) == {value}


def test_dates_leap_day_without_a_year_does_not_raise(nlp) -> None:
    assert values(nlp, "The vote took place on Feb. 29.", "2023-03-05") == {"2020-02-29"}
    assert values(nlp, "The vote will take place on Feb. 29.", "2023-03-05") == {"2024-02-29"}


# Publication 2024-03-13 is a Wednesday: the Friday before is the 8th, the one after the 15th.
@pytest.mark.parametrize(("text", "value"), [
    ("Farmers planned a march through the capital on Friday.", "2024-03-15"),
    ("The union was planning to strike on Friday.", "2024-03-15"),
    ("The court postponed until Friday its ruling on the appeal.", "2024-03-15"),
    ("The ministry has scheduled a briefing Friday.", "2024-03-15"),
    ("The ceasefire, set to expire Friday, was extended.", "2024-03-15"),
    ("The offer had been scheduled to expire Friday but was extended.", "2024-03-08"),
    ("Opposition leaders rejected Friday's vote as rigged.", "2024-03-08"),
    ("The envoys will discuss the decree issued Friday by the junta.", "2024-03-08"),
    ("Troops left the border town on Friday.", "2024-03-08"),
])
def test_dates_weekday_direction_from_planning_words_possessives_and_participles(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-03-13") == {value}


def test_dates_quarter_just_ended_is_still_to_be_reported(nlp) -> None:
    assert values(nlp, "The airline expects to report third-quarter results soon.", "2025-10-20") == {
        "2025-07/2025-09"}
    assert values(nlp, "The airline expects to break even in the second quarter.", "2025-10-20") == {
        "2026-04/2026-06"}


@pytest.mark.parametrize(("text", "value"), [
    ("The bank lost money in the 2019 third quarter.", "2019-07/2019-09"),
    ("Margins narrowed in the 2020 fiscal second quarter.", "2020-04/2020-06"),
])
def test_dates_year_before_the_quarter_names_its_year(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2021-05-04") == {value}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The retailer earned $4 million in its fourth quarter ended Aug. 31.", "2021-10-04",
     {"2021-06/2021-08", "2021-08-31"}),
    ("Sales rose in the third quarter that ended on Sept. 30.", "2021-10-20", {"2021-07/2021-09", "2021-09-30"}),
    ("The brewer expects a loss for its first quarter ending in June.", "2021-05-11", {"2021-04/2021-06", "2021-06"}),
])
def test_dates_quarter_ended_on_a_date_spans_the_months_up_to_it(nlp, text: str, published: str,
                                                                  expected: set[str]) -> None:
    found = dates(nlp, text, published)
    assert {d.value for d in found} == expected
    assert all(d.relative for d in found)  # the year comes from publication


def test_dates_year_ago_after_another_comparison_is_the_same_time(nlp) -> None:
    text = ("Profit rose to $8 million in June 2021 from $6 million a year ago. "
            "Sales were $90 million, against $85 million a year earlier.")
    # 'a year ago' counts from publication; 'a year earlier' from June, not from 'a year ago'
    assert values(nlp, text, "2021-07-28") == {"2021-06", "2020", "2020-06"}


def test_dates_year_ago_in_a_report_on_a_quarter_is_that_quarter_a_year_back(nlp) -> None:
    text = "The miner earned $8 million in the second quarter of 2021, up from $6 million a year ago."
    assert values(nlp, text, "2021-07-28") == {"2021-04/2021-06", "2020-04/2020-06"}
    # the comparison keeps to the paragraph that names the quarter
    text = "The miner earned $8 million in the second quarter.\n\nIts chief executive left a year ago."
    assert values(nlp, text, "2021-07-28") == {"2021-04/2021-06", "2020"}


@pytest.mark.parametrize(("text", "published", "value"), [
    ("Under a plan adopted in 2016 that set no ceiling, the fund had sold bonds through May 30.", "2019-06-20",
     "2019-05-30"),
    ("Admitted to the bloc in July 2017, the two states will formally join on April 4.", "2019-03-01", "2019-04-04"),
    ("The treaty signed in 2016 expires in November.", "2025-02-27", "2025-11"),
    ("In 2018 the rebels took the port; on 14 March they lost it again.", "2021-06-01", "2018-03-14"),
])
def test_dates_sentence_year_only_where_it_frames_the_date(nlp, text: str, published: str, value: str) -> None:
    assert value in values(nlp, text, published)


def test_dates_present_tense_event_with_a_month_is_a_schedule(nlp) -> None:
    assert values(nlp, "The lease on the base runs out in August.", "2022-02-10") == {"2022-08"}
    # a present state about a noun's date is no schedule: the nearest November
    assert values(nlp, "The board is still bound by a November agreement.", "2022-02-10") == {"2021-11"}


@pytest.mark.parametrize(("text", "value"), [
    ("The tribunal Tuesday dismissed the appeal.", "2021-03-09"),
    ("Premier Lopez Tuesday named a new cabinet.", "2021-03-09"),
])
def test_dates_weekday_right_after_a_named_subject(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2021-03-10") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("The reactor was shut in nineteen eighty-six after the fire.", "1986"),
    ("Nineteen seventy-two was the year of the first accord.", "1972"),
    ("The plan aims to halve the debt by two thousand.", "2000"),
    ("Elections were held in two thousand and four.", "2004"),
    ("The mill opened in nineteen oh six.", "1906"),
])
def test_dates_years_said_in_words(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "1998-05-01") == {value}


def test_dates_number_words_that_are_no_year(nlp) -> None:
    assert values(nlp, "Some two thousand troops crossed the river.", "1998-05-01") == set()


@pytest.mark.parametrize("text", [
    "Pilgrims gather there each August.",
    "The ferry sails every Tuesday from the harbour.",
    "Thousands joined the March for Peace downtown.",
])
def test_dates_recurring_times_and_names_are_no_dates(nlp, text: str) -> None:
    assert values(nlp, text, "2021-03-10") == set()


@pytest.mark.parametrize(("text", "value"), [
    ("The boat was found off the coast on Thanksgiving Day.", "2023-11-23"),
    ("The family gathered there last Thanksgiving Day.", "2023-11-23"),
    ("The strike will end before Labor Day.", "2024-09-02"),
    ("Parliament met again after Memorial Day 2019.", "2019-05-27"),
])
def test_dates_holidays_on_a_weekday_of_the_month(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-02-15") == {value}


ODD_TEXTS = [
    "Feb. 30 and 31 April, 31/02/2020, 29.02.2023, Q5 2020, H3 2019, the 0th quarter, 1799-2101.",
    "nineteen oh oh, two thousand and ninety-nine, by two thousand thousand, 9999 BC, 0001-01-01.",
    "Saturday, February 29 and Monday, Feb. 29: a leap day without a year, twice.",
    "between 2020 and 2019, from May 5 to May 3, 2018-2018, 1999/2001, 2010/09, FY2024/25, fiscal 1800.",
    "last Labor Day next Thanksgiving this Memorial Day, the weekend before yesterday, 40 decades ago today.",
    "\u00a0\u2013\u2014 March\u00a012, 2021 \u2014 12\u2009March \u00b7 2021 \u2022 Mar-12-2021 \ufeff",
    "".join(chr(c) for c in range(32, 600)),
    "May may May. MAY 2020. may 2020. The 2020s' 20s the '20s and 1920's 1900s–2000s.",
    "a" * 5000 + " 2020 " + "(" * 200 + " in June " + ")" * 200,
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_dates_never_raise_on_odd_text(nlp, text: str) -> None:
    doc = nlp(text)
    for published in ("2024-02-29", "2023-01-01", None, "not a date", "1800-01-01"):
        found = extract_dates(doc, ArticleContext("odd", published))
        assert all(text[d.start:d.end] == d.text for d in found)
        for value in (d.value for d in found if d.value):
            for point in value.split("/"):
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", point):
                    date.fromisoformat(point)  # a real calendar day, not '2023-02-29'


@pytest.mark.parametrize(("text", "value"), [
    ("The board named a new chair, effective Jan. 1.", "2022-01-01"),
    ("The tariff, effective since May, has cut imports.", "2021-05"),
])
def test_dates_effective_looks_ahead_unless_since(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2021-09-20") == {value}


def test_dates_following_month_across_a_paragraph_counts_from_the_last_date(nlp) -> None:
    text = "In March 2017 the board resigned.\n\nThe following month, the firm was put up for sale."
    assert values(nlp, text, "2019-10-01") == {"2017-03", "2017-04"}
    assert values(nlp, "The following month, the firm was put up for sale.", "2019-10-01") == {"2019-11"}


# Publication 2024-03-13 is a Wednesday.
@pytest.mark.parametrize(("text", "value"), [
    ("The court gave the ministry until Friday to reply.", "2024-03-15"),
    ("Lenders extended the credit line through June.", "2024-06"),
    ("Exports rose through February.", "2024-02"),
])
def test_dates_a_limit_set_by_extending_or_giving_lies_ahead(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-03-13") == {value}


# Publication 2024-03-13 is a Wednesday: the Friday before is the 8th, the one after the 15th.
@pytest.mark.parametrize(("text", "value"), [
    ("The new tariff schedule, published Friday by the customs office, will apply to steel.", "2024-03-08"),
    ("Once approved Friday, the budget will go to the upper house.", "2024-03-15"),
    ("Heavy rain cut the harvest estimate on Friday.", "2024-03-08"),
    ("The central bank cut its key rate on Friday.", "2024-03-08"),
])
def test_dates_weekday_on_a_participle_clause_or_a_past_form_like_the_present(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-03-13") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("The court gave the airline until 5 p.m. Friday to respond.", "2024-03-15"),
    ("Officials extended the ceasefire until 6 a.m. GMT Friday.", "2024-03-15"),
])
def test_dates_a_limit_at_an_hour_of_a_weekday_lies_ahead(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-03-13") == {value}


@pytest.mark.parametrize(("text", "value"), [
    # what was agreed to may lie on either side of publication: the nearer month
    ("The port operator agreed to sell its container terminal in January.", "2025-01"),
    ("The brewer announced a deal to buy a rival distillery in December.", "2024-12"),
    ("The port operator agreed to sell its container terminal in July.", "2024-07"),
])
def test_dates_month_on_an_agreed_infinitive_is_the_nearer_one(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-10-20") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("The referendum is on Tuesday, June ninth.", "2026-06-09"),
    ("The treaty lapses on the twenty-first of May.", "2026-05-21"),
    ("That was in October nineteen eighty-two.", "1982-10"),
    ("Prices fell back to the lows of the summer of nineteen ninety-one.", "1991-SU"),
    ("She was born on July fourth, nineteen seventy-six.", "1976-07-04"),
])
def test_dates_days_and_years_in_words_as_transcripts_write_them(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2026-03-04") == {value}


def test_dates_an_ordinal_word_of_a_noun_is_no_day(nlp) -> None:
    assert values(nlp, "The cyclist finished in May second place behind the champion.", "2026-03-04") == set()


@pytest.mark.parametrize("text", [
    "The ferry sails on Friday and Saturday nights from the harbour.",
    "The market opens on Sunday mornings.",
    "The minister told \"This Month in Science\" that the survey was stalled.",
    "The fund invests in the industries of tomorrow.",
])
def test_dates_recurring_parts_of_days_titles_and_the_future_in_general_are_no_dates(nlp, text: str) -> None:
    assert values(nlp, text, "2026-03-04") == set()


def test_dates_year_after_a_possessive_modifies_the_noun_as_a_year(nlp) -> None:
    assert values(nlp, "The insurer's 2019 accounts were restated.", "2021-05-04") == {"2019"}


def test_dates_days_earlier_count_from_the_weekday_of_the_news(nlp) -> None:
    text = ("The strike began on 2 May. The unions met the minister on Tuesday, the union said. "
            "A day earlier, the ports had closed.")
    assert values(nlp, text, "2026-05-14") == {"2026-05-02", "2026-05-12", "2026-05-11"}


# Publication 2026-05-10 is a Sunday: the Saturday before is the 9th, the one after the 16th.
@pytest.mark.parametrize(("text", "value"), [
    ("The concert scheduled for Saturday was called off after the storm.", "2026-05-09"),
    ("The concert scheduled for Saturday will go ahead despite the storm.", "2026-05-16"),
    ("The band planned a concert for Saturday.", "2026-05-16"),
])
def test_dates_weekday_planned_in_a_past_report_is_the_nearer_one(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2026-05-10") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("Turnout on Thursday was below that of the preceding Thursday.", "2026-05-07"),
    ("The talks opened on 3 March 2025. The following Monday, both sides walked out.", "2025-03-10"),
    ("The ministers had met the previous Sunday.", "2026-05-10"),
])
def test_dates_previous_or_following_weekday_counts_from_the_day_last_named(nlp, text: str, value: str) -> None:
    assert value in values(nlp, text, "2026-05-14")


@pytest.mark.parametrize(("text", "value"), [
    ("The appeal will be heard the week of March 2.", "2026-W10"),
    ("Inspectors arrive in the week beginning 9 March 2026.", "2026-W11"),
])
def test_dates_the_week_of_a_day_is_that_week(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2026-02-20") == {value}


@pytest.mark.parametrize(("text", "month", "value"), [
    ("Grain exports peaked in 2021, but the port was closed in March.", "March", "2025-03"),
    ("Donors pledged more in 2022, according to the ministry, while most aid was frozen in January.", "January",
     "2025-01"),
    # a year set before the main verb frames every clause, contrast or not
    ("In 2019 the ministry cut rents in March but raised them in October.", "October", "2019-10"),
    ("Grain exports peaked in 2021 and the port was closed in March.", "March", "2021-03"),
])
def test_dates_year_does_not_carry_past_a_clause_of_contrast(nlp, text: str, month: str, value: str) -> None:
    found = {d.text: d.value for d in dates(nlp, text, "2025-04-14")}
    assert found[month] == value, found


@pytest.mark.parametrize(("text", "value"), [
    ("The shipper said a restart was unlikely before the third quarter.", "2025-07/2025-09"),
    ("The envoy said an agreement was likely by Thursday.", "2025-01-23"),
    ("Traders said the central bank was likely to cut rates in March.", "2025-03"),
    # 'likely' as an adverb of a past event names no expectation
    ("The pipeline was likely damaged on Thursday.", "2025-01-16"),
])
def test_dates_expected_in_the_past_tense_still_lies_ahead(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2025-01-20") == {value}


@pytest.mark.parametrize(("text", "value"), [
    ("Engineers said the repairs could last until September.", "2025-09"),
    # negated or passive, 'could' is as often the past of 'can'
    ("The ministry said it could not pay the contractors in September.", "2024-09"),
    ("Nobody at the port could be reached on Wednesday.", "2024-12-25"),
])
def test_dates_could_on_an_active_verb_looks_ahead(nlp, text: str, value: str) -> None:
    assert values(nlp, text, "2024-12-27") == {value}
