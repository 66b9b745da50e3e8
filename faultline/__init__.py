"""Faultline: news articles in, a sourced, dated, geocoded event database out."""

from faultline.errors import FaultlineError
from faultline.models import Article, PublishedDate, RawDocument, Span

__version__ = "0.3.1"

__all__ = ["Article", "FaultlineError", "PublishedDate", "RawDocument", "Span", "__version__"]
