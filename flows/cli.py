"""The `dossier` command line."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flows  # noqa: F401 - configures Prefect (telemetry off, quiet logging) before anything imports it
from flows.cluster import add_cluster_options
from flows.prefect_server import ServerStartError
from flows.settings import Settings, load_settings

DESCRIPTION = """\
dossier turns policy commentary (txt, md, HTML, PDF) into datasets: actors, mentions, dates, figures, claims and
tables, stored in <out>/dossier.db and exported as Parquet and CSV to <out> (default outputs/).

examples:
  dossier ingest corpus/ more/report.pdf --out outputs/    read, extract, store and export
  dossier list --status failed                              what is stored, filtered
  dossier show corpus/brief.txt                             one document with its extractions marked
  dossier sql "SELECT kind, count(*) FROM actors GROUP BY kind"
  dossier export --out outputs/                             rewrite the datasets from the store
  dossier review --port 8000                                check and correct extractions in a browser
  dossier serve --watch inbox/                              ingest new files on a schedule, under Prefect

Run `dossier COMMAND --help` for a command's options and examples."""

EXAMPLES = {
    "ingest": """\
examples:
  dossier ingest corpus/                       every txt, md, html and pdf under corpus/, into outputs/
  dossier ingest a.pdf b.html --out /tmp/run   two files into another folder
  dossier ingest corpus/ --force               re-extract files that are unchanged too
  dossier ingest corpus/ --strict              exit 1 when any file failed (for scripts)
  dossier ingest corpus/ --workers 2           batches on a local Dask cluster of two processes

A terminal shows a progress bar (documents per second, time left) and a table of results; otherwise each document
gets a line and the run one summary line.""",
    "list": """\
examples:
  dossier list                          every stored document
  dossier list --status failed          the ones that could not be read, with why
  dossier list --format pdf --text nato PDFs whose title, path, authors or publisher mention NATO
  dossier list --out /tmp/run           another output folder""",
    "show": """\
examples:
  dossier show corpus/brief.txt         by the path it was ingested from
  dossier show brief                    by file stem (or file name)
  dossier show 3f9a                     by the start of its doc_id (see `dossier list`)""",
    "sql": """\
Views: documents, actors, mentions, dates, figures, claims, tables (near-duplicate documents' rows left out;
<name>_all keeps them).

examples:
  dossier sql "SELECT kind, count(*) AS n FROM actors GROUP BY kind ORDER BY n DESC"
  dossier sql "SELECT speaker, hedged, text FROM claims" --csv > claims.csv
  dossier sql "SELECT 1" --save outputs/dossier.duckdb     a DuckDB file with the views, for a BI tool""",
    "export": """\
Rewrites every dataset (Parquet, CSV, tables/) from the store, reviewers' verdicts applied, without extracting
again. The store is read a slice of documents at a time, so memory does not grow with the corpus. Parquet is one
file per dataset, or with --partitioned a folder of part files per dataset that pandas, pyarrow and DuckDB read as
one table; by default parts are written once the store holds more rows than export_partition_rows.

examples:
  dossier export                        the store in outputs/ to outputs/
  dossier export --out /tmp/run --partitioned""",
    "review": """\
examples:
  dossier review                        http://127.0.0.1:8000/ for the store in outputs/
  dossier review --out /tmp/run --port 8100""",
    "reprocess": """\
examples:
  dossier reprocess                     re-extract documents a previous dossier version extracted
  dossier reprocess --all --out /tmp/run""",
    "serve": """\
examples:
  dossier serve --watch inbox/                          every 300 s; Prefect UI on http://127.0.0.1:4200
  dossier serve --watch inbox/ archive/ --every 60 --prefect-port 4300
  dossier serve --watch inbox/ --reprocess-cron "0 4 * * 0"   reprocess stale documents on Sundays at 04:00 UTC""",
    "bench": """\
examples:
  dossier bench                         300 generated articles; PASS or FAIL per target
  dossier bench --docs 50 --json outputs/bench.json
  dossier bench --length --json outputs/bench.json   cost per word, 30 KB against 3 MB
  dossier bench --docs 500 --workers 1 2 --export-docs 500 5000   scaling by workers; export memory by corpus size
  dossier bench --corpus-docs 500 5000 --json outputs/bench.json   dossier ingest's memory by corpus size""",
}


def keep_run_logs_local() -> None:
    """`ingest` and `reprocess` print each document's line themselves and stop their Prefect server when they end:
    sending run logs to it as well only races its shutdown ("Error logging to API"). `serve` keeps them (its UI)."""
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


def fail(message: str, code: int = 2) -> int:
    """One line on stderr, and the exit status."""
    print(f"dossier: {message}", file=sys.stderr)
    return code


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read (folders walked recursively) and what was skipped, with why."""
    from extractors.readers import discover_files

    return discover_files(paths)


def summary_line(result: dict, skipped: list[tuple[Path, str]]) -> str:
    """The whole run in one line: documents by status, rows per dataset, what was left out."""
    documents = result["documents"]
    statuses = Counter(d["status"] for d in documents if not d.get("reason"))
    rows = ", ".join(f"{name} {count}" + (" cells" if name == "tables" else "") for name, count in
                     result["rows"].items())
    duplicates = sum(n for what, n in result.get("dropped", {}).items() if what.startswith("near-duplicate"))
    return (f"dossier: {statuses.get('ok', 0)} ok, {statuses.get('partial', 0)} partial, "
            f"{statuses.get('failed', 0)} failed, {sum(1 for d in documents if d.get('reason'))} skipped as "
            f"unchanged, {len(skipped)} not ingested, {duplicates} near-duplicate; rows: {rows}")


def print_tables(result: dict, skipped: list[tuple[Path, str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    from flows.ingest import summary_rows

    table = Table(title="dossier: this run")
    for column, justify in (("", "left"), ("", "left"), ("count", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in summary_rows(result["documents"], result["rows"], result.get("dropped", {}),
                            [[str(p), r] for p, r in skipped]):
        table.add_row(row["section"], row["what"] + (" (cells)" if row["what"] == "tables" else ""),
                      str(row["count"]))
    Console().print(table)


@contextmanager
def document_progress(total: int, verb: str, settings: Settings) -> Iterator[None]:
    """A progress bar in a terminal (documents per second, time left) with each document's line above it; a plain
    line per document otherwise, and on a Dask cluster (whose workers print the lines themselves)."""
    from flows.cluster import uses_cluster
    from flows.ingest import outcome_line, reporting_to

    if uses_cluster(settings):
        yield
        return
    if not sys.stdout.isatty():
        with reporting_to(lambda outcome: print(f"  {outcome_line(outcome)}", flush=True)):
            yield
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class DocumentsPerSecond(ProgressColumn):
        def render(self, task) -> Text:  # noqa: ANN001 - rich's Task
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        DocumentsPerSecond(), TextColumn("left"), TimeRemainingColumn())
    task = progress.add_task("starting Prefect, loading the spaCy model", total=total)

    def advance(outcome) -> None:  # noqa: ANN001 - a DocumentOutcome
        progress.console.print(f"  {outcome_line(outcome)}", markup=False, highlight=False)
        progress.update(task, advance=1, description=verb)

    with progress, reporting_to(advance):
        yield


class OutputNotWritable(Exception):
    """--out cannot take dossier's files; the message is one line."""


def check_writable(out: Path) -> None:
    """Fail at once, in one line, when `out` cannot be written (read-only, no permission, full), before any
    Prefect server or model is started."""
    import errno
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out, prefix=".dossier-probe-") as probe:
            probe.write(b"probe")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        why = "no space left" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise OutputNotWritable(f"cannot write to {display_path(out)}: {why}") from None


def display_path(path: Path | str) -> str:
    from extractors.readers import display_name

    return display_name(path)


def command_ingest(args: argparse.Namespace, settings: Settings) -> int:
    files, skipped = discover([Path(p) for p in args.paths])
    if not files:
        for path, reason in skipped:
            print(f"not ingested: {display_path(path)}: {reason}", file=sys.stderr)
        return fail(f"no files to ingest in {', '.join(map(display_path, args.paths))}")
    check_writable(Path(settings.out))
    keep_run_logs_local()
    from flows.cluster import on_cluster, uses_cluster, uses_local_cluster, warm_local_workers
    from flows.prefect_server import prefect_api, prefect_home, quiet_prefect_logging

    quiet_prefect_logging()
    not_ingested = [[display_path(p), r] for p, r in skipped]
    print(f"dossier: ingesting {len(files)} file(s) into {display_path(settings.out)}", flush=True)
    for path, reason in not_ingested:
        print(f"  not ingested: {path}: {reason}", flush=True)
    # A Prefect server of our own rather than Prefect's ephemeral one: it dies with this process (kill -9 too).
    with prefect_api(prefect_home()):
        from flows.ingest import batch_file, ingest_flow

        with (batch_file(Path(settings.out), files) as batch, document_progress(len(files), "extracting", settings),
              warm_local_workers(uses_local_cluster(settings))):
            result = on_cluster(ingest_flow, settings)(
                paths=[], batch=batch, out=str(settings.out), database_url=settings.resolved_database_url(),
                batch_size=settings.batch_size, force=args.force, pdf_timeout=settings.pdf_timeout,
                not_ingested=not_ingested, concurrent=uses_cluster(settings), limits=settings.read_limits(),
            )
    if result.get("fatal"):
        return fail(result["fatal"], 1)
    if sys.stdout.isatty():
        print_tables(result, skipped)
    print(summary_line(result, skipped), flush=True)
    failed = sum(1 for d in result["documents"] if d["status"] == "failed")
    return 1 if args.strict and failed else 0


def store_missing(settings: Settings) -> str | None:
    """The one-line complaint when the store is not there, else None. Commands that only read call this first, so
    they never create an empty store."""
    from store.database import store_exists

    url = settings.resolved_database_url()
    if store_exists(url):
        return None
    return f"no store in {settings.out} (no dossier.db): run `dossier ingest PATH --out {settings.out}` first"


def command_show(args: argparse.Namespace, settings: Settings) -> int:
    if problem := store_missing(settings):
        return fail(problem)
    from flows.show import UnknownDocument, render_document

    try:
        text = render_document(settings.resolved_database_url(), args.document)
    except UnknownDocument as exc:
        return fail(str(exc))
    print(text)
    return 0


def command_list(args: argparse.Namespace, settings: Settings) -> int:
    if problem := store_missing(settings):
        return fail(problem)
    from sqlalchemy import select

    from store.database import documents, duplicate_map, open_existing_store

    engine = open_existing_store(settings.resolved_database_url())
    columns = [documents.c[name] for name in ("doc_id", "source", "format", "title", "authors", "publisher",
                                              "published", "n_words", "status", "error")]
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(*columns).order_by(documents.c.source))]
    copies = duplicate_map(engine, remember=False)
    needle = (args.text or "").casefold()

    def wanted(row: dict) -> bool:
        if args.status == "duplicate" and row["doc_id"] not in copies:
            return False
        if args.status in ("ok", "partial", "failed") and row["status"] != args.status:
            return False
        if args.format and (row["format"] or "") != args.format.lower().lstrip("."):
            return False
        haystack = " ".join(str(row[k] or "") for k in ("title", "source", "publisher")) + " " + " ".join(
            row["authors"] or [])
        return needle in haystack.casefold()

    chosen = [r for r in rows if wanted(r)]
    for row in chosen:
        about = row["title"] or ""
        if row["status"] in ("failed", "partial"):
            about = f"{about}  error: {row['error']}".strip()
        elif row["doc_id"] in copies:
            about += f"  (duplicate of {copies[row['doc_id']][:10]})"
        print(f"{row['doc_id'][:10]}  {row['status']:<7}  {row['format'] or '-':<4}  {row['published'] or '-':<10}  "
              f"{row['n_words'] or 0:>6}w  {row['source']}  {about}".rstrip())
    print(f"dossier: {len(chosen)} of {len(rows)} document(s)", file=sys.stderr)
    return 0


def command_sql(args: argparse.Namespace, settings: Settings) -> int:
    from flows.sql import ExportMissing, connect

    out = Path(settings.out)
    try:
        con = connect(out, Path(args.save) if args.save else None)
    except ExportMissing as exc:
        return fail(f"{exc}: run `dossier ingest PATH --out {out}` first")
    import duckdb
    import pandas as pd

    try:
        frame = con.execute(args.query).fetchdf()
    except duckdb.Error as exc:
        return fail(" ".join(str(exc).split()))
    finally:
        con.close()
    if args.csv:
        frame.to_csv(sys.stdout, index=False)
        return 0
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200,
                           "display.max_colwidth", 80):
        print(frame.to_string(index=False) if len(frame) else "(no rows)")
    if args.save:
        print(f"dossier: views saved in {args.save}", file=sys.stderr)
    return 0


def command_export(args: argparse.Namespace, settings: Settings) -> int:
    if problem := store_missing(settings):
        return fail(problem)
    check_writable(Path(settings.out))
    from flows.pipeline_run import store_for
    from flows.store_export import export_engine

    counts, dropped = export_engine(store_for(settings.resolved_database_url()), Path(settings.out),
                                    partitioned=args.partitioned, settings=settings)
    rows = ", ".join(f"{name} {count}" for name, count in counts.items())
    left = ", ".join(f"{what}: {n}" for what, n in dropped.items() if n)
    print(f"dossier: exported to {display_path(settings.out)}; rows: {rows}" + (f"; {left}" if left else ""))
    return 0


def command_bench(args: argparse.Namespace, settings: Settings) -> int:
    from flows.bench import format_report, run_bench, write_json

    repo = Path(__file__).resolve().parents[1]
    folders = [p for p in (repo / "corpus", repo / "tests" / "data") if p.is_dir()]
    if args.length:
        return command_length_bench(folders, args.json)
    if args.corpus_docs:
        return command_corpus_bench(args.corpus_docs, folders, args.json)
    result = run_bench(args.docs, folders, batch_size=settings.batch_size, workers=args.bench_workers,
                       export_docs=args.export_docs)
    print(format_report(result))
    if args.json:
        write_json(result, Path(args.json))
    return 0 if all(check["pass"] for check in result["targets"].values()) else 1


def command_length_bench(folders: list[Path], json_path: str | None) -> int:
    """Seconds per word of a short and a long document; written under `length` in the bench JSON, beside what
    an earlier `dossier bench` wrote there."""
    from flows.length_bench import format_length_report, run_length_bench, write_length_json

    result = run_length_bench(folders)
    print(format_length_report(result))
    if json_path:
        write_length_json(result, Path(json_path))
    return 0 if all(check["pass"] for check in result["targets"].values()) else 1


def command_corpus_bench(sizes: list[int], folders: list[Path], json_path: str | None) -> int:
    """Peak RSS and docs/s of `dossier ingest` by corpus size; written under `corpus` in the bench JSON."""
    from flows.corpus_bench import format_corpus_report, run_corpus_bench, write_corpus_json

    result = run_corpus_bench(sizes, folders)
    print(format_corpus_report(result))
    if json_path:
        write_corpus_json(result, Path(json_path))
    return 0 if all(check["pass"] for check in result.get("targets", {}).values()) else 1


def port_taken(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def command_review(args: argparse.Namespace, settings: Settings) -> int:
    if problem := store_missing(settings):
        return fail(problem)
    if port_taken(args.port):
        return fail(f"port {args.port} on 127.0.0.1 is taken by another program: choose another --port")
    # The review app is its own program (python -m review): it reads the store and the exports that flows/
    # writes, so flows/ does not import it. exec keeps this process: its pid, its signals, its exit status.
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "review", "--database-url", settings.resolved_database_url(),
                              "--out", str(settings.out), "--port", str(args.port)])
    return 0  # not reached: execv replaces this process or raises


def command_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    if problem := store_missing(settings):
        return fail(problem)
    check_writable(Path(settings.out))
    keep_run_logs_local()
    from flows.cluster import on_cluster, uses_cluster, uses_local_cluster, warm_local_workers
    from flows.pipeline_run import current_pipeline_version, stale_documents
    from flows.prefect_server import prefect_api, prefect_home, quiet_prefect_logging

    quiet_prefect_logging()
    which = "every stored document" if args.all else "stored documents with a stale pipeline version"
    print(f"dossier: re-extracting {which} in {display_path(settings.out)}", flush=True)
    todo = len(stale_documents(settings.resolved_database_url(), current_pipeline_version(), args.all))
    with prefect_api(prefect_home()):
        from flows.ingest import reprocess_flow

        with document_progress(todo, "re-extracting", settings), warm_local_workers(uses_local_cluster(settings)):
            result = on_cluster(reprocess_flow, settings)(
                out=str(settings.out), database_url=settings.resolved_database_url(), batch_size=settings.batch_size,
                everything=args.all, concurrent=uses_cluster(settings))
    if result.get("fatal"):
        return fail(result["fatal"], 1)
    statuses = Counter(d["status"] for d in result["documents"])
    up_to_date = result["rows"].get("documents", 0) - len(result["documents"])
    print(f"dossier: {len(result['documents'])} re-extracted with pipeline {result['pipeline_version']} "
          f"({statuses.get('failed', 0)} failed), {up_to_date} already up to date; rows: "
          + ", ".join(f"{name} {count}" + (" cells" if name == "tables" else "")
                      for name, count in result["rows"].items()), flush=True)
    return 0


def command_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from flows.prefect_server import quiet_prefect_logging

    quiet_prefect_logging()
    settings = load_settings(out=args.out, watch=args.watch, every=args.every, reprocess_cron=args.reprocess_cron)
    if not settings.watch:
        return fail("nothing to watch: give --watch DIR (or `watch` in dossier.toml, DOSSIER_WATCH)")
    settings = replace(settings, out=Path(settings.out).resolve())
    check_writable(settings.out)
    from flows.locks import lock_holder, try_lock

    # One serve per output folder: a second would share (and on stopping, pause) the first one's deployments.
    serving = try_lock(settings.out / SERVE_LOCK)
    if serving is None:
        holder = lock_holder(settings.out / SERVE_LOCK)
        return fail(f"another `dossier serve` (PID {holder or '?'}) is serving {display_path(settings.out)}; "
                    "stop it first")
    try:
        return serve_locked(settings, args.prefect_port)
    finally:
        serving.close()


SERVE_LOCK = ".serve.lock"


def serve_locked(settings: Settings, prefect_port: int | None) -> int:
    from flows.prefect_server import PortTaken, ServerStartError, prefect_api, run_supervised
    from flows.settings import settings_json

    def say(line: str) -> None:
        print(f"dossier: {line}", flush=True)

    try:
        with prefect_api(settings.out / ".prefect", port=prefect_port, announce=say) as (api_url, started_here):
            ui = api_url.removesuffix("/api")
            where = f"local Prefect server (data in {settings.out / '.prefect'})" if started_here else "Prefect server"
            say(f"{where}; UI at {ui}")
            say(f"ingesting new or changed files in {', '.join(map(str, settings.watch))} every {settings.every} s; "
                f"reprocessing stale documents on cron '{settings.reprocess_cron}' (UTC); outputs in {settings.out}. "
                "Ctrl-C stops.")
            # The Prefect runner runs in a process of its own: see run_supervised.
            runner = [sys.executable, "-c", "import sys; from flows.serve import main; sys.exit(main(sys.argv[1:]))",
                      settings_json(settings), *(["--own-server"] if started_here else [])]
            try:
                code = run_supervised(runner, announce=say)
            except KeyboardInterrupt:
                code = 0
            if code != 0:
                return fail(f"the Prefect runner exited with status {code}", 1)
    except PortTaken as exc:
        return fail(str(exc))
    except ServerStartError as exc:
        return fail(f"could not start a local Prefect server: {exc}", 1)
    except KeyboardInterrupt:
        pass
    say("stopped")
    return 0


def dossier_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dossier")
    except PackageNotFoundError:  # run from a checkout that is not installed
        import tomllib

        pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(prog="dossier", description=DESCRIPTION, formatter_class=formatter)
    parser.add_argument("--version", action="version", version=f"dossier {dossier_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=summary, epilog=EXAMPLES[name], formatter_class=formatter)

    def out_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--out", metavar="DIR", help="output folder holding the store and datasets (default outputs/)")

    ingest = command("ingest", "read, extract, store and export files or folders (walked recursively)")
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    out_option(ingest)
    ingest.add_argument("--force", action="store_true", help="re-extract even unchanged files")
    ingest.add_argument("--strict", action="store_true", help="exit 1 when any file failed")
    add_cluster_options(ingest)
    ingest.set_defaults(handler=command_ingest)

    listing = command("list", "list the stored documents: doc_id, status, format, published, words, path, title")
    listing.add_argument("--status", choices=("ok", "partial", "failed", "duplicate"),
                         help="only documents with this status (duplicate: near-duplicates of another document)")
    listing.add_argument("--format", help="only this format: txt, md, html or pdf")
    listing.add_argument("--text", help="only documents whose title, path, authors or publisher contain this")
    out_option(listing)
    listing.set_defaults(handler=command_list)

    show = command("show", "print a stored document's text with its extractions marked")
    show.add_argument("document", metavar="DOCUMENT", help="a path as ingested, a file name or stem, or a doc_id "
                      "(its first characters are enough)")
    out_option(show)
    show.set_defaults(handler=command_show)

    sql = command("sql", "run a DuckDB SQL query over the exported datasets")
    sql.add_argument("query", metavar="QUERY")
    out_option(sql)
    sql.add_argument("--csv", action="store_true", help="print the result as CSV")
    sql.add_argument("--save", metavar="FILE", help="also write a DuckDB database file holding the views")
    sql.set_defaults(handler=command_sql)

    export = command("export", "rewrite the exported datasets from the store, without extracting again")
    out_option(export)
    export.add_argument("--partitioned", action=argparse.BooleanOptionalAction, default=None,
                        help="Parquet as a folder of part files per dataset (--no-partitioned: one file each; "
                        "default: parts above export_partition_rows stored rows)")
    export.set_defaults(handler=command_export)

    review = command("review", "serve the review page (check, correct, add extractions) on 127.0.0.1")
    out_option(review)
    review.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    review.set_defaults(handler=command_review)

    reprocess = command("reprocess", "re-extract stored documents whose pipeline version is stale, then export")
    reprocess.add_argument("--all", action="store_true", help="re-extract every stored document")
    out_option(reprocess)
    add_cluster_options(reprocess)
    reprocess.set_defaults(handler=command_reprocess)

    serve = command("serve", "ingest watched folders and reprocess stale documents on schedules, under Prefect")
    serve.add_argument("--watch", nargs="+", metavar="DIR", help="folders to ingest new or changed files from")
    out_option(serve)
    serve.add_argument("--every", type=int, help="seconds between ingests of the watched folders (default 300)")
    serve.add_argument("--reprocess-cron", help="cron schedule (UTC) of reprocessing (default nightly, 0 3 * * *)")
    serve.add_argument("--prefect-port", type=int, metavar="PORT", help="port of the local Prefect server and its "
                       "UI (default 4200, or the next free one when that is taken)")
    serve.set_defaults(handler=command_serve)

    bench = command("bench", "measure throughput and memory against bare spaCy; PASS or FAIL per target")
    bench.add_argument("--docs", type=int, default=300, help="documents in the generated corpus (default 300)")
    bench.add_argument("--json", metavar="FILE", help="write the figures to this JSON file")
    bench.add_argument("--length", action="store_true",
                       help="instead: seconds per word and peak memory of a 30 KB and a 3 MB document; written "
                            "under 'length' in the --json file, beside what is there")

    bench.add_argument("--workers", dest="bench_workers", type=int, nargs="+", metavar="N",
                       help="also ingest on local Dask clusters of these sizes: docs/s per worker count (scaling)")
    bench.add_argument("--export-docs", type=int, nargs="+", metavar="N",
                       help="also measure the export's peak RSS in stores grown to these many documents")
    bench.add_argument("--corpus-docs", type=int, nargs="+", metavar="N",
                       help="instead: run `dossier ingest` on generated corpora of these sizes; peak RSS of its whole "
                            "process tree and docs/s by size, under 'corpus' in the --json file")
    bench.set_defaults(handler=command_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = load_settings(out=getattr(args, "out", None), workers=getattr(args, "workers", None),
                             dask_address=getattr(args, "dask_address", None))
    try:
        return args.handler(args, settings)
    except BrokenPipeError:  # `dossier show X | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OutputNotWritable as exc:
        return fail(str(exc), 1)
    except ServerStartError as exc:
        return fail(f"could not start a local Prefect server: {str(exc).splitlines()[0]}", 1)
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be written (read-only, full): one line, not a traceback
        where = f": {display_path(exc.filename)}" if exc.filename else ""
        return fail(f"{exc.strerror or exc}{where}", 1)


if __name__ == "__main__":
    sys.exit(main())
