"""Minerals at stake: the minerals each event names, the deals and offers events state, and
every mention of minerals in an article.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Articles stored before this revision have no mineral rows; ``faultline ingest`` re-extracts
them (the extractor version changed) and fills them in.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_minerals",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("mineral", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_minerals_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name=op.f("pk_event_minerals")),
    )
    op.create_index(op.f("ix_event_minerals_mineral"), "event_minerals", ["mineral"])
    op.create_table(
        "event_deals",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("minerals", sa.JSON(), nullable=False),
        sa.Column("money_usd", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_deals_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_deals")),
    )
    op.create_table(
        "mineral_mentions",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("minerals", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_mineral_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "start", "end", name=op.f("pk_mineral_mentions")),
    )


def downgrade() -> None:
    for table in ("mineral_mentions", "event_deals", "event_minerals"):
        op.drop_table(table)
