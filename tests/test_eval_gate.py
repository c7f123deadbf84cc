"""The evaluation gate: seed scores from ../shared/eval/score.py may not fall below the floors we reached."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows.evaluate import extract_to_datasets

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, shared_dir: Path, nlp) -> dict:
    out = tmp_path_factory.mktemp("eval")
    seeds = sorted(p for p in corpus_dir.iterdir() if p.suffix == ".txt")
    extract_to_datasets(seeds, out)
    report = out / "report.json"
    subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--gold", str(shared_dir / "gold"),
                    "--out", str(out), "--json", str(report), "--quiet"], check=True, capture_output=True)
    return json.loads(report.read_text())


@pytest.mark.parametrize("metric", [k for k in FLOORS if not k.startswith("_")])
def test_eval_gate_seed_f1_at_or_above_floor(seed_scores: dict, metric: str) -> None:
    f1 = seed_scores["scores"][metric]["f1"]
    misses = [m for doc in seed_scores["documents"].values() for m in doc if m.split()[0].startswith(metric[:4])]
    assert f1 >= FLOORS[metric], f"{metric} F1 {f1} < floor {FLOORS[metric]}; misses: {misses[:15]}"
