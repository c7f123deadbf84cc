#!/usr/bin/env python3
"""Check the devset5 gold files against their own articles (never against system output).

    python tests/devset5_tools/check_gold.py

For every tests/devset5/*.json: the JSON loads; its source article exists; "score" names the annotated parts;
meta is filled; every required figure has value/unit/text and the facts keys actor, item, counterpart and
period; its unit is one the contract allows; its text occurs literally in the article and contains the number;
every optional figure's text (minus a trailing "(...)" note, each " / " alternative) occurs too; periods look
like ISO values; table rows have as many cells as the header and their labels and numbers are printed in the
article; table numbers are not also gold figures. Prints the article's word count and figure count.
Reads only files under tests/devset5/.
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent / "devset5"
UNITS = {"percent", "percentage_point", "count", "m3", "t", "kg", "km", "km2", "barrel", "W", "Wh", "s"}
PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
FACT_KEYS = ("actor", "item", "counterpart", "period")


def article_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        # Only the article element, as tests/test_gold_files.py reads it: boilerplate is not gold.
        body = text[text.index("<article"): text.index("</article>")]
        text = html.unescape(re.sub(r"<[^>]+>", " ", body))
        text = re.sub(r"[ \t]+", " ", text)
    return text


def number_forms(value: float) -> set[str]:
    """How a gold value may be printed in the span: 1.42e9 -> '1.42', 1200 -> '1,200'."""
    forms = set()
    for scale in (1, 1e3, 1e6, 1e9, 1e12):
        v = value / scale
        if v < 1 and scale > 1:
            continue
        for k in (0, 1, 2):
            if abs(v - round(v, k)) < 1e-9:  # printed with k decimals, or with one trailing zero ("47.60")
                forms.update({f"{v:,.{k}f}", f"{v:.{k}f}", f"{v:,.{k + 1}f}", f"{v:.{k + 1}f}"})
                break
    return forms


WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 10: "ten",
         20: "fifth", 50: "half"}


def check(gold_path: Path) -> list[str]:
    errors = []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = gold_path.parent / gold["source"]
    if not article.exists():
        return [f"{gold_path.name}: source {gold['source']} missing"]
    text = article_text(article)
    if sorted(gold.get("score", [])) != ["figures", "meta", "tables"]:
        errors.append("score should be meta, figures, tables")
    meta = gold["meta"]
    for key in ("title", "authors", "publisher", "published"):
        if not meta.get(key):
            errors.append(f"meta {key} empty")
    if meta.get("title") and meta["title"] not in html.unescape(article.read_text(encoding="utf-8")):
        errors.append("meta title not in file")
    for a in meta.get("authors", []):
        if a not in text:
            errors.append(f"author {a!r} not in article")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", meta.get("published") or ""):
        errors.append("published not an ISO date")
    table_values = {float(v) for t in gold.get("tables", []) for r in t["rows"] for v in r[1:]}
    for part in ("required", "optional"):
        for f in gold["figures"][part]:
            tag = f"{part} {f.get('text')!r}"
            if not isinstance(f.get("value"), (int, float)):
                errors.append(f"{tag}: value not a number")
                continue
            unit = f.get("unit", "")
            if unit not in UNITS and not re.match(r"^[A-Z]{3}$", unit):
                errors.append(f"{tag}: unit {unit!r} not in the contract")
            if part == "required":
                if f["text"] not in text:
                    errors.append(f"{tag}: text not in article")
                for key in FACT_KEYS:
                    if key not in f:
                        errors.append(f"{tag}: no {key}")
                for key in ("actor", "item"):
                    if not isinstance(f.get(key), list) or not f[key]:
                        errors.append(f"{tag}: {key} should be a non-empty list")
                if f.get("counterpart") is not None and not isinstance(f["counterpart"], list):
                    errors.append(f"{tag}: counterpart should be null or a list")
                if f.get("period") is not None and not PERIOD.match(f["period"]):
                    errors.append(f"{tag}: period {f['period']!r} not ISO")
                if unit != "s" and not any(n in f["text"] for n in number_forms(float(f["value"]))) \
                        and WORDS.get(int(f["value"]), "#") not in f["text"].lower():
                    errors.append(f"{tag}: number {f['value']} not printed in its text")
                printed = {str(v) for v in table_values}
                if float(f["value"]) in table_values and unit == "count" and f["text"] in printed:
                    errors.append(f"{tag}: looks like a table cell")
            else:
                span = re.sub(r"\s*\([^)]*\)$", "", f["text"])
                for alt in span.split(" / "):
                    if alt not in text:
                        errors.append(f"{tag}: {alt!r} not in article")
    for t in gold.get("tables", []):
        for row in t["rows"]:
            if len(row) != len(t["columns"]):
                errors.append(f"table row {row[0]!r}: {len(row)} cells for {len(t['columns'])} columns")
            if row[0] not in text:
                errors.append(f"table row label {row[0]!r} not in article")
            for v in row[1:]:
                if not any(re.search(rf"(?<![\d.,]){re.escape(s)}(?![\d])", text) for s in number_forms(float(v))):
                    errors.append(f"table cell {row[0]} {v} not printed")
    words = len(re.findall(r"\b\w[\w'-]*\b", text))
    n_req, n_opt = len(gold["figures"]["required"]), len(gold["figures"]["optional"])
    print(f"{gold_path.name}: {words} words, {n_req} required / {n_opt} optional figures, "
          f"{len(gold.get('tables', []))} table(s), {len(errors)} problem(s)")
    return errors


def main(folder: Path = GOLD) -> int:
    """Check every gold file in `folder` (devset6 reuses this checker for its own folder)."""
    problems = 0
    for gold_path in sorted(folder.glob("*.json")):
        for e in check(gold_path):
            print(f"  {e}")
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
