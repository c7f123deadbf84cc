"""Acronyms the text defines: 'Institute for Security Studies (ISS)' makes ISS that body's alias wherever it
appears, over the gazetteer's reading of it ("Armed Forces of Panama (AFP)" is not Agence France-Presse); a name
the defined acronym names is a body unless its head word makes it a document, plan or event."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from extractors.actor_ids import slug
from extractors.actors.names import has_org_word, head_word, names_run_work, occurrences, overlaps, word_starts
from extractors.actors.records import Hit, OrgBook
from extractors.records import ArticleContext

if TYPE_CHECKING:
    from extractors.actors.gazetteer import Lexicon

ACRONYM_DEF_RE = re.compile(
    r"(?P<long>[A-Z][\w'’-]*(?:\s+(?:of|for|on|and|the|in|&|[A-Z][\w'’-]*)){1,9})\s+\((?P<short>[A-Z][A-Za-z&]{1,9})\)"
)


@dataclass(frozen=True, slots=True)
class Definition:
    long: str
    short: str
    short_start: int
    short_end: int
    long_start: int


@dataclass(slots=True)
class Definitions:
    """The acronyms a document defines, sorted: those of bodies, and the names both of a body and not."""

    bodies: list[Definition]
    defined: set[str]  # long names and acronyms of bodies
    not_bodies: set[str]  # acronyms of documents, plans, events
    cited: set[str]  # acronyms whose long name the text cites as a source


def spells_acronym(short: str, long_words: list[str]) -> bool:
    """'MINTRANS' from MINistry of TRANSport, 'OPEC': the acronym is built from the starts of the words, in order
    (a word may give several letters or none)."""
    letters = short.upper().replace("&", "")
    parts = tuple(p.upper() for w in long_words for p in re.split(r"[-’']", w) if p)
    return bool(parts) and parts[0][:1] == letters[:1] and letters_fit(letters, parts, 0, 0)


@lru_cache(maxsize=65536)
def letters_fit(letters: str, parts: tuple[str, ...], i: int, j: int) -> bool:
    """Whether letters[i:] can be taken from the starts of parts[j:], in order."""
    if i == len(letters):
        return True
    if j == len(parts):
        return False
    k = 0
    while k < len(parts[j]) and i + k < len(letters) and parts[j][k] == letters[i + k]:
        k += 1
        if letters_fit(letters, parts, i + k, j + 1):
            return True
    return letters_fit(letters, parts, i, j + 1)


def acronym_definitions(text: str, drops: Counter[str] | None = None) -> list[Definition]:
    """'Institute for Security Studies (ISS)': long name, acronym, where the acronym sits, and where the name starts."""
    found = []
    for m in ACRONYM_DEF_RE.finditer(text):
        short = m.group("short")
        # "The Baltic Centre for ... (BCMS)": the name starts at the word the acronym starts with
        word_spans = list(re.finditer(r"\S+", m.group("long")))
        while len(word_spans) > 1 and word_spans[0].group()[0] != short[0]:
            word_spans = word_spans[1:]
        long = m.group("long")[word_spans[0].start():]
        long_words = [w.group() for w in word_spans]
        initials = "".join(w[0] for w in long_words if w[:1].isupper())
        letters_match = short[0] == long[0] and set(short.upper()) <= set(initials.upper()) | {"&"}
        if not (letters_match or spells_acronym(short, long_words)):
            if drops is not None:
                drops["acronyms.letters_do_not_match"] += 1
            continue
        found.append(Definition(long, short, m.start("short"), m.end("short"), m.start("long") + word_spans[0].start()))
    return found


def cited_as_source(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """'according to the X', 'X said': the text takes figures or words from it."""
    before = re.sub(r"\s+(?:the\s+)?$", "", text[max(0, start - 30):start], flags=re.IGNORECASE)
    if any(before.lower().endswith(cue) for cue in lex.cue_set("source_cues")):
        return True
    after = re.match(r"\s*(?:\([^)]{1,12}\)\s*)?(\w+)", text[end:end + 40])
    return after is not None and after.group(1) in lex.cue_set("reporting_verbs")


def read_definitions(text: str, lex: Lexicon, drops: Counter[str]) -> Definitions:
    """A defined name is a body unless its head makes it a document, plan or event - or a project-like name is cited
    as a source (ODI); "Belt and Road Initiative (BRI)" is not, and neither is its acronym."""
    definitions = acronym_definitions(text, drops)
    non_actor = lex.cue_set("non_actor_words")
    body_heads = lex.cue_set("source_body_heads")
    cited = {d.short for d in definitions if cited_as_source(text, d.long_start, d.long_start + len(d.long), lex)}
    bodies = [d for d in definitions if head_word(d.long) not in non_actor or names_run_work(d.long, lex)
              or head_word(d.long) in body_heads and d.short in cited]
    if len(bodies) < len(definitions):
        drops["acronyms.not_a_body"] += len(definitions) - len(bodies)
    defined = {d.short for d in bodies} | {d.long for d in bodies}
    return Definitions(bodies, defined, {d.short for d in definitions} - defined, cited)


# ---------------------------------------------------------------- the stage


def org_hit_at(book: OrgBook, start: int, end: int) -> Hit | None:
    """The first organisation hit standing exactly at start..end."""
    return next((h for h in book.hits_starting(start, start) if h.end == end and h.term and h.term.category == "org"),
                None)


def move_mention(book: OrgBook, mention: Hit, target: str) -> None:
    """A mention goes to organisation `target`; one of a gazetteer actor stays a hit of that actor."""
    moved = Hit(target, mention.start, mention.end, mention.text, source=mention.source)
    if target in book.orgs:
        book.orgs[target][1].append(moved)
    else:
        book.append_hit(moved)


def new_body(book: OrgBook, d: Definition, text: str, ctx: ArticleContext) -> str | None:
    """"European Union Mission in Moldova (EUMM)": spaCy cut the name short or the gazetteer saw only a part of it;
    the whole name becomes the body (it takes the spans of what was found inside, countries aside). The body's id,
    or None (a drop reason is counted by the caller) when the name cannot be one."""
    long_end = d.long_start + len(d.long)
    inner = book.hits_overlapping(d.long_start, long_end)
    if not all(d.long_start <= h.start and h.end <= long_end for h in inner) or ctx.is_blocked(d.long_start, long_end):
        return None
    book.drop_hits([h for h in inner if not (h.term is not None and h.term.category == "country")])
    for actor_id, (_, mentions) in list(book.orgs.items()):
        mentions[:] = [m for m in mentions if not overlaps(d.long_start, long_end, m.start, m.end)]
        if not mentions:
            del book.orgs[actor_id]
    target = f"organization:{slug(d.long)}"
    book.add(target, d.long, d.long_start, long_end, text, "pattern")
    return target


def mark_occurrences(book: OrgBook, short: str, target: str, text: str, ctx: ArticleContext,
                     starts: dict[str, list[int]]) -> None:
    """Every occurrence of the acronym is a mention of `target`; spaCy's own body by that acronym merges into it,
    and so does a different organisation the gazetteer read it as."""
    duplicate = f"organization:{slug(short)}"
    if duplicate != target and duplicate in book.orgs:  # spaCy's "CRI" beside "Coastal Research Institute"
        for mention in book.orgs.pop(duplicate)[1]:
            move_mention(book, mention, target)
    for start, end in occurrences(short, text, starts):  # starts: from word_starts(text)
        if ctx.is_blocked(start, end):
            continue
        if book.covered(start, end):
            other = org_hit_at(book, start, end)
            if other is None or other.actor_id == target:
                continue
            book.remove_hit(other)
        move_mention(book, Hit(target, start, end, short, source="pattern"), target)


def apply_acronyms(text: str, ctx: ArticleContext, book: OrgBook, definitions: Definitions, lex: Lexicon,
                   drops: Counter[str]) -> OrgBook:
    """The organisations and hits once every defined acronym names its body (a new OrgBook)."""
    book = book.copy()
    starts = word_starts(text)
    for d in definitions.bodies:
        known = org_hit_at(book, d.long_start, d.long_start + len(d.long))
        target = known.actor_id if known is not None else book.aliases.get(d.long)
        if d.short in lex.cue_set("non_actor_acronyms"):
            drops["acronyms.non_actor_acronym"] += 1
            continue
        if target is None and not (has_org_word(d.long, lex) or d.short in definitions.cited):
            drops["acronyms.name_without_body_word"] += 1
            continue
        if target is None:
            target = new_body(book, d, text, ctx)
            if target is None:
                drops["acronyms.name_overlaps_other_names"] += 1
                continue
        book.aliases[d.short] = target
        mark_occurrences(book, d.short, target, text, ctx, starts)
    return book
