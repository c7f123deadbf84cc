"""Table benchmark: dossier's PDF tables against pdfplumber and (when installed) camelot, per PDF, in one run.

    python -m flows.table_bench ../shared/dev/tables [--tools dossier,pdfplumber,camelot-stream,camelot-lattice]

Each tool's cells are scored with the shared scorer's `score_tables` against `<set>/gold/<name>.json`, so the
per-PDF and overall F1/P/R are the ones `score.py` reports. Speed: the time to find the tables of every page,
dossier's finder against pdfplumber's `extract_tables` on the same pages (each on a freshly opened PDF so that
neither profits from the other's parsed characters), reported per page. camelot is optional: it is measured
when it imports (for instance with PYTHONPATH pointing at a folder it was installed into).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pdfplumber

from extractors.pdf_tables import stream_tables, tables_from_pdf_page
from extractors.readers import read_document
from extractors.tables import extract_tables
from flows.rows import table_number_value, table_rows

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOOLS = ("dossier", "pdfplumber", "camelot-stream", "camelot-lattice")


def load_scorer():  # type: ignore[no-untyped-def]  # the shared scorer is a script, not a package
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def grid_cells(grids: list[list[list[str | None]]]) -> pd.DataFrame:
    """Rows of cell grids as the contract's long form (table_id, row, col, text, value)."""
    cells = []
    for n, grid in enumerate(grids):
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                text = " ".join(str(text or "").split())
                cells.append({"table_id": f"t{n}", "row": r, "col": c, "text": text,
                              "value": table_number_value(text)})
    return pd.DataFrame(cells)


def dossier_cells(path: Path) -> pd.DataFrame:
    document = read_document(path)
    cells = []
    for n, table in enumerate(extract_tables(document)):
        cells += table_rows("d", n, table)[1]
    return pd.DataFrame(cells)


def pdfplumber_cells(path: Path) -> pd.DataFrame:
    with pdfplumber.open(path) as pdf:
        return grid_cells([t for page in pdf.pages for t in page.extract_tables()])


def camelot_cells(flavor: str) -> Callable[[Path], pd.DataFrame]:
    def run(path: Path) -> pd.DataFrame:
        import camelot  # noqa: PLC0415 - optional, measured only where installed

        found = camelot.read_pdf(str(path), pages="all", flavor=flavor, suppress_stdout=True)
        return grid_cells([t.df.values.tolist() for t in found])
    return run


def time_dossier(path: Path) -> tuple[float, int]:
    """Seconds dossier's finder takes for every page of `path` (camelot's stream pass included), and pages."""
    started = time.perf_counter()
    stream = stream_tables(path)
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            tables_from_pdf_page(page, None if stream is None else stream.get(page.page_number, []))
        return time.perf_counter() - started, len(pdf.pages)


def time_pdfplumber(path: Path) -> float:
    started = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description="score PDF table extraction per PDF for several tools")
    parser.add_argument("folder", type=Path, help="a dev set with docs/ and gold/")
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--json", type=Path, help="write the per-PDF results here")
    args = parser.parse_args()
    scorer = load_scorer()
    tools = [t for t in args.tools.split(",") if t]
    if importlib.util.find_spec("camelot") is None:
        tools = [t for t in tools if not t.startswith("camelot")]
    runners = {"dossier": dossier_cells, "pdfplumber": pdfplumber_cells,
               **{f"camelot-{flavor}": camelot_cells(flavor) for flavor in ("stream", "lattice", "network", "hybrid")}}
    totals = {t: scorer.Tally() for t in tools}
    seconds = {t: 0.0 for t in tools}
    results: dict[str, dict] = {}
    speed = {"dossier": 0.0, "pdfplumber": 0.0, "pages": 0}
    for gold_path in sorted((args.folder / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text())
        pdf = args.folder / "docs" / gold["source"]
        results[pdf.name] = {}
        for tool in tools:
            tally, misses = scorer.Tally(), []
            started = time.perf_counter()
            try:
                cells = runners[tool](pdf)
            except Exception as exc:  # noqa: BLE001 - a tool failing on one PDF scores it as all missed
                cells = pd.DataFrame()
                print(f"{pdf.name}: {tool} failed: {exc!r}"[:200], file=sys.stderr)
            seconds[tool] += time.perf_counter() - started
            scorer.score_tables(gold.get("tables", []), cells, tally, misses)
            totals[tool].add(tally.tp, tally.fp, tally.fn)
            results[pdf.name][tool] = tally.scores()
        ours, pages = time_dossier(pdf)
        theirs = time_pdfplumber(pdf)
        speed["dossier"] += ours
        speed["pdfplumber"] += theirs
        speed["pages"] += pages
    width = max(len(n) for n in results) + 2
    print("per PDF: F1 (P/R)")
    print("pdf".ljust(width) + "".join(t.ljust(22) for t in tools))
    for name, by_tool in results.items():
        print(name.ljust(width) + "".join(
            f"{s['f1']:.2f} ({s['p']:.2f}/{s['r']:.2f})".ljust(22) for s in by_tool.values()))
    print("overall".ljust(width) + "".join(
        f"{totals[t].scores()['f1']:.3f} ({totals[t].scores()['p']:.2f}/{totals[t].scores()['r']:.2f})".ljust(22)
        for t in tools))
    print("whole run, s".ljust(width) + "".join(f"{seconds[t]:.1f}".ljust(22) for t in tools))
    pages = max(1, speed["pages"])
    print(f"table finding per page over {speed['pages']} pages: dossier {1000 * speed['dossier'] / pages:.0f} ms, "
          f"pdfplumber extract_tables {1000 * speed['pdfplumber'] / pages:.0f} ms "
          f"(ratio {speed['dossier'] / max(speed['pdfplumber'], 1e-9):.2f})")
    if args.json:
        args.json.write_text(json.dumps({"per_pdf": results, "overall": {t: totals[t].scores() for t in tools},
                                         "speed": speed}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
