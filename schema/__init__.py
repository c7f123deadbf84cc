"""Every dataset of ../shared/CONTRACT.md declared once: its columns and their types, its sort keys, how its ids are
made, and which columns a reviewer may edit or must give when adding a row, with the check each value passes.

Records become rows (flows/rows.py), rows become files (flows/export.py) and reviews are checked (review/fields.py)
from these declarations: adding a column is one line here plus the record field its extractor fills.
This package imports nothing of dossier's own (beyond itself), so every other package may import it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from schema.checks import (
    Check,
    actor_kind,
    boolean,
    date_list,
    figure_unit,
    iso3,
    iso_date_or_none,
    number,
    number_or_none,
    offset,
    required_text,
    text_list,
    text_or_none,
)

# Column types: how a value is stored and exported (Parquet keeps lists as lists; CSV joins them with "; ").
ID, TEXT, INTEGER, NUMBER, BOOLEAN, DATE, LIST = "id", "text", "integer", "number", "boolean", "date", "list"

# Where a row's value comes from, when not the record's attribute of the column's name.
FROM_RECORD, FROM_DOC, FROM_ID, FROM_STORE, COUNT_OF = "record", "doc", "id", "store", "count"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str
    contract: bool = True  # named in ../shared/CONTRACT.md; False: a column added for users beside the contract's
    edit: Check | None = None  # a reviewer may change it; the check its value passes first
    source: str = FROM_RECORD  # FROM_DOC: the document's id; FROM_ID: the row's id; FROM_STORE: set by the store
    # (reviewed, duplicate_of); COUNT_OF: the length of the record's list attribute `attribute`
    attribute: str | None = None  # the record attribute read, when it is not `name`


@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    level: str  # "document": one row per file; "extraction": rows of one document; "corpus": across documents
    columns: tuple[Column, ...]
    sort_keys: tuple[str, ...] = ()  # the export's row order (empty: the order the rows are built in)
    # The values hashed, with doc_id and the dataset's name, into an extraction id: the same span extracted again
    # gets the same id, so that reviews stay attached across runs.
    id_parts: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # old column name -> new
    span: bool = False  # rows are spans of the document text (start, end, text)
    # What a reviewer adding a row may leave out, with its default (None: rows of this dataset cannot be added),
    # and what they must give besides the span.
    add_defaults: Mapping[str, object] | None = None
    required_to_add: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def contract_names(self) -> list[str]:
        return [c.name for c in self.columns if c.contract]

    @property
    def list_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.type == LIST]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def editable(self) -> dict[str, Check]:
        """Columns a reviewer may change, with their checks; span columns last (start, end, text)."""
        spans = {"start": 0, "end": 1, "text": 2}
        edits = [c for c in self.columns if c.edit is not None]
        edits.sort(key=lambda c: spans.get(c.name, -1))
        return {c.name: c.edit for c in edits}  # type: ignore[misc]

    def make_id(self, doc_id: str, values: Mapping[str, object], added: bool = False) -> str:
        """The extraction id of a row with these values (`values` may hold id parts that are not columns, such as
        a table's number). A row a reviewer added gets an id of its own kind: never one the pipeline makes."""
        parts = [values[name] for name in self.id_parts]
        return extraction_id(doc_id, self.name, *(["review"] if added else []), *parts)


def extraction_id(doc_id: str, dataset: str, *parts: object) -> str:
    """An id that stays the same when the same span is extracted again from the same document."""
    key = "\x1f".join([doc_id, dataset, *(str(p) for p in parts)])
    return f"{dataset[:3]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:14]}"


def span_columns() -> tuple[Column, ...]:
    return (Column("text", TEXT, edit=text_or_none), Column("start", INTEGER, edit=offset),
            Column("end", INTEGER, edit=offset))


def beside_contract(*columns: Column) -> tuple[Column, ...]:
    """Columns of a dataset the contract does not name (kept for the review page, or a file added for users)."""
    return tuple(replace(c, contract=False) for c in columns)


ROW_ID = Column("id", ID)
DOC_ID = Column("doc_id", ID, source=FROM_DOC)
REVIEWED = Column("reviewed", BOOLEAN, source=FROM_STORE)
CONFIDENCE = Column("confidence", NUMBER)

DOCUMENTS = Dataset("documents", "document", (
    Column("doc_id", ID),
    Column("source", TEXT),
    Column("format", TEXT),
    Column("title", TEXT),
    Column("authors", LIST),
    Column("publisher", TEXT),
    Column("published", DATE),
    Column("url", TEXT, contract=False),
    Column("language", TEXT),
    Column("n_words", INTEGER),
    Column("status", TEXT),
    Column("error", TEXT),
    Column("pipeline_version", TEXT),
    Column("extracted_at", TEXT),
    Column("duplicate_of", ID, contract=False, source=FROM_STORE),  # the earlier copy of a near-duplicate
    Column("warnings", LIST, contract=False),  # one line each: read, but not cleanly
    # What the extractors left out, by "<extractor>.<reason>", as compact JSON: {"claims.question":2}
    Column("drops", TEXT, contract=False),
    Column("doc_key", ID, contract=False, source=FROM_STORE),  # stable across edits of one file
), sort_keys=("source", "doc_id"))

ACTORS = Dataset("actors", "extraction", (
    Column("id", ID, contract=False), DOC_ID,
    Column("actor_id", ID),
    Column("name", TEXT, edit=required_text),
    Column("kind", TEXT, edit=actor_kind),
    Column("iso3", TEXT, edit=iso3),
    Column("role", TEXT, edit=text_or_none),
    Column("members", LIST, edit=text_list),
    Column("mentions", INTEGER, source=COUNT_OF),
    Column("reviewed", BOOLEAN, contract=False, source=FROM_STORE), CONFIDENCE,
), sort_keys=("doc_id", "actor_id"), id_parts=("actor_id",),
    # name, kind (and iso3 for a country) or an existing actor_id are checked apart (review/repository.py)
    add_defaults=MappingProxyType({"role": None}))

MENTIONS = Dataset("mentions", "extraction", (
    ROW_ID, DOC_ID,
    Column("actor_id", ID, edit=required_text),
    *span_columns(),
    REVIEWED, CONFIDENCE,
), sort_keys=("doc_id", "start", "end", "actor_id"), id_parts=("start", "end", "actor_id"), span=True)

DATES = Dataset("dates", "extraction", (
    ROW_ID, DOC_ID,
    *span_columns(),
    Column("value", DATE, edit=iso_date_or_none),
    Column("relative", BOOLEAN, edit=boolean),
    REVIEWED, CONFIDENCE,
), sort_keys=("doc_id", "start", "end"), id_parts=("start", "end"), span=True,
    add_defaults=MappingProxyType({"relative": False}), required_to_add=("value",))

FIGURES = Dataset("figures", "extraction", (
    ROW_ID, DOC_ID,
    Column("figure_id", ID, source=FROM_ID),
    *span_columns(),
    Column("value", NUMBER, edit=number),
    Column("unit", TEXT, edit=figure_unit),
    Column("qualifier", TEXT, edit=text_or_none),
    Column("per", TEXT, edit=text_or_none),
    Column("item", TEXT, edit=text_or_none),
    Column("actor_id", ID, edit=text_or_none),
    Column("counterpart_actor_id", ID),
    Column("period", DATE),
    Column("claim_id", ID),
    CONFIDENCE, REVIEWED,
    Column("item_head", TEXT, contract=False),  # the item's head form, how facts group items
), sort_keys=("doc_id", "start", "end"), id_parts=("start", "end"), span=True,
    add_defaults=MappingProxyType({"qualifier": None, "per": None, "item": None, "actor_id": None}),
    required_to_add=("value", "unit"))

CLAIMS = Dataset("claims", "extraction", (
    ROW_ID, DOC_ID,
    Column("claim_id", ID, source=FROM_ID),
    *span_columns(),
    Column("speaker", TEXT, edit=text_or_none),
    Column("speaker_actor_id", ID, edit=text_or_none),
    Column("hedged", BOOLEAN, edit=boolean),
    Column("actor_ids", LIST, edit=text_list),
    Column("figure_ids", LIST, edit=text_list),
    Column("date_values", LIST, edit=date_list),
    REVIEWED, CONFIDENCE,
), sort_keys=("doc_id", "start", "end"), id_parts=("start", "end"), span=True,
    renamed=MappingProxyType({"source": "speaker"}),
    add_defaults=MappingProxyType({"speaker": None, "speaker_actor_id": None, "hedged": False, "actor_ids": [],
                                   "figure_ids": [], "date_values": []}))

TABLES = Dataset("tables", "extraction", (
    ROW_ID, DOC_ID,
    Column("table_id", ID),
    Column("row", INTEGER),
    Column("col", INTEGER),
    Column("header", TEXT, edit=required_text),
    Column("text", TEXT, edit=required_text),
    Column("value", NUMBER, edit=number_or_none),
    REVIEWED,
    Column("unit", TEXT, contract=False),  # the column's unit where the table gives one
    Column("row_iso3", TEXT, contract=False),  # ISO3 of a country row label
    Column("page", INTEGER, contract=False),
    Column("quality", NUMBER, contract=False),  # how cleanly the cells were split (null: not measured)
    Column("doubtful", BOOLEAN, contract=False),  # the split into cells is in doubt: a reviewer should look
    CONFIDENCE,
), sort_keys=("doc_id", "table_id", "row", "col"), id_parts=("table_number", "row", "col"),
    renamed=MappingProxyType({"column": "header"}))

# One row per detected table: what the review page and tables/<doc_id>-<n>.csv need besides the cells. Stored,
# not exported as a dataset.
TABLE_INFO = Dataset("table_info", "extraction", beside_contract(
    ROW_ID, DOC_ID,
    Column("table_id", ID),
    Column("caption", TEXT),
    Column("columns", LIST),
    Column("units", TEXT),
    Column("flags", LIST),
    Column("quality", NUMBER),
    Column("doubtful", BOOLEAN),
    Column("page", INTEGER),
    Column("start", INTEGER),
    Column("end", INTEGER),
    Column("n_rows", INTEGER),
), id_parts=("table_number",))

# Built across documents by flows/facts.py.
FACTS = Dataset("facts", "corpus", (
    Column("fact_id", ID),
    Column("actor_id", ID),
    Column("item", TEXT),
    Column("counterpart_actor_id", ID),
    Column("period", DATE),
    Column("value", NUMBER),
    Column("unit", TEXT),
    Column("doc_ids", LIST),
    Column("claim_ids", LIST),
    Column("speakers", LIST),
    Column("hedged", BOOLEAN),
    Column("conflict", BOOLEAN),
    Column("n_sources", INTEGER),
    *beside_contract(
        Column("qualifier", TEXT),  # the qualifier most of its statements give ('about', 'over')
        Column("conflicts_with", LIST),  # fact_ids of the facts it conflicts with
        Column("evidence_ids", LIST),  # the figures and table cells that state it
        Column("texts", LIST),  # their texts
    ),
))  # flows/facts.py orders them: conflicts first

CORPUS_ACTORS = Dataset("corpus_actors", "corpus", beside_contract(
    Column("actor_id", ID),
    Column("name", TEXT),
    Column("kind", TEXT),
    Column("iso3", TEXT),
    Column("role", TEXT),
    Column("aliases", LIST),
    Column("actor_ids", LIST),
    Column("doc_ids", LIST),
    Column("n_docs", INTEGER),
    Column("mentions", INTEGER),
))  # most widely mentioned first

ALL = (DOCUMENTS, ACTORS, MENTIONS, DATES, FIGURES, CLAIMS, TABLES, TABLE_INFO, FACTS, CORPUS_ACTORS)
SCHEMA: dict[str, Dataset] = {d.name: d for d in ALL}

# The per-document datasets the export writes, in the contract's order.
DATASETS = ("documents", "actors", "mentions", "dates", "figures", "claims", "tables")
CORPUS_DATASETS = tuple(d.name for d in ALL if d.level == "corpus")
EXTRACTION_DATASETS = tuple(d.name for d in ALL if d.level == "extraction")
# What a reviewer sees and judges: every extraction dataset but the tables' descriptions.
REVIEW_DATASETS = tuple(name for name in EXTRACTION_DATASETS if name != "table_info")
SPAN_DATASETS = tuple(d.name for d in ALL if d.span)
EXPORTED = (*DATASETS, *CORPUS_DATASETS)


def current_fields(dataset: str, data: dict) -> dict:
    """`data` (a stored row or a review's changed fields) with old column names replaced by the contract's, so that
    rows and edits stored before a rename read as the contract now names them."""
    renames = SCHEMA[dataset].renamed if dataset in SCHEMA else {}
    current: dict = {}
    for key, value in data.items():
        new = renames.get(key)
        if new is None:
            current[key] = value
        elif new not in data:  # where both are present, the new name wins
            current[new] = value
    return current


def stamp_id(dataset: str, doc_id: str, record: object) -> str:
    """Give a record its extraction id (the one place ids of extracted rows are made) and return it."""
    values = {name: getattr(record, name) for name in SCHEMA[dataset].id_parts}
    record.id = SCHEMA[dataset].make_id(doc_id, values)  # type: ignore[attr-defined]
    return record.id  # type: ignore[attr-defined]


def record_row(dataset: str, doc_id: str, record: object, **values: object) -> dict:
    """A record (extractors/records.py, extractors/document.py) as a row of `dataset`: every column the record
    fills, by the column's source; `values` fill or override columns the record does not hold as they are. The
    store adds `reviewed`; flows/confidence.py adds `confidence` where the record has none."""
    row: dict = {}
    for column in SCHEMA[dataset].columns:
        if column.source == FROM_STORE:
            continue
        if column.source == FROM_DOC:
            row[column.name] = doc_id
        elif column.source == FROM_ID:
            row[column.name] = record.id  # type: ignore[attr-defined]
        elif column.source == COUNT_OF:
            row[column.name] = len(getattr(record, column.attribute or column.name))
        elif hasattr(record, column.attribute or column.name):
            value = getattr(record, column.attribute or column.name)
            row[column.name] = list(value) if column.type == LIST else value
    row.update(values)
    if "id" in SCHEMA[dataset].names and not row.get("id"):
        row["id"] = SCHEMA[dataset].make_id(doc_id, row)
    return row
