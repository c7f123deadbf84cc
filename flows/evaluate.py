"""In-process extraction of files straight to datasets, without Prefect or the store: for the evaluation gate."""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from extractors.nlp import load_nlp, parse_texts
from extractors.pipeline import extract_document, pipeline_version
from extractors.readers import read_document
from flows.export import write_datasets
from flows.rows import document_row, extraction_rows

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def extract_to_datasets(paths: list[Path], out: Path) -> dict[str, int]:
    nlp = load_nlp()
    version = pipeline_version(nlp)
    documents = [read_document(p) for p in paths]
    datasets: dict[str, list[dict]] = {"documents": []}
    now = datetime.now(UTC)
    ok = [d for d in documents if d.ok]
    for document, doc in zip(ok, parse_texts(nlp, (d.text for d in ok)), strict=True):
        for name, rows in extraction_rows(document.doc_id, extract_document(document, doc)).items():
            datasets.setdefault(name, []).extend({**r, "reviewed": False} for r in rows)
    datasets["documents"] = [document_row(d, version, now) for d in documents]
    return write_datasets(out, datasets)


def main() -> int:
    parser = argparse.ArgumentParser(description="extract files to datasets and score them against gold")
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("outputs/eval"))
    parser.add_argument("--gold", type=Path, default=SHARED / "gold")
    args = parser.parse_args()
    files = [f for p in args.paths for f in (sorted(p.glob("*")) if p.is_dir() else [p])]
    files = [f for f in files if not f.name.endswith(".json")]
    extract_to_datasets(files, args.out)
    return subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(args.gold),
                            "--out", str(args.out)])


if __name__ == "__main__":
    sys.exit(main())
