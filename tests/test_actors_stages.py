"""Each stage of the actor layer on its own, on Docs built by hand where the model is not the point (the shared
`nlp` fixture gives only the vocabulary), and the drop counts of the whole layer on real sentences."""

from __future__ import annotations

import random
import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from extractors.actors import extract_actors, extract_actors_with_drops
from extractors.actors.acronyms import acronym_definitions, apply_acronyms, read_definitions, spells_acronym
from extractors.actors.assembly import assemble, main_role
from extractors.actors.bylines import byline_people
from extractors.actors.gazetteer import gazetteer_hits, load_lexicon, settle_hits
from extractors.actors.identity import People, add_person, find_person, same_person
from extractors.actors.names import occurrences, person_name_problem, word_starts
from extractors.actors.organisations import (
    completed_name,
    find_organisations,
    org_candidates,
    org_name_problem,
    state_bodies,
    words_before,
)
from extractors.actors.people import add_single_names, entity_person_spans, sort_person_spans
from extractors.actors.places import find_places
from extractors.actors.records import Hit, OrgBook, Person
from extractors.actors.roles import RoleContext, assign_roles, describe_role, role_before
from extractors.positions import Intervals
from extractors.records import ArticleContext

CTX = ArticleContext(doc_id="t")


def hand_doc(nlp: Language, text: str, ents: dict[str, str] | None = None) -> Doc:
    """A Doc of `text` split at spaces and before punctuation, a sentence ending at each full stop, with `ents` (an
    entity's exact words -> label) tagged and nothing else parsed."""
    words = re.findall(r"[\w'’$-]+|[^\w\s]", text)
    spaces = []
    position = 0
    for word in words:
        position = text.index(word, position) + len(word)
        spaces.append(text[position:position + 1] == " ")
    tags = ["O"] * len(words)
    for phrase, label in (ents or {}).items():
        parts = phrase.split()
        first = next(i for i in range(len(words)) if words[i:i + len(parts)] == parts)
        tags[first:first + len(parts)] = [f"B-{label}"] + [f"I-{label}"] * (len(parts) - 1)
    sent_starts = [i == 0 or words[i - 1] == "." for i in range(len(words))]
    return Doc(nlp.vocab, words=words, spaces=spaces, ents=tags, sent_starts=sent_starts)


# ---------------------------------------------------------------- gazetteer


def test_actors_stages_gazetteer_longest_alias_and_currency_marks() -> None:
    drops: Counter[str] = Counter()
    hits = gazetteer_hits("The United Kingdom paid US$39 billion to the Republic of Korea.", load_lexicon(), drops)
    assert [(h.actor_id, h.text) for h in hits] == [("country:GBR", "United Kingdom"),
                                                    ("country:KOR", "Republic of Korea")]
    assert drops == Counter({"gazetteer.currency_mark": 1})


def test_actors_stages_gazetteer_settling_drops_a_place_inside_a_persons_name(nlp: Language) -> None:
    doc = hand_doc(nlp, "Chad Wolf met officials from Chad.", {"Chad Wolf": "PERSON"})
    lex = load_lexicon()
    drops: Counter[str] = Counter()
    settled = settle_hits(doc, gazetteer_hits(doc.text, lex), [("Chad Wolf", 0, 9)], CTX, lex, set(), drops)
    assert [(h.actor_id, h.start) for h in settled] == [("country:TCD", doc.text.rindex("Chad"))]
    assert drops == Counter({"gazetteer.inside_person_name": 1})


def test_actors_stages_gazetteer_ambiguous_word_needs_one_named_country(nlp: Language) -> None:
    lex = load_lexicon()
    alone = hand_doc(nlp, "Korea denied it.")
    drops: Counter[str] = Counter()
    assert settle_hits(alone, gazetteer_hits(alone.text, lex), [], CTX, lex, set(), drops) == []
    assert drops == Counter({"gazetteer.ambiguous_unresolved": 1})
    resolved = hand_doc(nlp, "North Korea fired a missile and Korea denied it.")
    settled = settle_hits(resolved, gazetteer_hits(resolved.text, lex), [], CTX, lex, set(), Counter())
    assert [h.actor_id for h in settled] == ["country:PRK", "country:PRK"]


def test_actors_stages_gazetteer_keeps_only_countries_inside_tables(nlp: Language) -> None:
    doc = hand_doc(nlp, "Norway 12 Crimea 4")
    lex = load_lexicon()
    drops: Counter[str] = Counter()
    table = ArticleContext(doc_id="t", blocked_spans=((0, len(doc.text)),))
    settled = settle_hits(doc, gazetteer_hits(doc.text, lex), [], table, lex, set(), drops)
    assert [h.actor_id for h in settled] == ["country:NOR"]
    assert drops == Counter({"gazetteer.in_table": 1})


# ---------------------------------------------------------------- people


def test_actors_stages_people_spans_join_split_names_and_particles(nlp: Language) -> None:
    doc = hand_doc(nlp, "Abdi Yusuf Warsame met Ursula von der Leyen.", {"Abdi Yusuf": "PERSON", "Warsame": "PERSON",
                                                                      "Ursula": "PERSON"})
    spans = entity_person_spans(doc, CTX, load_lexicon(), Counter())
    assert [name for name, _, _ in spans] == ["Abdi Yusuf Warsame", "Ursula von der Leyen"]


def test_actors_stages_person_name_problems() -> None:
    lex = load_lexicon()
    assert person_name_problem("Ana Ruiz", lex, set()) is None
    assert person_name_problem("Defence Concept", lex, set()) == "blocker_word"
    assert person_name_problem("Ana ruiz", lex, set()) == "lowercase_word"
    assert person_name_problem("NATO", lex, set()) == "acronym"
    assert person_name_problem("Strong Growth", lex, {"strong", "growth"}) == "ordinary_words"


def test_actors_stages_people_sorted_into_names_single_words_and_mastheads(nlp: Language) -> None:
    text = "Ana Ruiz told the Harbour Affairs Monitor that Ruiz and Kovac disagreed with the Defence Concept."
    doc = hand_doc(nlp, text)
    spans = [(n, text.index(n), text.index(n) + len(n)) for n in ("Ana Ruiz", "Harbour Affairs Monitor", "Kovac",
                                                                   "Defence Concept")]
    drops: Counter[str] = Counter()
    names = sort_person_spans(doc, text, spans, Intervals([]), load_lexicon(), set(), drops)
    assert [n for n, _, _ in names.full] == ["Ana Ruiz"]
    assert [n for n, _, _ in names.single] == ["Kovac"]
    assert [n for n, _, _ in names.publications] == ["Harbour Affairs Monitor"]
    assert drops == Counter({"people.blocker_word": 1})
    persons = [Person("Ana Ruiz")]
    add_single_names(doc, text, [("Ruiz", text.index("Ruiz and"), text.index("Ruiz and") + 4),
                           ("Kovac", text.index("Kovac"), text.index("Kovac") + 5)], persons, load_lexicon(), set(),
                     drops)
    assert [p.name for p in persons] == ["Ana Ruiz"]  # a surname joins its full name; one stray tag adds no one
    assert [h.text for h in persons[0].mentions] == ["Ruiz"]
    assert drops["people.single_name_unconfirmed"] == 1


def test_actors_stages_bylines_give_each_person_their_own_title(nlp: Language) -> None:
    doc = hand_doc(nlp, "Daniel Tan is a Senior Fellow and Siti Rahmawati a Research Analyst at the Regional Studies "
                        "Institute. Ana Ruiz is a keen sailor.")
    drops: Counter[str] = Counter()
    bylines = byline_people(doc, [], load_lexicon(), set(), drops)
    assert [(b.name, b.role) for b in bylines] == [
        ("Daniel Tan", "Senior Fellow at the Regional Studies Institute"),
        ("Siti Rahmawati", "Research Analyst at the Regional Studies Institute")]
    assert drops == Counter({"bylines.no_title": 1})


# ---------------------------------------------------------------- roles


def test_actors_stages_roles_title_before_a_name_takes_its_country(nlp: Language) -> None:
    doc = hand_doc(nlp, "Australian Prime Minister Anthony Albanese spoke.", {"Anthony Albanese": "PERSON"})
    lex = load_lexicon()
    hits = gazetteer_hits(doc.text, lex)
    ctx = RoleContext(lex, doc, {h.start: h for h in hits}, set(), doc.text)
    assert describe_role(0, doc.text.index(" Anthony"), ctx) == "Prime Minister of Australia"
    role, stopped_by_and = role_before(doc.ents[0], ctx)
    assert (role, stopped_by_and) == ("Prime Minister of Australia", False)


def test_actors_stages_roles_come_back_on_new_person_records(nlp: Language) -> None:
    text = "NATO Secretary-General Jens Stoltenberg spoke."
    doc = hand_doc(nlp, text, {"Jens Stoltenberg": "PERSON"})
    start = text.index("Jens")
    given = [Person("Jens Stoltenberg", [Hit("", start, start + 16, "Jens Stoltenberg")])]
    persons = assign_roles(doc, gazetteer_hits(text, load_lexicon()), given, [], load_lexicon())
    assert persons[0].roles == [(start, "NATO Secretary-General")]
    assert given[0].roles == []


# ---------------------------------------------------------------- organisations and acronyms


def test_actors_stages_organisation_names_completed_and_judged() -> None:
    lex = load_lexicon()
    text = "The Committee for Freedom in Harbour City Foundation urged sanctions."
    start = text.index("Committee")
    assert completed_name(text, "Committee for Freedom", start, start + 21, OrgBook(hits=[]), lex)[0] == \
        "Committee for Freedom in Harbour City Foundation"
    assert org_name_problem("Treaty on Open Skies", lex, Counter(), set()) == "document_or_event"
    assert org_name_problem("Voltaro", lex, Counter({"Voltaro": 1}), set()) == "single_word_unconfirmed"
    assert org_name_problem("Voltaro", lex, Counter({"Voltaro": 1}), set(), vouched=True) is None
    assert org_name_problem("Harbour Research Institute", lex, Counter(), set()) is None


def test_actors_stages_state_bodies_after_a_demonym(nlp: Language) -> None:
    doc = hand_doc(nlp, "Kenyan trade ministry data and the Peruvian Navy agreed.")
    found = state_bodies(doc.text, doc, gazetteer_hits(doc.text, load_lexicon()), load_lexicon())
    assert [name for name, _, _ in found] == ["Kenyan trade ministry", "Peruvian Navy"]


def test_actors_stages_organisation_named_after_a_capital_takes_its_span(nlp: Language) -> None:
    doc = hand_doc(nlp, "The University of Oslo and the Defence Concept were cited in Oslo.",
                   {"University of Oslo": "ORG", "Defence Concept": "ORG"})
    lex = load_lexicon()
    hits = settle_hits(doc, gazetteer_hits(doc.text, lex), [], CTX, lex, set(), Counter())
    drops: Counter[str] = Counter()
    candidates = org_candidates(doc, CTX, hits, [], [], lex, drops)
    definitions = read_definitions(doc.text, lex, drops)
    book = find_organisations(doc, CTX, hits, [], candidates, definitions, lex, set(), drops)
    assert list(book.orgs) == ["organization:university-of-oslo"]
    assert [h.start for h in book.hits] == [doc.text.rindex("Oslo")]  # the capital inside the name is no mention
    assert len(hits) == 2  # the stage's input is left as it was
    assert drops == Counter({"organisations.document_or_event": 1})


def test_actors_stages_acronyms_defined_in_brackets() -> None:
    assert spells_acronym("MINTRANS", ["Ministry", "of", "Transport"])
    text = ("The Coastal Research Institute (CRI) and the Belt and Road Initiative (BRI) were named. CRI said the "
            "BRI would grow.")
    lex = load_lexicon()
    assert [(d.long, d.short) for d in acronym_definitions(text)] == [("Coastal Research Institute", "CRI"),
                                                                     ("Belt and Road Initiative", "BRI")]
    drops: Counter[str] = Counter()
    definitions = read_definitions(text, lex, drops)
    assert definitions.not_bodies == {"BRI"} and drops == Counter({"acronyms.not_a_body": 1})
    given = OrgBook(hits=[])
    book = apply_acronyms(text, CTX, given, definitions, lex, drops)
    assert given.orgs == {}  # a new book comes back
    (name, mentions), = book.orgs.values()
    assert name == "Coastal Research Institute"
    assert [m.text for m in mentions] == ["Coastal Research Institute", "CRI", "CRI"]


# ---------------------------------------------------------------- places and assembly


def test_actors_stages_places_from_spacy_with_their_drops(nlp: Language) -> None:
    doc = hand_doc(nlp, "Talks in Lakeview and ACME ended near Halden Strategy.",
                   {"Lakeview": "GPE", "ACME": "GPE", "Halden Strategy": "LOC"})
    drops: Counter[str] = Counter()
    places = find_places(doc, CTX, OrgBook(hits=[]), [], load_lexicon(), drops)
    assert list(places) == ["location:lakeview"]
    assert drops == Counter({"places.acronym": 1, "places.non_actor_word": 1})


def test_actors_stages_assembly_sorts_mentions_and_picks_the_role_with_a_place() -> None:
    person = Person("Ana Ruiz", [Hit("", 30, 38, "Ana Ruiz"), Hit("", 0, 8, "Ana Ruiz"), Hit("", 0, 8, "Ana Ruiz")],
                    [(0, "minister"), (30, "Minister of Transport of Chile")])
    actors = assemble([], {}, {}, [person])
    assert [(m.start, m.end) for m in actors[0].mentions] == [(0, 8), (30, 38)]
    assert actors[0].role == "Minister of Transport of Chile"
    assert main_role([]) is None


# ---------------------------------------------------------------- the whole layer


def test_actors_stages_drops_are_counted_on_a_real_sentence(nlp: Language) -> None:
    text = ("The United States paid US$39 billion, and Korea denied it. Officials said the Defence Concept of 2019 "
            "lapsed. Transport Minister Ana Ruiz met Marek Nowak in Warsaw on Monday.")
    doc = nlp(text)
    result = extract_actors_with_drops(doc, CTX)
    assert result.drops["gazetteer.currency_mark"] == 1  # "US$": a currency, not the state
    assert result.drops["gazetteer.ambiguous_unresolved"] == 1  # "Korea" with neither Korea named
    assert result.drops["organisations.document_or_event"] == 1  # spaCy's ORG "the Defence Concept"
    stages = {"gazetteer", "people", "bylines", "organisations", "acronyms", "places"}
    assert all(key.split(".")[0] in stages and re.fullmatch(r"\w+\.\w+", key) for key in result.drops)
    assert all(count > 0 for count in result.drops.values())
    assert result.actors == extract_actors(doc, CTX)
    assert {"country:USA", "person:ana-ruiz", "person:marek-nowak"} <= {a.actor_id for a in result.actors}


def scan_add_person(persons: list[Person], name: str) -> None:
    """What add_person did by scanning every person: the first same person takes the name when it is longer."""
    person = next((p for p in persons if same_person(p.name, name)), None)
    if person is None:
        persons.append(Person(name))
    elif len(name.split()) > len(person.name.split()):
        person.name = name


def test_actors_stages_people_find_the_person_a_scan_finds_while_they_grow_and_are_renamed() -> None:
    names = ["Zelensky", "Volodymyr Zelensky", "Volodymyr Zelenski", "Umerov", "Rustem Umierov", "Rustem Umerov",
             "Kim Jong Un", "Kim Jong-un", "Kim", "Lai Ching-te", "Lai", "Xi", "Xi Jinping", "Anna Berg", "Berg",
             "Jonas Berg", "Ana Ruiz", "A. Ruiz", "Ruiz", "Ana Maria Ruiz"]
    rng = random.Random(5)
    for _ in range(50):
        people, scanned = People(), []
        for _ in range(40):
            name = rng.choice(names)
            expected = next((p for p in scanned if same_person(p.name, name)), None)
            found = find_person(people, name)
            assert (found is None) == (expected is None)
            assert found is None or people.index(found) == scanned.index(expected)
            add_person(people, name, (0, len(name)), name, "spacy")
            scan_add_person(scanned, name)
            assert [p.name for p in people] == [p.name for p in scanned]


def test_actors_stages_words_before_place_nouns_are_what_a_search_for_each_word_finds() -> None:
    text = ("the Varanger peninsula, north of the Kola-Varanger peninsula and (Tana) river; Lake Inari's shore, "
            "the Finnmark coast and the U.S. coast; peninsula at the start; X-ray river")
    lookahead = r"(?= (?:peninsula|river|coast)\b)"
    found = words_before(text, lookahead)
    for word in {w for token in text.split() for w in (token, token.strip("(),;.'"), token[1:], token[2:]) if w}:
        assert (word in found) == bool(re.search(rf"(?<![\w-]){re.escape(word)} (?:peninsula|river|coast)\b", text))


def test_actors_stages_occurrences_of_a_name_are_what_a_search_of_the_text_finds() -> None:
    text = ("Anna Berg met Berg, Bergen's mayor and al-Berg; Anna Berg-Lund and Anna Berg Anna Berg. O'Brien, "
            "O'Briens and Lai Ching-te; Ching-te Lai. A A A A. Berg")
    starts = word_starts(text)
    for form in ["Anna Berg", "Berg", "O'Brien", "Ching-te", "Lai", "A A", "al-Berg", "Lund", "'Brien", "Bergen's"]:
        expected = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]
        assert occurrences(form, text, starts) == expected, form
