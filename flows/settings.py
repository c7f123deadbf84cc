"""Configuration in one place: defaults, then [tool.dossier] in pyproject.toml or dossier.toml, then DOSSIER_* env."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from extractors.read_pdf import DEFAULT_TIMEOUT_S


@dataclass(frozen=True, slots=True)
class Settings:
    out: Path = Path("outputs")
    database_url: str | None = None  # None: SQLite file inside `out`
    batch_size: int = 32  # documents per Prefect task (one nlp.pipe stream each)
    pdf_timeout: float = DEFAULT_TIMEOUT_S  # seconds before a PDF that hangs pdfminer is given up
    every: int = 300  # seconds between scheduled ingests of watched folders
    reprocess_cron: str = "0 3 * * *"  # nightly reprocessing of stale documents
    workers: int = 1  # Dask worker processes for batches (1: run them in this process)
    dask_address: str | None = None  # an existing Dask scheduler, e.g. tcp://10.0.0.5:8786
    watch: tuple[Path, ...] = ()  # folders `dossier serve` ingests from; DOSSIER_WATCH separates them with os.pathsep
    # Bounds on one file; a file over one becomes a failed row saying which (0: no bound).
    # The export reads the store this many documents at a time: its memory follows this, not the corpus size.
    export_slice_docs: int = 100
    # Above this many extracted rows in the store, Parquet is written as a folder of part files per dataset (0:
    # always one file; `dossier export --partitioned` asks for parts whatever the size).
    export_partition_rows: int = 2_000_000
    export_part_rows: int = 500_000  # rows per part file of a partitioned dataset
    max_text_mb: float = 20.0  # txt, md, html: articles are kilobytes; 20 MB of text is already a book shelf
    max_pdf_mb: float = 200.0
    reader_memory_mb: int = 2048  # address space of the PDF reader's child (a 3 MB PDF can unpack to gigabytes)

    def read_limits(self) -> dict[str, int | None]:
        """The bounds as extractors.readers.ReadLimits fields, in bytes (plain values: a flow parameter)."""
        def in_bytes(megabytes: float) -> int | None:
            return int(megabytes * 1_000_000) if megabytes > 0 else None

        return {"max_text_bytes": in_bytes(self.max_text_mb), "max_pdf_bytes": in_bytes(self.max_pdf_mb),
                "reader_memory_bytes": in_bytes(self.reader_memory_mb)}

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(Path(self.out) / 'dossier.db').resolve()}"


DEFAULTS = Settings()  # what a flow or task uses for a setting its caller did not pass


def coerce(name: str, raw: object) -> object:
    default = getattr(Settings(), name)
    if name == "out":
        return Path(str(raw))
    if name == "watch":
        items = raw.split(os.pathsep) if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
        return tuple(Path(str(item)) for item in items if str(item))
    if isinstance(default, bool):
        return str(raw).lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(str(raw))
    if isinstance(default, float):
        return float(str(raw))
    return None if raw in ("", None) else str(raw)


def file_settings(cwd: Path) -> dict[str, object]:
    dossier_toml = cwd / "dossier.toml"
    if dossier_toml.exists():
        return tomllib.loads(dossier_toml.read_text(encoding="utf-8"))
    pyproject = cwd / "pyproject.toml"
    if pyproject.exists():
        return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("dossier", {})
    return {}


def load_settings(cwd: Path | None = None, env: dict[str, str] | None = None, **overrides: object) -> Settings:
    """Later sources win: defaults < config file < DOSSIER_* environment < explicit overrides (CLI flags)."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    names = {f.name for f in fields(Settings)}
    for key, raw in file_settings(cwd or Path.cwd()).items():
        key = key.replace("-", "_")
        if key in names:
            values[key] = coerce(key, raw)
    for name in names:
        raw = env.get(f"DOSSIER_{name.upper()}")
        if raw is not None:
            values[name] = coerce(name, raw)
    values.update({k: coerce(k, v) for k, v in overrides.items() if v is not None and k in names})
    return replace(Settings(), **values)


def settings_json(settings: Settings) -> str:
    """Settings for a child process (the `dossier serve` runner) that must see exactly these."""
    def plain(value: object) -> object:
        if isinstance(value, tuple):
            return [str(v) for v in value]
        return str(value) if isinstance(value, Path) else value

    return json.dumps({f.name: plain(getattr(settings, f.name)) for f in fields(Settings)})


def settings_from_json(text: str) -> Settings:
    values = json.loads(text)
    return replace(Settings(), **{k: coerce(k, v) for k, v in values.items() if v is not None})
