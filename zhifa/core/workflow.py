"""Workflow tables: one explicit table per procedure (architecture invariant 4).

A procedure (a certificate's life, a list version's publication, later an inspection or a case) is
declared once, as rows of *state, action → next state, guards, roles who may*, with a name and a
version. Pages, the API, imports and the demo all act through :func:`transition`, and ask
:func:`available_actions` which buttons to show, so the table is the single truth of what may
happen next.

Declaring a table (in the app's ``workflows.py``, whose ``register()`` the app's
``AppConfig.ready`` calls; see ``zhifa/registry/workflows.py``)::

    from zhifa.core import workflow as wf

    CASE = wf.Workflow(
        name="cases.case",                      # also the ledger's action prefix
        version=1,
        model=Case,
        states={"open": "已立案", "closed": "已结案"},   # what is stored (the label shown)
        agency_of=lambda case: case.agency,     # whose roles count
        role_check=agency_roles,                # zhifa.org.permissions: (user, agency, roles)
                                                # -> None, or the Chinese refusal (403)
        steps=(
            wf.Step("open", "立案", sources=(wf.INITIAL,), target="open",
                    roles=(Role.AGENCY_HEAD,), run=_open),     # wf.start(Case, "open", …)
            wf.Step("close", "结案", sources=("open",), target="closed",
                    roles=(Role.AGENCY_HEAD,), run=_close,
                    guards=(wf.Guard(_decision_served, rule="《行政处罚法》第……条"),)),
        ),
    )

    def register() -> None:
        wf.register(CASE)

The app's service functions keep their names and signatures and call
``wf.transition(case, "close", actor, **data)`` (or ``wf.start(Case, "open", actor, agency=…,
**data)``); pages and the API look the object up in ``Model.objects.visible_to(user)`` first
(outsiders: 404), or use :func:`transition_visible`.

- ``run(obj, user, **data)`` is the service doing the work on the *locked* object; it validates
  its data (raising a Chinese ``ValidationError``), changes the rows, and returns what it made
  (the object itself, or e.g. a new ``Suspension``). It does not write the ledger: the engine
  writes one entry for the transition in the same transaction (the step's ``ledger_action``, the
  state before and after, the table's name and version, snapshots of the object and the result).
- A guard returns ``None`` or the Chinese reason it fails; the engine prefixes the rule it cites
  (``依据《…》：…``) and reports every failing guard together, by field. A guard that reads the
  request's data names it in ``needs``; :func:`available_actions` checks it only when given
  that data.
- ``sources=(INITIAL,)`` declares an action that creates the object (:func:`start`; ``run``
  gets ``None`` and returns the new object).
- The order of checks: the row is locked; the role (403); the stored state (a Chinese
  ``ValidationError``, the step's ``refusal`` or "当前状态为…，不能…", so a repeated request
  is refused and writes nothing); the guards; then ``run`` and the ledger.
- ``transition(…, seen=state)``: the state the user saw when choosing the action (a page's hidden
  field, an API client's ``state``). Checked on the locked row: if the object has left it
  meanwhile (another user acted first), the action is refused with "案件状态已变化，请刷新后重试"
  (the model's verbose name), even when the action would still be open from the new state.
- Two users acting on one object at once: the row lock makes the second wait for the first to
  commit, then read the new state, and be refused (the state check, or ``seen``); on SQLite
  every write transaction begins IMMEDIATE (settings), which serialises the same way.
- ``transition(…, consequence=True)`` skips only the role check, for a step a service takes
  because of a change it has just authorised (certificates cancelled when their holder leaves
  the post).
- ``target=None`` keeps the stored state (e.g. 暂扣 of a certificate is derived from its dates).
- The object stores the version of its table (``workflow_version``); when the procedure changes,
  register a new version (``CASE.extend(version=2, states=…, steps=…)``): objects started under
  version 1 keep following version 1, new ones follow version 2.

Core imports no app: the role check (which needs org's memberships) is given by the app.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404

from zhifa.core import ledger

#: The state before an object exists: steps from it create the object.
INITIAL = ""

#: ``(user, agency, roles) -> None`` when the user may act, else the Chinese refusal.
RoleCheck = Callable[[Any, Any, tuple[str, ...]], str | None]
GuardCheck = Callable[[Any, Any, Mapping[str, Any]], str | None]


@dataclass(frozen=True)
class Guard:
    """A condition the law (or the data) puts on an action: ``check(obj, user, data)``."""

    check: GuardCheck
    field: str = "status"
    rule: str = ""
    needs: tuple[str, ...] = ()

    def reason(self, obj: Any, user: Any, data: Mapping[str, Any]) -> str | None:
        failed = self.check(obj, user, data)
        if not failed:
            return None
        return f"依据{self.rule}：{failed}" if self.rule else failed


@dataclass(frozen=True)
class Step:
    """One row of a table: ``action`` from any of ``sources`` to ``target`` (``None``: stays)."""

    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    roles: tuple[str, ...]
    run: Callable[..., Any]
    guards: tuple[Guard, ...] = ()
    ledger_action: str = ""
    #: the refusal when the object is in another state (default: 当前状态为…，不能…)
    refusal: Callable[[Any], str] | None = None
    refusal_field: str = "status"
    #: for an action that cannot be undone, the question asked before it (pages put it on the
    #: button as ``data-confirm``; the API lists it with the action, for clients to ask too)
    confirm: str = ""


@dataclass(frozen=True)
class Workflow:
    name: str
    version: int
    model: type[models.Model]
    states: Mapping[str, str]
    steps: tuple[Step, ...]
    agency_of: Callable[[Any], Any]
    role_check: RoleCheck
    state_of: Callable[[Any], str] = lambda obj: obj.status
    snapshot: Callable[[Any], Any] = ledger.snapshot
    lock_related: tuple[str, ...] = ()
    version_field: str = "workflow_version"
    _by_action: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_action = {s.action: s for s in self.steps}
        if len(by_action) != len(self.steps):
            raise ValueError(f"{self.name}: an action is declared twice")
        for step in self.steps:
            unknown = {*step.sources, step.target} - {*self.states, INITIAL, None}
            if unknown:
                raise ValueError(f"{self.name}.{step.action}: unknown states {sorted(unknown)}")
        object.__setattr__(self, "_by_action", by_action)

    def step(self, action: str) -> Step:
        try:
            return self._by_action[action]
        except KeyError:
            raise ValidationError({"action": f"没有“{action}”这一操作"}) from None

    def ledger_action(self, step: Step) -> str:
        return step.ledger_action or f"{self.name}.{step.action}"

    def extend(
        self,
        *,
        version: int,
        states: Mapping[str, str] | None = None,
        steps: tuple[Step, ...] = (),
    ) -> Workflow:
        """The next version of this table: more states, more steps (a step of the same action
        replaces the old one)."""
        kept = tuple(s for s in self.steps if s.action not in {n.action for n in steps})
        return dataclasses.replace(
            self, version=version, states={**self.states, **(states or {})}, steps=kept + steps
        )


_TABLES: dict[tuple[str, int], Workflow] = {}
#: model label -> the version new objects follow instead of the newest (see :func:`following`)
_FOLLOWING: dict[str, int] = {}


def register(table: Workflow) -> Workflow:
    """Make ``table`` the one for its model and version (called from ``AppConfig.ready``)."""
    _TABLES[(table.model._meta.label_lower, table.version)] = table
    return table


def unregister(table: Workflow) -> None:
    _TABLES.pop((table.model._meta.label_lower, table.version), None)


@contextlib.contextmanager
def following(model: type[models.Model], version: int) -> Iterator[None]:
    """New objects of ``model`` follow table ``version`` inside the block: for recording what was
    done before the procedure changed (a demo city's history, records taken over from an older
    system), never for today's work."""
    label = model._meta.label_lower
    if (label, version) not in _TABLES:
        raise LookupError(f"{label} has no workflow table of version {version}")
    before = _FOLLOWING.get(label)
    _FOLLOWING[label] = version
    try:
        yield
    finally:
        if before is None:
            _FOLLOWING.pop(label, None)
        else:
            _FOLLOWING[label] = before


def latest(model: type[models.Model]) -> Workflow:
    """The newest table of ``model``: new objects follow it (unless :func:`following` says)."""
    label = model._meta.label_lower
    if label in _FOLLOWING:
        return _TABLES[(label, _FOLLOWING[label])]
    found = [t for (m, _), t in _TABLES.items() if m == label]
    if not found:
        raise LookupError(f"no workflow table is registered for {label}")
    return max(found, key=lambda t: t.version)


def table_of(obj: models.Model) -> Workflow:
    """The table ``obj`` follows: the version it remembers."""
    label = obj._meta.label_lower
    table = latest(type(obj))
    version = getattr(obj, table.version_field, None) or table.version
    try:
        return _TABLES[(label, version)]
    except KeyError:
        raise LookupError(f"{label} has no workflow table of version {version}") from None


def _refuse_state(table: Workflow, step: Step, obj: Any, state: str) -> ValidationError:
    if step.refusal is not None:
        message = step.refusal(obj)
    else:
        message = f"当前状态为{table.states.get(state, state)}，不能{step.label}"
    return ValidationError({step.refusal_field: ValidationError(message, code="state")})


def stale_message(table: Workflow) -> str:
    """The refusal of an action chosen for a state the object has since left."""
    return f"{table.model._meta.verbose_name}状态已变化，请刷新后重试"


def _require_seen(table: Workflow, obj: Any, state: str, seen: str | None) -> None:
    if seen is not None and seen != state:
        message = ValidationError(stale_message(table), code="stale")
        raise ValidationError({"status": message})


def _require_role(table: Workflow, step: Step, user: Any, agency: Any) -> None:
    refusal = table.role_check(user, agency, step.roles)
    if refusal:
        raise PermissionDenied(refusal)


def _require_guards(step: Step, obj: Any, user: Any, data: dict) -> None:
    failures: dict[str, list[str]] = {}
    for guard in step.guards:
        reason = guard.reason(obj, user, data)
        if reason:
            failures.setdefault(guard.field, []).append(reason)
    if failures:
        raise ValidationError(failures)


def _record(
    table: Workflow, step: Step, user: Any, obj: Any, before: Any, result: Any, source: str
) -> None:
    after: dict[str, Any] = {
        "workflow": table.name,
        "version": table.version,
        "action": step.action,
        "state": table.state_of(obj),
        "object": table.snapshot(obj),
    }
    if isinstance(result, models.Model) and result is not obj:
        after["result"] = {"type": ledger.object_label(result), **(ledger.snapshot(result) or {})}
    ledger.append(
        actor=user,
        action=table.ledger_action(step),
        obj=obj,
        before=None if before is None else {"state": source, "object": before},
        after=after,
    )


@transaction.atomic
def transition(
    obj: models.Model,
    action: str,
    user: Any,
    *,
    consequence: bool = False,
    seen: str | None = None,
    **data: Any,
) -> Any:
    """Take ``action`` on ``obj`` as ``user``; return what the step's service returns.

    Locks the row, refuses an action not open from the *current* stored state (so a stale or
    repeated request changes nothing), a user without the step's roles (PermissionDenied) and
    failing guards (all reasons together), then runs the service and writes the ledger, all in
    one transaction. ``consequence=True`` skips the role check only: for a step a service takes
    because of another change it has just authorised (a certificate is cancelled because its
    holder left the post); state and guards are still checked. ``seen`` (the state the user
    chose the action in) refuses an action on an object that has changed state since.
    """
    table = table_of(obj)
    step = table.step(action)
    if INITIAL in step.sources:
        raise ValueError(f"{table.name}.{action} creates an object: use workflow.start")
    locked = (
        table.model._default_manager.select_for_update()
        .select_related(*table.lock_related)
        .get(pk=obj.pk)
    )
    source = table.state_of(locked)
    if not consequence:
        _require_role(table, step, user, table.agency_of(locked))
    _require_seen(table, locked, source, seen)
    if source not in step.sources:
        raise _refuse_state(table, step, locked, source)
    _require_guards(step, locked, user, data)
    before = table.snapshot(locked)
    result = step.run(locked, user, **data)
    _settle(table, step, locked)
    _record(table, step, user, locked, before, result, source)
    return result


@transaction.atomic
def start(model: type[models.Model], action: str, user: Any, *, agency: Any, **data: Any) -> Any:
    """Take a creating ``action`` (a step from ``INITIAL``) of ``model``'s newest table, as
    ``user`` holding one of its roles in ``agency``; the service returns the new object, which
    remembers the table's version."""
    table = latest(model)
    step = table.step(action)
    if INITIAL not in step.sources:
        raise ValueError(f"{table.name}.{action} does not create an object: use transition")
    _require_role(table, step, user, agency)
    _require_guards(step, None, user, data)
    created = step.run(None, user, **data)
    setattr(created, table.version_field, table.version)
    created.save(update_fields=[table.version_field])
    _settle(table, step, created)
    _record(table, step, user, created, None, created, INITIAL)
    return created


def _settle(table: Workflow, step: Step, obj: Any) -> None:
    """The service must leave the object where the table says; otherwise nothing is kept."""
    if step.target is not None and table.state_of(obj) != step.target:
        raise RuntimeError(
            f"{table.name}.{step.action} left the object in {table.state_of(obj)!r}, "
            f"not {step.target!r}"
        )


def require_role(obj: models.Model, action: str, user: Any) -> None:
    """Refuse (PermissionDenied, the table's Chinese refusal) unless ``user`` holds one of the
    roles of ``action`` on ``obj`` (a page asks before it even validates the form)."""
    table = table_of(obj)
    _require_role(table, table.step(action), user, table.agency_of(obj))


def transition_visible(
    queryset: models.QuerySet, pk: Any, action: str, user: Any, **data: Any
) -> Any:
    """:func:`transition` on an object looked up in ``queryset`` (the user's scope, e.g.
    ``Model.objects.visible_to(user)``): an object the user may not see is 404, not 403."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404("对象不存在或您无权查看")
    return transition(obj, action, user, **data)


@dataclass(frozen=True)
class Available:
    """An action the user holds the role for, from the object's current state."""

    action: str
    label: str
    allowed: bool
    reasons: tuple[str, ...] = ()
    confirm: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "label": self.label,
            "allowed": self.allowed,
            "reasons": list(self.reasons),
            "confirm": self.confirm,
        }


def available_actions(
    obj: models.Model,
    user: Any,
    data: Mapping[str, Any] | None = None,
    *,
    cache: dict | None = None,
) -> list[Available]:
    """Which actions ``user`` may take on ``obj`` now, in table order: those open from its state
    for which the user holds a role; one blocked only by a guard comes with the guard's reasons.
    Guards that need request data are checked only when ``data`` holds what they need (a page may
    pass e.g. today's date); the rest are left to :func:`transition`. ``cache`` (a dict kept for
    one request) remembers role checks across objects of the same agency, for lists."""
    table = table_of(obj)
    state = table.state_of(obj)
    agency = table.agency_of(obj)
    data = data or {}
    refusals: dict[Any, str | None] = {} if cache is None else cache
    found = []
    for step in table.steps:
        if state not in step.sources:
            continue
        key = (table.name, agency, step.roles)
        if key not in refusals:
            refusals[key] = table.role_check(user, agency, step.roles)
        if refusals[key]:
            continue
        reasons = [
            r
            for g in step.guards
            if set(g.needs) <= set(data) and (r := g.reason(obj, user, data)) is not None
        ]
        found.append(Available(step.action, step.label, not reasons, tuple(reasons), step.confirm))
    return found


def confirmation(obj: models.Model, action: str) -> str:
    """The question to ask before ``action`` on ``obj`` ("" for an action that can be undone)."""
    return table_of(obj).step(action).confirm


def allowed_actions(
    obj: models.Model, user: Any, data: Mapping[str, Any] | None = None
) -> set[str]:
    """The actions ``user`` may take on ``obj`` now (for showing buttons)."""
    return {a.action for a in available_actions(obj, user, data) if a.allowed}
