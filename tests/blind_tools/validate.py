#!/usr/bin/env python3
"""Check the blind gold files: JSON syntax, required keys, and that every text snippet occurs in its article.

Snippets are compared after the scorer's norm() (quotes, punctuation and case ignored); a figure "text"
that carries a note ("(headline)", "a / b") is checked part by part."""
import html, json, re, sys, unicodedata
from pathlib import Path

BLIND = Path(__file__).resolve().parent.parent / "blind"

def norm(text):
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.lower().replace("-", " ").replace("/", " ")
    text = re.sub(r"[^\w\s%]", "", text)
    return re.sub(r"\s+", " ", text).strip()

def article_text(path):
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", raw, flags=re.S)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return raw

problems = 0
def bad(msg):
    global problems
    problems += 1
    print("  !!", msg)

for gold_path in sorted(BLIND.glob("*.json")):
    if gold_path.name.endswith(".meta.json"):
        json.loads(gold_path.read_text())  # sidecar: syntax only
        continue
    gold = json.loads(gold_path.read_text())
    art = BLIND / gold["source"]
    print(f"## {gold['source']}")
    if not art.exists():
        bad("article missing"); continue
    text = article_text(art)
    nt = " " + norm(text) + " "
    def has(snippet):
        return (" " + norm(snippet) + " ") in nt or norm(snippet) in nt
    for key in ("source", "meta", "countries", "entities", "dates", "figures", "claims", "tables"):
        if key not in gold: bad(f"key {key} missing")
    meta = gold["meta"]
    sidecar = art.with_name(art.stem + ".meta.json")
    if sidecar.exists():
        side = json.loads(sidecar.read_text())
        for k in ("title", "published"):
            if side.get(k) != meta.get(k): bad(f"sidecar {k} differs")
        if side.get("authors") != meta.get("authors"): bad("sidecar authors differ")
    else:
        if meta.get("title") and not has(meta["title"]): bad(f"title not in text: {meta['title']}")
        for a in meta.get("authors", []):
            if not has(a): bad(f"author not in text: {a}")
    for e in gold["entities"]:
        if not any(has(a) for a in e["aliases"]):
            (bad if not e.get("optional") else print)(f"entity {e['aliases'][0]!r} ({'optional' if e.get('optional') else 'required'}) no alias in text")
    seen = {}
    for part in ("required", "optional"):
        for d in gold["dates"][part]:
            if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?|\d{4}-W\d{2}", d): bad(f"date value {d}")
            if d in seen: bad(f"date {d} in {seen[d]} and {part}")
            seen[d] = part
    keys = set()
    for part in ("required", "optional"):
        for f in gold["figures"][part]:
            k = (round(float(f["value"]), 6), f["unit"])
            if k in keys and part == "required": bad(f"duplicate figure {k}")
            if part == "required": keys.add(k)
            t = re.sub(r"\s*\([^)]*\)\s*$", "", f["text"])
            t = re.sub(r"\s*\((also|headline|midpoint|related|newsletter)[^)]*\)", "", t)
            parts = [p.strip() for p in re.split(r" / |\.\.\.", t) if p.strip()]
            for p in parts:
                if not has(p): bad(f"figure text not in article: {p!r} ({f['text']!r})")
            if f["unit"] not in {"percent", "percentage_point", "count", "t", "km", "km2", "m3", "barrel", "W", "Wh", "s"} and not re.fullmatch(r"[A-Z]{3}", f["unit"]):
                bad(f"unit {f['unit']}")
    for part in ("required", "optional"):
        for c in gold["claims"][part]:
            if not has(c["anchor"]): bad(f"claim anchor not in article: {c['anchor'][:80]!r}")
            if part == "required" and "source" not in c: bad("claim without source key")
    for t in gold.get("tables", []):
        for row in t["rows"]:
            if not has(row[0]): bad(f"table row label {row[0]}")
            for v in row[1:]:
                if not re.search(r"(?<![\d.])%s(?![\d])" % re.escape(f"{v:.2f}".rstrip("0").rstrip(".") if v != int(v) else f"{v:.1f}"), text) and not re.search(r"(?<![\d.])%s(?![\d])" % re.escape(f"{v:.2f}"), text):
                    bad(f"table cell {row[0]} {v} not in text")
    c = gold["countries"]
    print(f"  countries {len(c['required'])}+{len(c['optional'])} opt | entities {sum(not e.get('optional') for e in gold['entities'])}+{sum(bool(e.get('optional')) for e in gold['entities'])} opt"
          f" | dates {len(gold['dates']['required'])}+{len(gold['dates']['optional'])} | figures {len(gold['figures']['required'])}+{len(gold['figures']['optional'])}"
          f" (facts-annotated {sum(('actor' in f or 'item' in f) for f in gold['figures']['required'])}) | claims {len(gold['claims']['required'])}+{len(gold['claims']['optional'])}"
          f" (hedged {sum(bool(c.get('hedged')) for c in gold['claims']['required'])}, attributed {sum(c['source'] is not None for c in gold['claims']['required'])}) | tables {len(gold.get('tables', []))}")
print("problems:", problems)
sys.exit(1 if problems else 0)
