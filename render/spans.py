"""Extractions marked in a document's text, once for every output: a tree of marks (each nested under the innermost
mark holding its start, split where it crosses its parent's end) walked in text order, and the label a reader
checks for each row. The terminal writes `[text|label]`, the review page HTML; both walk the same tree."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field

from schema import SPAN_DATASETS

# Outer layers first when two marks start together: tables, then claims, then the short spans inside them.
LAYER = {"table": 0, "claims": 1, "figures": 2, "dates": 2, "mentions": 3}


@dataclass(order=True, slots=True)
class Span:
    start: int
    neg_end: int  # so that, at one start, the longer span comes first and becomes the parent
    layer: int
    key: str = field(compare=True)
    end: int = field(compare=False, default=0)
    attrs: dict = field(compare=False, default_factory=dict)
    children: list[Span] = field(compare=False, default_factory=list)


def figure_label(item: dict) -> str:
    value = item.get("value")
    number = f"{value:g}" if isinstance(value, (int, float)) else str(value)
    parts = [item.get("qualifier"), number, item.get("unit")]
    label = " ".join(str(p) for p in parts if p)
    if item.get("per"):
        label += f" per {item['per']}"
    if item.get("item"):
        label += f" ({item['item']})"
    return label


def item_label(dataset: str, item: dict, actors: dict[str, dict]) -> str:
    """The normalised value a reader checks: ISO code, ISO date, value + unit, a claim's speaker."""
    if dataset == "mentions":
        actor = actors.get(item.get("actor_id"), {})
        name = actor.get("name") or item.get("actor_id")
        extra = ", ".join(x for x in (actor.get("kind"), actor.get("iso3")) if x)
        return f"{name} ({extra})" if extra else str(name)
    if dataset == "actors":
        extra = ", ".join(x for x in (item.get("kind"), item.get("iso3"), item.get("role")) if x)
        return f"{item.get('name')} ({extra})"
    if dataset == "dates":
        value = item.get("value") or "unresolved"
        return f"{value} (relative)" if item.get("relative") else value
    if dataset == "figures":
        return figure_label(item)
    if dataset == "claims":
        speaker = item.get("speaker") or "the author"
        return f"speaker: {speaker}" + ("; hedged" if item.get("hedged") else "")
    if dataset == "tables":
        value = item.get("value")
        label = f"{item.get('header')}: {item.get('text')}" + (f" = {value:g}" if value is not None else "")
        return label + ("; doubtful table" if item.get("doubtful") else "")
    return ""


def span_marks(items: dict[str, list[dict]], length: int, datasets: tuple[str, ...] = SPAN_DATASETS,
               attrs: Callable[[str, dict], dict] | None = None) -> list[Span]:
    """One mark per row of `datasets` whose span lies in a text of `length` characters. `attrs(dataset, row)` gives
    what the output needs of each mark (default: its label, under "label")."""
    actors = {a["actor_id"]: a for a in items.get("actors", [])}
    spans = []
    for dataset in datasets:
        for item in items.get(dataset, []):
            start, end = item.get("start"), item.get("end")
            if start is None or end is None or not 0 <= start < end <= length:
                continue
            made = attrs(dataset, item) if attrs else {"label": item_label(dataset, item, actors)}
            spans.append(Span(start, -end, LAYER[dataset], str(item["id"]), end, made))
    return spans


def nest_under(root: Span, spans: list[Span]) -> Span:
    """A tree of marks below `root`: each span under the innermost span containing its start, split where it
    crosses out of it."""
    heap = list(spans)
    heapq.heapify(heap)
    stack = [root]
    while heap:
        span = heapq.heappop(heap)
        while span.start >= stack[-1].end:
            stack.pop()
        parent = stack[-1]
        if span.end > parent.end:
            rest = Span(parent.end, -span.end, span.layer, span.key, span.end, span.attrs)
            heapq.heappush(heap, rest)
            span = Span(span.start, -parent.end, span.layer, span.key, parent.end, span.attrs)
        parent.children.append(span)
        stack.append(span)
    return root


def nest(spans: list[Span], length: int) -> Span:
    """A tree of marks: each span under the innermost span containing its start, split where it crosses out."""
    return nest_under(Span(0, -length, -1, "", length), spans)


def outside(span: Span, start: int, end: int) -> list[Span]:
    """The pieces of a span that lie before and after the stretch start..end (both keep the span's id)."""
    pieces = []
    if span.start < start:
        pieces.append(Span(span.start, -start, span.layer, span.key, start, span.attrs))
    if span.end > end:
        pieces.append(Span(end, -span.end, span.layer, span.key, span.end, span.attrs))
    return pieces


def walk(node: Span, text_run: Callable[[int, int], None], enter: Callable[[Span], bool],
         leave: Callable[[Span], None]) -> None:
    """The tree under `node` in text order: `text_run(start, end)` for each stretch between marks, `enter(mark)`
    before a mark's content (False: the output drew the mark whole, skip its content) and `leave(mark)` after."""
    cursor = node.start
    for child in node.children:
        text_run(cursor, child.start)
        if enter(child):
            walk(child, text_run, enter, leave)
            leave(child)
        cursor = child.end
    text_run(cursor, node.end)


def marked_text(text: str, items: dict[str, list[dict]], datasets: tuple[str, ...] = SPAN_DATASETS) -> str:
    """The text with each row of `datasets` as [text|label]; a mark inside another sits inside its brackets, and a
    mark crossing its parent's end is split in two."""
    out: list[str] = []
    walk(nest(span_marks(items, len(text), datasets), len(text)),
         lambda start, end: out.append(text[start:end]),
         lambda _mark: out.append("[") is None,
         lambda mark: out.append(f"|{mark.attrs['label']}]"))
    return "".join(out)
