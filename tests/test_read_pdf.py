"""PDF reader on PDFs written by fpdf2 here: layout, running heads, footnotes, hyphenation, tables, bad files."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from extractors.document import RawTable
from extractors.read_pdf import assemble, read_pdf
from extractors.read_text import table_marker, table_text
from extractors.readers import read_document
from tests.make_inputs import PdfSpec, write_pdf, write_random_bytes, write_scanned_pdf, write_truncated

RUNNING_HEAD = "Baltic Security Review - Issue 7"
PARAGRAPHS = [
    "The enlargement of the alliance has changed the strategic geography of the Baltic Sea. With Finland and Sweden "
    "inside, every coastline except the Russian exclaves belongs to a member state, and the planners in Warsaw speak "
    "of an inland sea of the alliance.^1 Interoperability between the navies is improving quickly.",
    "Poland raised its defence budget to 3.9 percent of gross domestic product in 2023, the highest share in the "
    "alliance, and ordered hundreds of tanks and howitzers from South Korea.^2 Counterintelligence services report "
    "more sabotage attempts against critical infrastructure.",
    "Undersea cables and pipelines remain the most exposed targets. The Balticconnector gas pipeline between Finland "
    "and Estonia was damaged in October 2023, and investigators pointed to a ship dragging its anchor across the "
    "seabed for more than one hundred kilometres.",
    "Estonia and Latvia have asked for permanent air defence rotations, arguing that reinsurance through exercises "
    "alone leaves gaps that an adversary could exploit during a crisis. Decarbonisation of the regional energy "
    "system adds new offshore installations that need protection as well.",
    "Lithuania hosts a German brigade that should be fully operational by 2027. The brigade will number about "
    "4,800 soldiers and 200 civilian employees, according to the German defence ministry.",
    "Sweden brings a capable submarine force and long experience of operating in shallow, brackish waters. Its "
    "Gotland garrison controls the approaches to the central Baltic and is being reinforced step by step.",
    "Finland contributes one of the largest artillery arsenals in Europe and a conscription model that others now "
    "study closely. Its long land border has become the longest frontier between the alliance and Russia.",
    "Russia, for its part, has reorganised the Leningrad Military District and announced new formations along the "
    "Finnish border. Analysts doubt that the manpower for them exists while the war against Ukraine continues.",
    "Denmark controls the straits that connect the Baltic with the North Sea. Its decision to join the common "
    "European defence policy removed one of the last institutional obstacles to coordinated planning.",
    "Germany has become the logistics hub for reinforcements moving east, and its ports, railways and bridges now "
    "feature in alliance plans in a way they have not since the end of the Cold War.",
    "The Baltic states also invest in civil defence, shelters and the resilience of their electricity grids, which "
    "were synchronised with the continental European network in February 2025 after decades of dependence.",
    "Taken together, these measures amount to the most significant military build-up in the region for a "
    "generation, and they will shape the security of northern Europe for years to come.",
]
FOOTNOTES = {
    "1": "Interview with a senior official of the Polish Ministry of National Defence, Warsaw, January 2024.",
    "2": "Ministry of National Defence, Budget Report 2023, Warsaw 2024, p. 12.",
}
TABLE = [["Country", "2022", "2023"], ["Poland", "2.4", "3.9"], ["Estonia", "2.1", "2.7"], ["Finland", "1.7", "2.4"]]
TABLE_CAPTION = "Table 1. Defence spending in the region, % of GDP"


def article_spec(**changes: object) -> PdfSpec:
    blocks = [("title", "Baltic Sea security after the enlargement of the alliance"),
              ("line", "By Anna Kowalska and Mark Ellison"), ("line", "12 March 2024")]
    blocks += [("para", p) for p in PARAGRAPHS[:6]]
    blocks += [("table", TABLE, TABLE_CAPTION)]
    blocks += [("para", p) for p in PARAGRAPHS[6:]]
    spec = PdfSpec(blocks=blocks, running_head=RUNNING_HEAD, footnotes_by_page={1: list(FOOTNOTES.items())},
                   title="Baltic Sea security after the enlargement", author="Anna Kowalska; Mark Ellison")
    for key, value in changes.items():
        setattr(spec, key, value)
    return spec


def expected(paragraph: str) -> str:
    return re.sub(r"\^(\d+)", r"[\1]", paragraph)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    article = write_pdf(folder / "article.pdf", article_spec())
    return {
        "article": article,
        "two_columns": write_pdf(folder / "columns.pdf", PdfSpec(blocks=[("para", p) for p in PARAGRAPHS],
                                                                   columns=2, page_numbers=True)),
        "encrypted": write_pdf(folder / "locked.pdf", article_spec(password="secret")),
        "scanned": write_scanned_pdf(folder / "scan.pdf"),
        "truncated": write_truncated(article, folder / "cut.pdf"),
        "random": write_random_bytes(folder / "noise.pdf"),
    }


@pytest.fixture(scope="module")
def article(files: dict[str, Path]):  # type: ignore[no-untyped-def]
    return read_document(files["article"])


def test_read_pdf_article_reads_without_error(article) -> None:  # type: ignore[no-untyped-def]
    assert article.error is None
    assert article.format == "pdf"


def test_read_pdf_paragraphs_are_one_line_each(article) -> None:  # type: ignore[no-untyped-def]
    paragraphs = article.text.split("\n\n")
    for paragraph in PARAGRAPHS:
        assert expected(paragraph) in paragraphs


def test_read_pdf_keeps_reading_order(article) -> None:  # type: ignore[no-untyped-def]
    positions = [article.text.index(expected(p)) for p in PARAGRAPHS]
    assert positions == sorted(positions)


def test_read_pdf_rejoins_hyphenated_words(files: dict[str, Path], article) -> None:  # type: ignore[no-untyped-def]
    with pdfplumber.open(files["article"]) as pdf:
        raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
    broken = re.findall(r"([^\W\d_]{3,})-\n([^\W\d_]{3,})", raw)
    assert broken, "the fixture should hyphenate some words at line ends"
    for left, right in broken:
        assert f"{left}{right}" in article.text
        assert f"{left}-" not in article.text.replace("-\n", "")


def test_read_pdf_drops_running_head_and_page_numbers(article) -> None:  # type: ignore[no-untyped-def]
    assert RUNNING_HEAD not in article.text
    assert not re.search(r"^Page \d+$", article.text, re.M)
    assert len(article.pages) >= 2


def test_read_pdf_footnotes_kept_apart(article) -> None:  # type: ignore[no-untyped-def]
    assert article.footnotes == FOOTNOTES
    assert "inland sea of the alliance.[1] Interoperability" in article.text
    body_end = article.text.index(expected(PARAGRAPHS[-1]))
    for marker, note in FOOTNOTES.items():
        assert article.text.index(f"[{marker}] {note}") > body_end  # notes follow the body, never inside it


def test_read_pdf_tables_become_raw_tables(article) -> None:  # type: ignore[no-untyped-def]
    assert len(article.raw_tables) == 1
    table = article.raw_tables[0]
    assert table.rows == TABLE
    assert table.caption == TABLE_CAPTION
    assert table.page in {p for p, _, _ in article.pages}
    x0, top, x1, bottom = table.bbox
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 850


def table_block(rows: list[list[str]]) -> str:
    return "\n".join(" | ".join(row) for row in rows)


def test_read_pdf_table_block_sits_between_the_paragraphs_around_it(article) -> None:  # type: ignore[no-untyped-def]
    table = article.raw_tables[0]
    block = article.text[table.start:table.end]
    assert block == table_block(TABLE)
    assert article.text.count("Estonia | 2.1 | 2.7") == 1 and "Estonia 2.1" not in article.text
    paragraphs = article.text.split("\n\n")
    at = paragraphs.index(block)  # a paragraph of its own
    assert paragraphs[at - 2:at + 2] == [expected(PARAGRAPHS[5]), TABLE_CAPTION, block, expected(PARAGRAPHS[6])]
    page = next((start, end) for number, start, end in article.pages if number == table.page)
    assert page[0] <= table.start < table.end <= page[1]


def test_read_pdf_unruled_table_is_found_and_placed(tmp_path: Path) -> None:
    document = read_document(write_pdf(tmp_path / "unruled.pdf", article_spec(table_rules=False)))
    assert [t.rows for t in document.raw_tables] == [TABLE]
    table = document.raw_tables[0]
    assert table.caption == TABLE_CAPTION
    assert document.text[table.start:table.end] == table_block(TABLE)
    body = document.text.split("\n\n")
    assert body.index(expected(PARAGRAPHS[5])) < body.index(table_block(TABLE)) < body.index(expected(PARAGRAPHS[6]))
    assert "Poland 2.4" not in document.text


def test_read_pdf_table_in_a_column_is_read_in_column_order(tmp_path: Path) -> None:
    blocks = [("para", p) for p in PARAGRAPHS[:4]] + [("table", TABLE, TABLE_CAPTION)]
    blocks += [("para", p) for p in PARAGRAPHS[4:]]
    document = read_document(write_pdf(tmp_path / "columns.pdf", PdfSpec(blocks=blocks, columns=2)))
    table = document.raw_tables[0]
    assert table.bbox[2] < 300  # the table spans the left column only
    # the caption wraps inside the column: the caption is the whole paragraph, not its first line
    assert table.caption == TABLE_CAPTION
    expected_order = [expected(p) for p in PARAGRAPHS[:4]] + [TABLE_CAPTION, table_block(TABLE)]
    expected_order += [expected(p) for p in PARAGRAPHS[4:]]
    assert document.text.split("\n\n") == expected_order
    assert document.text[table.start:table.end] == table_block(TABLE)


def test_read_pdf_assemble_keeps_a_table_apart_across_page_breaks() -> None:
    tables = [RawTable(rows=[["Country", "Troops"], ["Latvia", "6,600"]]),
              RawTable(rows=[["Country", "Tanks"], ["Poland", "250"]]),
              RawTable(rows=[["Country", "Jets"], ["Finland", "64"]])]
    segments = [(1, ["The ministers agreed that the numbers below", table_marker(0)]),
                (2, ["continued to rise in every member state over the year.", table_marker(1)]),
                (3, ["but this page starts with a lower-case word", table_marker(2)])]
    text, pages = assemble(segments, [], set(), tables)
    blocks = [table_text(t.rows) for t in tables]
    assert text.split("\n\n") == ["The ministers agreed that the numbers below", blocks[0],
                                   "continued to rise in every member state over the year.", blocks[1],
                                   "but this page starts with a lower-case word", blocks[2]]
    assert [text[t.start:t.end] for t in tables] == blocks
    assert pages == [(1, 0, tables[0].end), (2, text.index("continued"), tables[1].end),
                     (3, text.index("but this"), len(text))]


def test_read_pdf_assemble_tables_opening_a_page_follow_the_paragraph_they_interrupt() -> None:
    tables = [RawTable(rows=[["Country", "Troops"], ["Latvia", "6,600"]], caption="Table 1: Troops"),
              RawTable(rows=[["Country", "Tanks"], ["Poland", "250"]]),
              RawTable(rows=[["Country", "Jets"], ["Finland", "64"]])]
    segments = [(1, ["Table 1: Troops", "The ministers agreed that the numbers"]),
                (2, [table_marker(0), table_marker(1), "would rise again next year.", "A new paragraph."]),
                (3, [table_marker(2)]),
                (4, [table_marker(9), "a page that opens with a lost table and a lower-case word."])]
    text, pages = assemble(segments, [], set(), tables)
    blocks = [table_text(t.rows) for t in tables]
    assert text.split("\n\n") == ["Table 1: Troops", "The ministers agreed that the numbers would rise again next "
                                   "year.", blocks[0], blocks[1], "A new paragraph.", blocks[2],
                                   "a page that opens with a lost table and a lower-case word."]
    assert [text[t.start:t.end] for t in tables] == blocks
    assert tables[0].caption == "Table 1: Troops"  # not the paragraph that ended up above the block
    assert pages == [(1, 0, text.index(" would rise")), (2, text.index(" would rise"), text.index(blocks[2]) - 2),
                     (3, tables[2].start, tables[2].end), (4, text.index("a page that"), len(text))]


def test_read_pdf_page_map_points_into_each_page(files: dict[str, Path], article) -> None:  # type: ignore[no-untyped-def]
    with pdfplumber.open(files["article"]) as pdf:
        raw_pages = {n: re.sub(r"-?\s+", "", p.extract_text() or "") for n, p in enumerate(pdf.pages, start=1)}
    assert article.pages[0][1] == 0
    for number, start, end in article.pages:
        assert 0 <= start < end <= len(article.text)
        piece = re.sub(r"\[\d+\]", "", article.text[start:end])
        sample = re.sub(r"-?\s+", "", piece[len(piece) // 2: len(piece) // 2 + 40])
        assert sample in re.sub(r"\d(?=[A-Za-z])", "", raw_pages[number]) or sample in raw_pages[number]


def test_read_pdf_metadata_from_info_and_text(article) -> None:  # type: ignore[no-untyped-def]
    assert article.title == "Baltic Sea security after the enlargement"
    assert article.authors == ["Anna Kowalska", "Mark Ellison"]
    assert article.published == "2024-03-12"


def test_read_pdf_metadata_from_text_when_info_is_empty(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "plain.pdf", article_spec(title=None, author=None, footnotes_by_page={}))
    document = read_document(path)
    assert document.title == "Baltic Sea security after the enlargement of the alliance"
    assert document.authors == ["Anna Kowalska", "Mark Ellison"]


def test_read_pdf_two_columns_read_left_then_right(files: dict[str, Path]) -> None:
    document = read_document(files["two_columns"])
    assert document.error is None
    paragraphs = document.text.split("\n\n")
    assert paragraphs == [expected(p) for p in PARAGRAPHS]


def test_read_pdf_sidecar_wins(files: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    path.write_bytes(files["article"].read_bytes())
    (tmp_path / "article.meta.json").write_text('{"title": "Given title", "published": "2024-03-15"}')
    document = read_document(path)
    assert (document.title, document.published) == ("Given title", "2024-03-15")
    assert document.authors == ["Anna Kowalska", "Mark Ellison"]


@pytest.mark.parametrize(("name", "reason"), [
    ("encrypted", "encrypted PDF: a password is needed to read it"),
    ("scanned", "no text layer: scanned PDF?"),
    ("truncated", "truncated PDF: the file ends before its end-of-file marker"),
    ("random", "not a PDF: no %PDF header"),
])
def test_read_pdf_bad_files_fail_with_reason(files: dict[str, Path], name: str, reason: str) -> None:
    document = read_document(files[name])
    assert document.error == reason
    assert document.text == "" and not document.ok


def test_read_pdf_timeout_stops_the_parse(files: dict[str, Path]) -> None:
    content = read_pdf(files["two_columns"], timeout=0.01)
    assert content.error == "timed out after 0.01 s reading PDF"
    assert read_document(files["two_columns"], pdf_timeout=0.01).error == "timed out after 0.01 s reading PDF"


def test_read_pdf_broken_body_fails_with_reason(files: dict[str, Path], tmp_path: Path) -> None:
    data = files["article"].read_bytes()
    path = tmp_path / "mangled.pdf"
    path.write_bytes(data[:200] + bytes(len(data) - 400) + data[-200:])  # header and trailer kept, body zeroed
    document = read_document(path)
    assert document.error and "\n" not in document.error and document.text == ""


def test_read_pdf_first_page_title_is_the_largest_type_above_the_body() -> None:
    from extractors.read_pdf import Line, first_page_title

    def line(text: str, top: float, size: float) -> Line:
        return Line(text, 50, 500, top, top + size, size, False, 1)

    lines = [line("Harbour Policy Institute", 20, 9), line("Ice, ports and power:", 60, 22),
             line("the new northern race", 86, 22), line("Kari Holm", 120, 11),
             line("The navy said on Monday that two new frigates would join the fleet.", 150, 10)]
    assert first_page_title(lines, 10) == "Ice, ports and power: the new northern race"
    assert first_page_title([line("Plain text only, all in one size.", 20, 10)], 10) is None


def test_read_pdf_first_page_title_rejoins_a_word_hyphenated_across_its_lines() -> None:
    from extractors.read_pdf import Line, first_page_title

    def line(text: str, top: float, size: float) -> Line:
        return Line(text, 50, 500, top, top + size, size, False, 1)

    lines = [line("Ferries, fuel and the missing crews of the north-", 60, 22), line("ern coast", 86, 22),
             line("The council met on Tuesday to discuss the new timetable for the island routes.", 150, 10)]
    assert first_page_title(lines, 10, {"northern"}) == "Ferries, fuel and the missing crews of the northern coast"
    # a compound the document writes with its hyphen keeps it
    lines[0], lines[1] = line("Why the Arctic cross-", 60, 22), line("border rail link stalled", 86, 22)
    assert first_page_title(lines, 10, {"cross-border"}) == "Why the Arctic cross-border rail link stalled"
