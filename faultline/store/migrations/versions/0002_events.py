"""Events and what they point at: entities, places, mentions, claims, relations, supersession.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06

Plain tables are the same on both engines and match ``faultline.store.tables``. Each engine
then gets its own search machinery, which the table classes do not declare:

* SQLite: an FTS5 index ``event_search`` over ``events.search_text`` (external content, rowid =
  ``events.search_key``) kept in step by triggers, cascading deletes included.
* PostgreSQL: PostGIS (``CREATE EXTENSION IF NOT EXISTS postgis``), a generated ``geog``
  geography(Point, 4326) column with a GiST index for ``--near``, and a generated ``search``
  tsvector column with a GIN index for ``--text``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from faultline.errors import StorageError

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)

# Full-text configuration on PostgreSQL, made to read text as SQLite's FTS5 tokenizer
# ('porter unicode61 remove_diacritics 2') does: accents folded, English stems, no stop words
# dropped from the index (queries drop theirs the same way on both engines: store/search.py).
PG_TEXT_CONFIG = "faultline_text"


def upgrade() -> None:
    _create_tables()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_full_text()
    elif dialect == "postgresql":
        _postgis()
        _pg_full_text()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("events_search_insert", "events_search_delete", "events_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS event_search")
    _drop_tables()
    if dialect == "postgresql":
        op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_TEXT_CONFIG}")
        op.execute("DROP TEXT SEARCH DICTIONARY IF EXISTS faultline_stem")


def _create_tables() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    op.create_index(op.f("ix_entities_name"), "entities", ["name"], unique=False)
    op.create_table(
        "places",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("precision", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("feature", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    op.create_index(op.f("ix_places_country"), "places", ["country"], unique=False)
    op.create_table(
        "entity_mentions",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_entity_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_entity_mentions_entity_id_entities")
        ),
        sa.PrimaryKeyConstraint("article_id", "start", "end", name=op.f("pk_entity_mentions")),
    )
    op.create_index(
        op.f("ix_entity_mentions_entity_id"), "entity_mentions", ["entity_id"], unique=False
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("search_key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("event_type", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("typing_method", sa.Text(), nullable=False),
        sa.Column("typing_confidence", sa.Float(), nullable=False),
        sa.Column("acled_event_type", sa.Text(), nullable=True),
        sa.Column("acled_sub_event_type", sa.Text(), nullable=True),
        sa.Column("acled_disorder_type", sa.Text(), nullable=True),
        sa.Column("acled_interaction", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=True),
        sa.Column("date_method", sa.Text(), nullable=False),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("date_text_start", sa.Integer(), nullable=True),
        sa.Column("date_text_end", sa.Integer(), nullable=True),
        sa.Column("place_id", sa.Text(), nullable=True),
        sa.Column("location_text", sa.Text(), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_precision", sa.Text(), nullable=True),
        sa.Column("location_start", sa.Integer(), nullable=True),
        sa.Column("location_end", sa.Integer(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("geonames_id", sa.Integer(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("coup_outcome", sa.Text(), nullable=True),
        sa.Column("coup_perpetrator", sa.Text(), nullable=True),
        sa.Column("coup_leader", sa.Text(), nullable=True),
        sa.Column("coup_target", sa.Text(), nullable=True),
        sa.Column("coup_foreign_nationals", sa.JSON(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_events_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("search_key", name=op.f("uq_events_search_key")),
    )
    op.create_index(
        op.f("ix_events_acled_event_type"), "events", ["acled_event_type"], unique=False
    )
    op.create_index(
        op.f("ix_events_acled_sub_event_type"), "events", ["acled_sub_event_type"], unique=False
    )
    op.create_index(op.f("ix_events_article_id"), "events", ["article_id"], unique=False)
    op.create_index(
        op.f("ix_events_country_date_start_date_end_background_id"),
        "events",
        ["country", "date_start", "date_end", "background", "id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_events_date_start_date_end_background_id"),
        "events",
        ["date_start", "date_end", "background", "id"],
        unique=False,
    )
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"], unique=False)
    op.create_index(op.f("ix_events_fatalities"), "events", ["fatalities"], unique=False)
    op.create_index(
        op.f("ix_events_lat_lon_background_date_start_id"),
        "events",
        ["lat", "lon", "background", "date_start", "id"],
        unique=False,
    )
    op.create_table(
        "extractions",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_extractions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_extractions")),
    )
    op.create_table(
        "place_mentions",
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_place_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_place_mentions_place_id_places")
        ),
        sa.PrimaryKeyConstraint("article_id", "start", "end", name=op.f("pk_place_mentions")),
    )
    op.create_index(
        op.f("ix_place_mentions_place_id"), "place_mentions", ["place_id"], unique=False
    )
    op.create_table(
        "superseded_events",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("extractor", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("superseded_by", sa.Text(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retained", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_superseded_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "extractor", name=op.f("pk_superseded_events")),
    )
    op.create_index(
        op.f("ix_superseded_events_article_id"), "superseded_events", ["article_id"], unique=False
    )
    op.create_table(
        "claims",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=False),
        sa.Column("speaker_entity_id", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("speaker_start", sa.Integer(), nullable=False),
        sa.Column("speaker_end", sa.Integer(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_claims_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_claims_event_id_events"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_article_id"), "claims", ["article_id"], unique=False)
    op.create_index(
        op.f("ix_claims_speaker_entity_id"), "claims", ["speaker_entity_id"], unique=False
    )
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("entity_id", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_actors_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name=op.f("pk_event_actors")),
    )
    op.create_index(op.f("ix_event_actors_entity_id"), "event_actors", ["entity_id"], unique=False)
    op.create_index(op.f("ix_event_actors_name"), "event_actors", ["name"], unique=False)
    op.create_table(
        "event_counts",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_event_counts_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "category", name=op.f("pk_event_counts")),
    )
    op.create_index(
        op.f("ix_event_counts_category_value"), "event_counts", ["category", "value"], unique=False
    )
    op.create_table(
        "evidence",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_evidence_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "ordinal", name=op.f("pk_evidence")),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("subject_id", sa.Text(), nullable=False),
        sa.Column("predicate", sa.Text(), nullable=False),
        sa.Column("object_id", sa.Text(), nullable=False),
        sa.Column("modality", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_relations_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_relations_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["object_id"], ["entities.id"], name=op.f("fk_relations_object_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["entities.id"], name=op.f("fk_relations_subject_id_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint(
            "event_id",
            "subject_id",
            "predicate",
            "object_id",
            name=op.f("uq_relations_event_id_subject_id_predicate_object_id"),
        ),
    )
    op.create_index(op.f("ix_relations_object_id"), "relations", ["object_id"], unique=False)
    op.create_index(op.f("ix_relations_subject_id"), "relations", ["subject_id"], unique=False)


def _drop_tables() -> None:
    # Children first; dropping a table drops its indexes (and PostgreSQL's generated columns).
    for table in (
        "relations",
        "evidence",
        "event_counts",
        "event_actors",
        "claims",
        "superseded_events",
        "place_mentions",
        "extractions",
        "events",
        "entity_mentions",
        "places",
        "entities",
    ):
        op.drop_table(table)


def _sqlite_full_text() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE event_search USING fts5(search_text, content='events', "
        "content_rowid='search_key', tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN "
        "INSERT INTO event_search(rowid, search_text) VALUES (new.search_key, new.search_text); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN "
        "INSERT INTO event_search(event_search, rowid, search_text) "
        "VALUES ('delete', old.search_key, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER events_search_update AFTER UPDATE OF search_text, search_key ON events "
        "BEGIN INSERT INTO event_search(event_search, rowid, search_text) "
        "VALUES ('delete', old.search_key, old.search_text); "
        "INSERT INTO event_search(rowid, search_text) VALUES (new.search_key, new.search_text); "
        "END"
    )


def _postgis() -> None:
    bind = op.get_bind()
    available = bind.exec_driver_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
    ).scalar()
    if not available:
        raise StorageError(
            "PostgreSQL stores need the PostGIS extension, which this server does not have: "
            "install it (Debian: apt-get install postgresql-15-postgis-3) and run again"
        )
    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.execute(
        "ALTER TABLE events ADD COLUMN geog geography(Point, 4326) GENERATED ALWAYS AS ("
        "CASE WHEN lat IS NOT NULL AND lon IS NOT NULL "
        "THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END) STORED"
    )
    op.execute("CREATE INDEX ix_events_geog ON events USING gist (geog)")


def _pg_full_text() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    # The extension may live in any schema (one per database); name its dictionary fully.
    unaccent_schema = (
        op.get_bind()
        .exec_driver_sql(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        .scalar()
    )
    op.execute(
        "CREATE TEXT SEARCH DICTIONARY faultline_stem (TEMPLATE = snowball, Language = english)"
    )
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {PG_TEXT_CONFIG} (COPY = simple)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {PG_TEXT_CONFIG} ALTER MAPPING FOR asciiword, "
        f'asciihword, hword_asciipart, word, hword, hword_part WITH "{unaccent_schema}".unaccent, '
        "faultline_stem"
    )
    op.execute(
        "ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{PG_TEXT_CONFIG}', search_text)) STORED"
    )
    op.execute("CREATE INDEX ix_events_search ON events USING gin (search)")
