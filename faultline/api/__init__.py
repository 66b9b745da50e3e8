"""The HTTP API and the dashboard it serves: ``create_app(db)``; ``faultline serve`` runs it.

JSON under ``/api`` (OpenAPI at ``/docs``), every error in one shape (``errors.py``); the
dashboard's own files and its npm-installed libraries and map geometry under ``/``,
``/static`` and ``/vendor`` (``web.py``). With a token every request must carry it.
"""

from faultline.api.app import create_app

__all__ = ["create_app"]
