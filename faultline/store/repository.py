"""The store: save normalised articles and their events once, query them, remember failures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from faultline.errors import NotFoundError, StorageError
from faultline.models import (
    Article,
    EntityProfile,
    EventFilter,
    EventPage,
    EventSort,
    Extraction,
    GraphEdge,
    Incident,
    IncidentFilter,
    StoredEvent,
)
from faultline.store import codec, event_query
from faultline.store.engine import (
    create_engine_for,
    mask_url,
    read_only_engine,
    require_sqlite_file,
    resolve_url,
    storage_errors,
)
from faultline.store.extractions import stored_extractors, write_extraction
from faultline.store.faults import retrying
from faultline.store.lookup import resolve_ref
from faultline.store.migrate import require_head, upgrade_to_head
from faultline.store.records import ArticleRow, FailureRow, SaveStatus, SourceRow
from faultline.store.tables import (
    ArticleSourceTable,
    ArticleTable,
    BoilerplateTable,
    EventTable,
    IncidentEventTable,
    IngestFailureTable,
)

if TYPE_CHECKING:
    from faultline.link.incidents import LinkReport
    from faultline.link.loading import Embedder

DEFAULT_FAILURE_LIMIT = 50
ALL_INCIDENTS = IncidentFilter()
ALL_EVENTS = EventFilter()
# Ids per IN (...) list: well under SQLite's 32,766 bound parameters and PostgreSQL's 65,535.
_ID_CHUNK = 900


class Store:
    """A migrated database holding articles; open with :meth:`Store.open`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self._engine = engine
        self._url = url
        self._closed = False

    @classmethod
    def open(cls, url: str | None = None, *, read_only: bool = False) -> Self:
        """Connect to ``url`` (see :func:`resolve_url`) and bring its schema up to date.

        ``read_only``: the caller only reads, so a SQLite file this process cannot write (a
        read-only file or mount) is opened read-only, and must have the current schema.
        """
        resolved = resolve_url(url)
        if read_only:
            require_sqlite_file(resolved)
        frozen = read_only_engine(resolved) if read_only else None
        engine = frozen or create_engine_for(resolved)
        try:
            if frozen is None:
                upgrade_to_head(engine)
            else:
                require_head(engine, resolved)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, resolved)

    @property
    def url(self) -> str:
        """The database URL with its password masked, for display."""
        return mask_url(self._url)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def save_article(self, article: Article, extraction: Extraction | None = None) -> SaveStatus:
        """Store ``article`` and its ``extraction`` in one transaction.

        "new" for an article not stored before; "updated" when a stored article gets the
        events of an extractor version it did not have (the old version's are replaced and
        recorded as superseded); "unchanged" otherwise. A known article seen at a new
        path/record gets that source recorded; seeing it again where it was already seen,
        with the same extractor version, writes nothing at all.
        """
        with self._errors(f"saving article {article.id} from {article.location}"):
            return retrying(lambda: self._save_checked(article, extraction))

    def save_many(self, items: Iterable[tuple[Article, Extraction | None]]) -> list[SaveStatus]:
        """Store many articles (with their extractions) in one transaction: all or none.

        For bulk loads, where a transaction per article costs more than the writing; the
        statuses are those ``save_article`` would give, in order.
        """
        batch = list(items)
        doing = f"saving a batch of {len(batch)} articles"
        with self._errors(doing), self._transaction() as session:
            now = _utcnow()
            return [_save(session, article, found, now) for article, found in batch]

    def stored_extractors(self, article_ids: list[str]) -> dict[str, str]:
        """For each stored article among ``article_ids`` that has events: their extractor."""
        with self._errors("reading extractor versions"), self._session() as session:
            return stored_extractors(session, article_ids)

    def record_failure(self, location: str, code: str, message: str) -> None:
        """Remember an input that could not be stored, in a transaction of its own."""
        values = {
            "location": location,
            "error_code": code,
            "message": message,
            "occurred_at": _utcnow(),
        }
        with self._errors(f"recording the failure of {location}"):
            retrying(lambda: self._insert_failure(values))

    def _insert_failure(self, values: dict[str, Any]) -> None:
        with self._transaction() as session:
            session.execute(insert(IngestFailureTable).values(values))

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleRow]:
        """Articles by publication date (undated last), then id."""
        statement = (
            select(ArticleTable)
            .order_by(ArticleTable.published.is_(None), ArticleTable.published, ArticleTable.id)
            .offset(offset)
            .limit(limit)
        )
        with self._errors("listing articles"), self._session() as session:
            return [codec.article_row(row) for row in session.scalars(statement)]

    def count_articles(self) -> int:
        statement = select(func.count()).select_from(ArticleTable)
        with self._errors("counting articles"), self._session() as session:
            return session.scalar(statement) or 0

    def incident_memberships(
        self, event_ids: Collection[str] | None = None
    ) -> Iterator[tuple[str, str | None]]:
        """(event id, incident id or None) for every linked event, by event id; with
        ``event_ids``, for those events only (read in chunks, never the whole table)."""
        columns = select(IncidentEventTable.event_id, IncidentEventTable.incident_id)
        if event_ids is None:
            statements = [columns.order_by(IncidentEventTable.event_id)]
        else:
            ids = sorted(set(event_ids))
            statements = [
                columns.where(IncidentEventTable.event_id.in_(ids[i : i + _ID_CHUNK])).order_by(
                    IncidentEventTable.event_id
                )
                for i in range(0, len(ids), _ID_CHUNK)
            ]
        with self._errors("reading incident memberships"), self._session() as session:
            for statement in statements:
                yield from ((row[0], row[1]) for row in session.execute(statement))

    def get_article(self, ref: str) -> Article:
        """The full article named by id, unique id prefix (4+ characters), or source path."""
        with self._errors(f"looking up article {ref!r}"), self._session() as session:
            article_id = resolve_ref(session, ref)
            row = session.get_one(ArticleTable, article_id)
            removed = session.scalars(
                select(BoilerplateTable).where(BoilerplateTable.article_id == article_id)
            )
            return codec.article_from_rows(row, removed)

    def sources(self, article_id: str) -> list[SourceRow]:
        """Every path/record the article was read from, first seen first."""
        statement = (
            select(ArticleSourceTable)
            .where(ArticleSourceTable.article_id == article_id)
            .order_by(ArticleSourceTable.seen_at, ArticleSourceTable.id)
        )
        with self._errors(f"listing sources of {article_id}"), self._session() as session:
            return [codec.source_row(row) for row in session.scalars(statement)]

    def failures(self, limit: int | None = DEFAULT_FAILURE_LIMIT) -> list[FailureRow]:
        """Recorded ingest failures, newest first."""
        statement = (
            select(IngestFailureTable)
            .order_by(IngestFailureTable.occurred_at.desc(), IngestFailureTable.id.desc())
            .limit(limit)
        )
        with self._errors("listing ingest failures"), self._session() as session:
            return [codec.failure_row(row) for row in session.scalars(statement)]

    def events(
        self,
        flt: EventFilter = ALL_EVENTS,
        *,
        sort: EventSort = "-date",
        limit: int | None = 50,
        offset: int = 0,
    ) -> EventPage:
        """One page of the events ``flt`` selects, sorted, with the total that matched."""
        with self._errors("querying events"), self._session() as session:
            return event_query.page(session, flt, sort, limit, offset)

    def iter_events(
        self, flt: EventFilter = ALL_EVENTS, *, sort: EventSort = "date"
    ) -> Iterator[StoredEvent]:
        """Every event ``flt`` selects, streamed (exports of millions of rows stay small)."""
        with self._errors("reading events"), self._session() as session:
            yield from event_query.stream(session, flt, sort)

    def get_event(self, ref: str) -> StoredEvent:
        """The event with this id, or with this unique id prefix (6+ characters)."""
        with self._errors(f"looking up event {ref!r}"), self._session() as session:
            found = event_query.get_event(session, ref)
        if found is None:
            raise NotFoundError(f"no event with id (or unique id prefix) {ref!r} in {self.url}")
        return found

    def event_stats(
        self, flt: EventFilter = ALL_EVENTS, by: tuple[str, ...] = ("country", "month", "type")
    ) -> list[dict[str, object]]:
        """Events and fatalities counted by ``by`` (country, month, type, acled_type)."""
        with self._errors("counting events"), self._session() as session:
            return event_query.stats(session, flt, by)

    def count_events(self) -> int:
        with self._errors("counting events"), self._session() as session:
            return session.scalar(select(func.count()).select_from(EventTable)) or 0

    def link(self, embed: Embedder | None = None) -> LinkReport:
        """Link every event not yet in an incident, and the entities of their articles, in one
        transaction (``faultline.link``). Idempotent: a second call finds nothing pending."""
        from faultline.link.entities import link_entities
        from faultline.link.incidents import link_pending

        if embed is None:
            from faultline.events.embed import embed as default_embed

            embed = default_embed

        def link_once() -> LinkReport:
            with self._transaction() as session:
                report = link_pending(session, embed)
                link_entities(session)
                return report

        # Repeating a pass that was cut off is safe: what it had not committed is still
        # pending, and what it had is no longer.
        with self._errors("linking events into incidents"):
            return retrying(link_once)

    def incidents(
        self, flt: IncidentFilter = ALL_INCIDENTS, limit: int | None = 50, offset: int = 0
    ) -> tuple[list[Incident], int]:
        """Incidents matching ``flt`` (newest first) and how many match in all."""
        from faultline.link.queries import list_incidents

        with self._errors("listing incidents"), self._session() as session:
            return list_incidents(session, flt, limit, offset)

    def get_incident(self, ref: str) -> Incident:
        """One incident with all its reports: by id, unique prefix, or a member event's id."""
        from faultline.link.queries import get_incident

        with self._errors(f"reading incident {ref}"), self._session() as session:
            found = get_incident(session, ref)
        if found is None:
            raise NotFoundError(f"no incident with id (or unique id prefix) {ref!r} in {self.url}")
        return found

    def entity(self, name: str) -> EntityProfile:
        """The entity ``name`` names (id, name or alias), merged across articles."""
        from faultline.link.queries import entity_profile

        with self._errors(f"reading entity {name}"), self._session() as session:
            found = entity_profile(session, name)
        if found is None:
            raise NotFoundError(f"no entity called {name!r} in {self.url}")
        return found

    def graph_edges(self, entity_ids: list[str] | None = None) -> list[GraphEdge]:
        """The knowledge graph's aggregated edges (or those touching ``entity_ids``)."""
        from faultline.link.graph import graph_edges

        with self._errors("reading the knowledge graph"), self._session() as session:
            return graph_edges(session, entity_ids)

    def graph_json(self, entity_ids: list[str] | None = None) -> dict[str, Any]:
        """The knowledge graph (or the part touching ``entity_ids``) as JSON nodes and edges."""
        from faultline.link.graph import graph_edges, graph_json

        with self._errors("reading the knowledge graph"), self._session() as session:
            return graph_json(session, graph_edges(session, entity_ids))

    def graph(self, entity_ids: list[str] | None = None) -> Any:
        """The knowledge graph as a networkx MultiDiGraph (for GraphML, GEXF, node-link)."""
        from faultline.link.graph import to_networkx

        return to_networkx(self.graph_json(entity_ids))

    def _save_checked(self, article: Article, extraction: Extraction | None) -> SaveStatus:
        try:
            return self._save_once(article, extraction)
        except IntegrityError:
            # Another writer stored this article (or this source, or these events) between
            # our check and our insert. A second pass sees its rows and adds only what is
            # still missing, and says what that was.
            return self._save_once(article, extraction)

    def _save_once(self, article: Article, extraction: Extraction | None) -> SaveStatus:
        with self._transaction() as session:
            return _save(session, article, extraction, _utcnow())

    def _session(self) -> Session:
        if self._closed:
            raise StorageError(f"the store for {self.url} is closed")
        return Session(self._engine)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end of the block, or rolls back entirely."""
        with self._session() as session, session.begin():
            yield session

    def _errors(self, doing: str) -> AbstractContextManager[None]:
        return storage_errors(doing, self._url)


def _save(
    session: Session, article: Article, extraction: Extraction | None, now: dt.datetime
) -> SaveStatus:
    status: SaveStatus = "unchanged"
    if _find_article_id(session, article.id) is None:
        _insert_article(session, article, now)
        _insert_boilerplate(session, article)
        _insert_source(session, article, now)
        status = "new"
    elif not _source_exists(session, article):
        _insert_source(session, article, now)
        _touch_last_seen(session, article.id, now)
    if extraction is not None:
        written = write_extraction(session, article, extraction, now)
        if written == "updated" or (written == "new" and status == "unchanged"):
            status = "updated"
    return status


def _find_article_id(session: Session, article_id: str) -> str | None:
    return session.scalar(select(ArticleTable.id).where(ArticleTable.id == article_id))


def _insert_article(session: Session, article: Article, now: dt.datetime) -> None:
    session.execute(insert(ArticleTable).values(codec.article_values(article, now)))


def _insert_boilerplate(session: Session, article: Article) -> None:
    rows = codec.boilerplate_values(article)
    if rows:
        session.execute(insert(BoilerplateTable), rows)


def _insert_source(session: Session, article: Article, now: dt.datetime) -> None:
    values = {
        "article_id": article.id,
        "path": article.path,
        "record": codec.record_key(article.record),
        "seen_at": now,
    }
    session.execute(insert(ArticleSourceTable).values(values))


def _source_exists(session: Session, article: Article) -> bool:
    statement = select(ArticleSourceTable.id).where(
        ArticleSourceTable.article_id == article.id,
        ArticleSourceTable.path == article.path,
        ArticleSourceTable.record == codec.record_key(article.record),
    )
    return session.scalar(statement) is not None


def _touch_last_seen(session: Session, article_id: str, now: dt.datetime) -> None:
    session.execute(
        update(ArticleTable).where(ArticleTable.id == article_id).values(last_seen_at=now)
    )


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
