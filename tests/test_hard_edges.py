"""Hostile files, failing disks, killed processes and hostile clients of the review server (issue 16).

Each test reproduces one failure the issue reports, with real files, real SQLite, real processes and, where it
matters, the real CLI with its real Prefect server. The number in a test's name is the issue's point.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import warnings
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pandas as pd
import psutil
import pytest
import uvicorn

from extractors.read_text import decode_text
from extractors.readers import ReadLimits, discover_files, display_name, read_document
from flows.export import write_datasets
from flows.pipeline_run import current_pipeline_version, ingest_paths, store_for
from flows.settings import load_settings
from review.app import create_app
from store.database import export_rows

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Sentences written for these tests.
ARTICLE = (
    "Harbour talks in Lisbon\n\n"
    "Portugal and Morocco agreed on 4 March 2025 to share coastguard radar data, the Portuguese defence ministry "
    "said. The deal covers 12 stations and costs about EUR 40 million over five years.\n\n"
    "Officials in Rabat described the agreement as a first step. Spain may join later, according to one diplomat.\n"
)


def article(n: int, repeat: int = 1) -> str:
    """Distinct contents (so distinct documents) of the same shape; `repeat` makes them longer."""
    return "\n\n".join(ARTICLE.replace("12 stations", f"{12 + n * 100 + i} stations") for i in range(repeat))


def write_articles(folder: Path, count: int, repeat: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"article-{n:02d}.txt"
        path.write_text(article(n, repeat), encoding="utf-8")
        paths.append(path)
    return paths


def cli_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra}
    env.pop("PREFECT_API_URL", None)
    return env


def cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-m", "flows.cli", *args], cwd=REPO, env=cli_env(), capture_output=True,
                          text=True, timeout=timeout)


def store_url(out: Path) -> str:
    return f"sqlite:///{out / 'dossier.db'}"


def stored_documents(out: Path) -> list[dict]:
    with sqlite3.connect(out / "dossier.db") as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("select source, status, error, warnings from documents")]


@pytest.fixture(scope="module")
def version(nlp: object) -> str:
    return current_pipeline_version()


@contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A real small or read-only file system (needs root, as on the test machine)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True,
                             text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def one_line_error(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# 1. A file name that is not UTF-8 ---------------------------------------------------------------------------


def non_utf8_path(folder: Path, stem: bytes = b"bad-\xff") -> Path:
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + stem + b".txt"))
    path.write_bytes(article(7).encode())
    return path


def test_hard_edges_1_non_utf8_file_name_is_read_by_its_bytes_and_stored_escaped(tmp_path: Path,
                                                                                  version: str) -> None:
    good, bad = tmp_path / "good.txt", non_utf8_path(tmp_path)
    good.write_text(article(1), encoding="utf-8")
    document = read_document(bad)
    assert document.ok and document.source == f"{tmp_path}/bad-\\xff.txt"
    out = tmp_path / "out"
    outcomes = ingest_paths(store_url(out), [str(good), str(bad)], version)
    assert [o.status for o in outcomes] == ["ok", "ok"]
    again = ingest_paths(store_url(out), [str(good), str(bad)], version)
    assert [(o.status, o.reason) for o in again] == [("skipped", "unchanged"), ("skipped", "unchanged")]
    write_datasets(out, export_rows(store_for(store_url(out))))
    sources = set(pd.read_parquet(out / "documents.parquet")["source"])
    assert sources == {str(good), f"{tmp_path}/bad-\\xff.txt"}


@pytest.mark.slow
def test_hard_edges_1_and_11_cli_ingest_with_a_non_utf8_and_a_control_character_name(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    non_utf8_path(folder)
    (folder / "red\x1b[31m.txt").write_text(article(2), encoding="utf-8")
    (folder / "notes\x07.docx").write_bytes(b"PK")  # skipped in the folder walk: its name is printed too
    done = cli("ingest", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "dossier: 3 ok, 0 partial, 0 failed" in done.stdout
    assert "bad-\\xff.txt" in done.stdout and "red\\x1b[31m.txt" in done.stdout and "notes\\x07.docx" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    assert "Traceback" not in done.stderr
    assert {d["status"] for d in stored_documents(tmp_path / "out")} == {"ok"}


def test_hard_edges_11_display_name_escapes_control_characters() -> None:
    assert display_name("in/a\nb\x1b[2J\x7f\u202ec.txt") == "in/a\\x0ab\\x1b[2J\\x7f\\u202ec.txt"
    assert display_name(os.fsdecode(b"x\xe9.txt")) == "x\\xe9.txt"
    assert display_name("Köln café.txt") == "Köln café.txt"


# 6. Bounds ----------------------------------------------------------------------------------------------------


def test_hard_edges_6_bounds_are_settings_and_an_oversized_file_is_a_failed_row(tmp_path: Path,
                                                                                version: str) -> None:
    limits = load_settings(cwd=tmp_path, env={}).read_limits()
    assert limits == {"max_text_bytes": 20_000_000, "max_pdf_bytes": 200_000_000,
                      "reader_memory_bytes": 2_048_000_000}
    (tmp_path / "dossier.toml").write_text("max_text_mb = 0.002\n")
    small = ReadLimits(**load_settings(cwd=tmp_path, env={}).read_limits())
    big = tmp_path / "long.txt"
    big.write_text(article(1, repeat=20), encoding="utf-8")
    document = read_document(big, limits=small)
    assert document.error == f"file too large: {big.stat().st_size / 1e6:.1f} MB, the limit is 0.002 MB"
    [outcome] = ingest_paths(store_url(tmp_path / "out"), [str(big)], version, limits=small)
    assert outcome.status == "failed" and outcome.error.startswith("file too large")
    assert read_document(big).ok  # no bound given: read


def pdf_bomb(path: Path, inflated_mb: int) -> Path:
    """A small valid PDF whose one content stream inflates to `inflated_mb` MB."""
    packer = zlib.compressobj(1)
    block = bytes(1 << 20)
    stream = b"".join(packer.compress(block) for _ in range(inflated_mb)) + packer.flush()
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
               b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream"]
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(data))
    return path


def test_hard_edges_6_pdf_that_unpacks_past_the_reader_memory_limit_fails_with_reason(tmp_path: Path) -> None:
    bomb = pdf_bomb(tmp_path / "bomb.pdf", inflated_mb=400)
    assert bomb.stat().st_size < 3_000_000
    document = read_document(bomb, pdf_timeout=60, limits=ReadLimits(reader_memory_bytes=300_000_000))
    assert document.error == "PDF needs more memory than the reader's limit of 300 MB"


def read_in_child(path: Path, timeout: float = 120) -> str:
    """read_document in a child process, so a read that would hang (a FIFO) fails the test instead of hanging it."""
    code = ("import sys; from pathlib import Path; from extractors.readers import read_document; "
            "print(read_document(Path(sys.argv[1])).error)")
    done = subprocess.run([PYTHON, "-c", code, str(path)], cwd=REPO, env=cli_env(), capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_hard_edges_6_fifos_and_devices_are_not_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    assert read_in_child(fifo) == "not a regular file (a named pipe)"
    assert read_in_child(zero) == "not a regular file (a character device)"
    files, skipped = discover_files([tmp_path])
    assert files == []
    assert sorted(skipped) == [(fifo, "not a regular file (a named pipe)"),
                               (zero, "not a regular file (a character device)")]
    assert discover_files([zero]) == ([zero], [])  # named explicitly: it becomes a failed row


def test_hard_edges_6_and_11_symlink_loops_and_unreadable_folders_are_reported_with_reason() -> None:
    base = Path(tempfile.mkdtemp(prefix="dossier-walk-"))
    try:
        base.chmod(0o755)
        (base / "sub").mkdir()
        (base / "sub" / "a.txt").write_text(ARTICLE)
        (base / "sub" / "up").symlink_to("..")
        (base / "spin.txt").symlink_to("spin.txt")
        (base / "gone.txt").symlink_to("nowhere.txt")
        (base / "locked").mkdir()
        (base / "locked" / "b.txt").write_text(ARTICLE)
        (base / "locked").chmod(0o000)
        # root reads any folder: the walk runs as an ordinary user, as the reporter did
        code = ("import json, os, sys; from pathlib import Path; from extractors.readers import discover_files; "
                "os.geteuid() == 0 and (os.setgid(65534), os.setuid(65534)); "
                "files, skipped = discover_files([Path(sys.argv[1])]); "
                "print(json.dumps([[str(p) for p in files], [[str(p), r] for p, r in skipped]]))")
        done = subprocess.run([PYTHON, "-c", code, str(base)], cwd=REPO, env=cli_env(), capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        files, skipped = json.loads(done.stdout)
        assert files == [str(base / "sub" / "a.txt")]
        assert sorted(map(tuple, skipped)) == [
            (str(base / "gone.txt"), "broken symbolic link"),
            (str(base / "locked"), "cannot read folder: Permission denied"),
            (str(base / "spin.txt"), "symbolic link loop"),
            (str(base / "sub" / "up"), "symbolic link loop: it points to a folder that contains it"),
        ]
    finally:
        (base / "locked").chmod(0o755)
        shutil.rmtree(base)


# 8. Decoding ----------------------------------------------------------------------------------------------------


DAMAGED_LINE = "NATO’s summit – “a turning point” – ended on 12 July 2024; Köln’s mayor agreed.\n"


def test_hard_edges_8_a_few_bad_bytes_keep_utf8_and_give_a_warning() -> None:
    good = (DAMAGED_LINE * 5).encode("utf-8")
    cut = good.index(b"ended")
    text, found = decode_text(good[:cut] + b"\xff\xfe" + good[cut:])
    assert text.startswith("NATO’s summit – “a turning point” – \ufffd\ufffdended")
    assert "NATO‚Äôs" not in text and text.count("NATO’s") == 5
    assert found == [f"invalid UTF-8: 2 byte(s) replaced with U+FFFD, the first at byte {cut}"]


def test_hard_edges_8_a_file_not_utf8_as_a_whole_falls_back_without_warning() -> None:
    text = "Köln und Düsseldorf sind Städte an der Grenze, schön und groß.\n" * 3
    assert decode_text(text.encode("cp1252")) == (text, [])
    assert decode_text(text.encode("utf-8")) == (text, [])


def test_hard_edges_8_the_warning_is_stored_and_exported_with_the_document(tmp_path: Path, version: str) -> None:
    path = tmp_path / "damaged.txt"
    data = (ARTICLE.replace("Lisbon", "Lisboa’s port") * 2).encode("utf-8")
    path.write_bytes(data[:200] + b"\x92" + data[200:])
    [outcome] = ingest_paths(store_url(tmp_path / "out"), [str(path)], version)
    assert outcome.status == "ok"
    [row] = stored_documents(tmp_path / "out")
    assert json.loads(row["warnings"]) == ["invalid UTF-8: 1 byte(s) replaced with U+FFFD, the first at byte 200"]
    write_datasets(tmp_path / "out", export_rows(store_for(store_url(tmp_path / "out"))))
    exported = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert list(exported["warnings"][0]) == json.loads(row["warnings"])
    assert "warnings" in pd.read_csv(tmp_path / "out" / "documents.csv").columns


# 7, 9, 11. The review server ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def review_store(tmp_path_factory: pytest.TempPathFactory, version: str) -> Path:
    out = tmp_path_factory.mktemp("review-edges")
    source = out / "in" / "harbour.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, encoding="utf-8")
    ingest_paths(store_url(out), [str(source)], version)
    write_datasets(out, export_rows(store_for(store_url(out))))
    return out


@pytest.fixture
def review(review_store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_url(review_store), review_store), base_url="http://127.0.0.1:8000") as client:
        yield client


def first_extraction(client: TestClient) -> tuple[str, str]:
    doc_id = client.get("/api/documents").json()[0]["doc_id"]
    dates = client.get(f"/api/documents/{doc_id}/extractions").json()["dates"]
    return doc_id, dates[0]["id"]


def assert_one_line_4xx(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail


def test_hard_edges_9_bad_requests_get_4xx_with_one_line_json(review: TestClient) -> None:
    doc_id, date_id = first_extraction(review)
    review_url = f"/api/extractions/{date_id}/review"
    json_body = {"Content-Type": "application/json"}
    for body in (b"NaN", b'{"verdict": "edit", "value": NaN}', b'{"verdict": "edit", "value": Infinity}',
                 b'{"verdict": "edit", "value": -Infinity}', b'{"verdict": "edit", "value": 1e400}', b"{",
                 b'{"verdict": "accept"'):
        assert_one_line_4xx(review.post(review_url, content=body, headers=json_body), 400)
    for body in (b"[]", b'{"verdict": null}', b"{}", b'"accept"'):
        assert_one_line_4xx(review.post(review_url, content=body, headers=json_body), 422)
    assert_one_line_4xx(review.post("/api/reviews/99999999999999999999999/undo"), 422)
    assert_one_line_4xx(review.post(f"/api/reviews/{2**63}/undo"), 422)
    assert_one_line_4xx(review.post("/api/reviews/0/undo"), 422)
    assert_one_line_4xx(review.post("/api/reviews/123456789/undo"), 404)
    assert_one_line_4xx(review.get(f"/api/documents/{'x' * 5000}"), 422)
    assert_one_line_4xx(review.post(f"/api/documents/{doc_id}/extractions", content=b'{"dataset": "dates", '
                                    b'"start": 1e400, "end": 3}', headers=json_body), 400)
    assert_one_line_4xx(review.post(f"/api/documents/{doc_id}/extractions", json={"dataset": "dates",
                                    "start": 10**30, "end": 3}), 422)
    assert_one_line_4xx(review.post(review_url, content=b"x" * 2_000_000, headers=json_body), 413)
    assert_one_line_4xx(review.get("/api/nowhere"), 404)
    assert_one_line_4xx(review.delete("/api/documents"), 405)
    assert review.post(review_url, json={"verdict": "accept"}).status_code == 200


def test_hard_edges_7_other_host_names_and_cross_origin_writes_are_refused(review: TestClient) -> None:
    _doc_id, date_id = first_extraction(review)
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.:8000", ""):
        assert_one_line_4xx(review.get("/api/documents", headers={"Host": host}), 400)
    assert review.get("/api/documents", headers={"Host": "localhost:8000"}).status_code == 200
    review_url = f"/api/extractions/{date_id}/review"
    for origin in ("http://evil.example", "http://127.0.0.1.evil.example:8000", "null", "https://localhost:8000"):
        assert_one_line_4xx(review.post(review_url, json={"verdict": "accept"}, headers={"Origin": origin}), 403)
    assert_one_line_4xx(review.post(review_url, json={"verdict": "accept"},
                                    headers={"Sec-Fetch-Site": "cross-site"}), 403)
    own = review.post(review_url, json={"verdict": "accept"}, headers={"Origin": "http://127.0.0.1:8000"})
    assert own.status_code == 200


@contextmanager
def review_server(out: Path) -> Iterator[int]:
    with socket_port() as port:
        server = uvicorn.Server(uvicorn.Config(create_app(store_url(out), out, port=port), host="127.0.0.1",
                                               port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        wait_until(lambda: server.started, 30, "the review server")
        try:
            yield port
        finally:
            server.should_exit = True
            thread.join(timeout=10)


@contextmanager
def socket_port() -> Iterator[int]:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    yield port


@pytest.mark.slow
def test_hard_edges_7_served_page_checks_its_port_and_writes_no_host_into_links(review_store: Path) -> None:
    with review_server(review_store) as port:
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/", headers={"Host": f"localhost:{port}"}).status_code == 200
        assert httpx.get(f"{base}/api/documents", headers={"Host": f"127.0.0.1:{port + 1}"}).status_code == 400
        rebound = httpx.get(f"{base}/", headers={"Host": f"evil.example:{port}"})
        assert rebound.status_code == 400 and "<html" not in rebound.text
        page = httpx.get(f"{base}/").text
        assert 'href="/static/review.css"' in page and 'src="/static/review.js"' in page
        assert "://" not in page.split("<body")[0]


def test_hard_edges_11_api_docs_are_served_locally(review: TestClient) -> None:
    docs = review.get("/docs")
    assert docs.status_code == 200
    assert "/api/extractions/{extraction_id}/review" in docs.text and "/openapi.json" in docs.text
    assert "cdn" not in docs.text.lower() and "<script src=\"http" not in docs.text
    assert review.get("/redoc").status_code == 404


# 11. Leftovers of a killed export ---------------------------------------------------------------------------


def test_hard_edges_11_temporaries_of_a_killed_export_are_removed_by_the_next(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "tables").mkdir(parents=True)
    leftovers = [out / ".actors.parquet.k2x9ab", out / ".documents.csv.zz81qq", out / "tables" / ".d1-0.csv.q1"]
    for path in leftovers:
        path.write_bytes(b"half")
    # A partitioned export killed while writing its parts, or its scratch files, or before it removed the part
    # folder its new link replaced.
    folders = [out / ".claims.parquet.x1y2z3", out / ".export-scratch-ab12", out / ".duplicates-cd34",
               out / ".mentions.parts.old123"]
    for folder in folders:
        folder.mkdir()
        (folder / "part-00000.parquet").write_bytes(b"half")
    keep = out / ".prefect-notes"
    keep.write_text("not an export's")
    write_datasets(out, {})
    assert [p for p in leftovers + folders if p.exists()] == [] and keep.exists()
    assert (out / "documents.parquet").exists()
    write_datasets(out, {}, partitioned=True)
    live = (out / "mentions.parquet").resolve()
    write_datasets(out, {}, partitioned=True)  # leaves one part folder per dataset: the one its link points at
    assert live != (out / "mentions.parquet").resolve() and not live.exists()
    assert [p.name for p in out.glob(".mentions.parts.*")] == [(out / "mentions.parquet").resolve().name]


# 5, 10. A full disk and a read-only output folder --------------------------------------------------------------


def test_hard_edges_10_read_only_out_is_one_line_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 1)
    with tmpfs(tmp_path / "ro", "ro,size=1m") as read_only:
        for command in (["ingest", str(folder)], ["serve", "--watch", str(folder)]):
            done = cli(*command, "--out", str(read_only / "out"), timeout=300)
            assert done.returncode == 1
            assert one_line_error(done.stderr).startswith("dossier: cannot write to ")


FULL_DISK_SCRIPT = textwrap.dedent("""
    import sys
    from flows.pipeline_run import current_pipeline_version, ingest_paths
    try:
        ingest_paths(sys.argv[1], sys.argv[2:], current_pipeline_version())
    except Exception as exc:
        print(type(exc).__name__, str(exc).splitlines()[0])
    """)


@pytest.mark.slow
def test_hard_edges_5_full_disk_stops_the_parse_workers_instead_of_hanging(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 8, repeat=12)
    with tmpfs(tmp_path / "small", "size=160k") as small:
        worker = subprocess.Popen([PYTHON, "-c", FULL_DISK_SCRIPT, store_url(small), *map(str, paths)], cwd=REPO,
                                  env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  start_new_session=True)
        tree = ProcessTree(worker.pid)
        try:
            stdout, stderr = worker.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            tree.kill()
            raise AssertionError("ingest hung on a full disk") from None
        assert "database or disk is full" in stdout, stdout + stderr
        assert tree.survivors(10) == []


@pytest.mark.slow
def test_hard_edges_5_cli_on_a_full_disk_exits_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 8, repeat=12)
    with tmpfs(tmp_path / "small", "size=160k") as small:
        env = cli_env()
        ingest = subprocess.Popen([PYTHON, "-m", "flows.cli", "ingest", str(folder), "--out", str(small)], cwd=REPO,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  start_new_session=True)
        tree = ProcessTree(ingest.pid)
        try:
            stdout, stderr = ingest.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            tree.kill()
            raise AssertionError("ingest hung on a full disk") from None
        assert ingest.returncode == 1, stdout + stderr
        assert one_line_error(stderr) == "dossier: cannot write the store: database or disk is full"
        assert tree.survivors(10) == []


# 2, 3, 4. Killed processes -----------------------------------------------------------------------------------


class ProcessTree:
    """Every process that ever showed up under `root` while it was watched (psutil), to count what is left."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[int, psutil.Process] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.thread.start()

    def watch(self) -> None:
        while not self.stop.is_set():
            self.record()
            time.sleep(0.1)

    def record(self) -> None:
        try:
            root = psutil.Process(self.root)
            for process in [root, *root.children(recursive=True)]:
                self.seen.setdefault(process.pid, process)
        except psutil.NoSuchProcess:
            pass
        for process in list(self.seen.values()):  # orphans reparented away from the root: follow them too
            try:
                for child in process.children(recursive=True):
                    self.seen.setdefault(child.pid, child)
            except psutil.NoSuchProcess:
                pass

    def matching(self, test: Callable[[psutil.Process], bool]) -> list[psutil.Process]:
        found = []
        for process in list(self.seen.values()):
            try:
                if process.is_running() and test(process):
                    found.append(process)
            except psutil.Error:
                pass
        return found

    def survivors(self, within: float) -> list[str]:
        """What still runs `within` seconds from now (zombies of our own children excluded)."""
        self.record()
        self.stop.set()
        processes = list(self.seen.values())
        _gone, alive = psutil.wait_procs(processes, timeout=within)
        left = []
        for process in alive:
            try:
                if process.status() != psutil.STATUS_ZOMBIE:
                    left.append(" ".join(process.cmdline())[:160] or process.name())
            except psutil.NoSuchProcess:
                pass
        return left

    def kill(self) -> None:
        self.stop.set()
        for process in self.seen.values():
            try:
                process.kill()
            except psutil.Error:
                pass


def wait_until(condition: Callable[[], bool], timeout: float, what: str,
               process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise AssertionError(f"exited with {process.returncode} while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def is_parse_worker(ingest_pid: int) -> Callable[[psutil.Process], bool]:
    """spaCy's workers are forks of the ingesting process: same command line, that process as parent."""
    def test(process: psutil.Process) -> bool:
        return process.ppid() == ingest_pid and process.cmdline() == psutil.Process(ingest_pid).cmdline()
    return test


@pytest.mark.slow
def test_hard_edges_4_kill_9_of_ingest_during_parsing_leaves_no_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, 12, repeat=30)
    ingest = subprocess.Popen([PYTHON, "-m", "flows.cli", "ingest", str(folder), "--out", str(tmp_path / "out")],
                              cwd=REPO, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    tree = ProcessTree(ingest.pid)
    try:
        wait_until(lambda: len(tree.matching(is_parse_worker(ingest.pid))) >= 1, 600, "the parse workers", ingest)
        assert tree.matching(lambda p: "prefect" in " ".join(p.cmdline()) and "server" in " ".join(p.cmdline()))
        ingest.kill()
        ingest.wait()
        assert tree.survivors(10) == []
    finally:
        tree.kill()


def serve_command(watched: Path, out: Path, every: int = 5) -> list[str]:
    return [PYTHON, "-m", "flows.cli", "serve", "--watch", str(watched), "--out", str(out), "--every", str(every),
            "--reprocess-cron", "30 2 * * *"]


def ingested_sources(out: Path) -> set[str]:
    try:
        return {Path(s).name for s in pd.read_parquet(out / "documents.parquet")["source"]}
    except (OSError, ValueError):
        return set()


@pytest.mark.slow
def test_hard_edges_2_kill_9_of_serve_mid_tick_then_a_restart_ingests_the_next_file(tmp_path: Path) -> None:
    watched, out = tmp_path / "inbox", tmp_path / "out"
    write_articles(watched, 12, repeat=30)
    log = tmp_path / "serve-1.log"
    with open(log, "w") as stdout:
        serve = subprocess.Popen(serve_command(watched, out), cwd=REPO, env=cli_env(), stdout=stdout,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    tree = ProcessTree(serve.pid)
    try:
        def parsing() -> bool:  # a flow run's process with parse workers forked from it: mid-tick
            return any(tree.matching(is_parse_worker(run.pid)) for run in tree.matching(lambda p: p.pid != serve.pid))
        wait_until(parsing, 600, "a watch tick parsing", serve)
        serve.kill()
        serve.wait()
        assert tree.survivors(10) == []
    finally:
        tree.kill()

    (watched / "late.txt").write_text(article(99), encoding="utf-8")
    log = tmp_path / "serve-2.log"
    with open(log, "w") as stdout:
        restarted = subprocess.Popen(serve_command(watched, out), cwd=REPO, env=cli_env(), stdout=stdout,
                                     stderr=subprocess.STDOUT, start_new_session=True)
    tree = ProcessTree(restarted.pid)
    try:
        wait_until(lambda: "late.txt" in ingested_sources(out), 600, "the restarted serve to ingest", restarted)
        assert len(ingested_sources(out)) == 13
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=120)
        assert tree.survivors(30) == []
        assert "Traceback" not in log.read_text()
    finally:
        tree.kill()


@pytest.mark.slow
def test_hard_edges_3_a_second_serve_on_one_folder_refuses_and_pauses_nothing(tmp_path: Path) -> None:
    watched, out = tmp_path / "inbox", tmp_path / "out"
    watched.mkdir()
    log = tmp_path / "serve.log"
    with open(log, "w") as stdout:
        first = subprocess.Popen(serve_command(watched, out), cwd=REPO, env=cli_env(), stdout=stdout,
                                 stderr=subprocess.STDOUT, start_new_session=True)
    tree = ProcessTree(first.pid)
    try:
        wait_until(lambda: "UI at" in log.read_text(), 300, "the first serve", first)
        second = cli("serve", "--watch", str(watched), "--out", str(out), "--every", "5", timeout=120)
        assert second.returncode == 2
        assert one_line_error(second.stderr) == (f"dossier: another `dossier serve` (PID {first.pid}) is serving "
                                                 f"{out.resolve()}; stop it first")
        (watched / "after.txt").write_text(article(3), encoding="utf-8")
        wait_until(lambda: "after.txt" in ingested_sources(out), 600, "the first serve to go on ticking", first)
        first.send_signal(signal.SIGTERM)
        first.wait(timeout=120)
        assert tree.survivors(30) == []
    finally:
        tree.kill()


def test_hard_edges_2_a_stale_watch_lock_is_broken_with_a_message(tmp_path: Path) -> None:
    from flows.locks import exclusive

    lock = tmp_path / "out" / ".watch.lock"
    lock.parent.mkdir()
    # A killed run's orphan keeps the lock through an inherited descriptor, while the PID in the file is dead.
    dead = subprocess.Popen([PYTHON, "-c", "pass"])
    dead.wait()
    orphan = subprocess.Popen([PYTHON, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
                               "fcntl.flock(f, fcntl.LOCK_EX); f.write(sys.argv[2]); f.flush(); "
                               "print('held', flush=True); time.sleep(120)", str(lock), str(dead.pid)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert orphan.stdout.readline().strip() == "held"
        messages: list[str] = []
        with exclusive(lock, report=messages.append) as mine:
            assert mine is True
            with exclusive(lock, report=messages.append) as again:
                assert again is False  # the holder, this process, is alive: not stale
        assert messages == [f"dossier watch: broke a stale lock .watch.lock: its holder, PID {dead.pid}, is dead "
                            "(a process of a killed run still held it)"]
    finally:
        orphan.kill()
        orphan.wait()


KILLED_HOLDER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from flows.locks import exclusive
    with exclusive(Path(sys.argv[1])) as mine:
        child = os.fork()
        if child == 0:  # a parse worker forked during a tick
            time.sleep(120)
            os._exit(0)
        print(child, flush=True)
        time.sleep(120)
    """)


def test_hard_edges_2_forked_children_do_not_keep_the_lock_of_a_killed_holder(tmp_path: Path) -> None:
    from flows.locks import exclusive

    lock = tmp_path / ".watch.lock"
    holder = subprocess.Popen([PYTHON, "-c", KILLED_HOLDER, str(lock)], cwd=REPO, env=cli_env(),
                              stdout=subprocess.PIPE, text=True)
    child = int(holder.stdout.readline())
    try:
        # The child closes its copy in its after-fork hook, which it may not have run yet on a loaded machine.
        deadline = time.monotonic() + 60
        while any(Path(f.path) == lock for f in psutil.Process(child).open_files()) and time.monotonic() < deadline:
            time.sleep(0.05)
        holder.kill()
        holder.wait()
        assert psutil.pid_exists(child)
        messages: list[str] = []
        with exclusive(lock, report=messages.append) as mine:
            assert mine is True and messages == []  # free at once: not even a stale lock to break
    finally:
        os.kill(child, signal.SIGKILL)
