"""What routes are handed: the process's store."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from faultline.store import Store


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(store_of)]
