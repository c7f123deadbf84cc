"""Records to the contract's rows: one dict per row, keyed by the column names of ../shared/CONTRACT.md."""

from __future__ import annotations

from datetime import datetime

from extractors.document import Document
from extractors.records import Extraction, Table, extraction_id
from flows.confidence import add_confidence

DATASETS = ("documents", "actors", "mentions", "dates", "figures", "claims", "tables")
CORPUS_DATASETS = ("facts", "corpus_actors")  # built across documents from the rows above (flows/facts.py)
EXTRACTION_DATASETS = ("actors", "mentions", "dates", "figures", "claims", "tables", "table_info")
# Columns renamed in the contract (old name -> new name), so that rows and review edits stored before the
# rename read as the contract now names them.
RENAMED_FIELDS: dict[str, dict[str, str]] = {"claims": {"source": "speaker"}, "tables": {"column": "header"}}


def current_fields(dataset: str, data: dict) -> dict:
    """`data` (a stored row or a review's changed fields) with old column names replaced by the contract's."""
    renames = RENAMED_FIELDS.get(dataset, {})
    current: dict = {}
    for key, value in data.items():
        new = renames.get(key)
        if new is None:
            current[key] = value
        elif new not in data:  # where both are present, the new name wins
            current[new] = value
    return current


def document_status(document: Document) -> str:
    """ok; partial when the text was read but an extractor raised (its error names it); failed when unreadable."""
    if document.ok:
        return "ok"
    return "partial" if document.partial else "failed"


def document_row(document: Document, pipeline_version: str, extracted_at: datetime) -> dict:
    return {
        "doc_id": document.doc_id,
        "source": document.source,
        "format": document.format,
        "title": document.title,
        "authors": list(document.authors),
        "publisher": document.publisher,
        "published": document.published,
        "url": document.url,
        "language": document.language if document.ok else None,
        "n_words": document.n_words,
        "status": document_status(document),
        "error": document.error,
        "warnings": list(document.warnings),
        "pipeline_version": pipeline_version,
        "extracted_at": extracted_at.isoformat(timespec="seconds"),
    }


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
        "id": extraction_id(doc_id, "table_info", n),
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
                "id": extraction_id(doc_id, "tables", n, r, c),
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
        out["actors"].append({
            "id": extraction_id(doc_id, "actors", actor.actor_id),
            "doc_id": doc_id,
            "actor_id": actor.actor_id,
            "name": actor.name,
            "kind": actor.kind,
            "iso3": actor.iso3,
            "role": actor.role,
            "members": list(actor.members),
            "mentions": len(actor.mentions),
        })
        for m in actor.mentions:
            out["mentions"].append({"id": m.id, "doc_id": doc_id, "actor_id": m.actor_id, "text": m.text,
                                    "start": m.start, "end": m.end})
    for d in extraction.dates:
        out["dates"].append({"id": d.id, "doc_id": doc_id, "text": d.text, "start": d.start, "end": d.end,
                             "value": d.value, "relative": d.relative})
    for f in extraction.figures:
        out["figures"].append({"id": f.id, "doc_id": doc_id, "figure_id": f.id, "text": f.text, "start": f.start,
                               "end": f.end, "value": f.value, "unit": f.unit, "qualifier": f.qualifier,
                               "per": f.per, "item": f.item, "actor_id": f.actor_id,
                               "counterpart_actor_id": f.counterpart_actor_id, "period": f.period,
                               "claim_id": f.claim_id, "item_head": f.item_head, "confidence": f.confidence})
    for c in extraction.claims:
        out["claims"].append({"id": c.id, "doc_id": doc_id, "claim_id": c.id, "text": c.text, "start": c.start,
                              "end": c.end, "speaker": c.speaker, "speaker_actor_id": c.speaker_actor_id,
                              "hedged": c.hedged, "actor_ids": list(c.actor_ids), "figure_ids": list(c.figure_ids),
                              "date_values": list(c.date_values)})
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
