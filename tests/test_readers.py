"""read_document across formats, bad inputs, sidecars, file discovery, and PDF/HTML scoring like plain text."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractors.document import Document, RawTable
from extractors.pipeline import extract_document
from extractors.read_text import table_marker
from extractors.readers import clean_with_tables, discover_files, read_document
from tests.make_inputs import PdfSpec, format_corpus, html_page, write_pdf, write_random_bytes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
IES = SEEDS / "ies-nato-ap4-defence-ministers-2024.txt"


def test_readers_seed_text_is_clean_with_metadata() -> None:
    document = read_document(IES)
    assert document.ok and document.format == "txt"
    assert not document.text.rstrip().endswith("Udostępnij")
    assert document.title == "NATO defence ministers meet their Indo-Pacific counterparts. Towards a global alliance?"
    assert (document.authors, document.published) == (["Jakub Bornio"], "2024-10-31")
    assert document.publisher == "Instytut Europy Środkowej"
    assert sorted(document.footnotes) == ["1", "2", "3", "4", "5"]
    assert document.footnotes["1"].startswith("The Global Coalition against Daesh/ISIS was established in 2014")


def test_readers_sidecar_date_for_the_conversation_seed() -> None:
    document = read_document(SEEDS / "conversation-nato-vilnius-asia-pacific-2023.txt")
    assert (document.authors, document.publisher, document.published) == (
        ["Gorana Grgić"], "The Conversation", "2023-07-10")
    assert document.title is None


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file: no text"),
    ("blank.md", b"  \n\t\n  \r\n", "empty file: no text"),
    ("notes.docx", b"PK\x03\x04 some zip", "unsupported file type .docx"),
    ("README", b"hello", "unsupported file type (none)"),
    ("only-residue.txt", "Share\nUdostępnij\n".encode(), "empty document: no text"),
])
def test_readers_bad_inputs_fail_with_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    document = read_document(path)
    assert (document.error, document.text, document.ok) == (reason, "", False)
    assert document.source == str(path)


def test_readers_binary_named_txt(tmp_path: Path) -> None:
    document = read_document(write_random_bytes(tmp_path / "noise.txt"))
    assert document.error == "binary content, not text"


def test_readers_folder_or_missing_file_does_not_raise(tmp_path: Path) -> None:
    assert read_document(tmp_path).error.startswith("cannot read file")
    assert read_document(tmp_path / "gone.txt").error.startswith("cannot read file")


def test_readers_large_text_file(tmp_path: Path) -> None:
    paragraph = "Ministers agreed on 12 March 2024 to raise spending by 2% across all 32 members, officials said. " * 8
    path = tmp_path / "big.txt"
    path.write_text("Annual defence review\nBy Jane Doe\n\n" + "\n\n".join([paragraph.strip()] * 6000),
                    encoding="utf-8")
    assert path.stat().st_size > 4_000_000
    started = time.monotonic()
    document = read_document(path)
    assert document.ok and len(document.text) > 4_000_000
    assert document.authors == ["Jane Doe"]
    assert time.monotonic() - started < 30


def test_readers_windows_1252_text(tmp_path: Path) -> None:
    text = "Europe’s “strategic autonomy” – a naïve idea?\nBy Hélène Dupré\n\nThe debate costs 5 € per citizen."
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("cp1252"))
    document = read_document(path)
    assert document.text == text
    assert document.authors == ["Hélène Dupré"]


def test_readers_sidecar_variants(tmp_path: Path) -> None:
    for name, sidecar in (("a.txt", "a.txt.meta.json"), ("b.md", "b.meta.json")):
        (tmp_path / name).write_text("Some title of the piece\nBy Jane Doe\n\nText of the article.\n")
        (tmp_path / sidecar).write_text(json.dumps({"authors": "Given Author", "publisher": "Given House"}))
        document = read_document(tmp_path / name)
        assert (document.authors, document.publisher) == (["Given Author"], "Given House")
        assert document.title == "Some title of the piece"


def test_readers_broken_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "c.txt").write_text("Text of the article.\n")
    (tmp_path / "c.meta.json").write_text("{not json")
    assert read_document(tmp_path / "c.txt").error.startswith("unreadable sidecar c.meta.json")


def test_readers_markdown_document(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("---\ntitle: Arms control after New START\nauthor: Jane Doe and John Roe\ndate: 2024-03-12\n---\n"
                    "\n# Arms control after New START\n\nThe treaty *expired* in [February 2026](https://x.org).\n\n"
                    "| Year | Warheads |\n|---|---|\n| 2023 | 1,550 |\n\nShare\n\nBoth sides kept to the limit.\n",
                    encoding="utf-8")
    document = read_document(path)
    block = "Year | Warheads\n2023 | 1,550"
    assert document.text == f"Arms control after New START\n\nThe treaty expired in February 2026.\n\n{block}\n\n" \
                            "Both sides kept to the limit."
    assert (document.title, document.authors, document.published) == (
        "Arms control after New START", ["Jane Doe", "John Roe"], "2024-03-12")
    table = document.raw_tables[0]
    assert table.rows == [["Year", "Warheads"], ["2023", "1,550"]]
    assert document.text[table.start:table.end] == block


def test_readers_clean_with_tables_places_each_table_once() -> None:
    tables = [RawTable(rows=[["Unit", "Soldiers"], ["Brigade 45", "4,800"]], caption="Table 2: Forces"),
              RawTable(rows=[[None, None], ["", None]])]
    text = (f"Intro line.   \n\n\n\nSee below: {table_marker(0)} and more.\n{table_marker(1)}\n\n{table_marker(0)}"
            f"\n\n{table_marker(7)}\nEnd.")
    cleaned = clean_with_tables(text, tables)
    block = "Table 2: Forces\nUnit | Soldiers\nBrigade 45 | 4,800"
    assert cleaned == f"Intro line.\n\nSee below:\n\n{block}\n\nand more.\n\nEnd."
    assert cleaned[tables[0].start:tables[0].end] == block
    assert (tables[1].start, tables[1].end) == (None, None)  # no cells: nothing to place


def test_readers_discover_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("a.txt", "sub/b.pdf", "sub/deeper/c.html", "sub/deeper/c.meta.json", "a.txt.meta.json",
                 ".hidden.txt", ".git/config.txt", "sub/photo.jpg", "notes.docx"):
        (tmp_path / name).write_text("x")
    explicit = tmp_path / "notes.docx"
    files, skipped = discover_files([tmp_path, explicit, tmp_path / "missing.txt"])
    assert files == [tmp_path / "a.txt", tmp_path / "sub/b.pdf", tmp_path / "sub/deeper/c.html", explicit]
    assert (tmp_path / "sub/photo.jpg", "unsupported file type .jpg") in skipped
    assert (tmp_path / "missing.txt", "no such file or folder") in skipped
    assert all(".git" not in str(p) and ".hidden" not in str(p) for p, _ in skipped)


def score(corpus: Path, gold: Path, out: Path) -> dict[str, float]:
    from flows.evaluate import extract_to_datasets

    files = sorted(p for p in corpus.iterdir() if not p.name.endswith(".json"))
    extract_to_datasets(files, out)
    report = out / "report.json"
    subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold), "--out", str(out),
                    "--json", str(report), "--quiet"], check=True, capture_output=True)
    return {k: v["f1"] for k, v in json.loads(report.read_text())["scores"].items()}


def test_readers_pdf_and_html_score_like_plain_text(tmp_path: Path) -> None:
    """The same articles as PDF and as saved web pages extract as well as their plain-text versions."""
    text_scores = score(SEEDS, SHARED / "gold", tmp_path / "out-txt")
    assert text_scores["meta"] >= 0.9
    for fmt in ("pdf", "html"):
        corpus, gold = format_corpus(tmp_path, fmt)
        scores = score(corpus, gold, tmp_path / f"out-{fmt}")
        for dataset, f1 in text_scores.items():
            assert scores[dataset] >= f1 - 0.03, (fmt, dataset, scores[dataset], f1)


BALTIC_BEFORE = ("Defence ministers of the three Baltic states met on 14 May 2024 to compare their spending plans. "
                 "Officials said the region would need at least 5 billion euros for air defence by 2027.")
BALTIC_TABLE = [["Country", "Spending 2023", "Troops", "Last review"],
                ["Estonia", "€1.3 billion", "7,700", "March 2024"],
                ["Latvia", "€1.1 billion", "6,600", "June 2023"],
                ["Lithuania", "€2.0 billion", "23,000", "May 2024"]]
BALTIC_AFTER = ("The figures above show that spending has risen sharply since 2022, analysts at the institute said. "
                "Ministers are expected to agree on a joint procurement plan in the autumn.")


def baltic_article(folder: Path, fmt: str) -> Path:
    """One short article with a table between two paragraphs, as PDF, saved web page or Markdown."""
    blocks = [("title", "Baltic defence budgets keep rising"), ("para", BALTIC_BEFORE),
              ("table", BALTIC_TABLE, None), ("para", BALTIC_AFTER)]
    path = folder / f"baltic.{fmt}"
    if fmt == "pdf":
        return write_pdf(path, PdfSpec(blocks=blocks))
    if fmt == "html":
        path.write_text(html_page(blocks, title="Baltic defence budgets keep rising"), encoding="utf-8")
        return path
    rows = ["| " + " | ".join(row) + " |" for row in BALTIC_TABLE]
    path.write_text("\n".join(["# Baltic defence budgets keep rising", "", BALTIC_BEFORE, "", rows[0],
                               "|---|---|---|---|", *rows[1:], "", BALTIC_AFTER, ""]), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_readers_table_block_through_the_pipeline(nlp, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """The table sits in the text as its own block: its country row labels are mentions, and nothing else in it
    becomes a figure, date, claim or actor; the table extractor reports it once, over the reader's span."""
    document: Document = read_document(baltic_article(tmp_path, fmt))
    assert document.ok, document.error
    raw = document.raw_tables[0]
    block = "\n".join(" | ".join(row) for row in BALTIC_TABLE)
    assert document.text[raw.start:raw.end] == block
    assert document.text.index(BALTIC_BEFORE) < raw.start < raw.end < document.text.index(BALTIC_AFTER)
    extraction = extract_document(document, nlp(document.text))
    assert len(extraction.tables) == 1
    table = extraction.tables[0]
    assert [row[0] for row in table.rows] == ["Estonia", "Latvia", "Lithuania"]
    assert table.start <= raw.start and raw.end <= table.end < document.text.index(BALTIC_AFTER)

    def in_table(start: int, end: int) -> bool:
        return start < table.end and end > table.start

    for found in (*extraction.figures, *extraction.dates, *extraction.claims):
        assert not in_table(found.start, found.end), found
    assert {d.text for d in extraction.dates} >= {"14 May 2024", "2027"}  # the text around the table still counts
    assert any(f.value == 5e9 for f in extraction.figures)
    mentions = [(actor, m) for actor in extraction.actors for m in actor.mentions]
    assert not [m.text for _, m in mentions if "|" in m.text or "\n" in m.text]
    in_block = {actor.name for actor, m in mentions if in_table(m.start, m.end)}
    assert in_block == {"Estonia", "Latvia", "Lithuania"}
    assert all(actor.kind == "country" for actor, m in mentions if in_table(m.start, m.end))
