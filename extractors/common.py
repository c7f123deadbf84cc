"""Small helpers every extractor uses: the data folder and its JSON files, regex alternations of word lists,
span overlap, and an exception as one line of text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_data(name: str) -> dict:
    """A JSON file of extractors/data, parsed once per process. Callers must not change what it returns."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def alternation(words: Iterable[str], any_space: bool = False, lower: bool = False) -> str:
    """A regex alternation of literal words, longest first so that "per cent" is tried before "per" and "sept"
    before "sep". `any_space`: a space in a word matches any run of whitespace; `lower`: words lower-cased."""
    escaped = (re.escape(w.lower() if lower else w) for w in words)
    if any_space:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(sorted(escaped, key=len, reverse=True))


def spans_overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether the half-open spans start..end and other_start..other_end share a character."""
    return start < other_end and other_start < end


def one_line(exc: BaseException, limit: int = 300) -> str:
    """`Type: first line of the message`, at most `limit` characters (just `Type` when there is no message): how an
    error reads in a documents row or a log line."""
    text = str(exc).strip()
    name = type(exc).__name__
    return f"{name}: {text.splitlines()[0]}"[:limit] if text else name
