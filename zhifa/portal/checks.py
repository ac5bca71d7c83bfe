"""``manage.py check`` (run by ``make lint``) refuses declarations that would fail only when a page
is drawn: a menu item whose URL name does not resolve, or a function named by a path that does not
import. (A usage source that does not import stops the start-up itself: the portal hands them
to the catalogue when the apps are ready.)"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from zhifa.portal import collect


def _imports(path: str) -> bool:
    try:
        import_string(path)
    except ImportError:
        return False
    return True


@register()
def declarations(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    for item in collect.menu_items():
        try:
            reverse(item.url_name)
        except NoReverseMatch:
            errors.append(
                Error(f"menu item {item.label!r}: no URL named {item.url_name!r}", id="portal.E001")
            )
    paths = [
        (f"home panel {p.name!r}", p.summary)
        for _, ps in collect.declared("home_panels")
        for p in ps
    ]
    paths += [(f"{config.label}'s demo", seed.seed) for config, seed in collect.declared("demo")]
    for importer in collect.importers():
        paths += [
            (f"importer {importer.key!r}", importer.template),
            (f"importer {importer.key!r}", importer.service),
        ]
        try:
            reverse(importer.url_name, kwargs=dict(importer.url_kwargs))
        except NoReverseMatch:
            errors.append(
                Error(
                    f"importer {importer.key!r}: no URL named {importer.url_name!r}",
                    id="portal.E001",
                )
            )
    errors += [
        Error(f"{what}: {path!r} does not import", id="portal.E002")
        for what, path in paths
        if not _imports(path)
    ]
    return errors + _same_panel_names()


def _same_panel_names() -> list[Error]:
    """A home panel's summary reaches its template under the panel's name (``panel.<name>``): two
    apps declaring one name would show one app's to-dos in the other's section, silently."""
    owners: dict[str, list[str]] = {}
    for config, panels in collect.declared("home_panels"):
        for panel in panels:
            owners.setdefault(panel.name, []).append(config.label)
    return [
        Error(f"home panel {name!r} is declared by {', '.join(apps)}", id="portal.E003")
        for name, apps in owners.items()
        if len(apps) > 1
    ]
