"""The people stage: names spaCy tags as people (cleaned, their particles and split parts joined), names a title or
an honorific opens, the document's authors and byline sentences; then the filters that keep out what is not a
person (documents, mastheads, common nouns), the surname-only mentions that join a full name, and every later
occurrence of a known name.

A name spaCy calls an organisation but the text gives a title ("Russia's ambassador to the UN, Vassily Nebenzia,")
is a person too; a name after "vice-president of" is handed to the organisations stage instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from extractors.actors.bylines import byline_people
from extractors.actors.gazetteer import Lexicon
from extractors.actors.identity import People, add_person, find_person
from extractors.actors.names import (
    clean_entity,
    doc_span,
    has_org_word,
    is_acronym,
    name_words,
    occurrences,
    person_name_ok,
    person_name_problem,
    title_of_before,
    word_starts,
    words,
)
from extractors.actors.records import Byline, Hit, NameSpan, Person
from extractors.actors.roles import RoleContext, role_after_verb, role_apposition_after, role_apposition_before
from extractors.nlp import doc_text
from extractors.positions import GrowingSpans, Intervals, entities_of
from extractors.records import ArticleContext


@dataclass(slots=True)
class PeopleFound:
    """What the people stage hands on: the people, the byline sentences (their roles), and the names it found to be
    organisations or publications rather than people."""

    persons: list[Person]
    bylines: list[Byline] = field(default_factory=list)
    orgs_named_as_people: list[NameSpan] = field(default_factory=list)
    publications: list[NameSpan] = field(default_factory=list)


# ---------------------------------------------------------------- candidate names


def lowercase_vocabulary(doc: Doc) -> set[str]:
    """The words the document writes in lower case: a 'name' made only of them is a run of ordinary words."""
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def non_name_words(lex: Lexicon) -> set[str]:
    """Words that are never part of a person's name: titles, their modifiers, organisation heads, honorifics."""
    return (lex.single_word_titles() | lex.cue_set("title_words") | lex.cue_set("org_heads")
            | lex.cue_set("person_blockers") | lex.cue_set("honorifics"))


def entity_person_spans(doc: Doc, ctx: ArticleContext, lex: Lexicon, drops: Counter[str]) -> list[NameSpan]:
    """Spans spaCy calls people, cleaned; a name cut at a particle runs on ('Ursula von' + 'der Leyen') and one
    name spaCy split in two ('Abdi Yusuf' + 'Warsame') is joined."""
    text = doc_text(doc)
    particles = "|".join(re.escape(p) for p in lex.cues["name_particles"] if not p.endswith("-"))
    spans: list[NameSpan] = []
    stop = non_name_words(lex)
    for ent in entities_of(doc).ents:  # doc.ents is rebuilt on every access
        if ent.label_ != "PERSON":
            continue
        if ctx.is_blocked(ent.start_char, ent.end_char):
            drops["people.in_table"] += 1
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None:
            drops["people.empty_name"] += 1
            continue
        name, start, end = cleaned
        given = given_name_before(doc, ent, start, stop)
        if given is not None:
            name, start = given.text + " " + name, given.idx
        ends_in_particle = words(name)[-1] in lex.cue_set("name_particles")
        tail = re.match(rf"(?:\s+(?:{particles}))*\s+[A-Z][\w'’-]+" if ends_in_particle
                        else rf"(?:\s+(?:{particles}))+\s+[A-Z][\w'’-]+", text[end:end + 40])
        if tail:
            name, end = name + tail.group(), end + tail.end()
        if spans and text[spans[-1][2]:start] == " ":
            # two names always have a separator: this is one name spaCy could not read
            name, start = spans[-1][0] + " " + name, spans[-1][1]
            spans.pop()
        spans.append((name, start, end))
    return spans


def given_name_before(doc: Doc, ent: Span, start: int, stop: set[str]) -> Token | None:
    """'Ana Ruiz, chief economist at ...' where spaCy tagged only 'Ruiz': the capitalised word it left out, a
    compound of the surname that no entity, title or organisation word claims, opening its clause."""
    if ent.start == 0 or start != ent.start_char:
        return None
    token = doc[ent.start - 1]
    opens_clause = token.i == token.sent.start or doc[token.i - 1].is_punct
    if not (opens_clause and token.pos_ == "PROPN" and token.is_alpha and token.text[:1].isupper()
            and not token.text.isupper() and token.ent_type_ == "" and token.dep_ == "compound"
            and ent.start <= token.head.i < ent.end and token.whitespace_ == " "
            and token.lower_ not in stop):
        return None
    return token


# "General Zia-ul-Haq", "Waker-uz-Zaman": one word that is a whole name, its parts joined by a lower-case particle
PARTICLE_HYPHEN_NAME_RE = re.compile(r"[A-Z][a-z]+(?:-[a-z]{1,3}-[A-Z][a-z]+)+(?![\w-])")


def names_after_titles(doc: Doc, hits: list[Hit], lex: Lexicon, known: list[NameSpan]) -> list[NameSpan]:
    """'Transport Minister Ana Ruiz attended': a name right after a capitalised title that spaCy missed, or of
    which spaCy saw only the surname (a known span inside the name does not block it)."""
    text = doc_text(doc)
    heads = lex.single_word_titles()
    stop = heads | lex.cue_set("title_words") | lex.cue_set("org_heads") | lex.cue_set("person_blockers")
    taken = Intervals([(h.start, h.end) for h in hits])
    known_spans = Intervals([(s, e) for _, s, e in known])
    found = []
    for token in doc:
        last = token.lower_.split("-")[-1]
        # "Presidents Ana Ruiz and ...": a plural title opens a name as the singular does
        if not (token.text[:1].isupper() and (last in heads or (last.endswith("s") and last[:-1] in heads))):
            continue
        hyphenated = PARTICLE_HYPHEN_NAME_RE.match(text, token.idx + len(token.text) + 1)
        if hyphenated is not None and text[token.idx + len(token.text)] == " ":
            start, end = hyphenated.span()
            inside = [known_spans.spans[i] for i in known_spans.overlapping(start, end)]
            # spaCy may have tagged only its first part ("Sami" of "Sami-ul-Hassan")
            if not taken.overlapping(start, end) and all(start <= s and e <= end and (s, e) != (start, end)
                                                         for s, e in inside):
                found.append((hyphenated.group(), start, end))
            continue
        j = token.i + 1
        while (j < len(doc) and j - token.i <= 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
               and doc[j].is_alpha and doc[j].lower_ not in stop):
            j += 1
        if j - token.i < 3:
            continue
        start, end = doc[token.i + 1].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if taken.overlapping(start, end):
            continue
        inside = [known_spans.spans[i] for i in known_spans.overlapping(start, end)]
        if all(start <= s and e <= end and (s, e) != (start, end) for s, e in inside):
            found.append((text[start:end], start, end))
    return found


def honorific_name_end(doc: Doc, i: int, stop: set[str], particles: set[str]) -> int:
    """Where the name that starts at token i ends: up to four capitalised words (particles inside, not at its end)."""
    j = i
    while j < len(doc) and j - i < 4 and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_
                                          in particles and j > i) and doc[j].lower_ not in stop:
        j += 1
    while j > i and doc[j - 1].lower_ in particles:
        j -= 1
    return j


def names_after_honorifics(doc: Doc, lex: Lexicon, known: list[NameSpan]) -> list[NameSpan]:
    """'Dame Ada Grey', 'Sir John Roe', 'Prof. Anna Kowalska': an honorific opens a name spaCy may miss; the name is
    what follows it (two to four capitalised words), the honorific is not part of it."""
    honorifics = lex.cue_set("honorifics")
    stop = lex.cue_set("title_words") | lex.cue_set("org_heads") | lex.cue_set("person_blockers")
    particles = lex.cue_set("name_particles")
    text = doc_text(doc)
    known_spans = Intervals([(s, e) for _, s, e in known])
    found = []
    for token in doc:
        if not (token.text[:1].isupper() and token.lower_ in honorifics):
            continue
        i = token.i + 1
        if i < len(doc) and doc[i].text == "." and not token.text.endswith("."):
            i += 1  # "Prof." split by spaCy
        j = honorific_name_end(doc, i, stop, particles)
        if j - i < 2:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if not known_spans.overlapping(start, end):
            found.append((text[start:end], start, end))
    return found


def candidate_person_spans(doc: Doc, hits: list[Hit], ctx: ArticleContext, lex: Lexicon,
                           drops: Counter[str]) -> list[NameSpan]:
    """Every span that may name a person: spaCy's, then those a title or an honorific opens. `hits`: the
    gazetteer's raw matches (a name after a title never overlaps one)."""
    spans = entity_person_spans(doc, ctx, lex, drops)
    spans += names_after_titles(doc, hits, lex, spans)
    spans += names_after_honorifics(doc, lex, spans)
    return spans


# ---------------------------------------------------------------- filters


def covered(spans: Intervals, start: int, end: int) -> bool:
    return bool(spans.overlapping(start, end))


def titles_before_names(lex: Lexicon) -> set[str]:
    """Words that, before a name, are its title: stripped from a name's start, and they make one word a name."""
    return ((lex.single_word_titles() | lex.cue_set("title_words") | lex.cue_set("honorifics"))
            - lex.cue_set("titles_kept_before_names"))


def outside_gazetteer(name: str, start: int, end: int, text: str, gazetteer: Intervals) -> NameSpan | None:
    """'Ukrainian President Volodymyr Zelenski' tagged whole: what follows the gazetteer match inside it; the span
    as it is when none is inside; None when nothing follows."""
    if not covered(gazetteer, start, end):
        return name, start, end
    tail = max((gazetteer.spans[i][1] for i in gazetteer.overlapping(start, end)), default=start)
    if tail >= end or tail <= start:
        return None
    return clean_entity(text[tail:end], tail)


def strip_titles(name: str, start: int, titles: set[str]) -> tuple[str, int]:
    """Titles spaCy sometimes keeps in the name ("President Biden")."""
    while words(name) and words(name)[0].lower() in titles and len(words(name)) > 1:
        drop = len(words(name)[0]) + 1
        name, start = name[drop:].lstrip(), start + drop
    return name, start


def determined(doc: Doc, start: int, end: int, lex: Lexicon, titles: set[str]) -> str | None:
    """'the 2019 Defence Concept', "NATO's Defence Concept": a determiner or possessive before the name makes it a
    common noun phrase (drop reason); not 'the economy that Joseph Stalin built', where 'that' opens a clause."""
    span = doc_span(doc, start, end)
    if span is None or span.start == 0:
        return None
    before = doc[span.start - 1]
    determines = before.dep_ in {"det", "poss"} and span.start <= before.head.i < span.end
    if ((before.lower_ in lex.cue_set("determiners") and (determines or before.tag_ == "DT")) or before.tag_ == "POS") \
            and before.lower_ not in titles:
        return "after_determiner"
    if span.start > 1 and before.like_num and doc[span.start - 2].tag_ == "POS":
        return "after_possessive_number"
    return None


@dataclass(slots=True)
class SortedNames:
    """Person candidates sorted by what they turn out to be."""

    full: list[NameSpan] = field(default_factory=list)  # two words or more: people
    single: list[NameSpan] = field(default_factory=list)  # one word: a person only when confirmed
    orgs_named_as_people: list[NameSpan] = field(default_factory=list)
    publications: list[NameSpan] = field(default_factory=list)


def sort_person_spans(doc: Doc, text: str, person_spans: list[NameSpan], gazetteer: Intervals,
                      lex: Lexicon, lowercase_vocab: set[str], drops: Counter[str]) -> SortedNames:
    """`text`: doc.text (spaCy rebuilds it on every access)."""
    titles = titles_before_names(lex)
    publication_heads = lex.cue_set("publication_heads")
    result = SortedNames()
    for name, start, end in person_spans:
        outside = outside_gazetteer(name, start, end, text, gazetteer)
        if outside is None:
            drops["people.inside_gazetteer_name"] += 1
            continue
        name, start, end = outside
        name, start = strip_titles(name, start, titles)
        if len(words(name)) >= 2 and words(name)[-1].lower() in publication_heads:
            result.publications.append((name, start, end))  # "Harbour Affairs Monitor": a masthead, not a person
            continue
        if len(words(name)) >= 2 and words(name)[-1].lower() in lex.cue_set("org_heads"):
            result.orgs_named_as_people.append((name, start, end))  # "Kestrel Mining": a company, not a person
            continue
        problem = person_name_problem(name, lex, lowercase_vocab)
        continued = None if problem else title_of_before(text, start, lex)
        if continued == "title":
            result.orgs_named_as_people.append((name, start, end))  # "vice-president of Nova Stranka"
            continue
        reason = problem or ("document_name" if continued == "document" else None)
        reason = reason or determined(doc, start, end, lex, titles)
        if reason:
            drops[f"people.{reason}"] += 1
        elif len(words(name)) >= 2 or PARTICLE_HYPHEN_NAME_RE.fullmatch(name):  # "Sami-ul-Hassan" is a full name
            result.full.append((name, start, end))
        else:
            result.single.append((name, start, end))
    return result


def add_single_names(doc: Doc, text: str, single_names: list[NameSpan], persons: list[Person], lex: Lexicon,
                     lowercase_vocab: set[str], drops: Counter[str]) -> None:
    """A surname alone joins the full name it shortens; otherwise it needs a title right before it, or spaCy must
    call the same word a person more than once ("Ruiz ... Ruiz added") - one stray PERSON tag is too weak - and at
    least once as a subject or a possessor ("Ruiz added", "Ruiz's plan"), where a place spaCy mistags stays in
    prepositional phrases ("from Lagos to Antwerp")."""
    titles = titles_before_names(lex)
    counts = Counter(name for name, _ in {(name, start) for name, start, _ in single_names})
    acting = {name for name, start, end in single_names
              if (span := doc_span(doc, start, end)) is not None
              and span.root.dep_ in {"nsubj", "nsubjpass", "poss"}}
    for name, start, end in single_names:
        person = find_person(persons, name)
        if person is not None:
            person.mentions.append(Hit("", start, end, name, source="spacy"))
            continue
        span = doc_span(doc, start, end)
        titled = span is not None and span.start > 0 and doc[span.start - 1].lower_ in titles
        if titled or (counts[name] >= 2 and name in acting and not is_acronym(name)
                      and name.lower() not in lowercase_vocab):
            add_person(persons, name, (start, end), text, "spacy")
        else:
            drops["people.single_name_unconfirmed"] += 1


def coordinated_with_person(span: Span) -> bool:
    """'Emmanuel Macron and Olaf Scholz': a proper name spaCy calls something else, joined by 'and' to a person,
    is a person too."""
    if not all(t.pos_ == "PROPN" for t in span):
        return False
    root = span.root
    partners = ([root.head] if root.dep_ == "conj" else []) + [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" and not (span.start <= t.i < span.end) for t in partners)


# labels spaCy gives a person's name when it misreads it ("Ana Ruiz, the bank's director" as a work of art)
MISLABELLED_PERSON_LABELS = {"ORG", "GPE", "NORP", "WORK_OF_ART", "PRODUCT", "FAC"}


def untagged_name_runs(doc: Doc, lex: Lexicon) -> list[Span]:
    """Runs of two to four capitalised proper nouns spaCy gave no entity at all ('between Ana Maria Ruiz and ...');
    a title or organisation word is never part of one ('Foreign Minister')."""
    stop = non_name_words(lex)
    runs, start = [], None
    for token in list(doc) + [None]:
        inside = (token is not None and token.pos_ == "PROPN" and token.is_alpha and token.is_title
                  and token.ent_type_ == "" and token.lower_ not in stop and token.lower_[:-1] not in stop
                  and (start is None or token.sent.start == doc[start].sent.start))
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            end = token.i if token is not None else len(doc)
            if 2 <= end - start <= 4:
                runs.append(doc[start:end])
            start = token.i if inside else None
    return runs


def add_people_spacy_called_otherwise(doc: Doc, text: str, ctx: ArticleContext, hits: list[Hit],
                                      persons: list[Person], lex: Lexicon, lowercase_vocab: set[str]) -> None:
    """A name spaCy calls an organisation but the text gives a title: "Russia's ambassador to the UN, Vassily
    Nebenzia,"; or joins by 'and' to a person."""
    gazetteer = Intervals([(h.start, h.end) for h in hits])  # the gazetteer's matches by position
    probe = RoleContext(lex, doc, {h.start: h for h in hits}, set(), text)
    candidates = [ent for ent in entities_of(doc).ents  # doc.ents is rebuilt on every access
                  if ent.label_ in MISLABELLED_PERSON_LABELS] + untagged_name_runs(doc, lex)
    # a run an earlier stage already made a person ("Defence Minister Ana Ruiz") is not added twice
    named = Intervals([(h.start, h.end) for p in persons for h in p.mentions if h.start >= 0])
    for ent in candidates:
        if ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        comma = ent.text.rfind(", ")
        # "The mayor of Kharkiv, Ihor Terekhov," read as one organisation: the name is what follows the comma
        cleaned = clean_entity(ent.text[comma + 2:], ent.start_char + comma + 2) if comma > 0 else \
            clean_entity(ent.text, ent.start_char)
        if (cleaned is None or not 2 <= len(words(cleaned[0])) <= 4 or covered(gazetteer, cleaned[1], cleaned[2])
                or named.overlapping(cleaned[1], cleaned[2])):
            continue
        name, start, end = cleaned
        span = doc_span(doc, start, end)
        if span is None or has_org_word(name, lex) or not person_name_ok(name, lex, lowercase_vocab):
            continue
        if (role_apposition_before(span, probe) or role_apposition_after(span, probe) or role_after_verb(span, probe)
                or (len(words(name)) <= 3 and coordinated_with_person(span))):
            add_person(persons, name, (start, end), text, "spacy")


def add_known_occurrences(doc: Doc, text: str, ctx: ArticleContext, hits: list[Hit], persons: list[Person]) -> None:
    """Any plain occurrence of a known name or surname, and any one-word entity spaCy got wrong ("Stoltenberg" as
    ORG) that names a known person."""
    gazetteer = Intervals([(h.start, h.end) for h in hits])  # the gazetteer's matches by position
    mentioned: dict[int, GrowingSpans] = {}  # id(person) -> where that person's mentions are, kept in step

    def mentions_of(person: Person) -> GrowingSpans:
        if id(person) not in mentioned:
            mentioned[id(person)] = GrowingSpans((h.start, h.end) for h in person.mentions)
        return mentioned[id(person)]

    def mention(person: Person, hit: Hit) -> None:
        person.mentions.append(hit)
        mentions_of(person).add(hit.start, hit.end)

    starts = word_starts(text)
    for person in list(persons):
        # Full name first, so "Anna Berg" wins over its surname inside it on every run (a set has no order).
        for form in dict.fromkeys((person.name, person.surname)):
            for start, end in occurrences(form, text, starts):
                if ctx.is_blocked(start, end) or covered(gazetteer, start, end):
                    continue
                if not mentions_of(person).overlaps(start, end):
                    mention(person, Hit("", start, end, form, source="pattern"))
    for ent in entities_of(doc).ents:  # doc.ents is rebuilt on every access
        if ent.label_ not in {"ORG", "GPE", "NORP", "PERSON"}:
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None or len(words(cleaned[0])) != 1:
            continue
        person = find_person(persons, cleaned[0])
        if person is not None and not covered(gazetteer, cleaned[1], cleaned[2]):
            if not mentions_of(person).overlaps(cleaned[1], cleaned[2]):
                mention(person, Hit("", cleaned[1], cleaned[2], cleaned[0], source="spacy"))


def find_people(doc: Doc, ctx: ArticleContext, hits: list[Hit], person_spans: list[NameSpan], lex: Lexicon,
                lowercase_vocab: set[str], drops: Counter[str]) -> PeopleFound:
    """The people of the document from the candidate spans; `hits`: the settled gazetteer matches."""
    text = doc_text(doc)
    persons = People()
    for author in ctx.authors:
        occurrences = [m.span() for m in re.finditer(re.escape(author), text)]
        for span in occurrences or [(-1, -1)]:
            add_person(persons, author, span, text, "author")
    bylines = byline_people(doc, hits, lex, lowercase_vocab, drops)
    for byline in bylines:
        add_person(persons, byline.name, (byline.start, byline.end), text, "pattern")
    gazetteer = Intervals([(h.start, h.end) for h in hits])  # the gazetteer's matches by position
    names = sort_person_spans(doc, text, person_spans, gazetteer, lex, lowercase_vocab, drops)
    for name, start, end in names.full:
        add_person(persons, name, (start, end), text, "spacy")
    add_single_names(doc, text, names.single, persons, lex, lowercase_vocab, drops)
    add_people_spacy_called_otherwise(doc, text, ctx, hits, persons, lex, lowercase_vocab)
    add_relatives_by_given_name(text, persons, lex)
    add_known_occurrences(doc, text, ctx, hits, persons)
    persons = merge_nicknames(text, persons, lex)
    return PeopleFound(persons, bylines, names.orgs_named_as_people, names.publications)


def add_relatives_by_given_name(text: str, persons: People, lex: Lexicon) -> None:
    """"Rashidi's son Karim": a given name after a kinship noun and a known person's surname is that family's
    member, named in full with the family's surname."""
    kin = "|".join(re.escape(k) for k in lex.cues["kinship_nouns"])
    pattern = re.compile(rf"\b(?P<family>[A-Z][\w-]+)['’]s (?:(?:eldest|youngest|elder|younger|late) )?(?:{kin}) "
                         rf"(?P<given>[A-Z][a-z]+)\b(?![ -][A-Z])")
    surnames = {p.surname: p for p in persons if len(name_words(p.name)) >= 2}
    for m in pattern.finditer(text):
        family = surnames.get(m.group("family"))
        if family is None or m.group("given") in family.name.split():
            continue
        add_person(persons, f"{m.group('given')} {family.surname}", m.span("given"), text, "pattern")


def merge_nicknames(text: str, persons: People, lex: Lexicon) -> People:
    """'Ana Ruiz Mora, alias Comandante Ruth,' or 'Ana Ruiz Mora ("La Jefa")': the name after a nickname cue is
    the same person's other name, not a second person; its mentions join the full name's."""
    cues = "|".join(re.escape(c) for c in lex.cues["nickname_cues"])
    between = re.compile(rf"\s*[,(]?\s*(?:{cues})\s+[\"“'‘]?", re.IGNORECASE)
    starts = {h.start: p for p in persons for h in p.mentions if h.start >= 0}
    merged: dict[int, Person] = {}  # id of the nickname's person -> the person it names
    for person in persons:
        for hit in person.mentions:
            if hit.start < 0:
                continue
            m = between.match(text, hit.end)
            other = starts.get(m.end()) if m is not None else None
            if other is not None and other is not person and id(person) not in merged:
                merged[id(other)] = person
    if not merged:
        return persons
    for person in persons:
        if id(person) in merged:
            merged[id(person)].mentions.extend(person.mentions)
    return People(p for p in persons if id(p) not in merged)
