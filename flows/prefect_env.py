"""Prefect settings dossier needs, applied before Prefect is imported (Prefect reads them at import)."""

from __future__ import annotations

import logging
import os
import warnings

DEFAULTS = {
    # No network here: telemetry would only fail and log noise.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # Users see dossier's own progress lines; Prefect's INFO chatter is kept out of the terminal.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure_prefect_environment() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Shutdown of the ephemeral server logs harmless tracebacks through these loggers.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # spaCy's parse workers, forked inside a flow run, end with status 1 after sending every Doc (Prefect's
    # at-fork hooks); spaCy reports that as W127. extractors.nlp.parse_texts checks that every text came back.
    warnings.filterwarnings("ignore", message=r"\[W127\]")
