"""Readers: a file on disk to one Document with normalised text (first version: txt and md)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from extractors.document import Document, content_id

TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
SUPPORTED_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf"}
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_FIELDS = ("title", "authors", "publisher", "published", "url")


class ReadError(Exception):
    """A file that cannot become a Document; the message is the one-line reason users see."""


def sidecar_path(path: Path) -> Path:
    """`article.txt.meta.json`, or `article.meta.json` beside it."""
    full = path.with_name(path.name + SIDECAR_SUFFIX)
    return full if full.exists() else path.with_name(path.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def apply_sidecar(document: Document, path: Path) -> None:
    """What a sidecar gives wins over what was extracted."""
    side = sidecar_path(path)
    if not side.exists():
        return
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReadError(f"unreadable sidecar {side.name}: {exc}") from exc
    for key in SIDECAR_FIELDS:
        if meta.get(key):
            value = meta[key]
            if key == "authors" and isinstance(value, str):
                value = [value]
            setattr(document, key, value)


def read_document(path: Path) -> Document:
    """Never raises for bad input: a failed read is a Document with `error` set."""
    path = Path(path)
    fmt = TEXT_FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Document(doc_id=content_id(str(path).encode()), source=str(path), format=fmt,
                        error=f"cannot read file: {exc.strerror or exc}")
    document = Document(doc_id=content_id(data), source=str(path), format=fmt)
    try:
        if path.suffix.lower() not in TEXT_FORMATS:
            raise ReadError(f"unsupported file type {path.suffix or '(none)'}")
        document.text = normalise_text(decode_text(data))
        if not document.text:
            raise ReadError("empty document: no text")
        apply_sidecar(document, path)
    except ReadError as exc:
        document.error = str(exc)
        document.text = ""
    return document


def discover_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read (folders walked recursively, hidden files and sidecars ignored) and the skipped, with why.

    A file named explicitly is always returned: an unsupported one becomes a failed document, not a silent skip.
    """
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root in map(Path, paths):
        if not root.exists():
            skipped.append((root, "no such file or folder"))
            continue
        if root.is_file():
            files.append(root)
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root)
            if any(part.startswith(".") for part in rel.parts):
                continue
            if not path.is_file():
                continue
            if is_sidecar(path):
                continue
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append((path, f"unsupported file type {path.suffix or '(none)'}"))
                continue
            files.append(path)
    return files, skipped
