"""`dossier serve` seen in headless Chromium: the Prefect UI at the URL serve printed shows the watch runs, a tick in
which a file failed as Failed, each run's document lines in its logs, and the summary artifact."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import psutil
import pytest

from flows.prefect_server import free_port

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = REPO / "outputs" / "prefect-ui-screenshot.png"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"),
]


def wait_for(condition: Callable[[], object], timeout: float, process: subprocess.Popen, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if process.poll() is not None:
            pytest.fail(f"dossier serve exited ({process.returncode}) while waiting for {what}")
        time.sleep(1)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def api(url: str, path: str, body: dict | None = None) -> object:
    request = urllib.request.Request(f"{url}{path}", data=None if body is None else json.dumps(body).encode(),
                                     method="GET" if body is None else "POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def failed_watch_run(api_url: str) -> dict | None:
    runs = api(api_url, "/flow_runs/filter", {"flow_runs": {"state": {"type": {"any_": ["FAILED"]}}}})
    return runs[0] if runs else None


def test_serve_prefect_ui_shows_runs_their_logs_and_the_artifact(tmp_path: Path, corpus_dir: Path) -> None:
    from playwright.sync_api import sync_playwright

    inbox, out, log = tmp_path / "inbox", tmp_path / "out", tmp_path / "serve.log"
    inbox.mkdir()
    shutil.copy(corpus_dir / "arctic-shipping-2023.txt", inbox / "brief.txt")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "notes.docx").write_bytes(b"PK")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    port = free_port()
    with open(log, "w") as stdout, open(tmp_path / "serve.err", "w") as stderr:
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--watch", str(inbox), "--out", str(out), "--every", "5",
             "--prefect-port", str(port)], cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True)
    helpers: list[psutil.Process] = []
    try:
        ui = wait_for(lambda: re.search(r"UI at (\S+)", log.read_text()), 180, serve, "the Prefect server").group(1)
        assert ui == f"http://127.0.0.1:{port}"
        api_url = f"{ui}/api"
        assert api(ui, "/ui-settings")["api_url"] == api_url  # what the UI's scripts call
        run = wait_for(lambda: failed_watch_run(api_url), 600, serve, "a watch tick that ends Failed")
        assert "1 of 2 file(s) failed" in run["state"]["message"] and "empty.txt" in run["state"]["message"]
        helpers = psutil.Process(serve.pid).children(recursive=True)

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-gpu",
                                                       "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{ui}/runs", wait_until="networkidle")
            page.get_by_text(run["name"]).first.wait_for(timeout=60_000)
            assert "dossier-watch" in page.inner_text("body")
            page.goto(f"{ui}/runs/flow-run/{run['id']}", wait_until="networkidle")
            page.get_by_text(re.compile(r"ok\s+\S*brief\.txt \(actors \d+")).first.wait_for(timeout=60_000)
            page.get_by_text(re.compile(r"failed\s+\S*empty\.txt: ")).first.wait_for(timeout=10_000)
            page.get_by_text("1 of 2 file(s) failed", exact=False).first.wait_for(timeout=10_000)
            assert "Failed" in page.inner_text("body")
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            page.get_by_text("Artifacts", exact=True).first.click()
            page.get_by_text("dossier-ingest-summary").first.wait_for(timeout=60_000)
            artifact = api(api_url, "/artifacts/filter", {"artifacts": {"key": {"any_": ["dossier-ingest-summary"]},
                                                                         "flow_run_id": {"any_": [run["id"]]}}})[0]
            page.goto(f"{ui}/artifacts/artifact/{artifact['id']}", wait_until="networkidle")
            page.get_by_text("partial (an extractor failed)").first.wait_for(timeout=60_000)
            body = page.inner_text("body")
            assert "file not ingested: unsupported file type .docx" in body
            browser.close()
    finally:
        helpers = helpers or psutil.Process(serve.pid).children(recursive=True)
        os.killpg(serve.pid, signal.SIGINT)  # Ctrl-C
        try:
            serve.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            raise
    _gone, alive = psutil.wait_procs(helpers, timeout=30)
    assert serve.returncode == 0 and alive == []
    printed = log.read_text()
    assert f"not ingested: {inbox / 'notes.docx'}: unsupported file type .docx" in printed
    assert printed.count("notes.docx") == 1  # once, not every tick
    assert printed.index("stopping the scheduled runs") < printed.index("stopping the local Prefect server") \
        < printed.index("dossier: stopped")
    assert "Traceback" not in (tmp_path / "serve.err").read_text()
