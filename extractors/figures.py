"""Figures: numbers with meaning (percentages, money, counts of things, physical quantities), normalised.

Every number extractors/numbers.py finds is read in its context: a currency before it, a unit, percent sign or
counted noun after it, a qualifier ("more than", "about") before it, a rate ("per year") after it. Numbers that
are years, dates, times of day, ordinals, footnote marks, identifiers (ISSN, report and model numbers), page
numbers, parts of URLs or inside a blocked span (a detected table) are not figures. A figure is linked to the
actor the sentence says it is about: the actor its counted noun names ('four Chinese troops'), the owner of the
noun it measures or the subject of its clause (a person only where the figure is about that person).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from extractors.items import head_form, head_form_of_text, word_lemma
from extractors.nlp import doc_text
from extractors.numbers import DATA_DIR, DIGITS, NumberSpan, alternation, find_numbers, quantity_table
from extractors.positions import Intervals
from extractors.records import Actor, ArticleContext, DateMention, Figure

CURRENCY_SYMBOLS = set("$€£¥₹₽₩₴₺₪")  # glued to a country code they make a currency: 'US$', 'NZ$'
WINDOW = 60  # characters of context read on either side of a number
URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\bdoi:\s*\S+|\b10\.\d{4,}/\S+", re.IGNORECASE)
COUNTED_POS = {"NOUN"}
COUNTED_PLURAL_PROPER = {"NNPS"}  # "12 Allies": a plural proper noun is still a counted thing
RANGE_JOINER = re.compile(r"\s*(?:-|–|—|to|and|or)\s*$", re.IGNORECASE)
CLAUSE_VERBS = {"VERB", "AUX"}
# Dependency relations through which a clause shares the subject of the clause it hangs from.
SUBJECT_SHARING = {"xcomp", "conj"}
PARTICIPLE_TAGS = {"VBG", "VBN"}  # "..., covering 30 per cent of demand": a participle clause shares the subject
# Entity labels of names a number can be part of.
NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "NORP", "GPE", "LOC"}


@lru_cache(maxsize=1)
def cue_table() -> dict[str, Any]:
    """Context cues (extractors/data/figure_cues.json): qualifiers, rates, months, labels, duration nouns."""
    return json.loads((DATA_DIR / "figure_cues.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Reading:
    """What the text right after (and before) a number says it measures."""

    unit: str
    factor: float = 1.0
    per: str | None = None
    end: int = 0  # character offset where the unit's text ends
    kind: str = "count"  # percent | percentage_point | money | physical | scaled_count ("3m people")


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    """Regexes built once from the data tables; each reads text right after or right before a number."""
    table = quantity_table()
    cues = cue_table()
    prefixes = list(table["currency_prefixes"])
    letter_prefixes = [p for p in prefixes if p[0].isalpha()]
    symbol_prefixes = [p for p in prefixes if not p[0].isalpha()]
    codes = table["currency_codes"]
    words_after = list(table["currency_words"])
    return {
        # before the number: "US$", "A$", "€", "USD ", "Rs ", "EUR"
        "currency_before": re.compile(
            rf"(?:(?<![A-Za-z])(?P<letters>{alternation(letter_prefixes + codes)})\s?"
            rf"|(?P<symbol>{alternation(symbol_prefixes)})\s?)$"
        ),
        "money_scale": re.compile(rf"^\s?(?P<scale>{alternation(list(table['money_scale_letters']))})(?![A-Za-z])"),
        "percentage_point": re.compile(
            rf"^\s*(?P<unit>{alternation(list(table['percentage_point_words']))})(?![A-Za-z])", re.IGNORECASE
        ),
        "percent": re.compile(rf"^\s*(?P<unit>{alternation(table['percent_words'])})(?![A-Za-z])", re.IGNORECASE),
        "share_points": re.compile(rf"^\s+(?P<unit>{alternation(table['share_point_words'])})\b", re.IGNORECASE),
        "share_before": re.compile(rf"(?:\d\s?%|\b(?:{alternation(table['percent_words'][1:])}))(?![A-Za-z])",
                                   re.IGNORECASE),
        "currency_after": re.compile(
            rf"^[\s-]*(?:(?P<word>{alternation(words_after)})|(?P<code>{alternation(codes)}))(?![A-Za-z])"
            rf"(?!\s+(?:{alternation(cues['currency_word_blockers'])})\b)",
            re.IGNORECASE,
        ),
        "unit_symbol": re.compile(
            rf"^[\s-]?(?P<unit>{alternation(list(table['unit_symbols']))})(?![A-Za-z0-9²³])"
        ),
        "unit_word": re.compile(rf"^[\s-]*(?P<unit>{alternation(list(table['unit_words']))})\b", re.IGNORECASE),
        # 'per decade since the 1970s' is a rate; 'a year since the war began' is not: blockers follow 'a' only
        "per_unit": re.compile(
            rf"^\s*(?:(?:per|each|every|/)\s*(?P<per>{alternation(list(cues['per_units']))})\b"
            rf"|(?:a|an)\s+(?P<per_a>{alternation(list(cues['per_units']))})\b"
            rf"(?!\s+(?:{alternation(cues['per_blockers'])})\b))",
            re.IGNORECASE,
        ),
        "per_adverb": re.compile(
            rf"^\s*,?\s*(?P<per>{alternation(list(cues['per_adverbs']))})\b"
            rf"(?!\s+(?:{alternation(cues['per_blockers'])})\b)",
            re.IGNORECASE,
        ),
        "qualifier_before": re.compile(
            rf"(?:(?<![A-Za-z])|(?<=~))(?P<q>{alternation(list(cues['qualifiers_before']))})\s*$", re.IGNORECASE
        ),
        "qualifier_after": re.compile(
            rf"^\s*(?P<q>{alternation(list(cues['qualifiers_after']))})(?![A-Za-z0-9])", re.IGNORECASE
        ),
        "time_after": re.compile(rf"^\s?(?:{alternation(cues['time_suffixes'])})(?![A-Za-z])", re.IGNORECASE),
        "not_figure_after": re.compile(rf"^[\s-]*(?:{alternation(cues['not_figure_after'])})\b", re.IGNORECASE),
        # months are capitalised in English: "5 may be deployed" is not a date
        "month": re.compile(rf"\b(?:{alternation([m.title() for m in cues['months']])})\b\.?"),
        "hyphen_range": re.compile(rf"^\s*[-–—]\s*(?P<num>{DIGITS})(?![\d.,])"),
    }


# --- reading the unit -------------------------------------------------------------------------------------------


def read_currency_before(text: str, start: int) -> tuple[str, int] | None:
    """'US$4.7' -> ('USD', offset of 'US$'); 'USD 2.5bn' -> ('USD', ...)."""
    window = text[max(0, start - 8):start]
    match = patterns()["currency_before"].search(window)
    if not match:
        return None
    table = quantity_table()
    found = match.group("letters") or match.group("symbol")
    code = table["currency_prefixes"].get(found) or (found if found in table["currency_codes"] else None)
    if code is None:
        return None
    return code, start - len(window) + match.start()


def read_per(text: str, end: int) -> tuple[str | None, int]:
    """The rate's denominator after a unit: 'per year', 'a year', 'annually', '/yr'."""
    cues = cue_table()
    after = text[end:end + WINDOW]
    match = patterns()["per_unit"].match(after)
    if match:
        return cues["per_units"][(match.group("per") or match.group("per_a")).lower()], end + match.end()
    # "150 billion cubic metres of Russian pipeline gas per year": the rate follows what is measured
    measured = re.match(r"\s+of\s+(?:[\w-]+\s+){0,3}[\w-]+(?=\s+(?:per|a|an|each|every)\s)", after)
    if measured:
        match = patterns()["per_unit"].match(after[measured.end():])
        unit = (match.group("per") or match.group("per_a")).lower() if match else ""
        if unit in {"year", "annum", "decade", "month", "week", "day"}:
            return cues["per_units"][unit], end + measured.end() + match.end()
    match = patterns()["per_adverb"].match(after)
    if match:
        return cues["per_adverbs"][match.group("per").lower()], end + match.end()
    return None, end


def clause_rate(anchor: Token) -> str | None:
    """The rate the figure's clause states away from the number: 'US$4 billion of trade passes through the strait
    each year', 'pays EUR 40 million to farmers annually', 'exports 5 million tonnes per annum'."""
    cues = cue_table()
    single_adverbs = {k: v for k, v in cues["per_adverbs"].items() if " " not in k}
    token = anchor
    for _ in range(8):
        for child in token.children:
            word = child.lower_
            if child.dep_ in {"npadvmod", "advmod", "pobj"} and word in cues["per_units"] and any(
                    d.dep_ == "det" and d.lower_ in cues["rate_determiners"] for d in child.children) and not any(
                    c.lower_ in cues["per_blockers"] for c in child.head.children if c.dep_ == "advmod"):
                return cues["per_units"][word]
            if child.dep_ == "advmod" and word in single_adverbs:
                return single_adverbs[word]
            if child.dep_ == "prep" and word == "per":
                unit = next((c.lower_ for c in child.children if c.dep_ == "pobj"), "")
                if unit in cues["per_units"]:
                    return cues["per_units"][unit]
        if token.pos_ in CLAUSE_VERBS or token.head is token:
            return None
        token = token.head
    return None


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `start` begins, read from the text alone: after the last stop or semicolon
    followed by a space, or the last line break."""
    ends = [m.end() for m in re.finditer(r"[.!?;](?=\s)|\n", text[max(0, start - 400):start])]
    return max(0, start - 400) + ends[-1] if ends else max(0, start - 400)


def read_unit(text: str, number: NumberSpan, currency: str | None) -> Reading | None:
    """The unit written right after the number, or the currency written before it; None for a bare number."""
    table = quantity_table()
    p = patterns()
    end = number.end
    if number.share:
        return Reading("percent", 1.0, None, end, "percent")  # "3/4 of": numbers.py gives the share in percent
    after = text[end:end + WINDOW]
    factor = 1.0
    if currency is not None:
        if number.scale == 1.0:
            scale = p["money_scale"].match(after)
            if scale:
                factor = table["money_scale_letters"][scale.group("scale")]
                end += scale.end()
                after = text[end:end + WINDOW]
        repeated = p["currency_after"].match(after)
        if repeated and repeated.group("code") == currency:
            end += repeated.end()  # "$5bn USD"
        per, end = read_per(text, end)
        return Reading(currency, factor, per, end, "money")
    match = p["percentage_point"].match(after)
    # "3pp" is percentage points, "120 pp." the pages of a book
    if match and not (match.group("unit").lower() == "pp" and after[match.end():match.end() + 1] == "."):
        unit_factor = table["percentage_point_words"][match.group("unit").lower()]
        return Reading("percentage_point", unit_factor, None, end + match.end(), "percentage_point")
    match = p["percent"].match(after)
    if match:
        per, unit_end = read_per(text, end + match.end())
        return Reading("percent", 1.0, per, unit_end, "percent")
    match = p["share_points"].match(after)
    if match and p["share_before"].search(text[sentence_start(text, number.start):number.start]):
        return Reading("percentage_point", 1.0, None, end + match.end(), "percentage_point")  # "41%, down 3 points"
    match = p["currency_after"].match(after)
    if match:
        if match.group("word"):
            code = table["currency_words"][match.group("word").lower()]
        else:
            code = match.group("code")
            if code not in table["currency_codes"]:
                return None  # a lower-case "usd" is not the ISO code
        if not (code == "GBP" and re.match(r"\s+of\b", after[match.end():])):  # "500 pounds of explosives"
            per, unit_end = read_per(text, end + match.end())
            return Reading(code, 1.0, per, unit_end, "money")
    for key, source in (("unit_symbol", "unit_symbols"), ("unit_word", "unit_words")):
        match = p[key].match(after)
        if not match:
            continue
        surface = match.group("unit")
        unit, unit_factor, per = table[source].get(surface) or table[source][surface.lower()]
        if surface == "m" and re.match(r"\s*[a-z]", after[match.end():]) and not re.match(
            r"\s*(?:high|long|wide|deep|tall|above|below|away|from|in|to|and|or|at)\b", after[match.end():]
        ):
            # "3m people": the letter is a scale, the figure a count; "3m litres": a scale before a unit
            scaled = read_unit(text, replace(number, end=end + match.end(), scale=1e6), None)
            if scaled is not None and scaled.kind != "scaled_count":
                return replace(scaled, factor=scaled.factor * 1e6)
            return Reading("count", 1e6, None, end + match.end(), "scaled_count")
        unit_end = end + match.end()
        if per is None:
            per, unit_end = read_per(text, unit_end)
        return Reading(unit, unit_factor, per, unit_end, "physical")
    return None


# --- what is not a figure ---------------------------------------------------------------------------------------


def is_glued(text: str, number: NumberSpan, reading: Reading | None) -> bool:
    """The number continues into letters, another number or an identifier it is part of."""
    end = number.end
    if reading is not None and reading.end > end and not text[end:reading.end].isspace():
        return False  # the letters are its unit: "10km", "2.5bn", "£3m"
    following = text[end:end + 2]
    if following[:1].isalpha():
        return True  # "2nd", "1990s", "5G", "2.15pm"
    if re.match(r"[/:(][\dA-Za-z]", following) or re.match(r"[.,]\d", following):
        return True  # "209/2024", "10:30", "7/2023", "62(3)"
    if re.match(r"\s?[-–—]\s?\d", text[end:end + 4]):
        return True  # "45–67", "2657-6996": a page range, score or identifier (with a unit it is a range)
    if re.match(r"-[A-Za-z]", following):
        return not re.match(r"-strong\b", text[end:end + 8])  # "two-day", "30-year-old"; "5,000-strong" is a count
    if re.match(r"\s?\]", following) and text[max(0, number.start - 1):number.start] == "[":
        return True  # footnote mark "[2]"
    return False


def numbers_in_rows(text: str, numbers: list[NumberSpan]) -> set[int]:
    """Starts of numbers in a run of three or more separated only by spaces or '%': a table row arriving as text
    ('Poland 12 34 56', 'Germany 2.1% 1.5% 1.6%')."""
    in_rows: set[int] = set()
    run: list[NumberSpan] = []
    for number in numbers:
        if run and re.fullmatch(r"%?[ \t]+[-−]?", text[run[-1].end:number.start]):
            run.append(number)
            continue
        if len(run) >= 3:
            in_rows.update(n.start for n in run)
        run = [number]
    if len(run) >= 3:
        in_rows.update(n.start for n in run)
    return in_rows


def is_bracketed_alone(text: str, number: NumberSpan) -> bool:
    """'(1)', '[3]', '(2022)': a list mark, footnote mark or year in brackets."""
    before = text[max(0, number.start - 1):number.start]
    after = text[number.end:number.end + 1]
    return before in {"(", "["} and after in {")", "]"}


def starts_line(text: str, number: NumberSpan) -> bool:
    line_start = text.rfind("\n", 0, number.start) + 1
    return not text[line_start:number.start].strip()


def is_list_mark(text: str, number: NumberSpan) -> bool:
    """'1. Introduction', '2) Background', '1 Introduction' or a page number alone at the start of a line."""
    if not starts_line(text, number):
        return False
    line_end = text.find("\n", number.end)
    line = text[number.end:line_end if line_end != -1 else len(text)]
    if not line.strip():
        return True  # a page number
    if re.match(r"[.)]\s", line[:2]) or number.decimal:
        return True
    # a numbered heading: short, capitalised, no closing full stop
    return bool(re.match(r"\s+[A-Z]", line)) and len(line) < 80 and not line.rstrip().endswith((".", ","))


HEADING_WORDS = 6  # a line this short, verbless and with no closing stop is a heading


def opens_heading(doc: Doc, text: str, number: NumberSpan, first: Token) -> bool:
    """'Two scenarios', 'Three lessons for Europe': a number word opening a short verbless line with no closing stop
    announces the sections that follow; it counts nothing checkable (a headline with a verb states a fact)."""
    if not number.in_words or number.scale != 1.0 or not starts_line(text, number):
        return False
    line_end = text.find("\n", number.end)
    line_end = len(text) if line_end == -1 else line_end
    line = text[number.start:line_end].strip()
    if len(line.split()) > HEADING_WORDS or line.endswith((".", "!", "?", ":", ",", ";")):
        return False
    return not any(t.pos_ in CLAUSE_VERBS for t in doc[first.i:] if t.idx < line_end)


def is_time_or_date(text: str, number: NumberSpan) -> bool:
    """'2.15pm', '14:00 GMT', '17 October', 'October 17'."""
    p = patterns()
    after = text[number.end:number.end + 16]
    if p["time_after"].match(after):
        return True
    if p["month"].match(after.lstrip(" -–")) and re.match(r"[\s\-–]", after[:1] or " "):
        return True
    before = re.search(rf"(?:{p['month'].pattern})\s*$", text[max(0, number.start - 12):number.start])
    return before is not None and not ends_sentence(before.group())


def ends_sentence(month: str) -> bool:
    """'talks ran into March. Six ships sailed': a full stop after a month's full name closes the sentence (only an
    abbreviation, 'Aug. 4', takes one), so the number after it opens the next sentence and is no day of that month."""
    word = month.strip().rstrip(".").lower()
    months = cue_table()["months"]
    return month.strip().endswith(".") and not any(m != word and m.startswith(word) for m in months)


def previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w#.'’]+)\s*$", text[max(0, start - 30):start])
    return match.group(1).lower().rstrip(".") if match else ""


# --- the counted thing ------------------------------------------------------------------------------------------


def token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


MODEL_OR_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*[A-Za-z]?")  # 'LNG', 'FA-50', 'AH-64E', 'K2'
NOUN_TAGS = {"NN", "NNS"}


def model_prefixed_noun(doc: Doc, last: Token) -> Token | None:
    """'20 LNG cargoes', '20 more FA-50 light combat aircraft': after the number (and 'more', 'new' ...), an acronym
    or model number and a run of lower-case words; the last of them is counted, whatever the parser made of it
    (it tags a plural after an acronym as a verb: 'cargoes' VBZ)."""
    i = last.i + 1
    while i < len(doc) and doc[i].lower_ in cue_table()["count_modifiers"]:
        i += 1
    models = 0
    while i < len(doc) and MODEL_OR_ACRONYM.fullmatch(doc[i].text) and len(doc[i].text) >= 2:
        models += 1
        i += 1
    if not models:
        return None
    names = 0  # '48 F-35B Lightning jets': the model's name between the model number and the noun
    while i < len(doc) and names < 2 and re.fullmatch(r"[A-Z][a-z]+", doc[i].text) and not doc[i].is_sent_start:
        names += 1
        i += 1
        i = after_variant_mark(doc, i)
    run: list[Token] = []
    while i < len(doc) and len(run) < 4 and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", doc[i].text) and doc[i].pos_ not in {
            "ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART", "ADV"}:
        token = doc[i]
        if token.tag_ == "NNS" or token.tag_ == "VBZ" and token.text.endswith("s"):
            return token  # the plural closes the phrase ('cargoes' is read as a verb after an acronym)
        run.append(token)
        i += 1
    return run[-1] if run and run[-1].tag_ in NOUN_TAGS else None


def after_variant_mark(doc: Doc, i: int) -> int:
    """'66 F-16 Block 70 fighters', '12 Leopard 2A7 tanks': a variant's number after a name word in a model
    designation is part of the model; the index after it (or `i` when there is none)."""
    return i + 1 if i < len(doc) and re.fullmatch(r"\d+[A-Z0-9]*", doc[i].text) else i


PARTITIVE = re.compile(r"^\s+of\s+(?:the|its|their|his|her|our|these|those)\s+(?=\d|[a-z])", re.IGNORECASE)


def partitive_noun(doc: Doc, text: str, number: NumberSpan) -> Token | None:
    """'nine of the 11 questions', 'three of its 12 ships': the noun the second number counts counts the first."""
    match = PARTITIVE.match(text[number.end:number.end + 24])
    if not match:
        return None
    second = token_at(doc, number.end + match.end())
    if second is None or not (second.like_num or second.pos_ == "NUM"):
        return None
    noun = counted_noun(doc, second)
    return noun if noun is not None and noun.pos_ == "NOUN" else None


def partitive_whole(text: str, number: NumberSpan, last: Token) -> Token | None:
    """'four of the raiders', 'two of its largest ports': a number word counts a part of a plural whole named after
    it, and the whole's noun is what it counts."""
    if not PARTITIVE.match(text[number.end:number.end + 24]):
        return None
    of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return noun if noun is not None and noun.tag_ == "NNS" and noun.text.islower() else None


def sizes_a_group(last: Token) -> bool:
    """'a squad of nine', 'a force of twelve thousand': a number word after a noun's 'of' gives the group's size."""
    of = last.head
    return last.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN" and of.head.i < last.i


def of_pronoun(text: str, end: int) -> bool:
    """'eleven of them', 'two of which': the number counts a part of things named before."""
    pronouns = alternation(cue_table()["partitive_pronouns"])
    return re.match(rf"\s+of\s+(?:{pronouns})\b", text[end:end + 16], re.IGNORECASE) is not None


RATE_BASE = re.compile(r"^\s+per\s+(?P<base>(?:1|10|100)(?:,000)+|1[0 ]?000(?: 000)*|one\s+(?:hundred\s+)?"
                       r"(?:thousand|million)|a\s+(?:hundred\s+)?(?:thousand|million)|(?:1|10|100)\s+(?:thousand|million))"
                       r"\s+(?=[a-z])", re.IGNORECASE)


def rate_base(doc: Doc, text: str, end: int) -> tuple[str, int, int] | None:
    """'38.8 per 100,000 inhabitants': (the rate's base '100,000 inhabitants', where the base starts, its end)."""
    match = RATE_BASE.match(text[end:end + 40])
    if not match:
        return None
    token = token_at(doc, end + match.end())
    run: list[Token] = []
    while token is not None and len(run) < 3 and token.pos_ in {"ADJ", "NOUN"} and token.text[0].islower():
        run.append(token)
        token = doc[token.i + 1] if token.i + 1 < len(doc) else None
    while run and run[-1].pos_ != "NOUN":
        run.pop()
    if not run:
        return None
    base_end = run[-1].idx + len(run[-1].text)
    return text[end + match.start("base"):base_end], end + match.start("base"), base_end


def joins_adjectives(token: Token) -> bool:
    """'four light and heavy metals': 'and'/'or' between two adjectives is inside the counted phrase."""
    doc = token.doc
    return (token.lower_ in {"and", "or"} and 0 < token.i < len(doc) - 1
            and doc[token.i - 1].pos_ == "ADJ" and doc[token.i + 1].pos_ == "ADJ")


def counted_noun(doc: Doc, last: Token) -> Token | None:
    """The noun a number counts: '49 M1A1 Abrams tanks' -> tanks; None when the number stands alone."""
    model = model_prefixed_noun(doc, last)
    if model is not None:
        return model
    head = last.head
    if head.i > last.i and (head.pos_ in COUNTED_POS or head.tag_ in COUNTED_PLURAL_PROPER or head.pos_ == "PROPN"):
        while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head
        between = doc[last.i + 1:head.i]
        if all((t.pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "ADV", "VERB"} and t.text not in {",", ";", "("})
               or joins_adjectives(t) for t in between) and len(between) <= 5:
            return head
    # the parser sometimes hangs the number elsewhere: take the noun run that follows it
    run: list[Token] = []
    for t in doc[last.i + 1:last.i + 6]:
        if t.pos_ in {"ADJ", "NOUN", "PROPN"} or (t.text == "-" and run):
            run.append(t)
        else:
            break
    nouns = [t for t in run if t.pos_ == "NOUN" or t.tag_ in COUNTED_PLURAL_PROPER]
    return nouns[-1] if nouns and nouns[-1].i == run[-1].i else people_adjectives(doc, last)


LIST_JOINERS = {"and", "or", ","}


def people_adjectives(doc: Doc, last: Token) -> Token | None:
    """'870 dead and missing', '300 wounded': adjectives right after a number stand for the people it counts (the
    last of them is returned, so the item runs from the first); not when a noun follows ('300 wounded soldiers')."""
    words = item_cues()["people_adjectives"]
    found: Token | None = None
    i = last.i + 1
    while i < len(doc) and doc[i].lower_ in words:
        found = doc[i]
        if i + 2 < len(doc) and doc[i + 1].lower_ in LIST_JOINERS and doc[i + 2].lower_ in words:
            i += 2
            continue
        break
    if found is None or found.i + 1 < len(doc) and doc[found.i + 1].pos_ in {"NOUN", "PROPN"}:
        return None
    return found


# --- the actor the figure is about ------------------------------------------------------------------------------


def sentences_back(token: Token, n: int) -> int:
    """Index of the first token of the sentence `n` sentences before `token`'s (fewer at the document's start):
    where the rules that look back for an owner, a giver or a noun stop."""
    start = token.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def mention_index(doc: Doc, actors: list[Actor]) -> dict[int, str]:
    """Token index -> actor_id for every token inside an actor mention; 'US' in 'US$4 billion' is a currency and
    'Kirov' in 'Kirov-class' a design's name."""
    index: dict[int, str] = {}
    text = doc_text(doc)
    class_label = re.compile(rf"-(?:{alternation(cue_table()['class_suffixes'])})\b", re.IGNORECASE)
    for actor in actors:
        for mention in actor.mentions:
            if text[mention.end:mention.end + 1] in CURRENCY_SYMBOLS or class_label.match(text, mention.end):
                continue  # 'US$4 billion' is a currency, 'Kirov-class' a design
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                index.setdefault(i, actor.actor_id)
    return index


def actor_of_phrase(token: Token, mentions: dict[int, str]) -> str | None:
    """The actor a noun phrase names or belongs to: 'Russia', "Russia's exports", 'Canadian potash exports'."""
    if token.i in mentions:
        return mentions[token.i]
    for child in token.children:
        if child.dep_ == "appos" and child.i in mentions:
            return mentions[child.i]  # "Australia's Minister ..., Pat Conroy"
    for t in token.subtree:
        if t.i >= token.i:
            break
        if t.i in mentions:
            return mentions[t.i]
    return None


def own_phrase_actor(noun: Token, mentions: dict[int, str], members: bool, kinds: dict[str, str]) -> str | None:
    """The actor the counted noun's own phrase names: 'four Chinese troops', "NATO's 31 members", '31 NATO members';
    for a count of members also '31 members of NATO', 'three leaders from the Gulf'. A place as a modifier
    only says what kind of thing is counted ('two new Andean trucks', 'six Baltic ports'), not whose it is."""
    numbers = [c.i for c in noun.children if c.dep_ == "nummod"]
    for child in noun.children:
        if numbers and child.i < numbers[-1] and child.dep_ in {"amod", "compound", "nmod"}:
            continue  # '3,500 Philippine and 1,700 Japanese troops': a modifier before the number is another count's
        if child.i < noun.i and child.dep_ in {"amod", "compound", "poss", "nmod"}:
            found = next((mentions[t.i] for t in child.subtree if t.i in mentions), None)
            if found is not None and (child.dep_ == "poss" or kinds.get(found) != "location") and not (
                    made_for_another(child, noun, found, mentions)):
                return found
        if members and child.i > noun.i and child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            found = next((mentions[t.i] for t in child.subtree if t.i in mentions), None)
            if found is not None:
                return found
    return None


def made_for_another(modifier: Token, noun: Token, maker: str, mentions: dict[int, str]) -> bool:
    """'Peru bought 12 US-made helicopters': a maker glued to the item ('US-made', 'French-built') is no owner where
    another actor is the subject of the item's clause; 'Chinese-built ship exports fell' stay the maker's."""
    if modifier.dep_ != "amod" or modifier.lower_ not in cue_table()["maker_participles"]:
        return False
    verb = clause_verb(noun)
    subject = subject_of(verb) if verb.pos_ in CLAUSE_VERBS else None
    if subject is None or subject.i == noun.i:
        return False
    other = actor_of_phrase(subject, mentions)
    return other is not None and other != maker


def clause_actor(anchor: Token, mentions: dict[int, str]) -> tuple[str | None, bool, Token | None]:
    """Climb from the figure to its clause: a possessor on the way ("Russia's 49 tanks") or the clause subject.

    The flag says whether the figure is a direct argument of that subject's verb: not inside another clause or
    another noun's prepositional phrase ('is looking for commitments from all 31 members'). The token is the
    subject phrase the actor was read from (None for a possessor), where an affiliation may be found.
    """
    token = anchor
    direct = True
    for _ in range(20):
        if token.pos_ in {"NOUN", "PROPN"} and token is not anchor:
            for child in token.children:
                if child.dep_ == "poss" and child.i in mentions:
                    return mentions[child.i], direct, None
        if token.pos_ in CLAUSE_VERBS or token.dep_ == "ROOT" or read_as_noun(token):
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
            agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                         None)
            if agent is not None and actor_of_phrase(agent, mentions) is not None:
                return actor_of_phrase(agent, mentions), direct, agent  # 'aid was pledged by Norway'
            if subjects:
                subject = subjects[0]
                if subject.tag_ in {"WDT", "WP"} and token.dep_ == "relcl":
                    subject = token.head  # "the AP4 states, which supplied ...": the noun the clause describes
                    if actor_of_phrase(subject, mentions) is None and subject.dep_ == "pobj" and (
                            subject.head.dep_ == "prep" and subject.head.head.pos_ in {"NOUN", "PROPN"}):
                        # "the firm's plant at Tula, which employs 900": a place named by no actor; the plant is
                        subject = subject.head.head
                if subject.dep_ == "expl" or subject.pos_ == "PRON" and subject.i not in mentions:
                    return None, direct, None  # "it", "they": who is meant is unclear here
                return actor_of_phrase(subject, mentions), direct, subject
            if token.dep_ in {"relcl", "acl"}:
                described = actor_of_phrase(token.head, mentions)  # the noun the clause describes
                if described is not None:
                    return described, direct, token.head
                token, direct = token.head, False
                continue
            shares = token.dep_ in SUBJECT_SHARING or (token.dep_ == "advcl" and token.tag_ in PARTICIPLE_TAGS)
            if not shares or token.head is token:
                return None, direct, None
            direct = False
        if token.head is token:
            return None, direct, None
        if token.dep_ == "prep" and token.head.pos_ in {"NOUN", "PROPN"}:
            direct = False
        token = token.head
    return None, direct, None


def affiliation(phrase: Token | None, person: str, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """The state or organisation a person's phrase names beside the person: "Australia's Minister ..., Pat
    Conroy", 'NATO Secretary-General Jens Stoltenberg'."""
    if phrase is None:
        return None
    root = phrase
    while root.dep_ in {"appos", "compound", "flat"} and root.head.i != root.i:
        root = root.head  # the name may be the apposition or a compound of the title noun
    for t in root.subtree:
        found = mentions.get(t.i)
        if found is not None and found != person and kinds.get(found) in {"country", "organization", "group"}:
            return found
    return None


def owning_actor(anchor: Token, mentions: dict[int, str], kinds: dict[str, str],
                 counts_noun: bool = False) -> str | None:
    """The actor a figure is about. The counted noun's own phrase comes first ('four Chinese troops' are China's
    whoever killed them); then the clause. A count of members, leaders or states belongs to the organisation they
    are members of, never to the person speaking of them; a person is linked only where the figure is a direct
    argument of what that person does ('Putin won 87%'), not inside what they ask for or talk about: there the
    state or organisation the person's phrase names stands for them ("Australia's Minister ... announced the
    transfer of 49 tanks")."""
    members = counts_noun and anchor.lower_ in cue_table()["member_nouns"]
    if counts_noun:
        own = own_phrase_actor(anchor, mentions, members, kinds)
        if own is not None:
            return own
    found, direct, subject = clause_actor(anchor, mentions)
    if found is None:
        return None
    kind = kinds.get(found)
    if kind == "person" and subject is not None and subject.i not in mentions and lemma(subject) in item_cues()[
            "government_nouns"]:
        # "President Lopez's government proposed ...": the government is the state's, not the person's
        state = affiliation(subject, found, mentions, kinds)
        return state if state is not None and kinds.get(state) == "country" else None
    if kind == "person" and (not direct or members):
        found = affiliation(subject, found, mentions, kinds)
        kind = kinds.get(found) if found is not None else None
        if found is None:
            return None
    elif kind == "person" and subject is not None and lemma(subject.head) in item_cues()["office_verbs"]:
        # 'Minister Anna Berg of Sweden pledged $300 million': given in office, it is the state's
        state = affiliation(subject, found, mentions, kinds)
        if state is not None and kinds.get(state) == "country":
            found, kind = state, "country"
    if members and kind not in {"organization", "group"}:
        return None
    return found


# --- putting it together ----------------------------------------------------------------------------------------


def read_qualifier(text: str, start: int) -> tuple[str | None, int]:
    match = patterns()["qualifier_before"].search(text[max(0, start - 24):start])
    if not match:
        return None, start
    qualifier = cue_table()["qualifiers_before"][match.group("q").lower()]
    return qualifier, start - (len(text[max(0, start - 24):start]) - match.start())


def qualifies_number(doc: Doc, start: int, number: NumberSpan) -> bool:
    """'handed over 49 tanks' is a phrasal verb, not a qualifier; 'declined by over 50%' is one."""
    token = token_at(doc, start)
    if token is None:
        return True
    return token.dep_ != "prt"


def excluded_spans(text: str, ctx: ArticleContext) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in URL.finditer(text)] + list(ctx.blocked_spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < s_end and end > s_start for s_start, s_end in spans)


def hyphen_range_partner(text: str, number: NumberSpan) -> NumberSpan | None:
    """'10-15%': the second number of a range written with a dash, which the number finder skips."""
    match = patterns()["hyphen_range"].match(text[number.end:number.end + 24])
    if not match:
        return None
    start = number.end + match.start("num")
    found = find_numbers(text[start:start + 40])
    if not found or found[0].start != 0:
        return None
    partner = found[0]
    return NumberSpan(start, start + partner.end, partner.value, False, partner.scale, start + partner.core_end,
                      decimal=partner.decimal, year_like=partner.year_like)


def extract_figures(doc: Doc, ctx: ArticleContext, actors: list[Actor],
                    dates: list[DateMention] | None = None) -> list[Figure]:
    """Every figure of the document with what it is about; `dates` (the document's dates) give periods."""
    text = doc_text(doc)
    cues = cue_table()
    excluded = excluded_spans(text, ctx)
    mentions = mention_index(doc, actors)
    capitals = capital_states(actors)
    # a capital may receive for its state ('to Kyiv'); it is marked apart so that it is never an owner
    # so is a seat that stands for an organisation ('Brussels' for the EU)
    seats = seat_organisations(actors)
    kinds = {actor.actor_id: "capital" if actor.actor_id in capitals or actor.actor_id in seats else actor.kind
             for actor in actors}
    numbers = find_numbers(text)
    # dash ranges: "10-15%" gives two figures with the unit written once
    partners: dict[int, NumberSpan] = {}
    for number in list(numbers):
        partner = hyphen_range_partner(text, number) if not number.in_words else None
        if partner is not None:
            partners[number.start] = partner
            numbers.append(partner)
    numbers.sort(key=lambda n: n.start)

    readings: list[tuple[NumberSpan, Reading | None, str | None, int]] = []
    for number in numbers:
        currency = read_currency_before(text, number.start)
        reading = read_unit(text, number, currency[0] if currency else None)
        readings.append((number, reading, currency[0] if currency else None, currency[1] if currency else number.start))

    # "between 5 and 10 million barrels", "$5-10bn", "from 2% to 3%": the first number takes the second's unit
    for i in range(len(readings) - 1):
        number, reading, currency, left = readings[i]
        following, next_reading, _, next_left = readings[i + 1]
        joined = text[number.end:next_left]
        is_partner = partners.get(number.start) is following
        if (reading is None and next_reading is not None and next_reading.kind != "scaled_count"
                and not number.year_like and (is_partner or RANGE_JOINER.fullmatch(joined))):
            factor = next_reading.factor * following.scale if number.scale == 1.0 else next_reading.factor
            readings[i] = (number, Reading(next_reading.unit, factor, next_reading.per, next_reading.end,
                                           next_reading.kind), currency, left)
        elif (reading is not None and next_reading is not None and reading.kind == next_reading.kind == "money"
              and reading.unit == next_reading.unit and number.scale == 1.0 and reading.factor == 1.0
              and (following.scale != 1.0 or next_reading.factor != 1.0) and RANGE_JOINER.fullmatch(joined)):
            # "$5 to $7bn": the scale is written once, on the second amount
            factor = following.scale * next_reading.factor
            readings[i] = (number, Reading(reading.unit, factor, reading.per, reading.end, "money"), currency, left)

    # "40, 35 and 25 percent": a list of bare numbers closed by 'and' takes the unit written once, on its last
    # member (the pass above joined the last two; this carries the unit back along the commas)
    for i in reversed(range(len(readings) - 1)):
        number, reading, currency, left = readings[i]
        following, next_reading, _, next_left = readings[i + 1]
        if (reading is None and next_reading is not None and next_reading.kind != "scaled_count"
                and not number.year_like and number.scale == following.scale
                and list_closes(text, readings, i)):
            readings[i] = (number, Reading(next_reading.unit, next_reading.factor, next_reading.per,
                                           next_reading.end, next_reading.kind), currency, left)

    for i, (number, _reading, currency, left) in enumerate(readings):
        if (carried := unit_carried_back(doc, text, readings, i)) is not None:
            readings[i] = (number, carried, currency, left)

    table_rows = numbers_in_rows(text, numbers)
    # '38.8 per 100,000 inhabitants': a count per a base; the base's number is no figure of its own
    rates: dict[int, tuple[str, int]] = {}
    bases: list[tuple[int, int]] = []
    for number, reading, _, _ in readings:
        base = rate_base(doc, text, number.end) if reading is None and not number.year_like else None
        if base is not None:
            rates[number.start] = (base[0], base[2])
            bases.append((base[1], base[2]))
    range_ends = {id(p) for p in partners.values()}
    read: list[Figure | None] = [
        None if overlaps(bases, number.start, number.end) else
        rate_figure(doc, text, number, left, rates[number.start], excluded, mentions, kinds)
        if number.start in rates and not overlaps(excluded, number.start, number.end) else
        read_figure(doc, text, number, reading, left, cues, excluded, mentions, table_rows,
                    is_range_end=id(number) in range_ends, has_range_partner=number.start in partners, kinds=kinds)
        for number, reading, _currency, left in readings
    ]
    for i in reversed(range(len(readings) - 1)):  # backwards: 'about 900, 400 and 150 troops' chains
        if read[i] is None and read[i + 1] is not None:
            read[i] = count_range_start(doc, text, readings[i], readings[i + 1], read[i + 1], excluded, table_rows,
                                        listed=list_closes(text, readings, i))
    from_to_counts(doc, text, readings, read, excluded, table_rows)
    figures = dedupe([f for f in read if f is not None])
    describe(doc, figures, mentions, kinds, dates or [], name_words(actors))
    respectively_owners(doc, figures, mentions, kinds)
    respectively_items(doc, figures)
    governed_owners(doc, figures, mentions, kinds)
    focus_state_owners(doc, figures, actors, mentions, kinds)
    governments = government_states(actors) | seat_organisations(actors)
    for figure in figures:
        # 'send 50 vehicles to Kyiv': a capital that receives stands for its state
        figure.counterpart_actor_id = capitals.get(figure.counterpart_actor_id or "", figure.counterpart_actor_id)
        # a capital owns only as a giver ('from Canberra') or a government's seat ('the ministry in Lisbon'): its state
        figure.actor_id = capitals.get(figure.actor_id or "", figure.actor_id)
        # 'the Norwegian government raised its budget': a state's government stands for the state in a fact, and
        # 'Brussels agreed a package' for the EU
        figure.actor_id = governments.get(figure.actor_id or "", figure.actor_id)
        figure.counterpart_actor_id = governments.get(figure.counterpart_actor_id or "", figure.counterpart_actor_id)
    return figures


def unit_carried_back(doc: Doc, text: str, readings: list[tuple[NumberSpan, Reading | None, str | None, int]],
                      i: int) -> Reading | None:
    """'about 4 million barrels a day in 2025, down from 8.7 million in 2023', 'to 10 percent from 145': a bare number
    compared with an amount before it in its sentence is in that amount's unit (the writer does not repeat it)."""
    number, reading, _, left = readings[i]
    last = token_at(doc, number.end - 1)
    if reading is not None or number.year_like or last is None or counted_noun(doc, last) is not None:
        return None
    for earlier, earlier_reading, _, _ in reversed(readings[:i]):
        if earlier_reading is None:
            if earlier.year_like:
                continue  # 'in the second quarter of 2024' between the two amounts
            return None
        gap = text[earlier_reading.end:left]
        if earlier_reading.kind == "scaled_count" or len(gap) > 80 or re.search(r"[.;:!?]", gap):
            return None
        if not COMPARED.search(gap) or level_after_change(text, earlier, earlier_reading, gap):
            return None
        factor = earlier_reading.factor * earlier.scale if number.scale == 1.0 else earlier_reading.factor
        return Reading(earlier_reading.unit, factor, earlier_reading.per, number.end, earlier_reading.kind)
    return None


LIST_COMMA = re.compile(r"\s*,\s*")
LIST_CLOSE = re.compile(r"\s*,?\s*(?:and|or)\s+", re.IGNORECASE)


def list_closes(text: str, readings: list[tuple[NumberSpan, Reading | None, str | None, int]], i: int) -> bool:
    """Number i opens or continues a list of numbers joined by commas and closed by 'and'/'or' ('40, 35 and 25'):
    its gap to the next number is a comma, and so is every gap up to one that is 'and'."""
    if not LIST_COMMA.fullmatch(text[readings[i][0].end:readings[i + 1][3]]):
        return False
    for j in range(i + 1, len(readings) - 1):
        if readings[j][0].year_like:
            return False
        gap = text[readings[j][0].end:readings[j + 1][3]]
        if LIST_CLOSE.fullmatch(gap):
            return True
        if not LIST_COMMA.fullmatch(gap):
            return False
    return False


def level_after_change(text: str, change: NumberSpan, reading: Reading, gap: str) -> bool:
    """'grew by 20 per cent to 12,000', 'fell 8% to 310': the number after a change in percent is the new level, in
    the thing's own unit (a share's new level takes its own sign: 'rose 2 points to 41%')."""
    if reading.kind != "percent" or not re.fullmatch(r"\s*to\s*", gap):
        return False
    words = {*cue_table()["change_verbs"], "by", "up", "down"}
    before = re.search(r"([A-Za-z]+)\s+(?:(?:about|around|roughly|some|nearly|almost|over|just)\s+)?$",
                       text[max(0, change.start - 30):change.start])
    return before is not None and before.group(1).lower() in words


def governed_owners(doc: Doc, figures: list[Figure], mentions: dict[int, str], kinds: dict[str, str]) -> None:
    """'Lima pledged USD 40 million, including six patrol boats', 'Oslo has ordered 40 tanks; the first contract
    covered 12 of them': an ownerless figure inside the clause of an owned figure earlier in its sentence (the earlier
    figure's verb governs it), with no other state or organisation named between them, is that owner's too."""
    owned: list[tuple[Figure, Token]] = []
    for figure in figures:
        chars = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if chars is None or not len(chars):
            continue
        root = chars.root
        if figure.actor_id is None and not is_market_price(figure):
            for earlier, earlier_root in reversed(owned):
                if earlier_root.sent.start != root.sent.start:
                    break
                verb = clause_verb(earlier_root)
                between = range(earlier_root.i + 1, chars.start)
                if (verb == root or verb in root.ancestors) and not any(
                        kinds.get(mentions.get(i, "")) in PARTY_KINDS | {"capital"} for i in between):
                    figure.actor_id = earlier.actor_id
                break
        if figure.actor_id is not None and kinds.get(figure.actor_id) in PARTY_KINDS:
            owned.append((figure, root))


def focus_state(actors: list[Actor]) -> str | None:
    """The state an article is about: more than half of all mentions of states, and three at least."""
    counts = {a.actor_id: len(a.mentions) for a in actors if a.kind == "country"}
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 and 2 * counts[best] > sum(counts.values()) else None


def is_market_price(figure: Figure) -> bool:
    """'USD 2,400 an ounce', 'USD 80 a barrel': money per unit of a commodity is what a market charges, not a sum
    the article's state spends or is owed."""
    return len(figure.unit) == 3 and figure.unit.isupper() and figure.per in cue_table()["commodity_per_units"]


DOMINANCE = 3  # times as many mentions as any other state: a state an article plainly turns on


def dominant_state(actors: list[Actor]) -> str | None:
    """The state an article turns on though others are named in passing: three mentions at least and three times
    as many as the next state."""
    counts = sorted(((len(a.mentions), a.actor_id) for a in actors if a.kind == "country"), reverse=True)
    if not counts or counts[0][0] < 3 or len(counts) > 1 and counts[0][0] < DOMINANCE * counts[1][0]:
        return None
    return counts[0][1]


def counts_people(figure: Figure) -> bool:
    """'2.4 million residents', '9,000 fatalities', '30 percent of the population' (borrowing 'people')."""
    head = (figure.item_head or figure.item or "").lower()
    words = head.split()
    return bool(words) and (head in item_cues()["people_nouns"] or words[-1] in item_cues()["people_nouns"])


def focus_state_owners(doc: Doc, figures: list[Figure], actors: list[Actor], mentions: dict[int, str],
                       kinds: dict[str, str]) -> None:
    """'30.4 million people need assistance' in an article about Sudan: a count or sum whose sentence names no state
    or organisation other than its sources is the state the article is about; a count of people is also the state
    an article plainly turns on (dominant_state) where other states take more than half of the mentions."""
    focus = focus_state(actors)
    dominant = dominant_state(actors)
    if focus is None and dominant is None:
        return
    for figure in figures:
        if figure.actor_id is not None or is_market_price(figure):
            continue
        owner = focus or (dominant if counts_people(figure) else None)
        if owner is None:
            continue
        chars = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if chars is None or not len(chars):
            continue
        sent = chars[0].sent
        if not any(kinds.get(mentions.get(i, "")) in PARTY_KINDS and not is_source(doc[i])
                   for i in range(sent.start, sent.end)):
            figure.actor_id = owner


def is_source(token: Token) -> bool:
    """A name that only reports: 'according to the UN', 'ACLED has recorded', 'the UN estimates'."""
    source_verbs = item_cues()["source_verbs"]
    for node in [token, *token.ancestors]:
        if node.lower_ == "according":
            return True
        if node.dep_ in SUBJECT_DEPS and node.head.pos_ in CLAUSE_VERBS:
            return lemma(node.head) in source_verbs
    return False


def values_own_cost(verb: Token, root: Token, figure: Figure, mentions: dict[int, str]) -> bool:
    """'The utility puts the storm damage at $30 million': a subject that values an object at an amount
    of money, the object a bare noun (no 'of' phrase saying whose or what it is the cost of), states a sum of its
    own; 'ACLED puts deaths at 8,400' (a count) and 'the IMF puts the cost of the war at $5 billion' only report."""
    if not is_currency(figure.unit):
        return False
    chain = [root]  # up to the verb through prepositions: 'at about $5 million' may hang 'about' as one
    while chain[-1].dep_ in {"pobj", "prep"} and chain[-1].head.i != verb.i and len(chain) < 4:
        chain.append(chain[-1].head)
    before = root.doc[max(0, root.doc.char_span(figure.start, figure.end, alignment_mode="expand").start - 1)]
    if chain[-1].head.i != verb.i or chain[-1].dep_ != "prep" or not any(t.lower_ == "at" for t in [*chain, before]):
        return False
    valued = next((c for c in verb.children if c.dep_ == "dobj"), None)
    # 'puts the loss to the world economy at $5 trillion': a 'to' phrase, on the object or (as the parser often
    # hangs it) on the verb right after the object, says who bears it, as 'of' says whose it is
    borne = any(c.dep_ == "prep" and c.lower_ == "to" and valued is not None and c.i == valued.right_edge.i + 1
                for c in verb.children)
    return valued is not None and valued.pos_ == "NOUN" and valued.i not in mentions and not borne and not any(
        c.dep_ == "prep" and c.lower_ in {"of", "to"} for c in valued.children)


COMPANY_REACH = 2  # sentences back 'the company' may reach for the company it stands for


def described_company(noun: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'The Swedish firm', 'the shipbuilder': a definite singular company noun (adjectives allowed, a demonym
    among them) stands for the nearest organisation named in its sentence before it or in the two before; where the
    nearest actor named is no organisation (a state, a person), or the noun has an owner of its own, nothing."""
    if noun.tag_ != "NN" or noun.i in mentions or lemma(noun) not in item_cues()["company_nouns"] or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or any(
            c.dep_ in {"poss", "compound", "nmod", "prep"} for c in noun.children):
        return None
    start = sentences_back(noun, COMPANY_REACH)
    for i in range(noun.left_edge.i - 1, start - 1, -1):
        found = mentions.get(i)
        if found is None or kinds.get(found) in {"country", "location", "capital"}:
            continue  # states and places are named around companies without being them
        return found if kinds.get(found) == "organization" else None
    return None


def caused_by(subject: Token | None, actor: str | None, mentions: dict[int, str], kinds: dict[str, str]) -> bool:
    """Whether the actor is only the owner of a subject that is no actor itself, an event or act that moved the
    figure ("Its siege", "Russia's invasion"): of a market price such an owner is only the cause."""
    if subject is None or actor is None or subject.i in mentions or subject.pos_ != "NOUN":
        return False
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    return owner is not None and actor in {mentions.get(owner.i), pronoun_actor(owner, mentions, kinds)}


def elided_possessor(root: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'24 percent of Korea's LNG imports ..., as do 10 percent of Japan's': a possessive with its noun left out
    owns the figure (the noun is the one compared before)."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for pobj in prep.children:
            found = mentions.get(pobj.i)
            if pobj.dep_ == "pobj" and found is not None and kinds.get(found) in PARTY_KINDS and any(
                    c.dep_ == "case" for c in pobj.children):
                return found
    return None


SUBJECT_JOINS = {"conj", "compound", "flat", "poss", "cc"}  # relations by which a name is part of a subject phrase


def in_subject(token: Token, apposed: bool = False) -> bool:
    """Whether a name is (one of) its clause's subjects or their owner: 'Romania and Hungary followed', "Poland's
    and Hungary's budgets rose"; not 'exports to France and Italy'. `apposed`: or a name set beside a subject
    ('its two neighbours, Chile and Peru, sent')."""
    joins = SUBJECT_JOINS | {"appos"} if apposed else SUBJECT_JOINS
    while token.dep_ in joins and token.head.i != token.i:
        token = token.head
    return token.dep_ in SUBJECT_DEPS


def respectively_owners(doc: Doc, figures: list[Figure], mentions: dict[int, str], kinds: dict[str, str]) -> None:
    """'Romania and Hungary followed with requests of EUR 16.6 billion and EUR 16.2 billion respectively': the
    listed actors own the listed figures in order, when the two lists are as long as each other."""
    for token in doc:
        if token.lower_ != "respectively":
            continue
        sent = token.sent
        listed = [f for f in figures if sent.start_char <= f.start and f.end <= token.idx and (
            doc.char_span(f.start, f.end, alignment_mode="expand").root.dep_ not in SUBJECT_DEPS)]  # 'the two ...'
        # 'profits of JPY 9 trillion and USD 8 billion respectively': two currencies are one list too
        if len(listed) < 2 or len({"money" if is_currency(f.unit) else f.unit for f in listed}) != 1:
            continue
        first = doc.char_span(listed[0].start, listed[0].end, alignment_mode="expand").start
        owners = coordinated_subjects(doc[sent.start:first], mentions, kinds, any_kind=True)
        if not owners:
            owners = earlier_list(doc, sent, first, len(listed), mentions, kinds)
        if len(owners) == len(listed):
            for figure, owner in zip(listed, owners, strict=True):
                figure.actor_id = owner
                if figure.item is None:  # the list's one noun: 'requests of EUR 5 billion and EUR 4 billion'
                    figure.item, figure.item_head = listed[0].item, listed[0].item_head


RESPECTIVE_REACH = 1  # sentences back a list of bare counts with 'respectively' may find the list it splits


def respectively_items(doc: Doc, figures: list[Figure]) -> None:
    """'Lima ordered 40 trucks, 12 jets and 8 ships; the first contracts covered 10, 4 and 2 of them respectively':
    bare counts listed with 'respectively' count, in order, what the last list of as many counts before them
    counts."""
    for token in doc:
        if token.lower_ != "respectively":
            continue
        sent = token.sent
        in_sentence = [f for f in figures if sent.start_char <= f.start and f.end <= token.idx]
        listed: list[Figure] = []
        for figure in reversed(in_sentence):  # the run of bare counts that ends at 'respectively'
            if figure.unit != "count" or re.search(r"[^\W\d_]", figure.text):
                break  # a count that names its own noun
            listed.insert(0, figure)
        text = doc_text(doc)
        gaps = [text[a.end:b.start] for a, b in zip(listed, listed[1:], strict=False)]
        if len(listed) < 2 or any(re.search(r"\d", gap) for gap in gaps):
            continue  # a number between the counts was no figure: the lists cannot be paired
        reach = doc[sentences_back(token, RESPECTIVE_REACH)].idx
        before = [f for f in figures if reach <= f.start and f.end <= listed[0].start]
        earlier = before[-len(listed):]
        if len(earlier) == len(listed) and all(f.unit == "count" and f.item for f in earlier) and len(
                {f.item_head for f in earlier}) == len(earlier):
            for figure, source in zip(listed, earlier, strict=True):
                figure.item, figure.item_head = source.item, source.item_head


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def coordinated_subjects(tokens: Span, mentions: dict[int, str], kinds: dict[str, str],
                         any_kind: bool = False) -> list[str]:
    """The actors a stretch of text lists, in order, as (owners of) its clause's coordinated subjects: 'Romania and
    Hungary followed'. Parties only, unless `any_kind`: a list that 'respectively' pairs with as many figures says
    whose each one is, whatever the names are (two regions, two firms the model took for people)."""
    owners: list[str] = []
    for t in tokens:
        found = mentions.get(t.i)
        coordinated = t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)
        if found is not None and (any_kind or kinds.get(found) in PARTY_KINDS) and coordinated and (
                found not in owners) and (
                in_subject(t, apposed=True)):
            owners.append(found)
    return owners


LIST_REACH = 3  # sentences back a numbered description ('the two carmakers') may reach for the list it restates


def earlier_list(doc: Doc, sent: Span, before: int, size: int, mentions: dict[int, str],
                 kinds: dict[str, str]) -> list[str]:
    """'Lima and Quito, which ..., agreed ... The two governments reported ... respectively': a subject 'the N
    <noun>' before the figures restates the nearest earlier list of exactly N coordinated subject actors (within
    a few sentences); anything else, or a nearer list of another length, gives nothing."""
    numbers = quantity_table()["number_words"]
    subject = next((t for t in doc[sent.start:before] if t.dep_ in SUBJECT_DEPS and t.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in t.children)), None)
    count = next((c for c in subject.children if c.dep_ == "nummod"), None) if subject is not None else None
    if count is None or numbers.get(count.lower_, int(count.text) if count.text.isdigit() else 0) != size:
        return []
    start = sent.start
    for _ in range(LIST_REACH):
        if start == 0:
            break
        earlier = doc[start - 1].sent
        owners = coordinated_subjects(earlier, mentions, kinds)
        if owners:
            return owners if len(owners) == size else []
        start = earlier.start
    return []


def capital_states(actors: list[Actor]) -> dict[str, str]:
    """Location actor_id -> country actor_id for the capitals the gazetteer lists ('Kyiv' -> Ukraine)."""
    from extractors.actors import load_lexicon, tokenize

    lexicon = load_lexicon()
    found: dict[str, str] = {}
    for actor in actors:
        if actor.kind != "location":
            continue
        term = lexicon.terms.get(tuple(t for _, _, t in tokenize(actor.name)))
        if term is not None and term.category == "capital" and term.iso3:
            found[actor.actor_id] = f"country:{term.iso3}"
    return found


def seat_organisations(actors: list[Actor]) -> dict[str, str]:
    """Location actor_id -> organisation actor_id for a seat that stands for the organisation the text names."""
    metonyms = item_cues()["place_metonyms"]
    by_name = {actor.name: actor.actor_id for actor in actors if actor.kind == "organization"}
    return {actor.actor_id: by_name[metonyms[actor.name]] for actor in actors
            if actor.kind == "location" and metonyms.get(actor.name) in by_name}


def government_states(actors: list[Actor]) -> dict[str, str]:
    """Organisation actor_id -> country actor_id for a state's government ('Norwegian government', 'Government of
    Chile', 'the Japanese cabinet'): a government noun and exactly one state in the name, nothing else named."""
    from extractors.actors import load_lexicon, tokenize

    lexicon = load_lexicon()
    cues = item_cues()
    governments = set(cues["government_nouns"])
    forces = set(cues["state_force_nouns"])
    # 'United States Department of Energy': the remit a ministry is named for leaves it its state's government
    allowed = governments | set(cues["portfolio_words"]) | {"the", "of", "'", "’", "s"}
    # 'United States Army', 'Chilean Air Force': a state's own force stands for the state in a fact as well
    force_allowed = forces | set(cues["state_force_words"]) | {"the", "of", "'", "’", "s"}
    found: dict[str, str] = {}
    for actor in actors:
        if actor.kind != "organization":
            continue
        words = [t for _, _, t in tokenize(actor.name)]
        lowered = [w.lower() for w in words]
        is_force = any(w in forces for w in lowered) or any(
            a == "air" and b == "force" for a, b in zip(lowered, lowered[1:], strict=False))
        if not any(w in governments for w in lowered) and not is_force:
            continue
        if is_force:
            allowed_here = force_allowed | {"air", "force"} if "air" in lowered else force_allowed
        else:
            allowed_here = allowed
        states, rest = set(), []
        i = 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                term = lexicon.terms.get(tuple(words[i:i + n]))
                if term is not None and term.kind == "country" and term.iso3:
                    states.add(term.iso3)
                    i += n
                    break
            else:
                rest.append(words[i])
                i += 1
        if len(states) == 1 and all(w.lower() in allowed_here for w in rest):
            found[actor.actor_id] = f"country:{states.pop()}"
    return found


def rate_figure(doc: Doc, text: str, number: NumberSpan, left: int, base: tuple[str, int],
                excluded: list[tuple[int, int]], mentions: dict[int, str], kinds: dict[str, str]) -> Figure | None:
    """'38.8 per 100,000 inhabitants': value 38.8, a count per its base."""
    last = token_at(doc, number.end - 1)
    if last is None:
        return None
    qualifier, start = read_qualifier(text, left)
    if qualifier is not None and not qualifies_number(doc, start, number):
        qualifier, start = None, left
    return Figure(text=text[start:base[1]].strip(), start=start, end=base[1], value=float(f"{number.value:.12g}"),
                  unit="count", qualifier=qualifier, per=base[0], item=None,
                  actor_id=owning_actor(last, mentions, kinds, counts_noun=False))


FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:about|around|roughly|some|nearly|almost|an\s+estimated|just|over|under"
                         r"|more\s+than|less\s+than|fewer\s+than)\s+)?$", re.IGNORECASE)
TO_BEFORE = re.compile(r"^[^.;!?]{0,80}?\bto\s+(?:(?:about|around|roughly|some|nearly|almost|an\s+estimated|just"
                       r"|over|under|more\s+than|less\s+than|fewer\s+than|only)\s+)?$", re.IGNORECASE)


def changes_a_count(doc: Doc, start: int) -> bool:
    """'cut its order ... from five to three', 'fell from 12 to 9': the 'from' hangs from a verb of change."""
    token = token_at(doc, start)
    if token is None or token.i == 0:
        return False
    token = doc[token.i - 1]
    for _ in range(6):  # 'cut' -> 'its order' -> 'for' -> 'Type 31 frigates' -> 'from'
        if token.lower_ in cue_table()["change_verbs"]:
            return True
        if token.head is token:
            return False
        token = token.head
    return False


def from_to_counts(
    doc: Doc,
    text: str,
    readings: list[tuple[NumberSpan, Reading | None, str | None, int]],
    read: list[Figure | None],
    excluded: list[tuple[int, int]],
    table_rows: set[int],
) -> None:
    """'from 26,434 in 2023 to 13,213 last year', 'from five to three': a change between two counts. The second
    number counts what the first counted (or the noun after it); two bare numbers are counts of the same thing."""
    def bare(number: NumberSpan, reading: Reading | None) -> bool:
        return (reading is None and not number.year_like and not (number.decimal and number.scale == 1.0)
                and number.start not in table_rows and not overlaps(excluded, number.start, number.end)
                and not is_time_or_date(text, number)
                and previous_word(text, number.start) not in cue_table()["identifier_labels"])

    for i, (number, reading, _, left) in enumerate(readings):
        if not FROM_BEFORE.search(text[max(0, left - 40):left]):
            continue
        first = read[i]
        if first is not None and first.unit != "count" or first is None and not bare(number, reading):
            continue
        if first is None and not changes_a_count(doc, left):
            continue  # 'from 9 to 5', 'pages from 5 to 12': two bare numbers are counts only of a change
        after = first.end if first is not None else number.end
        j = next((k for k in range(i + 1, len(readings)) if readings[k][0].start >= after
                  and not readings[k][0].year_like), None)
        if j is None or read[j] is not None and first is not None:
            continue
        second, second_reading, _, second_left = readings[j]
        if not TO_BEFORE.match(text[after:second_left]) or not bare(second, second_reading):
            continue
        if read[j] is not None:
            if read[j].unit != "count":
                continue
            item, per, end = read[j].item, read[j].per, number.end
        else:
            last = token_at(doc, second.end - 1)
            noun = counted_noun(doc, last) if last is not None else None
            named = noun is not None and noun.pos_ == "NOUN" and noun.text.lower() not in set(
                cue_table()["duration_nouns"]) | set(cue_table()["non_count_nouns"])
            item = first.item if first is not None else None
            end = noun.idx + len(noun.text) if named and noun is not None else second.end
            if named and noun is not None and last is not None:
                item = item or doc[last.i + 1:noun.i + 1].text
            per = first.per if first is not None else None
            qualifier, start = read_qualifier(text, second_left)
            read[j] = Figure(text=text[start:end].strip(), start=start, end=end, value=float(second.value),
                             unit="count", qualifier=qualifier, per=per, item=item,
                             actor_id=first.actor_id if first is not None else None)
        if first is None:
            qualifier, start = read_qualifier(text, left)
            read[i] = Figure(text=text[start:number.end].strip(), start=start, end=number.end,
                             value=float(number.value), unit="count", qualifier=qualifier, per=read[j].per,
                             item=read[j].item, actor_id=read[j].actor_id)


def count_range_start(
    doc: Doc,
    text: str,
    first: tuple[NumberSpan, Reading | None, str | None, int],
    second: tuple[NumberSpan, Reading | None, str | None, int],
    counted: Figure,
    excluded: list[tuple[int, int]],
    table_rows: set[int],
    listed: bool = False,
) -> Figure | None:
    """'an estimated 10,000 to 12,000 troops': the first number counts what the second one counts; so does each
    number of a `listed` run ('about 900, 400 and 150 troops')."""
    number, reading, _, _ = first
    following = second[0]
    joiner = r"\s*(?:to|and|or|[-–—]|,)\s*" if listed else r"\s*(?:to|and|or|[-–—])\s*"
    if (reading is not None or counted.unit != "count" or counted.item is None or number.year_like
            or number.decimal and number.scale == 1.0 or number.start in table_rows
            or overlaps(excluded, number.start, number.end)
            or not re.fullmatch(joiner, text[number.end:following.start], re.IGNORECASE)):
        return None
    if re.fullmatch(r"\s*[-–—]\s*", text[number.end:following.start]) and following.value <= number.value:
        return None  # "passed 52-48 votes": a split, not a range
    if number.in_words and text[number.start].isupper() and not (token_at(doc, number.start) or doc[0]).is_sent_start:
        return None
    value = number.value * following.scale if number.scale == 1.0 else number.value
    qualifier, start = read_qualifier(text, number.start)
    return Figure(text=text[start:counted.end].strip(), start=start, end=counted.end, value=float(value),
                  unit="count", qualifier=qualifier, per=counted.per, item=counted.item, actor_id=counted.actor_id)


def dedupe(figures: list[Figure]) -> list[Figure]:
    """Keep one figure per number: a later figure whose span starts inside an earlier one's number is dropped."""
    kept: list[Figure] = []
    for figure in sorted(figures, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and figure.start < kept[-1].end and figure.value == kept[-1].value and figure.unit == kept[-1].unit:
            continue
        kept.append(figure)
    return kept


def read_figure(
    doc: Doc,
    text: str,
    number: NumberSpan,
    reading: Reading | None,
    left: int,
    cues: dict[str, Any],
    excluded: list[tuple[int, int]],
    mentions: dict[int, str],
    table_rows: set[int],
    is_range_end: bool = False,
    has_range_partner: bool = False,
    kinds: dict[str, str] | None = None,
) -> Figure | None:
    """One number in context to a Figure, or None when it is not a figure."""
    if overlaps(excluded, number.start, number.end) or number.start in table_rows:
        return None
    if patterns()["not_figure_after"].match(text[number.end:number.end + 24]):
        return None  # "5 min read", "3 hours ago"
    if reading is not None and reading.unit == "s" and re.match(r"-\w", text[number.end:number.end + 2]):
        return None  # "a 24-hour ceasefire", like "a two-day summit", names a duration
    if (has_range_partner or is_range_end and not counts_a_noun(doc, text, number)) and reading is None:
        return None  # "pp. 45–67", "2014-2018", "won 3-1": a range or score without a unit is not a figure
    if not is_range_end and is_glued(text, number, reading) and not (has_range_partner and reading is not None):
        return None
    first = token_at(doc, number.start)
    last = token_at(doc, number.end - 1)
    if first is None or last is None:
        return None
    if number.in_words and text[number.start].isupper() and not first.is_sent_start and not starts_line(text, number):
        # "Group of Seven", "Five Eyes": a number word inside a name; one opening a paragraph starts a sentence even
        # where the parser joined it to a heading above
        return None
    if reading is not None and reading.kind == "scaled_count":
        number = NumberSpan(number.start, reading.end, number.value * reading.factor, number.in_words, reading.factor,
                            number.core_end)
        reading = None
        last = token_at(doc, number.end - 1) or last
    value = number.value
    item: str | None = None
    end = number.end
    anchor = last
    if reading is not None:
        value = number.value * reading.factor
        unit, per, end = reading.unit, reading.per, reading.end
        if number.year_like and reading.kind == "physical" and reading.unit == "s":
            return None
    else:
        unit, per = "count", None
        counted = not_a_count(doc, text, number, first, last, cues, mentions)
        if counted is False:
            return None
        if isinstance(counted, Token):
            first_item = last.i + 1
            while first_item < counted.i and doc[first_item].lower_ in set(cues["count_modifiers"]) - {"new"}:
                first_item += 1  # '20 more FA-50 aircraft' counts FA-50 aircraft
            if doc[first_item].lower_ == "of":  # a partitive: the item is what the second number counts, or the whole
                first_item = next((t.i + 1 for t in doc[first_item:counted.i] if t.like_num), first_item + 2)
            item = doc[first_item:counted.i + 1].text.strip(" -") or None
            end = counted.idx + len(counted.text)
            anchor = counted
            per, end = read_per(text, end)
    qualifier, start = read_qualifier(text, left)
    if qualifier is not None and not qualifies_number(doc, start, number):
        qualifier, start = None, left
    if qualifier is None:
        after = patterns()["qualifier_after"].match(text[end:end + 12])
        if after:
            qualifier = cue_table()["qualifiers_after"][after.group("q").lower()]
            end += after.end()
    if per is None and (reading is None or reading.kind not in {"percent", "percentage_point"}):
        per = clause_rate(anchor)
    negative = text[max(0, left - 1):left] in {"−", "-", "–"} and text[max(0, left - 2):left - 1] in {"", " ", "("}
    minus = re.search(r"\bminus\s+$", text[max(0, left - 8):left], re.IGNORECASE)
    if minus and reading is not None and reading.kind in {"percent", "percentage_point"}:
        value, start = -value, left - (len(text[max(0, left - 8):left]) - minus.start())  # "minus 2.5 per cent"
    if negative and reading is not None and reading.kind in {"percent", "percentage_point"}:
        value = -value
        start = left - 1
    return Figure(
        text=text[start:end].strip(),
        start=start,
        end=end,
        value=float(f"{value:.12g}"),  # 33.7 * 1e9 is 33700000000.000004 in floating point
        unit=unit,
        qualifier=qualifier,
        per=per,
        item=item,
        actor_id=owning_actor(anchor, mentions, kinds or {}, counts_noun=anchor is not last),
    )


YEAR_BEFORE_DASH = re.compile(r"(?<![\d.,])(?:1\d{3}|20\d{2})\s*[-–—]\s*$")


def counts_a_noun(doc: Doc, text: str, number: NumberSpan) -> bool:
    """'1,500-2,000 soldiers': the second end of a dash range counts the plural noun after it (count_range_start gives
    the first end the same noun); a page range, a score or a span of years ('the 2030-31 budgets') counts nothing."""
    if number.year_like or YEAR_BEFORE_DASH.search(text[max(0, number.start - 8):number.start]):
        return False
    last = token_at(doc, number.end - 1)
    noun = counted_noun(doc, last) if last is not None else None
    return noun is not None and noun.tag_ == "NNS" and noun.text.islower()


def is_decimal_count(doc: Doc, text: str, number: NumberSpan, last: Token) -> bool:
    """'about 1.2 boats in 2025', 'against the 2.33 a year it needs': a decimal is an average count when a plural
    noun in lower case follows it or it is a rate; a section number ('2.1 Background') or a score is neither."""
    noun = counted_noun(doc, last)
    if noun is not None:
        return noun.tag_ == "NNS" and noun.text.islower()
    return read_per(text, number.end)[0] is not None


def is_plural_name(noun: Token, number: NumberSpan) -> bool:
    """'six Gripens', '24 Rafales', 'two Eurofighters': a name in the plural after a count above one is the counted
    thing (the parser tags it as a singular proper noun); 'Downing Street', 'Operation Atalanta' are not plural."""
    return number.value > 1 and re.fullmatch(r"[A-Z][a-z]+[^sui]s", noun.text) is not None


def counts_occurrences(noun: Token, cues: dict[str, Any]) -> bool:
    """'met 12 times a year', 'scrambled 68 times in May', 'sat six times.': 'times' counts occurrences when the clause
    goes on after it; 'three times its price', 'four times more' are multiples (the word after says so)."""
    if noun.lower_ not in cues["occurrence_nouns"]:
        return False
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return after is None or after.lower_ in cues["occurrence_after"]


def not_a_count(doc: Doc, text: str, number: NumberSpan, first: Token, last: Token,
                cues: dict[str, Any], mentions: dict[int, str]) -> Token | bool:
    """A bare number (no unit): its counted noun, True for a count with no noun, or False when not a figure."""
    if is_bracketed_alone(text, number) or is_list_mark(text, number) or is_time_or_date(text, number) or (
            opens_heading(doc, text, number, first)):
        return False
    # 'the 2.25 a year it needs' is tagged a date by the parser; a decimal count is none
    decimal_count = number.decimal and number.scale == 1.0 and is_decimal_count(doc, text, number, last)
    if first.ent_type_ in {"DATE", "TIME", "ORDINAL"} and not number.in_words and not decimal_count:
        return False
    if first.ent_type_ in NAME_LABELS and first.ent_iob_ == "I":
        return False  # the number continues a name: "Leopard 2", "Resolution 2231", "Type 055"
    if number.decimal and number.scale == 1.0 and not decimal_count:
        return False  # "2.1" without unit or scale is a section number or a score, not a count
    before = previous_word(text, number.start)
    if before in cues["identifier_labels"]:
        return False
    if re.search(r"\b(?:page|p\.|pp\.|no\.|vol\.)\s*\d+\s+of\s+$", text[max(0, number.start - 24):number.start],
                 re.IGNORECASE):
        return False  # "Page 4 of 12"
    previous = doc[first.i - 1] if first.i > 0 else None
    noun = counted_noun(doc, last)
    if starts_line(text, number) and re.match(r"\s+[A-Z]", text[number.end:number.end + 2]) and (
        noun is None or noun.pos_ != "NOUN" or not noun.text[0].islower()
    ):
        return False  # a footnote or list number opening a line: "2 SIPRI, Trends in ..."
    if noun is not None and counts_occurrences(noun, cues):
        return noun  # 'scrambled 68 times in May': how often, a count
    if noun is not None and noun.text.lower() in set(cues["duration_nouns"]) | set(cues["non_count_nouns"]):
        return False
    if noun is not None and noun.pos_ == "PROPN" and noun.tag_ not in COUNTED_PLURAL_PROPER and not (
            noun.ent_type_ == "NORP" and noun.dep_ != "amod") and not is_plural_name(noun, number):
        return False  # "10 Downing Street", "Operation 1027"; but '1.5 million Sudanese' counts people
    if text[max(0, number.start - 1):number.start] == "+":
        return False  # a telephone number or a score, not a count
    # a number word in lower case continues no name: 'Austria three Eurofighters' (a verb elided), unlike 'Article 42'
    adjacent = (previous is not None and previous.idx + len(previous.text) + 1 >= first.idx
                and not (number.in_words and text[number.start].islower()))
    if adjacent and previous.pos_ in {"NOUN", "PROPN"} and (
        last.head.i == previous.i or previous.head.i == last.i
        or (noun is not None and previous.head.i == noun.i and previous.dep_ == "compound")
        or (noun is None and previous.dep_ in {"compound", "nmod"})
        or (previous.pos_ == "PROPN" and not (noun is not None and previous.i in mentions
                                              and previous.dep_ in {"dative", "dobj", "nsubj", "pobj"}))
    ):
        return False  # "Article 42", "Leopard 2 tanks", "Working Paper 1234"
    if number.year_like:
        if noun is None or noun.tag_ not in {"NNS", "NNPS"} or first.ent_type_ == "DATE":
            return False
        if before in cues["year_context"]:
            return False
    if re.match(r"\s+(?:in|out\s+of)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b",
                text[number.end:number.end + 16], re.IGNORECASE) or re.search(
            rf"\b(?:{alternation(quantity_table()['number_words'])}|\d+)\s+(?:in|out\s+of)\s+$",
            text[max(0, number.start - 16):number.start], re.IGNORECASE):
        return False  # "one in five", "3 out of 4": a proportion, not a count
    partitive = partitive_noun(doc, text, number)
    if partitive is not None:
        return partitive  # 'nine of the 11 questions': both numbers count questions
    raw = text[number.start:number.core_end]
    if re.fullmatch(r"0\d+", raw):
        return False  # "055", "0900": a designation or a clock time
    if number.in_words:
        if noun is not None and number.scale == 1.0 and noun.text.lower() in cues["abstract_nouns"]:
            return False  # "two ways", "three reasons": nothing checkable is counted
        if number.value > 1 and (whole := partitive_whole(text, number, last)) is not None:
            return whole
        if noun is None:
            # "nine billion" on its own is a count, and so are "eleven of them" and "a squad of nine"; "the four" is a
            # pronoun
            return number.scale != 1.0 or number.value > 1 and (of_pronoun(text, number.end) or sizes_a_group(last))
        after = text[number.end:number.end + 12].lstrip().split(" ")[0].lower()
        if after in cues["pronoun_after"]:
            return False
        if number.value == 1 and number.scale == 1.0:
            return False  # "one fundamental fact", "one of the": 'one' counts nothing checkable
        return noun
    if noun is not None:
        return noun
    if re.search(r"\b(?:[A-Z][a-z]+|p\.|pp\.|no\.)\s*\d+\s+of\s+$", text[max(0, number.start - 24):number.start]):
        return False  # "Image 1 of 3", "Part 2 of 4"
    if before == "at":
        return False  # "NATO at 75", "at 10 this morning": an age or a clock time
    following = text[number.end:number.end + 8]
    if re.match(r"\s*-strong\b", following) or re.match(r"\s+of\s", following):
        return True  # "a 5,000-strong force", "30 of 31 members"
    # 'and 3.1m flooded': the parser may take a glued scale letter for a verb, so the digits' own role counts too
    return any(t.dep_ in {"dobj", "pobj", "attr", "nsubj", "nsubjpass", "appos", "conj", "oprd", "npadvmod"}
               for t in ({last, first} if number.scale != 1.0 else {last}))


# --- what the figure is about: item, owner, counterpart, period -------------------------------------------------


@lru_cache(maxsize=1)
def item_cues() -> dict[str, Any]:
    """Word classes for items, counterparts and periods (extractors/data/figure_items.json)."""
    cues = json.loads((DATA_DIR / "figure_items.json").read_text(encoding="utf-8"))
    return {key: set(value) if isinstance(value, list) else value for key, value in cues.items()}


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, str]:
    """Inflected form -> base for the verbs figure_items.json lists ('totalled' -> total, 'rose' -> rise)."""
    cues = item_cues()
    forms: dict[str, str] = {}
    for base in (cues["value_verbs"] | cues["spending_verbs"] | cues["baseline_words"] | set(cues["verb_items"])
                 | set(cues["money_verb_items"]) | cues["source_verbs"] | cues["office_verbs"] | cues["share_verbs"]
                 | cues["receiving_verbs"] | cues["hosting_verbs"] | set(cues["stake_verbs"]) | cues["flow_verbs"]):
        stem = base[:-1] if base.endswith("e") else base
        variants = {base, base + "s", base + "es", stem + "ed", stem + "ing", base + "ed"}
        if base.endswith("y"):
            variants |= {base[:-1] + "ies", base[:-1] + "ied"}
        variants |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # 'dropped', 'totalling'
        for form in variants | set(cues["irregular_verbs"].get(base, [])):
            forms.setdefault(form, base)
    return forms


def lemma(token: Token) -> str:
    """The token's lemma: spaCy's where the lemmatizer ran, else the listed verb forms and plural rules."""
    if token.lemma_:
        return token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"}:
        return verb_forms().get(token.lower_, token.lower_)
    return word_lemma(token.text, token.tag_)


ITEM_MODIFIERS = {"compound", "amod", "nmod", "npadvmod"}  # left modifiers an item keeps: 'global grain exports'
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
PARTY_KINDS = {"country", "organization", "group"}  # actors that can receive, target or trade


def usable_noun(token: Token | None, mentions: dict[int, str]) -> bool:
    """A noun that can name what is counted: not an actor, a date, a pronoun, a number, a place or a manner."""
    return (token is not None and token.pos_ in {"NOUN", "PROPN"} and token.i not in mentions
            and token.ent_type_ not in {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
            and not token.like_num and token.lower_ not in item_cues()["not_item_nouns"])


def people_of(token: Token | None, mentions: dict[int, str]) -> bool:
    """'40% of Estonians': a plural demonym names the people counted, and their country owns the figure. The model
    may tag the demonym as an organisation: the gazetteer's demonyms count as well."""
    return token is not None and token.i in mentions and token.tag_ in {"NNPS", "NNS"} and (
        token.ent_type_ == "NORP" or is_demonym(token.text))


def is_demonym(word: str) -> bool:
    """A word the country gazetteer lists as a demonym ('Icelanders')."""
    from extractors.actors import load_lexicon

    term = load_lexicon().terms.get((word,))
    return term is not None and term.category == "demonym"


def is_base(noun: Token) -> bool:
    """'2% of GDP', 'of gross domestic product', 'of the total': a base the share is compared to."""
    cues = item_cues()
    lemmas = " ".join(lemma(t) for t in noun.subtree if t.pos_ in {"NOUN", "PROPN", "ADJ"})
    return lemma(noun) in cues["base_nouns"] or any(p in lemmas for p in cues["base_phrases"])


def counts_part_of(figure: Figure, noun: Token, inside: set[int]) -> bool:
    """"118 of the assembly's 630 seats": a count whose noun carries a number of its own (the whole) counts a part;
    the noun's owner owns the whole, not the part (members counted stay the organisation's)."""
    return figure.unit == "count" and noun.lower_ not in cue_table()["member_nouns"] and any(
        c.dep_ == "nummod" and c.i not in inside for c in noun.children)


def is_whole(noun: Token) -> bool:
    """'total outlays', 'overall exports': a noun an adjective makes the whole; a share of it set off after an
    amount restates that amount ('USD 9 billion on schools, about 18 percent of total outlays')."""
    return any(c.dep_ == "amod" and c.lower_ in item_cues()["whole_adjectives"] for c in noun.children)


def complement(noun: Token, preps: set[str], mentions: dict[int, str]) -> Token | None:
    """The noun of a prepositional complement to the right: 'share of exports', 'an increase in spending'."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if usable_noun(pobj, mentions):
                return pobj
    return None


def item_noun(noun: Token, mentions: dict[int, str]) -> Token:
    """A measure or change noun stands for its complement: 'the value of trade' -> trade, 'a rise in exports'."""
    cues = item_cues()
    for _ in range(3):
        word = lemma(noun)
        if word in cues["measure_nouns"]:
            inner = complement(noun, {"of"}, mentions)
        elif word in cues["change_nouns"]:
            inner = complement(noun, {"in", "of"}, mentions)
        else:
            return noun
        if inner is None or is_base(inner):
            return noun
        noun = inner
    return noun


def item_span(doc: Doc, noun: Token, figure: Figure, mentions: dict[int, str]) -> tuple[int, int]:
    """Token range of the item phrase: the noun with its left modifiers ('Brazilian-made aircraft exports'), a
    list it heads ('goods and energy') and an 'of' complement ('shipments of gas'); never the figure itself."""
    inside_figure = {t.i for t in doc.char_span(figure.start, figure.end, alignment_mode="expand") or []}
    allowed = {t.i for child in noun.lefts if child.dep_ in ITEM_MODIFIERS for t in child.subtree}
    start = noun.i
    while start - 1 in allowed and start - 1 not in inside_figure and doc[start - 1].dep_ != "poss":
        start -= 1
    while start < noun.i and (doc[start].is_punct or doc[start].pos_ == "DET"):
        start += 1
    end = noun.i + 1
    if end + 1 < len(doc) and doc[end].lower_ in {"and", "or"} and doc[end + 1].pos_ == "NOUN" and (
            doc[end + 1].dep_ == "conj") and doc[end + 1].i not in mentions:
        end += 2  # 'in goods and energy', whatever the parser hung 'energy' on
    for child in noun.rights:
        if child.dep_ == "conj" and child.pos_ == "NOUN" and child.i not in mentions:
            end = max(end, child.i + 1)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == end:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "NOUN" and pobj.ent_type_ not in {"DATE", "TIME"} and not any(
                    t.i in inside_figure or t.like_num for t in pobj.subtree):
                end = max(end, pobj.i + 1)
    return start, end


def clause_verb(token: Token) -> Token:
    """The verb of the clause a token sits in (the sentence root when there is none)."""
    for _ in range(20):
        if token.pos_ in CLAUSE_VERBS or token.head.i == token.i or read_as_noun(token):
            return token
        token = token.head
    return token


def read_as_noun(token: Token) -> bool:
    """"Fiji's force numbers about 450 officers": a verb the tagger took for a plural noun still has the subject the
    parser gave it; a noun with a nominal subject is the clause's predicate."""
    return token.pos_ == "NOUN" and token.tag_ == "NNS" and any(c.dep_ in SUBJECT_DEPS for c in token.children)


def outer_verb_of_small_clause(verb: Token, root: Token) -> Token:
    """'the mission had 4,000 troops spread over six towns': the small model reads the counted noun as the subject
    of the participle after it; the figure is the object of the verb that participle completes, whose subject owns
    it."""
    # the participle may be tagged as a past tense ('spread', 'set'); the noun phrase then follows the outer verb
    # directly, with no 'that' to open a clause of its own
    if (verb.tag_ in {"VBN", "VBD"} and verb.dep_ in {"ccomp", "xcomp"} and verb.head.pos_ in CLAUSE_VERBS
            and root.dep_ in SUBJECT_DEPS and root.head.i == verb.i and root.left_edge.i == verb.head.i + 1
            and not any(c.dep_ == "mark" for c in verb.children)):
        return verb.head
    return verb


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it hangs from ('is expected to reach'); where the parse gave the
    root verb none, the noun right before it that no preposition of that stretch governs ('According to data
    from X, arms exports in 2023 declined ...': the parser hung 'exports' on 'from')."""
    start = verb
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"xcomp", "conj", "ccomp", "acomp"} or verb.head.i == verb.i:
            break  # 'acomp': 'appeals were 40% funded' has its subject on 'were'
        verb = verb.head
    if start.dep_ != "ROOT":
        return None
    stretch_start = start.i
    while stretch_start > start.sent.start and doc_token(start, stretch_start - 1).text not in {",", ";", ":"}:
        stretch_start -= 1
    for i in range(start.i - 1, stretch_start - 1, -1):
        token = doc_token(start, i)
        if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"DATE", "TIME"}:
            continue
        ancestors = [a for a in token.ancestors if stretch_start <= a.i < start.i]
        if not any(a.pos_ == "ADP" for a in ancestors) and not (token.dep_ == "pobj" and stretch_start <= token.head.i):
            return token
    return None


def doc_token(token: Token, i: int) -> Token:
    return token.doc[i]


def bounded_noun(root: Token) -> Token | None:
    """The noun a bound read with its figure ('above 1%', 'below 60%') follows: its head noun, or the object of
    the verb the parser hung it on when that object ends right before it ('exempted spending above 1%')."""
    if root.pos_ != "ADP" or root.dep_ != "prep":
        return None
    if root.head.pos_ == "NOUN":
        return root.head
    return next((c for c in root.head.children if c.dep_ == "dobj" and c.right_edge.i == root.i - 1), None)


def measured_noun(root: Token, mentions: dict[int, str], inside: set[int], percent: bool = False,
                  money: bool = False, depth: int = 0) -> tuple[Token | None, str]:
    """The noun a figure without a counted noun measures, read from the parse around the figure's root, and how
    it was found: 'phrase' (the figure's own phrase), 'pool' (the fund it is paid into), 'subject' (the clause
    subject), 'verb' (the verb's noun, returned as the verb token: 'it pumped 40 bcm' measures production) or ''
    (nothing found)."""
    cues = item_cues()

    def usable(token: Token | None) -> bool:
        return usable_noun(token, mentions) and token.i not in inside

    def base(token: Token) -> bool:
        # '2% of a cargo's value': for a share, a measure with nothing after it is the base too
        return is_base(token) or percent and lemma(token) in cues["measure_nouns"] and complement(
            token, {"of"}, mentions) is None

    people = next((c for p in root.rights if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                   if c.dep_ == "pobj" and people_of(c, mentions)), None)
    if people is not None:
        return people, "phrase"
    verb = clause_verb(root)
    if percent and lemma(verb) in cues["share_verbs"] and (root.dep_ == "dobj" and root.head.i == verb.i or (
            root.dep_ == "pobj" and root.head.head.i == verb.i)):
        part = subject_of(verb)
        if usable(part) and not is_base(part):
            return item_noun(part, mentions), "phrase"  # 'Coal provides 24% of Czech electricity': the part
    if percent and root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.pos_ in CLAUSE_VERBS and (
            lemma(root.head.head) in cues["value_verbs"]):
        part = subject_of(root.head.head)
        if usable(part) and not is_base(part) and lemma(part) not in cues["measure_nouns"]:
            return item_noun(part, mentions), "phrase"  # 'LNG falling to 20% of generation': the part that moves
    own = complement(root, {"of", "in"}, mentions)
    after = max(inside) + 1 if inside else root.i + 1
    if money and own is None and after < len(root.doc) and root.doc[after].lower_ == "in" and (
            root.doc[after].dep_ == "prep" and root.doc[after].head.pos_ in CLAUSE_VERBS):
        # 'pays about EUR 300 million a year in transit fees': the parser hung 'in' on the verb
        paid_in = next((c for c in root.doc[after].children if c.dep_ == "pobj"), None)
        if usable(paid_in) and not is_base(paid_in):
            return item_noun(paid_in, mentions), "phrase"
    if own is None and money:
        purpose = complement(root, {"for"}, mentions)
        if purpose is not None and purpose.i not in inside and not base(purpose):
            return item_noun(purpose, mentions), "phrase"  # 'appealed for $2 billion for operations'
    if own is not None and (own.i not in inside or own.i > root.i and own.pos_ in {"NOUN", "PROPN"}) and not base(own):
        # '30% of gas exports', '$120 billion in trade', '3 million tonnes of wheat a year' (read with its unit)
        return item_noun(own, mentions), "phrase"
    if own is not None:
        spent_on = complement(own, {"on"}, mentions)
        if spent_on is not None:
            return item_noun(spent_on, mentions), "phrase"  # '2% of GDP on defence', the 'on' hung from the base
    restated = next((c for c in root.children if c.dep_ == "appos" and c.i > root.i and usable(c)
                     and lemma(c) in cues["restating_nouns"]), None)
    if restated is not None:
        return item_noun(restated, mentions), "phrase"  # 'pays USD 900 per soldier a month, a rate set in 2015'
    head = root.head
    if root.dep_ in {"compound", "nummod", "amod", "quantmod", "nmod"} and head.i > root.i and usable(head):
        return item_noun(head, mentions), "phrase"  # 'a $4.5 billion aid package'
    bounded = bounded_noun(root)
    if usable(bounded) and not is_base(bounded):
        return item_noun(bounded, mentions), "phrase"  # 'defence spending above 2% of GDP': the bound's noun
    if root.dep_ == "appos" and usable(head) and head.i not in inside:
        return item_noun(head, mentions), "phrase"
    if root.dep_ == "appos" and head.i in mentions and head.dep_ == "pobj" and usable(head.head.head) and (
            head.head.head.pos_ == "NOUN"):
        # "the UN's appeal for Somalia, USD 1.42 billion,": the parser hung the amount on the name that ends the phrase
        return item_noun(head.head.head, mentions), "phrase"
    if root.dep_ == "pobj" and head.dep_ == "prep":
        owner = head.head
        if head.lower_ == "of" and usable(owner):
            if depth < 2 and lemma(owner) in cues["measure_nouns"] | cues["change_nouns"]:
                # 'an average of 4% a year', 'an increase of 5%': what the average or increase is of
                inner = complement(owner, {"in", "of"}, mentions)
                if inner is not None and inner.i not in inside:
                    return item_noun(inner, mentions), "phrase"
                found, how = measured_noun(owner, mentions, inside, percent, money, depth + 1)
                if found is None or found.i in inside:
                    # 'a target of 4%', 'a minimum price of $40 a kilogram': the clause names nothing else, and
                    # the 'of' phrase is the figure itself; the measure is what the figure gives
                    return owner, "phrase"
                return found, how
            return item_noun(owner, mentions), "phrase"  # 'a defence budget of $50 billion'
        if head.lower_ in {"to", "at"} and owner.pos_ == "NOUN" and usable(owner) and not is_base(owner):
            return item_noun(owner, mentions), "phrase"  # 'raised its contribution to EUR 25 million'
        if owner.pos_ in {"VERB", "ADJ", "ADP"} and owner.dep_ in {"acl", "amod", "prep"} and usable(owner.head):
            return item_noun(owner.head, mentions), "phrase"  # 'contracts valued at $3bn', 'a budget equal to 2%'
        if owner.lower_ in cues["equivalence_words"] and owner.dep_ == "advcl":
            restated = next((c for c in owner.head.children if c.dep_ == "dobj"), None)
            if usable(restated):
                return item_noun(restated, mentions), "phrase"  # 'proposed a budget of $9 billion, equal to 1.8%'
    if head.lower_ == "worth":
        if usable(head.head):
            return item_noun(head.head, mentions), "phrase"  # 'trade worth $444 billion'
        object_ = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if usable(object_):
            return item_noun(object_, mentions), "phrase"  # 'had ordered radars worth EUR 3 billion'
        valued = worth_left_noun(head, mentions)
        if usable(valued):
            return item_noun(valued, mentions), "phrase"  # 'briefed the Senate on two deals with Peru worth $3bn'
        root, head = head, head.head
    verb = clause_verb(root)
    whole = complement(root, {"of"}, mentions)
    if percent and (own is None or whole is not None and is_base(whole)) and root.dep_ == "dobj" and (
            root.head.i == verb.i and lemma(verb) in cues["stake_verbs"]):
        # 'the mine, where the state holds 40 percent': a stake; 'is assessed 3 percent of the budget': the share
        return verb, "verb"
    return clause_measured_noun(root, head, mentions, inside, money)

def worth_left_noun(worth: Token, mentions: dict[int, str]) -> Token | None:
    """The noun 'worth' follows where the parser hung 'worth' on the verb: the word right before it, or, where that
    word is a named recipient or place ('sales to Peru worth'), the noun its phrase completes."""
    token = worth.doc[worth.i - 1] if worth.i > worth.sent.start else None
    for _ in range(3):
        if token is None or token.pos_ == "NOUN" and token.i not in mentions:
            return token
        if token.dep_ != "pobj" or token.head.dep_ != "prep":
            return None
        token = token.head.head
    return None


def usable_outside(token: Token | None, mentions: dict[int, str], inside: set[int]) -> bool:
    return usable_noun(token, mentions) and token is not None and token.i not in inside


OWN_ITEM = {"phrase", "pool", "purpose"}  # how measured_noun found an item of the figure's own clause, not borrowed
NOT_OWNING = {"pool", "purpose"}  # what money goes to ('to the French aircraft programme') is no owner of the money


def clause_measured_noun(root: Token, head: Token, mentions: dict[int, str], inside: set[int],
                         money: bool) -> tuple[Token | None, str]:
    """What a figure measures, read from its clause where its own phrase said nothing: what is spent on, what a
    verb changes, the verb's own noun, or the subject that has the value."""
    cues = item_cues()
    verb = clause_verb(root)
    if verb.pos_ not in CLAUSE_VERBS:
        subject = subject_of_noun_read_as_verb(verb, root)
        if usable_outside(subject, mentions, inside):
            return item_noun(subject, mentions), "subject"  # 'Wholesale power cost EUR 95', 'cost' parsed as a noun
        return None, ""
    verb_lemma = lemma(verb)
    if verb_lemma in cues["spending_verbs"]:
        # 'spends 2% of GDP on defence'; 'allocates $2 billion to health' (a named actor after 'to' receives, and
        # complement() passes actors over, so the 'to' noun here is always a purpose)
        spent_on = complement(verb, {"on", "for", "to"}, mentions)
        if spent_on is None and root.dep_ == "dobj":
            spent_on = complement(root, {"on"}, mentions)  # 'spend EUR 20 billion on radars', 'on' hung on the sum
        if spent_on is not None and spent_on.i not in inside and not is_base(spent_on):
            return item_noun(spent_on, mentions), "purpose"
    # 'was devalued by 13 percent': the parser marks a passive's 'by' as its agent, an amount there is the change
    via = head.lower_ if root.dep_ == "pobj" and head.dep_ in {"prep", "agent"} and (
        head.head.i == verb.i or head.head.dep_ == "prep" and head.head.head.i == verb.i) else None
    if via == "for" and money and any(c.dep_ == "dobj" for c in verb.children):
        # 'asked partners for USD 300 million for security': a second 'for' says what the money is for; the object
        # is only who is asked ('the appeal asks for USD 500 million for shelter' has none: the appeal's sum)
        purpose = next((c for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" and p.i != head.i
                        for c in p.children if c.dep_ == "pobj" and usable_outside(c, mentions, inside)), None)
        if purpose is not None and not is_base(purpose):
            return item_noun(purpose, mentions), "purpose"
    if via in {"to", "by", "from", "towards", "toward", "at"} or via == "for" and money:
        changed = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if usable_outside(changed, mentions, inside) or (
                changed is not None and changed.i in inside and changed.pos_ == "NOUN"):
            # 'increase gas shipments to 38 bcm'; 'puts the storm damage at $30 million': the object valued
            return item_noun(changed, mentions), "phrase"
    direct = root.head.i == verb.i or via is not None or (
        root.dep_ == "npadvmod" and (root.head.pos_ == "ADJ" or root.head.dep_ == "acomp") and (
            root.head.head.i == verb.i or root.head.i == verb.i))  # 'was 70% full', 'were 40% funded'
    given = money and verb_lemma in cues["money_verb_items"] and (verb_lemma in cues["giving_alone_verbs"] or any(
        c.dep_ == "dative" and c.i in mentions or c.dep_ == "prep" and c.lower_ in {"to", "for"} and any(
            g.dep_ == "pobj" and g.i in mentions for g in c.children) for c in verb.children))
    pool = paid_into(verb, mentions, inside) if money and root.dep_ == "dobj" else None
    if pool is not None:
        return item_noun(pool, mentions), "pool"  # 'Canada pledged CAD 80 million to the trust fund'
    if root.dep_ == "dobj" and (verb_lemma in cues["verb_items"] or given):
        return verb, "verb"  # 'it pumped 40 bcm': production; 'pledged $4.5 billion to Ukraine': aid
    if not direct or root.dep_ in SUBJECT_DEPS:
        return None, ""
    if root.dep_ == "dobj" and verb_lemma not in cues["value_verbs"]:
        return None, ""  # 'Japan pledged $4.5 billion': the subject gives, it is not what is measured
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl" or subject is None and (
            verb.dep_ == "acl" and verb.tag_ in PARTICIPLE_TAGS):
        subject = verb.head  # 'patrol boats, which cost about US$2 million each', 'ships costing $1 billion'
    if subject is not None and subject.lower_ == "each":
        # 'four frigates, each costing $900 million': each of the plural noun before it
        subject = next((t for t in reversed(root.doc[root.sent.start:subject.i]) if t.tag_ in {"NNS", "NNPS"}), None)
    if usable_outside(subject, mentions, inside):
        return item_noun(subject, mentions), "subject"  # 'arms exports declined by over 50%'
    if verb_lemma in cues["verb_items"]:
        return verb, "verb"
    return None, ""


def paid_into(verb: Token, mentions: dict[int, str], inside: set[int]) -> Token | None:
    """The pool a giving or paying verb's amount goes to ('pledged CAD 80 million to the trust fund', 'paid USD 5
    million into the appeal'): a fund noun in its 'to'/'into' complement; a named recipient is no pool."""
    cues = item_cues()
    if lemma(verb) not in set(cues["money_verb_items"]) | {"pay", "transfer", "add"}:
        return None
    pool = complement(verb, {"to", "into"}, mentions)
    return pool if pool is not None and pool.i not in inside and lemma(pool) in cues["fund_nouns"] else None


def subject_of_noun_read_as_verb(word: Token, root: Token) -> Token | None:
    """'Wholesale power cost EUR 95 per MWh': the parser read the value verb as a noun at the root, with the amount as
    its object (or apposition) and its subject as a compound; that compound is what the amount measures."""
    if word.dep_ != "ROOT" or word.pos_ != "NOUN" or root.dep_ not in {"dobj", "appos"} or root.head.i != word.i or (
            verb_forms().get(word.lower_) not in item_cues()["value_verbs"]):
        return None
    return next((c for c in reversed(list(word.lefts)) if c.dep_ in {"compound", "nsubj"}), None)


def phrase_actor(noun: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """The actor an item's own phrase names: "Japan's imports", 'Canadian potash exports', "Chile's share of ...";
    a place that only modifies ('two new Pacific patrol ships') says what kind of thing it is, not whose."""
    token = noun
    for _ in range(4):
        numbers = [c.i for c in token.children if c.dep_ == "nummod"]
        for child in token.lefts:
            if numbers and child.i < numbers[-1] and child.dep_ != "poss":
                continue  # '3,500 Philippine and 1,700 Japanese troops': another count's modifier
            if child.dep_ in {"poss", "amod", "compound", "nmod", "npadvmod"}:
                found = next((mentions[t.i] for t in child.subtree if t.i in mentions), None)
                if found is not None and (child.dep_ == "poss" or kinds.get(found) != "location") and not (
                        made_for_another(child, token, found, mentions)):
                    return found
        # up from a complement to the measure noun it completes: "Chile's share of copper output"
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "NOUN" and (
                lemma(token.head.head) in item_cues()["measure_nouns"] | item_cues()["change_nouns"]):
            token = token.head.head
            continue
        break
    return None


def counterpart_of(places: list[Token], actor: str | None, mentions: dict[int, str],
                   kinds: dict[str, str]) -> str | None:
    """The recipient, target or partner: an actor in a 'to', 'for', 'against', 'with' ... complement (or the
    indirect object) of the item, the figure or its verb; 'from' only names a partner once the owner is known."""
    preps = item_cues()["counterpart_prepositions"]
    for place in places:
        for child in place.children:
            if child.dep_ == "dative" and child.i in mentions:
                target = child
            elif child.dep_ == "dative" and child.pos_ == "ADP":  # 'was granted to Egypt' parsed as a dative
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ == "prep" and child.lower_ in preps and not (child.lower_ == "from" and actor is None):
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            else:
                continue
            found = mentions.get(target.i) if target is not None else None
            if found is not None and found != actor and kinds.get(found) in PARTY_KINDS | {"capital"}:
                return found
    return None


def prepositional_chain(token: Token, depth: int = 3) -> list[Token]:
    """Prepositions hanging from the token, and from their objects in turn ('counted ... from violence in Mali')."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep":
            found.append(child)
            if depth > 1:
                for pobj in (c for c in child.children if c.dep_ in {"pobj", "pcomp"}):
                    found += prepositional_chain(pobj, depth - 1)
    return found


COMPARISON_WORDS = {"than", "compared", "unlike", "versus"}


def sole_country(root: Token, mentions: dict[int, str], kinds: dict[str, str], counterpart: str | None) -> str | None:
    """The one state a figure's sentence is about, when the parse gave no owner: the only country named in the
    sentence outside its sources ('according to X', 'South Korea's military said') and not merely qualifying an
    organisation ("Norway's Equinor"); none when two are named or it is the figure's recipient."""
    source_verbs = item_cues()["source_verbs"]
    clauses = {root.i}
    clause = clause_verb(root)
    for _ in range(20):  # the figure's clause and the clauses it sits in, not a clause joined beside it
        clauses.add(clause.i)
        if clause.head.i == clause.i or clause.dep_ == "conj":
            break
        clause = clause_verb(clause.head)
    found: set[str] = set()
    for token in root.sent:
        if clause_verb(token).i not in clauses:
            continue
        actor = mentions.get(token.i)
        if actor is None or kinds.get(actor) != "country" or actor == counterpart or token.ent_type_ in {"LOC", "FAC"}:
            continue  # 'the South China Sea' names a place, not the state
        head = token
        while head.dep_ in {"compound", "flat", "amod", "poss", "case"} and head.head.i != head.i:
            head = head.head
            if head.i in mentions and kinds.get(mentions[head.i]) in {"organization", "person"}:
                break
        if head.i != token.i and head.i in mentions and kinds.get(mentions[head.i]) in {"organization", "person"}:
            continue  # "Norway's Equinor", 'the French defence ministry', "Japan's coast guard"
        if head.i != token.i and lemma(head) in item_cues()["place_nouns"]:
            continue  # 'the Russian port of Ust-Luga', 'Finnish waters': the state only locates
        if any(t.lower_ == "per" for t in root.doc[head.left_edge.i:token.i]):
            continue  # 'USD 11 per million British thermal units': the unit of a rate
        ancestors = list(token.ancestors)
        if any(a.lower_ in {"according", "per"} or a.dep_ in SUBJECT_DEPS and a.head.pos_ in CLAUSE_VERBS and (
                lemma(a.head) in source_verbs) for a in [token, *ancestors]):
            continue  # a source, or the unit of a rate ('per million British thermal units')
        if any(a.lower_ in COMPARISON_WORDS for a in ancestors):
            continue  # 'more than the war in Ukraine': what the figure is compared with, not what it is about
        found.add(actor)
    return found.pop() if len(found) == 1 else None


def subject_owner(subject: Token, owner_word: Token | None, verb: Token, mentions: dict[int, str],
                  kinds: dict[str, str], names: dict[str, frozenset[str]]) -> str | None:
    """Whose an ownerless figure is, read from its clause's subject: 'whose', 'it' or 'its', the speaker's
    government, a noun of an organisation's name, or a place it is measured across."""
    return (relative_owner(subject, verb, mentions) or pronoun_actor(subject, mentions, kinds)
            or pronoun_actor(owner_word, mentions, kinds) or speaker_state(subject, verb, mentions, kinds)
            or named_by_head(subject, mentions, kinds, names) or named_by_head(owner_word, mentions, kinds, names)
            or where_measured(subject, mentions, kinds))


def seated_government(subject: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'the government in Oslo', 'a finance ministry in Lima': a government noun placed in a capital is that
    capital's state's government; the capital's actor is returned (extract_figures reads it as the state). The
    model may tag a capitalised or compound 'ministry' a proper noun; the word still says what it is."""
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.i in mentions or lemma(subject) not in item_cues()[
            "government_nouns"]:
        return None
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            seat = next((mentions.get(c.i) for c in prep.children if c.dep_ == "pobj"), None)
            if seat is not None and kinds.get(seat) == "capital":
                return seat
    return None


OWNER_REACH = 2  # sentences back a bare noun may find the owner it had when last named


def owner_said_before(noun: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """"Peru's copper exports fell ... Exports climbed back to 40,000 tonnes": a bare subject noun (no owner, name or
    modifier of its own) is the same thing as the nearest earlier noun of its lemma, within two sentences, that
    a state or organisation owned ("Peru's exports", 'Peruvian exports')."""
    if noun.pos_ != "NOUN" or noun.i in mentions or any(
            c.dep_ in {"poss", "compound", "amod", "nmod", "prep", "nummod"} or c.dep_ == "det" and c.lower_ != "the"
            for c in noun.children):
        return None
    start = sentences_back(noun, OWNER_REACH)
    word = lemma(noun)
    for i in range(noun.sent.start - 1, start - 1, -1):
        token = noun.doc[i]
        if token.pos_ != "NOUN" or lemma(token) != word:
            continue
        for child in token.children:
            found = mentions.get(child.i)
            if child.dep_ in {"poss", "amod", "compound"} and found is not None and kinds.get(found) in PARTY_KINDS:
                return found
        return None  # the nearest earlier mention of the noun had no owner: nor has this one
    return None


def where_measured(noun: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'Defence spending across the EU reached EUR 381 billion': a subject measured in or across a state or
    organisation is that actor's."""
    if noun.pos_ != "NOUN" or noun.i in mentions:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in item_cues()["place_prepositions"]:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
            found = mentions.get(target.i) if target is not None else None
            if found is not None and kinds.get(found) in PARTY_KINDS:
                return found
    return None


def place_actor(places: list[Token], mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """The country an 'in'/'across' complement of the figure, its noun or its verb names ('deaths in Mali')."""
    preps = item_cues()["place_prepositions"]
    for n, place in enumerate(places):
        # the noun's whole phrase ('deaths from violence in Mali'), the figure's and verb's own complements
        candidates = [t for t in place.subtree if t.i > place.i] if n == 0 else prepositional_chain(place)
        for child in candidates:
            if child.dep_ == "prep" and child.lower_ in preps:
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
                found = mentions.get(target.i) if target is not None else None
                if found is not None and kinds.get(found) == "country":
                    return found
    return None


def is_baseline(token: Token, figure_root: Token) -> bool:
    """A date that is only a baseline: 'against the year before', 'up from 2022', 'since 2011' (unless the
    figure sits inside that same phrase: 'than during 2014-2018, when X took 20%')."""
    words = item_cues()["baseline_words"]
    for _ in range(3):  # the date, its preposition, or the word that preposition completes ('compared to')
        if lemma(token) in words or token.lower_ in words:
            return not token.left_edge.i <= figure_root.i <= token.right_edge.i
        if token.head.i == token.i or token.pos_ in CLAUSE_VERBS:
            return False
        token = token.head
    return False


def dates_another_number(date_root: Token, figure: Figure) -> bool:
    """'recorded 1,190 deaths in 2025, against 1,700 in 2024': a date hung on another number is that number's."""
    prep = date_root.head
    if date_root.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return False
    number = prep.head
    return number.like_num and not figure.start <= number.idx < figure.end


def figure_period(doc: Doc, figure: Figure, root: Token, dates: list[DateMention],
                  date_positions: Intervals) -> str | None:
    """The date the figure refers to: a date of its sentence, in its own clause first, then in a clause it sits
    in, then elsewhere in the sentence; nearest first; never a baseline of comparison. `date_positions` are the
    dates' spans, to look at the sentence's dates only."""
    sent = root.sent
    own = clause_verb(root)
    above = set()
    token = own
    for _ in range(20):
        above.add(token.i)
        if token.head.i == token.i:
            break
        token = token.head
    best: tuple[int, int, str] | None = None
    for date in (dates[i] for i in date_positions.starting(sent.start_char, sent.end_char - 1)):
        if not date.value or not (sent.start_char <= date.start < sent.end_char) or (
                date.start < figure.end and figure.start < date.end):
            continue
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        date_root = span.root
        if is_baseline(date_root, root) or dates_another_number(date_root, figure):
            continue
        clause = clause_verb(date_root)
        rank = 0 if clause.i == own.i else 1 if clause.i in above else 2
        key = (rank, abs(date_root.i - root.i), date.value)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def item_head_of(doc: Doc, text: str, figure: Figure, span: tuple[int, int] | None,
                 mentions: dict[int, str]) -> str | None:
    """The item's head form from the parse's lemmas, actor words left out ('Chilean tin exports': 'tin export')."""
    if figure.item is None:
        return None
    if span is None:
        at = text.find(figure.item, figure.start)
        chars = doc.char_span(at, at + len(figure.item), alignment_mode="expand") if at != -1 else None
        if chars is None:
            return head_form_of_text(figure.item)
        span = (chars.start, chars.end)
    lemmas = [lemma(t) for t in doc[span[0]:span[1]] if t.i not in mentions and not t.is_punct
              and t.pos_ not in {"DET", "PRON", "NUM", "PART"}]
    return head_form(lemmas) or head_form_of_text(figure.item)


def figure_confidence(figure: Figure) -> float:
    """How sure the reading is: a written unit or currency is surest, a count with its noun next, a bare count
    least; an item and owner read from the parse each add a little."""
    if figure.unit != "count":
        base = 0.8
    elif figure.item is not None:
        base = 0.7
    else:
        base = 0.5
    return round(min(1.0, base + 0.1 * (figure.item is not None) + 0.1 * (figure.actor_id is not None)), 2)


COMPARED = re.compile(r"(?:\b(?:up|down)\s+)?\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|than|to)"
                      r"(?:\s+(?:an?|the)\s+(?:average|total|peak|high|low|level)\s+of)?\s*$"
                      r"|^\s*\(\s*(?:about|around|roughly|some|approximately|nearly|almost|or)?\s*$", re.IGNORECASE)


def antecedent(figure: Figure, earlier: list[Figure], text: str, sent_start: int) -> Figure | None:
    """The figure of the same sentence this one is compared with or converted from, which says what both count:
    'NOK 31 billion, up from NOK 27 billion', 'from about 70% to roughly 45%', 'PLN 118 billion (about
    US$29 billion)', '2.4% in 2025, compared with 2.1% in 2024'."""
    for other in reversed(earlier):
        if other.end <= sent_start or other.item is None:
            continue
        gap = text[other.end:figure.start]
        if len(gap) > 80 or re.search(r"[.;:!?]", gap):
            return None
        converted = len(other.unit) == len(figure.unit) == 3 and other.unit != figure.unit
        if converted and gap.strip() == ",":
            return other  # 'KES 13 billion, roughly USD 100 million': the same amount in another currency
        same_kind = other.unit == figure.unit or converted and gap.strip() == "("
        if same_kind and COMPARED.search(gap):
            return other
    return None


APPOSITION_GAP = 40  # characters at most between a figure and the share set off after it by a comma
SET_OFF = re.compile(r"(?:,\s*(?:or\s+)?|\(\s*)$")  # ', 11 percent of', ', or 1.6% of', '(2% of'


def restated_share(figure: Figure, root: Token, earlier: list[Figure], text: str, sent_start: int) -> Figure | None:
    """'1.4 million displaced people in Haiti, more than 11 percent of the population', 'EUR 32 billion, or 1.6% of
    GDP': a share of a base set off by a comma or a bracket right after a figure restates that figure, so counts what
    it counts."""
    if figure.unit != "percent" or not any(
            c.dep_ == "pobj" and (is_base(c) or is_whole(c))
            for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children):
        return None
    other = next((f for f in reversed(earlier) if f.end <= figure.start), None)
    if other is None or other.end <= sent_start or other.item is None:
        return None
    gap = text[other.end:figure.start]
    between = root.doc.char_span(other.end, figure.start, alignment_mode="contract")
    if len(gap) > APPOSITION_GAP or not SET_OFF.search(gap) or re.search(r"[.;:!?]", gap) or (
            between is not None and any(t.pos_ in CLAUSE_VERBS for t in between)):
        return None  # a clause in between says something else: 'X rose by 5%, while imports fell to 2% of GDP'
    return other


CHANGE_AFTER = re.compile(r"\s*(?:more|less|fewer|higher|lower|above|below)\b", re.IGNORECASE)  # '5% more than'
CHANGE_BEFORE = re.compile(r",\s*(?:(?:up|down)\s+(?:by\s+)?)?$", re.IGNORECASE)  # ', up 12 percent on'
CHANGE_WORD = re.compile(r"\b(?:up|down)\s+(?:by\s+)?$", re.IGNORECASE)


def change_of_previous(figure: Figure, root: Token, earlier: list[Figure], text: str,
                       sent_start: int) -> Figure | None:
    """'a budget of EUR 50 billion, about 4 percent more than last year's', '2,100 burglaries, up 12 percent on
    2023': a percentage change set off by a comma right after a figure is the change of what that figure counts."""
    if figure.unit not in {"percent", "percentage_point"}:
        return None
    other = next((f for f in reversed(earlier) if f.end <= figure.start), None)
    if other is None or other.end <= sent_start or other.item is None or other.unit in {"percent", "percentage_point"}:
        return None
    gap = text[other.end:figure.start]
    if not CHANGE_BEFORE.search(gap) or not (CHANGE_WORD.search(gap) or CHANGE_AFTER.match(text, figure.end)):
        return None
    between = root.doc.char_span(other.end, figure.start, alignment_mode="contract")
    if len(gap) > APPOSITION_GAP or re.search(r"[.;:!?]", gap) or (
            between is not None and any(t.pos_ in CLAUSE_VERBS for t in between)):
        return None  # 'X rose to EUR 5 billion, while imports were 3 percent higher': another clause's change
    return other


def elided_count(figure: Figure, earlier: list[Figure], sent_start: int) -> Figure | None:
    """A bare count takes the noun of the count before it in its sentence: 'about 11,000 soldiers ... and more
    than 3,000 of them', '8.6 million people ... and some 3.8 million'."""
    for other in reversed(earlier):
        if other.end <= sent_start:
            return None
        if other.unit == "count" and other.item is not None:
            return other
    return None


COUNT_REACH = 3  # sentences back a bare count may find the count whose noun its sentence names again


def count_named_again(figure: Figure, earlier: list[Figure], root: Token) -> Figure | None:
    """'Peru ordered 24 trainers and 40 trucks in 2021. Deliveries of the trucks went faster; 30 were in service by
    May': a bare count takes the noun of an earlier count (within a few sentences) when its own sentence names that
    noun before it."""
    sent = root.sent
    named = {lemma(t) for t in sent if t.pos_ == "NOUN" and t.tag_ == "NNS" and t.idx < figure.start}
    if not named:
        return None
    first = sentences_back(root, COUNT_REACH)
    reach = root.doc[first].idx
    for other in reversed(earlier):
        if other.end <= reach:
            break
        if other.unit == "count" and other.item and other.item_head and other.end <= figure.start and (
                other.item_head.split()[-1] in named):
            return other
    return None


DEPLOYED_REACH = 1  # sentences back a bare count placed in a state may find the count of people it continues


def deployed_before(figure: Figure, earlier: list[Figure], root: Token, mentions: dict[int, str],
                    kinds: dict[str, str]) -> Figure | None:
    """'The mission had about 4,000 troops. Chile now keeps roughly 300 in Peru': a bare count whose sentence names
    a state counts what the last count of deployed people (troops, personnel) in its sentence or the one before
    counts."""
    if not any(kinds.get(mentions.get(t.i, "")) == "country" for t in root.sent):
        return None
    reach = root.doc[sentences_back(root, DEPLOYED_REACH)].idx
    deployed = set(item_cues()["deployed_nouns"])
    for other in reversed(earlier):
        if other.end <= reach:
            break
        if other.unit == "count" and other.item and other.item_head and other.end <= figure.start and (
                other.item_head.split()[-1] in deployed):
            return other
    return None


CONTINUED_REACH = 1  # sentences back 'a further 600 engineers' may find the count it adds to


def continued_owner(figure: Figure, earlier: list[Figure], root: Token) -> str | None:
    """'About 9,000 Chilean soldiers deployed ... A further 600 engineers were promised': a count that adds to one
    just given, with no owner of its own, is owned by the owner of the last owned count in its sentence or the one
    before."""
    leads = alternation(cue_table()["continuation_leads"])
    if figure.unit != "count" or not re.search(rf"\b(?:{leads})\s+$", doc_text(root.doc)[:figure.start],
                                                re.IGNORECASE):
        return None
    reach = root.doc[sentences_back(root, CONTINUED_REACH)].idx
    for other in reversed(earlier):
        if other.end <= reach:
            break
        if other.unit == "count" and other.actor_id is not None:
            return other.actor_id
    return None


COMMODITY_REACH = 2  # sentences back a tonnage read only from its verb may find the commodity it measures


def earlier_commodity(figure: Figure, earlier: list[Figure], root: Token) -> Figure | None:
    """'Chile mined 5.3 million tonnes of copper in 2024 ... Peru produced 2.6 million tonnes': an amount in a
    physical unit whose only item is its verb's act measures the commodity the last amount in that unit named, in
    its sentence or the two before."""
    if figure.unit in {"count", "percent", "percentage_point"} or is_currency(figure.unit):
        return None
    acts = set(item_cues()["verb_items"].values())
    reach = root.doc[sentences_back(root, COMMODITY_REACH)].idx
    for other in reversed(earlier):
        if other.end <= reach:
            break
        if other.unit == figure.unit and other.item:
            return other if other.item not in acts else None
    return None


def elided_amount(figure: Figure, earlier: list[Figure], sent_start: int) -> Figure | None:
    """An amount with nothing of its own to say what it measures takes the item of the last amount in the same
    unit in its sentence: 'carried 34 million tonnes of cargo in 2022, and wants 80 million tonnes by 2024'."""
    for other in reversed(earlier):
        if other.end <= sent_start:
            return None
        if other.unit == figure.unit and other.item is not None:
            return other
    return None


def earlier_amount(figure: Figure, earlier: list[Figure], root: Token) -> Figure | None:
    """A sum of money with nothing in its own sentence to say what it is takes the item of the last sum in the same
    currency one or two sentences before: 'EUR 150 billion in loans ... Poland is the largest borrower. Warsaw applied
    for EUR 43.7 billion'."""
    if len(figure.unit) != 3 or not figure.unit.isupper():
        return None
    doc = root.doc
    start = sentences_back(root, 2)
    first_char = doc[start].idx
    for other in reversed(earlier):
        if other.end <= first_char:
            return None
        if other.unit == figure.unit and other.item is not None:
            return other
    return None


def referring_pronoun(root: Token) -> Token | None:
    """The pronoun standing for an earlier figure that this one is a share of or restates: 'up to 75 percent of
    that', '30 percent of them', 'That is 2% of GDP', 'This amounts to 2%'."""
    cues = item_cues()
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.pos_ == "PRON" and pobj.lower_ in cues["referring_pronouns"]:
                return pobj
    verb = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "to" else root.head
    if root.dep_ not in {"attr", "dobj", "pobj"} or verb.pos_ not in CLAUSE_VERBS or lemma(verb) not in cues[
            "value_verbs"]:
        return None
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    # only a bare demonstrative: 'it' as a subject more often stands for an actor or a noun named before
    if subject is not None and subject.pos_ == "PRON" and subject.lower_ in {"that", "this"} and not any(
            subject.children) and subject.i < root.i:
        return subject
    return None


def smaller_whole(part: Figure, whole: Figure) -> bool:
    """Whether a count cannot be the whole a part of 'them' is taken from: '5,600 of them' is no part of 'the three
    members' named last, but of the 10,900 deaths before."""
    return part.unit == whole.unit == "count" and whole.value < part.value


def referred_figure(earlier: list[Figure], pronoun: Token | None, part: Figure | None = None) -> Figure | None:
    """The figure a referring pronoun stands for: the last one with an item before it, in its sentence or the one
    before ('... EUR 90 million for fuel. The donors could pay up to 40 percent of that'); 'them',
    'these' and 'those' stand only for a count."""
    if pronoun is None:
        return None
    sent = pronoun.sent
    first = pronoun.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    plural = pronoun.lower_ in item_cues()["plural_referring_pronouns"]
    for other in reversed(earlier):
        if other.end <= first:
            return None
        if other.start >= pronoun.idx or other.item is None or plural and other.unit != "count":
            continue
        if part is not None and smaller_whole(part, other):
            continue
        return other
    return None


def refers_back(token: Token, mentions: dict[int, str]) -> str | None:
    """What a word standing for an actor named before may stand for: 'it', 'its' anything ('any'); a bare 'the
    country' / "the country's" a state ('country'); 'the bloc', 'the alliance' an organisation ('group')."""
    if token.lower_ in {"it", "its", "their"}:
        return "any"
    # 'the army', 'the police': a state's own force stands for the state named before as a government does
    governs = lemma(token) in item_cues()["government_nouns"] or token.lower_ in item_cues()["state_force_nouns"]
    # 'the interim government': a government may carry an adjective that names no actor
    modifiers = {"compound", "nmod", "prep", "poss"} if governs else {"amod", "compound", "nmod", "prep", "poss"}
    if token.pos_ != "NOUN" or token.i in mentions or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children) or any(
            c.dep_ in modifiers or c.dep_ == "amod" and any(t.i in mentions for t in c.subtree)
            for c in token.children):
        return None
    if lemma(token) in item_cues()["anaphor_nouns"] or governs:
        return "country"  # 'the country'; 'the government' (with no state of its own) is the state's named before
    if lemma(token) in item_cues()["anaphor_group_nouns"]:
        return "group"
    return None


def name_words(actors: list[Actor]) -> dict[str, frozenset[str]]:
    """The capitalised words of each organisation's full name, lower-cased: an acronym's mention ('UNOCA') still
    names a 'Mission' or a 'Force' when the gazetteer or the text spells the name out."""
    return {a.actor_id: frozenset(w.lower() for w in re.findall(r"[A-Z][\w'’-]*", a.name))
            for a in actors if a.kind in {"organization", "group"}}


def named_by_head(token: Token | None, mentions: dict[int, str], kinds: dict[str, str],
                  names: dict[str, frozenset[str]] | None = None) -> str | None:
    """'the mission', 'the new force', "the agency's": a bare common noun (an adjective allowed) that is a word of
    an organisation's name stands for the nearest such organisation named before ('the African Union Mission in
    Somalia ... The mission is authorised at 11,826 personnel'), also where the name was written as its acronym
    and `names` (name_words) spells it out."""
    if token is None or token.pos_ != "NOUN" or token.i in mentions or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children) or any(
            c.dep_ in {"compound", "nmod", "prep", "poss"} for c in token.children):
        return None
    word = token.lower_
    for i in range(token.i - 1, max(-1, token.i - 1500), -1):  # about the last few paragraphs
        found = mentions.get(i)
        if found is None or kinds.get(found) not in {"organization", "group"}:
            continue
        if token.doc[i].lower_ == word and token.doc[i].is_title or word in (names or {}).get(found, ()):
            return found
    return None


def pronoun_actor(pronoun: Token | None, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'it', 'its' or 'the country' standing for the actor the text is about: the nearest earlier mention of a
    state or organisation that is (or owns) a subject, in its sentence or the two before ("Egypt's production ...
    it peaked"; 'Sweden ... It approved ..., and the country will train'); words that refer back themselves are
    passed over, as they stand for the same actor."""
    stands_for = None if pronoun is None else refers_back(pronoun, mentions)
    if pronoun is None or stands_for is None:
        return None
    # 'it' reaches one sentence back, 'the country' two
    first = sentences_back(pronoun, 1 if stands_for == "any" else 2)
    for i in range(pronoun.i - 1, first - 1, -1):
        found = mentions.get(i)
        # 'Canberra said ... it will send': a capital acting stands for its government (read as its state later)
        if found is None or kinds.get(found) not in PARTY_KINDS and not (
                stands_for == "any" and kinds.get(found) == "capital"):
            continue
        if stands_for == "country" and kinds.get(found) != "country" or stands_for == "group" and kinds.get(
                found) not in {"organization", "group"}:
            continue
        token = pronoun.doc[i]
        while token.dep_ in {"compound", "flat", "amod"} and token.head.i != token.i:
            token = token.head
        if any(a.dep_ == "relcl" for a in token.ancestors):
            # 'The Council, where Russia held the chair, ... Its members': the clause's own subject; so is a subject
            # deeper inside a relative clause ('the force, which has served since Kenya and Chad asked, ... its')
            continue
        about = stands_for != "any" and in_subject_phrase(token, mentions)
        if not in_subject(token) and not about:
            continue  # 'after Chad and Niger asked for it': a list that is no subject says nothing about 'it'
        if token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
            return None  # 'Poland and Hungary ... It': which one is unclear
        if token.dep_ in SUBJECT_DEPS or token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS or about:
            return found
    return None


def in_subject_phrase(token: Token, mentions: dict[int, str]) -> bool:
    """'The shift towards Chile matters ...': a state named in a preposition's phrase on a subject noun that names
    no actor itself is what the sentence is about, so 'the country' after it is that state (not 'it': 'it' is the
    shift)."""
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    noun = token.head.head
    return noun.pos_ == "NOUN" and noun.dep_ in SUBJECT_DEPS and noun.i not in mentions


def receiver_swap(verb: Token, subject: Token | None, places: list[Token], figure: Figure,
                  mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'Ukraine received 31 tanks from Australia': the giver of a 'from' phrase of a receiving verb, where the
    subject that receives was read as the owner."""
    if subject is None or verb.pos_ not in CLAUSE_VERBS or lemma(verb) not in item_cues()["receiving_verbs"]:
        return None
    # 'It has received ...': a pronoun subject that was read as its state receives as well as a named one
    if figure.actor_id is None or figure.actor_id not in {actor_of_phrase(subject, mentions),
                                                         pronoun_actor(subject, mentions, kinds)}:
        return None
    sourced = False
    # 'from' on the verb, the figure or its noun, or on the last member of the noun's list ('received 60 trucks,
    # 20 vans and a set of radios from Oslo')
    places = places + [m for place in places if place.pos_ in {"NOUN", "PROPN"} for m in list_members(place)]
    for prep in (c for place in places for c in place.children):
        if prep.dep_ == "prep" and prep.lower_ == "from":
            sourced = True
            giver = next((mentions.get(c.i) for c in prep.children if c.dep_ == "pobj"), None)
            # 'from Canberra': a capital gives for its state (extract_figures reads it as the state)
            if giver is not None and giver != figure.actor_id and kinds.get(giver) in PARTY_KINDS | {"capital"}:
                return giver
    # a 'from' that names no actor ('from stocks') says where it came from: no giver to guess
    return None if sourced else giver_before(verb, figure.actor_id, mentions, kinds)


def given_from(noun: Token | None, figure: Figure, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'depends on a USD 7 billion loan from the IMF', "aid from the EU's new fund": the party a given noun's 'from'
    phrase names (or owns) gives it, whatever the clause's subject does with it."""
    if noun is None or lemma(noun) not in item_cues()["given_nouns"]:
        return None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"):
        source = next((c for c in prep.children if c.dep_ == "pobj"), None)
        giver = actor_of_phrase(source, mentions) if source is not None else None
        if giver is not None and giver != figure.actor_id and kinds.get(giver) in PARTY_KINDS | {"capital"}:
            return giver
    return None


def list_members(noun: Token) -> list[Token]:
    """The nouns listed after `noun` as its conjuncts or appositions ('60 trucks, 20 vans and a set of radios')."""
    found: list[Token] = []
    stack = [noun]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in {"conj", "appos"} and child.pos_ in {"NOUN", "PROPN"}:
                found.append(child)
                stack.append(child)
                # 'a set of radios from Oslo': the 'from' may hang on the noun a member measures
                found += [c for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                          for c in p.children if c.dep_ == "pobj"]
    return found


def object_clause_owner(noun: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'the 40,000 troops the UN had deployed', 'the 12 jets that Chile bought': a relative clause whose subject
    is a state or organisation and whose object is the counted noun itself says whose the count is (unless the
    noun's own phrase names an owner: 'the 300 Chinese workers the firm hired' stay China's)."""
    if mentions.get(noun.i) or phrase_actor(noun, mentions, kinds):
        return None
    for clause in noun.children:
        if clause.dep_ != "relcl" or clause.pos_ not in CLAUSE_VERBS or any(
                c.dep_ in {"dobj", "attr", "nsubjpass"} and c.tag_ not in {"WDT", "WP"} for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        found = actor_of_phrase(subject, mentions) if subject is not None else None
        if found is not None and kinds.get(found) in PARTY_KINDS and not is_source(subject) and (
                lemma(clause) not in item_cues()["source_verbs"]):
            return found
    return None


FLOW_REACH = 3  # sentences back a sum that goes on to a receiver may find the sum whose payer pays it


def flow_payer(root: Token, verb: Token, figure: Figure, earlier: list[Figure], mentions: dict[int, str],
               kinds: dict[str, str]) -> tuple[str, str | None] | None:
    """'Oslo has committed NOK 3 billion to the trust fund ... A further NOK 1.2 billion goes to the coast guard': a sum
    that is the subject of a flow verb with a 'to' is paid by the payer of the nearest earlier sum (in its sentence
    or the three before) that another than the receiver owns; returns (payer, receiver)."""
    if not (len(figure.unit) == 3 and figure.unit.isupper()) or root.dep_ not in {"nsubj", "nsubjpass"} or (
            root.head.i != verb.i or lemma(verb) not in item_cues()["flow_verbs"]):
        return None
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if to is None:
        return None
    goal = next((c for c in to.children if c.dep_ == "pobj"), None)
    receiver = actor_of_phrase(goal, mentions) if goal is not None else None
    first = sentences_back(root, FLOW_REACH)
    first_char = root.doc[first].idx
    for other in reversed(earlier):
        if other.end <= first_char:
            return None
        # a capital's seat of government stands for its state here too (extract_figures reads it as the state)
        if len(other.unit) == 3 and other.unit.isupper() and other.actor_id is not None and (
                kinds.get(other.actor_id) in PARTY_KINDS | {"capital"} and other.actor_id != receiver):
            return other.actor_id, receiver or figure.counterpart_actor_id
    return None


def flow_purpose(verb: Token, mentions: dict[int, str]) -> Token | None:
    """What a sum that goes to a receiver pays for: the noun of a 'for' on the verb or its receiver ('for new
    radars') or the object of a purpose infinitive ('to build radars')."""
    goals = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for c in p.children if c.dep_ == "pobj"]
    for child in [c for head in [verb, *goals] for c in head.children]:
        if child.dep_ == "prep" and child.lower_ == "for":
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if usable_noun(noun, mentions):
                return noun
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp"} and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            noun = next((c for c in child.children if c.dep_ == "dobj"), None)
            if usable_noun(noun, mentions):
                return noun
    return None


GIVER_REACH = 2  # sentences back a receiving clause with no 'from' may find its giver


def giver_before(verb: Token, receiver: str | None, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'Madrid began paying for Quito's training. ... In 2021 Quito received a first grant of USD 5 million': with no
    'from', the giver is the state last named as a subject in the two sentences before, if it is another state than
    the receiver; none where the nearest subject state is the receiver or a list."""
    start = sentences_back(verb, GIVER_REACH)
    for i in range(verb.sent.start - 1, start - 1, -1):
        found = mentions.get(i)
        token = verb.doc[i]
        if found is None or kinds.get(found) != "country" or not in_subject(token) or (
                token.dep_ == "compound" and token.head.pos_ == "PROPN" and token.head.i not in mentions):
            continue  # 'the Peru Relief Act of 2020 provided ...': a state in another name's words is no subject
        if found == receiver or token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
            return None
        return found
    return None


def relative_owner(subject: Token, verb: Token, mentions: dict[int, str]) -> str | None:
    """'the Wagner Group, whose fighters were paid $10 million': 'whose' is the noun the clause describes."""
    whose = next((c for c in subject.children if c.dep_ == "poss" and c.tag_ == "WP$"), None)
    if whose is None or verb.dep_ != "relcl":
        return None
    return actor_of_phrase(verb.head, mentions)


GAP_PREPOSITIONS = {"to", "for", "at", "with", "by", "of"}  # 'Latvia's to 2.9 percent', 'Chad for 1,200'


def elided_noun_start(doc: Doc, at: int, sent_start: int) -> int:
    """The token a gapped conjunct's owner ends on, read back from `at` (the token before the figure) over what stays
    of the left-out verb and noun: a preposition ('Chad for 1,200') and a possessive mark whose noun is left out
    ("Latvia's to 2.9 percent"). Returns `at` itself where neither is there."""
    if at > sent_start and doc[at].lower_ in GAP_PREPOSITIONS and doc[at].pos_ in {"ADP", "PART"}:
        at -= 1
    if at > sent_start and doc[at].lower_ in {"'s", "’s"}:
        at -= 1
    return at


def elided_noun(doc: Doc, figure: Figure) -> bool:
    """Whether a figure stands in a gapped conjunct that leaves out its noun as well as its verb ("Latvia's to
    2.9 percent", 'Chad for 1,200'): such a figure counts what the list's first figure counts."""
    first = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if first is None or not len(first) or first[0].i == 0:
        return False
    at = first[0].i - 1
    return elided_noun_start(doc, at, first[0].sent.start) != at


def gapped_subject(doc: Doc, figure: Figure, earlier: list[Figure], mentions: dict[int, str],
                   kinds: dict[str, str]) -> str | None:
    """'Kenya hosts 500,000 refugees, Uganda about 300,000 and Rwanda 90,000': with the verb left out, the state
    right before the figure, in a list after an earlier figure of the same unit in the sentence, is its subject."""
    first = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if first is None or not len(first) or first[0].i == 0:
        return None
    at = first[0].i - 1
    while at > first[0].sent.start and doc[at].pos_ == "ADV" and at >= first[0].i - 2:
        at -= 1  # 'Canada only 5 percent': an adverb between the state and its figure
    at = elided_noun_start(doc, at, first[0].sent.start)
    before = doc[at]
    found = mentions.get(before.i)
    if found is None or kinds.get(found) not in PARTY_KINDS:
        return None
    start = before.i
    while start - 1 >= before.sent.start and mentions.get(start - 1) == found:
        start -= 1  # the whole name: 'South Sudan'
    if start - 1 > before.sent.start and doc[start - 1].lower_ == "the":
        start -= 1  # 'and Canada more than 300'
    if start == before.sent.start or doc[start - 1].lower_ not in {",", "and", ";"}:
        return None
    # an earlier figure of the sentence, or at least a number, that the verb left out governs
    sent_start = before.sent.start_char
    return found if any(other.start >= sent_start and other.end <= doc[start].idx and other.unit == figure.unit
                        for other in earlier) or any(t.like_num for t in doc[before.sent.start:start]) else None


def speaker_state(subject: Token | None, verb: Token, mentions: dict[int, str], kinds: dict[str, str]) -> str | None:
    """'The Dutch defence minister said the government would buy 12 drones': a bare 'the government' or 'his
    government' stands for the state of the person whose words the clause is (their own phrase names it)."""
    if subject is None or subject.i in mentions or lemma(subject) not in item_cues()["government_nouns"]:
        return None
    if any(c.dep_ in {"amod", "compound", "nmod", "prep"} for c in subject.children):
        return None  # 'the regional government', 'the government of X': not simply the speaker's
    clause = verb
    for _ in range(3):
        if clause.dep_ not in {"ccomp", "conj", "xcomp"} or clause.head.i == clause.i:
            return None
        clause = clause.head
        speaker = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if speaker is None:
            continue
        found = actor_of_phrase(speaker, mentions)
        if found is not None and kinds.get(found) == "person":
            found = affiliation(speaker, found, mentions, kinds)
        return found if found is not None and kinds.get(found) == "country" else None
    return None


def amount_root(chars: Span, figure: Figure) -> Token | None:
    """The root of a rate's amount without its denominator ('KES 180' of 'KES 180 a litre'), where the parser
    made the denominator the head of the whole span and hung it on the verb ('pushed prices to KES 180 a litre':
    'litre' as the object): the amount's own attachment then says what it measures."""
    if figure.per is None or chars.root.i != chars.end - 1 or len(chars) < 3:
        return None
    if chars[-2].lower_ not in cue_table()["rate_determiners"]:
        return None
    return chars[:-2].root


def qualified_amount(chars: Span, mentions: dict[int, str]) -> Token | None:
    """'owed about USD 3 billion in unpaid dues': the parser took the qualifier for a preposition and made it the
    span's head; the amount it governs carries the 'in' or 'of' phrase that says what is measured."""
    first = chars.root
    if first.pos_ != "ADP" or first.i != chars.start:
        return None
    amount = next((c for c in first.children if c.dep_ == "pobj" and c.i < chars.end), None)
    measured = complement(amount, {"in", "of"}, mentions) if amount is not None else None
    # 'under 4% of GDP': a base it is compared to says nothing of what is measured; the bound's noun does
    return amount if measured is not None and not is_base(measured) else None


def describe(doc: Doc, figures: list[Figure], mentions: dict[int, str], kinds: dict[str, str],
             dates: list[DateMention], names: dict[str, frozenset[str]] | None = None) -> None:
    """Fill what each figure is about: item (where the counted noun did not give one), owner, counterpart,
    period, item head form and confidence."""
    text = doc_text(doc)
    names = names or {}
    verb_items = item_cues()["verb_items"]
    done: list[Figure] = []
    date_positions = Intervals([(d.start, d.end) for d in dates])
    for figure in figures:
        chars = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if chars is None or not len(chars):
            figure.confidence = figure_confidence(figure)
            done.append(figure)
            continue
        root = qualified_amount(chars, mentions) or chars.root
        inside = {t.i for t in chars}
        sent_start = root.sent.start_char
        noun: Token | None = None
        span: tuple[int, int] | None = None
        borrowed: Figure | None = None
        found: Token | None = None
        how = ""
        if figure.item is None and elided_noun(doc, figure) and gapped_subject(doc, figure, done, mentions, kinds):
            borrowed = elided_amount(figure, done, sent_start)  # "Latvia's to 2.9 percent": the list's noun
        if figure.item is None and borrowed is None:
            found, how = measured_noun(root, mentions, inside, figure.unit in {"percent", "percentage_point"},
                                       len(figure.unit) == 3 and figure.unit.isupper())
            amount = amount_root(chars, figure)
            if found is None and amount is not None:
                root = amount
                found, how = measured_noun(root, mentions, inside, figure.unit in {"percent", "percentage_point"},
                                           len(figure.unit) == 3 and figure.unit.isupper())
            if how not in OWN_ITEM:  # 'nuclear power accounts for 40% of it': the part the clause names comes first
                borrowed = referred_figure(done, referring_pronoun(root), figure) or restated_share(
                    figure, root, done, text, sent_start) or change_of_previous(figure, root, done, text, sent_start)
            elif found is not None and is_whole(found):  # 'USD 9 billion on schools, 18 percent of total outlays'
                borrowed = restated_share(figure, root, done, text, sent_start)
            if borrowed is None and (how not in OWN_ITEM or found is not None and lemma(found) in item_cues()[
                    "measure_nouns"] and complement(found, {"of"}, mentions) is None):
                borrowed = antecedent(figure, done, text, sent_start)
                if borrowed is None and figure.unit == "count":
                    borrowed = elided_count(figure, done, sent_start)
            if borrowed is None and found is None:
                borrowed = elided_amount(figure, done, sent_start) or earlier_amount(figure, done, root)
            if borrowed is None and found is None and figure.unit == "count":
                borrowed = count_named_again(figure, done, root) or deployed_before(figure, done, root, mentions,
                                                                                    kinds)
            if borrowed is None and how == "verb":
                borrowed = earlier_commodity(figure, done, root)
        if figure.item is None:
            if borrowed is not None:
                figure.item, figure.item_head = borrowed.item, borrowed.item_head
                if figure.actor_id is None:
                    figure.actor_id = borrowed.actor_id
                figure.counterpart_actor_id = figure.counterpart_actor_id or borrowed.counterpart_actor_id
            elif how == "verb" and found is not None:
                figure.item = verb_items.get(lemma(found)) or item_cues()["stake_verbs"].get(lemma(found)) or (
                    item_cues()["money_verb_items"][lemma(found)])
            elif found is not None:
                noun = found
                span = item_span(doc, noun, figure, mentions)
                figure.item = doc[span[0]:span[1]].text.strip(" -") or None
        elif root.pos_ in {"NOUN", "PROPN"}:
            noun = root
        verb = outer_verb_of_small_clause(clause_verb(root), root)
        subject = subject_of(verb) if verb.pos_ in CLAUSE_VERBS or read_as_noun(verb) else None
        if noun is not None and how not in NOT_OWNING and not counts_part_of(figure, noun, inside):
            own = mentions.get(noun.i) or phrase_actor(noun, mentions, kinds)
            if own is None:
                owner_word = next((c for c in noun.children if c.dep_ == "poss"), None)
                own = pronoun_actor(owner_word, mentions, kinds) or named_by_head(owner_word, mentions, kinds, names)
            if own is not None and own != figure.actor_id:
                if figure.actor_id is not None and kinds.get(figure.actor_id) in PARTY_KINDS and \
                        figure.counterpart_actor_id is None and figure.unit != "count":
                    figure.counterpart_actor_id = figure.actor_id  # 'India took 30% of Qatar's gas exports'
                figure.actor_id = own
        figure.actor_id = elided_possessor(root, mentions, kinds) or figure.actor_id
        if noun is not None and how not in NOT_OWNING and not counts_part_of(figure, noun, inside):
            figure.actor_id = object_clause_owner(noun, mentions, kinds) or figure.actor_id
        # 'UNICEF, which verified 300 cases': a relative clause's 'which' is the name it hangs from; not with a
        # tally verb, which there often says what the name has ('the mission, which once counted 13,000 troops')
        reporter = verb.head if subject is not None and subject.tag_ in {"WDT", "WP"} and (
            verb.dep_ == "relcl") and lemma(verb) not in item_cues()["tally_verbs"] else subject
        if verb.pos_ in CLAUSE_VERBS and lemma(verb) in item_cues()["source_verbs"] and reporter is not None and (
                figure.actor_id is not None and figure.actor_id == actor_of_phrase(reporter, mentions)):
            # 'ACLED recorded 8,400 deaths in Burkina Faso': the subject only reports; the place is whose they are,
            # but 'Malta registered 500 arrivals' counts on its own ground
            place = place_actor([t for t in (noun, root, verb) if t is not None], mentions, kinds)
            if (place is not None or kinds.get(figure.actor_id) != "country" or lemma(verb) not in item_cues()[
                    "tally_verbs"]) and (place is not None or not values_own_cost(verb, root, figure, mentions)):
                figure.actor_id = place
        if subject is not None and lemma(verb) in item_cues()["hosting_verbs"]:
            figure.actor_id = actor_of_phrase(subject, mentions) or pronoun_actor(
                subject, mentions, kinds) or figure.actor_id  # 'Jordan hosts 650,000 Syrians': Jordan's
        figure.actor_id = gapped_subject(doc, figure, done, mentions, kinds) or figure.actor_id
        seat = seated_government(subject, mentions, kinds) if subject is not None else None
        if seat is not None and kinds.get(figure.actor_id or "") in {None, "location"}:
            figure.actor_id = seat  # 'the government in Oslo presented an Arctic package worth ...': Norway's
        if figure.actor_id is None and subject is not None:
            owner_word = next((c for c in subject.children if c.dep_ == "poss"), None)
            figure.actor_id = subject_owner(subject, owner_word, verb, mentions, kinds, names) or owner_said_before(
                subject, mentions, kinds)
        places = [t for t in (noun, root, verb, subject) if t is not None]
        if span is not None:
            places += [t for t in doc[span[0]:span[1]] if t.pos_ == "NOUN"]
        holder = noun
        for _ in range(2):  # 'the sale of 30 tractors to Uganda': the noun the item completes
            if holder is None or holder.dep_ != "pobj" or holder.head.lower_ != "of" or holder.head.head.pos_ != "NOUN":
                break
            holder = holder.head.head
            places.append(holder)
        if figure.counterpart_actor_id is None:
            figure.counterpart_actor_id = counterpart_of(places, figure.actor_id, mentions, kinds)
        if figure.actor_id is None:
            figure.actor_id = sole_country(root, mentions, kinds, figure.counterpart_actor_id) or continued_owner(
                figure, done, root)
        giver = receiver_swap(verb, subject, places, figure, mentions, kinds) or given_from(noun, figure, mentions,
                                                                                              kinds)
        if giver is not None:
            figure.actor_id, figure.counterpart_actor_id = giver, figure.actor_id
        flow = flow_payer(root, verb, figure, done, mentions, kinds)
        if flow is not None:
            figure.actor_id, figure.counterpart_actor_id = flow
            purpose = flow_purpose(verb, mentions) if figure.item is None or borrowed is not None else None
            if purpose is not None:  # 'goes to the navy for new radars', '... to build radars': what it pays for
                noun = purpose
                span = item_span(doc, noun, figure, mentions)
                figure.item = doc[span[0]:span[1]].text.strip(" -") or None
                borrowed = None  # the head form is read from the purpose's words
        company = described_company(subject, mentions, kinds) if subject is not None else None
        if company is not None and kinds.get(figure.actor_id or "") in {None, "country"}:
            figure.actor_id = company  # 'The Swedish firm now builds 12 radars a year': the firm, not Sweden
        if is_market_price(figure) and caused_by(subject, figure.actor_id, mentions, kinds):
            figure.actor_id = None  # "Its siege drove diesel to $2 a litre": the siege's owner sets no price
        figure.period = figure_period(doc, figure, root, dates, date_positions)
        if borrowed is None:
            figure.item_head = item_head_of(doc, text, figure, span, mentions)
        figure.confidence = figure_confidence(figure)
        done.append(figure)
