"""The gazetteer stage: the lexicon of known names loaded from extractors/data, matched token by token over the whole
text, then settled once the people are known.

Countries (with demonyms and capitals) come from countries.tsv on top of pycountry's ISO list, organisations and
groups from organizations.json, places from places.tsv. Matching runs over letter runs, digit runs and single marks,
so it also finds country names glued to table numbers ("Australia0.73"). Settling drops a match inside a person's
name or a table, a weak alias whose actor is not named outright, and an ambiguous word no named country resolves;
a capital the sentence makes act stands for its state.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache

import pycountry
from spacy.tokens import Doc

from extractors.actor_ids import slug
from extractors.actors.names import doc_span, person_name_ok, words
from extractors.actors.records import Hit, NameSpan, Term
from extractors.common import DATA_DIR, load_data
from extractors.positions import Intervals
from extractors.records import ArticleContext

# Letter runs, digit runs and single punctuation marks: "Australia0.00" splits into "Australia", "0", ".", "00".
TOKEN_RE = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss"}  # spaCy's labels of a subject or a possessor

Token = tuple[int, int, str]  # start, end, normalised text


def load_cues() -> dict:
    """extractors/data/actor_cues.json: the word lists every stage of the actor layer reads."""
    return load_data("actor_cues.json")


def norm_token(token: str) -> str:
    """Quotes and dashes unified, accents folded: 'Perú' in a table is Peru."""
    token = token.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    if token.isascii():
        return token
    folded = "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))
    return folded if folded.isalpha() == token.isalpha() else token


def tokenize(text: str) -> list[Token]:
    return [(m.start(), m.end(), norm_token(m.group())) for m in TOKEN_RE.finditer(text)]


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

    def single_word_titles(self) -> set[str]:
        """The title heads that are one word ('minister', not 'prime minister')."""
        return {h for h in self.cues["title_heads"] if " " not in h}


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def alias_variants(alias: str) -> list[str]:
    """An alias as written, plus its sentence-initial form when it starts with 'the'."""
    variants = [alias]
    if alias.startswith("the "):
        variants.append("The " + alias[4:])
    return variants


def add_alias(terms: dict[tuple[str, ...], Term], alias: str, term: Term) -> None:
    for variant in alias_variants(alias):
        key = tuple(t for _, _, t in tokenize(variant))
        if key:
            terms[key] = term


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file whose '#' lines are comments."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def territories(listed: set[str], not_countries: set[str]) -> dict[str, str]:
    """pycountry's entries that countries.tsv does not list: iso3 -> common name."""
    return {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries
            if c.alpha_3 not in listed and c.alpha_3 not in not_countries}


def territory_terms(names: dict[str, str]) -> Iterator[tuple[str, Term]]:
    """Territories by every plain name pycountry gives them (none with a comma or a bracket)."""
    for iso3, name in names.items():
        country = pycountry.countries.get(alpha_3=iso3)
        term = Term(f"country:{iso3}", name, "country", "country", iso3=iso3)
        for alias in {country.name, name, getattr(country, "official_name", None)}:
            if alias and "," not in alias and "(" not in alias:
                yield alias, term


def organisation_terms() -> Iterator[tuple[str, Term]]:
    for entry in load_data("organizations.json")["entries"]:
        kind = entry["kind"]
        actor_id = f"{kind}:{entry['id']}"
        members = tuple(f"country:{iso3}" for iso3 in entry.get("members", []))
        strong = Term(actor_id, entry["name"], kind, "org", members=members, requires=entry.get("requires"))
        for alias in entry["aliases"]:
            yield alias, strong
        weak = Term(actor_id, entry["name"], kind, "org", members=members, weak=True,
                    requires=entry.get("requires", actor_id))
        for alias in entry.get("weak_aliases", []):
            yield alias, weak


def place_terms() -> Iterator[tuple[str, Term]]:
    for row in read_tsv("places.tsv"):
        term = Term(f"location:{slug(row['name'])}", row["name"], "location", "place")
        for alias in [row["name"], *split_cell(row.get("aliases") or "")]:
            yield alias, term


def listed_country_terms(row: dict[str, str]) -> Iterator[tuple[str, Term]]:
    """A state of countries.tsv by its names (and pycountry's), its demonyms and its capitals."""
    iso3, name = row["iso3"], row["name"]
    term = Term(f"country:{iso3}", name, "country", "country", iso3=iso3)
    names = [name, *split_cell(row["aliases"] or "")]
    record = pycountry.countries.get(alpha_3=iso3)
    if record is not None:
        names += [n for n in (record.name, getattr(record, "official_name", None),
                              getattr(record, "common_name", None)) if n and "," not in n]
    for alias in names:
        yield alias, term
    for demonym in split_cell(row["demonyms"] or ""):
        yield demonym, Term(f"country:{iso3}", name, "country", "demonym", iso3=iso3)
    for capital in split_cell(row["capitals"] or ""):
        yield capital, Term(f"location:{slug(capital)}", capital, "location", "capital", iso3=iso3)


@cache
def load_lexicon() -> Lexicon:
    cues = load_cues()
    country_rows = read_tsv("countries.tsv")
    territory_names = territories({row["iso3"] for row in country_rows}, set(cues["not_country_codes"]))
    country_names = {**territory_names, **{row["iso3"]: row["name"] for row in country_rows}}
    # Lowest precedence first: territories from pycountry, then organisations, places, and the listed states last.
    entries = [*territory_terms(territory_names), *organisation_terms(), *place_terms()]
    for row in country_rows:
        entries += listed_country_terms(row)
    for word, isos in cues.get("ambiguous_country_terms", {}).items():
        entries.append((word, Term(f"location:{slug(word)}", word, "location", "ambiguous",
                                   candidates=tuple(f"country:{i}" for i in isos))))
    terms: dict[tuple[str, ...], Term] = {}
    for alias, term in entries:
        add_alias(terms, alias, term)
    lengths: dict[str, set[int]] = {}
    for key in terms:
        lengths.setdefault(key[0], set()).add(len(key))
    lengths_by_first = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
    return Lexicon(terms=terms, max_len=max(len(k) for k in terms), country_names=country_names, cues=cues,
                   lengths_by_first=lengths_by_first)


# ---------------------------------------------------------------- matching


def match_at(i: int, tokens: list[Token], token_texts: list[str], text: str, lex: Lexicon,
             drops: Counter[str]) -> tuple[int, list[Hit]]:
    """The longest alias starting at token i: how many tokens it takes (0: none) and the hits it gives."""
    for n in lex.lengths_by_first.get(token_texts[i], ()):
        if n > len(tokens) - i:
            continue
        term = lex.terms.get(tuple(token_texts[i:i + n]))
        if term is None:
            continue
        start, end = tokens[i][0], tokens[i + n - 1][1]
        gap_ok = all(len(text[tokens[j][1]:tokens[j + 1][0]]) <= 1 for j in range(i, i + n - 1))
        if "\n" in text[start:end] or not gap_ok:
            continue
        if term.weak and i > 0 and tokens[i - 1][2][:1].isupper() and tokens[i - 1][2] != "The":
            drops["gazetteer.weak_alias_inside_longer_name"] += 1
            continue  # "Global Alliance" is not "the Alliance"
        if term.kind == "country" and text[end:end + 1] in lex.cues["currency_marks"]:
            drops["gazetteer.currency_mark"] += 1
            return n, []  # "US$39 billion", "NZ$", "HK$": a currency, not a mention of the state
        hits = [Hit(term.actor_id, start, end, text[start:end], term)]
        if term.category == "org":
            hits += nested_country_names(tokens[i:i + n], text, lex)
        return n, hits
    return 0, []


def gazetteer_hits(text: str, lex: Lexicon, drops: Counter[str] | None = None) -> list[Hit]:
    """Longest alias match at each position, left to right, never across a line break."""
    drops = Counter() if drops is None else drops
    tokens = tokenize(text)
    token_texts = [t for _, _, t in tokens]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        taken, found = match_at(i, tokens, token_texts, text, lex, drops)
        hits += found
        i += taken or 1
    return hits


def nested_country_names(tokens: list[Token], text: str, lex: Lexicon) -> list[Hit]:
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


# ---------------------------------------------------------------- settling the matches


def capital_used_for_state(doc: Doc, hit: Hit, lex: Lexicon) -> bool:
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
    if after is not None and after.text in lex.cue_set("possessive_marks"):
        return True
    if root.dep_ in SUBJECT_DEPS:
        return True
    if root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS and root.head.ent_type_ == "GPE":
        return True
    return giver_or_agent(doc, span.start, lex)


def giver_or_agent(doc: Doc, start: int, lex: Lexicon) -> bool:
    """'a pledge of USD 50 million from Ottawa and Canberra', 'the sale was blocked by Beijing': a capital (or a run
    of them) after 'from' that follows a noun of giving or pressing, or after the 'by' of a passive, acts as its
    state."""
    i = start - 1
    while i >= 0 and (doc[i].text[:1].isupper() and doc[i].is_alpha or doc[i].lower_ in {"and", ","}):
        i -= 1  # the other capitals of "from Ottawa and Canberra"
    if i < 0:
        return False
    if doc[i].lower_ == "by" and doc[i].dep_ == "agent":
        return True
    if doc[i].lower_ != "from":
        return False
    return any(doc[k].lower_ in lex.cue_set("state_action_nouns") for k in range(max(0, i - 8), i))


def full_names(person_spans: list[NameSpan], lex: Lexicon, lowercase_vocab: set[str]) -> Intervals:
    """The spans of the multi-word person names, by position."""
    return Intervals([(s, e) for n, s, e in person_spans if len(words(n)) >= 2 and person_name_ok(n, lex,
                                                                                                    lowercase_vocab)])


def inside_person(hit: Hit, names: Intervals) -> bool:
    """A place or country inside a multi-word person's name (`names`: from `full_names`) is part of the name
    ("Chad Wolf")."""
    if hit.term is None or hit.term.category == "org":
        return False
    return any(names.spans[i] != (hit.start, hit.end) for i in names.covering(hit.start, hit.end))


def unconfirmed(hit: Hit, strong_ids: set[str]) -> str | None:
    """Why a match needs an actor the document does not name outright: weak aliases ('the Alliance') and entries
    that require another to be named; None when it needs none or that actor is named."""
    term = hit.term
    if term and term.weak and term.requires not in strong_ids:
        return "weak_alias_unconfirmed"
    if term and term.requires and not term.weak and term.requires not in strong_ids:
        return "required_actor_absent"
    return None


def resolve(hit: Hit, doc: Doc, strong_ids: set[str], lex: Lexicon, capital_ids: frozenset[str] = frozenset()
            ) -> Hit | None:
    """Capitals stand for their state only when the sentence makes them act; an ambiguous word ('Korea') needs one
    candidate named outright, or else the capital of only one of them named in the text ('Congo' beside
    'Kinshasa'). None: an ambiguous word nothing resolves."""
    term = hit.term
    assert term is not None
    if term.category == "capital" and capital_used_for_state(doc, hit, lex):
        actor_id = f"country:{term.iso3}"
        return replace(hit, actor_id=actor_id,
                       term=Term(actor_id, lex.country_names[term.iso3 or ""], "country", "capital", iso3=term.iso3))
    if term.category == "ambiguous":
        present = ([c for c in term.candidates if c in strong_ids]
                   or [c for c in term.candidates if c in capital_ids])
        if len(present) != 1:
            return None
        iso3 = present[0].split(":")[1]
        return replace(hit, actor_id=present[0],
                       term=Term(present[0], lex.country_names[iso3], "country", "demonym", iso3=iso3))
    return hit


def settle_hits(doc: Doc, hits: list[Hit], person_spans: list[NameSpan], ctx: ArticleContext, lex: Lexicon,
                lowercase_vocab: set[str], drops: Counter[str]) -> list[Hit]:
    """The matches that stand once people and tables are known; each one left out is counted by its reason."""
    placed = []
    names = full_names(person_spans, lex, lowercase_vocab)
    for hit in hits:
        if inside_person(hit, names):
            drops["gazetteer.inside_person_name"] += 1
        # Inside a table only row labels that are countries count; the rest of a table is numbers.
        elif ctx.is_blocked(hit.start, hit.end) and not (hit.term and hit.term.category == "country"):
            drops["gazetteer.in_table"] += 1
        else:
            placed.append(hit)
    strong_ids = {h.actor_id for h in placed if h.term and not h.term.weak and h.term.category != "capital"}
    capital_ids = frozenset(f"country:{h.term.iso3}" for h in placed if h.term and h.term.category == "capital")
    settled = []
    for hit in placed:
        reason = unconfirmed(hit, strong_ids)
        resolved = None if reason else resolve(hit, doc, strong_ids, lex, capital_ids)
        if resolved is None:
            drops[f"gazetteer.{reason or 'ambiguous_unresolved'}"] += 1
        else:
            settled.append(resolved)
    return settled
