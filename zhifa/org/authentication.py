"""API tokens that expire (等保 level 3: 身份鉴别 — no credential lives forever)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expired(token: Token) -> bool:
    return token.created < timezone.now() - timedelta(hours=settings.API_TOKEN_HOURS)


def issue_token(user: Any) -> Token:
    """The user's current token, or a new one if the old one has expired."""
    token, created = Token.objects.get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        try:
            token = Token.objects.select_related("user").get(key=key)
        except Token.DoesNotExist:
            raise exceptions.AuthenticationFailed("令牌无效") from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("账号已停用")
        if token.user.must_change_password:
            raise exceptions.AuthenticationFailed("您的密码已被重置，请先登录页面修改密码")
        if token_expired(token):
            raise exceptions.AuthenticationFailed("令牌已过期，请重新获取")
        return token.user, token
