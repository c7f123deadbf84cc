"""`dossier serve`: real deployments on a real local Prefect server, driven as a user would."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import psutil
import pytest

from flows.prefect_server import api_healthy, prefect_api, server_environment
from flows.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def test_serve_watch_folders_come_from_config_file_and_environment(tmp_path: Path) -> None:
    (tmp_path / "dossier.toml").write_text('watch = ["inbox", "archive"]\nevery = 30\n')
    assert load_settings(cwd=tmp_path, env={}).watch == (Path("inbox"), Path("archive"))
    env = {"DOSSIER_WATCH": os.pathsep.join(["a", "b/c"]), "DOSSIER_REPROCESS_CRON": "0 * * * *"}
    settings = load_settings(cwd=tmp_path, env=env)
    assert settings.watch == (Path("a"), Path("b/c")) and settings.reprocess_cron == "0 * * * *"
    assert settings.every == 30
    assert load_settings(cwd=tmp_path, env=env, watch=["x"]).watch == (Path("x"),)


def test_serve_uses_a_configured_prefect_api_and_starts_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    with prefect_api(tmp_path / "home") as (url, started_here):
        assert (url, started_here) == ("http://127.0.0.1:9/api", False)
    assert not (tmp_path / "home").exists()


def test_serve_server_environment_keeps_the_server_to_itself(tmp_path: Path) -> None:
    env = server_environment({"PREFECT_API_URL": "http://elsewhere/api", "PATH": "/bin",
                              "PREFECT_SERVER_ANALYTICS_ENABLED": "true"}, tmp_path)
    assert "PREFECT_API_URL" not in env and env["PATH"] == "/bin"
    assert env["PREFECT_HOME"] == str(tmp_path) and env["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"


def test_serve_points_the_ui_at_the_server_it_started(tmp_path: Path) -> None:
    env = server_environment({"PREFECT_UI_API_URL": "http://127.0.0.1:4200/api"}, tmp_path,
                             "http://127.0.0.1:4311/api")
    assert env["PREFECT_UI_API_URL"] == "http://127.0.0.1:4311/api"


def test_serve_port_is_the_preferred_one_or_the_next_free_one() -> None:
    from flows.prefect_server import PortTaken, choose_port

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        chosen = choose_port(taken, explicit=False)
        assert chosen != taken and taken < chosen < taken + 50
        with pytest.raises(PortTaken, match=f"port {taken} .* taken .*--prefect-port"):
            choose_port(taken, explicit=True)
    assert choose_port(chosen, explicit=True) == chosen


def test_serve_reports_a_left_out_file_once(tmp_path: Path) -> None:
    from flows.serve import newly_left_out, walk_watched

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "notes.docx").write_bytes(b"PK")
    (inbox / "brief.txt").write_text("A brief of our own.")
    files, missing, left_out = walk_watched([str(inbox), str(tmp_path / "gone")])
    assert [Path(f).name for f in files] == ["brief.txt"] and len(missing) == 1
    assert left_out == [[str(inbox / "notes.docx"), "unsupported file type .docx"]]
    assert newly_left_out(str(tmp_path / "out"), left_out) == left_out
    assert newly_left_out(str(tmp_path / "out"), left_out) == []


def wait_for(condition: Callable[[], bool], timeout: float, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"dossier serve exited ({process.returncode}) while waiting for {what}")
        time.sleep(1)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def ingested_sources(out: Path) -> set[str]:
    try:
        return {Path(s).name for s in pd.read_parquet(out / "documents.parquet")["source"]}
    except (OSError, ValueError):
        return set()


def deployments(api_url: str) -> dict[str, dict]:
    request = urllib.request.Request(f"{api_url}/deployments/filter", data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {d["name"]: d for d in json.load(response)}


@pytest.mark.slow
def test_serve_ingests_a_file_dropped_into_a_watched_folder_then_stops_its_server(tmp_path: Path,
                                                                                    corpus_dir: Path) -> None:
    watched, out, log = tmp_path / "inbox", tmp_path / "out", tmp_path / "serve.log"
    watched.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    with open(log, "w") as stdout, open(tmp_path / "serve.err", "w") as stderr:
        serve = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "serve", "--watch", str(watched), "--out", str(out), "--every", "5",
             "--reprocess-cron", "30 2 * * *"],
            cwd=REPO, env=env, stdout=stdout, stderr=stderr, start_new_session=True,
        )
    try:
        wait_for(lambda: "UI at" in log.read_text(), 180, serve, "the Prefect server")
        api_url = re.search(r"UI at (\S+)", log.read_text()).group(1) + "/api"
        assert api_healthy(api_url)
        wait_for(lambda: {"watch-folders", "reprocess-stale"} <= set(deployments(api_url)), 120, serve,
                 "the deployments")
        registered = deployments(api_url)
        assert registered["watch-folders"]["schedules"][0]["schedule"]["interval"] == 5
        assert registered["reprocess-stale"]["schedules"][0]["schedule"]["cron"] == "30 2 * * *"
        helpers = serve_processes(serve.pid)
        assert any("server" in " ".join(p.cmdline()) for p in helpers)

        shutil.copy(corpus_dir / "ies-nato-ap4-defence-ministers-2024.txt", watched / "dropped.txt")
        wait_for(lambda: "dropped.txt" in ingested_sources(out), 180, serve, "the dropped file in documents.parquet")
        assert len(pd.read_parquet(out / "claims.parquet")) > 10
    finally:
        helpers = serve_processes(serve.pid)
        stop(serve, signal.SIGINT, group=True)  # what Ctrl-C in a terminal sends
    assert serve.returncode == 0
    gone, alive = psutil.wait_procs(helpers, timeout=30)
    assert alive == [], f"left running: {[p.cmdline() for p in alive]}"
    assert not api_healthy(api_url)
    errors = (tmp_path / "serve.err").read_text()
    assert "Traceback" not in errors and "Warning" not in errors and "ERROR" not in errors, errors
    assert "dossier: stopped" in log.read_text()


@pytest.mark.slow
def test_serve_stops_its_server_on_sigterm(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PREFECT_API_URL", None)
    (tmp_path / "inbox").mkdir()
    serve = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--watch", str(tmp_path / "inbox"), "--out",
                              str(tmp_path / "out")], cwd=REPO, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        first = serve.stdout.readline()
        assert "UI at" in first, first + serve.stderr.read()
        api_url = first.split("UI at ")[1].strip() + "/api"
        helpers = serve_processes(serve.pid)
        assert api_healthy(api_url) and helpers
    finally:
        stop(serve, signal.SIGTERM)
    gone, alive = psutil.wait_procs(helpers, timeout=30)
    assert serve.returncode == 0 and alive == [] and not api_healthy(api_url)
    assert serve.stderr.read() == ""


def stop(process: subprocess.Popen, sig: int, group: bool = False) -> None:
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    try:
        process.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


def serve_processes(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_serve_watch_lock_admits_one_tick_and_dies_with_its_holder(tmp_path: Path) -> None:
    from flows.serve import exclusive

    lock = tmp_path / "out" / ".watch.lock"
    with exclusive(lock) as first:
        with exclusive(lock) as second:
            assert (first, second) == (True, False)
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); "
                               "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", str(lock)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with exclusive(lock) as while_held:
        assert while_held is False
    holder.kill()
    holder.wait()
    with exclusive(lock) as after_kill:
        assert after_kill is True


@pytest.mark.slow
def test_serve_marks_runs_left_running_as_crashed(prefect_harness) -> None:
    import asyncio

    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.states import Running

    from flows.serve import crash_leftover_runs

    @flow(name="left-behind")
    def left_behind() -> None:
        pass

    async def scenario() -> tuple[int, str]:
        async with get_client() as client:
            run = await client.create_flow_run(left_behind, state=Running())
            crashed = await crash_leftover_runs()
            return crashed, (await client.read_flow_run(run.id)).state.type.value

    crashed, state = asyncio.run(scenario())
    assert crashed >= 1 and state == "CRASHED"


def test_serve_port_ownership_is_told_by_who_holds_the_listening_socket() -> None:
    from flows.prefect_server import serves_port

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        assert serves_port(os.getpgid(0), port)
        other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)
        try:
            assert not serves_port(other.pid, port)
        finally:
            other.kill()
            other.wait()


@pytest.mark.slow
def test_serve_two_servers_started_together_each_get_their_own_port(tmp_path: Path) -> None:
    """Two runs starting at once both see the same port free; each must end up on a server of its own, not on the
    other's (which dies with the other run)."""
    import threading

    from flows.prefect_server import LocalPrefectServer, free_port, serves_port

    preferred = free_port()
    servers = [LocalPrefectServer(home=tmp_path / name, port=preferred) for name in ("a", "b")]
    started = [threading.Event() for _ in servers]
    finished = threading.Event()

    def run(server: LocalPrefectServer, ready: threading.Event) -> None:
        # The starting thread lives on until the checks are done: a server dies with the thread that started it.
        try:
            server.start(timeout=300)
        finally:
            ready.set()
        finished.wait()

    threads = [threading.Thread(target=run, args=pair) for pair in zip(servers, started, strict=True)]
    for thread in threads:
        thread.start()
    try:
        for ready in started:
            ready.wait(timeout=400)
        assert servers[0].port != servers[1].port
        for server in servers:
            assert server.process is not None and server.process.poll() is None
            assert serves_port(server.process.pid, server.port)
    finally:
        finished.set()
        for thread in threads:
            thread.join()
        for server in servers:
            server.stop()
