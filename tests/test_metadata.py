"""Metadata from an article's own header, byline and closing lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.metadata import (
    is_person_name,
    is_piece_kind,
    metadata_from_text,
    parse_date,
    publisher_outside_text,
    split_names,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = sorted((SHARED / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_metadata_seed_headers_match_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed = SHARED / "seeds" / gold["source"]
    meta = metadata_from_text(seed.read_text(encoding="utf-8"))
    want = gold["meta"]
    if want.get("title"):
        assert meta.title == want["title"]
    else:
        assert meta.title is None  # no title is clear in the text: none is invented
    assert set(want["authors"]) <= set(meta.authors)
    assert meta.publisher in want["publisher"]
    sidecar = seed.with_name(f"{seed.stem}.meta.json")
    if not (sidecar.exists() and "published" in json.loads(sidecar.read_text(encoding="utf-8"))):
        assert meta.published == want["published"]


@pytest.mark.parametrize(("text", "title", "authors", "published"), [
    ("The Future of Deterrence in Europe\nBy Jane Doe and John Roe | 12 March 2024\n\nThe alliance met in "
     "Brussels.", "The Future of Deterrence in Europe", ["Jane Doe", "John Roe"], "2024-03-12"),
    ("Why tanks still matter\n\nMaría López, Jan van der Berg and Aiko Tanaka | 3 June 2023\n\nBody text.",
     "Why tanks still matter", ["María López", "Jan van der Berg", "Aiko Tanaka"], "2023-06-03"),
    ("Author: Anna Kowalska\nPublished: 2024-03-12T10:00:00Z\n\nSome text follows here.",
     None, ["Anna Kowalska"], "2024-03-12"),
    ("Policy brief: Baltic security after 2024\nWritten by Piotr Nowak, Senior Analyst\nPublished on 5 May 2024\n\n"
     "Body.", "Policy brief: Baltic security after 2024", ["Piotr Nowak"], "2024-05-05"),
    ("Updated: 14 March 2024\nPublished: 12 March 2024\nBy J. R. Hartley\n\nText.", None, ["J. R. Hartley"],
     "2024-03-12"),
    ("Komentarze OSW\n12 marca 2023\nAnna Nowicka\n\nTreść.", None, ["Anna Nowicka"], "2023-03-12"),
])
def test_metadata_common_bylines(text: str, title: str | None, authors: list[str], published: str) -> None:
    meta = metadata_from_text(text)
    assert (meta.title, meta.authors, meta.published) == (title, authors, published)


def test_metadata_closing_bio_and_republished_note() -> None:
    text = ("Analysis\n\nThe summit produced few surprises, but the communiqué was longer than any before it and "
            "named China eleven times, which officials described as a deliberate signal to Beijing.\n\n"
            "Maria Schmidt is an Associate Professor of International Relations at Leiden University.\n"
            "This article was originally published by Foreign Policy under a Creative Commons licence.")
    meta = metadata_from_text(text)
    assert meta.authors == ["Maria Schmidt"]
    assert meta.publisher == "Foreign Policy"
    assert meta.title is None


def test_metadata_no_title_for_text_that_opens_with_prose() -> None:
    text = ("Since the invasion, the alliance has changed more than in the previous three decades combined. "
            "Members have raised spending, moved troops east and rewritten their plans.\n\nMore text.")
    assert metadata_from_text(text).title is None


def test_metadata_publisher_label() -> None:
    assert metadata_from_text("Report 7/2024\nPublisher: Centre for Eastern Studies\n\nText.").publisher == (
        "Centre for Eastern Studies")


@pytest.mark.parametrize(("name", "ok"), [
    ("Anna Nowicka", True), ("Jean-Pierre van der Berg", True), ("P. D. Wezeman", True), ("Goran Ilić", True),
    ("Visegrad Team", False), ("NATO Review", False), ("Senior Analyst", False), ("31 October", False),
    ("the minister", False), ("Institute for Security Studies", False),
])
def test_metadata_person_names(name: str, ok: bool) -> None:
    assert is_person_name(name) is ok


def test_metadata_split_names() -> None:
    assert split_names("Jane Doe, John Roe & Max Mustermann") == ["Jane Doe", "John Roe", "Max Mustermann"]
    assert split_names("Jane Doe and the editors") == []


@pytest.mark.parametrize(("text", "value"), [
    ("12 March 2023", "2023-03-12"), ("March 12, 2023", "2023-03-12"), ("2023-03-12", "2023-03-12"),
    ("12.03.2023", "2023-03-12"), ("Sunday, 12 March 2023", "2023-03-12"),
    ("ISSN: 1234-5678", None), ("Occasional Commentaries 88 (12/2023)", None), ("March 2023", None),
])
def test_metadata_parse_date(text: str, value: str | None) -> None:
    assert parse_date(text) == value


def test_metadata_title_that_starts_like_a_label() -> None:
    meta = metadata_from_text("By the numbers: Europe's ammunition gap\nBy Jane Doe\n\nText of the article.")
    assert meta.title == "By the numbers: Europe's ammunition gap"
    assert meta.authors == ["Jane Doe"]


def test_metadata_publication_dateline_gives_publisher_and_date() -> None:
    text = ("Ports, pipelines and the Baltic Sea\nBaltic Defence Monitor, 14 February 2025\nBy Laura Kask\n\n"
            "Shipping through the Danish straits rose again last year, officials in Tallinn and Riga said.")
    meta = metadata_from_text(text)
    assert (meta.title, meta.publisher, meta.published) == ("Ports, pipelines and the Baltic Sea",
                                                           "Baltic Defence Monitor", "2025-02-14")
    assert meta.authors == ["Laura Kask"]


def test_metadata_person_and_date_line_is_not_a_publisher() -> None:
    meta = metadata_from_text("A short title for a note\nLaura Kask, 14 February 2025\n\nBody text follows here.")
    assert meta.publisher is None


@pytest.mark.parametrize("kicker", ["OPINION", "Explainer", "ANALYSIS", "Commentary", "WORLD NEWS"])
def test_metadata_kicker_above_the_title_is_skipped(kicker: str) -> None:
    text = (f"{kicker}\nWhy the Baltic states want more air defence\nBy Anna Berg | 4 May 2024\n\n"
            "Estonia, Latvia and Lithuania asked allies for more Patriot batteries on Friday.")
    meta = metadata_from_text(text)
    assert meta.title == "Why the Baltic states want more air defence"
    assert (meta.authors, meta.published) == (["Anna Berg"], "2024-05-04")


def test_metadata_masthead_and_series_line_give_publisher_and_title() -> None:
    text = ("Danube Security Forum\nWorking Paper No. 3/2025\n\nRivers, borders and grain: the Black Sea corridor\n"
            "By Ion Popescu\n2 February 2025\n\nGrain exports through Constanța rose again in January, port data show.")
    meta = metadata_from_text(text)
    assert meta.title == "Rivers, borders and grain: the Black Sea corridor"
    assert meta.publisher == "Danube Security Forum"
    assert (meta.authors, meta.published) == (["Ion Popescu"], "2025-02-02")


def test_metadata_organisation_line_above_a_title_is_a_masthead() -> None:
    text = ("Institute for Arctic Studies\nIcebreakers and influence in the Barents Sea\nBy Lars Eriksen\n\n"
            "Norway's coast guard took delivery of its third new vessel last week.")
    meta = metadata_from_text(text)
    assert meta.title == "Icebreakers and influence in the Barents Sea"
    assert meta.publisher == "Institute for Arctic Studies"


def test_metadata_title_case_title_above_a_byline_is_no_masthead() -> None:
    meta = metadata_from_text("The Atlantic Council at Sixty\nBy Jane Doe\n\nThe council was founded in 1961.")
    assert (meta.title, meta.publisher) == ("The Atlantic Council at Sixty", None)


def test_metadata_series_and_issn_lines_above_the_title() -> None:
    text = "Policy Brief No. 4/2023\nISSN 1111-2222\n\nWater and conflict in the Ferghana Valley\n\nSummary\n\nText."
    assert metadata_from_text(text).title == "Water and conflict in the Ferghana Valley"


@pytest.mark.parametrize(("byline", "publisher"), [
    ("Klaus Becker | Central European Trade Observer | 3 March 2025", "Central European Trade Observer"),
    ("**By Klaus Becker and Eva Horak** | Danube Monitor | 3 March 2025", "Danube Monitor"),
    ("By Klaus Becker | Senior Fellow | 3 March 2025", None),
    ("Klaus Becker | Opinion | 3 March 2025", None),
    ("By Klaus Becker | RUSI | 3 March 2025", "RUSI"),
])
def test_metadata_publisher_in_a_pipe_byline(byline: str, publisher: str | None) -> None:
    meta = metadata_from_text(f"Tariffs, chips and the Rhine\n{byline}\n\nGerman exports fell in February.")
    assert meta.title == "Tariffs, chips and the Rhine"
    assert meta.publisher == publisher
    assert meta.published == "2025-03-03"
    assert meta.authors[0] == "Klaus Becker"


@pytest.mark.parametrize(("opening", "agency"), [
    ("LAGOS, March 3 (Reuters) - Nigeria's main ports reopened on Monday after a two-day strike by dock workers "
     "over pay, the ports authority said, easing a backlog of more than 40 container ships.", "Reuters"),
    ("WASHINGTON (AP) — The Senate approved a stopgap spending bill late on Friday, averting a partial government "
     "shutdown with hours to spare and sending the measure to the president.", "AP"),
    ("OSLO, May 3 (Northern Newswire) - Norway and Sweden agreed on Tuesday to reopen a ferry route that was "
     "closed during the winter storms, officials in both capitals said after talks.", "Northern Newswire"),
])
def test_metadata_wire_dateline_names_the_publisher(opening: str, agency: str) -> None:
    meta = metadata_from_text(f"Ports reopen after strike\nBy Ada Obi\n\n{opening}\n\nMore text follows.")
    assert meta.publisher == agency


def test_metadata_bracketed_aside_in_prose_is_no_wire_dateline() -> None:
    text = ("Ports reopen after strike\n\nThe ports authority (NPA) - which runs all six terminals - said on Monday "
            "that the backlog of container ships would clear by the end of the month.")
    assert metadata_from_text(text).publisher is None


def test_metadata_byline_pieces_in_any_order() -> None:
    text = ("Baltic ports brace for a colder winter\n\n"
            "*Nordic Trade Desk* · **Ingrid Halvorsen** and **Tomas Berg** · 3 March 2024\n\n"
            "Port operators in the Baltic said on Monday that ice-class vessels were booked until April.")
    meta = metadata_from_text(text)
    assert meta.authors == ["Ingrid Halvorsen", "Tomas Berg"]
    assert meta.publisher == "Nordic Trade Desk"
    assert meta.published == "2024-03-03"


def test_metadata_publication_masthead_above_section_and_title() -> None:
    text = ("ALPINE ENERGY MONITOR\nGrids & Markets\n\n"
            "Swiss hydropower reserves fall to a five-year low after a dry winter\n"
            "Marta Keller and Luca Brunner\n12 April 2024\n\n"
            "Reservoirs in the Alps held less water at the end of March than in any year since 2019, operators said.")
    meta = metadata_from_text(text)
    assert meta.title == "Swiss hydropower reserves fall to a five-year low after a dry winter"
    assert meta.publisher == "ALPINE ENERGY MONITOR"
    assert meta.authors == ["Marta Keller", "Luca Brunner"]


def test_metadata_publication_name_above_date_is_no_title() -> None:
    text = ("Danube Security Review\n2 October 2023\n\n"
            "Romania opens a new air base near the Black Sea coast\n\n"
            "By Andrei Popescu, Defence Correspondent\n\n"
            "Romania inaugurated the first phase of an expanded base at Mihail Kogalniceanu on Friday.")
    meta = metadata_from_text(text)
    assert meta.title == "Romania opens a new air base near the Black Sea coast"
    assert meta.publisher == "Danube Security Review"
    assert meta.published == "2023-10-02"


def test_metadata_first_published_in_a_body_sentence_is_no_publisher() -> None:
    body = ("The estimates were first published by the Court of Auditors (ECA) in March, and the shortfall is the "
            "largest since the court began auditing the fund in 2010.")
    ending = "\n\nThe ministry declined to comment."
    assert metadata_from_text("Some title for an article\n\n" + body + ending).publisher is None
    closing = "This article was first published by Eastern Watch."
    assert metadata_from_text("Some title for an article\n\n" + body + "\n\n" + closing).publisher == "Eastern Watch"


@pytest.mark.parametrize(("info", "heads", "publisher"), [
    ([], ["Baltic Policy Institute | Working Paper 4/2023", "Page 1 of 3"], "Baltic Policy Institute"),
    (["Danube Strategy Forum", ""], [], "Danube Strategy Forum"),
    (["PyFPDF", "Writer", "LibreOffice 7.5"], ["Page 1 of 3"], None),
])
def test_metadata_publisher_outside_the_text(info: list[str], heads: list[str], publisher: str | None) -> None:
    assert publisher_outside_text(info, heads) == publisher


BODY = ("\n\nThe navy said on Monday that two new frigates would join the fleet next year, as the government seeks to "
        "replace ageing ships before the end of the decade.\n\nMore text follows in a second paragraph.")


@pytest.mark.parametrize(("header", "title", "authors", "published"), [
    ("Norway's Coastal Defence Gamble\nOslo bets on small fast boats over frigates.\nKari Holm | 2023.05.17",
     "Norway's Coastal Defence Gamble", ["Kari Holm"], "2023-05-17"),
    ("HARBOURS AND HARD CHOICES\nKari Holm — 17 May 2023", "HARBOURS AND HARD CHOICES", ["Kari Holm"], "2023-05-17"),
    ("Harbours and Hard Choices\nKari Holm and Lars Berg, May 17, 2023", "Harbours and Hard Choices",
     ["Kari Holm", "Lars Berg"], "2023-05-17"),
    ("Harbours and Hard Choices\nKari Holm, et al.\n17/05/2023", "Harbours and Hard Choices", ["Kari Holm"],
     "2023-05-17"),
    ("Harbours and Hard Choices\nPosted on May 17, 2023 by Kari Holm", "Harbours and Hard Choices", ["Kari Holm"],
     "2023-05-17"),
    ("Harbours and Hard Choices\nKari Holm, Senior Fellow\n17 May 2023", "Harbours and Hard Choices", ["Kari Holm"],
     "2023-05-17"),
])
def test_metadata_title_subtitle_and_byline_forms(header: str, title: str, authors: list[str], published: str) -> None:
    meta = metadata_from_text(header + BODY)
    assert (meta.title, meta.authors, meta.published) == (title, authors, published)


def test_metadata_possessive_title_is_not_a_name() -> None:
    assert not is_person_name("Norway's Coastal Gamble")
    meta = metadata_from_text("Chile's Quiet Naval Build-Up\nAna Ruiz | 2022.11.03" + BODY)
    assert (meta.title, meta.authors) == ("Chile's Quiet Naval Build-Up", ["Ana Ruiz"])


def test_metadata_publication_masthead_right_above_the_title() -> None:
    meta = metadata_from_text("Fjord Policy Review\nHarbours and Hard Choices\nKari Holm | 17 May 2023" + BODY)
    assert (meta.title, meta.publisher) == ("Harbours and Hard Choices", "Fjord Policy Review")


@pytest.mark.parametrize(("closing", "publisher"), [
    ("© 2023 Fjord Policy Institute. All rights reserved.", "Fjord Policy Institute"),
    ("Copyright © 2021-2023 Harbour Affairs Review", "Harbour Affairs Review"),
    ("© The Author(s) 2023", None),
    ("© Kari Holm 2023", None),
])
def test_metadata_copyright_line_names_the_publisher(closing: str, publisher: str | None) -> None:
    assert metadata_from_text("Harbours and Hard Choices" + BODY + "\n\n" + closing).publisher == publisher


def test_metadata_one_bio_per_author_at_the_end() -> None:
    text = ("Harbours and Hard Choices" + BODY + "\n\nKari Holm is a senior fellow at the Coastal Studies Centre.\n"
            "Lars Berg is a research analyst at the same centre.")
    assert metadata_from_text(text).authors == ["Kari Holm", "Lars Berg"]


def test_metadata_masthead_over_a_section_line_and_names_with_their_roles() -> None:
    text = ("Institute for Polar Studies\nArctic Programme | Commentary\n\nIce, ports and power: the new northern race"
            "\n\nKari Holm, Senior Fellow, and Lars Berg, Research Analyst\n3 May 2024" + BODY)
    meta = metadata_from_text(text)
    assert meta.title == "Ice, ports and power: the new northern race"
    assert meta.publisher == "Institute for Polar Studies"
    assert (meta.authors, meta.published) == (["Kari Holm", "Lars Berg"], "2024-05-03")


@pytest.mark.parametrize(("header", "title", "authors"), [
    ("Small States Need Doctrine\nKari Holm | 2023.05.17", "Small States Need Doctrine", ["Kari Holm"]),
    ("Small States Need Doctrine\nBy Lars Berg\n17 May 2023", "Small States Need Doctrine", ["Lars Berg"]),
    ("Kari Holm\nDeterrence rules matter for small states\n17 May 2023", "Deterrence rules matter for small states",
     ["Kari Holm"]),
])
def test_metadata_title_case_title_loses_its_name_reading_to_a_real_byline(
        header: str, title: str, authors: list[str]) -> None:
    meta = metadata_from_text(header + BODY)
    assert (meta.title, meta.authors) == (title, authors)


def test_metadata_one_sentence_title_may_end_in_a_full_stop() -> None:
    assert metadata_from_text("Talks on the strait resume after a long pause." + BODY).title == (
        "Talks on the strait resume after a long pause.")


def test_metadata_honorifics_are_no_part_of_author_names() -> None:
    assert metadata_from_text("Harbours and Hard Choices\nBy Dr Kari Holm and Prof. Lars Berg\n3 May 2024"
                              + BODY).authors == ["Kari Holm", "Lars Berg"]
    closing = "\n\nDr Kari Holm is a senior fellow at the Coastal Studies Centre."
    assert metadata_from_text("Harbours and Hard Choices" + BODY + closing).authors == ["Kari Holm"]


def test_metadata_a_name_above_the_kind_of_piece_is_the_masthead() -> None:
    text = ("Caspian Energy Tracker\nCommentary\n\nWhy the river crossings matter again\n\nMarta Quispe\n"
            "3 March 2026\n\nThe crossings along the river have become the busiest in the region, and officials "
            "on both sides say the numbers will keep rising through the dry season.\n")
    meta = metadata_from_text(text)
    assert (meta.publisher, meta.title, meta.authors, meta.published) == (
        "Caspian Energy Tracker", "Why the river crossings matter again", ["Marta Quispe"], "2026-03-03")


@pytest.mark.parametrize("kicker", ["Opinion · 2 February 2024", "Analysis | 2 February 2024"])
def test_metadata_kicker_with_a_date_sits_above_the_title(kicker: str) -> None:
    # the kind of piece and its date on one line: neither a title nor a publisher
    text = f"LAKE TRADE OBSERVER\n{kicker}\n\nFerries, tolls and the lake economy\n\nIrma Kovač" + BODY
    meta = metadata_from_text(text)
    assert (meta.publisher, meta.title, meta.authors, meta.published) == (
        "LAKE TRADE OBSERVER", "Ferries, tolls and the lake economy", ["Irma Kovač"], "2024-02-02")


def test_metadata_dateline_place_is_no_publisher() -> None:
    text = ("HIGHLAND WATER MONITOR\nIssue 7 | March 2024\n\nWho pays for the dams upstream?\n\nPedro Alves\n"
            "Nairobi, 11 March 2024" + BODY)
    meta = metadata_from_text(text)
    assert (meta.publisher, meta.authors, meta.published) == ("HIGHLAND WATER MONITOR", ["Pedro Alves"], "2024-03-11")


@pytest.mark.parametrize(("byline", "authors"), [
    ("Pedro Alves, Lisbon", ["Pedro Alves"]),
    ("Pedro Alves and Irma Kovač, Geneva", ["Pedro Alves", "Irma Kovač"]),
])
def test_metadata_byline_with_the_place_written_from(byline: str, authors: list[str]) -> None:
    meta = metadata_from_text(f"Harbour Affairs Review\nNOTE\n\nWho pays for the dams upstream?\n\n{byline}\n"
                              "Published 11 March 2024" + BODY)
    assert (meta.authors, meta.published) == (authors, "2024-03-11")


def test_metadata_publication_beside_the_kind_of_piece_below_the_title() -> None:
    text = ("# Who pays for the dams upstream?\n\n*Highland Water Review · Opinion*\n\nBy **Pedro Alves** | "
            "11 March 2024" + BODY)
    meta = metadata_from_text(text)
    assert (meta.title, meta.publisher, meta.authors) == (
        "Who pays for the dams upstream?", "Highland Water Review", ["Pedro Alves"])


BODY = ("\n\nThe harbour board met on Tuesday and agreed a new winter schedule after months of talks with the "
        "shipping lines and the unions that work the quays, which had warned of delays since the spring.\n")


@pytest.mark.parametrize(("piece", "kind"), [
    ("Analysis", True), ("Online commentary", True), ("Guest column", True), ("RISK ANALYSIS", True),
    ("Security Analysis", False), ("Harbour Affairs Review", False), ("3 May 2024", False),
])
def test_metadata_kind_of_piece_with_a_modifier(piece: str, kind: bool) -> None:
    assert is_piece_kind(piece) is kind


@pytest.mark.parametrize("masthead", ["NORTHERN FERRY QUARTERLY | Online analysis", "Lake Transport Review · Opinion"])
def test_metadata_masthead_beside_the_kind_of_piece_is_no_title(masthead: str) -> None:
    meta = metadata_from_text(f"{masthead}\n\nWhy the ferry timetable matters\n\nBy Anna Berg\n12 March 2024" + BODY)
    assert meta.title == "Why the ferry timetable matters"
    assert meta.publisher == masthead.split(" |")[0].split(" ·")[0]
    assert (meta.authors, meta.published) == (["Anna Berg"], "2024-03-12")


def test_metadata_capitalised_masthead_above_a_dated_kicker() -> None:
    meta = metadata_from_text("COASTAL TRANSPORT NOTES\nCommentary · 12 March 2024\n\nWhy the ferry timetable "
                              "matters\n\nWritten by Anna Berg and Tomas Lind" + BODY)
    assert (meta.title, meta.publisher, meta.published) == ("Why the ferry timetable matters",
                                                           "COASTAL TRANSPORT NOTES", "2024-03-12")
    assert meta.authors == ["Anna Berg", "Tomas Lind"]


@pytest.mark.parametrize(("byline", "authors", "published"), [
    ("By Anna Berg and Tomas Lind, 12 March 2024", ["Anna Berg", "Tomas Lind"], "2024-03-12"),
    ("By Anna Berg, Tomas Lind and Ewa Nowak, March 12, 2024", ["Anna Berg", "Tomas Lind", "Ewa Nowak"],
     "2024-03-12"),
    ("By Anna Berg and Tomas Lind, research fellows\n12 March 2024", ["Anna Berg", "Tomas Lind"], "2024-03-12"),
    ("By Anna Berg\nTomas Lind\n12 March 2024", ["Anna Berg", "Tomas Lind"], "2024-03-12"),
    ("By Anna Berg\nand Tomas Lind\n\n12 March 2024", ["Anna Berg", "Tomas Lind"], "2024-03-12"),
    ("By\nAnna Berg\nTomas Lind\n\n12/03/2024", ["Anna Berg", "Tomas Lind"], "2024-03-12"),
    ("Posted 12 Mar 2024 · by Anna Berg, research fellow", ["Anna Berg"], "2024-03-12"),
    ("By Anna Berg, senior fellow, and Tomas Lind, analyst\n12 March 2024", ["Anna Berg", "Tomas Lind"],
     "2024-03-12"),
])
def test_metadata_byline_forms_keep_no_prefix(byline: str, authors: list[str], published: str) -> None:
    meta = metadata_from_text(f"Why the ferry timetable matters\n\n{byline}" + BODY)
    assert (meta.title, meta.authors, meta.published) == ("Why the ferry timetable matters", authors, published)


@pytest.mark.parametrize(("line", "publisher"), [
    ("Published by the Harbour Studies Institute", "Harbour Studies Institute"),
    ("A publication of the Lake Transport Forum.", "Lake Transport Forum"),
    ("Published by Anna Berg", None),
])
def test_metadata_published_by_line_names_the_publisher(line: str, publisher: str | None) -> None:
    header = metadata_from_text(f"Why the ferry timetable matters\n\nBy Tomas Lind\n{line}\n12 March 2024" + BODY)
    closing = metadata_from_text("Why the ferry timetable matters\n\nBy Tomas Lind\n12 March 2024" + BODY + line)
    assert header.publisher == closing.publisher == publisher


@pytest.mark.parametrize(("closing", "publisher"), [
    ("© 2024 by the Harbour Studies Institute", "Harbour Studies Institute"),
    ("Harbour Studies Institute © 2024", "Harbour Studies Institute"),
    ("Published by Lake Transport Review, Oslo", "Lake Transport Review"),
    ("This commentary was first published by the Lake Transport Review.", "Lake Transport Review"),
    ("Anna Berg © 2024", None),
])
def test_metadata_closing_line_forms_that_name_the_publisher(closing: str, publisher: str | None) -> None:
    meta = metadata_from_text("Why the ferry timetable matters\n\nBy Tomas Lind\n12 March 2024" + BODY + "\n" + closing)
    assert meta.publisher == publisher


@pytest.mark.parametrize("below_title", [
    "By Anna Berg on 12 March 2024",
    "By Anna Berg (12 March 2024)",
    "By Anna Berg\nPublished 12 March 2024, updated 14 March 2024",
    "Opinion · 12 March 2024\nBy Anna Berg",
])
def test_metadata_date_forms_below_the_title(below_title: str) -> None:
    meta = metadata_from_text(f"Why the ferry timetable matters\n{below_title}" + BODY)
    assert (meta.title, meta.authors, meta.published) == ("Why the ferry timetable matters", ["Anna Berg"],
                                                         "2024-03-12")


def test_metadata_masthead_with_issue_and_date_on_the_first_line() -> None:
    meta = metadata_from_text("Lake Transport Review · Issue 4 · 12 March 2024\n\nWhy the ferry timetable matters"
                              "\n\nBy Anna Berg" + BODY)
    assert (meta.title, meta.publisher, meta.published) == ("Why the ferry timetable matters",
                                                           "Lake Transport Review", "2024-03-12")


def test_metadata_place_below_a_byline_is_no_second_author() -> None:
    meta = metadata_from_text("Why the ferry timetable matters\n\nBy Anna Berg\nBuenos Aires\n12 March 2024" + BODY)
    assert (meta.authors, meta.published) == (["Anna Berg"], "2024-03-12")


def test_metadata_published_by_keeps_a_capitalised_article_and_needs_a_label() -> None:
    closing = metadata_from_text("Why the ferry timetable matters\n\nBy Tomas Lind\n12 March 2024" + BODY
                                 + "Published by The Lake Transport Review")
    assert closing.publisher == "The Lake Transport Review"
    titled = metadata_from_text("Publisher Pressure on Harbour Towns\n\nBy Tomas Lind\n12 March 2024" + BODY)
    assert (titled.title, titled.publisher) == ("Publisher Pressure on Harbour Towns", None)


FERRY_BODY = ("Ferry operators on the lake have cut winter sailings twice in three years, and the villages on the far "
        "shore now depend on a single vessel that is older than most of its crew and costs more to repair every year.")


def test_metadata_rubric_with_a_section_above_the_title_is_no_title() -> None:
    meta = metadata_from_text(f"Opinion | Transport\n\nThe lake ferries need a winter timetable\n\n"
                              f"By Ottilie Brandt\n\n{FERRY_BODY}\n")
    assert meta.title == "The lake ferries need a winter timetable"
    assert meta.authors == ["Ottilie Brandt"]


def test_metadata_dateline_with_a_place_above_the_title_gives_the_date() -> None:
    meta = metadata_from_text(f"GENEVA, 9 October 2024 --\n\nThe lake ferries need a winter timetable\n\n"
                              f"By Ottilie Brandt\n\n{FERRY_BODY}\n")
    assert meta.title == "The lake ferries need a winter timetable"
    assert meta.published == "2024-10-09"


def test_metadata_words_label_and_a_two_sentence_title_below_a_masthead() -> None:
    meta = metadata_from_text(f"Lakeshore Transport Observer\n\nANALYSIS\n\nThe ferries are ageing. The budget is not "
                              f"growing.\n\nWords: Ottilie Brandt\n\nOct. 9, 2024\n\n{FERRY_BODY}\n")
    assert meta.title == "The ferries are ageing. The budget is not growing."
    assert meta.authors == ["Ottilie Brandt"]
    assert meta.publisher == "Lakeshore Transport Observer"
    assert meta.published == "2024-10-09"


def test_metadata_honorific_dropped_from_a_name_with_its_role() -> None:
    meta = metadata_from_text(f"The lake ferries need a winter timetable\n\nDr. Ottilie Brandt, Senior Research "
                              f"Fellow\n\n9 October 2024\n\n{FERRY_BODY}\n")
    assert meta.authors == ["Ottilie Brandt"]


def test_metadata_updated_line_gives_the_first_publication_date() -> None:
    meta = metadata_from_text(f"The lake ferries need a winter timetable\n\nBy Ottilie Brandt\n\n"
                              f"Updated 11 October 2024 (first published 9 October 2024)\n\n{FERRY_BODY}\n")
    assert meta.published == "2024-10-09"


def test_metadata_piped_names_are_all_authors_and_a_place_ends_them() -> None:
    two = metadata_from_text(f"The lake ferries need a winter timetable\n\nOttilie Brandt | Ruben Alvarsson | "
                             f"9 October 2024\n\n{FERRY_BODY}\n")
    assert two.authors == ["Ottilie Brandt", "Ruben Alvarsson"]
    placed = metadata_from_text(f"The lake ferries need a winter timetable\n\nOttilie Brandt | New York | "
                                f"9 October 2024\n\n{FERRY_BODY}\n")
    assert placed.authors == ["Ottilie Brandt"]


def test_metadata_closing_self_description_names_the_publisher() -> None:
    text = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
            "The Lakeland Mobility Institute is an independent, non-partisan think tank based in Lucerne.\n")
    assert metadata_from_text(text).publisher == "Lakeland Mobility Institute"
    prose = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
             "The Ferry Board is a problem.\n")
    assert metadata_from_text(prose).publisher is None


def test_metadata_one_paragraph_about_two_authors_gives_both() -> None:
    text = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\nAbout the authors\n"
            "Ottilie Brandt is a research fellow at the Lakeland Mobility Institute. Ruben Alvarsson is a senior "
            "analyst there.\n")
    assert metadata_from_text(text).authors == ["Ottilie Brandt", "Ruben Alvarsson"]


def test_metadata_contact_block_at_the_end_names_the_publisher() -> None:
    text = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
            "Lakeland Mobility Institute\nSeestrasse 41, Lucerne\n")
    assert metadata_from_text(text).publisher == "Lakeland Mobility Institute"
    prose = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
             "Lakeland Mobility Institute\nIn 2024, prices rose.\n")
    assert metadata_from_text(prose).publisher is None


def test_metadata_news_sentence_about_someone_at_the_end_is_no_author_note() -> None:
    text = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
            "Although Halvorsen is on track to keep his seat, the opposition says the party's new candidate will "
            "win the harbour districts.\n")
    assert metadata_from_text(text).authors == []


def test_metadata_author_note_with_its_role_later_in_the_first_clause() -> None:
    text = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
            "Ottilie Brandt is writer-in-residence at Lakeland College and programme director of the Ferry Trust, "
            "which published her study.\n")
    assert metadata_from_text(text).authors == ["Ottilie Brandt"]
    past = (f"The lake ferries need a winter timetable\n\n9 October 2024\n\n{FERRY_BODY}\n\n"
            "Ruben Alvarsson was forced to step down as the party's regional chair last year.\n")
    assert metadata_from_text(past).authors == []


def test_metadata_short_lead_sentence_with_an_abbreviation_is_no_title() -> None:
    text = f"Harbour Ferries Ltd. shareholders approved the merger at the annual meeting.\n\n{FERRY_BODY}\n"
    assert metadata_from_text(text).title is None


FERRY_BODY = ("The ferry operators met the regional council on Tuesday to discuss the new timetable, the cost of "
              "fuel and the shortage of qualified crews, which has already cancelled a dozen crossings this winter.")


@pytest.mark.parametrize(("byline", "authors"), [
    ("Marta Lindqvist (Stockholm) and Olav Nes (Tromsø)", ["Marta Lindqvist", "Olav Nes"]),
    ("By Marta Lindqvist (Harbour Institute) and Olav Nes (Bergen)", ["Marta Lindqvist", "Olav Nes"]),
    ("Posted 2024-05-03 10:00 UTC | Analysis by Marta Lindqvist (Oslo) and Olav Nes (Bergen)",
     ["Marta Lindqvist", "Olav Nes"]),
])
def test_metadata_byline_names_with_notes_in_brackets(byline: str, authors: list[str]) -> None:
    # a bracketed note after each name (where the author writes from, or works) is no part of the names, and must
    # not cut the byline after its first name
    meta = metadata_from_text(f"Ferries, fuel and the missing crews of the northern coast\n\n{byline}\n\n{FERRY_BODY}")
    assert meta.authors == authors
    assert meta.title == "Ferries, fuel and the missing crews of the northern coast"


def test_metadata_byline_date_first_then_name_at_place() -> None:
    meta = metadata_from_text(f"Ferries and crews\n\nMon 3 Jun 2024 — Marta Lindqvist, Stockholm\n\n{FERRY_BODY}")
    assert (meta.authors, meta.published) == (["Marta Lindqvist"], "2024-06-03")


@pytest.mark.parametrize(("top", "publisher", "authors", "published"), [
    ("NORTHERN FREIGHT LETTER\nIssue 9 · Baltic\n\nMon 3 Jun 2024 — Marta Lindqvist, Stockholm",
     "NORTHERN FREIGHT LETTER", ["Marta Lindqvist"], "2024-06-03"),
    ("Harbour Strategy Digest\nPosted on Apr. 2, 2024 by Omar Haddad, Senior Fellow",
     "Harbour Strategy Digest", ["Omar Haddad"], "2024-04-02"),
    ("Coastal Policy Notes\nIssue 2024/03 - Norway\nDate: March 4th, 2024\nAuthor: Ole Berg (Tromsø)",
     "Coastal Policy Notes", ["Ole Berg"], "2024-03-04"),
    ("FJORD TRADE BRIEF\nThursday 7 March 2024\nWords: Ole Berg and Ida Holm", "FJORD TRADE BRIEF",
     ["Ole Berg", "Ida Holm"], "2024-03-07"),
])
def test_metadata_title_below_masthead_and_byline_block(top: str, publisher: str, authors: list[str],
                                                        published: str) -> None:
    # the top of the page: the publication's name, its issue, date and byline lines, and only then the title
    meta = metadata_from_text(f"{top}\n\nRail gauges and the price of a border crossing\n\n{FERRY_BODY}")
    assert meta.title == "Rail gauges and the price of a border crossing"
    assert (meta.publisher, meta.authors, meta.published) == (publisher, authors, published)


def test_metadata_masthead_and_series_name_above_title_and_byline() -> None:
    text = ("Fjord Perspectives\nMaritime Affairs Series\n\nRail gauges and the price of a border crossing\n\n"
            f"Marta Lindqvist (Stockholm) and Olav Nes (Tromsø)\nPublished May 2nd, 2024\n\n{FERRY_BODY}")
    meta = metadata_from_text(text)
    assert meta.title == "Rail gauges and the price of a border crossing"
    assert (meta.publisher, meta.authors, meta.published) == (
        "Fjord Perspectives", ["Marta Lindqvist", "Olav Nes"], "2024-05-02")


def test_metadata_no_title_below_a_byline_when_prose_follows() -> None:
    # below the byline comes the body, not a line set apart: no title is invented from it
    meta = metadata_from_text(f"By Marta Lindqvist | 3 June 2024\n\n{FERRY_BODY}\n\n{FERRY_BODY}")
    assert meta.title is None
    assert meta.authors == ["Marta Lindqvist"]


@pytest.mark.parametrize(("publication_line", "publisher"), [
    ("**Nordic Freight Ledger** | Policy brief No. 12", "Nordic Freight Ledger"),
    ("_Fjord Energy Brief · Research note_", "Fjord Energy Brief"),
])
def test_metadata_publication_line_below_title_is_publisher_not_standfirst(publication_line: str,
                                                                           publisher: str) -> None:
    # a publication's name beside its series or the kind of piece, under the title: the publisher, never a
    # standfirst that the header skips
    text = (f"Rail gauges and the price of a border crossing\n\n{publication_line}\n\n"
            f"*Marta Lindqvist and Olav Nes · 2024-03-01*\n\n{FERRY_BODY}")
    meta = metadata_from_text(text)
    assert meta.title == "Rail gauges and the price of a border crossing"
    assert (meta.publisher, meta.authors, meta.published) == (publisher, ["Marta Lindqvist", "Olav Nes"],
                                                              "2024-03-01")


@pytest.mark.parametrize(("top", "authors", "publisher", "published"), [
    # the author's role and where it is held, beside the name: no publisher
    ("Ferries and crews\nOla Dahl | Senior Fellow, Arctic Programme\n9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
    # a byline set in capitals
    ("Ferries and crews\n\nBy OLA DAHL and EVA LUND\n\n9 April 2024", ["Ola Dahl", "Eva Lund"], None, "2024-04-09"),
    ("Ferries and crews\nBY OLA DAHL\nAPRIL 9, 2024", ["Ola Dahl"], None, "2024-04-09"),
    # the date of first publication after an update, behind a comma
    ("Ferries and crews\nBy Ola Dahl\nUpdated 11 April 2024, first published 9 April 2024", ["Ola Dahl"], None,
     "2024-04-09"),
    # the kind of piece and its date behind a comma, under the organisation's name, then the title
    ("Fjordline Institute\nCommentary, 9 April 2024\n\nFerries and crews\n\nOla Dahl", ["Ola Dahl"],
     "Fjordline Institute", "2024-04-09"),
    # a kicker and date above the title
    ("Commentary\n9 April 2024\nFerries and crews\nOla Dahl", ["Ola Dahl"], None, "2024-04-09"),
    # a rubric with a slash between its pieces
    ("Analysis / Nordics\n\nFerries and crews\n\nOla Dahl / 9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
])
def test_metadata_header_forms_of_bylines_rubrics_and_dates(top: str, authors: list[str], publisher: str | None,
                                                            published: str) -> None:
    meta = metadata_from_text(f"{top}\n\n{FERRY_BODY}")
    assert (meta.title, meta.authors, meta.publisher, meta.published) == (
        "Ferries and crews", authors, publisher, published)


@pytest.mark.parametrize(("top", "authors", "publisher", "published"), [
    # the byline says where the author writes from, or the publication written for
    ("Ferries and crews\n\nBy Ola Dahl in Bergen\n9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
    ("Ferries and crews\n\nBy Ola Dahl and Eva Lund for the Skerry Review\n9 April 2024", ["Ola Dahl", "Eva Lund"],
     "Skerry Review", "2024-04-09"),
    # other byline labels, and a labelled credit that is no publisher
    ("Ferries and crews\n\nPosted by Ola Dahl on April 9, 2024 in Analysis", ["Ola Dahl"], None, "2024-04-09"),
    ("Ferries and crews\n\nText: Ola Dahl | Photos: Eva Lund\n9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
    ("Ferries and crews\n\nContributors: Ola Dahl, Eva Lund and Per Moe\n9 April 2024",
     ["Ola Dahl", "Eva Lund", "Per Moe"], None, "2024-04-09"),
    # the kind of piece, then 'by' and the names
    ("Ferries and crews\nA commentary by Ola Dahl\n9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
    ("Ferries and crews\n\nAn analysis by Ola Dahl and Eva Lund, 9 April 2024", ["Ola Dahl", "Eva Lund"], None,
     "2024-04-09"),
    # reading time and updates beside the date
    ("Ferries and crews\n\n9 April 2024 · 7 min read · Ola Dahl", ["Ola Dahl"], None, "2024-04-09"),
    ("Ferries and crews\n\nBy Ola Dahl\n9 April 2024 (updated 11 April 2024)", ["Ola Dahl"], None, "2024-04-09"),
    # a labelled header
    ("Title: Ferries and crews\nAuthor: Ola Dahl\nDate: 9 April 2024", ["Ola Dahl"], None, "2024-04-09"),
    # an organisation's name opening its series line
    ("Skerry Institute Commentary No. 7/2024\n9 April 2024\n\nFerries and crews\n\nOla Dahl", ["Ola Dahl"],
     "Skerry Institute", "2024-04-09"),
])
def test_metadata_more_byline_labels_and_header_lines(top: str, authors: list[str], publisher: str | None,
                                                      published: str) -> None:
    meta = metadata_from_text(f"{top}\n\n{FERRY_BODY}")
    assert (meta.title, meta.authors, meta.publisher, meta.published) == (
        "Ferries and crews", authors, publisher, published)


def test_metadata_series_name_is_no_publisher() -> None:
    # 'Policy Brief' names the series, not who publishes it
    meta = metadata_from_text(f"Policy Brief No. 7/2024\n\nFerries and crews\n\nOla Dahl\n\n{FERRY_BODY}")
    assert meta.publisher is None


@pytest.mark.parametrize(("closing", "authors", "publisher"), [
    ("Ola Dahl and Eva Lund are research fellows at the Skerry Institute.", ["Ola Dahl", "Eva Lund"], None),
    ("Published by the Skerry Institute, Bergen, April 2024.", [], "Skerry Institute"),
])
def test_metadata_closing_notes_for_several_authors_and_a_dated_publisher_line(closing: str, authors: list[str],
                                                                               publisher: str | None) -> None:
    meta = metadata_from_text(f"Ferries and crews\n\n{FERRY_BODY}\n\n{FERRY_BODY}\n\n{closing}")
    assert (meta.authors, meta.publisher) == (authors, publisher)


def test_metadata_date_line_naming_the_publisher() -> None:
    meta = metadata_from_text(f"Ferries and crews\n\nPublished on 9 April 2024 by the Skerry Institute\n\n{FERRY_BODY}")
    assert (meta.title, meta.authors, meta.publisher, meta.published) == (
        "Ferries and crews", [], "Skerry Institute", "2024-04-09")


@pytest.mark.parametrize(("top", "title"), [
    # Title Case titles that end in an organisation's or publication's word are titles, not mastheads
    ("Rethinking the Nordic Council\nBy Ola Dahl | 9 April 2024\n\nWhy the ferry budget belongs to the region",
     "Rethinking the Nordic Council"),
    ("Norway's Ferry Review\n\nBy Ola Dahl, 9 April 2024\n\nWhat the new numbers say about crews",
     "Norway's Ferry Review"),
    ("Inside the Skerry Institute\n\nBy Ola Dahl\n\nWhat the new numbers say about crews",
     "Inside the Skerry Institute"),
])
def test_metadata_title_case_title_with_an_organisation_word_stays_the_title(top: str, title: str) -> None:
    meta = metadata_from_text(f"{top}\n\n{FERRY_BODY}")
    assert meta.title == title
    assert meta.publisher is None


@pytest.mark.parametrize(("top", "authors", "publisher", "published"), [
    # names joined by a semicolon
    ("Skerry Review\nAnalysis\nFerries and crews\nAuthors: Ola Dahl; Eva Lund\n9 April 2024",
     ["Ola Dahl", "Eva Lund"], "Skerry Review", "2024-04-09"),
    # a labelled section line, and a labelled date right under the masthead
    ("SKERRY REVIEW\nSection: Transport\nFerries and crews\nOla Dahl | Published: 09.04.2024", ["Ola Dahl"],
     "SKERRY REVIEW", "2024-04-09"),
    ("Skerry Review\nDate: 2024-04-09\nFerries and crews\nBy Ola Dahl", ["Ola Dahl"], "Skerry Review", "2024-04-09"),
    # masthead, section, date and byline first; the title last
    ("Skerry Institute\nPorts & Trade\n9 April 2024\nOla Dahl, Senior Fellow, and Eva Lund, Research Analyst\n\n"
     "Ferries and crews", ["Ola Dahl", "Eva Lund"], "Skerry Institute", "2024-04-09"),
    ("Skerry Review\nRegional Note 2024/7\nApril 9th, 2024\nBy Ola Dahl\n\nFerries and crews", ["Ola Dahl"],
     "Skerry Review", "2024-04-09"),
    ("Skerry Review\nPorts | Transport\n9 April 2024\nWords by Ola Dahl\n\nFerries and crews", ["Ola Dahl"],
     "Skerry Review", "2024-04-09"),
])
def test_metadata_masthead_section_date_and_byline_layouts(top: str, authors: list[str], publisher: str,
                                                           published: str) -> None:
    meta = metadata_from_text(f"{top}\n\n{FERRY_BODY}")
    assert (meta.title, meta.authors, meta.publisher, meta.published) == (
        "Ferries and crews", authors, publisher, published)


@pytest.mark.parametrize(("closing", "authors", "publisher"), [
    ("— Ola Dahl is a senior fellow at the Skerry Institute.", ["Ola Dahl"], None),
    ("Ola Dahl (@oladahl) is a journalist based in Bergen.", ["Ola Dahl"], None),
    ("This commentary originally appeared on Skerry Review.", [], "Skerry Review"),
    ("Skerry Institute | Kaigata 5, 5003 Bergen | www.skerry.example", [], "Skerry Institute"),
    ("Published by Skerry Review on 9 April 2024.", [], "Skerry Review"),
])
def test_metadata_closing_bio_and_publisher_forms(closing: str, authors: list[str], publisher: str | None) -> None:
    meta = metadata_from_text(f"Ferries and crews\n\n{FERRY_BODY}\n\n{FERRY_BODY}\n\n{closing}")
    assert (meta.authors, meta.publisher) == (authors, publisher)
