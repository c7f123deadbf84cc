"""The roles stage: the title the text gives each person, mention by mention ("Australian Prime Minister Anthony
Albanese" -> "Prime Minister of Australia"): title words before the name, an apposition before or after it, a verb
that gives it ("took office as"), a byline, or a plural title shared out over two countries and two names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from extractors.actors.gazetteer import Lexicon
from extractors.actors.identity import People, find_person
from extractors.actors.names import cue, doc_span
from extractors.actors.records import Byline, Hit, Person
from extractors.common import alternation
from extractors.nlp import doc_text
from extractors.positions import Intervals

DISTRIBUTED_RE = re.compile(
    r"(?P<title>[A-Za-z-]+(?: [A-Za-z-]+){0,2}) (?:of|for) (?:the )?(?P<first>[A-Z][\w .'’-]{1,40}?) and "
    r"(?:the )?(?P<second>[A-Z][\w .'’-]{1,40}?),\s*$"
)


WHEN_AFTER_ROLE_RE = re.compile(
    r"\s+(?:(?:in|on|since|until|from|by)\s+(?:early\s+|late\s+|mid-)?(?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December|\d)|(?:last|this|earlier|later|next)\s+(?:year|month|week))")


@cache
def nickname_re() -> re.Pattern[str]:
    """'José Adolfo Macías, alias "Fito", the leader of ...': a nickname between a name and its role."""
    return re.compile(rf"\s*(?:{alternation(cue('nickname_cues'))})\s+[\"“'‘][^\"”'’]{{1,40}}[\"”'’],")


@cache
def role_verb_re() -> re.Pattern[str]:
    """'The admiral took office as Chile's defence minister': a role the sentence gives after a verb."""
    return re.compile(r"^\s*(?:,\s*who\s+)?(?:has\s+|had\s+)?(?:" + alternation(cue("role_verb_phrases"))
                      + r")\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:\n]{3,80})")


@cache
def office_verb_re() -> re.Pattern[str]:
    """'Ada Grey, who heads the Alder Trust,': a post the clause gives by a verb, over a named body."""
    verbs = alternation(list(cue("role_office_verbs")))
    return re.compile(r"^\s*,\s*who\s+(?:now\s+|also\s+|currently\s+)?(?P<verb>" + verbs
                      + r")\s+(?P<body>(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:of|for|and|on|the|[A-Z][\w'’&-]*))*)")


@dataclass(slots=True)
class RoleContext:
    lex: Lexicon
    doc: Doc
    hits_by_start: dict[int, Hit]
    person_tokens: set[int]  # token indices inside any person mention
    text: str = ""  # doc.text, kept once: spaCy rebuilds it on every access
    # hits_by_start's hits and their positions, built on first use (the dict does not change)
    _hit_list: list[Hit] = field(default_factory=list, repr=False, compare=False)
    _hit_positions: Intervals | None = field(default=None, repr=False, compare=False)

    def hits_inside(self, start: int, end: int) -> list[Hit]:
        """The hits wholly inside [start, end), in hits_by_start's order."""
        if self._hit_positions is None:
            self._hit_list = list(self.hits_by_start.values())
            self._hit_positions = Intervals([(h.start, h.end) for h in self._hit_list])
        return [self._hit_list[i] for i in self._hit_positions.inside(start, end)]

    @property
    def heads(self) -> list[str]:
        return self.lex.cues["title_heads"]

    def has_title(self, phrase: str) -> bool:
        low = " " + re.sub(r"[^\w\s-]", " ", phrase.lower()) + " "
        return any(f" {h} " in low for h in self.heads)

    def title_word(self, low: str) -> bool:
        return low in self.lex.cue_set("title_words") or low in self.lex.single_word_titles()

    def possessive(self, token: Token) -> bool:
        return token.text in self.lex.cue_set("possessive_marks")


def country_inside(phrase_start: int, phrase_end: int, ctx: RoleContext) -> Hit | None:
    return next((hit for hit in ctx.hits_inside(phrase_start, phrase_end) if hit.term and hit.term.kind == "country"),
                None)


def describe_role(phrase_start: int, phrase_end: int, ctx: RoleContext) -> str | None:
    """'Australian Prime Minister' -> 'Prime Minister of Australia'; 'NATO Secretary-General' stays as written."""
    text = ctx.text[phrase_start:phrase_end].rstrip(" ,")
    # "of former Governor" (the scan ran past "the government of"): connectors and articles are not the title
    lead = re.match(r"(?:(?:then|the|a|an|his|her|their|its|our|of|for|to)\s+)+", text, re.IGNORECASE)
    if lead:
        phrase_start += lead.end()
        text = text[lead.end():]
    text = text.strip(" ,")
    prefix_said = ""
    for prefix, replacement in ctx.lex.cues["role_prefixes"].items():
        if text.lower().startswith(prefix):  # "then-Governor" -> "Governor", "ex-Governor" -> "former Governor"
            phrase_start += len(prefix)
            text, prefix_said = text[len(prefix):], replacement
            break
    if not text or not ctx.has_title(text):
        return None
    country = country_inside(phrase_start, phrase_end, ctx)
    if country is None:
        return re.sub(r"\s+", " ", prefix_said + text)
    before = ctx.text[phrase_start:country.start].strip()
    after = ctx.text[country.end:phrase_end].strip()
    after = re.sub(r"^['’]s?\s*", "", after)
    if not after or not ctx.has_title(after):
        return re.sub(r"\s+", " ", prefix_said + text)
    prefix = (before.lower() + " ") if before and before.lower() not in {"the", "a", "an"} else ""
    name = ctx.lex.country_names.get(country.term.iso3 or "", country.text)
    return re.sub(r"\s+", " ", f"{prefix_said}{prefix}{after} of {name}")


def proper_word(token: Token) -> bool:
    """A capitalised word that can belong to a title; 'US' is one although spaCy lists 'us' as a stop word."""
    # "MI6", "G7": a name with a digit in it is still a proper word of the title's body
    if not ((token.is_alpha or token.text.isalnum()) and token.text[:1].isupper()):
        return False
    return not token.is_stop or (len(token.text) >= 2 and token.text.isupper())


def role_before(span: Span, ctx: RoleContext) -> tuple[str | None, bool]:
    """Title words right before the name ('NATO Secretary-General Jens Stoltenberg'); also says whether an 'and'
    stopped the scan, so a bare 'Defence Minister' can take the country of the person before it."""
    doc = ctx.doc
    i = span.start - 1
    first = None
    stopped_by_and = False
    while i >= span.sent.start:
        token = doc[i]
        low = token.lower_
        if i in ctx.person_tokens:
            break
        if ctx.possessive(token) or token.text == "-":
            first = i
        elif ctx.title_word(low) and low not in {"and", "the", "of", "for"}:
            first = i
        elif low in {"of", "for"} and first is not None:
            first = i
        elif proper_word(token):
            first = i
        else:
            stopped_by_and = low == "and"
            break
        i -= 1
    if first is None:
        return rank_abbreviations_before(span, ctx), False
    role = describe_role(doc[first].idx, span.start_char, ctx) or singular_title(doc[first].idx, span.start_char, ctx)
    return role, stopped_by_and


def rank_abbreviations_before(span: Span, ctx: RoleContext) -> str | None:
    """'Col. Ada Grey' -> 'Colonel': abbreviated ranks right before the name, spelled out."""
    ranks = ctx.lex.cues["rank_abbreviations"]
    found = []
    i = span.start - 1
    while i >= span.sent.start:
        low = ctx.doc[i].lower_
        if low == "." and i > span.sent.start and ctx.doc[i - 1].lower_ in ranks:
            i -= 1  # "Lt" "." as spaCy splits it
            low = ctx.doc[i].lower_
        if low not in ranks:
            break
        found.insert(0, ranks[low])
        i -= 1
    return " ".join(found) or None


def singular_title(start: int, end: int, ctx: RoleContext) -> str | None:
    """'Presidents Ada Grey and Tom Bell': a plural title before two names is each one's title, in the singular."""
    text = ctx.text[start:end].rstrip()
    if not text.endswith("s") or text.endswith("ss"):
        return None
    return describe_role(start, start + len(text) - 1, ctx)


def shared_plural_title(span: Span, ctx: RoleContext) -> str | None:
    """The second name of 'Presidents Ada Grey and Tom Bell' takes the plural title before the first."""
    doc = ctx.doc
    conj = span.start - 1
    if conj <= span.sent.start or doc[conj].lower_ != "and":
        return None
    k = conj - 1
    while k >= span.sent.start and k in ctx.person_tokens:
        k -= 1
    if k == conj - 1 or k < span.sent.start or not doc[k].text.endswith("s"):
        return None
    role, _ = role_before(doc[k + 1:conj], ctx)
    if role is None or not doc[k].lower_ == role.split()[-1].lower() + "s":
        return None
    return role


def noun_modifier_of_title(token: Token, first: int, end: int) -> bool:
    """A common noun or adjective that modifies a word of the title phrase [first, end) ('council' in 'council
    chair', 'national' in "the national bank's governor": the body whose title it is)."""
    # spaCy may tag a lower-case 'national' as a proper noun; in lower case it still only describes the body
    return (token.is_alpha and token.dep_ in {"compound", "amod"}
            and (token.pos_ in {"NOUN", "ADJ"} or token.is_lower) and first <= token.head.i < end)


def apposition_start(span: Span, ctx: RoleContext) -> tuple[int | None, int, int | None]:
    """Scanning back from the comma before the name: the first token of the title phrase (None: none), the
    token where the scan stopped, and the title's first token as it stood at the last 'the' the scan read on past
    (None: none), for when the words before that 'the' turn out not to belong to the title."""
    doc = ctx.doc
    determiners = ctx.lex.cue_set("determiners")
    i = span.start - 2
    first = None
    before_the = None
    while i >= span.sent.start and span.start - 2 - i < 14:
        token = doc[i]
        low = token.lower_
        if ctx.possessive(token) or token.text == "-" or low in {"and", "of", "for", "to"}:
            pass
        elif low in {"at", "in"} and first is not None:
            pass  # "a senior fellow at Chatham House", "commander-in-chief"
        elif low == "the" and i > span.sent.start and doc[i - 1].lower_ in {"of", "for", "to", "on", "at", "in"}:
            before_the = first  # "ambassador to the OSCE", "Special Envoy for the Great Lakes"
        elif low in determiners:
            break
        elif ctx.title_word(low) or proper_word(token):
            first = i
        elif token.is_alpha and i + 1 < span.start and ctx.possessive(doc[i + 1]) and first is not None:
            first = i  # "the board's chair, Ada Grey": the body whose title it is
        elif first is not None and noun_modifier_of_title(token, first, span.start - 1):
            first = i  # "the council chair, Ada Grey": a noun naming the body the title belongs to
        else:
            break
        i -= 1
    return first, i, before_the


def role_apposition_before(span: Span, ctx: RoleContext) -> str | None:
    """"Australia's Minister for Defence Industry and Capability Delivery, Pat Conroy, announced", "met his Omani
    counterpart, Badr Albusaidi," and "Russia's ambassador to the UN, Vassily Nebenzia,"."""
    doc = ctx.doc
    if span.start - 1 < span.sent.start or doc[span.start - 1].text != ",":
        return None
    first, i, before_the = apposition_start(span, ctx)
    boundary = (i < span.sent.start or doc[i].text in {",", ";", ":"}
                or doc[i].lower_ in ctx.lex.cue_set("determiners"))
    if not boundary:  # "in the opinion of the national bank's governor, Ada Grey,": the title starts after the 'the'
        first = before_the
    if first is None:
        return None
    return describe_role(doc[first].idx, doc[span.start - 1].idx, ctx)


def role_apposition_after(span: Span, ctx: RoleContext) -> str | None:
    """'Jens Stoltenberg, NATO's Secretary General, said', 'Rafael Grossi, the agency's Director General, told',
    'Marko Petrić, the former vice-president of Nova Stranka who admitted'."""
    doc = ctx.doc
    if span.end >= span.sent.end or doc[span.end].text != ",":
        return None
    j = span.end + 1
    # 'José Adolfo Macías, alias "Fito", the leader of ...': a nickname in between is not the role
    nickname = nickname_re().match(ctx.text, doc[j].idx - 1)
    if nickname is not None:
        end_char = nickname.end()
        while j < span.sent.end and doc[j].idx < end_char:
            j += 1
    start = j
    last = None
    while j < span.sent.end and j - span.end <= 12:
        token = doc[j]
        if token.text in {",", ".", ";", ":", "(", ")"} or token.lower_ in {"who", "which", "whose"}:
            break
        if last is not None and token.lower_ in {"since", "until", "from"}:
            break  # "Ethiopia's prime minister since 2018": when, not what
        if not (token.is_alpha or ctx.possessive(token) or token.text == "-"):
            return None
        if token.pos_ in {"VERB", "AUX"} and not ctx.title_word(token.lower_):
            return None
        last = j
        j += 1
    if last is None or j >= span.sent.end:
        return None
    return describe_role(doc[start].idx, doc[last].idx + len(doc[last].text), ctx)


def role_after_verb(span: Span, ctx: RoleContext) -> str | None:
    """'The admiral took office as Chile's defence minister'."""
    rest = ctx.text[span.end_char:span.sent.end_char]
    m = role_verb_re().match(rest)
    if m is None:
        return None
    start = span.end_char + m.start("role")
    role = m.group("role").rstrip()
    when = WHEN_AFTER_ROLE_RE.search(role)  # "was appointed defence minister in March": the title ends before 'in'
    return describe_role(start, start + (when.start() if when else len(role)), ctx)


def role_by_office_verb(span: Span, ctx: RoleContext) -> str | None:
    """'Ada Grey, who heads the Alder Trust,' -> 'head of the Alder Trust'."""
    m = office_verb_re().match(ctx.text[span.end_char:span.sent.end_char])
    if m is None:
        return None
    body = re.sub(r"\s+(?:of|for|and|on|the)$", "", m.group("body").strip())
    return f"{cue('role_office_verbs')[m.group('verb')]} of {body}"


def distributed_roles(persons: list[Person], hits: list[Hit], ctx: RoleContext) -> list[tuple[Person, int, str]]:
    """'the trade ministers of Chile and Peru, Ana Ruiz and Luis Soto': a plural title over
    two countries, then two names in the same order - each name takes the title of its own country."""
    countries = {h.text: h for h in hits if h.term is not None and h.term.kind == "country"}
    # Sorted by position only: two people may share one mention ("Lopez" for two Lopezes), and persons do not order.
    mentions = sorted(((h.start, h.end, p) for p in persons for h in p.mentions if h.start >= 0),
                      key=lambda m: (m[0], m[1]))
    found = []
    for (start1, end1, first), (start2, _end2, second) in zip(mentions, mentions[1:], strict=False):
        if first is second or not re.fullmatch(r",?\s+and\s+", ctx.text[end1:start2]):
            continue
        m = DISTRIBUTED_RE.search(ctx.text[max(0, start1 - 160):start1])
        if m is None or m.group("first") not in countries or m.group("second") not in countries:
            continue
        title = re.sub(r"^(?:the|their|two|both)\s+", "", m.group("title"), flags=re.IGNORECASE)
        plural = title.split()[-1]
        if not plural.endswith("s") or not ctx.has_title(title[:-1]):
            continue
        title = title[:-1]
        for start, person, place in ((start1, first, m.group("first")), (start2, second, m.group("second"))):
            term = countries[place].term
            name = ctx.lex.country_names.get(term.iso3 or "", place) if term is not None else place
            found.append((person, start, f"{title} of {name}"))
    return found


# ---------------------------------------------------------------- the stage


def person_token_indices(doc: Doc, persons: list[Person]) -> set[int]:
    tokens: set[int] = set()
    for person in persons:
        for hit in person.mentions:
            span = doc_span(doc, hit.start, hit.end) if hit.start >= 0 else None
            if span is not None:
                tokens.update(range(span.start, span.end))
    return tokens


def mention_role(hit: Hit, ctx: RoleContext) -> tuple[str | None, int | None]:
    """The role one mention gives its person, and (when a bare title stopped at an 'and') the token the title
    starts at, so it may take the country of the person named before."""
    doc = ctx.doc
    span = doc_span(doc, hit.start, hit.end)
    if span is None:
        return None, None
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ctx.lex.cue_set("honorifics") and before not in ctx.lex.cues["rank_abbreviations"]:
        span = doc[span.start - 1:span.end]  # "the board's chair, Dame Ada Grey": look past "Dame"
    role, after_and = role_before(span, ctx)
    if role is not None and " " not in role and span.start > 0 and doc[span.start - 1].lower_ == role.lower():
        # "Iran's supreme leader, Ayatollah Ali Khamenei," and "Colonel Ada Grey, the leader of the junta,": a rank
        # or honorific alone says less than the post the apposition around it gives; keep both
        post = role_apposition_before(doc[span.start - 1:span.end], ctx) or role_apposition_after(span, ctx)
        role = f"{role}, {post}" if post else role
    role = role or role_apposition_before(span, ctx) or role_apposition_after(span, ctx)
    role = role or role_after_verb(span, ctx) or role_by_office_verb(span, ctx) or shared_plural_title(span, ctx)
    inherits = span.start if role and after_and and " of " not in role else None
    return role, inherits


def inherited_country(person: Person, token_start: int, persons: list[Person], ctx: RoleContext) -> str | None:
    """'Radosław Sikorski, foreign minister of Poland, and Defence Minister ...': the country of the role of the
    person named right before the 'and'."""
    doc = ctx.doc
    j = token_start - 1
    while j >= 0 and doc[j].lower_ != "and":
        j -= 1
    previous = next((p for p in persons if p is not person and any(
        h.end <= doc[j].idx and h.end >= doc[j].idx - 2 for h in p.mentions)), None)
    if previous is None:
        return None
    return next((r.split(" of ", 1)[1] for _, r in sorted(previous.roles) if " of " in r
                 and r.split(" of ", 1)[1] in ctx.lex.country_names.values()), None)


def assign_roles(doc: Doc, hits: list[Hit], persons: list[Person], bylines: list[Byline], lex: Lexicon
                 ) -> list[Person]:
    """The people with the roles the text gives them (new Person records; the ones given are left as they are)."""
    persons = People(Person(p.name, list(p.mentions), list(p.roles)) for p in persons)
    ctx = RoleContext(lex, doc, {h.start: h for h in hits}, person_token_indices(doc, persons), doc_text(doc))
    for byline in bylines:
        person = find_person(persons, byline.name)
        if person is not None:
            person.roles.append((byline.start, re.sub(r"\s+", " ", byline.role)))
    inherit: list[tuple[Person, int, int]] = []  # person whose bare title may take the country of the one before
    for person in persons:
        for hit in person.mentions:
            role, token_start = mention_role(hit, ctx) if hit.start >= 0 else (None, None)
            if role:
                person.roles.append((hit.start, role))
            if token_start is not None:
                inherit.append((person, hit.start, token_start))
    for person, start, role in distributed_roles(persons, hits, ctx):
        person.roles.append((start, role))
    for person, start, token_start in inherit:
        country = inherited_country(person, token_start, persons, ctx)
        if country:
            person.roles = [(s, f"{r} of {country}" if s == start else r) for s, r in person.roles]
    return persons
