"""Check that a refactor of the actors (or dates) layer changes no output.

`parse` reads every document of the comparison set once (corpus/, the dev splits of ../shared/dev, ../shared/seeds,
tests/devset*/, tests/data/), runs the table stage for the blocked spans exactly as extractors/pipeline.py does, and
keeps the parsed Docs in a cache folder. `dump NAME` runs extract_actors (and extract_dates) on the cached Docs and
writes one JSON file; `diff A B` compares two dumps document by document. Parsing once keeps each comparison fast.

    .venv/bin/python tests/actors_tools/compare_outputs.py parse /tmp/actors_cache
    .venv/bin/python tests/actors_tools/compare_outputs.py dump /tmp/actors_cache /tmp/before.json
    .venv/bin/python tests/actors_tools/compare_outputs.py diff /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import json
import os
import pickle
import sys
from dataclasses import asdict
from pathlib import Path

from spacy.tokens import DocBin

REPO = Path(os.environ.get("COMPARE_REPO") or Path(__file__).resolve().parents[2])
SHARED = REPO.parent / "shared"
SOURCES = [REPO / "corpus", SHARED / "seeds", *(SHARED / "dev" / name / "docs" for name in ("dates", "attribution",
                                                                                            "tables")),
           *sorted(REPO.glob("tests/devset*")), REPO / "tests" / "data"]


def parse(cache: Path) -> None:
    from extractors.nlp import load_nlp, parse_texts
    from extractors.readers import discover_files, read_document
    from extractors.records import ArticleContext
    from extractors.tables import extract_tables

    files, _skipped = discover_files([s for s in SOURCES if s.is_dir()])
    documents = [(path, read_document(path)) for path in files]
    documents = [(path, d) for path, d in documents if not d.error and d.text]
    contexts = []
    for path, document in documents:
        tables = extract_tables(document)
        blocked = tuple((t.start, t.end) for t in tables if t.start is not None and t.end is not None)
        contexts.append((str(path.relative_to(REPO.parent)), ArticleContext(
            doc_id=document.doc_id, published=document.published, authors=tuple(document.authors),
            blocked_spans=blocked)))
    nlp = load_nlp()
    bin_ = DocBin(store_user_data=True)
    for doc in parse_texts(nlp, (d.text for _, d in documents)):
        bin_.add(doc)
    cache.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(cache / "docs.spacy")
    (cache / "contexts.pkl").write_bytes(pickle.dumps(contexts))
    print(f"{len(contexts)} documents parsed")


def dump(cache: Path, out: Path, layers: str = "actors,dates") -> None:
    from extractors.actors import extract_actors
    from extractors.dates import extract_dates
    from extractors.nlp import load_nlp

    nlp = load_nlp()
    contexts = pickle.loads((cache / "contexts.pkl").read_bytes())
    docs = list(DocBin().from_disk(cache / "docs.spacy").get_docs(nlp.vocab))
    result = {}
    for (name, ctx), doc in zip(contexts, docs, strict=True):
        row = {}
        if "actors" in layers:
            row["actors"] = [asdict(a) for a in extract_actors(doc, ctx)]
        if "dates" in layers:
            row["dates"] = [asdict(d) for d in extract_dates(doc, ctx)]
        result[name] = row
    out.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
    print(f"{len(result)} documents dumped to {out}")


def diff(a: Path, b: Path) -> int:
    before, after = json.loads(a.read_text()), json.loads(b.read_text())
    differing = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differing[:20]:
        print("DIFFERS:", name)
    print(f"{len(before.keys() | after.keys())} documents compared, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "parse":
        parse(Path(args[0]))
    elif command == "dump":
        dump(Path(args[0]), Path(args[1]), *args[2:])
    else:
        sys.exit(diff(Path(args[0]), Path(args[1])))
