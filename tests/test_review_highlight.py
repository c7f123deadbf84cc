import html
import re

from review.highlight import render_text


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_review_highlight_nests_and_splits_crossing_marks_without_losing_text() -> None:
    text = "In 2023 Poland & Spain spent 2.4% of GDP.\nPage two starts here."
    items = {
        "actors": [{"actor_id": "country:POL", "name": "Poland", "kind": "country", "iso3": "POL"}],
        "mentions": [{"id": "m1", "actor_id": "country:POL", "text": "Poland", "start": 8, "end": 14}],
        "dates": [{"id": "d1", "text": "2023", "start": 3, "end": 7, "value": "2023", "relative": False}],
        "figures": [{"id": "f1", "text": "2.4%", "start": 29, "end": 33, "value": 2.4, "unit": "percent"}],
        # A claim that ends inside the figure: the figure crosses it and is split into two pieces.
        "claims": [{"id": "c1", "text": "In 2023 Poland & Spain spent 2.4", "start": 0, "end": 32,
                    "source": None, "hedged": True}],
    }
    page_two = text.index("Page two")
    out = str(render_text(text, items, [(1, 0, page_two), (2, page_two, len(text))]))
    assert plain(out) == text
    assert out.count('data-id="f1"') == 2 and out.count('data-id="c1"') == 1
    assert re.search(r'<mark [^>]*data-id="c1"[^>]*>.*<mark [^>]*data-id="m1"', out)
    assert 'data-tip="Poland (country, POL) · page 1"' in out
    assert 'data-tip="2.4 percent · page 1"' in out and 'data-tip="source: the author; hedged · page 1"' in out
    assert out.index('data-page="page 2"') < out.index(">Page two")
    assert "&amp;" in out  # text is escaped, never injected


def test_review_highlight_offsets_of_text_runs_point_into_the_text() -> None:
    text = "NATO met in Vilnius on 11 July 2023."
    items = {"dates": [{"id": "d", "text": "11 July 2023", "start": 23, "end": 35, "value": "2023-07-11"}]}
    out = str(render_text(text, items, []))
    for offset, run in re.findall(r'<span class="t" data-o="(\d+)">([^<]*)</span>', out):
        assert text[int(offset):int(offset) + len(html.unescape(run))] == html.unescape(run)
