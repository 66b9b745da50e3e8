"""Build the app: one store for the process, the JSON routes, the dashboard, the error shape."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from faultline import __version__
from faultline.api import routes_articles, routes_events, routes_links, web
from faultline.api.auth import install_token_check
from faultline.api.errors import install_error_handlers
from faultline.store import Store


def create_app(db: str | None = None, *, token: str | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (``--db`` rules; the default store)."""
    store = Store.open(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        _settle_memory()
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Faultline",
        version=__version__,
        description="Sourced, dated, geocoded events from news articles: events, incidents "
        "across reports, entities, the knowledge graph, and the articles behind them.",
    )
    app.state.store = store
    install_error_handlers(app)
    if token:
        install_token_check(app, token)
    for module in (routes_events, routes_links, routes_articles):
        app.include_router(module.router, prefix="/api")
    web.mount(app)

    return app


def _settle_memory() -> None:
    """Load the knowledge base, then move everything alive at start-up out of the garbage
    collector's sight: full collections over those objects stalled a request in ten by about
    100 ms at 100k events (measured by benchmarks/api_events.py)."""
    from faultline.kb.loader import countries, entity_table

    countries(), entity_table()
    gc.collect()
    gc.freeze()
