"""Numbers as written in English prose: digits with thousands separators, number words and scale words.

Finds every number in a text with its character span and value (scale applied: "2.5bn" -> 2.5e9,
"two million" -> 2e6, "816 000" -> 816000). Whether a number is a figure is for extractors/figures.py to decide.

Ranges whose scale is written once ("3-4 billion", "7–8 million") are one number: `value` is the lower bound with
the scale applied (3e9), `upper` the upper bound (4e9), and the span covers both ends. The contract has one value
per figure, so the lower bound is the figure's value; "10-15%" (no scale word) stays two numbers, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractors.common import DATA_DIR, alternation, load_data  # noqa: F401
from extractors.positions import Intervals

# figures, items and facts import DATA_DIR and alternation from here (they are being reworked elsewhere)
from extractors.units import checked_quantities

# Thousands separators seen in policy texts: comma, and (in European and PDF-extracted text) a space,
# no-break space, narrow no-break space or thin space: "816 000 t".
SPACE_SEPARATORS = " \u00a0\u202f\u2009"
DIGITS = (
    rf"(?:\d{{1,3}}(?:(?:,\d{{3}})+|(?:[{SPACE_SEPARATORS}]\d{{3}})+)(?!\d)(?:\.\d+)?"
    r"|\d+(?:\.\d+)?"
    r"|\.\d+)"
)
# A number must not continue a word, an identifier or another number: "M1A1", "F-16", "2657-6996", "fs_2403",
# "0.000.110" (a flattened table row), "209/2024".
# a minus sign (or an en dash typed for one: "growth of –0.4%") after a space still starts a number
NOT_AFTER = r"(?:(?<![\w.,/\-–:#@^])|(?<=\s[-–])|(?<=\(-))"


@lru_cache(maxsize=1)
def quantity_table() -> dict[str, Any]:
    """The number-word, scale, currency and unit table (extractors/data/quantities.json), its units checked
    against the one table of units the review page uses too."""
    return checked_quantities(load_data("quantities.json"))


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number in the text; `end` includes a scale word that belongs to it ("2.5 billion")."""

    start: int
    end: int
    value: float  # scale applied
    in_words: bool  # "six", "a dozen", "two million"
    scale: float  # the factor a scale word or abbreviation applied (1.0 when none)
    core_end: int  # end of the digits or words before any scale word
    decimal: bool = False  # digits with a decimal point ("3.8"), never a count on their own
    year_like: bool = False  # four digits without separators in 1000..2100: "2023"
    upper: float | None = None  # the upper bound of a range written with one scale word: "3-4 billion" -> 4e9
    share: bool = False  # a fraction written with a slash before "of" ("3/4 of the fleet"): `value` is in percent


@lru_cache(maxsize=1)
def glued_prefixes() -> tuple[str, ...]:
    """Currency prefixes that end in a letter and hold a symbol, so that they may touch the number: "$A", "NZ$"."""
    return tuple(p for p in quantity_table()["currency_prefixes"] if p[-1].isalpha() and re.search(r"[^\w\s.]", p))


def glued_to_currency(text: str, start: int) -> bool:
    """A number right after a letter continues a word ("M1A1", "AIM120") unless the letters are a currency: a glued
    prefix ("$A63 billion") or an ISO 4217 code standing alone ("USD3.2bn", "EUR450m")."""
    if start == 0 or not text[start - 1].isalpha():
        return True
    if any(text.endswith(prefix, 0, start) for prefix in glued_prefixes()):
        return True
    return text[start - 3:start] in quantity_table()["currency_codes"] and (start == 3 or not text[start - 4].isalnum())


@lru_cache(maxsize=1)
def number_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = quantity_table()
    scale_words = list(table["scale_words"])
    abbreviations = list(table["scale_abbreviations"])
    # a currency prefix that ends in a letter may be glued to the number: "$A63 billion" (Australian dollars)
    # and so may an ISO code ("USD3.2bn"): any three capitals pass here, glued_to_currency keeps only the codes
    after_prefix = "".join(f"|(?<={re.escape(p)})" for p in glued_prefixes()) + "|(?<=[A-Z]{3})"
    digits = re.compile(
        rf"(?:{NOT_AFTER}{after_prefix})(?P<num>{DIGITS})(?!\d)"
        rf"(?:(?P<sep>\s*-\s*|\s+)(?P<scale>{alternation(scale_words)})\b"
        rf"|(?P<abbsep>\s?)(?P<abbr>{alternation(abbreviations)})(?![A-Za-z]))?",
        re.IGNORECASE,
    )
    basic = list(table["number_words"]) + list(table["multiplier_words"]) + scale_words
    word = rf"(?:{alternation(basic)})"
    after_scale = "|".join(f"(?<={re.escape(w)})" for w in ("hundred", "thousand", "million", "billion"))
    # "three and a half", "two and a half million": the half joins the words before it, a scale word may follow
    and_a_half = rf"(?:\s+and\s+a\s+half\b(?:\s+(?:{alternation(scale_words)})\b)?)?"
    words = re.compile(
        rf"\b(?:(?:half\s+)?an?\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b))?"
        rf"{word}(?:(?:(?:{after_scale})\s+and\s+|\s+|-){word})*\b{and_a_half}",
        re.IGNORECASE,
    )
    return digits, words


def parse_digits(text: str) -> float:
    """'1,234.5' -> 1234.5; '816 000' -> 816000.0."""
    cleaned = text.replace(",", "")
    for separator in SPACE_SEPARATORS:
        cleaned = cleaned.replace(separator, "")
    return float(cleaned)


def parse_number_words(text: str) -> float | None:
    """'twenty-five' -> 25; 'two hundred and fifty thousand' -> 250000; 'a dozen' -> 12; 'half a billion' -> 5e8;
    'four and a half thousand' -> 4500; 'one lakh crore' -> 1e12 (a scale word after a scale word multiplies).

    None when the words do not make one number ("two three").
    """
    table = quantity_table()
    units: dict[str, int] = table["number_words"]
    multipliers: dict[str, int] = table["multiplier_words"]
    scales: dict[str, float] = table["scale_words"]
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    total = 0.0
    current = 0.0
    fraction = 1.0
    last_small = False  # the previous word was a unit or ten: "two three" is two numbers, "twenty three" one
    last_scale = False
    for i, token in enumerate(tokens):
        if token == "half" and i == 0:
            fraction = 0.5
        elif token == "half" and tokens[i - 1] == "a" and current:
            current += 0.5  # "three and a half"
        elif token in scales and last_scale and not current:
            total *= scales[token]
        elif token in {"a", "an"}:
            current = max(current, 1.0)
        elif token in units:
            value = units[token]
            if last_small and not (current % 100 >= 20 and current % 10 == 0 and value < 10):
                return None
            current += value
            last_small = True
        elif token in multipliers:
            current = max(current, 1.0) * multipliers[token]
            last_small = False
        elif token in scales:
            total += max(current, 1.0) * scales[token]
            current = 0.0
            last_small = False
        else:
            return None
        last_scale = token in scales
    return (total + current) * fraction


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in the text, digits and words, in order; spans do not overlap."""
    digits, words = number_patterns()
    table = quantity_table()
    scales = {k.lower(): v for k, v in table["scale_words"].items()}
    abbreviations = {k.lower(): v for k, v in table["scale_abbreviations"].items()}
    found = slash_fractions(text)
    taken: list[tuple[int, int]] = [(n.start, n.end) for n in found]
    fractions = Intervals(list(taken))
    for match in digits.finditer(text):
        if fractions.overlapping(match.start(), match.end()) or not glued_to_currency(text, match.start("num")):
            continue
        if re.search(r"\d\s[-–]$", text[max(0, match.start("num") - 3):match.start("num")]):
            continue  # "2014 –15", "45 -67": the end of a range (figures.py pairs it), not a negative number
        raw = match.group("num")
        value = parse_digits(raw)
        scale = 1.0
        if match.group("scale"):
            scale = scales[match.group("scale").lower()]
        elif match.group("abbr"):
            abbreviation = match.group("abbr").lower()
            if abbreviation == "k" and match.group("abbsep"):
                scale = 1.0  # "50 k" with a space is too rare to be a scale; "50k" is
            else:
                scale = abbreviations[abbreviation]
        end = match.end() if scale != 1.0 else match.end("num")
        upper: float | None = None
        if scale == 1.0 and (ranged := scaled_range_end(text, match.end("num"), value)) is not None:
            scale, upper, end = ranged  # "3-4 billion": the one scale word belongs to both ends
            upper *= scale
        year_like = re.fullmatch(r"\d{4}", raw) is not None and 1000 <= value <= 2100
        found.append(NumberSpan(match.start("num"), end, value * scale, False, scale, match.end("num"),
                                decimal="." in raw, year_like=year_like and scale == 1.0, upper=upper))
        taken.append((match.start("num"), end))
    digit_spans = Intervals(taken)  # a number in words inside a number in digits is part of it
    for match in words.finditer(text):
        if digit_spans.overlapping(match.start(), match.end()):
            continue
        lowered = match.group().lower()
        if lowered in scales or lowered in table["multiplier_words"]:
            continue  # a scale word on its own ("per million", "hundred-strong") is not a number
        if re.split(r"[\s-]+", lowered)[0] in {**scales, **table["multiplier_words"]}:
            continue  # "several hundred thousand euros": no count before the scale, so no exact number
        value = parse_number_words(lowered)
        if value is None:
            continue
        scale_words = [w for w in scales if re.search(rf"\b{re.escape(w)}\b", lowered)]
        scale = max((scales[w] for w in scale_words), default=1.0)
        core_end = match.end()
        if scale_words:
            core_end = match.start() + min(lowered.find(w) for w in scale_words)
        found.append(NumberSpan(match.start(), match.end(), value, True, scale, core_end))
    for match in fraction_article_pattern().finditer(text):
        if not digit_spans.overlapping(match.start(), match.end()):
            found.append(NumberSpan(match.start(), match.end(), 1.0, True, 1.0, match.end()))
    for match in half_unit_pattern().finditer(text):
        if not digit_spans.overlapping(match.start(), match.end()):
            found.append(NumberSpan(match.start(), match.end(), 0.5, True, 1.0, match.end()))
    found.sort(key=lambda n: n.start)
    return found


SLASH_FRACTION = re.compile(r"(?<![\w./\-–:#@^])(?P<num>[1-9])/(?P<den>\d{1,2})(?![\w./])(?=[\s-]+of\b)")


def slash_fractions(text: str) -> list[NumberSpan]:
    """'3/4 of the fleet', '2/3 of voters': a share in percent, like 'three quarters of'; only before 'of', below
    one and over a denominator that has a fraction word (halves and quantities.json's `fraction_words`), since '9/11',
    '24/7' and '3/4/2024' are names, rates and dates."""
    denominators = {2, *quantity_table()["fraction_words"].values()}
    found = []
    for match in SLASH_FRACTION.finditer(text):
        numerator, denominator = int(match.group("num")), int(match.group("den"))
        if numerator < denominator and denominator in denominators:
            found.append(NumberSpan(match.start(), match.end(), 100 * numerator / denominator, False, 1.0,
                                    match.end(), decimal=True, share=True))
    return found


@lru_cache(maxsize=1)
def range_end_pattern() -> re.Pattern[str]:
    """The second end of a dash range that carries the scale word: "-4 billion", "–8m" is not one (no word)."""
    table = quantity_table()
    return re.compile(
        rf"^\s*[-–—]\s*(?P<num>{DIGITS})(?!\d)(?:(?:\s*-\s*|\s+)(?P<scale>{alternation(list(table['scale_words']))})\b"
        rf"|\s?(?P<abbr>{alternation(list(table['scale_abbreviations']))})(?![A-Za-z]))",
        re.IGNORECASE,
    )


def scaled_range_end(text: str, end: int, first: float) -> tuple[float, float, int] | None:
    """'3-4 billion' after the '3': (scale, upper bound before scaling, end of the scale word); None unless the
    second end is larger than the first (so '2024-5 million' or a score is not read as a range)."""
    match = range_end_pattern().match(text[end:end + 40])
    if match is None:
        return None
    second = parse_digits(match.group("num"))
    if second <= first:
        return None
    table = quantity_table()
    if match.group("scale"):
        scale = {k.lower(): v for k, v in table["scale_words"].items()}[match.group("scale").lower()]
    else:
        abbreviation = match.group("abbr").lower()
        if abbreviation == "k" and text[end + match.start("abbr") - 1].isspace():
            return None  # "50 k" with a space is not a scale (as for single numbers)
        scale = {k.lower(): v for k, v in table["scale_abbreviations"].items()}[abbreviation]
    return scale, second, end + match.end()


@lru_cache(maxsize=1)
def half_unit_pattern() -> re.Pattern[str]:
    """'half a mile', 'half an hour', 'half a tonne': half of one unit (the unit is read by figures.py)."""
    table = quantity_table()
    units = [u for u in [*table["unit_words"], *table["percentage_point_words"]] if not u.endswith("s")]
    return re.compile(rf"\b[Hh]alf\s+an?(?=\s+(?:{alternation(units)})\b)")


@lru_cache(maxsize=1)
def fraction_article_pattern() -> re.Pattern[str]:
    """'a third of', 'a quarter of': the article is the count of a fraction word (read as a share by figures.py);
    only before 'of', since 'a third term' and 'a quarter century' are no shares."""
    singular = [w for w in quantity_table()["fraction_words"] if not w.endswith("s")]
    return re.compile(rf"\b[Aa](?=[\s-]+(?:{alternation(singular)})\s+of\b)")
