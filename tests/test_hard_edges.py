"""Hostile files, failing disks, killed processes and hostile clients of the review server (issue 16).

Each test reproduces one failure the issue reports, with real files, real SQLite, real processes and, where it
matters, the real CLI with its real Prefect server. The numbers in the test names are the issue's points.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psutil
import pytest

from extractors.read_text import decode_text
from extractors.readers import ReadLimits, discover_files, display_name, read_document
from flows.export import write_datasets
from flows.pipeline_run import current_pipeline_version, ingest_paths, store_for
from flows.settings import load_settings
from flows.store import export_rows

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
# Sentences written for these tests.
ARTICLE = (
    "Harbour talks in Lisbon\n\n"
    "Portugal and Morocco agreed on 4 March 2025 to share coastguard radar data, the Portuguese defence ministry "
    "said. The deal covers 12 stations and costs about EUR 40 million over five years.\n\n"
    "Officials in Rabat described the agreement as a first step. Spain may join later, according to one diplomat.\n"
)


def article(n: int) -> str:
    """Distinct contents (so distinct documents) of the same shape."""
    return ARTICLE.replace("12 stations", f"{12 + n} stations")


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600, **kwargs: object
        ) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    environment.pop("PREFECT_API_URL", None)
    return subprocess.run([PYTHON, "-m", "flows.cli", *args], cwd=REPO, env=environment, capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def store_url(out: Path) -> str:
    return f"sqlite:///{out / 'dossier.db'}"


@pytest.fixture(scope="module")
def version(nlp: object) -> str:
    return current_pipeline_version()


@contextmanager_fixture := None  # placeholder removed below
