"""Decisions at the level a person thinks: the units a reviewer walks through in text order.

A claim comes with its speaker's mentions, its figures and its dates; an actor with all of its mentions; a table
with all of its cells; a figure or date outside every claim on its own. Accepting a unit accepts what is still open
in it; one mention, one figure or one cell can still be rejected alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Unit:
    head: str  # the id the unit is known by: the claim's, the actor's, the first cell's, the figure's
    kind: str  # claim | actor | table | figure | date
    start: int  # where it first appears in the text: the walk goes in this order
    ids: list[str] = field(default_factory=list)  # every extraction the unit decides on, the head first
    label: str = ""

    def as_dict(self) -> dict:
        return {"head": self.head, "kind": self.kind, "start": self.start, "ids": list(self.ids), "label": self.label}


def inside(item: dict, outer: dict) -> bool:
    return item.get("start") is not None and outer["start"] <= item["start"] and item["end"] <= outer["end"]


def claim_actor_ids(claim: dict) -> set[str]:
    actors = set(claim.get("actor_ids") or [])
    actors |= {claim[name] for name in ("speaker_actor_id", "source_actor_id") if claim.get(name)}
    return actors


def decision_units(items: dict[str, list[dict]]) -> list[Unit]:
    """Every unit of a document in text order (rejected items stay in their unit, so they can be undone)."""
    units: list[Unit] = []
    in_claim: set[str] = set()
    for claim in items.get("claims", []):
        if claim.get("start") is None:
            continue
        figures = set(claim.get("figure_ids") or [])
        actors = claim_actor_ids(claim)
        parts = [f["id"] for f in items.get("figures", []) if f["id"] in figures or inside(f, claim)]
        parts += [d["id"] for d in items.get("dates", []) if inside(d, claim)]
        parts += [m["id"] for m in items.get("mentions", []) if m.get("actor_id") in actors and inside(m, claim)]
        in_claim.update(parts)
        units.append(Unit(claim["id"], "claim", claim["start"], [claim["id"], *parts], claim.get("text") or ""))
    mentions_of: dict[str, list[dict]] = {}
    for mention in items.get("mentions", []):
        mentions_of.setdefault(mention.get("actor_id"), []).append(mention)
    for actor in items.get("actors", []):
        mentions = sorted(mentions_of.get(actor["actor_id"], []), key=lambda m: m.get("start") or 0)
        start = mentions[0]["start"] if mentions and mentions[0].get("start") is not None else 10**9
        units.append(Unit(actor["id"], "actor", start, [actor["id"], *(m["id"] for m in mentions)],
                          actor.get("name") or actor["actor_id"]))
    starts = {t["table_id"]: t.get("start") for t in items.get("table_info", [])}
    cells_of: dict[str, list[dict]] = {}
    for cell in items.get("tables", []):
        cells_of.setdefault(cell["table_id"], []).append(cell)
    for table_id, cells in cells_of.items():
        cells.sort(key=lambda c: (c.get("row") or 0, c.get("col") or 0))
        start = starts.get(table_id)
        units.append(Unit(cells[0]["id"], "table", start if start is not None else 10**9, [c["id"] for c in cells],
                          table_id))
    for name, kind in (("figures", "figure"), ("dates", "date")):
        for item in items.get(name, []):
            if item["id"] not in in_claim:
                start = item.get("start")
                units.append(Unit(item["id"], kind, start if start is not None else 10**9, [item["id"]],
                                  item.get("text") or ""))
    covered = {i for unit in units for i in unit.ids}
    for name in ("mentions", "claims"):  # a mention of an actor the document lacks, a claim without offsets
        for item in items.get(name, []):
            if item["id"] not in covered:
                start = item.get("start")
                units.append(Unit(item["id"], name[:-1], start if start is not None else 10**9, [item["id"]],
                                  item.get("text") or ""))
    order = ("table", "claim", "actor", "figure", "date", "mention")
    units.sort(key=lambda u: (u.start, order.index(u.kind), u.head))
    return units
