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
                    "speaker": None, "hedged": True}],
    }
    page_two = text.index("Page two")
    out = str(render_text(text, items, [(1, 0, page_two), (2, page_two, len(text))]))
    assert plain(out) == text
    assert out.count('data-id="f1"') == 2 and out.count('data-id="c1"') == 1
    assert re.search(r'<mark [^>]*data-id="c1"[^>]*>.*<mark [^>]*data-id="m1"', out)
    assert 'data-tip="Poland (country, POL) · page 1"' in out
    assert 'data-tip="2.4 percent · page 1"' in out and 'data-tip="speaker: the author; hedged · page 1"' in out
    assert out.index('data-page="page 2"') < out.index(">Page two")
    assert "&amp;" in out  # text is escaped, never injected


def test_review_highlight_offsets_of_text_runs_point_into_the_text() -> None:
    text = "NATO met in Vilnius on 11 July 2023."
    items = {"dates": [{"id": "d", "text": "11 July 2023", "start": 23, "end": 35, "value": "2023-07-11"}]}
    out = str(render_text(text, items, []))
    for offset, run in re.findall(r'<span class="t" data-o="(\d+)">([^<]*)</span>', out):
        assert text[int(offset):int(offset) + len(html.unescape(run))] == html.unescape(run)


def test_review_highlight_marks_inside_a_table_sit_in_their_cells() -> None:
    before = "Donations by country, as the ministry counted them:\n"
    table = "Donor 2023 Share\nNorway 12 3%\nSlovak  Republic 4 1%\n"
    text = before + table + "After the table, Norway spoke again.\n"
    t0, t1 = len(before), len(before) + len(table)
    # The reader collapsed the double space, so the Slovak row label is not found verbatim in the text.
    cells = [{"id": f"t{r}{c}", "table_id": "T", "row": r, "col": c, "header": ["Donor", "2023", "Share"][c],
              "text": value, "value": None} for r, row in enumerate([["Norway", "12", "3%"],
                                                                    ["Slovak Republic", "4", "1%"]])
             for c, value in enumerate(row)]

    def at(fragment: str, start: int = 0) -> tuple[int, int]:
        found = text.index(fragment, start)
        return found, found + len(fragment)

    norway_in, norway_out, slovak = at("Norway", t0), at("Norway", t1), at("Slovak", t0)
    spanning, header_year = at("12 3%", t0), at("2023", t0)
    items = {
        "actors": [{"actor_id": "country:NOR", "name": "Norway", "kind": "country", "iso3": "NOR"},
                   {"actor_id": "country:SVK", "name": "Slovakia", "kind": "country", "iso3": "SVK"}],
        "mentions": [{"id": "m-in", "actor_id": "country:NOR", "text": "Norway", "start": norway_in[0],
                      "end": norway_in[1]},
                     {"id": "m-out", "actor_id": "country:NOR", "text": "Norway", "start": norway_out[0],
                      "end": norway_out[1]},
                     {"id": "m-svk", "actor_id": "country:SVK", "text": "Slovak", "start": slovak[0],
                      "end": slovak[1]}],
        "dates": [{"id": "d-head", "text": "2023", "start": header_year[0], "end": header_year[1], "value": "2023"}],
        "figures": [{"id": "f-two-cells", "text": "12 3%", "start": spanning[0], "end": spanning[1], "value": 12,
                     "unit": "count"}],
        # A claim from the sentence before the table to the one after it crosses the whole table.
        "claims": [{"id": "c-across", "text": text[10:t1 + 15], "start": 10, "end": t1 + 15, "speaker": None}],
        "tables": cells,
        "table_info": [{"table_id": "T", "columns": ["Donor", "2023", "Share"], "start": t0, "end": t1,
                        "caption": "Donations"}],
    }
    out = str(render_text(text, items, []))
    assert out.count('<table class="doc-table"') == 1
    table_html = out[out.index("<table"):out.index("</table>")]
    assert re.search(r'<td [^>]*data-id="t00"[^>]*>(<span[^>]*>)?<mark [^>]*data-id="m-in"', table_html)
    assert re.search(r'<td [^>]*data-id="t10"[^>]*>(<span[^>]*>)?<mark [^>]*data-id="m-svk"', table_html)
    assert re.search(r'<th><mark [^>]*data-id="d-head"', table_html)
    assert 'data-id="m-out"' in out[out.index("</table>"):]
    # Marks no one cell holds are listed under the table, not dropped.
    more = out[out.index("</table>"):out.index("</p>", out.index("</table>"))]
    assert 'class="table-more"' in more and 'data-id="f-two-cells"' in more and ">12 3%</mark>" in more
    # The crossing claim is drawn on the prose either side of the table and nowhere inside it.
    assert out.count('data-id="c-across"') == 2 and 'data-id="c-across"' not in table_html
    assert plain(out[:out.index("<table")]) == before
    for offset, run in re.findall(r'<span class="t" data-o="(\d+)">([^<]*)</span>', out):
        assert text[int(offset):int(offset) + len(html.unescape(run))] == html.unescape(run)
