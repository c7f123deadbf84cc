"""Attribution: who a clause says its content comes from, read off the dependency parse.

A clause is attributed when its head (or the verb that frames it, as in "it should be noted that X announced ...")
is a reporting cue with an explicit speaker - its subject, or the agent of a passive - or when it carries an
"according to X" / "in the words of X" phrase, an "as X put it" clause, or a reporting clause set off by commas
after it (", trade data show,"). Cues come in classes (claims_reporting_verbs.json): speech verbs report with any
complement; complement verbs (beliefs, findings, "added") only with a clause or a quotation; inference verbs
("suggests") only with a subject that can speak; evidence verbs with a source container ("a new poll shows");
valuations ("puts the cost at $3 billion"); stance verbs with a clause or a quotation; expectation verbs
("Economists expect") with a clause or an infinitive. he/she resolve to a person, never a place. Agentless
passives ("it is reported that"), expletive "it" and the author's own "we" give no speaker: the scorer counts a
speaker on an author-asserted claim as an error, so absence is the safe answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from extractors.common import load_data
from extractors.countries import is_place_name
from extractors.nlp import doc_text
from extractors.positions import Intervals, entities_of
from extractors.records import Actor

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
    complement_forms: frozenset[str]
    stance_forms: frozenset[str]
    expectation_forms: frozenset[str]
    evidence_forms: frozenset[str]
    valuation_forms: frozenset[str]
    inference_forms: frozenset[str]
    naming_forms: frozenset[str]
    attitude_forms: frozenset[str]
    topic_forms: frozenset[str]
    request_forms: frozenset[str]
    attitude_adjectives: frozenset[str]
    clause_non_report_forms: frozenset[str]
    speaker_nouns: frozenset[str]
    person_nouns: frozenset[str]
    phrasal: frozenset[tuple[str, str]]  # (verb form, particle or object): ('pointed', 'out'), ('put', 'it')
    according_to: tuple[tuple[str, ...], ...]
    according_to_non_sources: frozenset[str]
    container_nouns: frozenset[str]
    authored_container_nouns: frozenset[str]
    poll_nouns: frozenset[str]
    generic_container_modifiers: frozenset[str]
    first_person: frozenset[str]
    person_pronouns: frozenset[str]
    claim_nouns: frozenset[str]
    tally_forms: frozenset[str]


def inflected(verbs: dict[str, list[str]]) -> frozenset[str]:
    """Every form of every verb: listed irregular forms, else generated regular ones."""
    forms: set[str] = set()
    for base, irregular in verbs.items():
        forms |= set(irregular) | ({base} if irregular else regular_forms(base))
    return frozenset(f.lower() for f in forms)


@lru_cache(maxsize=1)
def reporting_lexicon() -> ReportingLexicon:
    data = load_data("claims_reporting_verbs.json")
    return ReportingLexicon(
        verb_forms=inflected(data["speech_verbs"]),
        complement_forms=inflected(data["complement_verbs"]),
        stance_forms=inflected(data["stance_verbs"]),
        expectation_forms=inflected(data["expectation_verbs"]),
        evidence_forms=inflected(data["evidence_verbs"]),
        valuation_forms=inflected(data["valuation_verbs"]),
        inference_forms=inflected(data["inference_verbs"]),
        naming_forms=inflected(data["naming_verbs"]),
        attitude_forms=inflected(data["attitude_verbs"]),
        topic_forms=inflected(data["topic_verbs"]),
        request_forms=inflected(data["request_verbs"]),
        attitude_adjectives=frozenset(data["attitude_adjectives"]),
        clause_non_report_forms=inflected(data["clause_non_reports"]),
        speaker_nouns=frozenset(data["speaker_nouns"]),
        person_nouns=frozenset(data["person_nouns"]),
        phrasal=frozenset((form, word) for word, verbs in data["phrasal_verbs"].items() for form in inflected(verbs)),
        according_to=tuple(tuple(p.split()) for p in data["according_to"]),
        according_to_non_sources=frozenset(data["according_to_non_sources"]),
        container_nouns=frozenset(data["source_container_nouns"]) | frozenset(data["authored_container_nouns"]),
        authored_container_nouns=frozenset(data["authored_container_nouns"]),
        poll_nouns=frozenset(data["poll_nouns"]),
        generic_container_modifiers=frozenset(data["generic_container_modifiers"]),
        first_person=frozenset(data["first_person"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        claim_nouns=frozenset(data["claim_nouns"]),
        tally_forms=inflected(data["tally_verbs"]),
    )


class MentionIndex:
    """Actor mentions by character offset, to map a source span to an actor. `offset` is where the Doc being
    read starts in the article text, for a piece parsed on its own."""

    def __init__(self, actors: list[Actor], offset: int = 0) -> None:
        self.spans = sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda s: (s[0], -s[1]))
        self.positions = Intervals([(s, e) for s, e, _a in self.spans])
        self.offset = offset

    def shifted(self, offset: int) -> MentionIndex:
        index = MentionIndex([], offset)
        index.spans, index.positions = self.spans, self.positions
        return index

    def covering(self, start: int, end: int) -> Actor | None:
        """The first mention (by start, the longest first) that holds [start, end)."""
        found = self.positions.first_covering(start + self.offset, end + self.offset)
        return None if found is None else self.spans[found][2]

    def people_inside(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        """Person mentions inside [start, end), in the reading Doc's offsets."""
        inside = (self.spans[i] for i in self.positions.inside(start + self.offset, end + self.offset))
        return [(s - self.offset, e - self.offset, a) for s, e, a in inside if a.kind == "person"]


SPEAKER_KINDS = {"person", "organization", "country", "group"}


def comparable_words(text: str) -> list[str]:
    """Lower-case words without punctuation, a leading article or a possessive: how names are compared."""
    words = re.findall(r"[\w&]+", text.lower().replace("’", "'").replace("'s ", " "))
    return words[1:] if words[:1] == ["the"] else words


class SpeakerIndex:
    """The speaker-capable actors of a document by the words of their names and mentions, so that finding the actor a
    speaker is costs a few look-ups, not a pass over every mention of the article."""

    def __init__(self, actors: list[Actor]) -> None:
        self.whole: dict[tuple[str, ...], str] = {}  # words -> actor_id of the first actor with that name or mention
        self.person_names: dict[tuple[str, ...], set[str]] = {}  # names of >= 2 words -> person actor_ids
        for actor in actors:
            if actor.kind not in SPEAKER_KINDS:
                continue
            names = [comparable_words(actor.name)] + [comparable_words(m.text) for m in actor.mentions]
            for name in names:
                self.whole.setdefault(tuple(name), actor.actor_id)
                if actor.kind == "person" and len(name) >= 2:
                    self.person_names.setdefault(tuple(name), set()).add(actor.actor_id)

    def actor_id(self, speaker: str | None) -> str | None:
        """The actor_id of the actor the speaker is: one whose canonical name or a mention reads as the whole speaker
        ('the alliance' -> NATO through its mention; 'Jane Roe'), else the one person named inside a speaker given
        with a title or role ('Foreign Minister Jane Roe' -> Jane Roe). Places and speakers that only name an actor
        inside a longer phrase ('a spokesperson for the ministry', 'Chilean media') have none."""
        if not speaker:
            return None
        wanted = tuple(comparable_words(speaker))
        if not wanted:
            return None
        if wanted in self.whole:
            return self.whole[wanted]
        inside: set[str] = set()
        for length in range(2, len(wanted) + 1):  # every run of words in the speaker that could be a person's name
            for at in range(len(wanted) - length + 1):
                inside |= self.person_names.get(wanted[at : at + length], set())
        return inside.pop() if len(inside) == 1 else None


def speaker_actor_id(speaker: str | None, actors: list[Actor]) -> str | None:
    """SpeakerIndex(actors).actor_id(speaker), for one speaker; build the index once to ask about many."""
    return SpeakerIndex(actors).actor_id(speaker)


def is_reporting_verb(token: Token) -> bool:
    """'said', 'announced'; a stance verb only with a clause or a quotation ('welcomed the deal as "historic"'),
    an expectation verb only with a clause or an infinitive ('Economists expect Oslo to raise ...')."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lexicon = reporting_lexicon()
    if phrasal_report(token) or puts_a_value(token) or keeps_a_tally(token):
        return True
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if (token.lower_ in lexicon.attitude_forms or feels_about(token) or speaks_about(token)) and is_person(subject):
        return True
    if (introduces_quotation(token) or requests(token)) and can_speak(subject):
        return True
    if token.lower_ in lexicon.inference_forms:
        return takes_clause(token) and can_speak(subject)
    if token.lower_ in lexicon.complement_forms or token.lower_ in lexicon.stance_forms:
        return takes_clause(token) or quotes_own_words(token)
    if token.lower_ in lexicon.verb_forms:
        return True
    return is_expectation(token) or (that_clause(token) and can_speak(subject))


ATTITUDE_CONTENT_PREPOSITIONS = {"about", "over"}
TOPIC_PREPOSITIONS = {"about", "on", "of"}


def speaks_about(verb: Token) -> bool:
    """'the senator spoke about the farm bill', 'she talked of a recount': speaking reports its topic; 'spoke for ten
    minutes', 'spoke to the crowd in Leeds' say only that someone spoke."""
    if verb.lower_ not in reporting_lexicon().topic_forms:
        return False
    return takes_clause(verb) or quotes_own_words(verb) or any(
        c.dep_ == "prep" and c.lower_ in TOPIC_PREPOSITIONS for c in verb.children)


def feels_about(verb: Token) -> bool:
    """'voters are worried that ...', 'the senator is determined to ...', 'farmers are uneasy about the tax': a
    linking verb whose adjective of feeling or resolve has its content after it."""
    if verb.lower_ not in LINKING_FORMS:
        return False
    for adjective in verb.children:
        if adjective.dep_ != "acomp" or adjective.lower_ not in reporting_lexicon().attitude_adjectives:
            continue
        if any(c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ in ATTITUDE_CONTENT_PREPOSITIONS)
               for c in adjective.children):
            return True
    return False


def requests(verb: Token) -> bool:
    """'the moderator asked the candidates to discuss ...': a request verb with an object and an infinitive."""
    if verb.lower_ not in reporting_lexicon().request_forms or not any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(c.dep_ in {"xcomp", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in verb.children)


def that_clause(verb: Token) -> bool:
    """'X boasted that ...', 'the senator bet that ...': a verb with a 'that' clause after it reports that clause,
    whatever the verb, unless it only brings the clause about ('ensured that', 'means that': clause_non_reports)."""
    if verb.pos_ != "VERB" or verb.lower_ in reporting_lexicon().clause_non_report_forms:
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and not across_semicolon(c, verb) and not postposed_report(c, verb)
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)


def can_speak(subject: Token | None) -> bool:
    """A subject that can make a statement: a name, a person pronoun, a body or role ('officials', 'the
    ministry'), or a container someone wrote ('the study'); not a state of affairs ('rising tension')."""
    if subject is None:
        return False
    lexicon = reporting_lexicon()
    if subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or subject.pos_ == "PROPN":
        return True
    word = subject.lower_
    return (word in lexicon.person_pronouns or word == "they" or word in lexicon.speaker_nouns
            or word in lexicon.authored_container_nouns)


OPENING_QUOTES = {'"', "“", "``", "‘"}


def introduces_quotation(verb: Token) -> bool:
    """'X boomed: "..."', 'the minister added: "..."': a verb whose own colon opens a quotation speaks it, whatever
    the verb."""
    doc = verb.doc
    for child in verb.children:
        if child.text == ":" and child.dep_ == "punct" and child.i > verb.i and child.i + 1 < len(doc):
            if doc[child.i + 1].text in OPENING_QUOTES:
                return True
    return False


def introduced_speaker(span: Span, mentions: MentionIndex) -> str | None:
    """'The governor added:' closing a sentence or line: the words that follow are the speaker's, with or without
    quotation marks. The verb before the colon must be a reporting one with a subject that can speak."""
    last = next((t for t in reversed(span) if not t.is_space), None)
    if last is None or last.text != ":":
        return None
    verb = last.head
    lexicon = reporting_lexicon()
    if verb.pos_ not in {"VERB", "AUX"} or verb.lower_ not in lexicon.verb_forms | lexicon.complement_forms:
        return None
    speaker = speaker_of(verb)
    if speaker is None or not can_speak(speaker) or not span.start <= speaker.i < span.end:
        return None
    return name_for(unwrap_container(speaker), mentions)


def is_person(subject: Token | None) -> bool:
    """A subject that is one or more people: a PERSON name, he/she, a noun for people ('voters', 'the senator',
    'Republican voters'), or a plural people's name ('Democrats'). Not a state, a body or an organisation: what
    they want or plan is their policy, which the author states as a fact."""
    if subject is None:
        return False
    lexicon = reporting_lexicon()
    if subject.lower_ in lexicon.person_pronouns:
        return True
    if subject.ent_type_ == "PERSON":  # the tagger's PERSON on a country ('Chile also wants ...') is no person
        ent = entities_of(subject.doc).at_token(subject.i)
        return ent is None or not is_place_name(ent.text)
    if subject.ent_type_ == "NORP" and subject.tag_ in {"NNPS", "NNS"}:
        return True
    return subject.pos_ == "NOUN" and subject.lower_ in lexicon.person_nouns


def phrasal_report(token: Token) -> bool:
    """'pointed out that ...', 'spelled out', 'as the minister put it', 'critics point to ...': a verb that reports
    with its particle or object ('put it'), not without ('put the bill to a vote')."""
    keyed = [c for c in token.children if (token.lower_, c.lower_) in reporting_lexicon().phrasal]
    if any(c.dep_ in {"prt", "dobj", "acomp", "oprd"} for c in keyed):
        return True
    # 'analysts point to the deficit' reports; 'the numbers point to a slowdown' is the author's reading
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return any(c.dep_ == "prep" for c in keyed) and can_speak(subject)


def keeps_a_tally(token: Token) -> bool:
    """'The Caspian Institute recorded 412 attacks': a count kept by an organisation named as the subject, whose
    object is counted. Not 'Chad recorded growth of 3%' (a country's own figure) nor 'the army recorded a
    victory' (nothing counted)."""
    if token.lower_ not in reporting_lexicon().tally_forms:
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_ != "ORG":
        return False
    return any(c.dep_ == "dobj" and any(n.dep_ == "nummod" and n.like_num for n in c.children)
               for c in token.children)


def puts_a_value(token: Token) -> bool:
    """'The agency puts the cost at $3 billion', 'estimates placed the toll at 500': a figure someone put on
    something. The object's 'at' phrase must hold a number."""
    if token.lower_ not in reporting_lexicon().valuation_forms:
        return False
    places = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "at"]
    places += [p for o in token.children if o.dep_ == "dobj"
               for p in o.children if p.dep_ == "prep" and p.lower_ == "at"]
    return any(t.like_num or t.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "CARDINAL"} for p in places
               for t in p.subtree)


def is_expectation(token: Token) -> bool:
    """'Economists expect Oslo to raise rates': an active expectation verb with a clause or an infinitive.
    The passive ('is expected to') is a hedge cue of its own and has no speaker."""
    if token.pos_ not in {"VERB", "AUX"} or token.lower_ not in reporting_lexicon().expectation_forms:
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} or (c.dep_ == "mark" and c.lower_ in {"whether", "if"})
           for c in token.children):
        return False
    if not any(c.dep_ == "nsubj" for c in token.children):  # 'it would be unrealistic to expect ...'
        return False
    return takes_clause(token) or any(c.dep_ == "xcomp" for c in token.children)


def takes_clause(verb: Token) -> bool:
    """A clause complement, or one given by a reporting participle: 'rejected the plan, saying it would ...'. A
    reporting clause set off after the verb ('... have agreed on patrols, the envoy said') is not its content."""
    return any((c.dep_ == "ccomp" and not across_semicolon(c, verb) and not postposed_report(c, verb))
               or reporting_participle(c) for c in verb.children)


def postposed_report(clause: Token, verb: Token) -> bool:
    """', the envoy said' after the verb, taken by the parser for the verb's clause complement."""
    if clause.i < verb.i or clause.lower_ not in reporting_lexicon().verb_forms:
        return False
    before = clause.left_edge.i - 1
    return before >= 0 and clause.doc[before].text == "," and any(c.dep_ == "nsubj" for c in clause.children)


def across_semicolon(a: Token, b: Token) -> bool:
    """A semicolon between two tokens: a 'complement' across it is a misparse of two clauses."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def reporting_participle(token: Token) -> bool:
    if token.dep_ != "advcl" or token.tag_ != "VBG" or token.lower_ not in reporting_lexicon().verb_forms:
        return False
    return any(c.dep_ == "ccomp" for c in token.children)


QUOTE_MARKS = {'"', "“", "”", "``", "''"}


def quotes_own_words(verb: Token) -> bool:
    """A quotation among the verb's own dependents (not those of a coordinated verb): 'hailed it as "historic"'."""
    skip = {t.i for c in verb.children if c.dep_ == "conj" for t in c.subtree}
    return any(t.text in QUOTE_MARKS for t in verb.subtree if t.i not in skip)


def speaker_of(verb: Token) -> Token | None:
    """The explicit speaker of a reporting verb: active subject or passive 'by' agent; None for 'we', and None
    when nothing was said yet ('its partners should say so', 'Tokyo may announce'): a modal verb or a
    negation makes the report unreal."""
    lexicon = reporting_lexicon()
    if unreal(verb):
        return None
    for child in subjects_inverted_first(verb):
        if child.lower_ in lexicon.first_person or child.lower_ in {"this", "that", "there", "which", "who"}:
            return None
        if closes_quotation_between(child, verb):
            continue  # '"My view, that was wrong," the aide said': the words before are the quotation
        if any(c.dep_ == "case" for c in child.children) and child.i < verb.i:
            continue  # "Chad's declared exports rose": a possessive the parser took for the subject of 'declared'
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def subjects_inverted_first(verb: Token) -> list[Token]:
    """The verb's subjects, one right after it first: in '..., said Jo Roe' the parser may also take a noun of the
    reported words before it for a subject."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return sorted(subjects, key=lambda c: c.i < verb.i) if len(subjects) > 1 else subjects


def closes_quotation_between(subject: Token, verb: Token) -> bool:
    """A closing quotation mark between a subject and its verb: the parser took quoted words for the subject."""
    if subject.i > verb.i:
        return False
    opened = False  # a quotation opened and closed after the subject ('X, who called it "odd", said') is no sign
    for token in verb.doc[subject.i + 1 : verb.i]:
        closing = token.text in {"”", "''"} or (token.text == '"' and (opened or closes_straight(token)))
        if closing and not opened:
            return True
        if closing:
            opened = False
        elif token.text in {"“", "``", '"'}:
            opened = True
    return False


def closes_straight(quote: Token) -> bool:
    """A straight quotation mark that closes: written against the comma or stop before it ('...," the aide said'),
    not opened after a space (', "The Apprentice," who ...')."""
    before = quote.nbor(-1)
    return before.text in {",", "."} and not before.whitespace_


def unreal(verb: Token) -> bool:
    """Nothing was reported: a modal or a negation ('may announce', 'did not say', 'never said'), or a question
    ('Whether X believes ...'). 'would' with an attitude verb states a stance held now ('the senator would support
    a recount', 'she would like to ...'), so it stays real."""
    if any(c.dep_ == "neg" for c in verb.children) or negated(verb):
        return True
    if any(c.dep_ == "aux" and c.tag_ == "MD" and not (c.lower_ == "would" and verb.lower_ in
                                                       reporting_lexicon().attitude_forms) for c in verb.children):
        return True
    return any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children)


def negated(verb: Token) -> bool:
    """'has neither confirmed nor denied', 'never said': nothing was reported, so the verb's subject is no source."""
    words = [verb, *(verb.children)]
    if verb.dep_ == "conj":  # 'nor denied' hangs off 'neither confirmed'
        words += [verb.head, *verb.head.children]
    return any(t.lower_ in {"neither", "nor", "never"} for t in words)


def according_to_object(head: Token) -> Token | None:
    """The object of an 'according to' / 'in the words of' phrase attached to head."""
    for child in head.children:
        if child.dep_ in {"prep", "advmod", "npadvmod"}:
            obj = phrase_object(child)
            if obj is not None:
                return obj
    return None


def phrase_object(first: Token) -> Token | None:
    """When an 'according to' phrase starts at `first`: its object ('according to a count by X' -> count), unless
    the object is no one's word ('according to plan')."""
    doc = first.doc
    lexicon = reporting_lexicon()
    for phrase in lexicon.according_to:
        words = doc[first.i : first.i + len(phrase)]
        if len(words) < len(phrase) or tuple(t.lower_ for t in words) != phrase:
            continue
        # the parser hangs the object off the last word, or straight off the first ('according')
        obj = next((c for t in reversed(list(words)) for c in t.children if c.dep_ == "pobj" and c.i > t.i), None)
        if obj is None or obj.lower_ in lexicon.according_to_non_sources:
            return None
        return obj
    return None


def loose_according_to(span: Span) -> Token | None:
    """An 'according to X' anywhere in the clause that the parser attached to a noun or left loose
    ('Clinton leads by 271 delegates according to a count by the wire service')."""
    for token in span:
        if token.lower_ in {phrase[0] for phrase in reporting_lexicon().according_to}:
            obj = phrase_object(token)
            if obj is not None and span.start <= obj.i < span.end:
                return obj
    return None


def unwrap_container(token: Token) -> Token:
    """'data from the Danish Institute for Arms Studies' -> the institute."""
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
    while run and ((run[-1].is_punct and run[-1].text != "%") or run[-1].dep_ in {"cc", "case"}):
        run = run[:-1]  # '61% say': the per cent sign is part of the speaker
    return run or [token]


def name_for(token: Token, mentions: MentionIndex) -> str | None:
    """What to call the source whose head is token: a person's name, an actor's canonical name, or the NP."""
    lexicon = reporting_lexicon()
    doc = token.doc
    text = doc_text(doc)
    if token.lower_ in lexicon.person_pronouns:
        return previous_person(token, mentions)
    if token.lower_ in {"it", "they"}:
        return previous_subject(token, mentions)
    if token.pos_ == "PRON":
        return described_group(token)
    # A person's name wins: "Chile's Minister for ..., Ana Rojas" -> "Ana Rojas"
    clauses = {t.i for c in token.subtree if c.dep_ == "relcl" and c.i != token.i for t in c.subtree}
    subtree = [t for t in token.subtree if t.i not in clauses]
    lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
    hi = apposed_name_end(subtree[-1], hi, mentions)
    people = [e for e in entities_of(doc).inside(lo, hi) if e.label_ in PERSON_LABELS
              and not e.root.dep_ == "poss" and not named_non_person(e, mentions)]
    people_actors = [p for p in mentions.people_inside(lo, hi) if not possessive_at(text, p[1])]
    if people_actors and not people:
        s, e, actor = min(people_actors, key=lambda p: abs(p[0] - token.idx))
        return clean_name(text[s:e])
    if people:
        best = min(people, key=lambda e: 0 if e.start <= token.i < e.end else abs(e.start - token.i))
        s, e = widened(best.start_char, best.end_char, mentions)
        return clean_name(text[s:e])
    name = apposed_proper_name(token, mentions) or close_apposed_name(token)
    if name is not None:
        return name
    phrase = noun_phrase(token)
    if len(phrase) > MAX_SOURCE_TOKENS:
        ent = entities_of(doc).at_token(token.i)
        ent = ent if ent is not None and ent.label_ in NAME_LABELS else None
        phrase = list(ent) if ent is not None else [token]
    if token.pos_ == "PROPN":  # 'the think tank Northgate': the common nouns before a name only say what it is
        while len(phrase) > 1 and phrase[0].i < token.i and phrase[0].text.islower():
            phrase = phrase[1:]
    start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    actor = mentions.covering(token.idx, token.idx + len(token))
    named = any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase)
    if actor is not None and not named and actor.kind != "person":
        # a purely generic mention ("the alliance") reads better as the actor's canonical name; a phrase that
        # names it ("the EU border agency") is kept as the text gives it, which is what a reader would quote
        return actor.name
    name = clean_name(text[start:end])
    return name or None


GROUP_PRONOUNS = {"those", "many", "most", "some", "all", "several", "few", "both", "others", "someone", "somebody"}
WH_WORDS = {"who", "whom", "whose", "which", "what", "that"}
GROUP_MODIFIER_DEPS = {"acl", "amod", "prep", "advmod", "cc", "conj"}


def described_group(token: Token) -> str | None:
    """'those surveyed', 'those close to him', 'most of the delegates', 'someone': a pronoun that says whose group it
    is names the speakers; a bare 'some' or 'many', or one that points back ('many of whom'), does not."""
    if token.lower_ not in GROUP_PRONOUNS:
        return None
    modifiers = [c for c in token.children if c.i > token.i and c.dep_ in GROUP_MODIFIER_DEPS]
    if not modifiers and token.lower_ not in {"someone", "somebody"}:
        return None
    phrase = sorted([token, *(t for c in modifiers for t in c.subtree)], key=lambda t: t.i)
    phrase = [t for t in phrase if t.i - token.i == phrase.index(t)]  # the contiguous run from the pronoun
    if len(phrase) > MAX_SOURCE_TOKENS or any(t.lower_ in WH_WORDS for t in phrase):
        return None
    return clean_name(doc_text(token.doc)[phrase[0].idx : phrase[-1].idx + len(phrase[-1])]) or None


def close_apposed_name(token: Token) -> str | None:
    """'the consultancy Harwell', 'the think tank Northgate Forum': a proper name right after a common noun, with no
    comma between, is the name; the noun only says what kind of source it is."""
    if token.pos_ != "NOUN":
        return None
    for appos in token.children:
        if appos.dep_ != "appos" or appos.pos_ != "PROPN" or appos.left_edge.i != token.i + 1:
            continue
        words = [t for t in appos.subtree if t.i <= appos.i]
        if any(t.pos_ != "PROPN" for t in words):
            continue
        return clean_name(doc_text(token.doc)[words[0].idx : appos.idx + len(appos)])
    return None


def apposed_proper_name(token: Token, mentions: MentionIndex) -> str | None:
    """'the committee's chair, Dame Ruth Okafor' where the tagger found no PERSON: a proper name in apposition to a
    common noun (a title or role) names the speaker, unless it is a place, an organisation or a group."""
    if token.pos_ != "NOUN":
        return None
    for appos in token.children:
        if appos.dep_ != "appos" or appos.pos_ != "PROPN" or appos.ent_type_ not in {"", "PERSON"}:
            continue
        words = [t for t in appos.subtree if t.i <= appos.i]
        while words and words[0].pos_ != "PROPN":
            words = words[1:]
        if not words or any(t.pos_ != "PROPN" for t in words):
            continue
        start, end = words[0].idx, appos.idx + len(appos)
        actor = mentions.covering(start, end)
        if actor is not None and actor.kind != "person":
            continue
        return clean_name(doc_text(token.doc)[start:end])
    return None


def apposed_name_end(last: Token, end: int, mentions: MentionIndex, max_title_words: int = 3) -> int:
    """'the committee's chair, Senator Maria Lopez': the parser may hang the name off the verb instead of the
    noun. A person's name set off by a comma right after the phrase (titles before it allowed) belongs to it,
    unless it is the subject of the clause that follows ('According to the statement, Jane Roe met ...')."""
    doc = last.doc
    comma = last.i + 1
    if comma >= len(doc) - 1 or doc[comma].text != ",":
        return end
    for token in doc[comma + 1 : min(len(doc), comma + 2 + max_title_words)]:
        subject = token.head if token.dep_ == "compound" else token
        if subject.dep_ in {"nsubj", "nsubjpass"} and subject.head.i > subject.i:
            break  # the subject of a verb that follows
        if token.ent_type_ == "PERSON":
            ent = entities_of(doc).at_token(token.i)
            if ent is not None and not named_non_person(ent, mentions):
                return ent.end_char
        person = next((e for s, e, _a in mentions.people_inside(token.idx, token.idx + 200) if s == token.idx), None)
        if person is not None:
            return person
        if token.pos_ != "PROPN":
            break
    return end


def widened(start: int, end: int, mentions: MentionIndex) -> tuple[int, int]:
    """A person name spaCy cut short ('Anna van der') widened to the person mention the actors extractor found."""
    for m_start, m_end, _actor in mentions.people_inside(start - 40, end + 40):
        if m_start <= start < m_end or m_start < end <= m_end:
            return min(start, m_start), max(end, m_end)
    return start, end


def named_non_person(ent: Span, mentions: MentionIndex) -> bool:
    """spaCy's PERSON label on a country or organisation the actors extractor knows (a country's name)."""
    actor = mentions.covering(ent.start_char, ent.end_char)
    return actor is not None and actor.kind != "person"


def clean_name(text: str) -> str:
    """One line, no parenthetical acronym or footnote mark: 'Analysts at the institute (NDI' -> 'Analysts at the
    institute', 'the agency's tracking service[4' -> 'the agency's tracking service'."""
    text = re.sub(r"\s*\([^)]*\)?", "", text)
    text = re.sub(r"\s*\[\d*\]?", "", text)
    return " ".join(text.split()).strip(" ,;:–—-")


def possessive_at(text: str, end: int) -> bool:
    """Is the mention ending at char offset `end` a possessive ("Putin's spokesman")?"""
    return text[end : end + 2] in {"'s", "’s"} or text[end : end + 1] in {"'", "’"}


def previous_subject(token: Token, mentions: MentionIndex) -> str | None:
    """it/they -> the nearest subject before it that agrees in number ('they': a plural or coordinated noun; 'it': a
    singular one): earlier in the same sentence ('all four countries agree - they expect ...'), else the subject of
    the sentence before, when that is a named or nominal source; else nothing."""
    sent = token.sent
    earlier = [t for t in token.doc[sent.start : token.i] if t.dep_ in {"nsubj", "nsubjpass"}]
    if sent.start > 0:
        previous = token.doc[sent.start - 1].sent
        earlier = [c for c in previous.root.children if c.dep_ in {"nsubj", "nsubjpass"}] + earlier
    for subject in reversed(earlier):
        if subject.pos_ not in {"NOUN", "PROPN"}:
            continue
        plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
        if plural == (token.lower_ == "they"):
            return name_for(subject, mentions)
    return None


def previous_person(token: Token, mentions: MentionIndex, max_chars: int = 600) -> str | None:
    """he/she -> the person who last spoke or acted shortly before: the nearest person that is a subject, else the
    nearest person named. No coreference model. A place or organisation (a PERSON label on a capital, which the
    actors extractor knows as a place) is never the answer; a person the actors extractor found but spaCy did not
    label counts, also before the start of a piece parsed on its own (then by its canonical name)."""
    doc = token.doc
    text = doc_text(doc)
    lo = token.idx - max_chars
    candidates: dict[tuple[int, int], tuple[str, bool]] = {}
    for ent in entities_of(doc).inside(lo, token.idx):
        if ent.label_ not in PERSON_LABELS:
            continue
        if named_non_person(ent, mentions) or ent.root.lower_ in reporting_lexicon().person_pronouns:
            continue
        start, end = widened(ent.start_char, ent.end_char, mentions)
        candidates[(start, end)] = (text[start:end], is_subject(ent.root))
    for start, end, actor in mentions.people_inside(lo, token.idx):
        if any(s <= start and end <= e for s, e in candidates):
            continue
        if start < 0:  # before the piece being read: no parse to tell a subject by
            candidates[(start, end)] = (actor.name, False)
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        candidates[(start, end)] = (text[start:end], span is not None and is_subject(span.root))
    if not candidates:
        return None
    ordered = sorted(candidates.items())
    subjects = [name for _, (name, subject) in ordered if subject]
    return clean_name(subjects[-1] if subjects else ordered[-1][1][0])


def is_subject(token: Token) -> bool:
    """The subject of its clause, or the name in a subject ('Prime Minister Jane Roe', 'its envoy, X')."""
    if token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return token.dep_ in {"appos", "compound"} and token.head.dep_ in {"nsubj", "nsubjpass"}


def evidence_source(verb: Token) -> Token | None:
    """'Shipping data compiled by Harwell Maritime shows that ...' -> Harwell Maritime; 'a new poll shows' -> the poll
    (a container someone wrote); bare 'numbers suggest' -> None."""
    if verb.pos_ not in {"VERB", "AUX"} or verb.lower_ not in reporting_lexicon().evidence_forms:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in reporting_lexicon().container_nouns:
        return None
    origin = unwrap_container(subject)
    if origin.i != subject.i:
        return origin
    return subject if has_owner(subject) or subject.lower_ in reporting_lexicon().authored_container_nouns else None


def has_owner(container: Token) -> bool:
    """'trade data', 'an NDI poll', "Kyiv's figures", 'Chilean trade data' name whose data it is; 'recent data',
    'a new opinion survey' do not."""
    generic = reporting_lexicon().generic_container_modifiers
    for child in container.children:
        if child.lower_ in generic:
            continue
        if child.dep_ in {"compound", "poss"} and child.pos_ in {"NOUN", "PROPN"}:
            return True
        if child.dep_ in {"amod", "compound", "nmod"} and child.ent_type_ in {"NORP", "ORG", "GPE"}:
            return True
    return False


def source_of(heads: list[Token], mentions: MentionIndex, span: Span) -> str | None:
    """Source of a clause (span) given its head and the heads it frames, outermost first. Only a speaker inside
    the span counts: a piece cut from a longer parse (a heading glued to a sentence) must not borrow one."""

    def inside(token: Token | None) -> Token | None:
        return token if token is not None and span.start <= token.i < span.end else None

    # Where a clause names its source other than as a reporting verb's subject, tried in this order: 'according to
    # X', 'X took to the radio to accuse', 'X was quoted as saying', 'X issued a statement saying', 'in a report by X'.
    patterns = (according_to_object, purpose_report, quoted_as_saying, issuer_of_saying_container, container_in)
    for head in heads:
        reports = is_reporting_verb(head)
        speaker = inside(speaker_of(head)) if reports else None
        if speaker is not None:
            return name_for(unwrap_container(speaker), mentions)
        run_in = run_in_subject(head, mentions) if reports and span.start < head.i else None
        if run_in is not None:
            return run_in
        origin = inside(evidence_source(head))
        if origin is not None:
            return name_for(origin, mentions)
        for find in patterns:
            speaker = inside(find(head))
            if speaker is not None:
                return name_for(unwrap_container(speaker), mentions)
    speaker = inside(adjunct_speaker(heads[0])) if heads else None
    if speaker is not None:
        return name_for(unwrap_container(speaker), mentions)
    speaker = inside(what_someone_calls(span))
    if speaker is not None:
        return name_for(speaker, mentions)
    obj = loose_according_to(span)
    return name_for(unwrap_container(obj), mentions) if obj is not None else None


def run_in_subject(verb: Token, mentions: MentionIndex) -> str | None:
    """'In a meeting with the board of the Lima Times Ana Ruiz said that ...': with no comma after an opening phrase
    the parser runs the speaker's name into the phrase and leaves the verb without a subject. A person the actors
    extractor knows whose name ends right before the verb is the speaker."""
    if unreal(verb) or any(c.dep_ in SUBJECT_DEPS | {"agent", "expl"} for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.dep_ not in {"pobj", "compound", "appos"} or before.head.i > verb.i:
        return None
    end = before.idx + len(before)
    people = [(s, e, a) for s, e, a in mentions.people_inside(end - 60, end) if e == end]
    if not people:
        return None
    start, _end, _actor = min(people, key=lambda p: p[0])
    return clean_name(doc_text(verb.doc)[start:end]) or None


def purpose_report(head: Token) -> Token | None:
    """'X took to the radio to accuse the mayor of lying', 'X used the speech to call for a recount': an act done
    in order to say something is the subject's report."""
    if unreal(head):
        return None
    for child in head.children:
        if (child.dep_ in {"xcomp", "advcl"} and child.tag_ == "VB" and child.lower_ in reporting_lexicon().verb_forms
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children) and not unreal(child)):
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in reporting_lexicon().first_person | NOT_A_SPEAKER:
                return subject
    return None


def quoted_as_saying(head: Token) -> Token | None:
    """'The mayor was quoted as saying that ...', 'she was heard as saying ...': the passive subject of a verb whose
    'as' phrase holds a reporting participle is the speaker."""
    subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ in reporting_lexicon().first_person or subject.lower_ in NOT_A_SPEAKER:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and any(
                c.dep_ == "pcomp" and c.lower_ in reporting_lexicon().verb_forms for c in prep.children):
            return subject
    return None


def issuer_of_saying_container(head: Token) -> Token | None:
    """'X issued a statement saying that ...', 'X posted a message warning that ...': a written piece whose
    reporting participle has a clause is its issuer's report; the issuer is the subject of the verb that takes it."""
    lexicon = reporting_lexicon()
    for obj in head.children:
        if obj.dep_ != "dobj" or obj.pos_ != "NOUN":
            continue
        for acl in obj.children:
            if (acl.dep_ == "acl" and acl.tag_ == "VBG" and acl.lower_ in lexicon.verb_forms | lexicon.complement_forms
                    and any(c.dep_ == "ccomp" for c in acl.children)):
                return speaker_of(head)
    return None


def container_in(head: Token) -> Token | None:
    """'In a new poll, the governor leads by 6 points', 'X rose 3 points in a survey by Y': a poll, survey or study
    the clause's finding is in is its source. Only authored containers: 'in the data' says nothing of whose."""
    lexicon = reporting_lexicon()
    for prep in head.subtree:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lower_ not in lexicon.poll_nouns:
            continue
        # the parser may hang a closing 'in a new poll' on a noun ('a favourable view of X in a new poll.'); a bare
        # 'in the polls' there names no poll ('a comfortable margin in the polls')
        specific = any(c.dep_ in {"compound", "amod", "poss", "nmod", "prep"} for c in obj.children)
        if prep.head.i == head.i or (specific and closes_sentence(obj)):
            return obj
    return None


def closes_sentence(token: Token) -> bool:
    """Only punctuation follows the token's phrase up to the end of its sentence."""
    rest = token.doc[token.right_edge.i + 1 : token.sent.end]
    return all(t.is_punct or t.is_space for t in rest)


def what_someone_calls(span: Span) -> Token | None:
    """'Peru has become what the agency calls the worst crisis': what the clause says of its subject is the
    namer's words. Only as the predicate of a linking verb: 'despises what he calls bias' is the author's."""
    for token in span:
        if (token.lower_ in reporting_lexicon().naming_forms and token.pos_ == "VERB"
                and token.head.lower_ in LINKING_FORMS and token.dep_ in {"ccomp", "attr", "acomp", "xcomp"}
                and any(c.lower_ == "what" and c.dep_ in {"dobj", "nsubj", "attr", "oprd"} for c in token.children)):
            speaker = speaker_of(token)
            if speaker is not None:
                return speaker
    return None


ADJUNCT_PREPOSITIONS = {"by", "in", "after", "while", "when", "before"}
SUBORDINATE_MARKS = {"after", "when", "though", "although", "because", "since", "before", "once", "until"}
LINKING_FORMS = {"is", "are", "was", "were", "be", "been", "'s", "’s", "become", "becomes", "became", "remain",
                 "remains", "remained"}


def adjunct_speaker(head: Token) -> Token | None:
    """An 'as' clause hanging off the clause's head reports the clause itself: 'as the minister put it', 'As X
    noted, ...', 'as analysts observed': the clause is the content a complement verb otherwise needs."""
    lexicon = reporting_lexicon()
    for child in head.children:
        if (child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children)
                and (is_reporting_verb(child) or child.lower_ in lexicon.complement_forms)):
            speaker = speaker_of(child)
            if speaker is not None:
                return speaker
    return None


def reporting_adjuncts(head: Token) -> list[tuple[Token, Token]]:
    """Reports that come after what the clause's subject did: a coordinated reporting verb without a subject of its
    own ('X toured the base and said ...'), a reporting participle ('X sued the city, saying ...'), one after a
    preposition ('X drew fire by saying ...') - these speak for the head's subject - and a subordinate report with
    a subject of its own ('..., shortly after the governor said he would ...'). Each needs a clause as its content
    ('saying nothing', 'threatened to intervene' report nothing). Returns (first token of the report, reporting
    verb): the sentence is cut there, so that what the subject did stays the author's claim and the rest is the
    report."""
    found: list[tuple[Token, Token]] = []
    # a verb coordinated with the head that shares its subject carries reports of the same speaker ('X calmed the
    # crowd and took a heckler in stride, saying ...')
    children = [c for node in [head, *shared_subject_verbs(head)] for c in node.children]
    for child in children:
        if child.i < head.i:
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not any(
                c.dep_ in SUBJECT_DEPS | {"expl"} for c in child.children):
            candidates = [(child.left_edge, child)]
        elif child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBG":
            candidates = [(child.left_edge, child)]
        elif child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPOSITIONS:
            candidates = [(child, c) for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
        elif child.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in child.children) and subordinated(child):
            if is_reporting_verb(child) and not unreal(child) and (takes_clause(child) or speaks_of(child)):
                found.append((child.left_edge, child))  # '..., shortly after the governor said he would ...'
            continue
        else:
            continue
        found.extend((first, verb) for first, verb in candidates
                     if is_reporting_verb(verb) and takes_clause(verb) and not unreal(verb))
    return found


def speaks_of(verb: Token) -> bool:
    """'after the council condemned the launch', 'when the senator cited the figures': a speech verb whose object
    is what was said of something. A report in its own right when its subject is its own, not the clause's."""
    return verb.lower_ in reporting_lexicon().verb_forms and any(c.dep_ == "dobj" for c in verb.children)


def subordinated(clause: Token) -> bool:
    """A clause opened by a subordinating word: the parser takes 'after' or 'because' for a marker, but 'when' for
    an adverb of the clause, so both count."""
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in SUBORDINATE_MARKS for c in clause.children)


def leading_report(head: Token, span: Span) -> Token | None:
    """'When the senator asked whether the vote would pass, the chair ...': a subordinate clause opening the
    sentence whose verb reports a clause with a subject of its own is that subject's report, cut off from the main
    clause it frames."""
    for child in head.children:
        if child.dep_ != "advcl" or child.i > head.i or child.left_edge.i < span.start:
            continue
        # only punctuation or a connective of the main clause ('Yet', 'But') before it
        if any(not (t.is_punct or (t.head.i == head.i and t.dep_ in {"cc", "advmod"}))
               for t in span.doc[span.start : child.left_edge.i]):
            continue
        if not subordinated(child):
            continue
        if is_reporting_verb(child) and takes_clause(child) and not unreal(child) and speaker_of(child) is not None:
            return child
    return None


def trailing_relative_report(span: Span) -> Token | None:
    """'..., a suit in which the plaintiffs argued that the map was drawn unfairly.': a relative clause that ends
    the sentence and whose verb reports a clause with a named subject is that subject's report."""
    last = max((t.i for t in span if not t.is_punct and not t.is_space), default=span.end - 1)
    for token in span:
        if token.dep_ != "relcl" or token.right_edge.i < last or token.left_edge.i <= span.start:
            continue
        subject = speaker_of(token) if is_reporting_verb(token) and takes_clause(token) else None
        if subject is not None and subject.lower_ not in NOT_A_SPEAKER and subject.pos_ != "PRON":
            return token
    return None


def shared_subject_verbs(head: Token) -> list[Token]:
    """Verbs coordinated with head (at any depth) that have no subject of their own, so share head's."""
    found, stack = [], [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and not any(
                    c.dep_ in SUBJECT_DEPS | {"expl"} for c in child.children):
                found.append(child)
                stack.append(child)
    return found


def adjunct_subject(verb: Token) -> Token | None:
    """The speaker of a report cut off by reporting_adjuncts: the subject of the verb it hangs off."""
    governor = verb.head.head if verb.dep_ == "pcomp" else verb.head
    while governor.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in governor.children):
        governor = governor.head  # 'X arrived, met Y and said ...': the subject of the first verb
    # a subject of its own, active or passive ('while Chad and Niger are widely reported to ...'): not the
    # governor's report
    if governor.i == verb.i or any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in verb.children):
        return None
    subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in reporting_lexicon().first_person or subject.lower_ in NOT_A_SPEAKER:
        return None
    return subject


def sentence_according_to(sent: Span, root: Token, mentions: MentionIndex) -> str | None:
    """An 'according to' phrase that opens a sentence, or closes it, covers every clause of it ('A fell and B
    dropped, according to X', 'A rose, while B fell, according to X'): the parser hangs a closing one on the last
    clause only, coordinated or subordinate."""
    obj = according_to_object(root)
    if obj is not None and obj.i < root.i and sent.start <= obj.i < sent.end:
        return name_for(unwrap_container(obj), mentions)
    for head in (t for t in sent if t.pos_ in {"VERB", "AUX"}):
        obj = according_to_object(head)
        if obj is None or obj.i < head.i or not sent.start <= obj.i < sent.end:
            continue
        rest = sent.doc[obj.right_edge.i + 1 : sent.end]
        if all(t.is_punct or t.is_space for t in rest):
            return name_for(unwrap_container(obj), mentions)
    return None


# ---------------------------------------------------------------- reporting clauses set off by commas

INSERT_MAX_WORDS = 8  # "a spokesperson for the Indian foreign ministry said"
TRAILING_MAX_WORDS = 5  # "said on Monday", "said in a statement"
INSERT_STOPS = {",", ".", ";", ":", ")", "!", "?"} | QUOTE_MARKS
NOT_A_SPEAKER = {"which", "who", "whom", "whose", "that", "where", "when", "while", "if", "because", "although",
                 "and", "but", "or", "it", "this", "there"}
LEADING_WORDS = {"as", "the", "a", "an"}
PERFECT_AUXILIARIES = {"has", "have", "had"}


def inserted_source(span: Span, mentions: MentionIndex) -> str | None:
    """A reporting clause set off by a comma after what it reports, read from the words since the parser often
    misreads it ('... from Chile, trade data show, but ...' with 'show' taken for a noun):
    ', officials said,' / ', South Korea's spy agency said on Monday.' / ', as the ministry put it,' is left to
    the parse; ', said Jane Roe, a senior analyst'. Evidence verbs ('show', 'suggest') need a source
    container with an owner ('trade data', 'an NDI poll')."""
    tokens = list(span)
    for n, comma in enumerate(tokens):
        if comma.text != "," or n < 3:  # something must have been reported before the comma
            continue
        rest = tokens[n + 1 :]
        while rest and rest[0].text in QUOTE_MARKS:  # '"... ," said X' / '"... ," X said'
            rest = rest[1:]
        found = postposed_speaker(rest, mentions) or inverted_speaker(rest, mentions)
        if found is not None:
            return found
    return None


def ends_insert(after: list[Token]) -> bool:
    """What follows the verb closes the insert: punctuation, the end, or a short adverbial ('on Monday')."""
    for count, token in enumerate(after):
        if token.text in INSERT_STOPS or token.is_space:
            return True
        if count >= TRAILING_MAX_WORDS or token.pos_ in {"VERB", "AUX"} or token.lower_ == "that":
            return False
    return True


def postposed_speaker(rest: list[Token], mentions: MentionIndex) -> str | None:
    """', NP said[ on Monday],' -> NP."""
    lexicon = reporting_lexicon()
    for k in range(1, min(len(rest), INSERT_MAX_WORDS + 1)):
        phrase, verb = rest[:k], rest[k]
        if any(t.lower_ in NOT_A_SPEAKER or t.text in INSERT_STOPS or t.is_space for t in phrase):
            return None
        if verb.dep_ == "relcl":  # ', a claim Moscow denies': the clause qualifies a noun, it reports nothing
            return None
        evidence = verb.lower_ in lexicon.evidence_forms
        if not (verb.lower_ in lexicon.verb_forms or evidence) or verb.ent_type_ or not ends_insert(rest[k + 1 :]):
            continue
        # the tagger may take an evidence verb after a container for a noun ('trade data show'); any other
        # reporting word must be a verb ('the United States' is not 'states')
        if verb.pos_ not in {"VERB", "AUX"} and not (evidence and phrase[-1].lower_ in lexicon.container_nouns):
            continue
        while phrase and phrase[-1].lower_ in PERFECT_AUXILIARIES:  # 'Moscow has said'
            phrase = phrase[:-1]
        if not phrase or any(t.tag_ == "MD" or t.dep_ == "neg" or t.lower_ == "not" for t in phrase):
            return None  # 'officials may say': nothing said yet
        if phrase[-1].pos_ not in {"NOUN", "PROPN", "PRON"}:
            continue
        if evidence and not (owned_container(phrase) or names_a_publisher(phrase)):
            continue
        return phrase_name(phrase, mentions)
    return None


def inverted_speaker(rest: list[Token], mentions: MentionIndex) -> str | None:
    """', said Jane Roe, a senior analyst ...' -> 'Jane Roe'."""
    verb = rest[0] if rest else None
    # a finite verb: ', unveiled in May 2022,' is a participle phrase, not a speaker
    if verb is None or len(rest) < 2 or verb.lower_ not in reporting_lexicon().verb_forms or verb.tag_ not in {
            "VBD", "VBZ", "VBP"}:
        return None
    phrase: list[Token] = []
    for token in rest[1 : INSERT_MAX_WORDS + 2]:
        if token.text in INSERT_STOPS or token.is_space:
            break
        phrase.append(token)
    else:
        if len(rest) > INSERT_MAX_WORDS + 1:
            return None
    if not phrase or phrase[0].lower_ in NOT_A_SPEAKER or phrase[0].pos_ == "ADP":
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in phrase):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN"} for t in phrase):
        return None
    return phrase_name(phrase, mentions)


def owned_container(phrase: list[Token]) -> bool:
    """'trade data', 'Chilean trade data', 'an NDI poll': a source container with a word naming its owner."""
    lexicon = reporting_lexicon()
    if phrase[-1].lower_ not in lexicon.container_nouns:
        return False
    modifiers = [t for t in phrase[:-1] if t.lower_ not in LEADING_WORDS and t.lower_ not in
                 lexicon.generic_container_modifiers]
    return any(t.pos_ in {"NOUN", "PROPN"} or t.ent_type_ in {"NORP", "ORG", "GPE"} for t in modifiers)


def names_a_publisher(phrase: list[Token]) -> bool:
    """', the Federal Gazette shows.': a named organisation or publication, not a country ('Russia shows')."""
    return any(t.ent_type_ in {"ORG", "WORK_OF_ART"} for t in phrase)


def phrase_name(phrase: list[Token], mentions: MentionIndex) -> str | None:
    """The name of a speaker given as a run of words: a person named in it, a pronoun resolved, a generic
    mention as its actor's canonical name, else the words without a leading article."""
    while phrase and phrase[0].lower_ in LEADING_WORDS:
        phrase = phrase[1:]
    if not phrase:
        return None
    if len(phrase) == 1 and phrase[0].pos_ == "PRON":
        return name_for(phrase[0], mentions)
    doc = phrase[0].doc
    text = doc_text(doc)
    lo, hi = phrase[0].idx, phrase[-1].idx + len(phrase[-1])
    people = [(e.start_char, e.end_char) for e in entities_of(doc).inside(lo, hi) if e.label_ in PERSON_LABELS
              and not named_non_person(e, mentions) and not possessive_at(text, e.end_char)]
    people += [(s, e) for s, e, _a in mentions.people_inside(lo, hi) if not possessive_at(text, e)]
    if people:
        start, end = widened(*max(people, key=lambda p: (p[1], p[1] - p[0])), mentions)
        return clean_name(text[start:end])
    actor = mentions.covering(lo, hi)
    if actor is not None and actor.kind != "person" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in phrase):
        return actor.name
    return clean_name(text[lo:hi]) or None


# ---------------------------------------------------------------- reports appended after a comma

APPENDED_OPENERS = {"which", "whose"}
APPENDED_AUXILIARIES = {"has", "have", "had", "also", "now", "still", "itself", "themselves", "publicly", "already"}
APPENDED_CONTENT_PREPOSITIONS = {"of", "at"}  # 'accuse of looting', 'valued at $2 billion'
APPENDED_MAX_WORDS = 8  # 'which the national audit office's regional branch estimates'


@dataclass(frozen=True)
class AppendedReport:
    first: Token  # the opener ('which', 'whose', 'a' of 'a claim ...'): the report's clause starts here
    verb: Token  # the reporting word, which the parser often takes for a noun ('the bank estimates')
    speaker: Token  # the last word of who reports it
    apposed: bool  # 'a charge the ministry disputes': a stance on the sentence, which keeps its own speaker


def appended_report(span: Span) -> AppendedReport | None:
    """'..., which the central bank estimates rose by $2 billion', '..., whose output it says has tripled', '...,
    a charge the ministry disputes': a clause after a comma, opened by a relative word or by a noun for what was
    said, whose reporting word has a speaker of its own between the opener and it. Read on words, not on the parse: the
    parser often takes such a verb for a noun. A relative clause counts only when the report has content after
    its verb, a verb or an 'of'/'at' phrase ('which the ministry confirmed on Tuesday' reports the whole
    sentence, not a part of it)."""
    lexicon = reporting_lexicon()
    # not naming verbs: 'which Ankara sees as a provocation' is what the thing is to Ankara, in the sentence's claim
    reporting = lexicon.verb_forms | lexicon.complement_forms | lexicon.stance_forms | lexicon.valuation_forms
    doc = span.doc
    for comma in (t for t in span if t.text == "," and span.start < t.i < span.end - 2):
        opener = doc[comma.i + 1]
        apposed = (opener.lower_ in {"a", "an"} and opener.i + 1 < span.end
                   and doc[opener.i + 1].lower_ in lexicon.claim_nouns)
        if opener.lower_ not in APPENDED_OPENERS and not apposed:
            continue
        body = opener.i + (2 if apposed else 1)
        limit = min(span.end, body + APPENDED_MAX_WORDS + 1)
        # a word of a name or noun phrase is no report ('whose seat on the rules committee'), whatever its spelling
        verb = next((t for t in doc[body:limit] if (t.lower_ in reporting and t.dep_ not in {"compound", "amod"})
                     or t.text == ","), None)
        if verb is None or verb.text == ",":
            continue
        last = verb.i - 1
        while last >= body and doc[last].lower_ in APPENDED_AUXILIARIES:
            last -= 1
        if last < body:
            continue  # 'which said ...': the relative word is the speaker, the antecedent's report
        speaker = doc[last]
        can_report = (speaker.lower_ in {"it", "they", "he", "she"} or speaker.pos_ == "PROPN" or speaker.ent_type_
                      or speaker.lower_ in lexicon.speaker_nouns or speaker.lower_ in lexicon.person_nouns)
        if not can_report or (opener.lower_ == "whose" and speaker.pos_ not in {"PROPN", "PRON"}
                              and not speaker.ent_type_):
            continue  # after 'whose' its own noun comes first ('whose value the bank put'): only a name or pronoun
        after = [t for t in doc[verb.i + 1 : span.end] if not (t.is_punct or t.is_space)]
        content = bool(after) and (after[0].lower_ in APPENDED_CONTENT_PREPOSITIONS
                                   or any(t.pos_ in {"VERB", "AUX"} for t in after))
        if not apposed and not content:
            continue  # 'which the ministry confirmed on Tuesday': the whole sentence is the ministry's word
        return AppendedReport(opener, verb, speaker, apposed)
    return closing_who_report(span)


def closing_who_report(span: Span) -> AppendedReport | None:
    """'..., the defence minister, Ana Roe, who told reporters that ...': a relative clause closing the
    sentence whose 'who' reports a clause is the report of the one 'who' stands for."""
    last = max((t.i for t in span if not t.is_punct and not t.is_space), default=span.end - 1)
    for verb in span:
        if verb.dep_ != "relcl" or verb.right_edge.i < last or verb.head.pos_ not in {"PROPN", "NOUN"}:
            continue
        who = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "who"), None)
        if (who is None or who.i != verb.left_edge.i or not span.start < who.i or not is_reporting_verb(verb)
                or not takes_clause(verb) or unreal(verb)):
            continue
        return AppendedReport(who, verb, verb.head, False)
    return None


def appended_speaker_name(report: AppendedReport, mentions: MentionIndex) -> str | None:
    """Who an appended report is by: its named or nominal speaker, or, for 'it'/'they', the subject of the
    clause before the comma that agrees in number ('Hanoi opened a rail link, whose freight it says has tripled'
    -> Hanoi), never a noun of the relative clause itself."""
    speaker = report.speaker
    if speaker.lower_ in {"it", "they"}:
        doc = speaker.doc
        earlier = [t for t in doc[speaker.sent.start : report.first.i] if t.dep_ in {"nsubj", "nsubjpass"}
                   and t.pos_ in {"NOUN", "PROPN"}]
        for subject in reversed(earlier):
            plural = subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subject.children)
            if plural == (speaker.lower_ == "they"):
                return name_for(subject, mentions)
        return None
    return name_for(speaker, mentions)
