"""Attribution: who a clause says its content comes from, read off the dependency parse.

A clause is attributed when its head (or the verb that frames it, as in "it should be noted that X announced ...")
is a reporting verb with an explicit speaker - its subject, or the agent of a passive - or when it carries an
"according to X" phrase. Agentless passives ("it is reported that"), expletive "it" and the author's own "we" give
no source: the scorer counts a source on an author-asserted claim as an error, so absence is the safe answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from extractors.records import Actor

DATA_DIR = Path(__file__).resolve().parent / "data"
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
# Parts of a subject noun phrase that are not its name: relative clauses, appositions, asides.
NP_DROP_DEPS = {"relcl", "acl", "appos", "punct", "advmod", "parataxis"}
PERSON_LABELS = {"PERSON"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PRODUCT"}
MAX_SOURCE_TOKENS = 10


def regular_forms(base: str) -> set[str]:
    """-s, -ed and -ing forms of a regular English verb."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    return forms


@dataclass(frozen=True)
class ReportingLexicon:
    verb_forms: frozenset[str]
    evidence_forms: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    container_nouns: frozenset[str]
    first_person: frozenset[str]
    person_pronouns: frozenset[str]


def inflected(verbs: dict[str, list[str]]) -> frozenset[str]:
    """Every form of every verb: listed irregular forms, else generated regular ones."""
    forms: set[str] = set()
    for base, irregular in verbs.items():
        forms |= set(irregular) | ({base} if irregular else regular_forms(base))
    return frozenset(f.lower() for f in forms)


@lru_cache(maxsize=1)
def reporting_lexicon() -> ReportingLexicon:
    data = json.loads((DATA_DIR / "claims_reporting_verbs.json").read_text(encoding="utf-8"))
    return ReportingLexicon(
        verb_forms=inflected(data["verbs"]),
        evidence_forms=inflected(data["evidence_verbs"]),
        according_to=tuple(tuple(p.split()) for p in data["according_to"]),
        container_nouns=frozenset(data["source_container_nouns"]),
        first_person=frozenset(data["first_person"]),
        person_pronouns=frozenset(data["person_pronouns"]),
    )


class MentionIndex:
    """Actor mentions by character offset, to map a source span to an actor. `offset` is where the Doc being
    read starts in the article text, for a piece parsed on its own."""

    def __init__(self, actors: list[Actor], offset: int = 0) -> None:
        self.spans = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda s: (s[0], -s[1]))
        self.offset = offset

    def shifted(self, offset: int) -> MentionIndex:
        index = MentionIndex([], offset)
        index.spans = self.spans
        return index

    def covering(self, start: int, end: int) -> Actor | None:
        start, end = start + self.offset, end + self.offset
        for m_start, m_end, actor in self.spans:
            if m_start <= start and end <= m_end:
                return actor
        return None

    def people_inside(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        """Person mentions inside [start, end), in the reading Doc's offsets."""
        start, end = start + self.offset, end + self.offset
        return [(s - self.offset, e - self.offset, a) for s, e, a in self.spans
                if start <= s and e <= end and a.kind == "person"]


def is_reporting_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lower_ in reporting_lexicon().verb_forms


def speaker_of(verb: Token) -> Token | None:
    """The explicit speaker of a reporting verb: active subject or passive 'by' agent; None for 'we', and None
    when nothing was said yet ('its partners should say so', 'Tokyo may announce'): a modal verb or a
    negation makes the report unreal."""
    lexicon = reporting_lexicon()
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            if child.lower_ in lexicon.first_person or child.lower_ in {"this", "that", "there", "which", "who"}:
                return None
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def according_to_object(head: Token) -> Token | None:
    """The object of an 'according to' phrase attached to head."""
    for phrase in reporting_lexicon().according_to:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != phrase[0]:
                continue
            node = child
            for word in phrase[1:]:
                node = next((c for c in node.children if c.lower_ == word), None)
                if node is None:
                    break
            if node is None:
                # spaCy sometimes hangs the object straight off "according"
                node = child
            obj = next((c for c in node.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def unwrap_container(token: Token) -> Token:
    """'data from the Stockholm International Peace Research Institute' -> the institute."""
    lexicon = reporting_lexicon()
    seen = 0
    while token.lower_ in lexicon.container_nouns and seen < 3:
        nxt = None
        for prep in token.children:
            if prep.dep_ in {"prep", "agent"} and prep.lower_ in {"from", "by", "of"}:
                nxt = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if nxt is not None:
                    break
        if nxt is None:
            for acl in token.children:  # "a report published by X"
                if acl.dep_ == "acl":
                    agent = next((c for c in acl.children if c.dep_ == "agent"), None)
                    if agent is not None:
                        nxt = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if nxt is None:
            break
        token = nxt
        seen += 1
    return token


def noun_phrase(token: Token) -> list[Token]:
    """The head's noun phrase without relative clauses, appositions or trailing asides."""
    keep = [token]
    for child in token.children:
        if child.dep_ in NP_DROP_DEPS:
            continue
        if child.dep_ in {"cc", "conj"} and child.i < token.i:
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # keep the contiguous run around the head
    lo = hi = keep.index(token)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    run = keep[lo : hi + 1]
    while run and (run[0].dep_ == "det" or run[0].is_punct):
        run = run[1:]
    while run and (run[-1].is_punct or run[-1].dep_ in {"cc", "case"}):
        run = run[:-1]
    return run or [token]


def name_for(token: Token, mentions: MentionIndex) -> str | None:
    """What to call the source whose head is token: a person's name, an actor's canonical name, or the NP."""
    lexicon = reporting_lexicon()
    doc = token.doc
    if token.lower_ in lexicon.person_pronouns:
        return previous_person(token)
    if token.lower_ in {"it", "they"}:
        return previous_subject(token, mentions)
    if token.pos_ == "PRON":
        return None
    # A person's name wins: "Australia's Minister for ..., Pat Conroy" -> "Pat Conroy"
    clauses = {t.i for c in token.subtree if c.dep_ == "relcl" and c.i != token.i for t in c.subtree}
    subtree = [t for t in token.subtree if t.i not in clauses]
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    people = [e for e in doc.ents if e.label_ in PERSON_LABELS and lo <= e.start_char and e.end_char <= hi
              and not e.root.dep_ == "poss" and not named_non_person(e, mentions)]
    people_actors = [p for p in mentions.people_inside(lo, hi) if not possessive_at(doc, p[1])]
    if people_actors and not people:
        s, e, actor = min(people_actors, key=lambda p: abs(p[0] - token.idx))
        return clean_name(doc.text[s:e])
    if people:
        best = min(people, key=lambda e: 0 if e.start <= token.i < e.end else abs(e.start - token.i))
        return clean_name(best.text)
    phrase = noun_phrase(token)
    if len(phrase) > MAX_SOURCE_TOKENS:
        ent = next((e for e in doc.ents if e.start <= token.i < e.end and e.label_ in NAME_LABELS), None)
        phrase = list(ent) if ent is not None else [token]
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    actor = mentions.covering(token.idx, token.idx + len(token))
    named = any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase)
    if actor is not None and not named and actor.kind != "person":
        # a purely generic mention ("the alliance") reads better as the actor's canonical name; a phrase that
        # names it ("the UN refugee agency") is kept as the text gives it, which is what a reader would quote
        return actor.name
    text = clean_name(doc.text[start:end])
    return text or None


def named_non_person(ent: Span, mentions: MentionIndex) -> bool:
    """spaCy's PERSON label on a country or organisation the actors extractor knows ('Burkina Faso')."""
    actor = mentions.covering(ent.start_char, ent.end_char)
    return actor is not None and actor.kind != "person"


def clean_name(text: str) -> str:
    """One line, no parenthetical acronym: 'Analysts at the IISS (IISS' -> 'Analysts at the IISS'."""
    text = re.sub(r"\s*\([^)]*\)?", "", text)
    return " ".join(text.split()).strip(" ,;:–—-")


def possessive_at(doc: Doc, end: int) -> bool:
    """Is the mention ending at char offset `end` a possessive ("Putin's spokesman")?"""
    return doc.text[end : end + 2] in {"'s", "’s"} or doc.text[end : end + 1] in {"'", "’"}


def previous_subject(token: Token, mentions: MentionIndex) -> str | None:
    """it/they -> the subject of the sentence before, when that is a named or nominal source, else nothing."""
    sent = token.sent
    if sent.start == 0:
        return None
    previous = token.doc[sent.start - 1].sent
    subject = next((c for c in previous.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    return name_for(subject, mentions)


def previous_person(token: Token, max_chars: int = 600) -> str | None:
    """he/she -> the nearest PERSON named shortly before (no coreference model: nearest wins)."""
    doc = token.doc
    candidates = [e for e in doc.ents if e.label_ in PERSON_LABELS and e.end_char <= token.idx
                  and token.idx - e.end_char <= max_chars]
    return candidates[-1].text if candidates else None


def evidence_source(verb: Token) -> Token | None:
    """'Shipping data compiled by Lloyd's List shows that ...' -> Lloyd's List; bare 'data show' -> None."""
    if verb.pos_ not in {"VERB", "AUX"} or verb.lower_ not in reporting_lexicon().evidence_forms:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in reporting_lexicon().container_nouns:
        return None
    origin = unwrap_container(subject)
    return origin if origin.i != subject.i else None


def source_of(heads: list[Token], mentions: MentionIndex, span: Span) -> str | None:
    """Source of a clause (span) given its head and the heads it frames, outermost first. Only a speaker inside
    the span counts: a piece cut from a longer parse (a heading glued to a sentence) must not borrow one."""

    def inside(token: Token | None) -> Token | None:
        return token if token is not None and span.start <= token.i < span.end else None

    for head in heads:
        speaker = inside(speaker_of(head)) if is_reporting_verb(head) else None
        if speaker is not None:
            return name_for(unwrap_container(speaker), mentions)
        origin = inside(evidence_source(head))
        if origin is not None:
            return name_for(origin, mentions)
        obj = inside(according_to_object(head))
        if obj is not None:
            return name_for(unwrap_container(obj), mentions)
    return None


def sentence_according_to(sent: Span, root: Token, mentions: MentionIndex) -> str | None:
    """An 'according to' phrase that opens a sentence covers every clause of it."""
    obj = according_to_object(root)
    if obj is None or obj.i > root.i or not sent.start <= obj.i < sent.end:
        return None
    return name_for(unwrap_container(obj), mentions)
