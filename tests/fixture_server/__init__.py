"""Local fixture server for harvest tests and the harvest benchmark (127.0.0.1 only)."""

from __future__ import annotations

from tests.fixture_server.server import FixtureConfig, FixtureServer

__all__ = ["FixtureConfig", "FixtureServer"]
