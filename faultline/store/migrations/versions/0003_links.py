"""Links across articles: incidents, event links and vectors, entity links; relations from
phrases as well as events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

``relations`` gains rows with no event (a phrase such as "the Rwanda-backed M23" states the
edge), the evidence text and the stake of a deal; it is altered in batch mode, which on SQLite
copies the table (it holds derived rows only, so this is cheap).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_UNIQUE = "uq_relations_event_id_subject_id_predicate_object_id"
_NEW_UNIQUE = "uq_relations_article_id_start_subject_id_predicate_object_id"


def upgrade() -> None:
    _alter_relations()
    _create_incidents()
    _create_entity_links()


def downgrade() -> None:
    for table in (
        "entity_links",
        "event_vectors",
        "event_links",
        "link_queue",
        "incident_events",
        "incidents",
    ):
        op.drop_table(table)
    op.execute("DELETE FROM relations WHERE event_id IS NULL")
    with op.batch_alter_table("relations") as batch:
        batch.drop_index("ix_relations_event_id")
        batch.drop_constraint(_NEW_UNIQUE, type_="unique")
        batch.create_unique_constraint(
            _OLD_UNIQUE, ["event_id", "subject_id", "predicate", "object_id"]
        )
        batch.drop_column("stake")
        batch.drop_column("text")
        batch.drop_column("method")
        batch.alter_column("event_id", existing_type=sa.Text(), nullable=False)


def _alter_relations() -> None:
    with op.batch_alter_table("relations") as batch:
        batch.alter_column("event_id", existing_type=sa.Text(), nullable=True)
        batch.add_column(sa.Column("method", sa.Text(), nullable=False, server_default="event"))
        batch.add_column(sa.Column("text", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("stake", sa.Text(), nullable=True))
        batch.drop_constraint(_OLD_UNIQUE, type_="unique")
        batch.create_unique_constraint(
            _NEW_UNIQUE, ["article_id", "start", "subject_id", "predicate", "object_id"]
        )
        batch.create_index("ix_relations_event_id", ["event_id"], unique=False)
    # The defaults only filled the rows already there; new rows always say both.
    with op.batch_alter_table("relations") as batch:
        batch.alter_column("method", existing_type=sa.Text(), server_default=None)
        batch.alter_column("text", existing_type=sa.Text(), server_default=None)


def _create_incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("location_precision", sa.Text(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("coup", sa.Text(), nullable=True),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("killed_best", sa.Integer(), nullable=True),
        sa.Column("killed_low", sa.Integer(), nullable=True),
        sa.Column("killed_high", sa.Integer(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("coup_status", sa.Text(), nullable=True),
        sa.Column("coup_ref", sa.Text(), nullable=True),
        sa.Column("coup_days_apart", sa.Integer(), nullable=True),
        sa.Column("coup_covered", sa.Boolean(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    op.create_index(op.f("ix_incidents_country_date_start"), "incidents", ["country", "date_start"])
    op.create_index(op.f("ix_incidents_date_start"), "incidents", ["date_start"])
    op.create_index(op.f("ix_incidents_lat_lon"), "incidents", ["lat", "lon"])
    op.create_table(
        "incident_events",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("incident_id", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_incident_events_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_incident_events")),
    )
    op.create_index(op.f("ix_incident_events_incident_id"), "incident_events", ["incident_id"])
    op.create_table(
        "link_queue",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_link_queue_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_link_queue")),
    )
    # Events stored before this revision have never been linked: queue them all.
    op.execute("INSERT INTO link_queue (event_id) SELECT id FROM events")
    op.create_table(
        "event_links",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("other_id", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_links_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["events.id"],
            name=op.f("fk_event_links_other_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "other_id", name=op.f("pk_event_links")),
    )
    op.create_index(op.f("ix_event_links_other_id"), "event_links", ["other_id"])
    op.create_table(
        "event_vectors",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_vectors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_vectors")),
    )


def _create_entity_links() -> None:
    op.create_table(
        "entity_links",
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("canonical_id", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_entity_links_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["canonical_id"],
            ["entities.id"],
            name=op.f("fk_entity_links_canonical_id_entities"),
        ),
        sa.PrimaryKeyConstraint("entity_id", name=op.f("pk_entity_links")),
    )
    op.create_index(op.f("ix_entity_links_canonical_id"), "entity_links", ["canonical_id"])
