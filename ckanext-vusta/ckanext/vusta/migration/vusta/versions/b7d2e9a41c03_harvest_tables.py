"""Harvest tables: one row per harvested copy (unique by source + identifier) and per run.

Revision ID: b7d2e9a41c03
Revises: a1f0c3d2e4b5
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "b7d2e9a41c03"
down_revision = "a1f0c3d2e4b5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vusta_harvest_record",
        sa.Column("source_id", sa.UnicodeText, primary_key=True),
        sa.Column("identifier", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("is_primary", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("content_hash", sa.String(64), nullable=False, server_default=""),
        sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("doi", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("match_keys", ARRAY(sa.UnicodeText), nullable=False, server_default="{}"),
        sa.Column("original_url", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("raw", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("vusta_harvest_record_doi", "vusta_harvest_record", ["doi"],
                    postgresql_where=sa.text("doi <> ''"))
    op.create_index("vusta_harvest_record_match_keys", "vusta_harvest_record",
                    ["match_keys"], postgresql_using="gin")
    op.create_table(
        "vusta_harvest_run",
        sa.Column("job_id", sa.UnicodeText, primary_key=True),
        sa.Column("source_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("listing_ok", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("full_listing", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("confirm_deletions", sa.Boolean, nullable=False, server_default=sa.false()),
        *(sa.Column(name, sa.Integer, nullable=False, server_default="0")
          for name in ("created", "updated", "withdrawn", "restored", "linked", "unchanged",
                       "failed", "held_deletions")),
        sa.Column("errors", JSONB, nullable=False, server_default="[]"),
    )


def downgrade() -> None:
    op.drop_table("vusta_harvest_run")
    op.drop_table("vusta_harvest_record")
