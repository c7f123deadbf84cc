"""Records to the contract's rows: one dict per row, keyed by the column names of ../shared/CONTRACT.md."""

from __future__ import annotations

import json
from datetime import datetime

from extractors.document import Document
from extractors.records import Extraction, Table
from flows.confidence import add_confidence
from schema import EXTRACTION_DATASETS, SCHEMA, record_row


def document_status(document: Document) -> str:
    """ok; partial when the text was read but an extractor raised (its error names it); failed when unreadable."""
    if document.ok:
        return "ok"
    return "partial" if document.partial else "failed"


def drops_json(drops: dict[str, int] | None) -> str | None:
    """What the extractors left out, by reason, as compact JSON ('{"claims.question":2}'); None where no
    extraction ran (a file that could not be read)."""
    if drops is None:
        return None
    return json.dumps(dict(sorted(drops.items())), separators=(",", ":"))


def document_row(document: Document, pipeline_version: str, extracted_at: datetime,
                 drops: dict[str, int] | None = None) -> dict:
    return record_row("documents", document.doc_id, document, language=document.language if document.ok else None,
                      status=document_status(document), pipeline_version=pipeline_version,
                      extracted_at=extracted_at.isoformat(timespec="seconds"), drops=drops_json(drops))


FOOTNOTE_MARKS = "*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰"


def table_number_value(text: str) -> float | None:
    """The number a cell prints, footnote marks ("*2,247", "12.5†") and a percent sign aside; else None."""
    cleaned = text.strip().strip(FOOTNOTE_MARKS).strip().replace(",", "").replace("\u2212", "-")
    cleaned = cleaned.replace("–", "-").rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def table_rows(doc_id: str, n: int, table: Table) -> tuple[dict, list[dict]]:
    table_id = f"{doc_id}-{n}"
    info = {
        "id": SCHEMA["table_info"].make_id(doc_id, {"table_number": n}),
        "doc_id": doc_id,
        "table_id": table_id,
        "caption": table.caption,
        "columns": list(table.columns),
        "units": dict(table.units),
        "flags": list(table.flags),
        "quality": table.quality,
        "doubtful": table.doubtful,
        "page": table.page,
        "start": table.start,
        "end": table.end,
        "n_rows": len(table.rows),
    }
    cells = []
    for r, row in enumerate(table.rows):
        iso3 = table.row_iso3[r] if r < len(table.row_iso3) else None
        for c, text in enumerate(row):
            header = table.columns[c] if c < len(table.columns) else f"column {c + 1}"
            cells.append({
                "id": SCHEMA["tables"].make_id(doc_id, {"table_number": n, "row": r, "col": c}),
                "doc_id": doc_id,
                "table_id": table_id,
                "row": r,
                "col": c,
                "header": header,
                "text": text,
                "value": table_number_value(text),
                "unit": table.units.get(header),
                "row_iso3": iso3,
                "page": table.page,
                "quality": table.quality,
                "doubtful": table.doubtful,
            })
    return info, cells


def extraction_rows(doc_id: str, extraction: Extraction) -> dict[str, list[dict]]:
    """Every extraction of a document as contract rows (without `reviewed`, which the store adds)."""
    out: dict[str, list[dict]] = {name: [] for name in EXTRACTION_DATASETS}
    for actor in extraction.actors:
        out["actors"].append(record_row("actors", doc_id, actor))
        out["mentions"].extend(record_row("mentions", doc_id, m) for m in actor.mentions)
    for name in ("dates", "figures", "claims"):
        out[name].extend(record_row(name, doc_id, record) for record in getattr(extraction, name))
    for n, table in enumerate(extraction.tables, start=1):
        info, cells = table_rows(doc_id, n, table)
        out["table_info"].append(info)
        out["tables"].extend(cells)
    add_confidence(out)
    return {name: unique_by_id(rows) for name, rows in out.items()}


def unique_by_id(rows: list[dict]) -> list[dict]:
    """An extractor that reports one span twice yields one row: ids are keys in the store."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            kept.append(row)
    return kept
