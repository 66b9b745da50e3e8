"""The dashboard: our files from ``faultline/web/static``, and the libraries and map geometry
npm installed into ``faultline/web/node_modules`` at set-up (nothing is fetched at run time)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
STATIC_DIR = WEB_DIR / "static"
VENDOR_DIR = WEB_DIR / "node_modules"
_MISSING = (
    "<!doctype html><title>Faultline</title><p>The dashboard's files are not installed: run "
    "<code>make install</code> (it runs <code>npm ci --prefix faultline/web</code>).</p>"
)


def mount(app: FastAPI) -> None:
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    if VENDOR_DIR.is_dir():
        app.mount("/vendor", StaticFiles(directory=VENDOR_DIR), name="vendor")

    @app.get("/", include_in_schema=False, response_model=None)
    def dashboard() -> FileResponse | HTMLResponse:
        index = STATIC_DIR / "index.html"
        if index.is_file() and VENDOR_DIR.is_dir():
            return FileResponse(index)  # its Content-Security-Policy: guards.py
        return HTMLResponse(_MISSING, status_code=503)
