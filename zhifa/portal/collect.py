"""The portal's one reader of what the apps declare on their AppConfigs (see
:mod:`zhifa.core.declarations`): the menu, the sections of each role's panel, the order of the demo
seeds, and the catalogue's usage sources. Apps are read from ``apps.get_app_configs()``, so a new app
joins the menu, the 工作台 and ``seed_demo`` by declaring, and no app imports another to do so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from zhifa.core.declarations import DemoSeed, HomePanel, Importer, MenuItem, PublicSearch


def declared(attribute: str, kind: type | None = None) -> list[tuple[AppConfig, Any]]:
    """Each installed app's ``attribute`` (apps without it are left out), in INSTALLED_APPS order.

    With ``kind``, the attribute is a sequence of ``kind`` (or one ``kind``) and a wrong type is
    refused at once, naming the app.
    """
    found = []
    for config in apps.get_app_configs():
        value = getattr(config, attribute, None)
        if value is None:
            continue
        if kind is not None:
            items = (value,) if isinstance(value, kind) else tuple(value)
            wrong = [item for item in items if not isinstance(item, kind)]
            if wrong:
                raise ImproperlyConfigured(
                    f"{config.name}: {attribute} must hold {kind.__name__} items, not {wrong[0]!r}"
                )
        found.append((config, value))
    return found


#: The portal's 数据导入 page in the menu: for the roles that may use at least one importer.
IMPORTS_ORDER = 80


def menu_items() -> list[MenuItem]:
    """Every app's menu items, by ``order`` (apps in INSTALLED_APPS order where equal), and the
    数据导入 page if any app declares an importer."""
    items = [item for _, value in declared("menu_items", MenuItem) for item in value]
    roles = frozenset(role for importer in importers() for role in importer.roles)
    if roles:
        items.append(MenuItem("数据导入", "imports", roles, order=IMPORTS_ORDER))
    return sorted(items, key=lambda item: item.order)


def menu_for(user: Any) -> list[MenuItem]:
    """The menu a signed-in user sees: the items open to everyone or to one of the user's roles."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [item for item in menu_items() if item.roles is None or user.has_role(*item.roles)]


def importers() -> list[Importer]:
    """Every app's Excel importers, by ``order``; a key declared twice is refused."""
    found: dict[str, Importer] = {}
    for config, value in declared("importers", Importer):
        for importer in value:
            if importer.key in found:
                raise ImproperlyConfigured(
                    f"{config.name}: importer {importer.key!r} declared twice"
                )
            found[importer.key] = importer
    return sorted(found.values(), key=lambda importer: importer.order)


def importers_for(user: Any) -> list[Importer]:
    """The importers ``user`` may use (one of the user's roles is among the importer's)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [importer for importer in importers() if user.has_role(*importer.roles)]


def home_panels(role: str) -> list[HomePanel]:
    """The sections of ``role``'s panel on the 工作台, by ``order``."""
    panels = [p for _, value in declared("home_panels", HomePanel) for p in value]
    return sorted((p for p in panels if role in p.templates), key=lambda p: p.order)


def demo_seeds() -> list[tuple[str, DemoSeed]]:
    """The apps' demo seeds as (app label, seed), each after the apps it names in ``after``
    (INSTALLED_APPS order otherwise). A seed naming an app with no seed, or a circle, is refused."""
    seeds = {config.label: seed for config, seed in declared("demo", DemoSeed)}
    for label, seed in seeds.items():
        missing = [name for name in seed.after if name not in seeds]
        if missing:
            raise ImproperlyConfigured(
                f"{label}'s demo runs after {', '.join(missing)}, which declare no demo"
            )
    ordered: list[tuple[str, DemoSeed]] = []
    done: set[str] = set()
    while len(ordered) < len(seeds):
        ready = [
            label
            for label, seed in seeds.items()
            if label not in done and all(name in done for name in seed.after)
        ]
        if not ready:
            circle = sorted(set(seeds) - done)
            raise ImproperlyConfigured(f"the demo seeds of {', '.join(circle)} wait on each other")
        label = ready[0]
        ordered.append((label, seeds[label]))
        done.add(label)
    return ordered


def usage_sources() -> dict[str, Callable[[date], Iterable[int]]]:
    """Every app's usage sources for the catalogue's five-year review, by name."""
    sources: dict[str, Callable[[date], Iterable[int]]] = {}
    for config, value in declared("usage_sources"):
        for name, path in dict(value).items():
            if name in sources:
                raise ImproperlyConfigured(f"{config.name}: usage source {name!r} declared twice")
            sources[name] = import_string(path)
    return sources


def public_searches() -> list[PublicSearch]:
    """What the public search covers, by ``order``."""
    found = [s for _, value in declared("public_search", PublicSearch) for s in value]
    return sorted(found, key=lambda s: s.order)
