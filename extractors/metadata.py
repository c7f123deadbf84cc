"""Document metadata from the text itself: title, authors, publisher and date in its header, byline or closing lines.

Readers call `metadata_from_text` when the file format carries no (or partial) metadata. Only what the text states
clearly is returned; anything unclear stays None rather than being guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import dateparser

from extractors.countries import is_place_name

CUES_FILE = Path(__file__).resolve().parent / "data" / "byline_cues.json"
HEADER_LINES = 15  # bylines, dates and titles sit in the first lines of an article ...
CLOSING_LINES = 8  # ... author bios and "first published on" notes in the last ones
DATE_LANGUAGES = ["en", "pl", "de", "fr", "es", "it", "nl", "pt", "cs", "uk", "ru"]
MAX_TITLE_WORDS = 30
MIN_TITLE_WORDS = 3
BODY_LINE_WORDS = 25
MAX_PERIOD_TITLE_WORDS = 25
BIO_ROLE_WORDS = 6  # an author note names the role in its first words: 'is deputy head of research at'


@dataclass(slots=True)
class TextMetadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD


@lru_cache(maxsize=1)
def cues() -> dict[str, list[str]]:
    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern[str]]:
    c = cues()
    joiners = _alternation([j for j in c["name_joiners"] if j != "&"])
    return {
        "byline": re.compile(rf"^(?:{_alternation(c['byline_prefixes'])})\s*[:\-–]?\s+(?P<rest>\S.*)$", re.I),
        "date_label": re.compile(rf"^(?:{_alternation(c['date_labels'])})\s*[:\-–]?\s*(?P<rest>\S.*)$", re.I),
        "updated_label": re.compile(rf"^(?:{_alternation(c['updated_labels'])})\b", re.I),
        "section_label": re.compile(rf"^(?:{_alternation(c['section_labels'])})\s*:\s*\S", re.I),
        "title_label": re.compile(rf"^(?:{_alternation(c['title_labels'])})\s*:\s*(?P<rest>\S.*)$", re.I),
        "publisher_label": re.compile(rf"^(?:{_alternation(c['publisher_labels'])})\s*:\s*(?P<rest>\S.*)$", re.I),
        # 'Published by the Harbour Institute': a label without a colon, taken only when an organisation follows
        "publisher_by": re.compile(rf"^(?:{_alternation(c['publisher_by_labels'])})\s+"
                                   r"(?-i:the\s+)?(?P<rest>\S[^.]*)\.?$", re.I),
        "republished": re.compile(rf"(?:{_alternation(c['republished_cues'])})\s+"
                                  r"(?P<rest>[^.\n]+(?:\.[a-z]{2,4}\b[^.\n]*)?)", re.I),
        "leading_joiner": re.compile(rf"^(?:,\s*)?(?:{_alternation(c['name_joiners'])})\s+", re.I),
        "joiner": re.compile(rf"\s*(?:[,;]\s*(?:(?:{joiners})\s+)?|\s&\s|\s(?:{joiners})\s)\s*", re.I),
        "series": re.compile(rf"\b(?:{_alternation(c['series_words'])})\.?\s*(?:(?:no|nr)\.?\s*|#\s*)?\d", re.I),
        # 'OSLO, May 3 (Northern Newswire) -', 'WASHINGTON (Reuters) -': a wire dateline names its agency
        "wire": re.compile(r"^[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}(?:,\s*[^()\n]{1,40}?)?\s*"
                           r"\((?P<agency>[A-Z][^()\n]{0,50}?)\)\s*[-–—]"),
        "copyright": re.compile(
            rf"^(?:{_alternation(c['copyright_marks'])})\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?"
            r"(?P<holder>[^.|·\n]{2,80}?)\s*(?:,?\s*(?:19|20)\d\d)?\s*(?:[.|·]|all rights reserved|$)", re.I),
        # 'Harbour Institute © 2024': the holder written before the mark and the year
        "copyright_after": re.compile(rf"^(?P<holder>[^.|·©\n]{{2,80}}?)\s*(?:{_alternation(c['copyright_marks'])})\s*"
                                      r"(?:19|20)\d\d\b", re.I),
        # 'The Harbour Institute is a non-partisan research body': a closing line that says what the publisher is
        "self_description": re.compile(r"^(?:[Tt]he\s+)?(?P<name>[A-Z][^,;:()]{2,80}?)\s+is\s+(?:an?|the)\s+"
                                       r"(?P<rest>.+)$"),
        "bio": re.compile(r"^(?:about the authors?:?\s*)?(?P<name>[^;:()]{3,80}?)\s+"
                          r"(?P<verb>is|are|was|has been|jest)\s+(?:a|an|the)?\s*(?P<rest>.+)$", re.I),
    }


def clean_line(line: str) -> str:
    """A header line without markdown emphasis: '**By Jane Doe** | Monitor' -> 'By Jane Doe | Monitor'."""
    line = re.sub(r"\*\*|(?<!\w)__|__(?!\w)", "", line)
    line = re.sub(r"(?<![\w*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![\w*])", r"\1", line)  # '*Section*' -> 'Section'
    return re.sub(r"\s+", " ", line).strip().strip("*_#").strip()


def is_person_name(text: str) -> bool:
    """Two to five capitalised words (initials and particles such as 'van' allowed), no digits, no org words."""
    c = cues()
    tokens = text.replace("\u00a0", " ").split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in text) or len(text) > 60:
        return False
    capitalised = 0
    for token in tokens:
        bare = token.strip(",.")
        low = bare.lower()
        if low in c["not_name_words"] or low in c["role_words"] or low in c["organisation_words"]:
            return False
        if low in c["name_particles"]:
            continue
        if re.fullmatch(r"[^\W\d_]\.(?:-?[^\W\d_]\.)?", token):  # an initial: "J." or "J.-P."
            capitalised += 1
            continue
        if not re.fullmatch(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*", bare):
            return False
        if re.search(r"['’]s$", bare):  # "Norway's Coastal Gamble" is a title: a name is no possessive
            return False
        if not bare[0].isupper() or (len(bare) > 1 and bare.isupper()):  # "NATO Review" is no person
            return False
        capitalised += 1
    return capitalised >= 2 and tokens[-1].strip(",.").lower() not in c["name_particles"]


ET_AL_RE = re.compile(r",?\s+et\s+al\.?$", re.I)
# a note in brackets after a name in a byline: where the author writes from or works ('Jane Doe (Oslo)', 'Jane Doe
# (Harbour Institute)'); no digits, so a bracketed date ('Jane Doe (12 March 2024)') stays for find_date_in
NAME_NOTE_RE = re.compile(r"(?<=[^\W\d_])\s*\([^()\d]{2,60}\)(?=\s*(?:,|;|&|\band\b|\bund\b|\bet\b|[|·•–—-]|$))")
# the pieces of a byline or rubric: 'Jane Doe | 12 March 2024', 'Analysis / Europe' (a slash set between spaces)
PIECE_SPLIT_RE = re.compile(r"\s*[|·•]\s*|\s+[–—/-]\s+")


def without_honorific(name: str) -> str:
    """'Dr Jane Doe' -> 'Jane Doe': an honorific is no part of the name."""
    first, _, rest = name.strip().partition(" ")
    return rest.strip() if rest and first.lower() in cues()["honorifics"] else name.strip()


def split_names(text: str) -> list[str]:
    """'Jane Doe, John Roe and Max Mustermann' -> three names; 'Jane Doe et al.' -> the named one; 'Dr Jane Doe'
    -> 'Jane Doe'; [] unless every part is a person's name."""
    text = ET_AL_RE.sub("", text.strip())
    parts = [without_honorific(p.strip(" .,")) for p in patterns()["joiner"].split(text) if p and p.strip(" .,")]
    return parts if parts and all(is_person_name(p) for p in parts) else []


def parse_date(text: str) -> str | None:
    """An ISO date from a short date string (any of DATE_LANGUAGES), only when day, month and year are given."""
    text = text.strip(" .,|·–-")
    iso = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$", text)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            return None
    if not re.search(r"\b(?:19|20)\d\d\b", text) or len(text) > 40:
        return None
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) > 3:  # a date names at most weekday, month and an "at"/"on"
        return None
    try:
        parsed = dateparser.parse(text, languages=DATE_LANGUAGES,
                                  settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY",
                                            "PREFER_LOCALE_DATE_ORDER": False})
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if isinstance(parsed, datetime) else None


def find_date_in(text: str) -> str | None:
    """The first piece of a byline tail ('12 March 2024', 'Published 12.03.2024 09:00') that parses as a date."""
    # a date in brackets ('Jane Doe (12 March 2024)') is a piece of its own
    for piece in re.split(r"\s*[|·•()]\s*|\s+[–—/-]\s+|;\s*", text):
        piece = re.sub(r"\s+\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", "", piece.strip(), flags=re.I)
        label = patterns()["date_label"].match(piece)
        value = parse_date(label["rest"] if label else piece)
        if value:
            return value
    # 'Jane Doe and John Roe, 12 May 2024', 'Jane Doe, Oslo, May 12, 2024', '12 May 2024, updated 14 May 2024':
    # the first run of comma pieces that reads as a date
    pieces = text.split(",")
    for start in range(len(pieces)):
        for end in range(start + 1, len(pieces) + 1):
            if (start, end) != (0, len(pieces)) and (value := parse_date(",".join(pieces[start:end]))):
                return value
    # 'Jane Doe on 12 May 2024': the date a byline's 'on' introduces
    dated = re.search(r"\bon\s+(?P<when>(?:[^\W\d_]+,?\s+)?\d[^|·•]*?(?:19|20)\d\d)\b", text)
    return parse_date(dated["when"]) if dated else None


def names_in_byline(rest: str) -> list[str]:
    """The names of a byline's tail: 'Jane Doe and John Roe | 12 March 2024' -> both names; 'Jane Doe (Oslo) and
    John Roe (Bergen)' -> both names, without the notes on where they write from."""
    rest = without_name_notes(rest)
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in cues()["name_joiners"]]
    if len("".join(words)) > 3 and all(w.isupper() for w in words):
        # 'BY JANE DOE and JOHN ROE': a byline set in capitals names people as 'Jane Doe' and 'John Roe'
        rest = re.sub(r"[^\W\d_]+", lambda word: word[0].capitalize(), rest)
    # the names end where the date, a bracket or 'on <date>' ('Jane Doe on 12 May 2024') begins
    # ... or where 'in Lisbon', 'for the Harbour Review', 'at the Harbour Institute' say where from or for whom
    head = re.split(r"\s*[|·•]\s*|\s+[–—/-]\s+|\s*\(|\s+on\s+(?=(?:[^\W\d_]+,?\s+)?\d)"
                    r"|\s+(?:in|for|from|at)\s+(?=(?:the\s+)?[A-Z])", rest)[0]
    names = split_names(head)
    if names:
        return names
    # 'Jane Doe and John Roe, 12 May 2024', 'Jane Doe, Oslo, May 12, 2024': the names, then where and when
    pieces = [piece.strip() for piece in head.split(",")]
    for cut in range(1, len(pieces)):
        tail = pieces[cut:]
        if parse_date(", ".join(tail)) or all(parse_date(t) or is_place_name(t) for t in tail):
            if names := split_names(", ".join(pieces[:cut])):
                return names
            break
    if names := names_with_roles(head):
        return names
    # 'Jane Doe, Senior Fellow', 'Jane Doe and John Roe, research fellows': names followed by their role
    first = without_honorific(pieces[0])
    if is_person_name(first):
        return [first]
    return split_names(first) if len(pieces) > 1 and _names_a_role(", ".join(pieces[1:])) else []


def without_name_notes(text: str) -> str:
    """'Jane Doe (Oslo) and John Roe (Harbour Institute)' -> 'Jane Doe and John Roe', when a name is left before
    each note; anything else is returned as it was."""
    stripped = NAME_NOTE_RE.sub("", text)
    return stripped if stripped != text else text


def is_organisation_name(text: str) -> bool:
    """'Alpine Water Observatory', 'Institute for Coastal Studies', 'AP': capitalised words, no person."""
    c = cues()
    words = text.split()
    if (not 1 <= len(words) <= 8 or len(text) > 80 or any(ch.isdigit() for ch in text) or ":" in text
            or is_person_name(text)):
        return False  # 'Photos: Jane Doe' is a label
    if not words[0][0].isupper() or not all(w[0].isupper() or w.lower() in c["connector_words"] for w in words):
        return False
    lowered = {w.lower().strip(",.") for w in words}
    if lowered & set(c["role_words"]) and not lowered & set(c["organisation_words"]):
        return False  # 'Senior Fellow' is a role, 'Research Institute' an organisation
    return not is_label_line(text)


def is_piece_kind(text: str) -> bool:
    """'Analysis', 'Online commentary', 'Guest column': the kind of piece, a kicker word alone or after one or two
    words that say what it covers or where it runs; never a title, a name or a publisher."""
    words = text.lower().strip(" :|").split()
    if not words or len(words) > 3 or any(ch.isdigit() for ch in text):
        return False
    kinds = set(cues()["kicker_words"])
    if " ".join(words) in kinds:
        return True
    # 'Online commentary', 'RISK ANALYSIS'; 'Security Analysis' in Title Case may name a programme or a series
    last = text.strip(" :|").split()[-1]
    return len(words) > 1 and words[-1] in kinds and (last.islower() or text.isupper())


def is_kicker(line: str) -> bool:
    """'ANALYSIS', 'Opinion', 'WORLD NEWS': a section label above a title."""
    words = line.split()
    if not 1 <= len(words) <= 3 or any(ch.isdigit() for ch in line):
        return False
    if is_piece_kind(line):
        return True
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def is_rubric_line(line: str) -> bool:
    """'Analysis | Defence', 'Opinion · Energy and climate': the kind of piece beside the section it runs in, above
    a title; a short section name of capitalised words, never a person."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(line) if piece.strip()]
    if len(pieces) < 2 or not any(is_piece_kind(piece) for piece in pieces):
        return False
    return all(is_piece_kind(piece) or (len(piece.split()) <= 3 and is_organisation_name(piece)
                                        and not split_names(piece)) for piece in pieces)


def dated_kicker(line: str) -> str | None:
    """'Briefing · 2 March 2024', 'Analysis | 4 May 2023': the kind of piece and its date on one line above a
    title; the ISO date. Neither piece is a title or a publisher."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(line) if piece.strip()]
    if len(pieces) < 2:
        pieces = [piece.strip() for piece in line.split(",", 1)]  # 'Commentary, 4 May 2023'
    if len(pieces) < 2:
        return None
    dates = [value for piece in pieces if (value := parse_date(piece))]
    sections = [piece for piece in pieces if is_piece_kind(piece)]
    return dates[0] if len(dates) == 1 and len(sections) == len(pieces) - 1 else None


def located_date(line: str) -> str | None:
    """'Nairobi, 5 June 2024', 'London | 4 May 2023': a dateline that says where and when the piece was written;
    the ISO date. The place is no publisher."""
    parts = re.split(r"\s*[,|·•]\s*|\s+[–—]\s+", line, maxsplit=1)
    if len(parts) != 2 or not is_place_name(parts[0]):
        return None
    return parse_date(parts[1])


def is_section_line(line: str) -> bool:
    """'Arctic Programme | Commentary': a programme or section of the publisher and the kind of piece, in pieces."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(line) if piece.strip()]
    return len(pieces) >= 2 and all(
        is_piece_kind(piece) or (is_organisation_name(piece) and not split_names(piece))
        for piece in pieces)


def is_series_line(line: str) -> bool:
    """'Policy Paper No. 3/2021', 'Working Paper 12', 'ISSN 0000-0000': the publication's series or identifier."""
    words = line.split()
    if not words or len(words) > 10:
        return False
    if words[0].lower().rstrip(":") in cues()["identifier_line_prefixes"]:
        return True
    return bool(patterns()["series"].search(line)) and not parse_date(line)


def series_publisher(line: str) -> str | None:
    """'Harbour Institute Commentary No. 14/2024': the organisation or publication whose name opens a series line,
    up to its first organisation or publication word."""
    if not is_series_line(line):
        return None
    words = line.split()
    # a head word that also names a kind of series ('Policy Note No. 8') makes the series' name, not its publisher
    heads = (set(cues()["organisation_words"]) | set(cues()["publication_words"])) - set(cues()["series_words"])
    for end in range(2, len(words)):
        name, rest = " ".join(words[:end]), " ".join(words[end:])
        if words[end - 1].lower() in heads and names_an_organisation(name) and patterns()["series"].search(rest):
            return name
    return None


def is_masthead(line: str, following: str, after_following: str, below: list[str] | None = None) -> bool:
    """An organisation's name above a series line ('Lakeside Policy Institute' / 'Policy Paper No. 3/2021'), or a
    name with an organisation word above a line that is itself set apart as a title; or a publication's name
    ('Harbour Affairs Review', 'RIVER TRADE MONITOR') above a date or section line and then a title that a
    byline or date follows."""
    if not is_organisation_name(line) or reads_as_title_phrase(line):
        return False
    if is_series_line(following) or (is_section_line(following) and names_an_organisation(line)):
        return True
    words = {w.lower().strip(",.") for w in line.split()}
    if len(words) < 2:
        return False
    if (is_kicker(following) or dated_kicker(following)) and is_title_like(after_following):
        return True  # 'Harbour Policy Quarterly' / 'Briefing' (or 'Briefing | 2 May 2024') / the title
    if (bool(words & set(cues()["organisation_words"])) and bool(following)
            and not is_title_separator(following) and not is_label_line(following)
            and bool(after_following) and is_title_separator(after_following)):
        return True
    if line.split()[-1].lower().strip(",.") not in set(cues()["publication_words"]) or not below:
        return False
    # the title sits one or two lines lower (below a date or a section name) and a byline or date follows it
    for offset in (0, 1, 2):
        if offset + 1 < len(below) and is_title_like(below[offset]) and is_title_separator(below[offset + 1]):
            return all(parse_date(between) or dated_kicker(between) or len(between.split()) <= 4
                       for between in below[:offset])
    return False


def masthead_of_section_line(line: str) -> tuple[str, str | None] | None:
    """'RIVER TRADE MONITOR | Online opinion', 'Harbour Affairs Review · Issue 4 · 2 May 2024': a publication's
    name beside the kind of piece, its issue or its date, on the first line; (the name, the ISO date if given). The
    name is the publisher, never the title."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(line) if piece.strip()]
    dates = [value for piece in pieces[1:] if (value := parse_date(piece))]
    if len(pieces) < 2 or len(dates) > 1 or not all(is_piece_kind(piece) or is_series_line(piece) or parse_date(piece)
                                                    for piece in pieces[1:]):
        return None
    name = pieces[0]
    # a name in capitals is set as a masthead; otherwise it must say it is a publication or an organisation
    if names_an_organisation(name) or (name.isupper() and len(name.split()) >= 2 and is_organisation_name(name)):
        return name, dates[0] if dates else None
    return None


def is_subtitle(line: str) -> bool:
    """A standfirst below a title: one short sentence or phrase, no label, date or names, nor a publication's name
    beside its series or the kind of piece ('Harbour Ledger | Policy brief No. 4')."""
    words = line.split()
    return (MIN_TITLE_WORDS <= len(words) <= 2 * BODY_LINE_WORDS and not parse_date(line) and not is_label_line(line)
            and not split_names(line) and not is_kicker(line) and not is_section_line(line) and not dated_kicker(line)
            and not masthead_of_section_line(line))


def is_title_like(line: str) -> bool:
    words = line.split()
    return (MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS and not line.endswith((":", ";", ","))
            and (not line.endswith(".") or is_sentence_title(line))
            and not is_person_name(line) and not parse_date(line) and not is_label_line(line))


def is_sentence_title(line: str) -> bool:
    """'The ice is going. The ships are not.': two short sentences set as a title; prose is longer."""
    # two sentences, a lower-case word ending the first; 'Harbour Ltd. staff voted ...' is one sentence of prose
    return (len(line.split()) <= MAX_PERIOD_TITLE_WORDS // 2 and not re.search(r"\b[A-Z]\.$", line)
            and bool(re.search(r"\b[a-z]{2,}[.!?]\s+[A-Z]", line)) and not re.search(r"[.!?]\s+[a-z]", line))


def piped_byline(line: str) -> tuple[list[str], str | None, str | None]:
    """'Inland Policy Desk · Jane Doe and John Roe · 14 June 2021': (names, ISO date, publisher) of a byline
    whose pieces come in any order; nothing unless every piece is names, a date, a section or an organisation."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(line) if piece.strip()]
    names: list[str] = []
    published: str | None = None
    publisher: str | None = None
    for piece in pieces:
        if not names and (found := split_names(piece) or names_at_place(piece)[0]):
            names = found  # 'Jane Doe' or 'Jane Doe, Oslo': the place written from is no publisher
        elif not published and (value := find_date_in(piece)):
            published = value
        elif (is_piece_kind(piece) or is_series_line(piece) or (names and is_role_piece(piece))
              or is_reading_time(piece)):
            continue  # 'Analysis', 'Working paper No. 6': the kind of piece or its series, beside the byline
        elif not publisher and is_organisation_name(piece):
            publisher = piece
        else:
            return [], None, None
    return names, published, publisher


def dated_line(line: str) -> str | None:
    """'4 May 2023 (updated 6 May 2023)', '4 May 2023 · 6 min read': a date line whose other pieces say when it was
    updated or how long it takes to read; the first date."""
    pieces = [piece.strip() for piece in re.split(r"\s*[()|·•;]\s*", line) if piece.strip()]
    if len(pieces) < 2 or not (value := parse_date(pieces[0])):
        return None
    others_fit = all(patterns()["updated_label"].match(piece) or is_reading_time(piece) for piece in pieces[1:])
    return value if others_fit else None


def is_reading_time(piece: str) -> bool:
    """'7 min read', 'Reading time: 5 minutes': how long the piece takes to read, set beside its byline."""
    low = piece.lower()
    return len(piece.split()) <= 5 and any(cue in low for cue in cues()["reading_time_cues"])


def written_for(rest: str) -> str | None:
    """'Jane Doe for the Harbour Review': the publication a byline says the piece was written for."""
    match = re.search(r"\bfor\s+(?:the\s+)?(?P<name>[A-Z][^|·•,;()]{2,80}?)\s*(?:[|·•,;(]|$)", rest)
    return match["name"].strip() if match and names_an_organisation(match["name"].strip()) else None


def is_role_piece(piece: str) -> bool:
    """'Senior Fellow, Arctic Programme', 'Programme Director': the author's role (and where it is held), which a byline
    gives beside the name; the organisation after the role is the author's, not the publisher."""
    return _names_a_role(" ".join(piece.split(",")[0].split()[:3])) and not names_an_organisation(piece.split(",")[0])


def publisher_in_byline(text: str) -> str | None:
    """'Jane Doe | Alpine Water Observatory | 2 May 2021': the piece that names an organisation."""
    pieces = [piece.strip() for piece in PIECE_SPLIT_RE.split(text)]
    for piece in pieces[1:]:
        if is_piece_kind(piece) or is_role_piece(piece):
            continue  # 'Jane Doe | Opinion | 3 March 2024': a section, not the publisher; nor the author's role
        if piece and not find_date_in(piece) and not split_names(piece) and is_organisation_name(piece):
            return piece
    return None


def names_an_organisation(text: str) -> bool:
    """'Lakeside Arms Forum', 'Harbour Affairs Review': an organisation or publication word in a name (which
    tells it from software such as 'PyFPDF' or 'Writer' in a PDF's Creator field)."""
    words = {w.lower().strip(",.") for w in text.split()}
    known = set(cues()["organisation_words"]) | set(cues()["publication_words"])
    return len(words) >= 2 and bool(words & known) and is_organisation_name(text)


def publisher_outside_text(info_fields: list[str], running_heads: list[str]) -> str | None:
    """The publisher a PDF names outside its body text: a running head ('Lakeside Arms Forum | Policy Paper
    No. 3/2021') or an info field (Creator, Author) that names an organisation."""
    for head in running_heads:
        for piece in re.split(r"\s*[|·•]\s*|\s+[–—]\s+", clean_line(head)):
            if names_an_organisation(piece.strip()):
                return piece.strip()
    for value in info_fields:
        value = re.sub(r"\s+", " ", value).strip()
        if names_an_organisation(value):
            return value
    return None


def wire_agency(line: str) -> str | None:
    """The agency of a wire dateline that opens the body: 'OSLO, May 3 (Northern Newswire) - ...'."""
    match = patterns()["wire"].match(line)
    if not match:
        return None
    agency = match["agency"].strip()
    return agency if is_organisation_name(agency) else None


def header_title(lines: list[str], authors: list[str] | None = None) -> str | None:
    """A title the header makes clear: a line repeated in the header, or a title-like first line set apart."""
    seen: dict[str, int] = {}
    for line in lines:
        if MIN_TITLE_WORDS <= len(line.split()) <= MAX_TITLE_WORDS:
            seen[line] = seen.get(line, 0) + 1
            if seen[line] == 2:
                return line.rstrip(".")
    if not lines:
        return None
    first = lines[0]
    words = first.split()
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or len(first) > 200 or first.endswith((":", ";", ",")):
        return None
    # a title may end in a full stop when it is one short sentence ('Talks on the strait resume.'), never prose
    # two short sentences ('The ice is going. The ships are not.') make a title as well
    if first.endswith(".") and (len(words) > MAX_PERIOD_TITLE_WORDS or re.search(r"\b[A-Z]\.$", first)
                                or (re.search(r"[a-z]{2}[.!?]\s", first[:-1]) and not is_sentence_title(first))):
        return None
    # a line that reads as a name is the title only when the byline names other people
    if (is_person_name(first) and (not authors or first in authors)) or parse_date(first) or is_label_line(first):
        return None
    return first


def is_label_line(line: str) -> bool:
    """'By ...', 'Published: <date>', 'Updated ...', 'Publisher: ...': header labels, never titles."""
    p = patterns()
    dated = p["date_label"].match(line)
    byline = p["byline"].match(line)
    return bool((byline and names_in_byline(byline["rest"])) or p["publisher_label"].match(line)
                or p["updated_label"].match(line) or (dated and find_date_in(dated["rest"]))
                or p["section_label"].match(line))


def is_title_separator(line: str) -> bool:
    """Lines that may directly follow a title: a byline, a date, a name line or a dateline."""
    p = patterns()
    return bool(p["byline"].match(line) or p["date_label"].match(line) or parse_date(line) or split_names(line)
                or publication_dateline(line) or byline_parts(line)[0] or dated_kicker(line))


def byline_parts(line: str) -> tuple[list[str], str | None, str | None]:
    """(names, ISO date, publisher) of a byline without a 'By': 'Jane Doe | 2024.04.24', 'Jane Doe — 4 May 2023',
    'Jane Doe, 4 May 2023', 'Posted on 4 May 2023 by Jane Doe', 'Jane Doe, Senior Fellow', 'Jane Doe et al.';
    nothing unless the names are clear."""
    line = without_name_notes(line)
    posted = re.match(r"^(?P<when>.{6,40}?)\s+by\s+(?P<who>.+)$", line, re.I)
    kind = re.match(r"^(?:(?:an?|the)\s+)?(?P<kind>.{3,30}?)\s+by\s+(?P<who>.+)$", line, re.I)
    if kind and is_piece_kind(kind["kind"]) and (names := names_in_byline(kind["who"])):
        return names, find_date_in(kind["who"]), written_for(kind["who"])
    if posted:
        label = patterns()["date_label"].match(posted["when"])
        published = find_date_in(label["rest"] if label else posted["when"])
        names = names_in_byline(posted["who"]) if published else []
        if names:
            return names, published, None
        # 'Published on 4 May 2023 by the Harbour Institute': the date, and the organisation that publishes
        organisation = re.sub(r"^the\s+", "", posted["who"].strip(" ."), flags=re.I)
        if published and label and names_an_organisation(organisation):
            return [], published, organisation
    if PIECE_SPLIT_RE.search(line):
        names = piped_names(line) or names_in_byline(line)
        if names:
            return names, find_date_in(line), publisher_in_byline(line)
        return piped_byline(line)
    names = split_names(line)
    if names:
        return names, None, None
    # 'Jane Doe, 4 May 2023', 'Jane Doe and John Roe, May 3, 2024': names, then a date after a comma
    for match in re.finditer(r",\s*", line):
        head, tail = line[:match.start()], line[match.end():]
        published = parse_date(tail)
        if published and (names := split_names(head) or names_in_byline(head)):
            return names, published, None
    located = names_at_place(line)
    if located[0]:
        return located[0], located[1], None
    if names := names_with_roles(line):
        return names, None, None
    # 'Jane Doe, Senior Fellow at ...': a name and its role
    first, _, role = line.partition(",")
    first = without_honorific(first)
    if role and is_person_name(first) and _names_a_role(role):
        return [first], None, None
    return [], None, None


def piped_names(line: str) -> list[str]:
    """'Jane Doe | John Roe | 4 May 2023': the names of the leading pieces, one author or more a piece; a place
    ('Jane Doe | New York') ends them."""
    names: list[str] = []
    for piece in PIECE_SPLIT_RE.split(line):
        found = split_names(piece.strip())
        if not found or any(is_place_name(name) for name in found):
            break
        names += found
    return names


def names_with_roles(text: str) -> list[str]:
    """'Jane Doe, Senior Fellow, and John Roe, Research Analyst': each name followed by its own role; the names."""
    parts = [part.strip(" ,") for part in re.split(r",?\s+(?:and|&)\s+", text) if part.strip(" ,")]
    if len(parts) < 2:
        return []
    named = [part.partition(",") for part in parts]
    if all(is_person_name(without_honorific(name)) and (not role or _names_a_role(role)) for name, _, role in named):
        return [without_honorific(name) for name, _, _ in named]
    return []


def names_at_place(line: str) -> tuple[list[str], str | None]:
    """'Jane Doe, Oslo', 'Jane Doe and John Roe, Nairobi, 4 May 2023': names, then the place they write from (and a
    date); (names, ISO date). Nothing unless a known place follows the names."""
    pieces = [piece.strip() for piece in line.split(",")]
    published: str | None = None
    placed = False
    while len(pieces) > 1:
        tail = pieces[-1]
        if is_place_name(tail):
            placed = True
        elif not published and (value := parse_date(tail)):
            published = value
        else:
            break
        pieces.pop()
    names = split_names(", ".join(pieces)) if placed else []
    return names, published if names else None


def publication_dateline(line: str) -> tuple[str, str] | None:
    """'Harbour Affairs Review, 5 June 2021' or 'The Diplomat | 12.03.2024': (publisher, ISO date)."""
    parts = re.split(r"\s*[,|·•]\s*|\s+[–—]\s+", line, maxsplit=1)
    if len(parts) != 2:
        return None
    name, tail = parts[0].strip(), parts[1].strip()
    published = parse_date(tail)
    words = name.split()
    if not published or not 1 <= len(words) <= 6 or is_person_name(name) or split_names(name):
        return None
    if is_piece_kind(name) or is_place_name(name):
        return None  # 'Briefing · 2 March 2024', 'Nairobi, 5 June 2024': a section or a place, no publisher
    if not all(w[0].isupper() or w.lower() in {"of", "the", "for", "and", "on", "&"} for w in words):
        return None
    return name, published


def metadata_from_text(text: str) -> TextMetadata:
    meta = TextMetadata()
    p = patterns()
    raw_lines = text.split("\n")
    header: list[str] = []
    title_candidates: list[str] = []
    above_title = 0  # kicker, masthead and series lines the title sits below
    masthead: str | None = None
    section_publisher: str | None = None  # a publication named beside the kind of piece, below the title
    wire: str | None = None
    subtitle: str | None = None  # the standfirst under a title: skipped, never a title, name or publisher
    labelled_title: str | None = None
    # bylines found, strongest first: 'By ...' (3), a byline with a date or pieces (2), names alone (1); a Title Case
    # title ('Deterrence Rules Matter') reads like a name, so names alone lose to a real byline below it
    bylines: list[tuple[int, int, list[str], str | None, str | None]] = []
    for index, raw in enumerate(raw_lines[:HEADER_LINES * 2]):
        line = clean_line(raw)
        if not line:
            continue
        if wire is None:
            wire = wire_agency(line)
        if subtitle is not None and line == subtitle:
            continue
        if len(line.split()) > BODY_LINE_WORDS:  # body text has started: no header lines below it
            break
        header.append(line)
        if len(header) > HEADER_LINES:
            break
        rest = [clean_line(r) for r in raw_lines[index + 1:index + 8] if clean_line(r)]
        following = rest[0] if rest else ""
        blank_after = index + 1 < len(raw_lines) and not raw_lines[index + 1].strip()
        if len(header) == above_title + 1 and not title_candidates:
            if len(header) == 1 and (named := masthead_of_section_line(line)):
                masthead, meta.published = named[0], meta.published or named[1]
                above_title += 1
                continue
            if len(header) == 1 and is_masthead(line, following, rest[1] if len(rest) > 1 else "", rest):
                masthead = line
                above_title += 1
                continue
            if (is_kicker(line) or is_series_line(line) or is_rubric_line(line) or p["section_label"].match(line)
                    or (masthead and is_section_line(line))):
                above_title += 1
                masthead = masthead or series_publisher(line)
                continue
            if dateline_date := located_date(line):
                above_title += 1
                meta.published = meta.published or dateline_date
                continue
            if kicker_date := dated_kicker(line):
                above_title += 1
                meta.published = meta.published or kicker_date
                continue
            # 'Jane Doe' above the title: an author line first, when no real byline follows to claim the names
            if (split_names(line) and is_title_like(following) and not split_names(following)
                    and not any(p["byline"].match(r) or PIECE_SPLIT_RE.search(r) for r in rest[:4])):
                above_title += 1
                bylines.append((1, -index, split_names(line), None, None))
                continue
            # below a masthead: its date line, or a short section name ('Ports & Trade') above the title
            if masthead and (parse_date(line) or (len(line.split()) <= 4 and not is_title_separator(following)
                                                  and not p["byline"].match(line) and not byline_parts(line)[0])):
                above_title += 1
                if not parse_date(line) and not (p["date_label"].match(line) and find_date_in(line)):
                    continue  # a section name; a date line ('Date: 2024-05-03') is read below
            elif (blank_after or is_title_separator(following) or len(following.split()) > BODY_LINE_WORDS
                  or (is_subtitle(following) and len(rest) > 1 and is_title_separator(rest[1]))):
                title_candidates.append(line)
                subtitle = following if is_subtitle(following) and not is_title_separator(following) else None
        if p["section_label"].match(line):
            continue  # 'Section: Energy', 'Tags: ...'
        if (titled := p["title_label"].match(line)) and not labelled_title:
            labelled_title = titled["rest"].strip()  # 'Title: ...' in a labelled header
            continue
        labelled = p["publisher_label"].match(line)
        if labelled and not meta.publisher:
            meta.publisher = labelled["rest"].strip(" .")
            continue
        if named := publisher_by(line):
            meta.publisher = meta.publisher or named
            continue
        byline = p["byline"].match(line)
        if byline:
            names = names_in_byline(byline["rest"])
            if names:
                names += names_below(raw_lines[index + 1:])
                bylines.append((3, -index, names, find_date_in(byline["rest"]),
                                publisher_in_byline(byline["rest"]) or written_for(byline["rest"])))
                continue
        if line.lower().rstrip(" :") in cues()["byline_prefixes"] and (names := names_below(raw_lines[index + 1:])):
            bylines.append((3, -index, names, None, None))  # 'By' alone, the names on the lines below it
            continue
        if p["updated_label"].match(line):
            meta.published = meta.published or first_published_in(line)
            continue
        dated = p["date_label"].match(line)
        if dated and not meta.published:
            names, published, publisher = byline_parts(line)
            meta.published = find_date_in(dated["rest"]) or published
            if meta.published:
                # 'Posted 4 May 2023 · by Jane Doe, senior fellow': the date line names the authors as well, or
                # ('Published on 4 May 2023 by the Harbour Institute') the publisher
                if names:
                    bylines.append((2, -index, names, meta.published, publisher))
                elif publisher:
                    meta.publisher = meta.publisher or publisher
                continue
        if not meta.published and (value := parse_date(line) or dated_line(line)):
            meta.published = value
            continue
        if not meta.published and (value := located_date(line)):
            meta.published = value
            continue
        if not meta.published and (value := dated_kicker(line)):
            meta.published = value  # 'Analysis · 4 May 2023' below the title as well as above it
            continue
        if not meta.published and (dateline := publication_dateline(line)):
            meta.publisher = meta.publisher or dateline[0]
            meta.published = dateline[1]
            continue
        names, published, publisher = byline_parts(line)
        if not names and publisher and not published and names_an_organisation(publisher):
            section_publisher = section_publisher or publisher  # 'Harbour Affairs Review · Analysis'
        if names:
            strength = 2 if published or publisher or PIECE_SPLIT_RE.search(line) else 1
            bylines.append((strength, -index, names, published, publisher))
    if bylines:
        _, _, meta.authors, published, publisher = max(bylines)
        meta.published = meta.published or published
        meta.publisher = meta.publisher or publisher
    repeated = header_title(header)
    if repeated and repeated != (header[0] if header else None):
        meta.title = repeated
    elif title_candidates:
        meta.title = header_title(title_candidates, meta.authors)
    # the layout of the article top: a publication's name, then its issue, date and byline lines, and only then
    # the title, set apart from the body ('Harbour Letter' / 'Issue 4' / 'By Jane Doe, 4 May 2023' / '' / title)
    if (not meta.title or is_header_metadata_line(meta.title) or is_section_name(meta.title)
            or (byline_parts(meta.title)[0] and not split_names(meta.title))):
        below = title_below_header_block(raw_lines)
        if below:
            top = header[0] if header else ""
            if meta.title == top or (not meta.title and is_name_line(top)):
                masthead = masthead or (top if is_name_line(top) else None)
            meta.title = below
    meta.title = labelled_title or meta.title
    meta.publisher = meta.publisher or masthead or section_publisher or wire
    closing = [clean_line(r) for r in raw_lines[-CLOSING_LINES * 3:] if clean_line(r)][-CLOSING_LINES:]
    bio_authors: list[str] = []
    for line in closing:
        if not meta.publisher:
            meta.publisher = copyright_holder(line) or publisher_by(line) or self_described_publisher(line)
            republished = p["republished"].search(line)
            # a closing note ('This article was first published by X.'), not a body sentence that says so
            if republished and len(line.split()) <= BODY_LINE_WORDS and len(line[:republished.start()].split()) <= 4:
                named = re.split(r"\s+(?:under|with|on \d|in \d)\b", republished["rest"])[0].strip(" .")
                meta.publisher = re.sub(r"^the\s+(?=[A-Z])", "", named)  # 'first published by the X': X
        if not meta.authors:
            bio_authors += bio_names(line)
    meta.authors = meta.authors or list(dict.fromkeys(bio_authors))
    meta.publisher = meta.publisher or contact_block_publisher(closing)
    if not meta.publisher:
        meta.publisher = next((h for h in map(copyright_holder, header) if h), None)
    return meta


def is_name_line(line: str) -> bool:
    """'Harbour Freight Letter', 'FJORD TRADE BRIEF', 'Coastal Studies Series': a short line that only names
    a publication, an organisation or a series (its last word says which), never a sentence."""
    if (not is_organisation_name(line) or not 2 <= len(line.split()) <= 6 or split_names(line)
            or is_piece_kind(line)):
        return False  # 'Commentary' alone is the kind of piece
    if reads_as_title_phrase(line):
        return False
    c = cues()
    last = line.split()[-1].lower().strip(",.")
    return last in set(c["publication_words"]) | set(c["organisation_words"]) | set(c["series_words"])


def reads_as_title_phrase(line: str) -> bool:
    """A title in Title Case may end in an organisation's word ('Reforming the Security Council', "Europe's Energy
    Review", 'The Future of the Arctic Council'); a name does not open with a gerund or a title's opening word, has
    no possessive, and has a 'the' inside only when it opens with its organisation word ('Institute for the Study
    of War')."""
    words = line.split()
    first = words[0].lower()
    gerund = first.endswith("ing") and len(first) > 5 and not words[0].isupper()
    inner_the = "the" in words[1:] and first not in cues()["organisation_words"]
    return (first in cues()["title_opening_words"] or gerund or bool(re.search(r"['’]s\b", line)) or inner_the)


def is_header_metadata_line(line: str) -> bool:
    """A line of an article's top that carries metadata, never its title: the publication's name, a kicker, series,
    issue or section line, a date or dateline, a labelled line or a byline that gives a date or is set in pieces."""
    p = patterns()
    if (is_name_line(line) or is_kicker(line) or is_series_line(line) or is_rubric_line(line) or is_section_line(line)
            or parse_date(line) or located_date(line) or dated_kicker(line) or is_label_line(line)
            or publication_dateline(line) or masthead_of_section_line(line) or publisher_by(line)):
        return True
    if p["date_label"].match(line) and find_date_in(line):
        return True
    names, published, publisher = byline_parts(line)
    return bool(names and (published or publisher or PIECE_SPLIT_RE.search(line)))


def title_below_header_block(raw_lines: list[str]) -> str | None:
    """The title of an article whose top opens with metadata lines (the publication's name, issue, date, byline)
    and only then gives the title: the first line below them that reads as a title and is set apart from the body
    by a blank line, a byline or the body itself. None when the top opens with anything else."""
    lines: list[tuple[str, bool]] = []  # (line, a blank line follows it)
    for index, raw in enumerate(raw_lines[:HEADER_LINES * 2]):
        line = clean_line(raw)
        if line:
            blank_after = index + 1 < len(raw_lines) and not raw_lines[index + 1].strip()
            lines.append((line, blank_after))
    metadata_lines = 0
    candidates: list[str] = []
    for position, (line, blank_after) in enumerate(lines[:HEADER_LINES]):
        if len(line.split()) > BODY_LINE_WORDS:
            break
        following = lines[position + 1][0] if position + 1 < len(lines) else ""
        set_apart = blank_after or is_title_separator(following) or len(following.split()) > BODY_LINE_WORDS
        # below the masthead, a line of names alone ('Jane Doe and John Roe') is the byline, and a short name that
        # runs straight into the next header line ('Ports & Trade') is the section
        if is_header_metadata_line(line) or (metadata_lines and (
                (byline_parts(line)[0] and not patterns()["byline"].match(following))
                or (not candidates and is_section_name(line) and not set_apart))):
            metadata_lines += 1
            continue
        if not (metadata_lines and is_title_like(line) and set_apart):
            break
        candidates.append(line)
        # a short name may be a section ('Ports & Trade' / '4 May 2023' / ... / the title) or a short title; a
        # title's byline follows it at once, and then a line set apart is its standfirst, not the title
        if not is_section_name(line) or patterns()["byline"].match(following) or byline_parts(following)[0]:
            break
    if not candidates:
        return None
    later = candidates[-1]
    return later if len(candidates) > 1 and not later.endswith(".") else candidates[0]


def is_section_name(line: str) -> bool:
    """'Ports & Trade', 'Grid Markets': a section's name of one to three capitalised words."""
    return len(line.split()) <= 3 and is_organisation_name(line) and not reads_as_title_phrase(line)


def contact_block_publisher(closing: list[str]) -> str | None:
    """'Harbour Policy Institute' / 'Quay Street 4, Bergen' (or its web address): the organisation whose contact
    block closes the piece."""
    for line, below in zip(closing, closing[1:], strict=False):
        if names_an_organisation(line) and is_contact_line(below):
            return line
    for line in closing:  # 'Harbour Policy Institute | Quay Street 4, Bergen | www.example.org' on one line
        pieces = [piece.strip() for piece in re.split(r"\s*[|·•]\s*", line) if piece.strip()]
        if len(pieces) > 1 and names_an_organisation(pieces[0]) and any(is_contact_line(p) for p in pieces[1:]):
            return pieces[0]
    return None


def is_contact_line(line: str) -> bool:
    """'Quay Street 4, Bergen', 'www.example.org', 'info@example.org': an address, a web or mail address."""
    if re.search(r"\bwww\.|https?://|\S@\S", line):
        return True
    # a street and its number, then the town (a postcode may stand before it): 'Quay Street 4, 5003 Bergen'
    match = re.fullmatch(r"(?P<street>[^\W\d_][\w .'’-]{1,40}?)\s(?P<number>\d{1,4})[a-z]?,\s*"
                         r"(?:[\dA-Z][\dA-Z -]{2,9}\s)?(?P<town>[^\W\d_][^\W\d_'’-]*(?:\s[^\W\d_][^\W\d_'’-]*){0,2})",
                         line)
    return bool(match and match["street"][0].isupper() and all(w[0].isupper() for w in match["town"].split())
                and not re.fullmatch(r"(?:19|20)\d\d", match["number"]))


def bio_names(line: str) -> list[str]:
    """'Jane Doe is a senior fellow at X. John Roe is an analyst there.': the person each sentence of a closing
    author note introduces with a role; one bio per author, several in one paragraph."""
    names = []
    # '— Jane Doe is ...' (a dash sets the note apart), 'Jane Doe (@janedoe) is ...' (a handle after the name)
    line = re.sub(r"\s*\(@[\w.]+\)", "", re.sub(r"^[—–-]+\s*", "", line))
    for sentence in re.split(r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])", line):
        bio = patterns()["bio"].match(sentence)
        if not bio or not _bio_role(bio["verb"], bio["rest"]):
            continue
        if bio["verb"].lower() == "are":  # 'Jane Doe and John Roe are research fellows at X'
            names += split_names(bio["name"])
        elif is_person_name(without_honorific(bio["name"])):
            names.append(without_honorific(bio["name"]))
    return names


def _bio_role(verb: str, rest: str) -> bool:
    """An author note names the role first ('is a senior fellow at X') or, in the present tense, in its first
    clause ('is writer-in-residence at X and programme director of Y'); a role word deep in a sentence ('X was
    forced to step down ...', 'X is on track to win ..., the party's candidate') is news prose about someone."""
    if _names_a_role(" ".join(rest.split()[:BIO_ROLE_WORDS])):
        return True
    return verb.lower() in {"is", "are", "jest"} and _names_a_role(re.split(r"[,;:]", rest)[0])


def first_published_in(line: str) -> str | None:
    """'Updated 20 May 2025 (first published 18 May 2025)': the date a labelled piece after the update gives."""
    for piece in re.split(r"\s*[()|;,·•]\s*(?=\D)", line)[1:]:  # 'Updated 6 May 2023, first published 4 May 2023'
        dated = patterns()["date_label"].match(piece.strip())
        if dated and (value := find_date_in(dated["rest"])):
            return value
    return None


def self_described_publisher(line: str) -> str | None:
    """'The Harbour Institute is a non-partisan research body based in Oslo.': the organisation a closing line
    introduces as the kind of body that publishes commentary."""
    match = patterns()["self_description"].match(line)
    if not match or not _words_in(match["rest"], cues()["publisher_kinds"]):
        return None
    name = match["name"].strip()
    return name if is_organisation_name(name) and not split_names(name) else None


def _words_in(text: str, phrases: list[str]) -> bool:
    low = " " + re.sub(r"[^\w\s-]", " ", text.lower()) + " "
    return any(f" {phrase} " in low for phrase in phrases)


def publisher_by(line: str) -> str | None:
    """'Published by the Harbour Studies Institute': the organisation a publishing line names; a person is no
    publisher."""
    match = patterns()["publisher_by"].match(line)
    if not match:
        return None
    rest = match["rest"].strip(" ,")
    dated = re.search(r"\s+(?:on|in)\s+(?P<when>[^,]*\b(?:19|20)\d\d)$", rest)
    if dated and (parse_date(dated["when"]) or len(dated["when"].split()) <= 2):
        rest = rest[:dated.start()]  # 'Published by X on 4 May 2023', '... in May 2024': X
    name, _, tail = rest.partition(",")
    # 'Published by X, Bergen, April 2024': a town (one or two capitalised words), a date or a month and year follow
    if tail and not all(is_place_name(piece.strip()) or parse_date(piece)
                        or re.fullmatch(r"[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?", piece.strip(" ."))
                        or (re.search(r"\b(?:19|20)\d\d\b", piece) and len(piece.split()) <= 3)
                        for piece in tail.split(",")):
        return None  # 'Published by X, Oslo' is X; a comma followed by anything else is prose
    return name.strip() if is_organisation_name(name.strip()) else None


def names_below(lines: list[str]) -> list[str]:
    """The names a byline continues with on the lines right below it ('By Jane Doe' / 'John Roe' / 'and Max
    Mustermann'), one or more names a line, up to the first blank line or a line that is not only names."""
    names: list[str] = []
    for raw in lines:
        line = clean_line(raw)
        if not line:
            break
        found = split_names(patterns()["leading_joiner"].sub("", line))
        if not found or any(is_place_name(name) for name in found):
            break  # 'By Jane Doe' / 'New York': the place written from reads like a name
        names += found
    return names


def copyright_holder(line: str) -> str | None:
    """'© 2024 Harbour Institute. All rights reserved.' -> 'Harbour Institute'; a person or 'the author' is no
    publisher."""
    match = patterns()["copyright"].match(line) or patterns()["copyright_after"].match(line)
    if not match:
        return None
    # '© 2024 by the Harbour Institute': neither 'by' nor a lower-case 'the' is part of the name
    holder = re.sub(r"^(?:[Bb]y\s+)?(?:the\s+(?=[A-Z]))?", "", match["holder"].strip(" ,"))
    if re.search(r"\bauthors?\b", holder, re.I) or not is_organisation_name(holder):
        return None
    return holder


def _names_a_role(text: str) -> bool:
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    return bool(words & set(cues()["role_words"]))
