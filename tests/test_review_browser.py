"""The review page in headless Chromium: reject a figure, edit a date, add a missed actor, reprocess, check exports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pandas as pd
import pytest
from review_support import build_store, running_server

from flows.export import write_datasets
from flows.pipeline_run import current_pipeline_version, reextract_stored, store_for
from flows.store import export_rows
from review.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = Path(__file__).resolve().parents[1].parent / "review-screenshot.png"
MISSED_ACTOR_PATTERNS = (r"\bAP4\b", r"\bAsia-Pacific\b", r"\bVisegrad Group\b")

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
    """Re-extract every stored document from its stored text and re-export (what `dossier reprocess --all` does)."""
    engine = store_for(database_url)
    doc_ids = [d["doc_id"] for d in export_rows(engine)["documents"] if d["status"] == "ok"]
    reextract_stored(database_url, doc_ids, current_pipeline_version())
    write_datasets(out, export_rows(engine))


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


def test_review_browser_reject_edit_add_survive_reprocessing(review_site: tuple, browser: object) -> None:
    base, url, out = review_site
    page = browser.new_page(viewport={"width": 1440, "height": 960})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(base + "/")
    rows = page.locator("#documents tbody tr")
    assert rows.count() == 3
    page.fill("#doc-filter", "defence ministers")
    assert page.locator("#documents tbody tr:visible").count() == 1
    page.select_option("#status-filter", "failed")
    page.fill("#doc-filter", "")
    assert page.locator("#documents tbody tr:visible").count() == 1
    assert "empty document" in page.locator("#documents tbody tr:visible").inner_text()
    page.select_option("#status-filter", "")
    page.click("th[data-key=figures]")
    page.click("th[data-key=figures]")  # descending: most figures first
    first = page.locator("#documents tbody tr").first
    assert first.get_attribute("data-figures") == str(max(int(r.get_attribute("data-figures"))
                                                          for r in rows.all()))
    first.locator("a").click()
    page.wait_for_selector("#doc-text mark")
    doc_id = page.locator(".layout").get_attribute("data-doc-id")

    # Reject a figure with the keyboard: filter to figures, j to the first, r.
    page.select_option("#ds-filter", "figures")
    figure_id = current_id(page)
    assert page.locator(f'#doc-text mark[data-id="{figure_id}"].current').count() >= 1
    page.keyboard.press("r")
    page.wait_for_selector(f'#panel-lists li.item.st-reject[data-id="{figure_id}"]')
    assert page.locator(f'#doc-text mark[data-id="{figure_id}"].st-reject').count() >= 1

    # Edit a date: a value that is not ISO 8601 is refused with the server's message, then a good one is saved.
    page.select_option("#ds-filter", "dates")
    first_date = current_id(page)
    page.keyboard.press("j")
    assert current_id(page) != first_date
    page.keyboard.press("k")
    date_id = current_id(page)
    assert date_id == first_date
    page.keyboard.press("e")
    page.fill("#edit-fields [name=value]", "17/10/2024")
    page.click("#edit-form button[type=submit]")
    page.wait_for_function("document.querySelector('#edit-error').textContent.includes('ISO 8601')")
    page.fill("#edit-fields [name=value]", "2024-10-17/2024-10-18")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector(f'#panel-lists li.item.st-edit[data-id="{date_id}"]')
    date_mark = page.locator(f'#doc-text mark[data-id="{date_id}"]').first
    assert date_mark.get_attribute("data-tip").startswith("2024-10-17/2024-10-18")

    # Accept a claim with a, then take it back with u.
    page.select_option("#ds-filter", "claims")
    claim_id = current_id(page)
    page.keyboard.press("a")
    page.wait_for_selector(f'#panel-lists li.item.st-accept[data-id="{claim_id}"]')
    page.keyboard.press("u")
    page.wait_for_selector(f'#panel-lists li.item.st-open[data-id="{claim_id}"]')

    # Add a missed actor by selecting its text.
    text = httpx.get(f"{base}/api/documents/{doc_id}").json()["text"]
    mentions = httpx.get(f"{base}/api/documents/{doc_id}/extractions").json()["mentions"]
    start, end = next((m.start(), m.end()) for pattern in MISSED_ACTOR_PATTERNS for m in re.finditer(pattern, text)
                      if not any(x["start"] < m.end() and x["end"] > m.start() for x in mentions))
    page.select_option("#ds-filter", "")
    page.evaluate(SELECT_OFFSETS, [start, end])
    page.wait_for_selector("#add-button:visible")
    page.keyboard.press("n")
    assert page.locator("#add-text").inner_text() == f"“{text[start:end]}” ({start}–{end})"
    page.select_option("#add-dataset", "actors")
    page.fill("#add-fields [name=name]", "Indo-Pacific Four")
    page.select_option("#add-fields [name=kind]", "group")
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#doc-text mark.st-add")
    added = page.locator("#doc-text mark.st-add").first
    assert added.inner_text() == text[start:end]
    added_id = added.get_attribute("data-id")

    # The screenshot: the document view after the three verdicts, the edited date's value on hover.
    page.locator(f'#panel-lists li.item[data-id="{date_id}"]').click()
    page.locator(f'#doc-text mark[data-id="{date_id}"]').first.hover()
    page.screenshot(path=str(SCREENSHOT))

    reprocess_all(url, out)
    figures, dates = pd.read_parquet(out / "figures.parquet"), pd.read_parquet(out / "dates.parquet")
    mentions_out, actors_out = pd.read_parquet(out / "mentions.parquet"), pd.read_parquet(out / "actors.parquet")
    assert figure_id not in set(figures["id"])
    date_row = dates.set_index("id").loc[date_id]
    assert date_row["value"] == "2024-10-17/2024-10-18" and bool(date_row["reviewed"])
    mention_row = mentions_out.set_index("id").loc[added_id]
    assert mention_row["text"] == text[start:end] and bool(mention_row["reviewed"])
    actor_row = actors_out[(actors_out["doc_id"] == doc_id) & (actors_out["actor_id"] == mention_row["actor_id"])]
    assert actor_row["name"].tolist() == ["Indo-Pacific Four"] and actor_row["kind"].tolist() == ["group"]

    page.reload()
    page.wait_for_selector("#doc-text mark")
    assert page.locator(f'#panel-lists li.item.st-reject[data-id="{figure_id}"]').count() == 1
    assert page.locator(f'#panel-lists li.item.st-edit[data-id="{date_id}"]').count() == 1
    assert page.locator("#orphans li").count() == 0
    assert errors == []
    page.close()
