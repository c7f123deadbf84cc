"""Tables whose text arrived flattened: a header line of column names, then lines of label + numbers.

    CountryFinancial assistanceHumanitarian assistanceMilitary assistanceTotal% GDP
    Germany1.413.0510.6315.090.38

The header gives the number of columns; each row's glued numbers are split every way the number grammar allows,
and the split is chosen by the table's own evidence: the printed precision of each column and its arithmetic
(a Total column equals the sum of its parts). A row with no single consistent split is kept unsplit and flagged.
Spaced rows ("Germany 1.41 3.05 ...", PDF text) go through the same path with the spaces as fixed boundaries.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractors.table_terms import fold, is_label_header, is_percent_header, is_total_header, table_terms

INTEGER = r"(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)"
NUMBER = re.compile(rf"[-−–+]?{INTEGER}(?:\.\d+)?%?|\({INTEGER}(?:\.\d+)?%?\)")
GLUED_MISSING = ("n/a", "N/A", "n.a.", "—", "..", "…")  # marks that may sit glued between numbers
TAIL_CHARS = frozenset("0123456789.,%-−–+()—…")  # what glued numbers and dash marks are made of
SEPARATOR = re.compile(r"[ \t|]+")
STRONG_SEPARATOR = re.compile(r"\t|\s{2,}|\s*\|\s*")
YEAR_TOKEN = re.compile(r"(?:19|20)\d\d(?:[-–/](?:(?:19|20)?\d\d))?")  # "2025", "2023-24", "2023/2024"
YEAR_RUN = re.compile(r"(?<!\d)((?:19|20)\d\d){2,}(?!\d)")
RULE_LINE = re.compile(r"[|+:=\-–— ]*(?:---|===|–––|———)[|+:=\-–— ]*")  # "|---|---|", "=====": drawn rules
MAX_SPLITS = 400
MAX_GLUED = 80  # longest run of glued numbers read as a row
MAX_LABEL_WORDS = 9


@dataclass(slots=True)
class FlatTable:
    columns: list[str]
    rows: list[list[str]]
    flags: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0
    header_start: int | None = None  # where the header line starts; None when the block had no header


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Row:
    line: Line
    label: str
    tail: str


def lines_of(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        offset = raw.find(stripped) if stripped else 0
        lines.append(Line(pos + offset, pos + offset + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def missing_tokens() -> set[str]:
    return set(table_terms()["missing_tokens"])


def split_label_tail(text: str) -> tuple[str, str]:
    """A line's label and the run of numbers at its end, found from the end in linear time."""
    cut = len(text)
    for token in reversed(list(re.finditer(r"[^ \t|]+", text))):
        word = token.group()
        if word in missing_tokens() or all(c in TAIL_CHARS for c in word):
            cut = token.start()
            continue
        k = len(word)
        while k > 0 and word[k - 1] in TAIL_CHARS:
            k -= 1
        while k < len(word) and not re.match(r"[\d(\-−–+—]", word[k]):
            k += 1
        if k < len(word):
            cut = token.start() + k
        break
    return text[:cut], text[cut:]


def as_row(line: Line) -> Row | None:
    """Label + numeric tail, or None when the line is not a table row."""
    label, tail = split_label_tail(line.text)
    label, tail = label.strip(" \t|:"), tail.strip(" \t|")
    if not re.search(r"\d", tail) or not re.match(r"[\d(\-−–+—nN.…]", tail):
        return None
    chunks = number_chunks(tail)
    if max(len(c) for c in chunks) > MAX_GLUED or not all(readable(c) for c in chunks):
        return None  # a serial number, a date or a sentence's last figure, not a row of figures
    if fold(label.split()[-1] if label else "") in table_terms()["header_joiners"]:
        return None  # "rose to 2.1": prose
    if label and not re.search(r"[^\W\d_]", label):
        return None
    if not label:  # a year as the row label: "2022 1.5 2.3"
        first = SEPARATOR.split(tail, maxsplit=1)
        if len(first) == 2 and re.fullmatch(r"(?:19|20)\d\d", first[0]):
            return Row(line, first[0], first[1])
        return None
    if len(label.split()) > MAX_LABEL_WORDS or re.search(r"[.!?;:]\s", label) or label.endswith((",", "(")):
        return None
    return Row(line, label, tail)


def is_group_line(line: Line, next_row: Row | None) -> bool:
    """A short label-only line between rows ("Asia-Pacific partners"): kept as a row with empty cells.

    A line with as many words as the next row has cells is taken for the header of a second table instead."""
    text = line.text
    if not (0 < len(text) <= 60) or text.endswith((".", ":", ",")) or re.search(r"\d", text):
        return False
    if len(split_header(text)) != 1:
        return False
    chunks = len(number_chunks(next_row.tail)) if next_row is not None else 0
    return chunks < 2 or len(text.split()) != 1 + chunks


def is_header_line(line: Line) -> bool:
    text = line.text.strip(" |")
    if not text or len(text) > 300 or not re.search(r"[^\W\d_]", text) or re.search(r"[.!?]$", text):
        return False
    if len(text.split()) > 40 or re.search(r"[a-z][.!?]\s+[A-Z]", text):
        return False
    if as_row(line) is not None:  # only a year header ("Country 2022 2023") looks like a row and still is a header
        return is_year_header(line) or ends_in_year_column(line)
    if re.match(r"(?:Table|Tab\.|Chart|Figure|Exhibit|Source|Note)s?\b", text, re.IGNORECASE):
        return False
    return len(split_header(text)) >= 2 or (len(text.split()) >= 2 and not text.endswith(","))


def number_chunks(tail: str) -> list[str]:
    chunks = []
    for chunk in SEPARATOR.split(tail.strip()):
        years = YEAR_RUN.fullmatch(chunk)
        chunks.extend(re.findall(r"\d{4}", chunk) if years else [chunk])
    return [c for c in chunks if c]


# ---------------------------------------------------------------- header



@cache
def glued_boundary() -> re.Pattern:
    """Where glued column names meet. Year prefixes ("FY2025") stay on their year and start a new name."""
    prefixes = "|".join(re.escape(p) for p in sorted(table_terms()["year_prefixes"], key=len, reverse=True))
    not_after_prefix = "".join(f"(?<!{re.escape(p)})" for p in table_terms()["year_prefixes"])
    year = r"(?:19|20)\d\d"
    return re.compile(
        r"(?<=[a-z\)\]])(?=[A-Z])"  # lowercase -> Uppercase: "CountryFinancial", "assistanceTotal"
        r"|(?<=[A-Za-z0-9\)])(?=%\s+[^\s)])"  # before a "%" that starts a name: "Total% GDP" (not "Change%")
        r"|(?<=%)(?=[A-Z])"  # after a "%" that ends a name: "GDP%Total"
        r"|(?<=\d)(?=[A-Z][a-z])"  # number -> Word: "Budget 2023Budget 2024"
        rf"|(?<=\d)(?=(?:{prefixes}){year})"  # number -> year prefix: "FY2024FY2025"
        rf"|(?<=[A-Za-z\)]){not_after_prefix}(?=(?:{year})+(?!\d))"  # word -> year: "Country2022", not "FY|2022"
        rf"|(?<={year})(?=(?:{year})+(?!\d))"  # year -> year: "20222023"
    )


ACRONYM_BOUNDARY = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z])")  # "GDPGrowth"


def split_header(text: str) -> list[str]:
    """Column names of a header line: split at strong separators, then where names are glued together."""
    parts = []
    for piece in STRONG_SEPARATOR.split(text.strip()):
        parts.extend(p.strip() for p in glued_boundary().split(piece))
    return [p for p in parts if p]


def split_header_to(text: str, wanted: int) -> list[str] | None:
    """Column names when the count is known from the rows: add weaker boundaries until the count is reached."""
    parts = split_header(text)
    if len(parts) == wanted:
        return parts
    if len(parts) > wanted:
        return None
    finer = [q.strip() for p in parts for q in ACRONYM_BOUNDARY.split(p) if q.strip()]
    if len(finer) == wanted:
        return finer
    # single-space separated names: choose word boundaries, strongest first
    words = " ".join(finer).split(" ")
    joiners = set(table_terms()["header_joiners"])
    scored = []
    for i in range(1, len(words)):
        prev, nxt = words[i - 1], words[i]
        if fold(prev) in joiners or fold(nxt) in joiners or prev.endswith(("(", "-")) or nxt.startswith(")"):
            continue
        if nxt == "%" and i + 1 == len(words):
            continue  # "Change %": the sign belongs to the name before it
        if nxt.startswith("%"):
            score = 2
        elif YEAR_TOKEN.fullmatch(prev):
            score = 3  # a year ends a column name: "Strength 2023 | Strength 2024"
        elif YEAR_TOKEN.fullmatch(nxt):
            score = 0.5  # and belongs to the name before it, unless the names are bare years ("Country | 2022")
        elif nxt[:1].isupper() and prev[:1].islower():
            score = 3
        elif nxt[:1].isupper() and prev != "%":
            score = 1
        elif prev == "%" or nxt.startswith("("):
            continue
        else:
            score = 0
        scored.append((score, -i, i))
    need = wanted - 1
    if len(scored) < need:
        return None
    cuts = sorted(i for _, _, i in sorted(scored, reverse=True)[:need])
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


# ---------------------------------------------------------------- numbers

def token_decimals(token: str) -> int | None:
    if token in missing_tokens():
        return None
    match = re.search(r"\.(\d+)", token)
    return len(match.group(1)) if match else 0


def token_value(token: str) -> float | None:
    if token in missing_tokens():
        return None
    negative = token.startswith(("-", "−", "–", "(")) and not token.startswith("+")
    digits = re.sub(r"[^\d.]", "", token)
    try:
        value = float(digits)
    except ValueError:
        return None
    return -value if negative else value


def token_heads(chunk: str, pos: int) -> list[str]:
    """The numbers (or glued missing marks) a chunk can start with at `pos`."""
    heads = [chunk[pos:end] for end in range(pos + 1, len(chunk) + 1) if NUMBER.fullmatch(chunk[pos:end])]
    return heads + [m for m in GLUED_MISSING if chunk.startswith(m, pos)]


def readable(chunk: str) -> bool:
    """The chunk reads as one or more numbers (or is a missing-value mark)."""
    if chunk in missing_tokens():
        return True
    reachable = {0}
    for pos in range(len(chunk)):
        if pos in reachable:
            reachable.update(pos + len(head) for head in token_heads(chunk, pos))
    return len(chunk) in reachable


def tail_splits(tail: str, count: int) -> list[tuple[str, ...]]:
    """Every reading of a row's numbers as exactly `count` cells; spaces are always cell boundaries."""
    chunks = number_chunks(tail)
    memo: dict[tuple[int, int, int], list[tuple[str, ...]]] = {}

    def split(ci: int, pos: int, left: int) -> list[tuple[str, ...]]:
        if ci == len(chunks):
            return [()] if left == 0 else []
        chunk = chunks[ci]
        if pos == len(chunk):
            return split(ci + 1, 0, left) if pos else []
        if left < len(chunks) - ci or left > len(chunk) - pos + sum(len(c) for c in chunks[ci + 1:]):
            return []
        key = (ci, pos, left)
        if key in memo:
            return memo[key]
        out: list[tuple[str, ...]] = []
        heads = [chunk] if pos == 0 and chunk in missing_tokens() else token_heads(chunk, pos)
        for head in heads:
            out.extend((head, *rest) for rest in split(ci, pos + len(head), left - 1))
            if len(out) >= MAX_SPLITS:
                del out[MAX_SPLITS:]
                break
        memo[key] = out
        return out

    return split(0, 0, count)


# ---------------------------------------------------------------- choosing splits

@dataclass(slots=True)
class Sum:
    total: int  # numeric column index
    parts: list[int]


def declared_sums(names: list[str]) -> list[Sum]:
    """Sums the header announces: a Total column adds up the numeric columns before it (back to the last total)."""
    sums, first = [], 0
    for j, name in enumerate(names):
        if is_total_header(name):
            parts = [k for k in range(first, j) if not is_percent_header(names[k])]
            if len(parts) >= 2:
                sums.append(Sum(j, parts))
            first = j + 1
    return sums


def sum_holds(values: list[float | None], decimals: list[int | None], relation: Sum) -> bool:
    cols = [relation.total, *relation.parts]
    if values[relation.total] is None:
        return True
    # each printed number may be off by half its last digit
    tolerance = sum(0.5 * 10 ** -(decimals[c] or 0) for c in cols if values[c] is not None) + 1e-9
    return math.isclose(sum(values[c] or 0.0 for c in relation.parts), values[relation.total], abs_tol=tolerance)


def implicit_sums(anchors: list[tuple[str, ...]], width: int, declared: list[Sum]) -> list[Sum]:
    """A column that equals the sum of all numeric columns before it in every unambiguous row is a total too."""
    if len(anchors) < 3 or declared:
        return []
    for j in range(2, width):
        relation = Sum(j, list(range(j)))
        rows = [([token_value(t) for t in a], [token_decimals(t) for t in a]) for a in anchors]
        if all(v[j] is not None for v, _ in rows) and any(v[j] for v, _ in rows) \
                and all(sum_holds(v, d, relation) for v, d in rows):
            return [relation]
    return []


def ungrouped_thousands(token: str) -> bool:
    """A number of 1000 or more printed without thousands separators ("1300", not "1,300")."""
    return "," not in token and bool(re.search(r"\d{4}", token.split(".")[0]))


def grouping_styles(anchors: list[tuple[str, ...]], width: int) -> list[bool]:
    """Per column: whether the table prints thousands with separators there, so "1300" cannot be one of its cells.

    A column is grouped when its unambiguous cells group thousands, or when it shows nothing either way and the
    rest of the table groups them and never prints an ungrouped one."""
    grouped = [any("," in a[j] for a in anchors) for j in range(width)]
    ungrouped = [any(ungrouped_thousands(a[j]) for a in anchors) for j in range(width)]
    table_groups = any(grouped) and not any(ungrouped)
    return [g or (table_groups and not u) for g, u in zip(grouped, ungrouped, strict=True)]


def column_totals_hold(block: list[tuple[str, ...]], total: tuple[str, ...], skip: set[int]) -> bool:
    """Each column of the block adds up to the Total row below it (within the printed precision)."""
    for j, cell in enumerate(total):
        value = token_value(cell)
        if value is None or j in skip:
            continue
        cells = [row[j] for row in block]
        tolerance = sum(0.5 * 10 ** -(token_decimals(c) or 0) for c in [*cells, cell] if token_value(c) is not None)
        if not math.isclose(sum(token_value(c) or 0.0 for c in cells), value, abs_tol=tolerance + 1e-9):
            return False
    return True


def settle_by_total_rows(chosen: list[tuple[str, ...] | None], options: list[list[tuple[str, ...]]],
                         labels: list[str], skip: set[int]) -> list[int]:
    """Rows left ambiguous above a Total row: the one combination of their readings that the total confirms.

    Returns the rows settled this way."""
    settled, first = [], 0
    for t, label in enumerate(labels):
        if not is_total_header(label):
            continue
        block = range(first, t)
        first = t + 1
        open_rows = [r for r in block if chosen[r] is None]
        if chosen[t] is None or not open_rows or any(not options[r] for r in open_rows):
            continue
        if math.prod(len(options[r]) for r in open_rows) > MAX_SPLITS:
            continue
        fits = []
        for combo in itertools.product(*(options[r] for r in open_rows)):
            picked = dict(zip(open_rows, combo, strict=True))
            rows = [picked.get(r) or chosen[r] for r in block]
            if column_totals_hold(rows, chosen[t], skip):
                fits.append(picked)
        if len(fits) == 1:
            for r, split in fits[0].items():
                chosen[r] = split
                settled.append(r)
    return settled


def choose_splits(candidates: list[list[tuple[str, ...]]], names: list[str],
                  labels: list[str] | None = None) -> tuple[list[tuple[str, ...] | None], list[str]]:
    """One split per row, or None where the evidence leaves none or several; with the reasons."""
    width = len(names)
    anchors = [c[0] for c in candidates if len(c) == 1]
    # each row's readings share one vote per column; ties go to the precision the whole table prints most
    votes: list[Counter[int]] = [Counter() for _ in range(width)]
    for cands in candidates:
        for j in range(width):
            for d in (token_decimals(c[j]) for c in cands):
                if d is not None:
                    votes[j][d] += 1 / len(cands)
    overall = sum(votes, Counter())
    allowed: list[set[int]] = []
    for j in range(width):
        seen = {token_decimals(a[j]) for a in anchors} - {None}
        if not seen and votes[j]:
            seen = {max(votes[j], key=lambda d, j=j: (round(votes[j][d], 6), overall[d]))}
        allowed.append(seen)
    sums = declared_sums(names)
    sums += implicit_sums(anchors, width, sums)
    grouped = grouping_styles(anchors, width)

    def violations(split: tuple[str, ...]) -> tuple[int, int]:
        decimals = [token_decimals(t) for t in split]
        values = [token_value(t) for t in split]
        precision = sum(1 for j, d in enumerate(decimals) if d is not None and allowed[j] and d not in allowed[j])
        precision += sum(1 for j, t in enumerate(split) if grouped[j] and ungrouped_thousands(t))
        arithmetic = sum(1 for s in sums if not sum_holds(values, decimals, s))
        return precision, arithmetic

    chosen: list[tuple[str, ...] | None] = []
    reasons: list[str] = []
    options: list[list[tuple[str, ...]]] = []
    for cands in candidates:
        options.append([c for c in cands if sum(violations(c)) == 0])
        if not cands:
            chosen.append(None)
            reasons.append(f"cannot be read as {width} numbers")
            continue
        scored = [(sum(violations(c)), c) for c in cands]
        consistent = [c for v, c in scored if v == 0]
        if len(cands) == 1:
            chosen.append(cands[0])
            precision, arithmetic = violations(cands[0])
            reasons.append("total differs from the sum of its parts" if arithmetic else "")
        elif len(consistent) == 1:
            chosen.append(consistent[0])
            reasons.append("")
        else:
            chosen.append(None)
            why = "several splits agree" if consistent else "no split agrees"
            why += " with the columns' precision and totals"
            reasons.append(f"{why} ({len(cands)} possible)")
    if labels is not None:
        percent = {j for j, name in enumerate(names) if is_percent_header(name)}
        for r in settle_by_total_rows(chosen, options, labels, percent):
            reasons[r] = ""
    return chosen, reasons


# ---------------------------------------------------------------- blocks

def is_year_header(line: Line) -> bool:
    row = as_row(line)
    chunks = number_chunks(row.tail) if row is not None else []
    return len(chunks) >= 2 and all(re.fullmatch(r"(?:19|20)\d\d", c) for c in chunks)


def ends_in_year_column(line: Line) -> bool:
    """A header whose last column name ends in a year ("ProducerOutput 2023Output 2024Target 2025", "Budget FY2025")
    reads as a row with a lone year for its numbers; it is told from one by its shape alone when another
    column name carries a year too, otherwise only by the rows below it (see peel_year_header)."""
    row = as_row(line)
    if row is None or not YEAR_TOKEN.fullmatch(row.tail.strip()):
        return False
    return bool(re.search(r"[^\W\d_]", row.label))


def years_in_names(line: Line) -> int:
    return len(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", line.text))


def peel_year_header(lines: list[Line], run: list[int]) -> list[int]:
    """A run whose first line is a header ending in a year column: the header leaves the run.

    The rows below must not all end in a lone year themselves (then the years are data, "Treaty 1987")."""
    first = lines[run[0]]
    if not ends_in_year_column(first):
        return run
    rest = [i for i in run[1:] if is_row_line(lines[i])]
    if len(rest) < 2 or all(ends_in_year_column(lines[i]) for i in rest):
        return run
    if years_in_names(first) < 2 and not len(split_header(first.text)) >= 2:
        return run
    return run[1:]


def is_row_line(line: Line) -> bool:
    return as_row(line) is not None and not is_year_header(line)


def row_runs(lines: list[Line]) -> list[list[int]]:
    """Indices of lines forming runs of table rows (group lines and single blank lines allowed inside)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(lines):
        if is_row_line(line):
            current.append(i)
            continue
        if current:
            nxt = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k].text), None)
            next_row = as_row(lines[nxt]) if nxt is not None and is_row_line(lines[nxt]) else None
            inside = not line.text or RULE_LINE.fullmatch(line.text) or is_group_line(line, next_row)
            if inside and next_row is not None:
                if line.text and not RULE_LINE.fullmatch(line.text):
                    current.append(i)
                continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    runs = [peel_year_header(lines, r) for r in runs]
    return [r for r in runs if sum(1 for i in r if is_row_line(lines[i])) >= 2]


def header_before(lines: list[Line], first: int) -> int | None:
    """The header line above a run of rows: the first non-blank line that is not a drawn rule."""
    for k in range(first - 1, max(-1, first - 4), -1):
        if not lines[k].text or RULE_LINE.fullmatch(lines[k].text):
            continue
        return k if is_header_line(lines[k]) else None
    return None


def build_table(lines: list[Line], run: list[int], header_index: int | None) -> FlatTable | None:
    rows = {i: as_row(lines[i]) if is_row_line(lines[i]) else None for i in run}
    data = [r for r in rows.values() if r is not None]
    token_counts = Counter(len(number_chunks(r.tail)) for r in data)
    spaced_count, spaced_rows = token_counts.most_common(1)[0]
    spaced = spaced_count > 1 and spaced_rows >= 0.8 * len(data)
    header_text = lines[header_index].text if header_index is not None else None
    names: list[str] | None = None
    width = 0
    if header_text is not None:
        best = None
        if spaced:
            best = (len(data), spaced_count)
        plain = split_header(header_text)
        finer = [q.strip() for p in plain for q in ACRONYM_BOUNDARY.split(p) if q.strip()]
        for parts in (plain, finer):
            if best is not None and best[0] >= 0.5 * len(data):
                break  # finer header boundaries ("GDPTotal") only when the plain ones do not fit the rows
            options = [len(parts) - 1] if is_label_header(parts[0]) else [len(parts) - 1, len(parts)]
            for n in options:
                readable = sum(1 for r in data if tail_splits(r.tail, n)) if n >= 1 else 0
                if best is None or readable > best[0]:
                    best = (readable, n)
        if best is None or best[0] < 0.5 * len(data):
            return None
        width = best[1]
        if len(plain) == width + 1 or (len(plain) == width and not is_label_header(plain[0])):
            names = plain if len(plain) == width + 1 else ["", *plain]
        for wanted, with_label in ((width + 1, True), (width, False)):
            fitted = split_header_to(header_text, wanted) if names is None else None
            if fitted is not None:
                names = fitted if with_label else ["", *fitted]
        if names is None:
            names = ["", *[f"column {j + 2}" for j in range(width)]]
    else:
        if not spaced or len(data) < 3:
            return None
        width = spaced_count
        names = ["", *[f"column {j + 2}" for j in range(width)]]
    numeric_names = names[1:]
    candidates = [tail_splits(r.tail, width) for r in data]
    chosen, reasons = choose_splits(candidates, numeric_names, [r.label for r in data])
    table_rows: list[list[str]] = []
    flags: list[str] = []
    data_iter = iter(zip(data, chosen, reasons, strict=True))
    for i in run:
        row = rows[i]
        if row is None:  # a group line
            table_rows.append([lines[i].text] + [""] * width)
            continue
        _, split, reason = next(data_iter)
        r = len(table_rows)
        if split is None:
            table_rows.append([row.label, row.tail] + [""] * (width - 1))
            flags.append(f"row {r} ({row.label}): unsplit, {reason}: {row.tail!r}")
        else:
            table_rows.append([row.label, *split])
            if reason:
                flags.append(f"row {r} ({row.label}): {reason}")
    start = lines[header_index].start if header_index is not None else lines[run[0]].start
    return FlatTable(columns=names, rows=table_rows, flags=flags, start=start, end=lines[run[-1]].end,
                     header_start=lines[header_index].start if header_index is not None else None)


def find_flattened_tables(text: str) -> list[FlatTable]:
    """Every block of the text that reads as a table: header line + rows of label and numbers."""
    lines = lines_of(text)
    tables = []
    for run in row_runs(lines):
        header_index = header_before(lines, run[0])
        if header_index is not None and is_group_line(lines[header_index], as_row(lines[run[0]])):
            above = header_before(lines, header_index)  # a group label right under the header
            if above is not None and len(split_header(lines[above].text)) >= 2:
                run, header_index = [header_index, *run], above
        table = build_table(lines, run, header_index)
        if table is not None:
            tables.append(table)
    return tables
