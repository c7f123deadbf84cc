"""Dates: temporal expressions normalised to ISO 8601, relative ones resolved against the publication date.

The grammar (extractors/temporal.py) proposes spans from the text; this module uses the parse to drop the
ones that are not dates (counts and identifiers that look like years, 'May' the modal verb, 'Jonas May'),
to read the tense a weekday or a month without a year is meant in, and to find the date a phrase such as
'the previous year' counts from.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from extractors.nlp import doc_text
from extractors.records import ArticleContext, DateMention
from extractors.temporal import (
    FUTURE,
    PART_MONTHS,
    PAST,
    PRESENT,
    Candidate,
    Resolved,
    add_months,
    calendar_day,
    find_candidates,
    lexicon,
    merge_ranges,
    parse_published,
    resolve,
    week_value,
)

# A whitespace-delimited chunk with a slash between letters or digits and letters, or a scheme: a URL or a path
# ('uploads/2019-05/brief_1905.pdf'), whose numbers are not dates.
LINK = re.compile(r"https?://|www\.|\S@\S|[\w.-]/[\w.-]*[A-Za-z_]|\S\.(?:pdf|html?|aspx?|php)\b")
CHUNK = re.compile(r"\S+")
PREVIOUS_WORD = re.compile(r"([\w.'’&-]+|[(\[,;:])\s*$")
NEXT_WORD = re.compile(r"^\s*([\w%'’]+|[)\],;:.])")
# Modals on a bare verb look ahead ('must act before June'); with 'have' they look back, caught as past first.
FUTURE_AUXILIARIES = {"will", "'ll", "’ll", "shall", "wo", "would", "going", "must", "should", "can", "may", "might",
                      "ought"}
PAST_AUXILIARIES = {"has", "have", "had", "was", "were", "did", "been", "'ve", "’ve", "'d", "’d"}
COUNT_CUES = {"over", "nearly", "almost", "approximately", "roughly", "some", "about", "least", "only", "just",
              "total", "than", "additional", "another", "further", "extra", "all"}
MONTH_CUES = {"in", "since", "by", "until", "till", "before", "after", "during", "from", "through", "of", "early",
              "mid", "late", "last", "this", "next", "the", "on", "to", "and", "or", "between", "end", "beginning",
              "start", "middle", "'s", "’s", "past", "coming", "(", ","}
# a weekday, or several, before a plural part of the day: 'on Friday and Saturday nights', 'Sunday mornings'
RECURRING_PARTS = re.compile(
    r"(?:\s*(?:,|and|or|&)\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))*\s+"
    r"(?:mornings|afternoons|evenings|nights)\b", re.IGNORECASE)
MONTH_NAME_OF = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z][a-z]")  # a month word that heads a name
REPORTING_KINDS = {"weekday", "deictic"}  # when a news report was made, rarely what it compares
# between a quarter and the date it ends on: 'its second quarter ended March 31', 'the half ending in May'
PERIOD_END = re.compile(r"\s*,?\s*(?:(?:that|which)\s+)?(?:ended|ending|ends|to\s+end)\s+(?:on\s+|in\s+)?",
                        re.IGNORECASE)
WEEK_OF = re.compile(r"\b(?:the\s+)?week\s+(?:of|beginning|starting)\s+(?:(?:on|the)\s+)?$", re.IGNORECASE)
# a quarter or a half as the months it spans within one year: '2023-07/2023-09'
PERIOD_VALUE = re.compile(r"(\d{4})-\d{2}/\1-\d{2}")
OPENING_QUOTES = {'"', "“", "'", "‘", "`"}
DURATION_CUES = {"over", "for", "within", "throughout", "during"}


def extract_dates(doc: Doc, ctx: ArticleContext) -> list[DateMention]:
    text = doc_text(doc)
    today = parse_published(ctx.published)
    # tested chunk by chunk: one pattern over the whole text backtracks quadratically on long runs without spaces
    links = [m.span() for m in CHUNK.finditer(text) if LINK.search(m.group())]
    kept = [c for c in find_candidates(text)
            if not ctx.is_blocked(c.start, c.end)
            and not any(c.start < e and c.end > s for s, e in links)
            and is_date(doc, text, c)]
    found: list[DateMention] = []
    anchors: list[tuple[int, str, Resolved]] = []

    def in_context(candidate: Candidate) -> tuple[Candidate, Resolved | None]:
        tense = tense_at(doc, candidate.start, candidate.end) if needs_tense(candidate) else None
        dated = with_sentence_year(doc, candidate, anchors, today, tense)
        return dated, resolve(dated, today, tense if needs_tense(dated) else None, anchor_for(text, candidate, anchors))

    candidates = merge_ranges(text, kept)
    for i, candidate in enumerate(candidates):
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        ended_relative = False  # 'the quarter ended Sept. 30' is as relative as its end date
        if following is not None and candidate.kind == "part" and PERIOD_END.fullmatch(
                text[candidate.end:following.start]):
            end = in_context(following)[1]
            candidate = ended_period(candidate, end)
            ended_relative = end is not None and end.relative
        dated, resolved = in_context(candidate)
        if resolved is None:
            continue
        relative = resolved.relative or dated is not candidate or ended_relative
        start, value = candidate.start, resolved.value
        week_of = WEEK_OF.search(text, max(0, start - 20), start)
        if week_of is not None and resolved.cal is not None and resolved.cal.day and candidate.kind == "calendar":
            # 'the week of June 8': that day's week
            start, value = week_of.start(), week_value(date(resolved.cal.year, resolved.cal.month, resolved.cal.day))
        found.append(DateMention(text[start:candidate.end], start, candidate.end, value, relative))
        if resolved.value is not None:
            kind = "comparison" if candidate.data.get("keep") else candidate.kind
            anchors.append((candidate.start, kind, resolved))
    return found


# ---------------------------------------------------------------------------------------------------------
# Is it a date?


def previous_word(text: str, start: int) -> str:
    match = PREVIOUS_WORD.search(text[max(0, start - 40):start])
    return match.group(1).lower() if match else ""


def next_word(text: str, end: int) -> str:
    match = NEXT_WORD.match(text[end:end + 40])
    return match.group(1).lower() if match else ""


def tokens_at(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def is_date(doc: Doc, text: str, candidate: Candidate) -> bool:
    if candidate.kind in {"year", "year_range"}:
        return is_year(doc, text, candidate)
    for start, end in candidate.name_spans:
        if not is_name_a_date(doc, text, candidate, start, end):
            return False
    if "day_span" in candidate.data and modifies_a_noun(doc, *candidate.data["day_span"]):
        return False  # 'finished in March second place': an ordinal of the noun after it
    before = previous_word(text, candidate.start)
    if candidate.kind == "calendar" and candidate.cal.year is None and next_word(text, candidate.end) in lexicon()[
            "count_units"]:
        return False  # 'in May 2 million people'
    if candidate.kind in {"month", "weekday", "season"} and before in {"each", "every"}:
        return False  # 'each October', 'every Sunday': a recurring time, not a date
    if candidate.kind == "weekday" and RECURRING_PARTS.match(text, candidate.end):
        return False  # 'on Friday and Saturday nights': every such night, not one
    if candidate.kind in {"relative", "deictic"} and is_title(text, candidate):
        return False  # a programme or a heading in quotes: 'told "This Month in Science"'
    if candidate.kind == "deictic" and before == "of" and text[candidate.start:candidate.end].lower() == "tomorrow":
        return False  # 'the industries of tomorrow': the future in general
    if candidate.kind == "month" and MONTH_NAME_OF.match(text, candidate.end):
        return False  # 'the March for Jobs', 'the March of Hope': a name
    if candidate.kind == "relative" and before == "the":
        return False  # 'the last year', 'the next week' measure time rather than name it
    if candidate.kind == "weekend" and before not in {"over", "during", "at", "on", "for", "this", "past"}:
        return False  # 'the weekend' as a time of week in general
    if candidate.kind == "anaphoric" and before in DURATION_CUES:
        return False  # 'over the next year'
    if candidate.kind in {"month", "season"} and not candidate.data.get("rel") and is_generic(doc, candidate):
        return False  # 'Rainfall in April has doubled per decade': any April, not one
    return True


def modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
    """The words at start..end qualify a noun that follows them."""
    span = tokens_at(doc, start, end)
    if span is None:
        return False
    last = span[-1]
    return last.dep_ in {"amod", "nummod", "compound"} and last.head.i > last.i and last.head.pos_ == "NOUN"


def is_title(text: str, candidate: Candidate) -> bool:
    """A relative phrase in title case right after an opening quote: the name of a programme or a column."""
    words = text[candidate.start:candidate.end].split()
    return len(words) > 1 and all(w[:1].isupper() for w in words) and text[max(0, candidate.start - 1):
                                                                            candidate.start] in OPENING_QUOTES


def is_generic(doc: Doc, candidate: Candidate) -> bool:
    """A month or season named as a time of any year: after 'in'/'during', in a present or present-perfect clause
    that states a rate or a habit ('per decade', 'every year', 'usually')."""
    lex = lexicon()
    span = tokens_at(doc, candidate.start, candidate.end)
    if span is None:
        return False
    preposition = span.root.head
    if preposition.dep_ != "prep" or preposition.lower_ not in lex["generic_prepositions"]:
        return False  # 'since September', 'by September': a point in time
    verb = verb_of(preposition)
    if verb is None:
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    perfect = verb.tag_ == "VBN" and bool(auxiliaries & {"has", "have", "'ve", "’ve"})
    present = verb.tag_ in {"VBZ", "VBP"} and not auxiliaries & (PAST_AUXILIARIES | FUTURE_AUXILIARIES)
    if not (perfect or present):
        return False
    rate_words, rate_units = set(lex["generic_rate_words"]), set(lex["generic_rate_units"])
    for token in verb.subtree:
        if span.start <= token.i < span.end:
            continue
        if token.lower_ in lex["generic_adverbs"] and token.dep_ == "advmod":
            return True
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.lower_ in rate_words and following is not None and following.lower_ in rate_units:
            return True
    return False


def is_name_a_date(doc: Doc, text: str, candidate: Candidate, start: int, end: int) -> bool:
    """A month or weekday word that is a modal verb ('may') or part of a name ('Jonas May') is no date."""
    span = tokens_at(doc, start, end)
    if span is None:
        return True
    token = span[0]
    if token.tag_ == "MD" or token.ent_type_ in {"PERSON", "ORG", "WORK_OF_ART"}:
        return False
    standalone = candidate.kind in {"month", "weekday"} and candidate.start == start
    if not standalone:
        return True
    if token.i > 0:
        before = doc[token.i - 1]
        # news puts the weekday straight after the subject: 'The tribunal Monday ruled', 'Okafor Sunday said'
        when = candidate.kind == "weekday" and (token.ent_type_ == "DATE" or token.dep_ == "npadvmod")
        if before.pos_ == "PROPN" and before.text[:1].isupper() and not before.is_sent_start and not when:
            return False  # 'Jonas May', 'Women's March' ('The June congress' has a determiner)
    if candidate.kind == "month":
        return token.ent_type_ == "DATE" or previous_word(text, start) in MONTH_CUES
    return True


def is_year(doc: Doc, text: str, candidate: Candidate) -> bool:
    """A bare four-digit number is a year where its context says so; a count ('2000 troops') or a label is not."""
    lex = lexicon()
    before = previous_word(text, candidate.start)
    after = next_word(text, candidate.end)
    if before in lex["identifier_cues"] or after in lex["count_units"]:
        return False
    if candidate.data.get("pos") or candidate.kind == "year_range" and candidate.data.get("fiscal"):
        return True
    if before in {"(", "["} and after in {")", "]", ",", ";"}:
        return True  # 'Lisbon (2019)', '(Agency, 2019)'
    if before.isdigit() or after.isdigit():
        return False  # a group in a phone or account number: '+48 22 2024 1999'
    span = tokens_at(doc, candidate.start, candidate.end)
    if span is None:
        return before in lex["year_prepositions"]
    number = span[-1]
    if number.ent_type_ in {"MONEY", "PERCENT", "QUANTITY"}:
        return False
    if before in {"the", "'s", "’s"} or before.endswith(("'s", "’s")) or candidate.kind == "year_range" and (
            before in lex["year_prepositions"]):
        return True  # 'the 2019 census', 'the union's 2017 charter', 'the firm's 2019 costs', 'over 2016-2017'
    if number.dep_ == "nummod" and number.head.tag_ == "NNS" and number.head.is_lower and number.head.i > number.i:
        return False  # '2000 troops', 'backed by 2040 armoured vehicles'
    if before in lex["strong_year_prepositions"]:
        return True
    if candidate.kind == "year" and before in COUNT_CUES:
        return False
    previous = doc[span[0].i - 1] if span[0].i > 0 else None
    if (candidate.kind == "year" and previous is not None and previous.is_title and previous.pos_ == "PROPN"
            and not previous.is_sent_start and not before.endswith(("'s", "’s"))):
        return False  # a label: 'Gate 1990', 'Horizon 2020'
    first_year = candidate.cal.year
    if before in lex["year_prepositions"]:
        return True
    if candidate.kind == "year_range":
        return True
    return first_year >= 1900


# ---------------------------------------------------------------------------------------------------------
# Tense and anchors


def ended_period(candidate: Candidate, end: Resolved | None) -> Candidate:
    """'the fourth quarter ended Sept. 30': the months of the period that ends with that date's month, which for a
    fiscal year are not the calendar quarter of the same number."""
    if end is None or end.cal is None or end.cal.month is None:
        return candidate
    months = PART_MONTHS[candidate.data["unit"]]
    first_year, first_month = add_months(end.cal.year, end.cal.month, 1 - months)
    value = f"{first_year:04d}-{first_month:02d}/{end.cal.year:04d}-{end.cal.month:02d}"
    return replace(candidate, kind="value", value=value)


def needs_tense(candidate: Candidate) -> bool:
    if candidate.kind in {"month", "weekday", "part", "weekend", "season", "movable"}:
        return True
    return candidate.kind in {"calendar", "range"} and (candidate.cal_end or candidate.cal).year is None


def verb_of(token: Token) -> Token | None:
    """The verb a date phrase hangs from: the first verb or auxiliary up the dependency tree."""
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head == token:
            return None
        token = token.head
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """past, future or present: the tense of the clause the span sits in; None where there is no verb.

    A word of planning before the date ('planned to fly home on Sunday', 'delayed until Wednesday', 'is set to
    lapse Friday') makes it look ahead whatever the tense; a plan in the past perfect ('had been scheduled to
    expire Friday') was overtaken, so its date is past. A weekday in the possessive ('Friday's ruling') or on a
    past participle that modifies a noun ('the decision announced Wednesday') names a day already past.
    """
    span = tokens_at(doc, start, end)
    if span is None:
        return None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.tag_ == "POS":
        return PAST
    planned = planning_word(span) or limit_word(span)
    if planned is not None:
        clause = planned.head if planned.dep_ == "acomp" else planned  # 'had been due to close': the aux is on 'been'
        if any(c.lower_ == "had" for c in clause.children if c.dep_ in {"aux", "auxpass"}):
            return PAST
        if planned.dep_ == "acl" and planned.tag_ == "VBN" and reported_in_past(planned.head):
            return None  # 'the vote scheduled for Saturday was called off': planned then, on either side of now
        return FUTURE
    verb = verb_of(span.root)
    for step in range(3):
        if verb is None:
            return None
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if verb.tag_ == "VBD" or auxiliaries & PAST_AUXILIARIES or past_form_of_singular(verb, auxiliaries):
            return PAST
        if auxiliaries & FUTURE_AUXILIARIES or verb.lower_ in FUTURE_AUXILIARIES or is_possibility(verb, span):
            return FUTURE
        if step == 0 and verb.tag_ in {"VBZ", "VBP"} and not auxiliaries and verb.pos_ == "VERB" and hangs_from(
                span, verb):
            return FUTURE  # 'the lease runs out in August': a dated event in the present is a schedule
        if verb.tag_ in {"VBZ", "VBP"} or auxiliaries & {"is", "are", "am", "'s", "’s", "'re", "’re"}:
            return PRESENT
        if verb.tag_ == "VBG" and verb.dep_ in {"amod", "acl"}:
            return PRESENT  # 'the upcoming vote', 'the hearing starting on Sunday'
        if step == 0 and verb.tag_ == "VBN" and not auxiliaries and (
                verb.dep_ in {"amod", "acl"} or verb.dep_ == "advcl" and not is_conditional(verb)):
            return PAST  # 'the ruling issued Thursday'; 'the schedule, published Friday, lists' (not 'once approved')
        if step == 0 and auxiliaries == {"to"} and verb.dep_ in {"xcomp", "acl", "advcl"} and hangs_from(span, verb):
            # 'agreed to sell its terminal in January': what was agreed to may lie on either side of publication
            above = verb_of(verb.head) if verb.head != verb else None
            if above is not None and above.tag_ == "VBD" and above.lower_ not in lexicon()["planning_words"]:
                return None
        # a bare infinitive or participle ('plans to meet on Monday'): the tense of the verb above it
        verb = verb_of(verb.head) if verb.head != verb else None
    return None


def is_possibility(verb: Token, span: Span) -> bool:
    """'the work could run until September': 'could' on an active verb that the date follows speaks of what may
    come. Negated ('could not pay in March'), passive ('could be reached Monday') or after the date it is as often
    the past of 'can'."""
    children = list(verb.children)
    return (verb.i < span.start and any(c.dep_ == "aux" and c.lower_ == "could" for c in children)
            and not any(c.dep_ in {"neg", "auxpass"} for c in children))


def reported_in_past(noun: Token) -> bool:
    """The clause the noun belongs to is in the past ('the vote ... was called off')."""
    verb = verb_of(noun.head) if noun.head != noun else None
    if verb is None:
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return verb.tag_ == "VBD" or bool(auxiliaries & {"was", "were", "had"}) and not auxiliaries & FUTURE_AUXILIARIES


def is_conditional(verb: Token) -> bool:
    """A participle clause opened by a subordinator ('once approved Friday', 'if passed', 'when signed'), which
    speaks of a time that may be ahead, unlike a bare one ('the tariff schedule, published Friday')."""
    return any(c.dep_ == "mark" or c.dep_ == "advmod" and c.lower_ in lexicon()["conditional_openers"]
               for c in verb.children)


def past_form_of_singular(verb: Token, auxiliaries: set[str]) -> bool:
    """A verb tagged as present but without the -s a singular subject needs is the past form that looks the same
    ('Heavy rain cut the harvest estimate on Friday')."""
    if verb.tag_ != "VBP" or auxiliaries:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return len(subjects) == 1 and subjects[0].tag_ in {"NN", "NNP"} and not any(
        c.dep_ == "conj" for c in subjects[0].children)


def hangs_from(span: Span, verb: Token) -> bool:
    """The date is an adjunct of the verb itself ('runs out in August', 'votes Sunday'), not of a noun."""
    head = span.root.head
    return head == verb or head.dep_ == "prep" and head.head == verb


def limit_word(span: Span) -> Token | None:
    """A verb that sets a time limit, with the date as the limit: 'extended the loans through January', 'gave the
    family until Friday'."""
    lex = lexicon()
    limit = governing_preposition(span)
    if limit is None or limit.lower_ not in lex["limit_prepositions"]:
        return None
    verb = limit.head
    if limit.dep_ == "mark" and verb.lower_ not in lex["limit_verbs"]:
        verb = verb.head  # 'gave the firms until 5 p.m. Friday to file', parsed as 'until' opening 'to file'
    return verb if verb.lower_ in lex["limit_verbs"] and verb.i < span.start else None


def governing_preposition(span: Span) -> Token | None:
    """The preposition the date depends on, also through a time of day it qualifies ('until 5 p.m. Friday', where
    the parse hangs the weekday from the hour)."""
    token = span.root
    for _ in range(3):
        head = token.head
        if head == token:
            return None
        if head.dep_ == "prep" or head.tag_ == "IN":
            return head
        if token.dep_ not in {"npadvmod", "appos", "compound", "nmod"} or head.pos_ in {"VERB", "AUX"}:
            return None
        token = head
    return None


def planning_word(span: Span) -> Token | None:
    """The word of planning or scheduling that the date hangs from, directly or through the infinitive it
    governs, and that comes before it: 'scheduled a briefing Friday', 'set to reopen Sunday'."""
    lex = lexicon()
    planning, before_infinitive = set(lex["planning_words"]), set(lex["planning_before_infinitive"])
    token, through_infinitive = span.root, False
    for _ in range(8):
        if token.lower_ == "since":
            return None  # 'effective since May': a time already begun
        if token.i < span.start and token.pos_ in {"VERB", "AUX", "ADJ"}:
            if token.lower_ in planning or through_infinitive and token.lower_ in before_infinitive:
                return token
        expectation = expectation_of(token, span)
        if expectation is not None:
            return expectation
        if token.head == token:
            return None
        if token.pos_ in {"VERB", "AUX"}:
            if token.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                through_infinitive = False
                if token.i < span.start or token.dep_ not in {"xcomp", "ccomp", "advcl"}:
                    # the verb the date hangs from is no word of planning: look no higher than one more step
                    head = token.head
                    return head if head.i < span.start and head.lower_ in planning and token.dep_ == "xcomp" else None
            else:
                through_infinitive = True
        token = token.head
    return None


def expectation_of(token: Token, span: Span) -> Token | None:
    """The adjective of expectation that complements a copula the date hangs from: 'a return was unlikely before
    the second quarter' (the parse hangs 'before' from 'was', beside 'unlikely')."""
    if token.pos_ != "AUX" or token.i >= span.start:
        return None
    expecting = set(lexicon()["expectation_adjectives"])
    return next((c for c in token.children if c.dep_ == "acomp" and c.i < span.start and c.lower_ in expecting), None)


def with_sentence_year(doc: Doc, candidate: Candidate, anchors: list[tuple[int, str, Resolved]],
                       today: date | None = None, tense: str | None = None) -> Candidate:
    """'In 2014 Russia annexed Crimea; on 18 March ...': a day or month without a year takes the year the same
    sentence named before it; otherwise the candidate is returned as it is (and resolved against publication).

    Not where that year only describes a noun ('under a plan approved in 1987, it had bought shares through
    Sept. 29'), where the clause looks ahead or speaks in the present of a year already past ('invited in July
    1997, the three will join on March 12'), or where a weekday given with the day does not fall on it then.
    """
    year_missing = (candidate.kind in {"calendar", "range"} and (candidate.cal_end or candidate.cal).year is None
                    or candidate.kind == "month" and not candidate.data.get("rel"))
    if not year_missing or not anchors:
        return candidate
    span = tokens_at(doc, candidate.start, candidate.end)
    if span is None:
        return candidate
    sentence_start = span.sent.start_char
    # a year set before the sentence's main verb frames all of its clauses: 'In 2019 the ministry cut rents in
    # March but raised them in October'
    framed = any(sentence_start <= position < span.sent.root.idx for position, _, resolved in anchors
                 if not resolved.relative and resolved.cal is not None and resolved.cal.year is not None)
    for position, _, resolved in reversed(anchors):
        if position < sentence_start:
            return candidate
        if not resolved.relative and resolved.cal is not None and resolved.cal.year is not None:
            year = resolved.cal.year
            if describes_a_noun(doc, position, span) or not framed and contrast_between(doc, position, span):
                return candidate
            break
    else:
        return candidate
    if tense in {FUTURE, PRESENT} and today is not None and year < today.year:
        return candidate
    weekday = candidate.data.get("weekday")
    if weekday is not None and candidate.cal.day is not None and calendar_day(
            year, candidate.cal.month, candidate.cal.day).weekday() != weekday:
        return candidate
    if candidate.kind == "range":
        first, last = candidate.cal, candidate.cal_end.with_year(year)
        first = first if first.year is not None else first.with_year(year if first.key()[1:] <= last.key()[1:]
                                                                     else year - 1)
        return replace(candidate, cal=first, cal_end=last)
    return replace(candidate, kind="calendar", cal=candidate.cal.with_year(year))


def contrast_between(doc: Doc, position: int, span: Span) -> bool:
    """A conjunction of contrast opens a new clause between the year at `position` and the span ('funding rose in
    2024, but aid was suspended in January'), so the year belongs to the clause before it."""
    year = tokens_at(doc, position, position + 1)
    if year is None:
        return False
    contrasts = set(lexicon()["contrast_conjunctions"])
    return any(token.lower_ in contrasts and token.dep_ in {"cc", "mark"} for token in doc[year.end:span.start])


def describes_a_noun(doc: Doc, position: int, span: Span) -> bool:
    """The year at `position` sits in a clause that modifies a noun (a relative or participle clause) that does
    not hold the span."""
    year = tokens_at(doc, position, position + 1)
    if year is None:
        return False
    for ancestor in year[0].ancestors:
        if ancestor.dep_ in {"relcl", "acl"}:
            return not (ancestor.left_edge.i <= span.start and span.end - 1 <= ancestor.right_edge.i)
    return False


def anchor_for(text: str, candidate: Candidate, anchors: list[tuple[int, str, Resolved]]) -> Resolved | None:
    """The date 'the previous year' or 'that day' counts from: the last one named in the same paragraph.

    Failing that, the last one named before it ('In March the board resigned.' then, opening the next paragraph,
    'The following month, ...'); only 'a year earlier', which compares, keeps to its paragraph. A phrase with no
    date before it counts from publication, and so does 'a year ago' unless its paragraph reports on a quarter or
    a half, which it then compares with.
    """
    if not anchors:
        return None
    paragraph_start = text.rfind("\n", 0, candidate.start) + 1
    if candidate.kind == "ago":
        return reporting_period(anchors, paragraph_start) if compares_years_back(candidate) else None
    if candidate.kind != "anaphoric":
        return None
    keeps_precision = bool(candidate.data.get("keep"))  # 'a year earlier' may count from '1998-Q3'
    counts_days = candidate.data.get("unit") in {"day", "week"}
    for position, kind, resolved in reversed(anchors):
        if position < paragraph_start:
            break
        if keeps_precision and (kind == "comparison" or kind in REPORTING_KINDS and not counts_days):
            # 'said on Monday that sales rose from a year earlier': the comparison is not with Monday; 'from a year
            # ago ... compared with a year earlier': both name the same time, not one a year before the other. A
            # count of days or weeks does count from the day of the news: 'the talks opened Tuesday; a day earlier'
            continue
        if resolved.cal is not None or keeps_precision:
            return resolved
    if candidate.data.get("word") in {"same", "that"} or not keeps_precision:
        return next((r for _, _, r in reversed(anchors) if r.cal is not None), None)
    return None


def compares_years_back(candidate: Candidate) -> bool:
    """'a year ago', 'a year earlier': a comparison whole years back, which in a report on a quarter or a half
    means that period of the earlier year ('profit rose to $8 million from $6 million a year ago')."""
    data = candidate.data
    return bool(data.get("keep")) and data.get("unit") == "year" and data.get("shift", 0) < 0 and not data.get("at")


def reporting_period(anchors: list[tuple[int, str, Resolved]], since: int) -> Resolved | None:
    """The last quarter or half the text named since `since`: the period a report's comparisons are about."""
    for position, kind, resolved in reversed(anchors):
        if position < since:
            return None
        if kind != "comparison" and resolved.value and PERIOD_VALUE.fullmatch(resolved.value):
            return resolved
    return None
