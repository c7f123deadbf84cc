"""Rules about names that several stages of the actor layer share: cleaning what spaCy glues to an entity, whether
words can be a person's name, and what a name's head word says it is (a body, a title, a document)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from extractors.common import load_data, spans_overlap

if TYPE_CHECKING:
    from extractors.actors.gazetteer import Lexicon

CLEAN_CUT = re.compile(r"\n|\(|\[|https?://|www\.")
NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}  # spaCy's labels
overlaps = spans_overlap


def cue(name: str) -> list[str]:
    return load_data("actor_cues.json")[name]


@cache
def lead_word_re() -> re.Pattern[str]:
    """"the" and the possessive pronouns spaCy keeps at a name's start ("Its Ministry of Transport"), either case;
    the lower-case-only ones may start a name when capitalised ("Our")."""
    either = [f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in cue("entity_lead_words")]
    lower_only = [re.escape(w) for w in cue("entity_lead_words_lowercase_only")]
    return re.compile(f"(?:{'|'.join(either + lower_only)}) ")


def clean_entity(text: str, start: int) -> tuple[str, int, int] | None:
    """Drop what spaCy glues to a name: line breaks, brackets, URLs, quotes, 'the', a possessive."""
    cut = CLEAN_CUT.search(text)
    if cut:
        text = text[:cut.start()]
    lead = len(text) - len(text.lstrip(" \"“”‘’'"))
    text = text[lead:]
    start += lead
    lead_word = lead_word_re().match(text)
    if lead_word and len(text) > lead_word.end():
        text, start = text[lead_word.end():], start + lead_word.end()
    text = re.sub(r"(['’]s?|[\s\"“”‘’.,;:!?-]+)$", "", text)
    text = re.sub(r"(['’]s?|[\s\"“”‘’.,;:!?-]+)$", "", text)
    if not text:
        return None
    return text, start, start + len(text)


def words(text: str) -> list[str]:
    return text.split()


def name_words(name: str) -> list[str]:
    """A person's name without the generational suffix that ends it: 'Ferdinand Marcos Jr.' -> Ferdinand, Marcos."""
    suffixes = set(cue("name_suffixes"))
    tokens = words(name)
    while len(tokens) > 1 and tokens[-1].rstrip(",") in suffixes:
        tokens = tokens[:-1]
    return tokens


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&]{1,7}", text))


def doc_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def person_name_problem(text: str, lex: Lexicon, lowercase_vocab: set[str]) -> str | None:
    """Why words cannot be a person's name (a drop reason), or None when they can."""
    tokens = words(text)
    particles = lex.cue_set("name_particles")
    blockers = lex.cue_set("person_blockers") | lex.cue_set("non_actor_words")
    if not 1 <= len(tokens) <= 5:
        return "name_length"
    for token in tokens:
        if any(c.isdigit() for c in token):
            return "digit_in_name"
        if token.lower().strip(".,") in blockers:
            return "blocker_word"
        # "al-Hakim", "el-Baz": a lower-case particle glued to a capitalised name is part of it
        glued = token.split("-", 1)
        if not (token[:1].isupper() or token.lower() in particles
                or len(glued) == 2 and glued[0].lower() in particles and glued[1][:1].isupper()):
            return "lowercase_word"
    if len(tokens) == 1 and is_acronym(tokens[0]):
        return "acronym"
    if all(t.isupper() and len(t) > 1 for t in tokens):
        return "all_capitals"
    # A name is not a run of ordinary words that the same article also writes in lower case.
    if all(t.lower() in lowercase_vocab for t in tokens):
        return "ordinary_words"
    return None


def person_name_ok(text: str, lex: Lexicon, lowercase_vocab: set[str]) -> bool:
    return person_name_problem(text, lex, lowercase_vocab) is None


def is_heading_line(line: str) -> bool:
    """A section heading: a short line in Title Case (or capitals) with no sentence punctuation at its end."""
    tokens = line.strip().strip("#*").split()
    if not 1 <= len(tokens) <= 10 or line.rstrip().endswith((".", ",", ";", ":")):
        return False
    capitalised = sum(1 for t in tokens if t[:1].isupper())
    return capitalised >= max(1, (len(tokens) + 1) // 2)


def head_word(name: str) -> str:
    """The word a name is about: 'Centre' in 'Belgrade Centre for Security Policy', 'Treaty' in 'Treaty on ...'."""
    tokens = words(name)
    for i, token in enumerate(tokens):
        if i > 0 and token in {"of", "for", "on", "in", "to", "against", "at"}:
            return tokens[i - 1].lower().strip(".,'’")
    return tokens[-1].lower().strip(".,'’")


def has_org_word(name: str, lex: Lexicon) -> bool:
    lows = [t.lower().strip(".,'’") for t in words(name)]
    heads = lex.cue_set("org_heads")
    if head_word(name) in heads or lows[-1] in heads or (len(lows) > 1 and lows[0] in lex.cue_set("org_leads")):
        return True
    return len(lows) > 1 and any(low in lex.cue_set("org_core_words") for low in lows)


def names_run_work(name: str, lex: Lexicon) -> bool:
    """'Trans-Karoo Pipeline', 'Operation Sea Shield': a capitalised name headed by a work its operator is named
    after, or opened by the word for a named operation, stands for the body that runs it, though 'pipeline' or
    'operation' alone would make it a thing or an event."""
    tokens = words(name)
    connectors = lex.cue_set("name_connectors")
    if len(tokens) < 2 or not all(t[:1].isupper() or t in connectors for t in tokens):
        return False
    return (tokens[-1].lower() in lex.cue_set("named_works_heads")
            or tokens[0].lower() in lex.cue_set("named_operation_leads"))


def title_of_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'Professor of International Relations', 'vice-president of Nova Stranka' ("title"); 'Treaty on
    Open Skies', 'Agreement on Fisheries and Coastal Relations' ("document"): the span
    continues a title or a document name that stands before it."""
    before = text[max(0, start - 120):start].split()
    if before and before[-1] == "the":
        before = before[:-1]
    if len(before) < 2 or before[-1] not in {"of", "for", "on"}:
        return None
    if before[-2].lower().strip(",") in lex.single_word_titles():
        return "title"
    # Back over the capitalised name the span continues, to the word it is named for.
    non_actor = lex.cue_set("non_actor_words")
    connectors = lex.cue_set("name_connectors")
    for word in reversed(before[:-1]):
        if word.lower() in connectors:
            continue
        if not word[:1].isupper() or word[-1:] in ".,;:!?\"”":
            break
        if word.lower() in non_actor:
            return "document"
    return None


def phrase_before(doc: Doc, i: int, phrases: set[str], longest: int = 3) -> bool:
    """Whether the lower-case words ending right before token i form one of `phrases`."""
    for n in range(1, longest + 1):
        if i - n < 0:
            break
        if " ".join(t.text for t in doc[i - n:i]) in phrases:
            return True
    return False


def line_around(text: str, start: int, end: int) -> str:
    """The line of text that holds start..end."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)  # not `"\n" in text[end:]`, which copies the rest of the text
    line_end = len(text) if line_end == -1 else line_end
    return text[line_start:line_end]


WORD_RUN_RE = re.compile(r"[\w-]+")


def word_starts(text: str) -> dict[str, list[int]]:
    """Where each run of word characters and hyphens starts, by its text: searching the whole text once per known
    name costs (people x text)."""
    starts: dict[str, list[int]] = {}
    for m in WORD_RUN_RE.finditer(text):
        starts.setdefault(m.group(), []).append(m.start())
    return starts


def occurrences(form: str, text: str, starts: dict[str, list[int]]) -> list[tuple[int, int]]:
    r"""What `re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)` finds, as (start, end): such a match begins
    a run (nothing of a word before it) and that run is the form's first run (the form ends it, or a character
    outside runs follows it in both), so only those runs' starts are tried."""
    first = WORD_RUN_RE.match(form)
    if first is None:
        return [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]
    found: list[tuple[int, int]] = []
    for start in starts.get(first.group(), []):
        end = start + len(form)
        if (found and start < found[-1][1]) or not text.startswith(form, start):
            continue  # a match does not start inside the one before it
        if end < len(text) and WORD_RUN_RE.match(text, end):
            continue
        found.append((start, end))
    return found


