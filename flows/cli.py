"""The `dossier` command line: ingest, show, and the other subcommands."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from flows.prefect_env import configure_prefect_environment
from flows.prefect_server import ServerStartError
from flows.settings import Settings, load_settings


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read (folders walked recursively) and what was skipped, with why."""
    from extractors.readers import discover_files

    return discover_files(paths)


def print_summary(result: dict, skipped: list[tuple[Path, str]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    statuses = Counter(d["status"] for d in result["documents"])
    unchanged = sum(1 for d in result["documents"] if d.get("reason"))
    failed_now = sum(1 for d in result["documents"] if d["status"] == "failed" and not d.get("reason"))
    print(f"dossier: {statuses.get('ok', 0)} extracted, {failed_now} failed, {unchanged} skipped as unchanged "
          "(same content and pipeline version as stored)", flush=True)
    docs = Table(title="documents")
    for column in ("status", "count"):
        docs.add_column(column)
    for status in ("ok", "failed", "skipped"):
        docs.add_row(status, str(statuses.get(status, 0)))
    docs.add_row("not ingested (folder walk)", str(len(skipped)))
    rows = Table(title="rows per dataset")
    rows.add_column("dataset")
    rows.add_column("rows", justify="right")
    for name, count in result["rows"].items():
        rows.add_row(name, str(count))
    console.print(docs)
    console.print(rows)
    from rich.markup import escape

    from extractors.readers import display_name

    for path, reason in skipped:
        console.print(f"[dim]not ingested: {escape(display_name(path))}: {escape(reason)}[/dim]")


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
        print(f"dossier: no files to ingest in {', '.join(map(display_path, args.paths))}", file=sys.stderr)
        for path, reason in skipped:
            print(f"not ingested: {display_path(path)}: {reason}", file=sys.stderr)
        return 2
    check_writable(Path(settings.out))
    from flows.prefect_server import prefect_api, prefect_home, quiet_prefect_logging

    quiet_prefect_logging()
    # A Prefect server of our own rather than Prefect's ephemeral one: it dies with this process (kill -9 too).
    with prefect_api(prefect_home()):
        from flows.ingest import batch_file, ingest_flow

        print(f"dossier: ingesting {len(files)} file(s) into {display_path(settings.out)}", flush=True)
        with batch_file(Path(settings.out), files) as batch:
            result = ingest_flow(
                paths=[], batch=batch, out=str(settings.out), database_url=settings.resolved_database_url(),
                batch_size=settings.batch_size, force=args.force, pdf_timeout=settings.pdf_timeout,
                limits=settings.read_limits(),
            )
    if result.get("fatal"):
        print(f"dossier: {result['fatal']}", file=sys.stderr)
        return 1
    print_summary(result, skipped)
    failed = sum(1 for d in result["documents"] if d["status"] == "failed")
    return 1 if args.strict and failed else 0


def command_show(args: argparse.Namespace, settings: Settings) -> int:
    from flows.show import render_document

    text = render_document(settings.resolved_database_url(), args.doc_id)
    if text is None:
        print(f"dossier: no document {args.doc_id!r} in {settings.resolved_database_url()}", file=sys.stderr)
        return 2
    print(text)
    return 0


def command_bench(args: argparse.Namespace, settings: Settings) -> int:
    from flows.bench import format_report, run_bench, write_json

    repo = Path(__file__).resolve().parents[1]
    folders = [p for p in (repo / "corpus", repo / "tests" / "data") if p.is_dir()]
    result = run_bench(args.docs, folders, batch_size=settings.batch_size)
    print(format_report(result))
    if args.json:
        write_json(result, Path(args.json))
    return 0


def command_review(args: argparse.Namespace, settings: Settings) -> int:
    from review.app import serve

    return serve(settings.resolved_database_url(), Path(settings.out), args.port)


def command_reprocess(args: argparse.Namespace, settings: Settings) -> int:
    if settings.database_url is None and not (Path(settings.out) / "dossier.db").exists():
        print(f"dossier: no store in {settings.out}: run `dossier ingest` first", file=sys.stderr)
        return 2
    check_writable(Path(settings.out))
    from flows.prefect_server import prefect_api, prefect_home, quiet_prefect_logging

    quiet_prefect_logging()
    with prefect_api(prefect_home()):
        from flows.ingest import reprocess_flow

        which = "every stored document" if args.all else "stored documents with a stale pipeline version"
        print(f"dossier: re-extracting {which} in {display_path(settings.out)}", flush=True)
        result = reprocess_flow(out=str(settings.out), database_url=settings.resolved_database_url(),
                                batch_size=settings.batch_size, everything=args.all)
    if result.get("fatal"):
        print(f"dossier: {result['fatal']}", file=sys.stderr)
        return 1
    statuses = Counter(d["status"] for d in result["documents"])
    up_to_date = result["rows"].get("documents", 0) - len(result["documents"])
    print(f"dossier: {len(result['documents'])} re-extracted with pipeline {result['pipeline_version']} "
          f"({statuses.get('failed', 0)} failed), {up_to_date} already up to date")
    print("rows: " + ", ".join(f"{name} {count}" for name, count in result["rows"].items()))
    return 0


def command_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from flows.prefect_server import quiet_prefect_logging

    quiet_prefect_logging()
    settings = load_settings(out=args.out, watch=args.watch, every=args.every, reprocess_cron=args.reprocess_cron)
    if not settings.watch:
        print("dossier: nothing to watch: give --watch DIR (or `watch` in dossier.toml, DOSSIER_WATCH)",
              file=sys.stderr)
        return 2
    settings = replace(settings, out=Path(settings.out).resolve())
    check_writable(settings.out)
    from flows.locks import lock_holder, try_lock

    # One serve per output folder: a second would share (and on stopping, pause) the first one's deployments.
    serving = try_lock(settings.out / SERVE_LOCK)
    if serving is None:
        holder = lock_holder(settings.out / SERVE_LOCK)
        print(f"dossier: another `dossier serve` (PID {holder or '?'}) is serving {display_path(settings.out)}; "
              "stop it first", file=sys.stderr)
        return 2
    try:
        return serve_locked(settings)
    finally:
        serving.close()


SERVE_LOCK = ".serve.lock"


def serve_locked(settings: Settings) -> int:
    from flows.prefect_server import ServerStartError, prefect_api, run_supervised
    from flows.settings import settings_json

    try:
        with prefect_api(settings.out / ".prefect") as (api_url, started_here):
            ui = api_url.removesuffix("/api")
            where = f"local Prefect server (data in {settings.out / '.prefect'})" if started_here else "Prefect server"
            print(f"dossier: {where}; UI at {ui}", flush=True)
            print(f"dossier: ingesting new or changed files in {', '.join(map(str, settings.watch))} every "
                  f"{settings.every} s; reprocessing stale documents on cron '{settings.reprocess_cron}' (UTC); "
                  f"outputs in {settings.out}. Ctrl-C stops.", flush=True)
            # The Prefect runner runs in a process of its own: see run_supervised.
            runner = [sys.executable, "-c", "import sys; from flows.serve import main; sys.exit(main(sys.argv[1:]))",
                      settings_json(settings), *(["--own-server"] if started_here else [])]
            code = run_supervised(runner)
            if code != 0:
                print(f"dossier: the Prefect runner exited with status {code}", file=sys.stderr)
                return 1
    except ServerStartError as exc:
        print(f"dossier: could not start a local Prefect server: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    print("dossier: stopped", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="read, extract, store and export files or folders")
    ingest.add_argument("paths", nargs="+")
    ingest.add_argument("--out", help="output folder (default outputs/)")
    ingest.add_argument("--force", action="store_true", help="re-extract even unchanged files")
    ingest.add_argument("--strict", action="store_true", help="exit non-zero when any file failed")
    ingest.set_defaults(handler=command_ingest)

    show = sub.add_parser("show", help="print a stored document's text with its extractions marked")
    show.add_argument("doc_id")
    show.add_argument("--out", help="output folder holding the store (default outputs/)")
    show.set_defaults(handler=command_show)

    bench = sub.add_parser("bench", help="measure throughput and memory against bare spaCy")
    bench.add_argument("--docs", type=int, default=300, help="documents in the generated corpus")
    bench.add_argument("--json", help="write the figures to this JSON file")
    bench.set_defaults(handler=command_bench)

    review = sub.add_parser("review", help="serve the review page (check, correct, add extractions) on loopback")
    review.add_argument("--out", help="output folder holding the store (default outputs/)")
    review.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000)")
    review.set_defaults(handler=command_review)
    reprocess = sub.add_parser("reprocess", help="re-extract stored documents whose pipeline version is stale")
    reprocess.add_argument("--all", action="store_true", help="re-extract every stored document")
    reprocess.add_argument("--out", help="output folder holding the store (default outputs/)")
    reprocess.set_defaults(handler=command_reprocess)

    serve = sub.add_parser("serve", help="ingest watched folders and reprocess stale documents on schedules")
    serve.add_argument("--watch", nargs="+", metavar="DIR", help="folders to ingest new or changed files from")
    serve.add_argument("--out", help="output folder (default outputs/)")
    serve.add_argument("--every", type=int, help="seconds between ingests of the watched folders (default 300)")
    serve.add_argument("--reprocess-cron", help="cron schedule (UTC) of reprocessing (default nightly, 0 3 * * *)")
    serve.set_defaults(handler=command_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    configure_prefect_environment()
    args = build_parser().parse_args(argv)
    settings = load_settings(out=getattr(args, "out", None))
    try:
        return args.handler(args, settings)
    except OutputNotWritable as exc:
        print(f"dossier: {exc}", file=sys.stderr)
        return 1
    except ServerStartError as exc:
        print(f"dossier: could not start a local Prefect server: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # a folder that cannot be written (read-only, full): one line, not a traceback
        where = f": {display_path(exc.filename)}" if exc.filename else ""
        print(f"dossier: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
