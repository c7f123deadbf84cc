"""The document text as HTML with every extraction marked in place, tables as tables and PDF page breaks shown.

Marks nest (a figure inside a claim); a mark that crosses its parent's end is split into pieces sharing its id.
Every run of text sits in a <span data-o="offset">, so the page can turn a selection back into text offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from render.spans import LAYER, Span, item_label, nest, nest_under, outside, span_marks, walk


def page_of(pages: list, offset: int | None) -> int | None:
    if offset is None:
        return None
    for number, start, end in pages:
        if start <= offset < end:
            return int(number)
    return None


def state_class(item: dict) -> str:
    return f"st-{item.get('verdict') or 'open'}"


def mark_attrs(actors: dict[str, dict], pages: list) -> Callable[[str, dict], dict]:
    """What the page needs of each mark: its classes, id, dataset, and the label as a tip (with the page)."""

    def attrs(dataset: str, item: dict) -> dict:
        kind = actors.get(item.get("actor_id"), {}).get("kind", "unknown") if dataset == "mentions" else ""
        classes = f"x ds-{dataset} {state_class(item)}" + (f" k-{kind}" if kind else "")
        page = page_of(pages, item["start"])
        tip = item_label(dataset, item, actors) + (f" · page {page}" if page else "")
        return {"class": classes, "data-id": item["id"], "data-ds": dataset, "data-tip": tip, "tabindex": "0"}

    return attrs


def cell_order(cell: dict) -> tuple[int, int]:
    return int(cell["row"]), int(cell.get("col", 0))


def shifted(span: Span, base: int) -> Span:
    """The span with offsets counted from `base` (a cell's first character)."""
    return Span(span.start - base, -(span.end - base), span.layer, span.key, span.end - base, span.attrs)


@dataclass(slots=True)
class TableLayout:
    """One table as the page shows it: header and cells, where their text sits in the document, and the marks
    that fall inside the table's stretch of text (a row label that is a mention of a country, say).

    Keys of `located` and `inside` are cell ids, or "col-N" for the N-th header cell.
    """

    info: dict
    cells: list[dict]
    located: dict[str, int] = field(default_factory=dict)
    inside: dict[str, list[Span]] = field(default_factory=dict)
    elsewhere: list[tuple[Span, str]] = field(default_factory=list)  # with the text each span covers

    def boxes(self) -> list[tuple[str, str]]:
        """(key, text) of every header cell and cell, in reading order."""
        header = [(f"col-{i}", str(c)) for i, c in enumerate(self.info.get("columns") or [])]
        return header + [(c["id"], c.get("text") or "") for c in sorted(self.cells, key=cell_order)]

    def locate(self, text: str) -> None:
        """Find each header cell's and cell's text in the table's stretch, in reading order; a cell whose text the
        table reader rebuilt or normalised is not found and stays unlocated."""
        cursor, end = self.info["start"], self.info["end"]
        for key, box_text in self.boxes():
            found = text.find(box_text, cursor, end) if box_text else -1
            if found >= 0:
                self.located[key] = found
                cursor = found + len(box_text)

    def place(self, span: Span, span_text: str) -> None:
        """File a span lying inside the table under the box holding it; failing that, under an unlocated box whose
        text holds it; failing that, under the table as a whole, so that every extraction stays on the page."""
        boxes = self.boxes()
        for key, box_text in boxes:
            base = self.located.get(key)
            if base is not None and base <= span.start and span.end <= base + len(box_text):
                self.inside.setdefault(key, []).append(shifted(span, base))
                return
        for key, box_text in boxes:
            found = box_text.find(span_text) if span_text and key not in self.located else -1
            if found >= 0:
                self.inside.setdefault(key, []).append(shifted(span, span.start - found))
                return
        self.elsewhere.append((span, span_text))

    def box_html(self, key: str, box_text: str) -> Markup:
        """A cell's text with its marks; a located cell's text runs carry their document offsets like the prose."""
        root = Span(0, -len(box_text), -1, "", len(box_text))
        nest_under(root, self.inside.get(key, []))
        return Markup(marked_html(box_text, root, self.located.get(key)))

    def html(self) -> Markup:
        info, cells = self.info, self.cells
        grid: dict[int, dict[int, dict]] = {}
        for cell in cells:
            grid.setdefault(int(cell["row"]), {})[int(cell.get("col", 0))] = cell
        named = list(info.get("columns") or [])
        width = max([len(named)] + [max(r) + 1 for r in grid.values() if r])
        header = [self.box_html(f"col-{i}", c) for i, c in enumerate(named)]
        header += [Markup("column {}").format(i + 1) for i in range(len(named), width)]
        html = [Markup('<table class="doc-table" data-table="{}">').format(info["table_id"])]
        caption = info.get("caption")
        page = info.get("page")
        if caption or page:
            note = " · ".join(str(x) for x in (caption, f"page {page}" if page else None) if x)
            html.append(Markup("<caption>{}</caption>").format(note))
        html.append(Markup("<thead><tr>") + Markup("").join(Markup("<th>{}</th>").format(c) for c in header)
                    + Markup("</tr></thead><tbody>"))
        for r in sorted(grid):
            html.append(Markup("<tr>"))
            for c in range(width):
                cell = grid[r].get(c)
                if cell is None:
                    html.append(Markup("<td></td>"))
                    continue
                tip = item_label("tables", cell, {})
                html.append(Markup('<td class="x ds-tables {}" data-id="{}" data-ds="tables" data-tip="{}" '
                                   'tabindex="0">{}</td>').format(state_class(cell), cell["id"], tip,
                                                                  self.box_html(cell["id"], cell.get("text") or "")))
            html.append(Markup("</tr>"))
        html.append(Markup("</tbody></table>"))
        if self.elsewhere:
            # Marks inside the table's text that no one cell holds (spanning cells, say): listed under the table.
            marks = [Markup(mark_open(span.attrs)) + escape(span_text) + Markup("</mark>")
                     for span, span_text in sorted(self.elsewhere)]
            html.append(Markup('<p class="table-more">Also marked in this table: {}</p>').format(
                Markup(" · ").join(marks)))
        return Markup("").join(html)


def mark_open(attrs: dict) -> str:
    return "<mark " + " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def page_mark(number: int) -> str:
    return f'<span class="page-mark" data-page="page {number}" id="page-{number}"></span>'


def marked_html(text: str, root: Span, offset: int | None, page_starts: list[tuple[int, int]] = ()) -> str:
    """`text` with the marks of the tree under `root` (offsets into `text`). Where `offset` (the document offset of
    text[0]) is known, each run of text is a span.t carrying its document offset, and page markers go in."""
    out: list[str] = []

    def emit_text(start: int, end: int) -> None:
        if offset is None:
            out.append(str(escape(text[start:end])))
            return
        cursor = start
        for at, number in page_starts:
            if start <= at - offset < end:
                if at - offset > cursor:
                    out.append(f'<span class="t" data-o="{offset + cursor}">{escape(text[cursor:at - offset])}</span>')
                out.append(page_mark(number))
                cursor = at - offset
        if end > cursor:
            out.append(f'<span class="t" data-o="{offset + cursor}">{escape(text[cursor:end])}</span>')

    def enter(mark: Span) -> bool:
        if "table" in mark.attrs:  # a table is drawn whole, in place of its stretch of text
            out.extend(page_mark(n) for at, n in page_starts if mark.start <= at - (offset or 0) < mark.end)
            out.append(str(mark.attrs["table"]))
            return False
        out.append(mark_open(mark.attrs))
        return True

    walk(root, emit_text, enter, lambda _mark: out.append("</mark>"))
    return "".join(out)


def render_text(text: str, items: dict[str, list[dict]], pages: list | None = None) -> Markup:
    """The document text with marks, tables and page markers, as safe HTML.

    A table is shown as a table in place of its stretch of text. A mark inside that stretch is drawn inside the
    cell holding it (a row label that is a mention of its country); a mark crossing the table's edge is drawn on
    the prose either side of it.
    """
    pages = [tuple(p) for p in pages or []]
    actors = {a["actor_id"]: a for a in items.get("actors", [])}
    spans = span_marks(items, len(text), attrs=mark_attrs(actors, pages))
    cells: dict[str, list[dict]] = {}
    for cell in items.get("tables", []):
        cells.setdefault(cell["table_id"], []).append(cell)
    layouts: list[TableLayout] = []
    unplaced: list[TableLayout] = []
    for info in items.get("table_info", []):
        start, end = info.get("start"), info.get("end")
        layout = TableLayout(info, cells.get(info["table_id"], []))
        if start is not None and end is not None and 0 <= start < end <= len(text) and not any(
                start < other.info["end"] and end > other.info["start"] for other in layouts):
            layout.locate(text)
            layouts.append(layout)
        else:
            unplaced.append(layout)
    prose: list[Span] = []
    for span in spans:
        table = next((t for t in layouts if span.start < t.info["end"] and span.end > t.info["start"]), None)
        if table is None:
            prose.append(span)
        elif table.info["start"] <= span.start and span.end <= table.info["end"]:
            table.place(span, text[span.start:span.end])
        else:
            prose.extend(outside(span, table.info["start"], table.info["end"]))
    placed = [Span(t.info["start"], -t.info["end"], LAYER["table"], t.info["table_id"], t.info["end"],
                   {"table": t.html()}) for t in layouts]
    page_starts = sorted({int(start): int(number) for number, start, _ in pages}.items())
    html = marked_html(text, nest(prose + placed, len(text)), 0, page_starts)
    return Markup(html + "".join(str(t.html()) for t in unplaced))
