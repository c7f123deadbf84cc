"""The date grammar: temporal expressions found by regular expressions over plain text, and their ISO values.

Finding is text-only (`find_candidates`); deciding whether a bare number is a year, and the tense that a
weekday or a month without a year is read in, needs the parse and lives in extractors/dates.py.
Values follow ISO 8601 at the precision of the text (`2024`, `2024-10`, `2024-10-31`), intervals as `a/b`,
decades as `1990/1999`, quarters and halves as the months they span (`2023-07/2023-09`, `2024-01/2024-06`), weeks
as ISO weeks (`2023-W27`); seasons, which ISO 8601 has no form for, use the TimeML form (`2021-SP`).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from extractors.common import alternation, load_data

PAST, FUTURE, PRESENT = "past", "future", "present"
PART_MONTHS = {"Q": 3, "H": 6}  # months in a quarter and in a half-year


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_data("temporal.json")


@dataclass(frozen=True, slots=True)
class Calendar:
    """A calendar point at year, month or day precision; year None until resolved against an anchor."""

    year: int | None
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def with_year(self, year: int) -> Calendar:
        return Calendar(year, self.month, self.day)

    def valid(self) -> bool:
        if self.month is None:
            return True
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        try:
            date(self.year or 2000, self.month, self.day)  # 2000 is a leap year: 29 February passes
        except ValueError:
            return False
        return True

    def key(self) -> tuple[int, int, int]:
        """Sort key of the point's first day."""
        return (self.year or 0, self.month or 1, self.day or 1)


@dataclass(slots=True)
class Candidate:
    """A span of text the grammar reads as a temporal expression, before it is resolved."""

    start: int
    end: int
    kind: str  # calendar | range | year | value | weekday | deictic | relative | ago | anaphoric | season | ...
    cal: Calendar | None = None  # calendar, year: the point (year may be missing)
    cal_end: Calendar | None = None  # range: the end point
    value: str | None = None  # value: a value the text fixes by itself (decades, year ranges)
    data: dict = field(default_factory=dict)  # what the kind's resolver needs: unit, shift, weekday, ...
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # month/weekday words, for the parse checks


@dataclass(frozen=True, slots=True)
class Resolved:
    value: str | None
    relative: bool
    cal: Calendar | None = None  # the point, where the value is one: anchor for "the previous year"


# ---------------------------------------------------------------------------------------------------------
# Patterns


def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    month = alternation([m for m in lex["months"] if len(m) > 3 or m == "may"], any_space=True)
    month_abbr = alternation([m for m in lex["months"] if len(m) <= 4 and m != "may"], any_space=True)
    any_month = rf"(?:{month}|(?:{month_abbr})\.?)"
    full_month = alternation([m for m in lex["months"] if len(m) > 4 or m in {"may", "june", "july"}], any_space=True)
    weekday = alternation(lex["weekdays"], any_space=True)
    season = alternation(lex["seasons"], any_space=True)
    day_part = alternation(lex["day_parts"], any_space=True)
    numbers = alternation(lex["number_words"], any_space=True)
    ordinals = alternation(lex["ordinals"], any_space=True)
    decade_words = alternation(lex["decade_words"], any_space=True)
    holidays = alternation(lex["holidays"], any_space=True)
    day = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    year = r"(?:1\d{3}|20\d{2})(?![\d%])"
    dash = r"\s*[-–—]\s*"
    to = rf"(?:{dash}|\s+(?:to|and|until|till|through|thru)\s+)"
    opt_weekday = rf"(?:(?P<wd>{weekday}),?\s+(?:the\s+)?)?"
    edge = r"(?<![\w/.@#-])"
    position = (r"(?:(?P<pos>early|mid|late|pre|post|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
                r"|the\s+middle\s+of)[- ]\s*)?")
    year_of = rf"(?P<y0>{year})['’]s\s+|(?P<rel0>this|last|next)\s+year['’]s\s+"  # '2023's', 'last year's'
    unit = r"(?:day|week|month|year|decade|quarter|weekend)"
    spoken = lex["spoken_year_words"]
    units, teens, tens = (alternation(spoken[k], any_space=True) for k in ("units", "teens", "tens"))
    centuries = alternation(spoken["centuries"], any_space=True)
    movable_holidays = alternation(lex["movable_holidays"], any_space=True)
    below_hundred = rf"(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|oh[\s-]+(?:{units}))"
    spoken_text = (rf"(?:(?:{centuries})[\s-]+{below_hundred}|two\s+thousand(?:(?:\s+and)?[\s-]+(?:{teens}"
                   rf"|(?:{tens})(?:[\s-]+(?:{units}))?|{units}))?)(?![\w-])")
    day_words = alternation(lex["day_ordinal_words"], any_space=True).replace(r"\s+", r"[\s-]+")
    raw = {
        "iso": rf"{edge}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T[\d:.]+Z?)?(?![\w/-])",
        "numeric": rf"{edge}(?P<a>\d{{1,2}})(?P<sep>[./])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})(?![\w/]|\.\d)",
        "day_month_year": rf"{opt_weekday}(?P<d>{day})(?:\s+of)?\s+(?P<m>{any_month}),?\s+(?P<y>{year})",
        "month_day_year": rf"{opt_weekday}(?P<m>{any_month})\s+(?P<d>{day}),?\s+(?P<y>{year})",
        "day_range": rf"(?P<d1>{day}){to}(?P<d2>{day})(?:\s+of)?\s+(?P<m>{any_month})(?:,?\s+(?P<y>{year}))?",
        "month_day_range": rf"(?P<m>{any_month})\s+(?P<d1>{day}){to}(?P<d2>{day})(?:,?\s+(?P<y>{year}))?",
        "day_month": rf"{opt_weekday}(?P<d>{day})(?:\s+of)?\s+(?P<m>{any_month})(?![\w])",
        "month_day": rf"{opt_weekday}(?P<m>{any_month})\s+(?:the\s+)?(?P<d>{day})(?![\w,.]\d|\s*(?:%|,\d|\.\d))",
        "month_year": rf"{position}(?P<m>{any_month}),?\s+(?:of\s+)?(?:(?P<y>{year})|(?P<sy>{spoken_text}))",
        "month_day_words": rf"{opt_weekday}(?P<m>{full_month})\s+(?:the\s+)?(?P<d>{day_words})(?![\w-])"
        rf"(?:,?\s+(?:(?P<y>{year})|(?P<sy>{spoken_text})))?",
        "day_words_month": rf"{opt_weekday}the\s+(?P<d>{day_words})\s+of\s+(?P<m>{full_month})"
        rf"(?:,?\s+(?:(?P<y>{year})|(?P<sy>{spoken_text})))?(?![\w-])",
        "month": rf"{position}(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<m>{full_month})"
        r"(?:,?\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year(?![\w'’-]))?(?![\w'’-])",
        "weekday": rf"(?:(?P<rel>last|this|next|this\s+past|this\s+coming)\s+)?(?P<w>{weekday})(?!s\b|\w)"
        rf"(?:\s+(?P<part>{day_part})(?!\w))?",
        "season_year": rf"{position}(?:the\s+)?(?P<s>{season})(?:\s+of)?\s+(?:(?P<y>{year})|(?P<sy>{spoken_text}))",
        "season_the": rf"\b(?:in|during|over|by|until|since|through)\s+(?P<the>the\s+(?P<s>{season}))(?![\w-]|\s+of\b)",
        "season_relative": rf"(?P<rel>last|this|next|this\s+past|this\s+coming)\s+(?P<s>{season})(?!\w)",
        "quarter": rf"(?:{year_of}|the\s+(?:(?P<yq>{year})\s+(?:fiscal\s+)?)?)?(?P<q>{ordinals})[- ]quarter(?!s)"
        rf"(?:(?:\s+of)?,?\s+(?:fiscal\s+)?(?P<y>{year})|\s+of\s+(?P<rel>this|last|next)\s+year)?",
        "quarter_code": rf"{edge}Q(?P<q>[1-4])(?:\s*(?P<y>{year}))?(?!\w)",
        "quarter_relative": r"(?P<rel>last|this|next|the\s+current|the\s+previous)\s+quarter(?!\w)",
        "half": rf"(?:the\s+)?(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<y>{year})|(?P<rel>this|last|next)\s+year"
        r"|(?P<the>the|that)\s+year)",
        "half_adjective": rf"(?:{year_of})?(?P<h>first|second)-half"
        r"(?![\w-])",
        "weekend": r"the\s+weekend(?![\w'’])",
        "half_code": rf"{edge}H(?P<h>[12])\s*(?P<y>{year})(?!\w)",
        "decade": rf"(?:the\s+)?{position}(?P<c>1\d|20)(?P<x>\d)0['’]?s(?!\w)",
        "decade_short": rf"(?:the\s+)?{position}['’](?P<x>\d)0s(?!\w)",
        "decade_word": rf"the\s+{position}(?P<w>{decade_words})(?!\w)",
        "year_range": rf"{edge}(?:(?P<fy>FY|fiscal\s+(?:year\s+)?)\s?)?(?P<y1>{year}){dash}(?P<y2>\d{{4}}|\d{{2}})"
        r"(?![\w%/]|[-.,]\d)",
        "year_slash": rf"{edge}(?:(?P<fy>FY|fiscal\s+(?:year\s+)?)\s?)?(?P<y1>{year})/(?P<y2>\d{{4}}|\d{{2}})"
        r"(?![\w%/]|[-.,]\d)",
        "fiscal_year": rf"{edge}(?P<fy>FY|fiscal\s+(?:year\s+)?)\s?(?P<y>{year})(?![\w%/]|[.,]\d)",
        "year": rf"(?<![\w$€£¥/.,#+@-]){position}(?P<y>{year})(?![\w%/]|[.,]\d|[-–]\d)",
        "spoken_year": rf"(?<![\w-])(?:(?P<c>{centuries})[\s-]+(?P<yy>{below_hundred})"
        rf"|(?P<thousand>two\s+thousand)(?:(?:\s+and)?[\s-]+(?P<yy2>{teens}|(?:{tens})(?:[\s-]+(?:{units}))?|{units}))?)"
        r"(?![\w-])",
        "movable_holiday": rf"(?:(?P<rel>last|this|next)\s+)?(?P<hol>{movable_holidays})"
        rf"(?:,?\s+(?P<y>{year}))?(?![\w'’])",
        "holiday": rf"(?P<hol>{holidays})(?:,?\s+(?P<y>{year}))?(?![\w'’])",
        "unit_edge": rf"{position}the\s+(?P<u>week|month|year)(?![\w'’-])",
        "deictic": r"(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow"
        rf"|tonight|this\s+(?:{day_part})|last\s+night)(?!\w)(?:\s+(?P<part>{day_part})(?!\w))?",
        "relative": rf"{position}(?:(?P<edge>earlier|later)\s+)?(?P<rel>last|this|next|this\s+past|this\s+coming)\s+"
        rf"(?P<u>{unit})(?![\w-])",
        "ago": rf"(?P<n>\d{{1,3}}|{numbers})\s+(?P<u>{unit})s?\s+(?P<dir>ago|from\s+now|earlier|later)(?!\w)"
        r"(?:\s+(?P<at>today|this\s+week|this\s+month)(?!\w))?",
        "anaphoric": r"(?:(?:the\s+)?(?P<rel>previous|preceding|following|next|same|subsequent|prior)|(?P<that>that))"
        r"\s+(?P<u>day|week|month|year)(?![\w-])",
        "anaphoric_weekday": rf"the\s+(?P<rel>previous|preceding|prior|following)\s+(?P<w>{weekday})(?!s\b|\w)",
        "anaphoric_after": r"the\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after|earlier|later)(?=\s*[,.;:)]|\s*$)",
    }
    # Every expression starts at the start of a word: saying so first lets the engine skip the inside of words
    # at once, instead of trying each pattern's optional openings there (about three times faster on prose).
    return {name: re.compile(rf"(?<!\w)(?:{pattern})", re.IGNORECASE) for name, pattern in raw.items()}


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    return _patterns()


def month_number(word: str) -> int:
    return lexicon()["months"][word.lower().rstrip(".")]


def day_number(word: str) -> int:
    """'4', '4th', or in words as transcripts write it: 'fourth', 'twenty-first'."""
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    return lexicon()["day_ordinal_words"][re.sub(r"[\s-]+", " ", word.lower())]


def given_year(groups: dict) -> int | None:
    """The year a pattern matched, in digits ('1997') or in words ('nineteen eighty-two'), else None."""
    if groups.get("y"):
        return int(groups["y"])
    if groups.get("sy"):
        match = patterns()["spoken_year"].fullmatch(groups["sy"])
        return spoken_year(match.groupdict()) if match else None
    return None


def number_value(word: str) -> int:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else lexicon()["number_words"][word]


def full_year(first: int, second: str) -> int:
    """The end year of '2012-13' or '1998-2001' ('2019-17' gives 2017: no range, as a law's number should not)."""
    if len(second) == 4:
        return int(second)
    return first - first % 100 + int(second)


def is_capitalised(text: str) -> bool:
    return text[:1].isupper()


# ---------------------------------------------------------------------------------------------------------
# Finding


def _candidate(name: str, match: re.Match[str]) -> Candidate | None:
    """The candidate a pattern's match stands for, or None where the match is no date after all."""
    g = match.groupdict()
    names: list[tuple[int, int]] = []
    if g.get("m") and g["m"][0].isalpha():
        if not is_capitalised(g["m"]):
            return None
        names.append(match.span("m"))
    if g.get("w") and name == "weekday":
        if not is_capitalised(g["w"]):
            return None
        names.append(match.span("w"))
    reader = CANDIDATE_READERS.get(name)
    return reader(name, match, g, names) if reader is not None else None


def _spaced_lower(word: str) -> str:
    """A matched word in lower case, its runs of whitespace one space: 'This  past' -> 'this past'."""
    return re.sub(r"\s+", " ", word.lower())


def _numeric_calendar(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'2023-05-04' (iso), '4.5.2023', '5/4/2023', '11/02/89' (numeric)."""
    if name == "iso":
        cal = Calendar(int(g["y"]), int(g["m"]), int(g["d"]))
        return Candidate(match.start(), match.end(), "calendar", cal=cal) if cal.valid() else None
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    if len(g["y"]) == 2:  # '11/02/89' in a dateline
        if g["sep"] != "/":
            return None
        y += 1900 if y > 40 else 2000
    if not 1800 <= y <= 2099:
        return None
    # d.m.yyyy is European; with slashes the order is US unless the first number cannot be a month
    day_, month_ = (a, b) if g["sep"] == "." or a > 12 else (b, a)
    cal = Calendar(y, month_, day_)
    return Candidate(match.start(), match.end(), "calendar", cal=cal) if cal.valid() else None


def _day_of_month(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'4 May 2023', 'May 4, 2023', '4 May', 'May 4' (with an optional weekday before)."""
    cal = Calendar(given_year(g), month_number(g["m"]), day_number(g["d"]))
    if not cal.valid():
        return None
    data = {"weekday": lexicon()["weekdays"][g["wd"].lower()]} if g.get("wd") else {}
    if not g["d"][:1].isdigit():
        data["day_span"] = match.span("d")  # a day in words, which may be an ordinal of a noun: 'May second place'
    return Candidate(match.start(), match.end(), "calendar", cal=cal, name_spans=names, data=data)


def _day_range(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'4-6 May 2023', 'May 4 to 6'."""
    y = int(g["y"]) if g.get("y") else None
    first = Calendar(y, month_number(g["m"]), day_number(g["d1"]))
    last = Calendar(y, month_number(g["m"]), day_number(g["d2"]))
    if not (first.valid() and last.valid()) or first.day >= last.day:
        return None
    return Candidate(match.start(), match.end(), "range", cal=first, cal_end=last, name_spans=names)


def _month(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'May 2023' (month_year); 'last May', 'early June', 'June last year' (month)."""
    start, end = match.start(), match.end()
    if name == "month_year":
        return Candidate(start, end, "calendar", cal=Calendar(given_year(g), month_number(g["m"])), name_spans=names)
    rel = _spaced_lower(g.get("rel") or "")
    data = {"rel": rel, "pos": bool(g.get("pos"))}
    if g.get("yrel"):  # 'June last year', 'May of next year': the month of a year named relatively
        data["year_shift"] = YEAR_SHIFTS[g["yrel"].lower()]
    return Candidate(start, end, "month", cal=Calendar(None, month_number(g["m"])), data=data, name_spans=names)


def _weekday(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'Tuesday', 'last Friday', 'Monday morning'."""
    rel = _spaced_lower(g.get("rel") or "")
    return Candidate(match.start(), match.end(), "weekday",
                     data={"weekday": lexicon()["weekdays"][g["w"].lower()], "rel": rel}, name_spans=names)


def _season(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'spring 2023' (season_year), 'in the summer' (season_the), 'last winter' (season_relative)."""
    start, end = match.start(), match.end()
    season_ = lexicon()["seasons"][g["s"].lower()]
    if name == "season_year":
        return Candidate(start, end, "value", value=f"{given_year(g):04d}-{season_}")
    if name == "season_the":
        if not g["s"].islower():
            return None  # 'the Arab Spring'
        return Candidate(match.start("the"), end, "season", data={"season": season_, "rel": ""})
    return Candidate(start, end, "season", data={"season": season_, "rel": _spaced_lower(g["rel"])})


def _quarter(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'the third quarter of 2023', 'Q3 2023' (quarter, quarter_code); 'last quarter' (quarter_relative)."""
    if name == "quarter_relative":
        rel = _spaced_lower(g["rel"]).replace("the ", "")
        return Candidate(match.start(), match.end(), "relative", data={"unit": "quarter", "rel": rel})
    if name == "quarter_code" and not match.group().startswith("Q"):
        return None
    number = int(g["q"]) if g["q"].isdigit() else lexicon()["ordinals"][g["q"].lower()]
    return _part(match.start(), match.end(), "Q", number, g)


def _half(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'the first half of 2023', 'H1 2023', 'second-half', 'the second half of that year'."""
    if name == "half_code" and not match.group().startswith("H"):
        return None
    number = 1 if g["h"].lower() in {"1", "first", "1st"} else 2
    if g.get("the"):
        return Candidate(match.start(), match.end(), "anaphoric",
                         data={"unit": "year", "shift": 0, "part": ("H", number)})
    return _part(match.start(), match.end(), "H", number, g)


def _weekend(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    return Candidate(match.start(), match.end(), "weekend")


def _decade(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'the 1990s', "the '90s", 'the nineties'."""
    if name == "decade":
        first = int(g["c"]) * 100 + int(g["x"]) * 10
    elif name == "decade_short":
        first = 1900 + int(g["x"]) * 10 if g["x"] != "0" else 2000
    else:
        first = 1900 + lexicon()["decade_words"][g["w"].lower()]
    return Candidate(match.start(), match.end(), "value", value=f"{first}/{first + 9}")


def _year_range(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'2019-2021', '2012-13', 'FY2019/20'."""
    first = int(g["y1"])
    last = full_year(first, g["y2"])
    gap = last - first
    if not 1800 <= first <= 2099 or gap <= 0 or gap > 100:
        return None
    # '2019/2020' and '2012/13' are (fiscal) years; '2014/2018' is not a way to write a span
    if name == "year_slash" and gap != 1:
        return None
    return Candidate(match.start(), match.end(), "year_range", cal=Calendar(first), cal_end=Calendar(last),
                     data={"fiscal": bool(g.get("fy")), "short": len(g["y2"]) == 2})


def _year(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'FY2023' (fiscal_year), '2023', 'early 2023' (year), 'nineteen ninety-one' (spoken_year)."""
    start, end = match.start(), match.end()
    if name == "fiscal_year":
        return Candidate(start, end, "value", value=f"{int(g['y']):04d}")
    if name == "year":
        value = int(g["y"])
        if not 1800 <= value <= 2099:
            return None
        return Candidate(start, end, "year", cal=Calendar(value), data={"pos": bool(g.get("pos"))})
    year = spoken_year(g)
    if year is None or not 1800 <= year <= 2099:
        return None
    return Candidate(start, end, "year", cal=Calendar(year), data={"pos": False, "spoken": True})


def _holiday(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'Christmas 2023' (holiday, a fixed day); 'Easter', 'last Thanksgiving' (movable_holiday, a rule)."""
    start, end = match.start(), match.end()
    if name == "holiday":
        month_, day_ = lexicon()["holidays"][_spaced_lower(g["hol"])]
        if not is_capitalised(g["hol"]):
            return None
        return Candidate(start, end, "calendar", cal=Calendar(int(g["y"]) if g.get("y") else None, month_, day_))
    if not is_capitalised(g["hol"]):
        return None
    rule = lexicon()["movable_holidays"][_spaced_lower(g["hol"])]
    if g.get("y"):
        day = nth_weekday(int(g["y"]), *rule)
        return Candidate(start, end, "calendar", cal=Calendar(day.year, day.month, day.day))
    return Candidate(start, end, "movable", data={"rule": rule, "rel": (g.get("rel") or "").lower()})


def _relative(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'the end of the year' (unit_edge), 'yesterday', 'tonight' (deictic), 'next month', 'later this week'
    (relative)."""
    start, end = match.start(), match.end()
    if name == "unit_edge":
        if not g.get("pos"):
            return None  # 'the year' alone names no particular year; 'the end of the year' is this one's end
        return Candidate(start, end, "relative", data={"unit": g["u"].lower(), "rel": "this"})
    if name == "deictic":
        shift = lexicon()["deictic_shifts"].get(_spaced_lower(g["w"]), 0)
        return Candidate(start, end, "deictic", data={"shift": shift})
    return Candidate(start, end, "relative", data={"unit": g["u"].lower(), "rel": _spaced_lower(g["rel"])})


def _ago(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'three years ago', 'two weeks from now', 'a year ago today' (ago); 'two days later' (anaphoric)."""
    direction = _spaced_lower(g["dir"])
    count = number_value(g["n"])
    sign = -1 if direction in {"ago", "earlier"} else 1
    kind = "ago" if direction in {"ago", "from now"} else "anaphoric"
    unit_word = g["u"].lower()
    if unit_word == "decade":
        unit_word, count = "year", count * 10
    if unit_word in {"quarter", "weekend"}:
        return None
    data = {"unit": unit_word, "shift": sign * count, "keep": True}
    if g.get("at") and kind == "ago":  # 'a year ago today': that very day; '... this week': that week
        data["at"] = lexicon()["ago_at_units"][_spaced_lower(g["at"])]
    return Candidate(match.start(), match.end(), kind, data=data)


def _anaphoric(name: str, match: re.Match[str], g: dict, names: list[tuple[int, int]]) -> Candidate | None:
    """'the following week', 'that year' (anaphoric); 'the day before' (anaphoric_after)."""
    if name == "anaphoric_weekday":  # 'the preceding Thursday': the Thursday before the day last named
        if not is_capitalised(g["w"]):
            return None
        rel = g["rel"].lower()
        return Candidate(match.start(), match.end(), "anaphoric", name_spans=[match.span("w")],
                         data={"unit": "weekday", "weekday": lexicon()["weekdays"][g["w"].lower()], "word": rel,
                               "shift": lexicon()["anaphoric_shifts"][rel]})
    if name == "anaphoric_after":
        shift = -1 if g["dir"].lower() in {"before", "earlier"} else 1
        return Candidate(match.start(), match.end(), "anaphoric",
                         data={"unit": g["u"].lower(), "shift": shift, "word": "the"})
    rel = (g.get("rel") or "that").lower()
    shift = lexicon()["anaphoric_shifts"].get(rel, 0)
    return Candidate(match.start(), match.end(), "anaphoric", data={"unit": g["u"].lower(), "shift": shift,
                                                                    "word": rel})


CandidateReader = Callable[[str, re.Match[str], dict, list[tuple[int, int]]], Candidate | None]
# Pattern name -> the function that reads its match (names sharing one reader are told apart inside it).
CANDIDATE_READERS: dict[str, CandidateReader] = {
    "iso": _numeric_calendar, "numeric": _numeric_calendar,
    "day_month_year": _day_of_month, "month_day_year": _day_of_month, "day_month": _day_of_month,
    "month_day": _day_of_month, "month_day_words": _day_of_month, "day_words_month": _day_of_month,
    "day_range": _day_range, "month_day_range": _day_range,
    "month_year": _month, "month": _month,
    "weekday": _weekday,
    "season_year": _season, "season_the": _season, "season_relative": _season,
    "quarter": _quarter, "quarter_code": _quarter, "quarter_relative": _quarter,
    "half": _half, "half_code": _half, "half_adjective": _half,
    "weekend": _weekend,
    "decade": _decade, "decade_short": _decade, "decade_word": _decade,
    "year_range": _year_range, "year_slash": _year_range,
    "fiscal_year": _year, "year": _year, "spoken_year": _year,
    "movable_holiday": _holiday, "holiday": _holiday,
    "unit_edge": _relative, "deictic": _relative, "relative": _relative,
    "ago": _ago,
    "anaphoric": _anaphoric, "anaphoric_after": _anaphoric, "anaphoric_weekday": _anaphoric,
}


def spoken_value(words: str) -> int:
    """'ninety-one' -> 91, 'oh five' -> 5, 'twelve' -> 12."""
    spoken = lexicon()["spoken_year_words"]
    total = 0
    for word in re.split(r"[\s-]+", words.lower()):
        total += spoken["tens"].get(word) or spoken["teens"].get(word) or spoken["units"].get(word) or 0
    return total


def spoken_year(groups: dict) -> int | None:
    if groups.get("thousand"):
        return 2000 + (spoken_value(groups["yy2"]) if groups.get("yy2") else 0)
    return lexicon()["spoken_year_words"]["centuries"][groups["c"].lower()] + spoken_value(groups["yy"])


def part_value(year: int, unit: str, number: int) -> str:
    """A quarter ('Q') or half ('H') of a year as the ISO 8601 interval of its months: Q3 2023 -> 2023-07/2023-09."""
    months = PART_MONTHS[unit]
    first = (number - 1) * months + 1
    return f"{year:04d}-{first:02d}/{year:04d}-{first + months - 1:02d}"


def _part(start: int, end: int, unit: str, number: int, groups: dict) -> Candidate:
    """A quarter or half: of a year the text names ('Q3 2023', '2023's third quarter', 'the 2023 third quarter') or
    of one to resolve."""
    year = groups.get("y") or groups.get("y0") or groups.get("yq")
    if year:
        return Candidate(start, end, "value", value=part_value(int(year), unit, number))
    rel = (groups.get("rel") or groups.get("rel0") or "").lower()
    return Candidate(start, end, "part", data={"unit": unit, "n": number, "rel": rel})


def find_candidates(text: str) -> list[Candidate]:
    """Every non-overlapping temporal expression the grammar reads in text; the longest span wins."""
    found: list[tuple[int, int, Candidate]] = []
    for rank, (name, pattern) in enumerate(patterns().items()):
        for match in pattern.finditer(text):
            if match.end() == match.start():
                continue
            candidate = _candidate(name, match)
            if candidate is not None:
                found.append((rank, candidate.end - candidate.start, candidate))
    found.sort(key=lambda item: (-item[1], item[0], item[2].start))
    chosen: list[Candidate] = []  # kept sorted by start; chosen spans never overlap
    starts: list[int] = []
    for _, _, candidate in found:
        i = bisect.bisect_left(starts, candidate.start)
        if i < len(chosen) and chosen[i].start < candidate.end:
            continue
        if i > 0 and chosen[i - 1].end > candidate.start:
            continue
        chosen.insert(i, candidate)
        starts.insert(i, candidate.start)
    return chosen


RANGE_OPENERS = re.compile(r"(?:\b(?P<word>between|from)\s+(?:the\s+)?)$", re.IGNORECASE)
RANGE_JOINERS = re.compile(r"^\s*(?:(?P<dash>[-–—])|(?P<word>and|to|until|till|through|thru))\s*(?:the\s+)?$",
                           re.IGNORECASE)


def merge_ranges(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """'between A and B', 'from A to B', 'A – B' over two calendar points become one interval."""
    merged: list[Candidate] = []
    i = 0
    while i < len(candidates):
        first = candidates[i]
        if i + 1 < len(candidates):
            second = candidates[i + 1]
            joined = _join(text, first, second)
            if joined is not None:
                merged.append(joined)
                i += 2
                continue
        merged.append(first)
        i += 1
    return merged


def is_point(candidate: Candidate) -> bool:
    """A calendar point that can open or close a range: '3 May 2018', '2011', 'May' (without 'last')."""
    if candidate.kind == "month":
        return not candidate.data.get("rel") and not candidate.data.get("pos")
    return candidate.kind in {"calendar", "year"}


def _join(text: str, first: Candidate, second: Candidate) -> Candidate | None:
    if not (is_point(first) and is_point(second)):
        return None
    joiner = RANGE_JOINERS.match(text[first.end:second.start])
    if not joiner:
        return None
    opener = RANGE_OPENERS.search(text[max(0, first.start - 14):first.start])
    word = (joiner.group("word") or "").lower()
    if opener:
        if (opener.group("word").lower() == "between") != (word == "and"):
            return None
    elif not joiner.group("dash"):
        return None  # 'in 2014 and 2018' are two dates
    a, b = first.cal, second.cal
    if a.year is None and b.year is not None:
        a = a.with_year(b.year)
        if a.key() > b.key():
            a = a.with_year(b.year - 1)
    if a.year is not None and b.year is None and (b.month is None or a.month is None):
        return None
    if a.year is not None and b.year is not None and a.key() >= b.key():
        return None
    start = opener.start() + max(0, first.start - 14) if opener else first.start
    return Candidate(start, second.end, "range", cal=a, cal_end=b, name_spans=first.name_spans + second.name_spans,
                     data={"joined": True})


# ---------------------------------------------------------------------------------------------------------
# Resolving


def week_value(day: date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def parse_published(published: str | None) -> date | None:
    if not published:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(published))
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


def shifted(anchor: Calendar | date, unit: str, shift: int) -> Resolved | None:
    """anchor moved by shift units, at the unit's precision."""
    if isinstance(anchor, date):
        y, m, d = anchor.year, anchor.month, anchor.day
    else:
        y, m, d = anchor.year, anchor.month, anchor.day
    if y is None:
        return None
    if unit == "year":
        return Resolved(f"{y + shift:04d}", True, Calendar(y + shift))
    if unit == "decade":
        first = (y // 10 + shift) * 10
        return Resolved(f"{first}/{first + 9}", True)
    if unit == "month":
        if m is None:
            return None
        ny, nm = add_months(y, m, shift)
        return Resolved(f"{ny:04d}-{nm:02d}", True, Calendar(ny, nm))
    if unit == "quarter":
        if m is None:
            return None
        index = y * 4 + (m - 1) // 3 + shift
        return Resolved(part_value(index // 4, "Q", index % 4 + 1), True)
    if m is None or d is None:
        return None
    if unit in {"week", "weekend"}:
        suffix = "-WE" if unit == "weekend" else ""
        return Resolved(week_value(date(y, m, d) + timedelta(weeks=shift)) + suffix, True)
    if unit == "day":
        day = date(y, m, d) + timedelta(days=shift)
        return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))
    return None


def calendar_day(year: int, month: int, day: int) -> date:
    """The date, with 29 February in a common year read as the 28th (a year is being guessed, not given)."""
    try:
        return date(year, month, day)
    except ValueError:
        return date(year, month, day - 1)


def leap_year_for(today: date, tense: str | None) -> int:
    """A leap day without a year: the last leap day before publication, or the next one where the text looks
    ahead."""
    past = next(y for y in range(today.year, today.year - 8, -1) if calendar.isleap(y) and date(y, 2, 29) <= today)
    future = next(y for y in range(today.year, today.year + 8) if calendar.isleap(y) and date(y, 2, 29) >= today)
    return future if tense == FUTURE else past


def year_of_weekday(point: Calendar, today: date, weekday: int) -> int | None:
    """'Thursday, March 7' without a year: the year, next to publication, in which that day is that weekday."""
    for year in sorted(range(today.year - 1, today.year + 2), key=lambda y: abs(y - today.year)):
        try:
            if date(year, point.month, point.day).weekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def year_for(point: Calendar, today: date, tense: str | None) -> int:
    """The year of a month or day named without one: the nearest one before (past) or after (future) today.

    News names a day or month without a year only near the time it reports, so where the tense points to a
    year away while the other reading is within days of publication ('the bid had been due to lapse Dec. 3'
    on 28 November; 'the strike ended Oct. 29' on 2 November), the near reading wins.
    """
    if (point.month, point.day) == (2, 29):
        return leap_year_for(today, tense)
    this = point.with_year(today.year).key()
    now = (today.year, today.month, today.day if point.day else 1)
    past_year = today.year if this <= now else today.year - 1
    future_year = today.year if this >= now else today.year + 1
    days_back = (date(*now) - calendar_day(past_year, *this[1:])).days
    days_ahead = (calendar_day(future_year, *this[1:]) - date(*now)).days
    near = lexicon()["near_days"]["day" if point.day else "month"]
    if tense == PAST and not days_ahead <= near:
        return past_year
    if tense == FUTURE and not days_back <= near:
        return future_year
    return past_year if days_back <= days_ahead else future_year


def resolve(candidate: Candidate, today: date | None, tense: str | None, anchor: Resolved | None) -> Resolved | None:
    """The value of a candidate. today: the publication date; anchor: the date the text last named.

    None means the expression is not a date after all (e.g. an ordinal part with nothing to attach to);
    a Resolved with value None is a relative date that cannot be resolved for want of a publication date.
    """
    kind, data = candidate.kind, candidate.data
    if kind == "value":
        return Resolved(candidate.value, False)
    if kind in {"calendar", "year"}:
        cal = candidate.cal
        if cal.year is not None:
            return Resolved(cal.iso(), False, cal)
        if today is None:
            return Resolved(None, True)
        year = year_of_weekday(cal, today, data["weekday"]) if "weekday" in data else None
        cal = cal.with_year(year or year_for(cal, today, tense))
        return Resolved(cal.iso(), True, cal)
    if kind == "year_range":
        return Resolved(f"{candidate.cal.iso()}/{candidate.cal_end.iso()}", False)
    if kind == "range":
        first, last = candidate.cal, candidate.cal_end
        relative = False
        if last.year is None:
            if today is None:
                return Resolved(None, True)
            last = last.with_year(year_for(last, today, tense))
            relative = True
        if first.year is None:
            first = first.with_year(last.year if first.key()[1:] <= last.key()[1:] else last.year - 1)
        return Resolved(f"{first.iso()}/{last.iso()}", relative)
    if kind == "anaphoric":
        return resolve_anaphoric(data, today, anchor)
    if today is None:
        return Resolved(None, True)
    if kind == "deictic":
        day = today + timedelta(days=data["shift"])
        return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))
    if kind == "ago":
        if anchor is not None:  # 'from $6 million a year ago' in a report on a quarter: that quarter a year back
            return resolve_anaphoric(data, today, anchor)
        if data.get("at") and data["unit"] in {"year", "month", "week"}:
            return at_precision(shifted_day(today, data["unit"], data["shift"]), data["at"])
        return shifted(today, data["unit"], data["shift"])
    if kind == "relative":
        return shifted(today, data["unit"], RELATIVE_SHIFTS.get(data["rel"], 0))
    if kind == "month":
        month = candidate.cal.month
        rel = data.get("rel")
        if "year_shift" in data:
            year = today.year + data["year_shift"]
        elif rel in {"last", "this past"}:
            year = today.year if month < today.month else today.year - 1
        elif rel in {"next", "this coming"}:
            year = today.year if month > today.month else today.year + 1
        elif rel == "this":
            year = today.year
        else:
            year = year_for(candidate.cal, today, tense)
        return Resolved(f"{year:04d}-{month:02d}", True, Calendar(year, month))
    if kind == "weekday":
        day = weekday_date(today, data["weekday"], data.get("rel", ""), tense)
        return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))
    if kind == "movable":
        day = movable_date(today, data["rule"], data["rel"], tense)
        return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))
    if kind == "weekend":
        saturday = weekday_date(today, 5, "", tense)
        if tense == PAST and today.weekday() < 5:
            saturday = today - timedelta(days=today.weekday() + 2)
        return Resolved(week_value(saturday) + "-WE", True)
    if kind == "season":
        season, rel = data["season"], data["rel"]
        year = today.year + {"last": -1, "next": 1}.get(rel, 0)
        if rel == "this past" or not rel and tense == PAST:
            year = today.year if SEASON_START[season] <= today.month else today.year - 1
        elif not rel and tense == FUTURE:
            year = today.year if SEASON_START[season] + 2 >= today.month else today.year + 1
        return Resolved(f"{year:04d}-{season}", True)
    if kind == "part":
        unit, number, rel = data["unit"], data["n"], data.get("rel", "")
        if rel:
            year = today.year + {"last": -1, "next": 1}.get(rel, 0)
        else:
            current = (today.month - 1) // 3 + 1 if unit == "Q" else (today.month - 1) // 6 + 1
            if tense == PAST:  # a quarter still running at publication is not yet spoken of in the past
                year = today.year if number < current else today.year - 1
            elif tense == FUTURE:  # results for the quarter just ended are still to come: 'expects to report Q3'
                year = today.year if number >= current - 1 else today.year + 1
            else:
                year = today.year
        return Resolved(part_value(year, unit, number), True)
    return None


def resolve_anaphoric(data: dict, today: date | None, anchor: Resolved | None) -> Resolved | None:
    """'the previous year', 'that day', 'two years later': a shift from the date the text last named."""
    unit, shift = data["unit"], data["shift"]
    if unit == "weekday":
        base = anchor.cal if anchor is not None and anchor.cal is not None and anchor.cal.day else today
        if base is None:
            return Resolved(None, True)
        start = date(base.year, base.month, base.day)
        gap = (start.weekday() - data["weekday"]) % 7 if shift < 0 else (data["weekday"] - start.weekday()) % 7
        day = start + timedelta(days=shift * (gap or 7))
        return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))
    if anchor is not None and anchor.value and data.get("keep") and unit == "year":
        # 'a year earlier' after 'the third quarter of 1998' is 1997-07/1997-09: keep the anchor's precision
        match = re.fullmatch(r"(\d{4})(-(?:SP|SU|FA|WI|\d{2}(?:-\d{2})?))?", anchor.value)
        if match:
            return Resolved(f"{int(match.group(1)) + shift:04d}{match.group(2) or ''}", True)
        within_year = re.fullmatch(r"(\d{4})(-\d{2})/(\d{4})(-\d{2})", anchor.value)
        if within_year and within_year.group(1) == within_year.group(3):
            year = int(within_year.group(1)) + shift
            return Resolved(f"{year:04d}{within_year.group(2)}/{year:04d}{within_year.group(4)}", True)
    base: Calendar | date | None = anchor.cal if anchor is not None and anchor.cal is not None else today
    if base is None:
        return Resolved(None, True)
    result = shifted(base, unit, shift)
    if result is None and today is not None and base is not today and data.get("word") not in {"same", "that"}:
        result = shifted(today, unit, shift)
    if result is None:
        return None
    if data.get("part"):  # 'the first half of that year'
        unit_letter, number = data["part"]
        return Resolved(part_value(int(result.value[:4]), unit_letter, number), True)
    return result


YEAR_SHIFTS = {"last": -1, "this": 0, "next": 1}


def shifted_day(today: date, unit: str, shift: int) -> date:
    """today moved by whole years, months or weeks, to the day (29 February falls back to the 28th)."""
    if unit == "week":
        return today + timedelta(weeks=shift)
    months = shift * 12 if unit == "year" else shift
    year, month = add_months(today.year, today.month, months)
    next_year, next_month = add_months(year, month, 1)
    last_day = (date(next_year, next_month, 1) - timedelta(days=1)).day
    return date(year, month, min(today.day, last_day))


def at_precision(day: date, precision: str) -> Resolved:
    if precision == "week":
        return Resolved(week_value(day), True)
    if precision == "month":
        return Resolved(f"{day.year:04d}-{day.month:02d}", True, Calendar(day.year, day.month))
    return Resolved(day.isoformat(), True, Calendar(day.year, day.month, day.day))


RELATIVE_SHIFTS = {"last": -1, "this past": -1, "previous": -1, "next": 1, "this coming": 1}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The nth given weekday of a month (n = -1: the last): Thanksgiving is the fourth Thursday of November."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    next_first = date(year + month // 12, month % 12 + 1, 1)
    last = next_first - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def movable_date(today: date, rule: list[int], rel: str, tense: str | None) -> date:
    """'Labor Day', 'next Labor Day': the occurrence the words or the tense point to, else the nearest."""
    days = [nth_weekday(year, *rule) for year in (today.year - 1, today.year, today.year + 1)]
    if rel == "this":
        return days[1]
    if rel == "last":
        return max(d for d in days if d < today)
    if rel == "next":
        return min(d for d in days if d > today)
    before = max(d for d in days if d <= today)
    after = min(d for d in days if d >= today)
    if tense == PAST:
        return before
    if tense == FUTURE:
        return after
    return before if today - before <= after - today else after


def weekday_date(today: date, weekday: int, rel: str, tense: str | None) -> date:
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if rel in {"last", "this past"}:
        return today - timedelta(days=back or 7)
    if rel in {"next", "this coming"}:
        return today + timedelta(days=ahead or 7)
    if rel == "this":
        return today - timedelta(days=today.weekday()) + timedelta(days=weekday)
    if tense == PAST:
        return today - timedelta(days=back)
    if tense in {FUTURE, PRESENT}:
        return today + timedelta(days=ahead)
    return today - timedelta(days=back) if back <= ahead else today + timedelta(days=ahead)



def header_date(text: str, within: int = 600) -> str | None:
    """The first full date (day precision, year given) in the opening lines: a dateline or byline date.

    For readers that want a publication date from the text itself ('12 March 2021' under the title).
    """
    for candidate in find_candidates(text[:within]):
        cal = candidate.cal
        if candidate.kind == "calendar" and cal is not None and cal.year is not None and cal.day is not None:
            return cal.iso()
    return None
