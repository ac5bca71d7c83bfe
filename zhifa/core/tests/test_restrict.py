"""``Model.objects.restrict(user, action)``: one query, no DISTINCT, no duplicate rows; and
``Agency.objects.where_role``, the one answer to "the agencies where this user holds a role"."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from zhifa.core.scoping import CHANGE, VIEW, ScopedQuerySet, permits
from zhifa.org.models import Agency, Role, User
from zhifa.org.scope import scope_of
from zhifa.org.services import accounts
from zhifa.registry.models import Certificate, CertificateReview, ExamResult, Officer
from zhifa.testing.ledger_guard import writes_around_services


def one_query(build, user: User) -> tuple[list, str]:
    """Evaluate ``build()`` and return its rows and the one SQL statement it ran (the user's
    roles are read first, once per request, as every page does)."""
    scope_of(user)
    with CaptureQueriesContext(connection) as queries:
        rows = list(build())
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]
    return rows, queries.captured_queries[0]["sql"]


def test_it_gives_a_supervisor_each_colleague_once_in_one_query_without_distinct(demo):
    """A user holding two roles joins twice through memberships: a pk__in subquery, not DISTINCT,
    keeps them to one row."""
    chen = demo["sfj_chen"]
    scjg = Agency.objects.get(short_name="市市场监管局")
    accounts.grant_role(demo["secadmin"], demo["scjg_wang"], role=Role.LEGAL_REVIEWER, agency=scjg)
    rows, sql = one_query(lambda: User.objects.restrict(chen), chen)
    assert "DISTINCT" not in sql.upper()
    pks = [u.pk for u in rows]
    assert len(pks) == len(set(pks)) and "IN (SELECT" in sql.upper()
    assert {"scjg_zhang", "scjg_admin", "dc_sfj_liu", "sfj_chen"} <= {u.username for u in rows}
    assert "qy_demo" not in {u.username for u in rows}
    # Filtering by the scope's joins directly would repeat the users with several roles.
    joined = User.objects.filter(User.objects.scope_q(chen, VIEW))
    assert joined.count() > len(rows)


def test_it_answers_for_the_registry_in_one_query_without_distinct_or_duplicates(
    registry_demo,
):
    chen = registry_demo["sfj_chen"]
    for model in (Officer, Certificate, CertificateReview, ExamResult):
        rows, sql = one_query(lambda m=model: m.objects.restrict(chen), chen)
        assert rows, model.__name__
        assert "DISTINCT" not in sql.upper(), model.__name__
        assert len({r.pk for r in rows}) == len(rows), model.__name__
    # The district supervisor sees a part of what the city supervisor sees, never more.
    liu = registry_demo["dc_sfj_liu"]
    city = set(Officer.objects.restrict(chen).values_list("pk", flat=True))
    district = set(Officer.objects.restrict(liu).values_list("pk", flat=True))
    assert district and district < city


def test_it_knows_the_action(registry_demo):
    officer = Officer.objects.filter(agency__short_name="市市场监管局").first()
    assert permits(registry_demo["scjg_admin"], officer, VIEW)
    assert permits(registry_demo["scjg_admin"], officer, CHANGE)
    assert permits(registry_demo["scjg_zhang"], officer, VIEW)
    assert not permits(registry_demo["scjg_zhang"], officer, CHANGE)
    assert permits(registry_demo["sfj_chen"], officer, VIEW)
    assert not permits(registry_demo["sfj_chen"], officer, CHANGE)
    assert not permits(registry_demo["sthj_xu"], officer, VIEW)
    with pytest.raises(ValueError, match="has no action 'approve'"):
        Officer.objects.restrict(registry_demo["scjg_admin"], "approve")


def test_nobody_signed_out_or_disabled_gets_a_row(demo):
    from django.contrib.auth.models import AnonymousUser

    assert not Agency.objects.restrict(AnonymousUser()).exists()
    assert not Agency.objects.restrict(None).exists()
    admin = demo["scjg_admin"]
    admin.is_active = False
    assert not Agency.objects.restrict(admin).exists()
    assert not Agency.objects.where_role(admin, Role.AGENCY_ADMIN).exists()


def test_where_role_names_the_agencies_of_the_role_and_leaves_out_dissolved_ones(demo):
    scjg = Agency.objects.get(short_name="市市场监管局")
    admin, head = demo["scjg_admin"], demo["scjg_wang"]
    assert list(Agency.objects.where_role(admin, Role.AGENCY_ADMIN)) == [scjg]
    assert list(Agency.objects.where_role(head, Role.AGENCY_ADMIN)) == []
    assert list(Agency.objects.where_role(head, Role.AGENCY_ADMIN, Role.AGENCY_HEAD)) == [scjg]
    _, sql = one_query(lambda: Agency.objects.where_role(admin, Role.AGENCY_ADMIN), admin)
    assert "DISTINCT" not in sql.upper()

    with writes_around_services("the agency dissolved, and nothing else about it changed"):
        Agency.objects.filter(pk=scjg.pk).update(is_active=False)
    assert list(Agency.objects.where_role(admin, Role.AGENCY_ADMIN)) == []
    kept = Agency.objects.where_role(admin, Role.AGENCY_ADMIN, include_inactive=True)
    assert list(kept) == [scjg]
    # Acting needs an agency that exists: the dissolved agency's records stay readable only.
    assert Agency.objects.restrict(admin).filter(pk=scjg.pk).exists()
    assert not Agency.objects.restrict(admin, CHANGE).filter(pk=scjg.pk).exists()


def test_the_four_old_copies_now_give_one_answer(demo):
    """Catalogue and registry pages, the Excel importer and the assessment page used to compute
    "the agencies this user keeps" four ways (one kept dissolved agencies)."""
    from zhifa.catalog.views.pages import admin_agencies as catalog_admin_agencies
    from zhifa.registry.excel import keeper_agencies
    from zhifa.registry.views.assessments import assessing_agencies
    from zhifa.registry.views.common import admin_agencies as registry_admin_agencies

    scjg = Agency.objects.get(short_name="市市场监管局")
    admin = demo["scjg_admin"]
    with writes_around_services("the agency dissolved, and nothing else about it changed"):
        Agency.objects.filter(pk=scjg.pk).update(is_active=False)
    assert list(catalog_admin_agencies(admin)) == []
    assert list(registry_admin_agencies(admin)) == []
    assert keeper_agencies(admin) == []
    assert list(assessing_agencies(admin)) == []


def test_a_scope_written_before_actions_still_answers_view_and_nothing_else(demo):
    class LegacyQuerySet(ScopedQuerySet):
        def scope_q(self, user):
            return Q(short_name="市市场监管局")

    legacy = LegacyQuerySet(model=Agency)
    scjg = legacy.restrict(demo["scjg_zhang"])
    assert [a.short_name for a in scjg] == ["市市场监管局"]
    assert [a.short_name for a in legacy.visible_to(demo["scjg_zhang"])] == ["市市场监管局"]
    with pytest.raises(ValueError):
        legacy.restrict(demo["scjg_zhang"], CHANGE)


def _reaches_agency(model, depth: int = 3) -> bool:
    """Whether ``model`` holds an agency's data: a chain of foreign keys leads to ``Agency``."""
    if model is Agency:
        return True
    if depth == 0:
        return False
    return any(
        _reaches_agency(field.related_model, depth - 1)
        for field in model._meta.get_fields()
        if (field.many_to_one or field.one_to_one) and field.concrete and field.related_model
    )


def test_every_model_holding_agency_data_answers_every_action_it_declares(demo):
    """A model whose rows belong to an agency has a scope (invariant 1), and each action it
    declares is answered for every persona, in one query."""
    from django.apps import apps

    models = [
        m
        for config in apps.get_app_configs()
        if config.name.startswith("zhifa.") and config.label != "core"
        for m in config.get_models()
        if _reaches_agency(m)
    ]
    assert {m.__name__ for m in models} >= {"Officer", "Filing", "ExamResult", "Unit"}
    unscoped = [m.__name__ for m in models if not isinstance(m.objects.all(), ScopedQuerySet)]
    assert unscoped == []
    for user in demo.values():
        for model in models:
            for action in model.objects.all().actions:
                model.objects.restrict(user, action).count()
