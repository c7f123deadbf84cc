"""read_document across formats, bad inputs, sidecars, file discovery, and PDF/HTML scoring like plain text."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractors.readers import discover_files, read_document
from tests.make_inputs import format_corpus, write_random_bytes

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
                    "| Year | Warheads |\n|---|---|\n| 2023 | 1,550 |\n\nShare\n", encoding="utf-8")
    document = read_document(path)
    assert document.text == "Arms control after New START\n\nThe treaty expired in February 2026."
    assert (document.title, document.authors, document.published) == (
        "Arms control after New START", ["Jane Doe", "John Roe"], "2024-03-12")
    assert document.raw_tables[0].rows == [["Year", "Warheads"], ["2023", "1,550"]]


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
