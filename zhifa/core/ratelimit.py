"""A fixed-window request limit per client address for public endpoints that anyone can call
without an account (the document check): enough for a person, too little to sweep codes or to
hash files all day (等保 level 3, GB/T 22239-2019 8.1.4: 资源控制).

Counts live in Django's default cache (per process with the default local-memory cache; set a
shared cache, e.g. Redis, when several app servers run behind one address).
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

TOO_MANY = "请求过于频繁，请稍后再试"


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "-"


def allow(request: HttpRequest, scope: str, *, limit: int, window: int) -> bool:
    """Count this request against ``scope`` for its address; ``False`` once over ``limit``."""
    slot = int(time.time()) // window
    key = f"zhifa:rate:{scope}:{client_address(request)}:{slot}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
