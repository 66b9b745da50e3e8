"""Build the app: one store for the process, the JSON routes, the dashboard, the error shape,
and the guards every request passes (token, body cap, security headers)."""

from __future__ import annotations

import gc
import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from faultline import __version__
from faultline.api import routes_articles, routes_events, routes_links, routes_minerals, web
from faultline.api.auth import TokenCheck
from faultline.api.errors import install_error_handlers
from faultline.api.guards import RequestLimits, SecurityHeaders
from faultline.api.openapi import install_openapi
from faultline.store import Store


def create_app(db: str | None = None, *, token: str | None = None) -> FastAPI:
    """The API and dashboard over the store at ``db`` (``--db`` rules; the default store)."""
    store = Store.open(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        _settle_memory()
        yield
        # Release the connections but keep the store usable: a test client (or schemathesis's
        # ASGI transport) runs the lifespan once per use, and the app must answer the next.
        store.engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="Faultline",
        version=__version__,
        description="Sourced, dated, geocoded events from news articles: events, incidents "
        "across reports, entities, the knowledge graph, and the articles behind them.",
    )
    app.state.store = store
    install_error_handlers(app)
    # The last added runs first: headers go on every answer, a 401 included, and a request
    # without the token is refused before any of its body is read.
    app.add_middleware(RequestLimits)
    if token:
        app.add_middleware(TokenCheck, token=token)
    app.add_middleware(SecurityHeaders)
    for module in (routes_events, routes_links, routes_articles, routes_minerals):
        app.include_router(module.router, prefix="/api")
    web.mount(app)
    install_openapi(app, token=bool(token))
    return app


# What routes import on first use. Imported here, in one thread, before the first request:
# two request threads importing spaCy at once (a text search's stop words, a posted article's
# pipeline) got half-initialised modules and answered 500 (benchmarks/api_load.py).
LAZY_MODULES = (
    "spacy.lang.en.stop_words",
    "faultline.events.extract",
    "faultline.events.typing_rules",
    "faultline.export.acled",
    "faultline.link.entities",
    "faultline.link.graph",
    "faultline.link.incidents",
    "faultline.link.queries",
    "faultline.mentions.gazetteer",
    "faultline.pipeline",
)


def _settle_memory() -> None:
    """Import what the routes need and load the knowledge base, then move everything alive at
    start-up out of the garbage collector's sight: full collections over those objects stalled
    a request in ten by about 100 ms at 100k events (measured by benchmarks/api_events.py)."""
    from faultline.kb.loader import countries, entity_table

    for name in LAZY_MODULES:
        importlib.import_module(name)
    countries(), entity_table()
    gc.collect()
    gc.freeze()
