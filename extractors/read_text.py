"""Plain text and Markdown: bytes decoded in a fixed fallback order, markup stripped, web residue dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import charset_normalizer

from extractors.common import DATA_DIR
from extractors.document import RawTable

BOILERPLATE_FILE = DATA_DIR / "boilerplate_lines.txt"
# Western single-byte default: when the detector cannot tell cp1252 from its look-alikes (cp1250, cp775 ...)
# for text with no identifiable language, Windows-1252 is by far the likeliest origin.
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15")
SNIFF_BYTES = 16_384
MAX_CONTROL_RATIO = 0.01  # text files have no C0 control characters beyond whitespace; binary files have ~10%
ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1a"}
TABLE_MARK = "\ufffc"  # OBJECT REPLACEMENT CHARACTER: holds a table's place in text that is still being cleaned


class NotText(ValueError):
    """Bytes that are not a text file; the message is the one-line reason users see."""


@dataclass(slots=True)
class MarkdownResult:
    text: str
    front_matter: dict[str, str] = field(default_factory=dict)
    title: str | None = None  # a level-1 heading that opens the document
    footnotes: dict[str, str] = field(default_factory=dict)
    tables: list[RawTable] = field(default_factory=list)


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text carries NULs by design
        return False
    if b"\x00" in head:
        return True
    sample = head.decode("latin-1")
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in ALLOWED_CONTROLS)
    return controls > MAX_CONTROL_RATIO * max(len(sample), 1)


def decode_bytes(data: bytes) -> str:
    """The text of `data`; see decode_text (its warnings are dropped here)."""
    return decode_text(data)[0]


ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # what surrogateescape makes of a byte that is not UTF-8
BEYOND_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Text and warnings. UTF-8 (with or without BOM); a UTF-8 file with a few invalid bytes stays UTF-8, each bad
    byte replaced by U+FFFD and a warning saying how many and at which byte the first is. Only a file that is not
    UTF-8 as a whole goes to the detector, then Windows-1252 with replacement characters."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), []
    if looks_binary(data):
        raise NotText("binary content, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = ESCAPED_BYTE.findall(escaped)
    # More clean multi-byte characters than bad bytes: UTF-8 text with some damage, not another encoding (text in
    # a single-byte encoding almost never forms a valid UTF-8 sequence by accident).
    if len(BEYOND_ASCII.findall(escaped)) >= len(bad):
        first_char = ESCAPED_BYTE.search(escaped).start()  # type: ignore[union-attr]
        first_byte = len(escaped[:first_char].encode("utf-8", errors="surrogateescape"))
        text = ESCAPED_BYTE.sub("\ufffd", escaped).removeprefix("\ufeff")
        return text, [f"invalid UTF-8: {len(bad)} byte(s) replaced with U+FFFD, the first at byte {first_byte}"]
    return decode_legacy(data), []


def decode_legacy(data: bytes) -> str:
    matches = list(charset_normalizer.from_bytes(data[:1_000_000]))
    if matches:
        best = matches[0]
        tied = [m.encoding for m in matches
                if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01]
        encoding = next((e for e in tied if e in WESTERN_ENCODINGS), None)
        if encoding is None and best.coherence == 0.0 and _decodes(data, "cp1252"):
            encoding = "cp1252"
        try:
            return data.decode(encoding or best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@lru_cache(maxsize=1)
def boilerplate_phrases() -> frozenset[str]:
    lines = BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def is_boilerplate_line(line: str) -> bool:
    """A line that is only share/print/cookie residue: one listed phrase, or several in a row."""
    words = re.sub(r"[^\w\s-]", " ", line.lower()).split()
    if not words or len(words) > 8:
        return False
    phrases = boilerplate_phrases()
    # Greedy longest-phrase cover of the line's words.
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            if " ".join(words[i:j]) in phrases:
                i = j
                break
        else:
            return False
    return True


def table_text(rows: list[list[str | None]], caption: str | None = None) -> str:
    """A table as plain lines: the caption, then one line per row with its cells joined by " | "."""
    lines = [re.sub(r"\s+", " ", caption).strip()] if caption and caption.strip() else []
    for row in rows:
        cells = [re.sub(r"\s+", " ", cell or "").strip() for cell in row]
        if any(cells):
            lines.append(" | ".join(cells).strip())
    return "\n".join(lines)


def table_marker(index: int) -> str:
    """Stands for table `index` in text until the text is final and the table can be placed (see readers)."""
    return f"{TABLE_MARK}{index}{TABLE_MARK}"


def drop_boilerplate_lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if not is_boilerplate_line(line))


def join_wrapped_lines(text: str) -> str:
    """Hard-wrapped plain text (lines cut at ~70 columns) becomes one line per paragraph.

    Only when most lines are wrapped at a common width; a line well short of that width ends its paragraph,
    so headers, bylines and list lines stay on their own lines.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 8:
        return text
    lengths = sorted(len(line) for line in lines)
    width = lengths[int(len(lengths) * 0.9)]
    if width > 100 or width < 40:
        return text
    long_lines = sum(1 for n in lengths if n >= 0.75 * width)
    if long_lines < 0.5 * len(lines):
        return text
    out: list[str] = []
    for line in text.split("\n"):
        previous = out[-1] if out else ""
        if line.strip() and previous.strip() and len(previous) >= 0.75 * width and not _starts_block(line):
            out[-1] = join_line_break(previous, line.strip())
        else:
            out.append(line.rstrip())
    return "\n".join(out)


def _starts_block(line: str) -> bool:
    return bool(re.match(r"\s*([-*•]\s|\d+[.)]\s|\[\d+\]|#)", line))


def join_line_break(left: str, right: str) -> str:
    """Two pieces of one paragraph cut at a line break; a word hyphenated across the break is rejoined."""
    left = left.rstrip()
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if re.search(r"[^\W\d_]-$", left) and right[:1].islower():
        return left[:-1] + right
    if left.endswith(("-", "/", "\u2010")):  # a compound cut after its hyphen keeps it, with no space
        return left + right
    return f"{left} {right}"


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
FENCE = re.compile(r"^\s*(```|~~~)")
ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
HRULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
LIST_MARK = re.compile(r"^(\s*)(?:[-*+•]|\d{1,3}[.)])\s+")
QUOTE_MARK = re.compile(r"^\s{0,3}(>\s?)+")
REF_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*\S+.*$")
FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^([^\]]+)\]:\s*(.*)$")
TABLE_ROW = re.compile(r"^\s*\|?.*\|.*\|?\s*$")
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def strip_inline_markdown(line: str) -> str:
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images: not prose
    line = re.sub(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)", r"\1", line)  # [text](url "title")
    line = re.sub(r"\[([^\]^][^\]]*)\]\[[^\]]*\]", r"\1", line)  # [text][ref]
    line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
    line = re.sub(r"\[\^([^\]]+)\]", r"[\1]", line)  # footnote reference -> [1], the marker style of the text
    line = re.sub(r"`([^`]+)`", r"\1", line)
    line = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", r"\1", line)
    line = re.sub(r"~~(.+?)~~", r"\1", line)
    line = re.sub(r"</?[A-Za-z][^>]*>", "", line)  # inline HTML tags
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>~])", r"\1", line)


def parse_front_matter(block: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip() and not line.startswith((" ", "\t", "-")):
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return meta


def split_table_row(line: str) -> list[str | None]:
    cells = line.strip().strip("|").split("|")
    return [strip_inline_markdown(c.strip()) or None for c in cells]


def markdown_to_text(source: str) -> MarkdownResult:
    """Markdown to plain text: one line per paragraph, blank lines between blocks, tables and notes set apart."""
    result = MarkdownResult(text="")
    source = source.replace(TABLE_MARK, "")  # the mark is reserved for the table markers set below
    match = FRONT_MATTER.match(source)
    if match:
        result.front_matter = parse_front_matter(match.group(1))
        source = source[match.end():]
    lines = source.split("\n")
    blocks: list[str] = []
    paragraph: list[str] = []
    in_fence = False

    def flush() -> None:
        if paragraph:
            blocks.append(" ".join(paragraph))
            paragraph.clear()

    i = 0
    while i < len(lines):
        raw = lines[i]
        if FENCE.match(raw):
            flush()
            in_fence = not in_fence
            i += 1
            continue
        if in_fence:
            if raw.strip():
                blocks.append(raw.strip())
            i += 1
            continue
        if i + 1 < len(lines) and TABLE_ROW.match(raw) and TABLE_SEPARATOR.match(lines[i + 1]):
            flush()
            rows = [split_table_row(raw)]
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                rows.append(split_table_row(lines[i]))
                i += 1
            blocks.append(table_marker(len(result.tables)))
            result.tables.append(RawTable(rows=rows))
            continue
        note = FOOTNOTE_DEFINITION.match(raw)
        if note:
            flush()
            result.footnotes[note.group(1)] = strip_inline_markdown(note.group(2)).strip()
            i += 1
            continue
        if not raw.strip() or HRULE.match(raw) or REF_DEFINITION.match(raw):
            flush()
            i += 1
            continue
        if i + 1 < len(lines) and paragraph == [] and raw.strip() and SETEXT_RULE.match(lines[i + 1]) \
                and not LIST_MARK.match(raw):
            if not blocks and lines[i + 1].strip().startswith("="):
                result.title = strip_inline_markdown(raw.strip())
            blocks.append(strip_inline_markdown(raw.strip()))
            i += 2
            continue
        heading = ATX_HEADING.match(raw)
        if heading:
            flush()
            if not blocks and raw.lstrip().startswith("# "):
                result.title = strip_inline_markdown(heading.group(1))
            blocks.append(strip_inline_markdown(heading.group(1)))
            i += 1
            continue
        line = QUOTE_MARK.sub("", raw)
        if LIST_MARK.match(line):
            flush()
            line = LIST_MARK.sub("", line)
        text = strip_inline_markdown(line.strip())
        if text.endswith("  ") or raw.endswith("  "):  # a hard line break ends the line
            paragraph.append(text.strip())
            flush()
        elif text:
            paragraph.append(text)
        i += 1
    flush()
    notes = [f"[{marker}] {text}" for marker, text in result.footnotes.items()]
    result.text = "\n\n".join(blocks + notes)
    return result
