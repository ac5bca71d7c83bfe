"""Login throttling by account *and* client address (等保 level 3, GB/T 22239-2019 8.1.4.1:
登录失败处理 — 限制非法登录次数、自动退出).

django-axes counts failures per (account, address) and per address: an account is locked for one
address after ``AXES_FAILURE_LIMIT`` failures from it, so nobody can lock ``sysadmin`` out from
elsewhere; an address is locked for every account after ``AXES_ADDRESS_FAILURE_LIMIT`` failures,
so nobody can spray passwords across accounts unthrottled. One limit per parameter is more than
axes offers, so the address' count is scaled onto the account limit here.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _failures(attempts: Any) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class AddressAwareHandler(AxesDatabaseHandler):
    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        """The failures that count toward the lockout: the (account, address) pair's, and the
        address' scaled so that reaching AXES_ADDRESS_FAILURE_LIMIT reaches the account limit."""
        limit = get_failure_limit(request, credentials)
        address_limit = max(settings.AXES_ADDRESS_FAILURE_LIMIT, 1)
        worst = 0
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            count = _failures(attempts)
            if parameter == "ip_address":
                count = count * limit // address_limit
            worst = max(worst, count)
        return worst


def failures_in_window(username: str, address: str) -> int:
    """Failed sign-ins of ``username`` from ``address`` in the current lockout window."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return _failures(
        AccessAttempt.objects.filter(username=username, ip_address=address, attempt_time__gte=since)
    )
