"""PDF through pdfplumber: reading order, running heads and page numbers dropped, paragraphs and hyphenated words
rejoined, footnotes kept apart. Tables (ruled and unruled, see pdf_tables) become RawTables and sit in the text
where their box sits in reading order, one line per row with cells joined by " | ", their span in start/end.
pdfminer can hang or crash on hostile files, so the parse runs in a child process with a timeout.
"""

from __future__ import annotations

import multiprocessing
import re
import statistics
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from extractors.common import one_line
from extractors.document import RawTable
from extractors.pdf_tables import stream_tables, tables_from_pdf_page
from extractors.read_text import TABLE_MARK, is_boilerplate_line, join_line_break, table_marker, table_text

DEFAULT_TIMEOUT_S = 60.0
EDGE_ZONE = 0.12  # running heads and page numbers live in the top and bottom 12% of a page
MIN_GUTTER_PT = 8.0  # the blank strip between two text columns is wider than a space between words
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
             "\ufb06": "st"}
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page|p\.|strona|seite)?\s*\d{1,4}(?:\s*(?:of|/|z|von)\s*\d{1,4})?"
                         r"(?:\s*[-–—])?$", re.I)
FOOTNOTE_START = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]?(?=\s)|([*†‡§]))\s*")
SUPERSCRIPT_MARK = re.compile(r"^(?:\d{1,3}|[*†‡§])$")
SENTENCE_END = (".", "?", "!", ":", ";", "\"", "”", "’", ")", "]")
CAPTION_START = re.compile(r"^(?:table|tab\.|tabela|tabelle|tableau|tabla)\s*\d*", re.I)
JUNK_TITLES = re.compile(r"^(?:untitled|microsoft word|document\d*|title|slide \d+|\s*)$|\.(?:docx?|pdf|indd|odt|rtf)$",
                         re.I)


class PdfReadError(Exception):
    """A PDF that cannot be read; the message is the one-line reason users see."""


@dataclass(slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    column: int = 0  # 0: full width, 1: left column, 2: right column
    words: list[tuple[str, float, float]] = field(default_factory=list)  # (text, x0, x1) as printed
    raw: list[dict] = field(default_factory=list)  # pdfplumber's words
    table: int | None = None  # not a line of text but the place of PdfContent.tables[table] on its page


@dataclass(slots=True)
class PdfContent:
    """What the child process sends back: plain data only."""

    text: str = ""
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    tables: list[RawTable] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    created: str | None = None
    publisher: str | None = None  # from a running head or the info fields, when one names an organisation
    running_heads: list[str] = field(default_factory=list)
    first_page_title: str | None = None  # the first page's largest type above the body, when it reads as a title
    error: str | None = None


def read_pdf(path: Path, timeout: float | None = DEFAULT_TIMEOUT_S, memory_bytes: int | None = None) -> PdfContent:
    """Parse a PDF in a child process; a parse that takes longer than `timeout` seconds is stopped, one that needs
    more than `memory_bytes` of address space fails (a small file can unpack to gigabytes).

    `timeout=None` parses in this process (for debugging). Never raises for a bad file: `error` says why.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except OSError as exc:
        return PdfContent(error=f"cannot read file: {exc.strerror or exc}")
    if b"%PDF-" not in head:
        what = "empty file" if not head.strip() else "no %PDF header"
        return PdfContent(error=f"not a PDF: {what}")
    if b"%%EOF" not in tail:
        return PdfContent(error="truncated PDF: the file ends before its end-of-file marker")
    if timeout is None:
        return parse_pdf(path)
    return _parse_in_child(path, timeout, memory_bytes)


def _parse_in_child(path: Path, timeout: float, memory_bytes: int | None = None) -> PdfContent:
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Children fork from a server that has pdfplumber imported already: no import cost per PDF.
        context.set_forkserver_preload(["extractors.read_pdf", "pdfplumber", "camelot"])
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child_main, args=(str(path), sender, memory_bytes), daemon=True)
    process.start()
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                return receiver.recv()
            except EOFError:
                pass  # the child died without answering: fall through to its exit code
        else:
            return PdfContent(error=f"timed out after {timeout:g} s reading PDF")
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    return PdfContent(error=f"PDF reader crashed (exit code {process.exitcode})")


def _child_main(path: str, sender, memory_bytes: int | None = None) -> None:  # type: ignore[no-untyped-def]
    _bound_child(memory_bytes)
    try:
        result = parse_pdf(Path(path))
    except BaseException as exc:  # noqa: BLE001 - whatever happens in the child must reach the parent as a reason
        if out_of_memory(exc):
            result = PdfContent(error=f"PDF needs more memory than the reader's limit of {memory_bytes / 1e6:g} MB"
                                if memory_bytes else "PDF reader ran out of memory")
        else:
            result = PdfContent(error=f"unreadable PDF: {one_line(exc)}")
    sender.send(result)
    sender.close()


def _bound_child(memory_bytes: int | None) -> None:
    """In the reader child: cap its address space, and end it when its parent (the fork server) dies, so a
    killed run leaves no parse behind."""
    import resource

    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def out_of_memory(exc: BaseException) -> bool:
    """Python's MemoryError, or a native library (camelot's image code, say) refused memory by the address-space
    limit: errno ENOMEM."""
    import errno

    return isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM)


def parse_pdf(path: Path) -> PdfContent:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        with pdf:
            content = layout_pdf(pdf, stream_tables(path))
            metadata = pdf.metadata or {}
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds of errors on broken files
        # pdfplumber wraps pdfminer's errors: look at the wrapped one too
        causes = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
        if any(out_of_memory(c) for c in causes):  # over the child's memory limit: said as such
            raise MemoryError(one_line(causes[-1])) from exc
        if any(isinstance(c, PDFPasswordIncorrect) or "encrypt" in type(c).__name__.lower() for c in causes):
            return PdfContent(error="encrypted PDF: a password is needed to read it")
        return PdfContent(error=f"unreadable PDF: {one_line(causes[-1])}")
    # the info field when it holds a title (not a file or template name), else the first page's title as printed
    content.title = pdf_title(metadata.get("Title")) or content.first_page_title
    content.authors = pdf_authors(metadata.get("Author"))
    content.created = pdf_date(metadata.get("CreationDate"))
    from extractors.metadata import publisher_outside_text

    info = [decode_meta(metadata.get(name)) for name in ("Creator", "Author", "Producer")]
    content.publisher = publisher_outside_text(info, content.running_heads)
    return content


def decode_meta(value: object) -> str:
    """PDF info strings arrive as bytes: UTF-16 with a byte-order mark, else PDFDocEncoding (close to Latin-1)."""
    if isinstance(value, bytes):
        if value[:2] in (b"\xfe\xff", b"\xff\xfe"):
            return value.decode("utf-16", errors="replace")
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value) if value is not None else ""


def pdf_title(value: object) -> str | None:
    title = re.sub(r"\s+", " ", decode_meta(value)).strip()
    if len(title) < 4 or JUNK_TITLES.search(title) or title.lower().startswith("microsoft word"):
        return None
    return title


TITLE_SIZE_RATIO = 1.25  # a title is set clearly larger than the body text
TITLE_MAX_WORDS = 30


def first_page_title(lines: list[Line], body_size: float, vocabulary: set[str] | None = None) -> str | None:
    """The run of lines set in the first page's largest type, when that type is clearly larger than the body's and
    the run reads as a title (a few words, no date, no names alone); a word hyphenated across its lines is
    rejoined as the body's are."""
    from extractors.metadata import is_person_name, parse_date

    text_lines = [line for line in lines if line.table is None and line.text.strip()]
    if not text_lines or body_size <= 0:
        return None
    largest = max(line.size for line in text_lines)
    if largest < body_size * TITLE_SIZE_RATIO:
        return None
    run: list[Line] = []
    for line in sorted(text_lines, key=lambda item: item.top):
        if abs(line.size - largest) < 0.5:
            if run and (line.top - run[-1].bottom > 2 * largest or run[-1].text.rstrip().endswith(("?", ".", "!"))):
                break  # a second block in the same type (or after a full title) is another heading
            run.append(line)
        elif run:
            break
    title = ""
    for line in run:
        text = line.text.strip()
        title = join_words(title, text, vocabulary or set()) if title else text
    title = re.sub(r"\s+", " ", title).strip()
    words = title.split()
    if not 3 <= len(words) <= TITLE_MAX_WORDS or parse_date(title) or is_person_name(title):
        return None
    return title


def pdf_authors(value: object) -> list[str]:
    from extractors.metadata import is_person_name, split_names

    text = re.sub(r"\s+", " ", decode_meta(value)).strip()
    if not text:
        return []
    names = split_names(text.replace(";", ","))
    return names or ([text] if is_person_name(text) else [])


def pdf_date(value: object) -> str | None:
    match = re.match(r"^D?:?((?:19|20)\d\d)(\d\d)(\d\d)", decode_meta(value).strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


# --- layout ---------------------------------------------------------------------------------------------------


def layout_pdf(pdf, stream: dict[int, list[RawTable]] | None = None) -> PdfContent:  # type: ignore[no-untyped-def]
    """The PDF's text, tables and notes; `stream` holds camelot's stream tables by page (None: not available)."""
    content = PdfContent()
    page_lines: list[list[Line]] = []
    any_words = False
    page_tables: list[list[Line]] = []  # each page's tables as stand-in lines, to place them in reading order
    for number, page in enumerate(pdf.pages, start=1):
        lines, tables, gutter = read_page(page, number, None if stream is None else stream.get(number, []))
        any_words = any_words or bool(lines) or bool(tables)
        page_lines.append(lines)
        page_tables.append([table_line(table, len(content.tables) + k, gutter) for k, table in enumerate(tables)])
        content.tables.extend(tables)  # in page order: the table extractor merges tables cut by a page break
    if not pdf.pages:
        content.error = "PDF has no pages"
        return content
    if not any_words:
        content.error = "no text layer: scanned PDF?"
        return content
    body_size = body_font_size([line for lines in page_lines for line in lines])
    vocabulary = word_vocabulary(page_lines)
    content.first_page_title = first_page_title(page_lines[0], body_size, vocabulary)
    content.running_heads = remove_running_lines(page_lines, pdf.pages)
    segments: list[tuple[int, list[str]]] = []  # (page number, its paragraphs)
    notes: list[tuple[int, str, str]] = []
    for number, (lines, tables) in enumerate(zip(page_lines, page_tables, strict=True), start=1):
        body, page_notes = split_footnotes(lines, body_size)
        notes.extend((number, marker, text) for marker, text in page_notes)
        kept = [p for p in paragraphs(body + tables, body_size, vocabulary)
                if p.startswith(TABLE_MARK) or not is_boilerplate_line(p)]
        segments.append((number, kept))
    content.text, content.pages = assemble(segments, notes, vocabulary, content.tables)
    content.footnotes = {marker: text for _, marker, text in notes}
    return content


def read_page(page, number: int,  # type: ignore[no-untyped-def]
              stream: list[RawTable] | None = None) -> tuple[list[Line], list[RawTable], float | None]:
    """The page's text lines (table words left out), its tables top to bottom, and its column gutter if any."""
    try:
        tables = tables_from_pdf_page(page, stream)
    except Exception:  # noqa: BLE001 - a table finder failure must not lose the page's text
        tables = []
    tables = [t for t in tables if t.bbox is not None]
    for table in tables:
        table.rows = [[clean_cell(c) for c in row] for row in table.rows]
        table.page, table.bbox = number, tuple(round(v, 1) for v in table.bbox)  # type: ignore[union-attr]
    boxes = [t.bbox for t in tables]
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False,
                               extra_attrs=["size", "fontname"])
    words = [w for w in words if w["text"].strip() and not inside_any(w, boxes)]
    lines = group_lines(words, number)
    gutter = find_gutter(lines, float(page.width))
    if gutter is not None:
        lines = split_columns(lines, gutter, number)
    for table in tables:
        table.caption = clean_cell(table.caption) or caption_for(table.bbox, lines)
    return lines, tables, gutter


def table_line(table: RawTable, index: int, gutter: float | None) -> Line:
    """A table's stand-in in the page's lines: where its box sits, in the column it sits in."""
    x0, top, x1, bottom = table.bbox or (0.0, 0.0, 0.0, 0.0)
    column = 0
    if gutter is not None and not x0 < gutter < x1:
        column = 1 if (x0 + x1) / 2 < gutter else 2
    return Line(text=table_marker(index), x0=x0, x1=x1, top=top, bottom=bottom, size=0.0, bold=False,
                page=table.page or 0, column=column, table=index)


def clean_cell(cell: str | None) -> str | None:
    """A cell's lines joined into one (a word hyphenated at a cell's line break rejoined), ligatures undone."""
    if cell is None:
        return None
    text = ""
    for line in (part.strip() for part in fix_text(cell).split("\n")):
        text = join_line_break(text, line) if text and line else text or line
    return re.sub(r"\s+", " ", text).strip()


def fix_text(text: str) -> str:
    for ligature, letters in LIGATURES.items():
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFC", text.replace("\u00ad", "-"))


def inside_any(word: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def group_lines(words: list[dict], page: int) -> list[Line]:
    """Words that overlap vertically form a visual row; superscript marks become "[n]" in the text."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        for row in reversed(rows[-3:]):
            top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
            overlap = min(bottom, word["bottom"]) - max(top, word["top"])
            if overlap > 0.5 * min(word["bottom"] - word["top"], bottom - top):
                row.append(word)
                break
        else:
            rows.append([word])
    return [make_line(row, page) for row in merge_raised_marks(rows)]


def merge_raised_marks(rows: list[list[dict]]) -> list[list[dict]]:
    """A row of only small print (a superscript mark set high above its line) joins the line it touches."""
    def size(row: list[dict]) -> float:
        return max(w["size"] for w in row)

    kept: list[list[dict]] = []
    for row in rows:
        top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
        host = next((other for other in rows if other is not row and size(row) < 0.85 * size(other)
                     and min(bottom, max(w["bottom"] for w in other)) > max(top, min(w["top"] for w in other))
                     and all(SUPERSCRIPT_MARK.match(w["text"]) for w in row)), None)
        if host is not None:
            host.extend(row)
        else:
            kept.append(row)
    return kept


def make_line(words: list[dict], page: int) -> Line:
    words = sorted(words, key=lambda w: w["x0"])
    size = Counter(round(w["size"], 1) for w in words for _ in w["text"]).most_common(1)[0][0]
    baseline = max(w["bottom"] for w in words if round(w["size"], 1) == size)
    pieces: list[tuple[str, float, float]] = []
    previous: dict | None = None
    for word in words:
        text = fix_text(word["text"])
        superscript = (word["size"] < 0.85 * size and baseline - word["bottom"] > 0.15 * size
                       and SUPERSCRIPT_MARK.match(text))
        if superscript:
            text = f"[{text}]"
        glued = previous is not None and (superscript or word["x0"] - previous["x1"] <= 0.12 * size)
        if glued and pieces:
            last_text, last_x0, _ = pieces[-1]
            pieces[-1] = (last_text + text, last_x0, word["x1"])
        else:
            pieces.append((text, word["x0"], word["x1"]))
        previous = word
    main = [w for w in words if round(w["size"], 1) == size]
    return Line(text=" ".join(t for t, _, _ in pieces), x0=words[0]["x0"], x1=words[-1]["x1"],
                top=min(w["top"] for w in main), bottom=baseline, size=size,
                bold=all("bold" in w["fontname"].lower() for w in main), page=page, words=pieces, raw=words)


def find_gutter(lines: list[Line], width: float) -> float | None:
    """The x of a blank vertical strip with text on both sides that almost no row crosses: a two-column page."""
    if len(lines) < 6:
        return None
    candidates: list[tuple[int, int]] = []
    for x in range(int(width * 0.3), int(width * 0.7), 2):
        crossing = left = right = 0
        for line in lines:
            if line.x0 < x < line.x1 and not _gap_at(line, x):
                crossing += 1
            left += any(x1 < x - MIN_GUTTER_PT / 2 for _, _x0, x1 in line.words)
            right += any(x0 > x + MIN_GUTTER_PT / 2 for _, x0, _x1 in line.words)
        if crossing <= 0.1 * len(lines) and min(left, right) >= 0.3 * len(lines):
            candidates.append((crossing, x))
    if not candidates:
        return None
    fewest = min(c for c, _ in candidates)
    xs = [x for c, x in candidates if c == fewest]
    return float(xs[len(xs) // 2])


def _gap_at(line: Line, x: float) -> bool:
    return all(x1 < x - MIN_GUTTER_PT / 2 or x0 > x + MIN_GUTTER_PT / 2 for _, x0, x1 in line.words)


def split_columns(lines: list[Line], gutter: float, page: int) -> list[Line]:
    """Rows printed across the gutter stay full width; the rest is regrouped into lines per column."""
    full = [ln for ln in lines if ln.x0 < gutter < ln.x1 and not _gap_at(ln, gutter)]
    full_ids = set(map(id, full))
    rest = [w for ln in lines if id(ln) not in full_ids for w in ln.raw]
    left = group_lines([w for w in rest if (w["x0"] + w["x1"]) / 2 < gutter], page)
    right = group_lines([w for w in rest if (w["x0"] + w["x1"]) / 2 >= gutter], page)
    for column, column_lines in ((1, left), (2, right)):
        for line in column_lines:
            line.column = column
    return full + left + right


def caption_for(box: tuple[float, float, float, float], lines: list[Line]) -> str | None:
    """A 'Table 1 ...' caption right above the table (up to three lines, as it wraps) or right below it."""
    over = [ln for ln in lines if ln.bottom <= box[1] + 1 and ln.x1 > box[0] and ln.x0 < box[2]]
    run: list[Line] = []
    edge = box[1]
    for line in sorted(over, key=lambda ln: -ln.bottom)[:3]:
        if edge - line.bottom >= 3 * line.size:
            break
        run.insert(0, line)
        edge = line.top
        if CAPTION_START.match(line.text):
            return " ".join(ln.text for ln in run)
    below = [ln for ln in lines if ln.top >= box[3] - 1 and ln.top - box[3] < 3 * ln.size]
    for line in sorted(below, key=lambda ln: ln.top)[:1]:
        if CAPTION_START.match(line.text):
            return line.text
    return None


def body_font_size(lines: list[Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def word_vocabulary(page_lines: list[list[Line]]) -> set[str]:
    """Lower-cased words of the document, to tell a hyphenated compound from a word split by the line break."""
    words: set[str] = set()
    for lines in page_lines:
        for line in lines:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.text))
    return words


def remove_running_lines(page_lines: list[list[Line]], pages: list) -> list[str]:  # type: ignore[type-arg]
    """Drop page numbers and lines that repeat near the top or bottom of many pages (running heads and feet);
    the dropped running lines' text is returned (a running head often names the publisher)."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text.lower()).strip()

    def edge(line: Line, height: float) -> bool:
        return line.top < EDGE_ZONE * height or line.bottom > (1 - EDGE_ZONE) * height

    counts: Counter[str] = Counter()
    for lines, page in zip(page_lines, pages, strict=True):
        counts.update({key(ln.text) for ln in lines if edge(ln, float(page.height))})
    n_pages = len(page_lines)
    repeated = {k for k, n in counts.items() if n_pages >= 2 and n >= max(2, 0.5 * n_pages)}
    dropped: list[str] = []
    for index, (lines, page) in enumerate(zip(page_lines, pages, strict=True)):
        height = float(page.height)
        page_lines[index] = [ln for ln in lines if not (edge(ln, height) and
                                                       (key(ln.text) in repeated or PAGE_NUMBER.match(ln.text)))]
        dropped.extend(ln.text for ln in lines if edge(ln, height) and key(ln.text) in repeated
                       and ln.text not in dropped)
    return dropped


def split_footnotes(lines: list[Line], body_size: float) -> tuple[list[Line], list[tuple[str, str]]]:
    """Small-print lines at the foot of a page that start with a note mark are footnotes."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.column, ln.x0))
    tail: list[Line] = []
    for line in reversed(ordered):
        if line.size < 0.92 * body_size:
            tail.insert(0, line)
        else:
            break
    if not tail or not any(FOOTNOTE_START.match(ln.text) for ln in tail[:1]):
        return lines, []
    notes: list[tuple[str, str]] = []
    for line in tail:
        mark = FOOTNOTE_START.match(line.text)
        if mark:
            notes.append((next(g for g in mark.groups() if g), line.text[mark.end():].strip()))
        elif notes:
            notes[-1] = (notes[-1][0], join_line_break(notes[-1][1], line.text))
    kept = set(map(id, tail))
    return [ln for ln in lines if id(ln) not in kept], notes


def reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom; between full-width rows, the left column is read before the right one."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in ordered:
        if line.column == 0:
            out.extend(left + right)
            left, right = [], []
            out.append(line)
        elif line.column == 1:
            left.append(line)
        else:
            right.append(line)
    return out + left + right


def paragraphs(lines: list[Line], body_size: float, vocabulary: set[str]) -> list[str]:
    """Lines to paragraphs: a new one at a vertical gap, an indent, a change of font, or after a short last line.

    A table's stand-in line is a paragraph of its own (its marker).
    """
    ordered = reading_order(lines)
    if not ordered:
        return []
    text_lines = [ln for ln in ordered if ln.table is None]
    gaps = [b.top - a.bottom for a, b in zip(text_lines, text_lines[1:], strict=False)
            if a.column == b.column and 0 <= b.top - a.bottom < 2 * body_size and a.size == b.size]
    usual_gap = statistics.median(gaps) if gaps else 0.3 * body_size
    right_edge: dict[int, float] = {}
    left_edge: dict[int, float] = {}
    for column in {ln.column for ln in text_lines}:
        in_column = [ln for ln in text_lines if ln.column == column and ln.size == body_size]
        if in_column:
            right_edge[column] = sorted(ln.x1 for ln in in_column)[int(0.9 * (len(in_column) - 1))]
            left_edge[column] = min(ln.x0 for ln in in_column)
    out: list[str] = []
    previous: Line | None = None
    for line in ordered:
        if previous is None or line.table is not None or previous.table is not None \
                or starts_paragraph(previous, line, usual_gap, right_edge, left_edge):
            out.append(line.text)
        else:
            out[-1] = join_words(out[-1], line.text, vocabulary)
        previous = line
    return out


def starts_paragraph(previous: Line, line: Line, usual_gap: float, right_edge: dict[int, float],
                     left_edge: dict[int, float]) -> bool:
    if line.column != previous.column and previous.column != 0 and line.column != 0:
        # column change: a paragraph runs on unless the column ended a sentence and the next one opens with a capital
        return previous.text.rstrip().endswith(SENTENCE_END) and line.text[:1].isupper()
    if abs(line.size - previous.size) > 0.5 or line.bold != previous.bold:
        return True
    gap = line.top - previous.bottom
    if gap > usual_gap + 0.5 * line.size or gap < -line.size:
        return True
    if line.x0 > left_edge.get(line.column, line.x0) + 1.0 * line.size >= previous.x0 - left_edge.get(
            previous.column, previous.x0):
        return True  # first-line indent
    left = left_edge.get(previous.column, previous.x0)
    width = right_edge.get(previous.column, previous.x1) - left
    if previous.x1 - left < 0.5 * width:
        return True  # a ragged line is never this short unless it ends its paragraph (or is a header line)
    short = previous.x1 < left + 0.75 * width
    return short and previous.text.rstrip().endswith(SENTENCE_END)


def join_words(left: str, right: str, vocabulary: set[str]) -> str:
    """Rejoin a line break; a hyphen at the break stays only where the document writes the word hyphenated."""
    hyphenated = re.search(r"([^\W\d_]+)-$", left)
    tail = re.match(r"[^\W\d_]+", right)
    if hyphenated and tail and right[:1].islower():
        compound = f"{hyphenated[1]}-{tail[0]}".lower()
        if compound in vocabulary and (hyphenated[1] + tail[0]).lower() not in vocabulary:
            return left + right
        return left[:-1] + right
    return join_line_break(left, right)


def assemble(segments: list[tuple[int, list[str]]], notes: list[tuple[int, str, str]], vocabulary: set[str],
             tables: list[RawTable] | None = None) -> tuple[str, list[tuple[int, int, int]]]:
    """Paragraphs of all pages to one text (blank lines between paragraphs) with its page map.

    A paragraph cut by a page break is rejoined when the page's last paragraph does not end a sentence.
    A table marker paragraph becomes the table's lines, and the table's start/end the span of that block; tables
    that open a page whose text continues the previous page's paragraph follow that paragraph (a float set at the
    top of the page does not cut the sentence running around it).
    Footnotes follow the body as "[n] text" paragraphs, each mapped to the page it came from.
    """
    text = ""
    pages: list[tuple[int, int, int]] = []
    after_table = False

    def append(block: str) -> int:
        nonlocal text
        text = f"{text}\n\n{block}" if text else block
        return len(text) - len(block)

    def place(table: RawTable) -> int:
        nonlocal after_table
        last = text[text.rfind("\n") + 1:]
        if table.caption and last.startswith(table.caption):
            table.caption = last  # the caption paragraph in full: the table finder sees only its last line
        block = table_text(table.rows)
        table.start, table.end = append(block), len(text)
        after_table = True
        return table.start

    for number, paras in segments:
        start: int | None = None
        opening: list[RawTable] = []  # tables above the page's first text, placed once it is known where it goes
        seen_text = False
        for para in paras:
            if para.startswith(TABLE_MARK):
                table = table_of(para, tables or [])
                if table is not None and not seen_text:
                    opening.append(table)
                elif table is not None:
                    place(table)
                continue
            if not seen_text:
                seen_text = True
                last = text[text.rfind("\n") + 1:]
                if text and not after_table and not last.rstrip().endswith(SENTENCE_END) and (
                        para[:1].islower() or len(last.split()) > 12):
                    start = len(text)  # the page's own text starts inside the rejoined paragraph
                    text = join_words(text, para, vocabulary)
                    for table in opening:
                        place(table)
                    opening = []
                    continue
                for table in opening:
                    at = place(table)
                    start = at if start is None else start
                opening = []
            at = append(para)
            after_table = False
            start = at if start is None else start
        for table in opening:  # a page of tables only
            at = place(table)
            start = at if start is None else start
        if start is not None:
            pages.append((number, min(start, len(text)), len(text)))
    for number, marker, note in notes:
        text = f"{text}\n\n" if text else text
        start = len(text)
        text += f"[{marker}] {note}"
        pages.append((number, start, len(text)))
    return text, pages


def table_of(para: str, tables: list[RawTable]) -> RawTable | None:
    """The table a marker paragraph stands for (None for a paragraph of text or a table with no cells)."""
    match = re.fullmatch(rf"{TABLE_MARK}(\d+){TABLE_MARK}", para)
    if not match or int(match[1]) >= len(tables) or not table_text(tables[int(match[1])].rows):
        return None
    return tables[int(match[1])]
