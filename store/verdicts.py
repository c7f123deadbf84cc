"""A reviewer's verdict applied to a row, once for every reader of the store: the export (store/database.py) and
the review page (review/repository.py) show the same row for the same verdict."""

from __future__ import annotations

from schema import current_fields


def is_rejected(verdict: dict | None) -> bool:
    return verdict is not None and verdict["verdict"] == "reject"


def edited_fields(dataset: str, verdict: dict | None) -> dict:
    """The columns an edit changes, under the contract's current names; {} for any other verdict."""
    if verdict is None or verdict["verdict"] != "edit":
        return {}
    return current_fields(dataset, verdict["data"] or {})


def apply_verdict(dataset: str, data: dict, verdict: dict | None) -> dict:
    """The row as reviewed: old column names read as the contract's, an edit applied, `reviewed` set (true for
    any live verdict but a rejection). A rejected row comes back unchanged: the export leaves it out, the review
    page shows it marked so that it can be undone."""
    row = current_fields(dataset, data)
    row.update(edited_fields(dataset, verdict))
    row["reviewed"] = verdict is not None and not is_rejected(verdict)
    return row


def added_row(dataset: str, extraction_id: str, add: dict, verdict: dict | None = None) -> dict:
    """A row a reviewer added (`add`: its "add" review), as reviewed under its latest verdict (default: the
    addition itself)."""
    return apply_verdict(dataset, {**add["data"], "id": extraction_id}, verdict if verdict is not None else add)
