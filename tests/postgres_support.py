"""A throw-away PostgreSQL database per test, on the server the machines run (127.0.0.1:5432, trust auth)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

ADMIN_DSN = os.environ.get("DOSSIER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def admin_connection():  # noqa: ANN201 - psycopg is imported lazily so the module loads where it is missing
    import psycopg

    return psycopg.connect(ADMIN_DSN, autocommit=True, connect_timeout=3)


def fresh_postgres_database() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a new empty database; drop it afterwards. Skip where no server answers."""
    try:
        admin = admin_connection()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means: no server here
        pytest.skip(f"no PostgreSQL at {ADMIN_DSN}: {type(exc).__name__}")
    name = f"dossier_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
