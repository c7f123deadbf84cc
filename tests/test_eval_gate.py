"""The evaluation gate: scores from ../shared/eval/score.py may not fall below the floors we reached.

Three gold sets: the seeds (../shared/gold), our own annotated articles in corpus/ (tests/gold), and articles
annotated blind, before any system output was seen (tests/heldout, articles and gold side by side, in txt, md and
html). A rule that only serves the seeds shows up as a gap between them.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows.evaluate import extract_to_datasets

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
OWN_GOLD = Path(__file__).parent / "gold"
HELDOUT = Path(__file__).parent / "heldout"


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
def heldout_out(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    out = tmp_path_factory.mktemp("heldout")
    extract_to_datasets(sorted(p for p in HELDOUT.iterdir() if not p.name.endswith(".json")), out)
    return out


@pytest.fixture(scope="module")
def scores(corpus_out: Path, heldout_out: Path, shared_dir: Path) -> dict[str, dict]:
    return {"seeds": score(corpus_out, shared_dir / "gold"), "own": score(corpus_out, OWN_GOLD),
            "heldout": score(heldout_out, HELDOUT)}


CASES = [(gold_set, metric) for gold_set, floors in FLOORS.items() if not gold_set.startswith("_") for metric in floors]


@pytest.mark.parametrize(("gold_set", "metric"), CASES)
def test_eval_gate_f1_at_or_above_floor(scores: dict[str, dict], gold_set: str, metric: str) -> None:
    report = scores[gold_set]
    f1 = report["scores"][metric]["f1"]
    misses = [m for doc in report["documents"].values() for m in doc if m.split()[0].startswith(metric[:4])]
    assert f1 >= FLOORS[gold_set][metric], f"{gold_set} {metric} F1 {f1} < {FLOORS[gold_set][metric]}: {misses[:15]}"
