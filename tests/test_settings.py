from pathlib import Path

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
