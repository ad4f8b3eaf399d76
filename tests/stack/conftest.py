"""Fixtures shared by the stack tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixture_server import FixtureConfig, FixtureServer


@pytest.fixture
def fixture_server() -> Iterator[FixtureServer]:
    """The recorded-sources server on a random loopback port (30 records, 10 per page)."""
    with FixtureServer(FixtureConfig(records=30, page_size=10)) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_suggestion_memory() -> Iterator[None]:
    """Each test has its own index: spellings remembered from an earlier test's records
    must not shape this test's searches (in a portal they live a few minutes)."""
    from ckanext.vusta.search.orchestrate import SUGGESTIONS

    SUGGESTIONS.forget_all()
    yield
