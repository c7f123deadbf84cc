"""The review app served by uvicorn in a background thread on a free loopback port (the benchmark and the tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from flows.prefect_server import free_port

STARTUP_S = 30.0  # a server not up by then has failed to start (a busy machine takes a few seconds)

__all__ = ["free_port", "serving"]


@contextmanager
def serving(app: object) -> Iterator[str]:
    """uvicorn in a background thread on a free loopback port; yields the base URL, stops the server after."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the review server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
