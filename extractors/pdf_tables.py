"""Tables of one PDF page through pdfplumber: ruled tables from their lines, unruled ones from aligned words.

pdfplumber's line strategy finds tables drawn with cell borders. Tables without vertical rules (no borders,
or only horizontal rules) are found from the words: consecutive lines whose numbers sit in the same columns.
Column edges come from the numbers, so the label column at the left edge and the last column at the right
edge are kept whole; header lines above the numbers are assigned to columns by position and joined.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from extractors.document import RawTable
from extractors.table_terms import table_terms

NUMBER_WORD = re.compile(r"[-−–+]?[$€£¥]?\(?\d[\d,]*(?:\.\d+)?\)?%?|n/a|N/A|—|–|-")
CAPTION_WORD = re.compile(r"^(?:Table|Tab\.|Chart|Exhibit|Figure|Fig\.)\b", re.IGNORECASE)
NUMBER_TOKEN = re.compile(r"[-−–+]?[$€£¥]?\(?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?%?")
LEADER_DOTS = re.compile(r"(?:\s*\.){2,}\s*$|^\s*\.\s*$")
PROSE_WORDS = 7  # a cell of this many words or more is a line of running text, not a table cell
PROSE_CELL_WORDS = 5  # most cells this long: columns of running text
LINE_TOLERANCE = 3.0
MIN_ROWS = 2
FALLBACK_MIN_ROWS = 3  # rows with a word label a table found from aligned words alone needs, beside the stream's
EMPTY_RULING = 0.12  # a ruling with text in fewer of its cells is a chart's grid or a blank form, not a table
GUTTER_PT = 12  # the narrowest blank strip between two columns of text
SCATTER_MIN_ROWS = 4  # lone figures a chart's value labels need before they are told from a sparse table
MARK_SIZE = 0.8  # a footnote mark is set at most this share of the type size of the word it hangs on
MARK_CHARS = 3
MARK_GAP = 0.4  # at most this share of the line's height between a word and its mark


@dataclass(slots=True)
class Cell:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    return word["x0"] >= x0 - 1 and word["x1"] <= x1 + 1 and word["top"] >= top - 1 and word["bottom"] <= bottom + 1


def text_lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def line_cells(line: list[dict]) -> list[Cell]:
    """Words closer than about one character width belong to one cell."""
    cells: list[Cell] = []
    for word in line:
        height = word["bottom"] - word["top"]
        if cells and word["x0"] - cells[-1].x1 < 0.7 * height:
            last = cells[-1]
            last.text, last.x1 = f"{last.text} {word['text']}", word["x1"]
            last.bottom = max(last.bottom, word["bottom"])
        else:
            cells.append(Cell(word["text"], word["x0"], word["x1"], word["top"], word["bottom"]))
    return cells


def is_number_cell(cell: Cell) -> bool:
    return bool(NUMBER_WORD.fullmatch(cell.text))


def is_data_line(cells: list[Cell]) -> bool:
    return len(cells) >= 2 and sum(1 for c in cells[1:] if is_number_cell(c)) >= 1 \
        and all(is_number_cell(c) for c in cells[1:])


def column_edges(rows: list[list[Cell]]) -> list[tuple[float, float]]:
    """x-ranges of the number columns: overlapping cells of different rows are one column."""
    spans = sorted((c.x0, c.x1) for row in rows for c in row[1:])
    columns: list[list[float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def column_of(cell: Cell, edges: list[tuple[float, float]], label_right: float) -> int:
    """0 for the label column, 1.. for number columns: the column whose range is nearest the cell's centre."""
    if cell.x1 <= label_right + 1 and (not edges or cell.x1 < edges[0][0]):
        return 0
    best, distance = 0, float("inf")
    for j, (x0, x1) in enumerate(edges, start=1):
        d = 0.0 if x0 <= cell.centre <= x1 else min(abs(cell.centre - x0), abs(cell.centre - x1))
        if d < distance:
            best, distance = j, d
    return best


def header_lines(lines: list[list[Cell]], first: int, table_x0: float, table_x1: float, label_right: float,
                 pitch: float) -> list[list[Cell]]:
    """Lines just above the numbers that sit inside the table's width and are not a paragraph."""
    found: list[list[Cell]] = []
    above = lines[first][0].top
    for k in range(first - 1, max(-1, first - 4), -1):
        cells = lines[k]
        if above - cells[0].bottom > 1.8 * pitch or is_data_line(cells):
            break
        if cells[0].x0 < table_x0 - 5 or cells[-1].x1 > table_x1 + 5:
            break
        if len(cells) < 2 and (found or cells[0].x0 <= label_right or CAPTION_WORD.match(cells[0].text)):
            break  # one cell is a header only when it spans number columns ("Assistance" over three)
        found.insert(0, cells)
        above = cells[0].top
    return found


def unruled_tables(words: list[dict], page_number: int) -> list[RawTable]:
    lines = [line_cells(line) for line in text_lines(words)]
    tables: list[RawTable] = []
    i = 0
    while i < len(lines):
        if not is_data_line(lines[i]):
            i += 1
            continue
        run = [i]
        k = i + 1
        while k < len(lines):
            gap = lines[k][0].top - lines[run[-1]][0].bottom
            height = lines[run[-1]][0].bottom - lines[run[-1]][0].top
            if gap > 2.5 * height:
                break
            if is_data_line(lines[k]):
                run.append(k)
            elif len(lines[k]) == 1 and k + 1 < len(lines) and is_data_line(lines[k + 1]) \
                    and lines[k][0].x0 <= lines[i][0].x0 + 2:
                run.append(k)  # a label-only line (group row or wrapped label) between rows
            else:
                break
            k += 1
        data_rows = [lines[r] for r in run if is_data_line(lines[r])]
        if len(data_rows) < MIN_ROWS:
            i = k
            continue
        edges = column_edges(data_rows)
        label_right = max(row[0].x1 for row in data_rows)
        table_x0 = min(row[0].x0 for row in data_rows)
        table_x1 = max(edges[-1][1], label_right)
        pitch = (lines[run[-1]][0].top - lines[run[0]][0].top) / max(1, len(run) - 1) or 12.0
        header = header_lines(lines, run[0], table_x0, table_x1, label_right, pitch)
        width = len(edges) + 1
        grid: list[list[str | None]] = []
        for cells in [*header, *(lines[r] for r in run)]:
            row: list[str] = [""] * width
            for cell in cells:
                j = column_of(cell, edges, label_right)
                row[j] = f"{row[j]} {cell.text}".strip()
            grid.append(row)
        if header:  # header lines wrapped inside their columns are one header row
            joined = [" ".join(filter(None, (r[j] for r in grid[:len(header)]))) for j in range(width)]
            grid = [joined, *grid[len(header):]]
        top = (header[0] if header else lines[run[0]])[0].top
        bottom = max(c.bottom for c in lines[run[-1]])
        tables.append(RawTable(rows=grid, page=page_number, bbox=(table_x0, top, table_x1, bottom)))
        i = k
    return tables


def labelled_rows(rows: list[list[str | None]]) -> int:
    """Rows with figures whose label is words, not a number: where the stream found no table, a run of figures
    without such labels is more often a chart's scale or a numbered list than a table."""
    return sum(1 for r in rows if r and filled(r[0]) and not number_tokens(without_leaders(r[0]))
               and not lone_letters(r[0]) and any(NUMBER_WORD.fullmatch((c or "").strip()) for c in r[1:]))


def lone_letters(cell: str | None) -> bool:
    """Only single letters ("s", "t n"): a title set vertically beside a chart, read a letter per line."""
    tokens = (cell or "").split()
    return bool(tokens) and all(len(t) == 1 and t.isalpha() for t in tokens)


def caption_above(words: list[dict], bbox: tuple[float, float, float, float]) -> str | None:
    """A 'Table 1: ...' line within a few lines above the table."""
    x0, top, x1, _ = bbox
    above = [w for w in words if w["bottom"] <= top + 1 and w["bottom"] >= top - 40]
    for line in reversed(text_lines(above)):
        text = " ".join(w["text"] for w in line)
        if CAPTION_WORD.match(text):
            return text
    return None


def stream_tables(path: Path) -> dict[int, list[RawTable]] | None:
    """camelot's stream tables (Nurminen's text edges) of every page, by page number; None without camelot.

    Lines of text the stream area swept in above and below the table are cut off, and the box shrunk to the rows
    kept, in pdfplumber's top-down coordinates (the reader keeps the words outside table boxes as text). Quality:
    camelot's accuracy (share of text not cut by a column edge) times the share of filled body cells.
    """
    try:
        import camelot  # noqa: PLC0415 - heavy import, only where PDFs are read
    except ImportError:
        return None
    import pdfplumber  # noqa: PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is not news
        found = camelot.read_pdf(str(path), pages="all", flavor="stream", suppress_stdout=True)
    with pdfplumber.open(path) as pdf:
        heights = [float(p.height) for p in pdf.pages]
    out: dict[int, list[RawTable]] = {}
    for table in found:
        page = int(table.page)
        height = heights[page - 1]
        rows = split_crowded_numbers([[without_leaders(str(c)) for c in row] for row in table.df.values.tolist()])
        x0, _, x1, _ = table._bbox  # noqa: SLF001 - camelot keeps the box only there
        for start, end in prose_free_runs(rows):
            first, last = table_rows_span(rows[start:end])
            if first > last:
                continue
            first, last = start + first, start + last
            spans = table.rows[first:last + 1]  # (top, bottom) per row, in PDF coordinates (origin bottom left)
            top, bottom = height - max(max(y) for y in spans), height - min(min(y) for y in spans)
            kept = rows[first:last + 1]
            quality = float(table.accuracy) / 100 * body_filled_share(kept)
            out.setdefault(page, []).append(RawTable(rows=kept, page=page, bbox=(x0, top, x1, bottom),
                                                     quality=round(quality, 3)))
    return out


def without_leaders(cell: str) -> str:
    """A cell without the dot leaders that run from a row label towards its figures ("All ages . . . .")."""
    if cell.strip() in table_terms()["missing_tokens"]:
        return cell.strip()  # ".." is a statistical office's mark for a figure not available, not a leader
    return LEADER_DOTS.sub("", cell).strip()


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Share of the smaller box that the two boxes have in common."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / max(smaller, 1e-9)


def filled(cell: str | None) -> bool:
    return bool(cell and cell.strip())


def number_tokens(cell: str | None) -> int:
    return sum(1 for token in (cell or "").split() if NUMBER_TOKEN.fullmatch(token))


def split_stacked_lines(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A ruled row whose filled cells all hold the same number (>1) of lines is that many rows without rules."""
    out: list[list[str | None]] = []
    for row in rows:
        parts = [c.split("\n") if filled(c) else None for c in row]
        counts = {len(p) for p in parts if p is not None}
        if len(counts) == 1 and (k := counts.pop()) > 1 and sum(1 for p in parts if p) >= 2 \
                and any(number_tokens(c) for c in row):
            out.extend([p[i] if p is not None else (None if row[j] is None else "") for j, p in enumerate(parts)]
                       for i in range(k))
        else:
            out.append(row)
    return out


def crowded(cell: str | None) -> bool:
    """A cell holding a whole row's numbers ("Austria 86.2 13.8 0 3,375"): the ruling missed the columns. Two
    numbers must stand side by side: a label naming a range ("5 - 9 years") holds two numbers but is one cell."""
    for line in (cell or "").split("\n"):
        tokens = [bool(NUMBER_TOKEN.fullmatch(t)) for t in line.split()]
        if any(a and b for a, b in zip(tokens, tokens[1:], strict=False)):
            return True
    return False


def thousands_groups(tokens: list[str]) -> bool:
    """Digits grouped by spaces ("1 234 567"): one number, not several."""
    return len(tokens[0].lstrip("-−–+")) <= 3 and tokens[0].lstrip("-−–+").isdigit() \
        and all(len(t) == 3 and t.isdigit() for t in tokens[1:])


def split_crowded_numbers(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A cell holding two or more figures beside empty cells: columns set too close together for the stream's
    text edges ("2,218,406 1,180,160" | ""). The figures go into the empty cells of that row, to the right
    first, else to the left. Only in rows of a table: a text label and two or more figures in cells of their
    own."""
    out = []
    for row in rows:
        row = list(row)
        first = next((c.strip() for c in row if filled(c)), "")
        if number_tokens(first) or sum(1 for c in row if NUMBER_TOKEN.fullmatch((c or "").strip())) < 2:
            out.append(row)  # not a labelled row of figures: a chart's axis labels stay as they are
            continue
        for j, cell in enumerate(list(row)):
            tokens = (cell or "").split()
            if len(tokens) < 2 or "\n" in (cell or "") or not all(NUMBER_TOKEN.fullmatch(t) for t in tokens) \
                    or thousands_groups(tokens):
                continue
            k = len(tokens)
            if j + k <= len(row) and not any(filled(c) for c in row[j + 1:j + k]):
                row[j:j + k] = tokens
            elif j - k + 1 >= 0 and not any(filled(c) for c in row[j - k + 1:j]):
                row[j - k + 1:j + 1] = tokens
        out.append(row)
    return out


def without_echo_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Rows without a column of words that repeats the row labels (a chart beside the table names the same
    categories, one per line between the table's rows): such a column holds no cell of the table, and the rows
    left empty by its removal go with it."""
    labels = {" ".join((r[0] or "").split()).lower() for r in rows if r and filled(r[0])}
    width = max((len(r) for r in rows), default=0)
    echo = []
    for j in range(1, width):
        texts = [" ".join((r[j] or "").split()).lower() for r in rows if j < len(r) and filled(r[j])]
        if len(texts) >= 3 and not any(number_tokens(t) and NUMBER_WORD.fullmatch(t) for t in texts) \
                and sum(1 for t in texts if t in labels) >= 0.6 * len(texts):
            echo.append(j)
    if not echo:
        return rows
    kept = [[c for j, c in enumerate(r) if j not in echo] for r in rows]
    return [k for k, r in zip(kept, rows, strict=True) if any(filled(c) for c in k) or not any(filled(c) for c in r)]


def merge_label_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Leading text columns that take turns (an indented sub-row's label sits in a column of its own, a group's
    label in the first) are one label column: the first number column's left neighbours are joined into the
    first cell when they rarely hold text in the same row. Text columns filled side by side in most rows
    ("Country", "Unit") stay apart."""
    if not rows:
        return rows
    width = max(len(r) for r in rows)
    rows = [list(r) + [""] * (width - len(r)) for r in rows]
    first_number = next((j for j in range(width) if any(number_tokens(r[j]) and NUMBER_WORD.fullmatch(
        (r[j] or "").strip()) for r in rows)), width)
    lead = first_number
    while lead >= 2:
        both = sum(1 for r in rows if filled(r[0]) and any(filled(c) for c in r[1:lead]))
        alone = min(sum(1 for r in rows if filled(r[0])), sum(1 for r in rows if any(filled(c) for c in r[1:lead])))
        if both <= 0.25 * alone:
            break
        lead -= 1  # the rightmost text column is filled beside the first: try the columns left of it
    if lead < 2:
        return rows
    return [[" ".join(c.strip() for c in r[:lead] if filled(c)), *r[lead:]] for r in rows]


def without_empty_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Rows without the columns that hold no text in any row (a partial rule makes spurious ones)."""
    width = max((len(r) for r in rows), default=0)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    keep = [j for j in range(width) if any(filled(r[j]) for r in rows)]
    return [[r[j] for j in keep] for r in rows]


def merge_headless_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    """A column with no header text whose cells never share a row with a neighbour's is part of that neighbour:
    rules drawn at slightly different places in different rows split one column in two. Cells that repeat the
    neighbour's text do not count against it: overlapping ruled boxes hand the same words to both."""
    rows = without_empty_columns(rows)
    first_data = next((i for i, r in enumerate(rows) if any(number_tokens(c) for c in r[1:])), 0)
    j = 1
    while rows and j < len(rows[0]):
        headless = not any(filled(r[j]) for r in rows[:first_data])
        target = None
        if headless:
            for k in (j + 1, j - 1):
                if 1 <= k < len(rows[0]) and not any(filled(r[j]) and filled(r[k]) and r[j].strip() != r[k].strip()
                                                     for r in rows):
                    target = k
                    break
        if target is None:
            j += 1
            continue
        for r in rows:
            if filled(r[j]):
                r[target] = r[j]
        rows = [r[:j] + r[j + 1:] for r in rows]
    return rows


def join_header_columns(rows: list[list[str | None]]) -> list[list[str | None]]:
    """Header text set off from its numbers (a centred header over right-aligned figures) gets a column of its
    own, empty below the header; it belongs to the neighbouring column that has figures and no header text."""
    rows = without_empty_columns(rows)
    first_data = next((i for i, r in enumerate(rows) if any(number_tokens(c) for c in r[1:])), None)
    if not first_data or not rows:
        return rows
    head, body = rows[:first_data], rows[first_data:]

    def header_only(j: int) -> bool:
        return any(filled(r[j]) for r in head) and not any(filled(r[j]) for r in body)

    def body_only(j: int) -> bool:
        return not any(filled(r[j]) for r in head) and any(filled(r[j]) for r in body)

    width = len(rows[0])
    taken: dict[int, int] = {}  # header-only column -> the column it joins
    for j in range(width):
        if not header_only(j):
            continue
        for k in (j - 1, j + 1):
            if 0 <= k < width and body_only(k) and k not in taken.values():
                taken[j] = k
                break
    for j, k in taken.items():
        for r in head:
            r[k] = r[j]
    return [[c for j, c in enumerate(r) if j not in taken] for r in rows]


def ruled_quality(rows: list[list[str | None]]) -> tuple[float, int, list[str]]:
    """How well the ruling split the table (filled cells over all cells, less rows crowded into one cell),
    the number of crowded rows, and the doubts to flag."""
    rows = without_empty_columns(rows)
    cells = [c for row in rows for c in row]
    share_filled = sum(1 for c in cells if filled(c)) / max(1, len(cells))
    crowded_rows = sum(1 for row in rows if any(crowded(c) for c in row))
    share_crowded = crowded_rows / max(1, len(rows))
    doubts = []
    if share_crowded > 0.25:
        doubts.append(f"{crowded_rows} rows read as one cell")
    if share_filled < 0.3:
        doubts.append(f"only {share_filled:.0%} of the cells hold text")
    data = [r for r in rows if any(number_tokens(c) for c in r)]
    if data and sum(1 for r in data if number_tokens(r[0])) > 0.5 * len(data):
        doubts.append("no row labels inside the ruling")
    return round(max(0.0, share_filled * (1.0 - share_crowded)), 3), crowded_rows, doubts


def filled_cells_share(rows: list[list[str | None]]) -> float:
    """Share of a ruling's cells (spanned ones included) that hold text, over the columns that hold any."""
    cells = [c for row in without_empty_columns(rows) for c in row]
    return sum(1 for c in cells if filled(c)) / max(1, len(cells))


def line_words(cell: str | None) -> int:
    """Words on the longest line of a cell; a slash or dash standing alone between words is no word ("Trade /
    Customs / Taxes" is three)."""
    return max((sum(1 for t in line.split() if any(ch.isalnum() for ch in t)) for line in (cell or "").split("\n")),
               default=0)


def is_prose_row(row: list[str | None]) -> bool:
    """A line of running text: one filled cell of several words, nothing beside it."""
    cells = [c for c in row if filled(c)]
    return len(cells) == 1 and line_words(cells[0]) >= PROSE_WORDS


def body_filled_share(rows: list[list[str | None]]) -> float:
    """camelot's whitespace measure turned round, over the rows from the first one with figures: header rows
    are sparse by nature (spanning and stacked names)."""
    first_data = next((i for i, r in enumerate(rows) if any(number_tokens(c) for c in r[1:])), 0)
    cells = [c for r in without_empty_columns(rows)[first_data:] for c in r]
    return sum(1 for c in cells if filled(c)) / max(1, len(cells))


def lone_label(row: list[str | None]) -> bool:
    """Only the first cell holds text: a title, a line of prose, a note, or a label without figures."""
    return bool(row) and filled(row[0]) and not any(filled(c) for c in row[1:])


def prose_free_runs(rows: list[list[str | None]]) -> list[tuple[int, int]]:
    """[start, end) runs of rows between lines of running text: a stream area may hold a page's paragraphs with
    one or more tables among them."""
    runs, start = [], 0
    for i, row in enumerate(rows + [["paragraph " * PROSE_WORDS]]):
        if is_prose_row(row) and not group_label_row(rows, i):
            if i > start:
                runs.append((start, i))
            start = i + 1
    return runs


def group_label_row(rows: list[list[str | None]], i: int) -> bool:
    """A long label alone in its row between rows of the table ("Households with children under eighteen living
    at home" over its sub-rows, or the first line of a wrapped label): one line of words in the label column that
    ends no sentence, under a row of several cells and over a row of figures. A paragraph is several such lines,
    or ends with a full stop."""
    if not 0 < i < len(rows) - 1 or not filled(rows[i][0]):
        return False
    text = (rows[i][0] or "").strip()
    above, below = rows[i - 1], rows[i + 1]
    if text[:1].islower() or text.endswith((".", ":", ";", "!", "?")) or not (filled(above[0]) or filled(below[0])):
        return False  # a line of a paragraph (set beside the table when the rows around keep their labels apart)
    return sum(1 for c in above if filled(c)) >= 2 and figure_row(below) and not is_prose_row(above)


def caption_row(row: list[str | None]) -> bool:
    """The table's title line ("Table 4: ...", "Figure 1: ..."), split into cells by the stream columns."""
    first = next((c for c in row if filled(c)), "")
    return bool(CAPTION_WORD.match(first.strip())) and not any(number_tokens(c) for c in row[1:])


def table_rows_span(rows: list[list[str | None]]) -> tuple[int, int]:
    """First and last row of the table in a stream area, which also sweeps in the lines of text above and below
    it: leading rows with text in the first cell only (titles, prose), and trailing ones (sources, notes, prose)
    unless a short lower-case line that continues the last row's label."""
    first, last = 0, len(rows) - 1
    while first <= last and (lone_label(rows[first]) or is_prose_row(rows[first]) or caption_row(rows[first])
                             or not any(filled(c) for c in rows[first])):
        first += 1
    while last >= first and (not any(filled(c) for c in rows[last]) or is_prose_row(rows[last]) or (
            lone_label(rows[last]) and not (rows[last][0].strip()[:1].islower()
                                            and line_words(rows[last][0]) < PROSE_WORDS))):
        last -= 1
    return first, last


def not_a_table(rows: list[list[str | None]], ruled: bool = False) -> str | None:
    """Why these cells are not a table (a chart's axis, running text in columns), or None for a table."""
    wide = [r for r in rows if sum(1 for c in r if filled(c)) >= 2]
    if len(wide) < MIN_ROWS:
        return "fewer than two rows with two cells"
    if sum(1 for r in rows if is_prose_row(r)) > 0.5 * len(rows):
        return "running text"
    texts = [c for r in rows for c in r if filled(c)]
    if sum(1 for c in texts if line_words(c) >= PROSE_CELL_WORDS and not number_tokens(c)) > 0.5 * len(texts):
        return "running text in columns"
    if not ruled and sum(1 for r in rows if any(crowded(c) for c in r)) > 0.3 * len(rows):
        return "several numbers per cell (a chart's labels)"
    labelled = [r for r in wide if any(filled(c) and not number_tokens(c) for c in r)
                and any(number_tokens(c) for c in r)]
    numbers = sum(1 for r in rows for c in r if number_tokens(c))
    if numbers and not labelled:
        return "numbers without row labels (an axis)"
    if not ruled and numbers and sum(1 for r in rows if figure_row(r)) < MIN_ROWS:
        return "fewer than two rows of figures (prose or a chart's labels cut into cells)"
    if scattered_figures(rows):
        return "lone figures scattered over the columns (a chart's value labels)"
    return None


def scattered_figures(rows: list[list[str | None]]) -> bool:
    """Most rows with figures hold one, and those lone figures stand in three columns or more with none holding
    most of them: the value labels of a chart's bars or points, each at its own height and place. A table's
    lone figures (a single column of figures, or a sparse row) keep to their columns."""
    def figures(row: list[str | None]) -> list[int]:
        return [j for j, c in enumerate(row) if j and filled(c) and NUMBER_WORD.fullmatch(c.strip())
                and any(ch.isdigit() for ch in c)]

    lone = [figures(r)[0] for r in rows if len(figures(r)) == 1]
    with_figures = sum(1 for r in rows if figures(r))
    if len(lone) < SCATTER_MIN_ROWS or len(lone) < 0.7 * with_figures:
        return False
    most = max(lone.count(j) for j in set(lone))
    return len(set(lone)) >= 3 and most < 0.5 * len(lone)


def repeats_rows(table: RawTable, kept: list[RawTable]) -> bool:
    """Most rows of figures of `table` are rows of a table kept over the same place: a second stream area that
    caught the end of a table already read (with the notes below it)."""
    def key(row: list[str | None]) -> tuple[str, ...]:
        return tuple(" ".join(c.split()) for c in row if filled(c))

    mine = [key(r) for r in table.rows if figure_row(r)]
    theirs = {key(r) for t in kept if t.bbox and table.bbox and overlap(t.bbox, table.bbox) > 0 for r in t.rows}
    return bool(mine) and sum(1 for k in mine if k in theirs) >= 0.5 * len(mine)


def figure_row(row: list[str | None]) -> bool:
    """A row of a table of figures: a cell that is a figure and nothing else, beside a label or another such
    figure. Lines of prose or of a chart cut into cells hold numbers inside words or several to a cell."""
    at = [j for j, c in enumerate(row) if filled(c) and NUMBER_WORD.fullmatch(c.strip())
          and any(ch.isdigit() for ch in c)]
    if len(at) >= 2:
        return True
    # the label ("North", "20-29") stands left of its figure: words to the right of a lone number are prose
    return bool(at) and any(filled(c) and not crowded(c) for c in row[:at[0]])


def tables_from_pdf_page(page, stream: list[RawTable] | None = None) -> list[RawTable]:  # noqa: ANN001
    """Every table of one pdfplumber page, top to bottom, as RawTables (page numbers are 1-based).

    Ruled tables come from pdfplumber's lines; a ruling that leaves whole rows in one cell or most cells empty
    (only some rules drawn) yields to the stream table over the same place; one with text in almost none of its
    cells is a chart's grid, where no table is read. Unruled tables
    come from `stream` (camelot's tables of this page) or, without it, from aligned words; with it, aligned words
    outside every table found still give the tables the stream missed (fixed-width type) when three or more of
    their rows have word labels.
    """
    tables: list[RawTable] = []
    ruled_boxes = []
    for found in page.find_tables():
        rows = merge_headless_columns(split_stacked_lines(found.extract()))
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        quality, crowded_rows, doubts = ruled_quality(rows)
        box = tuple(found.bbox)
        if (crowded_rows or "no row labels inside the ruling" in doubts) and stream is not None \
                and any(overlap(box, t.bbox) > 0.5 for t in stream if t.bbox):
            continue  # the stream table over the same place reads it better (its rows, its labels)
        if filled_cells_share(rows) < EMPTY_RULING:
            ruled_boxes.append(box)  # a chart's grid: neither it nor the stream's reading of the chart is a table
            continue
        if not_a_table(rows, ruled=True):
            continue
        if any(overlap(box, kept) > 0.8 for kept in ruled_boxes):
            continue  # nested or repeated rulings over one table: read it once
        tables.append(RawTable(rows=rows, page=page.page_number, bbox=box, quality=quality, flags=doubts))
        ruled_boxes.append(box)
    if stream is not None:
        # of two stream areas over one table the larger reads it whole (the smaller one is a part of it)
        for table in sorted(stream, key=lambda t: -len(t.rows)):
            if table.bbox is None or any(overlap(table.bbox, box) > 0.3 for box in ruled_boxes) \
                    or any(overlap(table.bbox, t.bbox) > 0.8 for t in tables if t.bbox):
                continue  # read by a ruling already, or a second stream area over the same table
            table.rows = merge_label_columns(join_header_columns(without_echo_columns(table.rows)))
            if table.rows and not not_a_table(table.rows) and not repeats_rows(table, tables):
                tables.append(table)
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    if stream is not None:
        # aligned words the stream missed (fixed-width type, whose single spaces hide its column edges), and
        # then, on a page of two text columns, a table inside one column (the stream reads the page's columns)
        tables.extend(fallback_tables(words, tables, page.page_number))
        gutter = page_gutter(words, float(page.width)) if words else None
        if gutter is not None:
            for side in ([w for w in words if w["x1"] < gutter], [w for w in words if w["x0"] > gutter]):
                tables.extend(fallback_tables(side, tables, page.page_number, words))
    else:
        loose = [w for w in words if not any(inside(w, box) for box in ruled_boxes)]
        tables.extend(unruled_tables(loose, page.page_number))
        for table in tables:
            if table.bbox is not None:
                table.caption = caption_above(words, table.bbox)
    marks = footnote_marks(words)
    if marks:
        for table in tables:
            table.rows = [[without_marks(c, marks) for c in row] for row in table.rows]
    return sorted(tables, key=lambda t: t.bbox[1] if t.bbox else 0.0)


def fallback_tables(words: list[dict], found: list[RawTable], page_number: int,
                    page_words: list[dict] | None = None) -> list[RawTable]:
    """Tables read from the aligned words outside the tables `found`, where three rows or more have word labels."""
    kept = [t.bbox for t in found if t.bbox]
    loose = [w for w in words if not any(inside(w, box) for box in kept)]
    out = []
    for table in unruled_tables(loose, page_number):
        if table.bbox and not any(overlap(table.bbox, box) > 0 for box in kept) and not not_a_table(table.rows) \
                and labelled_rows(table.rows) >= FALLBACK_MIN_ROWS:
            table.caption = caption_above(page_words or words, table.bbox)
            out.append(table)
    return out


def page_gutter(words: list[dict], width: float) -> float | None:
    """The middle of the widest blank vertical strip in the middle of the page that no word crosses, with a
    quarter of the words or more on each side: the gutter of a page set in two columns. A page with lines of
    text across its width has none."""
    covered = bytearray(int(width) + 2)
    for w in words:
        for x in range(max(0, int(w["x0"])), min(len(covered), int(w["x1"]) + 1)):
            covered[x] = 1
    best: tuple[int, int] | None = None
    start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if not covered[x]:
            start = x if start is None else start
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
        else:
            start = None
    if best is None or best[1] - best[0] < GUTTER_PT:
        return None
    middle = (best[0] + best[1]) / 2
    left = sum(1 for w in words if w["x1"] < middle)
    if min(left, len(words) - left) < 0.25 * len(words):
        return None
    return middle


def footnote_marks(words: list[dict]) -> set[tuple[str, str]]:
    """(word, mark) for words printed with a small raised footnote mark at their end ("Total" with a superscript
    1), which the cells read as "Total1" or "Total 1"; a figure's mark would change or hide its value."""
    marks: set[tuple[str, str]] = set()
    largest = max((w["size"] for w in words), default=0.0)
    by_end = sorted(words, key=lambda w: w["x1"])
    ends = [w["x1"] for w in by_end]
    reach = MARK_GAP * 1.5 * largest  # the widest gap a host of the largest type (its line a little taller) leaves
    for mark in words:
        if len(mark["text"]) > MARK_CHARS or mark["size"] >= MARK_SIZE * largest:
            continue
        for host in by_end[bisect_left(ends, mark["x0"] - reach):bisect_right(ends, mark["x0"] + 0.5)]:
            height = host["bottom"] - host["top"]
            if mark["size"] < MARK_SIZE * host["size"] and -0.5 < mark["x0"] - host["x1"] < MARK_GAP * height \
                    and host["top"] - 0.5 * height <= mark["top"] and mark["bottom"] < host["bottom"] - 0.5 \
                    and not glued_unit(host["text"], mark["text"]):
                marks.add((host["text"], mark["text"]))
    return marks


def glued_unit(host: str, mark: str) -> bool:
    """A raised ending that belongs to the word: an ordinal's suffix or a unit's power."""
    endings = table_terms()["raised_endings"]
    return (host[-1:].isdigit() and mark.lower() in endings["ordinal_suffixes"]) or (
        host in endings["power_units"] and mark in endings["powers"])


def without_marks(cell: str | None, marks: set[tuple[str, str]]) -> str | None:
    if not cell:
        return cell
    glued = {word + mark: word for word, mark in marks}
    lines = []
    for line in cell.split("\n"):
        tokens: list[str] = []
        for token in line.split(" "):
            if tokens and (tokens[-1], token) in marks:
                continue  # the mark read as a word of its own
            tokens.append(glued.get(token, token))
        lines.append(" ".join(tokens))
    return "\n".join(lines)
