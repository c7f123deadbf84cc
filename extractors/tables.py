"""Tables: the readers' tables cleaned into header + rows (first version)."""

from __future__ import annotations

from extractors.document import Document
from extractors.records import Table


def extract_tables(document: Document) -> list[Table]:
    tables = []
    for raw in document.raw_tables:
        rows = [[(c or "").strip() for c in row] for row in raw.rows if any(c for c in row)]
        if len(rows) < 2:
            continue
        tables.append(Table(columns=rows[0], rows=rows[1:], caption=raw.caption, page=raw.page,
                            start=raw.start, end=raw.end))
    return tables
