"""A local Prefect server for `dossier serve`, because Prefect's ephemeral server schedules nothing.

Started as `prefect server start` on loopback and a free port, with its own PREFECT_HOME (and so its own SQLite
database) under the output folder; its chatter goes to a log file there. It is stopped when dossier stops, and
dies with dossier even when dossier is killed outright (Linux parent-death signal). No Prefect import here: the
API URL must be in the environment before Prefect is first imported.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

HOST = "127.0.0.1"
# Prefect's own default: a bookmarked UI keeps working across restarts.
DEFAULT_PORT = 4200
PORTS_TRIED = 50
PR_SET_PDEATHSIG = 1
# Prefect settings the client in dossier's own process may carry; the server must not inherit them.
CLIENT_ONLY_VARIABLES = ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_HOME", "PREFECT_PROFILES_PATH",
                         "PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL")


# Prefect's own WARNINGs through the root logger are shutdown chatter of its client services ("EventsWorker - Still
# processing items"), not the user's business; errors still show. Applied before Prefect is imported.
QUIET_LOGGING = {"PREFECT_LOGGING_ROOT_LEVEL": "ERROR"}


def quiet_prefect_logging() -> None:
    for key, value in QUIET_LOGGING.items():
        os.environ.setdefault(key, value)


class ServerStartError(RuntimeError):
    """The local Prefect server did not come up; the message ends with the tail of its log."""


class PortTaken(ServerStartError):
    """The port asked for is in use by another program."""


def prefect_home() -> Path:
    """Where Prefect keeps its database when nothing else is said (its ephemeral server uses the same)."""
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def free_port(host: str = HOST) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether a server could listen on host:port now. SO_REUSEADDR as uvicorn sets it: a port a stopped server left
    in TIME_WAIT counts as free, so a restart gets its old port back."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
        return True


def choose_port(preferred: int, explicit: bool, host: str = HOST) -> int:
    """`preferred` when free; else, unless the user chose it explicitly (then PortTaken), the next free one."""
    if port_is_free(preferred, host):
        return preferred
    if explicit:
        raise PortTaken(f"port {preferred} on {host} is taken by another program: choose another --prefect-port")
    for port in range(preferred + 1, preferred + PORTS_TRIED):
        if port_is_free(port, host):
            return port
    return free_port(host)


def claim_port(port: int, host: str = HOST) -> TextIO | None:
    """A lock that says this dossier process is starting a server on `port`, or None when another dossier process
    holds it. Two runs started together both see a port free and would both start a server there: the second
    server fails to bind, but the first one answers the second run's health check, and the second run then
    depends on a server that dies with the first run. The OS frees the lock when its holder dies."""
    path = Path(tempfile.gettempdir()) / f"dossier-prefect-{host}-{port}.lock"
    handle = open(path, "a+")  # noqa: SIM115 - held while the server runs; Python opens it close-on-exec
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def listening_socket_inodes(port: int) -> set[str]:
    """Inodes of the sockets listening on `port` on this machine (Linux /proc; empty elsewhere)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(fields[9])
    return inodes


def group_socket_inodes(pgid: int) -> set[str] | None:
    """Inodes of the sockets the processes of group `pgid` hold open, or None where /proc cannot tell."""
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    inodes: set[str] = set()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The fields after the command name, which may hold spaces and brackets: state, ppid, pgrp.
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
            if int(stat[2]) != pgid:
                continue
            for fd in (entry / "fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except (OSError, IndexError, ValueError):
            continue
    return inodes


def serves_port(pgid: int, port: int) -> bool:
    """Whether the server answering on `port` is ours (a process of group `pgid` holds its listening socket).
    True where the OS cannot tell."""
    listening = listening_socket_inodes(port)
    ours = group_socket_inodes(pgid)
    if not listening or ours is None:
        return True
    return bool(listening & ours)


def die_with_parent() -> None:
    """Runs in the child before exec: ask Linux to SIGTERM it when dossier dies, even by kill -9."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass


def server_environment(base: dict[str, str], home: Path, api_url: str | None = None) -> dict[str, str]:
    """The server's environment: its own home, no analytics, and the UI pointed at this server's API (Prefect's UI
    otherwise asks 127.0.0.1:4200, whatever port the server runs on)."""
    env = {k: v for k, v in base.items() if k not in CLIENT_ONLY_VARIABLES}
    if api_url:
        env["PREFECT_UI_API_URL"] = api_url
    env.update({
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no network here; telemetry would only fail
        "PREFECT_SERVER_LOGGING_LEVEL": base.get("PREFECT_SERVER_LOGGING_LEVEL", "WARNING"),
        "PREFECT_LOGGING_LEVEL": base.get("PREFECT_LOGGING_LEVEL", "WARNING"),
        "PREFECT_CLI_PROMPT": "false",
    })
    return env


def api_healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@dataclass
class LocalPrefectServer:
    home: Path
    host: str = HOST
    port: int = DEFAULT_PORT
    explicit_port: bool = False  # the user chose the port: a taken one is an error, not a reason to move
    process: subprocess.Popen | None = field(default=None, repr=False)
    port_claim: TextIO | None = field(default=None, repr=False)

    @property
    def ui_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.ui_url}/api"

    @property
    def log_path(self) -> Path:
        return self.home / "server.log"

    def log_tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def start(self, timeout: float = 180.0) -> None:
        """Start the server and wait until its API answers; raise ServerStartError (and leave nothing running)."""
        self.home.mkdir(parents=True, exist_ok=True)
        preferred = self.port
        for _attempt in range(3):  # another program may take the free port between probing and binding
            self.stop_process(grace=5.0)
            self.port = self.claimed_port(preferred)
            preferred = self.port + 1
            with open(self.log_path, "ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "prefect", "server", "start", "--host", self.host, "--port",
                     str(self.port), "--analytics-off", "--no-background"],
                    env=server_environment(dict(os.environ), self.home, self.api_url), cwd=self.home,
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    # Its own session: Ctrl-C in the terminal reaches dossier, which stops the server in order.
                    start_new_session=True, preexec_fn=die_with_parent,
                )
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    break
                if api_healthy(self.api_url):
                    if serves_port(self.process.pid, self.port):
                        return
                    break  # another program's server answers on this port; ours cannot bind it
                time.sleep(0.5)
            else:
                self.stop()
                raise ServerStartError(f"Prefect server not healthy after {timeout:.0f} s:\n{self.log_tail()}")
        self.stop()
        raise ServerStartError(f"Prefect server exited at start:\n{self.log_tail()}")

    def claimed_port(self, preferred: int) -> int:
        """A free port no other dossier process is starting a server on, claimed for this server."""
        self.release_port()
        for _ in range(PORTS_TRIED):
            port = choose_port(preferred, self.explicit_port, self.host)
            self.port_claim = claim_port(port, self.host)
            if self.port_claim is not None:
                return port
            if self.explicit_port:
                raise PortTaken(f"port {port} on {self.host} is being taken by another dossier run: choose "
                                "another --prefect-port")
            preferred = port + 1
        return free_port(self.host)

    def release_port(self) -> None:
        claim, self.port_claim = self.port_claim, None
        if claim is not None:
            claim.close()

    def stop(self, grace: float = 20.0) -> None:
        """SIGTERM the server's process group, SIGKILL it after `grace` seconds."""
        try:
            self.stop_process(grace)
        finally:
            self.release_port()

    def stop_process(self, grace: float) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
            if process.poll() is not None:
                break
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
        if process.poll() is None:
            process.wait()


def run_supervised(command: list[str], grace: float = 60.0, announce: Callable[[str], None] | None = None) -> int:
    """Run `command` until it ends or we are interrupted; then SIGTERM it, and SIGKILL its group after `grace`.

    It gets its own session, so Ctrl-C in the terminal reaches only dossier, which stops it in order; it and the
    processes it starts never see the SIGINT (Prefect's flow-run processes would print tracebacks). It dies with
    dossier even when dossier is killed outright.
    """
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=die_with_parent,
                               env={**os.environ, SERVED_MARKER: "1", SERVE_PID: str(os.getpid())})
    try:
        return process.wait()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the shutdown short
        if announce:
            announce("stopping the scheduled runs (a run in progress is cancelled; stored documents stay)")
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        raise


SERVED_MARKER = "DOSSIER_SERVED_RUN"
RUNNER_PID = "DOSSIER_RUNNER_PID"
SERVE_PID = "DOSSIER_SERVE_PID"


def quiet_termination() -> None:
    """Called at the start of a flow: in a flow run that `dossier serve` started, SIGTERM (its runner stopping)
    ends the process at once. Each document is committed whole or not at all, so there is nothing to clean up, and
    Prefect's crash reports of a deliberate stop would only be noise on the terminal. The run also dies with its
    runner, even one killed outright."""
    if os.environ.get(SERVED_MARKER) != "1":
        return
    runner = os.environ.get(RUNNER_PID, "")
    if runner.isdigit():
        from flows.lifeline import watch_parent

        if os.getppid() != int(runner):  # the runner died while this run was starting
            os._exit(128 + signal.SIGKILL)
        # A thread that watches the parent, not prctl: the flow may run in a thread that ends before the process
        # does (a finished run still talks to the server), and a parent-death signal is a property of a thread.
        watch_parent(int(runner), signal.SIGKILL)
    try:
        signal.signal(signal.SIGTERM, lambda _signum, _frame: os._exit(128 + signal.SIGTERM))
    except ValueError:  # not the main thread: Prefect's handling stays
        pass


def raise_keyboard_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def flush_run_logs() -> None:
    """Send the run logs Prefect still holds to the server before it stops; otherwise Prefect prints "Error logging
    to API" once it is gone. Best effort: a log line lost at shutdown must not fail the run."""
    from prefect.logging.handlers import APILogHandler

    try:
        APILogHandler().flush()
    except Exception:  # noqa: BLE001 - see the docstring
        pass


@contextmanager
def prefect_api(home: Path, timeout: float = 180.0, port: int | None = None,
                announce: Callable[[str], None] | None = None) -> Iterator[tuple[str, bool]]:
    """The Prefect API to use: PREFECT_API_URL when set, else a local server started here (on `port`, else 4200 or
    the next free port) and stopped on exit. `announce` hears what it does that a user should know.

    Yields (api url, started here). SIGTERM is turned into KeyboardInterrupt while the server is starting, so a
    stop request then still stops it.
    """
    existing = os.environ.get("PREFECT_API_URL")
    if existing:
        yield existing, False
        return
    previous = signal.signal(signal.SIGTERM, raise_keyboard_interrupt)
    server = LocalPrefectServer(home=home, port=port or DEFAULT_PORT, explicit_port=port is not None)
    try:
        server.start(timeout=timeout)
        if announce and server.port != (port or DEFAULT_PORT):
            announce(f"port {port or DEFAULT_PORT} is taken; the Prefect server uses port {server.port}")
        os.environ["PREFECT_API_URL"] = server.api_url
        yield server.api_url, True
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second stop request must not cut the shutdown short
        if announce and server.process is not None:
            announce("stopping the local Prefect server")
        flush_run_logs()
        server.stop()
        os.environ.pop("PREFECT_API_URL", None)
        signal.signal(signal.SIGTERM, previous)
