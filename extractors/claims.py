"""Claims: check-worthy statements of fact, with who they are attributed to and whether they are hedged.

Steps, each a small function:
1. units: spaCy sentences cut at line breaks that end a line of its own (headings, header blocks, table rows);
   lines that are headings, titles, footnote references or glued table text are dropped whole;
2. clauses: a sentence is split where it joins independent clauses ("A, and B"; "A, while B") and where a report
   follows what its subject did ("X toured the base and said ...", "X sued, saying ...", "..., after Y said ...");
3. each clause is kept when it has a finite verb, is not a question or boilerplate, and carries something
   checkable (a named actor, a number, a date, or a concrete referent such as "the treaty"); author opinion
   (first-person views, evaluative copulas, "can be interpreted", uncertainty frames) is dropped unless the
   clause is attributed to a speaker; every dropped clause keeps its reason (claims_with_drops counts them);
4. speaker (extractors.attribution, with its actor_id where the speaker is an actor of the document; a sentence
   wholly inside quotation marks takes the speaker of the quotation before it in the paragraph, or else the one
   named where the quotation closes), hedging (cue list; cues inside a quotation count when the quotation holds
   the clause's subject) and links to actors, figures and dates inside the span.
Wire datelines ('LIMA, Jan 9 (Reuters) -') are cut off; a claim's text is always the article's text between
its offsets. Pieces cut out of a sentence whose parse is tied to the cut-off words are parsed again, in one batch.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractors.attribution import (
    OPENING_QUOTES,
    QUOTE_MARKS,
    MentionIndex,
    SpeakerIndex,
    adjunct_subject,
    appended_report,
    appended_speaker_name,
    inserted_source,
    introduced_speaker,
    is_expectation,
    is_reporting_verb,
    leading_report,
    name_for,
    reporting_adjuncts,
    reporting_lexicon,
    sentence_according_to,
    source_of,
    speaker_of,
    trailing_relative_report,
    unwrap_container,
)
from extractors.common import alternation, load_data, spans_overlap
from extractors.nlp import doc_text
from extractors.positions import Intervals
from extractors.records import Actor, ArticleContext, Claim, DateMention, Figure

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
QUANTITY_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "’s", "’re"}
LINKING_VERBS = BE_FORMS | {"remain", "remains", "remained", "seem", "seems", "seemed", "appear", "appears",
                            "appeared", "become", "becomes", "became"}
WH_WORDS = {"why", "what", "how", "who", "whom", "whose", "where", "when", "which", "whether"}
CONTRAST_MARKS = {"while", "whereas"}
DASHES = {"-", "–", "—", "--"}
# how an evaluative noun hangs off the verb: "is a stark illustration", "points to the need for"
EVALUATIVE_PATH_DEPS = {"dobj", "attr", "pobj", "prep", "nsubj", "oprd", "dative"}
# "the two regions", "these four partners": a number that points back, not a quantity
ANAPHORIC_DETERMINERS = {"the", "these", "those", "both"}
TERMINAL = tuple('.!?"”’…')
HEADING_MAX_WORDS = 20
WRAPPED_LINE_MIN_WORDS = 8  # a longer line without end punctuation is a wrapped paragraph line, not a heading
BODY_MIN_WORDS = 25  # the first paragraph this long starts the body; short lines before it are front matter
FOOTNOTE_MARK = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}[.)])\s+")
SENTENCE_INSIDE = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")  # "... 2024. The three": a sentence ends mid-line
INLINE_FOOTNOTE = re.compile(r"\[\d{1,3}\]")
URL = re.compile(r"https?://|www\.", re.IGNORECASE)
BIBLIOGRAPHIC = re.compile(r"\bet al\b|\bibid\b|\bop\. cit\b|\baccessed\b|\bretrieved\b|\bvol\. \d|\bpp?\. \d",
                           re.IGNORECASE)
GLUED_NUMBERS = re.compile(r"[A-Za-z%]\d+[.,]\d+|\d[.,]\d{2}\d+[.,]\d")
NUMBER_RUN = re.compile(r"\d[\d.,]*\d")
# '7,687.5', '12.345,6', '1,550': digit groups of three after the first, one decimal part
WELL_FORMED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?")
# British single quotes: the closing mark is not an apostrophe inside a word ("Russia’s")
SINGLE_QUOTED = re.compile(r"‘[^‘\n]*?’(?![A-Za-z])")


@dataclass(frozen=True)
class Cues:
    hedge_modals: frozenset[str]
    hedge_pattern: re.Pattern[str]
    boilerplate: re.Pattern[str]
    publication_notice: re.Pattern[str]
    self_referents: frozenset[str]
    clause_hedge_verbs: frozenset[str]
    byline_titles: re.Pattern[str]
    meta_discourse: re.Pattern[str]
    deontic_modals: frozenset[str]
    evaluative_nouns: frozenset[str]
    uncertainty_adjectives: frozenset[str]
    interpretive_verbs: frozenset[str]
    concrete_referents: frozenset[str]
    condition_marks: frozenset[str]
    ability_modals: frozenset[str]
    dateline: re.Pattern[str]


def phrase_pattern(phrases: list[str], *extra: str) -> re.Pattern[str]:
    """Any of the phrases (or extra regexes) as whole words, case-insensitive."""
    body = "|".join([alternation(phrases, any_space=True, lower=True), *extra])
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def cues() -> Cues:
    hedges = load_data("claims_hedge_cues.json")
    noise = load_data("claims_noise_cues.json")
    stems = "|".join(re.escape(s) for s in hedges["passive_report_stems"])
    # "is reported to have", "has been reportd to" (a stem, so spelling slips count), "it is alleged that";
    # not "was reported to the police"
    passive_report = (rf"(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:{stems})\w*\s+"
                      r"(?:that|to(?!\s+(?:the|a|an|this|that|these|those|his|her|their|its|our|police|authorities)\b))")
    return Cues(
        hedge_modals=frozenset(hedges["modal_verbs"]),
        hedge_pattern=phrase_pattern(hedges["adverbs"] + hedges["phrases"], passive_report),
        boilerplate=phrase_pattern(noise["boilerplate_phrases"]),
        publication_notice=phrase_pattern(noise["publication_notices"]),
        self_referents=frozenset(noise["self_referents"]),
        clause_hedge_verbs=frozenset(hedges["clause_hedge_verbs"]),
        byline_titles=phrase_pattern(noise["byline_titles"]),
        meta_discourse=phrase_pattern(noise["meta_discourse"] + noise["opinion_phrases"]),
        deontic_modals=frozenset(noise["deontic_modals"]),
        evaluative_nouns=frozenset(noise["evaluative_nouns"]),
        uncertainty_adjectives=frozenset(noise["uncertainty_adjectives"]),
        interpretive_verbs=frozenset(noise["interpretive_verbs"]),
        concrete_referents=frozenset(noise["concrete_referents"]),
        condition_marks=frozenset(hedges["condition_marks"]),
        ability_modals=frozenset(hedges["negatable_ability_modals"]),
        dateline=dateline_pattern(noise["dateline_months"]),
    )


def dateline_pattern(months: list[str]) -> re.Pattern[str]:
    """'SANTIAGO, Jan 9 (Andes Wire) - ', 'TBILISI, Georgia, 3 March (AP) — ', 'OSLO (Reuters) - ':
    a place in capitals, then a date and/or an agency in brackets, then a dash."""
    month = "(?:" + "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True)) + r")\.?"
    place = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+)*"
    region = r"(?:,\s*[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+)*)?"
    date = rf"(?P<date>,\s*(?:{month}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{month}(?:,?\s+\d{{4}})?))?"
    agency = r"(?P<agency>\s*\([^()\n]{1,40}\))?"
    return re.compile(rf"{place}{region}{date}{agency}\s*(?:-{{1,2}}|–|—)\s+")


# ---------------------------------------------------------------- lines and units


def lines_of(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def ends_a_unit(line: str, next_line: str) -> bool:
    """A line break ends a unit unless it wraps a sentence: a long line, or a line going on in lower case."""
    stripped, following = line.strip(), next_line.lstrip()
    if not stripped or not following or stripped.endswith(TERMINAL):
        return True
    if following[0].islower():
        return False
    return len(stripped.split()) < WRAPPED_LINE_MIN_WORDS


def body_start(text: str, lines: list[tuple[int, int]]) -> int:
    """Where the body begins: the first paragraph (lines between blank lines) of at least BODY_MIN_WORDS words.
    Short blocks before it (titles, bylines, dates, series numbers) are front matter."""
    block_start, words = None, 0
    for start, end in [*lines, (len(text), len(text))]:
        line = text[start:end]
        if not line.strip():
            block_start, words = None, 0
            continue
        block_start = start if block_start is None else block_start
        words += len(line.split())
        if words >= BODY_MIN_WORDS:
            return block_start
    return len(text)


def is_title_case(words: list[str]) -> bool:
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.75 * len(content)


def is_heading_line(line: str, front_matter: bool) -> bool:
    """Titles, section headings and header blocks: short lines that do not read as a finished sentence.
    Before the first paragraph of body text (front matter) a title may end in a question mark."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > HEADING_MAX_WORDS:
        return False
    if front_matter and stripped.endswith(("?", ":")):
        return True
    if stripped.endswith(TERMINAL):
        return False
    return front_matter or words[0].lower() in WH_WORDS or is_title_case(words)


def is_reference_line(line: str) -> bool:
    """A footnote that is a bibliographic reference, not a sentence of the article."""
    if not FOOTNOTE_MARK.match(line) and not URL.search(line):
        return False
    return bool(URL.search(line) or BIBLIOGRAPHIC.search(line))


def well_formed_run(text: str, at: int) -> bool:
    """Is the run of digits and separators around `at` one ordinary number ('7,687.5 km'), not glued cells?"""
    run = next((m for m in NUMBER_RUN.finditer(text) if m.start() <= at < m.end()), None)
    return run is not None and WELL_FORMED_NUMBER.fullmatch(run.group()) is not None


def looks_like_glued_table(text: str) -> bool:
    """Table rows whose cells arrived without separators: 'Germany1.413.0510.6315.090.38'."""
    if any(not well_formed_run(text, m.start()) for m in GLUED_NUMBERS.finditer(text)):
        return True
    compact = text.replace(" ", "")
    digits = sum(c.isdigit() for c in compact)
    return len(compact) >= 8 and digits > 0.5 * len(compact)


def units(doc: Doc, ctx: ArticleContext, drops: Counter[str] | None = None) -> list[tuple[Span, bool]]:
    """Sentence pieces a claim can come from: sentences cut at unit-ending line breaks, junk lines left out (and
    counted in `drops` by reason). Each comes with whether it was cut out of a longer parsed sentence (its parse
    then spans junk)."""
    text = doc_text(doc)
    cut_points: set[int] = set()
    dropped: list[tuple[int, int]] = []
    lines = lines_of(text)
    body_starts = body_start(text, lines)
    unit_ended = True  # did the previous line end a unit? A heading starts on a fresh line.
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            unit_ended = True
            continue
        next_line = text[lines[index + 1][0] : lines[index + 1][1]] if index + 1 < len(lines) else ""
        continues = next_line.lstrip()[:1].islower()
        front_matter = start < body_starts
        heading = (unit_ended and not continues and is_heading_line(line, front_matter)
                   and (front_matter or not SENTENCE_INSIDE.search(line.strip())))
        if heading or is_reference_line(line) or looks_like_glued_table(line):
            if drops is not None:
                drops["heading line" if heading else "reference line" if is_reference_line(line)
                      else "glued table line"] += 1
            dropped.append((start, end))
            cut_points.update({start - 1, end} if start else {end})  # a dropped line is a unit of its own
        elif (dateline := dateline_end(text, start, end)) is not None:
            dropped.append((start, dateline))
            cut_points.update({start - 1, dateline} if start else {dateline})
        unit_ended = heading or ends_a_unit(line, next_line)
        if unit_ended:
            cut_points.add(end)
    pieces: list[tuple[Span, bool]] = []
    cuts = sorted(cut_points)
    dropped_lines = Intervals(dropped)
    for sent in doc.sents:
        inner = cuts[bisect_right(cuts, sent.start_char) : bisect_left(cuts, sent.end_char)]
        bounds = [sent.start_char, *inner, sent.end_char]
        spans = [doc.char_span(lo, hi, alignment_mode="expand") for lo, hi in zip(bounds, bounds[1:], strict=False)]
        stripped = [s for s in (strip_span(s) for s in spans if s is not None) if s is not None]
        for span in stripped:
            if dropped_lines.covering(span.start_char, span.end_char):
                continue
            if ctx.is_blocked(span.start_char, span.end_char):
                continue
            pieces.append((span, len(stripped) > 1))
    return pieces


def strip_span(span: Span) -> Span | None:
    """Drop leading/trailing whitespace tokens and a leading footnote mark '[1]'."""
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return None
    start, end = tokens[0].i, tokens[-1].i + 1
    doc = span.doc
    if end - start > 3 and doc[start].text == "[" and doc[start + 1].like_num and doc[start + 2].text == "]":
        start += 3
    elif end - start > 3 and doc[start].text.startswith("[") and doc[start].text.endswith("]"):
        start += 1
    return doc[start:end] if start < end else None


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where a wire dateline opening the line [start, end) ends ('LIMA, Jan 9 (Reuters) - Peru and ...'):
    a place in capitals with a date and/or an agency, then a dash. It is cut off the claim that follows."""
    match = cues().dateline.match(text, start, end)
    if match is None or not (match.group("date") or match.group("agency")):
        return None
    return match.end()


# ---------------------------------------------------------------- clauses


def after_dash(token: Token) -> bool:
    """'the four states - together known as the Quad': a participle the tagger may take for a past tense."""
    i = token.i - 1
    while i >= 0 and token.doc[i].pos_ == "ADV":
        i -= 1
    return i >= 0 and token.doc[i].text in DASHES


def is_finite(token: Token) -> bool:
    if token.tag_ in {"VBD", "VBN"} and after_dash(token) and not any(c.dep_ == "aux" for c in token.children):
        return False
    if token.tag_ in FINITE_TAGS:
        return True
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in token.children):
        return True
    # "Negotiations stalled after three hours": a past tense the tagger took for a participle. A participle
    # after a dash or comma ("the four states - together known as the Quad") stays a participle.
    if token.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass", "agent"} for c in token.children):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if subject is None:
        return False
    between = [t for t in token.doc[subject.right_edge.i + 1 : token.i] if t.pos_ != "ADV"]
    return not between


def has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def is_independent_clause(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and has_subject(token) and is_finite(token)


def conj_chain(head: Token) -> list[Token]:
    found, stack = [], [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
                found.append(child)
                stack.append(child)
    return found


def contrast_clause(head: Token, span: Span) -> Token | None:
    """The 'while/whereas' clause of 'While A, B' (attached to the head) or of 'A, while B' (attached anywhere
    in A, as long as B runs to the end of the sentence)."""
    last = max((t.i for t in span if not t.is_punct and not t.is_space), default=span.end - 1)
    for clause in span:
        if clause.dep_ != "advcl" or not is_independent_clause(clause):
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        if mark is None or mark.lower_ not in CONTRAST_MARKS:
            continue
        if clause.head.i == head.i and clause.i < head.i and clause.left_edge.i == span.start + leading_words(span):
            return clause
        after_comma = mark.i > span.start and mark.doc[mark.i - 1].text in DASHES | {",", ";"}
        if mark.i > head.i and after_comma and clause.right_edge.i >= last and mark.i == clause.left_edge.i:
            return clause
    return None


def leading_words(span: Span) -> int:
    """How many connective tokens open the span ('Similarly ,'), which a leading clause may follow."""
    count = 0
    for token in span:
        if token.dep_ in {"advmod", "cc", "punct"} and token.head.i != token.i and token.i < token.head.i:
            if token.lower_ in CONTRAST_MARKS:
                break
            count += 1
            continue
        break
    return count


def root_of(span: Span) -> Token:
    """The span's head: spaCy's root, or, for a piece cut from a longer sentence, its best verb."""
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    verbs = [t for t in roots if t.pos_ in {"VERB", "AUX"} and is_finite(t)]
    if verbs:
        return max(verbs, key=lambda t: len(list(t.subtree)))
    return max(roots, key=lambda t: len(list(t.subtree))) if roots else span.root


def has_independent_clause(span: Span) -> bool:
    return any(is_independent_clause(t) and all(in_span(c, span) for c in t.children if c.dep_ in SUBJECT_DEPS)
               for t in span)


def semicolon_parts(span: Span) -> list[Span]:
    """'Kyiv has received 30 tanks; another 50 are due in March.' -> two parts, when both sides are clauses. A colon
    between a hedged clause and a plain one splits the same way ('The plan may fail: turnout fell by 9 percent in
    May.'): a hedged judgement and the fact offered for it are two claims, each with its own hedging."""
    parts, start = [], span.start
    depth = 0
    for token in span:
        depth += token.text in {"(", "["}
        depth -= token.text in {")", "]"}
        if token.text not in {";", ":"} or depth > 0:
            continue
        left, right = span.doc[start : token.i], span.doc[token.i + 1 : span.end]
        if not (len(left) and len(right) and has_independent_clause(left) and has_independent_clause(right)):
            continue
        if token.text == ":" and not colon_joins_clauses(left, right):
            continue
        parts.append(left)
        start = token.i + 1
    if not parts:
        return [span]
    parts.append(span.doc[start : span.end])
    return [p for p in (trim_clause(p) for p in parts) if p is not None]


def colon_joins_clauses(left: Span, right: Span) -> bool:
    """A colon between a hedged statement and a plain one ('The plan may fail: turnout fell by 9 percent'), not
    one opening a quotation or a speaker's words. Between two plain or two hedged statements the colon mostly
    announces what follows ('Here is the problem: ...'), and the sentence stays one claim."""
    if right[0].text in OPENING_QUOTES or any(t.text in QUOTE_MARKS for t in left):
        return False
    head = root_of(left)
    if is_reporting_verb(head) or head.lower_ in reporting_lexicon().complement_forms:
        return False
    return is_hedged(left, []) != is_hedged(right, [])


def clauses(span: Span) -> list[tuple[Span, Token]]:
    """The span split into independent clauses, each with its head."""
    root = root_of(span)
    heads = [root]
    cuts: dict[int, Token] = {}
    for conj in conj_chain(root):
        if is_independent_clause(conj) and span.start < conj.left_edge.i < span.end:
            cuts[conj.left_edge.i] = conj
            heads.append(conj)
    for verb in second_reports(root, span):
        if verb.left_edge.i not in cuts:
            cuts[verb.left_edge.i] = verb
            heads.append(verb)
    for first, verb in reporting_adjuncts(root):
        if span.start < first.i < span.end and first.i not in cuts:
            cuts[first.i] = verb
            heads.append(verb)
    leading = leading_report(root, span)
    if leading is not None and leading.right_edge.i + 1 < span.end and leading.right_edge.i + 1 not in cuts:
        cuts[leading.right_edge.i + 1] = root
        heads.append(leading)
    if root.left_edge.i > span.start and root.left_edge.i not in cuts and is_independent_clause(root):
        # a piece cut from a longer sentence ('...: a tender is planned for 2026, and officials say it will be
        # open'), whose verbs all hang off a head outside it: the clause before the head's own is another clause
        before = span.doc[span.start : root.left_edge.i]
        if any(t.pos_ in {"VERB", "AUX"} and is_finite(t) and not in_span(t.head, span) for t in before):
            cuts[root.left_edge.i] = root
    appended = appended_report(span)
    if appended is not None and appended.first.i not in cuts:
        cuts[appended.first.i] = appended.verb
        heads.append(appended.verb)
    relative = trailing_relative_report(span)
    if relative is not None and relative.left_edge.i not in cuts:
        cuts[relative.left_edge.i] = relative
        heads.append(relative)
    contrast = contrast_clause(root, span)
    if contrast is not None:
        if contrast.i > root.i and span.start < contrast.left_edge.i < span.end:
            cuts[contrast.left_edge.i] = contrast
            heads.append(contrast)
        elif contrast.i < root.i and contrast.right_edge.i + 1 < span.end:
            cuts[contrast.right_edge.i + 1] = root
            heads.append(contrast)
    if not cuts:
        return [(span, root)]
    bounds = [span.start, *sorted(cuts), span.end]
    parts: list[tuple[Span, Token]] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        inside = [h for h in heads if lo <= h.i < hi]
        piece = trim_clause(span.doc[lo:hi])
        if piece is None:
            continue
        if not inside and parts:  # nothing to stand on: glue to the clause before
            prev, prev_head = parts.pop()
            parts.append((span.doc[prev.start : piece.end], prev_head))
            continue
        # a piece without a head of its own stands on its own best verb, not on a head outside it
        parts.append((piece, inside[0] if inside else (root if lo <= root.i < hi else root_of(piece))))
    return parts


def second_reports(root: Token, span: Span) -> list[Token]:
    """'X said the fleet would sail, and Y said a mission could follow': the parser hangs the second report off
    the first one's content as a conjunct. A reporting verb with a speaker of its own, coordinated after a comma
    with the content of the head's report, is a report of its own, not part of X's words."""
    found = []
    if not is_reporting_verb(root):
        return found
    for content in (c for c in root.children if c.dep_ == "ccomp"):
        for verb in conj_chain(content):
            before = verb.doc[verb.left_edge.i - 2 : verb.left_edge.i] if verb.left_edge.i >= 2 else None
            if (before is not None and [t.text for t in before] == [",", "and"] and is_reporting_verb(verb)
                    and is_independent_clause(verb) and speaker_of(verb) is not None
                    and span.start < verb.left_edge.i < span.end):
                found.append(verb)
    return found


def trim_clause(span: Span) -> Span | None:
    tokens = list(span)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].dep_ == "cc" or tokens[-1].text in {",", ";", "–", "—", ":"}):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


# ---------------------------------------------------------------- what makes a clause a claim


def complement_of(head: Token) -> Token | None:
    for node in [head, *(c for c in head.children if c.dep_ == "acomp")]:
        for child in node.children:
            if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
                return child
    return None


def subject_of(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)


def is_frame(head: Token) -> bool:
    """'it should be noted that', 'it is evident that', 'it seems reasonable to posit that': no real subject."""
    subject = subject_of(head)
    return subject is None or subject.lower_ in {"it", "this", "we", "i"} or subject.dep_ == "expl"


def framing_chain(head: Token) -> list[Token]:
    """The clause head and the complements it frames, outermost first."""
    chain = [head]
    node = head
    for _ in range(4):
        if (is_reporting_verb(node) and speaker_of(node) is not None) or not is_frame(node):
            break
        comp = complement_of(node)
        if comp is None:
            break
        chain.append(comp)
        node = comp
    return chain


def in_span(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def named_inside(tokens: list[Token], mentions: MentionIndex) -> bool:
    for t in tokens:
        if t.ent_type_ in NAME_LABELS and not t.is_punct:
            return True
        if t.pos_ == "PROPN" and mentions.covering(t.idx, t.idx + len(t)) is not None:
            return True
    return False


def has_quantity(span: Span, quantities: Intervals, offset: int = 0) -> bool:
    """A date or figure the extractors found inside the span (`quantities`: their spans), or a number or date
    spaCy sees in it."""
    lo, hi = span.start_char, span.end_char
    if quantities.inside(lo + offset, hi + offset):
        return True
    text = INLINE_FOOTNOTE.sub(lambda m: " " * len(m.group()), span.text)
    for t in span:
        if t.ent_type_ not in QUANTITY_LABELS or not text[t.idx - lo : t.idx - lo + len(t)].strip():
            continue
        before = t.doc[t.i - 1] if t.i > 0 else None
        if (t.ent_type_ == "CARDINAL" and t.text.isalpha() and before is not None
                and before.lower_ in ANAPHORIC_DETERMINERS):
            continue
        return True
    return False


def is_question(span: Span) -> bool:
    text = span.text.rstrip().rstrip("”\"’'")
    return text.endswith("?")


def is_byline(span: Span, head: Token, mentions: MentionIndex) -> bool:
    """'Jane Doe is a research fellow in the school of politics at the University of X.'"""
    subject = subject_of(head)
    if head.lower_ not in BE_FORMS or subject is None:
        return False
    actor = mentions.covering(subject.idx, subject.idx + len(subject))
    if subject.ent_type_ != "PERSON" and (subject.pos_ != "PROPN" or (actor is not None and actor.kind != "person")):
        return False
    tail = doc_text(span.doc)[head.idx : span.end_char]
    return bool(cues().byline_titles.search(tail))


def evaluative_predicate(content: Token, span: Span) -> bool:
    """'provides a clear illustration of', 'gives rise to the necessity of', 'there is a clear need for'."""
    nouns = cues().evaluative_nouns
    for token in span:
        if token.lower_ not in nouns or token.pos_ != "NOUN":
            continue
        node, hops = token, 0
        while node.i != content.i and hops < 4 and node.dep_ in EVALUATIVE_PATH_DEPS:
            node, hops = node.head, hops + 1
        if node.i == content.i:
            return True
    return False


def copular_opinion(content: Token, span: Span, mentions: MentionIndex, quantity: bool) -> bool:
    """'the dilemma ... is not a binary proposition': a linking verb, a common-noun subject, a predicate
    without names or numbers. Such a clause judges rather than reports."""
    if content.lower_ not in LINKING_VERBS or quantity:
        return False
    predicates = [c for c in content.children if c.dep_ in {"attr", "acomp"}]
    subject = subject_of(content)
    if not predicates or subject is None or subject.dep_ == "expl":
        return False
    if subject.pos_ == "PROPN" or mentions.covering(subject.idx, subject.idx + len(subject)) is not None:
        return False
    predicate_tokens = [t for p in predicates for t in p.subtree if in_span(t, span)]
    return not named_inside(predicate_tokens, mentions)


def uncertain(content: Token) -> bool:
    """'it remains unclear whether ...', 'Whether Beijing believes it is another matter': an open question."""
    adjectives = cues().uncertainty_adjectives
    if any(c.dep_ == "acomp" and c.lower_ in adjectives for c in content.children) or content.lower_ in adjectives:
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in content.children) and content.dep_ == "ROOT":
        return True  # a 'whether' clause parsed as the sentence: the sentence is an indirect question
    for clause in content.children:
        if clause.dep_ in {"csubj", "csubjpass"}:
            opener = clause.left_edge
            if opener.lower_ in WH_WORDS or opener.lower_ == "if":
                return True
    return False


def first_person(chain: list[Token]) -> bool:
    """'we can also view', 'I believe the sanctions have failed': the author speaking."""
    for head in chain:
        subject = subject_of(head)
        if subject is not None and subject.lower_ in {"we", "i"}:
            return True
    return False


def interpretive(content: Token) -> bool:
    """'can be interpreted in two ways': the author's reading, not a fact."""
    modal = any(c.dep_ == "aux" and c.lower_ in {"can", "could", "may", "might"} for c in content.children)
    return modal and content.lower_ in cues().interpretive_verbs


def prescriptive(content: Token) -> bool:
    """'Europe must do more', 'NATO should respond': what ought to happen is not a fact."""
    return any(c.dep_ == "aux" and c.lower_ in cues().deontic_modals for c in content.children)


def concrete_subject(head: Token) -> bool:
    subject = subject_of(head)
    return subject is not None and subject.lower_ in cues().concrete_referents


@dataclass
class Verdict:
    keep: bool
    reason: str


def judge(span: Span, head: Token, speaker: str | None, mentions: MentionIndex, quantities: Intervals,
          evidence: Span | None = None) -> Verdict:
    """Is this clause a check-worthy claim? The reason is kept so that drops can be counted and inspected.
    `mentions` carries the offset of span's Doc in the article (see reading_units). `evidence` is the clause a
    colon sets after this one as its grounds ('Most of the gold is probably flown out: declared exports doubled
    to 60 tonnes'): a judgement checked against the figure it gives is checkable through it."""
    text = span.text
    if not any(is_finite(t) for t in span if t.pos_ in {"VERB", "AUX"}):
        return Verdict(False, "no finite verb")
    if is_question(span):
        return Verdict(False, "question")
    if looks_like_glued_table(text):
        return Verdict(False, "glued table text")
    if URL.search(text) and not any(has_subject(t) for t in span if t.pos_ in {"VERB", "AUX"}):
        return Verdict(False, "reference")
    if cues().boilerplate.search(text) or publication_notice(span, head):
        return Verdict(False, "boilerplate")
    if is_byline(span, head, mentions):
        return Verdict(False, "byline")
    if speaker is not None:  # a statement attributed to a named speaker is a claim about that speaker
        return Verdict(True, "attributed")
    if reported_by_someone(framing_chain(head), span):  # 'He said the talks had stalled': someone unnamed
        return Verdict(True, "attributed to an unresolved speaker")
    quantity = has_quantity(span, quantities, mentions.offset)
    if not (quantity or named_inside(list(span), mentions) or concrete_subject(head)):
        if evidence is None or not (has_quantity(evidence, quantities, mentions.offset)
                                    or named_inside(list(evidence), mentions)):
            return Verdict(False, "nothing checkable")
    # 'The most likely, in our view, is a period without binding limits after February 2026': a hedged forecast
    # with a date or number is checkable later, whoever offers it
    if cues().meta_discourse.search(text) and not (quantity and is_hedged(span, [])):
        return Verdict(False, "meta-discourse or opinion marker")
    chain = [t for t in framing_chain(head) if in_span(t, span)] or [head]
    content = chain[-1]
    if uncertain(content) or uncertain(head):
        return Verdict(False, "open question")
    if first_person(chain):
        return Verdict(False, "first person")
    if interpretive(content):
        return Verdict(False, "interpretation")
    if prescriptive(content):
        return Verdict(False, "prescription")
    if evaluative_predicate(content, span):
        return Verdict(False, "evaluative predicate")
    if copular_opinion(content, span, mentions, quantity):
        return Verdict(False, "evaluative copula")
    return Verdict(True, "fact")


def reported_by_someone(chain: list[Token], span: Span) -> bool:
    """A reporting verb framing the clause has a subject that is a third person (a pronoun we could not resolve,
    'he said', 'they contend'), not the author ('we hold') or a question."""
    for verb in chain:
        if not is_reporting_verb(verb):
            continue
        subject = speaker_of(verb)
        if subject is not None and in_span(subject, span) and subject.pos_ == "PRON":
            return True
    return False


def publication_notice(span: Span, head: Token) -> bool:
    """'This article was first published by X', 'First published in ...': a notice about the text itself, not
    'The loss estimates were first released by the audit office in May'."""
    match = cues().publication_notice.search(span.text)
    if match is None:
        return False
    cue = next((t for t in span if t.idx >= span.start_char + match.start()), head)
    verb = cue if cue.pos_ in {"VERB", "AUX"} else cue.head
    subject = subject_of(verb) or subject_of(head)
    if subject is None or subject.lower_ in {"it", "this"}:
        return True
    if any(c.dep_ in {"det", "poss"} and c.lower_ in {"this", "our"} for c in subject.children):
        return True
    return subject.lower_ in cues().self_referents


def is_hedged(span: Span, quotes: list[tuple[int, int]]) -> bool:
    """A hedge cue in the clause's own words. `quotes` are quotation regions in span.doc's character offsets."""
    hedges = cues()
    for t in span:
        if t.tag_ == "MD" and t.lower_ in hedges.hedge_modals and own_words(t, quotes) and not stated_condition(t):
            return True
        if is_expectation(t) and own_words(t, quotes):  # 'Analysts expect Oslo to raise ...'
            return True
        if suggests_clause(t) and own_words(t, quotes):  # 'Polls suggest the race will ...'
            return True
    by_start = {t.idx: t for t in span}
    for match in hedges.hedge_pattern.finditer(span.text):
        token = by_start.get(match.start() + span.start_char)
        if token is None or own_words(token, quotes):
            return True
    return False


def suggests_clause(token: Token) -> bool:
    """'suggest'/'indicate' with a clause: evidence pointing to something, not asserting it. In a relative clause
    ('..., which suggests that ...') it is a comment on the claim, not its frame."""
    return (token.pos_ == "VERB" and token.lower_ in cues().clause_hedge_verbs
            and token.dep_ not in {"relcl", "acl", "advcl"} and any(c.dep_ == "ccomp" for c in token.children))


def own_words(cue: Token, quotes: list[tuple[int, int]]) -> bool:
    """Does the cue belong to what the claim itself says? Outside quotation marks it does. Inside, it does when the
    quotation holds the subject of the cue's clause - the quoted words are the claim ('"The fleet is expected to
    ..."') - and not when a quoted fragment completes someone's sentence ('said the missile "could reach ..."')."""
    region = next(((lo, hi) for lo, hi in quotes if lo <= cue.idx < hi), None)
    if region is None:
        return True
    verb = cue if cue.pos_ == "VERB" else cue.head
    subject = subject_of(verb)
    if subject is None and verb.dep_ in {"xcomp", "acomp"}:  # 'is likely to', 'seems to': the subject is above
        subject = subject_of(verb.head)
    return subject is not None and region[0] <= subject.idx < region[1]


def stated_condition(modal: Token) -> bool:
    """'could not be ratified until the assembly changes the law': a negated can/could with a temporal or
    conditional complement states what must happen first, not an uncertainty."""
    if modal.lower_ not in cues().ability_modals:
        return False
    verb = modal.head
    if not any(c.dep_ == "neg" for c in [*verb.children, *modal.children]):
        return False
    marks = cues().condition_marks
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in marks:
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children):
            return True
    return False


# ---------------------------------------------------------------- quotations


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Quotations as character regions, marks included. A quotation may run over several sentences; one left
    open runs to the end of its paragraph. Straight quotes pair up within a paragraph."""
    regions: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        lo, hi = paragraph.span()
        open_at: int | None = None
        for index in range(lo, hi):
            char = text[index]
            if char == "“" or (char == '"' and open_at is None):
                open_at = index if open_at is None else open_at
            elif (char == "”" or char == '"') and open_at is not None:
                regions.append((open_at, index + 1))
                open_at = None
        if open_at is not None:
            regions.append((open_at, hi))
        regions.extend(m.span() for m in SINGLE_QUOTED.finditer(text, lo, hi))
    return regions


class Quotations:
    """The article's quotation regions (quote_regions), found by position; answers keep the regions' order."""

    def __init__(self, regions: list[tuple[int, int]]) -> None:
        self.regions = regions
        self.positions = Intervals(regions)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        return [self.regions[i] for i in self.positions.overlapping(start, end)]

    def around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation that [start, end) lies wholly inside, if any: a quoted sentence, or a sentence of a
        quotation going on."""
        found = self.positions.first_covering(start, end)
        return None if found is None else self.regions[found]

    def open_at(self, at: int) -> list[tuple[int, int]]:
        """Quotations opened before `at` that close after it."""
        return [self.regions[i] for i in self.positions.covering(at - 1, at + 1)]


def same_paragraph(text: str, start: int, end: int) -> bool:
    return re.search(r"\n\s*\n", text[start:end]) is None


# ---------------------------------------------------------------- extraction


@dataclass
class Decision:
    """One clause considered: kept (with its claim) or dropped, always with the reason."""

    text: str
    start: int
    end: int
    verdict: Verdict
    claim: Claim | None
    # for a clause of a quotation whose speaker is named only after it: the claim it makes once that speaker is known
    # (a quoted view is a claim about its speaker), or None where it is no claim even so
    redo: Callable[[str], Claim | None] | None = None


@dataclass
class QuoteSpeaker:
    """Who the last quotation belongs to, and where the sentence that gave it ended."""

    name: str
    end: int


def misparsed_reporting_noun(token: Token) -> Token | None:
    """'the US Department of Defense projects that it will ...': the tagger reads a reporting verb's -s form as a
    plural noun with a 'that' clause as its relative clause. A real relative clause has no 'that' complementiser
    plus a subject of its own. Returns the noun modifier that is really the verb's subject."""
    lexicon = reporting_lexicon()
    if token.tag_ != "NNS" or token.lower_ not in lexicon.verb_forms | lexicon.expectation_forms:
        return None
    if token.dep_ not in {"ROOT", "conj"}:
        return None
    clause = next((c for c in token.children if c.dep_ == "relcl" and c.i > token.i), None)
    if clause is None or not (clause.left_edge.lower_ == "that" and clause.left_edge.dep_ == "mark"):
        return None
    if not any(c.dep_ == "nsubj" for c in clause.children):
        return None
    modifiers = [c for c in token.children if c.i < token.i and c.dep_ in {"nmod", "compound"}
                 and c.pos_ in {"NOUN", "PROPN"}]
    return modifiers[-1] if modifiers else None


def noun_with_subject_and_clause(token: Token) -> bool:
    """'Analysts at the institute estimate that ...' tagged as a noun 'estimate' with a subject and a clause of its
    own: a reporting verb, whatever the tagger said."""
    lexicon = reporting_lexicon()
    if token.tag_ not in {"NN", "NNS"} or token.lower_ not in lexicon.verb_forms | lexicon.expectation_forms:
        return False
    children = list(token.children)
    return any(c.dep_ == "nsubj" for c in children) and any(
        c.dep_ == "ccomp" and c.i > token.i and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        for c in children)


def repaired(doc: Doc) -> Doc:
    """The doc, or a copy with misparsed reporting verbs (see misparsed_reporting_noun, noun_with_subject_and_clause)
    made verbs, their 'that' clause a complement and their noun modifier the subject. Offsets are unchanged."""
    found = [(t.i, subject.i) for t in doc if (subject := misparsed_reporting_noun(t)) is not None]
    nouns_with_clauses = [t.i for t in doc if noun_with_subject_and_clause(t)]
    if not found and not nouns_with_clauses:
        return doc
    copy = doc.copy()
    for verb_i in nouns_with_clauses:
        copy[verb_i].tag_ = "VBZ" if copy[verb_i].lower_.endswith("s") else "VBP"
        copy[verb_i].pos_ = "VERB"
    for verb_i, subject_i in found:
        verb, subject = copy[verb_i], copy[subject_i]
        for child in [c for c in verb.children if c.i < subject.i]:
            child.head = subject  # 'the' of 'the ... Department ... projects'
        subject.dep_ = "nsubj"
        verb.tag_, verb.pos_ = "VBZ", "VERB"
        for child in verb.children:
            if child.dep_ == "relcl":
                child.dep_ = "ccomp"
    return copy


def with_people(doc: Doc, actors: list[Actor]) -> Doc:
    """The doc, or a copy whose entities call PERSON the people the actors extractor found where the tagger gave
    another label or none ('Roe wants a recount' with 'Roe' tagged an organisation): what a person wants or plans is
    a view reported, what an organisation plans is its policy, so the label decides. A name inside a longer entity
    of another kind ('the Roe Foundation') keeps that entity."""
    spans = [span for actor in actors if actor.kind == "person" for m in actor.mentions
             if (span := doc.char_span(m.start, m.end)) is not None
             and not all(t.ent_type_ == "PERSON" for t in span)]
    ents = list(doc.ents)
    people = [s for s in spans if not any(e.start <= s.start and s.end <= e.end and (e.start, e.end) != (s.start, s.end)
                                          for e in ents)]
    if not people:
        return doc
    copy = doc.copy()
    taken = {i for s in people for i in range(s.start, s.end)}
    kept = [Span(copy, e.start, e.end, label=e.label_) for e in ents
            if not any(i in taken for i in range(e.start, e.end))]
    added = [Span(copy, s.start, s.end, label="PERSON") for s in sorted(people, key=lambda s: (s.start, -s.end))]
    merged: list[Span] = []
    for span in sorted(kept + added, key=lambda s: s.start):
        if not merged or span.start >= merged[-1].end:
            merged.append(span)
    copy.ents = merged
    return copy


def claim_decisions(
    doc: Doc, ctx: ArticleContext, actors: list[Actor], dates: list[DateMention], figures: list[Figure],
    nlp: Language, line_drops: Counter[str] | None = None,
) -> Iterator[Decision]:
    """Every clause considered, kept or dropped with its reason. Whole lines left out before clauses are read
    (headings, references, glued table rows) are counted in `line_drops`. `nlp` is the model that parsed `doc`:
    pieces whose parse is entangled with cut-off words are parsed again with it."""
    doc = with_people(repaired(doc), actors)
    article_mentions = MentionIndex(actors)
    article_text = doc_text(doc)
    quotes = Quotations(quote_regions(article_text))
    links = ClaimLinks(actors, dates, figures)
    last_quote: QuoteSpeaker | None = None
    # sentences of a quotation with no speaker yet, held until the sentence that names one closes the quotation
    # ('"Prices will rise. The plan is failing," the governor said.'): (quotation region, their decisions)
    held: tuple[tuple[int, int], list[Decision]] | None = None
    introduced: str | None = None  # 'The governor added:' closing the unit before: this one is the governor's
    for unit, mentions in reading_units(doc, ctx, article_mentions, nlp, line_drops):
        introducer, introduced = introduced, None
        offset = mentions.offset
        unit_start, unit_end = unit.start_char + offset, unit.end_char + offset
        # a sentence wholly inside quotation marks, with no speaker of its own, is the last quoted speaker's
        # ('"The talks went well," said X. "Both sides are expected to sign."'; 'X said: "... . Both sides ..."')
        quoted = quotes.around(unit_start, unit_end) is not None
        inherited = last_quote.name if (quoted and last_quote is not None
                                        and same_paragraph(article_text, last_quote.end, unit_start)) else None
        own_speakers: list[str] = []
        local_quotes = [(lo - offset, hi - offset) for lo, hi in quotes.overlapping(unit_start, unit_end)]
        # "according to X" opening or closing a sentence (each part of it split at semicolons) covers its clauses
        part_speakers: dict[int, str | None] = {}
        decided: list[Decision] = []
        decided_spans: list[tuple[Span, str | None]] = []  # each decision's clause and speaker, for merging
        parts = semicolon_parts(unit)
        # a part closed by a colon is a judgement whose grounds are the part after it
        grounds = {p.start: (n if p.end < len(p.doc) and p.doc[p.end].text == ":" else None)
                   for p, n in zip(parts, [*parts[1:], None], strict=True)}
        for part, (clause, head) in ((p, c) for p in parts for c in clauses(p)):
            if part.start not in part_speakers:
                part_speakers[part.start] = (sentence_according_to(part, root_of(part), mentions)
                                             if len(part) > 2 else None)
            sentence_speaker = part_speakers[part.start]
            start, end = clause.start_char + offset, clause.end_char + offset
            if ctx.is_blocked(start, end):
                yield Decision(clause.text, start, end, Verdict(False, "blocked span"), None)
                continue
            appended = appended_report(part)
            if appended is not None and clause.start == appended.first.i:
                # '..., which the bank estimates rose by ...', '..., a charge the ministry disputes': its own
                # speaker's report, a claim whatever the parser made of its verb
                speaker_name = appended_speaker_name(appended, mentions)
                if speaker_name is not None:
                    own_speakers.append(speaker_name)
                    decided.append(Decision(clause.text, start, end, Verdict(True, "appended report"),
                                            make_claim(clause, offset, speaker_name, local_quotes, article_text,
                                                       links)))
                    decided_spans.append((clause, speaker_name))
                    continue
            # 'X said Y, according to Z': the sentence's source reports the whole of it, X's words included
            speaker_name = (sentence_speaker or source_of(framing_chain(head), mentions, clause)
                            or inserted_source(clause, mentions) or adjunct_speaker_name(head, mentions, part)
                            or introducer)
            if speaker_name is not None:
                own_speakers.append(speaker_name)
            if speaker_name is None and quotation_fragment(clause.text, start, end, quotes):
                # '"They keep promising, and each winter the queue grows longer."': the rest of a quoted sentence
                # belongs to the claim of the clause before it, or to none
                if decided and decided[-1].claim is not None:  # the clause before, of the same sentence, is kept
                    prior, prior_speaker = decided_spans[-1]
                    merged = clause.doc[prior.start : clause.end]
                    decided[-1] = Decision(merged.text, prior.start_char + offset, end, decided[-1].verdict,
                                           make_claim(merged, offset, prior_speaker, local_quotes, article_text,
                                                      links))
                    decided_spans[-1] = (merged, prior_speaker)
                    continue
                decided.append(Decision(clause.text, start, end, Verdict(False, "quotation fragment"), None))
                decided_spans.append((clause, None))
                continue
            # the quote's speaker, also over a report inside the quotation ('"Officials told me it is over," X
            # said'); a quoted view is a claim about the person quoted, as a reported one is
            verdict = judge(clause, head, speaker_name or inherited, mentions, links.quantities, grounds[part.start])
            redo = None
            if not verdict.keep and speaker_name is None and inherited is None:
                redo = later_speaker_claim(clause, head, mentions, offset, local_quotes, article_text, links)
            speaker_name = inherited or speaker_name
            claim = (make_claim(clause, offset, speaker_name, local_quotes, article_text, links)
                     if verdict.keep else None)
            decided.append(Decision(clause.text, start, end, verdict, claim, redo))
            decided_spans.append((clause, speaker_name))
        introduced = introduced_speaker(unit, mentions)
        region = quotes.around(unit_start, unit_end)
        if held is not None and held[0] != region:
            if own_speakers and spans_overlap(unit_start, unit_end, *held[0]):
                attribute_held(held[1], own_speakers[-1], links.speakers)
            yield from held[1]
            held = None
        if region is not None and inherited is None:
            held = (region, [*held[1], *decided]) if held is not None else (region, decided)
        else:
            yield from decided
        if inherited is not None and last_quote is not None:
            last_quote = QuoteSpeaker(last_quote.name, unit_end)
        elif own_speakers and quotes.overlapping(unit_start, unit_end) and region is None:
            last_quote = QuoteSpeaker(own_speakers[0], unit_end)
        else:
            last_quote = None


    if held is not None:
        yield from held[1]


def adjunct_speaker_name(head: Token, mentions: MentionIndex, part: Span) -> str | None:
    """A report cut off the clause before it ('saying that ...', 'and said ...') speaks for that clause's subject,
    when the subject is in the same sentence part."""
    if head.dep_ not in {"conj", "advcl", "xcomp", "pcomp"} or not is_reporting_verb(head):
        return None
    subject = adjunct_subject(head)
    if subject is None or not part.start <= subject.i < part.end:
        return None
    return name_for(unwrap_container(subject), mentions)


def attribute_held(decisions: list[Decision], speaker: str, speakers: SpeakerIndex) -> None:
    """Give the speaker found after a quotation to its earlier sentences' claims, also over a report inside the
    quotation: the quoted person says it."""
    for decision in decisions:
        if decision.claim is None and decision.redo is not None:
            decision.claim = decision.redo(speaker)
            if decision.claim is not None:
                decision.verdict = Verdict(True, "attributed")
        if decision.claim is not None:
            decision.claim.speaker = speaker
            decision.claim.speaker_actor_id = speakers.actor_id(speaker)


def later_speaker_claim(clause: Span, head: Token, mentions: MentionIndex, offset: int,
                        quotes: list[tuple[int, int]], article_text: str,
                        links: ClaimLinks) -> Callable[[str], Claim | None]:
    """The claim a clause dropped for want of a speaker makes once a speaker named after its quotation is known."""

    def redo(speaker: str) -> Claim | None:
        if not judge(clause, head, speaker, mentions, links.quantities).keep:
            return None
        return make_claim(clause, offset, speaker, quotes, article_text, links)

    return redo


def quotation_fragment(text: str, start: int, end: int, quotes: Quotations) -> bool:
    """A clause that starts inside a quotation opened before it, in lower case, and runs to the quotation's end:
    the second half of a quoted sentence, not a statement of its own."""
    if not text[:1].islower():
        return False
    return any(end >= hi - 1 for _lo, hi in quotes.open_at(start))


def extract_claims(
    doc: Doc, ctx: ArticleContext, actors: list[Actor], dates: list[DateMention], figures: list[Figure],
    nlp: Language,
) -> list[Claim]:
    return claims_with_drops(doc, ctx, actors, dates, figures, nlp)[0]


def claims_with_drops(
    doc: Doc, ctx: ArticleContext, actors: list[Actor], dates: list[DateMention], figures: list[Figure],
    nlp: Language,
) -> tuple[list[Claim], Counter[str]]:
    """The claims, and how many clauses were dropped for each reason ('question', 'nothing checkable', ...), so
    that a run can say what it left out and why. Lines left out whole count too ('heading line', ...)."""
    claims: list[Claim] = []
    drops: Counter[str] = Counter()
    for decision in claim_decisions(doc, ctx, actors, dates, figures, nlp, drops):
        if decision.claim is not None:
            claims.append(decision.claim)
        else:
            drops[decision.verdict.reason] += 1
    return claims, drops


def reading_units(doc: Doc, ctx: ArticleContext, mentions: MentionIndex, nlp: Language,
                  drops: Counter[str] | None = None) -> Iterator[tuple[Span, MentionIndex]]:
    """Each unit with the span to read it from. A piece cut out of a longer parsed sentence whose parse is
    entangled with the cut-off words (a heading line glued to the sentence after it, its words taken for the
    subject) is parsed again on its own, all such pieces in one batch; `mentions` then carries the offset."""
    pieces = units(doc, ctx, drops)
    entangled = [piece for piece, was_cut in pieces if was_cut and parse_entangled(piece)]
    reparsed = dict(zip((p.start_char for p in entangled), nlp.pipe(p.text for p in entangled), strict=True))
    for piece, _was_cut in pieces:
        own = reparsed.get(piece.start_char)
        if own is None:
            yield piece, mentions
        else:
            yield own[:], mentions.shifted(piece.start_char)


def parse_entangled(piece: Span) -> bool:
    """Did the sentence parse tie the piece to words outside it? More than one word of the piece hangs outside,
    the one that does is not a verb, or an outside word is the subject, object or clause complement of a word
    inside."""
    outside = [t for t in piece if not t.is_punct and not piece.start <= t.head.i < piece.end]
    if len(outside) > 1 or (outside and outside[0].pos_ not in {"VERB", "AUX"}):
        return True
    sent = piece.sent
    return any(t.dep_ in SUBJECT_DEPS | {"dobj", "ccomp"} and piece.start <= t.head.i < piece.end
               for t in sent if not piece.start <= t.i < piece.end)


class ClaimLinks:
    """What a claim links to (actor mentions, figures, dates) and who a speaker is, indexed once per article so that
    each claim looks up only what lies inside it."""

    def __init__(self, actors: list[Actor], dates: list[DateMention], figures: list[Figure]) -> None:
        self.speakers = SpeakerIndex(actors)
        mentions = [(a.actor_id, m) for a in actors for m in a.mentions]
        self.mention_actor_ids = [actor_id for actor_id, _m in mentions]
        self.mentions = Intervals([(m.start, m.end) for _a, m in mentions])
        self.figures, self.figure_spans = figures, Intervals([(f.start, f.end) for f in figures])
        self.dates, self.date_spans = dates, Intervals([(d.start, d.end) for d in dates])
        self.quantities = Intervals([(q.start, q.end) for q in [*dates, *figures]])

    def actor_ids(self, start: int, end: int) -> list[str]:
        return sorted({self.mention_actor_ids[i] for i in self.mentions.inside(start, end)})

    def figure_ids(self, start: int, end: int) -> list[str]:
        return [self.figures[i].id for i in self.figure_spans.inside(start, end)]

    def date_values(self, start: int, end: int) -> list[str]:
        values = (self.dates[i].value for i in self.date_spans.inside(start, end))
        return list(dict.fromkeys(v for v in values if v))


def make_claim(span: Span, offset: int, speaker_name: str | None, quotes: list[tuple[int, int]], article_text: str,
               links: ClaimLinks) -> Claim:
    start, end = span.start_char + offset, span.end_char + offset
    # whitespace is trimmed by moving the offsets, so that text is always article_text[start:end]
    while start < end and article_text[start].isspace():
        start += 1
    while end > start and article_text[end - 1].isspace():
        end -= 1
    return Claim(
        text=article_text[start:end],
        start=start,
        end=end,
        speaker=speaker_name,
        speaker_actor_id=links.speakers.actor_id(speaker_name),
        hedged=is_hedged(span, quotes),
        actor_ids=links.actor_ids(start, end),
        figure_ids=links.figure_ids(start, end),
        date_values=links.date_values(start, end),
    )
