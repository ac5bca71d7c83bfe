"""Sign-in events go to the audit log (the ledger): logins, logouts, failures and lockouts."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from zhifa.org.services import accounts


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    accounts.record_login(user, request)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        accounts.record_logout(user, request)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    accounts.record_login_failure(str(credentials.get("username", "")), request)


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any, username: str, **kwargs: Any) -> None:
    accounts.record_lockout(username or "", request)
