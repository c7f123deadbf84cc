"""Every extractor declared once: its name (the name of what it produces), what it needs, and which dataset's ids its
records get. extractors/pipeline.py runs them in the order the declarations imply.

What a step may need, by name:
- "document": the read Document (extractors/document.py), for what the text alone does not hold (its tables);
- "doc": the spaCy Doc of the document's text;
- "nlp": the spaCy model that parsed `doc`, for a step that parses pieces again;
- "context": the ArticleContext (what the document says about itself beside its text);
- the name of any earlier step: its result.

A step returns its records, or a StepResult with records and drops: how many candidates it left out, by reason.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors.actors import extract_actors_with_drops
from extractors.claims import claims_with_drops
from extractors.dates import extract_dates
from extractors.document import Document
from extractors.figures import extract_figures
from extractors.records import Actor, ArticleContext, Claim, DateMention, Figure, Table
from extractors.tables import extract_tables

# Inputs every document gives; anything else a step needs is an earlier step's result.
GIVEN = ("document", "doc", "nlp")


@dataclass(slots=True)
class StepResult:
    """Records plus the candidates left out, counted by reason (the reason alone: the pipeline prefixes the step)."""

    records: Any
    drops: Counter[str] = field(default_factory=Counter)


def records_themselves(records: Any) -> Iterable[object]:
    return records


@dataclass(frozen=True, slots=True)
class Step:
    name: str  # what it produces; later steps and Extraction read the result under this name
    run: Callable[..., Any]  # called with the results named in `needs`, in that order
    needs: tuple[str, ...]
    ids: str | None = None  # the schema dataset whose extraction ids its records get, stamped as soon as it returns
    records_for_ids: Callable[[Any], Iterable[object]] = records_themselves  # which objects get those ids
    empty: Callable[[], Any] | None = list  # the result when the step raises; None: the step may not fail alone


def drop_key(step: str, reason: str) -> str:
    """'claims' + 'no finite verb' -> 'claims.no_finite_verb': one spelling for every count of a run."""
    if reason.startswith(f"{step}."):
        return reason
    return f"{step}.{re.sub(r'[^a-z0-9]+', '_', reason.lower()).strip('_')}"


def article_context(document: Document, tables: list[Table]) -> ArticleContext:
    """What extractors may know besides the text. Detected tables are closed to the other extractors."""
    blocked = tuple((t.start, t.end) for t in tables if t.start is not None and t.end is not None)
    return ArticleContext(doc_id=document.doc_id, published=document.published, authors=tuple(document.authors),
                          blocked_spans=blocked)


def actors_with_drops(doc: Doc, context: ArticleContext) -> StepResult:
    """The actors, and the candidates each actor stage left out ('people.after_determiner')."""
    result = extract_actors_with_drops(doc, context)
    return StepResult(list(result.actors), Counter(result.drops))


def mentions_of(actors: list[Actor]) -> Iterable[object]:
    return (mention for actor in actors for mention in actor.mentions)


def claims_step(doc: Doc, context: ArticleContext, actors: list[Actor], dates: list[DateMention],
                figures: list[Figure], nlp: Language) -> StepResult:
    claims, drops = claims_with_drops(doc, context, actors, dates, figures, nlp)
    return StepResult(claims, drops)


def link_figures_to_claims(figures: list[Figure], claims: list[Claim]) -> list[Figure]:
    """A figure sits in the first claim that holds it. Claims have ids only once stamped, so this is a step of its
    own after them."""
    by_id = {figure.id: figure for figure in figures}
    for claim in claims:
        for figure_id in claim.figure_ids:
            if figure_id in by_id and by_id[figure_id].claim_id is None:
                by_id[figure_id].claim_id = claim.id
    return figures


# In declaration order; the pipeline keeps this order among steps that do not depend on each other.
STEPS: dict[str, Step] = {step.name: step for step in (
    Step("tables", extract_tables, ("document",)),  # first: their spans are closed to the others
    Step("context", article_context, ("document", "tables"), empty=None),
    Step("actors", actors_with_drops, ("doc", "context"), ids="mentions", records_for_ids=mentions_of),
    Step("dates", extract_dates, ("doc", "context"), ids="dates"),
    Step("figures", extract_figures, ("doc", "context", "actors", "dates"), ids="figures"),
    Step("claims", claims_step, ("doc", "context", "actors", "dates", "figures", "nlp"), ids="claims"),
    Step("figure_claims", link_figures_to_claims, ("figures", "claims")),
)}


class StepOrderError(ValueError):
    """The declarations cannot be run: a step needs something nothing gives, or steps need each other."""


def step_order(steps: dict[str, Step]) -> list[Step]:
    """The steps so that each runs after every step it needs; among steps free to run, the declared order."""
    unknown = {need for s in steps.values() for need in s.needs if need not in steps and need not in GIVEN}
    if unknown:
        raise StepOrderError(f"nothing produces {', '.join(sorted(unknown))}")
    done: set[str] = set()
    order: list[Step] = []
    while len(order) < len(steps):
        ready = next((s for s in steps.values() if s.name not in done
                      and all(n in done or n in GIVEN for n in s.needs)), None)
        if ready is None:
            waiting = sorted(set(steps) - done)
            raise StepOrderError(f"steps need each other: {', '.join(waiting)}")
        order.append(ready)
        done.add(ready.name)
    return order
