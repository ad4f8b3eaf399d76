"""Full-text tables: extracted text per file (by sha256) and extraction state per resource.

Revision ID: a1f0c3d2e4b5
Revises:
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "a1f0c3d2e4b5"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vusta_file_text",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("pages", JSONB, nullable=False),
        sa.Column("page_count", sa.Integer, nullable=False),
        sa.Column("ocr_pages", sa.Integer, nullable=False),
        sa.Column("mean_confidence", sa.Float),
        sa.Column("warnings", JSONB, nullable=False, server_default="[]"),
        sa.Column("extracted_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
    )
    op.create_table(
        "vusta_resource_text",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("vusta_file_text.sha256")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error_code", sa.String(32)),
        sa.Column("error_detail", sa.UnicodeText),
        sa.Column("source_stamp", sa.UnicodeText),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
        sa.CheckConstraint("status IN ('queued', 'processing', 'done', 'failed')",
                           name="vusta_resource_text_status"),
    )


def downgrade() -> None:
    op.drop_table("vusta_resource_text")
    op.drop_table("vusta_file_text")
