"""Claims: which sentences and clauses are claims, who they are attributed to, which are hedged.

Real spaCy parses throughout. Sentences are our own (other conflicts and regions than the seeds); the seeds and
two annotated articles of our own (tests/data/claims_*.txt with *.gold.json) are scored with the shared scorer.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from spacy.tokens import Doc

from extractors.claims import claims_with_drops, looks_like_glued_table, parse_entangled
from extractors.document import Document, content_id
from extractors.pipeline import extract_document
from extractors.readers import read_document
from extractors.records import ArticleContext, Claim

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = Path(__file__).parent / "data"


def claims_of(nlp, text: str) -> list[Claim]:
    document = Document(doc_id=content_id(text.encode()), source="test.txt", format="txt", text=text)
    return extract_document(document, nlp(text)).claims


def the_claim(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.text]
    assert len(found) == 1, f"{fragment!r} in {[c.text for c in claims]}"
    return found[0]


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def claim_scores(nlp, pairs: list[tuple[Path, Path]]) -> dict[str, float]:
    score = scorer()
    tallies = {name: score.Tally() for name in ("claims", "attribution", "hedging")}
    misses: list[str] = []
    for text_path, gold_path in pairs:
        document = read_document(text_path)
        claims = extract_document(document, nlp(document.text)).claims
        rows = pd.DataFrame([{"text": c.text, "speaker": c.speaker, "hedged": c.hedged} for c in claims])
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        score.score_claims(gold["claims"], rows, tallies["claims"], tallies["attribution"], tallies["hedging"], misses)
    return {name: tally.scores()["f1"] for name, tally in tallies.items()} | {"misses": misses}


# ------------------------------------------------------------------ gates on annotated articles


def test_claims_seed_scores_at_or_above_floor(nlp) -> None:
    pairs = [(SHARED / "seeds" / g.name.replace(".json", ".txt"), g) for g in sorted((SHARED / "gold").glob("*.json"))]
    scores = claim_scores(nlp, pairs)
    assert scores["claims"] >= 0.95, scores
    assert scores["attribution"] >= 0.9, scores
    assert scores["hedging"] >= 0.8, scores


def test_claims_own_articles_scores_at_or_above_floor(nlp) -> None:
    pairs = [(DATA / g.name.replace(".gold.json", ".txt"), g) for g in sorted(DATA.glob("claims_*.gold.json"))]
    assert len(pairs) >= 3
    scores = claim_scores(nlp, pairs)
    assert scores["claims"] >= 0.95, scores
    assert scores["attribution"] >= 0.9, scores
    assert scores["hedging"] >= 0.9, scores


# ------------------------------------------------------------------ attribution


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Ukraine's foreign minister, Dmytro Kuleba, said on Monday that Kyiv had received the first F-16 jets.",
         "received the first F-16", "Dmytro Kuleba"),
        ("“We will not be intimidated,” Taiwanese President Lai Ching-te told reporters in Taipei on Friday.",
         "intimidated", "Lai Ching-te"),
        ("According to the UN refugee agency, more than 6 million people have fled Sudan since April 2023.",
         "6 million people", "UN refugee agency"),
        ("The Israeli military said it had struck 50 targets in Gaza overnight.", "50 targets", "Israeli military"),
        ("Reuters reported that Iran had supplied drones to Russia in 2022.", "supplied drones", "Reuters"),
        ("The attack on the convoy near Goma was condemned by the African Union.", "convoy", "African Union"),
        ("Beijing has accused Manila of provoking the clash near Second Thomas Shoal.", "provoking", "Beijing"),
        ("Figures published by Eurostat show that EU gas imports from Russia fell by 40% in 2023.", "fell by 40%",
         "Eurostat"),
        ("North Korea sent 1 million shells to Russia, South Korea's spy agency said.", "1 million shells",
         "South Korea's spy agency"),
    ],
)
def test_claims_attribution_names_the_speaker(nlp, text: str, fragment: str, speaker: str) -> None:
    claim = the_claim(claims_of(nlp, text), fragment)
    assert claim.speaker is not None and speaker.lower() in claim.speaker.lower(), claim


def test_claims_pronoun_speaker_resolves_to_the_person_named_before(nlp) -> None:
    text = ("Georgian Prime Minister Levan Kipiani met EU officials in Vienna on 5 April 2024. "
            "He said Georgia would freeze its talks with the bank.")
    claim = the_claim(claims_of(nlp, text), "freeze")
    assert claim.speaker == "Levan Kipiani"


def test_claims_pronoun_speaker_is_the_last_person_subject_not_a_nearer_name(nlp) -> None:
    text = ("Ukrainian Defence Minister Rustem Umerov met Lloyd Austin in Brussels on Friday. "
            "He said Russia had lost 1,200 soldiers in a single day.")
    claim = the_claim(claims_of(nlp, text), "1,200 soldiers")
    assert claim.speaker is not None and "Umerov" in claim.speaker, claim


def test_claims_pronoun_speaker_never_resolves_to_a_place(nlp) -> None:
    # spaCy labels 'Ashgabat' a PERSON here; the nearest 'person' before 'He' is the city
    text = ("Turkmen Foreign Minister Rashid Meredov told reporters in Ashgabat that the pipeline deal was "
            "\"a new chapter\". He added that Turkmenistan had agreed to ship 5 billion cubic metres of gas to Iraq.")
    assert any(e.text == "Ashgabat" and e.label_ == "PERSON" for e in nlp(text).ents)
    claim = the_claim(claims_of(nlp, text), "5 billion cubic metres")
    assert claim.speaker is not None and "Meredov" in claim.speaker, claim


def test_claims_they_resolves_to_a_plural_subject_in_the_same_sentence(nlp) -> None:
    text = ("Russia and China held naval drills in July 2024. All five Central Asian states met in Astana, "
            "and they said the Caspian pipeline would be finished by 2027.")
    claim = the_claim(claims_of(nlp, text), "Caspian pipeline")
    assert claim.speaker is not None and "Central Asian states" in claim.speaker, claim


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ('"Our forces are ready," said Colonel Ahmed Bakr, a spokesman for the Sudanese army. '
         '"The militia attacked El Fasher again on 3 May."', "El Fasher", "Ahmed Bakr"),
        ('The Pentagon\'s press secretary, Pat Ryder, said: "We have delivered 31 Abrams tanks to Ukraine. '
         'Another 14 arrived in Poland in March."', "Another 14", "Pat Ryder"),
    ],
)
def test_claims_quoted_sentences_inherit_the_speaker_of_the_quotation(nlp, text: str, fragment: str,
                                                                       speaker: str) -> None:
    claim = the_claim(claims_of(nlp, text), fragment)
    assert claim.speaker is not None and speaker in claim.speaker, claim


def test_claims_quoted_speaker_does_not_carry_over_an_unquoted_sentence_or_a_paragraph(nlp) -> None:
    text = ('"Our forces are ready," said Colonel Ahmed Bakr. The militia attacked El Fasher on 3 May.\n\n'
            '"Sudan received 40 drones from Iran in 2024."')
    claims = claims_of(nlp, text)
    assert the_claim(claims, "El Fasher").speaker is None
    assert the_claim(claims, "40 drones").speaker is None


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("Japan's exports of chip-making equipment to China rose by 82% in 2023, Japanese trade data show, "
         "while shipments to Taiwan fell.", "82%", "trade data"),
        ("A survey by the Nordic Opinion Institute found that 58% of Finns view Russia as a threat.", "58%",
         "Nordic Opinion Institute"),
        ("An opinion poll published in May by the Kyiv International Institute of Sociology suggested that 57% of "
         "Ukrainians oppose territorial concessions.", "57%", "Kyiv International Institute of Sociology"),
        ("Iran shipped 2 million barrels of oil to Syria in March, Lloyd's List Intelligence said.", "2 million",
         "Lloyd's List"),
    ],
)
def test_claims_data_and_polls_are_sources_before_or_after_the_claim(nlp, text: str, fragment: str,
                                                                      speaker: str) -> None:
    claim = the_claim(claims_of(nlp, text), fragment)
    assert claim.speaker is not None and speaker in claim.speaker, claim


@pytest.mark.parametrize(
    "text",
    [
        "Recent data show that Chinese imports of Russian oil rose by 24% in 2023.",
        "Japan's population fell by 800,000 in 2023, recent data show.",
    ],
)
def test_claims_no_source_without_an_owner_or_a_speaker(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled Kharkiv on 3 May 2024, a claim Moscow denies.",
        "Russian forces shelled Kharkiv on 3 May 2024, an allegation that Moscow denied.",
    ],
)
def test_claims_a_denial_after_the_claim_is_not_its_source(nlp, text: str) -> None:
    """The denier does not say what it denies: the shelling stays the author's; the denial, where it is a claim
    of its own, is the denier's."""
    claims = claims_of(nlp, text)
    assert the_claim(claims, "shelled Kharkiv").speaker is None, claims
    assert all(c.speaker in {None, "Moscow"} for c in claims), claims


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Ukraine received 30 tanks in March, the ministry reported on Monday.", "ministry"),
        ("The ceasefire held for 12 hours, officials in Gaza said, but fighting resumed on 3 May.",
         "officials in Gaza"),
        ("The EU imposed sanctions on 12 Iranian entities in May 2024, the Official Journal shows.",
         "Official Journal"),
    ],
)
def test_claims_reporting_clause_after_the_claim(nlp, text: str, speaker: str) -> None:
    claim = claims_of(nlp, text)[0]
    assert claim.speaker is not None and speaker in claim.speaker, claim


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ('A spokesperson for the Kenyan government welcomed the ruling as "a victory for the rule of law".',
         "welcomed the ruling", "spokesperson for the Kenyan government"),
        ("Seoul rejected the proposal, saying it would weaken sanctions on North Korea.", "weaken sanctions",
         "Seoul"),
        ("Diplomats expect Tehran to resume talks with the IAEA before November.", "resume talks", "Diplomats"),
        ("Most economists believe that Russia's economy will contract by 2% in 2025.", "contract by 2%",
         "economists"),
    ],
)
def test_claims_stance_and_expectation_verbs_report(nlp, text: str, fragment: str, speaker: str) -> None:
    claim = the_claim(claims_of(nlp, text), fragment)
    assert claim.speaker is not None and speaker in claim.speaker, claim


def test_claims_speaker_title_with_the_name_after_it_gives_the_name(nlp) -> None:
    text = ('"The navy has been left to decline for far too long," said the committee\'s chair, Senator Maria Lopez. '
            '"The navy lost 12 frigates in 2023."')
    claims = claims_of(nlp, text)
    assert the_claim(claims, "decline").speaker == "Maria Lopez"
    assert the_claim(claims, "12 frigates").speaker == "Maria Lopez"


@pytest.mark.parametrize("name", ["Dame Ruth Okafor", "Sir Alan Pemberton-Hale", "Senator Maria Lopez"])
def test_claims_name_in_apposition_to_a_role_names_the_speaker(nlp, name: str) -> None:
    text = f'"The commission has been left to decline for years," said the commission\'s chair, {name}.'
    claim = the_claim(claims_of(nlp, text), "decline")
    assert claim.speaker is not None and name.split()[-1] in claim.speaker, claim


def test_claims_participle_after_a_comma_is_no_speaker(nlp) -> None:
    text = ("The French-led Operation Atlas, unveiled in May 2022, and Operation Delta, launched in February 2024, "
            "have shot down 40 drones.")
    assert [c.speaker for c in claims_of(nlp, text)] == [None]


def test_claims_stance_verb_with_a_plain_object_is_no_report(nlp) -> None:
    claims = claims_of(nlp, "The Kenyan government welcomed a Haitian delegation in Nairobi on 12 May 2024.")
    assert [c.speaker for c in claims] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Russia launched 40 missiles at Kyiv on Tuesday, killing at least 12 people.",
        "It should be noted that the Philippines signed a defence pact with Japan in July 2024.",
        "It has been reported that Wagner fighters remain in Mali.",
        "The agreement was signed in June 2024 by the presidents of Kenya and Somalia.",
        "The ceasefire in Gaza collapsed in March 2025.",
    ],
)
def test_claims_author_assertions_have_no_source(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims, text
    assert all(c.speaker is None for c in claims), claims


def test_claims_unreal_report_gives_no_source(nlp) -> None:
    claims = claims_of(nlp, "Seoul may announce a new sanctions package against North Korea in May 2025.")
    assert [c.speaker for c in claims] == [None]


def test_claims_nominal_source_takes_the_actor_canonical_name(nlp) -> None:
    text = "NATO held talks in Brussels on 3 May 2024. The alliance said it would station 4,000 troops in Lithuania."
    document = Document(doc_id="t", source="t.txt", format="txt", text=text)
    extraction = extract_document(document, nlp(text))
    claim = the_claim(extraction.claims, "4,000 troops")
    alliance = next((a for a in extraction.actors if any(m.text == "alliance" for m in a.mentions)), None)
    if alliance is None:  # the actors extractor in use does not resolve "the alliance": the phrase itself stays
        assert claim.speaker is not None and "alliance" in claim.speaker.lower()
    else:
        assert claim.speaker == alliance.name


# ------------------------------------------------------------------ hedging


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("The strike may have killed dozens of civilians in Khan Younis.", True),
        ("Pyongyang is believed to have sent 10,000 troops to Kursk.", True),
        ("North Korea is expected to conduct a nuclear test before November.", True),
        ("The drones were allegedly supplied by Iran to the Houthis.", True),
        ("Moscow appears to be preparing a new offensive near Kharkiv.", True),
        ("The deal will likely be signed in Riyadh next month.", True),
        ("Serbia has reportedly moved troops closer to the border with Kosovo.", True),
        ("The tanker has also been reportd to be carrying 30,000 tonnes of grain to Libya.", True),
        ("The deal was signed in May 2023 by Serbia and Kosovo.", False),
        ("The attack was reported to the police in Kraków on Monday.", False),
        ("Japan’s defence ministry said the missile “could reach any part of the United States”.", False),
        ("Diplomats expect Tehran to resume talks with the IAEA before November.", True),
        ("The ceasefire could not take effect until both sides withdraw their heavy weapons.", False),
        ("Ukraine cannot join NATO unless all 32 members agree.", False),
        ("The ceasefire in Gaza could collapse before Ramadan.", True),
        ("Seoul could not confirm that 30 North Korean soldiers had crossed the border.", True),
        ("“The militia is expected to attack El Fasher again within days,” said Colonel Ahmed Bakr.", True),
    ],
)
def test_claims_hedge_cues(nlp, text: str, hedged: bool) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1, claims
    assert claims[0].hedged is hedged


# ------------------------------------------------------------------ what is not a claim


@pytest.mark.parametrize(
    "text",
    [
        "Why the Sahel matters",
        "What comes next for Armenia and Azerbaijan?",
        "The impact of the war in Sudan on the Horn of Africa.",
        "In my view, the European response to the crisis in Sudan has been too slow.",
        "We can read the Kursk incursion as a test of Russian resolve.",
        "It is clear that Germany must do more to support Ukraine.",
        "It remains unclear whether Hamas and Israel will agree to a second phase.",
        "As noted above, the stakes for Taiwan are high.",
        "The war in Sudan is a stark illustration of the limits of African Union mediation.",
        "This article was originally published on War on the Rocks.",
        "John Smith is a Senior Fellow at the Lowy Institute in Sydney.",
        "[4] M. Jones (et al.), Arms flows to the Sahel, SIPRI Background Paper, May 2023, https://www.sipri.org/x.",
        "Turkey0.000.110.730.840.06",
        "Whether Beijing believes those commitments is another matter.",
        "Taiwan's partners should say so clearly.",
        "This commentary first appeared on the Lowy Institute's Interpreter.",
    ],
)
def test_claims_rejects_non_claims(nlp, text: str) -> None:
    body = "Kenya deployed 400 police officers to Haiti in June 2024.\n" + text
    claims = claims_of(nlp, body)
    assert [c.text for c in claims] == ["Kenya deployed 400 police officers to Haiti in June 2024."]


def test_claims_heading_glued_to_the_next_sentence_is_cut_off(nlp) -> None:
    text = ("Kenya deployed 400 police officers to Haiti in June 2024.\n"
            "Russia's new partners\nIran delivered Shahed drones to Russia in August 2022, US officials said.")
    claim = the_claim(claims_of(nlp, text), "Shahed")
    assert claim.text.startswith("Iran delivered")
    assert claim.speaker == "US officials"


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON, March 3 (Reuters) - ", "KYIV, Ukraine, 3 March 2025 — ", "ADDIS ABABA (AFP) – "],
)
def test_claims_wire_dateline_is_cut_off(nlp, dateline: str) -> None:
    text = "Arms sales\n\n" + dateline + "The United States approved a $2 billion arms sale to Taiwan on Monday."
    claim = the_claim(claims_of(nlp, text), "arms sale")
    assert claim.text.startswith("The United States")
    assert claim.start == text.index("The United States")


def test_claims_front_matter_title_with_question_is_not_a_claim(nlp) -> None:
    text = ("Policy Paper 7/2024\n\nSerbia and Kosovo sign a deal. A lasting peace?\n\n"
            "Serbia and Kosovo agreed in February 2023 on a plan to normalise relations, which the EU had proposed "
            "in 2022, and both governments endorsed an implementation annex in Ohrid in March 2023.")
    texts = [c.text for c in claims_of(nlp, text)]
    assert not any("A lasting peace" in t or t.startswith("Serbia and Kosovo sign") for t in texts), texts
    assert any("agreed in February 2023" in t for t in texts)


def test_claims_never_inside_blocked_spans(nlp) -> None:
    from extractors.claims import extract_claims
    from extractors.records import ArticleContext

    text = "Chile bought 12 F-16 jets in 2005. Peru bought 8 MiG-29 jets in 1996."
    doc = nlp(text)
    blocked = (0, text.index("Peru") - 1)
    claims = extract_claims(doc, ArticleContext(doc_id="t", blocked_spans=(blocked,)), [], [], [], nlp)
    assert [c.text for c in claims] == ["Peru bought 8 MiG-29 jets in 1996."]


def test_claims_glued_table_rows_are_recognised() -> None:
    assert looks_like_glued_table("Germany1.413.0510.6315.090.38")
    assert looks_like_glued_table("The Czech Republic0.000.051.241.290.50")
    assert not looks_like_glued_table("Germany gave EUR 1.4 billion in 2023.")


# ------------------------------------------------------------------ clause splitting


def test_claims_split_coordinated_independent_clauses(nlp) -> None:
    text = ("Officials in Manila said Chinese coast guard vessels fired water cannon at a resupply boat, "
            "and the Philippine navy released video of the incident on 5 March 2024.")
    claims = claims_of(nlp, text)
    said = the_claim(claims, "water cannon")
    video = the_claim(claims, "released video")
    assert said.speaker is not None and "Officials" in said.speaker
    assert video.speaker is None
    assert said.end <= video.start


def test_claims_split_at_contrastive_while(nlp) -> None:
    text = ("The European Union agreed to launch a naval mission in February 2024, "
            "while India deployed 10 warships to the Arabian Sea.")
    claims = claims_of(nlp, text)
    assert [c.text.split()[0] for c in claims] == ["The", "while"]


def test_claims_shared_subject_is_not_split(nlp) -> None:
    text = "The pact was founded in 2011 by 9 states and currently has 31 members."
    assert len(claims_of(nlp, text)) == 1


def test_claims_semicolon_joins_two_claims(nlp) -> None:
    claims = claims_of(nlp, "Kyiv has received 30 Leopard tanks; another 50 are due in March 2025.")
    assert len(claims) == 2


# ------------------------------------------------------------------ offsets and links


def test_claims_offsets_and_links(nlp) -> None:
    text = ("Background\n\nIn 2022, Norwegian gas sales to Poland rose by 31%, according to the IEA. "
            "Ukraine shot down 30 drones over Odesa on 2 March 2024.")
    document = Document(doc_id="t", source="t.txt", format="txt", text=text, published="2024-03-05")
    extraction = extract_document(document, nlp(text))
    for claim in extraction.claims:
        assert text[claim.start : claim.end] == claim.text
    oil = the_claim(extraction.claims, "gas sales")
    assert oil.speaker == "IEA"
    figure_ids = {f.id for f in extraction.figures if oil.start <= f.start and f.end <= oil.end}
    assert figure_ids and set(oil.figure_ids) == figure_ids
    assert "2022" in oil.date_values
    poland = next(a for a in extraction.actors if a.iso3 == "POL")
    assert poland.actor_id in oil.actor_ids
    assert not any(c.text.startswith("Background") for c in extraction.claims)


def test_claims_text_is_exactly_the_article_slice(nlp) -> None:
    """Over every article we have (seeds, held-out, our own): text == document.text[start:end], no edge space."""
    folders = [SHARED / "seeds", REPO / "corpus", REPO / "tests" / "devset1", DATA]
    paths = [p for f in folders for p in sorted(f.glob("*")) if p.suffix in {".txt", ".md", ".html", ".pdf"}]
    assert len(paths) >= 10
    checked = 0
    for path in paths:
        document = read_document(path)
        if not document.ok:
            continue
        for claim in extract_document(document, nlp(document.text)).claims:
            assert claim.text == document.text[claim.start : claim.end], (path.name, claim)
            assert claim.text == claim.text.strip(), (path.name, claim)
            checked += 1
    assert checked > 100


# ------------------------------------------------------------------ third round: general causes on unseen text


def test_claims_thousands_with_decimals_are_not_glued_table_text(nlp) -> None:
    assert not looks_like_glued_table("The drone flew 1,234.5 km and cost 12,345,678.90 euros.")
    text = ("The ministry said on Monday that the glide vehicle had travelled 2,345.6 km before impact. "
            "Defence Minister Ana Ruiz, who attended the test, called it a success.")
    claims = claims_of(nlp, text)
    assert the_claim(claims, "travelled 2,345.6 km").speaker is not None
    assert the_claim(claims, "Ana Ruiz, who attended the test").speaker == "Ana Ruiz"


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    ("Grain exports rose from 410,000 tonnes in 2022 to 520,000 last year, and fertiliser sales fell by 12%, "
     "according to the Moldovan customs service.", "Grain exports rose", "Moldovan customs service"),
    ("Arrivals fell to 8,100 in March, according to the think tank Bruegel.", "Arrivals fell", "Bruegel"),
])
def test_claims_closing_according_to_covers_every_clause_and_prefers_the_name(nlp, text: str, fragment: str,
                                                                              speaker: str) -> None:
    assert the_claim(claims_of(nlp, text), fragment).speaker == speaker


def test_claims_reporting_verb_tagged_as_a_plural_noun_still_reports(nlp) -> None:
    text = ("Its fleet grew from 40 frigates in 2019 to 52 in 2023, and the Australian Department of Defence "
            "projects that it will probably reach 70 by 2035.")
    claims = claims_of(nlp, text)
    forecast = the_claim(claims, "it will probably reach 70")
    assert forecast.speaker is not None and "Department of Defence" in forecast.speaker and forecast.hedged
    assert the_claim(claims, "Its fleet grew").speaker is None


@pytest.mark.parametrize("text", [
    "Minsk would neither confirm nor deny the transfer of 40 tanks.",
    "Since March 2023 the council has added more than 1,800 names to the list.",
    "The audit results were published by the Court of Auditors in May 2024.",
])
def test_claims_negated_or_object_only_reporting_verbs_give_no_source(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is None


def test_claims_add_with_a_clause_or_quote_still_reports(nlp) -> None:
    text = 'The minister added that 300 more troops would arrive in June.'
    assert the_claim(claims_of(nlp, text), "300 more troops").speaker == "minister"


@pytest.mark.parametrize(("text", "hedged"), [
    ("Surveys suggest the ruling party will lose its majority in the October election.", True),
    ('"The damage suggests the depot was hit by two missiles," said Tomas Berg, an analyst at the Riga Institute.',
     True),
    ("Exports to Serbia doubled in 2023, which suggests that the embargo is being evaded.", False),
    ("The envoy suggested a compromise on 12 March.", False),
])
def test_claims_suggest_with_a_clause_hedges(nlp, text: str, hedged: bool) -> None:
    claims = claims_of(nlp, text)
    assert claims and claims[0].hedged is hedged


def test_claims_publication_notice_only_about_the_text_itself(nlp) -> None:
    assert claims_of(nlp, "This commentary was first published by the Lowy Institute on 4 May 2024.") == []
    kept = claims_of(nlp, "The loss estimates were originally released by the Ukrainian General Staff in March.")
    assert len(kept) == 1


def test_claims_hedged_forecast_with_a_date_survives_an_opinion_marker(nlp) -> None:
    claims = claims_of(nlp, "The most likely outcome, in our view, is a ceasefire along the current line before "
                            "June 2025.")
    assert len(claims) == 1 and claims[0].hedged
    assert claims_of(nlp, "In our view, the alliance has been too timid in its response to the Baltic crisis.") == []


def test_claims_second_half_of_a_quoted_sentence_is_no_claim_of_its_own(nlp) -> None:
    text = ('Senator Maria Lopez was blunt. "Every budget we hear the same pledges, and every year the backlog of '
            'repairs grows."')
    assert not any(c.text.startswith("every year") for c in claims_of(nlp, text))
    text = ('General Tomas Berg said the brigade was ready. "The brigade has 4,000 troops in Lithuania, and the '
            'second battalion arrives in May."')
    claims = claims_of(nlp, text)
    merged = the_claim(claims, "4,000 troops")
    assert merged.text.startswith("The brigade has") and merged.text.endswith('May."')


# ------------------------------------------------------------------ speaker actor ids and drop reasons


def test_claims_speaker_actor_id_names_the_speaking_actor(nlp) -> None:
    text = ("The Defence Minister of Norway, Ingrid Dahl, said on Monday that Oslo would buy 14 new patrol boats. "
            "A spokesperson for the ministry said the first 3 boats would arrive in 2027.")
    document = Document(doc_id="t", source="t.txt", format="txt", text=text)
    extraction = extract_document(document, nlp(text))
    boats = the_claim(extraction.claims, "14 new patrol boats")
    dahl = next(a for a in extraction.actors if a.kind == "person" and "Dahl" in a.name)
    assert boats.speaker is not None and "Ingrid Dahl" in boats.speaker
    assert boats.speaker_actor_id == dahl.actor_id
    arrival = the_claim(extraction.claims, "first 3 boats")
    assert arrival.speaker is not None and arrival.speaker_actor_id is None  # a spokesperson is not the ministry


def test_claims_author_claims_have_no_speaker_actor_id(nlp) -> None:
    claims = claims_of(nlp, "Chile ordered 12 radar systems from a Spanish firm in March 2023.")
    assert [(c.speaker, c.speaker_actor_id) for c in claims] == [(None, None)]


def test_claims_drops_are_counted_by_reason(nlp) -> None:
    text = ("Helicopters for the Andes\n\n"
            "Peru bought 8 helicopters from Italy in 2022. Will Lima buy 4 more in 2025? "
            "We think Lima should buy 4 more in 2025.")
    document = Document(doc_id="t", source="t.txt", format="txt", text=text)
    doc = nlp(text)
    extraction = extract_document(document, doc)
    claims, drops = claims_with_drops(doc, ArticleContext(doc_id="t"), extraction.actors, extraction.dates,
                                      extraction.figures, nlp)
    assert [c.text for c in claims] == ["Peru bought 8 helicopters from Italy in 2022."]
    assert drops["heading line"] == 1 and drops["question"] == 1
    assert drops["first person"] + drops["prescription"] == 1
    # the pipeline keeps the same counts, named by extractor, instead of discarding them
    assert extraction.drops["claims.heading_line"] == 1 and extraction.drops["claims.question"] == 1
    assert extraction.drops["claims.first_person"] + extraction.drops["claims.prescription"] == 1


# ------------------------------------------------------------------ cue classes beyond speech verbs


@pytest.mark.parametrize(("text", "action", "report", "speaker"), [
    ("The governor toured the flooded district on Monday and said the state would spend $40 million on repairs.",
     "toured", "said the state", "governor"),
    ("Chile has refused to join the talks, arguing that its fleet is a fraction of those of Peru and Brazil.",
     "refused", "arguing that", "Chile"),
    ("The senator drew criticism last week by saying that the army had lost 300 vehicles in the exercise.",
     "drew criticism", "by saying", "senator"),
])
def test_claims_report_after_an_action_is_its_own_claim(nlp, text: str, action: str, report: str,
                                                         speaker: str) -> None:
    """A coordinated reporting verb or a reporting participle sharing the subject: what the subject did is the
    author's claim, what it said is a claim with the subject as speaker."""
    claims = claims_of(nlp, text)
    assert the_claim(claims, action).speaker is None
    said = the_claim(claims, report)
    assert said.speaker is not None and speaker in said.speaker, claims


@pytest.mark.parametrize("text", [
    "The league imposed sanctions in 2023 and threatened to intervene, but backed down in February 2024.",
    'President Ana Ruiz signed Decree 40 in May, declaring a "state of emergency" and ordering the army out.',
])
def test_claims_participle_or_coordinated_act_without_a_clause_reports_nothing(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


@pytest.mark.parametrize(("text", "speaker"), [
    # an 'as' clause, 'in the words of', a loose 'according to'
    ("As the finance minister put it in May, the reserve fund holds $12 billion.", "finance minister"),
    ('In the words of one diplomat, the agreement is "dead on arrival" after the vote in March.', "diplomat"),
    ("Exports fell by 12% in 2023 according to a count by the national statistics office.",
     "national statistics office"),
    # findings, valuations, perceptions, phrasal reporting verbs
    ("The Maritime Institute puts the cost of the repairs at $3 billion.", "Maritime Institute"),
    ("Police determined that the fire started in the engine room on 4 June.", "Police"),
    ("Analysts pointed out that the navy has only 9 working submarines.", "Analysts"),
    ("Farmers fear that the drought will cut the harvest by a third in 2025.", "Farmers"),
    # an authored source container needs no owner
    ("A new poll shows that 61% of voters back the treaty.", "poll"),
    ("The study found that 40% of the bridges in the province need repairs.", "study"),
])
def test_claims_cue_classes_give_the_speaker(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and speaker in claims[0].speaker, claims


@pytest.mark.parametrize(("text", "speaker"), [
    # what a person wants, plans or backs is that person's stance
    ("The mayor wants a recount of the ballots cast in the northern district.", "mayor"),
    ("Senator Ana Ruiz hopes to win the primary in Nevada by a wide margin.", "Ana Ruiz"),
    ("Most farmers oppose the water tax the council approved in May 2024.", "farmers"),
    ("The governor rejected the new tax plan at a rally in Ohio on Monday.", "governor"),
    ("The senator spoke about the farm bill to a gathering of 300 farmers in Iowa.", "senator"),
    # speech acts about an object, speech and thought with a clause
    ("The governor mentioned the new bridge to Canada in her speech on Monday.", "governor"),
    ("The senator likened the tax plan to a raid on the pensions of 2 million workers.", "senator"),
    ("The mayor assured residents that the water supply would be back by Friday.", "mayor"),
    # attacks, defences and proposals a person makes in public are their stance
    ("Senator Ana Ruiz attacked the governor over the 40% rise in school fees.", "Ana Ruiz"),
    ("The mayor unveiled a plan to build 2,000 homes by 2027.", "mayor"),
    ("The candidate defended his record on taxes at a rally in Ohio on Monday.", "candidate"),
    ("The governor retweeted a photo of the flooded bridge on Monday.", "governor"),
    # a recording or a document someone made shows what it holds
    ("A video released on Monday shows that the officer fired four shots.", "video"),
    ('"The bridge will reopen in May 2025," the letter reads.', "letter"),
])
def test_claims_attitude_speech_and_record_cues_give_the_speaker(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and speaker in claims[0].speaker, claims


@pytest.mark.parametrize("text", [
    "The ministry plans to build three new frigates by 2030.",
    "Peru wants a permanent seat on the fisheries council by 2026.",
    "The company aims to double its copper output in Chile by 2027.",
    "The rebels attacked 12 merchant ships in the strait in 2024.",
    "The militia attacked the convoy near the border in 2023.",
    "The ministry unveiled a plan to build 2,000 homes by 2027.",
])
def test_claims_what_a_state_or_body_wants_is_no_report(nlp, text: str) -> None:
    """Attitude verbs report only for people: a state's or an organisation's plan is its policy, a fact."""
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


@pytest.mark.parametrize(("text", "speaker"), [
    # any verb whose own colon opens a quotation speaks it
    ('The senator boomed: "We will win this state in November."', "senator"),
    # a written piece with a reporting participle is its issuer's report
    ("The governor issued a statement saying that the bridge would reopen on 3 May.", "governor"),
    # a poll or survey the finding is in is its source
    ("In a new poll by the university, the mayor leads her rival by 6 points.", "university"),
    ("The mayor leads her rival by 6 points in the latest survey.", "survey"),
])
def test_claims_quotation_statement_and_poll_give_the_speaker(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and speaker in claims[0].speaker, claims


@pytest.mark.parametrize("text", [
    "The ministry held a meeting in the capital on Monday, 3 June 2024.",
    "The governor issued a permit to the mining company in May 2024.",
    "Exports fell by 12% in the data for March 2024.",
])
def test_claims_places_plain_objects_and_data_are_no_source(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


@pytest.mark.parametrize(("text", "speaker"), [
    ("By a wide margin, those surveyed say the state should cut its fuel tax by 2026.", "those surveyed"),
    ("Those close to the governor say she will run again in 2026.", "Those close to the governor"),
    ("All but two said the party should vote on the rule in July.", "All but two"),
])
def test_claims_pronoun_that_describes_its_group_names_the_speakers(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker == speaker, claims


def test_claims_bare_quantifier_pronoun_names_no_speaker(nlp) -> None:
    claims = claims_of(nlp, "Some said the vote on the water tax would pass in July 2025.")
    assert [c.speaker for c in claims] == [None]


def test_claims_quoted_views_before_the_speaker_are_claims_of_the_speaker(nlp) -> None:
    """Sentences of a quotation whose speaker is named at its end are that speaker's claims, views included."""
    claims = claims_of(nlp, '"He would be a great governor. One of the best members of the state senate," Senator '
                            'Ana Ruiz said in an interview.')
    assert the_claim(claims, "great governor").speaker == "Ana Ruiz"
    assert the_claim(claims, "best members").speaker == "Ana Ruiz"


def test_claims_quoted_views_after_the_speaker_are_claims_of_the_speaker(nlp) -> None:
    claims = claims_of(nlp, 'Senator Ana Ruiz spoke on Monday. "I think we were wrong," she said. "We should have '
                            'acted in 2019. The plan was a failure."')
    assert the_claim(claims, "plan was a failure").speaker == "Ana Ruiz"


@pytest.mark.parametrize(("text", "report", "speaker", "rest"), [
    ("When the senator asked whether the vote would pass in July, the chair walked out of the room in Lima.",
     "asked whether", "senator", "walked out"),
    ("After the mayor said that the bridge would close, residents protested outside the city hall in March 2024.",
     "said that the bridge", "mayor", "protested"),
])
def test_claims_report_opening_the_sentence_is_its_own_claim(nlp, text: str, report: str, speaker: str,
                                                               rest: str) -> None:
    """A subordinate clause that opens the sentence and reports a clause is its subject's claim; the main clause
    stays the author's."""
    claims = claims_of(nlp, text)
    said = the_claim(claims, report)
    assert said.speaker is not None and speaker in said.speaker, claims
    assert all(c.speaker is None for c in claims if rest in c.text), claims


def test_claims_relative_clause_report_ending_the_sentence_is_its_own_claim(nlp) -> None:
    claims = claims_of(nlp, "The map of 2019 was at the center of a lawsuit in which the plaintiffs argued that the "
                            "state had drawn the districts unfairly.")
    said = the_claim(claims, "plaintiffs argued")
    assert said.speaker == "plaintiffs" and said.text.startswith("in which"), claims


def test_claims_any_verb_with_a_that_clause_reports_it(nlp) -> None:
    claims = claims_of(nlp, "The senator boasted that her state had created 40,000 jobs in 2023.")
    assert [c.speaker for c in claims] == ["senator"]


@pytest.mark.parametrize("text", [
    "The ministry ensured that the fuel reached the port by May 2024.",
    "The new law requires that every ship carry 2 pilots in the strait.",
])
def test_claims_verbs_that_bring_a_clause_about_do_not_report_it(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


def test_claims_quoted_as_saying_names_the_passive_subject(nlp) -> None:
    claims = claims_of(nlp, "The mayor was quoted as saying that the bridge would reopen in May 2025.")
    assert [c.speaker for c in claims] == ["mayor"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("The senator took to the radio on Monday to accuse the mayor of hiding the costs of the bridge.", "senator"),
    ("The minister used his speech in Lima to call for a new vote in May 2025.", "minister"),
])
def test_claims_act_done_to_say_something_is_a_report(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and speaker in claims[0].speaker, claims


def test_claims_act_done_for_another_purpose_is_no_report(nlp) -> None:
    claims = claims_of(nlp, "The army moved 300 troops to the border to secure the crossing in May 2024.")
    assert [c.speaker for c in claims] == [None]


def test_claims_speaker_run_into_an_opening_phrase_is_still_the_speaker(nlp) -> None:
    """No comma after the opening phrase: the parser takes the name for part of the phrase, the verb has no
    subject; the person named right before the verb speaks."""
    claims = claims_of(nlp, "Maria Lopez is the mayor of Lima. In a May 2024 meeting with the board of the Lima Times "
                            "Lopez said that the bridge may need to be closed in the coming years.")
    assert the_claim(claims, "bridge may need").speaker == "Lopez"


def test_claims_report_after_a_second_action_of_the_same_subject(nlp) -> None:
    """A reporting participle hanging off a verb coordinated with the head speaks for the shared subject."""
    claims = claims_of(nlp, "The minister visited the flooded town and met its mayor, saying the army would rebuild "
                            "the bridge by June 2025.")
    assert the_claim(claims, "visited").speaker is None
    said = the_claim(claims, "saying")
    assert said.speaker is not None and "minister" in said.speaker, claims


@pytest.mark.parametrize("text", [
    "The talks went according to plan, and the deal was signed on 3 May 2024.",
    "The ministry proposed a budget of $4 billion for 2025.",
    "Investigators found the wreck 40 km off the coast in June 2023.",
    "Between 1990 and 2005 the two states concluded 14 trade agreements.",
    "The navy put 3 new frigates into service in 2022.",
])
def test_claims_cue_words_without_a_report_give_no_speaker(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is None for c in claims), claims


def test_claims_quoted_sentences_before_the_speaker_take_the_speaker_after_them(nlp) -> None:
    text = '"Prices will rise by 4% this year. The plan is failing," the governor said on Tuesday.'
    claims = claims_of(nlp, text)
    assert [c.speaker for c in claims] == ["governor", "governor"], claims


@pytest.mark.parametrize(("text", "speaker"), [
    # the parser takes the quoted words before 'X said' for the subject
    ("“My view, that was a mistake,” the former campaign manager said in an interview with a local radio station.",
     "campaign manager"),
    # a name after 'According to the statement,' is the subject of what follows, not the statement's name
    ("According to the statement, Jane Roe met the envoy to discuss a visit in May 2024.", "statement"),
    # a share of respondents keeps its per cent sign
    ("On security, 47% say the army should stay in the north.", "47%"),
    # what a clause says of its subject is the namer's words
    ("Peru has become what the United Nations calls the region's worst food crisis.", "United Nations"),
])
def test_claims_speaker_phrase_is_the_speakers(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and speaker in claims[0].speaker, claims


def test_claims_quoted_report_belongs_to_the_quoted_speaker(nlp) -> None:
    text = ('"Voters felt that the army had failed them in 2020. They wanted change," the party\'s former '
            'strategist said.')
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker is not None and "strategist" in c.speaker for c in claims), claims


def test_claims_name_inside_a_relative_clause_quote_is_still_the_subject(nlp) -> None:
    text = 'Roffman, who estimates that his costs were "in the seven figures," described the impact as "horrendous."'
    assert [c.speaker for c in claims_of(nlp, text)] == ["Roffman"]


def test_claims_subordinate_report_is_its_own_claim(nlp) -> None:
    text = ("Members of the caucus held a press conference on Friday, shortly after the governor said he would veto "
            "3 bills.")
    claims = claims_of(nlp, text)
    assert the_claim(claims, "press conference").speaker is None
    assert the_claim(claims, "veto").speaker == "governor"


def test_claims_unresolved_pronoun_speaker_still_makes_a_claim(nlp) -> None:
    claims = claims_of(nlp, "They said the plan would never work.")
    assert [c.speaker for c in claims] == [None]


def test_claims_reporting_verb_tagged_as_a_noun_still_reports(nlp) -> None:
    text = ("Analysts at the Centre for Science and Maritime Security estimate that Chile could build enough "
            "frigates for one squadron in about a year.")
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and "Centre for Science" in claims[0].speaker, claims


def test_claims_piece_whose_parse_takes_a_heading_verb_for_its_clause_is_entangled(nlp) -> None:
    """A heading line parsed into the sentence after it, its verb hung on that sentence's verb as a clause
    complement ('Talks end' + 'Oslo agreed on it, Ana said.'): the piece must be parsed again on its own, or the
    heading's clause makes 'agreed' look like a report of it."""
    words = ["Talks", "end", "\n", "Oslo", "agreed", "on", "it", ",", "Ana", "said", "."]
    heads = [1, 4, 1, 4, 4, 4, 5, 9, 9, 4, 4]
    deps = ["nsubj", "ccomp", "dep", "nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "parataxis", "punct"]
    spaces = [True, False, False, True, True, True, False, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    assert parse_entangled(doc[3:11])
    assert not parse_entangled(Doc(nlp.vocab, words=words[3:], spaces=spaces[3:], heads=[h - 3 for h in heads[3:]],
                                   deps=deps[3:])[0:8])


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    # 'when' is parsed as an adverb of the clause it opens, 'after' as its marker: both open a report of its own
    ("The minister looked uneasy when the senator asked whether the funding would last until 2026.", "asked whether",
     "senator"),
    # a speech verb with an object, in a subordinate clause with a subject of its own
    ("The talks resumed two days after the council condemned the raid on the border post.", "condemned", "council"),
])
def test_claims_subordinate_report_is_cut_off_with_its_own_speaker(nlp, text: str, fragment: str,
                                                                   speaker: str) -> None:
    claims = claims_of(nlp, text)
    reported = the_claim(claims, fragment)
    assert reported.speaker == speaker, claims
    assert all(c.speaker is None for c in claims if c is not reported), claims


@pytest.mark.parametrize("text", [
    "Senator Dana Whitcombe toured the port on Monday. Whitcombe wants a full review of the 2024 shipping budget.",
    "Governor Hal Brandvold met farmers in Fargo. Brandvold wants to cut the water tax by 20% next year.",
])
def test_claims_person_the_tagger_labels_otherwise_still_holds_views(nlp, text: str) -> None:
    """spaCy tags the bare surname an organisation or a place; the actors extractor knows the person."""
    claim = the_claim(claims_of(nlp, text), "wants")
    assert claim.speaker is not None and text.split(".")[1].split()[0] in claim.speaker, claim


def test_claims_according_to_closing_the_sentence_outranks_its_own_speaker(nlp) -> None:
    """'X said Y, according to Z': the author has the whole sentence, X's words included, from Z."""
    text = "The governor told the council that the dam would be finished by 2027, according to two aides."
    assert the_claim(claims_of(nlp, text), "dam").speaker == "two aides"


@pytest.mark.parametrize("text", [
    'Dana Whitcombe, a judge on the cooking show, "Top Table," who later ran for mayor, said the prize money was '
    '"never paid in full."',
    'Tom Berrick, the host of a radio program, "Night Desk," said the station had lost 4,000 listeners in 2023.',
])
def test_claims_quoted_title_inside_the_subject_is_no_closed_quotation(nlp, text: str) -> None:
    """A straight quotation mark opened after a comma and a space starts a title, not the end of quoted words."""
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker == text.split(",")[0], claims


@pytest.mark.parametrize(("text", "speaker"), [
    # feelings and resolve of people, after a linking verb, with their content
    ("Many farmers are worried that the drought will cut the harvest by a third.", "Many farmers"),
    ("The senator is determined to block the 2025 budget in the chamber.", "senator"),
    ("Local teachers are uneasy about the new testing rules adopted in May.", "Local teachers"),
    # 'would' with an attitude verb states a stance held now
    ("Senator Ana Ruiz would support a recount of the ballots cast in May.", "Ana Ruiz"),
    # phrasal cues keyed by a preposition, with a subject that can speak
    ("Critics point to the 12% rise in rents since 2022.", "Critics"),
    ("The governor is considering a run for the Senate in 2026.", "governor"),
])
def test_claims_feelings_stances_and_prepositional_cues_give_the_speaker(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker == speaker, claims


@pytest.mark.parametrize("text", [
    "The ministry is concerned that the dam will not be finished by 2027.",
    "The bridge is sure to close in 2026.",
    "The mayor may support a recount of the ballots cast in May.",
    "The numbers point to a slowdown in the second half of 2024.",
])
def test_claims_feelings_of_bodies_uncertain_stances_and_readings_of_numbers_have_no_speaker(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert all(c.speaker is None for c in claims), claims


def test_claims_according_to_closing_a_sentence_covers_its_subordinate_clause(nlp) -> None:
    text = "Exports to Chile rose by 8% in 2023, while imports fell by 3%, according to the customs office."
    claims = claims_of(nlp, text)
    assert claims and all(c.speaker == "customs office" for c in claims), claims


def test_claims_speaker_after_said_outranks_a_misparsed_subject_before_it(nlp) -> None:
    """The parser gives 'said' two subjects here: 'rise' (taking 'signals' for a noun) and the name after it."""
    text = 'The rise in fares signals "the end of cheap travel" for students, said Maria Lopez, a transport analyst.'
    assert the_claim(claims_of(nlp, text), "fares").speaker == "Maria Lopez"


def test_claims_reporting_verb_before_a_colon_gives_the_next_line_its_speaker(nlp) -> None:
    """'The senator added:' closing a line: the line after is the senator's words, quotation marks or not."""
    text = ("Budget Talks Stall.\n\n"
            "The budget talks in the senate stalled on Monday after a long debate over the new fuel tax, which party "
            "leaders had hoped to pass before the summer recess starts in July.\n\n"
            "Senator Ana Ruiz spoke for ten minutes against the tax. The senator added:\n\n"
            "The tax will cost families 400 dollars a year.\n\n"
            "The vote is now expected in June.")
    claims = claims_of(nlp, text)
    assert the_claim(claims, "400 dollars").speaker == "senator"
    assert the_claim(claims, "expected in June").speaker is None


@pytest.mark.parametrize(("text", "speaker"), [
    # an 'as' clause is the content a complement verb otherwise needs
    ("As the analyst observed, the port handled 40% more ships in 2023 than in 2022.", "analyst"),
    # speaking reports its topic
    ("The mayor talked of a recount of the 2024 vote.", "mayor"),
    # a closing 'in a ... poll' the parser hung on a noun
    ("Just 18 percent of young voters have a favourable view of the governor in a new state university poll.",
     "new state university poll"),
])
def test_claims_as_clauses_topics_and_closing_polls_give_the_speaker(nlp, text: str, speaker: str) -> None:
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker == speaker, claims


@pytest.mark.parametrize("text", [
    "The senator spoke to a gathering of 300 farmers in Iowa.",
    "The governor spoke for 40 minutes at the rally in Ohio.",
    "As the crowd grew, the police closed 3 streets near the square.",
])
def test_claims_speaking_without_a_topic_and_plain_as_clauses_report_nothing(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert all(c.speaker is None for c in claims), claims


def test_claims_request_with_an_object_and_an_infinitive_reports(nlp) -> None:
    text = "The senator's campaign has asked the network to check the figures during the debate on Monday."
    claims = claims_of(nlp, text)
    assert len(claims) == 1 and claims[0].speaker is not None and "campaign" in claims[0].speaker, claims


@pytest.mark.parametrize("text", [
    "The court decided to hear the case in 2025.",
    "Japan agreed to supply 40 tanks to Poland.",
])
def test_claims_decisions_and_agreements_to_act_have_no_speaker(nlp, text: str) -> None:
    claims = claims_of(nlp, text)
    assert all(c.speaker is None for c in claims), claims


def test_claims_colon_between_clauses_splits_a_hedged_judgement_from_its_grounds(nlp) -> None:
    claims = claims_of(nlp, "Most of the gold is probably flown out through Entebbe: Uganda's declared bullion "
                            "exports doubled to 60 tonnes in 2022.")
    judgement = the_claim(claims, "probably flown out")
    grounds = the_claim(claims, "doubled to 60 tonnes")
    assert judgement.hedged and not grounds.hedged
    assert "doubled" not in judgement.text
    # "Uganda's declared" is a possessive, not Uganda declaring something
    assert grounds.speaker is None


def test_claims_colon_after_a_reporting_verb_or_before_a_quotation_does_not_split(nlp) -> None:
    claims = claims_of(nlp, "The minister said: the army will withdraw 3,000 troops by June.\n\n"
                            'Officials warned: "The dam could fail within 10 years."')
    assert the_claim(claims, "withdraw 3,000 troops").speaker == "minister"
    assert the_claim(claims, "dam could fail").speaker == "Officials"


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    ("The reserves were drawn down to pay wages in 2023, which the Asian Development Bank estimates fell by "
     "USD 900 million.", "which the Asian Development Bank estimates", "Asian Development Bank"),
    ("Hanoi has opened a new rail link to the coast, whose freight volume it says has tripled.",
     "whose freight volume", "Hanoi"),
    ("Vientiane has kept channels open to protect the port of Vung Ang, whose first phase the World Bank has "
     "valued at USD 2 billion.", "whose first phase", "World Bank"),
    ("The auditor general, Maria Lenz, said the mine owed USD 300 million in royalties, a charge the firm disputes.",
     "a charge the firm disputes", "firm"),
    ("The plan for a buffer zone was opposed by the police chief, Colonel Ivan Dede, who reportedly told his "
     "deputies that any zone needed the consent of parliament.", "who reportedly told", "Ivan Dede"),
])
def test_claims_report_appended_after_a_comma_has_its_own_speaker(nlp, text: str, fragment: str,
                                                                  speaker: str) -> None:
    claims = claims_of(nlp, text)
    appended = the_claim(claims, fragment)
    assert appended.speaker == speaker
    assert all(c.speaker != speaker for c in claims if c is not appended), claims


def test_claims_appended_report_leaves_the_main_speaker_and_a_whole_sentence_confirmation_alone(nlp) -> None:
    claims = claims_of(nlp, "UN monitors have reported that Laos sold rifles to the militia through Thailand, an "
                            "allegation Vientiane denies.\n\nKyiv received 30 tanks in March, which the ministry "
                            "confirmed on Tuesday.\n\nThe dam, which Laos built in 2019, holds 4 billion cubic "
                            "metres of water.")
    assert the_claim(claims, "sold rifles").speaker == "UN monitors"
    assert the_claim(claims, "allegation Vientiane denies").speaker == "Vientiane"
    assert "which the ministry confirmed" in the_claim(claims, "30 tanks").text
    assert the_claim(claims, "holds 4 billion").speaker is None


def test_claims_second_report_after_comma_and_has_its_own_speaker_and_hedging(nlp) -> None:
    claims = claims_of(nlp, 'Defence Minister Ana Roe said the brigade would "hold the northern line" until the '
                            "spring, and officials said a second brigade could follow in May.")
    first = the_claim(claims, "hold the northern line")
    second = the_claim(claims, "second brigade")
    assert (first.speaker, first.hedged) == ("Ana Roe", False)
    assert (second.speaker, second.hedged) == ("officials", True)


def test_claims_passive_clause_with_its_own_subject_is_not_the_previous_speakers(nlp) -> None:
    claims = claims_of(nlp, "UN monitors have reported that Laos sold rifles to the militia through Thailand, an "
                            "allegation Vientiane denies, while Vietnam and Cambodia are widely reported to have "
                            "backed the army.")
    backed = the_claim(claims, "widely reported to have backed")
    assert backed.speaker is None and backed.hedged


@pytest.mark.parametrize(("text", "fragment"), [
    ("The treaty would, in principle, require both states to share river data by 2026.", "require both states"),
    ("By some estimates, drones now cause 60 percent of the losses on the front.", "60 percent"),
])
def test_claims_hedges_that_are_not_modals(nlp, text: str, fragment: str) -> None:
    assert the_claim(claims_of(nlp, text), fragment).hedged


def test_claims_in_the_view_of_names_the_speaker(nlp) -> None:
    claims = claims_of(nlp, "In the view of the ministry, the rebels have lost about 3,000 fighters since June.")
    assert the_claim(claims, "3,000 fighters").speaker == "ministry"


def test_claims_speaker_name_leaves_out_a_footnote_mark(nlp) -> None:
    claims = claims_of(nlp, "Washington provided roughly 44% of all aid funding for Chad in 2024, according to "
                            "OCHA's Funding Monitor[7].")
    assert the_claim(claims, "44%").speaker == "OCHA's Funding Monitor"


def test_claims_clause_after_a_colon_splits_at_a_coordinated_report(nlp) -> None:
    claims = claims_of(nlp, "Hanoi seems likely to try to please both powers: a new tender for a second terminal on "
                            "the coast, at Vung Ang, is planned for early 2026, and officials say it will be open to "
                            "bidders from any country.")
    tender = the_claim(claims, "is planned for early 2026")
    assert tender.speaker is None and not tender.hedged
    assert the_claim(claims, "open to bidders").speaker == "officials"


def test_claims_reporting_word_inside_a_noun_phrase_is_no_appended_report(nlp) -> None:
    claims = claims_of(nlp, "The decision came from Ana Roe, whose seat on the party's Senate rules committee "
                            "angered the mayor in 2019.")
    assert all(c.speaker is None for c in claims), claims


def test_claims_an_organisation_keeping_a_tally_is_the_source_of_its_count(nlp) -> None:
    claims = claims_of(nlp, "The Caspian Institute for Conflict Studies recorded 812 militant attacks in the first "
                            "half of 2024.\n\nPakistan recorded its highest temperature of 52 degrees in May 2024."
                            "\n\nThe economy recorded growth of 3 percent in 2023.")
    assert the_claim(claims, "812 militant attacks").speaker == "Caspian Institute for Conflict Studies"
    assert the_claim(claims, "52 degrees").speaker is None
    assert the_claim(claims, "3 percent").speaker is None
