"""`dossier` as a user types it: real subprocesses, each with its own temporary Prefect server."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
TABLE_ARTICLE = "ies-nato-ap4-defence-ministers-2024.txt"
SHORT_ARTICLE = "arctic-shipping-2023.txt"
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")


def dossier(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    # PYTHONPATH: from another folder, this checkout's dossier still runs (not an installed one).
    env = {**(os.environ if env is None else env), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=env, preexec_fn=lambda: os.umask(0o022))


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> tuple[Path, Path, str]:
    """One ingest of: an article with a table, a short article and a republished copy of it (as Markdown, with a
    line of its own on top), an empty file, an unsupported file and a hidden one. Returns (folder, out, stdout)."""
    root = tmp_path_factory.mktemp("cli")
    folder, out = root / "in", root / "out"
    folder.mkdir()
    shutil.copy(corpus_dir / TABLE_ARTICLE, folder)
    shutil.copy(corpus_dir / SHORT_ARTICLE, folder)
    original = (corpus_dir / SHORT_ARTICLE).read_text(encoding="utf-8")
    (folder / "republished.md").write_text("Republished with permission of the authors.\n\n" + original,
                                           encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / ".hidden.txt").write_text("ignored")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    done = dossier("ingest", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return folder, out, done.stdout


@pytest.mark.slow
def test_cli_ingest_prints_a_line_per_document_and_one_summary_line(ingested: tuple[Path, Path, str]) -> None:
    _folder, _out, stdout = ingested
    assert "Traceback" not in stdout
    table_line = next(line for line in stdout.splitlines() if TABLE_ARTICLE in line)
    # The per-file line says what each number counts: tables, and their cells.
    assert re.search(r"^\s+ok\s+.*\(actors \d+, dates \d+, figures \d+, claims \d+, tables 1 \(\d+ cells\)\)$",
                     table_line), table_line
    assert re.search(r"failed\s+\S*empty\.txt: ", stdout)
    assert re.search(r"not ingested: \S*picture\.png: unsupported file type \.png", stdout)
    assert ".hidden.txt" not in stdout
    # Not a terminal: no progress bar and no tables, one summary line.
    summaries = [line for line in stdout.splitlines() if line.startswith("dossier: ") and "rows:" in line]
    assert len(summaries) == 1
    assert re.search(r"3 ok, 0 partial, 1 failed, 0 skipped as unchanged, 1 not ingested, 1 near-duplicate",
                     summaries[0]), summaries[0]
    assert "┃" not in stdout and "docs/s" not in stdout


@pytest.mark.slow
def test_cli_ingest_strict_exits_1_when_a_file_failed(ingested: tuple[Path, Path, str]) -> None:
    folder, out, _stdout = ingested
    strict = dossier("ingest", str(folder / "empty.txt"), "--out", str(out), "--strict")
    assert strict.returncode == 1 and "skipped as unchanged" in strict.stdout


@pytest.mark.slow
def test_cli_exported_files_are_readable_by_other_users(ingested: tuple[Path, Path, str]) -> None:
    _folder, out, _stdout = ingested
    exported = [*out.glob("*.parquet"), *out.glob("*.csv"), *(out / "tables").glob("*.csv")]
    assert len(exported) >= 15
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in exported}
    assert set(modes.values()) == {0o644}, modes


@pytest.mark.slow
def test_cli_flags_the_republished_copy_and_sql_counts_it_once(ingested: tuple[Path, Path, str]) -> None:
    _folder, out, _stdout = ingested
    docs = pd.read_parquet(out / "documents.parquet")
    by_name = {Path(s).name: row for s, (_, row) in zip(docs["source"], docs.iterrows(), strict=True)}
    original, copy = by_name[SHORT_ARTICLE], by_name["republished.md"]
    # Exactly one of the pair points at the other (which one is the original: flows/duplicates.original_key).
    flagged = [row for row in (original, copy) if pd.notna(row["duplicate_of"])]
    assert len(flagged) == 1
    kept = copy if flagged[0]["doc_id"] == original["doc_id"] else original
    assert flagged[0]["duplicate_of"] == kept["doc_id"]
    assert docs["duplicate_of"].notna().sum() == 1
    # The Parquet files keep every document's rows; the sql views leave the copy's out.
    claims = pd.read_parquet(out / "claims.parquet")
    copy_rows = int((claims["doc_id"] == flagged[0]["doc_id"]).sum())
    assert copy_rows > 0
    counted = dossier("sql", "SELECT (SELECT count(*) FROM claims) AS kept, (SELECT count(*) FROM claims_all) AS "
                      "every", "--out", str(out), "--csv")
    assert counted.returncode == 0, counted.stderr
    kept_count, every = map(int, counted.stdout.splitlines()[1].split(","))
    assert (kept_count, every) == (len(claims) - copy_rows, len(claims))


@pytest.mark.slow
def test_cli_list_filters_by_status_format_and_text(ingested: tuple[Path, Path, str]) -> None:
    _folder, out, _stdout = ingested

    def listed(*flags: str) -> list[str]:
        done = dossier("list", "--out", str(out), *flags)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line.strip()]

    everything = listed()
    assert len(everything) == 4
    failed = listed("--status", "failed")
    assert len(failed) == 1 and "empty.txt" in failed[0] and "error: " in failed[0]
    assert [Path(line.split()[5]).name for line in listed("--format", "md")] == ["republished.md"]
    assert len(listed("--status", "duplicate")) == 1 and "duplicate of" in listed("--status", "duplicate")[0]
    title_word = pd.read_parquet(out / "documents.parquet").set_index("source").filter(like=TABLE_ARTICLE, axis=0)[
        "title"].iloc[0].split()[0]
    assert any(TABLE_ARTICLE in line for line in listed("--text", title_word.upper()))
    assert listed("--text", "no document says this") == []


@pytest.mark.slow
def test_cli_show_finds_a_document_by_path_stem_or_doc_id_prefix(ingested: tuple[Path, Path, str]) -> None:
    folder, out, _stdout = ingested
    docs = pd.read_parquet(out / "documents.parquet")
    doc_id = docs[docs["source"].str.endswith(TABLE_ARTICLE)]["doc_id"].iloc[0]
    for key in (str(folder / TABLE_ARTICLE), TABLE_ARTICLE, Path(TABLE_ARTICLE).stem, doc_id[:6], doc_id):
        shown = dossier("show", key, "--out", str(out))
        assert shown.returncode == 0, (key, shown.stderr)
        assert shown.stdout.startswith(doc_id) and "claims:" in shown.stdout and "|" in shown.stdout
    # A path relative to where the user stands names the same file.
    relative = dossier("show", f"in/{TABLE_ARTICLE}", "--out", str(out), cwd=folder.parent)
    assert relative.returncode == 0 and relative.stdout.startswith(doc_id)
    missing = dossier("show", "nope", "--out", str(out))
    assert missing.returncode == 2 and missing.stdout == ""
    assert len(missing.stderr.splitlines()) == 1 and "no document 'nope'" in missing.stderr


@pytest.mark.slow
def test_cli_export_rewrites_the_datasets_from_the_store(ingested: tuple[Path, Path, str], tmp_path: Path) -> None:
    """`dossier export` writes the files the ingest wrote, from the store alone; --partitioned gives folders of part
    files that read back as the same tables, and `dossier sql` reads them."""
    _folder, ingested_out, _stdout = ingested
    out = tmp_path / "out"
    shutil.copytree(ingested_out, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    tables_before = {p.name: p.read_bytes() for p in (out / "tables").glob("*.csv")}
    for path in [*out.glob("*.csv"), *out.glob("*.parquet"), *(out / "tables").glob("*.csv")]:
        path.unlink()
    done = dossier("export", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("dossier: exported to") and "documents 4" in done.stdout
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert {p.name: p.read_bytes() for p in (out / "tables").glob("*.csv")} == tables_before
    single = {p.name: pd.read_parquet(p) for p in out.glob("*.parquet")}
    assert len(single) == 9
    done = dossier("export", "--out", str(out), "--partitioned")
    assert done.returncode == 0, done.stderr
    for name, frame in single.items():
        assert (out / name).is_dir()
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), frame)
    counted = dossier("sql", "SELECT count(*) FROM claims_all", "--out", str(out), "--csv")
    assert counted.returncode == 0, counted.stderr
    assert int(counted.stdout.splitlines()[1]) == len(single["claims.parquet"])


@pytest.mark.slow
def test_cli_commands_that_only_read_never_create_a_store(tmp_path: Path) -> None:
    out = tmp_path / "missing"
    for command in (["show", "anything"], ["list"], ["sql", "SELECT 1"], ["review"], ["reprocess"], ["export"]):
        done = dossier(*command, "--out", str(out))
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert len(done.stderr.splitlines()) == 1 and "run `dossier ingest" in done.stderr, (command, done.stderr)
        assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.slow
def test_cli_review_on_a_taken_port_is_a_one_line_error(ingested: tuple[Path, Path, str]) -> None:
    _folder, out, _stdout = ingested
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = dossier("review", "--out", str(out), "--port", str(port))
    assert done.returncode == 2 and done.stdout == ""
    taken = f"dossier: port {port} on 127.0.0.1 is taken by another program: choose another --port"
    assert done.stderr.strip() == taken


def test_cli_serve_on_a_chosen_port_that_is_taken_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = dossier("serve", "--watch", str(tmp_path / "inbox"), "--out", str(tmp_path / "out"),
                       "--prefect-port", str(port), env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (f"dossier: port {port} on 127.0.0.1 is taken by another program: choose another "
                                   "--prefect-port")
    assert not (tmp_path / "out" / ".prefect" / "server.log").exists()  # no server was started


@pytest.mark.slow
def test_cli_sql_runs_the_readme_examples(ingested: tuple[Path, Path, str]) -> None:
    _folder, out, _stdout = ingested
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, flags=re.S)
    assert len(queries) >= 3
    for query in queries:
        done = dossier("sql", query, "--out", str(out))
        assert done.returncode == 0, (query, done.stderr)
        assert done.stdout.strip() and "Traceback" not in done.stderr
    who_claimed_what = next(q for q in queries if "c.hedged" in q)
    who = dossier("sql", who_claimed_what, "--out", str(out), "--csv")
    assert "hedged" in who.stdout.splitlines()[0] and len(who.stdout.splitlines()) > 3
    bad = dossier("sql", "SELECT nothing FROM nowhere", "--out", str(out))
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1


@pytest.mark.slow
def test_cli_sql_saves_a_duckdb_file_with_the_views(ingested: tuple[Path, Path, str], tmp_path: Path) -> None:
    import duckdb

    _folder, out, _stdout = ingested
    saved = tmp_path / "dossier.duckdb"
    assert dossier("sql", "SELECT 1", "--out", str(out), "--save", str(saved)).returncode == 0
    with duckdb.connect(str(saved), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4


@pytest.mark.slow
def test_cli_help_shows_examples_for_every_command_and_version() -> None:
    top = dossier("--help")
    assert top.returncode == 0 and "examples:" in top.stdout
    commands = ("ingest", "list", "show", "sql", "review", "reprocess", "serve", "bench", "export")
    for command in commands:
        assert re.search(rf"^\s+{command}\s", top.stdout, flags=re.M), command
        helped = dossier(command, "--help")
        assert helped.returncode == 0 and "examples:" in helped.stdout and f"dossier {command}" in helped.stdout
    version = dossier("--version")
    assert re.fullmatch(r"dossier \d+\.\d+\.\d+\n", version.stdout)


def test_cli_turns_telemetry_off_before_prefect_is_imported() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED")}
    probe = ("import flows.cli, prefect; from prefect._internal.analytics.enabled import is_telemetry_enabled; "
             "from prefect.settings import get_current_settings; "
             "print(is_telemetry_enabled(), get_current_settings().server.analytics_enabled)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.stdout.split() == ["False", "False"], done.stderr


def run_in_terminal(args: list[str], env: dict[str, str], timeout: float = 900) -> str:
    """Run dossier with a pseudo-terminal as stdout and stderr, as a user's shell does; returns what it printed."""
    main, child = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=REPO,
                               env={**env, "PYTHONPATH": str(REPO)}, stdin=subprocess.DEVNULL,
                               stdout=child, stderr=child, close_fds=True)
    os.close(child)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 1)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(main)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return ANSI.sub("", b"".join(chunks).decode(errors="replace"))


@pytest.mark.slow
def test_cli_ingest_and_reprocess_show_a_progress_bar_in_a_terminal(tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(corpus_dir / SHORT_ARTICLE, folder)
    (folder / "empty.txt").write_bytes(b"")
    # A fresh Prefect home, where Prefect would show its first-run telemetry notice in a terminal.
    env = {k: v for k, v in os.environ.items() if k not in ("DO_NOT_TRACK", "PREFECT_SERVER_ANALYTICS_ENABLED")}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect-home"), "COLUMNS": "150"})
    shown = run_in_terminal(["ingest", str(folder), "--out", str(tmp_path / "out")], env)
    assert re.search(r"extracting .*2/2 .*docs/s .*left", shown), shown
    assert re.search(rf"ok\s+\S*{SHORT_ARTICLE} \(actors", shown) and "failed" in shown
    assert "┃" in shown and "rows" in shown  # the summary as tables
    assert "telemetry" not in shown.lower() and "Traceback" not in shown
    again = run_in_terminal(["reprocess", "--all", "--out", str(tmp_path / "out")], env)
    assert re.search(r"re-extracting .*2/2 .*docs/s", again), again
    assert "2 re-extracted" in again
