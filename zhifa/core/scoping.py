"""One scope mechanism for every page, API and export, with the action (architecture invariant 1).

Each model's queryset subclasses :class:`ScopedQuerySet` and says, in ``scope_q(user, action)``,
which rows a user may see (``"view"``) or act on (``"change"``, ``"review"``, … as the model
declares in ``actions``). Pages, API viewsets, exports and services ask
``Model.objects.restrict(user, action)`` and nothing else (the NetBox ``RestrictedQuerySet``
pattern), so they all get the same answer: an object outside the user's *view* scope does not
exist for them (404); an object they see but may not act on is a refusal (403).

``restrict`` keeps it one query without ``DISTINCT``: when the scope's conditions join along a
relation that can multiply rows (a user's memberships, an officer's certificates …) it filters by
``pk__in`` a subquery instead.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.sql.datastructures import Join

VIEW = "view"
CHANGE = "change"


def is_signed_in(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _multiplies_rows(query: Any) -> bool:
    """Whether a join in ``query`` follows a to-many relation (reverse foreign key, many-to-many)."""
    for join in query.alias_map.values():
        if not isinstance(join, Join):
            continue
        field = join.join_field
        if getattr(field, "one_to_many", False) or getattr(field, "many_to_many", False):
            return True
    return False


def _with_action(scope_q: Callable[..., models.Q]) -> Callable[..., models.Q]:
    """Adapt a view-only ``scope_q(self, user)`` written before actions existed."""

    def scope_q_with_action(self: ScopedQuerySet, user: Any, action: str = VIEW) -> models.Q:
        if action != VIEW:
            return ScopedQuerySet.scope_q(self, user, action)
        return scope_q(self, user)

    scope_q_with_action.__doc__ = scope_q.__doc__
    return scope_q_with_action


class ScopedQuerySet(models.QuerySet):
    #: The actions ``scope_q`` answers for this model; ``restrict`` refuses any other.
    actions: ClassVar[tuple[str, ...]] = (VIEW,)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("scope_q")
        if own is not None and len(inspect.signature(own).parameters) == 2:
            cls.scope_q = _with_action(own)  # type: ignore[method-assign]

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        """The rows ``user`` may ``action``; every scoped model overrides this."""
        if action not in self.actions:
            raise ValueError(f"{self.model.__name__} has no action {action!r}")
        raise NotImplementedError(f"{self.model.__name__} does not define its scope for {action}")

    def restrict(self, user: Any, action: str = VIEW) -> ScopedQuerySet:
        """The rows ``user`` may ``action`` (``view`` unless said), in one query, no duplicates."""
        if action not in self.actions:
            raise ValueError(f"{self.model.__name__} has no action {action!r}")
        if not is_signed_in(user):
            return self.none()
        q = self.scope_q(user, action)
        if not q:
            return self.all()
        scoped = self.model._base_manager.filter(q)
        if _multiplies_rows(scoped.query):
            return self.filter(pk__in=scoped.values("pk"))
        return self.filter(q)

    def visible_to(self, user: Any) -> ScopedQuerySet:
        """``restrict(user, "view")``, by its older name."""
        return self.restrict(user, VIEW)


class ChildScopedQuerySet(ScopedQuerySet):
    """The scope of rows that belong to a scoped parent (a certificate's reviews, an officer's
    exams): whoever may ``parent_actions[action]`` the parent may ``action`` the row."""

    parent: ClassVar[str]
    parent_actions: ClassVar[dict[str, str]] = {VIEW: VIEW}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.actions = tuple(cls.parent_actions)

    def scope_q(self, user: Any, action: str = VIEW) -> models.Q:
        if action not in self.parent_actions:
            return super().scope_q(user, action)
        parent_model = self.model._meta.get_field(self.parent).related_model
        allowed = parent_model.objects.restrict(user, self.parent_actions[action])
        return models.Q(**{f"{self.parent}__in": allowed.values("pk")})


def permits(user: Any, obj: models.Model, action: str) -> bool:
    """Whether ``user`` may ``action`` ``obj``: the model's own scope, asked for one row."""
    return type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists()


def require_permission(
    user: Any, obj: models.Model, action: str, message: str = "您无权办理此事项"
) -> None:
    """Refuse (403) unless ``user`` may ``action`` ``obj``; call it on an object already read
    through ``restrict(user, "view")``, so that an outsider has had their 404 before."""
    if not permits(user, obj, action):
        raise PermissionDenied(message)


def chosen_or_first(request: Any, allowed: models.QuerySet, key: str = "agency") -> Any:
    """The row of ``allowed`` that the request names by ``key`` (query string or form field),
    else the first: a page that acts for one of the bodies the user may act for. A name outside
    ``allowed`` (or not a number) falls back to the first, so no one acts for another body."""
    raw = request.GET.get(key) or request.POST.get(key)
    found = allowed.filter(pk=raw).first() if str(raw or "").isdigit() else None
    return found or allowed.first()
