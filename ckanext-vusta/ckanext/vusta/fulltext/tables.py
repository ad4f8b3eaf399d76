"""SQLAlchemy tables of stored full text (created by the plugin's alembic migration).

Kept in their own MetaData so CKAN's `reset_db` does not create them behind the migrations.
"""

from __future__ import annotations

__all__ = ["file_text", "metadata", "resource_text"]

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

# Extracted text per file content: a file is never extracted twice.
file_text = sa.Table(
    "vusta_file_text", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("pages", JSONB, nullable=False),
    sa.Column("page_count", sa.Integer, nullable=False),
    sa.Column("ocr_pages", sa.Integer, nullable=False),
    sa.Column("mean_confidence", sa.Float),
    sa.Column("warnings", JSONB, nullable=False),
    sa.Column("extracted_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
)

# Extraction state per resource, pointing at the file text it currently has.
resource_text = sa.Table(
    "vusta_resource_text", metadata,
    sa.Column("resource_id", sa.UnicodeText, primary_key=True),
    sa.Column("package_id", sa.UnicodeText, nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("vusta_file_text.sha256")),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("error_code", sa.String(32)),
    sa.Column("error_detail", sa.UnicodeText),
    sa.Column("source_stamp", sa.UnicodeText),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False, server_default=sa.func.now()),
)
