"""The document text as HTML with every extraction marked in place, tables as tables and PDF page breaks shown.

Marks nest (a figure inside a claim); a mark that crosses its parent's end is split into pieces sharing its id.
Every run of text sits in a <span data-o="offset">, so the page can turn a selection back into text offsets.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from markupsafe import Markup, escape

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
    """The normalised value a reviewer checks: ISO code, ISO date, value + unit, a claim's source."""
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
        source = item.get("source") or "the author"
        return f"source: {source}" + ("; hedged" if item.get("hedged") else "")
    if dataset == "tables":
        value = item.get("value")
        return f"{item.get('column')}: {item.get('text')}" + (f" = {value:g}" if value is not None else "")
    return ""


def page_of(pages: list, offset: int | None) -> int | None:
    if offset is None:
        return None
    for number, start, end in pages:
        if start <= offset < end:
            return int(number)
    return None


def state_class(item: dict) -> str:
    return f"st-{item.get('verdict') or 'open'}"


def mark_spans(items: dict[str, list[dict]], actors: dict[str, dict], pages: list, length: int) -> list[Span]:
    spans = []
    for dataset in ("claims", "figures", "dates", "mentions"):
        for item in items.get(dataset, []):
            start, end = item.get("start"), item.get("end")
            if start is None or end is None or not 0 <= start < end <= length:
                continue
            kind = actors.get(item.get("actor_id"), {}).get("kind", "unknown") if dataset == "mentions" else ""
            classes = f"x ds-{dataset} {state_class(item)}" + (f" k-{kind}" if kind else "")
            page = page_of(pages, start)
            tip = item_label(dataset, item, actors) + (f" · page {page}" if page else "")
            attrs = {"class": classes, "data-id": item["id"], "data-ds": dataset, "data-tip": tip, "tabindex": "0"}
            spans.append(Span(start, -end, LAYER[dataset], item["id"], end, attrs))
    return spans


def table_html(info: dict, cells: list[dict]) -> Markup:
    grid: dict[int, dict[int, dict]] = {}
    for cell in cells:
        grid.setdefault(int(cell["row"]), {})[int(cell.get("col", 0))] = cell
    width = max([len(info.get("columns") or [])] + [max(r) + 1 for r in grid.values() if r])
    columns = list(info.get("columns") or []) + [f"column {i + 1}" for i in range(len(info.get("columns") or []),
                                                                                  width)]
    html = [Markup('<table class="doc-table" data-table="{}">').format(info["table_id"])]
    caption = info.get("caption")
    page = info.get("page")
    if caption or page:
        note = " · ".join(str(x) for x in (caption, f"page {page}" if page else None) if x)
        html.append(Markup("<caption>{}</caption>").format(note))
    html.append(Markup("<thead><tr>") + Markup("").join(Markup("<th>{}</th>").format(c) for c in columns)
                + Markup("</tr></thead><tbody>"))
    for r in sorted(grid):
        html.append(Markup("<tr>"))
        for c in range(width):
            cell = grid[r].get(c)
            if cell is None:
                html.append(Markup("<td></td>"))
                continue
            tip = item_label("tables", cell, {})
            html.append(Markup('<td class="x ds-tables {}" data-id="{}" data-ds="tables" data-tip="{}" tabindex="0">'
                               '{}</td>').format(state_class(cell), cell["id"], tip, cell.get("text") or ""))
        html.append(Markup("</tr>"))
    html.append(Markup("</tbody></table>"))
    return Markup("").join(html)


def nest(spans: list[Span], length: int) -> Span:
    """A tree of marks: each span under the innermost span containing its start, split where it crosses out."""
    root = Span(0, -length, -1, "", length)
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


def render_text(text: str, items: dict[str, list[dict]], pages: list | None = None) -> Markup:
    """The document text with marks, tables and page markers, as safe HTML."""
    pages = [tuple(p) for p in pages or []]
    actors = {a["actor_id"]: a for a in items.get("actors", [])}
    spans = mark_spans(items, actors, pages, len(text))
    cells: dict[str, list[dict]] = {}
    for cell in items.get("tables", []):
        cells.setdefault(cell["table_id"], []).append(cell)
    placed = []
    for info in items.get("table_info", []):
        start, end = info.get("start"), info.get("end")
        if start is not None and end is not None and 0 <= start < end <= len(text):
            placed.append(Span(start, -end, LAYER["table"], info["table_id"], end,
                               {"table": table_html(info, cells.get(info["table_id"], []))}))
    tables = [(s.start, s.end) for s in placed]
    # Nothing is marked inside a table: the table's own cells are its extractions.
    spans = [s for s in spans if not any(s.start < t_end and s.end > t_start for t_start, t_end in tables)]
    page_starts = sorted({int(start): int(number) for number, start, _ in pages}.items())
    out: list[str] = []

    def page_mark(number: int) -> str:
        return f'<span class="page-mark" data-page="page {number}" id="page-{number}"></span>'

    def emit_text(start: int, end: int) -> None:
        cursor = start
        for offset, number in page_starts:
            if start <= offset < end:
                if offset > cursor:
                    out.append(f'<span class="t" data-o="{cursor}">{escape(text[cursor:offset])}</span>')
                out.append(page_mark(number))
                cursor = offset
        if end > cursor:
            out.append(f'<span class="t" data-o="{cursor}">{escape(text[cursor:end])}</span>')

    def emit(node: Span) -> None:
        cursor = node.start
        for child in node.children:
            emit_text(cursor, child.start)
            if "table" in child.attrs:
                out.extend(page_mark(n) for offset, n in page_starts if child.start <= offset < child.end)
                out.append(str(child.attrs["table"]))
            else:
                attrs = " ".join(f'{k}="{escape(v)}"' for k, v in child.attrs.items())
                out.append(f"<mark {attrs}>")
                emit(child)
                out.append("</mark>")
            cursor = child.end
        emit_text(cursor, node.end)

    emit(nest(spans + placed, len(text)))
    unplaced = [info for info in items.get("table_info", []) if (info.get("start"), info.get("end")) not in tables
                or info.get("start") is None]
    for info in unplaced:
        out.append(str(table_html(info, cells.get(info["table_id"], []))))
    return Markup("".join(out))
