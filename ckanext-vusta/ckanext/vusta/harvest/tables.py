"""Our harvest tables (created by the plugin's alembic migration, own MetaData).

``vusta_harvest_record`` is keyed by (source, original identifier): the database itself
guarantees that two workers importing the same record create one dataset. It also keeps the
provenance of every copy (several sources may point at one dataset) and the content hash that
makes re-harvesting an unchanged record a no-op. ``vusta_harvest_run`` keeps per-run counts,
readable errors, held deletions and whether the listing was complete (the watermark rule).
"""

from __future__ import annotations

__all__ = ["harvest_record", "harvest_run", "metadata"]

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

metadata = sa.MetaData()

harvest_record = sa.Table(
    "vusta_harvest_record", metadata,
    sa.Column("source_id", sa.UnicodeText, primary_key=True),
    sa.Column("identifier", sa.UnicodeText, primary_key=True),
    sa.Column("package_id", sa.UnicodeText, nullable=False),
    sa.Column("is_primary", sa.Boolean, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("withdrawn", sa.Boolean, nullable=False),
    sa.Column("doi", sa.UnicodeText, nullable=False),
    sa.Column("match_keys", ARRAY(sa.UnicodeText), nullable=False),
    sa.Column("original_url", sa.UnicodeText, nullable=False),
    sa.Column("raw", sa.UnicodeText, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
)

harvest_run = sa.Table(
    "vusta_harvest_run", metadata,
    sa.Column("job_id", sa.UnicodeText, primary_key=True),
    sa.Column("source_id", sa.UnicodeText, nullable=False),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("listing_ok", sa.Boolean, nullable=False),
    sa.Column("full_listing", sa.Boolean, nullable=False),
    sa.Column("confirm_deletions", sa.Boolean, nullable=False),
    sa.Column("created", sa.Integer, nullable=False),
    sa.Column("updated", sa.Integer, nullable=False),
    sa.Column("withdrawn", sa.Integer, nullable=False),
    sa.Column("restored", sa.Integer, nullable=False),
    sa.Column("linked", sa.Integer, nullable=False),
    sa.Column("unchanged", sa.Integer, nullable=False),
    sa.Column("failed", sa.Integer, nullable=False),
    sa.Column("held_deletions", sa.Integer, nullable=False),
    sa.Column("errors", JSONB, nullable=False),
)
