"""`python -m review.bench ARTICLE`: a verdict's round trip on a real document, its server time and answer size.

The article is ingested by the real pipeline into a fresh store, the review app is served by uvicorn on loopback,
and verdicts (accept, reject, edit, undo, a decision on a whole unit) are sent as the page sends them. Server time
runs from the request's arrival to the last byte of its answer; the export that follows the answer is not in it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from flows.pipeline_run import current_pipeline_version, ingest_paths, store_for
from flows.store_export import export_engine
from review.app import create_app
from review.serving import serving


class Timed:
    """An ASGI wrapper that records each request's server time, up to the end of the response body."""

    def __init__(self, app: object) -> None:
        self.app = app
        self.times: list[tuple[str, str, float]] = []

    async def __call__(self, scope: dict, receive: object, send: object) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        began = time.perf_counter()

        async def timed_send(message: dict) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.times.append((scope["method"], scope["path"], time.perf_counter() - began))

        await self.app(scope, receive, timed_send)


def wait_for_export(client: httpx.Client) -> None:
    while not client.get("/api/export/status").json()["current"]:
        time.sleep(0.05)


def summary(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    return {"n": len(ms), "median_ms": round(statistics.median(ms), 1),
            "p90_ms": round(ms[max(0, int(len(ms) * 0.9) - 1)], 1), "max_ms": round(ms[-1], 1)}


def run(article: Path, rounds: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="dossier-review-bench-") as folder:
        out = Path(folder)
        url = f"sqlite:///{out / 'dossier.db'}"
        outcome = ingest_paths(url, [str(article)], current_pipeline_version())[0]
        export_engine(store_for(url), out)
        timed = Timed(create_app(url, out))
        with serving(timed) as base, httpx.Client(base_url=base, timeout=60) as client:
            doc_id = outcome.doc_id
            items = client.get(f"/api/documents/{doc_id}/extractions").json()
            n_items = sum(len(rows) for rows in items.values())
            targets = [i["id"] for name in ("dates", "figures", "mentions", "claims", "tables") for i in items[name]]
            round_trips, sizes, server = [], [], []
            for n in range(rounds):
                target = targets[n % len(targets)]
                for body in ({"verdict": "accept"}, {"verdict": "reject"}):
                    began = time.perf_counter()
                    answer = client.post(f"/api/extractions/{target}/review", json=body)
                    round_trips.append(time.perf_counter() - began)
                    answer.raise_for_status()
                    sizes.append(len(answer.content))
                    server.append(timed.times[-1][2])
                    wait_for_export(client)  # as a reviewer's next key comes after the files caught up, mostly
                undo = client.post(f"/api/reviews/{answer.json()['review']['review_id']}/undo")
                undo.raise_for_status()
                server.append(timed.times[-1][2])
                sizes.append(len(undo.content))
            units = client.get(f"/api/documents/{doc_id}/units").json()
            unit = max(units, key=lambda u: len(u["ids"]))
            began = time.perf_counter()
            decided = client.post(f"/api/documents/{doc_id}/decisions", json={"verdict": "accept", "ids": unit["ids"]})
            decided.raise_for_status()
            decision = {"items": len(unit["ids"]), "round_trip_ms": round((time.perf_counter() - began) * 1000, 1),
                        "server_ms": round(timed.times[-1][2] * 1000, 1), "bytes": len(decided.content)}
            page = client.get(f"/documents/{doc_id}")
        return {"article": str(article), "extractions": n_items, "verdict_server": summary(server),
                "verdict_round_trip": summary(round_trips), "answer_bytes_max": max(sizes),
                "unit_decision": decision, "page_bytes": len(page.content)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, help="an article to ingest and review, e.g. corpus/<name>.txt")
    parser.add_argument("--rounds", type=int, default=20, help="verdict rounds (accept, reject, undo) to time")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    result = run(args.article, args.rounds)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
