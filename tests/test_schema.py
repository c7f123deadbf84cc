"""schema/ against ../shared/CONTRACT.md: the contract's tables and column lists, parsed, name what schema declares."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from extractors.document import Document
from extractors.records import Actor, Claim, DateMention, Figure, Mention
from schema import (
    BOOLEAN,
    COUNT_OF,
    EXPORTED,
    FROM_RECORD,
    LIST,
    NUMBER,
    SCHEMA,
    current_fields,
    record_row,
)

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "CONTRACT.md"
TYPE_WORDS = {"list": LIST, "lists": LIST, "bool": BOOLEAN, "float": NUMBER}
RECORDS = {"actors": Actor, "mentions": Mention, "dates": DateMention, "figures": Figure, "claims": Claim,
           "documents": Document}


def top_level_names(text: str) -> list[tuple[str, str]]:
    """(name, what its parenthesis starts with) of every `name` outside parentheses: column names, not values."""
    out, depth = [], 0
    for match in re.finditer(r"`([^`]+)`|[()]", text):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and re.fullmatch(r"[a-z_0-9]+", match.group(1)):
            after = re.match(r"\s*\(([^,:;)]*)", text[match.end():])
            out.append((match.group(1), after.group(1).strip() if after else ""))
    return out


def first_sentence(text: str) -> str:
    """Up to the first full stop outside parentheses: a dataset's column list, not the prose after it."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "." and depth == 0 and (i + 1 == len(text) or text[i + 1] == " "):
            return text[:i]
    return text


def parse_contract(text: str) -> tuple[set[str], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(files the contract lists, columns per dataset with their type word, renames per dataset old -> new)."""
    files = set(re.findall(r"^\| `(\w+)\.parquet`", text, flags=re.M))
    columns: dict[str, dict[str, str]] = {}
    renames: dict[str, dict[str, str]] = {}
    section = text.split("## Columns", 1)[1].split("## Review API", 1)[0]
    paragraphs = [" ".join(p.split()) for p in section.split("\n\n")]
    for paragraph in paragraphs:
        head = re.match(r"\*\*(\w+)\*\*", paragraph)
        if head:
            name = head.group(1)
            columns.setdefault(name, {})
            for column, what in top_level_names(first_sentence(paragraph)):
                columns[name][column] = what.split(" ")[0].rstrip(":")
            for new, old in re.findall(r"`(\w+)` \([^()]*?named `(\w+)` before", paragraph):
                renames.setdefault(name, {})[old] = new
    extraction = ("mentions", "dates", "figures", "claims", "tables")
    for paragraph in paragraphs:
        also = re.match(r"Every row of ([a-z, ]+) also has", paragraph)
        if also:
            for name in re.split(r", | and ", also.group(1)):
                named = top_level_names(first_sentence(paragraph))
                columns[name].update({c: w.split(" ")[0].rstrip(":") for c, w in named})
        carry = re.match(r"(\w+) also carry", paragraph)
        if carry:
            columns[carry.group(1).lower()].update({c: "" for c, _ in top_level_names(first_sentence(paragraph))})
        if "Every extraction dataset carries a `confidence`" in paragraph:
            for name in (*extraction, "actors"):
                columns[name]["confidence"] = ""
    return files, columns, renames


@pytest.fixture(scope="module")
def contract() -> tuple[set[str], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    if not CONTRACT.is_file():
        pytest.fail(f"{CONTRACT} must sit beside the repository")
    return parse_contract(CONTRACT.read_text(encoding="utf-8"))


def test_schema_exports_every_file_the_contract_lists(contract) -> None:  # type: ignore[no-untyped-def]
    files, _columns, _renames = contract
    assert files == {"documents", "actors", "mentions", "dates", "figures", "claims", "tables", "facts"}
    assert files <= set(EXPORTED)


def test_schema_contract_columns_are_the_contracts(contract) -> None:  # type: ignore[no-untyped-def]
    _files, columns, _renames = contract
    assert set(columns) == {"documents", "actors", "mentions", "dates", "figures", "claims", "tables", "facts"}
    for name, named in columns.items():
        assert set(SCHEMA[name].contract_names) == set(named), name
    for name in set(SCHEMA) - set(columns):
        assert SCHEMA[name].contract_names == [], f"{name} is not in the contract"


def test_schema_types_agree_with_the_contract(contract) -> None:  # type: ignore[no-untyped-def]
    _files, columns, _renames = contract
    typed = [(name, column, TYPE_WORDS[word]) for name, named in columns.items() for column, word in named.items()
             if word in TYPE_WORDS]
    assert len(typed) >= 8  # authors, members, actor_ids, reviewed, relative, hedged, value (figures, tables)...
    for name, column, kind in typed:
        assert SCHEMA[name].column(column).type == kind, (name, column)


def test_schema_renames_are_the_contracts_and_old_names_read_as_new(contract) -> None:  # type: ignore[no-untyped-def]
    _files, _columns, renames = contract
    assert renames == {"claims": {"source": "speaker"}, "tables": {"column": "header"}}
    for name, renamed in renames.items():
        assert dict(SCHEMA[name].renamed) == renamed
        for old, new in renamed.items():
            assert old not in SCHEMA[name].names and new in SCHEMA[name].names
            assert current_fields(name, {old: "x"}) == {new: "x"}
            assert current_fields(name, {old: "x", new: "y"}) == {new: "y"}


def test_schema_every_record_column_is_a_field_of_its_record() -> None:
    for name, record in RECORDS.items():
        attributes = {f.name for f in fields(record)} | {n for n in dir(record) if not n.startswith("_")}
        for column in SCHEMA[name].columns:
            if column.source in (FROM_RECORD, COUNT_OF) and column.name not in ("confidence", "id", "status",
                                                                                 "pipeline_version", "extracted_at",
                                                                                 "drops"):
                assert (column.attribute or column.name) in attributes, (name, column.name)


def test_schema_ids_are_stable_and_reviewed_additions_never_collide() -> None:
    figure = Figure(text="12 tanks", start=40, end=48, value=12.0, unit="count")
    row = record_row("figures", "doc1", figure)
    assert row["id"] == SCHEMA["figures"].make_id("doc1", {"start": 40, "end": 48})
    assert row["id"] == record_row("figures", "doc1", Figure(text="12 tanks", start=40, end=48, value=9.0,
                                                             unit="count"))["id"]
    assert row["id"] != SCHEMA["figures"].make_id("doc1", {"start": 40, "end": 48}, added=True)
    assert row["id"].startswith("fig-") and row["unit"] == "count" and "reviewed" not in row
    actor = Actor(actor_id="country:NOR", name="Norway", kind="country", iso3="NOR",
                  mentions=[Mention("country:NOR", "Norway", 0, 6), Mention("country:NOR", "Oslo", 20, 24)])
    assert record_row("actors", "doc1", actor)["mentions"] == 2
