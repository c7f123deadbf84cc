"""Run every extractor on one parsed document: Document + spaCy Doc in, Extraction out."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from extractors.common import one_line
from extractors.document import Document
from extractors.nlp import load_nlp, model_version
from extractors.records import Extraction
from extractors.registry import STEPS, StepResult, drop_key, step_order
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


def extract_document(document: Document, doc: Doc, timer: StageTimer = no_timer, nlp: Language | None = None
                     ) -> Extraction:
    """All extractions of one document: every step of extractors/registry.py, each after the steps it needs.

    `nlp` is the model that parsed `doc` (default: the process-wide one, which parses every document of a run).
    `timer(stage)` wraps each step; the benchmark passes one to see where the time goes. A step that raises leaves
    its result empty and its error in `Extraction.errors`; later steps get its empty result. Each step's records get
    their ids as soon as it returns (claims read the ids of figures), and its drops are counted by reason.
    """
    stages = StageRunner(timer)
    results: dict[str, object] = {"document": document, "doc": doc, "nlp": nlp if nlp is not None else load_nlp()}
    drops: Counter[str] = Counter()
    for step in step_order(STEPS):
        inputs = [results[need] for need in step.needs]
        if step.empty is None:  # a step every other one needs: its failure is the document's
            with timer(step.name):
                output = step.run(*inputs)
        else:
            output = stages.run(step.name, step.run, *inputs, fallback=step.empty())
        if isinstance(output, StepResult):
            drops.update({drop_key(step.name, reason): n for reason, n in output.drops.items()})
            output = output.records
        if step.ids is not None:
            for record in step.records_for_ids(output):
                stamp_id(step.ids, document.doc_id, record)
        results[step.name] = output
    datasets = {name: results[name] for name in ("actors", "dates", "figures", "claims", "tables")}
    return Extraction(**datasets, errors=stages.errors, drops=drops)  # type: ignore[arg-type]
