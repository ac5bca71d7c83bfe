"""The route sweep's machinery: every route Django resolves, and one request as one persona.

The table of expected outcomes is in :mod:`zhifa.testing.routes`; the test that holds the two
together is ``tests/test_route_sweep.py``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from zhifa.testing.objects import url_kwargs

ANONYMOUS = "anonymous"
FORMAT_SUFFIX = "(?P<format>"


@dataclass
class Route:
    """One named route: its pattern as written, and the methods it declares (when it does)."""

    name: str
    pattern: str
    methods: set[str] = field(default_factory=set)
    is_api: bool = False


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str, object]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = entry.name or prefix + str(entry.pattern)
            yield (
                (f"{namespace}:{name}" if namespace and entry.name else name),
                (prefix + str(entry.pattern)),
                entry.callback,
            )


def _declared_methods(callback: object) -> set[str]:
    """The methods a view handles: a viewset's actions, a class's handlers, or, for a function
    view, POST when its code reads ``request.method``/``request.POST`` for it."""
    actions = getattr(callback, "actions", None)
    if actions:
        return {m.upper() for m in actions}
    cls = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if cls is not None:
        return {m.upper() for m in cls.http_method_names if m not in {"options", "head"}} & {
            m.upper() for m in dir(cls) if m in cls.http_method_names
        }
    try:
        source = inspect.getsource(inspect.unwrap(callback))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return set()
    return {"POST"} if '"POST"' in source or "request.POST" in source else set()


def all_routes() -> dict[str, Route]:
    """Every route of ``zhifa/urls.py`` by URL name (format-suffix twins folded into their route)."""
    routes: dict[str, Route] = {}
    for name, pattern, callback in _walk(get_resolver(), "", ""):
        route = routes.setdefault(name, Route(name, pattern.replace("^", "").replace("$", "")))
        route.methods |= _declared_methods(callback)
        route.is_api = route.is_api or pattern.startswith("api/")
    return routes


def url_of(route: Route, obj: str | None, query: str = "") -> str:
    """The route's URL for the object; the object's values not in the path fill the query."""
    values = url_kwargs(obj)
    in_path = {
        k: v for k, v in values.items() if f"<{k}>" in route.pattern or f":{k}>" in route.pattern
    }
    url = reverse(route.name, kwargs=in_path)
    return f"{url}?{query.format(**values)}" if query else url


def send(client: Client, method: str, url: str, *, api: bool) -> int:
    """One request with an empty body (a refused write must not need a valid one)."""
    if method == "GET":
        return client.get(url).status_code
    call = getattr(client, method.lower())
    if api:
        return call(url, data=json.dumps({}), content_type="application/json").status_code
    if method == "POST":
        return call(url, data={}).status_code
    return call(url).status_code
