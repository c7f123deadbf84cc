"""Tables: the readers' tables and tables flattened into the text, cleaned into header + rows.

Sources, in the order they are trusted:
- RawTables from the readers (PDF cells via pdfplumber, HTML <table>s). Cells are cleaned, header rows found
  and joined, a table that runs across a page break is merged back into one, and two tables read as one are
  split again where a second header row sits in the middle.
- Blocks of Document.text that read as a table (see flattened_tables). Where such a block is the text of a
  RawTable already found, the block only lends the RawTable its span.
Every table gets its span in the text (the pipeline closes it to other extractors), its caption or describing
sentence, units per column where the header or caption gives them, and ISO3 codes for country row labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extractors.common import spans_overlap
from extractors.document import Document, RawTable
from extractors.flattened_tables import RULE_LINE, FlatTable, find_flattened_tables
from extractors.records import Table
from extractors.table_terms import (
    PERCENT_UNIT,
    country_iso3,
    fold,
    is_percent_header,
    mentions_percent,
    money_unit,
    table_terms,
)

NUMERIC_CELL = re.compile(r"[-−–+]?[$€£¥]?\(?\d[\d,]*(?:\.\d+)?\)?\s?%?[*†]?")
YEAR = re.compile(r"(?:19|20)\d\d")
SHARE = re.compile(r"(?:^|:\s*|\()\d[\d.,]*\s?%")  # a share given in a cell of words ("Total: 47%", "(1.3%)")
CAPTION_LINE = re.compile(r"^(?:Table|Tab\.|Chart|Exhibit)\s*[\dIVXivx]*\s*[:.\-–—]?\s", re.IGNORECASE)
TABLE_REFERENCE = re.compile(r"\btables?\b|^(?:Sources?|Notes?)\s*:", re.IGNORECASE)
MAX_HEADER_ROWS = 3
MAX_STACKED_HEADER = 8  # printed lines of one header, each read as a row (names of up to four lines, centred)
DOUBTFUL_BELOW = 0.5
SEARCH_WINDOW = 600


@dataclass(slots=True)
class Grid:
    """A table between reader and record: header rows (None = spanned cell), body rows, where it came from."""

    header: list[list[str | None]]
    body: list[list[str | None]]
    caption: str | None = None
    page: int | None = None
    last_page: int | None = None
    start: int | None = None
    end: int | None = None
    flags: list[str] = field(default_factory=list)
    quality: float | None = None  # the reader's measure (camelot's confidence, a ruling's filled share)


# ---------------------------------------------------------------- cells

def clean_cell(cell: str | None) -> str:
    """Strip, join multi-line text (re-joining words hyphenated at a line end), None -> ""."""
    if cell is None:
        return ""
    text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", cell)
    return re.sub(r"\s+", " ", text).strip()


def is_numeric(text: str | None) -> bool:
    return bool(text) and bool(NUMERIC_CELL.fullmatch(clean_cell(text)))


def is_header_like(row: list[str | None], first: bool) -> bool:
    """A row of column names: two or more filled cells and no numbers (years allowed in a first header row)."""
    cells = [clean_cell(c) for c in row]
    filled = [c for c in cells if c]
    if len(filled) < 2 and not (len(cells) == 1 and filled):
        return False
    numbers = [c for c in cells[1:] if is_numeric(c) or figure_like(c) or SHARE.search(c)]  # "63 (18.5%)" too
    if not numbers:
        return True
    return first and all(YEAR.fullmatch(c) for c in numbers)


def spanning_header(rows: list[list[str | None]], i: int) -> bool:
    """A row with one word cell over the figures ("Grade", "(in %)") heads the header row right below it."""
    cells = [clean_cell(c) for c in rows[i]]
    filled = [j for j, c in enumerate(cells) if c]
    return len(filled) == 1 and filled[0] > 0 and not is_numeric(cells[filled[0]]) \
        and i + 1 < len(rows) and (is_header_like(rows[i + 1], True) or spanning_header(rows, i + 1))


def has_numbers(row: list[str | None]) -> bool:
    return any(is_numeric(c) for c in row[1:])


# ---------------------------------------------------------------- raw tables to grids

def drop_empty(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Rows padded to one width, without rows and columns that are empty throughout."""
    width = max((len(r) for r in rows), default=0)
    rows = [list(r) + [""] * (width - len(r)) for r in rows]
    rows = [r for r in rows if any(clean_cell(c) for c in r)]
    keep = [j for j in range(width) if any(clean_cell(r[j]) for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def stacked_header_lines(rows: list[list[str | None]]) -> int:
    """Header lines read one by one (a stream table gives each printed line of a header its own row, a name in
    the first column often on a line of its own): all the rows above the first row of figures, when there are
    at most MAX_STACKED_HEADER of them and the last one names columns. 0 when they do not read as a header."""
    first = next((i for i, r in enumerate(rows) if has_numbers(r) and not is_header_like(r, True)), None)
    if first is None or not 0 < first <= MAX_STACKED_HEADER or not is_header_like(rows[first - 1], True):
        return 0
    top = [j for j, c in enumerate(rows[0]) if clean_cell(c)]
    if top == [0]:
        return 0  # a title line over the table, not a column name
    if any(figure_like(c) or SHARE.search(clean_cell(c)) for r in rows[:first] for c in r[1:]):
        return 0  # figures printed with their shares ("63 (18.5%)", "Total: 47%"): rows of data, not of the header
    return first


def header_line_of_columns(row: list[str | None], body: list[list[str | None]]) -> bool:
    """A last line of a wrapped header that only some columns reach ("(active)" under "Reserve forces", a unit
    under one name): words, no figure, each over a column of figures. Words over a column of words are a group
    row of a table whose labels sit in that column."""
    cells = [clean_cell(c) for c in row]
    if cells[0] or not any(cells[1:]) or any(is_numeric(c) or figure_like(c) for c in cells[1:]):
        return False
    return all(any(j < len(r) and is_numeric(r[j]) for r in body) for j, c in enumerate(cells) if c)


def figure_like(cell: str | None) -> bool:
    """A cell of digits without a word that is not a year."""
    text = clean_cell(cell)
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text) and not YEAR.fullmatch(text)


def grid_from_raw(raw: RawTable) -> Grid | None:
    rows = drop_empty(raw.rows)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    titles = []  # lines over a header read line by line: the table's title or unit, not a column name
    while len(rows) > 2 and [j for j, c in enumerate(rows[0]) if clean_cell(c)] == [0] \
            and stacked_header_lines(rows[1:]):
        titles.append(clean_cell(rows[0][0]))
        rows = rows[1:]
    n_header = 0
    # years heading the columns may sit in any header row (under the names of column groups), as in the first
    while n_header < min(MAX_HEADER_ROWS, len(rows) - 1) and (
            is_header_like(rows[n_header], True) or spanning_header(rows, n_header)):
        n_header += 1
    n_header = max(n_header, stacked_header_lines(rows))
    while n_header and n_header < len(rows) - 1 and header_line_of_columns(rows[n_header], rows[n_header + 1:]):
        n_header += 1
    if not any(has_numbers(r) for r in rows[n_header:]):  # a table of words: only the first row names columns
        n_header = 1
    caption = clean_cell(raw.caption) or " ".join(titles) or None
    return Grid(header=rows[:n_header], body=rows[n_header:], caption=caption, page=raw.page, last_page=raw.page,
                start=raw.start, end=raw.end, flags=list(raw.flags), quality=raw.quality)


def column_groups(grid: Grid) -> Grid:
    """A long table printed in side-by-side column groups under one repeated header ("Age | Total | Age |
    Total"): the groups are one table's rows, the left group first."""
    if not grid.header:
        return grid
    names = [fold(c) for c in column_names(grid.header, len(grid.header[-1]))]
    width = len(names)
    for size in range(2, width // 2 + 1):
        if width % size or not all(names[:size]) or names[:size] * (width // size) != names:
            continue
        body = [row[g * size:(g + 1) * size] for g in range(width // size) for row in grid.body]
        grid.header = [row[:size] for row in grid.header]
        grid.body = [row for row in body if any(clean_cell(c) for c in row)]
        grid.flags.append(f"{width // size} column groups read as one column set")
        return grid
    return grid


def same_header(a: list[list[str | None]], b: list[list[str | None]]) -> bool:
    return [[fold(clean_cell(c)) for c in r] for r in a] == [[fold(clean_cell(c)) for c in r] for r in b]


def width(grid: Grid) -> int:
    return len(grid.header[0] if grid.header else grid.body[0])


def continues(first: Grid, second: Grid, text: str = "") -> bool:
    """`second` is the rest of `first` after a page break: next page, same width, repeated header or none; or,
    headerless and right after it in the text (nothing between but a 'continued' line), narrower by the columns
    it leaves empty at its right (no figures there yet on that page)."""
    if first.last_page is None or second.page != first.last_page + 1:
        return False
    if width(first) != width(second):
        return not second.header and width(second) < width(first) and adjacent(first, second, text)
    return not second.header or same_header(first.header, second.header)


def adjacent(first: Grid, second: Grid, text: str) -> bool:
    """Nothing but white space or a 'continued' line stands between the two tables' blocks in the text."""
    if first.end is None or second.start is None or second.start < first.end:
        return False
    between = text[first.end:second.start]
    return not continued_line().sub("", between).strip()


@cache
def continued_line() -> re.Pattern:
    """A line saying the table goes on ("Table 2 (continued)")."""
    cues = "|".join(re.escape(c) for c in table_terms()["continued_cues"])
    # the cue ends a line that is a caption ("Table 2 (continued)", "Exhibit 4, cont'd") or stands in brackets
    return re.compile(rf"^(?:(?:table|tab\.|exhibit|chart)\b.*(?<!\w)|.*\(\s*)(?:{cues})\W*$",
                      re.IGNORECASE | re.MULTILINE)


def merge_page_breaks(grids: list[Grid], text: str = "") -> list[Grid]:
    merged: list[Grid] = []
    for grid in grids:
        if merged and continues(merged[-1], grid, text):
            head = merged[-1]
            grid.body = [list(r) + [""] * (width(head) - len(r)) for r in grid.body]
            head.body.extend(grid.body)
            head.last_page = grid.page
            head.flags.append(f"continued on page {grid.page}")
            if grid.quality is not None:
                head.quality = grid.quality if head.quality is None else min(head.quality, grid.quality)
            if grid.end is not None:
                head.start = head.start if head.start is not None else grid.start
                head.end = grid.end
            continue
        merged.append(grid)
    return merged


def repeats_body(row: list[str | None], body: list[list[str | None]]) -> bool:
    """Some cell of `row` (past the label) repeats a cell of its column above: a body row ("Yes", "No"), not a
    new header."""
    for j, cell in enumerate(row[1:], start=1):
        text = fold(clean_cell(cell))
        if text and any(j < len(r) and fold(clean_cell(r[j])) == text for r in body):
            return True
    return False


def split_stacked(grid: Grid) -> list[Grid]:
    """Two tables read as one: a header-like row followed by numbers in the middle of the body starts a new one."""
    parts = [grid]
    body = grid.body
    current: list[list[str | None]] = []
    grid.body = current
    i = 0
    while i < len(body):
        row = body[i]
        if current and same_header([row], parts[-1].header[:1]) and len(parts[-1].header) == 1:
            parts[-1].flags.append("repeated header row dropped")
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < len(body) else None
        if current and nxt is not None and is_header_like(row, True) and has_numbers(nxt) \
                and sum(1 for c in row if clean_cell(c)) >= max(2, len(row) // 2) and not repeats_body(row, current):
            current = []
            parts.append(Grid(header=[row], body=current, page=grid.page, last_page=grid.last_page,
                              flags=["split from the table above at a second header row"], quality=grid.quality))
            i += 1
            continue
        current.append(row)
        i += 1
    return [p for p in parts if p.body]


def column_names(header: list[list[str | None]], width: int) -> list[str]:
    """One name per column: header rows joined top-down, a spanning (None) cell lending its text rightwards."""
    filled: list[list[str]] = []
    for r, row in enumerate(header):
        out, last = [], ""
        for j in range(width):
            cell = row[j] if j < len(row) else ""
            if cell is not None:
                last = clean_cell(cell)
                out.append(last)
            elif r > 0 and j < len(header[r - 1]) and header[r - 1][j] is not None:
                out.append("")  # spanned from the row above: its name is already in the column
            else:
                out.append(last)  # spanned from the left
        filled.append(out)
    names = []
    for j in range(width):
        parts: list[str] = []
        for row in filled:
            if row[j] and (not parts or row[j] != parts[-1]):
                parts.append(row[j])
        names.append(" ".join(parts))
    return names


def sub_label(cells: list[str]) -> bool:
    """The second cell names a sub-row: text, and numbers follow it."""
    return bool(cells[1]) and not is_numeric(cells[1]) and any(is_numeric(c) for c in cells[2:])


def grid_to_table(grid: Grid) -> Table:
    width = max(len(r) for r in grid.header + grid.body)
    columns = column_names(grid.header, width) if grid.header else ["", *[f"column {j + 1}" for j in
                                                                           range(1, width)]]
    rows: list[list[str]] = []
    flags = list(grid.flags)
    spanned = 0
    skip = False
    body = [list(r) + [""] * (width - len(r)) for r in grid.body]
    for i, raw in enumerate(body):
        if skip:
            skip = False
            continue
        cells = [clean_cell(c) for c in raw]
        label_only = cells[0] and not any(cells[1:])
        below = [clean_cell(c) for c in body[i + 1]] if i + 1 < len(body) else []
        if raw[0] is not None and not cells[0] and has_numbers(cells) and below and below[0] \
                and not any(below[1:]):  # figures set between the two lines of their label
            above = rows.pop()[0] if rows and rows[-1][0] and not any(rows[-1][1:]) else ""
            cells[0] = f"{above} {below[0]}".strip()
            skip = True
            flags.append(f"row {len(rows)}: label read from the lines around its figures")
        if label_only and rows and cells[0][:1].islower():  # a wrapped row label continues the row above
            rows[-1][0] = f"{rows[-1][0]} {cells[0]}"
            continue
        if not label_only and cells[0][:1].islower() and has_numbers(cells) and rows and rows[-1][0] \
                and not any(rows[-1][1:]):  # a label wrapped onto the line of its figures: its first line above
            cells[0] = f"{rows.pop()[0]} {cells[0]}"
            flags.append(f"row {len(rows)}: label joined with its first line above")
        if rows and rows[-1][0] and cells[0][:1].islower() and width > 2 and sub_label(cells) \
                and sub_label(rows[-1]) and fold(cells[1]) != fold(rows[-1][1]):
            # a group label wrapped onto its second sub-row ("Count", "Percentage"); rows with the same second
            # cell are rows of their own whose label happens to be printed in lower case
            rows[-1][0] = f"{rows[-1][0]} {cells[0]}"
            cells[0] = ""
        if raw[0] is None and rows and any(cells[1:]):
            cells[0] = rows[-1][0]
            flags.append(f"row {len(rows)}: label taken from the merged cell above")
        spanned += sum(1 for c in raw[1:] if c is None)
        rows.append(cells)
    if spanned:
        flags.append(f"{spanned} merged (spanned) cells left empty")
    return Table(columns=columns, rows=rows, caption=grid.caption, flags=flags, page=grid.page,
                 start=grid.start, end=grid.end, quality=grid.quality)


def flat_to_table(flat: FlatTable) -> Table:
    return Table(columns=flat.columns, rows=flat.rows, flags=list(flat.flags), start=flat.start, end=flat.end)


# ---------------------------------------------------------------- where a table sits in the text

def label_pattern(label: str) -> re.Pattern:
    return re.compile(r"\s+".join(re.escape(w) for w in label.split()))


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def locate_span(text: str, table: Table) -> tuple[int, int] | None:
    """Header + rows of a reader's table in the document text: row labels found in order, close together."""
    labels = [r[0] for r in table.rows if r and r[0] and not is_numeric(r[0])]
    if len(labels) < 2:
        return None
    for first in label_pattern(labels[0]).finditer(text):
        pos, found, last = first.end(), 1, first.end()
        for label in labels[1:]:
            match = label_pattern(label).search(text, pos, pos + SEARCH_WINDOW)
            if match:
                found, pos, last = found + 1, match.end(), match.end()
        if found < 0.7 * len(labels):
            continue
        tail = [c for c in table.rows[-1][1:] if c]
        for cell in tail:
            match = label_pattern(cell).search(text, last, last + 200)
            if match:
                last = match.end()
        start = line_start(text, first.start())
        header_words = {fold(w) for name in table.columns for w in name.split()}
        for _ in range(len(table.columns) + MAX_HEADER_ROWS):  # header cells may sit one per line
            if start == 0:
                break
            prev_start = line_start(text, start - 1)
            line = text[prev_start:start - 1].strip()
            words = [fold(w) for w in line.split() if w != "|"]
            if RULE_LINE.fullmatch(line):
                start = prev_start
                continue
            if not words or sum(1 for w in words if w in header_words) < 0.6 * len(words):
                break
            start = prev_start
        while RULE_LINE.fullmatch(text[start:line_end(text, start)].strip()):  # no drawn rule above the header
            start = line_end(text, start) + 1
        return start, line_end(text, last)
    return None


# ---------------------------------------------------------------- caption, units, countries

def first_sentence(text: str) -> str:
    match = re.match(r".*?[.!?](?=\s+[A-Z\"“(]|\s*$)", text, re.DOTALL)
    return (match.group() if match else text).strip()


def title_above(text: str, start: int) -> str | None:
    """A 'Table 1: ...' line (or a line announcing the table, ending with ':') just above the table."""
    before = text[:start].rstrip("\n").rsplit("\n", 3)
    for line in reversed(before[-3:]):
        line = re.sub(r"\s*\|\s*", " ", line).strip()
        if line and not RULE_LINE.fullmatch(line):
            if CAPTION_LINE.match(line) or (len(line) < 300 and line.endswith(":") and TABLE_REFERENCE.search(line)):
                return line
            return None
    return None


def description_below(text: str, end: int) -> str | None:
    """The sentence right after the table when it refers to the table ('The above table presents ...')."""
    paragraph = text[end:].lstrip("\n").split("\n", 1)[0].strip()
    sentence = first_sentence(paragraph)
    if sentence and len(sentence) < 600 and TABLE_REFERENCE.search(sentence) and not CAPTION_LINE.match(sentence):
        return sentence  # (a 'Table 2: ...' line below is the next table's title, not this one's description)
    return None


def caption_of(table: Table, text: str) -> str | None:
    """The table's title and the sentence describing it, whichever the document gives."""
    title = table.caption
    description = None
    if table.start is not None and table.end is not None:
        title = title or title_above(text, table.start)
        description = description_below(text, table.end)
    parts = [p for p in (title, description) if p]
    if len(parts) == 2 and parts[1].startswith(parts[0]):
        parts = parts[1:]
    if len(parts) == 2 and not re.search(r"[.!?:]$", parts[0]):
        parts[0] += "."
    return " ".join(parts) or None


def column_units(table: Table) -> dict[str, str]:
    units: dict[str, str] = {}
    caption = table.caption or ""
    caption_money = money_unit(caption)
    caption_percent = mentions_percent(caption)
    for j, name in enumerate(table.columns):
        if j == 0 or not name:
            continue
        cells = [r[j] for r in table.rows if j < len(r) and r[j]]
        numeric = [c for c in cells if is_numeric(c)]
        if not numeric or len(numeric) < 0.5 * len(cells):
            continue
        if is_percent_header(name) or all(c.endswith("%") for c in numeric):
            units[name] = PERCENT_UNIT
        elif money_unit(name):
            units[name] = money_unit(name)
        elif money_unit(" ".join(numeric[:3])):
            units[name] = money_unit(" ".join(numeric[:3]))
        elif caption_money:
            units[name] = caption_money
        elif caption_percent:
            units[name] = PERCENT_UNIT
    return units


def filled_share(table: Table) -> float:
    """Share of body cells that hold text: camelot's whitespace measure turned round."""
    cells = [c for row in table.rows for c in row[1:]]
    return sum(1 for c in cells if c) / max(1, len(cells))


def judge(table: Table) -> None:
    """Every table gets a quality in 0..1; one below DOUBTFUL_BELOW is doubtful: kept, flagged for review."""
    if table.quality is None:
        table.quality = round(filled_share(table), 3)
    table.doubtful = table.quality < DOUBTFUL_BELOW
    if table.doubtful:
        table.flags.append(f"doubtful: quality {table.quality:.2f}")


def finish(table: Table, text: str) -> Table:
    judge(table)
    table.caption = caption_of(table, text)
    table.units = column_units(table)
    table.row_iso3 = [country_iso3(r[0]) if r else None for r in table.rows]
    return table


def shares_labels(a: Table, b: FlatTable) -> bool:
    labels = {fold(r[0]) for r in a.rows if r}
    return len(labels & {fold(r[0]) for r in b.rows if r}) >= 0.6 * max(1, len(b.rows))


def overlaps(a: Table, b: FlatTable) -> bool:
    if a.start is not None and a.end is not None:
        return spans_overlap(a.start, a.end, b.start, b.end)
    return shares_labels(a, b)


def extract_tables(document: Document) -> list[Table]:
    text = document.text
    grids = [g for g in (grid_from_raw(raw) for raw in document.raw_tables) if g is not None]
    grids = [part for grid in merge_page_breaks(grids, text) for part in split_stacked(column_groups(grid))]
    tables = [grid_to_table(g) for g in grids]
    placed = {id(t) for t in tables if t.start is not None}  # the reader wrote these cells as their own block
    for table in tables:
        if table.start is None and text:
            span = locate_span(text, table)
            if span:
                table.start, table.end = span
    for flat in find_flattened_tables(text):
        same = next((t for t in tables if overlaps(t, flat)), None)
        if same is None:
            tables.append(flat_to_table(flat))
        elif id(same) not in placed and len(same.flags) > len(flat.flags) + 1 and len(flat.rows) >= len(same.rows):
            # the text reads cleaner than the reader's cells; never a reader's own block read back, which can
            # only lose what the cells kept (a lone label line, a repaired row)
            tables[tables.index(same)] = flat_to_table(flat)
        elif shares_labels(same, flat):  # the block is this table's text: widen the span over its header and rows
            same.start = flat.start if same.start is None else min(same.start, flat.start)
            same.end = flat.end if same.end is None else max(same.end, flat.end)
    tables = [t for t in tables if any(sum(1 for c in r if c) >= 2 for r in t.rows)]
    tables.sort(key=lambda t: (t.start is None, t.start or 0))
    return [finish(t, text) for t in tables]
