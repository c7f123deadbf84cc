"""`python -m review --database-url URL --out DIR --port N`: the review page, as `dossier review` starts it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from review.app import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m review", description="serve the review page on 127.0.0.1")
    parser.add_argument("--database-url", required=True, help="the store (as `dossier` resolves it)")
    parser.add_argument("--out", type=Path, required=True, help="output folder the exports are rewritten in")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    return serve(args.database_url, args.out, args.port)


if __name__ == "__main__":
    sys.exit(main())
