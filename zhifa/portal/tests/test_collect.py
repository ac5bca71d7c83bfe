"""The portal composes what the apps declare: a new app joins the menu, a role's panel, the demo
and the five-year review by declaring on its AppConfig, and org names no app above it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from zhifa.catalog import usage
from zhifa.core.declarations import DemoSeed, HomePanel, MenuItem
from zhifa.portal import checks, collect

ZHIFA = Path(__file__).resolve().parents[2]


def matters_used_by_appeals(since: date) -> list[int]:
    return [7]


def an_app(label: str, **declarations) -> SimpleNamespace:
    return SimpleNamespace(label=label, name=f"zhifa.{label}", **declarations)


@pytest.fixture
def with_apps(monkeypatch):
    """Install pretend apps after the real ones."""

    def install(*extra: SimpleNamespace) -> None:
        real = list(apps.get_app_configs())
        monkeypatch.setattr(collect.apps, "get_app_configs", lambda: [*real, *extra])

    return install


def test_it_orders_the_menu_across_apps():
    labels = [item.label for item in collect.menu_items()]
    assert labels[0] == "工作台"
    assert labels[-1] == "期限计算"
    assert labels.index("执法主体") < labels.index("执法人员") < labels.index("执法事项")
    assert labels.index("执法事项") < labels.index("用户管理") < labels.index("审计台账")


def test_a_new_app_joins_the_menu_where_its_order_says(with_apps):
    with_apps(an_app("appeals", menu_items=(MenuItem("案件办理", "appeals:list", order=35),)))
    labels = [item.label for item in collect.menu_items()]
    assert labels.index("清单报备") < labels.index("案件办理") < labels.index("用户管理")


def test_a_new_app_joins_a_roles_panel_after_the_apps_before_it(with_apps):
    section = HomePanel(
        "appeals", "zhifa.appeals.home.summary", {"officer": "appeals/home.html"}, 30
    )
    with_apps(an_app("appeals", home_panels=(section,)))
    panels = collect.home_panels("officer")
    officer = [p.name for p in panels]
    at = officer.index("appeals")
    # After every panel ordered before it or beside it (the installed apps come first), before
    # every panel ordered after it: whatever the other apps' panels are.
    assert all(p.order <= section.order for p in panels[:at])
    assert all(p.order > section.order for p in panels[at + 1 :])
    assert officer[:2] == ["org", "registry"] and "cases" in officer[at + 1 :]
    assert [p.name for p in collect.home_panels("audit_admin")] == ["org"]


def test_it_refuses_a_declaration_of_the_wrong_kind(with_apps):
    with_apps(an_app("appeals", menu_items=("案件办理",)))
    with pytest.raises(ImproperlyConfigured, match=r"zhifa\.appeals: menu_items"):
        collect.menu_items()


def test_it_seeds_each_app_after_those_it_needs(with_apps):
    installed = [label for label, _ in collect.demo_seeds()]
    assert installed[:3] == ["org", "registry", "catalog"]
    assert installed.index("parties") < installed.index("inspections")
    with_apps(
        an_app("supervision", demo=DemoSeed("x.seed", after=("appeals",))),
        an_app("appeals", demo=DemoSeed("x.seed", after=("catalog", "registry"))),
    )
    order = [label for label, _ in collect.demo_seeds()]
    assert order.index("catalog") < order.index("appeals") < order.index("supervision")
    assert order.index("registry") < order.index("appeals")
    assert order[-1] == "supervision"


def test_it_refuses_demo_seeds_that_wait_on_each_other(with_apps):
    with_apps(
        an_app("appeals", demo=DemoSeed("x.seed", after=("inspections",))),
        an_app("inspections", demo=DemoSeed("x.seed", after=("appeals",))),
    )
    with pytest.raises(ImproperlyConfigured, match="appeals, inspections wait on each other"):
        collect.demo_seeds()


def test_it_refuses_a_demo_seed_after_an_app_without_one(with_apps):
    with_apps(an_app("appeals", demo=DemoSeed("x.seed", after=("disclosure",))))
    with pytest.raises(ImproperlyConfigured, match="after disclosure"):
        collect.demo_seeds()


def test_it_collects_the_catalogues_usage_sources(with_apps):
    assert list(collect.usage_sources()) == ["inspections", "cases"]
    path = f"{__name__}.matters_used_by_appeals"
    with_apps(an_app("appeals", usage_sources={"appeals": path}))
    sources = collect.usage_sources()
    assert list(sources) == ["inspections", "cases", "appeals"]
    assert sources["appeals"](date(2021, 6, 1)) == [7]


def test_org_names_no_app_above_it():
    """No module, template or URL name of org's mentions the apps built on it."""
    above = re.compile(r"zhifa\.(registry|catalog|portal)|(registry|catalog|portal)[:/]")
    org_files = [*(ZHIFA / "org").rglob("*.py"), *(ZHIFA / "templates" / "org").rglob("*.html")]
    org_files = [f for f in org_files if "tests" not in f.relative_to(ZHIFA).parts]
    assert len(org_files) > 20
    named = [f"{f.relative_to(ZHIFA)}" for f in org_files if above.search(f.read_text())]
    assert named == []


def test_the_portal_hands_the_catalogue_the_declared_usage_sources(with_apps, monkeypatch):
    monkeypatch.setattr(usage, "SOURCES", {})
    with_apps(an_app("appeals", usage_sources={"appeals": f"{__name__}.matters_used_by_appeals"}))
    apps.get_app_config("portal").ready()
    assert usage.SOURCES["appeals"] is matters_used_by_appeals
    assert set(usage.SOURCES) == {"inspections", "cases", "appeals"}


def test_the_system_check_finds_a_menu_item_or_a_function_that_is_not_there(with_apps):
    assert checks.declarations() == []
    with_apps(
        an_app(
            "appeals",
            menu_items=(MenuItem("案件办理", "appeals:list"),),
            home_panels=(
                HomePanel("appeals", "zhifa.appeals.home.summary", {"officer": "x.html"}),
            ),
            demo=DemoSeed("zhifa.appeals.demo.seed_demo", after=("catalog",)),
        )
    )
    found = [(e.id, e.msg) for e in checks.declarations()]
    assert found == [
        ("portal.E001", "menu item '案件办理': no URL named 'appeals:list'"),
        ("portal.E002", "home panel 'appeals': 'zhifa.appeals.home.summary' does not import"),
        ("portal.E002", "appeals's demo: 'zhifa.appeals.demo.seed_demo' does not import"),
    ]


def test_the_system_check_refuses_two_home_panels_of_one_name(with_apps):
    """The cases app once named its major-decision filings panel "filings" like the pre-filings'
    panel: the head's pre-filing to-dos vanished from the 工作台."""
    summary = "zhifa.inspections.views.filings.home_summary"
    with_apps(
        an_app("appeals", home_panels=(HomePanel("filings", summary, {"officer": "x.html"}),))
    )
    found = [(e.id, e.msg) for e in checks.declarations()]
    assert found == [("portal.E003", "home panel 'filings' is declared by inspections, appeals")]
