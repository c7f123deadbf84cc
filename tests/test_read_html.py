"""HTML reader on saved pages with navigation, cookie banners, share buttons, related links and footers."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.read_html import place_lost_markers, read_html
from extractors.read_text import TABLE_MARK, table_marker
from extractors.readers import read_document
from tests.make_inputs import html_page

PARAGRAPHS = [
    "Moldova's government asked the European Union for help in protecting its electricity grid after a series of "
    "outages that officials in Chisinau blamed on deliberate attacks.[1] The request came two days after the "
    "blackout in the capital.",
    "The country imports most of its power from a plant in the breakaway region of Transnistria, which is owned by "
    "a Russian state company. Energy Minister Victor Parlicov said the contract would not be renewed after 2025.",
    "Romania has offered to double the capacity of the interconnector at Isaccea by 2026, which would let Moldova "
    "buy up to 600 megawatts from the European market, according to the Romanian grid operator Transelectrica.",
    "Brussels has so far committed 250 million euros to energy security in Moldova, a sum that diplomats expect "
    "to grow once the accession talks move on to the energy chapter.",
]
TABLE = [["Source", "Share 2022", "Share 2024"], ["Transnistria plant", "70%", "45%"], ["Romania", "20%", "40%"],
         ["Ukraine", "10%", "15%"]]
CAPTION = "Where Moldova's electricity comes from"
NOTE = "Statement of the Moldovan government, 14 February 2024."


def page(meta: dict[str, str] | None = None, extra: list[tuple] | None = None) -> str:
    blocks: list[tuple] = [("heading", "Moldova turns to Brussels")]
    blocks += [("para", p) for p in PARAGRAPHS[:2]]
    blocks += [("table", TABLE, CAPTION)]
    blocks += [("para", p) for p in PARAGRAPHS[2:]]
    blocks += extra or [("para", f"[1] {NOTE}")]
    return html_page(blocks, title="Moldova seeks EU help to secure its grid | Eastern Watch", meta=meta)


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("html") / "moldova.html"
    path.write_text(page({"og:title": "Moldova seeks EU help to secure its grid | Eastern Watch",
                          "og:site_name": "Eastern Watch", "author": "Elena Rusu",
                          "article:published_time": "2024-02-16T08:30:00+02:00",
                          "og:url": "https://example.org/moldova-grid"}), encoding="utf-8")
    return read_document(path)


def test_read_html_article_body_only(article) -> None:  # type: ignore[no-untyped-def]
    assert article.error is None and article.format == "html"
    table = article.raw_tables[0]
    outside_table = article.text[:table.start] + article.text[table.end:]  # the table has a "Share 2022" column
    for junk in ("cookies", "Topics", "Related articles", "Black Sea", "All rights reserved", "Privacy policy",
                 "Tweet", "Share", "analytics", "Subscribe"):
        assert junk not in outside_table


def test_read_html_paragraphs_one_line_each(article) -> None:  # type: ignore[no-untyped-def]
    paragraphs = article.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert paragraph in paragraphs
    assert paragraphs.index(PARAGRAPHS[0]) < paragraphs.index(PARAGRAPHS[3])


def test_read_html_table_placed_where_it_was(article) -> None:  # type: ignore[no-untyped-def]
    assert [t.rows for t in article.raw_tables] == [TABLE]
    table = article.raw_tables[0]
    assert table.caption == CAPTION
    block = "\n".join([CAPTION, *(" | ".join(row) for row in TABLE)])
    assert article.text[table.start:table.end] == block
    paragraphs = article.text.split("\n\n")
    assert paragraphs[paragraphs.index(block) - 1:paragraphs.index(block) + 2] == [PARAGRAPHS[1], block, PARAGRAPHS[2]]
    assert article.text.count("Transnistria plant") == 1  # the table is in the text once, as its block


def test_read_html_tables_in_list_items_and_divs_get_their_own_paragraph() -> None:
    table = "<table><tr><th>Unit</th><th>Soldiers</th></tr><tr><td>Brigade 45</td><td>4,800</td></tr></table>"
    html = html_page([("heading", "Lithuania brigade"), ("para", "BODY")]).replace(
        "<p>BODY</p>", f"<p>{PARAGRAPHS[0]}</p><ul><li>The plan, in short: {table} as agreed.</li></ul>"
                       f"<div>{table.replace('45', '46')}</div><p>{PARAGRAPHS[3]}</p>")
    content = read_html(html.encode("utf-8"))
    assert [t.rows[1] for t in content.tables] == [["Brigade 45", "4,800"], ["Brigade 46", "4,800"]]
    assert content.text.count(TABLE_MARK) == 4  # one marker, two marks, for each table
    assert content.text.index(PARAGRAPHS[0]) < content.text.index(table_marker(0)) \
        < content.text.index(table_marker(1)) < content.text.index(PARAGRAPHS[3])


def test_read_html_lost_marker_goes_after_the_paragraph_before_the_table() -> None:
    text = "First paragraph ends here.\n\nSecond paragraph, which the table followed.\n\nThird paragraph."
    placed = place_lost_markers(text, ["which the table followed.", ""])
    assert placed == ("First paragraph ends here.\n\nSecond paragraph, which the table followed.\n\n"
                      f"{table_marker(0)}\n\nThird paragraph.")
    assert place_lost_markers(placed, ["which the table followed."]) == placed  # a marker already there stays


def test_read_html_metadata_from_meta_tags(article) -> None:  # type: ignore[no-untyped-def]
    assert article.title == "Moldova seeks EU help to secure its grid"
    assert article.authors == ["Elena Rusu"]
    assert article.publisher == "Eastern Watch"
    assert article.published == "2024-02-16"
    assert article.url == "https://example.org/moldova-grid"


def test_read_html_endnotes_become_footnotes(article) -> None:  # type: ignore[no-untyped-def]
    assert article.footnotes == {"1": NOTE}


def test_read_html_citation_tags_and_superscript_notes() -> None:
    meta = {"citation_title": "Grid security in Moldova", "citation_author": "Rusu, Elena",
            "citation_publication_date": "2024/02/16", "citation_publisher": "Institute for Eastern Studies"}
    html = page(meta).replace("deliberate attacks.[1]", "deliberate attacks.<sup>1</sup>")
    html = html.replace(f"<p>[1] {NOTE}</p>", f'<ol class="notes"><li id="fn1">{NOTE}</li></ol>')
    content = read_html(html.encode("utf-8"))
    assert (content.title, content.authors, content.published, content.publisher) == (
        "Grid security in Moldova", ["Elena Rusu"], "2024-02-16", "Institute for Eastern Studies")
    assert "deliberate attacks.[1] The request" in content.text


def test_read_html_json_ld_metadata() -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Moldova and the grid", "datePublished": "2024-02-17T10:00:00Z", '
          '"author": [{"@type": "Person", "name": "Elena Rusu"}, {"@type": "Person", "name": "Ion Popescu"}], '
          '"publisher": {"@type": "Organization", "name": "Eastern Watch"}}</script>')
    content = read_html(page().replace("</head>", ld + "</head>").encode("utf-8"))
    assert (content.title, content.authors, content.published, content.publisher) == (
        "Moldova and the grid", ["Elena Rusu", "Ion Popescu"], "2024-02-17", "Eastern Watch")


def test_read_html_byline_in_text_when_no_meta(tmp_path: Path) -> None:
    html = page(extra=[("para", "Elena Rusu is a Senior Fellow at the Eastern Watch energy programme.")])
    path = tmp_path / "bio.html"
    path.write_text(html, encoding="utf-8")
    document = read_document(path)
    assert document.authors == ["Elena Rusu"]


def test_read_html_scripts_only_page_fails(tmp_path: Path) -> None:
    path = tmp_path / "app.html"
    path.write_text("<html><head><script>var app = {};</script></head><body><script>render(app);</script>"
                    "<noscript>Enable JavaScript</noscript></body></html>")
    assert read_document(path).error == "no article text found"


def test_read_html_declared_latin1_page(tmp_path: Path) -> None:
    html = page().replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace(
        "Chisinau", "Köln").replace("Moldova&#x27;s government", "Moldova’s government")
    path = tmp_path / "cp.html"
    path.write_bytes(html.encode("cp1252", errors="strict"))
    document = read_document(path)
    assert "officials in Köln blamed" in document.text
    assert "Moldova’s government" in document.text


def test_read_html_short_page_keeps_paragraphs() -> None:
    """trafilatura flattens short pages into one blob: the reader keeps paragraphs apart and drops share links."""
    first = "The ministers met in Brussels on Tuesday and agreed on a new plan for air defence in the east."
    second = "Officials said the plan would cost about 2 billion euros over five years."
    content = read_html(html_page([("heading", "Short piece"), ("para", first), ("para", second)]).encode())
    assert content.text == f"Short piece\n\n{first}\n\n{second}"


def test_read_html_page_byline_kept_under_the_title() -> None:
    html = ("<html><head><title>Port strike</title></head><body><nav><p>By topic</p></nav><main><article><header>"
            "<h1>Dockers strike in Antwerp over pension reform</h1>"
            '<p class="byline">By <a rel="author" href="/a/ld">Lotte Dewitte</a> · <time>14 February 2025</time></p>'
            "</header><div><p>Dock workers in Antwerp walked out on Thursday in protest against a pension reform that "
            "the federal government says is needed to balance its budget by the end of the decade.</p>"
            "<p>The port authority said container traffic had come to a standstill at most terminals, and that ships "
            "were waiting at anchor off the coast of the Netherlands.</p></div></article></main></body></html>")
    content = read_html(html.encode("utf-8"))
    lines = [line for line in content.text.split("\n") if line.strip()]
    assert "By Lotte Dewitte · 14 February 2025" in lines[:3]
    body = next(ln for ln in lines if "walked out" in ln)
    assert lines.index("By Lotte Dewitte · 14 February 2025") < lines.index(body)


def test_read_html_publisher_from_page_title_suffix_or_footer_copyright() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ("<html><head><title>Grid under strain | Fjord Policy Review</title></head><body><article>"
            f"<h1>Grid under strain</h1>{body}</article><footer><p>&copy; 2024 Fjord Policy Institute. "
            "All rights reserved.</p></footer></body></html>")
    content = read_html(page.encode())
    assert (content.title, content.site_publisher) == ("Grid under strain", "Fjord Policy Review")
    content = read_html(page.replace(" | Fjord Policy Review", "").encode())
    assert content.site_publisher == "Fjord Policy Institute"


def write_page(tmp_path: Path, html: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_read_html_byline_without_by_names_every_author_beside_a_partial_author_tag(tmp_path: Path) -> None:
    # the author tag names the first author only; the byline the page shows ('X with Y · date') names both
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ('<html><head><meta name="author" content="Sigrid Aune"><title>Grid under strain</title></head><body>'
            "<main><article><header><h1>Grid under strain as the winter peak arrives</h1>"
            '<p class="meta">Sigrid Aune with Tomasz Wrona · <time datetime="2024-11-04">4 November 2024</time></p>'
            f"</header>{body}</article></main></body></html>")
    document = read_document(write_page(tmp_path, page))
    assert document.authors == ["Sigrid Aune", "Tomasz Wrona"]
    assert document.published == "2024-11-04"


def test_read_html_masthead_element_names_the_publisher(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ('<html><head><meta charset="utf-8"></head><body><div class="site-masthead">Baltic Grid Observatory</div>'
            f"<main><h1>Grid under strain as the winter peak arrives</h1>{body}</main></body></html>")
    document = read_document(write_page(tmp_path, page))
    assert document.publisher == "Baltic Grid Observatory"
    # a page whose masthead element holds no organisation's name gives no publisher from it
    plain = page.replace("Baltic Grid Observatory", "Home")
    assert read_document(write_page(tmp_path, plain)).publisher is None
