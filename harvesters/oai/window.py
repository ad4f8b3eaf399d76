"""Incremental harvest windows at the repository's own datestamp granularity."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from harvesters.errors import HarvestError

__all__ = ["DAY", "SECONDS", "format_datestamp", "incremental_from", "parse_datestamp"]

DAY = "YYYY-MM-DD"
SECONDS = "YYYY-MM-DDThh:mm:ssZ"


def parse_datestamp(value: str) -> datetime:
    """Parse an OAI/ISO datestamp (day or seconds, ``Z`` or offset) into aware UTC."""
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise HarvestError("bad_date", value=value) from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def format_datestamp(moment: datetime, granularity: str) -> str:
    moment = moment.astimezone(timezone.utc)
    if granularity == DAY:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def incremental_from(
    watermark: datetime | None, granularity: str, overlap: timedelta = timedelta(minutes=10)
) -> str | None:
    """The ``from`` argument for the next run: last successful start minus a small overlap.

    The overlap covers clock skew and records committed while the last run was listing;
    re-seen records are harmless because the content hash makes them no-ops. With day
    granularity the overlap is at least one whole day.
    """
    if watermark is None:
        return None
    if granularity == DAY:
        overlap = max(overlap, timedelta(days=1))
    return format_datestamp(watermark - overlap, granularity)
