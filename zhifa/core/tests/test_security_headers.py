"""Security headers, HTTPS from the environment, and `manage.py check --deploy` without warnings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from zhifa import env

TEMPLATES = Path(django_settings.BASE_DIR) / "zhifa" / "templates"
MANAGE = Path(django_settings.BASE_DIR) / "manage.py"


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def test_signed_in_pages_and_api_answers_are_never_stored(client, demo, api_client):
    client.force_login(demo["scjg_zhang"])
    for url in ("/", "/registry/officers/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
    api_client.force_authenticate(user=demo["scjg_zhang"])
    assert "no-store" in api_client.get("/api/v1/agencies")["Cache-Control"]


def test_public_pages_may_be_cached(db, client):
    response = client.get("/public/agencies/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_every_page_allows_only_the_apps_own_assets(db, client):
    response = client.get("/login/")
    policy = _csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_holds_inline_script_or_style():
    """The CSP would block them: scripts and styles live in static files."""
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.I
    )
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert found == []


def test_htmx_is_told_not_to_insert_its_inline_style(db, client):
    page = client.get("/deadline/").content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in page


def test_hsts_only_over_https(db, client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert "Strict-Transport-Security" not in client.get("/login/")
    secure = client.get("/login/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_behind_a_tls_proxy_http_is_redirected_and_probes_are_not(db, client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/login/"
    assert client.get("/login/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("raw", ["X-Forwarded-Proto: https", "X_Forwarded_Proto", "-x"])
def test_a_malformed_proxy_header_name_stops_start_up(monkeypatch, raw):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", raw)
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER"):
        env.env_header("SECURE_PROXY_SSL_HEADER")


def test_a_proxy_header_name_becomes_djangos_meta_key(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env.env_header("SECURE_PROXY_SSL_HEADER") == "HTTP_X_FORWARDED_PROTO"


# --- manage.py check --deploy with the production settings from the environment ---

PRODUCTION = {
    "HTTPS": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "ALLOWED_HOSTS": "zhifa.sfj.example.gov.cn",
    "SECRET_KEY": "k3Y-" + "Zq8wL2xR5vN9tB4mC7pH1sD6fG0jK3aE" * 2,
    "DEBUG": "false",
}


def _check_deploy(tmp_path: Path, **environ: str) -> subprocess.CompletedProcess:
    # The browser journeys' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright in this
    # process; a production server never has it, so the check runs without it.
    test_only = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, "ZHIFA_VAR_DIR": str(tmp_path), **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_with_the_production_settings(tmp_path):
    result = _check_deploy(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_names_what_is_missing_without_https(tmp_path):
    """The check is not vacuous: without HTTPS it warns about redirect, cookies and HSTS."""
    result = _check_deploy(tmp_path, **{**PRODUCTION, "HTTPS": "false"})
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr, check


def test_a_bad_hsts_value_stops_start_up_naming_it(tmp_path):
    result = _check_deploy(tmp_path, **{**PRODUCTION, "HSTS_SECONDS": "a year"})
    assert result.returncode != 0
    assert "HSTS_SECONDS must be an integer" in result.stderr
