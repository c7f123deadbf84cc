"""Byline sentences: 'Gorana Grgić is Senior Lecturer, Department of ...' names a person and gives their title;
'Daniel Tan is a Senior Fellow and Siti Rahmawati a Research Analyst at the Institute' names two."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from extractors.actors.names import person_name_ok, words
from extractors.actors.records import Byline, Hit
from extractors.nlp import doc_text
from extractors.positions import Intervals

if TYPE_CHECKING:
    from extractors.actors.gazetteer import Lexicon

BYLINE_RE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}) (?:is|was) (?:a |an |the )?(?P<role>[^\n]{3,300})"
)
GAPPED_BYLINE_RE = re.compile(
    r"^(?P<first>.+?),? and (?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}),? (?:is |was )?(?:a |an |the )?"
    r"(?P<second>.+)$"
)
# "By Ada Grey, economics editor": a byline line that gives its author's title after a comma
# "Posted on 3 May 2025 by Ada Grey, Senior Fellow": a dated byline line whose author comes after "by"
BY_LINE_RE = re.compile(
    r"^[ \t]*(?:By|(?:Posted|Published|Written|Updated)\b[^\n]{0,40}?\sby) "
    r"(?P<name>[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}),[ \t]+(?:a |an |the |our )?(?P<role>[^\n]{3,120}?)"
    r"[ \t.]*$", re.MULTILINE
)
SHARED_TAIL_RE = re.compile(r"(?:,|\s(?:at|with|of|in|for)\s).+$")


def has_title_head(phrase: str, lex: Lexicon) -> bool:
    return any(re.search(rf"\b{re.escape(h)}\b", phrase.lower()) for h in lex.cues["title_heads"])


def split_gapped_bylines(name: str, start: int, role: str, role_start: int, lex: Lexicon,
                         lowercase_vocab: set[str]) -> list[tuple[str, int, str]]:
    """'Daniel Tan is a Senior Fellow and Siti Rahmawati a Research Analyst at the Institute': each person gets their
    own title, and a place of work the second title names is shared by the first when it names none."""
    m = GAPPED_BYLINE_RE.match(role)
    if m is None:
        return [(name, start, role)]
    second_name, first, second = m.group("name"), m.group("first"), m.group("second")
    title_words = lex.cue_set("title_words") | lex.single_word_titles()
    if (not has_title_head(first, lex) or not has_title_head(second, lex)
            or not person_name_ok(second_name, lex, lowercase_vocab)
            or any(w.lower() in title_words for w in words(second_name))):
        return [(name, start, role)]
    tail = SHARED_TAIL_RE.search(second)
    if tail is not None and SHARED_TAIL_RE.search(first) is None:
        first = first + tail.group()
    return [(name, start, first), (second_name, role_start + m.start("name"), second)]


def by_lines(text: str, gazetteer: Intervals, lex: Lexicon, lowercase_vocab: set[str],
             drops: Counter[str]) -> list[Byline]:
    """'By Ada Grey, economics editor' on a line of its own."""
    found = []
    for m in BY_LINE_RE.finditer(text):
        name, role = m.group("name"), m.group("role").strip()
        if not person_name_ok(name, lex, lowercase_vocab) or gazetteer.overlapping(m.start("name"), m.end("name")):
            drops["bylines.by_line_not_a_name"] += 1
        elif has_title_head(role.split(",")[0], lex):
            found.append(Byline(name, m.start("name"), m.end("name"), role))
    return found


def byline_people(doc: Doc, hits: list[Hit], lex: Lexicon, lowercase_vocab: set[str],
                  drops: Counter[str]) -> list[Byline]:
    """Every sentence of the form '<Name> is <title ...>' whose first clause holds a title; `hits`: the settled
    gazetteer matches (a name a match overlaps is no person)."""
    gazetteer = Intervals([(h.start, h.end) for h in hits])
    found = by_lines(doc_text(doc), gazetteer, lex, lowercase_vocab, drops)
    for sent in doc.sents:
        m = BYLINE_RE.match(sent.text.strip())
        if m is None:
            continue
        offset = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        name, role = m.group("name"), m.group("role").strip().rstrip(".")
        m_start, m_end = offset + m.start("name"), offset + m.end("name")
        if not person_name_ok(name, lex, lowercase_vocab):
            drops["bylines.not_a_name"] += 1
            continue
        if gazetteer.overlapping(m_start, m_end):
            drops["bylines.inside_gazetteer_name"] += 1
            continue
        role_start = offset + m.start("role")
        for who, who_start, who_role in split_gapped_bylines(name, m_start, role, role_start, lex, lowercase_vocab):
            if has_title_head(who_role.split(",")[0], lex):
                found.append(Byline(who, who_start, who_start + len(who), who_role))
            else:
                drops["bylines.no_title"] += 1
    return found
