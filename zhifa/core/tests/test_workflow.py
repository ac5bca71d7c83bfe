"""The workflow engine on a tiny table of its own: a ticket of an agency, opened, noted, closed
(and, in version 2, archived). Personas from the demo city: 市市场监管局's administrator and head
may close, its officer may only add a note, another agency's officer sees nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.http import Http404
from django.test.utils import isolate_apps

from zhifa.core import ledger, workflow
from zhifa.core.models import LedgerEntry
from zhifa.core.scoping import ScopedQuerySet

RULE_1, RULE_2 = "《办件规则》第一条", "《办件规则》第二条"


class TicketQuerySet(ScopedQuerySet):
    def scope_q(self, user: Any) -> models.Q:
        return models.Q(agency_id__in=user.memberships.values("agency_id"))


with isolate_apps("zhifa.core"):

    class Ticket(models.Model):
        agency_id = models.IntegerField()
        title = models.CharField(max_length=50)
        status = models.CharField(max_length=20, default="open")
        answer = models.CharField(max_length=50, blank=True)
        on_hold = models.BooleanField(default=False)
        workflow_version = models.PositiveSmallIntegerField(default=1)

        objects = TicketQuerySet.as_manager()

        class Meta:
            app_label = "core"
            db_table = "core_test_ticket"

        def __str__(self) -> str:
            return self.title


def role_check(user: Any, agency_id: int, roles: tuple[str, ...]) -> str | None:
    """What org's helper does for real tables: a role held in the ticket's agency."""
    if user.memberships.filter(agency_id=agency_id, role__in=roles).exists():
        return None
    return "只有本单位的负责人或信息管理员可以办理"


def open_ticket(_: None, user: Any, *, agency_id: int, title: str) -> Ticket:
    return Ticket.objects.create(agency_id=agency_id, title=title)


def close(ticket: Ticket, user: Any, *, note: str = "", fail: bool = False) -> Ticket:
    ticket.status = "closed"
    ticket.save()
    if fail:  # the service refuses after it changed the row: nothing may stay
        raise ValidationError({"note": "备注有误"})
    return ticket


def add_note(ticket: Ticket, user: Any, *, note: str) -> Ticket:
    ticket.title = f"{ticket.title}（{note}）"
    ticket.save()
    return ticket


def archive(ticket: Ticket, user: Any) -> Ticket:
    ticket.status = "archived"
    ticket.save()
    return ticket


ADMIN_OR_HEAD = ("agency_admin", "agency_head")

V1 = workflow.Workflow(
    name="core.ticket",
    version=1,
    model=Ticket,
    states={"open": "待办", "closed": "已办结"},
    agency_of=lambda ticket: ticket.agency_id,
    role_check=role_check,
    steps=(
        workflow.Step(
            "open", "登记", sources=(workflow.INITIAL,), target="open", roles=ADMIN_OR_HEAD,
            run=open_ticket,
        ),
        workflow.Step(
            "note", "备注", sources=("open",), target=None, roles=("officer", "agency_admin"),
            run=add_note,
        ),
        workflow.Step(
            "close",
            "办结",
            sources=("open",),
            target="closed",
            roles=ADMIN_OR_HEAD,
            run=close,
            confirm="办结后不能重新打开。确定办结？",
            guards=(
                workflow.Guard(
                    lambda t, u, d: None if t.answer else "尚未答复", field="answer", rule=RULE_1
                ),
                workflow.Guard(lambda t, u, d: "已挂起" if t.on_hold else None, rule=RULE_2),
                workflow.Guard(
                    lambda t, u, d: None if str(d.get("note", "")).strip() else "请填写办结说明",
                    field="note",
                    needs=("note",),
                ),
            ),
        ),
    ),
)  # fmt: skip
V2 = V1.extend(
    version=2,
    states={"archived": "已归档"},
    steps=(
        workflow.Step(
            "archive", "归档", sources=("closed",), target="archived", roles=ADMIN_OR_HEAD,
            run=archive,
        ),
    ),
)  # fmt: skip


@pytest.fixture(scope="module")
def ticket_table(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        with connection.schema_editor() as editor:
            editor.create_model(Ticket)
        yield
        with connection.schema_editor() as editor:
            editor.delete_model(Ticket)


@pytest.fixture
def table(ticket_table: None) -> Iterator[workflow.Workflow]:
    workflow.register(V1)
    yield V1
    workflow.unregister(V1)
    workflow.unregister(V2)


@pytest.fixture
def people(demo: dict[str, Any]) -> dict[str, Any]:
    return {
        "admin": demo["scjg_admin"],
        "head": demo["scjg_wang"],
        "officer": demo["scjg_zhang"],
        "outsider": demo["cg_sun"],
    }


@pytest.fixture
def ticket(table: workflow.Workflow, people: dict[str, Any]) -> Ticket:
    agency_id = people["admin"].memberships.get(role="agency_admin").agency_id
    return workflow.start(
        Ticket, "open", people["admin"], agency=agency_id, agency_id=agency_id, title="来电"
    )


def entries() -> int:
    return LedgerEntry.objects.count()


def payload(entry: LedgerEntry) -> dict[str, Any]:
    return json.loads(entry.payload.body)


def answered(ticket: Ticket, **fields: Any) -> Ticket:
    Ticket.objects.filter(pk=ticket.pk).update(answer="已答复", **fields)
    return Ticket.objects.get(pk=ticket.pk)


def test_it_closes_a_ticket_and_records_the_step_in_the_ledger(people, ticket):
    ticket = answered(ticket)
    seen = entries()
    workflow.transition(ticket, "close", people["head"], note="已电话回复")
    assert Ticket.objects.get(pk=ticket.pk).status == "closed"
    [entry] = LedgerEntry.objects.filter(seq__gt=seen)
    assert (entry.action, entry.actor, entry.object_id) == (
        "core.ticket.close",
        people["head"],
        str(ticket.pk),
    )
    body = payload(entry)
    assert body["before"]["state"] == "open"
    assert (body["after"]["state"], body["after"]["workflow"], body["after"]["version"]) == (
        "closed",
        "core.ticket",
        1,
    )
    assert body["after"]["object"]["status"] == "closed"


def test_it_refuses_an_action_from_the_wrong_state(people, ticket):
    ticket = answered(ticket, status="closed")
    seen = entries()
    with pytest.raises(ValidationError) as caught:
        workflow.transition(ticket, "note", people["admin"], note="补充")
    assert caught.value.message_dict == {"status": ["当前状态为已办结，不能备注"]}
    assert entries() == seen
    with pytest.raises(ValidationError, match="没有“reopen”这一操作"):
        workflow.transition(ticket, "reopen", people["admin"])


def test_a_colleague_without_the_role_gets_403_and_an_outsider_404(people, ticket):
    ticket = answered(ticket)
    seen = entries()
    with pytest.raises(PermissionDenied, match="只有本单位的负责人或信息管理员可以办理"):
        workflow.transition_visible(
            Ticket.objects.visible_to(people["officer"]), ticket.pk, "close", people["officer"]
        )
    with pytest.raises(Http404):
        workflow.transition_visible(
            Ticket.objects.visible_to(people["outsider"]), ticket.pk, "close", people["outsider"]
        )
    assert entries() == seen
    assert Ticket.objects.get(pk=ticket.pk).status == "open"


def test_every_failing_guard_is_reported_together_citing_its_rule(people, ticket):
    Ticket.objects.filter(pk=ticket.pk).update(on_hold=True)
    seen = entries()
    with pytest.raises(ValidationError) as caught:
        workflow.transition(ticket, "close", people["admin"], note=" ")
    assert caught.value.message_dict == {
        "answer": [f"依据{RULE_1}：尚未答复"],
        "status": [f"依据{RULE_2}：已挂起"],
        "note": ["请填写办结说明"],
    }
    assert entries() == seen
    assert Ticket.objects.get(pk=ticket.pk).status == "open"


def test_a_service_refusing_midway_leaves_nothing(people, ticket):
    ticket = answered(ticket)
    seen = entries()
    with pytest.raises(ValidationError, match="备注有误"):
        workflow.transition(ticket, "close", people["admin"], note="办结", fail=True)
    assert Ticket.objects.get(pk=ticket.pk).status == "open"
    assert entries() == seen


def test_the_change_and_its_ledger_entry_are_one_transaction(people, ticket, monkeypatch):
    ticket = answered(ticket)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("台账不可写")

    monkeypatch.setattr(ledger, "append", broken)
    with pytest.raises(RuntimeError):
        workflow.transition(ticket, "close", people["admin"], note="办结")
    assert Ticket.objects.get(pk=ticket.pk).status == "open"


def test_a_repeated_request_is_refused_and_writes_nothing(people, ticket):
    stale = answered(ticket)  # both requests were prepared while the ticket was open
    workflow.transition(stale, "close", people["admin"], note="办结")
    seen = entries()
    with pytest.raises(ValidationError, match="当前状态为已办结，不能办结"):
        workflow.transition(stale, "close", people["head"], note="办结")
    assert entries() == seen


def test_available_actions_per_persona(people, ticket):
    def shown(who: str, obj: Ticket) -> list[dict[str, Any]]:
        return [a.as_dict() for a in workflow.available_actions(obj, people[who])]

    blocked = {
        "action": "close",
        "label": "办结",
        "allowed": False,
        "reasons": [f"依据{RULE_1}：尚未答复"],
        "confirm": "办结后不能重新打开。确定办结？",  # asked before what cannot be undone
    }
    note = {"action": "note", "label": "备注", "allowed": True, "reasons": [], "confirm": ""}
    assert shown("admin", ticket) == [note, blocked]
    assert shown("head", ticket) == [blocked]
    assert shown("officer", ticket) == [note]
    assert shown("outsider", ticket) == []
    ticket = answered(ticket)
    assert workflow.allowed_actions(ticket, people["head"]) == {"close"}
    assert workflow.allowed_actions(ticket, people["admin"]) == {"close", "note"}
    assert workflow.confirmation(ticket, "close") == "办结后不能重新打开。确定办结？"
    assert workflow.confirmation(ticket, "note") == ""


def test_each_ticket_remembers_its_table_version(people, ticket):
    assert ticket.workflow_version == 1
    workflow.register(V2)
    agency_id = ticket.agency_id
    newer = workflow.start(
        Ticket, "open", people["head"], agency=agency_id, agency_id=agency_id, title="新"
    )
    assert Ticket.objects.get(pk=newer.pk).workflow_version == 2
    for obj in (ticket, newer):
        workflow.transition(answered(obj), "close", people["admin"], note="办结")
    # The older ticket follows version 1, which has no archiving; the newer one archives.
    with pytest.raises(ValidationError, match="没有“archive”这一操作"):
        workflow.transition(Ticket.objects.get(pk=ticket.pk), "archive", people["admin"])
    workflow.transition(Ticket.objects.get(pk=newer.pk), "archive", people["admin"])
    assert Ticket.objects.get(pk=newer.pk).status == "archived"
    assert payload(LedgerEntry.objects.order_by("-seq").first())["after"]["version"] == 2


def test_a_table_naming_an_unknown_state_is_refused_at_declaration():
    with pytest.raises(ValueError, match="unknown states"):
        V1.extend(version=3, steps=(V2.step("archive"),))


def test_a_consequence_skips_only_the_role_check(people, ticket):
    """A service may take a step because of a change it has just authorised; the state and the
    guards still hold."""
    with pytest.raises(ValidationError, match="尚未答复"):
        workflow.transition(ticket, "close", people["officer"], consequence=True, note="办结")
    ticket = answered(ticket)
    workflow.transition(ticket, "close", people["officer"], consequence=True, note="办结")
    with pytest.raises(ValidationError, match="不能办结"):
        workflow.transition(ticket, "close", people["officer"], consequence=True, note="办结")
