"""Saved web pages: the article body through trafilatura (no navigation, banners, related links or footers),
metadata from <meta> tags, and <table>s parsed here into RawTables, each leaving a marker where it stood so the
reader can place its lines there (see readers.clean_with_tables)."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from extractors.document import RawTable
from extractors.metadata import (
    PIECE_SPLIT_RE,
    byline_parts,
    copyright_holder,
    cues,
    is_organisation_name,
    is_person_name,
    names_an_organisation,
    names_in_byline,
    parse_date,
    patterns,
    split_names,
)
from extractors.read_text import TABLE_MARK, decode_bytes, table_marker

BOILERPLATE_ANCESTORS = {"nav", "footer", "header", "aside", "form", "menu"}
NOTE_ID = re.compile(r"^(?:fn|footnote|note|endnote|ftn|edn)[-_:]?(\d{1,3})$", re.I)
# <meta> names (and "ld:" keys from JSON-LD) in the order they are trusted: scholarly citation tags first.
TITLE_KEYS = ("citation_title", "ld:headline", "dc.title", "og:title", "twitter:title", "parsely-title")
AUTHOR_KEYS = ("citation_author", "ld:author", "dc.creator", "author", "article:author", "parsely-author",
               "sailthru.author", "byl")
DATE_KEYS = ("citation_publication_date", "citation_date", "ld:datepublished", "citation_online_date",
             "article:published_time", "og:published_time", "dc.date.issued", "dcterms.issued", "dc.date",
             "dcterms.date", "date", "pubdate", "publish-date", "publish_date", "parsely-pub-date", "sailthru.date")
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as Windows-1252 (curly quotes, euro sign, dashes)
WINDOWS_1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252",
                        "cp1252", "x-cp1252"}
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")
ANCHOR_CHARS = 60  # the end of the paragraph before a table, to find the table's place if its marker was dropped
PUBLISHER_KEYS = ("citation_publisher", "ld:publisher", "dc.publisher", "og:site_name")
URL_KEYS = ("og:url", "canonical", "citation_public_url")


@dataclass(slots=True)
class HtmlContent:
    text: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    tables: list[RawTable] = field(default_factory=list)
    error: str | None = None
    # the page's own name (its title's site suffix, its footer's copyright holder): the publisher only when neither
    # the page's metadata nor the article's text (a "first published by" note) names one
    site_publisher: str | None = None


def decode_html(data: bytes) -> str:
    """The charset a page declares (Latin-1 read as Windows-1252, as browsers do), else the text fallback order."""
    declared = DECLARED_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        name = declared.group(1).decode("ascii", errors="replace").lower()
        name = "cp1252" if name in WINDOWS_1252_ALIASES else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def read_html(data: bytes) -> HtmlContent:
    from trafilatura.utils import load_html

    tree = load_html(decode_html(data).replace(TABLE_MARK, ""))  # the mark is reserved for table markers
    if tree is None:
        return HtmlContent(error="not an HTML page: could not parse it")
    content = HtmlContent()
    meta = meta_tags(tree)
    mark_footnotes(tree)
    content.tables, anchors = html_tables(tree)
    content.text = with_byline(place_lost_markers(article_text(tree), anchors), tree)
    if not content.text.strip():
        content.error = "no article text found"
        return content
    fill_metadata(content, meta, tree)
    return content


def article_text(tree: HtmlElement) -> str:
    """trafilatura's article body; on short pages its fallback flattens paragraphs into one, so then retry with
    precision settings, and failing that collect the article's own block elements."""
    import trafilatura

    settings = {"output_format": "xml", "include_tables": False, "include_comments": False, "include_images": False,
                "deduplicate": False}
    extracted = trafilatura.extract(copy.deepcopy(tree), **settings)
    text = xml_to_text(extracted) if extracted else ""
    if text.count("\n\n") or len(tree.xpath("//p")) < 2:
        return text
    extracted = trafilatura.extract(copy.deepcopy(tree), favor_precision=True, **settings)
    precise = xml_to_text(extracted) if extracted else ""
    if precise.count("\n\n"):
        return precise
    return block_text(tree) or text


BYLINE_MAX_WORDS = 20
BYLINE_OUTSIDE = {"nav", "footer", "aside", "form", "menu"}  # a header inside the article holds its byline


def page_byline(tree: HtmlElement) -> str | None:
    """The article's byline as the page shows it ('By Ricardo Santos · 3 July 2024'), outside navigation; failing a
    'By' line, a byline without one above the body ('Jane Doe with John Roe · 3 July 2024', 'Jane Doe | John Roe'):
    names with a date, or names set in pieces."""
    container = next(iter(tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")), None)
    if container is None:
        return None
    unlabelled: str | None = None
    above_body = True  # an unlabelled byline stands above the body's first paragraph of prose
    for element in container.iter("p", "div", "span", "address"):
        if any(a.tag in BYLINE_OUTSIDE for a in element.iterancestors() if isinstance(a.tag, str)):
            continue
        if any(child.tag in ("p", "div", "li", "table") for child in element.iterdescendants()):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if not text:
            continue
        if len(text.split()) > BYLINE_MAX_WORDS:
            above_body = above_body and element.tag != "p"
            continue
        byline = patterns()["byline"].match(text)
        if byline and names_in_byline(byline["rest"]):
            return text
        if above_body and unlabelled is None:
            names, published, _ = byline_parts(text)
            if names and (published or PIECE_SPLIT_RE.search(text)):
                unlabelled = text
    return unlabelled


def with_byline(text: str, tree: HtmlElement) -> str:
    """The page's byline kept at the top of the text (under the title when the text opens with it): the body
    extractor drops it with the header, yet it carries the article's date and authors as written."""
    byline = page_byline(tree)
    if not byline or not text or byline in text:
        return text
    blocks = text.split("\n\n")
    titles = {re.sub(r"\s+", " ", h.text_content()).strip() for h in tree.xpath("//h1")}
    for index, block in enumerate(blocks[:3]):
        if block.strip() in titles:
            return "\n\n".join([*blocks[:index + 1], byline, *blocks[index + 1:]])
    return byline + "\n\n" + text


def block_text(tree: HtmlElement) -> str:
    """Headings, paragraphs and list items of the page's article (or main) element, outside navigation."""
    container = next(iter(tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//*[@role='main']")
                          or tree.xpath("//body")), None)
    if container is None:
        return ""
    blocks = []
    for element in container.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote"):
        if in_boilerplate(element) or any(a.tag in ("p", "li", "blockquote", "table") for a in element.iterancestors()):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or element.get("itemprop") or "").strip().lower()
        value = (element.get("content") or "").strip()
        if key and value:
            meta.setdefault(key, []).append(value)
    for element in tree.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            meta.setdefault("canonical", []).append(element.get("href").strip())
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            for key, value in json_ld(script.text).items():
                meta.setdefault(key, []).extend(value)
    return meta


def json_ld(source: str) -> dict[str, list[str]]:
    """Headline, author names, publisher and datePublished of an Article in JSON-LD."""
    try:
        data = json.loads(source)
    except ValueError:
        return {}
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    out: dict[str, list[str]] = {}
    for item in items:
        if not isinstance(item, dict) or "Article" not in str(item.get("@type", "")) and "Posting" not in str(
                item.get("@type", "")):
            continue
        if isinstance(item.get("headline"), str):
            out.setdefault("ld:headline", []).append(item["headline"])
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str):
                out.setdefault("ld:author", []).append(name)
        publisher = item.get("publisher")
        name = publisher.get("name") if isinstance(publisher, dict) else publisher
        if isinstance(name, str):
            out.setdefault("ld:publisher", []).append(name)
        if isinstance(item.get("datePublished"), str):
            out.setdefault("ld:datepublished", []).append(item["datePublished"])
    return out


def in_boilerplate(element: etree._Element) -> bool:
    return any(a.tag in BOILERPLATE_ANCESTORS for a in element.iterancestors() if isinstance(a.tag, str))


def cell_text(cell: etree._Element) -> str | None:
    text = re.sub(r"\s+", " ", cell.text_content()).strip()
    return text or None


def html_tables(tree: HtmlElement) -> tuple[list[RawTable], list[str]]:
    """Data tables of the page (not layout tables, not tables in navigation or footers), each replaced in the tree
    by a paragraph holding its marker so the table is placed where it was; with the text just before each table."""
    tables: list[RawTable] = []
    anchors: list[str] = []
    found: list[etree._Element] = []
    before = ""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in BLOCK_TAGS and _owning_table(element) is None:
            before = re.sub(r"\s+", " ", element.text_content()).strip() or before
            continue
        if element.tag != "table" or in_boilerplate(element) or element.find(".//table") is not None:
            continue
        rows: list[list[str | None]] = []
        for tr in element.iter("tr"):
            if tr.getparent() is not None and _owning_table(tr) is not element:
                continue
            cells = [cell_text(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                rows.append(cells)
        if len(rows) < 2 or max(len(r) for r in rows) < 2:
            continue
        caption_element = element.find("caption")
        caption = cell_text(caption_element) if caption_element is not None else None
        tables.append(RawTable(rows=rows, caption=caption))
        anchors.append(before[-ANCHOR_CHARS:])
        found.append(element)
    for index, element in enumerate(found):
        marker = etree.Element("p")
        marker.text, marker.tail = table_marker(index), element.tail
        element.getparent().replace(element, marker)
    return tables, anchors


def place_lost_markers(text: str, anchors: list[str]) -> str:
    """A table whose marker paragraph the article extraction dropped goes after the paragraph that preceded it."""
    for index, anchor in enumerate(anchors):
        marker = table_marker(index)
        if marker in text or not anchor:
            continue
        found = text.find(anchor)
        if found >= 0:
            end = text.find("\n", found + len(anchor))
            end = len(text) if end < 0 else end
            text = f"{text[:end]}\n\n{marker}{text[end:]}"
    return text


def _owning_table(element: etree._Element) -> etree._Element | None:
    return next((a for a in element.iterancestors() if a.tag == "table"), None)


def mark_footnotes(tree: HtmlElement) -> None:
    """<sup>1</sup> marks become "[1]" and note list items "[1] text", the marker style of the plain text."""
    for sup in tree.iter("sup"):
        text = (sup.text_content() or "").strip().strip("[]")
        if re.fullmatch(r"\d{1,3}|[*†‡]", text):
            for child in list(sup):
                sup.remove(child)
            sup.text = f"[{text}]"
    for item in tree.iter("li"):
        match = NOTE_ID.match(item.get("id") or "")
        if match and not (item.text_content() or "").lstrip().startswith("["):
            item.text = f"[{match[1]}] {item.text or ''}"


def xml_to_text(xml: str) -> str:
    """trafilatura's XML to plain text: one line per paragraph, heading and list item; blank lines between."""
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks: list[str] = []
    for element in (main if main is not None else root).iter("head", "p", "item", "quote", "cell"):
        if any(a.tag in ("p", "item", "quote") for a in element.iterancestors()):
            continue  # nested: its text is part of the enclosing block
        text = re.sub(r"\s+", " ", "".join(element.itertext())).strip()
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


def first(meta: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in meta.get(key, []):
            if value.strip():
                return value.strip()
    return None


def strip_site_suffix(title: str, site: str | None) -> str:
    """'Article title | Site name' -> 'Article title'."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (site and parts[-1].strip().lower() == site.lower() or len(parts[-1].split()) <= 3):
        return " - ".join(parts[:-1]).strip()
    return title


def meta_authors(meta: dict[str, list[str]]) -> list[str]:
    for key in AUTHOR_KEYS:
        names: list[str] = []
        for value in meta.get(key, []):
            value = re.sub(r"^by\s+", "", value.strip(), flags=re.I)
            if value.startswith("http"):
                continue
            if "," in value and key == "citation_author" and len(value.split(",")) == 2:
                last, given = value.split(",")  # citation_author is often "Doe, Jane"
                value = f"{given.strip()} {last.strip()}"
            found = split_names(value.replace(";", ",")) or ([value] if is_person_name(value) else [])
            names.extend(n for n in found if n not in names)
        if names:
            return names
    return []


def fill_metadata(content: HtmlContent, meta: dict[str, list[str]], tree: HtmlElement) -> None:
    import trafilatura

    publisher = first(meta, PUBLISHER_KEYS)
    title = first(meta, TITLE_KEYS)
    content.authors = meta_authors(meta)
    raw_date = first(meta, DATE_KEYS)
    content.published = iso_date(raw_date) if raw_date else None
    content.url = first(meta, URL_KEYS)
    if not (title and content.authors and content.published and publisher):
        # trafilatura's metadata reader (meta tags, JSON-LD, <title>/<h1>, bylines) with htmldate for the date;
        # no extensive date search: it turns a footer's "© 2024" into 2024-01-01.
        found = trafilatura.extract_metadata(copy.deepcopy(tree), extensive=False,
                                             date_config={"extensive_search": False, "original_date": True})
        if found is not None:
            title = title or found.title
            publisher = publisher or found.sitename
            if not content.authors and found.author:
                content.authors = [a for a in (n.strip() for n in found.author.split(";")) if is_person_name(a)]
            content.published = content.published or (iso_date(found.date) if found.date else None)
    page_title = re.sub(r"\s+", " ", tree.findtext(".//title") or "").strip()
    content.site_publisher = site_suffix(page_title) or footer_copyright(tree) or masthead_name(tree)
    content.title = strip_site_suffix(title, publisher or content.site_publisher) if title else None
    content.publisher = publisher


def site_suffix(page_title: str) -> str | None:
    """'Harbours and Hard Choices | Fjord Policy Review' -> 'Fjord Policy Review': a page title's last piece when it
    names an organisation or publication."""
    parts = re.split(r"\s+[|–—-]\s+", page_title)
    if len(parts) < 2:
        return None
    site = parts[-1].strip()
    return site if is_organisation_name(site) and len(site.split()) <= 6 else None


def masthead_name(tree: HtmlElement) -> str | None:
    """The publication's name as the page's masthead or logo shows it (<div class="masthead">Harbour Institute</div>):
    an element whose class or id says it is the masthead, holding only an organisation's or publication's name."""
    marks = cues()["masthead_marks"]
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script", "style", "img"):
            continue
        # 'site-logo', 'header__brand': a class word, or one of its hyphenated or underscored parts
        words = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
        if not any(word in marks or set(re.split(r"[-_]+", word)) & set(marks) for word in words):
            continue
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text and len(text.split()) <= 6 and names_an_organisation(text):
            return text
    return None


def footer_copyright(tree: HtmlElement) -> str | None:
    """The holder of the page's copyright line ('© 2024 Harbour Institute'), in its footer."""
    for element in tree.xpath("//footer//*[not(*)] | //footer"):
        for line in re.split(r"\s*\n\s*", element.text_content()):
            holder = copyright_holder(re.sub(r"\s+", " ", line).strip())
            if holder:
                return holder
    return None


def iso_date(value: str) -> str | None:
    value = value.strip()
    match = re.match(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if match:
        return f"{match[1]}-{match[2]}-{match[3]}"
    if re.fullmatch(r"(?:19|20)\d\d/\d\d/\d\d", value):  # citation_date "2024/03/12"
        return value.replace("/", "-")
    return parse_date(value)
