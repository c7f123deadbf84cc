"""Prefect settings dossier needs, applied before Prefect is imported (Prefect reads them at import).

`flows/__init__.py` calls configure_prefect_environment, so every command and every process that imports `flows`
gets them; the user's own environment wins where it sets a value.
"""

from __future__ import annotations

import logging
import os
import warnings

DEFAULTS = {
    # No telemetry from any command: the server's analytics, and the SDK's (which also prints a first-run notice
    # in a terminal). There is no network here, and users did not ask for it.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # Users see dossier's own progress lines; Prefect's INFO chatter is kept out of the terminal.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # ... but the run loggers send INFO (a line per document, the run's states) to the Prefect API, so the UI shows
    # each run's logs; the console handler still prints only warnings and errors.
    "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
}


def configure_prefect_environment() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Shutdown of the ephemeral server logs harmless tracebacks through these loggers.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # spaCy's own parse workers (extractors.nlp.parse_texts with n_process > 1), forked inside a flow run, end with
    # status 1 after sending every Doc (Prefect's at-fork hooks); spaCy reports that as W127. parse_texts checks
    # that every text came back.
    warnings.filterwarnings("ignore", message=r"\[W127\]")
