"""The evaluation gate: scores from ../shared/eval/score.py may not fall below the floors we reached.

Gold sets: the seeds (../shared/gold), our own annotated articles in corpus/ (tests/gold), sets of our own articles
that were annotated blind but have since been fixed against, so they are development sets (tests/devset1,
tests/devset2, tests/devset3: articles and gold side by side, in txt, md, html and pdf; tests/devset4 and
tests/devset5, tests/devset6, tests/devset7: figures and facts, who and what each figure is about; tests/devset8:
figures, facts, meta and tables; tests/devset9: every part; tests/quantities_dev: quantity expressions in many
written forms, figures only; tests/meta_dev: article openings and endings, metadata only; tests/roles_dev: people
and the forms their roles are given in), and the public development sets in ../shared/dev (dates: TempEval-3
training; attribution: PolNeAR; tables: ICDAR 2013 PDFs), each scored on the one part its gold annotates. Every
document of ../shared/dev must be extracted whole: none may fail or be partial. tests/blind, tests/devset10 and
tests/devset11 are blind sets and are never in the gate.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows.evaluate import extract_to_datasets

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
OWN_GOLD = Path(__file__).parent / "gold"
OWN_DEV_SETS = {name: Path(__file__).parent / name for name in ("devset1", "devset2", "devset3", "devset4", "devset5",
                                                                    "devset6", "devset7", "devset8", "devset9",
                                                                    "quantities_dev", "meta_dev", "roles_dev")}
DEV_SETS = {f"dev-{name}": name for name in ("dates", "attribution", "tables")}  # folders of ../shared/dev


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, nlp) -> Path:
    out = tmp_path_factory.mktemp("eval")
    extract_to_datasets(sorted(p for p in corpus_dir.iterdir() if not p.name.endswith(".json")), out)
    return out


def score(out: Path, gold: Path) -> dict:
    report = out / f"report-{gold.name}.json"
    scorer = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--out", str(out), "--json", str(report),
                    "--quiet"], check=True, capture_output=True)
    return json.loads(report.read_text())


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory, corpus_out: Path, shared_dir: Path) -> dict[str, dict]:
    out = {"seeds": score(corpus_out, shared_dir / "gold"), "own": score(corpus_out, OWN_GOLD)}
    for name, folder in OWN_DEV_SETS.items():
        extracted = tmp_path_factory.mktemp(name)
        extract_to_datasets(sorted(p for p in folder.iterdir() if not p.name.endswith(".json")), extracted)
        out[name] = score(extracted, folder)
    for name, folder in DEV_SETS.items():
        out[name] = score(dev_out(tmp_path_factory, shared_dir, folder), shared_dir / "dev" / folder / "gold")
    return out


DEV_OUTPUTS: dict[str, Path] = {}


def dev_out(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, name: str) -> Path:
    """One extraction per development set per session, shared by the score and the robustness check."""
    if name not in DEV_OUTPUTS:
        docs = shared_dir / "dev" / name / "docs"
        extracted = tmp_path_factory.mktemp(f"dev-{name}")
        extract_to_datasets(sorted(p for p in docs.iterdir() if not p.name.endswith(".json")), extracted)
        DEV_OUTPUTS[name] = extracted
    return DEV_OUTPUTS[name]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DEV_SETS.values()))
def test_eval_gate_every_dev_document_extracted_whole(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, scores: dict[str, dict], name: str
) -> None:
    import pandas as pd

    documents = pd.read_parquet(dev_out(tmp_path_factory, shared_dir, name) / "documents.parquet")
    n_docs = sum(1 for p in (shared_dir / "dev" / name / "docs").iterdir() if not p.name.endswith(".json"))
    assert len(documents) == n_docs
    broken = documents[documents["status"] != "ok"]
    assert broken.empty, broken[["source", "status", "error"]].head(10).to_string()


CASES = [(gold_set, metric) for gold_set, floors in FLOORS.items() if not gold_set.startswith("_") for metric in floors]


@pytest.mark.slow
@pytest.mark.parametrize(("gold_set", "metric"), CASES)
def test_eval_gate_f1_at_or_above_floor(scores: dict[str, dict], gold_set: str, metric: str) -> None:
    report = scores[gold_set]
    f1 = report["scores"][metric]["f1"]
    misses = [m for doc in report["documents"].values() for m in doc if m.split()[0].startswith(metric[:4])]
    assert f1 >= FLOORS[gold_set][metric], f"{gold_set} {metric} F1 {f1} < {FLOORS[gold_set][metric]}: {misses[:15]}"
