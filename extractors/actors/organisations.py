"""The organisations stage: names spaCy tags as organisations (or facilities named as bodies), names the sentence
marks as organisations ("the firm Voltaro", "the Red Lantern gang", "NORTAG reported"), names the people stage found
to be bodies or mastheads, and state bodies after a demonym ("Kenyan trade ministry"). Each name is first completed
where spaCy cut it short, then kept only when it reads as a body's name; an organisation named after a place or a
known body takes that span from the gazetteer ("University of Leeds")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from extractors.actor_ids import slug
from extractors.actors.acronyms import Definitions
from extractors.actors.gazetteer import Lexicon
from extractors.actors.identity import find_person
from extractors.actors.names import (
    NUMERIC_ENTS,
    clean_entity,
    doc_span,
    has_org_word,
    head_word,
    is_acronym,
    is_heading_line,
    line_around,
    names_run_work,
    phrase_before,
    title_of_before,
    words,
)
from extractors.actors.records import Hit, NameSpan, OrgBook, Person
from extractors.nlp import doc_text
from extractors.positions import Intervals, entities_of
from extractors.records import ArticleContext

ORG_CONTINUATION_RE = re.compile(r"(?: +(?:of|for|in|on)(?: +the)?)? +[A-Z][\w'’.&-]*")
ORG_LEAD_RE = re.compile(r"(?<![\w'’-])(?P<lead>(?:[A-Z][\w'’.&-]* ){0,3}[A-Z][\w'’.&-]*) (?:of|for|on) (?:the )?$")


# ---------------------------------------------------------------- where a name starts and ends


def org_name_continues(text: str, end: int, lex: Lexicon, longest: int = 8) -> int | None:
    """Where an organisation's name really ends when spaCy stopped early: through 'of', 'for', 'in', 'on' and
    capitalised words, as far as a word that heads an organisation's name ('Foundation', 'Institute'); None when no
    such word closes the run. 'and' is no connector here: it joins two bodies as often as it names one."""
    heads = lex.cue_set("org_heads") | lex.cue_set("org_core_words")
    position, best = end, None
    for _ in range(longest):
        match = ORG_CONTINUATION_RE.match(text, position)
        if match is None:
            break
        position = match.end()
        if words(match.group())[-1].lower().strip(".,'’") in heads:
            best = position
    return best


def org_name_starts_before(text: str, start: int, lex: Lexicon) -> int | None:
    """Where a body's name really starts when spaCy saw only what it is named after: 'Naval Staff of the' before
    'Armed Forces of ...', 'Standing Committee on the' before a party's name - capitalised words that end in a word
    heading an organisation's name, then 'of', 'for' or 'on'."""
    match = ORG_LEAD_RE.search(text, max(0, start - 80), start)
    if match is None or match.end() != start:
        return None
    lead, lead_start = match["lead"], match.start("lead")
    if lead.startswith("The "):  # a sentence's capitalised article is no part of the name
        lead, lead_start = lead[4:], lead_start + 4
    heads = lex.cue_set("org_heads") | lex.cue_set("org_core_words")
    if words(lead)[-1].lower() not in heads:
        return None
    # 'Chief of Staff of the ...': the words belong to a title
    titles = lex.cue_set("title_words") | lex.single_word_titles()
    window = text[max(0, lead_start - 40):lead_start]
    before = re.search(r"([\w-]+)\s+(?:of|for|on)\s+(?:the\s+)?$", window)
    if before is not None and before.group(1).lower() in titles:
        return None
    return lead_start


def completed_name(text: str, name: str, start: int, end: int, book: OrgBook, lex: Lexicon) -> NameSpan:
    """The whole name where spaCy saw part of it: the body it is named after, the words up to its head word, the
    country it is 'of', and without the connector a name never ends on."""
    earlier = org_name_starts_before(text, start, lex)
    if earlier is not None:  # "Naval Staff of the" + "Armed Forces of ...": spaCy saw only the second body
        name, start = text[earlier:end], earlier
    extended_end = org_name_continues(text, end, lex)
    if extended_end is not None:  # "Committee for Freedom" + "in Harbour City Foundation": spaCy cut it short
        name, end = text[start:extended_end], extended_end
    # a country right after the name or after " of the " (at most 9 characters on): only hits starting there
    following = next((h for h in book.hits_starting(end + 1, end + 9) if h.term is not None
                      and h.term.category == "country"
                      and (0 < h.start - end <= 1 and re.search(r" (of|for|in)$", name)
                           or re.fullmatch(r" (?:of|for|in) (?:the )?", text[end:h.start])
                           and has_org_word(name, lex) and text[end - 1:end].isalpha())), None)
    if following is not None:  # spaCy stops "the Ministry of Foreign Affairs of" before "Uruguay"
        name, end = text[start:following.end], following.end
    trailing = re.search(r"(?:\s+(?:of|for|and|the|on|in|to|&))+$", name)
    if trailing:  # "Presidential Nuclear Initiatives of": spaCy cut the name short; a name never ends so
        name, end = name[:trailing.start()], end - len(trailing.group())
    return name, start, end


# ---------------------------------------------------------------- whether a name is a body's


def words_before(text: str, lookahead: str) -> set[str]:
    """Every run of non-space characters that ends where `lookahead` matches and starts after a character that is
    not a word character or a hyphen: what `(?<![\\w-])WORD` + lookahead finds, for every WORD at once (one search
    of the text instead of one per candidate word)."""
    found: set[str] = set()
    for m in re.finditer(lookahead, text):
        end = start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        for at in range(start, end):
            if at == 0 or not re.match(r"[\w-]", text[at - 1]):
                found.add(text[at:end])
    return found


def org_name_problem(name: str, lex: Lexicon, ent_counts: Counter, defined: set[str], vouched: bool = False
                     ) -> str | None:
    """Why a name spaCy (or a cue) offers is not an organisation's (a drop reason), or None when it is; `vouched`:
    the sentence marks a one-word name as an organisation ("the firm Voltaro", "Voltaro shut")."""
    tokens = words(name)
    if not tokens or any(c.isdigit() for c in name) or not name[:1].isupper():
        return "not_a_proper_name"
    lows = [t.lower().strip(".,'’") for t in tokens]
    non_actor = lex.cue_set("non_actor_words")
    head = head_word(name)
    if names_run_work(name, lex):
        return None
    if head in non_actor or head.endswith("s") and head[:-1] in non_actor and head not in lex.cue_set("org_heads"):
        return "document_or_event"  # "Defence Concept", "Treaty on Open Skies", "... Initiatives"
    if name in lex.cue_set("non_actor_acronyms") or re.fullmatch(r"[A-Z]{2,}s", name):
        return "non_actor_acronym"
    if name in defined or has_org_word(name, lex):
        return None
    if any(low in non_actor for low in lows) or "and" in lows:
        return "non_actor_word"  # "Fordow and Natanz" are two places
    if any(low in lex.single_word_titles() for low in lows):
        return "title"  # "High Representative for Foreign Affairs" is a title
    if is_acronym(name) or len(tokens) == 1:
        confirmed = vouched or ent_counts[name] >= 2 and not is_acronym(name) or ent_counts[name] >= 3
        return None if confirmed else "single_word_unconfirmed"
    # A multi-word proper name spaCy calls an organisation, every word capitalised ("Lloyd's List").
    # "Frente de Liberación", "Partido de la Esperanza": the connectors of names in other languages count as well
    connectors = {"of", "for", "and", "the", "&", "on", "in"} | lex.cue_set("foreign_name_connectors")
    if all(t[:1].isupper() or t.lower() in connectors for t in tokens) and tokens[-1][:1].isupper():
        return None
    return "lowercase_word"


def org_name_ok(name: str, lex: Lexicon, ent_counts: Counter, defined: set[str], vouched: bool = False) -> bool:
    return org_name_problem(name, lex, ent_counts, defined, vouched) is None


def runs_into_title(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether capitalised title words after a span lead to a title head: 'Chilean Public' + 'Works Minister'."""
    span = doc_span(doc, start, end)
    if span is None:
        return False
    j = span.end
    title_words = lex.cue_set("title_words")
    while j < len(doc) and j - span.end < 3 and doc[j].text[:1].isupper() and doc[j].lower_ in title_words:
        j += 1
    return j < len(doc) and doc[j].text[:1].isupper() and doc[j].lower_.split("-")[-1] in lex.single_word_titles()


# ---------------------------------------------------------------- names the sentence marks as bodies


def cued_org_names(doc: Doc, hits: list[Hit], lex: Lexicon) -> tuple[list[NameSpan], set[tuple[int, int]]]:
    """Names the sentence marks as organisations, though spaCy or the gazetteer cannot: 'the Danish firm Voltaro',
    'the state news agency NORTAG' (a name after an organisation noun), "Norway's Fjordgas" (a one-word organisation a
    state owns), 'Voltaro shut Brinefield', 'NORTAG reported' (a one-word organisation or an acronym acting).
    Returns names that need adding and the spans of spaCy's one-word organisations the cue vouches for."""
    not_names = lex.cue_set("non_actor_acronyms")
    stop = lex.cue_set("title_words") | lex.single_word_titles()
    country_ends = {h.end for h in hits if h.term is not None and h.term.kind == "country"}
    org_starts = {h.start for h in hits if h.term is not None and h.term.category == "org"}
    added: list[NameSpan] = []
    vouched: set[tuple[int, int]] = set()
    for token in doc:
        if not (token.text[:1].isupper() and token.is_alpha) or token.ent_type_ in NUMERIC_ENTS:
            continue
        if token.text in not_names or token.lower_ in stop:
            continue
        after_noun = name_after_org_noun(doc, token.i, lex, stop)
        if after_noun is not None:
            added.append(after_noun)
            continue
        cue = one_word_org_cue(doc, token.i, country_ends, lex) or partner_org_cue(doc, token.i, org_starts, lex)
        if cue == "vouched":
            vouched.add((token.idx, token.idx + len(token.text)))
        elif cue == "added":
            added.append((token.text, token.idx, token.idx + len(token.text)))
    return added, vouched


def name_after_org_noun(doc: Doc, i: int, lex: Lexicon, stop: set[str]) -> NameSpan | None:
    """'the Danish firm Voltaro', 'the state news agency NORTAG': up to four capitalised words after a lower-case
    organisation noun (not 'the head of agency X')."""
    if not (i > 0 and doc[i - 1].is_lower and phrase_before(doc, i, lex.cue_set("org_cue_nouns"))
            and (i < 2 or doc[i - 2].lower_ not in {"of", "for"})):
        return None
    span = doc[i:capitalised_run_end(doc, i, stop)]
    return span.text, span.start_char, span.end_char


def one_word_org_cue(doc: Doc, i: int, country_ends: set[int], lex: Lexicon) -> str | None:
    """What the sentence says of a one-word capitalised name: "vouched" (spaCy's organisation acting: 'Voltaro
    shut Brinefield'), "added" (owned by a state: "Norway's Fjordgas"; an acronym reporting: 'NORTAG reported'),
    or None. `country_ends`: where the document's country names end."""
    token = doc[i]
    possessive = lex.cue_set("possessive_marks")
    one_word = (i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()) and (
        i == 0 or not doc[i - 1].text[:1].isupper() or doc[i - 1].text in possessive)
    # "Chile's Ministry of Public Works": the name runs on past 'of'
    runs_on = i + 2 < len(doc) and doc[i + 1].lower_ in {"of", "for"} and doc[i + 2].text[:1].isupper()
    if not one_word or runs_on:
        return None
    acts = token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}
    owned = i >= 2 and doc[i - 1].text in possessive and doc[i - 2].idx + len(doc[i - 2].text) in country_ends
    if token.ent_type_ == "ORG" and acts:
        return "vouched"
    if owned and token.ent_type_ in {"ORG", ""} and not is_acronym(token.text):
        return "added"
    if is_acronym(token.text) and acts and token.head.lower_ in lex.cue_set("reporting_verbs"):
        return "added"
    if is_acronym(token.text) and (acronym_of_members(doc, i, lex) or acronym_in_body_apposition(doc, i, lex)):
        return "added"
    return None


def partner_org_cue(doc: Doc, i: int, org_starts: set[int], lex: Lexicon) -> str | None:
    """'Repsol and BP signed' (a one-word name coordinated with a known organisation) and 'a consortium led by
    Vanguard and Maersk' (names a body noun says lead it): "added", else None. `org_starts`: where the gazetteer's
    organisations start."""
    token = doc[i]
    if token.pos_ != "PROPN" or token.ent_type_ not in {"ORG", ""} or not token.is_alpha:
        return None
    if (i + 1 < len(doc) and doc[i + 1].text[:1].isupper()) or (i > 0 and doc[i - 1].text[:1].isupper()) \
            or (i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I"):
        return None  # part of a longer name ('Harbour and Security Board')
    first = token.head if token.dep_ == "conj" else token
    partners = [first, *(t for t in first.children if t.dep_ == "conj")]
    if any(p.i != i and p.idx in org_starts for p in partners):
        return "added"
    agent = first.head
    if first.dep_ == "pobj" and agent.dep_ == "agent" and agent.head.lower_ in {"led", "headed", "owned", "run"} \
            and agent.head.head.lower_ in body_nouns(lex) and token.ent_type_ == "ORG":
        return "added"
    return None


def acronym_of_members(doc: Doc, i: int, lex: Lexicon) -> bool:
    """'former KLF fighters', 'NDF militants': an acronym before a noun for the members of a group names it."""
    return i + 1 < len(doc) and doc[i + 1].lower_ in lex.cue_set("group_member_nouns")


def body_nouns(lex: Lexicon) -> set[str]:
    return (lex.cue_set("org_cue_nouns") | lex.cue_set("org_nouns_after_name") | lex.cue_set("org_heads")
            | lex.cue_set("acronym_body_nouns"))


def acronym_in_body_apposition(doc: Doc, i: int, lex: Lexicon) -> bool:
    """'the ADF, a militia formed in 1995' and 'the bloc deployed its mission, SADCMIS,': an acronym in apposition
    with a noun phrase whose head names a body."""
    nouns = body_nouns(lex)
    before = (i >= 2 and doc[i - 1].text == "," and doc[i - 2].lower_ in nouns and doc[i - 2].is_lower
              and (i + 1 >= len(doc) or not doc[i + 1].is_alpha))
    if before:
        return True
    if not (i + 2 < len(doc) and doc[i + 1].text == "," and doc[i + 2].lower_ in {"a", "an", "the"}):
        return False
    for k in range(i + 3, min(i + 7, len(doc))):
        token = doc[k]
        if not (token.is_alpha and token.is_lower):
            return False
        if token.lower_ in nouns and token.pos_ == "NOUN":
            # the phrase's head, not a modifier of it ('a militia leader' names a person)
            return k + 1 >= len(doc) or doc[k + 1].pos_ not in {"NOUN", "PROPN"}
    return False


def capitalised(doc: Doc, k: int, stop: set[str]) -> bool:
    return k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].lower_ not in stop


def capitalised_run_end(doc: Doc, i: int, stop: set[str]) -> int:
    """Where a run of up to four capitalised words (none of them in `stop`) that starts at token i ends."""
    j = i
    while capitalised(doc, j, stop) and j - i < 4:
        j += 1
    return j


def named_by_noun(doc: Doc, i: int, j: int, after_nouns: set[str], apposition_nouns: set[str]) -> bool:
    """'the Red Lantern gang' (the noun after the name); 'Clearhaus, the Swiss depository,' (a one-word name, a noun
    phrase in apposition that the noun closes)."""
    if i > 0 and doc[i - 1].lower_ == "the" and j < len(doc) and doc[j].lower_ in after_nouns:
        return True
    if not (j - i == 1 and j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in {"the", "a", "an"}
            and not doc[i].text.isupper()):
        return False
    k = j + 2
    while k < len(doc) and k - j <= 4 and doc[k].is_alpha and doc[k].lower_ not in apposition_nouns:
        k += 1
    return (k < len(doc) and doc[k].lower_ in apposition_nouns and doc[k].is_lower
            and (k + 1 >= len(doc) or not doc[k + 1].is_alpha))


def orgs_named_by_nouns(doc: Doc, hits: list[Hit], lex: Lexicon) -> list[NameSpan]:
    """Names a common noun right beside them makes organisations, whatever their own words: 'the Red Lantern gang',
    'the Civic Renewal movement' (the noun after the name), 'Clearhaus, the Swiss depository' (a noun phrase
    in apposition). These beat the word lists that keep documents and events out ('Revolution')."""
    after_nouns = lex.cue_set("org_nouns_after_name")
    apposition_nouns = lex.cue_set("org_cue_nouns") | after_nouns
    stop = lex.cue_set("title_words") | lex.single_word_titles()
    gazetteer = Intervals([(h.start, h.end) for h in hits])
    found: list[NameSpan] = []
    i = 0
    while i < len(doc):
        if not capitalised(doc, i, stop) or (i > 0 and capitalised(doc, i - 1, stop)) \
                or doc[i].ent_type_ in NUMERIC_ENTS | {"PERSON"}:
            i += 1
            continue
        j = capitalised_run_end(doc, i, stop)
        span = doc[i:j]
        if named_by_noun(doc, i, j, after_nouns, apposition_nouns) and not gazetteer.overlapping(
                span.start_char, span.end_char):
            found.append((span.text, span.start_char, span.end_char))
        i = j
    return found


# ---------------------------------------------------------------- state bodies


def state_body(name: str, lex: Lexicon) -> bool:
    """'Chilean Interior Ministry', 'Kenyan trade ministry', 'Peruvian Navy': a body of the state it names."""
    low = name.lower()
    return any(low.endswith(" " + head) for head in lex.cues["lowercase_org_heads"])


def state_body_patterns(lex: Lexicon) -> list[re.Pattern[str]]:
    heads = sorted(lex.cues["lowercase_org_heads"], key=len, reverse=True)
    # "Chilean central bank reserves": in lower case a description, not the body's name (the Central Bank of Russia)
    lowercase_heads = [h for h in heads if h not in lex.cue_set("capitalised_only_org_heads")]
    return [
        re.compile(r"(?:['’]s?)?(?P<mid>(?: [a-z][a-z-]+){0,2}?) (?:" + "|".join(map(re.escape, lowercase_heads))
                   + r")(?![\w-])"),
        re.compile(r"(?:['’]s?)?(?P<mid>(?: [A-Z][a-z-]+){0,2}?) (?:" + "|".join(re.escape(h.title()) for h in heads)
                   + r")(?![\w-])"),
    ]


def portfolio_words_ok(doc: Doc, m: re.Match[str], lex: Lexicon) -> bool:
    """The words between a demonym and the body name its portfolio ('trade', 'Foreign'), not a noun of their own."""
    portfolio = lex.cue_set("title_words")
    for w in re.finditer(r"[A-Za-z][a-z-]+", m.group("mid")):
        token = doc_span(doc, m.start("mid") + w.start(), m.start("mid") + w.end())
        if token is None or not (w.group().lower() in portfolio
                                 or token.root.pos_ in {"NOUN", "ADJ", "PROPN"}):
            return False
    return True


NAME_RUNS_ON_RE = re.compile(r" (?:of|for) (?:the )?[A-Z][\w'’-]*(?: (?:and |of |for |the )?[A-Z][\w'’-]*)*")


def state_bodies(text: str, doc: Doc, hits: list[Hit], lex: Lexicon) -> list[NameSpan]:
    """'Kenyan trade ministry data', "Chile's defence ministry", 'the Peruvian coast guard', 'the Azerbaijani
    Foreign Ministry': a state body after a demonym or a country's possessive, with up to two portfolio words
    between, in lower case or capitalised throughout - found whether or not spaCy saw an organisation there."""
    patterns = state_body_patterns(lex)
    found = []
    for hit in hits:
        term = hit.term
        if term is None:
            continue
        # "the Houthis' defence ministry": a movement that governs has ministries as a state does
        owner = term.kind in {"organization", "group"} and term.category == "org"
        if not owner and (term.kind != "country" or term.category not in {"country", "demonym"}):
            continue
        for pattern in patterns:
            m = pattern.match(text, hit.end)
            possessive = m is not None and m.group().startswith(("'s", "’s", "' ", "’ "))
            if m is None or (term.category in {"country", "org"} and not possessive):
                continue
            if portfolio_words_ok(doc, m, lex):
                start = hit.start + 4 if text[hit.start:hit.start + 4].lower() == "the " else hit.start
                # "Polish Ministry of State Assets": a capitalised body's name runs on past 'of'
                capitalised_head = m.group().split()[-1][:1].isupper()
                more = NAME_RUNS_ON_RE.match(text, m.end()) if capitalised_head else None
                end = more.end() if more is not None else m.end()
                found.append((text[start:end], start, end))
            break
    return found + unowned_ministries_acting(doc, lex)


def unowned_ministries_acting(doc: Doc, lex: Lexicon) -> list[NameSpan]:
    """'The health ministry said on Monday ...', 'according to the trade ministry': a ministry named by its
    portfolio alone, whose state the text gave before, is a body when it speaks."""
    portfolio = lex.cue_set("title_words")
    heads = lex.cue_set("portfolio_body_heads")
    reporting = lex.cue_set("reporting_verbs")
    found = []
    for token in doc:
        if token.lower_ not in heads or not token.is_lower:
            continue
        i = token.i
        first = i
        while first - 1 >= 0 and i - first < 2 and doc[first - 1].is_lower and doc[first - 1].lower_ in portfolio \
                and doc[first - 1].lower_ not in {"the", "of", "for", "and"}:
            first -= 1
        if first == i or first == 0 or doc[first - 1].lower_ != "the":
            continue
        speaks = token.dep_ in {"nsubj", "nsubjpass"} and token.head.lower_ in reporting
        cited = first >= 3 and doc[first - 3:first - 1].text.lower() == "according to"
        if speaks or cited:
            span = doc[first:i + 1]
            found.append((span.text, span.start_char, span.end_char))
    return found


# ---------------------------------------------------------------- the stage


@dataclass(slots=True)
class OrgCandidates:
    """Names that may be organisations, in the order they are judged, with what vouches for them."""

    names: list[NameSpan] = field(default_factory=list)
    ent_counts: Counter = field(default_factory=Counter)  # how often each name was offered
    vouched: set[tuple[int, int]] = field(default_factory=set)  # spans a cue marks as an organisation
    noun_named: set[str] = field(default_factory=set)  # names a noun beside them makes organisations
    named_after_title: set[tuple[int, int]] = field(default_factory=set)  # "vice-president of <name>"

    def offer(self, name: str, start: int, end: int) -> None:
        self.ent_counts[name] += 1
        self.names.append((name, start, end))


def entity_org_names(doc: Doc, text: str, ctx: ArticleContext, lex: Lexicon, drops: Counter[str]) -> list[NameSpan]:
    """spaCy's organisations, and facilities whose name says they are one ("Belgrade Centre for ..."), cleaned; an
    entity with commas is split ("Lecturer, Department of Government ...": spaCy runs a title and a body together)."""
    found = []
    for ent in entities_of(doc).ents:  # doc.ents is rebuilt on every access
        if ent.label_ not in {"ORG", "FAC"} and not (ent.label_ == "EVENT" and names_run_work(ent.text, lex)):
            continue  # the model calls 'Operation Sea Shield' an event; the operation's command is a body
        if ctx.is_blocked(ent.start_char, ent.end_char):
            drops["organisations.in_table"] += 1
            continue
        if ent.label_ == "FAC" and not has_org_word(ent.text, lex):
            drops["organisations.facility_without_org_word"] += 1
            continue
        offset = 0
        for part in ent.text.split(","):
            cleaned = clean_entity(part, ent.start_char + offset)
            offset += len(part) + 1
            if cleaned is None:
                continue
            name, start, end = cleaned
            continuation = re.match(r"-[^\W\d_]+(?: [A-Z][\w'’-]*)*", text[end:end + 60])
            if continuation:  # "Association of Serb" + "-majority Municipalities"
                name, end = name + continuation.group(), end + continuation.end()
            found.append((name, start, end))
    return found


def org_candidates(doc: Doc, ctx: ArticleContext, hits: list[Hit], orgs_named_as_people: list[NameSpan],
                   publications: list[NameSpan], lex: Lexicon, drops: Counter[str]) -> OrgCandidates:
    candidates = OrgCandidates()
    for name, start, end in entity_org_names(doc, doc_text(doc), ctx, lex, drops) + orgs_named_as_people + publications:
        candidates.offer(name, start, end)
    cued_names, candidates.vouched = cued_org_names(doc, hits, lex)
    named_by_nouns = orgs_named_by_nouns(doc, hits, lex)
    candidates.noun_named = {name for name, _, _ in named_by_nouns}
    for name, start, end in cued_names + named_by_nouns:
        if ctx.is_blocked(start, end):
            drops["organisations.in_table"] += 1
            continue
        candidates.offer(name, start, end)
        candidates.vouched.add((start, end))
    candidates.named_after_title = {(start, end) for _, start, end in orgs_named_as_people}
    return candidates


def title_or_document(text: str, name: str, start: int, end: int, candidates: OrgCandidates, lex: Lexicon,
                      lowercase_vocab: set[str]) -> str | None:
    """After "director of the", "leader of": a body's name, unless its words are a title's own ("Professor of
    International Relations") or ordinary words the article also writes in lower case; after 'Agreement on' a
    document's. A drop reason, or None."""
    continued = title_of_before(text, start, lex)
    if continued == "document":
        return "document_name"
    if continued != "title" or (start, end) in candidates.named_after_title:
        return None
    plain_words = lex.cue_set("title_words") | lowercase_vocab
    title_org = (any(w.lower() in lex.cue_set("org_core_words") for w in words(name))
                 or len(words(name)) >= 2 and text[:start].endswith("the ") and has_org_word(name, lex)
                 or len(words(name)) >= 2 and not any(w.lower() in plain_words for w in words(name)))
    return None if title_org else "title_words"


@dataclass(slots=True)
class OrgEvidence:
    """What judging one organisation candidate reads, gathered once per document."""

    doc: Doc
    text: str  # doc.text, kept once: spaCy rebuilds it on every access
    candidates: OrgCandidates
    definitions: Definitions
    persons: list[Person]
    person_spans: list[tuple[int, int]]  # every mention of a person
    lex: Lexicon
    lowercase_vocab: set[str]
    place_nouns: str  # regex alternation of the nouns that make a word before them a place's name
    person_positions: Intervals  # person_spans by position
    words_before_place_nouns: set[str]  # every word the text puts before one of those nouns

    @classmethod
    def gather(cls, doc: Doc, text: str, candidates: OrgCandidates, definitions: Definitions, persons: list[Person],
               lex: Lexicon, lowercase_vocab: set[str]) -> OrgEvidence:
        person_spans = [(h.start, h.end) for p in persons for h in p.mentions if h.start >= 0]
        place_nouns = "|".join(map(re.escape, lex.cues["place_nouns"]))
        return cls(doc, text, candidates, definitions, persons, person_spans, lex, lowercase_vocab, place_nouns,
                   Intervals(person_spans), words_before(text, rf"(?= (?:{place_nouns})\b)"))


def counted_after_number(doc: Doc, name: str, start: int, end: int, lex: Lexicon) -> bool:
    """'three new Harbour Defence Cutters': a plural name after a number (adjectives between) names the things
    counted, a class of ships or weapons, not a body; a plural head of bodies ('Forces', 'Industries') stays."""
    span = doc_span(doc, start, end)
    last = words(name)[-1].lower()
    if span is None or not last.endswith("s") or last.endswith("ss") or last in lex.cue_set("org_heads"):
        return False
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "ADJ":
        i -= 1
    return i >= 0 and doc[i].like_num and doc[i].ent_type_ not in {"DATE", "TIME", "MONEY"}


def org_rejection(span: NameSpan, ev: OrgEvidence) -> str | None:
    """Why a completed candidate name is not an organisation's (a drop reason), or None."""
    text, lex = ev.text, ev.lex
    name, start, end = span
    if find_person(ev.persons, name) is not None:
        return "person_name"
    if counted_after_number(ev.doc, name, start, end, lex):
        return "counted_things"
    vouched = (start, end) in ev.candidates.vouched
    problem = org_name_problem(name, lex, ev.candidates.ent_counts, ev.definitions.defined, vouched)
    if problem:
        return problem
    if re.match(r" [A-Z]\w*", text[end:end + 30]) and text[end + 1:end + 30].split()[0].lower() \
            in lex.cue_set("non_actor_words"):
        return "part_of_document_name"  # "Halden's Freight Rate" + "Index"
    if (is_heading_line(line_around(text, start, end)) and not has_org_word(name, lex)
            and name not in ev.definitions.defined and text.count(name) == 1):
        return "heading"  # "Ports & Trade", "The Economics of Attrition": a heading, not a body
    reason = title_or_document(text, name, start, end, ev.candidates, lex, ev.lowercase_vocab)
    if reason:
        return reason  # "Professor of Marine Biology", "Agreement on Fisheries and ... Coastal Relations"
    if not has_org_word(name, lex) and runs_into_title(ev.doc, start, end, lex):
        return "part_of_title"  # "Chilean Public Works Minister A. Ruiz": part of a title, not a body
    if len(words(name)) == 1 and (name in ev.words_before_place_nouns if name == name.strip() else re.search(
            rf"(?<![\w-]){re.escape(name)} (?:{ev.place_nouns})\b", text)):
        return "place_name"  # "the Varanger peninsula": the word names a place
    return None


def hits_gone_by(span: NameSpan, text: str, book: OrgBook, lex: Lexicon) -> list[Hit] | None:
    """"University of Leeds", "American University of Sharjah", "OSCE Vienna Group": an organisation named after a
    place or a larger organisation wins over the place, capital, demonym or organisation inside it when its own head
    word stands outside them; a country's name inside it stays a mention of that country ("Ministry of Foreign
    Affairs of Uruguay"); a known organisation's full name never loses. The hits that go when it wins, else None."""
    name, start, end = span
    inner = book.hits_overlapping(start, end)
    outside_countries = len(words(name)) - sum(len(words(h.text)) for h in inner
                                              if h.term is not None and h.term.category == "country")
    # its head may also stand before what it is named after: "Standing Committee on the <known party>"
    lead = re.sub(r"(?:\s+(?:of|for|on|in|the))+\s*$", "",
                  text[start:min((h.start for h in inner), default=end)]).strip()
    head_outside = has_org_word(name, lex) and (not any(h.end >= end for h in inner)
                                                or bool(lead) and has_org_word(lead, lex))
    # "Harbour and Security Council": capitalised words before a known body's short alias make another body's name
    if len(inner) == 1 and inner[0].end == end and inner[0].start > start and has_org_word(name, lex) \
            and re.fullmatch(r"(?:[A-Z][\w'’-]*\s+(?:(?:and|of|for|on)\s+)?)+", text[start:inner[0].start]):
        head_outside = True
    if not (has_org_word(name, lex) or outside_countries >= 2) or not all(
            start <= h.start and h.end <= end and (h.start, h.end) != (start, end)
            and h.term is not None and (h.term.category != "org" or head_outside) for h in inner):
        return None
    # A state body's demonym still names its state ("Chilean Interior Ministry"); a university's does not.
    kept = {"country", "demonym"} if state_body(name, lex) else {"country"}
    return [h for h in inner if not (h.term is not None and h.term.category in kept)]


def judge_candidate(span: NameSpan, book: OrgBook, ev: OrgEvidence) -> str | None:
    """Adds one candidate to `book` when it is an organisation; else the drop reason."""
    text = ev.text
    name, start, end = span
    if ev.person_positions.overlapping(start, end):
        return "inside_person_name"
    if name in ev.definitions.not_bodies:
        return "defined_as_non_body"
    name, start, end = completed_name(text, name, start, end, book, ev.lex)
    if name in ev.candidates.noun_named:
        if find_person(ev.persons, name) is not None:
            return "person_name"
        book.add(book.aliases.get(name, f"organization:{slug(name)}"), name, start, end, text, "pattern")
        return None
    reason = org_rejection((name, start, end), ev)
    if reason:
        return reason
    if book.covered(start, end):
        gone = hits_gone_by((name, start, end), text, book, ev.lex)
        if gone is None:
            return "inside_gazetteer_name"
        book.drop_hits(gone)
    book.add(book.aliases.get(name, f"organization:{slug(name)}"), name, start, end, text, "spacy")
    return None


def add_state_bodies(doc: Doc, text: str, ctx: ArticleContext, book: OrgBook, persons: list[Person], lex: Lexicon,
                     drops: Counter[str]) -> None:
    person_spans = [(h.start, h.end) for p in persons for h in p.mentions if h.start >= 0]
    taken = Intervals(book.mention_spans() + person_spans)  # the names found before this stage, by position
    for name, start, end in state_bodies(text, doc, book.hits, lex):
        if ctx.is_blocked(start, end):
            drops["organisations.in_table"] += 1
        elif taken.overlapping(start, end):
            drops["organisations.state_body_inside_other_name"] += 1
        elif any(h.term is not None and h.term.category == "org" and not (h.start <= start and h.end < end)
                 for h in book.hits_overlapping(start, end)):  # an owner that is a movement starts the span
            drops["organisations.state_body_known_whole"] += 1  # "China Coast Guard" is known whole
        else:
            book.add(book.aliases.get(name, f"organization:{slug(name)}"), name, start, end, text, "pattern")


def find_organisations(doc: Doc, ctx: ArticleContext, hits: list[Hit], persons: list[Person],
                       candidates: OrgCandidates, definitions: Definitions, lex: Lexicon, lowercase_vocab: set[str],
                       drops: Counter[str]) -> OrgBook:
    """The organisations among the candidates, and the gazetteer hits they leave standing."""
    book = OrgBook(hits=list(hits))
    text = doc_text(doc)
    evidence = OrgEvidence.gather(doc, text, candidates, definitions, persons, lex, lowercase_vocab)
    for span in candidates.names:
        reason = judge_candidate(span, book, evidence)
        if reason:
            drops[f"organisations.{reason}"] += 1
    add_state_bodies(doc, text, ctx, book, persons, lex, drops)
    return book
