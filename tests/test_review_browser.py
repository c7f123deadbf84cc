"""The review page in headless Chromium: reject a figure, edit a date, add a missed actor, reprocess, check exports.

Every target is chosen from the document's own extractions (not by its position in a list), so the test holds as
the extractors change.
"""

from __future__ import annotations

import re
import subprocess
import sys
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
