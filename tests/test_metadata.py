"""Metadata from an article's own header, byline and closing lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.metadata import is_person_name, metadata_from_text, parse_date, split_names

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
    ("Komentarze IEŚ\n31 października 2024\nJakub Bornio\n\nTreść.", None, ["Jakub Bornio"], "2024-10-31"),
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
    ("Jakub Bornio", True), ("Jean-Pierre van der Berg", True), ("P. D. Wezeman", True), ("Gorana Grgić", True),
    ("Visegrad Team", False), ("NATO Review", False), ("Senior Analyst", False), ("31 October", False),
    ("the minister", False), ("Institute for Security Studies", False),
])
def test_metadata_person_names(name: str, ok: bool) -> None:
    assert is_person_name(name) is ok


def test_metadata_split_names() -> None:
    assert split_names("Jane Doe, John Roe & Max Mustermann") == ["Jane Doe", "John Roe", "Max Mustermann"]
    assert split_names("Jane Doe and the editors") == []


@pytest.mark.parametrize(("text", "value"), [
    ("31 October 2024", "2024-10-31"), ("October 31, 2024", "2024-10-31"), ("2024-10-31", "2024-10-31"),
    ("31.10.2024", "2024-10-31"), ("Thursday, 31 October 2024", "2024-10-31"),
    ("ISSN: 2657-6996", None), ("IEŚ Commentaries 1234 (209/2024)", None), ("October 2024", None),
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
