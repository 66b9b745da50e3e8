"""``faultline serve``: the API and the dashboard, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

from faultline.cli.common import DbOption
from faultline.cli.output import clean_errors, err


def serve_cli(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; beyond loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=1, max=65535)] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="FAULTLINE_TOKEN",
            help="Every request must carry it (Authorization: Bearer TOKEN, or ?token=).",
        ),
    ] = None,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /docs) and the analyst dashboard (/)."""
    import uvicorn

    from faultline.api import create_app
    from faultline.api.auth import needs_token

    if needs_token(host) and not token:
        raise typer.BadParameter(
            f"binding {host} exposes the store beyond this machine: give --token",
            param_hint="--host",
        )
    with clean_errors():
        app = create_app(db, token=token)
    shown = "localhost" if host == "127.0.0.1" else host
    err.print(f"Faultline on http://{shown}:{port}/ (API docs at /docs)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
