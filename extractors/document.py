"""The one record that travels from reader to store: a document's normalised text and metadata."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_id(data: bytes) -> str:
    """Stable document id: the same bytes give the same id on every machine."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(slots=True)
class RawTable:
    """A table as a reader found it (PDF ruling, HTML <table>), before the table extractor cleans it."""

    rows: list[list[str | None]]
    caption: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    start: int | None = None  # where the table sits in Document.text, when the reader placed it there
    end: int | None = None
    quality: float | None = None  # 0..1, how cleanly the finder split it into cells (None: not measured)
    flags: list[str] = field(default_factory=list)  # the finder's doubts about it


@dataclass(slots=True)
class Document:
    """A read document. `text` is the normalised plain text every offset points into."""

    doc_id: str
    source: str
    format: str
    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    url: str | None = None
    language: str | None = "en"
    pages: list[tuple[int, int, int]] = field(default_factory=list)  # (page number, start, end) in text
    footnotes: dict[str, str] = field(default_factory=dict)  # marker -> footnote text
    raw_tables: list[RawTable] = field(default_factory=list)
    error: str | None = None  # one line; set when the file could not be read, or when an extractor raised
    partial: bool = False  # the text was read and extracted, but an extractor raised (see `error`)
    warnings: list[str] = field(default_factory=list)  # one line each: read, but not cleanly (bytes replaced)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def n_words(self) -> int:
        return len(self.text.split())
