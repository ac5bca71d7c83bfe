"""Create the three separated administrators of a new installation, with random passwords."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from zhifa.org.models import Role
from zhifa.org.services.accounts import bootstrap_administrators


def strong_password(length: int = 16) -> str:
    alphabet = string.ascii_letters + string.digits + "@#%+=-"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
        ):
            return candidate


class Command(BaseCommand):
    help = "创建系统管理员、安全管理员、审计管理员三个账号（三员分立），并打印初始密码"

    def handle(self, *args: Any, **options: Any) -> None:
        passwords = {
            role: strong_password()
            for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
        }
        try:
            users = bootstrap_administrators(passwords)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write("已创建三员账号，请登录后立即修改密码：")
        for user, password in zip(users, passwords.values(), strict=True):
            self.stdout.write(f"  {user.full_name}  {user.username}  {password}")
