"""Corpus-level views: actors consolidated across documents, and facts (who, what, when, how much) consolidated
across the articles that state them, with conflicts where sources disagree.

Both are built from the exported rows of every document, so they always match the other datasets (reviewers'
verdicts included).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from extractors.items import head_form_of_text
from extractors.numbers import DATA_DIR, quantity_table

PARTY_KINDS = {"country", "organization", "group"}
YEAR_HEADER = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?")
# How far a value written with a qualifier may lie from the number printed ('about 8,000' covers 7,600).
ABOUT = 0.1


# --- actors across documents ------------------------------------------------------------------------------------


def name_words(name: str | None) -> list[str]:
    return re.findall(r"[\w'’-]+", (name or "").lower())


def word_run(short: list[str], long_: list[str]) -> bool:
    return bool(short) and any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


@lru_cache(maxsize=1)
def title_words() -> set[str]:
    """Words of titles and honorifics that may stand before a name ('President', 'Dr'): the actors' own cues."""
    cues = json.loads((DATA_DIR / "actor_cues.json").read_text(encoding="utf-8"))
    words = {w for phrase in cues["title_heads"] for w in phrase.lower().split()}
    return words | {w.lower() for w in cues["title_words"]} | {w.lower().rstrip(".") for w in cues["honorifics"]}


def bare_name(name: str | None) -> list[str]:
    """A person's name without the titles before it: 'President Putin' -> ['putin']."""
    words = name_words(name)
    while len(words) > 1 and words[0].rstrip(".") in title_words():
        words = words[1:]
    return words


def corpus_actor_ids(actors: Iterable[dict]) -> dict[str, str]:
    """Per-document actor_id -> one id per real-world entity across the corpus. Countries and organisations
    already share ids; a person named in part in one article ('Putin', 'President Putin') takes the id of the
    one fuller name in the corpus that contains it and ends with the same surname ('Vladimir Putin'). Two
    fuller names that both fit ('Adam Smith', 'John Smith' for 'Smith') leave it alone."""
    names: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for row in actors:
        names[row["actor_id"]][row.get("name") or ""] += 1
        kinds.setdefault(row["actor_id"], row.get("kind") or "")
    people = {actor_id: bare_name(counter.most_common(1)[0][0]) for actor_id, counter in names.items()
              if kinds.get(actor_id) == "person"}
    mapping = {actor_id: actor_id for actor_id in names}
    same_name: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for actor_id, words in people.items():
        same_name[tuple(words)].append(actor_id)
    for ids in same_name.values():  # 'President Putin' and 'Putin' in two articles
        for actor_id in ids:
            mapping[actor_id] = min(ids)
    by_surname: dict[str, list[str]] = defaultdict(list)  # a fuller name ends with the same surname: look only there
    for actor_id, words in people.items():
        if words:
            by_surname[words[-1]].append(actor_id)
    for actor_id, words in people.items():
        fuller = {other for other in by_surname.get(words[-1] if words else "", [])
                  if other != actor_id and len(people[other]) > len(words) and word_run(words, people[other])}
        if len(fuller) == 1:
            mapping[actor_id] = fuller.pop()
    for actor_id in mapping:  # 'Putin' -> 'President Putin' -> 'Vladimir Putin' ends at the fullest name
        target, seen = mapping[actor_id], {actor_id}
        while mapping[target] != target and target not in seen:
            seen.add(target)
            target = mapping[target]
        mapping[actor_id] = target
    return mapping


def corpus_actor_rows(actors: list[dict], mapping: dict[str, str]) -> list[dict]:
    """One row per corpus actor: its names, the per-document ids it joins, and the documents that mention it."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in actors:
        grouped[mapping.get(row["actor_id"], row["actor_id"])].append(row)
    out = [corpus_actor_row(actor_id, rows) for actor_id, rows in grouped.items()]
    return sorted(out, key=lambda r: (-r["n_docs"], r["actor_id"]))


def corpus_actor_row(actor_id: str, rows: Iterable[dict]) -> dict:
    """The corpus actor `actor_id` from the per-document actor rows it joins (in corpus order: ties between names
    go to the one met first). One pass, keeping only what the row holds: an actor named in every document of a
    large corpus has as many rows."""
    own_names: Counter = Counter()  # names of its own rows (the id it joins the others under), if it has any
    all_names: Counter = Counter()
    roles: Counter = Counter()
    first_own: dict | None = None
    first: dict | None = None
    actor_ids: set[str] = set()
    doc_ids: set[str] = set()
    mentions = 0
    for r in rows:
        first = first or r
        name = r.get("name")
        if r["actor_id"] == actor_id:
            first_own = first_own or r
            own_names.update([name] if name else [])
        all_names.update([name] if name else [])
        roles.update([r["role"]] if r.get("role") else [])
        actor_ids.add(r["actor_id"])
        doc_ids.add(r["doc_id"])
        mentions += int(r.get("mentions") or 0)
    names = own_names if first_own is not None else all_names
    leading = first_own or first or {}
    return {
        "actor_id": actor_id,
        "name": names.most_common(1)[0][0] if names else None,
        "kind": leading.get("kind"),
        "iso3": leading.get("iso3"),
        "role": roles.most_common(1)[0][0] if roles else None,
        "aliases": sorted(all_names),
        "actor_ids": sorted(actor_ids),
        "doc_ids": sorted(doc_ids),
        "n_docs": len(doc_ids),
        "mentions": mentions,
    }


# --- facts ------------------------------------------------------------------------------------------------------


def number(value: object) -> float | None:
    try:
        result = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def blank(value: object) -> bool:
    return value is None or isinstance(value, float) and math.isnan(value) or value == ""


def written_precision(value: float) -> float:
    """Half a unit of the last significant digit written: 8,400 -> 50, 4.5e9 -> 5e7, 24 -> 0.5."""
    if value == 0:
        return 0.5
    digits = f"{abs(value):.12g}"
    if "e" in digits:
        mantissa, exponent = digits.split("e")
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return 0.5 * 10 ** (int(exponent) - places)
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    return 0.5 * 10 ** (len(digits) - len(digits.rstrip("0")))


def value_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a figure admits: 'over 50%' any above 50, 'about 8,000' within a tenth, '8,400' as rounded."""
    spread = written_precision(value)
    low, high = value - spread, value + spread
    if qualifier in {"over", "at least"}:
        return value - spread, math.inf
    if qualifier in {"under", "up to"}:
        return -math.inf, value + spread
    if qualifier == "nearly":
        return value * (1 - ABOUT) - spread, high
    if qualifier == "about":
        return value * (1 - ABOUT) - spread, value * (1 + ABOUT) + spread
    return low, high


def table_unit(unit: str | None) -> tuple[str | None, float]:
    """A table column's unit as the figures write it, with the scale it implies: 'EUR billion' -> ('EUR', 1e9),
    so that a cell and a sentence stating the same amount are one fact."""
    if blank(unit):
        return None, 1.0
    words = str(unit).split()
    table = quantity_table()
    scales = {**table["scale_words"], **table["scale_abbreviations"]}
    if len(words) == 2 and words[1].lower() in scales:
        return words[0], scales[words[1].lower()]
    return str(unit), 1.0


def header_item(header: str) -> str | None:
    """'Military assistance (EUR billion)' -> 'military aid'; '% GDP' (a share of a base) -> 'gdp share'."""
    text = re.sub(r"\s*[(\[][^)\]]*[)\]]", "", str(header)).strip()  # '(EUR billion)' is the unit, kept apart
    if text.startswith("%") or text.lower().startswith(("share of", "per cent of", "percent of")):
        base = head_form_of_text(re.sub(r"^(?:%|share|per\s*cent|percent)\s*(?:of\s+)?", "", text, flags=re.I))
        return f"{base} share" if base else None
    return head_form_of_text(text)


RECIPIENT_WORDS = {"to", "for", "against", "into", "toward", "towards"}
CAPTION_NUMBER = re.compile(r"^\s*(?:table|figure|chart|exhibit|graph)\s*[\dA-Z]+[.:]?\s*", re.IGNORECASE)


def caption_unit(text: str) -> tuple[str, float] | None:
    """The unit a caption's tail gives ('billion cubic metres' -> ('m3', 1e9), 'EUR million' -> ('EUR', 1e6),
    'million units' -> ('count', 1e6)), read with the figures' own unit words; None when it is no unit."""
    table = quantity_table()
    scale, rest = 1.0, []
    for word in text.split():
        factor = table["scale_words"].get(word.lower()) or table["scale_abbreviations"].get(word.lower())
        if factor:
            scale *= factor
        else:
            rest.append(word)
    phrase = " ".join(rest)
    if phrase.upper() in table["currency_codes"]:
        return phrase.upper(), scale
    if phrase.lower() in table["currency_words"]:
        return table["currency_words"][phrase.lower()], scale
    if phrase in table["unit_symbols"]:
        unit, factor, _ = table["unit_symbols"][phrase]
        return unit, scale * factor
    if phrase.lower() in table["unit_words"]:
        unit, factor, _ = table["unit_words"][phrase.lower()]
        return unit, scale * factor
    if scale != 1.0 and len(rest) <= 1:
        return "count", scale  # 'million units', 'thousands' of things counted
    return None


def caption_item(caption: str | None) -> tuple[str | None, tuple[str, float] | None]:
    """What a table's caption says is counted, and the unit its tail gives: 'Table 1. Gas imports by route,
    billion cubic metres' -> ('Gas imports by route', ('m3', 1e9))."""
    if blank(caption):
        return None, None
    text = CAPTION_NUMBER.sub("", str(caption)).strip()
    bracket = re.search(r"\s*[(\[]([^)\]]+)[)\]]\s*$", text)
    if bracket and caption_unit(bracket.group(1)) is not None:
        return text[:bracket.start()].strip(" ,;:") or None, caption_unit(bracket.group(1))
    head, _, tail = text.rpartition(",")
    if head and caption_unit(tail.strip()) is not None:
        return head.strip(" ,;:") or None, caption_unit(tail.strip())
    return text or None, None


def caption_state(caption: str | None) -> str | None:
    """The one state a table's caption names, by name or demonym ("Poland's defence spending, PLN billion",
    'Polish gas imports by route'), through the actor gazetteer; None where it names none or several."""
    from extractors.actors import load_lexicon, tokenize

    if blank(caption):
        return None
    lexicon = load_lexicon()
    words = [t for _, _, t in tokenize(str(caption))]
    found = set()
    for i in range(len(words)):
        for n in range(min(4, len(words) - i), 0, -1):
            term = lexicon.terms.get(tuple(words[i:i + n]))
            if i > 0 and words[i - 1] in RECIPIENT_WORDS:
                break  # 'aid to Ukraine': the state that receives is not whose the table is
            if term is not None and term.kind == "country" and term.iso3 and not term.weak:
                found.add(term.iso3)
                break
    return found.pop() if len(found) == 1 else None


def fact_id(key: tuple) -> str:
    return "fac-" + hashlib.sha1("\x1f".join(map(str, key)).encode("utf-8")).hexdigest()[:14]


def statements(figures: list[dict], claims: list[dict], tables: list[dict], table_info: list[dict],
               mapping: dict[str, str]) -> list[dict]:
    """Every figure and table cell that says how much of what someone has: one statement each."""
    return figure_statements(figures, claims, mapping) + cell_statements(tables, table_info)


def figure_statements(figures: list[dict], claims: list[dict], mapping: dict[str, str]) -> list[dict]:
    """A statement per figure with a value and an item (claims: those of the figures' documents)."""
    by_claim = {c.get("claim_id") or c.get("id"): c for c in claims}
    out = []
    for f in figures:
        value = number(f.get("value"))
        # a reviewer may have edited the item: its head form is then read from the text they gave
        reviewed = bool(f.get("reviewed")) and not blank(f.get("item"))
        item = head_form_of_text(f.get("item")) if reviewed or blank(f.get("item_head")) else f.get("item_head")
        if value is None or blank(item):
            continue
        claim = by_claim.get(f.get("claim_id")) if not blank(f.get("claim_id")) else None
        speaker = None
        if claim is not None:
            speaker = claim.get("speaker") if not blank(claim.get("speaker")) else claim.get("source")
        out.append({
            "actor_id": None if blank(f.get("actor_id")) else mapping.get(f["actor_id"], f["actor_id"]),
            "item": item,
            "counterpart_actor_id": None if blank(f.get("counterpart_actor_id"))
            else mapping.get(f["counterpart_actor_id"], f["counterpart_actor_id"]),
            "period": None if blank(f.get("period")) else str(f["period"]),
            "value": value, "unit": f.get("unit"), "qualifier": None if blank(f.get("qualifier")) else f["qualifier"],
            "doc_id": f["doc_id"], "claim_id": None if claim is None else f.get("claim_id"),
            "speaker": None if blank(speaker) else speaker, "hedged": bool(claim and claim.get("hedged")),
            "evidence_id": f.get("id"), "text": f.get("text"),
        })
    return out


def cell_statements(tables: list[dict], table_info: list[dict]) -> list[dict]:
    """A statement per table cell that gives a state's amount of an item (table_info: the cells' tables)."""
    out = []
    captions = {t["table_id"]: t.get("caption") for t in table_info}
    labels = {(c["table_id"], c["row"]): c.get("text") for c in tables if c.get("col") == 0}
    for cell in tables:
        value = number(cell.get("value"))
        header = cell.get("header") if not blank(cell.get("header")) else cell.get("column")
        iso3 = cell.get("row_iso3")
        if value is None or blank(header) or cell.get("col") == 0:
            continue
        by_year = YEAR_HEADER.fullmatch(str(header).strip()) is not None
        period = re.sub(r"\s*[-–/]\s*", "/", str(header).strip()) if by_year else None
        caption, caption_scale = caption_item(captions.get(cell["table_id"]))
        if not blank(iso3):
            # a row per state: a column per year has the caption say what is counted, else the header does
            item = head_form_of_text(caption) if by_year else header_item(str(header))
        elif by_year:
            # a row per item and a column per year ('Equipment', 'Personnel' by year): the caption names the state
            iso3 = caption_state(captions.get(cell["table_id"]))
            label = labels.get((cell["table_id"], cell.get("row")))
            item = None if blank(label) or number(label) is not None else head_form_of_text(str(label))
        else:
            continue
        unit, scale = table_unit(cell.get("unit"))
        if unit is None and caption_scale is not None:
            unit, scale = caption_scale  # the caption's 'billion cubic metres' is every cell's unit
        if blank(item) or blank(iso3):
            continue
        out.append({
            "actor_id": f"country:{iso3}", "item": item, "counterpart_actor_id": None, "period": period,
            # a column without a unit counts things, as a figure without one does
            "value": float(f"{value * scale:.12g}"), "unit": unit or "count", "qualifier": None,
            "doc_id": cell["doc_id"], "claim_id": None, "speaker": None, "hedged": False,
            "evidence_id": cell.get("id"), "text": cell.get("text"),
        })
    return out


def fact_rows(datasets: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """(facts, corpus actors) from the export's rows of every document, in memory (the export builds them a slice
    of documents at a time: flows/corpus_views.py)."""
    from flows.corpus_views import CorpusViews

    sources = {d["doc_id"]: d.get("source") for d in datasets.get("documents", [])}
    with CorpusViews() as views:
        views.add(datasets, sources)
        facts = [f for page in views.fact_pages() for f in page]
        return facts, [a for page in views.corpus_actor_pages() for a in page]


def mark_conflicts(facts: list[dict]) -> None:
    """Two facts conflict when they give the same actor's same item (to the same counterpart, in the same period,
    in the same unit) values no reading of their qualifiers reconciles, and come from different sources (another
    document or another speaker): one article giving two values is usually telling a change over time."""
    same: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact["actor_id"] is not None:
            same[(fact["actor_id"], fact["item"], fact["counterpart_actor_id"], fact["period"], fact["unit"])].append(
                fact)
    for group in same.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                low_a, high_a = value_range(a["value"], a["qualifier"])
                low_b, high_b = value_range(b["value"], b["qualifier"])
                sources_a = set(a["doc_ids"]) | {f"speaker:{s}" for s in a["speakers"]}
                sources_b = set(b["doc_ids"]) | {f"speaker:{s}" for s in b["speakers"]}
                if (high_a < low_b or high_b < low_a) and sources_a != sources_b:
                    a["conflict"] = b["conflict"] = True
                    a["conflicts_with"].append(b["fact_id"])
                    b["conflicts_with"].append(a["fact_id"])
