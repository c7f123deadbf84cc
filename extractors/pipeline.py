"""Run every extractor on one parsed document: Document + spaCy Doc in, Extraction out."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from extractors.actors import extract_actors
from extractors.claims import extract_claims
from extractors.common import one_line
from extractors.dates import extract_dates
from extractors.document import Document
from extractors.figures import extract_figures
from extractors.nlp import model_version
from extractors.records import ArticleContext, Extraction
from extractors.tables import extract_tables
from schema import stamp_id

PACKAGE_DIR = Path(__file__).resolve().parent


def versioned_files(package_dir: Path) -> list[Path]:
    """Every file under extractors/ that can change what it extracts: code and data files of any extension.
    Byte-code caches and hidden files (editor swap files) are left out."""
    files = []
    for path in sorted(package_dir.rglob("*")):
        parts = path.relative_to(package_dir).parts
        if path.is_file() and path.suffix != ".pyc" and not any(p == "__pycache__" or p.startswith(".") for p in parts):
            files.append(path)
    return files


def pipeline_version(nlp: Language) -> str:
    """Changes when any extractor's code, any data file under extractors/, or the spaCy model changes."""
    digest = hashlib.sha256()
    for path in versioned_files(PACKAGE_DIR):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(model_version(nlp).encode())
    return digest.hexdigest()[:12]


T = TypeVar("T")

StageTimer = Callable[[str], AbstractContextManager[object]]


def no_timer(_stage: str) -> AbstractContextManager[object]:
    return nullcontext()


def one_line_error(stage: str, exc: BaseException) -> str:
    """`stage: ExceptionType: message` on one line, short enough for a documents row."""
    return f"{stage}: {one_line(exc)}"


class StageRunner:
    """Runs extractor stages so that one stage's exception costs only that stage's records.

    A stage that raises yields `fallback` (its empty result); the error is kept, one line naming the stage, so the
    document is stored as `partial` rather than lost.
    """

    def __init__(self, timer: StageTimer) -> None:
        self.timer = timer
        self.errors: list[str] = []

    def run(self, stage: str, extractor: Callable[..., T], *args: object, fallback: T) -> T:
        with self.timer(stage):
            try:
                return extractor(*args)
            except Exception as exc:  # isolation is the point: the other datasets of the document survive
                self.errors.append(one_line_error(stage, exc))
                return fallback


def extract_document(document: Document, doc: Doc, timer: StageTimer = no_timer) -> Extraction:
    """All extractions of one document. Tables go first: their spans are closed to the other extractors.

    `timer(stage)` wraps each extractor; the benchmark passes one to see where the time goes. An extractor that
    raises leaves its dataset empty and its error in `Extraction.errors`; later stages get its empty result.
    """
    stages = StageRunner(timer)
    tables = stages.run("tables", extract_tables, document, fallback=[])
    blocked = tuple((t.start, t.end) for t in tables if t.start is not None and t.end is not None)
    ctx = ArticleContext(
        doc_id=document.doc_id,
        published=document.published,
        authors=tuple(document.authors),
        blocked_spans=blocked,
    )
    actors = stages.run("actors", extract_actors, doc, ctx, fallback=[])
    for actor in actors:
        for mention in actor.mentions:
            stamp_id("mentions", ctx.doc_id, mention)
    dates = stages.run("dates", extract_dates, doc, ctx, fallback=[])
    for date in dates:
        stamp_id("dates", ctx.doc_id, date)
    figures = stages.run("figures", extract_figures, doc, ctx, actors, dates, fallback=[])
    for figure in figures:
        stamp_id("figures", ctx.doc_id, figure)
    claims = stages.run("claims", extract_claims, doc, ctx, actors, dates, figures, fallback=[])
    for claim in claims:
        stamp_id("claims", ctx.doc_id, claim)
    by_id = {figure.id: figure for figure in figures}
    for claim in claims:  # a figure sits in the first claim that holds it; ids exist only now
        for figure_id in claim.figure_ids:
            if figure_id in by_id and by_id[figure_id].claim_id is None:
                by_id[figure_id].claim_id = claim.id
    return Extraction(actors=actors, dates=dates, figures=figures, claims=claims, tables=tables,
                      errors=stages.errors)
