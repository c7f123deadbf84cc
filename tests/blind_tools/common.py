import json
from pathlib import Path
BLIND = Path(__file__).resolve().parent.parent / "blind"
def F(value, unit, text, **k):
    d = {"value": value, "unit": unit, "text": text}
    d.update(k); return d
def C(anchor, source=None, hedged=None):
    d = {"anchor": anchor, "source": source}
    if hedged is not None: d["hedged"] = hedged
    return d
def O(*anchors):
    return [{"anchor": a} for a in anchors]
QUALIFIERS = [("more than", "over"), ("over", "over"), ("at least", "at least"), ("up to", "up to"), ("as many as", "up to"),
              ("about", "about"), ("around", "about"), ("roughly", "about"), ("some", "about"), ("an estimated", "about"),
              ("almost", "about"), ("close to", "about"), ("fewer than", "under"), ("less than", "under")]
PER = [(" a year", "year"), (" a day", "day")]
def annotate(fig):
    """Fill qualifier and per from the figure's text where the gold does not set them."""
    import re
    text = fig["text"].split(" (")[0].lower()
    if "qualifier" not in fig:
        fig["qualifier"] = next((q for w, q in QUALIFIERS if re.search(r"(^|\b)" + re.escape(w) + r"\b", text)), None)
    if "per" not in fig:
        fig["per"] = next((p for w, p in PER if w in text), None)
    return fig
def write(gold):
    for part in ("required", "optional"):
        gold["figures"][part] = [annotate(f) if part == "required" else f for f in gold["figures"][part]]
    stem = gold["source"].rsplit(".", 1)[0]
    (BLIND / f"{stem}.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n")
