"""The review page in headless Chromium: reject a figure, edit a date, add a missed actor, reprocess, check exports.

Every target is chosen from the document's own extractions (not by its position in a list), so the test holds as
the extractors change.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pandas as pd
import pytest
from review_support import build_store, running_server

from review.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Where the document view is saved for a person to look at: outputs/ is generated and never committed.
SCREENSHOT = Path(__file__).resolve().parents[1] / "outputs" / "review-screenshot.png"
# A run of two or more capitalised words: a name the pipeline may have missed when no mention touches it.
CAPITALISED_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+\b")
MONTH = re.compile(r"\d{4}-\d{2}")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)"),
]

# Select document text by offsets, as a reader's mouse would: every run of text is a span.t with data-o.
SELECT_OFFSETS = """([start, end]) => {
  const runs = Array.from(document.querySelectorAll('#doc-text span.t'));
  const at = (offset) => {
    const run = runs.find((r) => Number(r.dataset.o) <= offset && offset <= Number(r.dataset.o) + r.textContent.length);
    return [run.firstChild, offset - Number(run.dataset.o)];
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  const chosen = window.getSelection();
  chosen.removeAllRanges();
  chosen.addRange(range);
  document.getElementById('doc-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
}"""


def reprocess_all(database_url: str, out: Path) -> None:
    """`dossier reprocess --all` as a user runs it: every stored document re-extracted from its text, re-exported."""
    assert database_url == f"sqlite:///{out / 'dossier.db'}"
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "flows.cli", "reprocess", "--all", "--out", str(out)], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "re-extracted" in done.stdout


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, nlp: object) -> Iterator[tuple]:
    out = tmp_path_factory.mktemp("review-browser")
    url = build_store(out, corpus_dir, with_table_brief=False)
    with running_server(create_app(url, out)) as base:
        yield base, url, out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


def current_id(page: object) -> str:
    return page.locator("#panel-lists li.item.current").get_attribute("data-id")


def overlaps(start: int, end: int, items: list[dict]) -> bool:
    return any(i["start"] < end and i["end"] > start for i in items)


def missed_name(text: str, items: dict[str, list[dict]]) -> tuple[int, int]:
    """A capitalised name in the prose that no mention, date or figure touches, after the first line (a heading)."""
    taken = items["mentions"] + items["dates"] + items["figures"]
    first_break = text.index("\n")
    for match in CAPITALISED_NAME.finditer(text, first_break):
        if not overlaps(match.start(), match.end(), taken):
            return match.start(), match.end()
    raise AssertionError("every capitalised name in the document is extracted already")


def test_review_browser_reject_edit_add_survive_reprocessing(review_site: tuple, browser: object) -> None:
    base, url, out = review_site
    page = browser.new_page(viewport={"width": 1440, "height": 960})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    listed = pd.read_parquet(out / "documents.parquet")
    ies = listed[listed["source"].str.contains("ies-nato-ap4")].iloc[0]
    failed = listed[listed["status"] == "failed"].iloc[0]
    page.goto(base + "/")
    rows = page.locator("#documents tbody tr")
    assert sorted(r.get_attribute("data-doc-id") for r in rows.all()) == sorted(listed["doc_id"])
    page.fill("#doc-filter", "defence ministers")
    visible = page.locator("#documents tbody tr:visible")
    assert [r.get_attribute("data-doc-id") for r in visible.all()] == [ies["doc_id"]]
    page.select_option("#status-filter", "failed")
    page.fill("#doc-filter", "")
    assert [r.get_attribute("data-doc-id") for r in visible.all()] == [failed["doc_id"]]
    assert failed["error"] in visible.inner_text()
    page.select_option("#status-filter", "")
    page.click("th[data-key=figures]")
    page.click("th[data-key=figures]")  # descending: most figures first
    counts = [int(r.get_attribute("data-figures")) for r in rows.all()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    page.locator(f'#documents tbody tr[data-doc-id="{ies["doc_id"]}"] a').click()
    page.wait_for_selector("#doc-text mark")
    doc_id = page.locator(".layout").get_attribute("data-doc-id")
    assert doc_id == ies["doc_id"]
    text = httpx.get(f"{base}/api/documents/{doc_id}").json()["text"]
    items = httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()

    # The table's row labels are mentions of their countries: marked inside their cells, a click reviews them.
    in_table = page.locator("#doc-text table.doc-table td mark.ds-mentions")
    assert in_table.count() >= 1
    label = in_table.nth(in_table.count() // 2)
    label_id = label.get_attribute("data-id")
    assert label.inner_text() == next(m["text"] for m in items["mentions"] if m["id"] == label_id)
    label.click()
    assert current_id(page) == label_id

    # Keyboard: filtering to a dataset makes its first item current; j and k step through the list.
    page.select_option("#ds-filter", "dates")
    first_date = current_id(page)
    page.keyboard.press("j")
    assert current_id(page) != first_date
    page.keyboard.press("k")
    assert current_id(page) == first_date

    # Reject a figure with the keyboard: pick it in the list, r.
    page.select_option("#ds-filter", "figures")
    figure_id = next(f["id"] for f in items["figures"] if f["value"] is not None)
    page.locator(f'#panel-lists li.item[data-id="{figure_id}"]').click()
    assert current_id(page) == figure_id
    assert page.locator(f'#doc-text mark[data-id="{figure_id}"].current').count() >= 1
    page.keyboard.press("r")
    page.wait_for_selector(f'#panel-lists li.item.st-reject[data-id="{figure_id}"]')
    assert page.locator(f'#doc-text mark[data-id="{figure_id}"].st-reject').count() >= 1

    # Edit a date: a value that is not ISO 8601 is refused with the server's message, then a good one is saved.
    page.select_option("#ds-filter", "dates")
    # A month the text gives, narrowed to two of its days: an edit a reviewer makes when a later sentence says when.
    date = next(d for d in items["dates"] if not d["relative"] and MONTH.fullmatch(d["value"] or ""))
    date_id, edited_value = date["id"], f"{date['value']}-17/{date['value']}-18"
    page.locator(f'#panel-lists li.item[data-id="{date_id}"]').click()
    assert current_id(page) == date_id
    page.keyboard.press("e")
    page.fill("#edit-fields [name=value]", "17/10/2024")
    page.click("#edit-form button[type=submit]")
    page.wait_for_function("document.querySelector('#edit-error').textContent.includes('ISO 8601')")
    page.fill("#edit-fields [name=value]", edited_value)
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector(f'#panel-lists li.item.st-edit[data-id="{date_id}"]')
    date_mark = page.locator(f'#doc-text mark[data-id="{date_id}"]').first
    assert date_mark.get_attribute("data-tip").startswith(edited_value)

    # Accept a claim with a, then take it back with u.
    page.select_option("#ds-filter", "claims")
    claim_id = current_id(page)
    page.keyboard.press("a")
    page.wait_for_selector(f'#panel-lists li.item.st-accept[data-id="{claim_id}"]')
    page.keyboard.press("u")
    page.wait_for_selector(f'#panel-lists li.item.st-open[data-id="{claim_id}"]')

    # Add a missed actor by selecting its text: a capitalised name no extraction touches.
    start, end = missed_name(text, items)
    name = text[start:end]
    page.select_option("#ds-filter", "")
    page.evaluate(SELECT_OFFSETS, [start, end])
    page.wait_for_selector("#add-button:visible")
    page.keyboard.press("n")
    assert page.locator("#add-text").inner_text() == f"“{text[start:end]}” ({start}–{end})"
    page.select_option("#add-dataset", "actors")
    page.fill("#add-fields [name=name]", name)
    page.select_option("#add-fields [name=kind]", "organization")
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#doc-text mark.st-add")
    added = page.locator("#doc-text mark.st-add").first
    assert added.inner_text() == name
    added_id = added.get_attribute("data-id")

    # The screenshot: the document view after the three verdicts, the edited date's value on hover.
    page.select_option("#ds-filter", "dates")
    page.locator(f'#panel-lists li.item[data-id="{date_id}"]').click()
    page.evaluate("window.scrollTo(0, 0)")  # the panes scroll on their own; keep the page's header in view
    page.locator(f'#doc-text mark[data-id="{date_id}"]').first.hover()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))

    reprocess_all(url, out)
    figures, dates = pd.read_parquet(out / "figures.parquet"), pd.read_parquet(out / "dates.parquet")
    mentions_out, actors_out = pd.read_parquet(out / "mentions.parquet"), pd.read_parquet(out / "actors.parquet")
    assert figure_id not in set(figures["id"])
    date_row = dates.set_index("id").loc[date_id]
    assert date_row["value"] == edited_value and bool(date_row["reviewed"])
    mention_row = mentions_out.set_index("id").loc[added_id]
    assert mention_row["text"] == name and bool(mention_row["reviewed"])
    actor_row = actors_out[(actors_out["doc_id"] == doc_id) & (actors_out["actor_id"] == mention_row["actor_id"])]
    assert actor_row["name"].tolist() == [name] and actor_row["kind"].tolist() == ["organization"]

    page.reload()
    page.wait_for_selector("#doc-text mark")
    assert page.locator(f'#panel-lists li.item.st-reject[data-id="{figure_id}"]').count() == 1
    assert page.locator(f'#panel-lists li.item.st-edit[data-id="{date_id}"]').count() == 1
    assert page.locator("#orphans li").count() == 0
    assert errors == []
    page.close()


def wait_for_export(base: str) -> None:
    """The files in --out are written after a verdict's answer: wait until they hold every verdict so far."""
    deadline = time.monotonic() + 120
    while not httpx.get(f"{base}/api/export/status").json()["current"]:
        assert time.monotonic() < deadline, "the export did not catch up"
        time.sleep(0.1)


class KeyCounter:
    """The keyboard a reviewer uses, counting every key press."""

    def __init__(self, page: object) -> None:
        self.page = page
        self.presses = 0

    def press(self, key: str) -> None:
        self.presses += 1
        self.page.keyboard.press(key)


@pytest.fixture(scope="module")
def editable_site(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, nlp: object) -> Iterator[tuple]:
    """The seed article copied to a folder of its own, so that the test can edit the file and ingest it again."""
    folder = tmp_path_factory.mktemp("review-edit")
    corpus = folder / "corpus"
    corpus.mkdir()
    article = corpus / "ies-nato-ap4-defence-ministers-2024.txt"
    article.write_bytes((corpus_dir / article.name).read_bytes())
    out = folder / "out"
    url = build_store(out, corpus, with_table_brief=False)
    with running_server(create_app(url, out)) as base:
        yield base, url, out, article


def ingest_again(path: Path, out: Path) -> None:
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(path), "--out", str(out)], cwd=repo,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def verdicts_by_span(base: str, doc_id: str) -> dict[tuple, str | None]:
    """(dataset, start, end, text) -> verdict of every extraction with a span; actors by actor_id, cells by place."""
    items = httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()
    found: dict[tuple, str | None] = {}
    for dataset, rows in items.items():
        for row in rows:
            if dataset == "actors":
                key: tuple = (dataset, row["actor_id"])
            elif dataset == "tables":  # a table's id holds its doc_id, which the edit changes
                key = (dataset, row["row"], row["col"], row["text"])
            else:
                key = (dataset, row.get("start"), row.get("end"), row.get("text"))
            found[key] = row["verdict"]
    return found


def test_review_browser_accepts_a_document_by_decision_and_keeps_verdicts_across_an_edit(
        editable_site: tuple, browser: object) -> None:
    base, _url, out, article = editable_site
    page = browser.new_page(viewport={"width": 1440, "height": 960})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    listed = pd.read_parquet(out / "documents.parquet")
    doc_id = listed[listed["source"] == str(article)]["doc_id"].iloc[0]
    page.goto(f"{base}/documents/{doc_id}")
    page.wait_for_selector("#panel-lists li.unit")
    total = int(page.locator("#progress").get_attribute("data-total"))
    assert total >= 300  # the seed article holds about 400 extractions
    keys = KeyCounter(page)

    # Keys work after using a filter: the select gives up focus and keeps its value.
    page.locator("#ds-filter").focus()
    keys.press("j")
    assert page.locator("#ds-filter").input_value() == ""
    first_unit = page.locator("#panel-lists > li.unit.current")
    assert first_unit.count() == 1

    # The walk is in text order: each j moves to a unit that starts no earlier in the text.
    units = httpx.get(f"{base}/api/documents/{doc_id}/units").json()
    starts = [u["start"] for u in units]
    assert starts == sorted(starts)
    assert first_unit.get_attribute("data-id") == units[0]["head"]

    # Accept the first three decisions whole (a claim with its parts, an actor with all its mentions, ...).
    done = "() => document.querySelectorAll('#panel-lists > li.unit.done').length"
    for _ in range(3):
        finished = page.evaluate(done)
        keys.press("a")
        page.wait_for_function(f"({done})() > {finished}")
    # The panel follows the walk and the text follows the panel: the next decision and its mark are in view.
    in_view = """() => {
      const unit = document.querySelector('#panel-lists > li.unit.current li.head').getBoundingClientRect();
      const panel = document.querySelector('#panel').getBoundingClientRect();
      const mark = document.querySelector('#doc-text .x.current');
      const seen = !mark || (mark.getBoundingClientRect().top >= 0
        && mark.getBoundingClientRect().bottom <= window.innerHeight);
      return [unit.top >= panel.top - 1 && unit.bottom <= panel.bottom + 1, seen];
    }"""
    assert page.evaluate(in_view) == [True, True]
    accepted = httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()
    decided = {i["id"] for rows in accepted.values() for i in rows if i["verdict"] == "accept"}
    assert set(units[0]["ids"]) <= decided and set(units[1]["ids"]) <= decided
    assert len(decided) > 3  # one key press decided more than one extraction

    # Reject one mention of an actor: walk the mentions, r.
    actor_unit = next(u for u in units if u["kind"] == "actor" and len(u["ids"]) >= 3 and u["head"] not in decided)
    mention_id = actor_unit["ids"][2]
    page.select_option("#ds-filter", "mentions")
    while page.locator("#panel-lists li.item.current").get_attribute("data-id") != mention_id:
        keys.press("j")
        assert keys.presses < 40, "the mention is too far down the walk"
    keys.press("r")
    page.wait_for_selector(f'#panel-lists li.item.st-reject[data-id="{mention_id}"]')

    # The confidence filter: only decisions holding an extraction below the threshold stay in the panel.
    page.select_option("#conf-filter", "0.7")
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('#panel-lists > li.unit'))
      .filter((u) => !u.hidden).map((u) => Array.from(u.querySelectorAll('li.item'))
        .some((li) => li.dataset.confidence !== '' && Number(li.dataset.confidence) < 0.7))""")
    assert shown and all(shown)
    assert page.locator("#panel-lists > li.unit:not([hidden])").count() < len(units)
    page.select_option("#conf-filter", "")

    # A row of a table at once: pick a cell in the text, then the row's button in its unit.
    page.select_option("#ds-filter", "")
    cell = page.locator("#doc-text table.doc-table td.x").nth(4)
    cell_id = cell.get_attribute("data-id")
    cell.click()
    page.locator("#panel-lists > li.unit.current [data-table-act=accept][data-axis=row]").click()
    page.wait_for_selector(f'#panel-lists li.item.st-accept[data-id="{cell_id}"]')
    cells = httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()["tables"]
    row = next(c["row"] for c in cells if c["id"] == cell_id)
    assert {c["id"] for c in cells if c["verdict"] == "accept"} == {c["id"] for c in cells if c["row"] == row}

    # Everything left in bulk, then the progress says all of it is reviewed.
    keys.press("A")
    page.wait_for_function(f"() => document.querySelector('#progress').dataset.reviewed === '{total}'")
    assert keys.presses <= 40, f"{keys.presses} key presses to accept {total} extractions"
    print(f"\nkey presses to review all {total} extractions: {keys.presses}")
    view = httpx.get(f"{base}/api/documents/{doc_id}").json()["progress"]
    assert view == {"reviewed": total, "total": total}
    wait_for_export(base)
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert mention_id not in set(mentions["id"]) and mentions["reviewed"].all()
    before = verdicts_by_span(base, doc_id)

    # The page around the walk: a legend, a skip link to the panel, a tooltip next to its mark, dark mode.
    assert page.locator(".legend mark").count() >= 8
    page.reload()
    page.wait_for_selector("#panel-lists li.unit")
    page.keyboard.press("Tab")  # the first stop of the page
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#panel"
    page.select_option("#ds-filter", "dates")
    page.locator("#panel-lists li.item.ds-dates").first.click()
    mark = page.locator("#doc-text mark.current").first.bounding_box()
    tip = page.locator("#tip").bounding_box()
    assert abs(tip["y"] - mark["y"]) < 60 and abs(tip["x"] - mark["x"]) < 5
    light = page.evaluate("getComputedStyle(document.querySelector('#doc-text')).backgroundColor")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("getComputedStyle(document.querySelector('#doc-text')).backgroundColor") != light
    page.emulate_media(color_scheme="light")

    # Export from the page: the button downloads the dataset chosen, as the exports hold it.
    page.select_option("form.export select[name=dataset]", "mentions")
    with page.expect_download() as download:
        page.click("#export-button")
    assert download.value.suggested_filename == "mentions.csv"
    assert mention_id not in Path(download.value.path()).read_text(encoding="utf-8")

    # Across documents: the search finds an actor by name, and its result leads to the item in its document.
    actor_name = next(a["name"] for a in httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()["actors"]
                      if a["kind"] == "person")
    page.goto(base + "/")
    page.fill("#search-all", actor_name)
    page.press("#search-all", "Enter")
    page.wait_for_selector("#results")
    page.locator("#results a").first.click()
    page.wait_for_selector("#panel-lists li.item.current")
    assert page.locator(".layout").get_attribute("data-doc-id") == doc_id

    # Edit the file: a paragraph appended at the end. Every verdict on an unchanged extraction is still attached.
    with article.open("a", encoding="utf-8") as handle:
        handle.write("\n\nA closing paragraph written for this test says the ministers will meet again next spring "
                     "to review what the partners have delivered.\n")
    ingest_again(article, out)
    documents = pd.read_parquet(out / "documents.parquet")
    versions = documents[documents["source"] == str(article)]
    assert len(versions) == 1  # the new version replaced the old one
    new_id = versions["doc_id"].iloc[0]
    assert new_id != doc_id and versions["doc_key"].tolist() == listed[listed["doc_id"] == doc_id]["doc_key"].tolist()
    after = verdicts_by_span(base, new_id)
    unchanged = [key for key in before if key in after]
    assert len(unchanged) >= 0.9 * len(before)
    lost = [key for key in unchanged if after[key] != before[key]]
    assert lost == []
    mentions = pd.read_parquet(out / "mentions.parquet")
    assert not any(m == mention_id for m in mentions["id"])
    rejected_text = next(k for k, v in before.items() if v == "reject")
    assert not ((mentions["start"] == rejected_text[1]) & (mentions["end"] == rejected_text[2])).any()
    kept = [k for k in unchanged if k[0] == "dates"]
    dates = pd.read_parquet(out / "dates.parquet")
    assert dates.set_index(["start", "end"]).loc[[(k[1], k[2]) for k in kept], "reviewed"].all()

    # No document link returns 404: the old address leads to the new version, and so does every link of the list.
    page.reload()
    page.wait_for_selector("#panel-lists li.unit")
    assert page.locator(".layout").get_attribute("data-doc-id") == new_id
    page.goto(base + "/")
    links = {a.get_attribute("href") for a in page.locator("a[href^='/documents/']").all()}
    assert links
    for link in links:
        assert httpx.get(base + link, follow_redirects=True).status_code == 200, link
    assert errors == []
    page.close()
