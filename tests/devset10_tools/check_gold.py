#!/usr/bin/env python3
"""Check the devset10 gold files against their own articles (never against system output):

    python3 tests/devset10_tools/check_gold.py

devset5's checker (tests/devset5_tools/check_gold.py: JSON, meta, required figures with the four facts keys, contract
units, figure texts printed in the article, optional texts, ISO periods, table rows) runs on each file, except its
rule that "score" must be meta/figures/tables: devset10 annotates every part, so its gold has no "score" list at all.
Added here for the parts devset5 does not annotate: countries, entities, dates and claims are well formed; every
claim anchor (required and optional) and at least one alias of every required entity occurs in the article after the
scorer's normalisation (a substring test, as tests/test_gold_files.py checks devset3); every required date's year is
printed in the article or is the publication year, the year before or the year after (relative dates: "last year",
"in January", "next year");
ISO3 actors of figures are among the file's countries. Reads only files under tests/devset10/.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE.parent / "devset10"
spec = importlib.util.spec_from_file_location("devset5_check_gold", HERE.parent / "devset5_tools" / "check_gold.py")
checker = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(checker)  # type: ignore[union-attr]

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
KINDS = {"organization", "person", "group"}
SCORE_RULE = "score should be meta, figures, tables"


def norm(text: str) -> str:
    """The scorer's norm() (../shared/eval/score.py), copied so that this checker needs no pandas."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.lower().replace("-", " ").replace("/", " ")
    text = re.sub(r"[^\w\s%]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def check_other_parts(gold_path: Path) -> list[str]:
    errors = []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = checker.article_text(gold_path.parent / gold["source"])
    flat = f" {norm(text)} "
    if "score" in gold:
        errors.append("devset10 gold scores every part: no 'score' list")
    for key in ("countries", "entities", "dates", "claims", "tables"):
        if key not in gold:
            errors.append(f"no {key}")
    countries = set(gold["countries"]["required"]) | set(gold["countries"].get("optional", []))
    for c in countries:
        if not re.match(r"^[A-Z]{3}$", c):
            errors.append(f"country {c!r} not ISO3")
    aliases = set()
    for e in gold["entities"]:
        if e.get("kind") not in KINDS:
            errors.append(f"entity {e['aliases'][0]!r}: kind {e.get('kind')!r}")
        aliases |= set(e["aliases"])
        if not e.get("optional") and not any(norm(a) in flat for a in e["aliases"]):
            errors.append(f"entity {e['aliases'][0]!r}: no alias in article")
        if "role_keywords" in e and (not isinstance(e["role_keywords"], list) or not e["role_keywords"]):
            errors.append(f"entity {e['aliases'][0]!r}: role_keywords not a non-empty list")
    years = set(re.findall(r"(?<!\d)(\d{4})(?!\d)", text))
    pub_year = int(gold["meta"]["published"][:4])
    for part in ("required", "optional"):
        for d in gold["dates"][part]:
            if not DATE.match(d):
                errors.append(f"date {d!r} not ISO")
    for d in gold["dates"]["required"]:
        if d[:4] not in years and int(d[:4]) not in (pub_year, pub_year - 1, pub_year + 1):
            errors.append(f"date {d!r}: year neither printed nor relative to publication")
    if gold["meta"]["published"] not in gold["dates"]["required"]:
        errors.append("publication date not a required date")
    anchors = [c["anchor"] for c in gold["claims"]["required"] + gold["claims"].get("optional", [])]
    for a in anchors:
        if norm(a) not in flat:
            errors.append(f"claim anchor not in article: {a[:60]!r}")
    if len(set(anchors)) != len(anchors):
        errors.append("duplicate claim anchors")
    for c in gold["claims"]["required"]:
        src = c.get("source", "missing")
        well_formed_list = isinstance(src, list) and src and all(isinstance(s, str) for s in src)
        if not (src is None or src == "any" or well_formed_list):
            errors.append(f"claim {c['anchor'][:40]!r}: source {src!r}")
        if "hedged" in c and not isinstance(c["hedged"], bool):
            errors.append(f"claim {c['anchor'][:40]!r}: hedged not a bool")
    for f in gold["figures"]["required"]:
        for key in ("actor", "counterpart"):
            for a in f.get(key) or []:
                if isinstance(a, str) and re.match(r"^[A-Z]{3}$", a) and a not in countries and a not in aliases:
                    errors.append(f"figure {f['text']!r}: {key} {a} not among the countries")
    n_claims, n_sourced = len(gold["claims"]["required"]), sum(1 for c in gold["claims"]["required"] if c.get("source"))
    print(f"  {len(gold['entities'])} entities, {len(gold['dates']['required'])} required dates, "
          f"{n_claims} required claims ({n_sourced} with a speaker), {len(errors)} problem(s) in the other parts")
    return errors


def main(folder: Path = FOLDER) -> int:
    problems = 0
    for gold_path in sorted(folder.glob("*.json")):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            found = checker.check(gold_path)
        errors = [e for e in found if e != SCORE_RULE]
        # devset5's summary line counts its score rule, which does not apply here
        summary = printed.getvalue().rstrip()
        print(summary.replace(f"{len(found)} problem(s)", f"{len(errors)} problem(s) in meta/figures/tables"))
        errors += check_other_parts(gold_path)
        for e in errors:
            print(f"  {e}")
            problems += 1
    print(f"{problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
