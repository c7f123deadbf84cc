"""flows.pipeline_run: worker processes parse and extract whole documents and send back rows, in order."""

from __future__ import annotations

import multiprocessing
import os
import signal

from extractors.document import Document, content_id
from flows.pipeline_run import EXTRACTION_FAILED, ExtractedRows, extract_documents, extracted_rows, worker_batch_size

PARAGRAPHS = [
    "The Nordic ministers agreed on 3 March 2025 to spend EUR 1.2 billion on coastal radar, a spokesman said.",
    "Canada will send 400 engineers to Latvia next year, and its share of the brigade may reach 30 percent.",
    "Officials in Seoul said the navy had ordered six frigates worth about KRW 2 trillion in 2024.",
    "Brazil and Argentina signed a pact on river patrols; each will provide 12 boats by 2027.",
]


def documents(n: int) -> list[Document]:
    texts = [f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Item {i} of the series." for i in range(n)]
    return [Document(doc_id=content_id(t.encode()), source=f"doc-{i}.txt", format="txt", text=t)
            for i, t in enumerate(texts)]


def comparable(result: ExtractedRows) -> tuple:
    return result.rows, result.drops, result.error, result.partial


def test_pipeline_run_workers_give_the_same_rows_in_the_same_order_as_one_process(nlp) -> None:
    docs = documents(10)
    alone = [comparable(r) for r in extracted_rows(docs, workers=1)]
    workers = [comparable(r) for r in extracted_rows(docs, workers=2)]
    assert len(alone) == 10
    assert workers == alone
    assert all(rows["figures"] for rows, *_ in alone)  # real extraction ran, not empty rows


def test_pipeline_run_a_killed_worker_fails_only_the_documents_it_had_not_returned(nlp) -> None:
    docs = documents(24)
    before = set(multiprocessing.active_children())
    stream = extracted_rows(docs, workers=2)
    results = [next(stream)]
    for worker in set(multiprocessing.active_children()) - before:
        os.kill(worker.pid, signal.SIGKILL)
    results += list(stream)
    assert len(results) == len(docs)  # every document accounted for
    died = [r for r in results if r.error and "worker process died" in r.error]
    assert died and all(r.error.startswith(EXTRACTION_FAILED) and "\n" not in r.error for r in died)
    assert results[0].error is None and results[0].rows["figures"]
    assert set(multiprocessing.active_children()) - before == set()  # no worker left behind


def test_pipeline_run_a_document_that_cannot_be_parsed_fails_alone(nlp) -> None:
    good = documents(3)
    # A stored row whose text is missing (a broken store) reaches the parser as None.
    unparseable = Document(doc_id="x" * 16, source="broken.txt", format="txt", text=None)  # type: ignore[arg-type]
    results = extract_documents([good[0], unparseable, good[1]])
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].error.startswith(f"{EXTRACTION_FAILED}parse: ")


def test_pipeline_run_batches_leave_every_worker_several() -> None:
    assert worker_batch_size(8, 2) == 1
    assert worker_batch_size(300, 2) == 8
    assert worker_batch_size(40, 2) == 5



FORKED_CHILD_STORE_SCRIPT = """
import multiprocessing, sys, traceback
from sqlalchemy import text
from flows.pipeline_run import store_for

def child(url, parent_id, answers):
    try:
        engine = store_for(url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS child_wrote (n INTEGER)"))
            conn.execute(text("INSERT INTO child_wrote VALUES (1)"))
        answers.put("own engine" if id(engine) != parent_id else "parent's engine")
    except Exception:
        answers.put(traceback.format_exc())

if __name__ == "__main__":
    url = sys.argv[1]
    parent = store_for(url)
    with parent.connect() as conn:
        conn.execute(text("SELECT 1"))  # a connection now sits in the parent's pool
    fork = multiprocessing.get_context("fork")
    answers = fork.Queue()
    process = fork.Process(target=child, args=(url, id(parent), answers))
    process.start()
    print(answers.get(timeout=120))
    process.join(60)
    with parent.connect() as conn:  # the parent's pooled connection still works and sees the child's write
        print("parent sees", conn.execute(text("SELECT count(*) FROM child_wrote")).scalar())
"""


def test_pipeline_run_a_forked_child_opens_its_own_store_and_leaves_the_parents_connections_alone(tmp_path) -> None:
    """Local Dask workers are forked from the flow process, which has often opened the store already (reprocess
    lists stale documents first): a child using the parent's pooled connection would share one SQLite handle
    across two processes. Run in a fresh interpreter, so that only this process's state is forked."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "fork_store.py"
    script.write_text(FORKED_CHILD_STORE_SCRIPT)
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, str(script), f"sqlite:///{tmp_path / 'store.db'}"], cwd=repo,
                          env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["own engine", "parent sees 1"], done.stdout[-2000:]
