"""The benchmark's records (a few pages of Vietnamese text each) and its mixed query set, all
generated from fixed seeds so two runs measure the same work."""

from __future__ import annotations

__all__ = ["bench_records", "mixed_queries"]

import dataclasses
import random
import unicodedata
from collections.abc import Iterator

from ocr_pipeline.vietnamese import fold_diacritics
from tests.relevance.corpus import (
    EN_FIELDS,
    FIELDS,
    PROVINCES,
    Record,
    filler_records,
    person_name,
    synthetic_pages,
    targeted_records,
)
from tests.relevance.queries import QUERIES


def bench_records(count: int, pages: int = 3, seed: int = 11) -> Iterator[Record]:
    rng = random.Random(seed)
    yield from targeted_records()
    for record in filler_records(count, seed, prefix="bench"):
        yield dataclasses.replace(record, pages=synthetic_pages(rng, pages))


def mixed_queries(count: int, seed: int = 13) -> list[tuple[str, str]]:
    """(kind, query): judged queries, topic words with and without marks, author names (both
    orders), English phrases, NFD-typed text, single syllables."""
    rng = random.Random(seed)
    queries: list[tuple[str, str]] = []
    makers = (
        lambda: ("judged", rng.choice(QUERIES).q),
        lambda: ("accented", rng.choice(FIELDS)),
        lambda: ("unaccented", fold_diacritics(rng.choice(FIELDS))),
        lambda: ("topic+place", f"{rng.choice(FIELDS)} {rng.choice(PROVINCES)}"),
        lambda: ("author", person_name(rng)),
        lambda: ("author-reversed", " ".join(reversed(person_name(rng).split(" ", 1)))),
        lambda: ("english", rng.choice(EN_FIELDS)),
        lambda: ("nfd", unicodedata.normalize("NFD", rng.choice(FIELDS))),
        lambda: ("syllable", rng.choice(FIELDS).split()[0]),
    )
    while len(queries) < count:
        queries.append(rng.choice(makers)())
    return queries
