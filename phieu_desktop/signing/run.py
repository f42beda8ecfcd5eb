"""pyHanko's signing and CMS checks are coroutines (PKCS#11 calls run in a worker thread): run one to its end.

The only place asyncio is used: as an event loop for pyHanko, never for a connection (nothing is fetched:
every validation context is built with allow_fetching=False).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)
