"""Articles, where they were seen, removed boilerplate, and ingest failures.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Hand-written with explicit operations (no autogenerate) so it runs the same on SQLite and
PostgreSQL 15; ``tests/store`` checks the result against ``faultline.store.tables``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    _create_articles()
    _create_article_sources()
    _create_boilerplate()
    _create_ingest_failures()


def downgrade() -> None:
    op.drop_table("ingest_failures")
    op.drop_table("boilerplate")
    op.drop_table("article_sources")
    op.drop_table("articles")


def _create_articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("original_text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=True),
        sa.Column("format", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("encoding", sa.Text(), nullable=False),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("published_year", sa.Integer(), nullable=True),
        sa.Column("published_month", sa.Integer(), nullable=True),
        sa.Column("published_day", sa.Integer(), nullable=True),
        sa.Column("published_precision", sa.Text(), nullable=True),
        sa.Column("published_method", sa.Text(), nullable=False),
        sa.Column("published_text", sa.Text(), nullable=True),
        sa.Column("published_start", sa.Integer(), nullable=True),
        sa.Column("published_end", sa.Integer(), nullable=True),
        sa.Column("paragraphs", sa.JSON(), nullable=False),
        sa.Column("sentences", sa.JSON(), nullable=False),
        sa.Column("offset_map", sa.JSON(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])


def _create_article_sources() -> None:
    op.create_table(
        "article_sources",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), server_default="", nullable=False),
        sa.Column("seen_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_article_sources"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_sources_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "article_id", "path", "record", name="uq_article_sources_article_id_path_record"
        ),
    )
    op.create_index("ix_article_sources_path", "article_sources", ["path"])


def _create_boilerplate() -> None:
    op.create_table(
        "boilerplate",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "ordinal", name="pk_boilerplate"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_boilerplate_article_id_articles",
            ondelete="CASCADE",
        ),
    )


def _create_ingest_failures() -> None:
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("error_code", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_failures"),
    )
    op.create_index("ix_ingest_failures_occurred_at", "ingest_failures", ["occurred_at"])
