"""One scope mechanism for every page and API (architecture invariant 1).

Each model's queryset subclasses :class:`ScopedQuerySet` and says, in ``scope_q``, which rows a
user may see. Views and API viewsets read through ``Model.objects.visible_to(user)`` and nothing
else, so an object outside the user's scope simply does not exist for them: 404, not 403.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class ScopedQuerySet(models.QuerySet):
    def scope_q(self, user: Any) -> models.Q:
        """The rows ``user`` may see; every scoped model overrides this."""
        raise NotImplementedError(f"{self.model.__name__} does not define its scope")

    def visible_to(self, user: Any) -> ScopedQuerySet:
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return self.filter(self.scope_q(user)).distinct()
