"""Readers: a file on disk to one Document with normalised text, page map, footnotes, tables and metadata.

`read_document` never raises: a file that cannot be read becomes a Document whose `error` says why in one line.
Metadata precedence: a sidecar `<file>.meta.json` / `<stem>.meta.json` wins over the file's own metadata (PDF info,
HTML <meta> tags, Markdown front matter), which wins over what the text's header and byline say.
Tables (PDF, HTML, Markdown) are part of the text: a block of their own at their place in reading order, one line per
row with cells joined by " | " (caption first when the format gives one apart), its span in RawTable.start/end.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from extractors.common import one_line
from extractors.document import Document, RawTable, content_id
from extractors.metadata import TextMetadata, metadata_from_text, parse_date, split_names
from extractors.read_pdf import DEFAULT_TIMEOUT_S, read_pdf
from extractors.read_text import (
    FRONT_MATTER,
    TABLE_MARK,
    NotText,
    decode_text,
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


# Characters a terminal or a log would act on rather than show: C0/C1 controls, DEL, bidirectional overrides.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FILE_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
              stat.S_IFSOCK: "a socket"}
HASH_CHUNK = 1 << 20


class ReadError(Exception):
    """A file that cannot become a Document; the message is the one-line reason users see."""


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Bounds on what one file may cost; the values come from flows.settings. None: no bound."""

    max_text_bytes: int | None = None  # txt, md, html
    max_pdf_bytes: int | None = None
    reader_memory_bytes: int | None = None  # address-space limit of the PDF reader's child process

    def max_bytes(self, fmt: str) -> int | None:
        return self.max_pdf_bytes if fmt == "pdf" else self.max_text_bytes


def display_name(path: Path | str) -> str:
    """The path as text that is safe to store, print and serialise: bytes that are not UTF-8 and control
    characters become backslash escapes (`bad-\\xff.txt`). The file itself is always opened by its real bytes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return UNPRINTABLE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this mode is not read: FIFOs hang a read, devices never end, sockets are not files."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"not a regular file ({FILE_KINDS.get(stat.S_IFMT(mode), 'a special file')})"


def file_doc_id(path: Path) -> str:
    """The doc_id read_document gives this file, from its bytes (hashed in pieces, so size costs no memory); a
    file that cannot or must not be read is named by its path, as read_document names it."""
    import hashlib

    try:
        if not_regular_reason(os.stat(path).st_mode):
            return content_id(display_name(path).encode())
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()[:16]
    except OSError:
        return content_id(display_name(path).encode())


def sidecar_path(path: Path) -> Path:
    """`article.txt.meta.json`, or `article.meta.json` beside it."""
    full = path.with_name(path.name + SIDECAR_SUFFIX)
    return full if full.exists() else path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def is_hidden(path: Path) -> bool:
    return path.name.startswith((".", "~$")) or path.name.endswith("~")


def discover_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read under `paths` (folders walked recursively) and the paths skipped there, each with its reason.

    Sidecars and hidden files/folders are passed over silently; files in folders with an unsupported extension,
    special files, unreadable folders, broken links and links to folders (not followed, so no loop) are skipped
    with a reason. A file named explicitly is always returned: if it cannot be read it becomes a failed Document,
    so nothing a user gives vanishes.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a symlink loop named on the command line: read_document says why
            key = path.absolute()
        if key not in seen:
            seen.add(key)
            files.append(path)

    def unreadable(error: OSError) -> None:
        skipped.append((Path(error.filename), f"cannot read folder: {error.strerror or error}"))

    for given in map(Path, paths):
        if given.is_dir():
            found: list[tuple[Path, str | None]] = []
            for root, folders, names in os.walk(given, onerror=unreadable):
                here = Path(root)
                folders[:] = [f for f in folders if not is_hidden(Path(f))]
                for name in folders:
                    if (here / name).is_symlink():  # os.walk does not follow it; say so, and why
                        found.append((here / name, link_to_folder_reason(here / name)))
                found += [(here / name, None) for name in names if not is_hidden(Path(name))]
            for path, reason in sorted(found, key=lambda item: item[0]):
                if reason is None:
                    reason = walked_file_reason(path)
                if reason is None:
                    add(path)
                elif reason:
                    skipped.append((path, reason))
        elif given.exists() or given.is_symlink():
            add(given)
        else:
            skipped.append((given, "no such file or folder"))
    return files, skipped


def link_to_folder_reason(path: Path) -> str:
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "symbolic link loop"
    if path.parent.resolve() == target or target in path.parent.resolve().parents:
        return "symbolic link loop: it points to a folder that contains it"
    return "symbolic link to a folder: not followed"


def walked_file_reason(path: Path) -> str | None:
    """None for a file to read, "" for one passed over silently (a sidecar), else why it is skipped."""
    if is_sidecar(path):
        return ""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if path.is_symlink():
            return "symbolic link loop" if exc.errno == errno.ELOOP else "broken symbolic link"
        return f"cannot read file: {exc.strerror or exc}"
    if stat.S_ISDIR(mode):
        return ""
    if path.suffix.lower() not in FORMATS:
        return f"unsupported file type {path.suffix or '(none)'}"
    return not_regular_reason(mode)


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
        raise ReadError(f"unreadable sidecar {display_name(side.name)}: {one_line(exc)}") from exc
    if not isinstance(meta, dict):
        raise ReadError(f"unreadable sidecar {display_name(side.name)}: not a JSON object")
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


def read_bytes_bounded(path: Path, limit: int | None) -> bytes:
    """The file's bytes, refusing special files (before opening: a FIFO blocks the open) and files over `limit`."""
    reason = not_regular_reason(os.stat(path).st_mode)
    if reason:
        raise ReadError(reason)
    # O_NONBLOCK: a file swapped for a FIFO between the check and the open cannot block the run.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        reason = not_regular_reason(info.st_mode)
        if reason:
            raise ReadError(reason)
        if limit is not None and info.st_size > limit:
            raise ReadError(f"file too large: {info.st_size / 1e6:.1f} MB, the limit is {limit / 1e6:g} MB")
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:  # it grew while being read
        raise ReadError(f"file too large: over the limit of {limit / 1e6:g} MB")
    return data


def read_document(path: Path, pdf_timeout: float | None = DEFAULT_TIMEOUT_S, limits: ReadLimits | None = None
                  ) -> Document:
    """Never raises for bad input: a failed read is a Document with `error` set.

    `source` is the path's display name (see display_name); the file is opened by its real bytes."""
    path = Path(path)
    limits = limits or ReadLimits()
    source = display_name(path)
    fmt = FORMATS.get(path.suffix.lower()) or display_name(path.suffix.lower().lstrip("."))[:16] or "unknown"
    try:
        data = read_bytes_bounded(path, limits.max_bytes(fmt))
    except ReadError as exc:
        return Document(doc_id=file_doc_id(path), source=source, format=fmt, error=str(exc))
    except OSError as exc:
        return Document(doc_id=content_id(source.encode()), source=source, format=fmt,
                        error=f"cannot read file: {exc.strerror or exc}")
    document = Document(doc_id=content_id(data), source=source, format=fmt)
    try:
        if path.suffix.lower() not in FORMATS:
            raise ReadError(f"unsupported file type {display_name(path.suffix) or '(none)'}")
        if not data.strip():
            raise ReadError("empty file: no text")
        if fmt == "pdf":
            read_pdf_into(document, path, pdf_timeout, limits.reader_memory_bytes)
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
        document.error = f"could not read {fmt} file: {one_line(exc)}"
    if document.error:
        document.text, document.pages, document.footnotes, document.raw_tables = "", [], {}, []
        document.warnings = []
    return document


def markdown_lines(source: str) -> str:
    """Markdown with its markup stripped line by line, line breaks kept (for header and byline detection)."""
    body = FRONT_MATTER.sub("", source, count=1)
    return "\n".join(strip_inline_markdown(re.sub(r"^\s{0,3}#{1,6}\s+", "", line)).strip() for line in body.split("\n"))


def read_text_into(document: Document, data: bytes, markdown: bool) -> None:
    decoded, document.warnings = decode_text(data)
    text = text_source = decoded.replace("\r\n", "\n")
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
    from_text = metadata_from_text(document.text)
    # a page's author tag often names only the first author; the byline the page shows names them all
    if document.authors and set(document.authors) < set(from_text.authors):
        document.authors = list(from_text.authors)
    fill_missing(document, from_text)
    document.publisher = document.publisher or content.site_publisher
    document.footnotes = endnotes(document.text)


def read_pdf_into(document: Document, path: Path, timeout: float | None, memory_bytes: int | None = None) -> None:
    content = read_pdf(path, timeout=timeout, memory_bytes=memory_bytes)
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
