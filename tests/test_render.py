"""render/: the terminal and the review page mark the same spans with the same labels, from one tree of marks."""

from __future__ import annotations

import html
import re

from render.spans import marked_text
from review.highlight import render_text

TEXT = "In 2023 Poland & Spain spent 2.4% of GDP."
ITEMS = {
    "actors": [{"actor_id": "country:POL", "name": "Poland", "kind": "country", "iso3": "POL"}],
    "mentions": [{"id": "m1", "actor_id": "country:POL", "text": "Poland", "start": 8, "end": 14}],
    "dates": [{"id": "d1", "text": "2023", "start": 3, "end": 7, "value": "2023", "relative": False}],
    "figures": [{"id": "f1", "text": "2.4%", "start": 29, "end": 33, "value": 2.4, "unit": "percent"}],
    "claims": [{"id": "c1", "text": "In 2023 Poland & Spain spent 2.4", "start": 0, "end": 32,
                "speaker": None, "hedged": True}],
}


def test_render_marked_text_labels_each_span_and_keeps_the_text() -> None:
    out = marked_text(TEXT, ITEMS, datasets=("mentions", "dates", "figures"))
    assert out == "In [2023|2023] [Poland|Poland (country, POL)] & Spain spent [2.4%|2.4 percent] of GDP."
    assert re.sub(r"\[|\|[^\]]*\]", "", out) == TEXT


def test_render_marked_text_nests_and_splits_a_mark_crossing_its_parent() -> None:
    out = marked_text(TEXT, ITEMS)
    # the figure crosses the claim's end: one piece inside the claim, the rest after it, both labelled
    assert out.startswith("[In [2023|2023] [Poland|Poland (country, POL)] & Spain spent [2.4|2.4 percent]|speaker: ")
    assert out.endswith("[%|2.4 percent] of GDP.")


def test_render_terminal_and_review_page_give_the_same_labels() -> None:
    page = str(render_text(TEXT, ITEMS, []))
    tips = {html.unescape(t) for t in re.findall(r'data-tip="([^"]*)"', page)}
    terminal = set(re.findall(r"\|([^\]]*)\]", marked_text(TEXT, ITEMS)))
    assert tips == terminal
