"""Sanity-check the heldout3 gold files against their own articles (never against system output).

Every claim anchor must occur in the article's text and every entity must have an alias that occurs there, after
the scorer's own normalisation; otherwise the gold item could never be matched.

    PYTHONPATH=$PWD .venv/bin/python tests/heldout3_tools/check_gold.py
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
from pathlib import Path

import pdfplumber

HELDOUT3 = Path(__file__).resolve().parents[1] / "heldout3"
SCORER = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"


def load_norm():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm


def article_text(path: Path) -> str:
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() for page in pdf.pages)
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        # Only the <article> element: boilerplate must not make an anchor look findable.
        body = text[text.index("<article>") : text.index("</article>")]
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return text


def main() -> int:
    norm = load_norm()
    problems = 0
    for gold_path in sorted(HELDOUT3.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = norm(article_text(HELDOUT3 / gold["source"]))
        claims = gold["claims"]["required"] + gold["claims"]["optional"]
        missing_anchors = [c["anchor"] for c in claims if norm(c["anchor"]) not in text]
        missing_entities = [
            e["aliases"][0]
            for e in gold["entities"]
            if not e.get("optional") and not any(norm(a) in text for a in e["aliases"])
        ]
        problems += len(missing_anchors) + len(missing_entities)
        print(f"{gold['source']}: {len(gold['claims']['required'])} required claims, "
              f"{len(gold['figures']['required'])} required figures, {len(gold['dates']['required'])} required dates")
        for anchor in missing_anchors:
            print(f"  anchor not in text: {anchor!r}")
        for name in missing_entities:
            print(f"  entity not in text: {name!r}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
