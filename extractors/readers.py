"""Readers: a file on disk to one Document with normalised text, page map, footnotes, tables and metadata.

`read_document` never raises: a file that cannot be read becomes a Document whose `error` says why in one line.
Metadata precedence: a sidecar `<file>.meta.json` / `<stem>.meta.json` wins over the file's own metadata (PDF info,
HTML <meta> tags, Markdown front matter), which wins over what the text's header and byline say.
Tables (PDF, HTML, Markdown) are part of the text: a block of their own at their place in reading order, one line per
row with cells joined by " | " (caption first when the format gives one apart), its span in RawTable.start/end.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from extractors.document import Document, RawTable, content_id
from extractors.metadata import TextMetadata, metadata_from_text, parse_date, split_names
from extractors.read_pdf import DEFAULT_TIMEOUT_S, read_pdf
from extractors.read_text import (
    FRONT_MATTER,
    TABLE_MARK,
    NotText,
    decode_bytes,
    drop_boilerplate_lines,
    join_wrapped_lines,
    markdown_to_text,
    strip_inline_markdown,
    table_text,
)

FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           ".xhtml": "html", ".pdf": "pdf"}
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("title", "authors", "publisher", "published", "url")
ENDNOTE = re.compile(r"^\[(\d{1,3})\]\s+(\S.*)$")
TABLE_MARKER = re.compile(rf"[ \t]*{TABLE_MARK}(\d+){TABLE_MARK}[ \t]*")


class ReadError(Exception):
    """A file that cannot become a Document; the message is the one-line reason users see."""


def sidecar_path(path: Path) -> Path:
    """`article.txt.meta.json`, or `article.meta.json` beside it."""
    full = path.with_name(path.name + SIDECAR_SUFFIX)
    return full if full.exists() else path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def is_hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or path.name.endswith("~")


def discover_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read under `paths` (folders walked recursively) and the files skipped there, each with its reason.

    Sidecars and hidden files/folders are passed over silently; files in folders with an unsupported extension are
    skipped with a reason. A file named explicitly is always returned: if it cannot be read it becomes a failed
    Document, so nothing a user gives vanishes.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in map(Path, paths):
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                relative = path.relative_to(given)
                if any(is_hidden(Path(part)) for part in relative.parts) or not path.is_file():
                    continue
                if is_sidecar(path):
                    continue
                if path.suffix.lower() in FORMATS:
                    add(path)
                else:
                    skipped.append((path, f"unsupported file type {path.suffix or '(none)'}"))
        elif given.exists():
            add(given)
        else:
            skipped.append((given, "no such file or folder"))
    return files, skipped


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def clean_with_tables(text: str, tables: list[RawTable]) -> str:
    """Normalised, residue-free text with each table marker replaced by the table's lines, in a paragraph of its own.

    Each placed table's start/end become the span of its block. Tables are placed after the text is cleaned so
    the spans stay true; a table whose marker did not survive extraction keeps no span.
    """
    blocks: dict[int, str] = {}

    def own_paragraph(match: re.Match[str]) -> str:
        index = int(match[1])
        if index >= len(tables) or index in blocks:
            return ""
        blocks[index] = table_text(tables[index].rows, tables[index].caption)
        return f"\n\n{match.group().strip()}\n\n" if blocks[index] else ""

    text = normalise_text(drop_boilerplate_lines(TABLE_MARKER.sub(own_paragraph, text)))
    out: list[str] = []
    length = position = 0
    for match in TABLE_MARKER.finditer(text):
        table, block = tables[int(match[1])], blocks[int(match[1])]
        out.append(text[position:match.start()])
        length += match.start() - position
        table.start, table.end = length, length + len(block)
        out.append(block)
        length += len(block)
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def endnotes(text: str) -> dict[str, str]:
    """'[1] text' paragraphs (notes printed at the end of an article) as marker -> note."""
    notes: dict[str, str] = {}
    for line in text.split("\n"):
        match = ENDNOTE.match(line.strip())
        if match:
            notes.setdefault(match[1], match[2].strip())
    return notes


def apply_sidecar(document: Document, path: Path) -> None:
    """What a sidecar gives wins over what was extracted."""
    side = sidecar_path(path)
    if not side.exists():
        return
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(f"unreadable sidecar {side.name}: {one_line(exc)}") from exc
    if not isinstance(meta, dict):
        raise ReadError(f"unreadable sidecar {side.name}: not a JSON object")
    for key in SIDECAR_FIELDS:
        if meta.get(key):
            value = meta[key]
            if key == "authors" and isinstance(value, str):
                value = [value]
            setattr(document, key, value)


def fill_missing(document: Document, meta: TextMetadata) -> None:
    document.title = document.title or meta.title
    document.authors = document.authors or list(meta.authors)
    document.publisher = document.publisher or meta.publisher
    document.published = document.published or meta.published


def one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def read_document(path: Path, pdf_timeout: float | None = DEFAULT_TIMEOUT_S) -> Document:
    """Never raises for bad input: a failed read is a Document with `error` set."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Document(doc_id=content_id(str(path).encode()), source=str(path), format=fmt,
                        error=f"cannot read file: {exc.strerror or exc}")
    document = Document(doc_id=content_id(data), source=str(path), format=fmt)
    try:
        if path.suffix.lower() not in FORMATS:
            raise ReadError(f"unsupported file type {path.suffix or '(none)'}")
        if not data.strip():
            raise ReadError("empty file: no text")
        if fmt == "pdf":
            read_pdf_into(document, path, pdf_timeout)
        elif fmt == "html":
            read_html_into(document, data)
        else:
            read_text_into(document, data, markdown=fmt == "md")
        if not document.text.strip():
            raise ReadError("empty document: no text")
        apply_sidecar(document, path)
    except (ReadError, NotText) as exc:
        document.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a reader bug on one file must not stop a run; the reason is kept
        document.error = f"could not read {fmt} file: {type(exc).__name__}: {one_line(exc)}"
    if document.error:
        document.text, document.pages, document.footnotes, document.raw_tables = "", [], {}, []
    return document


def markdown_lines(source: str) -> str:
    """Markdown with its markup stripped line by line, line breaks kept (for header and byline detection)."""
    body = FRONT_MATTER.sub("", source, count=1)
    return "\n".join(strip_inline_markdown(re.sub(r"^\s{0,3}#{1,6}\s+", "", line)).strip() for line in body.split("\n"))


def read_text_into(document: Document, data: bytes, markdown: bool) -> None:
    text = text_source = decode_bytes(data).replace("\r\n", "\n")
    if markdown:
        result = markdown_to_text(text)
        front = result.front_matter
        document.title = front.get("title") or result.title
        authors = front.get("authors") or front.get("author")
        if authors:
            names = split_names(authors.strip("[]").replace('"', "").replace("'", ""))
            document.authors = names or [authors.strip()]
        document.publisher = front.get("publisher") or front.get("site")
        document.published = parse_date(front["date"]) if front.get("date") else None
        document.footnotes = dict(result.footnotes)
        document.raw_tables = list(result.tables)
        text = result.text
    else:
        text = join_wrapped_lines(normalise_text(text))
    document.text = clean_with_tables(text, document.raw_tables)
    # Markdown joins a header's lines into one paragraph; bylines are read from the lines as written.
    header_source = markdown_lines(text_source) if markdown else document.text
    fill_missing(document, metadata_from_text(header_source))
    for marker, note in endnotes(document.text).items():
        document.footnotes.setdefault(marker, note)


def read_html_into(document: Document, data: bytes) -> None:
    from extractors.read_html import read_html

    content = read_html(data)
    if content.error:
        raise ReadError(content.error)
    document.raw_tables = list(content.tables)
    document.text = clean_with_tables(content.text, document.raw_tables)
    document.title, document.authors = content.title, list(content.authors)
    document.publisher, document.published, document.url = content.publisher, content.published, content.url
    fill_missing(document, metadata_from_text(document.text))
    document.publisher = document.publisher or content.site_publisher
    document.footnotes = endnotes(document.text)


def read_pdf_into(document: Document, path: Path, timeout: float | None) -> None:
    content = read_pdf(path, timeout=timeout)
    if content.error:
        raise ReadError(content.error)
    document.text, document.pages = content.text, list(content.pages)
    document.footnotes = dict(content.footnotes)
    document.raw_tables = list(content.tables)  # placed in the text by the PDF reader: start/end set
    document.title, document.authors = content.title, list(content.authors)
    fill_missing(document, metadata_from_text(document.text))
    document.publisher = document.publisher or content.publisher
    # The file's creation date is only a fallback: PDFs are often made long after (or before) publication.
    document.published = document.published or content.created
    for marker, note in endnotes(document.text).items():
        document.footnotes.setdefault(marker, note)
