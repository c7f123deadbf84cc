"""extractors.pipeline: one extractor's exception costs only its own dataset; the document is stored `partial`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import extractors.registry as registry
from extractors.pipeline import StageRunner, no_timer
from flows.pipeline_run import current_pipeline_version, export_store, ingest_paths, reextract_stored

ARTICLE = (
    "NATO defence ministers met in Brussels on 14 February 2024. Germany pledged EUR 7 billion in military aid, "
    "the Kiel Institute said. Japan may add $4.5 billion next year.\n"
)


def test_pipeline_stage_runner_returns_fallback_and_names_the_stage() -> None:
    stages = StageRunner(no_timer)
    assert stages.run("figures", lambda text: int(text), "not a number", fallback=[]) == []
    assert stages.run("dates", lambda text: text.upper(), "ok", fallback="") == "OK"
    assert len(stages.errors) == 1
    assert stages.errors[0].startswith("figures: ValueError: invalid literal for int()")
    assert "\n" not in stages.errors[0]


def raise_type_error(*_args: object) -> list:
    raise TypeError("'<' not supported between instances of 'Person' and 'Person'")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "aid.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_pipeline_failing_extractor_leaves_document_partial_with_other_datasets(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    version = current_pipeline_version()
    with monkeypatch.context() as patch:  # a fault injected into one real extractor
        patch.setitem(registry.STEPS, "figures", replace(registry.STEPS["figures"], run=raise_type_error))
        outcomes = ingest_paths(database_url, [str(article)], version)
    assert [o.status for o in outcomes] == ["partial"]
    assert outcomes[0].error.startswith("extraction failed: figures: TypeError: '<' not supported")
    export_store(database_url, tmp_path / "out")
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert documents["status"].tolist() == ["partial"]
    assert "figures: TypeError" in documents["error"].iloc[0]
    actors = pd.read_parquet(tmp_path / "out" / "actors.parquet")
    dates = pd.read_parquet(tmp_path / "out" / "dates.parquet")
    assert {"DEU", "JPN"} <= set(actors["iso3"].dropna())
    assert "2024-02-14" in set(dates["value"])
    assert not (tmp_path / "out" / "figures.parquet").exists() or pd.read_parquet(
        tmp_path / "out" / "figures.parquet").empty

    # Reprocessing with the extractor mended clears the partial state and fills the missing dataset.
    outcomes = reextract_stored(database_url, [outcomes[0].doc_id], version)
    assert [o.status for o in outcomes] == ["ok"]
    export_store(database_url, tmp_path / "out")
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet")["error"].isna().all()
    assert 7e9 in set(pd.read_parquet(tmp_path / "out" / "figures.parquet")["value"])


def test_pipeline_steps_run_in_the_order_their_needs_imply() -> None:
    order = [step.name for step in registry.step_order(registry.STEPS)]
    for step in registry.STEPS.values():
        for need in step.needs:
            if need not in registry.GIVEN:
                assert order.index(need) < order.index(step.name), (need, step.name)
    # declared backwards, the order is still one the needs allow: it comes from the declarations, not their order
    backwards = dict(reversed(list(registry.STEPS.items())))
    assert [s.name for s in registry.step_order(backwards)][:2] == ["tables", "context"]
    assert [s.name for s in registry.step_order(backwards)][-1] == "figure_claims"


def test_pipeline_step_order_refuses_unknown_needs_and_cycles() -> None:
    def step(name: str, *needs: str) -> registry.Step:
        return registry.Step(name, list, needs)

    with pytest.raises(registry.StepOrderError, match="nothing produces missing"):
        registry.step_order({"a": step("a", "doc", "missing")})
    with pytest.raises(registry.StepOrderError, match="need each other: a, b"):
        registry.step_order({"a": step("a", "b"), "b": step("b", "a"), "c": step("c", "doc")})


def test_pipeline_ids_are_stamped_before_later_steps_read_them(nlp) -> None:
    from extractors.document import Document
    from extractors.pipeline import extract_document

    document = Document(doc_id="aid", source="aid.txt", format="txt", text=ARTICLE)
    extraction = extract_document(document, nlp(ARTICLE), nlp=nlp)
    figure_ids = {f.id for f in extraction.figures}
    assert figure_ids and all(i.startswith("fig-") for i in figure_ids)
    linked = [fid for claim in extraction.claims for fid in claim.figure_ids]
    assert linked and set(linked) <= figure_ids  # claims read figure ids that existed when claims ran
    claim_ids = {c.id for c in extraction.claims}
    assert {f.claim_id for f in extraction.figures if f.id in linked} <= claim_ids
    assert all(m.id.startswith("men-") for a in extraction.actors for m in a.mentions)


def test_pipeline_drop_keys_name_the_extractor() -> None:
    assert registry.drop_key("claims", "meta-discourse or opinion marker") == "claims.meta_discourse_or_opinion_marker"
    assert registry.drop_key("actors", "actors.stop_word") == "actors.stop_word"


def test_pipeline_extractors_do_not_load_the_model_themselves() -> None:
    """An extractor is a function of its inputs: the model a step needs is passed in ("nlp"), never fetched."""
    import ast

    package = Path(registry.__file__).parent
    for path in package.rglob("*.py"):
        if path.name in {"nlp.py", "pipeline.py"}:
            continue
        names = {n.id for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))) if isinstance(n, ast.Name)}
        assert "load_nlp" not in names, path


def test_pipeline_drops_reach_the_documents_row_and_the_run_summary(tmp_path: Path) -> None:
    import json

    from flows.ingest import summary_rows

    path = tmp_path / "in" / "lima.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE.replace("Germany", "Will Lima buy 4 more helicopters in 2025? Germany"), encoding="utf-8")
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    outcomes = ingest_paths(database_url, [str(path)], current_pipeline_version())
    assert outcomes[0].drops["claims.question"] == 1
    export_store(database_url, tmp_path / "out")
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    stored = json.loads(documents["drops"].iloc[0])
    assert stored == outcomes[0].drops
    assert documents["drops"].iloc[0] == json.dumps(stored, sort_keys=True, separators=(",", ":"))
    table = summary_rows([o.as_dict() for o in outcomes * 2], {}, {})  # two documents' drops add up
    left_out = {row["what"]: row["count"] for row in table if row["section"] == "left out"}
    assert left_out["claims.question"] == 2


def test_pipeline_unreadable_file_has_no_drops(tmp_path: Path) -> None:
    from flows.rows import drops_json

    assert drops_json(None) is None
    assert drops_json({}) == "{}"
    assert drops_json({"claims.question": 2, "actors.stop_word": 1}) == '{"actors.stop_word":1,"claims.question":2}'


def test_pipeline_actors_step_gives_the_extractors_actors_and_their_drops(nlp) -> None:
    """The actors step gives what extract_actors gives, and the candidates its stages left out as counts."""
    from extractors.actors import extract_actors
    from extractors.records import ArticleContext

    doc = nlp(ARTICLE)
    context = ArticleContext(doc_id="aid")
    result = registry.actors_with_drops(doc, context)
    assert {a.actor_id for a in result.records} >= {"country:DEU", "country:JPN", "organization:nato"}
    assert [(a.actor_id, len(a.mentions)) for a in result.records] == [
        (a.actor_id, len(a.mentions)) for a in extract_actors(doc, context)]
    assert all(isinstance(n, int) and n > 0 for n in result.drops.values())


def test_pipeline_extraction_keeps_no_doc_alive(nlp) -> None:
    """Whatever an extractor caches per Doc dies with the Doc: a long ingest must not hold every parsed article."""
    import gc
    import weakref

    from extractors.document import Document
    from extractors.pipeline import extract_document

    document = Document(doc_id="memory", source="memory.txt", format="txt", text=ARTICLE)
    doc = nlp(ARTICLE)
    extraction = extract_document(document, doc, nlp=nlp)
    assert extraction.figures and not extraction.errors
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None
