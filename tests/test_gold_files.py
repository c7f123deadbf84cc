"""Our own gold files must be matchable: every claim anchor and every required entity occurs in its article.

Checked against the articles' own text (never against dossier's output), after the scorer's normalisation.
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import pdfplumber
import pytest

TESTS = Path(__file__).resolve().parent
GOLD_FOLDERS = {"gold": TESTS.parent / "corpus", "devset1": None, "devset2": None, "devset3": None, "devset4": None,
                "devset5": None, "devset6": None, "devset7": None}
SCORER = TESTS.parents[1] / "shared" / "eval" / "score.py"


def scorer_norm():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def article_text(path: Path) -> str:
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html" and "<article" in text:
        # Only the article element: boilerplate must not make an anchor look findable.
        body = text[text.index("<article") : text.index("</article>")]
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return text


GOLD_FILES = [
    (gold_path, (articles or gold_path.parent) / json.loads(gold_path.read_text(encoding="utf-8"))["source"])
    for folder, articles in GOLD_FOLDERS.items()
    for gold_path in sorted((TESTS / folder).glob("*.json"))
]


@pytest.mark.parametrize(("gold_path", "article"), GOLD_FILES, ids=[g.name for g, _ in GOLD_FILES])
def test_gold_files_anchors_and_entities_occur_in_their_article(gold_path: Path, article: Path) -> None:
    norm = scorer_norm()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = norm(article_text(article))
    claims = gold["claims"]["required"] + gold["claims"].get("optional", [])
    assert [c["anchor"] for c in claims if norm(c["anchor"]) not in text] == []
    required = [e for e in gold["entities"] if not e.get("optional")]
    assert [e["aliases"][0] for e in required if not any(norm(a) in text for a in e["aliases"])] == []
