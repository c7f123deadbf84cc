"""Extract files to datasets through the production path (read, parse, extract, store, export) without Prefect:
for the evaluation gate and `python -m flows.evaluate`. Scoring what production runs is the point: the same error
handling, the same store and the same export."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from flows.pipeline_run import current_pipeline_version, export_store, ingest_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def extract_to_datasets(paths: list[Path], out: Path) -> dict[str, int]:
    """Ingest `paths` into a fresh SQLite store in `out` and export its datasets there."""
    out.mkdir(parents=True, exist_ok=True)
    store = out / "evaluate.db"
    store.unlink(missing_ok=True)
    database_url = f"sqlite:///{store}"
    ingest_paths(database_url, [str(p) for p in paths], current_pipeline_version(), force=True)
    return export_store(database_url, out)


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
