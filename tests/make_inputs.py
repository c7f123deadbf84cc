"""Test helper: writes real input files (PDF with fpdf2, HTML pages, encoded text) for the reader tests.

Also usable by hand: `python -m tests.make_inputs OUT_DIR` renders the seeds to PDF and HTML in OUT_DIR.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAGE_W, PAGE_H = 595.28, 841.89
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 60.0, 72.0, 72.0
GUTTER = 24.0
MARKER = re.compile(r"\^(\d+)")  # "^1" in a paragraph is printed as a superscript footnote mark

Block = tuple  # ("title"|"heading"|"line"|"para", text) or ("table", rows, caption)


@dataclass
class PdfSpec:
    blocks: list[Block]
    running_head: str | None = None
    page_numbers: bool = True
    columns: int = 1
    footnotes_by_page: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    title: str | None = None
    author: str | None = None
    password: str | None = None
    body_size: float = 10.5
    hyphenate: bool = True
    table_rules: bool = True  # False: a table printed without cell borders


class _ArticlePdf(FPDF):
    def __init__(self, spec: PdfSpec) -> None:
        super().__init__(unit="pt", format="A4")
        self.spec = spec
        self.set_auto_page_break(False)
        self.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.font_name = "Body"
        else:  # latin-1 only: good enough for ASCII test texts
            self.font_name = "Helvetica"

    def header(self) -> None:
        if self.spec.running_head:
            self.set_font(self.font_name, "", 8)
            self.set_xy(MARGIN_X, 32)
            self.cell(PAGE_W - 2 * MARGIN_X, 10, self.spec.running_head, align="C")

    def footer(self) -> None:
        if self.spec.page_numbers:
            self.set_font(self.font_name, "", 8)
            self.set_xy(MARGIN_X, PAGE_H - 40)
            self.cell(PAGE_W - 2 * MARGIN_X, 10, f"Page {self.page_no()}", align="C")


class _Layout:
    """A tiny typesetter: ragged-right lines, hyphenation of long words, columns, page-foot footnotes."""

    def __init__(self, spec: PdfSpec) -> None:
        self.spec = spec
        self.pdf = _ArticlePdf(spec)
        self.column = 0
        self.col_width = (PAGE_W - 2 * MARGIN_X - GUTTER * (spec.columns - 1)) / spec.columns
        self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.column = 0
        self.y = MARGIN_TOP
        self.bottom = PAGE_H - MARGIN_BOTTOM
        notes = self.spec.footnotes_by_page.get(self.pdf.page_no(), [])
        if notes:
            self.bottom -= 12 * sum(1 + len(text) // 95 for _, text in notes) + 10
            self.draw_footnotes(notes)

    def draw_footnotes(self, notes: list[tuple[str, str]]) -> None:
        pdf = self.pdf
        y = self.bottom + 10
        pdf.line(MARGIN_X, y - 4, MARGIN_X + 120, y - 4)
        for marker, text in notes:
            lines = self.wrap(text, PAGE_W - 2 * MARGIN_X - 8, 8, "")
            pdf.set_font(pdf.font_name, "", 5.5)
            pdf.set_xy(MARGIN_X, y - 2)
            pdf.cell(6, 6, marker)
            pdf.set_font(pdf.font_name, "", 8)
            for line in lines:
                pdf.set_xy(MARGIN_X + 6, y)
                pdf.cell(0, 9, line)
                y += 11

    @property
    def x(self) -> float:
        return MARGIN_X + self.column * (self.col_width + GUTTER)

    def next_column(self) -> None:
        if self.column + 1 < self.spec.columns:
            self.column += 1
            self.y = MARGIN_TOP
        else:
            self.new_page()

    def wrap(self, text: str, width: float, size: float, style: str) -> list[str]:
        pdf = self.pdf
        pdf.set_font(pdf.font_name, style, size)

        def measure(s: str) -> float:
            return pdf.get_string_width(MARKER.sub(r"\1", s))

        lines: list[str] = []
        current = ""
        for word in text.split():
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if self.spec.hyphenate and word.isalpha() and len(word) >= 8 and current:
                for cut in range(len(word) - 3, 2, -1):
                    if measure(f"{current} {word[:cut]}-") <= width:
                        lines.append(f"{current} {word[:cut]}-")
                        word, current = word[cut:], ""
                        break
            if current:
                lines.append(current)
            current = word
        if current:
            lines.append(current)
        return lines

    def text_block(self, text: str, size: float, style: str = "", space_after: float = 8) -> None:
        pdf = self.pdf
        line_height = size * 1.35
        for line in self.wrap(text, self.col_width, size, style):
            if self.y + line_height > self.bottom:
                self.next_column()
            self.draw_line(line, size, style)
            self.y += line_height
        self.y += space_after
        pdf.set_font(pdf.font_name, "", self.spec.body_size)

    def draw_line(self, line: str, size: float, style: str) -> None:
        pdf = self.pdf
        x = self.x
        for piece in re.split(r"(\^\d+)", line):
            if not piece:
                continue
            if piece.startswith("^"):
                pdf.set_font(pdf.font_name, style, size * 0.6)
                pdf.set_xy(x, self.y - size * 0.35)
                pdf.cell(pdf.get_string_width(piece[1:]), size, piece[1:])
                x += pdf.get_string_width(piece[1:])
            else:
                pdf.set_font(pdf.font_name, style, size)
                pdf.set_xy(x, self.y)
                pdf.cell(pdf.get_string_width(piece), size, piece)
                x += pdf.get_string_width(piece)

    def table(self, rows: list[list[str]], caption: str | None) -> None:
        """The table across its column (the page width when there is one column), moved whole to the next column
        or page when it does not fit."""
        pdf = self.pdf
        needed = (len(rows) + 2) * 15 + 30
        if self.y + needed > self.bottom:
            self.next_column()
        if caption:
            self.text_block(caption, self.spec.body_size, "B", space_after=4)
        pdf.set_font(pdf.font_name, "", 8)
        margin = pdf.l_margin
        pdf.set_left_margin(self.x)
        pdf.set_xy(self.x, self.y)
        with pdf.table(width=self.col_width, align="LEFT", line_height=11, first_row_as_headings=False,
                       borders_layout="ALL" if self.spec.table_rules else "NONE") as table:
            for row in rows:
                table_row = table.row()
                for cell in row:
                    table_row.cell(cell)
        pdf.set_left_margin(margin)
        self.y = pdf.get_y() + 10

    def render(self, path: Path) -> Path:
        size = self.spec.body_size
        for block in self.spec.blocks:
            kind = block[0]
            if kind == "title":
                self.text_block(block[1], size * 1.6, "B", space_after=12)
            elif kind == "heading":
                self.text_block(block[1], size * 1.15, "B", space_after=6)
            elif kind == "line":
                self.text_block(block[1], size, "", space_after=4)
            elif kind == "para":
                self.text_block(block[1], size)
            elif kind == "table":
                self.table(block[1], block[2])
        if self.spec.title:
            self.pdf.set_title(self.spec.title)
        if self.spec.author:
            self.pdf.set_author(self.spec.author)
        if self.spec.password:
            self.pdf.set_encryption(owner_password="owner", user_password=self.spec.password,
                                    encryption_method=EncryptionMethod.AES_128)
        self.pdf.output(str(path))
        return path


def write_pdf(path: Path, spec: PdfSpec) -> Path:
    return _Layout(spec).render(Path(path))


def write_scanned_pdf(path: Path) -> Path:
    """A PDF of page images only (drawn shapes): what a scan without OCR looks like to a text reader."""
    pdf = FPDF(unit="pt", format="A4")
    for _ in range(2):
        pdf.add_page()
        for i in range(30):
            pdf.set_fill_color(40, 40, 40)
            pdf.rect(60, 80 + i * 22, 300 + (i * 37) % 160, 9, style="F")
    pdf.output(str(path))
    return path


def write_random_bytes(path: Path, n: int = 4096, seed: int = 7) -> Path:
    path.write_bytes(random.Random(seed).randbytes(n))
    return path


def write_truncated(source: Path, path: Path, keep: float = 0.5) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


# --- the seeds as PDF and HTML ---------------------------------------------------------------------------------

FLAT_TABLE_ROW = re.compile(r"^(\D+?)((?:\d+\.\d\d){2,})$")


def seed_blocks(text: str, columns_hint: list[str] | None = None) -> list[Block]:
    """A seed text as layout blocks: header lines, headings, paragraphs, and its flattened table as a table."""
    blocks: list[Block] = []
    lines = [line.strip() for line in text.split("\n")]
    i = 0
    body_started = False
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if FLAT_TABLE_ROW.match(line) or (i + 1 < len(lines) and FLAT_TABLE_ROW.match(lines[i + 1])
                                          and not FLAT_TABLE_ROW.match(line) and columns_hint
                                          and line.replace(" ", "") == "".join(columns_hint).replace(" ", "")):
            rows = []
            if not FLAT_TABLE_ROW.match(line):
                rows.append(list(columns_hint or []))
                i += 1
            while i < len(lines) and FLAT_TABLE_ROW.match(lines[i]):
                label, numbers = FLAT_TABLE_ROW.match(lines[i]).groups()
                rows.append([label.strip(), *re.findall(r"\d+\.\d\d", numbers)])
                i += 1
            blocks.append(("table", rows, None))
            continue
        words = len(line.split())
        if words > 25:
            body_started = True
        if not body_started:
            blocks.append(("title" if words >= 6 and not line.endswith(".") else "line", line))
        elif words < 12 and not line.endswith((".", "?", "!")) and not line.startswith("["):
            blocks.append(("heading", line))
        else:
            blocks.append(("para", line))
        i += 1
    return blocks


def gold_for(seed: Path) -> dict:
    path = SHARED / "gold" / f"{seed.stem}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def seed_pdf(seed: Path, out: Path, **spec_args: object) -> Path:
    gold = gold_for(seed)
    columns = gold["tables"][0]["columns"] if gold.get("tables") else None
    blocks = seed_blocks(seed.read_text(encoding="utf-8"), columns)
    spec = PdfSpec(blocks=blocks, running_head=spec_args.pop("running_head", f"{seed.stem} - working copy"),
                   **spec_args)  # type: ignore[arg-type]
    return write_pdf(out, spec)


PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
{meta}
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>body {{ font-family: sans-serif; }}</style>
</head><body>
<div id="cookie-consent" class="cookie-banner"><p>We use cookies to give you the best experience on our website.
By continuing you agree to our use of cookies.</p>
<button>Accept all cookies</button><button>Cookie settings</button></div>
<header class="site-header"><a class="logo" href="/">Home</a>
<nav class="main-nav"><ul><li><a href="/topics">Topics</a></li><li><a href="/regions">Regions</a></li>
<li><a href="/experts">Experts</a></li><li><a href="/publications">Publications</a></li>
<li><a href="/events">Events</a></li><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li></ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<main><article class="post">
{body}
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
</article>
<aside class="related"><h3>Related articles</h3><ul>
<li><a href="/a1">Baltic defence spending after the Madrid summit</a></li>
<li><a href="/a2">Why the Black Sea matters for European security</a></li>
<li><a href="/a3">Podcast: the future of arms control</a></li></ul></aside></main>
<footer class="site-footer"><p>© 2024 Example Policy Institute. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
<li><a href="/newsletter">Subscribe to our newsletter</a></li></ul></footer>
<script>console.log("analytics");</script>
</body></html>
"""


def html_page(blocks: list[Block], title: str = "Article", meta: dict[str, str] | None = None) -> str:
    """An article inside a realistic page: cookie banner, navigation, share buttons, related links and footer."""
    meta_tags = "\n".join(
        f'<meta {"property" if k.startswith(("og:", "article:")) else "name"}="{html.escape(k)}" '
        f'content="{html.escape(v)}">' for k, v in (meta or {}).items())
    body: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "title":
            body.append(f"<h1>{html.escape(block[1])}</h1>")
        elif kind == "heading":
            body.append(f"<h2>{html.escape(block[1])}</h2>")
        elif kind in ("para", "line"):
            body.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "table":
            rows = block[1]
            head = "".join(f"<th>{html.escape(c)}</th>" for c in rows[0])
            cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows[1:])
            caption = f"<caption>{html.escape(block[2])}</caption>" if block[2] else ""
            body.append(f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
    return PAGE_TEMPLATE.format(title=html.escape(title), meta=meta_tags, body="\n".join(body))


def seed_html(seed: Path, out: Path, meta: dict[str, str] | None = None) -> Path:
    gold = gold_for(seed)
    columns = gold["tables"][0]["columns"] if gold.get("tables") else None
    blocks = seed_blocks(seed.read_text(encoding="utf-8"), columns)
    title = (meta or {}).get("og:title") or next((b[1] for b in blocks if b[0] == "heading"), seed.stem)
    out.write_text(html_page(blocks, title=title, meta=meta), encoding="utf-8")
    return out


SEED_HTML_META = {
    "ies-nato-ap4-defence-ministers-2024": {
        "og:title": "NATO defence ministers meet their Indo-Pacific counterparts. Towards a global alliance? | IEŚ",
        "og:site_name": "IEŚ", "author": "Jakub Bornio", "article:published_time": "2024-10-31T09:00:00+01:00"},
}


def format_corpus(out: Path, fmt: str) -> tuple[Path, Path]:
    """The seeds rendered as `fmt` ("pdf" or "html") in out/corpus-fmt, with sidecars, and their gold files in
    out/gold-fmt with `source` renamed to the rendered file (the scorer matches documents by file name)."""
    corpus, gold_dir = out / f"corpus-{fmt}", out / f"gold-{fmt}"
    corpus.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        target = corpus / f"{seed.stem}.{fmt}"
        if fmt == "pdf":
            seed_pdf(seed, target)
        else:
            seed_html(seed, target, SEED_HTML_META.get(seed.stem))
        sidecar = seed.with_name(f"{seed.stem}.meta.json")
        if sidecar.exists():
            (corpus / sidecar.name).write_text(sidecar.read_text(encoding="utf-8"), encoding="utf-8")
        gold = gold_for(seed)
        if gold:
            gold["source"] = target.name
            (gold_dir / f"{seed.stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return corpus, gold_dir


def main() -> int:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for fmt in ("pdf", "html"):
        format_corpus(out, fmt)
    return 0


if __name__ == "__main__":
    sys.exit(main())
