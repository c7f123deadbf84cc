"""Actors: countries, organisations, groups, people (with roles) and places, normalised to stable ids.

Two sources feed the layer. A gazetteer kept as data (extractors/data/: countries with demonyms and capitals on top of
pycountry's ISO list, places, organisations and groups) is matched token by token over the whole text, so it also
finds country names glued to table numbers. spaCy's entities add people and organisations the gazetteer does not
know, after filters that keep out what en_core_web_sm mislabels (weapons, documents, events, regions, footnote marks).
People get the role the text gives them ("Australian Prime Minister Anthony Albanese" -> "Prime Minister of
Australia"); surname-only mentions and spelling variants (Zelenski/Zelensky) are merged into the full name.
The text's own cues come last: an acronym it defines in brackets is that name's alias (over the gazetteer's reading
of it), a name after "the firm"/"news agency" or acting as a subject is an organisation, and a demonym before a
ministry, navy or coast guard names a state body.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from spacy.tokens import Doc, Span

from extractors.records import Actor, ArticleContext, Mention

DATA_DIR = Path(__file__).resolve().parent / "data"
# Letter runs, digit runs and single punctuation marks: "Australia0.00" splits into "Australia", "0", ".", "00".
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
# ISO 3166-1 entries that are not places anyone governs from a capital; they are never country actors.
NOT_COUNTRIES = {"ATA", "UMI", "BVT", "HMD", "ATF", "IOT", "SGS"}
POSSESSIVE = {"'s", "’s", "'", "’"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "whose"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss"}
FUZZY_SURNAME = 0.8  # SequenceMatcher ratio above which two surnames are spellings of one name (Umerov/Umierov)


@lru_cache(maxsize=1)
def load_cues() -> dict:
    return json.loads((DATA_DIR / "actor_cues.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable, stable id part: accents dropped, letters NFKD cannot split spelled out (Støre -> store)."""
    if text.isascii():
        ascii_text = text
    else:
        letters = load_cues()["ascii_letters"]
        spelled = "".join(letters.get(c, c) for c in text)
        ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def norm_token(token: str) -> str:
    """Quotes and dashes unified, accents folded: 'Perú' in a table is Peru."""
    token = token.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    if token.isascii():
        return token
    folded = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    return folded if folded.isalpha() == token.isalpha() else token


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), norm_token(m.group())) for m in TOKEN_RE.finditer(text)]


@dataclass(frozen=True, slots=True)
class Term:
    """What one gazetteer alias stands for."""

    actor_id: str
    name: str
    kind: str  # country | organization | group | location
    category: str  # country | demonym | capital | place | org | ambiguous
    iso3: str | None = None
    members: tuple[str, ...] = ()
    weak: bool = False  # counts only where `requires` is named elsewhere in the document
    requires: str | None = None
    candidates: tuple[str, ...] = ()  # ambiguous terms: the countries it may mean


@dataclass(slots=True)
class Lexicon:
    terms: dict[tuple[str, ...], Term]
    max_len: int
    country_names: dict[str, str]  # iso3 -> canonical name
    cues: dict[str, list[str]]
    # first token of an alias -> the token lengths of its aliases, longest first: the match loop tries only these
    lengths_by_first: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def cue_set(self, name: str) -> set[str]:
        return set(self.cues.get(name, []))


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def alias_variants(alias: str) -> list[str]:
    """An alias as written, plus its sentence-initial form when it starts with 'the'."""
    variants = [alias]
    if alias.startswith("the "):
        variants.append("The " + alias[4:])
    return variants


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    terms: dict[tuple[str, ...], Term] = {}

    def add(alias: str, term: Term) -> None:
        for variant in alias_variants(alias):
            key = tuple(t for _, _, t in tokenize(variant))
            if key:
                terms[key] = term

    country_rows = []
    with (DATA_DIR / "countries.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        country_rows.append(row)
    listed = {row["iso3"] for row in country_rows}
    country_names: dict[str, str] = {}

    # Lowest precedence first: territories from pycountry, then organisations, places, and the listed states last.
    for country in pycountry.countries:
        if country.alpha_3 in listed or country.alpha_3 in NOT_COUNTRIES:
            continue
        name = getattr(country, "common_name", None) or country.name
        country_names[country.alpha_3] = name
        term = Term(f"country:{country.alpha_3}", name, "country", "country", iso3=country.alpha_3)
        for alias in {country.name, name, getattr(country, "official_name", None)}:
            if alias and "," not in alias and "(" not in alias:
                add(alias, term)

    organizations = json.loads((DATA_DIR / "organizations.json").read_text(encoding="utf-8"))["entries"]
    for entry in organizations:
        kind = entry["kind"]
        actor_id = f"{kind}:{entry['id']}"
        members = tuple(f"country:{iso3}" for iso3 in entry.get("members", []))
        strong = Term(actor_id, entry["name"], kind, "org", members=members, requires=entry.get("requires"))
        for alias in entry["aliases"]:
            add(alias, strong)
        weak = Term(actor_id, entry["name"], kind, "org", members=members, weak=True,
                    requires=entry.get("requires", actor_id))
        for alias in entry.get("weak_aliases", []):
            add(alias, weak)

    with (DATA_DIR / "places.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        term = Term(f"location:{slug(row['name'])}", row["name"], "location", "place")
        for alias in [row["name"], *split_cell(row.get("aliases") or "")]:
            add(alias, term)

    for row in country_rows:
        iso3, name = row["iso3"], row["name"]
        country_names[iso3] = name
        term = Term(f"country:{iso3}", name, "country", "country", iso3=iso3)
        names = [name, *split_cell(row["aliases"] or "")]
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            names += [n for n in (record.name, getattr(record, "official_name", None),
                                  getattr(record, "common_name", None)) if n and "," not in n]
        for alias in names:
            add(alias, term)
        for demonym in split_cell(row["demonyms"] or ""):
            add(demonym, Term(f"country:{iso3}", name, "country", "demonym", iso3=iso3))
        for capital in split_cell(row["capitals"] or ""):
            add(capital, Term(f"location:{slug(capital)}", capital, "location", "capital", iso3=iso3))

    cues = load_cues()
    for word, isos in cues.get("ambiguous_country_terms", {}).items():
        add(word, Term(f"location:{slug(word)}", word, "location", "ambiguous",
                       candidates=tuple(f"country:{i}" for i in isos)))
    lengths: dict[str, set[int]] = {}
    for key in terms:
        lengths.setdefault(key[0], set()).add(len(key))
    lengths_by_first = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
    return Lexicon(terms=terms, max_len=max(len(k) for k in terms), country_names=country_names, cues=cues,
                   lengths_by_first=lengths_by_first)


@dataclass(slots=True)
class Hit:
    """One span the layer will report: which actor, where, and how it was found."""

    actor_id: str
    start: int
    end: int
    text: str
    term: Term | None = None
    source: str = "gazetteer"  # gazetteer | spacy | pattern


def gazetteer_hits(text: str, lex: Lexicon) -> list[Hit]:
    """Longest alias match at each position, left to right, never across a line break."""
    tokens = tokenize(text)
    currency_marks = lex.cue_set("currency_marks")
    hits: list[Hit] = []
    i = 0
    token_texts = [t for _, _, t in tokens]
    while i < len(tokens):
        matched = 0
        for n in lex.lengths_by_first.get(token_texts[i], ()):
            if n > len(tokens) - i:
                continue
            key = tuple(token_texts[i:i + n])
            term = lex.terms.get(key)
            if term is None:
                continue
            start, end = tokens[i][0], tokens[i + n - 1][1]
            gap_ok = all(len(text[tokens[j][1]:tokens[j + 1][0]]) <= 1 for j in range(i, i + n - 1))
            if "\n" in text[start:end] or not gap_ok:
                continue
            if term.weak and i > 0 and tokens[i - 1][2][:1].isupper() and tokens[i - 1][2] != "The":
                continue  # "Global Alliance" is not "the Alliance"
            if term.kind == "country" and text[end:end + 1] in currency_marks:
                matched = n
                break  # "US$39 billion", "NZ$", "HK$": a currency, not a mention of the state
            hits.append(Hit(term.actor_id, start, end, text[start:end], term))
            if term.category == "org":
                hits += nested_country_names(tokens[i:i + n], text, lex)
            matched = n
            break
        i += matched or 1
    return hits


def nested_country_names(tokens: list[tuple[int, int, str]], text: str, lex: Lexicon) -> list[Hit]:
    """A state named inside an organisation's name is named ("China Coast Guard", "NATO-Ukraine Council")."""
    found = []
    i = 0
    while i < len(tokens):
        step = 1
        for n in range(len(tokens) - i, 0, -1):
            term = lex.terms.get(tuple(t for _, _, t in tokens[i:i + n]))
            if term is not None and term.category == "country" and n < len(tokens):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                found.append(Hit(term.actor_id, start, end, text[start:end], term))
                step = n
                break
        i += step
    return found


def doc_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def capital_used_for_state(doc: Doc, hit: Hit) -> bool:
    """'Tokyo and Canberra have wrapped up', "Beijing's claims": subject or possessor, not a place of events."""
    span = doc_span(doc, hit.start, hit.end)
    if span is None:
        return False
    root = span.root
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == ",":
        following = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if following is None or following.ent_type_ in {"GPE", "LOC"} or following.dep_ == "appos":
            return False  # "Vilnius, Lithuania": a place named with its country
        # "Washington, which had troops there, said ...": a relative clause does not make it a place
    if after is not None and after.text in POSSESSIVE:
        return True
    if root.dep_ in SUBJECT_DEPS:
        return True
    return root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS and root.head.ent_type_ == "GPE"


# ---------------------------------------------------------------- spaCy entities: cleaning and filters

CLEAN_CUT = re.compile(r"\n|\(|\[|https?://|www\.")


def clean_entity(text: str, start: int) -> tuple[str, int, int] | None:
    """Drop what spaCy glues to a name: line breaks, brackets, URLs, quotes, 'the', a possessive."""
    cut = CLEAN_CUT.search(text)
    if cut:
        text = text[:cut.start()]
    lead = len(text) - len(text.lstrip(" \"“”‘’'"))
    text = text[lead:]
    start += lead
    # "the", and the possessive pronouns spaCy keeps ("Its Ministry of Transport"); a capitalised "Our" may be a name.
    lead_word = re.match(r"(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|our|[Tt]his|[Tt]hese|[Tt]hose|[Ww]hose) ", text)
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
    suffixes = set(load_cues()["name_suffixes"])
    tokens = words(name)
    while len(tokens) > 1 and tokens[-1].rstrip(",") in suffixes:
        tokens = tokens[:-1]
    return tokens


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z&]{1,7}", text))


@dataclass(slots=True)
class Person:
    name: str
    mentions: list[Hit] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)  # (position in text, role)

    @property
    def surname(self) -> str:
        return name_words(self.name)[-1]


def person_name_ok(text: str, lex: Lexicon, lowercase_vocab: set[str]) -> bool:
    tokens = words(text)
    particles = lex.cue_set("name_particles")
    blockers = lex.cue_set("person_blockers") | lex.cue_set("non_actor_words")
    if not 1 <= len(tokens) <= 5:
        return False
    for token in tokens:
        if any(c.isdigit() for c in token) or token.lower().strip(".,") in blockers:
            return False
        # "al-Hakim", "el-Baz": a lower-case particle glued to a capitalised name is part of it
        glued = token.split("-", 1)
        if not (token[:1].isupper() or token.lower() in particles
                or len(glued) == 2 and glued[0].lower() in particles and glued[1][:1].isupper()):
            return False
    if len(tokens) == 1 and is_acronym(tokens[0]):
        return False
    if all(t.isupper() and len(t) > 1 for t in tokens):
        return False
    # A name is not a run of ordinary words that the same article also writes in lower case.
    return not all(t.lower() in lowercase_vocab for t in tokens)


def names_after_titles(doc: Doc, hits: list[Hit], lex: Lexicon,
                       known: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'Transport Minister Ana Ruiz attended': a name right after a capitalised title that spaCy missed, or of
    which spaCy saw only the surname (a known span inside the name does not block it)."""
    text = doc.text
    heads = {h for h in lex.cues["title_heads"] if " " not in h}
    stop = heads | lex.cue_set("title_words") | lex.cue_set("org_heads") | lex.cue_set("person_blockers")
    taken = [(h.start, h.end) for h in hits]
    known_spans = [(s, e) for _, s, e in known]
    found = []
    for token in doc:
        if not (token.text[:1].isupper() and token.lower_.split("-")[-1] in heads):
            continue
        j = token.i + 1
        while (j < len(doc) and j - token.i <= 4 and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()
               and doc[j].is_alpha and doc[j].lower_ not in stop):
            j += 1
        if j - token.i < 3:
            continue
        start, end = doc[token.i + 1].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if any(overlaps(start, end, s, e) for s, e in taken):
            continue
        inside = [(s, e) for s, e in known_spans if overlaps(start, end, s, e)]
        if all(start <= s and e <= end and (s, e) != (start, end) for s, e in inside):
            found.append((text[start:end], start, end))
    return found


def names_after_honorifics(doc: Doc, lex: Lexicon, known: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'Dame Ada Grey', 'Sir John Roe', 'Prof. Anna Kowalska': an honorific opens a name spaCy may miss; the name is
    what follows it (two to four capitalised words), the honorific is not part of it."""
    honorifics = lex.cue_set("honorifics")
    stop = lex.cue_set("title_words") | lex.cue_set("org_heads") | lex.cue_set("person_blockers")
    particles = lex.cue_set("name_particles")
    found = []
    for token in doc:
        if not (token.text[:1].isupper() and token.lower_ in honorifics):
            continue
        i = token.i + 1
        if i < len(doc) and doc[i].text == "." and not token.text.endswith("."):
            i += 1  # "Prof." split by spaCy
        j = i
        while j < len(doc) and j - i < 4 and (doc[j].text[:1].isupper() and doc[j].is_alpha or doc[j].lower_
                                              in particles and j > i) and doc[j].lower_ not in stop:
            j += 1
        while j > i and doc[j - 1].lower_ in particles:
            j -= 1
        if j - i < 2:
            continue
        start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
        if not any(overlaps(start, end, s, e) for _, s, e in known):
            found.append((doc.text[start:end], start, end))
    return found


@lru_cache(maxsize=65536)
def same_surname(a: str, b: str) -> bool:
    a, b = slug(a), slug(b)
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= FUZZY_SURNAME


@lru_cache(maxsize=65536)
def same_person(full: str, other: str) -> bool:
    """'Volodymyr Zelenski' ~ 'Volodymyr Zelensky' ~ 'Zelensky'; 'Kim Jong Un' ~ 'Kim Jong-un'."""
    a, b = name_words(full.replace("-", " ")), name_words(other.replace("-", " "))
    if slug(" ".join(a)) == slug(" ".join(b)):
        return True
    if len(a) == 1 or len(b) == 1:
        single, full_name = (a, b) if len(a) == 1 else (b, a)
        # a surname, or the family name that leads East Asian names ("Lai" for Lai Ching-te, "Xi" for Xi Jinping)
        return same_surname(single[0], full_name[-1]) or slug(single[0]) == slug(full_name[0])
    if not same_surname(a[-1], b[-1]):
        return False
    return slug(a[0]) == slug(b[0]) or (len(a[0]) <= 2 and slug(a[0])[:1] == slug(b[0])[:1])


# ---------------------------------------------------------------- roles


@dataclass(slots=True)
class RoleContext:
    lex: Lexicon
    doc: Doc
    hits_by_start: dict[int, Hit]
    person_tokens: set[int]  # token indices inside any person mention
    text: str = ""  # doc.text, kept once: spaCy rebuilds it on every access

    @property
    def heads(self) -> list[str]:
        return self.lex.cues["title_heads"]

    def has_title(self, phrase: str) -> bool:
        low = " " + re.sub(r"[^\w\s-]", " ", phrase.lower()) + " "
        return any(f" {h} " in low for h in self.heads)

    def title_word(self, low: str) -> bool:
        return low in self.lex.cue_set("title_words") or low in {h for h in self.heads if " " not in h}


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
    country = None
    for hit in ctx.hits_by_start.values():
        if phrase_start <= hit.start and hit.end <= phrase_end and hit.term and hit.term.kind == "country":
            country = hit
            break
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


def proper_word(token) -> bool:
    """A capitalised word that can belong to a title; 'US' is one although spaCy lists 'us' as a stop word."""
    if not (token.is_alpha and token.text[:1].isupper()):
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
        if token.text in POSSESSIVE or token.text == "-":
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
        return None, False
    return describe_role(doc[first].idx, span.start_char, ctx), stopped_by_and


def role_apposition_before(span: Span, ctx: RoleContext) -> str | None:
    """"Australia's Minister for Defence Industry and Capability Delivery, Pat Conroy, announced", "met his Omani
    counterpart, Badr Albusaidi," and "Russia's ambassador to the UN, Vassily Nebenzia,"."""
    doc = ctx.doc
    if span.start - 1 < span.sent.start or doc[span.start - 1].text != ",":
        return None
    i = span.start - 2
    first = None
    while i >= span.sent.start and span.start - 2 - i < 14:
        token = doc[i]
        low = token.lower_
        if token.text in POSSESSIVE or token.text == "-" or low in {"and", "of", "for", "to"}:
            pass
        elif low == "the" and i > span.sent.start and doc[i - 1].lower_ in {"of", "for", "to", "on"}:
            pass  # "ambassador to the UN", "Special Envoy for the Western Balkans"
        elif low in DETERMINERS:
            break
        elif ctx.title_word(low) or proper_word(token):
            first = i
        elif token.is_alpha and i + 1 < span.start and doc[i + 1].text in POSSESSIVE and first is not None:
            first = i  # "the board's chair, Ada Grey": the body whose title it is
        else:
            break
        i -= 1
    boundary = i < span.sent.start or doc[i].text in {",", ";", ":"} or doc[i].lower_ in DETERMINERS
    if first is None or not boundary:
        return None
    return describe_role(doc[first].idx, doc[span.start - 1].idx, ctx)


NICKNAME_RE = re.compile(r"\s*(?:alias|aka|known as|nicknamed)\s+[\"“'‘][^\"”'’]{1,40}[\"”'’],")


def role_apposition_after(span: Span, ctx: RoleContext) -> str | None:
    """'Jens Stoltenberg, NATO's Secretary General, said', 'Rafael Grossi, the agency's Director General, told',
    'Marko Petrić, the former vice-president of Nova Stranka who admitted'."""
    doc = ctx.doc
    if span.end >= span.sent.end or doc[span.end].text != ",":
        return None
    j = span.end + 1
    # 'José Adolfo Macías, alias "Fito", the leader of ...': a nickname in between is not the role
    nickname = NICKNAME_RE.match(ctx.text, doc[j].idx - 1)
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
        if not (token.is_alpha or token.text in POSSESSIVE or token.text == "-"):
            return None
        if token.pos_ in {"VERB", "AUX"} and not ctx.title_word(token.lower_):
            return None
        last = j
        j += 1
    if last is None or j >= span.sent.end:
        return None
    return describe_role(doc[start].idx, doc[last].idx + len(doc[last].text), ctx)


DISTRIBUTED_RE = re.compile(
    r"(?P<title>[A-Za-z-]+(?: [A-Za-z-]+){0,2}) (?:of|for) (?:the )?(?P<first>[A-Z][\w .'’-]{1,40}?) and "
    r"(?:the )?(?P<second>[A-Z][\w .'’-]{1,40}?),\s*$"
)


def coordinated_with_person(span: Span) -> bool:
    """'Emmanuel Macron and Olaf Scholz': a proper name spaCy calls something else, joined by 'and' to a person,
    is a person too."""
    if not all(t.pos_ == "PROPN" for t in span):
        return False
    root = span.root
    partners = ([root.head] if root.dep_ == "conj" else []) + [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" and not (span.start <= t.i < span.end) for t in partners)


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


# "Gorana Grgić is Senior Lecturer, Department of ...": a sentence that is a byline.
def role_after_verb(span: Span, ctx: RoleContext) -> str | None:
    rest = ctx.text[span.end_char:span.sent.end_char]
    m = ROLE_VERB_RE.match(rest)
    if m is None:
        return None
    start = span.end_char + m.start("role")
    return describe_role(start, start + len(m.group("role").rstrip()), ctx)


BYLINE_RE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) (?:is|was) (?:a |an |the )?(?P<role>[^\n]{3,300})"
)
# "Lai Ching-te took office as Taiwan's president": a role the sentence gives after a verb.
ROLE_VERB_RE = re.compile(
    r"^\s*(?:,\s*who\s+)?(?:has\s+|had\s+)?(?:took office as|was sworn in as|sworn in as|was elected|became|serves as|"
    r"served as|was appointed|appointed as|was named)\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:\n]{3,80})"
)


GAPPED_BYLINE_RE = re.compile(
    r"^(?P<first>.+?),? and (?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}),? (?:is |was )?(?:a |an |the )?"
    r"(?P<second>.+)$"
)
SHARED_TAIL_RE = re.compile(r"(?:,|\s(?:at|with|of|in|for)\s).+$")


def split_gapped_bylines(name: str, start: int, role: str, role_start: int, lex: Lexicon,
                         lowercase_vocab: set[str]) -> list[tuple[str, int, str]]:
    """'Daniel Tan is a Senior Fellow and Siti Rahmawati a Research Analyst at the Institute': each person gets their
    own title, and a place of work the second title names is shared by the first when it names none."""
    m = GAPPED_BYLINE_RE.match(role)
    if m is None:
        return [(name, start, role)]
    second_name, first, second = m.group("name"), m.group("first"), m.group("second")
    heads = lex.cues["title_heads"]
    title_words = lex.cue_set("title_words") | {h for h in heads if " " not in h}

    def has_head(phrase: str) -> bool:
        return any(re.search(rf"\b{re.escape(h)}\b", phrase.lower()) for h in heads)

    if (not has_head(first) or not has_head(second) or not person_name_ok(second_name, lex, lowercase_vocab)
            or any(w.lower() in title_words for w in words(second_name))):
        return [(name, start, role)]
    tail = SHARED_TAIL_RE.search(second)
    if tail is not None and SHARED_TAIL_RE.search(first) is None:
        first = first + tail.group()
    return [(name, start, first), (second_name, role_start + m.start("name"), second)]


# ---------------------------------------------------------------- organisations from spaCy


ORG_CONTINUATION_RE = re.compile(r"(?: +(?:of|for|in|on)(?: +the)?)? +[A-Z][\w'’.&-]*")


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


ORG_LEAD_RE = re.compile(r"(?<![\w'’-])(?P<lead>(?:[A-Z][\w'’.&-]* ){0,3}[A-Z][\w'’.&-]*) (?:of|for|on) (?:the )?$")


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
    titles = lex.cue_set("title_words") | {h for h in lex.cues["title_heads"] if " " not in h}
    window = text[max(0, lead_start - 40):lead_start]
    before = re.search(r"([\w-]+)\s+(?:of|for|on)\s+(?:the\s+)?$", window)
    if before is not None and before.group(1).lower() in titles:
        return None
    return lead_start


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


CONNECTORS = {"of", "for", "on", "and", "the", "in", "to", "&"}


def title_of_before(text: str, start: int, lex: Lexicon) -> str | None:
    """'Professor of International Relations', 'vice-president of Nova Stranka' ("title"); 'Treaty on
    Open Skies', 'Agreement on Fisheries and Coastal Relations' ("document"): the span
    continues a title or a document name that stands before it."""
    before = text[max(0, start - 120):start].split()
    if before and before[-1] == "the":
        before = before[:-1]
    if len(before) < 2 or before[-1] not in {"of", "for", "on"}:
        return None
    heads = {h for h in lex.cues["title_heads"] if " " not in h}
    if before[-2].lower().strip(",") in heads:
        return "title"
    # Back over the capitalised name the span continues, to the word it is named for.
    non_actor = lex.cue_set("non_actor_words")
    for word in reversed(before[:-1]):
        if word.lower() in CONNECTORS:
            continue
        if not word[:1].isupper() or word[-1:] in ".,;:!?\"”":
            break
        if word.lower() in non_actor:
            return "document"
    return None


def org_name_ok(name: str, lex: Lexicon, ent_counts: Counter, defined: set[str], vouched: bool = False) -> bool:
    """Whether a name spaCy (or a cue) offers is an organisation's; `vouched`: the sentence marks a one-word name as
    an organisation ("the firm Voltaro", "Voltaro shut")."""
    tokens = words(name)
    if not tokens or any(c.isdigit() for c in name) or not name[:1].isupper():
        return False
    lows = [t.lower().strip(".,'’") for t in tokens]
    non_actor = lex.cue_set("non_actor_words")
    head = head_word(name)
    if head in non_actor or head.endswith("s") and head[:-1] in non_actor and head not in lex.cue_set("org_heads"):
        return False  # "Defence Concept", "Treaty on Open Skies", "... Initiatives"
    if name in lex.cue_set("non_actor_acronyms") or re.fullmatch(r"[A-Z]{2,}s", name):
        return False
    if name in defined:
        return True
    if has_org_word(name, lex):
        return True
    if any(low in non_actor for low in lows) or "and" in lows:
        return False  # "Fordow and Natanz" are two places
    single_titles = {h for h in lex.cues["title_heads"] if " " not in h}
    if any(low in single_titles for low in lows):
        return False  # "High Representative for Foreign Affairs" is a title
    if is_acronym(name) or len(tokens) == 1:
        return vouched or ent_counts[name] >= 2 and not is_acronym(name) or ent_counts[name] >= 3
    # A multi-word proper name spaCy calls an organisation, every word capitalised ("Lloyd's List").
    return all(t[:1].isupper() or t.lower() in {"of", "for", "and", "the", "&", "on", "in"} for t in tokens)


ACRONYM_DEF_RE = re.compile(
    r"(?P<long>[A-Z][\w'’-]*(?:\s+(?:of|for|on|and|the|in|&|[A-Z][\w'’-]*)){1,9})\s+\((?P<short>[A-Z][A-Za-z&]{1,9})\)"
)


def spells_acronym(short: str, long_words: list[str]) -> bool:
    """'MINTRANS' from MINistry of TRANSport, 'OPEC': the acronym is built from the starts of the words, in order
    (a word may give several letters or none)."""
    letters = short.upper().replace("&", "")
    parts = [p.upper() for w in long_words for p in re.split(r"[-’']", w) if p]

    @cache
    def fits(i: int, j: int) -> bool:  # letters[i:] from parts[j:]
        if i == len(letters):
            return True
        if j == len(parts):
            return False
        k = 0
        while k < len(parts[j]) and i + k < len(letters) and parts[j][k] == letters[i + k]:
            k += 1
            if fits(i + k, j + 1):
                return True
        return fits(i, j + 1)

    return bool(parts) and parts[0][:1] == letters[:1] and fits(0, 0)


def acronym_definitions(text: str) -> list[tuple[str, str, int, int, int]]:
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
            continue
        found.append((long, short, m.start("short"), m.end("short"), m.start("long") + word_spans[0].start()))
    return found


NUMERIC_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def phrase_before(doc: Doc, i: int, phrases: set[str], longest: int = 3) -> bool:
    """Whether the lower-case words ending right before token i form one of `phrases`."""
    for n in range(1, longest + 1):
        if i - n < 0:
            break
        if " ".join(t.text for t in doc[i - n:i]) in phrases:
            return True
    return False


def cued_org_names(doc: Doc, hits: list[Hit], lex: Lexicon) -> tuple[list[tuple[str, int, int]], set[tuple[int, int]]]:
    """Names the sentence marks as organisations, though spaCy or the gazetteer cannot: 'the Danish firm Voltaro',
    'the state news agency NORTAG' (a name after an organisation noun), "Norway's Fjordgas" (a one-word organisation a
    state owns), 'Voltaro shut Brinefield', 'NORTAG reported' (a one-word organisation or an acronym acting).
    Returns names that need adding and the spans of spaCy's one-word organisations the cue vouches for."""
    cue_nouns = lex.cue_set("org_cue_nouns")
    reporting = lex.cue_set("reporting_verbs")
    not_names = lex.cue_set("non_actor_acronyms")
    stop = lex.cue_set("title_words") | {h for h in lex.cues["title_heads"] if " " not in h}
    country_ends = {h.end for h in hits if h.term is not None and h.term.kind == "country"}
    added: list[tuple[str, int, int]] = []
    vouched: set[tuple[int, int]] = set()
    for token in doc:
        i = token.i
        if not (token.text[:1].isupper() and token.is_alpha) or token.ent_type_ in NUMERIC_ENTS:
            continue
        if token.text in not_names or token.lower_ in stop:
            continue
        one_word = (i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()) and (
            i == 0 or not doc[i - 1].text[:1].isupper() or doc[i - 1].text in POSSESSIVE)
        if i > 0 and doc[i - 1].is_lower and phrase_before(doc, i, cue_nouns) and (
                i < 2 or doc[i - 2].lower_ not in {"of", "for"}):
            j = i
            while j < len(doc) and j - i < 4 and doc[j].is_alpha and doc[j].text[:1].isupper() \
                    and doc[j].lower_ not in stop:
                j += 1
            span = doc[i:j]
            added.append((span.text, span.start_char, span.end_char))
            continue
        if not one_word:
            continue
        span_key = (token.idx, token.idx + len(token.text))
        acts = token.dep_ in {"nsubj", "nsubjpass"} and token.head.pos_ in {"VERB", "AUX"}
        owned = i >= 2 and doc[i - 1].text in POSSESSIVE and doc[i - 2].idx + len(doc[i - 2].text) in country_ends
        if token.ent_type_ == "ORG" and acts:
            vouched.add(span_key)  # "Voltaro shut Brinefield"
        elif owned and token.ent_type_ in {"ORG", ""} and not is_acronym(token.text):
            added.append((token.text, *span_key))  # "Norway's Fjordgas"
        elif is_acronym(token.text) and acts and token.head.lower_ in reporting:
            added.append((token.text, *span_key))  # "NORTAG reported"
    return added, vouched


def orgs_named_by_nouns(doc: Doc, hits: list[Hit], lex: Lexicon) -> list[tuple[str, int, int]]:
    """Names a common noun right beside them makes organisations, whatever their own words: 'the Red Lantern gang',
    'the Civic Renewal movement' (the noun after the name), 'Clearhaus, the Swiss depository' (a noun phrase
    in apposition). These beat the word lists that keep documents and events out ('Revolution')."""
    after_nouns = lex.cue_set("org_nouns_after_name")
    apposition_nouns = lex.cue_set("org_cue_nouns") | after_nouns
    stop = lex.cue_set("title_words") | {h for h in lex.cues["title_heads"] if " " not in h}
    gazetteer = [(h.start, h.end) for h in hits]
    found: list[tuple[str, int, int]] = []

    def capitalised(k: int) -> bool:
        return k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper() and doc[k].lower_ not in stop

    i = 0
    while i < len(doc):
        if not capitalised(i) or (i > 0 and capitalised(i - 1)) or doc[i].ent_type_ in NUMERIC_ENTS | {"PERSON"}:
            i += 1
            continue
        j = i
        while capitalised(j) and j - i < 4:
            j += 1
        span = doc[i:j]
        named = False
        if i > 0 and doc[i - 1].lower_ == "the" and j < len(doc) and doc[j].lower_ in after_nouns:
            named = True  # "the Red Lantern gang"
        elif (j - i == 1 and j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in {"the", "a", "an"}
              and not doc[i].text.isupper()):
            k = j + 2
            while k < len(doc) and k - j <= 4 and doc[k].is_alpha and doc[k].lower_ not in apposition_nouns:
                k += 1
            # "Clearhaus, the Swiss depository," - the noun closes the phrase
            named = (k < len(doc) and doc[k].lower_ in apposition_nouns and doc[k].is_lower
                     and (k + 1 >= len(doc) or not doc[k + 1].is_alpha))
        if named and not any(overlaps(span.start_char, span.end_char, s, e) for s, e in gazetteer):
            found.append((span.text, span.start_char, span.end_char))
        i = j
    return found


def runs_into_title(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether capitalised title words after a span lead to a title head: 'Chilean Public' + 'Works Minister'."""
    span = doc_span(doc, start, end)
    if span is None:
        return False
    j = span.end
    title_words = lex.cue_set("title_words")
    while j < len(doc) and j - span.end < 3 and doc[j].text[:1].isupper() and doc[j].lower_ in title_words:
        j += 1
    single_titles = {h for h in lex.cues["title_heads"] if " " not in h}
    return j < len(doc) and doc[j].text[:1].isupper() and doc[j].lower_.split("-")[-1] in single_titles


def state_body(name: str, lex: Lexicon) -> bool:
    """'Chilean Interior Ministry', 'Kenyan trade ministry', 'Peruvian Navy': a body of the state it names."""
    low = name.lower()
    return any(low.endswith(" " + head) for head in lex.cues["lowercase_org_heads"])


def state_bodies(text: str, doc: Doc, hits: list[Hit], lex: Lexicon) -> list[tuple[str, int, int]]:
    """'Kenyan trade ministry data', "Chile's defence ministry", 'the Peruvian coast guard', 'the Azerbaijani
    Foreign Ministry': a state body after a demonym or a country's possessive, with up to two portfolio words
    between, in lower case or capitalised throughout - found whether or not spaCy saw an organisation there."""
    heads = sorted(lex.cues["lowercase_org_heads"], key=len, reverse=True)
    # "Chilean central bank reserves": in lower case a description, not the body's name (the Central Bank of Russia)
    lowercase_heads = [h for h in heads if h not in lex.cue_set("capitalised_only_org_heads")]
    patterns = [
        re.compile(r"(?:['’]s)?(?P<mid>(?: [a-z][a-z-]+){0,2}?) (?:" + "|".join(map(re.escape, lowercase_heads))
                   + r")(?![\w-])"),
        re.compile(r"(?:['’]s)?(?P<mid>(?: [A-Z][a-z-]+){0,2}?) (?:" + "|".join(re.escape(h.title()) for h in heads)
                   + r")(?![\w-])"),
    ]
    portfolio = lex.cue_set("title_words")
    found = []
    for hit in hits:
        term = hit.term
        if term is None or term.kind != "country" or term.category not in {"country", "demonym"}:
            continue
        for pattern in patterns:
            m = pattern.match(text, hit.end)
            if m is None or (term.category == "country" and not m.group().startswith(("'s", "’s"))):
                continue
            mid_ok = True
            for w in re.finditer(r"[A-Za-z][a-z-]+", m.group("mid")):
                token = doc_span(doc, m.start("mid") + w.start(), m.start("mid") + w.end())
                if token is None or not (w.group().lower() in portfolio
                                         or token.root.pos_ in {"NOUN", "ADJ", "PROPN"}):
                    mid_ok = False
            if mid_ok:
                found.append((text[hit.start:m.end()], hit.start, m.end()))
            break
    return found


# ---------------------------------------------------------------- the layer


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def extract_actors(doc: Doc, ctx: ArticleContext) -> list[Actor]:
    lex = load_lexicon()
    text = doc.text
    hits = gazetteer_hits(text, lex)

    # Spans spaCy calls people: a multi-word person beats a place or country name inside it ("Chad Wolf").
    person_spans: list[tuple[str, int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None:
            continue
        name, start, end = cleaned
        # spaCy stops "Ursula von der Leyen" at "von": carry the name over its particles to the capitalised word
        particles = "|".join(re.escape(p) for p in lex.cues["name_particles"] if not p.endswith("-"))
        ends_in_particle = words(name)[-1] in lex.cue_set("name_particles")
        tail = re.match(rf"(?:\s+(?:{particles}))*\s+[A-Z][\w'’-]+" if ends_in_particle
                        else rf"(?:\s+(?:{particles}))+\s+[A-Z][\w'’-]+", text[end:end + 40])
        if tail:
            name, end = name + tail.group(), end + tail.end()
        if person_spans and text[person_spans[-1][2]:start] == " ":
            # "Abdi Yusuf" + "Warsame": spaCy splits one name it cannot read; two names always have a separator
            name, start = person_spans[-1][0] + " " + name, person_spans[-1][1]
            person_spans.pop()
        person_spans.append((name, start, end))
    lowercase_vocab = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    person_spans += names_after_titles(doc, hits, lex, person_spans)
    person_spans += names_after_honorifics(doc, lex, person_spans)

    def inside_person(hit: Hit) -> bool:
        if hit.term is None or hit.term.category == "org":
            return False
        return any(s <= hit.start and hit.end <= e and (s, e) != (hit.start, hit.end) and len(words(n)) >= 2
                   and person_name_ok(n, lex, lowercase_vocab) for n, s, e in person_spans)

    hits = [h for h in hits if not inside_person(h)]
    # Inside a table only row labels that are countries count; the rest of a table is numbers.
    hits = [h for h in hits if not ctx.is_blocked(h.start, h.end) or (h.term and h.term.category == "country")]

    # Weak aliases ('the Alliance') only where what they point to is named outright.
    strong_ids = {h.actor_id for h in hits if h.term and not h.term.weak and h.term.category != "capital"}
    hits = [h for h in hits if not (h.term and h.term.weak and h.term.requires not in strong_ids)]
    hits = [h for h in hits if not (h.term and h.term.requires and not h.term.weak
                                    and h.term.requires not in strong_ids)]

    # Capitals stand for their state only when the sentence makes them act; ambiguous words need one candidate.
    resolved: list[Hit] = []
    for hit in hits:
        term = hit.term
        assert term is not None
        if term.category == "capital" and capital_used_for_state(doc, hit):
            hit.actor_id = f"country:{term.iso3}"
            hit.term = Term(hit.actor_id, lex.country_names[term.iso3 or ""], "country", "capital", iso3=term.iso3)
        elif term.category == "ambiguous":
            present = [c for c in term.candidates if c in strong_ids]
            if len(present) != 1:
                continue
            iso3 = present[0].split(":")[1]
            hit.actor_id = present[0]
            hit.term = Term(present[0], lex.country_names[iso3], "country", "demonym", iso3=iso3)
        resolved.append(hit)
    hits = resolved
    gazetteer_spans = [(h.start, h.end) for h in hits]

    def covered_by_gazetteer(start: int, end: int) -> bool:
        return any(overlaps(start, end, s, e) for s, e in gazetteer_spans)

    # ------------------------------------------------------------ people
    persons: list[Person] = []

    def find_person(name: str) -> Person | None:
        for person in persons:
            if same_person(person.name, name):
                return person
        return None

    def add_person(name: str, start: int, end: int, source: str) -> Person:
        person = find_person(name)
        if person is None:
            person = Person(name)
            persons.append(person)
        elif len(words(name)) > len(words(person.name)):
            person.name = name
        person.mentions.append(Hit("", start, end, text[start:end], source=source))
        return person

    for author in ctx.authors:
        found = False
        for m in re.finditer(re.escape(author), text):
            add_person(author, m.start(), m.end(), "author")
            found = True
        if not found:
            add_person(author, -1, -1, "author")

    bylines: list[tuple[str, int, int, str]] = []
    for sent in doc.sents:
        m = BYLINE_RE.match(sent.text.strip())
        if m is None:
            continue
        offset = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        name, role = m.group("name"), m.group("role").strip().rstrip(".")
        m_start, m_end = offset + m.start("name"), offset + m.end("name")
        if person_name_ok(name, lex, lowercase_vocab) and not covered_by_gazetteer(m_start, m_end):
            role_start = offset + m.start("role")
            for who, who_start, who_role in split_gapped_bylines(name, m_start, role, role_start, lex, lowercase_vocab):
                first_clause = who_role.split(",")[0].lower()
                if any(re.search(rf"\b{re.escape(h)}\b", first_clause) for h in lex.cues["title_heads"]):
                    bylines.append((who, who_start, who_start + len(who), who_role))
                    add_person(who, who_start, who_start + len(who), "pattern")

    titles = ({h for h in lex.cues["title_heads"] if " " not in h} | lex.cue_set("title_words")
              | lex.cue_set("honorifics")) - {"the", "of", "for", "and", "new", "first", "late"}
    single_names: list[tuple[str, int, int]] = []
    orgs_named_as_people: list[tuple[str, int, int]] = []
    publications: list[tuple[str, int, int]] = []
    publication_heads = lex.cue_set("publication_heads")
    for name, start, end in person_spans:
        if covered_by_gazetteer(start, end):
            # "Ukrainian President Volodymyr Zelenski" tagged whole: keep what follows the gazetteer match
            tail = max((e for s, e in gazetteer_spans if overlaps(start, end, s, e)), default=start)
            if tail >= end or tail <= start:
                continue
            cleaned = clean_entity(text[tail:end], tail)
            if cleaned is None:
                continue
            name, start, end = cleaned
        # Titles spaCy sometimes keeps in the name ("President Biden").
        while words(name) and words(name)[0].lower() in titles and len(words(name)) > 1:
            drop = len(words(name)[0]) + 1
            name, start = name[drop:].lstrip(), start + drop
        if len(words(name)) >= 2 and words(name)[-1].lower() in publication_heads:
            publications.append((name, start, end))  # "Harbour Affairs Monitor": a masthead, not a person
            continue
        if not person_name_ok(name, lex, lowercase_vocab):
            continue
        continued = title_of_before(text, start, lex)
        if continued == "title":
            orgs_named_as_people.append((name, start, end))  # "vice-president of Nova Stranka"
            continue
        if continued == "document":
            continue
        span = doc_span(doc, start, end)
        if span is not None and span.start > 0:
            before = doc[span.start - 1]
            # "the 2019 Defence Concept", "NATO's Defence Concept"; not "the economy that Joseph Stalin built",
            # where "that" opens a clause rather than determining the name
            determines = before.dep_ in {"det", "poss"} and span.start <= before.head.i < span.end
            if ((before.lower_ in DETERMINERS and (determines or before.tag_ == "DT")) or before.tag_ == "POS") \
                    and before.lower_ not in titles:
                continue
            if span.start > 1 and before.like_num and doc[span.start - 2].tag_ == "POS":
                continue
        if len(words(name)) >= 2:
            add_person(name, start, end, "spacy")
        else:
            single_names.append((name, start, end))

    # A surname alone joins the full name it shortens; otherwise it needs a title right before it, or spaCy must
    # call the same word a person more than once ("Ruiz ... Ruiz added"): one stray PERSON tag is too weak.
    single_counts = Counter(name for name, _ in {(name, start) for name, start, _ in single_names})
    # ... and people act or own: at least once the word is a subject or a possessor ("Ruiz added", "Ruiz's plan"),
    # where a place spaCy mistags stays in prepositional phrases ("from Lagos to Antwerp")
    acting = {name for name, start, end in single_names
              if (span := doc_span(doc, start, end)) is not None
              and span.root.dep_ in {"nsubj", "nsubjpass", "poss"}}
    for name, start, end in single_names:
        person = find_person(name)
        if person is not None:
            person.mentions.append(Hit("", start, end, name, source="spacy"))
            continue
        span = doc_span(doc, start, end)
        titled = span is not None and span.start > 0 and doc[span.start - 1].lower_ in titles
        if titled or (single_counts[name] >= 2 and name in acting and not is_acronym(name)
                      and name.lower() not in lowercase_vocab):
            add_person(name, start, end, "spacy")
    # A name spaCy calls an organisation but the text gives a title: "Russia's ambassador to the UN, Vassily Nebenzia,".
    probe = RoleContext(lex, doc, {h.start: h for h in hits}, set(), text)
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "GPE", "NORP"} or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None or not 2 <= len(words(cleaned[0])) <= 4 or covered_by_gazetteer(cleaned[1], cleaned[2]):
            continue
        name, start, end = cleaned
        span = doc_span(doc, start, end)
        if span is None or has_org_word(name, lex) or not person_name_ok(name, lex, lowercase_vocab):
            continue
        if (role_apposition_before(span, probe) or role_apposition_after(span, probe)
                or (len(words(name)) <= 3 and coordinated_with_person(span))):
            add_person(name, start, end, "spacy")
    # Any entity spaCy got wrong ("Stoltenberg" as ORG) and any plain occurrence of a known name or surname.
    person_keys = {p.name: p for p in persons}
    for person in list(person_keys.values()):
        # Full name first, so "Anna Berg" wins over its surname inside it on every run (a set has no order).
        for form in dict.fromkeys((person.name, person.surname)):
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if ctx.is_blocked(m.start(), m.end()) or covered_by_gazetteer(m.start(), m.end()):
                    continue
                if not any(overlaps(m.start(), m.end(), h.start, h.end) for h in person.mentions):
                    person.mentions.append(Hit("", m.start(), m.end(), m.group(), source="pattern"))
    for ent in doc.ents:
        if ent.label_ in {"ORG", "GPE", "NORP", "PERSON"}:
            cleaned = clean_entity(ent.text, ent.start_char)
            if cleaned is None or len(words(cleaned[0])) != 1:
                continue
            person = find_person(cleaned[0])
            if person is not None and not covered_by_gazetteer(cleaned[1], cleaned[2]):
                if not any(overlaps(cleaned[1], cleaned[2], h.start, h.end) for h in person.mentions):
                    person.mentions.append(Hit("", cleaned[1], cleaned[2], cleaned[0], source="spacy"))

    person_char_spans = [(h.start, h.end) for p in persons for h in p.mentions if h.start >= 0]
    person_tokens: set[int] = set()
    for s, e in person_char_spans:
        span = doc_span(doc, s, e)
        if span is not None:
            person_tokens.update(range(span.start, span.end))

    # Roles, mention by mention; the first with a country or organisation in it wins.
    role_ctx = RoleContext(lex, doc, {h.start: h for h in hits}, person_tokens, text)
    honorifics = lex.cue_set("honorifics")
    for name, start, _end, role in bylines:
        person = find_person(name)
        if person is not None:
            person.roles.append((start, re.sub(r"\s+", " ", role)))
    inherit: list[tuple[Person, int, int]] = []  # person whose bare title may take the country of the one before
    for person in persons:
        for hit in person.mentions:
            if hit.start < 0:
                continue
            span = doc_span(doc, hit.start, hit.end)
            if span is None:
                continue
            if span.start > 0 and doc[span.start - 1].lower_ in honorifics:
                span = doc[span.start - 1:span.end]  # "the board's chair, Dame Ada Grey": look past "Dame"
            role, after_and = role_before(span, role_ctx)
            role = role or role_apposition_before(span, role_ctx) or role_apposition_after(span, role_ctx)
            role = role or role_after_verb(span, role_ctx)
            if role:
                person.roles.append((hit.start, role))
                if after_and and " of " not in role:
                    inherit.append((person, hit.start, span.start))
    for person, start, role in distributed_roles(persons, hits, role_ctx):
        person.roles.append((start, role))
    for person, start, token_start in inherit:
        j = token_start - 1
        while j >= 0 and doc[j].lower_ != "and":
            j -= 1
        previous = next((p for p in persons if p is not person and any(
            h.end <= doc[j].idx and h.end >= doc[j].idx - 2 for h in p.mentions)), None)
        if previous is None:
            continue
        country = next((r.split(" of ", 1)[1] for _, r in sorted(previous.roles) if " of " in r
                        and r.split(" of ", 1)[1] in lex.country_names.values()), None)
        if country:
            person.roles = [(s, f"{r} of {country}" if s == start else r) for s, r in person.roles]

    # ------------------------------------------------------------ organisations spaCy finds
    ent_counts: Counter = Counter()
    org_candidates: list[tuple[str, int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "FAC"} or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        if ent.label_ == "FAC" and not has_org_word(ent.text, lex):
            continue  # a facility is an organisation only when its name says so ("Belgrade Centre for ...")
        # "Lecturer, Department of Government ...": spaCy runs a title and an organisation together.
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
            ent_counts[name] += 1
            org_candidates.append((name, start, end))
    for name, start, end in orgs_named_as_people + publications:
        ent_counts[name] += 1
        org_candidates.append((name, start, end))
    cued_names, vouched = cued_org_names(doc, hits, lex)
    named_by_nouns = orgs_named_by_nouns(doc, hits, lex)
    cued_names += named_by_nouns
    noun_named = {name for name, _, _ in named_by_nouns}
    for name, start, end in cued_names:
        if not ctx.is_blocked(start, end):
            ent_counts[name] += 1
            org_candidates.append((name, start, end))
            vouched.add((start, end))
    named_after_title = {(start, end) for _, start, end in orgs_named_as_people}
    definitions = acronym_definitions(text)
    source_cues = lex.cue_set("source_cues")

    def cited_as_source(start: int, end: int) -> bool:
        """'according to the X', 'X said': the text takes figures or words from it."""
        before = re.sub(r"\s+(?:the\s+)?$", "", text[max(0, start - 30):start], flags=re.IGNORECASE)
        if any(before.lower().endswith(cue) for cue in source_cues):
            return True
        after = re.match(r"\s*(?:\([^)]{1,12}\)\s*)?(\w+)", text[end:end + 40])
        return after is not None and after.group(1) in lex.cue_set("reporting_verbs")

    non_actor = lex.cue_set("non_actor_words")
    body_heads = lex.cue_set("source_body_heads")
    # A defined name is a body unless its head makes it a document, plan or event - or a project-like name is cited
    # as a source (ODI); "Belt and Road Initiative (BRI)" is not, and neither is its acronym.
    cited = {d[1] for d in definitions if cited_as_source(d[4], d[4] + len(d[0]))}
    body_definitions = [d for d in definitions if head_word(d[0]) not in non_actor
                        or head_word(d[0]) in body_heads and d[1] in cited]
    defined = {d[1] for d in body_definitions} | {d[0] for d in body_definitions}
    not_bodies = {d[1] for d in definitions} - defined
    place_nouns = "|".join(map(re.escape, lex.cues["place_nouns"]))
    orgs: dict[str, tuple[str, list[Hit]]] = {}  # actor_id -> (name, mentions)
    alias_to_org: dict[str, str] = {}

    def add_org(actor_id: str, name: str, start: int, end: int, source: str) -> None:
        entry = orgs.setdefault(actor_id, (name, []))
        entry[1].append(Hit(actor_id, start, end, text[start:end], source=source))
        alias_to_org[name] = actor_id

    for name, start, end in org_candidates:
        if any(overlaps(start, end, s, e) for s, e in person_char_spans) or name in not_bodies:
            continue
        earlier = org_name_starts_before(text, start, lex)
        if earlier is not None:  # "Naval Staff of the" + "Armed Forces of ...": spaCy saw only the second body
            name, start = text[earlier:end], earlier
        extended_end = org_name_continues(text, end, lex)
        if extended_end is not None:  # "Committee for Freedom" + "in Harbour City Foundation": spaCy cut it short
            name, end = text[start:extended_end], extended_end
        following = next((h for h in hits if h.term is not None and h.term.category == "country"
                          and (0 < h.start - end <= 1 and re.search(r" (of|for|in)$", name)
                               or re.fullmatch(r" (?:of|for|in) (?:the )?", text[end:h.start])
                               and has_org_word(name, lex) and text[end - 1:end].isalpha())), None)
        if following is not None:  # spaCy stops "the Ministry of Foreign Affairs of" before "Uruguay"
            name, end = text[start:following.end], following.end
        trailing = re.search(r"(?:\s+(?:of|for|and|the|on|in|to|&))+$", name)
        if trailing:  # "Presidential Nuclear Initiatives of": spaCy cut the name short; a name never ends so
            name, end = name[:trailing.start()], end - len(trailing.group())
        if name in noun_named:
            if find_person(name) is None:
                add_org(alias_to_org.get(name, f"organization:{slug(name)}"), name, start, end, "pattern")
            continue
        if find_person(name) is not None or not org_name_ok(name, lex, ent_counts, defined, (start, end) in vouched):
            continue
        if re.match(r" [A-Z]\w*", text[end:end + 30]) and text[end + 1:end + 30].split()[0].lower() in non_actor:
            continue  # "Halden's Freight Rate" + "Index": part of a product or document name
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
        if (is_heading_line(text[line_start:line_end]) and not has_org_word(name, lex) and name not in defined
                and text.count(name) == 1):
            continue  # "Ports & Trade", "The Economics of Attrition": a heading, not a body
        continued = title_of_before(text, start, lex)
        # After "director of the", "leader of": a body's name, unless its words are a title's own ("Professor of
        # International Relations") or ordinary words the article also writes in lower case.
        plain_words = lex.cue_set("title_words") | lowercase_vocab
        title_org = (any(w.lower() in lex.cue_set("org_core_words") for w in words(name))
                     or len(words(name)) >= 2 and text[:start].endswith("the ") and has_org_word(name, lex)
                     or len(words(name)) >= 2 and (start, end) not in named_after_title
                     and not any(w.lower() in plain_words for w in words(name)))
        if continued == "document" or (continued == "title" and (start, end) not in named_after_title
                                       and not title_org):
            continue  # "Professor of Marine Biology", "Agreement on Fisheries and ... Coastal Relations"
        if not has_org_word(name, lex) and runs_into_title(doc, start, end, lex):
            continue  # "Chilean Public Works Minister A. Ruiz": part of a title, not a body
        if len(words(name)) == 1 and re.search(rf"(?<![\w-]){re.escape(name)} (?:{place_nouns})\b", text):
            continue  # "the Varanger peninsula": the word names a place
        if covered_by_gazetteer(start, end):
            # "University of Leeds", "American University of Sharjah", "OSCE Vienna Group": an organisation named
            # after a place or a larger organisation wins over the place, capital, demonym or organisation inside it
            # when its own head word stands outside them; a country's name inside it stays a mention of that
            # country ("Ministry of Foreign Affairs of Uruguay"); a known organisation's full name never loses.
            inner = [h for h in hits if overlaps(start, end, h.start, h.end)]
            outside_countries = len(words(name)) - sum(len(words(h.text)) for h in inner
                                                      if h.term is not None and h.term.category == "country")
            # its head may also stand before what it is named after: "Standing Committee on the <known party>"
            lead = re.sub(r"(?:\s+(?:of|for|on|in|the))+\s*$", "",
                          text[start:min((h.start for h in inner), default=end)]).strip()
            head_outside = has_org_word(name, lex) and (not any(h.end >= end for h in inner)
                                                        or bool(lead) and has_org_word(lead, lex))
            if not (has_org_word(name, lex) or outside_countries >= 2) or not all(
                    start <= h.start and h.end <= end and (h.start, h.end) != (start, end)
                    and h.term is not None and (h.term.category != "org" or head_outside) for h in inner):
                continue
            # A state body's demonym still names its state ("Chilean Interior Ministry"); a university's does not.
            kept = {"country", "demonym"} if state_body(name, lex) else {"country"}
            hits = [h for h in hits if h not in inner or (h.term is not None and h.term.category in kept)]
            gazetteer_spans = [(h.start, h.end) for h in hits]
        add_org(alias_to_org.get(name, f"organization:{slug(name)}"), name, start, end, "spacy")
    org_spans = [(m.start, m.end) for _, mentions in orgs.values() for m in mentions]
    for name, start, end in state_bodies(text, doc, hits, lex):
        if ctx.is_blocked(start, end) or any(overlaps(start, end, s, e) for s, e in org_spans + person_char_spans):
            continue
        if any(h.term is not None and h.term.category == "org" and overlaps(start, end, h.start, h.end) for h in hits):
            continue  # "China Coast Guard" is known whole
        add_org(alias_to_org.get(name, f"organization:{slug(name)}"), name, start, end, "pattern")

    def org_hit_at(start: int, end: int) -> Hit | None:
        return next((h for h in hits if (h.start, h.end) == (start, end) and h.term and h.term.category == "org"),
                    None)

    def move_mention(mention: Hit, target: str) -> None:
        moved = Hit(target, mention.start, mention.end, mention.text, source=mention.source)
        if target in orgs:
            orgs[target][1].append(moved)
        else:
            hits.append(moved)

    # An acronym in brackets after a name is that name's alias, wherever else it appears; what the text defines
    # beats the gazetteer ("Armed Forces of Panama (AFP)" is not Agence France-Presse).
    for long, short, _, _, long_start in body_definitions:
        long_end = long_start + len(long)
        known = org_hit_at(long_start, long_end)
        target = known.actor_id if known is not None else alias_to_org.get(long)
        if short in lex.cue_set("non_actor_acronyms"):
            continue
        if target is None:
            # "European Union Mission in Moldova (EUMM)": spaCy cut it short or the gazetteer saw only a part of it.
            if not (has_org_word(long, lex) or short in cited):
                continue
            inner = [h for h in hits if overlaps(long_start, long_end, h.start, h.end)]
            if not all(long_start <= h.start and h.end <= long_end for h in inner) or ctx.is_blocked(long_start,
                                                                                                      long_end):
                continue
            hits = [h for h in hits if h not in inner or (h.term is not None and h.term.category == "country")]
            gazetteer_spans = [(h.start, h.end) for h in hits]
            for actor_id, (_, mentions) in list(orgs.items()):
                mentions[:] = [m for m in mentions if not overlaps(long_start, long_end, m.start, m.end)]
                if not mentions:
                    del orgs[actor_id]
            target = f"organization:{slug(long)}"
            add_org(target, long, long_start, long_end, "pattern")
        alias_to_org[short] = target
        duplicate = f"organization:{slug(short)}"
        if duplicate != target and duplicate in orgs:  # spaCy's "CRI" beside "Coastal Research Institute"
            for mention in orgs.pop(duplicate)[1]:
                move_mention(mention, target)
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            if ctx.is_blocked(m.start(), m.end()):
                continue
            if covered_by_gazetteer(m.start(), m.end()):
                other = org_hit_at(m.start(), m.end())
                if other is None or other.actor_id == target:
                    continue
                hits.remove(other)
            move_mention(Hit(target, m.start(), m.end(), short, source="pattern"), target)
        gazetteer_spans = [(h.start, h.end) for h in hits]

    # ------------------------------------------------------------ places spaCy finds
    places: dict[str, tuple[str, list[Hit]]] = {}
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"} or ctx.is_blocked(ent.start_char, ent.end_char):
            continue
        cleaned = clean_entity(ent.text, ent.start_char)
        if cleaned is None or covered_by_gazetteer(cleaned[1], cleaned[2]):
            continue
        name, start, end = cleaned
        if any(overlaps(start, end, m.start, m.end) or n == name for n, mentions in orgs.values() for m in mentions):
            continue  # "the Finnish firm Kuvaro" is a company even where spaCy calls it a place
        line = text[text.rfind("\n", 0, start) + 1:text.find("\n", end) if "\n" in text[end:] else len(text)]
        if (any(c.isdigit() for c in name) or is_acronym(name) or re.fullmatch(r"[A-Z]{2,}s", name)
                or line.strip() == name or find_person(name) is not None or not name[:1].isupper()
                or any(w.lower() in lex.cue_set("non_actor_words") for w in words(name))):
            continue
        actor_id = f"location:{slug(name)}"
        places.setdefault(actor_id, (name, []))[1].append(Hit(actor_id, start, end, name, source="spacy"))

    # ------------------------------------------------------------ assemble
    actors: dict[str, Actor] = {}

    def actor_for(actor_id: str, name: str, kind: str, iso3: str | None = None,
                  members: tuple[str, ...] = ()) -> Actor:
        if actor_id not in actors:
            actors[actor_id] = Actor(actor_id=actor_id, name=name, kind=kind, iso3=iso3, members=list(members))
        return actors[actor_id]

    for hit in hits:
        term = hit.term
        if term is None:
            continue
        actor = actor_for(hit.actor_id, term.name, term.kind, term.iso3, term.members)
        actor.mentions.append(Mention(hit.actor_id, hit.text, hit.start, hit.end))
    for hit in hits:
        if hit.term is None and hit.actor_id in actors:
            actors[hit.actor_id].mentions.append(Mention(hit.actor_id, hit.text, hit.start, hit.end))
    for actor_id, (name, mentions) in orgs.items():
        actor = actor_for(actor_id, name, "organization")
        actor.mentions += [Mention(actor_id, m.text, m.start, m.end) for m in mentions]
    for actor_id, (name, mentions) in places.items():
        actor = actor_for(actor_id, name, "location")
        actor.mentions += [Mention(actor_id, m.text, m.start, m.end) for m in mentions]
    for person in persons:
        actor_id = f"person:{slug(person.name)}"
        actor = actor_for(actor_id, person.name, "person")
        with_place = [r for _, r in sorted(person.roles) if " of " in r or any(
            c.isupper() for c in r.split()[0][:1]) and len(r.split()) > 2]
        ordered = [r for _, r in sorted(person.roles)]
        actor.role = (with_place or ordered or [None])[0]
        actor.mentions += [Mention(actor_id, h.text, h.start, h.end) for h in person.mentions if h.start >= 0]
    for actor in actors.values():
        unique = {(m.start, m.end): m for m in actor.mentions}
        actor.mentions = sorted(unique.values(), key=lambda m: (m.start, m.end))
    return list(actors.values())
