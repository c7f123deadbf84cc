from pathlib import Path

import pytest

from flows.settings import load_settings


def test_settings_defaults_then_file_then_env_then_overrides(tmp_path: Path) -> None:
    (tmp_path / "dossier.toml").write_text('batch_size = 4\nout = "from-file"\npdf_timeout = 5\n')
    settings = load_settings(cwd=tmp_path, env={"DOSSIER_BATCH_SIZE": "8"}, out="from-cli")
    assert settings.batch_size == 8
    assert settings.out == Path("from-cli")
    assert settings.pdf_timeout == 5.0
    assert settings.every == 300


def test_settings_read_tool_dossier_table_of_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.dossier]\nevery = 60\n')
    assert load_settings(cwd=tmp_path, env={}).every == 60


def test_settings_default_database_is_sqlite_inside_out(tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path, env={}, out=str(tmp_path / "o"))
    assert settings.resolved_database_url() == f"sqlite:///{(tmp_path / 'o' / 'dossier.db').resolve()}"
    other = load_settings(cwd=tmp_path, env={"DOSSIER_DATABASE_URL": "sqlite:////tmp/x.db"})
    assert other.resolved_database_url() == "sqlite:////tmp/x.db"


def test_settings_one_default_for_batch_size_and_pdf_timeout_in_every_flow() -> None:
    """Flows called without a setting use the Settings default, not a number of their own."""
    import inspect

    from extractors.read_pdf import DEFAULT_TIMEOUT_S
    from flows.ingest import ingest_documents, ingest_flow, reprocess_flow
    from flows.serve import ingest_changed, watch_flow
    from flows.settings import Settings

    assert Settings().pdf_timeout == DEFAULT_TIMEOUT_S
    for function in (ingest_documents, ingest_flow.fn, reprocess_flow.fn, watch_flow.fn):
        assert inspect.signature(function).parameters["batch_size"].default == Settings().batch_size
    for function in (ingest_documents, ingest_flow.fn, watch_flow.fn, ingest_changed):
        assert inspect.signature(function).parameters["pdf_timeout"].default == Settings().pdf_timeout


def test_settings_serve_passes_batch_size_and_pdf_timeout_to_its_deployments(tmp_path: Path) -> None:
    from flows.serve import REPROCESS_DEPLOYMENT, WATCH_DEPLOYMENT, build_deployments

    settings = load_settings(cwd=tmp_path, env={"DOSSIER_PDF_TIMEOUT": "7.5", "DOSSIER_BATCH_SIZE": "3"},
                             out=str(tmp_path / "out"), watch=[str(tmp_path / "inbox")])
    parameters = {d.name: d.parameters for d in build_deployments(settings)}
    assert parameters[WATCH_DEPLOYMENT]["pdf_timeout"] == 7.5
    assert parameters[WATCH_DEPLOYMENT]["batch_size"] == 3
    assert parameters[REPROCESS_DEPLOYMENT]["batch_size"] == 3


@pytest.mark.slow
def test_settings_a_watch_tick_reads_pdfs_with_the_configured_timeout(tmp_path: Path, prefect_harness) -> None:
    """A timeout no PDF parse can meet makes the tick's PDF a failed row saying so: the setting reached the reader."""
    import pandas as pd

    from flows.serve import watch_flow
    from tests.make_inputs import PdfSpec, write_pdf

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_pdf(inbox / "note.pdf", PdfSpec(blocks=[("title", "A short note"), ("para", "Nothing of note happened.")]))
    out = tmp_path / "out"
    state = watch_flow([str(inbox)], str(out), f"sqlite:///{out / 'dossier.db'}", 4, pdf_timeout=1e-9,
                       return_state=True)
    assert state.is_failed()  # a tick in which a file failed ends Failed
    documents = pd.read_parquet(out / "documents.parquet")
    assert list(documents["status"]) == ["failed"]
    assert "timed out after 1e-09 s" in documents["error"][0]
